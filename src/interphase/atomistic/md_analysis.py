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


ANALYSIS_API_NAMES = {
    "temperature_k": "temperature_k",
    "fit_start_ps": "fit_start_ps",
    "t_extrap_k": "t_extrap_k",
}


def check_analysis_settings(
    *,
    temperature_k: float | None = None,
    fit_start_ps: float | None = None,
    t_extrap_k: float = 300.0,
    names: dict[str, str] | None = None,
) -> None:
    """Refuse analysis settings out of range before any trajectory is read: temperatures
    within the MD's 1..5000 K, a fit start >= 0 ps (its upper end, the longest lag of each
    run, is checked per trajectory). `names`: the names used in the messages (CLI flags)."""
    from interphase.atomistic.md import MAX_TEMPERATURE_K, MIN_TEMPERATURE_K

    n = ANALYSIS_API_NAMES | (names or {})
    for key, t in (("temperature_k", temperature_k), ("t_extrap_k", t_extrap_k)):
        if t is not None and not MIN_TEMPERATURE_K <= t <= MAX_TEMPERATURE_K:
            raise InvalidConditionError(
                f"{n[key]} {t:g} K: give {MIN_TEMPERATURE_K:g}..{MAX_TEMPERATURE_K:g} K"
            )
    if fit_start_ps is not None and not fit_start_ps >= 0:
        raise InvalidConditionError(
            f"{n['fit_start_ps']} {fit_start_ps:g} ps: give a time lag >= 0 ps, below the "
            "longest lag (half the run)"
        )


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
    check_analysis_settings(
        temperature_k=temperature_k, fit_start_ps=fit_start_ps, t_extrap_k=t_extrap_k
    )
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
