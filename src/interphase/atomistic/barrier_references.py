"""Published Li migration barriers that NEB results are compared against.

A separate table from `references.py`: those are Arrhenius activation energies and
conductivities of long-range transport (MD, experiment), these are barriers of single hops
(NEB or static saddle searches, a few from classical potentials), which is what an NEB
reproduces. `comparison_references` puts both together, each labelled with its method, so a
barrier is never silently compared with an E_a that also contains a defect formation energy.

Every number was read in its source's abstract (sources_barriers.py says where); what the text
leaves open stays open. Materials the issue names without a retrievable number (LiCoO2, LiNbO3,
cubic LLZO from DFT, an NEB value for LGPS, Li3PS4 or Li6PS5Cl) are listed in docs/barriers.md
as missing rather than filled in from memory.

Units: barriers in eV.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pymatgen.core import Composition

from interphase.citations import Citation, cite
from interphase.errors import InvalidConditionError
from interphase.results import Result

BarrierMethod = Literal["DFT-NEB", "DFT", "classical", "AIMD E_a", "experiment E_a"]
BARRIER_METHODS: tuple[str, ...] = ("DFT-NEB", "DFT", "classical", "AIMD E_a", "experiment E_a")
Mechanism = Literal["vacancy", "interstitial", "interstitialcy", "long-range"]


@dataclass(frozen=True)
class BarrierReference(Result):
    """One published barrier (eV) with the conditions its source states.

    `method`: "DFT-NEB" (nudged elastic band), "DFT" (another first-principles saddle or
    trajectory method), "classical" (empirical potentials), or an Arrhenius activation energy
    ("AIMD E_a", "experiment E_a") taken from references.py. `direction` is the path as the
    source names it, None when it gives none. `phase` names the polymorph where the source
    does; `bundled_phase_matches` says whether the bundled cell of that formula is that phase."""

    material: str
    phase: str | None
    method: BarrierMethod
    mechanism: Mechanism
    barrier_ev: float
    direction: str | None
    conditions: str
    citation_key: str
    bundled_phase_matches: bool = True
    # the NEB quantity to compare with: the network barrier of this dimension, or (None) the
    # lowest barrier among the computed hops
    dimension: int | None = None

    def __post_init__(self) -> None:
        if self.method not in BARRIER_METHODS:
            raise InvalidConditionError(f"method {self.method!r} is not one of {BARRIER_METHODS}")
        if not self.barrier_ev > 0:
            raise InvalidConditionError(f"a barrier must be positive, got {self.barrier_ev}")

    @property
    def reduced_formula(self) -> str:
        return Composition(self.material).reduced_formula

    @property
    def is_hop_barrier(self) -> bool:
        """True for single-hop barriers (what NEB computes), False for Arrhenius E_a."""
        return not self.method.endswith("E_a")

    def citation(self) -> Citation:
        return cite(self.citation_key)


BARRIER_REFERENCES: tuple[BarrierReference, ...] = (
    BarrierReference(
        "LiFePO4",
        "olivine",
        "DFT",
        "vacancy",
        0.6,
        "one-dimensional channel (b in Pnma)",
        "fully lithiated LiFePO4, first-principles adiabatic-trajectory method; about 0.6 eV",
        "ouyang2004lfp",
        dimension=1,
    ),
    BarrierReference(
        "Li3PO4",
        "gamma",
        "DFT-NEB",
        "vacancy",
        0.6,
        None,
        "direct hop between neighbouring metastable vacancy configurations (minimal Em); the "
        "bundled Li3PO4 cell is the Pmn2_1 (beta) phase",
        "du2007li3po4",
        bundled_phase_matches=False,
    ),
    BarrierReference(
        "Li3PO4",
        "gamma",
        "DFT-NEB",
        "interstitialcy",
        0.2,
        None,
        "concerted interstitial + lattice Li motion, lowest Em (as low as 0.2 eV)",
        "du2007li3po4",
        bundled_phase_matches=False,
    ),
    BarrierReference(
        "Li2O",
        "antifluorite",
        "DFT-NEB",
        "vacancy",
        0.152,
        None,
        "Li vacancy migration",
        "chen2011sei",
    ),
    BarrierReference(
        "LiF",
        "rock salt",
        "DFT-NEB",
        "vacancy",
        0.729,
        None,
        "Li vacancy migration",
        "chen2011sei",
    ),
    BarrierReference(
        "Li2CO3",
        "monoclinic",
        "DFT-NEB",
        "vacancy",
        0.227,
        None,
        "lowest of the Li vacancy paths (0.227-0.491 eV)",
        "chen2011sei",
    ),
    BarrierReference(
        "Li3N",
        "alpha",
        "DFT",
        "vacancy",
        0.004,
        "within the Li2N plane",
        "static Car-Parrinello (PAW) barrier of a jump into an adjacent vacancy",
        "sarnthein1996li3n",
        dimension=2,
    ),
    BarrierReference(
        "Li3N",
        "alpha",
        "DFT",
        "vacancy",
        0.58,
        "perpendicular to the Li2N plane",
        "static Car-Parrinello (PAW) barrier",
        "sarnthein1996li3n",
        dimension=3,
    ),
    BarrierReference(
        "LiTi2(PO4)3",
        "NASICON (R-3c)",
        "DFT",
        "interstitial",
        0.19,
        None,
        "interstitial Li in bulk LTP, about 0.19 eV (vacancies: 0.29-0.75 eV over substituted "
        "compounds); the bundled cell is a CHGNet-relaxed model",
        "lang2015ltp",
        dimension=3,
    ),
    BarrierReference(
        "Li7P3S11",
        None,
        "DFT-NEB",
        "vacancy",
        0.15,
        None,
        "minimum activation energy for the vacancy mechanism; no bundled cell",
        "lepley2012lps",
    ),
    BarrierReference(
        "Li2TiO3",
        "beta",
        "DFT",
        "vacancy",
        0.44,
        "ab plane and perpendicular to LiTi2 layers",
        "lowest of the 0.44-0.54 eV activation energies; no bundled cell",
        "islam2016li2tio3",
    ),
    BarrierReference(
        "Li7La3Zr2O12",
        "tetragonal",
        "classical",
        "vacancy",
        0.45,
        None,
        "vacancy-mediated Li migration (empirical potentials)",
        "llzo2021selfdiffusion",
    ),
    BarrierReference(
        "Li3NbO4",
        None,
        "classical",
        "vacancy",
        1.13,
        "two-dimensional zig-zag",
        "lowest vacancy-assisted path (empirical potentials); no bundled cell",
        "li3nbo4_2019",
    ),
    BarrierReference(
        "LiTi2O4",
        "spinel",
        "DFT",
        "long-range",
        0.70,
        None,
        "single Li+ diffusing through LiTi2O4; no bundled cell",
        "stauffer2018liti2o4",
    ),
    BarrierReference(
        "Li4P2S6",
        None,
        "DFT-NEB",
        "interstitialcy",
        0.08,
        None,
        "concerted interstitial (knock-off) mechanism; no bundled cell",
        "stamminger2020li4p2s6",
    ),
    BarrierReference(
        "LiFePO4",
        "olivine",
        "DFT-NEB",
        "vacancy",
        0.27,
        "along b (the 1D channel)",
        "GGA; dataset row O-LiFePO4",
        "devi2025migration",
        dimension=1,
    ),
    BarrierReference(
        "Li3PS4",
        "gamma",
        "DFT-NEB",
        "vacancy",
        0.084,
        None,
        "GGA; lowest of five paths (0.084-0.264 eV: a2-b3 and b2-a2 0.084, a1-b2 and b3-a3 "
        "0.24, b1-a1 0.264)",
        "devi2025migration",
    ),
    BarrierReference(
        "Li3PO4",
        "beta (Pmn2_1)",
        "DFT-NEB",
        "vacancy",
        0.315,
        None,
        "LDA; lowest of eight paths (0.315-0.706 eV), path 1b-2a along b",
        "devi2025migration",
    ),
    BarrierReference(
        "Li3PO4",
        "gamma (Pnma)",
        "DFT-NEB",
        "vacancy",
        0.341,
        None,
        "GGA; lowest of nine paths (0.341-0.713 eV); the bundled cell is beta",
        "devi2025migration",
        bundled_phase_matches=False,
    ),
    BarrierReference(
        "LiCoO2",
        "layered (R-3m)",
        "DFT-NEB",
        "vacancy",
        0.672,
        None,
        "GGA; single vacancy (oxygen-dumbbell hop); a divacancy (tetrahedral-site hop) gives "
        "0.30 eV, which a single-vacancy NEB does not compute",
        "devi2025migration",
    ),
    BarrierReference(
        "LiNiO2",
        "layered (R-3m)",
        "DFT-NEB",
        "vacancy",
        0.451,
        None,
        "GGA; single vacancy; divacancy 0.263 eV",
        "devi2025migration",
    ),
    BarrierReference(
        "LiMn2O4",
        "spinel (Fd-3m)",
        "DFT-NEB",
        "vacancy",
        0.371,
        None,
        "GGA",
        "devi2025migration",
    ),
    BarrierReference(
        "Li7P3S11",
        "triclinic (P-1)",
        "DFT-NEB",
        "vacancy",
        0.4,
        "along a",
        "LDA; along c 0.43 eV; no bundled cell",
        "devi2025migration",
    ),
    BarrierReference(
        "LiTi2(PO4)3",
        "NASICON (R-3c)",
        "DFT-NEB",
        "vacancy",
        0.86,
        None,
        "GGA; the table's path 1 (mechanism not named there); the Li-Li distances exceed "
        "the default longest hop of 4.5 Å",
        "devi2025migration",
    ),
    BarrierReference(
        "LiZr2(PO4)3",
        "NASICON (R-3c)",
        "DFT-NEB",
        "vacancy",
        0.54,
        None,
        "GGA; the table's path 1 (mechanism not named there); the bundled cell is a "
        "CHGNet-relaxed model",
        "devi2025migration",
    ),
    BarrierReference(
        "LiGe2(PO4)3",
        "NASICON (R-3c)",
        "DFT-NEB",
        "vacancy",
        0.53,
        None,
        "GGA; the table's path 1 (mechanism not named there); the bundled cell is a "
        "CHGNet-relaxed model",
        "devi2025migration",
    ),
    BarrierReference(
        "Li7La3Zr2O12",
        "tetragonal (I4_1/acd)",
        "DFT-NEB",
        "vacancy",
        0.111,
        None,
        "GGA; lowest of three paths (0.111, 0.111, 0.195 eV)",
        "devi2025migration",
    ),
    BarrierReference(
        "TiO2",
        "anatase (I4_1/amd)",
        "DFT-NEB",
        "interstitial",
        0.5,
        None,
        "GGA; one interstitial Li in TiO2; the bundled TiO2 is rutile",
        "devi2025migration",
        bundled_phase_matches=False,
    ),
    BarrierReference(
        "TiO2",
        "rutile (P4_2/mnm)",
        "DFT-NEB",
        "interstitial",
        0.03,
        "along the c channel",
        "GGA; one interstitial Li in TiO2",
        "devi2025migration",
        dimension=1,
    ),
    BarrierReference(
        "TiO2",
        "anatase (I4_1/amd)",
        "DFT-NEB",
        "interstitial",
        0.6,
        None,
        "GGA and GGA+U, inter-octahedral hop of interstitial Li, about 0.6 eV; the bundled "
        "TiO2 is rutile",
        "morgan2010anatase",
        bundled_phase_matches=False,
    ),
    BarrierReference(
        "Li3OCl",
        "antiperovskite (Pm-3m)",
        "DFT-NEB",
        "vacancy",
        0.367,
        None,
        "GGA; the table's path 1 (path 2: 1.201 eV); no bundled cell",
        "devi2025migration",
    ),
    BarrierReference(
        "Li2MnO3",
        "monoclinic (C2/m)",
        "DFT-NEB",
        "vacancy",
        0.575,
        None,
        "GGA; lowest of five paths (0.575-0.805 eV), 2c-4h; no bundled cell",
        "devi2025migration",
    ),
    BarrierReference(
        "Li2S",
        "antifluorite",
        "DFT",
        "vacancy",
        0.27,
        None,
        "single-vacancy hop of a negatively charged Li vacancy",
        "moradabadi2016li2s",
    ),
    BarrierReference(
        "Li2S",
        "antifluorite",
        "DFT",
        "interstitialcy",
        0.45,
        None,
        "interstitial Li+ by an exchange mechanism",
        "moradabadi2016li2s",
    ),
)


def _activation_energies() -> tuple[BarrierReference, ...]:
    """The Arrhenius E_a of references.py as comparison entries (not copied: read from there)."""
    from interphase.atomistic.references import TRANSPORT_REFERENCES

    out = []
    for r in TRANSPORT_REFERENCES:
        if r.ea_ev is None or r.method == "uMLIP-MD":
            continue
        method = "AIMD E_a" if r.method == "AIMD" else "experiment E_a"
        matches = r.reduced_formula != "Li3PS4"  # the E_a is beta-Li3PS4, the bundled cell gamma
        out.append(
            BarrierReference(
                r.material,
                None,
                method,
                "long-range",
                r.ea_ev,
                None,
                r.conditions,
                r.citation_key,
                bundled_phase_matches=matches,
                dimension=3,
            )
        )
    return tuple(out)


def comparison_references() -> tuple[BarrierReference, ...]:
    """Hop barriers of this module followed by the E_a of references.py, each labelled."""
    return BARRIER_REFERENCES + _activation_energies()


def barrier_references_for(formula_or_name: str) -> tuple[BarrierReference, ...]:
    """Comparison entries whose material has the reduced formula of `formula_or_name` (a
    catalog name such as "LLZO" or a formula). Empty when none is tabulated."""
    from interphase.materials.catalog import get_material

    target = get_material(formula_or_name).reduced_formula
    return tuple(r for r in comparison_references() if r.reduced_formula == target)


def tabulated_materials() -> tuple[str, ...]:
    """Reduced formulas with at least one entry, in table order."""
    return tuple(dict.fromkeys(r.reduced_formula for r in comparison_references()))


def barrier_for(material: str) -> tuple[float, str] | None:
    """A published single-hop Li migration barrier (eV) for `material` (catalog name or
    formula) and its source label, for engines that need a transport number where no measured
    conductivity exists; None when nothing is tabulated. The lowest vacancy-hop barrier is
    taken (the easiest path), else the lowest hop barrier of any mechanism; Arrhenius E_a are
    not returned (references.py holds them). The label says it is a barrier, not an E_a."""
    from interphase.errors import UnknownMaterialError

    try:
        refs = [r for r in barrier_references_for(material) if r.is_hop_barrier]
    except UnknownMaterialError:
        return None
    if not refs:
        return None
    vacancy = [r for r in refs if r.mechanism == "vacancy"]
    best = min(vacancy or refs, key=lambda r: r.barrier_ev)
    where = f", {best.direction}" if best.direction else ""
    label = (
        f"{best.method} {best.mechanism} migration barrier{where} [{best.citation_key}]; "
        "a hop barrier, not an MD activation energy"
    )
    return best.barrier_ev, label


__all__ = [
    "BARRIER_METHODS",
    "BARRIER_REFERENCES",
    "BarrierReference",
    "barrier_for",
    "barrier_references_for",
    "comparison_references",
    "tabulated_materials",
]
