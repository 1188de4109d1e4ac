"""Physical contact of one interface of a stack: contact fraction and constriction resistance
at the stack pressure, the cathode particle's misfit stress and delamination, and at a Li
anode the stripping (void) limit and the dendrite criteria. Calls contact/; a model that lacks
a sourced parameter is reported as not computed, naming the parameter and how to give it."""

from __future__ import annotations

from dataclasses import dataclass, replace

from interphase.contact.anode import (
    DendriteAssessment,
    StrippingLimit,
    critical_stripping_current,
    dendrite_assessment,
)
from interphase.contact.chemomechanics import ChemoMechanicsResult, particle_in_electrolyte
from interphase.contact.pressure import ContactSweep, contact_vs_pressure
from interphase.errors import InterphaseError, MissingDataError
from interphase.materials.material import Quantity
from interphase.materials.mechanics import MechanicalParameters, get_mechanics, mp_elastic_moduli
from interphase.results import Result
from interphase.stack.grades import (
    REFERENCE_CURRENT_MA_CM2,
    Grade,
    NotComputed,
    asr_grade,
    worst,
)
from interphase.stack.spec import Interface, StackSpec

SWEEP_PRESSURES_MPA = (0.1, 0.3, 1.0, 3.0, 10.0, 30.0, 100.0)  # for the report's plot
FLAW_UM = 1.0  # the flaw size at which the dendrite grade is read


@dataclass(frozen=True)
class PhysicalAssessment(Result):
    interface: str
    contact: ContactSweep | None
    contact_note: str
    chemomechanics: ChemoMechanicsResult | None
    stripping: StrippingLimit | None
    dendrites: DendriteAssessment | None
    grades: tuple[Grade, ...]
    grade: Grade
    not_computed: tuple[NotComputed, ...]
    citations: tuple[str, ...]


def mechanics(name: str, spec: StackSpec) -> MechanicalParameters:
    """The library's parameters of `name` with the stack's user values put in; elastic
    constants the literature library lacks come from the Materials Project (PBE, VRH median
    over polymorphs; a computed value, labelled so), when the table has the compound."""
    params = spec.params.apply(get_mechanics(name))
    elastic = ("youngs_modulus_gpa", "shear_modulus_gpa", "bulk_modulus_gpa", "poisson_ratio")
    if all(getattr(params, f) is not None for f in elastic):
        return params
    try:
        mp = mp_elastic_moduli(name)
    except InterphaseError:
        return params
    how = (
        f"Materials Project PBE elastic tensor, VRH, median of {mp.n_rows} polymorph(s): an "
        "ideal dense crystal, computed, not measured"
    )
    updates = {
        f: Quantity(getattr(mp, f), "" if f == "poisson_ratio" else "GPa", "dunn2020", how)
        for f in elastic
        if getattr(params, f) is None
    }
    return replace(params, **updates)


def _hint(exc: MissingDataError) -> str:
    return (
        "give the value with --param MATERIAL.PROPERTY=VALUE (or a [params.MATERIAL] table "
        "in the stack file)"
        if "no sourced" in str(exc)
        else ""
    )


def assess_physical(iface: Interface, spec: StackSpec) -> PhysicalAssessment:
    left, right = iface.left, iface.right
    grades: list[Grade] = []
    missing: list[NotComputed] = []
    cites: list[str] = []
    contact = chemo = strip = dend = None
    note = ""
    p, t = spec.pressure_mpa, spec.temperature_k

    if left.position == "cathode" and right.position == "coating":
        note = (
            "a deposited coating (ALD, sol-gel, sputtering) covers the particle conformally: "
            "full contact assumed, no constriction"
        )
    else:
        # a coated particle pressed on the electrolyte: the film (nm) follows the particle, so
        # the particle's moduli and conductivity set the contact and the spreading under it;
        # the film's own resistance is its thickness over its conductivity (evolution)
        pressed = spec.cathode if left.position == "coating" else left.name
        if pressed != left.name:
            note = (
                f"the {left.name}-coated {pressed} particle on {right.name}: {pressed}'s moduli "
                "and conductivity under the nm-thin film"
            )
        try:
            pressures = sorted({*SWEEP_PRESSURES_MPA, p})
            contact = contact_vs_pressure(
                mechanics(pressed, spec), mechanics(right.name, spec), pressures, temperature_k=t
            )
            i = pressures.index(p)
            asr = contact.total_asr_ohm_cm2[i]
            if asr is not None:
                grades.append(
                    asr_grade(
                        asr,
                        f"constriction at {p:g} MPa (contact fraction "
                        f"{contact.contact_fraction[i]:.3g}, {contact.model})",
                    )
                )
            cites += list(contact.sources)
        except MissingDataError as exc:
            missing.append(NotComputed("contact at the stack pressure", str(exc), _hint(exc)))

    cathode_partner = right if left.position == "cathode" else None
    if cathode_partner is not None:
        try:
            chemo = particle_in_electrolyte(
                mechanics(left.name, spec),
                mechanics(cathode_partner.name, spec),
                spec.particle_radius_um,
            )
            cites += list(chemo.sources)
            if chemo.delaminates:
                grades.append(
                    Grade(
                        "red",
                        f"delamination: {chemo.delamination_reason}",
                        chemo.sphere.energy_release_rate_j_m2,
                        "J/m2",
                    )
                )
            elif chemo.hoop_cracks_electrolyte or chemo.point_contact_cracks_electrolyte:
                grades.append(
                    Grade(
                        "amber",
                        "the cathode's volume change cracks the electrolyte at point contacts"
                        if chemo.point_contact_cracks_electrolyte
                        else "the cathode's volume change cracks the electrolyte (hoop tension)",
                        chemo.point_contact_tensile_stress_mpa,
                        "MPa",
                    )
                )
            else:
                grades.append(
                    Grade(
                        "green",
                        f"no delamination: {chemo.delamination_reason}",
                        chemo.sphere.energy_release_rate_j_m2,
                        "J/m2",
                    )
                )
        except MissingDataError as exc:
            missing.append(
                NotComputed(
                    "misfit stress and delamination of the cathode particle", str(exc), _hint(exc)
                )
            )

    if right.name == "Li":
        strip = critical_stripping_current([p], t)
        cites += list(strip.sources)
        j = strip.critical_current_ma_cm2[0]
        if strip.valid[0]:
            colour = "red" if j < REFERENCE_CURRENT_MA_CM2 else "green"
            grades.append(
                Grade(
                    colour,
                    f"void-free stripping limit at {p:g} MPa (creep supply, upper bound)",
                    j,
                    "mA/cm2",
                )
            )
        else:
            grades.append(
                Grade(
                    "green",
                    f"{p:g} MPa exceeds Li's yield strength: plastic flow closes voids (the creep "
                    "limit does not apply)",
                    p,
                    "MPa",
                )
            )
        dend = dendrite_assessment(mechanics(left.name, spec), [FLAW_UM])
        for m in dend.missing:
            missing.append(NotComputed("dendrite criterion", m, "give it with --param"))
        if dend.flaw is not None:
            cites += list(dend.flaw.sources)
            if dend.flaw.li_can_crack[0]:
                grades.append(
                    Grade(
                        "amber",
                        f"Li can open a {FLAW_UM:g} um surface flaw (Griffith/Porz)",
                        dend.flaw.critical_li_pressure_mpa[0],
                        "MPa",
                    )
                )
    return PhysicalAssessment(
        interface=iface.label,
        contact=contact,
        contact_note=note,
        chemomechanics=chemo,
        stripping=strip,
        dendrites=dend,
        grades=tuple(grades),
        grade=worst(grades)
        if grades
        else Grade("grey", "not computed: " + "; ".join(dict.fromkeys(m.reason for m in missing))),
        not_computed=tuple(missing),
        citations=tuple(dict.fromkeys(cites)),
    )
