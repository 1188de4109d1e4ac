"""Diffusion of one species from its unwrapped displacements (`analyse_displacements`):
tracer and collective D, the diffusive-regime checks (log-log slope, run length, one hop, the
run a cage offset needs), Nernst–Einstein conductivity and the Haven ratio, gathered into a
`DiffusionResult`.

Units: time in ps, MSD in Å^2, D in cm^2/s, conductivity in S/cm, T in K.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from interphase.atomistic.diffusion_host import BROKEN_UNIT_FRACTION, FRAMEWORK_D_FRACTION
from interphase.atomistic.diffusion_msd import (
    A2_PER_PS_TO_CM2_PER_S,
    MIN_HOP_MSD_A2,
    LinearFit,
    _fit,
    _msd_all_origins,
)
from interphase.constants import ELEMENTARY_CHARGE_C as E_CHARGE
from interphase.constants import K_B_J
from interphase.errors import InvalidConditionError, MissingDataError
from interphase.results import Result


@dataclass(frozen=True)
class DiffusionResult(Result):
    """Tracer and collective diffusion of one species in one trajectory."""

    species: str
    temperature_k: float
    n_mobile: int
    n_frames: int
    frame_interval_ps: float
    duration_ps: float
    volume_a3: float
    tracer: LinearFit
    collective: LinearFit | None
    haven_ratio: float | None
    haven_ratio_ci95: tuple[float, float] | None
    conductivity_s_cm: float  # Nernst–Einstein from the tracer D (Haven ratio taken as 1)
    conductivity_ci95_s_cm: tuple[float, float]
    conductivity_collective_s_cm: float | None  # from the collective D, when resolved
    loglog_slope: float
    diffusive: bool
    warnings: tuple[str, ...]
    time_ps: tuple[float, ...] = field(repr=False, default=())
    msd_tracer_a2: tuple[float, ...] = field(repr=False, default=())
    msd_tracer_std_a2: tuple[float, ...] = field(repr=False, default=())
    msd_collective_a2: tuple[float, ...] = field(repr=False, default=())
    method: str = (
        "OLS on all-origin MSD; interval from the covariance of its points "
        "(sample variance of squared displacements, independent-window counts)"
    )
    source: str = ""
    citations: tuple[str, ...] = ("mccluskey2023kinisi",)
    # host check (None/empty when not computed): the D of the most mobile host species; a host
    # species that diffuses at a sizeable fraction of the mobile species' D is melting or
    # decomposing. Per species: (element or polyanion such as "PS4", count, D in cm^2/s).
    framework_d_cm2_s: float | None = None
    framework_stable: bool = True
    framework_species_d_cm2_s: tuple[tuple[str, int, float], ...] = ()
    # fraction of the polyanions' bonds stretched past BROKEN_BOND_FACTOR at the end of the
    # run (None: the host has no polyanions)
    framework_broken_bond_fraction: float | None = None
    formula: str = ""  # reduced formula of the analysed cell ("" for bare displacement arrays)
    # when the log-log check failed because of a positive MSD offset (a cage): the run length
    # (ps) after which a linear MSD with this D and offset would pass it; see run_for_offset_check
    run_needed_ps: float | None = None

    @property
    def d_tracer_cm2_s(self) -> float:
        return self.tracer.d_cm2_s

    @property
    def host_verdict(self) -> str:
        """'stable', or what moves ('mobile: Cl', 'mobile: PS4 bonds break'); '-' unchecked."""
        if self.framework_d_cm2_s is None:
            return "-"
        if self.framework_stable:
            return "stable"
        limit = FRAMEWORK_D_FRACTION * self.tracer.d_cm2_s
        moving = [label for label, _, d in self.framework_species_d_cm2_s if d > limit]
        broken = self.framework_broken_bond_fraction
        if broken is not None and broken > BROKEN_UNIT_FRACTION:
            moving.append("polyanion bonds break")
        return "mobile: " + ", ".join(moving)


def run_for_offset_check(
    d_a2_per_ps: float,
    offset_a2: float,
    *,
    start_ps: float | None = None,
    max_lag_fraction: float = 0.5,
    current_max_lag_ps: float = 0.0,
    min_slope: float = 0.85,
) -> float | None:
    """Run length (ps) after which MSD(t) = 6 D t + c passes the log-log check with a margin
    (expected slope >= `min_slope` over the fitted lags, from 10 % of the longest lag or from
    `start_ps`) and reaches MIN_HOP_MSD_A2. The check needs 0.8; 0.85 leaves about one
    run-to-run scatter of the slope (±0.05): caged walks of the estimated length pass the check
    in 16 of 20 seeds, walks of 0.4 x that length in none. None when D or the offset is not
    positive, or when this offset would pass already at `current_max_lag_ps` (then the offset
    does not explain a failed check: the MSD is curved another way).

    Why: a cage offset c holds the log-log slope down until 6 D t >> c; with the default fit
    range the expected slope reaches 0.8 when the longest lag is about 14 c / (6 D), i.e. a run
    of about 29 c / (6 D) (0.85: about 34 c / (6 D)). Computed numerically on the check's lag
    range."""
    if d_a2_per_ps <= 0 or offset_a2 <= 0:
        return None
    tau = offset_a2 / (6.0 * d_a2_per_ps)

    def slope(max_lag: float) -> float:
        lo = 0.1 * max_lag if start_ps is None else min(start_ps, 0.5 * max_lag)
        lag = np.linspace(lo, max_lag, 40)
        return float(np.polyfit(np.log(lag), np.log(lag + tau), 1)[0])

    if current_max_lag_ps > 0 and slope(current_max_lag_ps) >= min_slope:
        return None
    from scipy.optimize import brentq

    # slope(tau) is ~0.26 and slope(current) < min_slope here, so the loop doubles at least
    # once and [hi / 2, hi] brackets the root
    hi = max(current_max_lag_ps, tau)
    while slope(hi) < min_slope:
        hi *= 2.0
    lag_needed = brentq(lambda x: slope(x) - min_slope, hi / 2.0, hi)
    lag_needed = max(lag_needed, (MIN_HOP_MSD_A2 - offset_a2) / (6.0 * d_a2_per_ps))
    return float(lag_needed / max_lag_fraction)


def nernst_einstein_s_cm(
    d_cm2_s: float, n_mobile: int, volume_a3: float, temperature_k: float, charge: float = 1.0
) -> float:
    """sigma = n q^2 D / (kB T) in S/cm, n = n_mobile / volume."""
    n_cm3 = n_mobile / (volume_a3 * 1e-24)
    return n_cm3 * (charge * E_CHARGE) ** 2 * d_cm2_s / (K_B_J * temperature_k)


MIN_RUN_PS = 10.0  # below, a conductivity from MD is flagged as no measurement


def analyse_displacements(
    positions_a: np.ndarray,
    frame_interval_ps: float,
    *,
    temperature_k: float,
    volume_a3: float,
    species: str = "Li",
    charge: float = 1.0,
    fit_start_ps: float | None = None,
    max_lag_fraction: float = 0.5,
    n_lags: int = 60,
    source: str = "",
) -> DiffusionResult:
    """Diffusion analysis of unwrapped positions of the mobile atoms, shape (frames, atoms, 3)
    in Å, sampled every `frame_interval_ps`."""
    pos = np.asarray(positions_a, dtype=float)
    if pos.ndim != 3 or pos.shape[2] != 3:
        raise InvalidConditionError("positions must have shape (frames, atoms, 3)")
    n_frames, n_at, _ = pos.shape
    if n_at == 0:
        raise MissingDataError(f"no {species} atoms to analyse")
    if n_frames < 8:
        raise InvalidConditionError(f"need at least 8 frames for a diffusion fit (got {n_frames})")
    if frame_interval_ps <= 0 or temperature_k <= 0 or volume_a3 <= 0:
        raise InvalidConditionError("frame interval, temperature and volume must be positive")
    max_lag = max(4, int(max_lag_fraction * (n_frames - 1)))
    lags = np.unique(np.linspace(1, max_lag, min(n_lags, max_lag)).round().astype(int))
    t = lags * frame_interval_ps
    curves = _msd_all_origins(pos, lags)
    tracer, coll = curves.tracer, curves.collective
    n_windows = np.floor((n_frames - 1) / lags)
    if fit_start_ps is not None and not fit_start_ps >= 0:
        raise InvalidConditionError(f"fit start {fit_start_ps:g} ps: give a time lag >= 0 ps")
    start = 0.1 * t[-1] if fit_start_ps is None else fit_start_ps
    sel = t >= start
    if sel.sum() < 3:
        raise InvalidConditionError(
            f"fit start {start:g} ps leaves fewer than 3 MSD points: the longest lag of this "
            f"run is {t[-1]:g} ps, give a fit start of 0..{t[-3]:g} ps"
        )
    tr_fit, tr_sig = _fit(t, tracer, curves.tracer_sq_var, n_windows * n_at, sel)
    warns: list[str] = []
    # diffusive-regime check: slope of log MSD vs log t over the fitted range
    ok = sel & (tracer > 0)
    slope = float(np.polyfit(np.log(t[ok]), np.log(tracer[ok]), 1)[0]) if ok.sum() >= 3 else 0.0
    diffusive = 0.8 <= slope <= 1.2
    run_needed = None
    if not diffusive:
        msg = (
            f"log-log MSD slope {slope:.2f} is not ≈ 1: diffusive regime not reached; "
            "D is an estimate only (run longer or hotter)"
        )
        if slope < 0.8:
            run_needed = run_for_offset_check(
                tr_fit.d_cm2_s / A2_PER_PS_TO_CM2_PER_S,
                tr_fit.offset_a2,
                start_ps=None if fit_start_ps is None else float(start),
                max_lag_fraction=max_lag_fraction,
                current_max_lag_ps=float(t[-1]),
            )
        if run_needed is not None:
            msg += (
                f"; with this D and the MSD's offset of {tr_fit.offset_a2:.1f} Å^2 (a cage), "
                f"a linear MSD passes the check after a run of about {run_needed:.0f} ps "
                "(longer if the motion is truly sub-diffusive)"
            )
        warns.append(msg)
    run_ps = (n_frames - 1) * frame_interval_ps
    if run_ps < MIN_RUN_PS:
        warns.append(
            f"run of {run_ps:.3g} ps is shorter than {MIN_RUN_PS:g} ps: D and the conductivity "
            "from it are not a measurement (tens of ps per temperature is the usual minimum)"
        )
    if tracer[sel][-1] < MIN_HOP_MSD_A2:
        diffusive = False
        warns.append(
            f"tracer MSD stays below {MIN_HOP_MSD_A2:g} Å^2 (about one hop): "
            "no long-range diffusion seen"
        )
    coll_fit: LinearFit | None = None
    haven: float | None = None
    haven_ci: tuple[float, float] | None = None
    sigma_coll: float | None = None
    c_fit, _ = _fit(t, coll, curves.collective_sq_var, n_windows, sel)
    if c_fit.d_ci95_cm2_s[0] > 0 and c_fit.d_cm2_s > 0:
        coll_fit = c_fit
        sigma_coll = nernst_einstein_s_cm(c_fit.d_cm2_s, n_at, volume_a3, temperature_k, charge)
        if tr_fit.d_cm2_s > 0:
            haven = tr_fit.d_cm2_s / c_fit.d_cm2_s
            rng = np.random.default_rng(0)
            a = rng.normal(tr_fit.d_cm2_s, tr_fit.d_std_cm2_s, 20000)
            b = rng.normal(c_fit.d_cm2_s, c_fit.d_std_cm2_s, 20000)
            keep = (a > 0) & (b > 0)
            r = a[keep] / b[keep]
            haven_ci = (float(np.percentile(r, 2.5)), float(np.percentile(r, 97.5)))
    else:
        warns.append(
            "collective MSD too noisy to resolve D_sigma (its 95 % interval includes 0): "
            "no Haven ratio; run longer or average several runs"
        )
    sig = nernst_einstein_s_cm(tr_fit.d_cm2_s, n_at, volume_a3, temperature_k, charge)
    sig_ci = tuple(
        nernst_einstein_s_cm(x, n_at, volume_a3, temperature_k, charge) for x in tr_fit.d_ci95_cm2_s
    )
    return DiffusionResult(
        species=species,
        temperature_k=float(temperature_k),
        n_mobile=int(n_at),
        n_frames=int(n_frames),
        frame_interval_ps=float(frame_interval_ps),
        duration_ps=float((n_frames - 1) * frame_interval_ps),
        volume_a3=float(volume_a3),
        tracer=tr_fit,
        collective=coll_fit,
        haven_ratio=haven,
        haven_ratio_ci95=haven_ci,
        conductivity_s_cm=float(sig),
        conductivity_ci95_s_cm=(float(sig_ci[0]), float(sig_ci[1])),
        conductivity_collective_s_cm=sigma_coll,
        loglog_slope=slope,
        diffusive=diffusive,
        warnings=tuple(warns),
        run_needed_ps=run_needed,
        time_ps=tuple(float(x) for x in t),
        msd_tracer_a2=tuple(float(x) for x in tracer),
        msd_tracer_std_a2=tuple(float(x) for x in tr_sig),
        msd_collective_a2=tuple(float(x) for x in coll),
        source=source,
    )
