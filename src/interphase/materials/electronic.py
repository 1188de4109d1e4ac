"""Electronic character of a phase from the bundled Materials Project tables
(matbench: PBE band gap and metallicity of every polymorph; Dunn et al. 2020).

Classification, per reduced formula:
- "metal": an elemental metal or an alloy of metals, or more than half of the polymorphs in
  the table flagged metallic, or a median PBE gap below 0.05 eV;
- "semiconductor": median PBE gap below 1.0 eV (PBE underestimates gaps: such a phase is not
  a metal, but it conducts electrons at elevated temperature or when doped);
- "insulator": median PBE gap of 1.0 eV or more;
- "unknown": no row in the table and not all-metal.
"""

from __future__ import annotations

import csv
import gzip
from dataclasses import dataclass
from functools import cache
from importlib import resources

from pymatgen.core import Composition

from interphase.results import Result

METAL_GAP_EV = 0.05
SEMICONDUCTOR_GAP_EV = 1.0


@dataclass(frozen=True)
class ElectronicCharacter(Result):
    formula: str
    kind: str  # metal | semiconductor | insulator | unknown
    pbe_gap_ev: float | None  # median over polymorphs in the table
    n_polymorphs: int
    reason: str

    @property
    def conducts_electrons(self) -> bool:
        return self.kind == "metal"


@cache
def _table() -> dict[str, tuple[float, int, float]]:
    path = resources.files("interphase").joinpath("data", "properties", "electronic.csv.gz")
    with path.open("rb") as raw, gzip.open(raw, "rt") as fh:
        reader = csv.DictReader(fh)
        return {
            r["formula"]: (
                float(r["pbe_gap_ev_median"]),
                int(r["n_polymorphs"]),
                float(r["metal_share"]),
            )
            for r in reader
        }


@cache
def electronic_character(formula: str) -> ElectronicCharacter:
    comp = Composition(formula)
    red = comp.reduced_formula
    if all(el.is_metal for el in comp.elements):
        what = "elemental metal" if len(comp.elements) == 1 else "alloy / intermetallic"
        row = _table().get(red)
        return ElectronicCharacter(red, "metal", row[0] if row else 0.0, row[1] if row else 0, what)
    row = _table().get(red)
    if row is None:
        return ElectronicCharacter(red, "unknown", None, 0, "no band gap in the bundled table")
    gap, n, metal_share = row
    if metal_share > 0.5 or gap < METAL_GAP_EV:
        return ElectronicCharacter(
            red,
            "metal",
            gap,
            n,
            f"metallic in PBE (median gap {gap:.2f} eV over {n} polymorph(s), "
            f"{metal_share:.0%} flagged metallic)",
        )
    if gap < SEMICONDUCTOR_GAP_EV:
        return ElectronicCharacter(
            red, "semiconductor", gap, n, f"small PBE gap {gap:.2f} eV (median of {n})"
        )
    return ElectronicCharacter(red, "insulator", gap, n, f"PBE gap {gap:.2f} eV (median of {n})")
