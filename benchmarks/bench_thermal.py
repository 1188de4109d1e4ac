"""Thermal part of solid free energies: how biased the estimates are, on compounds whose
answer the experimental tables give.

1. Leave-one-out: every tabulated condensed compound of three or more elements is estimated
   from the other tables (Neumann–Kopp, thermo.solid_thermal) and with gaseous elements only
   (the older scheme); error = estimate − table, eV/atom, by temperature.
2. Gas-release temperatures (carbonates, hydroxides, peroxides) at 1 bar: the model with the
   compound's own table, with its Neumann–Kopp estimate and with the gas-only estimate,
   against the tables' own equilibrium temperature. The compound is left out of the gas
   alignment (out of sample).

Run: .venv/bin/python benchmarks/bench_thermal.py (prints markdown tables)
"""

from __future__ import annotations

import time

import numpy as np
from pymatgen.core import Composition

from interphase.errors import InterphaseError
from interphase.thermo.atmosphere import gas_release_temperature
from interphase.thermo.database import get_database
from interphase.thermo.gases import experimental_thermal_ev
from interphase.thermo.solid_thermal import (
    _references,
    gas_only_ev_per_atom,
    neumann_kopp_ev_per_atom,
)

TEMPERATURES_K = (500, 750, 1000, 1250, 1500, 2000)
RELEASE = (
    [(f"{m}CO3", f"{m}O", "CO2") for m in ("Li2", "Na2", "K2", "Mg", "Ca", "Sr", "Ba", "Mn")]
    + [("FeCO3", "FeO", "CO2"), ("ZnCO3", "ZnO", "CO2"), ("CdCO3", "CdO", "CO2")]
    + [("LiOH", "Li2O", "H2O"), ("NaOH", "Na2O", "H2O"), ("KOH", "K2O", "H2O")]
    + [(f"{m}(OH)2", f"{m}O", "H2O") for m in ("Mg", "Ca", "Sr", "Ba")]
    + [("Li2O2", "Li2O", "O2"), ("Na2O2", "Na2O", "O2"), ("K2O2", "K2O", "O2")]
)


def leave_one_out() -> list[tuple]:
    rows = []
    refs = _references()
    for t in TEMPERATURES_K:
        nk, go, names = [], [], []
        for f, els, _, _ in refs:
            th = experimental_thermal_ev(f, t)
            if th is None or len(els) < 3:
                continue
            n = Composition(f).num_atoms
            nk.append(neumann_kopp_ev_per_atom(f, t, exclude_self=True) - th / n)
            go.append(gas_only_ev_per_atom(f, t) - th / n)
            names.append(f)
        nk, go = np.array(nk), np.array(go)
        rows.append(
            (
                t,
                len(nk),
                nk.mean(),
                np.median(np.abs(nk)),
                1.4826 * np.median(np.abs(nk - np.median(nk))),
                go.mean(),
                np.median(np.abs(go)),
            )
        )
    return rows


def release_rows(db) -> list[tuple]:
    # hydroxides per formula unit of the table: 2 LiOH -> Li2O + H2O
    fix = {"LiOH": "Li2(OH)2", "NaOH": "Na2(OH)2", "KOH": "K2(OH)2"}
    out = []
    for compound, solid, gas in RELEASE:
        formula = fix.get(compound, compound)
        red = Composition(compound).reduced_formula
        try:
            res = {
                mode: gas_release_temperature(
                    formula, solid, gas, 1.0, db, (red,), compound_thermal=mode
                )
                for mode in ("table", "neumann-kopp", "gas-only")
            }
        except InterphaseError as exc:
            out.append((compound, gas, None, None, None, None, str(exc)))
            continue
        exp_k = res["table"].experimental_k
        if "extrapolated" in res["table"].note:
            compound += " (tables extrapolated)"
        out.append(
            (
                compound,
                gas,
                exp_k,
                res["table"].model_k,
                res["neumann-kopp"].model_k,
                res["gas-only"].model_k,
                "",
            )
        )
    return out


def _k(v):
    return "—" if v is None else f"{v:.0f}"


def _d(v, ref):
    return "—" if v is None or ref is None else f"{v - ref:+.0f}"


def main() -> None:
    t0 = time.perf_counter()
    db = get_database("mp")
    loo = leave_one_out()
    rel = release_rows(db)
    print("## Leave-one-out error of the thermal part, multinary tabulated compounds (eV/atom)")
    print(
        "| T (K) | n | NK mean | NK median abs | NK robust sd | gas-only mean "
        "| gas-only median abs |"
    )
    print("|---|---|---|---|---|---|---|")
    for t, n, m, med, sd, gm, gmed in loo:
        print(f"| {t} | {n} | {m:+.4f} | {med:.4f} | {sd:.4f} | {gm:+.4f} | {gmed:.4f} |")
    print()
    print("## Gas release at 1 bar: equilibrium temperature (K), model − tables")
    print("| compound | gas | tables | own table | Neumann–Kopp | gas-only |")
    print("|---|---|---|---|---|---|")
    for c, g, e, tab, nk, go, err in rel:
        if err:
            print(f"| {c} | {g} | — | {err} | | |")
            continue
        print(f"| {c} | {g} | {_k(e)} | {_d(tab, e)} | {_d(nk, e)} | {_d(go, e)} |")
    inside = [r for r in rel if not r[6] and r[2] is not None and "extrapolated" not in r[0]]
    for col, label in ((3, "own table"), (4, "Neumann-Kopp"), (5, "gas-only")):
        d = [abs(r[col] - r[2]) for r in inside if r[col] is not None]
        signed = [r[col] - r[2] for r in inside if r[col] is not None]
        print(
            f"{label}: median |model - tables| {np.median(d):.0f} K, mean {np.mean(signed):+.0f} K "
            f"over {len(d)} compounds within their tables"
        )
    print(f"\n{time.perf_counter() - t0:.1f} s")


if __name__ == "__main__":
    main()
