"""Pseudo-binary interface reactions: reaction energy over the whole mixing range of A and B.

Definitions follow pymatgen's InterfacialReactivity (Richards et al., Chem. Mater. 28, 266
(2016)) so that results agree on the same entries: x is the atom fraction of A in the
mixture; the reaction energy at x is E_hull(x·A + (1−x)·B) − x·E_A − (1−x)·E_B.

One per-atom basis everywhere: eV per atom of the reactants as written (x·A + (1−x)·B, all
their atoms, reservoir species not counted). With open elements (Li at an electrode potential,
gases from an atmosphere) the hull works in grand potentials per atom of the closed elements
(pymatgen's normalisation, kept as `energy_ev_per_closed_atom`); the energy is converted to the
reactant basis, so a reaction that exchanges nothing with a reservoir has the same energy per
atom with and without that reservoir.

Three numbers per pair and condition (Richards et al. 2016; Zhu, He & Mo, J. Mater. Chem. A 4,
3253 (2016); Xiao et al., Joule 3, 1252 (2019)):
- total: reactants as they are (`most_exothermic`; what pymatgen's use_hull_energy=False
  gives in a closed system);
- mutual: each reactant first brought to its own equilibrium at the same conditions (on the
  hull, or decomposed at the potential / in the atmosphere), so only the driving force that
  contact adds remains (pymatgen's use_hull_energy=True);
- each side's own decomposition at the conditions, per atom of that reactant.
They add up exactly: total(x) = mutual(x) + x·d_A + (1−x)·d_B.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from pymatgen.core import Composition

from interphase.constants import EV_TO_KJ_PER_MOL
from interphase.errors import InvalidConditionError
from interphase.results import Result
from interphase.thermo.conditions import Conditions
from interphase.thermo.database import Database, get_database
from interphase.thermo.gases import thermal_correction_ev_per_atom
from interphase.thermo.hull import HullPoint, LinearHull
from interphase.thermo.reactant import Reactant, resolve_reactant
from interphase.thermo.systems import closed_atoms, elements_of, system_hull, vector


@dataclass(frozen=True)
class Kink(Result):
    """One kink of the reaction-energy curve: the balanced reaction and its products."""

    x: float  # atom fraction of reactant A in the mixture
    energy_ev_per_atom: float  # per atom of the reactants (x·A + (1−x)·B)
    energy_kj_per_mol: float  # per mole of reaction as written (reactant coefficients sum to 1)
    reaction: str
    products: tuple[str, ...]  # reduced formulas, reservoir species (Li, O2, CO2...) excluded
    product_fractions: dict[str, float]  # phase → atom fraction of the closed elements
    energy_ev_per_closed_atom: float = 0.0  # per atom of the closed elements (pymatgen's)


@dataclass(frozen=True)
class MutualReaction(Result):
    """The interface's own reaction: both reactants first at their equilibrium under the
    same conditions, so the energy is what contact adds (≤ 0, 0 at both ends)."""

    kinks: tuple[Kink, ...]
    most_exothermic: Kink
    reactant_energies: str = "each reactant at its (grand) hull energy under the conditions"


@dataclass(frozen=True)
class Decomposition(Result):
    """One reactant by itself under the conditions: as made → its equilibrium there.

    `energy_ev_per_atom` (per atom of the reactant, ≤ 0) = `metastability_ev_per_atom` (its
    own closed hull at the same temperature: minus the energy above hull) +
    `conditions_ev_per_atom` (what the open reservoirs add: Li exchange at the potential,
    gas uptake or release in the atmosphere; 0 in a closed system)."""

    reactant: str
    formula: str
    energy_ev_per_atom: float
    metastability_ev_per_atom: float
    conditions_ev_per_atom: float
    reaction: str
    products: tuple[str, ...]
    metastable_products: tuple[str, ...] = ()  # its equilibrium in its own closed system


@dataclass(frozen=True)
class ReactionResult(Result):
    reactants: tuple[str, str]
    formulas: tuple[str, str]
    database: str
    conditions: Conditions
    reactant_details: tuple[Reactant, Reactant]
    kinks: tuple[Kink, ...]
    most_exothermic: Kink
    flags: tuple[str, ...]
    reactant_modes: tuple[str, str] = ("as-is", "as-is")
    mutual: MutualReaction | None = None
    decomposition_a: Decomposition | None = None
    decomposition_b: Decomposition | None = None
    energy_basis: str = "eV per atom of the reactants (reservoir species not counted)"
    thermal_uncertainty_ev_per_atom: float = 0.0  # from estimated thermal parts at T
    thermal_estimated: tuple[str, ...] = ()  # phases whose thermal part is estimated
    verdict: object = None  # a Verdict, attached by `react` (kept loose to avoid a cycle)
    citations: tuple[str, ...] = field(default=())


def pseudo_binary(
    a: str,
    b: str,
    db: Database | None = None,
    conditions: Conditions | None = None,
    energy_a_ev_per_atom: float | None = None,
    energy_b_ev_per_atom: float | None = None,
    reactants: str = "auto",
) -> ReactionResult:
    """Every kink of the A–B reaction under `conditions` (closed system by default).

    `reactants` sets the reactant energies when elements are open: "equilibrated" puts each
    reactant on the grand hull (it has already taken up or given off Li or gas: pymatgen's
    default, Richards et al.); "as-is" keeps the material as made, so its own reaction with
    the reservoir counts (pymatgen's include_no_mixing_energy). "auto": with gases, as-is
    (a pristine surface meets the atmosphere); at a potential only, electrodes equilibrated
    (the charger sets their Li content) and everything else as-is (an electrolyte at the
    cathode's potential decomposes there).
    """
    db = db or get_database("mp")
    conditions = conditions or Conditions()
    ra = resolve_reactant(a, db, energy_a_ev_per_atom)
    rb = resolve_reactant(b, db, energy_b_ev_per_atom)
    ca, cb = ra.composition, rb.composition
    if ca.fractional_composition.almost_equals(cb.fractional_composition, atol=1e-9):
        raise InvalidConditionError(
            f"{a!r} and {b!r} have the same composition: give two different materials"
        )
    chempots = conditions.chemical_potentials(db)
    els = elements_of(ca, cb)
    temperature = conditions.temperature_k if conditions.is_thermal else None
    modes = _reactant_modes(reactants, conditions, (ra, rb))
    hull = system_hull(db, els, chempots or None, temperature)
    if chempots:
        _check_closed(ca, a, chempots)
        _check_closed(cb, b, chempots)
    va, vb = vector(hull, ca), vector(hull, cb)
    # as made, per closed atom: the material's own (free) energy against the reservoirs
    as_made = (
        _open_energy(ra, "as-is", hull, va, chempots, temperature),
        _open_energy(rb, "as-is", hull, vb, chempots, temperature),
    )
    fa = closed_atoms(ca, chempots) / ca.num_atoms
    fb = closed_atoms(cb, chempots) / cb.num_atoms
    points = hull.segment(vb, va)  # t = atom fraction of A (closed elements)
    # equilibrium at each reactant's own composition under the conditions; a user energy
    # below the database hull is its own equilibrium
    ha = min(points[-1][1].energy_ev_per_atom, as_made[0])
    hb = min(points[0][1].energy_ev_per_atom, as_made[1])
    ea = ha if modes[0] == "equilibrated" else as_made[0]
    eb = hb if modes[1] == "equilibrated" else as_made[1]

    def curve(e_a: float, e_b: float) -> tuple[Kink, ...]:
        return tuple(_kink(t, p, hull, ra, rb, e_a, e_b, fa, fb, chempots) for t, p in points)

    kinks = curve(ea, eb)
    mutual_kinks = curve(ha, hb)
    most = _deepest(kinks)
    mutual = MutualReaction(kinks=mutual_kinks, most_exothermic=_deepest(mutual_kinks))
    decomposition_a = _decomposition(
        ra, points[-1], hull, as_made, (ha, hb), 1.0, fa, fb, db, chempots, temperature, rb
    )
    decomposition_b = _decomposition(
        rb, points[0], hull, as_made, (ha, hb), 0.0, fa, fb, db, chempots, temperature, ra
    )
    estimated: tuple[str, ...] = ()
    sigma = 0.0
    if temperature is not None:
        from interphase.thermo.solid_thermal import is_tabulated, nk_uncertainty_ev_per_atom

        involved = {ra.reduced_formula, rb.reduced_formula}
        for k in (most, mutual.most_exothermic):
            involved |= set(k.products)
        for d in (decomposition_a, decomposition_b):
            involved |= set(d.products)
        estimated = tuple(sorted(f for f in involved if not is_tabulated(f, temperature)))
        sigma = nk_uncertainty_ev_per_atom(temperature) if estimated else 0.0
    flags = tuple(
        f"{r.name}: hull-estimated energy (no database entry at this composition)"
        for r in (ra, rb)
        if r.hull_estimated
    ) + tuple(
        f"{p}: energy from user entries ({db.user_labels[p]})"
        for p in sorted(
            {p for k in kinks for p in k.products} | {ra.reduced_formula, rb.reduced_formula}
        )
        if p in db.user_labels
    )
    if estimated:
        flags += (
            f"thermal part estimated (Neumann-Kopp, ±{sigma * 1000:.0f} meV/atom at "
            f"{temperature:g} K) for: {', '.join(estimated)}",
        )
    return ReactionResult(
        reactants=(ra.name, rb.name),
        formulas=(ra.formula, rb.formula),
        database=db.key,
        conditions=conditions,
        reactant_details=(ra, rb),
        kinks=kinks,
        most_exothermic=most,
        flags=flags,
        reactant_modes=modes,
        mutual=mutual,
        decomposition_a=decomposition_a,
        decomposition_b=decomposition_b,
        thermal_uncertainty_ev_per_atom=sigma,
        thermal_estimated=estimated,
        citations=(
            *db.info.citations,
            "richards2016",
            "zhu2016",
            "ong2013",
            *conditions.citations(),
            *(("leitner2010",) if estimated else ()),
        ),
    )


def _deepest(kinks: tuple[Kink, ...]) -> Kink:
    return min(kinks, key=lambda k: (k.energy_ev_per_atom, k.x))


def _decomposition(
    r: Reactant,
    end: tuple[float, HullPoint],
    hull: LinearHull,
    as_made: tuple[float, float],
    equilibrium: tuple[float, float],
    t: float,
    fa: float,
    fb: float,
    db: Database,
    chempots: dict[str, float],
    temperature: float | None,
    other: Reactant,
) -> Decomposition:
    """Reactant alone (t = 1: A, t = 0: B): as made → equilibrium under the conditions."""
    ra, rb = (r, other) if t == 1.0 else (other, r)
    k = _kink(t, end[1], hull, ra, rb, as_made[0], as_made[1], fa, fb, chempots)
    # the closed part: its own hull at the same temperature, no reservoir
    closed = system_hull(db, elements_of(r.composition), None, temperature)
    own = _own_energy(r, temperature)
    point = closed.point(vector(closed, r.composition))
    meta = min(point.energy_ev_per_atom - own, 0.0)
    closed_products = tuple(sorted({closed.formulas[i] for i in point.phases}))
    total = min(k.energy_ev_per_atom, 0.0)
    cond = total - meta if chempots else 0.0
    products = tuple(p for p in k.products if p != r.reduced_formula)
    return Decomposition(
        reactant=r.name,
        formula=r.formula,
        energy_ev_per_atom=float(total),
        metastability_ev_per_atom=float(meta if chempots else total),
        conditions_ev_per_atom=float(min(cond, 0.0)),
        reaction=k.reaction if products else f"{r.formula} (stable)",
        products=products,
        metastable_products=closed_products if meta < 0 else (),
    )


REACTANT_MODES = ("auto", "equilibrated", "as-is")


def _reactant_modes(
    mode: str, conditions: Conditions, rs: tuple[Reactant, Reactant]
) -> tuple[str, str]:
    if mode not in REACTANT_MODES:
        raise InvalidConditionError(f"reactants mode {mode!r}: use {', '.join(REACTANT_MODES)}")
    if mode != "auto":
        return (mode, mode)
    if conditions.gases_bar:
        return ("as-is", "as-is")
    if conditions.potential_v is not None:
        pick = ["equilibrated" if r.role in ("cathode", "anode") else "as-is" for r in rs]
        return (pick[0], pick[1])
    return ("as-is", "as-is")


def _own_energy(r: Reactant, temperature: float | None) -> float:
    """The reactant's own formation (free) energy per atom."""
    e = r.energy_ev_per_atom
    if temperature is not None:
        e += thermal_correction_ev_per_atom(r.formula, temperature)
    return e


def _open_energy(
    r: Reactant,
    mode: str,
    hull: LinearHull,
    v: np.ndarray,
    chempots: dict[str, float],
    temperature: float | None,
) -> float:
    """Grand energy per closed atom of a reactant, equilibrated or as made."""
    if mode == "equilibrated":
        return hull.energy(v)
    if not chempots:
        return _own_energy(r, temperature)
    comp = r.composition.fractional_composition
    x_open = sum(comp[e] for e in chempots)
    shift = sum(comp[e] * mu for e, mu in chempots.items())
    return (_own_energy(r, temperature) - shift) / (1 - x_open)


def _check_closed(comp: Composition, name: str, chempots: dict[str, float]) -> None:
    if closed_atoms(comp, chempots) <= 0:
        raise InvalidConditionError(
            f"{name!r} consists only of open elements ({', '.join(sorted(chempots))}) under "
            "these conditions: it is the reservoir, not a reactant"
        )


def _kink(
    t: float,
    p: HullPoint,
    hull: LinearHull,
    ra: Reactant,
    rb: Reactant,
    ea: float,
    eb: float,
    fa: float,
    fb: float,
    chempots: dict[str, float],
) -> Kink:
    energy_closed = p.energy_ev_per_atom - t * ea - (1 - t) * eb
    # reactant atoms per closed atom of the mixture: the change to the reactant basis
    n_reactant = t / fa + (1 - t) / fb
    energy = energy_closed / n_reactant
    # x on the original A–B line (differs from t only with open elements)
    x = (t / fa) / n_reactant if chempots else t
    if abs(x) < 1e-12:
        x = 0.0
    ca, cb = ra.composition, rb.composition
    na, nb = closed_atoms(ca, chempots), closed_atoms(cb, chempots)
    ua, ub = t / na, (1 - t) / nb  # formula units of A and B per closed atom
    scale = ua + ub
    ua, ub = ua / scale, ub / scale
    products: dict[str, float] = {}
    fractions: dict[str, float] = {}
    for idx, w in sorted(p.phases.items(), key=lambda kv: hull.formulas[kv[0]]):
        f = hull.formulas[idx]
        comp = Composition(f)
        products[f] = products.get(f, 0.0) + w / closed_atoms(comp, chempots) / scale
        fractions[f] = fractions.get(f, 0.0) + w
    lhs = [(ua, ra.formula), (ub, rb.formula)]
    rhs = list(products.items())
    lhs_terms = [(c, f) for c, f in lhs if c > 1e-9]
    rhs_terms = [(c, f) for f, c in rhs]
    if chempots:
        delta = _reservoir_balance(lhs_terms, rhs_terms, chempots)
        for species, amount in delta.items():
            if amount > 1e-9:
                lhs_terms.append((amount, species))
            elif amount < -1e-9:
                rhs_terms.append((-amount, species))
    reaction = f"{_side(lhs_terms)} -> {_side(rhs_terms)}"
    atoms = ua * na + ub * nb
    return Kink(
        x=float(x),
        energy_ev_per_atom=float(energy),
        energy_kj_per_mol=float(energy_closed * atoms * EV_TO_KJ_PER_MOL),
        reaction=reaction,
        products=tuple(products),
        product_fractions={k: float(v) for k, v in fractions.items()},
        energy_ev_per_closed_atom=float(energy_closed),
    )


def _reservoir_balance(
    lhs: list[tuple[float, str]], rhs: list[tuple[float, str]], chempots: dict[str, float]
) -> dict[str, float]:
    """Open-element amounts taken from (+) or given to (−) the reservoirs, as species:
    H as H2O and C as CO2 (drawing on O), the rest of O as O2, N as N2, Li and others as
    atoms."""
    net: dict[str, float] = {e: 0.0 for e in chempots}
    for sign, terms in ((1.0, rhs), (-1.0, lhs)):
        for coeff, formula in terms:
            comp = Composition(formula)
            for e in chempots:
                net[e] += sign * coeff * comp[e]
    out: dict[str, float] = {}
    o = net.pop("O", 0.0)
    if "H" in net:
        h = net.pop("H")
        out["H2O"] = h / 2
        o -= h / 2
    if "C" in net:
        c = net.pop("C")
        out["CO2"] = c
        o -= 2 * c
    if abs(o) > 1e-12 or "O" in chempots:
        out["O2"] = o / 2
    if "N" in net:
        out["N2"] = net.pop("N") / 2
    out.update(net)
    return {k: v for k, v in out.items() if abs(v) > 1e-9}


def _side(terms: list[tuple[float, str]]) -> str:
    return " + ".join(f"{_num(c)} {f}" if abs(c - 1) > 1e-6 else f for c, f in terms)


def _num(c: float) -> str:
    return f"{c:.4g}"
