"""Space-charge layer in a solid electrolyte at its contact with an electrode (an oxide cathode
against a sulfide electrolyte, or any pair), one-dimensional and at equilibrium.

The electrolyte (x >= 0) holds mobile Li+ at bulk concentration c0 on sites of density c_max,
against a fixed background -q c0 (the anion framework). A potential step phi0 between the
contact and the bulk (the Li chemical-potential step over e) moves Li+ in or out:

    Poisson:   eps phi'' = -q (c(phi) - c0)
    dilute (Gouy-Chapman, Boltzmann):        c = c0 exp(-q phi / kT)
    site-restricted (Poisson-Fermi lattice gas): c = c_max / (1 + (c_max/c0 - 1) exp(q phi/kT))

With phi(inf) = 0 and phi'(inf) = 0 the first integral (1/2) phi'^2 = -(q/eps) integral_0^phi
(c(psi) - c0) dpsi gives the field at every potential; the profile is integrated from the
contact (scipy solve_ivp). In the dilute, small-step limit phi = phi0 exp(-x / lambda_D) with
the Debye length lambda_D = sqrt(eps kT / (q^2 c0)) (one mobile species). The charge in the
layer is Q = eps phi'(0) per area (Gauss), balanced by the electrode's surface charge: overall
neutrality. The layer's extra resistance is integral (1/sigma(x) - 1/sigma_bulk) dx with the
local conductivity sigma_bulk c(x)/c0 (Li+ the carrier); a depleted layer (c -> 0) blocks.

A buffer coating of thickness d and permittivity eps_c between the electrode and the
electrolyte, taken as a dielectric without mobile ions of its own, carries the same
displacement, so part of the step drops over it: phi0 = phi_sc + Q(phi_sc) d / eps_c; a thicker
or less polarisable buffer leaves less of the step, and less space charge, in the electrolyte.

The step: by default from the thermodynamic engine, the electrode's potential V minus the
electrolyte's Li potential, taken as the centre of its stability window (thermo.window), with
the band from the window's edges; the electrolyte's defect chemistry, which fixes where in the
window its Li potential lies, is not in the data. Permittivity, carrier concentration and site
density are the user's (no sourced values in the library): a missing one is named.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy import constants as _c
from scipy.integrate import quad, solve_ivp
from scipy.optimize import brentq

from interphase.errors import InvalidConditionError
from interphase.results import Result

MAX_STEP_V = 5.0


@dataclass(frozen=True)
class SpaceChargeResult(Result):
    """Profiles against the distance from the contact (nm): potential (V) and Li+
    concentration relative to the bulk; width = where |phi| falls to |phi0|/e (nm); charge
    per area (C/m^2); extra ASR (ohm cm^2, inf for a blocking depleted layer)."""

    step_v: float  # over the electrolyte (after the buffer)
    applied_step_v: float  # the whole step, buffer included
    model: str  # gouy-chapman | site-restricted
    debye_length_nm: float
    width_nm: float
    charge_c_m2: float
    electrode_charge_c_m2: float
    asr_ohm_cm2: float | None
    x_nm: tuple[float, ...]
    potential_v: tuple[float, ...]
    concentration_ratio: tuple[float, ...]
    buffer_nm: float
    buffer_step_v: float
    notes: tuple[str, ...]
    citations: tuple[str, ...] = ("haruyama2014", "deklerk2018")


def debye_length_m(relative_permittivity: float, carrier_cm3: float, temperature_k: float) -> float:
    """sqrt(eps kT / (q^2 c0)) in m, for one mobile species of concentration c0 (cm^-3)."""
    eps = relative_permittivity * _c.epsilon_0
    return math.sqrt(eps * _c.k * temperature_k / (_c.e**2 * carrier_cm3 * 1e6))


def _check(relative_permittivity, carrier_cm3, site_cm3, temperature_k, step_v, buffer_nm, eps_b):
    for name, v, lo, hi in (
        ("relative permittivity", relative_permittivity, 1.0, 1e4),
        ("carrier concentration (cm^-3)", carrier_cm3, 1e10, 1e23),
        ("temperature (K)", temperature_k, 1.0, 3000.0),
        ("buffer thickness (nm)", buffer_nm, 0.0, 1e4),
        ("buffer permittivity", eps_b, 1.0, 1e4),
    ):
        if not (math.isfinite(v) and lo <= v <= hi):
            raise InvalidConditionError(f"{name} {v:g}: give a value within {lo:g}..{hi:g}")
    if site_cm3 is not None and not (math.isfinite(site_cm3) and carrier_cm3 < site_cm3 <= 1e24):
        raise InvalidConditionError(
            "the Li site density must exceed the carrier concentration and be at most 1e24 cm^-3"
        )
    if not (math.isfinite(step_v) and abs(step_v) <= MAX_STEP_V):
        raise InvalidConditionError(f"potential step {step_v:g} V: give |step| <= {MAX_STEP_V} V")


class _Layer:
    """c(phi) and the first integral of one electrolyte, SI units inside."""

    def __init__(self, eps_r: float, c0_cm3: float, cmax_cm3: float | None, t: float):
        self.eps = eps_r * _c.epsilon_0
        self.c0 = c0_cm3 * 1e6
        self.cmax = None if cmax_cm3 is None else cmax_cm3 * 1e6
        self.kt_q = _c.k * t / _c.e

    def ratio(self, phi: float) -> float:
        """c / c0 at potential phi (V)."""
        u = phi / self.kt_q
        if self.cmax is None:
            return math.exp(-u)
        a = self.cmax / self.c0 - 1.0
        if u > 0:  # stable form for large positive u
            return (self.cmax / self.c0) * math.exp(-u) / (math.exp(-u) + a)
        return (self.cmax / self.c0) / (1.0 + a * math.exp(u))

    def field_sq_half(self, phi: float) -> float:
        """(1/2) phi'^2 = -(q/eps) integral_0^phi (c - c0) dpsi, in V^2/m^2 (>= 0)."""
        if self.cmax is None:
            u = phi / self.kt_q
            return self.c0 * _c.e * self.kt_q / self.eps * (u - 1.0 + math.exp(-u))  # c0 kT / eps
        val, _ = quad(lambda p: self.ratio(p) - 1.0, 0.0, phi, limit=200)
        return max(-_c.e * self.c0 * val / self.eps, 0.0)

    def charge(self, phi0: float) -> float:
        """Charge per area in the electrolyte layer (C/m^2): eps phi'(0), signed."""
        e0 = math.sqrt(2.0 * self.field_sq_half(phi0))
        # phi decays from phi0 to 0: phi'(0) has the sign opposite to phi0
        return -math.copysign(self.eps * e0, phi0) if phi0 else 0.0


def space_charge(
    step_v: float,
    relative_permittivity: float,
    carrier_cm3: float,
    *,
    site_cm3: float | None = None,
    temperature_k: float = 298.15,
    bulk_conductivity_s_cm: float | None = None,
    buffer_nm: float = 0.0,
    buffer_permittivity: float = 10.0,
    n_points: int = 400,
) -> SpaceChargeResult:
    """Equilibrium space-charge layer of an electrolyte for a potential step (V, contact minus
    bulk), Gouy-Chapman when `site_cm3` is None, site-restricted otherwise (module text)."""
    _check(
        relative_permittivity,
        carrier_cm3,
        site_cm3,
        temperature_k,
        step_v,
        buffer_nm,
        buffer_permittivity,
    )
    lay = _Layer(relative_permittivity, carrier_cm3, site_cm3, temperature_k)
    lam = debye_length_m(relative_permittivity, carrier_cm3, temperature_k)
    notes: list[str] = []

    # the buffer in series: phi0 = phi_sc - Q(phi_sc) d / eps_b  (Q the electrolyte's charge)
    d = buffer_nm * 1e-9
    eps_b = buffer_permittivity * _c.epsilon_0
    if d > 0 and step_v != 0:

        def mismatch(p: float) -> float:
            return p - lay.charge(p) * d / eps_b - step_v

        phi_sc = brentq(mismatch, 0.0, step_v) if mismatch(0.0) * mismatch(step_v) < 0 else 0.0
    else:
        phi_sc = step_v
    q = lay.charge(phi_sc)

    if phi_sc == 0.0:
        x = np.linspace(0.0, 10 * lam, n_points)
        phi = np.zeros_like(x)
    else:
        sgn = math.copysign(1.0, phi_sc)

        def rhs(_x, y):
            return [-sgn * math.sqrt(2.0 * lay.field_sq_half(y[0]))]

        def reached(_x, y):
            return abs(y[0]) - 1e-4 * abs(phi_sc)

        reached.terminal = True
        span = 200 * lam + 10 * math.sqrt(2 * lay.eps * abs(phi_sc) / (_c.e * lay.c0))
        sol = solve_ivp(
            rhs,
            (0.0, span),
            [phi_sc],
            events=reached,
            dense_output=True,
            rtol=1e-8,
            atol=1e-12 * max(abs(phi_sc), 1e-3),
            max_step=lam,
        )
        x_end = sol.t[-1]
        x = np.linspace(0.0, x_end, n_points)
        phi = sol.sol(x)[0]
    ratio = np.array([lay.ratio(p) for p in phi])
    # width: where |phi| first falls to |phi0|/e
    target = abs(phi_sc) / math.e
    below = np.nonzero(np.abs(phi) <= target)[0]
    width = float(np.interp(target, np.abs(phi[::-1]), x[::-1])) if below.size else float("nan")
    asr = None
    if bulk_conductivity_s_cm is not None:
        if ratio.min() < 1e-10:
            asr = math.inf
            notes.append("the layer is depleted of Li+: with Li+ the only carrier it blocks")
        else:
            rho_extra = (1.0 / ratio - 1.0) / (bulk_conductivity_s_cm * 100.0)  # ohm m
            asr = float(np.trapezoid(rho_extra, x)) * 1e4  # ohm m^2 -> ohm cm^2
    if site_cm3 is None and phi_sc < 0 and ratio.max() > 10:
        notes.append(
            f"Li+ piles up to {ratio.max():.3g} x the bulk at the contact: beyond the sites a "
            "lattice offers; give the site density for the site-restricted profile"
        )
    return SpaceChargeResult(
        step_v=phi_sc,
        applied_step_v=step_v,
        model="gouy-chapman" if site_cm3 is None else "site-restricted",
        debye_length_nm=lam * 1e9,
        width_nm=width * 1e9,
        charge_c_m2=q,
        electrode_charge_c_m2=-q,
        asr_ohm_cm2=asr,
        x_nm=tuple((x * 1e9).tolist()),
        potential_v=tuple(phi.tolist()),
        concentration_ratio=tuple(ratio.tolist()),
        buffer_nm=buffer_nm,
        buffer_step_v=step_v - phi_sc,
        notes=tuple(notes),
    )


@dataclass(frozen=True)
class ContactSpaceCharge(Result):
    """The space-charge layer of `electrolyte` against an electrode at `electrode_potential_v`:
    the step from the thermodynamic engine (or the user's), its band, and the layer for the
    central step and for each band edge."""

    electrolyte: str
    electrode_potential_v: float
    electrolyte_li_potential_v: float | None
    step_source: str
    central: SpaceChargeResult
    band: tuple[SpaceChargeResult, SpaceChargeResult] | None


def contact_space_charge(
    electrolyte: str,
    electrode_potential_v: float,
    relative_permittivity: float,
    carrier_cm3: float,
    *,
    step_v: float | None = None,
    database: str = "mp",
    **kwargs,
) -> ContactSpaceCharge:
    """`space_charge` with the step from the electrolyte's window (module text) unless
    `step_v` is given; keyword arguments pass on (site density, buffer, conductivity...)."""
    if not (math.isfinite(electrode_potential_v) and 0 <= electrode_potential_v <= 7):
        raise InvalidConditionError("the electrode potential must lie within 0..7 V vs Li/Li+")
    band = None
    centre = None
    if step_v is None:
        from interphase.thermo.database import get_database
        from interphase.thermo.window import stability_window

        w = stability_window(electrolyte, get_database(database))
        lo = w.reduction_v if w.reduction_v is not None else 0.0
        hi = w.oxidation_v
        if hi is None:
            raise InvalidConditionError(
                f"{electrolyte} has no upper window limit: give the step with --step-v"
            )
        centre = 0.5 * (lo + hi)
        step_v = electrode_potential_v - centre
        edges = sorted((electrode_potential_v - hi, electrode_potential_v - lo), key=abs)
        how = (
            f"{electrode_potential_v:g} V minus the centre of the {electrolyte} window "
            f"({lo:.2f}-{hi:.2f} V); band from the window's edges"
        )
        band = tuple(space_charge(e, relative_permittivity, carrier_cm3, **kwargs) for e in edges)
    else:
        how = "given by the user"
    return ContactSpaceCharge(
        electrolyte=electrolyte,
        electrode_potential_v=electrode_potential_v,
        electrolyte_li_potential_v=centre,
        step_source=how,
        central=space_charge(step_v, relative_permittivity, carrier_cm3, **kwargs),
        band=band,
    )
