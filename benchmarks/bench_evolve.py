"""Speed of the cycle-level stack evolution (interphase.evolution.cycling).

1. A 1000-cycle evolution of NCM811 | Li6PS5Cl | Li and NCM811 | LGPS | Li on one core
   (BLAS threads limited to 1): cold (the engines' first call in the process: reactions,
   windows, contact) and warm (engines cached), against the 1 s target.
2. A 3-parameter sensitivity sweep (10 x 10 x 10 = 1000 points over the three widest-ranged
   parameters, log-spaced) of the 1000-cycle model through interphase.compute on a local Dask
   cluster with 1 and 2 workers: wall time, peak memory (this process and the worker
   processes) and the speed-up, with the in-process sweep as the anchor.
3. A 100-point sweep of whole evolutions (engines rerun: stack pressure x C-rate x loading)
   on 1 and 2 workers, where each task is heavy enough for the workers to pay off.

    python benchmarks/bench_evolve.py
"""

from __future__ import annotations

import itertools
import resource
import tempfile
import time
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits

from interphase.compute.executor import Task, run_tasks
from interphase.compute.store import ResultStore
from interphase.evolution.cycling import build_model, evolve_stack
from interphase.stack import make_stack

CYCLES = 1000


def point(model, payload: dict) -> dict:
    """One sweep point: capacity and ASR after the last cycle."""
    total, cap = model.evaluate(payload)
    return {"asr_ohm_cm2": float(total[-1]), "capacity": float(cap[-1])}


def sweep_tasks(model) -> list[Task]:
    ranged = sorted(
        (p for p in model.params.values() if p.high > p.low),
        key=lambda p: -(p.high - p.low) / max(p.value, 1e-300),
    )[:3]
    axes = [
        np.geomspace(p.low, p.high, 10) if p.low > 0 else np.linspace(p.low, p.high, 10)
        for p in ranged
    ]
    print("sweep parameters:", ", ".join(f"{p.key} {p.low:.2g}..{p.high:.2g}" for p in ranged))
    return [
        Task(f"p{i}", "sweep", {p.key: float(x) for p, x in zip(ranged, xs, strict=True)})
        for i, xs in enumerate(itertools.product(*axes))
    ]


def stack_point(_spec, payload: dict) -> dict:
    """One heavy sweep point: a whole evolution (engines included) at a stack pressure,
    C-rate and loading."""
    spec = make_stack("NCM811", "LGPS", pressure_mpa=payload["pressure_mpa"])
    res = evolve_stack(spec, CYCLES, payload["c_rate"], payload["loading"])
    return {"capacity": res.capacity_fraction[-1]}


def dask_sweep(func, spec, tasks, workers: int, anchor: list[dict] | None) -> float:
    with tempfile.TemporaryDirectory() as d:
        store = ResultStore(Path(d) / "sweep.db")
        s = run_tasks(func, spec, tasks, store, "sweep", workers=workers, batch_size=8, quiet=True)
        got = {k: v["result"] for k, v in store.results("sweep").items()}
    line = f"  Dask, {workers} worker(s): {s.wall_s:.2f} s for {s.n_computed} points"
    if anchor is not None:
        ok = all(
            got[t.id] is not None and abs(got[t.id]["capacity"] - a["capacity"]) < 1e-12
            for t, a in zip(tasks, anchor, strict=True)
        )
        line += f", equal to the in-process results: {ok}"
    print(line)
    return s.wall_s


def main() -> None:
    with threadpool_limits(1):
        for args in (("NCM811", "Li6PS5Cl"), ("NCM811", "LGPS")):
            spec = make_stack(*args)
            t0 = time.perf_counter()
            evolve_stack(spec, CYCLES)
            cold = time.perf_counter() - t0
            t0 = time.perf_counter()
            res = evolve_stack(spec, CYCLES)
            warm = time.perf_counter() - t0
            model = build_model(spec, CYCLES)
            t0 = time.perf_counter()
            for _ in range(100):
                model.evaluate()
            per_eval = (time.perf_counter() - t0) / 100
            print(
                f"{res.stack}: {CYCLES} cycles cold {cold:.2f} s, warm {warm:.3f} s (target 1 s: "
                f"{'met' if warm < 1 else 'missed'}); cycle laws alone {per_eval * 1e6:.0f} us"
            )

    model = build_model(make_stack("NCM811", "LGPS"), CYCLES)
    tasks = sweep_tasks(model)
    t0 = time.perf_counter()
    anchor = [point(model, t.payload) for t in tasks]
    t_anchor = time.perf_counter() - t0
    print(f"in-process sweep of {len(tasks)} points: {t_anchor:.2f} s (anchor)")
    walls = {w: dask_sweep(point, model, tasks, w, anchor) for w in (1, 2)}
    print(f"  speed-up 1 -> 2 workers: {walls[1] / walls[2]:.2f}x (start-up dominated)")
    heavy = [
        Task(f"h{i}", "stack", {"pressure_mpa": p, "c_rate": c, "loading": q})
        for i, (p, c, q) in enumerate(
            itertools.product(
                (1.0, 3.0, 5.0, 10.0, 20.0), (0.1, 0.2, 0.5, 1.0, 2.0), (0.5, 1.0, 2.0, 3.0)
            )
        )
    ]
    t0 = time.perf_counter()
    for t in heavy[:4]:
        stack_point(None, t.payload)
    per = (time.perf_counter() - t0) / 4
    print(
        f"stack sweep of {len(heavy)} whole evolutions (pressure x C-rate x loading): "
        f"{per:.2f} s per point in-process"
    )
    heavy_walls = {w: dask_sweep(stack_point, None, heavy, w, None) for w in (1, 2)}
    print(f"  speed-up 1 -> 2 workers: {heavy_walls[1] / heavy_walls[2]:.2f}x")
    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak memory: this process {me:.0f} MiB, largest worker process {kids:.0f} MiB")


if __name__ == "__main__":
    main()
