"""Pseudo-binary interface reactions: reaction energy over the whole mixing range of A and B.

Definitions follow pymatgen's InterfacialReactivity (Richards et al., Chem. Mater. 28, 266
(2016)) so that results agree on the same entries: x is the atom fraction of A in the
mixture; the reaction energy at x is E_hull(x·A + (1−x)·B) − x·E_A − (1−x)·E_B in eV per atom
of mixture. With open elements (Li at an electrode potential, gases from an atmosphere) the
energies are grand potentials per atom of the closed elements, the reactants sit on the grand
hull (pymatgen's default), and x is converted back to the atom fraction of the original A.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from pymatgen.core import Composition

from interphase.errors import InvalidConditionError
from interphase.results import Result
from interphase.thermo.conditions import Conditions
from interphase.thermo.database import Database, get_database
from interphase.thermo.gases import thermal_correction_ev_per_atom
from interphase.thermo.hull import HullPoint, LinearHull
from interphase.thermo.reactant import Reactant, resolve_reactant
from interphase.thermo.systems import closed_atoms, elements_of, system_hull, vector

EV_TO_KJ_PER_MOL = 96.4853  # 1 eV per particle in kJ/mol (same constant as pymatgen)


@dataclass(frozen=True)
class Kink(Result):
    """One kink of the reaction-energy curve: the balanced reaction and its products."""

    x: float  # atom fraction of reactant A in the mixture
    energy_ev_per_atom: float
    energy_kj_per_mol: float  # per mole of reaction as written (reactant coefficients sum to 1)
    reaction: str
    products: tuple[str, ...]  # reduced formulas, reservoir species (Li, O2, CO2...) excluded
    product_fractions: dict[str, float]  # phase → atom fraction of the closed elements


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
    if chempots:
        hull = system_hull(db, els, chempots, temperature)
        _check_closed(ca, a, chempots)
        _check_closed(cb, b, chempots)
        va, vb = vector(hull, ca), vector(hull, cb)
        ea = _open_energy(ra, modes[0], hull, va, chempots, temperature)
        eb = _open_energy(rb, modes[1], hull, vb, chempots, temperature)
        fa = closed_atoms(ca, chempots) / ca.num_atoms
        fb = closed_atoms(cb, chempots) / cb.num_atoms
    else:
        hull = system_hull(db, els, None, temperature)
        va, vb = vector(hull, ca), vector(hull, cb)
        ea = _own_energy(ra, temperature)
        eb = _own_energy(rb, temperature)
        fa = fb = 1.0
    points = hull.segment(vb, va)  # t = atom fraction of A (closed elements)
    kinks = tuple(_kink(t, p, hull, ra, rb, ea, eb, fa, fb, chempots) for t, p in points)
    most = min(kinks, key=lambda k: (k.energy_ev_per_atom, k.x))
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
        citations=(*db.info.citations, "richards2016", "ong2013", *conditions.citations()),
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
    energy = p.energy_ev_per_atom - t * ea - (1 - t) * eb
    # x on the original A–B line (differs from t only with open elements)
    x = t * fb / ((1 - t) * fa + t * fb) if chempots else t
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
        energy_kj_per_mol=float(energy * atoms * EV_TO_KJ_PER_MOL),
        reaction=reaction,
        products=tuple(products),
        product_fractions={k: float(v) for k, v in fractions.items()},
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
