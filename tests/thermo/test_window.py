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
