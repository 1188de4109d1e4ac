"""Contact area: Hertz, Greenwood-Williamson, Persson, plastic and creeping Li."""

import math

import numpy as np
import pytest

from interphase.contact.area import (
    greenwood_williamson,
    hertz_contact,
    hertz_load_from_approach_n,
    li_creep_contact,
    persson_contact_fraction,
    plastic_contact_fraction,
)
from interphase.errors import InvalidConditionError
from interphase.materials.mechanics import LI_CREEP_LEPAGE


def test_hertz_closed_form_and_inverse():
    # 1 mN on a 10 um sphere, E* = 100 GPa: a = (3FR/4E*)^(1/3)
    hz = hertz_contact(1e-3, 10.0, 100.0)
    a = (3 * 1e-3 * 10e-6 / (4 * 100e9)) ** (1 / 3)
    assert hz.contact_radius_um == pytest.approx(a * 1e6, rel=1e-12)
    assert hz.max_pressure_mpa == pytest.approx(3e-3 / (2 * math.pi * a**2) / 1e6, rel=1e-12)
    assert hz.mean_pressure_mpa == pytest.approx(hz.max_pressure_mpa * 2 / 3)
    assert hertz_load_from_approach_n(hz.approach_um, 10.0, 100.0) == pytest.approx(1e-3)


def test_gw_equal_height_asperities_reduce_to_hertz():
    """With a vanishing height spread every summit touches equally: each carries p/eta and
    makes a Hertz contact, so the contact fraction is eta * pi * a_Hertz^2."""
    p_mpa, radius, eta, e_star = 1.0, 5.0, 1e-3, 50.0
    gw = greenwood_williamson(p_mpa, 1e-4, radius, eta, e_star)
    load_per_asperity_n = p_mpa * 1e6 / (eta * 1e12)  # Pa * m^2 per summit
    hz = hertz_contact(load_per_asperity_n, radius, e_star)
    assert gw.contact_fraction == pytest.approx(eta * math.pi * hz.contact_radius_um**2, rel=1e-4)
    assert gw.spot_radius_um == pytest.approx(hz.contact_radius_um, rel=1e-4)
    assert gw.spots_per_um2 == pytest.approx(eta, rel=1e-6)


def test_gw_grows_with_pressure_and_is_bounded():
    fr = [greenwood_williamson(p, 0.2, 1.0, 0.5, 80.0).contact_fraction for p in (1, 10, 100)]
    assert fr[0] < fr[1] < fr[2] < 1
    # GW is nearly linear in pressure at light load (the area per load is constant)
    assert fr[1] / fr[0] == pytest.approx(10, rel=0.3)
    huge = greenwood_williamson(1e7, 0.2, 1.0, 0.5, 80.0)
    assert huge.contact_fraction == 1.0 and not huge.valid


def test_persson_limits():
    low = persson_contact_fraction(1e-3, 0.1, 100.0)
    # small-load limit sqrt(8/pi) p / (E* h')
    assert low.contact_fraction == pytest.approx(
        math.sqrt(8 / math.pi) * 1e-3 / (1e5 * 0.1), rel=1e-4
    )
    assert persson_contact_fraction(1e6, 0.1, 100.0).contact_fraction == pytest.approx(1.0)


def test_plastic_fraction_is_p_over_h_bounded_by_one():
    assert plastic_contact_fraction(1.2, 2.4).contact_fraction == pytest.approx(0.5)
    assert plastic_contact_fraction(10.0, 2.4).contact_fraction == 1.0


def test_li_creep_flattening():
    t = np.array([0.0, 10.0, 100.0, 1e4])
    cc = li_creep_contact(1.0, t, 298.15)
    f = np.array(cc.contact_fraction)
    assert f[0] == pytest.approx(1.0 / 2.4)  # p / (3 * 0.8 MPa)
    assert np.all(np.diff(f) >= 0) and f[-1] <= 1.0
    # closed form f^n = f0^n + n A' (p/3)^n t at t = 10 s
    law = LI_CREEP_LEPAGE
    n = law.stress_exponent
    rate = law.prefactor_per_s * (1 / 3) ** n * math.exp(-37000 / (8.314462618 * 298.15))
    assert f[1] == pytest.approx(((1 / 2.4) ** n + n * rate * 10.0) ** (1 / n), rel=1e-10)
    # hotter Li creeps faster
    hot = li_creep_contact(1.0, [100.0], 333.15)
    assert hot.contact_fraction[0] > f[2]
    assert hot.time_to_full_contact_s < cc.time_to_full_contact_s


@pytest.mark.parametrize(
    "call",
    [
        lambda: greenwood_williamson(-1.0, 0.1, 1.0, 0.5, 80.0),
        lambda: plastic_contact_fraction(-0.1, 2.4),
        lambda: hertz_contact(1e-3, -1.0, 10.0),
        lambda: li_creep_contact(1.0, [-1.0]),
        lambda: li_creep_contact(1.0, [1.0], temperature_k=-5),
    ],
)
def test_bad_input_is_typed(call):
    with pytest.raises(InvalidConditionError):
        call()


def test_gw_f32_closed_form_matches_quadrature():
    from scipy import integrate

    from interphase.contact.area import _gw_f

    for h in (-45.0, -29.0, -3.0, 0.0, 2.5, 6.0):
        ref, _ = integrate.quad(
            lambda s, h=h: (s - h) ** 1.5 * math.exp(-0.5 * s * s) / math.sqrt(2 * math.pi),
            h,
            max(h, 0.0) + 14.0,
            epsabs=0.0,
            epsrel=1e-12,
            limit=200,
        )
        assert _gw_f(1.5, h) == pytest.approx(ref, rel=1e-7)
