"""Gas alignment checked against experimental decomposition data; carbonate driving force."""

import pytest

from interphase.thermo.atmosphere import carbonate_driving_force, gas_release_temperature
from interphase.thermo.gases import shomate_g_ev


def test_shomate_reproduces_standard_entropies():
    # S(298.15 K) from the Shomate fits = -dg/dT: O2 205.15, CO2 213.79, H2O(g) 188.84 J/mol/K
    for gas, s298 in (("O2", 205.15), ("CO2", 213.79), ("H2O", 188.84)):
        h = 0.01
        s = -(shomate_g_ev(gas, 298.15 + h) - shomate_g_ev(gas, 298.15 - h)) / (2 * h)
        assert s * 96485.33 == pytest.approx(s298, abs=0.3)


def test_li2co3_decomposition_temperature_within_300_k(mp):
    # leave Li2CO3 out of the CO2 alignment so the check is out of sample
    r = gas_release_temperature("Li2CO3", "Li2O", "CO2", 1.0, mp, ("Li2CO3",))
    assert r.model_k is not None and r.experimental_k is not None
    assert abs(r.deviation_k) < 300, r


def test_caco3_decomposition_temperature(mp):
    r = gas_release_temperature("CaCO3", "CaO", "CO2", 1.0, mp, ("CaCO3",))
    assert abs(r.deviation_k) < 300, r


def test_lower_co2_pressure_lowers_decomposition_temperature(mp):
    hi = gas_release_temperature("Li2CO3", "Li2O", "CO2", 1.0, mp).model_k
    lo = gas_release_temperature("Li2CO3", "Li2O", "CO2", 1e-3, mp).model_k
    assert lo < hi


def test_carbonate_driving_force_trends_at_lco_llzo(mp):
    d_air_cold, prods = carbonate_driving_force("LCO", "LLZO", 600, 4.2e-4, 0.21, mp)
    d_air_hot, _ = carbonate_driving_force("LCO", "LLZO", 900, 4.2e-4, 0.21, mp)
    d_low_co2, _ = carbonate_driving_force("LCO", "LLZO", 600, 1e-7, 0.21, mp)
    assert d_air_cold < 0 and "Li2CO3" in prods
    assert d_air_hot > d_air_cold  # falls as temperature rises
    assert d_low_co2 > d_air_cold  # falls as CO2 pressure falls
    # far from CO2: the carbonate is no longer stable
    d_none, prods_none = carbonate_driving_force("LCO", "LLZO", 1200, 1e-8, 1.0, mp)
    assert d_none == 0.0 and prods_none == ()


def test_co2_free_o2_gives_no_carbonate(mp):
    from interphase.thermo.analysis import react
    from interphase.thermo.conditions import Conditions

    r = react("LCO", "LLZO", mp, Conditions(gases_bar={"O2": 1.0}, temperature_k=973))
    assert not any("C" in p and "O3" in p for k in r.kinks for p in k.products)
    air = react(
        "LCO", "LLZO", mp, Conditions(gases_bar={"O2": 0.21, "CO2": 4.2e-4}, temperature_k=600)
    )
    assert any("Li2CO3" in k.products for k in air.kinks)


@pytest.mark.parametrize(
    ("a", "b"), [("Li3YCl6", "LCO"), ("LCO", "Li6PS5Cl"), ("LCO", "LLZO")], ids=str
)
def test_carbonate_products_are_parsed_not_substring_matched(mp, a, b):
    # Co, Cl, Ca, Cr, Cu, Ce, Cs, Cd contain the letter C: only phases with carbon count
    from pymatgen.core import Composition, Element

    d, prods = carbonate_driving_force(a, b, 400, 4.2e-4, 0.21, mp)
    assert d < 0 and prods
    assert all(Element("C") in Composition(p) for p in prods), prods
