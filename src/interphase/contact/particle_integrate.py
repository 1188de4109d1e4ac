"""Adaptive time integration of the particle model: variable-step BDF2 (first step
backward Euler) with a predictor-based local error estimate and step-size control, and the
stop events found inside a step (cut-off voltage, Li-fraction window or capacity limit,
current decay), with the states and traces the driver keeps."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

try:  # BLAS threads only add overhead on the GMRES vector operations of this size
    from threadpoolctl import threadpool_limits
except ImportError:  # pragma: no cover - optional
    threadpool_limits = None

from interphase.contact.particle_model import _Model
from interphase.contact.particle_newton import _Integrator
from interphase.errors import ComputeError


def _accepted_step_factor(err: float) -> float:
    """Next step size over this one: the usual 0.9 err^(-1/3) (third-order error), rounded
    down to 1, 1.5, 2 or 4, so that steps are kept while the error allows no clear gain and a
    factorisation serves many steps."""
    factor = 0.9 * max(err, 1e-12) ** (-1.0 / 3.0)
    for grow in (4.0, 2.0, 1.5):
        if factor >= grow:
            return grow
    return 1.0


def _rejected_step_factor(err: float, n_reject: int) -> float:
    """Step size cut after a rejected error test. A repeated rejection cuts at least by
    half: across the kinks of a tabulated OCV the error does not fall as h^3, and cuts of
    ~10 % were rejected again and again."""
    if n_reject == 1:
        return max(0.2, 0.9 * err ** (-1.0 / 3.0))
    return max(0.2, min(0.5, 0.9 * err**-0.5))


def _find_stop(
    model: _Model,
    t_old: float,
    u_old: np.ndarray,
    t: float,
    u: np.ndarray,
    cutoff_v: float | None,
    charging: bool,
    window_stop_q: float | None,
    window_label: str,
    current_stop_a: float | None,
    previous: tuple[float, float] | None = None,
) -> tuple[float, str | None]:
    """The earliest stop condition met in the step (t_old, t], with its time, or (t, None).
    `previous` is (time, potential) of the accepted point before t_old, for the cut-off."""
    candidates: list[tuple[float, str]] = []
    if cutoff_v is not None:
        v_old, v_now = model.potential(u_old), model.potential(u)
        crossed = v_now >= cutoff_v if charging else v_now <= cutoff_v
        if crossed:
            w = _crossing(t_old, v_old, t, v_now, cutoff_v, previous)
            candidates.append((t_old + w * (t - t_old), "cut-off voltage"))
    sgn = 1.0 if charging else -1.0
    q_new, q_old = sgn * u[model.iq], sgn * u_old[model.iq]
    if window_stop_q is not None and q_new >= window_stop_q:
        w = (window_stop_q - q_old) / (q_new - q_old) if q_new != q_old else 1.0
        candidates.append((t_old + min(max(w, 0.0), 1.0) * (t - t_old), window_label))
    if current_stop_a is not None and abs(model.contact_current_a(u)) <= current_stop_a:
        candidates.append((t, "current below threshold"))
    if not candidates:
        return t, None
    t_stop, stop = min(candidates)
    return t_stop, stop


def _crossing(
    t1: float, v1: float, t2: float, v2: float, level: float, previous: tuple[float, float] | None
) -> float:
    """Fraction of the step (t1, t2] where V reaches `level`: on the parabola through the
    previous point and the step's ends when there is one (V bends sharply towards the end of
    the window, and the chord crossed up to 25 s early), else on the chord."""
    h = t2 - t1
    slope = (v2 - v1) / h if h > 0 else 0.0
    w = 1.0 if v2 == v1 else (level - v1) / (v2 - v1)
    if previous is not None and previous[0] < t1 and h > 0:
        t0, v0 = previous
        c = (slope - (v1 - v0) / (t1 - t0)) / (t2 - t0)  # second divided difference
        # v1 + s slope + c s (s - h) = level, s in [0, h]
        roots = np.roots([c, slope - c * h, v1 - level]) if c != 0.0 else np.array([])
        real = [float(r.real) / h for r in roots if abs(r.imag) < 1e-12 * h]
        inside = [r for r in real if 0.0 <= r <= 1.0]
        if inside:
            w = min(inside, key=lambda r: abs(r - w))
    return min(max(w, 0.0), 1.0)


def _interp_state(t: float, ta: float, ua: np.ndarray, tb: float, ub: np.ndarray) -> np.ndarray:
    w = 0.0 if tb == ta else (t - ta) / (tb - ta)
    return (1 - w) * ua + w * ub


def _run(model: _Model, u0: np.ndarray, **kwargs):
    """`_integrate` with single-threaded BLAS (the vectors are too short for threads to pay;
    on 2 cores OpenBLAS threads doubled the wall time)."""
    if threadpool_limits is None:
        return _integrate(model, u0, **kwargs)
    with threadpool_limits(limits=1, user_api="blas"):
        return _integrate(model, u0, **kwargs)


def _integrate(
    model: _Model,
    u0: np.ndarray,
    *,
    t_end: float,
    h0: float,
    tol: float,
    cutoff_v: float | None,
    charging: bool,
    current_stop_a: float | None,
    window_stop_q: float | None,
    window_label: str,
    frame_times: Sequence[float] | None,
    progress: Callable[[float], None] | None,
):
    """Integrate to a stop condition. Returns the stored states and bookkeeping."""
    integ = _Integrator(model, tol)
    n = model.n
    t = 0.0
    u = u0.copy()
    hist_t = [t]
    hist_u = [u.copy()]
    xmin = u[:n].copy()
    trace = [(t, model.potential(u), model.contact_current_a(u))]
    stored: list[tuple[float, np.ndarray]] = [(0.0, u[:n].astype(np.float32))]
    requested = sorted(frame_times) if frame_times is not None else None
    req_frames: list[tuple[float, np.ndarray]] = []
    h = h0
    h_prev = None
    termination = "time limit"
    n_steps = 0
    n_reject = 0
    n_event = 0
    while t < t_end * (1 - 1e-12):
        h = min(h, t_end - t)
        if h_prev is None:
            a0, rhs_u = 1.0, u
            u_pred = u
        else:
            w = h / h_prev
            a0 = (1 + 2 * w) / (1 + w)
            rhs_u = (1 + w) * u - (w * w / (1 + w)) * hist_u[-2]
            u_pred = u + w * (u - hist_u[-2])
            if len(hist_u) >= 3:
                t0, t1, t2 = hist_t[-3], hist_t[-2], hist_t[-1]
                tn = t + h
                l0 = (tn - t1) * (tn - t2) / ((t0 - t1) * (t0 - t2))
                l1 = (tn - t0) * (tn - t2) / ((t1 - t0) * (t1 - t2))
                l2 = (tn - t0) * (tn - t1) / ((t2 - t0) * (t2 - t1))
                u_pred = l0 * hist_u[-3] + l1 * hist_u[-2] + l2 * u
        a0_h = a0 / h
        rhs = rhs_u / h
        guess = u_pred.copy()
        guess[:n] = np.clip(guess[:n], 0.0, 1.0)
        if model.galvanostatic:
            # a consistent predictor: the potential that carries the current at the predicted
            # Li fractions (extrapolated, V can be tens of mV off, far into the exponential
            # Butler-Volmer regime, and Newton needed 2-3 more iterations)
            guess[model.iv] = model.solve_potential(guess[:n], float(guess[model.iv]))
        a0_h_steady = (1.0 if h_prev is None else 1.5) / h
        u_new = integ.newton(guess, a0_h, rhs, a0_h_steady)
        if u_new is None:
            n_reject += 1
            if n_reject > 60 or h < 1e-12 * t_end:
                raise ComputeError(
                    f"particle model: time step collapsed at t = {t:.4g} s (Newton failure)"
                )
            h *= 0.25
            continue
        # local error estimate against the predictor
        if h_prev is None:
            err = 0.0
        else:
            const = 2.0 / 9.0 if len(hist_u) >= 3 else 0.5
            ex = float(np.max(np.abs(u_new[:n] - u_pred[:n]))) * const / tol
            err = ex
            if model.galvanostatic:
                ev = abs(float(u_new[model.iv] - u_pred[model.iv])) * const / (5.0 * tol)
                err = max(err, ev)
        if err > 1.0 and h_prev is not None:
            n_reject += 1
            h *= _rejected_step_factor(err, n_reject)
            continue
        previous = (hist_t[-2], model.potential(hist_u[-2])) if len(hist_u) >= 2 else None
        t_stop, stop = _find_stop(
            model,
            t,
            u,
            t + h,
            u_new,
            cutoff_v,
            charging,
            window_stop_q,
            window_label,
            current_stop_a,
            previous,
        )
        if stop == "cut-off voltage" and n_event < 10 and t_stop - t < 0.75 * h:
            # a long step past the cut-off: land a step a little past the estimated crossing
            # (V bends up, so the estimate tends to be early), so that the crossing falls in
            # the last part of a short step
            n_event += 1
            h = 1.25 * (t_stop - t)
            continue
        n_reject = 0
        t_old, u_old = t, u
        t = t + h
        u = u_new
        n_steps += 1
        hist_t.append(t)
        hist_u.append(u)
        if len(hist_u) > 3:
            hist_t.pop(0)
            hist_u.pop(0)
        # requested frames inside (t_old, t]
        if requested is not None:
            while requested and requested[0] <= t + 1e-12 * t_end:
                tf = requested.pop(0)
                req_frames.append((tf, _interp_state(tf, t_old, u_old, t, u)[:n].copy()))
        v_now = model.potential(u)
        i_now = model.contact_current_a(u)
        if stop is not None:
            u = _interp_state(t_stop, t_old, u_old, t, u)
            t = t_stop
            v_now = model.potential(u)
            # the interpolated state is off the Butler-Volmer curve (its current was 5 % to
            # 8x off); a galvanostatic current is the applied one at any time
            i_now = model.i_app if model.galvanostatic else model.contact_current_a(u)
        xmin = np.minimum(xmin, u[:n])
        trace.append((t, v_now, i_now))
        stored.append((t, u[:n].astype(np.float32)))
        if progress is not None:
            progress(min(t / t_end, 1.0))
        if stop is not None:
            termination = stop
            break
        # next step size: kept or grown by a few fixed factors (`_accepted_step_factor`)
        first = h_prev is None
        h_prev = h
        if not first:  # the first step has no error estimate: keep its size
            h *= _accepted_step_factor(err)
    return {
        "t": t,
        "u": u,
        "xmin": xmin,
        "trace": trace,
        "stored": stored,
        "requested": req_frames,
        "termination": termination,
        "n_steps": n_steps,
        "n_lu": integ.n_lu,
        "n_lu_solves": integ.lu_solves(),
    }
