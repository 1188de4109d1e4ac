"""Transport from a set of MD trajectories, in one call (what `interphase diffusion` runs;
every face gets the same result).

`analyse_trajectories` analyses each trajectory (`diffusion.diffusion_from_trajectory`),
combines the runs at one temperature (`replicas.replicas_by_temperature`) and, when the runs
are of one material at two or more temperatures with D > 0, fits Arrhenius
(`diffusion.arrhenius_from_results`). Progress goes to an optional callback
`(description, done, total)`; nothing is drawn here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from interphase.errors import InvalidConditionError
from interphase.results import Result

Progress = Callable[[str, int, int], None]  # (description, done, total), as stack.analyze


@dataclass(frozen=True)
class TrajectorySetAnalysis(Result):
    """Per-run diffusion (`DiffusionResult`), replicas combined per temperature
    (`ReplicaSummary`), the Arrhenius fit (`ArrheniusResult`, None when none was possible)
    and, when no fit was tried because the runs are of several materials, why (`note`)."""

    diffusion: tuple[Any, ...]
    arrhenius: Any | None
    replicas: tuple[Any, ...]
    note: str | None = None


def analyse_trajectories(
    trajectories: Sequence[str | Path],
    species: str = "Li",
    *,
    temperature_k: float | None = None,
    fit_start_ps: float | None = None,
    t_extrap_k: float = 300.0,
    only_reliable: bool = False,
    progress: Progress | None = None,
) -> TrajectorySetAnalysis:
    """Diffusion of `species` in each trajectory (`temperature_k` overrides the trajectories'
    own, `fit_start_ps` the start of the fit), replicas combined, and the Arrhenius fit
    extrapolated to `t_extrap_k` (over the reliable runs only with `only_reliable`)."""
    from interphase.atomistic.diffusion import arrhenius_from_results, diffusion_from_trajectory
    from interphase.atomistic.replicas import replicas_by_temperature

    if not trajectories:
        raise InvalidConditionError("give at least one trajectory")
    if temperature_k is not None and not temperature_k > 0:
        raise InvalidConditionError(f"temperature must be positive (got {temperature_k:g} K)")
    if not t_extrap_k > 0:
        raise InvalidConditionError("extrapolation temperature must be positive")
    results = []
    for k, p in enumerate(trajectories):
        if progress is not None:
            progress("diffusion analysis", k, len(trajectories))
        results.append(
            diffusion_from_trajectory(
                p, species, temperature_k=temperature_k, fit_start_ps=fit_start_ps
            )
        )
    if progress is not None:
        progress("diffusion analysis", len(trajectories), len(trajectories))
    replicas = replicas_by_temperature(results)
    arr = None
    note = None
    formulas = sorted({r.formula for r in results})
    if len(formulas) > 1:
        note = (
            f"no Arrhenius fit: the trajectories are of {len(formulas)} materials "
            f"({', '.join(formulas)}); give one material's runs to fit E_a"
        )
    elif len({r.temperature_k for r in results}) >= 2 and all(
        r.tracer.d_cm2_s > 0 for r in results
    ):
        arr = arrhenius_from_results(results, t_extrap_k=t_extrap_k, only_reliable=only_reliable)
    return TrajectorySetAnalysis(
        diffusion=tuple(results), arrhenius=arr, replicas=tuple(replicas), note=note
    )
