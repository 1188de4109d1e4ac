"""Interphase growth (Wagner): the parabolic law and its limits, the effective-medium
conductivity, and the engine's refusal to invent unknown conductivities.

Breaking the code on purpose: using sigma_Li + sigma_e instead of the ambipolar product over
sum makes the sigma_e -> 0 test grow instead of saturate."""

import math

import numpy as np
import pytest

from interphase.constants import FARADAY_C_MOL
from interphase.errors import InvalidConditionError
from interphase.evolution.conductivity import (
    effective_dos_cm3,
    intrinsic_conductivity_s_cm,
    wiener_bounds,
)
from interphase.evolution.growth import (
    ambipolar,
    li_interphase_growth,
    rate_constant_cm2_s,
    thickness_nm,
)
from interphase.materials.parameters import parse_params

HOURS = [3600.0 * h for h in (1, 10, 100, 1000)]


def _lgps_params(sigma_e: float | None = None):
    # test inputs (not material data): Li+ conductivities for the phases the library lacks
    texts = ["Li2S.li_conductivity_s_cm=1e-6", "Li15Ge4.li_conductivity_s_cm=1e-5"]
    if sigma_e is not None:
        texts += [
            f"{p}.electronic_conductivity_s_cm={sigma_e}" for p in ("Li2S", "Li3P", "Li15Ge4")
        ]
    return parse_params(texts)


def test_parabolic_slope_one_half_for_a_mixed_conductor():
    g = li_interphase_growth("LGPS", HOURS, params=_lgps_params())
    assert g.regime == "parabolic"
    slope = np.polyfit(np.log(HOURS), np.log(g.thickness_nm), 1)[0]
    assert slope == pytest.approx(0.5, abs=1e-9)
    # R = L / sigma_Li at every time
    for L, r in zip(g.thickness_nm, g.asr_ohm_cm2, strict=True):
        assert r == pytest.approx(L * 1e-7 / g.li_conductivity_s_cm)


def test_electron_blocking_layer_saturates():
    g = li_interphase_growth("LGPS", HOURS, params=_lgps_params(1e-30), initial_thickness_nm=5.0)
    assert g.regime == "self-limiting"
    assert all(L == pytest.approx(5.0, abs=1e-6) for L in g.thickness_nm)


def test_limits_of_the_ambipolar_conductivity():
    assert ambipolar(1e-4, 1e-30) == pytest.approx(1e-30, rel=1e-6)  # electrons limit
    assert ambipolar(1e-4, 1e30) == pytest.approx(1e-4, rel=1e-12)  # ions limit
    assert ambipolar(1e-4, 1e-4) == pytest.approx(5e-5)
    # sigma_e -> infinity: k -> sigma_Li V v / F
    k = rate_constant_cm2_s(ambipolar(1e-4, 1e30), 1.7, 10.0)
    assert k == pytest.approx(1e-4 * 1.7 * 10.0 / FARADAY_C_MOL)
    # L^2 = L0^2 + 2 k t
    assert thickness_nm(1e-14, [1e4], 3.0)[0] == pytest.approx(math.sqrt((3e-7) ** 2 + 2e-10) * 1e7)


def test_wiener_bounds():
    phi, s = [0.3, 0.7], [1e-3, 1e-9]
    lo, hi = wiener_bounds(phi, s)
    assert lo == pytest.approx(1.0 / (0.3 / 1e-3 + 0.7 / 1e-9))
    assert hi == pytest.approx(0.3e-3 + 0.7e-9)
    assert wiener_bounds([0.5, 0.5], [1.0, 0.0])[0] == 0.0  # an insulating layer in series


def test_effective_density_of_states_and_intrinsic_estimate():
    assert effective_dos_cm3(300.0) == pytest.approx(2.51e19, rel=0.01)
    # a wider gap conducts exponentially less: factor exp(-dEg / 2kT)
    r = intrinsic_conductivity_s_cm(3.0, 300.0, 1.0) / intrinsic_conductivity_s_cm(2.0, 300.0, 1.0)
    assert r == pytest.approx(math.exp(-1.0 / (2 * 8.617333262e-5 * 300.0)), rel=1e-6)


def test_no_growth_without_a_reaction_and_no_invented_conductivities():
    assert li_interphase_growth("LLZO").regime == "none"
    g = li_interphase_growth("LGPS")  # Li2S, Li15Ge4: no sourced Li+ conductivity
    assert any("Li2S" in n and "unknown" in n for n in g.notes)
    assert g.rate_constant_band[0] <= g.rate_constant_cm2_s <= g.rate_constant_band[1]
    # the unknown phases count 0 in the central value: supplying them can only speed it up
    given = li_interphase_growth("LGPS", params=_lgps_params())
    assert given.rate_constant_cm2_s > g.rate_constant_cm2_s


@pytest.mark.parametrize(
    "kwargs",
    [dict(times_s=[-1.0]), dict(temperature_k=500.0), dict(initial_thickness_nm=float("nan"))],
)
def test_bad_input(kwargs):
    with pytest.raises(InvalidConditionError):
        li_interphase_growth("LGPS", **kwargs)


def test_a_reaction_given_either_way_round_gives_the_same_growth():
    from interphase.thermo.analysis import react

    own = li_interphase_growth("LGPS", HOURS)
    given = li_interphase_growth("LGPS", HOURS, reaction=react("LGPS", "Li"))
    assert given.rate_constant_cm2_s == pytest.approx(own.rate_constant_cm2_s, rel=1e-9)
    assert [p.formula for p in given.phases] == [p.formula for p in own.phases]
