"""Stability windows against Zhu, He & Mo (ACS AMI 7, 23685 (2015)) and pymatgen."""

import itertools
import warnings

import pytest
from pymatgen.core import Composition, Element

from interphase.thermo.window import stability_window


def test_li3ps4_window_matches_zhu_2015(mp):
    w = stability_window("Li3PS4", mp)
    assert w.reduction_v == pytest.approx(1.71, abs=0.1)
    assert w.oxidation_v == pytest.approx(2.31, abs=0.1)
    assert "Li2S" in w.reduction_products


def test_llzo_reduction_limit_matches_zhu_2015(mp):
    w = stability_window("LLZO", mp)
    assert w.reduction_v == pytest.approx(0.05, abs=0.1)
    assert w.energy_above_hull_ev_per_atom > 0  # metastable in the table: put on the hull


def test_metastable_compound_has_no_window_as_is_when_inside_a_plateau(mp):
    w = stability_window("LGPS", mp, convention="as-is")
    assert not w.stable_as_is
    on = stability_window("LGPS", mp, convention="on-hull")
    assert on.reduction_v <= on.oxidation_v


def test_staircase_matches_pymatgen_element_profile(mp, pd_for):
    pd = pd_for(("Li", "P", "S"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        profile = pd.get_element_profile(Element("Li"), Composition("Li3PS4"))
    theirs = sorted({round(-p["chempot"], 4) for p in profile})
    w = stability_window("Li3PS4", mp)
    ours = sorted({round(s.potential_range_v[0], 4) for s in w.steps})
    # every plateau potential of pymatgen's profile is one of ours (ours adds the top plateau)
    for v in theirs:
        assert any(abs(v - o) < 2e-3 for o in ours), (v, ours)


def test_li_bookkeeping_is_monotonic(mp):
    w = stability_window("LiCoO2", mp)
    steps = sorted(w.steps, key=lambda s: s.li_per_formula_unit)
    lows = [s.potential_range_v[0] for s in steps]
    # more Li taken up → lower potential (convex hull ⇒ monotonic staircase)
    assert all(a >= b - 1e-9 for a, b in itertools.pairwise(lows))
    assert any(abs(s.li_per_formula_unit) < 1e-9 for s in w.steps)  # LiCoO2 itself


def test_hull_estimated_composition_headlines_a_window_of_real_phases(mp):
    # LiPON has no entry: its mixture sits on a Li-exchange plateau (a ~14 mV "window")
    w = stability_window("LiPON", mp)
    lo, hi = w.estimate_v
    assert hi - lo < 0.05  # the estimate, kept as a flagged secondary number
    assert w.headline.startswith("nearest database phase")
    assert w.nearest_phase == "Li3PO4"
    ref = stability_window("Li3PO4", mp)
    assert (w.reduction_v, w.oxidation_v) == (ref.reduction_v, ref.oxidation_v)
    assert w.oxidation_v - w.reduction_v > 1.0


def test_hull_estimated_assemblage_window_when_it_is_a_real_range(mp):
    # LAGP: the assemblage is stable over a range; Zhu 2015: 2.70-4.27 V
    w = stability_window("LAGP", mp)
    assert w.headline.startswith("equilibrium assemblage")
    assert w.reduction_v == pytest.approx(2.70, abs=0.1)
    assert w.oxidation_v == pytest.approx(4.27, abs=0.1)
    assert w.estimate_v is not None


def test_stable_against_li_metal_has_no_reduction_product(mp):
    for x in ("LiF", "Li2O", "Li3N"):
        w = stability_window(x, mp)
        assert w.stable_against_li_metal and w.reduction_v is None
        assert w.reduction_products == ()


def test_metastable_compound_reports_its_li_exchange_free_range(mp):
    # LGPS decomposes (closed) into Li3PS4 + Li4GeS4; that assemblage exchanges no Li over
    # the same range as the on-hull window
    w = stability_window("LGPS", mp)
    assert set(w.assemblage) == {"Li3PS4", "Li4GeS4"}
    lo, hi = w.li_exchange_free_v
    assert lo == pytest.approx(w.reduction_v, abs=0.01)
    assert hi == pytest.approx(w.oxidation_v, abs=0.01)
    assert "metastable by 18.8 meV/atom" in w.convention_text


def test_stable_compound_has_no_assemblage_of_its_own(mp):
    w = stability_window("Li3PS4", mp)
    assert w.assemblage == () and w.li_exchange_free_v is None
    assert "on its hull" in w.convention_text


def test_an_element_has_a_window_and_li_metal_is_refused(mp):
    from interphase.errors import InvalidConditionError

    w = stability_window("graphite", mp)
    # graphite lithiates at ~0.1-0.2 V vs Li (stage-2 LiC12); the table gives one plateau
    assert 0.05 < w.reduction_v < 0.25 and "LiC12" in w.reduction_products
    with pytest.raises(InvalidConditionError, match="Li metal has no stability window"):
        stability_window("Li", mp)
