"""Whole-stack analysis: it composes the engines (same numbers as calling them directly), its
grades follow the physics of the review's cases, and user parameters enter labelled."""

import pytest

from interphase.contact.pressure import contact_vs_pressure
from interphase.materials.parameters import USER_SOURCE, parse_params
from interphase.stack import analyze, make_stack
from interphase.stack.grades import LEVELS
from interphase.thermo.analysis import react
from interphase.thermo.conditions import Conditions


@pytest.fixture(scope="module")
def lco_llzo():
    return analyze(make_stack("LCO", "LLZO", "Li"), coatings=False)


def test_every_interface_has_every_level(lco_llzo):
    for r in lco_llzo.interfaces:
        assert tuple(r.scorecard) == LEVELS
    cathode, anode = lco_llzo.interfaces
    # LLZO is oxidised above 2.92 V into Li-free La2O3 + La2Zr2O7, whose Li+ conductivity is
    # not known: grey, with the parameter that would supply it (said, not faked)
    grade = cathode.scorecard["evolution"]
    assert grade.colour == "grey" and "--param" in grade.reason
    assert lco_llzo.cycling is not None and lco_llzo.cycling.cycles > 0
    # Li | LLZO does not react beyond the kinetic threshold: nothing grows
    assert anode.growth.regime == "none" and anode.scorecard["evolution"].colour == "green"


def test_growth_from_estimates_is_never_graded_red():
    res = analyze(make_stack("LCO", "LAGP", "Li"), coatings=False)
    anode = res.interfaces[-1]
    assert anode.growth.regime == "parabolic"
    assert anode.scorecard["evolution"].colour == "amber"  # electronic sigma estimated
    assert anode.scorecard["evolution"].number == pytest.approx(anode.growth.asr_ohm_cm2[0])


def test_reactions_are_the_engine_s(lco_llzo):
    cathode = lco_llzo.interfaces[0]
    charged = next(c for c in cathode.chemical.cases if c.label == "charged")
    direct = react("LCO", "LLZO", conditions=Conditions(4.2))
    assert charged.total_ev_per_atom == pytest.approx(direct.most_exothermic.energy_ev_per_atom)
    assert charged.mutual_ev_per_atom == pytest.approx(
        direct.mutual.most_exothermic.energy_ev_per_atom
    )
    assert charged.verdict == direct.verdict.kind
    # the total never lies above the mutual energy (it adds each side's own decomposition)
    for c in cathode.chemical.cases:
        assert c.total_ev_per_atom <= c.mutual_ev_per_atom + 1e-9


def test_physical_grade_is_the_contact_model_s(lco_llzo):
    cathode = lco_llzo.interfaces[0]
    direct = contact_vs_pressure("LCO", "LLZO", [5.0])
    g = cathode.physical.grades[0]
    assert g.unit == "ohm cm2"
    assert g.number == pytest.approx(direct.total_asr_ohm_cm2[0], rel=1e-9)


@pytest.mark.parametrize(
    ("electrolyte", "colour", "kind"),
    [
        # Li | LLZO: a thin passivating (kinetically stable) layer, Ma et al. Nano Lett. 2016
        ("LLZO", "green", {"stable", "kinetically_stabilized", "passivating"}),
        # Li | LAGP: Ge reduced to Li-Ge alloys, a mixed-conducting interphase (Hartmann 2013)
        ("LAGP", "red", {"mixed_conducting"}),
    ],
)
def test_li_anode_verdicts_of_the_review(electrolyte, colour, kind):
    res = analyze(make_stack("LCO", electrolyte, "Li"), coatings=False)
    anode = res.interfaces[-1]
    case = anode.chemical.cases[0]
    assert case.verdict in kind
    if colour == "red":
        assert anode.scorecard["chemical"].colour == "red"
    else:
        assert anode.scorecard["chemical"].colour in ("green", "amber")


def test_behind_an_electron_blocking_coating_the_electrolyte_is_graded_closed():
    res = analyze(make_stack("NCM811", "Li6PS5Cl", "Li", "LiNbO3"), coatings=False)
    middle = res.interfaces[1]
    graded = [c for c in middle.chemical.cases if c.graded]
    assert [c.label for c in graded] == ["chemical"]
    closed = react("LiNbO3", "Li6PS5Cl")
    assert graded[0].mutual_ev_per_atom == pytest.approx(
        closed.mutual.most_exothermic.energy_ev_per_atom
    )
    assert middle.scorecard["chemical"] == graded[0].grade  # the bounds do not grade
    # the at-potential reactions are shown as bounds: at least as exothermic as the closed one
    for c in middle.chemical.cases:
        if not c.graded:
            assert c.driving_force_ev_per_atom <= graded[0].driving_force_ev_per_atom + 1e-9


def test_missing_parameter_is_named_then_supplied_by_the_user():
    bare = analyze(make_stack("NCM811", "LLZO", "Li"), coatings=False)
    first = bare.interfaces[0]
    assert first.physical.contact is None
    assert first.scorecard["physical"].colour == "grey"
    assert any(
        "youngs_modulus_gpa" in m.reason and "--param" in m.hint
        for m in first.physical.not_computed
    )
    user = parse_params(["NCM811.youngs_modulus_gpa=200", "NCM811.poisson_ratio=0.3"])
    given = analyze(make_stack("NCM811", "LLZO", "Li", params=user), coatings=False)
    phys = given.interfaces[0].physical
    assert phys.contact is not None
    assert phys.chemomechanics is not None  # volume change is sourced; moduli now given
    rows = {(p.material, p.property): p for p in given.parameters}
    assert rows[("NCM811", "youngs_modulus_gpa")].source == USER_SOURCE
    assert rows[("NCM811", "youngs_modulus_gpa")].value == 200
    # a stiffer cathode touches less at the same pressure: higher constriction ASR
    stiff = parse_params(["NCM811.youngs_modulus_gpa=400", "NCM811.poisson_ratio=0.3"])
    res2 = analyze(make_stack("NCM811", "LLZO", "Li", params=stiff), coatings=False)
    i = phys.contact.pressure_mpa.index(5.0)
    assert (
        res2.interfaces[0].physical.contact.total_asr_ohm_cm2[i] > phys.contact.total_asr_ohm_cm2[i]
    )


def test_uncoated_stack_gets_coating_suggestions():
    res = analyze(make_stack("LCO", "LLZO", "Li"))
    assert res.coatings is not None
    assert 1 <= len(res.coatings.entries) <= 5
    ranks = [e["rank"] for e in res.coatings.entries]
    assert ranks == sorted(ranks)


def test_every_citation_resolves(lco_llzo):
    keys = [c["key"] for c in lco_llzo.citations]
    assert len(keys) == len(set(keys))
    assert all(c.get("doi") or c.get("url") for c in lco_llzo.citations)


def test_md_of_the_electrolyte_is_stored_and_resumed(tmp_path, monkeypatch):
    pytest.importorskip("chgnet")
    from interphase.stack.md import MDSettings

    spec = make_stack("NCM811", "LPS", "Li")
    settings = MDSettings((800.0, 1200.0), 100)
    res = analyze(spec, coatings=False, md=settings, md_dir=tmp_path)
    (m,) = res.md
    assert m.layer == "LPS" and m.structure.endswith(".cif")
    assert m.literature_s_cm == pytest.approx(1.6e-4)
    assert not m.failures
    assert (tmp_path / "md.db").exists() and list((tmp_path / "md").glob("*.extxyz"))
    assert any(c["key"] == "deng2023chgnet" for c in res.citations)
    import jsonschema

    from interphase.report.write import load_schema

    jsonschema.validate(res.to_dict(), load_schema())  # the MD section is in the schema

    import interphase.atomistic.md as md_module

    def no_md(*a, **k):
        raise AssertionError("a stored MD run was computed again")

    monkeypatch.setattr(md_module, "run_md", no_md)
    again = analyze(spec, coatings=False, md=settings, md_dir=tmp_path)
    assert not again.md[0].failures  # nothing was run again (it would fail)
    assert again.md[0].conductivity_300k_s_cm == m.conductivity_300k_s_cm
