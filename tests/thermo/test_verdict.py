"""The review's reference cases (Gong & Gu 2020) and the verdict rules."""

from interphase.thermo.analysis import react
from interphase.thermo.conditions import Conditions


def test_li_lagp_is_mixed_conducting_with_ge(mp):
    r = react("Li", "LAGP", mp)
    assert r.verdict.kind == "mixed_conducting"
    assert "Ge" in r.most_exothermic.products
    assert any("hull-estimated" in f for f in r.flags)  # doped NASICON: no database entry


def test_li_lzp_passivates_with_li3p(mp):
    r = react("Li", "LZP", mp)
    assert r.verdict.kind == "passivating"
    assert "Li3P" in r.most_exothermic.products


def test_li_llzo_small_driving_force(mp):
    r = react("Li", "LLZO", mp)
    assert r.verdict.kind in ("kinetically_stabilized", "passivating")
    assert -0.05 < r.most_exothermic.energy_ev_per_atom < 0


def test_ncm811_lgps_strongly_reactive_forms_li2s(mp):
    r = react("NCM811", "LGPS", mp)
    assert r.most_exothermic.energy_ev_per_atom < -0.3
    assert "Li2S" in r.most_exothermic.products


def test_lco_llzo_inert_discharged_but_not_at_4p2_v(mp):
    discharged = react("LCO", "LLZO", mp)
    charged = react("LCO", "LLZO", mp, Conditions(potential_v=4.2))
    assert discharged.most_exothermic.energy_ev_per_atom > -0.02
    assert charged.most_exothermic.energy_ev_per_atom < -0.1
    assert charged.verdict.kind not in ("stable", "kinetically_stabilized")


def test_threshold_moves_the_kinetic_verdict(mp):
    r0 = react("Li", "LLZO", mp, kinetic_threshold_ev_per_atom=0.0)
    assert r0.verdict.kind in ("mixed_conducting", "passivating", "ion_blocking")


def test_non_reacting_pair_is_stable(mp):
    assert react("Li", "LiF", mp).verdict.kind == "stable"


def test_verdict_lists_each_product_with_its_electronic_character(mp):
    r = react("Li", "LPS", mp)
    listed = {p.formula for p in r.verdict.products}
    assert listed == set(r.most_exothermic.products)
    li2s = next(p for p in r.verdict.products if p.formula == "Li2S")
    assert li2s.electronic == "insulator" and li2s.contains_li
