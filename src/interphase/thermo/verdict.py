"""Interphase verdict: what the products of an interface reaction do to the interface.

Rules, applied to the product set of the most exothermic reaction (the one with the largest
driving force, the usual choice since Richards et al. 2016):
1. |E_rxn| below 1 meV/atom: "stable" (nothing reacts within the numbers' precision).
2. |E_rxn| below the kinetic threshold (default 50 meV/atom, twice the ~24 meV/atom standard
   error of GGA(+U) reaction energies, Hautier et al. PRB 85, 155208 (2012)): the driving force
   is within the method's error and small enough that kinetics can stop it:
   "kinetically_stabilized".
3. Any product conducts electrons (metal, alloy, or metallic in PBE): electrons reach the
   reaction front and it keeps moving: "mixed_conducting".
4. No product contains Li, or every Li-bearing product is a known poor Li+ conductor
   (below 1e-10 S/cm): the layer blocks Li+: "ion_blocking".
5. Otherwise the layer blocks electrons and passes Li+: "passivating" (an SEI). Products with
   unknown Li+ conductivity are named as such, never assumed.
Metallic phases at other mixing ratios (deeper reduction or oxidation) are reported as a
warning in the reasons.
"""

from __future__ import annotations

from dataclasses import dataclass

from pymatgen.core import Composition

from interphase.errors import InvalidConditionError
from interphase.materials import get_material
from interphase.materials.electronic import electronic_character
from interphase.results import Result
from interphase.thermo.reaction import ReactionResult

KINETIC_THRESHOLD_EV_PER_ATOM = 0.05
STABLE_TOL_EV_PER_ATOM = 0.001
POOR_LI_CONDUCTOR_S_CM = 1e-10
KINDS = ("stable", "kinetically_stabilized", "passivating", "mixed_conducting", "ion_blocking")


@dataclass(frozen=True)
class ProductInfo(Result):
    formula: str
    electronic: str  # metal | semiconductor | insulator | unknown
    electronic_reason: str
    contains_li: bool
    li_conductivity_s_cm: float | None
    li_conductivity_source: str


@dataclass(frozen=True)
class Verdict(Result):
    kind: str
    reasons: tuple[str, ...]
    products: tuple[ProductInfo, ...]
    kinetic_threshold_ev_per_atom: float
    citations: tuple[str, ...] = ("hautier2012", "dunn2020")


def product_info(formula: str) -> ProductInfo:
    ec = electronic_character(formula)
    sigma, source = None, ""
    try:
        m = get_material(formula)
    except Exception:  # a product is always a formula; keep the verdict going regardless
        m = None
    if m is not None and m.li_conductivity_s_cm is not None:
        sigma, source = m.li_conductivity_s_cm.value, m.li_conductivity_s_cm.source
    return ProductInfo(
        formula=ec.formula,
        electronic=ec.kind,
        electronic_reason=ec.reason,
        contains_li="Li" in {e.symbol for e in Composition(formula).elements},
        li_conductivity_s_cm=sigma,
        li_conductivity_source=source,
    )


def judge(
    result: ReactionResult, kinetic_threshold_ev_per_atom: float = KINETIC_THRESHOLD_EV_PER_ATOM
) -> Verdict:
    """Classify the interface of a pseudo-binary reaction result (see the module text)."""
    if not kinetic_threshold_ev_per_atom >= 0:
        raise InvalidConditionError("the kinetic threshold must be >= 0 eV/atom")
    most = result.most_exothermic
    e = most.energy_ev_per_atom
    infos = tuple(product_info(p) for p in most.products)
    reasons = [
        f"most exothermic reaction at x = {most.x:.3f}: {e * 1000:.1f} meV/atom ({most.reaction})"
    ]
    if e > -STABLE_TOL_EV_PER_ATOM:
        return Verdict(
            "stable",
            (*reasons, "no reaction releases more than 1 meV/atom"),
            infos,
            kinetic_threshold_ev_per_atom,
        )
    if e > -kinetic_threshold_ev_per_atom:
        reasons.append(
            f"driving force {abs(e) * 1000:.1f} meV/atom is below the kinetic threshold "
            f"{kinetic_threshold_ev_per_atom * 1000:.0f} meV/atom (about twice the GGA "
            "reaction-energy error): kinetics, not thermodynamics, decides"
        )
        return Verdict(
            "kinetically_stabilized",
            (*reasons, *_warnings(result, most.products)),
            infos,
            kinetic_threshold_ev_per_atom,
        )
    metals = [i for i in infos if i.electronic == "metal"]
    for i in infos:
        reasons.append(
            f"{i.formula}: {i.electronic} ({i.electronic_reason})"
            + (
                f", Li+ {i.li_conductivity_s_cm:.1e} S/cm [{i.li_conductivity_source}]"
                if i.li_conductivity_s_cm is not None
                else ""
            )
        )
    if metals:
        reasons.append(
            "electron-conducting product(s) "
            + ", ".join(m.formula for m in metals)
            + ": electrons reach the reaction front, the interphase keeps growing"
        )
        return Verdict("mixed_conducting", tuple(reasons), infos, kinetic_threshold_ev_per_atom)
    li_products = [i for i in infos if i.contains_li]
    known_poor = [
        i
        for i in li_products
        if i.li_conductivity_s_cm is not None and i.li_conductivity_s_cm < POOR_LI_CONDUCTOR_S_CM
    ]
    if not li_products or len(known_poor) == len(li_products):
        reasons.append("no product conducts Li+: the layer blocks ions as well as electrons")
        return Verdict(
            "ion_blocking",
            (*reasons, *_warnings(result, most.products)),
            infos,
            kinetic_threshold_ev_per_atom,
        )
    unknown = [i.formula for i in li_products if i.li_conductivity_s_cm is None]
    reasons.append(
        "all products block electrons and Li-bearing products can carry Li+: a passivating "
        "layer that stops growing once thick enough"
    )
    if unknown:
        reasons.append("Li+ conductivity unknown (not in the catalog) for: " + ", ".join(unknown))
    semis = [i.formula for i in infos if i.electronic == "semiconductor"]
    if semis:
        reasons.append(
            "small-gap product(s) " + ", ".join(semis) + " may leak electrons at high temperature"
        )
    return Verdict(
        "passivating",
        (*reasons, *_warnings(result, most.products)),
        infos,
        kinetic_threshold_ev_per_atom,
    )


def _warnings(result: ReactionResult, skip: tuple[str, ...]) -> list[str]:
    """Electron-conducting phases that appear at other mixing ratios."""
    reactants = {Composition(f).reduced_formula for f in result.formulas}
    seen: dict[str, float] = {}
    for k in result.kinks:
        for p in k.products:
            if p in skip or p in seen or p in reactants:
                continue
            if electronic_character(p).kind == "metal":
                seen[p] = k.x
    return [
        f"warning: at x = {x:.3f} the products include {p} (electron conductor): a deeper "
        "reaction there would make the interphase mixed-conducting"
        for p, x in seen.items()
    ]
