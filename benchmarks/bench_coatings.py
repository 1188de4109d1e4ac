"""Coating screening at scale: NCM811 | Li6PS5Cl over every Li compound within 25 meV/atom.

Measures, in one run: the candidate enumeration (energy above hull of every Li compound),
the full screening on a local Dask cluster (wall time, candidates/s), the speed-up with
workers added (on a subset), and our per-candidate cost beside pymatgen's
InterfacialReactivity doing the same three reactions (NCM811 at 3.0 and 4.3 V with Li open,
Li6PS5Cl closed) on a seeded 100-candidate sample, on the same entries, one core each.

Run: .venv/bin/python benchmarks/bench_coatings.py [--workers 2] [--limit N] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from pathlib import Path


def pymatgen_three_reactions(formula: str, db, spec) -> float:
    """pymatgen InterfacialReactivity, done the straightforward way: PhaseDiagram per system."""
    from pymatgen.analysis.interface_reactions import (
        GrandPotentialInterfacialReactivity,
        InterfacialReactivity,
    )
    from pymatgen.analysis.phase_diagram import GrandPotentialPhaseDiagram, PDEntry, PhaseDiagram
    from pymatgen.core import Composition, Element

    def entries(els):
        t = db.chemsys(frozenset(els))
        out = []
        for f, e in zip(t.formulas, t.energies_ev_per_atom, strict=True):
            c = Composition(f)
            out.append(PDEntry(c, float(e) * c.num_atoms))
        return out

    c = Composition(formula)
    t0 = time.perf_counter()
    cath = Composition(spec.electrode_formula)
    els = {e.symbol for e in (c + cath).elements}
    ents = entries(els)
    pd = PhaseDiagram(ents)
    for v in spec.potential_range_v:
        gpd = GrandPotentialPhaseDiagram(ents, {Element("Li"): -v})
        ir = GrandPotentialInterfacialReactivity(
            cath, c, gpd, pd, include_no_mixing_energy=False, norm=True, use_hull_energy=True
        )
        ir.minimum  # noqa: B018
    sol = Composition(spec.electrolyte_formula)
    els = {e.symbol for e in (c + sol).elements}
    pd = PhaseDiagram(entries(els))
    InterfacialReactivity(c, sol, pd, norm=True, use_hull_energy=True).minimum  # noqa: B018
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--limit", type=int, default=None, help="screen only N candidates")
    ap.add_argument("--pymatgen-sample", type=int, default=100)
    ap.add_argument("--speedup-subset", type=int, default=300)
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args()

    from interphase.coatings.candidates import database_candidates
    from interphase.coatings.evaluate import evaluate_candidate, make_spec
    from interphase.coatings.screen import screen
    from interphase.thermo.database import get_database

    out: dict = {}
    db = get_database("mp")
    spec = make_spec("NCM811", "Li6PS5Cl")
    t0 = time.perf_counter()
    cands = database_candidates(db, 0.025)
    out["enumeration_s"] = time.perf_counter() - t0
    out["n_candidates"] = len(cands)
    print(f"enumeration: {len(cands)} Li candidates within 25 meV/atom in "
          f"{out['enumeration_s']:.1f} s")  # fmt: skip
    if args.limit:
        cands = random.Random(0).sample(cands, args.limit)

    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        res = screen(spec, cands, Path(tmp) / "full.db", workers=args.workers, quiet=False)
        wall = time.perf_counter() - t0
    out.update(
        full_wall_s=wall,
        full_workers=args.workers,
        full_screened=len(cands),
        candidates_per_s=len(cands) / wall,
        n_passing=res.n_passing,
        n_failed=res.n_failed_tasks,
        top10=[e["name"] for e in res.entries[:10]],
    )
    print(f"full screening: {len(cands)} candidates, {args.workers} workers: {wall:.1f} s "
          f"({len(cands) / wall:.1f} candidates/s), {res.n_passing} pass, "
          f"{res.n_failed_tasks} failed tasks")  # fmt: skip

    sub = random.Random(1).sample(cands, min(args.speedup_subset, len(cands)))
    times = {}
    for w in sorted({1, args.workers}):
        t0 = time.perf_counter()
        screen(spec, sub, ":memory:", workers=w, quiet=True)
        times[w] = time.perf_counter() - t0
        print(f"subset of {len(sub)}: {w} worker(s) {times[w]:.1f} s")
    out["speedup_subset"] = {"n": len(sub), "seconds_by_workers": times}

    sample = random.Random(2).sample(cands, min(args.pymatgen_sample, len(cands)))
    for c in sample[:3]:  # warm both sides' caches fairly
        evaluate_candidate(spec, {"formula": c.formula, "source": "named"})
    t0 = time.perf_counter()
    for c in sample:
        evaluate_candidate(spec, {"formula": c.formula, "source": "named"})  # every reaction
    ours = (time.perf_counter() - t0) / len(sample)
    pm = []
    for c in sample:
        try:
            pm.append(pymatgen_three_reactions(c.formula, db, spec))
        except Exception as exc:  # report, do not stop the benchmark
            print(f"pymatgen failed on {c.formula}: {exc}")
    pm_mean = sum(pm) / len(pm)
    out.update(
        ours_s_per_candidate_all_criteria=ours,
        pymatgen_s_per_candidate_three_reactions=pm_mean,
        ratio_pymatgen_over_ours=pm_mean / ours,
        ratio_pymatgen_over_full_screening=pm_mean / (wall / len(cands)),
    )
    print(f"per candidate, one core: ours {ours * 1e3:.0f} ms (every criterion, every reaction); "
          f"pymatgen InterfacialReactivity {pm_mean * 1e3:.0f} ms (three reactions only); "
          f"ratio {pm_mean / ours:.1f}x; vs the full screening's wall time per candidate "
          f"{pm_mean / (wall / len(cands)):.1f}x")  # fmt: skip
    if args.json:
        args.json.write_text(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
