"""MD throughput of the ML potentials (atom-steps per second) on 100–200-atom cells.

Usage:  .venv/bin/python benchmarks/bench_md.py [--steps 10] [--json out.json]

For each available potential (CHGNet; SevenNet-0 when `sevenn` is installed) and each cell,
the calculator is warmed up (model load and the first call are excluded), then `--steps` NVT
(Nosé–Hoover, 2 fs, 600 K) steps are timed. Reports the device, torch threads and the median of
the per-step wall times, because shared CPUs make single timings noisy.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import time
import warnings


def bench(potential: str, name: str, min_atoms: int, steps: int) -> dict:
    import torch
    from ase import units
    from ase.md.nose_hoover_chain import NoseHooverChainNVT
    from ase.md.velocitydistribution import MaxwellBoltzmannDistribution

    from interphase.atomistic.potentials import default_device, get_calculator
    from interphase.atomistic.relax import structure_to_atoms
    from interphase.atomistic.structures import load_structure, supercell_for

    s = supercell_for(load_structure(name), min_atoms=min_atoms, min_length_a=8.0)
    atoms = structure_to_atoms(s)
    atoms.calc = get_calculator(potential)
    import numpy as np

    MaxwellBoltzmannDistribution(atoms, temperature_K=600, rng=np.random.default_rng(0))
    dyn = NoseHooverChainNVT(atoms, 2 * units.fs, temperature_K=600, tdamp=100 * units.fs)
    dyn.run(2)  # warm-up
    times = []
    for _ in range(steps):
        t0 = time.perf_counter()
        dyn.run(1)
        times.append(time.perf_counter() - t0)
    med = statistics.median(times)
    return {
        "potential": potential,
        "structure": s.composition.reduced_formula,
        "n_atoms": len(atoms),
        "steps": steps,
        "median_s_per_step": med,
        "min_s_per_step": min(times),
        "max_s_per_step": max(times),
        "atom_steps_per_s_median": len(atoms) / med,
        "device": default_device(),
        "gpu": torch.cuda.get_device_name(0) if torch.cuda.is_available() else None,
        "torch_threads": torch.get_num_threads(),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--steps", type=int, default=10)
    ap.add_argument("--json", default=None)
    ap.add_argument("--cells", default="Li3PO4:100,Li10GeP2S12:100")
    args = ap.parse_args()
    from interphase.atomistic.potentials import available_potentials

    rows = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for pot in available_potentials():
            for cell in args.cells.split(","):
                name, n = cell.split(":")
                r = bench(pot, name, int(n), args.steps)
                rows.append(r)
                print(
                    f"{pot:9s} {r['structure']:14s} {r['n_atoms']:4d} atoms  "
                    f"{r['median_s_per_step']:.3f} s/step (min {r['min_s_per_step']:.3f}, "
                    f"max {r['max_s_per_step']:.3f})  "
                    f"{r['atom_steps_per_s_median']:.0f} atom-steps/s  [{r['device']}, "
                    f"{r['torch_threads']} threads]",
                    flush=True,
                )
    if args.json:
        with open(args.json, "w") as fh:
            json.dump(
                {"machine": platform.processor() or platform.machine(), "runs": rows}, fh, indent=2
            )


if __name__ == "__main__":
    main()
