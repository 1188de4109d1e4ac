"""Arrhenius analysis of diffusion runs: the weighted fit of ln D against 1/T with its
parameter covariance, the extrapolation of D (and the Nernst–Einstein conductivity) to a
lower temperature with an interval, and the fit over several `DiffusionResult`s with their
reliability checks (`ArrheniusResult`).

Units: D in cm^2/s, conductivity in S/cm, energies in eV, T in K.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np

from interphase.atomistic.diffusion_analysis import DiffusionResult, nernst_einstein_s_cm
from interphase.constants import K_B_EV
from interphase.errors import InvalidConditionError
from interphase.results import Result


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
