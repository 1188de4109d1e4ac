"""Chemo-mechanics of an electrode particle in a solid electrolyte.

The electrode changes volume with its Li content (sourced volume change over a window, used
linearly); against a stiff electrolyte that misfit becomes stress:

- bonded sphere in an infinite matrix (Eshelby 1957 misfitting sphere): the interface
  pressure is p = 12 K_p G_m eps / (3 K_p + 4 G_m) for a linear misfit eps (> 0 expands);
  inside the particle the stress is hydrostatic -p, in the matrix at the interface
  sigma_rr = -p, sigma_tt = +p/2. A shrinking particle (eps < 0) pulls on its interface.
  Elastic energy W = 2 pi r^3 p eps; releasing it over the whole interface gives the energy
  release rate G = W / (4 pi r^2) = p eps r / 2 (an upper bound for an interface crack).
- bonded film on a thick substrate: biaxial stress sigma = E eps / (1 - nu); steady-state
  delamination G = (1 - nu^2) sigma^2 h / (2 E) (Hutchinson & Suo 1992).
- point contact: the particle pushes on the electrolyte through one asperity; the misfit
  displacement eps r closes a Hertz contact (Johnson 1985), whose edge tensile stress
  (1 - 2 nu) p0 / 3 is compared with the Griffith strength K_IC / (Y sqrt(pi c)).

The sign of the misfit decides what can fail. A particle that shrinks over the window
(NCM811 on charge) pulls on its interface: it delaminates when G >= interfacial toughness,
and the critical radius r_c = 2 Gamma / (p eps) splits the particle population: particles
larger than r_c lose contact on the first cycle that reaches the window. A particle that
expands (LCO on charge) presses on its interface, which cannot open; the matrix hoop tension
p/2 may instead crack the electrolyte radially from a flaw (compared with the Griffith
strength). No fatigue law is applied (none sourced): later cycles repeat the first.
Units: moduli GPa, stresses MPa, lengths um, energies J/m^2.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from interphase.contact.area import hertz_contact, hertz_load_from_approach_n
from interphase.errors import InvalidConditionError
from interphase.materials.mechanics import (
    MechanicalParameters,
    composite_modulus_gpa,
    li_volume_strain,
)
from interphase.results import Result


def bulk_modulus_gpa(youngs_gpa: float, poisson: float) -> float:
    return youngs_gpa / (3.0 * (1.0 - 2.0 * poisson))


def shear_modulus_gpa(youngs_gpa: float, poisson: float) -> float:
    return youngs_gpa / (2.0 * (1.0 + poisson))


def linear_strain_from_volume(volume_strain: float) -> float:
    """Isotropic linear strain of a volume change: (1 + dV/V)^(1/3) - 1."""
    if volume_strain <= -1:
        raise InvalidConditionError(f"volume strain must be > -1, got {volume_strain}")
    return (1.0 + volume_strain) ** (1.0 / 3.0) - 1.0


@dataclass(frozen=True)
class MisfitSphere(Result):
    """Stress of a bonded, misfitting spherical particle in an elastic matrix."""

    linear_misfit_strain: float
    radius_um: float
    interface_pressure_mpa: float  # > 0: compression across the interface
    particle_hydrostatic_stress_mpa: float
    matrix_radial_stress_mpa: float
    matrix_hoop_stress_mpa: float
    strain_energy_j: float
    energy_release_rate_j_m2: float
    source: str = "eshelby1957"


def misfit_sphere(
    linear_misfit_strain: float,
    radius_um: float,
    particle_youngs_gpa: float,
    particle_poisson: float,
    matrix_youngs_gpa: float,
    matrix_poisson: float,
) -> MisfitSphere:
    """Misfitting sphere in an infinite matrix (isotropic, linear elastic, bonded)."""
    if radius_um <= 0:
        raise InvalidConditionError(f"particle radius must be > 0 um, got {radius_um}")
    for nm, nu in (("particle", particle_poisson), ("matrix", matrix_poisson)):
        if not -1.0 < nu < 0.5:
            raise InvalidConditionError(f"{nm} Poisson ratio must be in (-1, 0.5), got {nu}")
    kp = bulk_modulus_gpa(particle_youngs_gpa, particle_poisson)
    gm = shear_modulus_gpa(matrix_youngs_gpa, matrix_poisson)
    eps = linear_misfit_strain
    p_gpa = 12.0 * kp * gm * eps / (3.0 * kp + 4.0 * gm)
    p_pa = p_gpa * 1e9
    r_m = radius_um * 1e-6
    w = 2.0 * math.pi * r_m**3 * p_pa * eps
    return MisfitSphere(
        linear_misfit_strain=eps,
        radius_um=radius_um,
        interface_pressure_mpa=p_gpa * 1e3,
        particle_hydrostatic_stress_mpa=-p_gpa * 1e3,
        matrix_radial_stress_mpa=-p_gpa * 1e3,
        matrix_hoop_stress_mpa=0.5 * p_gpa * 1e3,
        strain_energy_j=w,
        energy_release_rate_j_m2=0.5 * p_pa * eps * r_m,
    )


@dataclass(frozen=True)
class FilmDelamination(Result):
    biaxial_stress_mpa: float
    energy_release_rate_j_m2: float
    thickness_um: float
    source: str = "hutchinson1992"


def film_delamination(
    linear_misfit_strain: float, film_youngs_gpa: float, film_poisson: float, thickness_um: float
) -> FilmDelamination:
    """Biaxially strained bonded film: sigma = E eps/(1 - nu), G_ss = (1 - nu^2) sigma^2 h/(2E)."""
    if thickness_um <= 0:
        raise InvalidConditionError(f"film thickness must be > 0 um, got {thickness_um}")
    e_pa = film_youngs_gpa * 1e9
    sigma = e_pa * linear_misfit_strain / (1.0 - film_poisson)
    g = (1.0 - film_poisson**2) * sigma**2 * thickness_um * 1e-6 / (2.0 * e_pa)
    return FilmDelamination(sigma / 1e6, g, thickness_um)


def interfacial_toughness_j_m2(a: MechanicalParameters, b: MechanicalParameters) -> float:
    """Default interfacial toughness: the weaker side's bulk G_c = K_IC^2 (1 - nu^2) / E.

    An interface is rarely tougher than the weaker bulk, so this is an upper bound; raises
    MissingDataError when neither side has a sourced K_IC (then pass a value).
    """
    from interphase.errors import MissingDataError

    vals = []
    for m in (a, b):
        if m.fracture_toughness_mpa_sqrt_m is None:
            continue
        k = m.value("fracture_toughness_mpa_sqrt_m") * 1e6
        e = m.value("youngs_modulus_gpa") * 1e9
        nu = m.value("poisson_ratio")
        vals.append(k**2 * (1.0 - nu**2) / e)
    if not vals:
        raise MissingDataError(
            f"no sourced fracture toughness for {a.name} or {b.name}: give the interfacial "
            "toughness in J/m^2"
        )
    return min(vals)


@dataclass(frozen=True)
class ChemoMechanicsResult(Result):
    """Electrode particle in an electrolyte over one state-of-charge window."""

    electrode: str
    electrolyte: str
    soc_start: float
    soc_end: float
    volume_strain: float
    linear_strain: float
    sphere: MisfitSphere
    interfacial_toughness_j_m2: float
    delaminates: bool
    critical_radius_um: float | None
    contact_loss_fraction: float
    electrolyte_fracture_stress_mpa: float | None
    hoop_cracks_electrolyte: bool | None
    point_contact_max_pressure_mpa: float
    point_contact_tensile_stress_mpa: float
    point_contact_exceeds_hardness: bool | None
    point_contact_cracks_electrolyte: bool | None
    sources: tuple[str, ...]
    delamination_reason: str = ""  # why it does or does not delaminate, with the numbers


def particle_in_electrolyte(
    electrode: MechanicalParameters,
    electrolyte: MechanicalParameters,
    radius_um: float,
    soc_start: float = 0.0,
    soc_end: float = 1.0,
    interfacial_toughness: float | None = None,
    radius_log_std: float = 0.0,
    flaw_size_um: float = 1.0,
    asperity_radius_um: float | None = None,
) -> ChemoMechanicsResult:
    """Stress, delamination and point-contact fracture for one particle and SOC window.

    radius_log_std: sigma of ln(radius) for a log-normal population with median `radius_um`;
    contact_loss_fraction is the number fraction of particles with r > r_c (0 or 1 when the
    population is monodisperse). The point contact is one asperity of radius
    `asperity_radius_um` (default radius/10) pushed by the full radial misfit displacement.
    """
    if radius_log_std < 0:
        raise InvalidConditionError("radius_log_std must be >= 0")
    if flaw_size_um <= 0:
        raise InvalidConditionError("flaw size must be > 0 um")
    dv = li_volume_strain(electrode, soc_start, soc_end)
    eps = linear_strain_from_volume(dv)
    sphere = misfit_sphere(
        eps,
        radius_um,
        electrode.value("youngs_modulus_gpa"),
        electrode.value("poisson_ratio"),
        electrolyte.value("youngs_modulus_gpa"),
        electrolyte.value("poisson_ratio"),
    )
    gamma = (
        interfacial_toughness
        if interfacial_toughness is not None
        else interfacial_toughness_j_m2(electrode, electrolyte)
    )
    if gamma <= 0:
        raise InvalidConditionError("interfacial toughness must be > 0 J/m^2")
    g = sphere.energy_release_rate_j_m2
    pe = sphere.interface_pressure_mpa * 1e6 * eps  # > 0 whenever eps != 0
    # only a shrinking particle (eps < 0) opens its interface
    r_c = 2.0 * gamma / pe * 1e6 if (eps < 0 and pe > 0) else None
    if r_c is None:
        loss = 0.0
    elif radius_log_std == 0:
        loss = 1.0 if radius_um >= r_c else 0.0
    else:
        loss = 0.5 * math.erfc(math.log(r_c / radius_um) / (math.sqrt(2.0) * radius_log_std))
    if electrolyte.fracture_toughness_mpa_sqrt_m is not None:
        k = electrolyte.value("fracture_toughness_mpa_sqrt_m")
        # Griffith strength of a surface flaw of depth c, Y = 1.12
        strength: float | None = k / (1.12 * math.sqrt(math.pi * flaw_size_um * 1e-6))
    else:
        strength = None
    hoop_cracks = None if strength is None else sphere.matrix_hoop_stress_mpa >= strength

    # point contact: Hertz with approach = |eps| r through one asperity
    r_asp = asperity_radius_um if asperity_radius_um is not None else radius_um / 10.0
    e_star = composite_modulus_gpa(electrode, electrolyte)
    load = hertz_load_from_approach_n(abs(eps) * radius_um, r_asp, e_star)
    hz = hertz_contact(load, r_asp, e_star)
    tensile = hz.max_tensile_stress_mpa(electrolyte.value("poisson_ratio"))
    cracks = None if strength is None else tensile >= strength
    # an elastic Hertz pressure above the softer side's hardness means the contact yields
    hardness = [m.value("hardness_gpa") * 1e3 for m in (electrode, electrolyte) if m.hardness_gpa]
    exceeds = (hz.mean_pressure_mpa >= min(hardness)) if hardness else None
    sources = ["eshelby1957", "johnson1985"]
    sources += [*electrode.citation_keys(), *electrolyte.citation_keys()]
    delaminates = eps < 0 and g >= gamma
    if eps >= 0:
        reason = (
            f"the particle expands (linear strain {eps:+.3g}): the interface is in compression "
            f"({sphere.interface_pressure_mpa:.3g} MPa), so it cannot open, although the "
            f"stored energy G = {g:.3g} J/m2 {'exceeds' if g >= gamma else 'is below'} the "
            f"toughness {gamma:.3g} J/m2; the matrix hoop tension is the risk instead"
        )
    elif delaminates:
        reason = f"the particle shrinks and G = {g:.3g} J/m2 >= toughness {gamma:.3g} J/m2"
    else:
        reason = f"the particle shrinks but G = {g:.3g} J/m2 < toughness {gamma:.3g} J/m2"
    return ChemoMechanicsResult(
        electrode=electrode.name,
        electrolyte=electrolyte.name,
        soc_start=soc_start,
        soc_end=soc_end,
        volume_strain=dv,
        linear_strain=eps,
        sphere=sphere,
        interfacial_toughness_j_m2=gamma,
        delaminates=delaminates,
        critical_radius_um=r_c,
        contact_loss_fraction=loss,
        electrolyte_fracture_stress_mpa=strength,
        hoop_cracks_electrolyte=hoop_cracks,
        point_contact_max_pressure_mpa=hz.max_pressure_mpa,
        point_contact_tensile_stress_mpa=tensile,
        point_contact_exceeds_hardness=exceeds,
        point_contact_cracks_electrolyte=cracks,
        sources=tuple(dict.fromkeys(sources)),
        delamination_reason=reason,
    )
