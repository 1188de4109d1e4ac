"""Li conductivity and activation energy from ML-potential MD at several temperatures.

Usage:
  .venv/bin/python benchmarks/bench_transport.py --material Li10GeP2S12 \
      --temperatures 800,1000,1200 --total-steps 6000 --chunk-steps 500 --out out/transport

The runs go round-robin in restartable chunks (`run_md(..., restart=True)`), so stopping the
script at any time leaves every temperature with about the same run length, and running it again
continues where it stopped. After each round the trajectories are analysed (tracer and collective
MSD, GLS interval, diffusive-regime check) and an Arrhenius fit with the uncertainty of Ea and of
the 300 K extrapolation is written to <out>/<formula>_summary.json and printed.

Protocol (stated in the summary): the bundled (DFT-relaxed, ordered) cell at its own volume,
Maxwell–Boltzmann velocities, 1 ps Berendsen equilibration (not written), then Nosé–Hoover NVT,
2 fs steps, a frame every 10 steps. Reference values for comparison are in docs/atomistic.md.
"""

from __future__ import annotations

import argparse
import json
import time
import warnings
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--material", default="Li10GeP2S12")
    ap.add_argument("--temperatures", default="800,1000,1200")
    ap.add_argument("--total-steps", type=int, default=6000, help="production steps per T")
    ap.add_argument("--chunk-steps", type=int, default=500)
    ap.add_argument("--equilibration-steps", type=int, default=500)
    ap.add_argument("--timestep-fs", type=float, default=2.0)
    ap.add_argument("--save-interval", type=int, default=10)
    ap.add_argument("--min-atoms", type=int, default=0, help="supercell to at least this many")
    ap.add_argument("--potential", default="chgnet")
    ap.add_argument("--threads", type=int, default=0, help="torch threads (0: torch default)")
    ap.add_argument(
        "--seed", type=int, default=0, help="velocity seed (independent replicas: vary it)"
    )
    ap.add_argument("--out", default="out/transport")
    ap.add_argument(
        "--wall-budget-s",
        type=float,
        default=0.0,
        help="start no new chunk after this many seconds of this invocation (0: no limit)",
    )
    ap.add_argument(
        "--no-summary",
        action="store_true",
        help="only run MD (several processes share one --out, one temperature each)",
    )
    ap.add_argument(
        "--analyse-only", action="store_true", help="only summarise the trajectories in --out"
    )
    args = ap.parse_args()

    import torch

    if args.threads:
        torch.set_num_threads(args.threads)
    from interphase.atomistic.md import completed_steps, run_md
    from interphase.atomistic.potentials import get_calculator
    from interphase.atomistic.structures import file_stem, load_structure, supercell_for

    warnings.simplefilter("ignore")
    structure = supercell_for(load_structure(args.material), min_atoms=args.min_atoms)
    stem = file_stem(structure)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    temps = [float(t) for t in args.temperatures.split(",")]
    wall: dict[float, float] = {t: 0.0 for t in temps}
    if args.analyse_only:
        write_summary(out, stem, temps, args, structure, wall)
        return
    calc = get_calculator(args.potential)
    started = time.perf_counter()

    while True:
        progressed = False
        for t in temps:
            traj = out / f"{stem}_{t:g}K.extxyz"
            done = completed_steps(traj)
            if done >= args.total_steps:
                continue
            if args.wall_budget_s and time.perf_counter() - started > args.wall_budget_s:
                break
            n = min(args.chunk_steps, args.total_steps - done)
            t0 = time.perf_counter()
            run_md(
                None if done else structure,
                t,
                n,
                trajectory=traj,
                timestep_fs=args.timestep_fs,
                equilibration_steps=0 if done else args.equilibration_steps,
                save_interval=args.save_interval,
                seed=args.seed,
                calculator=calc,
                potential=args.potential,
                restart=bool(done),
            )
            dt = time.perf_counter() - t0
            wall[t] += dt
            progressed = True
            n_run = n + (0 if done else args.equilibration_steps)
            print(
                f"{stem} {t:g} K: production steps {done}->{done + n} "
                f"({n_run} MD steps) in {dt:.1f} s: {dt / n_run * 1e3:.1f} ms/step, "
                f"{len(structure) * n_run / dt:.0f} atom-steps/s",
                flush=True,
            )
        if not args.no_summary:
            write_summary(out, stem, temps, args, structure, wall)
        if not progressed:
            break


def write_summary(out: Path, stem: str, temps: list[float], args, structure, wall) -> None:
    """Analyse every trajectory in `out`, fit Arrhenius, write <stem>_summary.json and print."""
    from interphase.atomistic.references import references_for
    from interphase.errors import UnknownMaterialError

    summary = summarise(out, stem, temps, args, len(structure))
    try:
        refs = references_for(args.material)
    except UnknownMaterialError:  # a bundled cell that is no catalog name ("…-cubic")
        refs = references_for(structure.composition.reduced_formula)
    summary["references"] = [r.to_dict() for r in refs]
    summary["wall_s_this_invocation"] = wall
    (out / f"{stem}_summary.json").write_text(json.dumps(summary, indent=2) + "\n")
    print(json.dumps(summary["arrhenius"] or {}, indent=None)[:400], flush=True)


def summarise(out: Path, stem: str, temps: list[float], args, n_atoms: int) -> dict:
    from interphase.atomistic.diffusion import arrhenius_from_results, diffusion_from_trajectory
    from interphase.atomistic.md import metadata_path_for
    from interphase.errors import InvalidConditionError

    rows = []
    results = []
    equilibration: set[int] = set()  # as the trajectories' metadata records it
    timesteps: set[float] = set()
    frames_fs: set[float] = set()
    for t in temps:
        traj = out / f"{stem}_{t:g}K.extxyz"
        if not traj.exists():
            continue
        try:
            r = diffusion_from_trajectory(traj)
        except Exception as exc:  # too few frames yet
            rows.append({"temperature_K": t, "error": str(exc)})
            continue
        results.append(r)
        meta_path = metadata_path_for(traj)
        meta = json.loads(meta_path.read_text()) if meta_path.exists() else {}
        equil = meta.get("equilibration_steps")
        equilibration.add(args.equilibration_steps if equil is None else int(equil))
        timesteps.add(float(meta.get("timestep_fs", args.timestep_fs)))
        frames_fs.add(round(r.frame_interval_ps * 1000.0, 3))
        rows.append(
            {
                "temperature_K": t,
                "seed": meta.get("seed"),
                "duration_ps": r.duration_ps,
                "D_tracer_cm2_s": r.tracer.d_cm2_s,
                "D_tracer_std_cm2_s": r.tracer.d_std_cm2_s,
                "D_tracer_ci95_cm2_s": list(r.tracer.d_ci95_cm2_s),
                "haven_ratio": r.haven_ratio,
                "conductivity_NE_S_cm": r.conductivity_s_cm,
                "loglog_slope": r.loglog_slope,
                "diffusive": r.diffusive,
                "run_needed_ps": r.run_needed_ps,  # cage offset: run for the check to pass
                "host_stable": r.framework_stable,
                "host_D_by_species_cm2_s": {lab: d for lab, _, d in r.framework_species_d_cm2_s},
                "host_broken_bond_fraction": r.framework_broken_bond_fraction,
                "warnings": list(r.warnings),
                # absent for runs started before the metadata recorded it
                "initial_structure": meta.get("initial_structure"),
            }
        )

    def fit(only_reliable: bool) -> dict | str | None:
        if len(results) < 2 or any(r.tracer.d_cm2_s <= 0 for r in results):
            return None
        try:
            a = arrhenius_from_results(results, only_reliable=only_reliable)
        except InvalidConditionError as exc:  # fewer than two reliable runs
            return str(exc)
        return {
            "temperatures_K": list(a.temperatures_k),
            "Ea_eV": a.ea_ev,
            "Ea_std_eV": a.ea_std_ev,
            "D_300K_cm2_s": a.d_extrap_cm2_s,
            "D_300K_ci95_cm2_s": list(a.d_extrap_ci95_cm2_s),
            "sigma_300K_S_cm": a.conductivity_extrap_s_cm,
            "sigma_300K_ci95_S_cm": list(a.conductivity_extrap_ci95_s_cm or ()),
            "note": a.note,
        }

    arr = fit(only_reliable=False)
    arr_reliable = fit(only_reliable=True)
    eq_steps = "/".join(map(str, sorted(equilibration))) or args.equilibration_steps
    dt_fs = "/".join(f"{x:g}" for x in sorted(timesteps)) or f"{args.timestep_fs:g}"
    frame_fs = "/".join(f"{x:g}" for x in sorted(frames_fs)) or "?"
    return {
        "material": stem,
        "n_atoms": n_atoms,
        "potential": args.potential,
        "protocol": (
            f"bundled cell at its own volume; {eq_steps} steps Berendsen "
            f"equilibration, then Nose-Hoover NVT, {dt_fs} fs steps, a frame every {frame_fs} fs "
            "(as the trajectories record them)"
        ),
        "temperatures": rows,
        "arrhenius": arr,
        "arrhenius_reliable_runs_only": arr_reliable,
    }


if __name__ == "__main__":
    main()
