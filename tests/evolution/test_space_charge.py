"""Space-charge layer: the Debye length in the dilute limit, overall neutrality, the
site-restricted cap, and the buffer coating that takes the step.

Breaking the code on purpose: dropping the factor 2 in the first integral's field
(phi' = sqrt(F) instead of sqrt(2F)) changes the width by sqrt(2) and fails the Debye test."""

import itertools
import math

import numpy as np
import pytest
from scipy import constants as c

from interphase.errors import InvalidConditionError
from interphase.evolution.space_charge import (
    contact_space_charge,
    debye_length_m,
    space_charge,
)

EPS, C0 = 30.0, 1e20  # test inputs: permittivity, carriers per cm^3


def test_debye_length_formula():
    lam = debye_length_m(EPS, C0, 300.0)
    assert lam == pytest.approx(
        math.sqrt(EPS * c.epsilon_0 * c.k * 300.0 / (c.e**2 * C0 * 1e6)), rel=1e-12
    )


@pytest.mark.parametrize("step", [1e-4, -1e-4])
def test_small_step_decays_over_the_debye_length(step):
    r = space_charge(step, EPS, C0)
    assert r.width_nm == pytest.approx(r.debye_length_nm, rel=0.005)
    # linear (Debye-Hueckel) limit: phi = phi0 exp(-x / lambda)
    x = np.array(r.x_nm)
    ref = step * np.exp(-x / r.debye_length_nm)
    assert np.max(np.abs(np.array(r.potential_v) - ref)) < 0.01 * abs(step)


@pytest.mark.parametrize("step", [0.3, -0.2])
def test_charge_neutrality(step):
    """The charge in the profile equals eps phi'(0) (Gauss) and the electrode's, opposite."""
    r = space_charge(step, EPS, C0, site_cm3=5e21)
    rho = c.e * C0 * 1e6 * (np.array(r.concentration_ratio) - 1.0)  # C/m^3
    q_profile = np.trapezoid(rho, np.array(r.x_nm) * 1e-9)
    assert q_profile == pytest.approx(r.charge_c_m2, rel=0.01)
    assert r.charge_c_m2 + r.electrode_charge_c_m2 == 0.0
    assert math.copysign(1, r.charge_c_m2) == -math.copysign(1, step)  # depletion is negative


def test_site_restriction_caps_accumulation_and_widens_the_layer():
    dilute = space_charge(-0.3, EPS, C0)
    capped = space_charge(-0.3, EPS, C0, site_cm3=2e21)
    assert max(capped.concentration_ratio) <= 20.0 + 1e-6  # c <= c_max
    assert max(dilute.concentration_ratio) > 1e4
    assert capped.width_nm > dilute.width_nm


def test_buffer_takes_the_step_and_shrinks_the_layer():
    steps = [
        space_charge(0.5, EPS, C0, buffer_nm=d, buffer_permittivity=10).step_v
        for d in (0.0, 1.0, 5.0, 20.0)
    ]
    assert steps[0] == 0.5
    assert all(a > b > 0 for a, b in itertools.pairwise(steps))
    r = space_charge(0.5, EPS, C0, buffer_nm=5.0, buffer_permittivity=10)
    assert r.step_v + r.buffer_step_v == pytest.approx(0.5)
    # the buffer carries the same displacement: its drop is -Q d / eps_b
    assert r.buffer_step_v == pytest.approx(-r.charge_c_m2 * 5e-9 / (10 * c.epsilon_0), rel=1e-6)


def test_step_from_the_window_and_depletion_resistance():
    r = contact_space_charge("LPS", 4.3, EPS, C0, bulk_conductivity_s_cm=1.6e-4)
    assert r.central.applied_step_v > 0  # a charged cathode pushes Li+ out of the sulfide
    lo, hi = (b.applied_step_v for b in r.band)
    assert lo <= r.central.applied_step_v <= hi
    assert r.central.asr_ohm_cm2 == math.inf  # depleted of its only carrier: it blocks
    small = space_charge(0.05, EPS, C0, bulk_conductivity_s_cm=1.6e-4)
    assert 0 < small.asr_ohm_cm2 < math.inf


@pytest.mark.parametrize(
    "kwargs",
    [
        dict(step_v=9.0),
        dict(step_v=float("nan")),
        dict(relative_permittivity=0.5),
        dict(carrier_cm3=-1.0),
        dict(site_cm3=1e19),
    ],
)
def test_bad_input(kwargs):
    args = dict(step_v=0.1, relative_permittivity=EPS, carrier_cm3=C0) | kwargs
    site = args.pop("site_cm3", None)
    with pytest.raises(InvalidConditionError):
        space_charge(**args, site_cm3=site)
