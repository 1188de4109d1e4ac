"""Benchmark of contact/particle.py (not a test).

1. one 2-D particle (circle, 200 x 200 grid) from the charged state to full discharge
   (galvanostatic, 1C, to the lower cut-off voltage or the end of the Li-fraction window);
2. a sweep over 50 contact fractions in parallel processes (circle 40 x 40, charge, 1C,
   diffusion-limited LNMO with D = 1e-10 cm^2/s so that the capacity depends on contact).

Prints wall and CPU time (time.process_time) and peak memory. The single run is timed
without tracemalloc (tracing every allocation slowed it by 10-50 %) and repeated `--repeat`
times (best and all times printed); one more run under tracemalloc gives the peak of
Python-level allocations, getrusage the resident-set peak of this process and of the workers.

    .venv/bin/python benchmarks/bench_particle.py [--grid 200] [--repeat 3] [--sweep-n 50]
                                                  [--sweep-grid 40] [--workers 2]
"""

from __future__ import annotations

import argparse
import os
import resource
import time
import tracemalloc

import numpy as np

from interphase.contact.particle import simulate_particle, sweep_contact_fraction


def _rss_mib(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024.0  # Linux: KiB


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--material", default="LNMO")
    ap.add_argument("--grid", type=int, default=200)
    ap.add_argument("--contact-fraction", type=float, default=0.2)
    ap.add_argument("--sweep-grid", type=int, default=40)
    ap.add_argument("--sweep-n", type=int, default=50)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--sweep-diffusivity", type=float, default=1e-10)
    ap.add_argument("--repeat", type=int, default=3, help="timed repetitions of the single run")
    args = ap.parse_args()
    print(f"cpus visible: {os.cpu_count()}, load average: {os.getloadavg()}")

    def single():
        return simulate_particle(
            args.material,
            contact_fraction=args.contact_fraction,
            geometry="circle",
            grid=args.grid,
            operation="discharge",
            c_rate=1.0,
        )

    times = []
    for _ in range(max(args.repeat, 1)):
        c0 = time.process_time()
        t0 = time.perf_counter()
        res = single()
        times.append((time.perf_counter() - t0, time.process_time() - c0))
    wall, cpu = min(times)
    print(
        f"single: {args.material} circle {args.grid}x{args.grid} ({res.frames[0].size} pixels), "
        f"discharge 1C, contact {args.contact_fraction}: {wall:.2f} s wall ({cpu:.2f} s CPU), "
        f"best of {len(times)}: " + ", ".join(f"{w:.2f}/{c:.2f}" for w, c in times) + " s "
        f"wall/CPU; {res.n_steps} steps, {res.n_factorizations} LU factorisations, "
        f"stopped by {res.termination} at {res.time_s:.0f} s, capacity "
        f"{res.capacity_fraction:.4f}, Li conservation {res.conservation_error_relative:.1e}"
    )
    tracemalloc.start()
    single()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"single: tracemalloc peak {peak / 2**20:.1f} MiB, RSS peak {_rss_mib(0):.1f} MiB")

    fractions = list(np.linspace(0.02, 1.0, args.sweep_n))
    t0 = time.perf_counter()
    sweep = sweep_contact_fraction(
        fractions,
        args.material,
        max_workers=args.workers,
        geometry="circle",
        grid=args.sweep_grid,
        operation="charge",
        c_rate=1.0,
        diffusivity_cm2_s=args.sweep_diffusivity,
        threshold_li_fraction=0.1,
        n_patches=2,
    )
    wall = time.perf_counter() - t0
    print(
        f"sweep: {args.sweep_n} contact fractions, circle {args.sweep_grid}x{args.sweep_grid}, "
        f"charge 1C, D = {args.sweep_diffusivity:g} cm2/s, {args.workers} workers: "
        f"{wall:.2f} s wall "
        f"({wall / args.sweep_n:.2f} s per run; workers' CPU "
        f"{resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime:.1f} s), worker RSS peak "
        f"{_rss_mib(resource.RUSAGE_CHILDREN):.1f} MiB"
    )
    for k in (0, len(fractions) // 4, len(fractions) // 2, len(fractions) - 1):
        print(
            f"sweep: contact {sweep.contact_fraction[k]:.3f}: capacity "
            f"{sweep.capacity_fraction[k]:.3f}, below x = 0.1: "
            f"{sweep.over_delithiated_fraction[k]:.3f}, {sweep.termination[k]}"
        )


if __name__ == "__main__":
    main()
