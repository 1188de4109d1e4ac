"""Many MD runs (materials × temperatures) through the compute/ Dask layer, then transport.

Each (material, temperature) is one task of `compute.run_tasks`: a worker runs `run_md` and the
client writes the run's summary into the `ResultStore` as it finishes, so an interrupted campaign
resumes where it stopped (finished runs are not repeated) and results from several machines land
in one store. After the MD, each trajectory is analysed (`diffusion_from_trajectory`) and every
material with two or more temperatures gets an Arrhenius fit. With `replicas` > 1 every
(material, temperature) runs that many times from different velocity seeds (seed, seed + 1, ...),
and the runs at one temperature are combined (`replicas.combine_replicas`): independent runs of
a small cell scatter more than one run's interval says (docs/atomistic.md, Diffusion).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from interphase.compute import ResultStore, RunSummary, Task, run_stored
from interphase.errors import InvalidConditionError
from interphase.results import Result

SCHEMA = 1


@dataclass(frozen=True)
class MDCampaignSpec:
    """Settings shared by every run of a campaign; `run_key` names its results in the store."""

    n_steps: int
    out_dir: str
    timestep_fs: float = 2.0
    ensemble: str = "nvt-nose-hoover"
    equilibration_steps: int = 250
    save_interval: int = 10
    seed: int = 0
    potential: str = "chgnet"
    device: str | None = None
    replicas: int = 1  # runs per (material, temperature), seeds seed, seed + 1, ...

    @property
    def run_key(self) -> str:
        d = asdict(self) | {"schema": SCHEMA}
        d.pop("device")  # where it ran does not change what it is
        # how many replicas is not a setting of a run: a campaign asking for more replicas
        # reuses the stored ones (each replica has its own task id)
        d.pop("replicas")
        return "md-" + hashlib.sha1(json.dumps(d, sort_keys=True).encode()).hexdigest()[:12]


@dataclass(frozen=True)
class MaterialTransport(Result):
    """Diffusion at each temperature of one material and its Arrhenius fit (when ≥ 2 T):
    over every run, and over the runs that are diffusive with a stable host only."""

    material: str
    diffusion: tuple[dict, ...]  # DiffusionResult.to_dict() per run, sorted by T
    arrhenius: dict | None
    note: str = ""
    arrhenius_reliable: dict | None = None
    replicas: tuple[dict, ...] = ()  # ReplicaSummary.to_dict() per T with >= 2 runs


@dataclass(frozen=True)
class MDCampaignResult(Result):
    spec: dict[str, Any]
    runs: tuple[dict, ...]  # MDResult.to_dict() of each finished run
    failures: dict[str, str]  # task id → one-line error
    transport: tuple[MaterialTransport, ...]
    summary: RunSummary
    citations: tuple[str, ...] = field(default=("mccluskey2023kinisi",))


def task_id(stem: str, temperature_k: float, replica: int = 0) -> str:
    """Replica 0 keeps the name of single-run campaigns, so their stores stay valid."""
    return f"{stem}_{temperature_k:g}K" + (f"_r{replica}" if replica else "")


def _md_task(spec: MDCampaignSpec, payload: dict[str, Any]) -> dict[str, Any]:
    """Worker side: one MD run from a structure dict; the trajectory goes to spec.out_dir."""
    from pymatgen.core import Structure

    from interphase.atomistic.md import run_md
    from interphase.atomistic.trajectory_files import checkpoint_path_for

    s = Structure.from_dict(payload["structure"])
    traj = Path(spec.out_dir) / f"{payload['task']}.extxyz"
    if traj.exists():  # a run killed mid-way: start again rather than append to a torn file
        traj.unlink()
        checkpoint_path_for(traj).unlink(missing_ok=True)
    r = run_md(
        s,
        payload["temperature_k"],
        spec.n_steps,
        trajectory=traj,
        timestep_fs=spec.timestep_fs,
        ensemble=spec.ensemble,
        equilibration_steps=spec.equilibration_steps,
        save_interval=spec.save_interval,
        seed=int(payload["seed"]),
        potential=spec.potential,
        device=spec.device,
    )
    return r.to_dict() | {"material": payload["material"]}


def run_md_campaign(
    materials: list[Any],
    temperatures_k: list[float],
    spec: MDCampaignSpec,
    *,
    store: ResultStore | str | Path = ":memory:",
    workers: int | None = None,
    scheduler: str | None = None,
    quiet: bool | None = None,
    analyse: bool = True,
    species: str = "Li",
    progress=None,
) -> MDCampaignResult:
    """Run MD for every material × temperature (materials: bundled names, file paths or
    Structures; each is one cell, repeat it first if needed) on Dask (`workers`, or an existing
    `scheduler`; `workers=0` runs in this process), store each run's summary, then analyse Li
    diffusion of `species` per trajectory and fit Arrhenius per material. `progress(description,
    done, total)` follows the runs."""
    from interphase.atomistic.structures import file_stem, load_structure

    if not materials or not temperatures_k:
        raise InvalidConditionError("give at least one material and one temperature")
    for t in temperatures_k:
        if not t > 0:
            raise InvalidConditionError(f"temperature must be positive (got {t} K)")
    if spec.n_steps < 1:
        raise InvalidConditionError("n_steps must be >= 1")
    if spec.replicas < 1:
        raise InvalidConditionError(f"replicas must be >= 1 (got {spec.replicas})")
    structures = [load_structure(m) for m in materials]  # bad input fails before any MD
    Path(spec.out_dir).mkdir(parents=True, exist_ok=True)
    tasks = []
    for s in structures:
        stem = file_stem(s)
        for t in temperatures_k:
            for k in range(spec.replicas):
                tid = task_id(stem, t, k)
                payload = {
                    "task": tid,
                    "material": stem,
                    "temperature_k": float(t),
                    "seed": spec.seed + k,
                    "structure": s.as_dict(),
                }
                tasks.append(Task(id=tid, group=stem, payload=payload))
    if len({t.id for t in tasks}) != len(tasks):
        raise InvalidConditionError("a material or temperature is given twice")
    done = run_stored(
        _md_task,
        spec,
        tasks,
        store,
        spec.run_key,
        asdict(spec),
        workers=workers,
        scheduler=scheduler,
        batch_size=1,  # MD runs are long: one per Dask task keeps the workers balanced
        quiet=quiet,
        description="MD runs",
        progress=progress,
    )
    summary, stored = done.summary, done.rows
    runs, failures = [], {}
    for t in tasks:
        row = stored.get(t.id)
        if row is None:
            continue
        if row["status"] == "done":
            runs.append(row["result"])
        else:
            failures[t.id] = row["error"]
    transport = _transport(runs, species) if analyse else ()
    return MDCampaignResult(
        spec=asdict(spec),
        runs=tuple(runs),
        failures=failures,
        transport=transport,
        summary=summary,
    )


def _transport(runs: list[dict], species: str) -> tuple[MaterialTransport, ...]:
    from interphase.atomistic.diffusion import arrhenius_from_results, diffusion_from_trajectory
    from interphase.atomistic.replicas import replicas_by_temperature

    by_material: dict[str, list] = {}
    for r in runs:
        by_material.setdefault(r["material"], []).append(r)
    out = []
    for mat, rows in sorted(by_material.items()):
        results, notes = [], []
        for r in sorted(rows, key=lambda x: x["temperature_k"]):
            try:
                results.append(diffusion_from_trajectory(r["trajectory_path"], species))
            except Exception as exc:  # e.g. no Li, too few frames: keep the other temperatures
                notes.append(f"{r['temperature_k']:g} K: {exc}")
        arr = arr_ok = None
        positive = [d for d in results if d.tracer.d_cm2_s > 0]
        if len({d.temperature_k for d in positive}) >= 2:
            arr = arrhenius_from_results(positive).to_dict()
            try:
                arr_ok = arrhenius_from_results(positive, only_reliable=True).to_dict()
            except InvalidConditionError as exc:
                notes.append(f"no fit over reliable runs: {exc}")
        elif len(results) >= 2:
            notes.append("no Arrhenius fit: fewer than two temperatures with D > 0")
        out.append(
            MaterialTransport(
                material=mat,
                diffusion=tuple(d.to_dict() for d in results),
                arrhenius=arr,
                note="; ".join(notes),
                arrhenius_reliable=arr_ok,
                replicas=tuple(g.to_dict() for g in replicas_by_temperature(results)),
            )
        )
    return tuple(out)
