"""A cathode particle fed through point contacts with a solid electrolyte.

Transient Li diffusion in a 2-D cross-section (circle or square, Cartesian grid) or an
axisymmetric sphere (r, theta), with Butler-Volmer exchange only on contact patches of the
surface. Galvanostatic (C-rate, stopped at a cut-off voltage) or potentiostatic (stopped when
the current has decayed or at a time limit). This is the review's LiNi0.5Mn1.5O4 | LLZO case:
uneven contact -> uneven delithiation; the volume pushed below a Li-fraction threshold is the
volume where transition-metal migration may block Li channels.

Equations (x = c / c_max the Li fraction; i the anodic current density, Li leaving the
particle; V the particle potential vs Li/Li+ at the electrolyte side of the contact):

    dx/dt = div(D(x) grad x)                          in the particle
    -D(x) c_max dx/dn = i / F                         on contact patches, 0 elsewhere
    i = i0(x) [exp(a F eta / RT) - exp(-(1 - a) F eta / RT)],   eta = V - U(x)
    i0(x) = i0_ref sqrt(x (1 - x)) / 0.5
    galvanostatic: sum over patches of i dA = I (C-rate x capacity of the Li-fraction window)

Finite volumes (two-point fluxes, D at the face-mean Li fraction) give a differential-algebraic
system in (x, q, V), q the Li fraction that left the particle, integrated by variable-step
BDF2 (first step backward Euler) with Newton's method on the sparse Jacobian; the linear
systems are solved by GMRES preconditioned with a re-used SuperLU factorisation
(scipy.sparse.linalg.splu). See docs/particle.md.

All engines here are silent; `progress`, when given, is called with the fraction done.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, replace

import numpy as np
import scipy.sparse as sp
from scipy.sparse.linalg import splu

try:  # BLAS threads only add overhead on the GMRES vector operations of this size
    from threadpoolctl import threadpool_limits
except ImportError:  # pragma: no cover - optional
    threadpool_limits = None

from interphase.contact.particle_mesh import GEOMETRIES, ParticleMesh, build_mesh
from interphase.errors import ComputeError, InvalidConditionError
from interphase.materials.electrodes import (
    FARADAY_C_MOL,
    GAS_CONSTANT_J_MOL_K,
    ElectrodeParameters,
    get_electrode,
)
from interphase.results import Result

OPERATIONS = ("charge", "discharge")
# when no exchange-current density is known, i0 is set to this multiple of the mean contact
# current density at the applied rate: the fast-kinetics (near-Nernstian) limit
FAST_KINETICS_FACTOR = 100.0
_EXP_CLIP = 300.0
_X_EPS = 1e-9
# re-use a factorisation while the step's a0/h stays within this ratio of the one it was built for
_LU_LO, _LU_HI = 0.24, 4.1
# GMRES relative residual (inexact Newton: the Newton test and the residual test decide
# convergence; the Li balance is enforced exactly in each Newton update)
_GM_TOL = 1e-3
# re-assemble the Jacobian when a Newton step is more than this times the previous one
_CHORD = 0.1


@dataclass(frozen=True)
class ParticleResult(Result):
    """Outcome of one particle run.

    `frames` are Li-fraction maps (NaN outside the particle) at `frame_times_s`: for 2-D
    geometries indexed [ix, iy] over the square [-R, R]^2; for the sphere indexed [ir, itheta]
    (r from 0 to R, theta from 0 to pi). `capacity_fraction` is the Li moved, as a fraction of
    the material's practical Li-fraction window; `over_delithiated_fraction` the volume fraction
    whose Li fraction fell below `threshold_li_fraction` at any time of the run (None when no
    threshold is known). `conservation_error_relative` compares the Li lost from the particle
    with the integrated contact current.
    """

    material: str
    geometry: str
    operation: str
    mode: str
    contact_fraction: float
    contact_fraction_mesh: float
    n_patches: int
    c_rate: float | None
    hold_potential_v: float | None
    radius_um: float
    grid: int
    temperature_k: float
    diffusivity_cm2_s: float
    exchange_current_density_ma_cm2: float
    kinetics: str
    cutoff_v: float | None
    termination: str
    time_s: float
    capacity_fraction: float
    capacity_mah_g: float
    li_fraction_mean_initial: float
    li_fraction_mean_final: float
    li_fraction_min: float
    li_fraction_max: float
    threshold_li_fraction: float | None
    threshold_source: str
    over_delithiated_fraction: float | None
    li_initial_mol: float
    li_final_mol: float
    li_through_contacts_mol: float
    conservation_error_relative: float
    n_steps: int
    n_factorizations: int
    time_trace_s: tuple[float, ...]
    potential_trace_v: tuple[float, ...]
    current_density_trace_ma_cm2: tuple[float, ...]
    frame_times_s: tuple[float, ...]
    frames: tuple[np.ndarray, ...]
    citations: tuple[str, ...]
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class ContactSweepResult(Result):
    """Capacity and over-delithiation against contact fraction (same conditions otherwise)."""

    material: str
    geometry: str
    operation: str
    c_rate: float | None
    n_patches: int
    grid: int
    contact_fraction: tuple[float, ...]
    capacity_fraction: tuple[float, ...]
    capacity_mah_g: tuple[float, ...]
    over_delithiated_fraction: tuple[float | None, ...]
    time_s: tuple[float, ...]
    termination: tuple[str, ...]
    threshold_li_fraction: float | None
    citations: tuple[str, ...]


# ---------------------------------------------------------------------------------------------
# the discrete model


class _Model:
    """Residual and Jacobian of the BDF-discretised particle equations.

    Unknowns u = [x_0 .. x_{N-1}, q, (V)]: Li fractions, Li fraction that left (particle
    average), and the particle potential in galvanostatic mode.
    """

    def __init__(
        self,
        mesh: ParticleMesh,
        electrode: ElectrodeParameters,
        *,
        i0_ref_a_cm2: float,
        temperature_k: float,
        applied_current_a: float | None,
        hold_potential_v: float | None,
        diffusivity_cm2_s: float | None,
    ) -> None:
        self.mesh = mesh
        self.el = electrode
        self.n = mesh.n_cells
        self.galvanostatic = applied_current_a is not None
        self.i_app = applied_current_a or 0.0
        self.v_hold = hold_potential_v
        self.i0_ref = i0_ref_a_cm2
        self.f = FARADAY_C_MOL / (GAS_CONSTANT_J_MOL_K * temperature_k)
        self.alpha = electrode.transfer_coefficient
        self.cmax = electrode.max_li_concentration_mol_cm3.value
        self.d_const = diffusivity_cm2_s
        self.vol = mesh.volume_cm3
        self.vtot = mesh.total_volume_cm3
        self.fi, self.fj, self.ft = mesh.face_i, mesh.face_j, mesh.face_t_cm
        self.bc, self.ba = mesh.contact_cell, mesh.contact_area_cm2
        self.size = self.n + (2 if self.galvanostatic else 1)
        self.iq = self.n
        self.iv = self.n + 1
        self.i_scale = abs(self.i_app) if self.galvanostatic and self.i_app else 1.0
        self._rows_flux = np.concatenate([self.fi, self.fi, self.fj, self.fj])
        self._cols_flux = np.concatenate([self.fi, self.fj, self.fj, self.fi])
        self._pattern: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None

    # ---- material functions ---------------------------------------------------------------
    def diff(self, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        if self.d_const is not None:
            return np.full_like(x, self.d_const), np.zeros_like(x)
        return self.el.diffusivity_fn_cm2_s(x), self.el.ddiffusivity_dx(x)

    def kinetics(self, xs: np.ndarray, v: float):
        """Contact current density (A/cm^2) and its derivatives in x and V, per contact face."""
        xc = np.clip(xs, _X_EPS, 1 - _X_EPS)
        s = np.sqrt(xc * (1 - xc))
        i0 = self.i0_ref * s / 0.5
        di0 = self.i0_ref / 0.5 * (1 - 2 * xc) / (2 * s)
        di0 = np.where((xs <= _X_EPS) | (xs >= 1 - _X_EPS), 0.0, di0)
        eta = v - self.el.ocv_v(xs)
        du = self.el.docv_dx_v(xs)
        a = self.alpha
        ea = np.exp(np.clip(a * self.f * eta, -_EXP_CLIP, _EXP_CLIP))
        ec = np.exp(np.clip(-(1 - a) * self.f * eta, -_EXP_CLIP, _EXP_CLIP))
        bv = ea - ec
        dbv = self.f * (a * ea + (1 - a) * ec)
        i = i0 * bv
        di_dv = i0 * dbv
        di_dx = di0 * bv - i0 * dbv * du
        return i, di_dx, di_dv

    def potential(self, u: np.ndarray) -> float:
        return float(u[self.iv]) if self.galvanostatic else float(self.v_hold)  # type: ignore[arg-type]

    def contact_current_a(self, u: np.ndarray) -> float:
        i, _, _ = self.kinetics(u[self.bc], self.potential(u))
        return float(np.dot(self.ba, i))

    def solve_potential(self, x: np.ndarray, v_guess: float) -> float:
        """Particle potential that carries the applied current at Li fractions x."""
        xs = x[self.bc]
        lo, hi = v_guess - 2.0, v_guess + 2.0
        v = v_guess
        for _ in range(200):
            i, _, di_dv = self.kinetics(xs, v)
            g = float(np.dot(self.ba, i)) - self.i_app
            if abs(g) <= 1e-13 * max(abs(self.i_app), 1e-30):
                return v
            if g > 0:
                hi = min(hi, v)
            else:
                lo = max(lo, v)
            dg = float(np.dot(self.ba, di_dv))
            step = v - g / dg if dg > 0 else 0.5 * (lo + hi)
            v = step if lo < step < hi else 0.5 * (lo + hi)
            if hi - lo < 1e-12:
                return v
        return v

    # ---- residual and Jacobian ------------------------------------------------------------
    def residual(self, u: np.ndarray, a0_h: float, rhs: np.ndarray) -> np.ndarray:
        """G(u) = a0/h u - rhs - f(u) on the differential rows; the constraint on the last."""
        n = self.n
        x = u[:n]
        v = self.potential(u)
        xm = 0.5 * (x[self.fi] + x[self.fj])
        d, _ = self.diff(xm)
        flux = self.ft * d * (x[self.fj] - x[self.fi])  # cm^3/s of Li fraction, i <- j
        inflow = np.bincount(self.fi, flux, n) - np.bincount(self.fj, flux, n)
        i, _, _ = self.kinetics(x[self.bc], v)
        out_rate = self.ba * i / (FARADAY_C_MOL * self.cmax)
        sink = np.bincount(self.bc, out_rate, n)
        g = np.empty(self.size)
        g[:n] = a0_h * x - rhs[:n] - (inflow - sink) / self.vol
        g[self.iq] = a0_h * u[self.iq] - rhs[self.iq] - out_rate.sum() / self.vtot
        if self.galvanostatic:
            g[self.iv] = (float(np.dot(self.ba, i)) - self.i_app) / self.i_scale
        return g

    def jacobian(self, u: np.ndarray, a0_h: float) -> sp.csc_matrix:
        n = self.n
        x = u[:n]
        v = self.potential(u)
        xi, xj = x[self.fi], x[self.fj]
        xm = 0.5 * (xi + xj)
        d, dd = self.diff(xm)
        # flux F = t D(xm) (xj - xi): dF/dxi = t (dd/2 (xj - xi) - D), dF/dxj = t (dd/2 (...) + D)
        dfi = self.ft * (0.5 * dd * (xj - xi) - d)
        dfj = self.ft * (0.5 * dd * (xj - xi) + d)
        # rows: cell i gets +F/vol_i, cell j gets -F/vol_j; G = ... - inflow/vol
        vi, vj = self.vol[self.fi], self.vol[self.fj]
        data = [
            -dfi / vi,  # (i, i)
            -dfj / vi,  # (i, j)
            dfj / vj,  # (j, j)
            dfi / vj,  # (j, i)
        ]
        rows = [self._rows_flux]
        cols = [self._cols_flux]
        vals = [np.concatenate(data)]
        # diagonal a0/h on differential rows
        diag_idx = np.arange(n + 1)
        rows.append(diag_idx)
        cols.append(diag_idx)
        vals.append(np.full(n + 1, a0_h))
        # contact terms
        _, di_dx, di_dv = self.kinetics(x[self.bc], v)
        k = FARADAY_C_MOL * self.cmax
        bc = self.bc
        rows.append(bc)
        cols.append(bc)
        vals.append(self.ba * di_dx / (k * self.vol[bc]))
        rows.append(np.full(bc.size, self.iq))
        cols.append(bc)
        vals.append(-self.ba * di_dx / (k * self.vtot))
        if self.galvanostatic:
            iv = self.iv
            rows += [bc, np.full(bc.size, self.iq), np.full(bc.size, iv), np.array([iv])]
            cols += [np.full(bc.size, iv), np.full(bc.size, iv), bc, np.array([iv])]
            vals += [
                self.ba * di_dv / (k * self.vol[bc]),
                -self.ba * di_dv / (k * self.vtot),
                self.ba * di_dx / self.i_scale,
                np.array([float(np.dot(self.ba, di_dv)) / self.i_scale]),
            ]
        vals_all = np.concatenate(vals)
        if self._pattern is None:
            self._pattern = self._csc_pattern(np.concatenate(rows), np.concatenate(cols))
        inv, indices, indptr = self._pattern
        data = np.bincount(inv, vals_all, indices.size)
        return sp.csc_matrix((data, indices, indptr), shape=(self.size, self.size))

    def _csc_pattern(self, rows: np.ndarray, cols: np.ndarray):
        """The fixed CSC pattern of the Jacobian and the map entry -> position (duplicates
        summed), so that each assembly is one bincount instead of COO -> CSC."""
        key = cols.astype(np.int64) * self.size + rows
        uniq, inv = np.unique(key, return_inverse=True)
        indices = (uniq % self.size).astype(np.int32)
        counts = np.bincount(uniq // self.size, minlength=self.size)
        indptr = np.concatenate([[0], np.cumsum(counts)]).astype(np.int32)
        return inv, indices, indptr


# ---------------------------------------------------------------------------------------------
# time integration


@dataclass
class _Integrator:
    model: _Model
    tol: float
    n_lu: int = 0
    _lu: object = None
    _lu_a0h: float = 0.0
    _its_since_lu: int = 0
    _solves_since_lu: int = 0
    _basis: np.ndarray | None = None
    _zbasis: np.ndarray | None = None

    def _factor(self, u: np.ndarray, a0_h: float) -> None:
        jac = self.model.jacobian(u, a0_h)
        try:
            # the pattern is symmetric and the diagonal dominant (a0/h + diffusion, the BV
            # terms on the contact rows): symmetric mode keeps the MMD(A^T + A) ordering
            # (about 40 % fewer non-zeros in L + U, 2x faster factorisation and solves)
            self._lu = splu(
                jac,
                permc_spec="MMD_AT_PLUS_A",
                diag_pivot_thresh=0.01,
                options={"SymmetricMode": True},
            )
        except RuntimeError as exc:  # exactly singular
            raise ComputeError(f"particle model: singular Jacobian ({exc})") from exc
        self._lu_a0h = a0_h
        self.n_lu += 1
        self._its_since_lu = 0
        self._solves_since_lu = 0

    def newton(
        self, u0: np.ndarray, a0_h: float, rhs: np.ndarray, a0_h_steady: float
    ) -> np.ndarray | None:
        """Solve G(u) = 0 by Newton's method. The Jacobian is assembled at the predictor and
        re-assembled when convergence slows; the linear systems are solved by GMRES
        preconditioned with a re-used LU factorisation, built for `a0_h_steady` (the value
        of the following constant steps) and refreshed only when the step size changes or
        GMRES needs many iterations. None when Newton does not converge."""
        m = self.model
        # refactor when the factorisation has clearly degraded: more than 6 GMRES iterations
        # per solve on average since it was built (counted, not timed: deterministic results)
        stale = self._solves_since_lu > 0 and self._its_since_lu > 6 * self._solves_since_lu
        if stale or self._lu is None or not (_LU_LO < a0_h_steady / self._lu_a0h < _LU_HI):
            self._factor(u0, a0_h_steady)
        jac = m.jacobian(u0, a0_h)
        u = u0.copy()
        prev = math.inf
        g = m.residual(u, a0_h, rhs)
        for _ in range(15):
            if not np.all(np.isfinite(g)):
                return None
            du, info, n_it = self._linear_solve(jac, -g, self._lu)
            self._its_since_lu += n_it
            self._solves_since_lu += 1
            if info != 0 or n_it > 12:
                self._factor(u, a0_h_steady)
                du, info, n_it = self._linear_solve(jac, -g, self._lu)
                if info != 0:
                    return None
            # the Li balance vol . G_x + vtot G_q is linear in u with slope a0/h: fix the q
            # component so that it holds exactly whatever the GMRES tolerance
            nn = m.n
            bal_g = float(np.dot(m.vol, g[:nn])) + m.vtot * float(g[m.iq])
            du[m.iq] = -bal_g / (a0_h * m.vtot) - float(np.dot(m.vol, du[:nn])) / m.vtot
            u += du
            size = float(np.max(np.abs(du[: m.n + 1])))
            if m.galvanostatic:
                size = max(size, abs(float(du[m.iv])) * 1e-2)
            if not math.isfinite(size) or size > 2.0 * prev:
                return None
            rate = size / prev if prev < math.inf else 1.0
            if size < 1e-11 or (rate < 0.9 and size * rate / (1 - rate) < 0.03 * self.tol):
                g = m.residual(u, a0_h, rhs)
                if self._residual_ok(g, a0_h):
                    return u
            else:
                g = m.residual(u, a0_h, rhs)
            if size > _CHORD * prev:  # chord iteration while it contracts fast, else update
                jac = m.jacobian(u, a0_h)
            prev = size
        return None

    def _residual_ok(self, g: np.ndarray, a0_h: float) -> bool:
        """The converged iterate satisfies the equations (x rows in Li-fraction units)."""
        m = self.model
        if not np.all(np.isfinite(g)):
            return False
        ok = float(np.max(np.abs(g[: m.n + 1]))) / a0_h < 0.03 * self.tol
        if m.galvanostatic:
            ok = ok and abs(float(g[m.iv])) < 1e-6
        return ok

    def _linear_solve(self, jac: sp.csc_matrix, b: np.ndarray, lu) -> tuple[np.ndarray, int, int]:
        """Right-preconditioned GMRES (no restart, at most 30 iterations, relative residual
        `_GM_TOL`), the preconditioner a SuperLU factorisation. Returns (x, info, iterations)."""
        maxit = 30
        n = b.size
        if self._basis is None or self._basis.shape[1] != n:
            self._basis = np.empty((maxit + 1, n))
            self._zbasis = np.empty((maxit, n))
        v, z = self._basis, self._zbasis
        beta = float(np.linalg.norm(b))
        if beta == 0.0:
            return np.zeros(n), 0, 0
        hess = np.zeros((maxit + 1, maxit))
        v[0] = b / beta
        y = np.zeros(0)
        k = 0
        res = beta
        for k in range(maxit):
            z[k] = lu.solve(v[k])
            w = jac @ z[k]
            h = v[: k + 1] @ w
            w -= h @ v[: k + 1]
            h2 = v[: k + 1] @ w  # second Gram-Schmidt pass
            w -= h2 @ v[: k + 1]
            hess[: k + 1, k] = h + h2
            hn = float(np.linalg.norm(w))
            hess[k + 1, k] = hn
            rhs = np.zeros(k + 2)
            rhs[0] = beta
            y = np.linalg.lstsq(hess[: k + 2, : k + 1], rhs, rcond=None)[0]
            res = float(np.linalg.norm(hess[: k + 2, : k + 1] @ y - rhs))
            if res <= _GM_TOL * beta or hn <= 1e-300:
                break
            v[k + 1] = w / hn
        x = y @ z[: k + 1]
        info = 0 if res <= _GM_TOL * beta or hn <= 1e-300 else 1
        return x, info, k + 1


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
            h *= max(0.2, 0.9 * err ** (-1.0 / 3.0))
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
        # stop conditions
        candidates: list[tuple[float, str]] = []
        if cutoff_v is not None:
            v_old = model.potential(u_old)
            crossed = v_now >= cutoff_v if charging else v_now <= cutoff_v
            if crossed:
                w = 1.0 if v_now == v_old else (cutoff_v - v_old) / (v_now - v_old)
                candidates.append((t_old + min(max(w, 0.0), 1.0) * (t - t_old), "cut-off voltage"))
        sgn = 1.0 if charging else -1.0
        q_new, q_old = sgn * u[model.iq], sgn * u_old[model.iq]
        if window_stop_q is not None and q_new >= window_stop_q:
            w = (window_stop_q - q_old) / (q_new - q_old) if q_new != q_old else 1.0
            candidates.append((t_old + min(max(w, 0.0), 1.0) * (t - t_old), window_label))
        if current_stop_a is not None and abs(i_now) <= current_stop_a:
            candidates.append((t, "current below threshold"))
        stop = None
        t_stop = t
        if candidates:
            t_stop, stop = min(candidates)
        if stop is not None:
            u = _interp_state(t_stop, t_old, u_old, t, u)
            t = t_stop
            v_now = model.potential(u)
            i_now = model.contact_current_a(u)
        xmin = np.minimum(xmin, u[:n])
        trace.append((t, v_now, i_now))
        stored.append((t, u[:n].astype(np.float32)))
        if progress is not None:
            progress(min(t / t_end, 1.0))
        if stop is not None:
            termination = stop
            break
        # next step size: doubled, kept or cut, so that the factorisation is re-used while
        # the step is unchanged
        h_prev = h
        if err < 1e-3:
            h = 4.0 * h
        elif err < 0.05:  # doubling multiplies a third-order error by ~8
            h = 2.0 * h
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
    }


# ---------------------------------------------------------------------------------------------
# public API


def _resolve_electrode(material: str | ElectrodeParameters) -> ElectrodeParameters:
    return material if isinstance(material, ElectrodeParameters) else get_electrode(material)


def simulate_particle(
    material: str | ElectrodeParameters = "LNMO",
    *,
    contact_fraction: float,
    n_patches: int = 4,
    geometry: str = "circle",
    grid: int = 60,
    radius_um: float = 2.5,
    operation: str = "charge",
    c_rate: float | None = 1.0,
    hold_potential_v: float | None = None,
    duration_s: float | None = None,
    cutoff_v: float | None = None,
    exchange_current_ma_cm2: float | None = None,
    diffusivity_cm2_s: float | None = None,
    threshold_li_fraction: float | None = None,
    initial_li_fraction: float | None = None,
    capacity_limit_fraction: float | None = None,
    temperature_k: float = 298.15,
    patch_offset_deg: float = 0.0,
    n_frames: int = 6,
    frame_times_s: Sequence[float] | None = None,
    tol: float = 2e-3,
    progress: Callable[[float], None] | None = None,
) -> ParticleResult:
    """Charge or discharge one cathode particle through contact patches.

    Galvanostatic when `hold_potential_v` is None: the current is `c_rate` times the charge
    of the material's Li-fraction window per hour, and the run stops at `cutoff_v` (default:
    the material's cut-off for `operation`) or when the window is exhausted. Potentiostatic
    when `hold_potential_v` is given: the run stops when the current falls below C/50 or at
    `duration_s` (default 1 h).

    `exchange_current_ma_cm2` (at x = 0.5) overrides the material's value; with neither, the
    fast-kinetics limit is used (noted in the result). `diffusivity_cm2_s` replaces D(x) by a
    constant. `threshold_li_fraction` sets the over-delithiation threshold (the material's
    transition-metal-migration Li fraction when it has a sourced one). `frame_times_s` asks
    for maps at given times; otherwise `n_frames` maps evenly spaced in time are kept.
    `capacity_limit_fraction` also stops a galvanostatic run once that fraction of the
    Li-fraction window has been moved (to compare particles at equal charge passed).
    """
    el = _resolve_electrode(material)
    if operation not in OPERATIONS:
        raise InvalidConditionError(f"operation must be 'charge' or 'discharge', got {operation!r}")
    if geometry not in GEOMETRIES:
        raise InvalidConditionError(
            f"unknown particle geometry {geometry!r}; use one of {', '.join(GEOMETRIES)}"
        )
    if not (isinstance(contact_fraction, int | float) and 0.0 < contact_fraction <= 1.0):
        raise InvalidConditionError(f"contact fraction must lie in (0, 1], got {contact_fraction}")
    potentiostatic = hold_potential_v is not None
    if not potentiostatic:
        if c_rate is None or not c_rate > 0 or not math.isfinite(c_rate):
            raise InvalidConditionError(f"C-rate must be a positive number, got {c_rate}")
    elif not 0.0 < hold_potential_v < 7.0:  # type: ignore[operator]
        raise InvalidConditionError("hold potential must lie within 0..7 V vs Li/Li+")
    if not temperature_k > 0:
        raise InvalidConditionError("temperature must be positive (K)")
    if exchange_current_ma_cm2 is not None and not exchange_current_ma_cm2 > 0:
        raise InvalidConditionError("exchange-current density must be positive (mA/cm^2)")
    if diffusivity_cm2_s is not None and not diffusivity_cm2_s > 0:
        raise InvalidConditionError("diffusivity must be positive (cm^2/s)")
    if threshold_li_fraction is not None and not 0.0 < threshold_li_fraction < 1.0:
        raise InvalidConditionError("Li-fraction threshold must lie in (0, 1)")
    if capacity_limit_fraction is not None and not 0.0 < capacity_limit_fraction <= 1.0:
        raise InvalidConditionError("capacity limit must lie in (0, 1] (fraction of the window)")
    if grid > 400:
        raise InvalidConditionError("grid above 400 cells per direction is not supported")

    mesh = build_mesh(geometry, grid, radius_um, contact_fraction, n_patches, patch_offset_deg)
    charging = operation == "charge"
    x_lo, x_hi = el.li_fraction_window
    x0 = initial_li_fraction
    if x0 is None:
        x0 = x_hi if charging else x_lo
    if not 0.0 < x0 < 1.0:
        raise InvalidConditionError("initial Li fraction must lie in (0, 1)")
    cmax = el.max_li_concentration_mol_cm3.value
    vtot = mesh.total_volume_cm3
    window_charge_c = FARADAY_C_MOL * cmax * vtot * (x_hi - x_lo)
    one_c_current_a = window_charge_c / 3600.0
    contact_area = mesh.contact_area_total_cm2
    notes: list[str] = []

    if potentiostatic:
        i_app = None
        kin_scale = one_c_current_a
    else:
        i_app = (1.0 if charging else -1.0) * c_rate * one_c_current_a  # type: ignore[operator]
        kin_scale = abs(i_app)
    if exchange_current_ma_cm2 is not None:
        i0_ref = exchange_current_ma_cm2 * 1e-3
        kinetics = "Butler-Volmer, user exchange-current density"
    elif el.exchange_current_density_ma_cm2 is not None:
        i0_ref = el.exchange_current_density_ma_cm2.value * 1e-3
        kinetics = "Butler-Volmer, library exchange-current density (liquid-electrolyte value)"
        notes.append(
            "the library exchange-current density was measured against a liquid electrolyte; "
            "a solid-electrolyte contact has its own (pass --exchange-current)"
        )
    else:
        i0_ref = FAST_KINETICS_FACTOR * kin_scale / contact_area
        kinetics = "fast-kinetics limit (no sourced exchange-current density)"
        notes.append(
            f"{el.name} has no sourced exchange-current density: i0 set to "
            f"{FAST_KINETICS_FACTOR:g}x the mean contact current density (diffusion-limited case)"
        )

    threshold_source = ""
    if threshold_li_fraction is None and el.tm_migration_li_fraction is not None:
        threshold_li_fraction = el.tm_migration_li_fraction.value
        threshold_source = el.tm_migration_li_fraction.source
    elif threshold_li_fraction is not None:
        threshold_source = "user"
    elif charging:
        notes.append(
            f"no sourced Li fraction for transition-metal migration in {el.name}: give "
            "--threshold to get the over-delithiated volume fraction"
        )

    model = _Model(
        mesh,
        el,
        i0_ref_a_cm2=i0_ref,
        temperature_k=temperature_k,
        applied_current_a=i_app,
        hold_potential_v=hold_potential_v,
        diffusivity_cm2_s=diffusivity_cm2_s,
    )
    u0 = np.zeros(model.size)
    u0[: mesh.n_cells] = x0
    d_ref = diffusivity_cm2_s or float(el.diffusivity_fn_cm2_s(np.array(x0)))
    if potentiostatic:
        t_end = duration_s if duration_s is not None else 3600.0
        cut = None
        current_stop = one_c_current_a / 50.0
        window_q = None
        window_label = ""
        h0 = 1e-6 * min(t_end, mesh.radius_cm**2 / d_ref)
    else:
        t_nominal = 3600.0 / c_rate  # type: ignore[operator]
        t_end = duration_s if duration_s is not None else 1.05 * t_nominal
        cut = (
            cutoff_v
            if cutoff_v is not None
            else (el.cutoff_charge_v if charging else el.cutoff_discharge_v)
        )
        current_stop = None
        # Li fraction that may leave (charge) or enter (discharge) before the window ends
        window_q = (x0 - x_lo) if charging else (x_hi - x0)
        window_label = "Li-fraction window exhausted"
        if capacity_limit_fraction is not None:
            limit_q = capacity_limit_fraction * (x_hi - x_lo)
            if limit_q < window_q:
                window_q, window_label = limit_q, "capacity limit reached"
        v_guess = float(el.ocv_v(np.array(x0)))
        u0[model.iv] = model.solve_potential(u0[: mesh.n_cells], v_guess)
        h0 = 1e-3 * t_nominal
        if (charging and u0[model.iv] >= cut) or (not charging and u0[model.iv] <= cut):
            raise InvalidConditionError(
                f"the particle starts beyond the cut-off ({u0[model.iv]:.3f} V vs {cut:.3f} V):"
                " lower the C-rate or raise the contact fraction"
            )
    if frame_times_s is not None and any(tf < 0 for tf in frame_times_s):
        raise InvalidConditionError("frame times must be non-negative")

    run = _run(
        model,
        u0,
        t_end=t_end,
        h0=h0,
        tol=tol,
        cutoff_v=cut,
        charging=charging,
        current_stop_a=current_stop,
        window_stop_q=window_q,
        window_label=window_label,
        frame_times=frame_times_s,
        progress=progress,
    )
    u_end = run["u"]
    n = mesh.n_cells
    x_end = u_end[:n]
    vol = mesh.volume_cm3
    li0 = float(cmax * np.dot(vol, u0[:n]))
    li1 = float(cmax * np.dot(vol, x_end))
    q_end = float(u_end[model.iq])
    li_through = q_end * cmax * vtot
    cons = abs((li0 - li1) - li_through) / li0
    moved = abs(float(np.dot(vol, x_end - u0[:n]))) / vtot
    cap_frac = moved / (x_hi - x_lo)
    cap_mah_g = moved * el.specific_capacity_per_li_mah_g

    over = None
    if threshold_li_fraction is not None:
        over = float(np.dot(vol, run["xmin"] < threshold_li_fraction) / vtot)

    if frame_times_s is not None:
        frames = run["requested"]
    else:
        frames = _pick_frames(run["stored"], run["t"], max(n_frames, 2))
    frame_t = tuple(float(tf) for tf, _ in frames)
    frame_maps = tuple(mesh.to_image(np.asarray(xf, dtype=float)) for _, xf in frames)

    trace = run["trace"]
    tt = tuple(float(a) for a, _, _ in trace)
    vv = tuple(float(b) for _, b, _ in trace)
    jj = tuple(float(c) / contact_area * 1e3 for _, _, c in trace)

    keys = list(el.citation_keys())
    return ParticleResult(
        material=el.name,
        geometry=geometry,
        operation=operation,
        mode="potentiostatic" if potentiostatic else "galvanostatic",
        contact_fraction=float(contact_fraction),
        contact_fraction_mesh=contact_area / mesh.surface_area_cm2,
        n_patches=n_patches,
        c_rate=None if potentiostatic else float(c_rate),  # type: ignore[arg-type]
        hold_potential_v=hold_potential_v,
        radius_um=radius_um,
        grid=grid,
        temperature_k=temperature_k,
        diffusivity_cm2_s=d_ref,
        exchange_current_density_ma_cm2=i0_ref * 1e3,
        kinetics=kinetics,
        cutoff_v=cut,
        termination=run["termination"],
        time_s=float(run["t"]),
        capacity_fraction=cap_frac,
        capacity_mah_g=cap_mah_g,
        li_fraction_mean_initial=float(np.dot(vol, u0[:n]) / vtot),
        li_fraction_mean_final=float(np.dot(vol, x_end) / vtot),
        li_fraction_min=float(x_end.min()),
        li_fraction_max=float(x_end.max()),
        threshold_li_fraction=threshold_li_fraction,
        threshold_source=threshold_source,
        over_delithiated_fraction=over,
        li_initial_mol=li0,
        li_final_mol=li1,
        li_through_contacts_mol=li_through,
        conservation_error_relative=cons,
        n_steps=run["n_steps"],
        n_factorizations=run["n_lu"],
        time_trace_s=tt,
        potential_trace_v=vv,
        current_density_trace_ma_cm2=jj,
        frame_times_s=frame_t,
        frames=frame_maps,
        citations=tuple(keys),
        notes=tuple(notes),
    )


def _pick_frames(
    stored: list[tuple[float, np.ndarray]], t_end: float, n_frames: int
) -> list[tuple[float, np.ndarray]]:
    """`n_frames` states evenly spaced in time (linear interpolation between steps)."""
    times = np.array([s[0] for s in stored])
    out = []
    for tf in np.linspace(0.0, t_end, n_frames):
        k = int(np.searchsorted(times, tf))
        if k <= 0:
            out.append((float(tf), stored[0][1]))
        elif k >= len(stored):
            out.append((float(tf), stored[-1][1]))
        else:
            ta, xa = stored[k - 1]
            tb, xb = stored[k]
            w = 0.0 if tb == ta else (tf - ta) / (tb - ta)
            out.append((float(tf), (1 - w) * xa + w * xb))
    return out


def _sweep_one(kwargs: dict) -> ParticleResult:
    res = simulate_particle(**kwargs)
    return replace(res, frames=(), frame_times_s=())


def sweep_contact_fraction(
    contact_fractions: Sequence[float],
    material: str | ElectrodeParameters = "LNMO",
    *,
    max_workers: int | None = None,
    progress: Callable[[float], None] | None = None,
    **kwargs,
) -> ContactSweepResult:
    """Run `simulate_particle` for each contact fraction (other arguments shared), in
    parallel processes when `max_workers` != 1 (default: the number of CPUs)."""
    fractions = [float(f) for f in contact_fractions]
    if not fractions:
        raise InvalidConditionError("no contact fractions to sweep")
    for f in fractions:
        if not 0.0 < f <= 1.0:
            raise InvalidConditionError(f"contact fraction must lie in (0, 1], got {f}")
    el = _resolve_electrode(material)
    kwargs.pop("progress", None)
    jobs = [dict(kwargs, material=el, contact_fraction=f, n_frames=2) for f in fractions]
    workers = max_workers if max_workers is not None else (os.cpu_count() or 1)
    results: list[ParticleResult | None] = [None] * len(jobs)
    if workers <= 1 or len(jobs) == 1:
        for k, job in enumerate(jobs):
            results[k] = _sweep_one(job)
            if progress is not None:
                progress((k + 1) / len(jobs))
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures = {pool.submit(_sweep_one, job): k for k, job in enumerate(jobs)}
            for done, fut in enumerate(as_completed(futures), start=1):
                results[futures[fut]] = fut.result()
                if progress is not None:
                    progress(done / len(jobs))
    res = [r for r in results if r is not None]
    if len(res) != len(jobs):
        raise ComputeError("sweep: some runs returned no result")
    first = res[0]
    return ContactSweepResult(
        material=first.material,
        geometry=first.geometry,
        operation=first.operation,
        c_rate=first.c_rate,
        n_patches=first.n_patches,
        grid=first.grid,
        contact_fraction=tuple(fractions),
        capacity_fraction=tuple(r.capacity_fraction for r in res),
        capacity_mah_g=tuple(r.capacity_mah_g for r in res),
        over_delithiated_fraction=tuple(r.over_delithiated_fraction for r in res),
        time_s=tuple(r.time_s for r in res),
        termination=tuple(r.termination for r in res),
        threshold_li_fraction=first.threshold_li_fraction,
        citations=first.citations,
    )


__all__ = [
    "ContactSweepResult",
    "ParticleResult",
    "simulate_particle",
    "sweep_contact_fraction",
]
