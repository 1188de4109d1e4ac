"""Real contact area between rough solids under a stack pressure.

Three regimes, chosen by the softer partner:

- elastic ceramic|ceramic: Greenwood-Williamson (GW) asperity model with Gaussian summit heights
  (Greenwood & Williamson 1966) or Persson's theory (Persson 2001) from the rms slope;
  each asperity is a Hertz contact (Johnson 1985);
- plastic Li|ceramic: the real contact pressure equals the hardness H ~ 3 x yield (Tabor, in
  Johnson 1985), so the contact fraction is p/H, bounded by 1;
- creeping Li|ceramic: at constant pressure Li asperities keep flattening by power-law creep
  (LePage et al. 2019), so the contact fraction grows with time.

Units: pressures in MPa, moduli in GPa, lengths in um, loads in N, time in s.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy import optimize, special

from interphase.errors import InvalidConditionError
from interphase.materials.mechanics import LI_CREEP_LEPAGE, CreepLaw
from interphase.results import Result

# Tabor's constraint factor: hardness ~ 3 x uniaxial yield stress for a fully plastic indent.
TABOR_CONSTRAINT = 3.0
# GW neglects asperity interaction; beyond ~10 % real contact it over-predicts the area.
GW_VALID_MAX_FRACTION = 0.1


def _positive(name: str, value: float, allow_zero: bool = False) -> None:
    ok = value >= 0 if allow_zero else value > 0
    if not (ok and math.isfinite(value)):
        sign = ">= 0" if allow_zero else "> 0"
        raise InvalidConditionError(f"{name} must be {sign}, got {value}")


# ---------------------------------------------------------------------------------------------
# Hertz: one sphere on a flat


@dataclass(frozen=True)
class HertzContact(Result):
    """Hertz contact of a sphere (radius_um) on a flat (Johnson 1985, ch. 4)."""

    load_n: float
    radius_um: float
    composite_modulus_gpa: float
    contact_radius_um: float
    approach_um: float
    max_pressure_mpa: float
    mean_pressure_mpa: float
    source: str = "johnson1985"

    def max_tensile_stress_mpa(self, poisson_ratio: float) -> float:
        """Radial tensile stress at the contact edge, (1 - 2 nu) p0 / 3: where ring cracks start
        in a brittle flat."""
        return (1.0 - 2.0 * poisson_ratio) * self.max_pressure_mpa / 3.0

    def max_shear_stress_mpa(self) -> float:
        """Maximum shear stress, 0.31 p0 at depth 0.48 a (nu = 0.3)."""
        return 0.31 * self.max_pressure_mpa


def hertz_contact(load_n: float, radius_um: float, composite_modulus_gpa: float) -> HertzContact:
    """Hertz sphere-on-flat contact: a = (3FR/4E*)^(1/3), p0 = 3F/(2 pi a^2), delta = a^2/R.

    Valid for elastic, frictionless contact with a << R.
    """
    _positive("load_n", load_n, allow_zero=True)
    _positive("radius_um", radius_um)
    _positive("composite_modulus_gpa", composite_modulus_gpa)
    r_m = radius_um * 1e-6
    e_pa = composite_modulus_gpa * 1e9
    a_m = (3.0 * load_n * r_m / (4.0 * e_pa)) ** (1.0 / 3.0)
    p0 = 3.0 * load_n / (2.0 * math.pi * a_m**2) if a_m > 0 else 0.0
    return HertzContact(
        load_n=load_n,
        radius_um=radius_um,
        composite_modulus_gpa=composite_modulus_gpa,
        contact_radius_um=a_m * 1e6,
        approach_um=(a_m**2 / r_m) * 1e6,
        max_pressure_mpa=p0 / 1e6,
        mean_pressure_mpa=(2.0 / 3.0) * p0 / 1e6,
    )


def hertz_load_from_approach_n(
    approach_um: float, radius_um: float, composite_modulus_gpa: float
) -> float:
    """Inverse Hertz: F = (4/3) E* R^(1/2) delta^(3/2), in N."""
    _positive("approach_um", approach_um, allow_zero=True)
    _positive("radius_um", radius_um)
    e_pa = composite_modulus_gpa * 1e9
    return (4.0 / 3.0) * e_pa * math.sqrt(radius_um * 1e-6) * (approach_um * 1e-6) ** 1.5


# ---------------------------------------------------------------------------------------------
# Greenwood-Williamson


def _gw_f(n: float, h: float) -> float:
    """F_n(h) = integral_h^inf (s - h)^n phi(s) ds for a unit Gaussian phi, n in {0, 1, 3/2}.

    F_3/2 in closed form through the parabolic-cylinder function,
    F_n(h) = Gamma(n+1)/sqrt(2 pi) exp(-h^2/4) D_{-n-1}(h); for h < -30 (deep interference)
    the asymptotic series (-h)^3/2 [1 + 3/(8h^2) + 9/(128h^4)] (error < 1e-9).
    """
    if n == 0:
        return 0.5 * special.erfc(h / math.sqrt(2.0))
    if n == 1:
        phi = math.exp(-0.5 * h * h) / math.sqrt(2.0 * math.pi)
        return phi - h * 0.5 * special.erfc(h / math.sqrt(2.0))
    if n != 1.5:
        raise InvalidConditionError(f"F_n implemented for n = 0, 1, 1.5, not {n}")
    if h < -30.0:
        x2 = h * h
        return (-h) ** 1.5 * (1.0 + 3.0 / (8.0 * x2) + 9.0 / (128.0 * x2 * x2))
    d, _ = special.pbdv(-2.5, h)
    return math.gamma(2.5) / math.sqrt(2.0 * math.pi) * math.exp(-0.25 * h * h) * float(d)


@dataclass(frozen=True)
class RoughContact(Result):
    """Real contact of two rough surfaces at one nominal pressure."""

    model: str
    pressure_mpa: float
    contact_fraction: float
    spots_per_um2: float | None
    spot_radius_um: float | None
    mean_real_pressure_mpa: float
    valid: bool
    note: str = ""
    sources: tuple[str, ...] = ()


def greenwood_williamson(
    pressure_mpa: float,
    rms_roughness_um: float,
    asperity_radius_um: float,
    asperity_density_per_um2: float,
    composite_modulus_gpa: float,
) -> RoughContact:
    """Greenwood-Williamson contact of a rough surface on a flat, Gaussian summit heights.

    With h = d/sigma the separation in units of the summit-height spread sigma (here the
    combined rms roughness of both faces, sqrt(s1^2 + s2^2)), eta the summit density, R the
    summit radius and E* the composite modulus:
        spots / area  = eta F0(h)
        A_real / A    = pi eta R sigma F1(h)
        p             = (4/3) eta E* R^(1/2) sigma^(3/2) F_3/2(h)
    We solve p(h) = pressure_mpa for h. Valid while asperities do not interact (contact
    fraction below ~0.1, flagged by `valid`); the fraction is bounded by 1.
    """
    _positive("pressure_mpa", pressure_mpa, allow_zero=True)
    _positive("rms_roughness_um", rms_roughness_um)
    _positive("asperity_radius_um", asperity_radius_um)
    _positive("asperity_density_per_um2", asperity_density_per_um2)
    _positive("composite_modulus_gpa", composite_modulus_gpa)
    sources = ("greenwood1966", "johnson1985")
    if pressure_mpa == 0:
        return RoughContact("greenwood-williamson", 0.0, 0.0, 0.0, None, 0.0, True, "", sources)
    eta, r, s = asperity_density_per_um2, asperity_radius_um, rms_roughness_um
    # dimensionless group eta R^1/2 sigma^3/2 is unitless with um; E* GPa -> MPa
    scale_mpa = (4.0 / 3.0) * eta * math.sqrt(r) * s**1.5 * composite_modulus_gpa * 1e3
    target = pressure_mpa / scale_mpa

    def residual(h: float) -> float:
        return math.log(_gw_f(1.5, h)) - math.log(target)

    # deep interference: F_3/2(h) -> (-h)^1.5, so the root lies near -target^(2/3)
    lo, hi = -max(60.0, 2.0 * target ** (2.0 / 3.0) + 10.0), 12.0
    if residual(hi) > 0:  # pressure so small that not even a 12-sigma summit touches
        return RoughContact(
            "greenwood-williamson", pressure_mpa, 0.0, 0.0, None, 0.0, True, "", sources
        )
    if residual(lo) < 0:
        # beyond any physical GW state: the surfaces are flattened, contact is complete
        return RoughContact(
            "greenwood-williamson",
            pressure_mpa,
            1.0,
            None,
            None,
            pressure_mpa,
            False,
            "pressure beyond the GW range: full contact assumed",
            sources,
        )
    h = optimize.brentq(residual, lo, hi, xtol=1e-12, rtol=1e-12)
    f0, f1 = _gw_f(0, h), _gw_f(1, h)
    fraction = math.pi * eta * r * s * f1
    capped = min(fraction, 1.0)
    spots = eta * f0
    spot_radius = math.sqrt(r * s * f1 / f0) if f0 > 0 else None
    valid = fraction <= GW_VALID_MAX_FRACTION
    note = "" if valid else "contact fraction above 0.1: asperity interaction neglected"
    return RoughContact(
        "greenwood-williamson",
        pressure_mpa,
        capped,
        spots,
        spot_radius,
        pressure_mpa / capped,
        valid,
        note,
        sources,
    )


def persson_contact_fraction(
    pressure_mpa: float, rms_slope: float, composite_modulus_gpa: float
) -> RoughContact:
    """Persson's area fraction A/A0 = erf( sqrt(2) p / (E* h'_rms) ).

    h'_rms is the rms surface slope (dimensionless) of the combined roughness. Unlike GW it
    tends to full contact at high pressure; at low pressure A/A0 ~ sqrt(8/pi) p/(E* h').
    Elastic, no adhesion.
    """
    _positive("pressure_mpa", pressure_mpa, allow_zero=True)
    _positive("rms_slope", rms_slope)
    _positive("composite_modulus_gpa", composite_modulus_gpa)
    e_mpa = composite_modulus_gpa * 1e3
    frac = float(special.erf(math.sqrt(2.0) * pressure_mpa / (e_mpa * rms_slope)))
    return RoughContact(
        "persson",
        pressure_mpa,
        frac,
        None,
        None,
        pressure_mpa / frac if frac > 0 else 0.0,
        True,
        "",
        ("persson2001",),
    )


# ---------------------------------------------------------------------------------------------
# plastic and creeping Li


def plastic_contact_fraction(pressure_mpa: float, hardness_mpa: float) -> RoughContact:
    """Fully plastic asperities: the real pressure is the hardness, A/A0 = min(p/H, 1)."""
    _positive("pressure_mpa", pressure_mpa, allow_zero=True)
    _positive("hardness_mpa", hardness_mpa)
    frac = min(pressure_mpa / hardness_mpa, 1.0)
    return RoughContact(
        "plastic",
        pressure_mpa,
        frac,
        None,
        None,
        hardness_mpa if frac < 1 else pressure_mpa,
        True,
        "",
        ("johnson1985",),
    )


@dataclass(frozen=True)
class CreepContact(Result):
    """Contact fraction of a creeping metal (Li) on a hard flat vs time at constant pressure."""

    pressure_mpa: float
    temperature_k: float
    hardness_mpa: float
    initial_fraction: float
    time_s: tuple[float, ...]
    contact_fraction: tuple[float, ...]
    time_to_full_contact_s: float
    sources: tuple[str, ...]
    note: str = ""


def li_creep_contact(
    pressure_mpa: float,
    time_s: np.ndarray | list[float] | tuple[float, ...],
    temperature_k: float = 298.15,
    yield_strength_mpa: float = 0.8,
    creep: CreepLaw = LI_CREEP_LEPAGE,
    constraint_factor: float = TABOR_CONSTRAINT,
) -> CreepContact:
    """Flattening of Li asperities on a hard, flat electrolyte by power-law creep.

    t = 0: plastic contact, f0 = min(p / H, 1) with H = C * yield (C = 3, Tabor).
    t > 0: each contact carries the real pressure p/f, i.e. an equivalent uniaxial stress
    p/(C f); a volume-conserving asperity column widens as d(ln f)/dt = eps_dot(p/(C f), T)
    with eps_dot = A s^n exp(-Q/RT). Integrated in closed form:
        f(t)^n = f0^n + n A exp(-Q/RT) (p/C)^n t,   bounded by 1.
    Columnar asperities and a rigid flat are assumed: an upper bound on the rate for blunt
    (cone-like) asperities embedded in a half-space. Defaults: LePage et al. (2019) creep law,
    Masias et al. (2019) bulk yield strength.
    """
    _positive("pressure_mpa", pressure_mpa, allow_zero=True)
    _positive("yield_strength_mpa", yield_strength_mpa)
    _positive("constraint_factor", constraint_factor)
    t = np.asarray(time_s, dtype=float)
    if t.ndim != 1 or np.any(t < 0):
        raise InvalidConditionError("time_s must be a 1-D sequence of times >= 0 s")
    hardness = constraint_factor * yield_strength_mpa
    f0 = min(pressure_mpa / hardness, 1.0)
    rate = float(creep.strain_rate_per_s(pressure_mpa / constraint_factor, temperature_k))
    n = creep.stress_exponent
    if f0 >= 1.0 or pressure_mpa == 0:
        frac = np.full_like(t, f0)
        t_full = 0.0 if f0 >= 1.0 else math.inf
    else:
        frac = np.minimum((f0**n + n * rate * t) ** (1.0 / n), 1.0)
        t_full = (1.0 - f0**n) / (n * rate) if rate > 0 else math.inf
    return CreepContact(
        pressure_mpa=pressure_mpa,
        temperature_k=temperature_k,
        hardness_mpa=hardness,
        initial_fraction=f0,
        time_s=tuple(t.tolist()),
        contact_fraction=tuple(frac.tolist()),
        time_to_full_contact_s=t_full,
        sources=("johnson1985", "masias2019", creep.source),
        note="columnar-asperity creep: upper bound on the flattening rate",
    )
