"""NEB barriers of the distinct Li vacancy hops with CHGNet and SevenNet-0: run times, and the
comparison with the published barriers of atomistic/barrier_references.py.

    python benchmarks/bench_neb.py                      # timing: LiFePO4 and Li3PS4, all hops
    python benchmarks/bench_neb.py --compare            # + every bundled reference material
    python benchmarks/bench_neb.py --materials LiFePO4,Li3N --min-width 6 --images 3 \\
        --fmax 0.1 --steps 150 --threads 1            # the reduced run docs/barriers.md reports

Prints one row per hop (barrier, convergence, time), the network barriers, and per potential
the mean error, mean absolute error, worst error and mean ratio (NEB / published) over the
vacancy hop barriers (the "softening" of the potential, like the formation-energy offset).
Interstitial(cy) references and Arrhenius E_a are listed but kept out of the statistics: the
NEB here moves a vacancy, and an E_a also holds a defect formation energy.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time


def _args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--materials", default="LiFePO4,Li3PS4")
    p.add_argument("--compare", action="store_true", help="add all bundled reference materials")
    p.add_argument("--potentials", default="chgnet,sevennet")
    p.add_argument("--images", type=int, default=5)
    p.add_argument("--fmax", type=float, default=0.05)
    p.add_argument("--steps", type=int, default=300)
    p.add_argument("--min-width", type=float, default=8.0)
    p.add_argument("--max-hops", type=int, default=None, help="shortest hops per material")
    p.add_argument("--all-hops", default="", help="materials that get every clear hop")
    p.add_argument("--threads", type=int, default=2, help="torch threads (2 cores here)")
    p.add_argument("--save", default=None, help="append one JSON line per material and potential")
    p.add_argument(
        "--report", default=None, help="print the comparison from a --save file; compute nothing"
    )
    return p.parse_args()


def _materials(args: argparse.Namespace) -> list[str]:
    from interphase.atomistic.barrier_references import comparison_references
    from interphase.atomistic.structures import bundled_structure_path

    names = [m for m in args.materials.split(",") if m]
    if args.compare:
        for r in comparison_references():
            if (
                r.is_hop_barrier
                and r.mechanism == "vacancy"
                and bundled_structure_path(r.reduced_formula) is not None
                and r.reduced_formula not in names
            ):
                names.append(r.reduced_formula)
    return names


def _entry(text: str) -> tuple[str, str, float]:
    """NAME[:MECHANISM[:LONGEST_HOP_A]], e.g. "LiTi2(PO4)3:interstitial" or
    "LiZr2(PO4)3:vacancy:7"."""
    parts = text.split(":")
    mechanism = parts[1] if len(parts) > 1 else "vacancy"
    return parts[0], mechanism, float(parts[2]) if len(parts) > 2 else 4.5


def _record(name: str, pot: str, r, dt: float, args: argparse.Namespace) -> dict:
    """What the comparison needs from one HopBarriersResult, as plain JSON."""
    return {
        "material": name,
        "mechanism": r.mechanism,
        "potential": pot,
        "supercell": list(r.supercell),
        "n_atoms": r.nebs[0].n_atoms if r.nebs else None,
        "min_width_a": r.nebs[0].min_width_a if r.nebs else None,
        "settings": {
            "images": args.images,
            "fmax": args.fmax,
            "steps": args.steps,
            "threads": args.threads,
        },
        "time_s": dt,
        "nebs": [
            {
                "hop": n.hop_index,
                "mechanism": n.mechanism,
                "length_a": n.hop_length_a,
                "forward_ev": n.barrier_forward_ev,
                "reverse_ev": n.barrier_reverse_ev,
                "barrier_ev": n.migration_barrier_ev(),
                "saddle_resolved": n.saddle_resolved,
                "profile_ev": list(n.profile_energy_ev),
                "max_force": n.max_force_ev_per_a,
                "converged": n.converged,
                "steps": n.n_steps,
                "time_s": n.elapsed_s,
            }
            for n in r.nebs
        ],
        "networks": {str(net.dimension): net.barrier_ev for net in r.networks},
    }


def main() -> None:
    args = _args()
    if args.report:
        from interphase.atomistic.barrier_references import barrier_references_for

        results = {}
        with open(args.report) as fh:
            for line in fh:
                rec = json.loads(line)
                key = rec["material"], rec.get("mechanism", "vacancy"), rec["potential"]
                results[key] = rec  # the last run counts
        potentials = list(dict.fromkeys(p for _, _, p in results))
        _comparison(results, potentials, barrier_references_for)
        return
    import torch

    torch.set_num_threads(args.threads)
    from interphase.atomistic.barrier_references import barrier_references_for
    from interphase.atomistic.neb import hop_barriers
    from interphase.atomistic.paths import hop_paths

    potentials = [p for p in args.potentials.split(",") if p]
    results: dict[tuple[str, str], object] = {}
    print(
        f"settings: images {args.images}, fmax {args.fmax} eV/A, steps <= {args.steps}, "
        f"min width {args.min_width} A, torch threads {args.threads}"
    )
    t_all = time.perf_counter()
    for entry in _materials(args):
        name, mechanism, max_len = _entry(entry)
        paths = hop_paths(name, max_hop_length_a=max_len, mechanism=mechanism)
        clear = [h.index for h in paths.hops if h.segment_clear]
        # shortest first: the nearest-neighbour hop is what most references report
        clear.sort(key=lambda h: paths.hops[h].length_a)
        every = name in args.all_hops.split(",")
        hops = clear[: args.max_hops] if args.max_hops and not every else clear
        for pot in potentials:
            t0 = time.perf_counter()
            r = hop_barriers(
                name,
                pot,
                hops=hops,
                mechanism=mechanism,
                max_hop_length_a=max_len,
                min_width_a=args.min_width,
                n_images=args.images,
                fmax_ev_per_a=args.fmax,
                max_steps=args.steps,
            )
            dt = time.perf_counter() - t0
            rec = _record(name, pot, r, dt, args)
            results[name, mechanism, pot] = rec
            if args.save:
                with open(args.save, "a") as fh:
                    fh.write(json.dumps(rec) + "\n")
            cell = "x".join(map(str, r.supercell))
            print(f"\n{name} {pot} ({mechanism}): {len(r.nebs)} hops, {cell} supercell, {dt:.0f} s")
            print(" hop  len(A)  fwd(eV)  rev(eV)  BVSE(eV)  maxF  conv  steps  time(s)")
            for n in r.nebs:
                bv = paths.hops[n.hop_index].barrier_forward_ev
                print(
                    f" {n.hop_index:3d}  {n.hop_length_a:6.2f}  {n.barrier_forward_ev:7.3f}  "
                    f"{n.barrier_reverse_ev:7.3f}  {bv:8.3f}  {n.max_force_ev_per_a:4.2f}  "
                    f"{'yes' if n.converged else 'NO ':>4}  {n.n_steps:5d}  {n.elapsed_s:7.0f}"
                )
            for net in r.networks:
                b = "none" if net.barrier_ev is None else f"{net.barrier_ev:.3f} eV"
                print(f"   {net.dimension}D network: {b} (hops {list(net.hops)})")
    print(f"\ntotal NEB time {time.perf_counter() - t_all:.0f} s")
    _comparison(results, potentials, barrier_references_for)


def _hop_barrier(n: dict) -> float | None:
    """NEBResult.migration_barrier_ev of a saved hop. Records written before the profile was
    saved carry only the forward and reverse barriers: the saddle is resolved when both are
    positive, and the dip below the ends cannot be checked."""
    if "barrier_ev" in n:
        return n["barrier_ev"]
    f, r = n["forward_ev"], n["reverse_ev"]
    resolved = f > 1e-3 and r > 1e-3
    return max(f, r) if resolved or abs(f - r) <= 0.05 else None


def _computed(rec: dict, dimension: int | None) -> float | None:
    """The network barrier of `dimension` (None unless every clear hop was computed), or for
    None the lowest migration barrier among the computed hops (hops that are no barrier
    between two minima are left out, see NEBResult.migration_barrier_ev)."""
    if dimension is None:
        values = [b for b in map(_hop_barrier, rec["nebs"]) if b is not None]
        return min(values, default=None)
    return rec["networks"].get(str(dimension))


def _comparison(results, potentials, refs_for) -> None:
    """One row per published value of every computed material: the NEB number of the same
    mechanism (a vacancy run stands against an Arrhenius E_a, listed but not counted;
    concerted mechanisms are not built and show "—")."""
    print("\ncomparison with published barriers (eV)")
    print(
        f" {'material':12s} {'method':15s} {'mech.':14s} {'ref':>6s} "
        + " ".join(f"{p:>9s}" for p in potentials)
    )
    errors: dict[str, list[tuple[float, float]]] = {p: [] for p in potentials}
    materials: dict[str, set[str]] = {p: set() for p in potentials}
    for name in dict.fromkeys(m for m, _, _ in results):
        for ref in refs_for(name):
            built = ref.mechanism in ("vacancy", "interstitial")
            mechanism = ref.mechanism if built else "vacancy"
            row = []
            for p in potentials:
                r = results.get((name, mechanism, p))
                value = None
                if r is not None and (built or ref.mechanism == "long-range"):
                    value = _computed(r, ref.dimension)
                row.append("—" if value is None else f"{value:.3f}")
                counted = ref.is_hop_barrier and built and ref.bundled_phase_matches
                if value is not None and counted:
                    errors[p].append((value, ref.barrier_ev))
                    materials[p].add(name)
            if any(v != "—" for v in row) or not built:
                note = "" if ref.bundled_phase_matches else " (other phase)"
                print(
                    f" {name:12s} {ref.method:15s} {ref.mechanism:14s} {ref.barrier_ev:6.3f} "
                    + " ".join(f"{v:>9s}" for v in row)
                    + f"  [{ref.citation_key}]{note}"
                )
    print("\n potential  n  materials  mean err  MAE    worst   mean NEB/ref")
    for p, pairs in errors.items():
        if not pairs:
            print(f" {p:9s}  0  (no hop reference with a matching bundled phase computed)")
            continue
        diff = [v - ref for v, ref in pairs]
        ratio = [v / ref for v, ref in pairs if ref >= 0.05]  # a ratio to 0.004 eV means nothing
        worst = max(diff, key=abs)
        print(
            f" {p:9s} {len(pairs):2d}  {len(materials[p]):9d}  {statistics.fmean(diff):+7.3f}  "
            f"{statistics.fmean(abs(d) for d in diff):5.3f}  {worst:+6.3f}  "
            f"{statistics.fmean(ratio) if ratio else float('nan'):6.2f}"
        )


if __name__ == "__main__":
    main()
