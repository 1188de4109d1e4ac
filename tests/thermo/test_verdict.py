"""The interphase verdict: the review's cases, published Li-metal interphase classes, and the
rules (electrode side, mutual basis, gases, temperature).

Breaking the code on purpose: judging the deepest kink instead of the electrode side
(`near = mutual` in verdict.judge) turns Li | LATP and Li | LZP passivating and fails
test_electrode_side_conductor_makes_it_mixed_conducting; dropping the gas filter lists O2 as
an insulating product and fails test_gases_are_released_not_products.
"""

import pytest

from interphase.thermo.analysis import react
from interphase.thermo.conditions import Conditions

# Li metal | electrolyte, class of the interphase that grows (SEI = passivating, MCI = mixed
# conducting). Computed 0 V products: Zhu, He & Mo, ACS Appl. Mater. Interfaces 7, 23685
# (2015), doi:10.1021/acsami.5b07517, Table 2 (LGPS, LAGP, LATP, LLTO: Li-Ge alloys, Ti3P,
# TiAl, Ti6O: MCI; Li3PS4, Li7P3S11, Li6PS5Cl, Li2PO2N: Li2S, Li3P, LiCl, Li3N, Li2O: SEI).
# Experiment: Wenzel et al., Chem. Mater. 28, 2400 (2016), doi:10.1021/acs.chemmater.6b00610
# (Li | LGPS: Li3P, Li2S, Li-Ge alloy, growing); Riegger et al., Angew. Chem. 2021,
# doi:10.1002/ange.202015238 (Li3InCl6: continuously growing interphase); Wood et al., Nat.
# Commun. 9, 2490 (2018), doi:10.1038/s41467-018-04762-z (Li2S-P2S5: Li2S + Li3P).
PUBLISHED_LI_CLASSES = [
    ("LGPS", "mixed_conducting"),
    ("LAGP", "mixed_conducting"),
    ("Li1.3Al0.3Ti1.7(PO4)3", "mixed_conducting"),
    ("Li0.33La0.56TiO3", "mixed_conducting"),
    ("Li3InCl6", "mixed_conducting"),
    ("Li3PS4", "passivating"),
    ("Li7P3S11", "passivating"),
    ("Li6PS5Cl", "passivating"),
    ("Li2PO2N", "passivating"),
]


@pytest.mark.parametrize(("electrolyte", "kind"), PUBLISHED_LI_CLASSES)
def test_li_metal_interphase_class_matches_published(mp, electrolyte, kind):
    v = react("Li", electrolyte, mp).verdict
    assert v.kind == kind, v.reasons
    assert v.electrode == "Li"


def test_electrode_side_conductor_makes_it_mixed_conducting(mp):
    # LATP: the deepest reaction's products are insulating (Li2O, Li3P, Li4TiO4, Li5AlO4);
    # the 0 V side holds Ti3P and TiAl
    r = react("Li", "Li1.3Al0.3Ti1.7(PO4)3", mp)
    deepest = r.mutual.most_exothermic.products
    assert "Li4TiO4" in deepest and "Ti3P" not in deepest
    assert r.verdict.kind == "mixed_conducting"
    assert {"Ti3P", "TiAl"} <= {p.formula for p in r.verdict.products}
    # swapping the reactants does not change which side feeds the interphase
    assert react("Li1.3Al0.3Ti1.7(PO4)3", "Li", mp).verdict.kind == "mixed_conducting"


def test_li_lzp_zero_volt_side_and_its_kinetic_note(mp):
    # review case: Li3P + Li8ZrO6 passivating (Li et al., PNAS 113, 13313 (2016)); at 0 V the
    # table reduces Zr to Zr7P4, but that last step adds < 50 meV/atom, which is said
    r = react("Li", "LZP", mp)
    assert "Li3P" in r.mutual.most_exothermic.products
    assert r.verdict.kind == "mixed_conducting"
    note = [x for x in r.verdict.reasons if "last step" in x]
    assert note and "passivates" in note[0]


def test_li_lagp_is_mixed_conducting_with_ge(mp):
    r = react("Li", "LAGP", mp)
    assert r.verdict.kind == "mixed_conducting"
    assert "Ge" in r.most_exothermic.products
    assert any("hull-estimated" in f for f in r.flags)  # doped NASICON: no database entry


def test_li_llzo_small_driving_force(mp):
    r = react("Li", "LLZO", mp)
    assert r.verdict.kind == "kinetically_stabilized"
    # Zhu 2015: -21 meV/atom at 0 V, within the GGA error
    assert -0.05 < r.verdict.driving_force_ev_per_atom < -0.005


def test_ncm811_lgps_strongly_reactive_forms_li2s(mp):
    r = react("NCM811", "LGPS", mp)
    assert r.most_exothermic.energy_ev_per_atom < -0.3
    assert "Li2S" in r.most_exothermic.products


def test_verdict_uses_mutual_energy_not_self_decomposition(mp):
    # Li6PS5Cl alone lies 83 meV/atom above the hull: that is not an interface reaction
    r = react("LiNbO3", "Li6PS5Cl", mp)
    assert r.verdict.driving_force_ev_per_atom == pytest.approx(
        r.mutual.most_exothermic.energy_ev_per_atom
    )
    assert r.most_exothermic.energy_ev_per_atom < r.verdict.driving_force_ev_per_atom - 0.03
    assert "mutual" in r.verdict.basis


def test_lco_llzo_inert_discharged_but_not_at_4p2_v(mp):
    discharged = react("LCO", "LLZO", mp)
    charged = react("LCO", "LLZO", mp, Conditions(potential_v=4.2))
    assert discharged.verdict.kind == "kinetically_stabilized"
    # LLZO's oxidation limit is 2.92 V: the cathode's potential decomposes it, a labelled item
    assert charged.decomposition_b.conditions_ev_per_atom < -0.2
    assert charged.verdict.kind not in ("stable", "kinetically_stabilized")
    assert "decomposition of LLZO" in charged.verdict.basis


def test_gases_are_released_not_products(mp):
    v = react("LCO", "LLZO", mp, Conditions(potential_v=4.2)).verdict
    assert "O2" in v.gases
    assert "O2" not in {p.formula for p in v.products}
    assert not any(r.startswith("O2:") for r in v.reasons)


def test_threshold_moves_the_kinetic_verdict(mp):
    r = react("Li", "LLZO", mp)
    e = -r.verdict.driving_force_ev_per_atom
    assert react("Li", "LLZO", mp, kinetic_threshold_ev_per_atom=e * 1.01).verdict.kind == (
        "kinetically_stabilized"
    )
    assert react("Li", "LLZO", mp, kinetic_threshold_ev_per_atom=e * 0.99).verdict.kind in (
        "mixed_conducting",
        "passivating",
        "ion_blocking",
    )


def test_undetermined_where_the_thermal_estimate_cannot_decide(mp):
    cond = Conditions(temperature_k=1000)
    r = react("LNMO", "LLZO", mp, cond)
    sigma = r.thermal_uncertainty_ev_per_atom
    assert sigma > 0.01  # LNMO, LLZO and products have no tables: estimated
    e = -r.verdict.driving_force_ev_per_atom
    inside = react("LNMO", "LLZO", mp, cond, kinetic_threshold_ev_per_atom=e - sigma)
    assert inside.verdict.kind == "undetermined"
    above = react("LNMO", "LLZO", mp, cond, kinetic_threshold_ev_per_atom=e * 1.01)
    assert above.verdict.kind == "kinetically_stabilized"
    # at 298 K nothing is estimated and the same margin gives a confident verdict
    cold = react("LNMO", "LLZO", mp)
    assert cold.thermal_uncertainty_ev_per_atom == 0.0
    e_cold = -cold.verdict.driving_force_ev_per_atom
    margin = react("LNMO", "LLZO", mp, kinetic_threshold_ev_per_atom=e_cold - sigma)
    assert margin.verdict.kind == "passivating"


def test_non_reacting_pair_is_stable(mp):
    assert react("Li", "LiF", mp).verdict.kind == "stable"


def test_verdict_lists_each_product_with_its_electronic_character(mp):
    r = react("Li", "LPS", mp)
    listed = {p.formula for p in r.verdict.products}
    assert listed == {"Li2S", "Li3P"}
    li2s = next(p for p in r.verdict.products if p.formula == "Li2S")
    assert li2s.electronic == "insulator" and li2s.contains_li
