"""Interphase verdict: what the products of an interface reaction do to the interface.

Driving force. The verdict judges the interface, not each side's own instability: it uses the
mutual reaction energy (both reactants first at their own equilibrium under the conditions:
Richards et al. 2016; Zhu, He & Mo, J. Mater. Chem. A 4, 3253 (2016)), and, where a reservoir
that only the contact supplies acts on a non-electrode side (Li at the electrode's potential,
gas from the atmosphere), that side's decomposition by the reservoir too (an electrolyte
oxidised at the cathode's potential). A material's metastability in its own closed system is
reported beside the verdict and never drives it: it is the same in the bulk as at the contact.

Which products. The interphase that grows against an electrode is the one in equilibrium
with it: against Li metal the fully reduced end of the mixing range (the 0 V products; Zhu,
He & Mo, ACS Appl. Mater. Interfaces 7, 23685 (2015) classify Li-metal interphases this way),
against a charged cathode the products at its potential next to it. The electrode-side set
is the kink next to the electrode's end of the mixing line, less the electrode's own
equilibrium phases; the layer is graded, so every kink of the path is checked as well. Without
an electrode (coating | electrolyte), the products of the deepest mutual reaction are judged.

Rules, on that driving force E and product set:
1. |E| below 1 meV/atom: "stable".
2. |E| below the kinetic threshold (default 50 meV/atom, twice the ~24 meV/atom standard
   error of GGA(+U) reaction energies, Hautier et al. PRB 85, 155208 (2012)):
   "kinetically_stabilized". At a temperature where some phase's thermal part is estimated,
   a driving force within two standard deviations of that estimate beyond the threshold is
   "undetermined": the method cannot decide.
3. Any electron conductor (metal, alloy, metallic in PBE) on the electrode side, or in the
   judged set without an electrode: "mixed_conducting" (electrons reach the reaction front).
4. No product contains Li, or every Li-bearing product is a known poor Li+ conductor
   (below 1e-10 S/cm): "ion_blocking".
5. Otherwise "passivating" (an SEI). Unknown Li+ conductivities are named, never assumed.
Gases (O2, N2, Cl2 ... at the temperature) are released, not part of the layer. Electron
conductors elsewhere in the path are warnings.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pymatgen.core import Composition, Element

from interphase.errors import InvalidConditionError
from interphase.materials import get_material
from interphase.materials.electronic import electronic_character
from interphase.results import Result
from interphase.thermo.reaction import Kink, ReactionResult

KINETIC_THRESHOLD_EV_PER_ATOM = 0.05
MAX_KINETIC_THRESHOLD_EV_PER_ATOM = 1.0  # above every solid-state reaction energy
STABLE_TOL_EV_PER_ATOM = 0.001
POOR_LI_CONDUCTOR_S_CM = 1e-10
KINDS = (
    "stable",
    "kinetically_stabilized",
    "undetermined",
    "passivating",
    "mixed_conducting",
    "ion_blocking",
)
ELECTRODE_ROLES = ("anode", "cathode")
GAS_MOLECULES = ("CO2", "H2O")  # the molecules the atmosphere model carries (thermo.gases)


@dataclass(frozen=True)
class ProductInfo(Result):
    formula: str
    electronic: str  # metal | semiconductor | insulator | unknown | gas
    electronic_reason: str
    contains_li: bool
    li_conductivity_s_cm: float | None
    li_conductivity_source: str


@dataclass(frozen=True)
class PathStep(Result):
    """One kink of the mixing path with its electron-conducting products."""

    x: float  # atom fraction of reactant A
    products: tuple[str, ...]
    electron_conductors: tuple[str, ...]


@dataclass(frozen=True)
class Verdict(Result):
    kind: str
    reasons: tuple[str, ...]
    products: tuple[ProductInfo, ...]  # the judged interphase (gases excluded)
    kinetic_threshold_ev_per_atom: float
    driving_force_ev_per_atom: float = 0.0  # per atom of the reactants, ≤ 0
    basis: str = ""  # which energy the verdict used, in words
    electrode: str | None = None  # the reactant whose side feeds the interphase
    gases: tuple[str, ...] = ()  # released gas-phase products
    path: tuple[PathStep, ...] = ()
    thermal_uncertainty_ev_per_atom: float = 0.0
    citations: tuple[str, ...] = field(default=("hautier2012", "dunn2020", "zhu2015"))


def is_gas(formula: str, temperature_k: float) -> bool:
    """A gas at the temperature: an element boiling below it (O2, N2, F2, Cl2, H2 ...) or a
    molecule the atmosphere model treats as gas (CO2, H2O above 373 K)."""
    comp = Composition(formula)
    red = comp.reduced_formula
    if red in GAS_MOLECULES:
        return red == "CO2" or temperature_k >= 373.15
    if len(comp.elements) != 1:
        return False
    bp = Element(comp.elements[0].symbol).boiling_point
    return bp is not None and float(bp) < temperature_k


def product_info(formula: str, temperature_k: float = 298.15) -> ProductInfo:
    red = Composition(formula).reduced_formula
    if is_gas(red, temperature_k):
        return ProductInfo(red, "gas", f"gas at {temperature_k:g} K", "Li" in red, None, "")
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
    if not 0 <= kinetic_threshold_ev_per_atom <= MAX_KINETIC_THRESHOLD_EV_PER_ATOM:
        raise InvalidConditionError(
            f"the kinetic threshold must lie within 0..{MAX_KINETIC_THRESHOLD_EV_PER_ATOM:g} "
            f"eV/atom (default {KINETIC_THRESHOLD_EV_PER_ATOM:g}), got "
            f"{kinetic_threshold_ev_per_atom:g}"
        )
    temperature = result.conditions.temperature_k
    kinks = result.kinks
    mutual = result.mutual.most_exothermic if result.mutual else result.most_exothermic
    side = _electrode_side(result)
    decs = (result.decomposition_a, result.decomposition_b)
    reactants = {Composition(f).reduced_formula for f in result.formulas}
    # the reservoir's own action on each non-electrode side (absent in a closed system)
    driven = [
        d
        for i, d in enumerate(decs)
        if d is not None and i != side and d.conditions_ev_per_atom < -STABLE_TOL_EV_PER_ATOM
    ]
    candidates = [(mutual.energy_ev_per_atom, "mutual", mutual)]
    candidates += [(d.conditions_ev_per_atom, "decomposition", d) for d in driven]
    e, what, item = min(candidates, key=lambda c: c[0])
    if what == "mutual":
        basis = "mutual reaction energy (each reactant first at its own equilibrium)"
        first = (
            f"mutual reaction at x = {mutual.x:.3f}: {e * 1000:.1f} meV/atom ({mutual.reaction})"
        )
    else:
        basis = f"decomposition of {item.reactant} by the reservoir at these conditions"
        first = (
            f"{item.reactant} decomposes at these conditions: {e * 1000:.1f} meV/atom beyond "
            f"its closed-system metastability ({item.reaction})"
        )
    reasons = [first]
    if what == "decomposition" and mutual.energy_ev_per_atom < -STABLE_TOL_EV_PER_ATOM:
        reasons.append(
            f"contact adds a mutual reaction of {mutual.energy_ev_per_atom * 1000:.1f} "
            f"meV/atom ({mutual.reaction})"
        )
    for d in decs:
        if d is not None and d.metastability_ev_per_atom < -STABLE_TOL_EV_PER_ATOM:
            reasons.append(
                f"{d.reactant} lies {-d.metastability_ev_per_atom * 1000:.1f} meV/atom above "
                f"its own hull ({', '.join(d.metastable_products)}): bulk metastability, the "
                "same away from the interface; not counted in the verdict"
            )
    # the judged interphase
    if side is not None:
        electrode = result.reactants[side]
        near = kinks[-2] if side == 0 else kinks[1]
        end = kinks[-1] if side == 0 else kinks[0]
        own = set(end.products) | reactants
        judged = [p for p in near.products if p not in own]
        where = f"on the {electrode} side (x = {near.x:.3f})"
    else:
        electrode = None
        judged = [p for p in mutual.products if p not in reactants]
        where = f"of the deepest mutual reaction (x = {mutual.x:.3f})"
    for d in driven:
        judged += [p for p in d.products if p not in judged and p not in reactants]
    infos_all = [product_info(p, temperature) for p in dict.fromkeys(judged)]
    gases = tuple(i.formula for i in infos_all if i.electronic == "gas")
    infos = tuple(i for i in infos_all if i.electronic != "gas")
    path = _path(kinks, reactants)
    sigma = result.thermal_uncertainty_ev_per_atom

    def verdict(kind: str, extra: list[str]) -> Verdict:
        return Verdict(
            kind,
            tuple(reasons + extra),
            infos,
            kinetic_threshold_ev_per_atom,
            driving_force_ev_per_atom=float(min(e, 0.0)),
            basis=basis,
            electrode=electrode,
            gases=gases,
            path=path,
            thermal_uncertainty_ev_per_atom=float(sigma),
        )

    if e > -STABLE_TOL_EV_PER_ATOM:
        return verdict("stable", ["no reaction releases more than 1 meV/atom"])
    if e > -kinetic_threshold_ev_per_atom:
        extra = [
            f"driving force {abs(e) * 1000:.1f} meV/atom is below the kinetic threshold "
            f"{kinetic_threshold_ev_per_atom * 1000:.0f} meV/atom (about twice the GGA "
            "reaction-energy error): kinetics, not thermodynamics, decides"
        ]
        return verdict("kinetically_stabilized", extra + _warnings(path, judged))
    if sigma > 0 and e > -(kinetic_threshold_ev_per_atom + 2 * sigma):
        return verdict(
            "undetermined",
            [
                f"driving force {abs(e) * 1000:.1f} meV/atom is within two standard deviations "
                f"(2 x {sigma * 1000:.1f} meV/atom) of the kinetic threshold: the estimated "
                "thermal free energies cannot decide whether the reaction runs at "
                f"{temperature:g} K"
            ],
        )
    extra = [f"interphase {where}: {', '.join(i.formula for i in infos) or 'none'}"]
    if gases:
        extra.append(f"released as gas at {temperature:g} K: {', '.join(gases)}")
    for i in infos:
        extra.append(
            f"{i.formula}: {i.electronic} ({i.electronic_reason})"
            + (
                f", Li+ {i.li_conductivity_s_cm:.1e} S/cm [{i.li_conductivity_source}]"
                if i.li_conductivity_s_cm is not None
                else ""
            )
        )
    metals = [i for i in infos if i.electronic == "metal"]
    if metals:
        extra.append(
            "electron-conducting product(s) "
            + ", ".join(m.formula for m in metals)
            + f" {where}: electrons reach the reaction front, the interphase keeps growing"
        )
        if side is not None and result.mutual is not None:
            extra += _last_step_note(result.mutual.kinks, side, kinetic_threshold_ev_per_atom)
        return verdict("mixed_conducting", extra)
    li_products = [i for i in infos if i.contains_li]
    known_poor = [
        i
        for i in li_products
        if i.li_conductivity_s_cm is not None and i.li_conductivity_s_cm < POOR_LI_CONDUCTOR_S_CM
    ]
    if not li_products or len(known_poor) == len(li_products):
        extra.append("no product conducts Li+: the layer blocks ions as well as electrons")
        return verdict("ion_blocking", extra + _warnings(path, judged))
    unknown = [i.formula for i in li_products if i.li_conductivity_s_cm is None]
    extra.append(
        "all products block electrons and Li-bearing products can carry Li+: a passivating "
        "layer that stops growing once thick enough"
    )
    if unknown:
        extra.append("Li+ conductivity unknown (not in the catalog) for: " + ", ".join(unknown))
    semis = [i.formula for i in infos if i.electronic == "semiconductor"]
    if semis:
        extra.append(
            "small-gap product(s) " + ", ".join(semis) + " may leak electrons at high temperature"
        )
    return verdict("passivating", extra + _warnings(path, judged))


def _electrode_side(result: ReactionResult) -> int | None:
    """Index of the reactant that is an electrode (A first), or None."""
    for i, r in enumerate(result.reactant_details):
        if r.role in ELECTRODE_ROLES:
            return i
    return None


def _last_step_note(kinks: tuple[Kink, ...], side: int, threshold: float) -> list[str]:
    """When the electrode-side products lie beyond the deepest mutual reaction, the driving
    force of that last step: the reaction of the deepest assemblage with the electrode (its
    energy at the electrode-side kink against the chord to the electrode's end, eV per atom
    of the reactants). Below the kinetic threshold, kinetics may stop the layer there."""
    ordered = kinks if side == 0 else tuple(reversed(kinks))  # electrode end last
    deepest = min(range(len(ordered)), key=lambda i: ordered[i].energy_ev_per_atom)
    near, end = ordered[-2], ordered[-1]
    if deepest >= len(ordered) - 2:
        return []
    d = ordered[deepest]
    f = (near.x - d.x) / (end.x - d.x)
    step = near.energy_ev_per_atom - (
        d.energy_ev_per_atom + f * (end.energy_ev_per_atom - d.energy_ev_per_atom)
    )
    conductors = [p for p in d.products if electronic_character(p).kind == "metal"]
    if step > -threshold and not conductors:
        return [
            f"the last step to these products, from the deepest reaction's "
            f"{', '.join(d.products)} (x = {d.x:.3f}, no electron conductor), adds only "
            f"{-step * 1000:.1f} meV/atom, below the kinetic threshold: if kinetics stop the "
            "reduction there, the layer blocks electrons and passivates"
        ]
    return []


def _path(kinks: tuple[Kink, ...], reactants: set[str]) -> tuple[PathStep, ...]:
    steps = []
    for k in kinks:
        products = tuple(p for p in k.products if p not in reactants)
        metals = tuple(p for p in products if electronic_character(p).kind == "metal")
        steps.append(PathStep(x=k.x, products=products, electron_conductors=metals))
    return tuple(steps)


def _warnings(path: tuple[PathStep, ...], skip: list[str]) -> list[str]:
    """Electron-conducting phases that appear elsewhere along the mixing path."""
    seen: dict[str, float] = {}
    for step in path:
        for p in step.electron_conductors:
            if p not in skip and p not in seen:
                seen[p] = step.x
    if not seen:
        return []
    listed = ", ".join(f"{p} (x = {x:.3f})" for p, x in seen.items())
    return [
        f"warning: electron conductors elsewhere on the mixing path: {listed}; where the "
        "graded layer reaches those compositions it conducts electrons"
    ]
