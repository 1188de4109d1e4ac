"""Li-metal anode: creep law, stripping limit, Monroe-Newman, Li-filled flaws."""

import math

import numpy as np
import pytest

from interphase.contact.anode import (
    critical_stripping_current,
    dendrite_assessment,
    flaw_penetration,
    monroe_newman,
    monroe_newman_ratio,
    pressure_for_stripping_current,
)
from interphase.errors import InvalidConditionError, MissingDataError, UnknownMaterialError
from interphase.materials.mechanics import LI_CREEP_LEPAGE, get_mechanics

# Masias et al., J. Mater. Sci. 54, 2585 (2019), ESM Table S1 "Tension Creep Minimum Secondary
# Creep Rate as a function of Pressure (room temperature)": (stress MPa, minimum creep rate 1/s).
# Li rod, 99.9 %, assumed melt-processed polycrystal; argon glovebox at ~26 C. The library's
# creep law was not fitted to these points.
MASIAS_TENSION_CREEP = [
    (0.200, 2.00e-7),
    (0.301, 4.95e-6),
    (0.396, 1.58e-5),
    (0.400, 1.34e-5),
    (0.400, 1.36e-5),
    (0.400, 1.72e-5),
    (0.600, 3.89e-4),
]
MASIAS_T_K = 299.15


@pytest.mark.parametrize(("stress_mpa", "measured_per_s"), MASIAS_TENSION_CREEP)
def test_li_creep_law_reproduces_masias_measured_creep_rates(stress_mpa, measured_per_s):
    """The Li creep law (A = 4.25e4 1/s MPa^-6.6, n = 6.6, Q = 37 kJ/mol) against the minimum
    tension-creep rates Masias et al. measured at 0.2-0.6 MPa and ~26 C (ESM Table S1).

    Tolerance: a factor 3 in rate, i.e. +-18 % in stress at n = 6.6. Masias et al.'s own
    repeats at 0.400 MPa spread by x1.28 in rate (1.34-1.72e-5 1/s), their single power law
    leaves residuals up to ~x1.7, their yield carries +-0.10 MPa (+-12 %) specimen scatter, and
    they report that an earlier Li data set (Sargent & Ashby) sits at ~2x the stress for the
    same normalised rate: creep of bulk Li differs between labs by more than one lab's scatter.
    The law gives 1.1-2.6x the measured rates; the former prefactor 4.25e5 gave 11-26x."""
    predicted = LI_CREEP_LEPAGE.strain_rate_per_s(stress_mpa, MASIAS_T_K)
    assert 1 / 3 <= predicted / measured_per_s <= 3
    # the same check in stress: the law's flow stress at the measured rate
    stress_back = LI_CREEP_LEPAGE.stress_mpa(measured_per_s, MASIAS_T_K)
    assert stress_back == pytest.approx(stress_mpa, rel=0.18)


def test_li_creep_law_over_the_whole_masias_set_and_at_yield():
    """Geometric-mean ratio over the seven Table S1 points within a factor 2 (it is 1.8), and
    the flow stress at Masias et al.'s tension-test rate (1.21e-3 1/s, room temperature) inside
    their measured 0.2 % offset yield, 0.73-0.81 MPa (Table 3), widened by the +-0.10 MPa
    specimen scatter they report: 0.63-0.91 MPa (the law gives 0.69 MPa)."""
    ratios = [LI_CREEP_LEPAGE.strain_rate_per_s(s, MASIAS_T_K) / e for s, e in MASIAS_TENSION_CREEP]
    geo_mean = math.exp(np.mean(np.log(ratios)))
    assert 0.5 <= geo_mean <= 2.0
    assert 0.63 <= LI_CREEP_LEPAGE.stress_mpa(1.21e-3, MASIAS_T_K) <= 0.91


def test_li_creep_law_consistency():
    """Formula checks: halving the stress slows creep by 2^n, the inverse gives back the
    stress, and Masias et al.'s independently fitted exponent (6.56) matches n = 6.6."""
    rate_1 = LI_CREEP_LEPAGE.strain_rate_per_s(1.0, 298.15)
    assert rate_1 / LI_CREEP_LEPAGE.strain_rate_per_s(0.5, 298.15) == pytest.approx(2**6.6)
    assert LI_CREEP_LEPAGE.stress_mpa(rate_1, 298.15) == pytest.approx(1.0)
    masias_n = get_mechanics("Li").value("creep_stress_exponent_masias")
    assert LI_CREEP_LEPAGE.stress_exponent == pytest.approx(masias_n, abs=0.1)
    # hotter Li creeps faster, by the Arrhenius factor of Q = 37 kJ/mol
    ratio = math.exp(37000 / 8.314462618 * (1 / 298.15 - 1 / 333.15))
    assert LI_CREEP_LEPAGE.strain_rate_per_s(1.0, 333.15) / rate_1 == pytest.approx(ratio)


def test_critical_stripping_current_rises_with_pressure_and_temperature():
    p = [0.1, 0.3, 1.0, 3.0]
    cold = critical_stripping_current(p, 298.15)
    hot = critical_stripping_current(p, 333.15)
    j = np.array(cold.critical_current_ma_cm2)
    assert np.all(np.diff(j) > 0)
    # power-law creep: j ~ p^6.6
    assert j[2] / j[1] == pytest.approx((1.0 / 0.3) ** 6.6, rel=1e-9)
    ratio = math.exp(37000 / 8.314462618 * (1 / 298.15 - 1 / 333.15))
    assert hot.critical_current_ma_cm2[0] / j[0] == pytest.approx(ratio, rel=1e-9)
    # the diffusion supply adds a pressure-independent floor
    with_d = critical_stripping_current(p, 298.15, li_self_diffusivity_cm2_s=1e-11)
    assert with_d.diffusion_part_ma_cm2 > 0
    assert np.all(np.array(with_d.critical_current_ma_cm2) > j)
    # round trip: the pressure for a current gives back that current
    p_need = pressure_for_stripping_current(1.0, 298.15)
    assert critical_stripping_current(p_need).critical_current_ma_cm2[0] == pytest.approx(1.0)


def test_monroe_newman_llzo_suppresses_and_a_polymer_does_not():
    llzo = monroe_newman("LLZO")
    assert llzo.ratio == pytest.approx(59.6 / 2.83)
    assert llzo.ratio > 2.2 and llzo.suppresses
    # a soft polymer electrolyte (G ~ 1 MPa = 1e-3 GPa) is far below the criterion
    assert monroe_newman_ratio(1e-3) < 1e-3
    # no sourced shear modulus for PEO in the library: typed error naming the material
    with pytest.raises(MissingDataError, match="PEO"):
        monroe_newman("PEO")


def test_flaw_criterion_griffith_scaling():
    fl = flaw_penetration("LPS", [0.1, 1.0, 10.0], interface_asr_ohm_cm2=10.0)
    p_c = np.array(fl.critical_li_pressure_mpa)
    assert p_c[0] / p_c[1] == pytest.approx(math.sqrt(10))
    # K_IC = 0.23 MPa m^0.5, 1 um edge flaw: 0.23 / (1.12 sqrt(pi 1e-6)) = 116 MPa
    assert p_c[1] == pytest.approx(0.23 / (1.12 * math.sqrt(math.pi * 1e-6)), rel=1e-12)
    # overpotential = P V_m / F, ~15 mV for 116 MPa
    assert fl.critical_overpotential_mv[1] == pytest.approx(
        p_c[1] * 1e6 * 13.02e-6 / 96485.33212 * 1e3, rel=1e-3
    )
    # Li's submicron yield (244 MPa) cannot pressurise a 0.1 um flaw (P_c = 366 MPa)
    assert fl.li_can_crack == (False, True, True)
    assert fl.critical_current_ma_cm2[1] == pytest.approx(fl.critical_overpotential_mv[1] / 10.0)


def test_dendrite_assessment_names_missing_data_and_takes_the_users_value():
    """Breaking it on purpose: dropping the user's toughness in dendrite_assessment (not
    passing it to flaw_penetration) leaves flaw None and fails the second half."""
    d = dendrite_assessment("Li3PS4")
    if d.flaw is None:  # no sourced K_IC for the material: named, not invented
        assert any("fracture_toughness" in m for m in d.missing)
    assert d.li_whisker_growth_stress_mpa == 130.0  # Zhang et al. 2020
    given = dendrite_assessment("Li3PS4", (1.0,), 10.0, fracture_toughness_mpa_sqrt_m=0.5)
    assert given.flaw is not None and not any("fracture_toughness" in m for m in given.missing)
    # Griffith edge flaw: P_c = K_IC / (1.12 sqrt(pi a)), 1 um: 0.5 / (1.12 sqrt(pi 1e-6))
    assert given.flaw.critical_li_pressure_mpa[0] == pytest.approx(
        0.5 / (1.12 * math.sqrt(math.pi * 1e-6)), rel=1e-9
    )


@pytest.mark.parametrize(
    ("call", "exc"),
    [
        (lambda: critical_stripping_current([-1.0]), InvalidConditionError),
        (lambda: critical_stripping_current([1.0], temperature_k=0), InvalidConditionError),
        (lambda: flaw_penetration("LPS", [0.0]), InvalidConditionError),
        (lambda: monroe_newman("unobtainium"), UnknownMaterialError),
    ],
)
def test_bad_input_is_typed(call, exc):
    with pytest.raises(exc):
        call()


def test_calibration_and_user_toughness():
    from interphase.contact.anode import calibrate_stress_transfer

    beta = calibrate_stress_transfer(0.5, 3.0)
    assert 0 < beta < 1
    back = critical_stripping_current([3.0], stress_transfer=beta)
    assert back.critical_current_ma_cm2[0] == pytest.approx(0.5)
    # LGPS has no sourced K_IC here; a user value enables the flaw criterion
    with pytest.raises(MissingDataError, match="LGPS"):
        flaw_penetration("LGPS", [1.0])
    fl = flaw_penetration("LGPS", [1.0], fracture_toughness_mpa_sqrt_m=1.0)
    assert "user" in fl.sources and fl.critical_li_pressure_mpa[0] > 100
    # LLZO's library K_IC (1.51 MPa m^0.5, dense Ta-LLZO): Griffith edge flaw of 1 um
    llzo = flaw_penetration("LLZO", [1.0])
    assert llzo.critical_li_pressure_mpa[0] == pytest.approx(
        1.51 / (1.12 * math.sqrt(math.pi * 1e-6)), rel=1e-9
    )


def test_validity_is_stated_where_the_models_stop():
    """Creep above Li's yield and Monroe-Newman's 'suppresses' carry their limits (breaking
    it: dropping the yield check prints 1e7 mA/cm^2 at 10 MPa as a prediction)."""
    s = critical_stripping_current([0.1, 0.5, 10.0, 1000.0])
    assert s.valid == (True, True, False, False)  # yield strength of bulk Li: 0.8 MPa
    assert "yield strength" in s.note
    mn = monroe_newman("LLZO")
    assert mn.suppresses and "Porz" in mn.validity and "porz2017" in mn.sources
    soft = monroe_newman_ratio(1e-3)
    assert soft < 2.2
