"""Li-metal anode against a solid electrolyte: voids on stripping, dendrites on plating.

Stripping (Kasemchainan et al. 2019): Li leaves the interface at v = j V_m / F. Li must be
resupplied to the interface faster than that, or voids open, contact is lost and the current
focuses onto the remaining contact (and on the next plating, dendrites). Supply paths:
  - creep of Li under the stack pressure: the interface-near Li flows at v_c ~ eps_dot(s) L
    where s = beta p is the stress that reaches the Li near a void (beta <= 1) and L the void /
    asperity length scale; eps_dot from the Li power-law creep law (LePage et al. 2019);
  - vacancy (self-)diffusion of Li away from the interface (Jow-Liang/Krauskopf picture),
    j_d = F D c_Li / L, only when the user gives D (we have no sourced value in the library).
  The critical stripping current is j_crit = F (v_c + D/L) / V_m; it rises steeply with
  pressure (exponent n = 6.6) and with temperature (Q = 37 kJ/mol).
  beta and L are geometry, not material data: the defaults (1, 1 um) give an upper bound on
  creep supply; fit them to one measured critical current before trusting absolute values.

Plating:
  - Monroe & Newman (2005): a flat Li interface is stabilised when the electrolyte's shear
    modulus exceeds about twice Li's; we use G_SE / G_Li >= 2.2.
  - Porz et al. (2017) / Griffith: Li deposited inside a surface flaw of depth c pressurises it;
    the flaw grows when the Li pressure exceeds P_c = K_IC / (Y sqrt(pi c)) (Y = 1.12, edge
    flaw). The overpotential that can build that pressure is eta_c = P_c V_m / F; with an
    interfacial ASR the critical current density follows, j_c = eta_c / ASR.
  - Li cannot hold a pressure above its own flow stress at the flaw's size: bulk ~0.8 MPa
    (Masias et al. 2019), submicron up to ~244 MPa and whisker growth stress ~130 MPa
    (Zhang et al. 2020). A flaw whose P_c exceeds what Li can sustain is safe.
Units: pressure MPa, current density mA/cm^2, temperature K, length um.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from interphase.constants import FARADAY_C_MOL, GAS_CONSTANT_J_MOL_K
from interphase.errors import InvalidConditionError
from interphase.materials.mechanics import CreepLaw, MechanicalParameters, get_mechanics
from interphase.results import Result

MONROE_NEWMAN_RATIO = 2.2
MAX_STACK_PRESSURE_MPA = 1.0e4  # 10 GPa, as contact.pressure
EDGE_FLAW_FACTOR = 1.12
MAX_LENGTH_UM = 1.0e4  # 1 cm: a void or flaw larger than the cell is no void or flaw
MAX_LI_DIFFUSIVITY_CM2_S = 1e-3  # above a liquid's: no solid does this
MAX_CURRENT_MA_CM2 = 1.0e4  # 10 A/cm^2, beyond any cell
MAX_TOUGHNESS_MPA_SQRT_M = 100.0  # tough steels; ceramics and glasses are 0.1..10


def _li() -> MechanicalParameters:
    return get_mechanics("Li")


# ---------------------------------------------------------------------------------------------
# stripping: voids


@dataclass(frozen=True)
class StrippingLimit(Result):
    """Critical stripping current density vs stack pressure at one temperature."""

    temperature_k: float
    pressure_mpa: tuple[float, ...]
    critical_current_ma_cm2: tuple[float, ...]
    creep_part_ma_cm2: tuple[float, ...]
    diffusion_part_ma_cm2: float
    length_scale_um: float
    stress_transfer: float
    sources: tuple[str, ...]
    note: str = ""
    valid: tuple[bool, ...] = ()  # the stress at the voids within the creep law's regime


def critical_stripping_current(
    pressure_mpa: ArrayLike,
    temperature_k: float = 298.15,
    length_scale_um: float = 1.0,
    stress_transfer: float = 1.0,
    li_self_diffusivity_cm2_s: float | None = None,
    creep: CreepLaw | None = None,
) -> StrippingLimit:
    """j_crit(p, T) = F/V_m [eps_dot(beta p, T) L + D/L]  in mA/cm^2 (see module docstring)."""
    p = np.atleast_1d(np.asarray(pressure_mpa, dtype=float))
    if np.any(p < 0) or not np.all(np.isfinite(p)) or np.any(p > MAX_STACK_PRESSURE_MPA):
        raise InvalidConditionError(
            f"stack pressure must lie within 0..{MAX_STACK_PRESSURE_MPA:g} MPa, got {pressure_mpa}"
        )
    if not temperature_k > 0:
        raise InvalidConditionError(f"temperature must be > 0 K, got {temperature_k}")
    if not 0 < length_scale_um <= MAX_LENGTH_UM:
        raise InvalidConditionError(
            f"length scale {length_scale_um:g} um: give (0, {MAX_LENGTH_UM:g}] um"
        )
    if not 0 < stress_transfer <= 1:
        raise InvalidConditionError("stress transfer factor must be within (0, 1]")
    li = _li()
    law = creep or li.require_creep()
    vm_cm3 = li.value("molar_volume_cm3_mol")
    length_cm = length_scale_um * 1e-4
    rate = np.asarray(law.strain_rate_per_s(stress_transfer * p, temperature_k), dtype=float)
    creep_a_cm2 = FARADAY_C_MOL * rate * length_cm / vm_cm3
    if li_self_diffusivity_cm2_s is not None:
        if not 0 < li_self_diffusivity_cm2_s <= MAX_LI_DIFFUSIVITY_CM2_S:
            raise InvalidConditionError(
                f"Li self-diffusivity {li_self_diffusivity_cm2_s:g} cm^2/s: give (0, "
                f"{MAX_LI_DIFFUSIVITY_CM2_S:g}] cm^2/s"
            )
        diff_a_cm2 = FARADAY_C_MOL * li_self_diffusivity_cm2_s / (vm_cm3 * length_cm)
        note = ""
    else:
        diff_a_cm2 = 0.0
        note = "no Li self-diffusivity given: diffusion supply omitted (creep only)"
    total = (creep_a_cm2 + diff_a_cm2) * 1e3
    # above Li's bulk yield strength the void closes by plastic flow, not by creep: the
    # power-law extrapolation (n = 6.6) then gives meaningless 1e7-1e20 mA/cm^2
    y = li.value("yield_strength_mpa")
    valid = tuple(bool(v) for v in stress_transfer * p <= y)
    if not all(valid):
        note = (note + "; " if note else "") + (
            f"stress at the voids above Li's yield strength ({y:g} MPa) at some pressures: "
            "the creep model does not apply there (plastic flow, not creep, closes voids); "
            "those rows are bounds outside the model, not predictions"
        )
    return StrippingLimit(
        temperature_k=temperature_k,
        pressure_mpa=tuple(p.tolist()),
        critical_current_ma_cm2=tuple(np.atleast_1d(total).tolist()),
        creep_part_ma_cm2=tuple(np.atleast_1d(creep_a_cm2 * 1e3).tolist()),
        diffusion_part_ma_cm2=diff_a_cm2 * 1e3,
        length_scale_um=length_scale_um,
        stress_transfer=stress_transfer,
        sources=("kasemchainan2019", law.source, "ong2013"),
        note=note,
        valid=valid,
    )


def pressure_for_stripping_current(
    current_ma_cm2: float,
    temperature_k: float = 298.15,
    length_scale_um: float = 1.0,
    stress_transfer: float = 1.0,
) -> float:
    """Minimum stack pressure (MPa) for creep to keep up with `current_ma_cm2` (no diffusion)."""
    if not 0 < current_ma_cm2 <= MAX_CURRENT_MA_CM2:
        raise InvalidConditionError(
            f"current density {current_ma_cm2:g} mA/cm^2: give (0, {MAX_CURRENT_MA_CM2:g}]"
        )
    if not 0 < length_scale_um <= MAX_LENGTH_UM:
        raise InvalidConditionError(
            f"length scale {length_scale_um:g} um: give (0, {MAX_LENGTH_UM:g}] um"
        )
    li = _li()
    law = li.require_creep()
    vm_cm3 = li.value("molar_volume_cm3_mol")
    rate_needed = current_ma_cm2 * 1e-3 * vm_cm3 / (FARADAY_C_MOL * length_scale_um * 1e-4)
    return law.stress_mpa(rate_needed, temperature_k) / stress_transfer


def calibrate_stress_transfer(
    measured_current_ma_cm2: float,
    measured_pressure_mpa: float,
    temperature_k: float = 298.15,
    length_scale_um: float = 1.0,
) -> float:
    """The stress-transfer factor beta that makes the creep model reproduce one measured
    critical stripping current (e.g. from a Li|SE|Li cell at a known stack pressure)."""
    if measured_pressure_mpa <= 0:
        raise InvalidConditionError("measured pressure must be > 0 MPa")
    stress = pressure_for_stripping_current(
        measured_current_ma_cm2, temperature_k, length_scale_um, stress_transfer=1.0
    )
    beta = stress / measured_pressure_mpa
    if not 0 < beta <= 1:
        raise InvalidConditionError(
            f"no stress-transfer factor in (0, 1] reproduces {measured_current_ma_cm2} mA/cm^2 "
            f"at {measured_pressure_mpa} MPa (needs {beta:.3g}); change the length scale"
        )
    return beta


# ---------------------------------------------------------------------------------------------
# plating: dendrites


@dataclass(frozen=True)
class MonroeNewman(Result):
    electrolyte: str
    shear_modulus_electrolyte_gpa: float
    shear_modulus_li_gpa: float
    ratio: float
    threshold: float
    suppresses: bool
    sources: tuple[str, ...]
    validity: str = ""  # the criterion's known failure, when it says "suppresses"


def monroe_newman(electrolyte: MechanicalParameters | str) -> MonroeNewman:
    """Monroe-Newman criterion: G_SE / G_Li >= 2.2 suppresses roughening of the Li interface."""
    se = get_mechanics(electrolyte) if isinstance(electrolyte, str) else electrolyte
    li = _li()
    g_se = se.value("shear_modulus_gpa")
    g_li = li.value("shear_modulus_gpa")
    ratio = g_se / g_li
    return MonroeNewman(
        electrolyte=se.name,
        shear_modulus_electrolyte_gpa=g_se,
        shear_modulus_li_gpa=g_li,
        ratio=ratio,
        threshold=MONROE_NEWMAN_RATIO,
        suppresses=ratio >= MONROE_NEWMAN_RATIO,
        sources=("monroe2005", se.require("shear_modulus_gpa").source, "masias2019", "porz2017"),
        validity=(
            "Monroe-Newman assumes a flat, defect-free, linear-elastic interface; Li "
            "nevertheless penetrates stiff ceramics (LLZO, sulfides) through surface flaws and "
            "grain boundaries (Porz et al. 2017): 'suppresses' is not a guarantee, see the "
            "flaw criterion"
            if ratio >= MONROE_NEWMAN_RATIO
            else ""
        ),
    )


def monroe_newman_ratio(shear_modulus_electrolyte_gpa: float) -> float:
    """G_SE / G_Li for a given electrolyte shear modulus (GPa), Li from the library."""
    if shear_modulus_electrolyte_gpa < 0:
        raise InvalidConditionError("shear modulus must be >= 0 GPa")
    return shear_modulus_electrolyte_gpa / _li().value("shear_modulus_gpa")


@dataclass(frozen=True)
class FlawCriterion(Result):
    """Griffith/Porz criterion for Li penetration into surface flaws of the electrolyte."""

    electrolyte: str
    flaw_size_um: tuple[float, ...]
    critical_li_pressure_mpa: tuple[float, ...]
    critical_overpotential_mv: tuple[float, ...]
    critical_current_ma_cm2: tuple[float, ...] | None
    li_limit_pressure_mpa: float
    li_can_crack: tuple[bool, ...]
    sources: tuple[str, ...]


def flaw_penetration(
    electrolyte: MechanicalParameters | str,
    flaw_size_um: ArrayLike,
    interface_asr_ohm_cm2: float | None = None,
    li_limit_pressure_mpa: float | None = None,
    fracture_toughness_mpa_sqrt_m: float | None = None,
) -> FlawCriterion:
    """Critical Li pressure, overpotential and (with an ASR) current density vs flaw size.

    li_limit_pressure_mpa: the highest pressure Li can hold in the flaw; default the submicron
    yield strength of Li (Zhang et al. 2020), the upper end of the size effect.
    fracture_toughness_mpa_sqrt_m: overrides the library value (or stands in where the
    library has none); the result then cites "user" for it.
    """
    se = get_mechanics(electrolyte) if isinstance(electrolyte, str) else electrolyte
    c = np.atleast_1d(np.asarray(flaw_size_um, dtype=float))
    if np.any(c <= 0) or not np.all(c <= MAX_LENGTH_UM):  # NaN fails the second
        raise InvalidConditionError(
            f"flaw size must lie in (0, {MAX_LENGTH_UM:g}] um, got {flaw_size_um}"
        )
    if fracture_toughness_mpa_sqrt_m is not None:
        if not 0 < fracture_toughness_mpa_sqrt_m <= MAX_TOUGHNESS_MPA_SQRT_M:
            raise InvalidConditionError(
                f"fracture toughness {fracture_toughness_mpa_sqrt_m:g} MPa m^0.5: give (0, "
                f"{MAX_TOUGHNESS_MPA_SQRT_M:g}]"
            )
        k, k_source = fracture_toughness_mpa_sqrt_m, "user"
    else:
        k_q = se.require("fracture_toughness_mpa_sqrt_m")
        k, k_source = k_q.value, k_q.source
    li = _li()
    vm_m3 = li.value("molar_volume_cm3_mol") * 1e-6
    p_c = k / (EDGE_FLAW_FACTOR * np.sqrt(np.pi * c * 1e-6))  # MPa
    eta_v = p_c * 1e6 * vm_m3 / FARADAY_C_MOL
    if interface_asr_ohm_cm2 is not None:
        if interface_asr_ohm_cm2 <= 0:
            raise InvalidConditionError("interface ASR must be > 0 ohm cm^2")
        j = tuple((eta_v / interface_asr_ohm_cm2 * 1e3).tolist())
    else:
        j = None
    limit_q = li.require("submicron_yield_strength_mpa")
    limit = li_limit_pressure_mpa if li_limit_pressure_mpa is not None else limit_q.value
    if limit <= 0:
        raise InvalidConditionError("Li limit pressure must be > 0 MPa")
    return FlawCriterion(
        electrolyte=se.name,
        flaw_size_um=tuple(c.tolist()),
        critical_li_pressure_mpa=tuple(p_c.tolist()),
        critical_overpotential_mv=tuple((eta_v * 1e3).tolist()),
        critical_current_ma_cm2=j,
        li_limit_pressure_mpa=limit,
        li_can_crack=tuple(bool(x) for x in p_c <= limit),
        sources=("porz2017", k_source, limit_q.source, "ong2013"),
    )


@dataclass(frozen=True)
class DendriteAssessment(Result):
    electrolyte: str
    monroe_newman: MonroeNewman | None
    flaw: FlawCriterion | None
    li_bulk_yield_mpa: float
    li_whisker_growth_stress_mpa: float
    li_submicron_yield_mpa: float
    missing: tuple[str, ...]


def dendrite_assessment(
    electrolyte: str | MechanicalParameters,
    flaw_size_um: ArrayLike = (0.1, 1.0, 10.0),
    interface_asr_ohm_cm2: float | None = None,
    fracture_toughness_mpa_sqrt_m: float | None = None,
) -> DendriteAssessment:
    """All plating criteria the library can evaluate for one electrolyte; what cannot be
    evaluated (missing sourced data) is listed in `missing` rather than raised."""
    from interphase.errors import MissingDataError

    se = (
        electrolyte if isinstance(electrolyte, MechanicalParameters) else get_mechanics(electrolyte)
    )
    li = _li()
    missing: list[str] = []
    try:
        mn: MonroeNewman | None = monroe_newman(se)
    except MissingDataError as exc:
        mn = None
        missing.append(str(exc))
    try:
        flaw: FlawCriterion | None = flaw_penetration(
            se,
            flaw_size_um,
            interface_asr_ohm_cm2,
            fracture_toughness_mpa_sqrt_m=fracture_toughness_mpa_sqrt_m,
        )
    except MissingDataError as exc:
        flaw = None
        missing.append(str(exc))
    return DendriteAssessment(
        electrolyte=se.name,
        monroe_newman=mn,
        flaw=flaw,
        li_bulk_yield_mpa=li.value("yield_strength_mpa"),
        li_whisker_growth_stress_mpa=li.value("whisker_growth_stress_mpa"),
        li_submicron_yield_mpa=li.value("submicron_yield_strength_mpa"),
        missing=tuple(missing),
    )


def arrhenius_factor(activation_energy_kj_mol: float, temperature_k: float, ref_k: float) -> float:
    """exp(-Q/R (1/T - 1/T_ref)): how much faster a thermally activated rate is at T."""
    return math.exp(
        -activation_energy_kj_mol * 1e3 / GAS_CONSTANT_J_MOL_K * (1 / temperature_k - 1 / ref_k)
    )
