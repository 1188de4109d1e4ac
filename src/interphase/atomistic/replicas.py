"""Independent MD runs of one cell at one temperature (replicas), combined into one D.

Why: a single run's interval (diffusion.py) describes the MSD that run measured. Independent
replicas of a small cell can scatter more than that (correlated Li moves, Li arrangements that
one run samples once): eight 50-atom LGPS runs at 800 K scattered 1.58x their mean interval
(docs/atomistic.md, Diffusion). Combining replicas is how that scatter enters the number.

Method (written here; no library does it for DiffusionResults):
- D is the unweighted mean of the replicas' D. That is the D of their pooled MSD (the OLS slope
  is linear in the MSD, and replicas share lags and fit range); an inverse-variance mean would
  favour the slow replicas, because sigma_D grows with D.
- Its standard deviation from the runs' own intervals is sqrt(sum sigma_i^2) / n. The scatter
  test is chi^2_red = sum (D_i - D)^2 / sigma_i^2 / (n - 1).
- When chi^2_red <= 1 the runs agree with their intervals: the interval is the truncated normal
  of that standard deviation (as for one run). When chi^2_red > 1 the standard deviation is
  scaled by sqrt(chi^2_red) (the Birge ratio, the Particle Data Group's scale factor) and the
  95 % interval uses Student's t with n - 1 degrees of freedom, because the scale then comes
  from the n runs themselves (t_0.975 = 12.7, 4.3, 3.2 for 2, 3, 4 runs).

Units: D in cm^2/s, T in K.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from interphase.atomistic.diffusion import DiffusionResult, truncated_normal_interval
from interphase.errors import InvalidConditionError
from interphase.results import Result


@dataclass(frozen=True)
class ReplicaSummary(Result):
    """Replicas of one cell (`formula`) and mobile species at one temperature, combined."""

    formula: str
    species: str
    temperature_k: float
    n_runs: int
    d_runs_cm2_s: tuple[float, ...]
    d_cm2_s: float  # mean of the runs' D (= D of the pooled MSD)
    d_std_cm2_s: float  # scaled by sqrt(reduced_chi2) when that exceeds 1
    d_ci95_cm2_s: tuple[float, float]
    reduced_chi2: float  # scatter of the runs about the mean, in units of their own sigma
    scatter_to_interval: float  # sample sd of the runs' D / their mean reported sigma
    all_reliable: bool  # every run diffusive with a stable host
    note: str


def combine_replicas(results: list[DiffusionResult]) -> ReplicaSummary:
    """Combine independent runs of one cell and species at one temperature (see module doc).

    Raises InvalidConditionError for fewer than two runs or runs of different cells, species or
    temperatures (within 0.5 K)."""
    if len(results) < 2:
        raise InvalidConditionError("combining replicas needs at least two runs")
    formulas = sorted({r.formula for r in results})
    species = sorted({r.species for r in results})
    temps = [r.temperature_k for r in results]
    if len(formulas) > 1 or len(species) > 1:
        raise InvalidConditionError(
            f"replicas must be one cell and one species (got {', '.join(formulas)}; "
            f"{', '.join(species)}): combine each material's runs on their own"
        )
    if max(temps) - min(temps) > 0.5:
        raise InvalidConditionError(
            f"replicas must share a temperature (got {min(temps):g}-{max(temps):g} K): "
            "use an Arrhenius fit across temperatures"
        )
    n = len(results)
    d = np.array([r.tracer.d_cm2_s for r in results])
    sd = np.array([r.tracer.d_std_cm2_s for r in results])
    mean = float(d.mean())
    sd_model = float(math.sqrt(float((sd**2).sum())) / n)
    red = float(((d - mean) ** 2 / np.maximum(sd, 1e-300) ** 2).sum() / (n - 1))
    scatter = float(d.std(ddof=1) / sd.mean()) if sd.mean() > 0 else float("inf")
    if red > 1.0:
        from scipy.stats import t as student_t

        sd_comb = sd_model * math.sqrt(red)
        half = float(student_t.ppf(0.975, n - 1)) * sd_comb
        ci = (max(mean - half, 0.0), mean + half)
        note = (
            f"the runs scatter more than their intervals (reduced chi^2 {red:.2f}): "
            f"sigma scaled by {math.sqrt(red):.2f}, interval from Student's t with {n - 1} "
            "degrees of freedom"
        )
    else:
        sd_comb = sd_model
        _, lo, hi = truncated_normal_interval(mean, sd_comb)
        ci = (lo, hi)
        note = f"the runs agree with their intervals (reduced chi^2 {red:.2f})"
    reliable = all(r.diffusive and r.framework_stable for r in results)
    if not reliable:
        note += "; not every run is diffusive with a stable host: D is not reliable"
    return ReplicaSummary(
        formula=formulas[0],
        species=species[0],
        temperature_k=float(np.mean(temps)),
        n_runs=n,
        d_runs_cm2_s=tuple(float(x) for x in d),
        d_cm2_s=mean,
        d_std_cm2_s=float(sd_comb),
        d_ci95_cm2_s=(float(ci[0]), float(ci[1])),
        reduced_chi2=red,
        scatter_to_interval=scatter,
        all_reliable=reliable,
        note=note,
    )


def replicas_by_temperature(results: list[DiffusionResult]) -> list[ReplicaSummary]:
    """Group runs by (cell, species, temperature rounded to 0.1 K) and combine every group of
    two or more; single runs are left out. Sorted by formula, then temperature."""
    groups: dict[tuple[str, str, float], list[DiffusionResult]] = defaultdict(list)
    for r in results:
        groups[(r.formula, r.species, round(r.temperature_k, 1))].append(r)
    return [combine_replicas(g) for _, g in sorted(groups.items()) if len(g) >= 2]
