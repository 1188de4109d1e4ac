"""Diffusion from MD: tracer and collective (charge) MSD, D with a credible interval that
accounts for the correlation of MSD points, Nernst–Einstein conductivity, Haven ratio, Arrhenius.

Method (the approach of kinisi; McCluskey, Coles & Morgan, arXiv:2305.18244). The MSD is averaged
over every time origin (overlapping windows) and every mobile atom. Its covariance is that of a
process with independent increments: for lags t_i <= t_j,

    Cov[MSD(t_i), MSD(t_j)] = s_i^2 / n_j,

with s_i^2 the sample variance of the squared displacements at lag t_i (as kinisi 2.1 takes it;
a Gaussian walk has s_i^2 = (2/3) MSD(t_i)^2, hopping ions more) and n_j = N_atoms *
floor(T_run / t_j) the number of independent windows at lag t_j (for the collective MSD,
N_atoms = 1). MSD(t) = 6 D t + c is fitted by least squares and the variance of D propagated
from that covariance (made positive semi-definite; kinisi reconditions it too; see `_msd_fit`
for why not GLS); with a flat prior on D >= 0 the posterior of D is a truncated normal, from
which the 95 % credible interval is taken. Counting only independent windows makes the
covariance conservative for the all-origins average.

Units: time in ps, MSD in Å^2, D in cm^2/s, conductivity in S/cm, energies in eV, T in K.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from interphase.atomistic.trajectory_files import metadata_path_for
from interphase.constants import ELEMENTARY_CHARGE_C as E_CHARGE
from interphase.constants import K_B_EV, K_B_J
from interphase.errors import InputFileError, InvalidConditionError, MissingDataError
from interphase.results import Result

A2_PER_PS_TO_CM2_PER_S = 1e-16 / 1e-12  # Å^2/ps → cm^2/s = 1e-4
# A tracer MSD below this (Å²) is under about one hop: no long-range diffusion seen.
MIN_HOP_MSD_A2 = 4.0


@dataclass(frozen=True)
class LinearFit(Result):
    """Fit of MSD(t) = 6 D t + c (OLS, correlated-point interval). D in cm^2/s, offset in Å^2."""

    d_cm2_s: float
    d_std_cm2_s: float
    d_ci95_cm2_s: tuple[float, float]
    offset_a2: float
    fit_start_ps: float
    fit_end_ps: float


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


@dataclass(frozen=True)
class ArrheniusResult(Result):
    """D(T) = D0 exp(-Ea / kB T) fitted to D with uncertainties; extrapolated to `t_extrap_k`."""

    temperatures_k: tuple[float, ...]
    d_cm2_s: tuple[float, ...]
    d_std_cm2_s: tuple[float, ...]
    ea_ev: float
    ea_std_ev: float
    d0_cm2_s: float
    t_extrap_k: float
    d_extrap_cm2_s: float
    d_extrap_ci95_cm2_s: tuple[float, float]
    conductivity_extrap_s_cm: float | None
    conductivity_extrap_ci95_s_cm: tuple[float, float] | None
    reduced_chi2: float
    note: str = ""


# ----------------------------------------------------------------------------- core numerics


@dataclass(frozen=True)
class MSDCurves:
    """MSD per lag (Å^2) and the sample variance (Å^4) of the squared displacements averaged
    into it: over atoms and time origins (tracer), over time origins (collective)."""

    tracer: np.ndarray
    tracer_sq_var: np.ndarray
    collective: np.ndarray
    collective_sq_var: np.ndarray


def _msd_all_origins(pos: np.ndarray, lags: np.ndarray) -> MSDCurves:
    """Tracer MSD (atom- and origin-averaged) and collective MSD (|sum dr|^2 / N) for each
    lag, with the sample variance of the squared displacements each average is made of."""
    n = pos.shape[1]
    tracer = np.empty(len(lags))
    coll = np.empty(len(lags))
    tracer_var = np.empty(len(lags))
    coll_var = np.empty(len(lags))
    for k, lag in enumerate(lags):
        disp = pos[lag:] - pos[:-lag]
        sq = (disp**2).sum(axis=-1)
        tracer[k] = float(sq.mean())
        tracer_var[k] = float(sq.var(ddof=1)) if sq.size > 1 else 0.0
        tot = (disp.sum(axis=1) ** 2).sum(axis=-1) / n
        coll[k] = float(tot.mean())
        coll_var[k] = float(tot.var(ddof=1)) if tot.size > 1 else 0.0
    return MSDCurves(tracer, tracer_var, coll, coll_var)


def _msd_fit(t: np.ndarray, y: np.ndarray, sq_var: np.ndarray, n_indep: np.ndarray):
    """Fit y = 6 D t + c; returns beta (D in Å^2/ps, c in Å^2), its covariance and the
    standard deviation of each MSD point.

    The covariance of MSD points is that of kinisi 2.1 (`displacement.calculate_msd`,
    `Diffusion.compute_covariance_matrix`): Cov_ij = s_i^2 / n_j for lags t_i <= t_j, with
    s_i^2 the sample variance of the squared displacements at lag t_i and n_j the number of
    independent windows at t_j. For a Gaussian random walk s_i^2 = (2/3) MSD_i^2, the form the
    first releases used; measured squared displacements also carry the heavy tail of hopping
    (a few discrete jumps per atom), which the Gaussian form misses: on Poisson jump walks it
    put sigma_D at 1/1.55 of the scatter of D across 100 seeds, the sample variance at 1/1.14
    (`test_interval_is_honest_for_hopping_ions`).

    The estimate is ordinary least squares; its covariance is the sandwich A Cov_y A^T
    (A = (X^T X)^-1 X^T), with Cov_y made positive semi-definite. GLS with that covariance was
    the first choice, but on real trajectories the matrix is near-singular (see
    `_nearest_positive_definite`) and GLS then leans on a few tiny-variance combinations of
    points: on a 9 ps Li6PS5Cl run it gave D 8x the OLS slope with a zero-width interval. OLS
    needs no inverse of the covariance, so it stays unbiased and its interval honest when the
    covariance model is only approximately right."""
    X = np.column_stack([6.0 * t, np.ones_like(t)])
    beta = np.linalg.lstsq(X, y, rcond=None)[0]
    floor = max(float(np.max(y)) ** 2 * 1e-12, 1e-24)
    s2 = np.maximum(sq_var, floor)
    i, j = np.meshgrid(np.arange(len(t)), np.arange(len(t)), indexing="ij")
    cov_y = s2[np.minimum(i, j)] / n_indep[np.maximum(i, j)]
    cov_y = _nearest_positive_definite(cov_y)
    a = np.linalg.solve(X.T @ X, X.T)
    cov_beta = a @ cov_y @ a.T
    return beta, cov_beta, np.sqrt(np.diag(cov_y))


def _nearest_positive_definite(cov: np.ndarray, rel_floor: float = 1e-10) -> np.ndarray:
    """The nearest (Frobenius) symmetric positive-definite matrix to `cov`.

    The random-walk form Cov_ij = (2/3) m_i^2 / n_j (i <= j) is positive definite only while
    m_i^2 n_i grows with i. Real MSDs break that: a positive offset (cage rattling) and the
    integer number of non-overlapping windows n_j (it drops in steps at long lags) make the
    matrix indefinite, and GLS on an indefinite matrix gives nonsense (a negative variance of
    D, a zero-width interval). kinisi 2.1 reconditions the same matrix before its fit
    (statsmodels `cov_nearest`, then eigenvalue clipping or a cap on the condition number).
    Here the nearest positive semi-definite matrix (eigenvalues raised to a small floor) is
    enough, because it only enters the sandwich variance of an OLS fit, never an inverse.
    """
    sym = 0.5 * (cov + cov.T)
    w, v = np.linalg.eigh(sym)
    floor = rel_floor * float(max(w.max(), 1e-300))
    if w.min() >= floor:
        return sym
    out = (v * np.maximum(w, floor)) @ v.T
    return 0.5 * (out + out.T)


def truncated_normal_interval(mean: float, std: float) -> tuple[float, float, float]:
    """Median and 95 % interval of N(mean, std) truncated to >= 0."""
    from scipy.stats import truncnorm

    if std <= 0:
        return max(mean, 0.0), max(mean, 0.0), max(mean, 0.0)
    a = (0.0 - mean) / std
    dist = truncnorm(a, np.inf, loc=mean, scale=std)
    lo, med, hi = dist.ppf([0.025, 0.5, 0.975])
    return float(med), float(lo), float(hi)


def _fit(
    t_ps: np.ndarray, msd: np.ndarray, sq_var: np.ndarray, n_indep: np.ndarray, sel: np.ndarray
) -> tuple[LinearFit, np.ndarray]:
    beta, cov, sig = _msd_fit(t_ps[sel], msd[sel], sq_var[sel], n_indep[sel])
    d = beta[0] * A2_PER_PS_TO_CM2_PER_S
    d_std = math.sqrt(max(cov[0, 0], 0.0)) * A2_PER_PS_TO_CM2_PER_S
    _, lo, hi = truncated_normal_interval(d, d_std)
    fit = LinearFit(
        d_cm2_s=float(d),
        d_std_cm2_s=float(d_std),
        d_ci95_cm2_s=(lo, hi),
        offset_a2=float(beta[1]),
        fit_start_ps=float(t_ps[sel][0]),
        fit_end_ps=float(t_ps[sel][-1]),
    )
    full_sig = np.full(len(t_ps), np.nan)
    full_sig[sel] = sig
    return fit, full_sig


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
    start = 0.1 * t[-1] if fit_start_ps is None else fit_start_ps
    sel = t >= start
    if sel.sum() < 3:
        raise InvalidConditionError("fewer than 3 MSD points after fit_start_ps")
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


# ----------------------------------------------------------------------------- trajectories


def read_trajectory(path: str | Path) -> tuple[list[Any], dict[str, Any]]:
    """Frames (ASE Atoms) and metadata (from the frames' info and the .meta.json beside them)."""
    from ase.io import read

    p = Path(path)
    if not p.exists():
        raise InputFileError(f"trajectory {str(p)!r} does not exist")
    try:
        frames = read(str(p), index=":")
    except Exception as exc:
        why = str(exc).strip() or type(exc).__name__
        raise InputFileError(
            f"cannot read trajectory {p.name!r} ({why}): give an extxyz or ASE .traj file "
            "written by `interphase md`"
        ) from None
    if not frames:
        raise InputFileError(f"trajectory {p.name!r} has no frames")
    meta: dict[str, Any] = {}
    side = metadata_path_for(p)
    if side.exists():
        meta.update(json.loads(side.read_text()))
    meta.update({k: v for k, v in frames[0].info.items() if isinstance(v, int | float | str)})
    if len(frames) > 1 and "time_fs" in frames[1].info and "time_fs" in frames[0].info:
        meta["frame_interval_fs"] = float(frames[1].info["time_fs"]) - float(
            frames[0].info["time_fs"]
        )
    return frames, meta


def unwrap(frames: list[Any]) -> np.ndarray:
    """Cartesian positions (frames, atoms, 3) made continuous by removing jumps across the
    periodic boundary between consecutive frames (minimum image on fractional differences).
    Each jump is converted with the later frame's cell, so NPT runs (changing cell) unwrap too."""
    cells = np.array([np.asarray(f.cell) for f in frames])
    frac = np.array([f.get_scaled_positions(wrap=False) for f in frames])
    d = np.diff(frac, axis=0)
    d -= np.round(d)
    steps = np.einsum("fai,fij->faj", d, cells[1:])
    start = frac[0] @ cells[0]
    return np.concatenate([start[None], start[None] + np.cumsum(steps, axis=0)], axis=0)


def diffusion_from_trajectory(
    path: str | Path,
    species: str = "Li",
    *,
    temperature_k: float | None = None,
    frame_interval_fs: float | None = None,
    fit_start_ps: float | None = None,
    remove_drift: bool = True,
    charge: float = 1.0,
) -> DiffusionResult:
    """Analyse a trajectory written by `run_md` (or any extxyz/.traj with the same frame
    spacing). Temperature and frame interval come from its metadata unless given."""
    frames, meta = read_trajectory(path)
    temp = temperature_k if temperature_k is not None else meta.get("temperature_K")
    if temp is None:
        raise MissingDataError(f"{Path(path).name}: no temperature in its metadata; give one")
    dt_fs = frame_interval_fs or meta.get("frame_interval_fs")
    if dt_fs is None and "timestep_fs" in meta and "save_interval" in meta:
        dt_fs = float(meta["timestep_fs"]) * int(meta["save_interval"])
    if dt_fs is None:
        raise MissingDataError(f"{Path(path).name}: no frame interval in its metadata; give one")
    symbols = np.array(frames[0].get_chemical_symbols())
    mobile = symbols == species
    if not mobile.any():
        raise MissingDataError(f"{Path(path).name}: no {species} atoms")
    pos = unwrap(frames)
    if remove_drift:
        masses = frames[0].get_masses()
        com = (pos * masses[None, :, None]).sum(axis=1) / masses.sum()
        pos = pos - (com - com[0])[:, None, :]
    res = analyse_displacements(
        pos[:, mobile],
        dt_fs / 1000.0,
        temperature_k=float(temp),
        volume_a3=float(np.mean([f.get_volume() for f in frames])),  # NPT: mean volume
        species=species,
        charge=charge,
        fit_start_ps=fit_start_ps,
        source=str(path),
    )
    res = replace(res, formula=frames[0].get_chemical_formula(mode="metal", empirical=True))
    if (~mobile).any():
        host = np.flatnonzero(~mobile)
        # bonds from the mean of the first ~1 ps (thermal vibration averaged out)
        ref = frames[0][host]
        ref.positions = pos[: max(1, min(len(frames) // 10, int(1000.0 / dt_fs))), host].mean(0)
        res = _with_framework_check(res, pos[:, host], dt_fs / 1000.0, ref)
    return res


# Heuristic chosen here (no published criterion): a host species with a D above 5 % of the
# mobile D means the host is not stable. Set in the first release on pooled host atoms (CHGNet,
# 50-atom LGPS, 15 ps: 4.9/3.5 % at 800/1000 K as a crystal, 10.5 % at 1200 K molten) and kept
# for the per-species check, where the same runs give < 0.1 / 4.3 % and a 42 % broken-bond
# fraction at 1200 K; the 100-atom LGPS gives 0.1-0.4 % at 600-800 K and 14 % (PS4) molten at
# 1000 K. See docs/atomistic.md.
FRAMEWORK_D_FRACTION = 0.05


# A unit bond longer than this many times its first-frame length (mean over the last tenth of
# the run) is broken; more than BROKEN_UNIT_FRACTION of them broken means the polyanions
# decompose. Chosen here: intact P–S, P–O, C–O bonds vibrate by < 10 % at the temperatures of
# a transport run, and a bond 30 % longer has no covalent overlap left.
BROKEN_BOND_FACTOR = 1.3
BROKEN_UNIT_FRACTION = 0.1
# Bond cut-off: 1.1 × the sum of ASE's covalent radii (P–S 2.33 Å, P–O 1.83 Å, C–O 1.45 Å),
# above the bond lengths with their thermal spread and below the next shells.
UNIT_BOND_MULT = 1.1


def rigid_units(host: Any) -> list[tuple[int, ...]]:
    """Polyanions of a host (ASE Atoms: the first ~1 ps averaged, without the mobile species):
    a centre with at least two bonded neighbours each bonded to that centre alone (bonds:
    UNIT_BOND_MULT × ASE's covalent-radius sums), e.g. PS4, PO4, GeS4, CO3; centre first.
    Frameworks (an O bridging P and Ti, or Zr and La) form no units.

    Why: such units rotate in fast conductors (the paddle-wheel motion of thiophosphates) while
    their centres stay on their sites; the host check follows their centres of mass so that a
    rotation is not read as the lattice melting. Written here (ASE finds the bonds; no library
    groups a trajectory into rigid units)."""
    from ase.neighborlist import natural_cutoffs, neighbor_list

    i, j = neighbor_list("ij", host, natural_cutoffs(host, mult=UNIT_BOND_MULT))
    nbrs: list[set[int]] = [set() for _ in range(len(host))]
    for a, b in zip(i.tolist(), j.tolist(), strict=True):
        if a != b:
            nbrs[a].add(b)
    return [
        (c, *sorted(ns))
        for c, ns in enumerate(nbrs)
        if len(ns) >= 2 and all(nbrs[t] == {c} for t in ns)
    ]


def _unit_formula(symbols: list[str], unit: tuple[int, ...]) -> str:
    """'PS4' for a P centre with four S (centre first, then the neighbours by element)."""
    from collections import Counter

    counts = Counter(symbols[k] for k in unit[1:])
    return symbols[unit[0]] + "".join(
        f"{el}{n if n > 1 else ''}" for el, n in sorted(counts.items())
    )


def _broken_bond_fraction(host: Any, host_pos: np.ndarray, units: list[tuple[int, ...]]) -> float:
    """Fraction of centre–neighbour bonds of `units` longer than BROKEN_BOND_FACTOR × their
    reference length, averaged over the last tenth of the frames. `host.positions` are the
    unwrapped reference positions; each bond is the unwrapped difference plus the lattice
    vector that makes the reference bond a minimum image."""
    c_idx = np.array([u[0] for u in units for _ in u[1:]])
    t_idx = np.array([t for u in units for t in u[1:]])
    from ase.geometry import find_mic

    raw = host.positions[t_idx] - host.positions[c_idx]
    v_ref, _ = find_mic(raw, host.cell, host.pbc)  # all bonds at once, not one call per bond
    shift = v_ref - raw
    tail = host_pos[-max(1, host_pos.shape[0] // 10) :]
    length = np.linalg.norm(tail[:, t_idx] - tail[:, c_idx] + shift[None], axis=-1).mean(axis=0)
    return float(np.mean(length > BROKEN_BOND_FACTOR * np.linalg.norm(v_ref, axis=-1)))


def _late_slope_d(tracks: np.ndarray, frame_interval_ps: float) -> float:
    """D (cm²/s) from the slope of the all-origin MSD of `tracks` (frames, sites, 3) over the
    second half of the lags, where vibration and libration plateaus have no slope."""
    n_frames = tracks.shape[0]
    max_lag = max(4, (n_frames - 1) // 2)
    lags = np.unique(np.linspace(max_lag // 2, max_lag, 12).round().astype(int))
    lags = lags[lags >= 1]
    msd = _msd_all_origins(tracks, lags).tracer
    slope = float(np.polyfit(lags * frame_interval_ps, msd, 1)[0]) if len(lags) >= 2 else 0.0
    return max(slope, 0.0) / 6.0 * 1e-4  # Å^2/ps -> cm^2/s


def _with_framework_check(
    res: DiffusionResult, host_pos: np.ndarray, frame_interval_ps: float, host: Any
) -> DiffusionResult:
    """The host check. Each host species (an element, or a polyanion from `rigid_units`
    followed at its centre of mass) gets a D from its late MSD slope; the run is flagged when
    any of them exceeds FRAMEWORK_D_FRACTION of the mobile species' D (that sublattice melts or
    the crystal decomposes, so the mobile D is not the crystal's), or when the polyanions'
    bonds break. Species by species, so one mobile sublattice (Cl in an argyrodite) is not
    averaged away among the many atoms that stay. The D ratio is judged only once the mobile
    species has hopped (tracer MSD ≥ MIN_HOP_MSD_A2). `host`: ASE Atoms of the host atoms at
    their reference (early-averaged, unwrapped) positions."""
    symbols = host.get_chemical_symbols()
    masses = host.get_masses()
    units = rigid_units(host)
    tracks: dict[str, list[np.ndarray]] = {}
    for u in units:
        m = masses[list(u)]
        centre = (host_pos[:, list(u)] * m[None, :, None]).sum(axis=1) / m.sum()
        tracks.setdefault(_unit_formula(symbols, u), []).append(centre)
    grouped = {k for u in units for k in u}
    for k in range(len(symbols)):
        if k not in grouped:
            tracks.setdefault(symbols[k], []).append(host_pos[:, k])
    by_species = tuple(
        (label, len(t), _late_slope_d(np.stack(t, axis=1), frame_interval_ps))
        for label, t in sorted(tracks.items())
    )
    worst, _, d_host = max(by_species, key=lambda x: x[2])
    broken = _broken_bond_fraction(host, host_pos, units) if units else None
    d_mobile = res.tracer.d_cm2_s
    # a ratio to the D of a species that has not hopped yet is noise over noise (La "at 10 %"
    # of the Li D in tetragonal LLZO at 1000 K, where no Li hops in 5 ps): no verdict then
    hopped = bool(res.msd_tracer_a2) and res.msd_tracer_a2[-1] >= MIN_HOP_MSD_A2
    diffusing = hopped and d_mobile > 0 and d_host > FRAMEWORK_D_FRACTION * d_mobile
    breaking = broken is not None and broken > BROKEN_UNIT_FRACTION
    warns = res.warnings
    if diffusing:
        warns = (
            *warns,
            f"the host's {worst} diffuses (D = {d_host:.2g} cm^2/s, {d_host / d_mobile:.0%} of "
            f"the {res.species} D): the lattice is melting or decomposing at this temperature; "
            "leave it out of an Arrhenius fit",
        )
    if breaking:
        names = sorted({_unit_formula(symbols, u) for u in units})
        warns = (
            *warns,
            f"{broken:.0%} of the bonds in the host's {', '.join(names)} units are broken at "
            "the end of the run: the polyanions decompose; leave it out of an Arrhenius fit",
        )
    return replace(
        res,
        framework_d_cm2_s=d_host,
        framework_stable=not (diffusing or breaking),
        framework_species_d_cm2_s=by_species,
        framework_broken_bond_fraction=broken,
        warnings=warns,
    )


# ----------------------------------------------------------------------------- Arrhenius


def arrhenius_fit(
    temperatures_k: list[float] | tuple[float, ...],
    d_cm2_s: list[float] | tuple[float, ...],
    d_std_cm2_s: list[float] | tuple[float, ...],
    *,
    t_extrap_k: float = 300.0,
    n_mobile_per_a3: float | None = None,
    charge: float = 1.0,
) -> ArrheniusResult:
    """Weighted fit of ln D = ln D0 - Ea/(kB T) (weights 1/var(ln D), var(ln D) = (sD/D)^2),
    parameter covariance scaled by the reduced chi^2 when it exceeds 1. The extrapolation to
    `t_extrap_k` carries the full covariance; with `n_mobile_per_a3` the Nernst–Einstein
    conductivity at that temperature is given too."""
    temps = np.asarray(temperatures_k, float)
    d = np.asarray(d_cm2_s, float)
    sd = np.asarray(d_std_cm2_s, float)
    if len(temps) < 2 or len(set(temps.tolist())) < 2:
        raise InvalidConditionError("an Arrhenius fit needs at least two temperatures")
    if np.any(d <= 0):
        raise InvalidConditionError("every D must be positive for an Arrhenius fit")
    if np.any(temps <= 0) or t_extrap_k <= 0:
        raise InvalidConditionError("temperatures must be positive")
    y = np.log(d)
    sy = np.maximum(sd / d, 1e-6)
    x = -1.0 / (K_B_EV * temps)
    X = np.column_stack([np.ones_like(x), x])
    W = np.diag(1.0 / sy**2)
    cov = np.linalg.inv(X.T @ W @ X)
    beta = cov @ X.T @ W @ y
    dof = len(temps) - 2
    chi2 = float(((y - X @ beta) ** 2 / sy**2).sum())
    red = chi2 / dof if dof > 0 else float("nan")
    note = ""
    if dof > 0 and red > 1:
        cov = cov * red
        note = f"parameter covariance scaled by reduced chi^2 = {red:.2f}"
    elif dof == 0:
        note = "two temperatures: uncertainties from the D intervals only"
    xe = np.array([1.0, -1.0 / (K_B_EV * t_extrap_k)])
    ly = float(xe @ beta)
    sly = float(math.sqrt(max(xe @ cov @ xe, 0.0)))
    de = math.exp(ly)
    ci = (math.exp(ly - 1.96 * sly), math.exp(ly + 1.96 * sly))
    sig = sig_ci = None
    if n_mobile_per_a3 is not None:

        def ne(dd: float) -> float:
            return nernst_einstein_s_cm(dd, 1, 1.0 / n_mobile_per_a3, t_extrap_k, charge)

        sig = ne(de)
        sig_ci = (ne(ci[0]), ne(ci[1]))
    return ArrheniusResult(
        temperatures_k=tuple(temps.tolist()),
        d_cm2_s=tuple(d.tolist()),
        d_std_cm2_s=tuple(sd.tolist()),
        ea_ev=float(beta[1]),
        ea_std_ev=float(math.sqrt(max(cov[1, 1], 0.0))),
        d0_cm2_s=float(math.exp(beta[0])),
        t_extrap_k=float(t_extrap_k),
        d_extrap_cm2_s=de,
        d_extrap_ci95_cm2_s=ci,
        conductivity_extrap_s_cm=sig,
        conductivity_extrap_ci95_s_cm=sig_ci,
        reduced_chi2=red,
        note=note,
    )


def arrhenius_from_results(
    results: list[DiffusionResult], t_extrap_k: float = 300.0, *, only_reliable: bool = False
) -> ArrheniusResult:
    """Arrhenius fit over several DiffusionResults of the same species and cell.

    By default every run is fitted and the note names the runs that failed the diffusive-regime
    or host-lattice check. With `only_reliable=True` those runs are left out of the fit (the
    note says which); fewer than two left raises InvalidConditionError naming them. Runs of
    different cells (formulas) or mobile species are refused: one Arrhenius line per material."""
    formulas = sorted({r.formula for r in results if r.formula})
    if len(formulas) > 1:
        raise InvalidConditionError(
            f"these runs are of {len(formulas)} materials ({', '.join(formulas)}): "
            "fit each material on its own"
        )
    species = sorted({r.species for r in results})
    if len(species) > 1:
        raise InvalidConditionError(
            f"these runs follow different species ({', '.join(species)}): fit each on its own"
        )
    dropped: list[str] = []
    if only_reliable:
        dropped = [
            f"{r.temperature_k:g} K" for r in results if not (r.diffusive and r.framework_stable)
        ]
        results = [r for r in results if r.diffusive and r.framework_stable]
        if len(results) < 2:
            raise InvalidConditionError(
                "fewer than two runs are diffusive with a stable host "
                f"(left out: {', '.join(dropped) or 'none'}): run longer, or at other temperatures"
            )
    if len(results) < 2:
        raise InvalidConditionError("an Arrhenius fit needs at least two trajectories")

    n_per_a3 = results[0].n_mobile / results[0].volume_a3
    fit = arrhenius_fit(
        [r.temperature_k for r in results],
        [r.tracer.d_cm2_s for r in results],
        [r.tracer.d_std_cm2_s for r in results],
        t_extrap_k=t_extrap_k,
        n_mobile_per_a3=n_per_a3,
    )
    bad = [f"{r.temperature_k:g} K" for r in results if not r.diffusive]
    notes = [fit.note]
    if bad:
        notes.append(
            f"not diffusive at {', '.join(bad)}: Ea and the extrapolation are not reliable"
        )
    molten = [f"{r.temperature_k:g} K" for r in results if not r.framework_stable]
    if molten:
        notes.append(f"host lattice mobile (melting?) at {', '.join(molten)}: drop those runs")
    if dropped:
        notes.append(f"left out (not diffusive or host mobile): {', '.join(dropped)}")
    fit = replace(fit, note="; ".join(x for x in notes if x))
    return fit
