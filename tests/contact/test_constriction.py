"""Constriction resistance: single spot, Greenwood clusters, flux-tube arrays."""

import math

import numpy as np
import pytest

from interphase.contact.constriction import (
    greenwood_cluster_resistance_ohm,
    interface_resistance,
    spot_constriction_resistance_ohm,
)
from interphase.errors import InvalidConditionError


def test_single_spot_is_rho_over_4a_exactly():
    rho, a_um = 2500.0, 3.0
    assert spot_constriction_resistance_ohm(rho, a_um) == rho / (4 * a_um * 1e-4)
    assert greenwood_cluster_resistance_ohm(rho, [a_um], [[0.0, 0.0]]) == rho / (4 * a_um * 1e-4)


def test_far_apart_spots_act_in_parallel_close_spots_interact():
    rho, a = 1000.0, 1.0
    single = spot_constriction_resistance_ohm(rho, a)
    far = greenwood_cluster_resistance_ohm(rho, [a, a], [[0, 0], [1e6, 0]])
    near = greenwood_cluster_resistance_ohm(rho, [a, a], [[0, 0], [3, 0]])
    assert far == pytest.approx(single / 2, rel=1e-5)
    assert near > far


def test_dense_cluster_approaches_one_big_spot():
    rng = np.random.default_rng(0)
    n, big = 400, 50.0
    r = big * np.sqrt(rng.random(n))
    th = 2 * math.pi * rng.random(n)
    xy = np.c_[r * np.cos(th), r * np.sin(th)]
    a = np.full(n, 0.2)
    res = greenwood_cluster_resistance_ohm(1.0, a, xy)
    # Holm/Greenwood: the spots in parallel plus the cluster acting as one spot of radius L,
    # rho/(4 sum a) + rho/(4 L) (Greenwood's first-order sum gives 32/(3 pi^2) ~ 1.08 of it)
    expected = 1.0 / (4 * a.sum() * 1e-4) + 1.0 / (4 * big * 1e-4)
    assert res == pytest.approx(expected, rel=0.1)


def test_flux_tube_limits_and_focusing():
    rho, a = 1e4, 0.5
    low = interface_resistance(1e-4, a, rho, model="holm")
    # independent spots: ASR = rho pi a / (4 f)
    assert low.constriction_ohm_cm2 == pytest.approx(rho * math.pi * a * 1e-4 / (4 * 1e-4))
    assert low.current_focusing_factor == pytest.approx(1e4)
    full = interface_resistance(1.0, a, rho, intrinsic_asr_ohm_cm2=10.0)
    assert full.constriction_ohm_cm2 == 0.0  # f -> 1: no constriction left
    assert full.total_ohm_cm2 == pytest.approx(10.0)
    half = interface_resistance(0.5, a, rho, intrinsic_asr_ohm_cm2=10.0)
    assert half.transfer_ohm_cm2 == pytest.approx(20.0)
    assert half.alleviation_factor == pytest.approx((1 - math.sqrt(0.5)) ** 1.5)


@pytest.mark.parametrize("f", [0.0, 1.5, -0.1])
def test_bad_contact_fraction(f):
    with pytest.raises(InvalidConditionError):
        interface_resistance(f, 1.0, 100.0)
