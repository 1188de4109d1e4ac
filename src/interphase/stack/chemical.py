"""Chemical contact of one interface of a stack: the reactions it runs in operation (at the
lower and upper cut-off for the cathode side, at the anode's potential for the anode side) and
in the processing atmosphere, each with its interphase verdict; and the stability windows of
its non-electrode layers against the potentials they see. Calls thermo/; computes nothing
itself."""

from __future__ import annotations

from dataclasses import dataclass

from interphase.materials.electronic import electronic_character
from interphase.results import Result
from interphase.stack.grades import Grade, chemical_grade, worst
from interphase.stack.spec import Interface, StackSpec
from interphase.thermo.analysis import react
from interphase.thermo.conditions import Conditions, parse_atmosphere
from interphase.thermo.reaction import ReactionResult
from interphase.thermo.window import WindowResult, stability_window


@dataclass(frozen=True)
class ReactionCase(Result):
    """One reaction of the interface under named conditions. Energies in eV per atom of the
    reactants; `total` counts each side's own decomposition, `mutual` only what contact adds."""

    label: str  # discharged | charged | anode | processing
    description: str
    total_ev_per_atom: float
    mutual_ev_per_atom: float
    total_products: tuple[str, ...]
    mutual_products: tuple[str, ...]
    verdict: str
    driving_force_ev_per_atom: float
    verdict_reasons: tuple[str, ...]
    interphase_products: tuple[str, ...]
    gases: tuple[str, ...]
    thermal_uncertainty_ev_per_atom: float
    grade: Grade
    result: ReactionResult
    graded: bool = True  # False: an upper bound shown beside the graded case


@dataclass(frozen=True)
class WindowCheck(Result):
    """A layer's stability window against the potentials it sees at this interface."""

    layer: str
    reduction_v: float | None
    oxidation_v: float | None
    sees_v: tuple[float, float]
    reduced: bool  # the potential reaches below the reduction limit
    oxidized: bool  # ... above the oxidation limit
    finding: str
    window: WindowResult


@dataclass(frozen=True)
class ChemicalAssessment(Result):
    interface: str
    cases: tuple[ReactionCase, ...]
    windows: tuple[WindowCheck, ...]
    grade: Grade
    citations: tuple[str, ...]


def blocks_electrons(formula: str) -> bool:
    """A coating with a PBE band gap of an insulator (materials.electronic)."""
    return electronic_character(formula).kind == "insulator"


def _conditions(
    iface: Interface, spec: StackSpec
) -> list[tuple[str, str, Conditions | None, bool]]:
    """(label, description, conditions, graded) of each reaction the interface runs.

    Behind an electron-blocking coating the electrolyte exchanges Li+ with the cathode but no
    electrons, so it cannot be oxidised or reduced electrochemically: the coating | electrolyte
    contact is graded closed in Li (a chemical reaction), and the reaction at the cathode's
    potential is shown beside it as the bound reached if electrons leak through."""
    t = spec.temperature_k
    out: list[tuple[str, str, Conditions | None, bool]] = []
    if iface.side == "cathode":
        lo, hi = iface.potential_v
        behind = iface.left.position == "coating" and blocks_electrons(iface.left.formula)
        if behind:
            out.append(
                (
                    "chemical",
                    f"closed in Li behind the electron-blocking {iface.left.name}, {t:g} K",
                    Conditions(None, temperature_k=t),
                    True,
                )
            )
        for label, v, where in (
            ("discharged", lo, "lower cut-off"),
            ("charged", hi, "top of charge"),
        ):
            text = f"at the {where}, {v:g} V, {t:g} K"
            if behind:
                text += " (bound if electrons leak through the coating; not graded)"
            out.append((label, text, Conditions(v, temperature_k=t), not behind))
        if spec.atmosphere is not None:
            label, gases = parse_atmosphere(spec.atmosphere)
            tp = spec.processing_temperature_k or t
            out.append(
                (
                    "processing",
                    f"processing in {spec.atmosphere} at {tp:g} K (Li closed)",
                    Conditions(None, gases, tp, label),
                    True,
                )
            )
    elif iface.right.name == "Li":
        out.append(
            ("anode", f"against Li metal (0 V), {t:g} K", Conditions(None, temperature_k=t), True)
        )
    else:
        v = iface.potential_v[0]
        out.append(
            (
                "anode",
                f"at the anode's potential, {v:g} V, {t:g} K",
                Conditions(v, temperature_k=t),
                True,
            )
        )
    return out


def _case(
    iface: Interface, label: str, text: str, cond: Conditions | None, db: str, graded: bool
) -> ReactionCase:
    r = react(iface.left.name, iface.right.name, db=db, conditions=cond)
    v = r.verdict
    mutual = r.mutual.most_exothermic if r.mutual else r.most_exothermic
    return ReactionCase(
        label=label,
        description=text,
        total_ev_per_atom=r.most_exothermic.energy_ev_per_atom,
        mutual_ev_per_atom=mutual.energy_ev_per_atom,
        total_products=r.most_exothermic.products,
        mutual_products=mutual.products,
        verdict=v.kind,
        driving_force_ev_per_atom=v.driving_force_ev_per_atom,
        verdict_reasons=v.reasons,
        interphase_products=tuple(p.formula for p in v.products),
        gases=v.gases,
        thermal_uncertainty_ev_per_atom=v.thermal_uncertainty_ev_per_atom,
        grade=chemical_grade(v.kind, v.driving_force_ev_per_atom, text),
        result=r,
        graded=graded,
    )


def _window(layer: str, sees: tuple[float, float], db: str) -> WindowCheck:
    from interphase.thermo.database import get_database

    w = stability_window(layer, get_database(db))
    lo, hi = sees
    reduced = w.reduction_v is not None and lo < w.reduction_v
    oxidized = w.oxidation_v is not None and hi > w.oxidation_v
    parts = []
    if reduced:
        parts.append(
            f"reduced below {w.reduction_v:.2f} V (to {', '.join(w.reduction_products)}); "
            f"it sees {lo:g} V"
        )
    if oxidized:
        parts.append(
            f"oxidised above {w.oxidation_v:.2f} V (to {', '.join(w.oxidation_products)}); "
            f"it sees {hi:g} V"
        )
    finding = "; ".join(parts) or f"stable over {lo:g}-{hi:g} V"
    return WindowCheck(layer, w.reduction_v, w.oxidation_v, sees, reduced, oxidized, finding, w)


def assess_chemical(iface: Interface, spec: StackSpec) -> ChemicalAssessment:
    cases = tuple(
        _case(iface, lab, text, c, spec.database, graded)
        for lab, text, c, graded in _conditions(iface, spec)
    )
    windows = tuple(
        _window(layer.name, iface.potential_v, spec.database)
        for layer in (iface.left, iface.right)
        if layer.position in ("coating", "electrolyte")
    )
    cites: list[str] = []
    for c in cases:
        cites += list(c.result.citations)
    for w in windows:
        cites += list(w.window.citations)
    return ChemicalAssessment(
        interface=iface.label,
        cases=cases,
        windows=windows,
        # the worst colour; among equals, the largest driving force
        grade=worst(sorted((c.grade for c in cases if c.graded), key=lambda g: g.number or 0.0)),
        citations=tuple(dict.fromkeys(cites)),
    )
