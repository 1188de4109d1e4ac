"""Pseudo-binary reactions against pymatgen's InterfacialReactivity on the same entries."""

import warnings

import pytest
from pymatgen.analysis.interface_reactions import (
    GrandPotentialInterfacialReactivity,
    InterfacialReactivity,
)
from pymatgen.analysis.phase_diagram import GrandPotentialPhaseDiagram
from pymatgen.core import Composition, Element

from interphase.materials import get_material
from interphase.thermo.conditions import Conditions
from interphase.thermo.reaction import EV_TO_KJ_PER_MOL, pseudo_binary


def _elements(a, b):
    c = get_material(a).composition + get_material(b).composition
    return tuple(sorted(e.symbol for e in c.elements))


def _compare(ours, theirs, closed_basis=False, kinks=None):
    kinks = ours.kinks if kinks is None else kinks
    assert len(kinks) == len(theirs)
    for k, (_, x, e, rxn, kj) in zip(kinks, theirs, strict=True):
        assert k.x == pytest.approx(x, abs=1e-6)
        ours_e = k.energy_ev_per_closed_atom if closed_basis else k.energy_ev_per_atom
        assert ours_e == pytest.approx(e, abs=1e-3)
        assert k.energy_kj_per_mol == pytest.approx(kj, abs=0.2)
        products = {c.reduced_formula for c in rxn.products} - {"Li"}
        assert set(k.products) - {"Li"} == products


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Li", "LiF"),
        ("Li", "LLZO"),
        ("LCO", "LLZO"),
        ("Li", "LZP"),
        ("Li", "LAGP"),
        ("LCO", "LPS"),
        ("NCM811", "LGPS"),
    ],
    ids=lambda v: v,
)
def test_closed_system_matches_pymatgen(mp, pd_for, a, b):
    pd = pd_for(_elements(a, b))
    ca, cb = get_material(a).composition, get_material(b).composition
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = InterfacialReactivity(ca, cb, pd, norm=True, use_hull_energy=False).get_kinks()
    _compare(pseudo_binary(a, b, mp), theirs)


@pytest.mark.parametrize(
    ("a", "b", "v"), [("LCO", "LLZO", 4.2), ("LCO", "LPS", 3.0), ("LFP", "LLZO", 3.5)]
)
def test_open_li_matches_pymatgen_grand_potential(mp, pd_for, a, b, v):
    pd = pd_for(_elements(a, b) if "Li" in _elements(a, b) else (*_elements(a, b), "Li"))
    gpd = GrandPotentialPhaseDiagram(pd.all_entries, {Element("Li"): -v})
    ca, cb = get_material(a).composition, get_material(b).composition
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = GrandPotentialInterfacialReactivity(
            ca, cb, gpd, pd, include_no_mixing_energy=False, norm=True, use_hull_energy=True
        ).get_kinks()
    ours = pseudo_binary(a, b, mp, Conditions(potential_v=v), reactants="equilibrated")
    # pymatgen normalises per atom of the closed elements; we keep that number beside ours
    _compare(ours, theirs, closed_basis=True)
    # the mutual curve is the equilibrated one, whatever the reactant mode
    auto = pseudo_binary(a, b, mp, Conditions(potential_v=v))
    _compare(auto, theirs, closed_basis=True, kinks=auto.mutual.kinks)


def test_kj_per_mol_is_energy_times_atoms_in_reaction(mp):
    k = pseudo_binary("Li", "LLZO", mp).most_exothermic
    # formula units per atom of mixture: x/1 of Li, (1-x)/24 of Li7La3Zr2O12; normalised so
    # the reactant coefficients sum to 1, the reaction holds this many atoms per mole:
    u_li, u_llzo = k.x / 1, (1 - k.x) / 24
    atoms = (u_li * 1 + u_llzo * 24) / (u_li + u_llzo)
    assert k.energy_kj_per_mol == pytest.approx(k.energy_ev_per_atom * atoms * EV_TO_KJ_PER_MOL)


def test_swapping_reactants_mirrors_the_curve(mp):
    ab = pseudo_binary("LCO", "LPS", mp)
    ba = pseudo_binary("LPS", "LCO", mp)
    assert [round(1 - k.x, 8) for k in reversed(ba.kinks)] == [round(k.x, 8) for k in ab.kinks]
    for k1, k2 in zip(ab.kinks, reversed(ba.kinks), strict=True):
        assert k1.energy_ev_per_atom == pytest.approx(k2.energy_ev_per_atom, abs=1e-9)
        assert set(k1.products) == set(k2.products)


def test_reactions_conserve_atoms(mp):
    res = pseudo_binary("NCM811", "LGPS", mp)
    for k in res.kinks:
        lhs, rhs = k.reaction.split(" -> ")

        def amounts(side):
            total = Composition()
            for term in side.split(" + "):
                parts = term.split(" ")
                coeff, formula = (float(parts[0]), parts[1]) if len(parts) == 2 else (1.0, parts[0])
                total += Composition(formula) * coeff
            return total

        assert amounts(lhs).almost_equals(amounts(rhs), rtol=0, atol=2e-3)
