"""Transport across one interface: the Li+ and electronic conductivity of each layer and of the
interphase its reaction forms, each with its source; the bottleneck grades the interface.
Values come from the materials catalog, the mechanics library (and the user's parameters) and
the bundled PBE band gaps; an unknown value is named, never assumed."""

from __future__ import annotations

from dataclasses import dataclass

from interphase.errors import InterphaseError
from interphase.materials.electronic import electronic_character
from interphase.results import Result
from interphase.stack.chemical import ChemicalAssessment
from interphase.stack.grades import Grade, conductivity_grade
from interphase.stack.physical import mechanics
from interphase.stack.spec import Interface, StackSpec


@dataclass(frozen=True)
class Conductor(Result):
    """One phase's transport: conductivities in S/cm at room temperature (None: not known),
    with sources; `electronic` is the band-gap class (metal | semiconductor | insulator |
    unknown) and its reason."""

    formula: str
    where: str  # layer | interphase
    li_conductivity_s_cm: float | None
    li_source: str
    electronic_conductivity_s_cm: float | None
    electronic_source: str
    electronic: str
    electronic_reason: str


@dataclass(frozen=True)
class TransportAssessment(Result):
    interface: str
    conductors: tuple[Conductor, ...]
    unknown: tuple[str, ...]  # phases whose Li+ conductivity is not known
    grade: Grade


def _layer_conductor(name: str, formula: str, spec: StackSpec) -> Conductor:
    try:
        m = mechanics(name, spec)
        li, el = m.li_conductivity_s_cm, m.electronic_conductivity_s_cm
    except InterphaseError:  # a user formula outside the mechanics library
        li = el = None
    ec = electronic_character(formula)
    return Conductor(
        formula=name,
        where="layer",
        li_conductivity_s_cm=None if li is None else li.value,
        li_source="" if li is None else li.source,
        electronic_conductivity_s_cm=None if el is None else el.value,
        electronic_source="" if el is None else el.source,
        electronic=ec.kind,
        electronic_reason=ec.reason,
    )


def assess_transport(
    iface: Interface, spec: StackSpec, chemical: ChemicalAssessment
) -> TransportAssessment:
    conductors: list[Conductor] = []
    for layer in (iface.left, iface.right):
        if layer.position in ("coating", "electrolyte"):
            conductors.append(_layer_conductor(layer.name, layer.formula, spec))
    seen = {c.formula for c in conductors}
    for case in chemical.cases:
        if case.verdict in ("stable", "kinetically_stabilized"):
            continue  # no interphase forms
        for info in case.result.verdict.products:
            if info.formula in seen:
                continue
            seen.add(info.formula)
            conductors.append(
                Conductor(
                    formula=info.formula,
                    where="interphase",
                    li_conductivity_s_cm=info.li_conductivity_s_cm,
                    li_source=info.li_conductivity_source,
                    electronic_conductivity_s_cm=None,
                    electronic_source="",
                    electronic=info.electronic,
                    electronic_reason=info.electronic_reason,
                )
            )
    known = [c for c in conductors if c.li_conductivity_s_cm is not None]
    unknown = tuple(
        c.formula
        for c in conductors
        if c.li_conductivity_s_cm is None and (c.where == "layer" or "Li" in c.formula)
    )
    leaky = [c for c in conductors if c.where == "layer" and c.electronic == "metal"]
    if leaky:
        grade = Grade(
            "red", f"{leaky[0].formula} conducts electrons ({leaky[0].electronic_reason})"
        )
    elif known:
        low = min(known, key=lambda c: c.li_conductivity_s_cm)
        grade = conductivity_grade(
            low.li_conductivity_s_cm, f"{low.formula} ({low.where}) [{low.li_source}]"
        )
        if unknown and grade.colour == "green":
            grade = Grade(
                "amber",
                grade.reason + "; unknown for " + ", ".join(unknown),
                grade.number,
                grade.unit,
            )
    else:
        grade = Grade(
            "grey", "no Li+ conductivity known for " + (", ".join(unknown) or "any phase")
        )
    return TransportAssessment(iface.label, tuple(conductors), unknown, grade)
