"""Chemical-contact speed against pymatgen on the same entries, in one run.

Usage: python benchmarks/bench_thermo.py
Prints: cold/warm time of an 8-element pair (NCM811 | LGPS), a window (LLZO), and the same work
through pymatgen PhaseDiagram + InterfacialReactivity / element profile; and the ratios.
"""

from __future__ import annotations

import time
import warnings

from pymatgen.analysis.interface_reactions import InterfacialReactivity
from pymatgen.analysis.phase_diagram import PDEntry, PhaseDiagram
from pymatgen.core import Composition, Element

import interphase.thermo.systems as systems
from interphase.materials import get_material
from interphase.thermo.database import get_database
from interphase.thermo.reaction import pseudo_binary
from interphase.thermo.window import stability_window


def pmg_pd(db, elements):
    table = db.chemsys(set(elements))
    entries = [
        PDEntry(Composition(f), float(e) * Composition(f).num_atoms)
        for f, e in zip(table.formulas, table.energies_ev_per_atom, strict=True)
    ]
    return PhaseDiagram(entries)


def main() -> None:
    warnings.simplefilter("ignore")
    t0 = time.perf_counter()
    db = get_database("mp")
    t_load = time.perf_counter() - t0
    a, b = "NCM811", "LGPS"
    els = {e.symbol for e in (get_material(a).composition + get_material(b).composition).elements}

    systems._HULLS.clear()
    t0 = time.perf_counter()
    res = pseudo_binary(a, b, db)
    t_cold = time.perf_counter() - t0
    t0 = time.perf_counter()
    n = 5
    for _ in range(n):
        pseudo_binary(a, b, db)
    t_warm = (time.perf_counter() - t0) / n

    t0 = time.perf_counter()
    pd = pmg_pd(db, els)
    t_pd = time.perf_counter() - t0
    t0 = time.perf_counter()
    ir = InterfacialReactivity(
        get_material(a).composition, get_material(b).composition, pd, norm=True
    )
    kinks = ir.get_kinks()
    t_ir = time.perf_counter() - t0

    t0 = time.perf_counter()
    w = stability_window("LLZO", db)
    t_win = time.perf_counter() - t0
    t0 = time.perf_counter()
    pd4 = pmg_pd(db, {"Li", "La", "Zr", "O"})
    pd4.get_element_profile(Element("Li"), Composition("Li7La3Zr2O12"))
    t_win_pmg = time.perf_counter() - t0

    print(f"database load: {t_load:.2f} s ({len(db.formulas)} compositions)")
    print(f"{a} | {b} ({len(els)} elements): {len(res.kinks)} kinks (pymatgen {len(kinks)})")
    print(f"  interphase cold {t_cold:.3f} s, warm {t_warm:.3f} s")
    print(
        f"  pymatgen PhaseDiagram {t_pd:.2f} s + InterfacialReactivity {t_ir:.2f} s "
        f"= {t_pd + t_ir:.2f} s"
    )
    print(
        f"  ratio pymatgen / interphase: cold {(t_pd + t_ir) / t_cold:.0f}x, "
        f"warm {(t_pd + t_ir) / t_warm:.0f}x (vs pymatgen IR alone on a built PD: "
        f"{t_ir / t_warm:.0f}x)"
    )
    print(
        f"LLZO window {w.reduction_v:.3f}..{w.oxidation_v:.3f} V: interphase {t_win:.3f} s, "
        f"pymatgen PD + element profile {t_win_pmg:.2f} s, ratio {t_win_pmg / t_win:.0f}x"
    )


if __name__ == "__main__":
    main()
