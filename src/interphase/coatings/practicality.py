"""Practicality flags of a coating: elemental abundance (a proxy for cost and supply) and
toxicity. Small, sourced tables; flags inform the ranking's explanation, they never reject.

Abundance: mass fraction in the Earth's continental crust, mg/kg (ppm), CRC Handbook of
Chemistry and Physics, "Abundance of Elements in the Earth's Crust and in the Sea"
(haynes2016). Elements below `SCARCE_PPM` are flagged scarce (costly, supply-limited).
Toxicity: IARC Group 1 carcinogens among the elements' compounds (iarc2012: As, Be, Cd,
Cr(VI), Ni compounds) and the heavy metals on the WHO list of chemicals of major public
health concern (who2010: As, Cd, Pb, Hg); Tl added for its acute toxicity (same WHO class
of concern is not claimed). Radioactive elements are flagged from their nuclear properties.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pymatgen.core import Composition

from interphase.results import Result

# CRC Handbook (haynes2016), crustal abundance in mg/kg
CRUST_PPM: dict[str, float] = {
    "O": 4.61e5, "Si": 2.82e5, "Al": 8.23e4, "Fe": 5.63e4, "Ca": 4.15e4, "Na": 2.36e4,
    "Mg": 2.33e4, "K": 2.09e4, "Ti": 5650, "H": 1400, "P": 1050, "Mn": 950, "F": 585,
    "Ba": 425, "Sr": 370, "S": 350, "C": 200, "Zr": 165, "Cl": 145, "V": 120, "Cr": 102,
    "Rb": 90, "Ni": 84, "Zn": 70, "Ce": 66.5, "Cu": 60, "Nd": 41.5, "La": 39, "Y": 33,
    "Co": 25, "Sc": 22, "Li": 20, "Nb": 20, "N": 19, "Ga": 19, "Pb": 14, "B": 10,
    "Th": 9.6, "Pr": 9.2, "Sm": 7.05, "Gd": 6.2, "Dy": 5.2, "Er": 3.5, "Yb": 3.2,
    "Hf": 3.0, "Cs": 3.0, "Be": 2.8, "U": 2.7, "Br": 2.4, "Sn": 2.3, "Eu": 2.0,
    "Ta": 2.0, "As": 1.8, "Ge": 1.5, "Ho": 1.3, "W": 1.25, "Mo": 1.2, "Tb": 1.2,
    "Tl": 0.85, "Lu": 0.8, "Tm": 0.52, "I": 0.45, "In": 0.25, "Sb": 0.2, "Cd": 0.15,
    "Hg": 0.085, "Ag": 0.075, "Se": 0.05, "Pd": 0.015, "Bi": 0.0085, "Pt": 0.005,
    "Au": 0.004, "Os": 0.0015, "Te": 0.001, "Rh": 0.001, "Ru": 0.001, "Ir": 0.001,
    "Re": 7e-4,
}  # fmt: skip
SCARCE_PPM = 1.0
CARCINOGENIC = frozenset({"As", "Be", "Cd", "Cr", "Ni"})  # iarc2012, Group 1 compounds
TOXIC_HEAVY = frozenset({"As", "Cd", "Pb", "Hg", "Tl"})  # who2010 (Tl: acute toxicity)
PRACTICALITY_CITATIONS = ("haynes2016", "iarc2012", "who2010")


@dataclass(frozen=True)
class Practicality(Result):
    scarcest_element: str | None
    min_abundance_ppm: float | None  # None: an element missing from the table
    flags: tuple[str, ...]
    deposition: tuple[str, ...]  # known routes from the catalog (ALD, sol-gel, ...)
    citations: tuple[str, ...] = field(default=PRACTICALITY_CITATIONS)


def practicality(formula: str, deposition: tuple[str, ...] = ()) -> Practicality:
    comp = Composition(formula)
    els = sorted(el.symbol for el in comp.elements)
    flags: list[str] = []
    known = {e: CRUST_PPM[e] for e in els if e in CRUST_PPM}
    missing = [e for e in els if e not in CRUST_PPM]
    scarcest = min(known, key=known.get) if known else None
    for e in els:
        if e in known and known[e] < SCARCE_PPM:
            flags.append(f"scarce: {e} ({known[e]:.2g} ppm in the crust)")
    if missing:
        flags.append(f"abundance unknown: {', '.join(missing)}")
    for e in els:
        if e == "Cr":
            flags.append("toxic if hexavalent: Cr(VI) compounds are IARC group 1")
        elif e in CARCINOGENIC:
            flags.append(f"toxic: {e} compounds (IARC group 1)")
        elif e in TOXIC_HEAVY:
            flags.append(f"toxic: {e}")
    radio = [e for e in els if comp and _radioactive(e)]
    if radio:
        flags.append(f"radioactive: {', '.join(radio)}")
    return Practicality(
        scarcest_element=scarcest,
        min_abundance_ppm=None if missing else (known[scarcest] if scarcest else None),
        flags=tuple(flags),
        deposition=deposition,
    )


def _radioactive(symbol: str) -> bool:
    from pymatgen.core import Element

    el = Element(symbol)
    return symbol in ("Tc", "Pm") or el.Z >= 84
