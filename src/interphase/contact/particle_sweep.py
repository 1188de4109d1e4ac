"""The contact-fraction sweep: `simulate_particle` at several contact fractions (other
conditions shared), in worker processes when asked, gathered into a `ContactSweepResult`.
The task function `_sweep_one` stays module-level so that it pickles for the workers."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import replace

from interphase.contact.particle_results import ContactSweepResult, ParticleResult
from interphase.contact.particle_simulate import _resolve_electrode, simulate_particle
from interphase.errors import ComputeError, InvalidConditionError
from interphase.materials.electrodes import ElectrodeParameters


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
