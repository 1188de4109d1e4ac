"""Time and peak memory of a 5 x 5 nm HAADF image at publication sampling.

Specimen: LiCoO2 (bundled R-3m cell) along [100], 5 x 5 nm in plane, 5 nm thick; probe and
HAADF detector of the corrected-200kv preset (25 mrad, 75-200 mrad), potential sampling
0.039 Å (the coarsest that reaches 200 mrad), slices of 2 Å, scan at the probe's Nyquist
sampling (0.25 Å: 200 x 200 positions). A full scan takes hours on two CPU cores, so the
benchmark scans two small windows of the full 5 x 5 nm potential (the cost per probe position
does not depend on where the probe is) and extrapolates linearly in the number of positions:
time = fixed + per_position x 40 000. Peak memory is the process's peak resident set (the
full scan batches probes the same way, so its peak is about the same).

    python benchmarks/bench_stem.py [--size-nm 5] [--thickness-nm 5] [--device cpu|gpu]
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size-nm", type=float, default=5.0)
    ap.add_argument("--thickness-nm", type=float, default=5.0)
    ap.add_argument("--device", choices=("cpu", "gpu"), default="cpu")
    ap.add_argument("--windows", type=int, nargs=2, default=(2, 4), help="probes per side")
    args = ap.parse_args(argv)

    from interphase.atomistic.structures import load_structure
    from interphase.microscopy.orient import orient_structure
    from interphase.microscopy.presets import get_preset
    from interphase.microscopy.stem import nyquist_sampling_a, simulate_stem

    preset = get_preset("corrected-200kv")
    step = nyquist_sampling_a(preset)
    t0 = time.perf_counter()
    cell = orient_structure(
        load_structure("LiCoO2"),
        "1,0,0",
        thickness_nm=args.thickness_nm,
        min_extent_a=args.size_nm * 10,
    )
    print(
        f"specimen: {cell.n_atoms} atoms, field {cell.repeats[0] * cell.extent_a[0]:.1f} x "
        f"{cell.repeats[1] * cell.extent_a[1]:.1f} Å, {cell.thickness_a:.1f} Å thick "
        f"(built in {time.perf_counter() - t0:.1f} s)"
    )
    times = []
    for n in args.windows:
        t = time.perf_counter()
        sim = simulate_stem(
            cell,
            detectors=("haadf",),
            preset=preset,
            probe_window_a=0,
            scan_extent_a=(n * step, n * step),
            device=args.device,
        )
        times.append((sim.images[0].image.size, time.perf_counter() - t))
        print(
            f"{sim.images[0].image.size:5d} probe positions: {times[-1][1]:.1f} s "
            f"(grid sampling {sim.images[0].settings['potential_sampling_a']:.4f} Å)"
        )
    (n1, t1), (n2, t2) = times
    per = (t2 - t1) / (n2 - n1)
    fixed = t1 - per * n1
    full = round(args.size_nm * 10 / step) ** 2
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"per probe position: {per:.3f} s; fixed cost: {fixed:.1f} s")
    print(
        f"extrapolated {full} positions ({args.size_nm:g} x {args.size_nm:g} nm at "
        f"{step:.3f} Å): {fixed + per * full:.0f} s = {(fixed + per * full) / 3600:.2f} h"
    )
    usage = resource.getrusage(resource.RUSAGE_SELF)
    load = os.getloadavg()[0]
    print(
        f"peak resident memory: {peak_mib:.0f} MiB; device {args.device}; CPU time "
        f"{usage.ru_utime + usage.ru_stime:.0f} s; load average {load:.1f} on "
        f"{os.cpu_count()} cores (other work on the machine inflates the wall times)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
