"""`analyze(stack)`: every interface of a cell stack at all three levels, in one result.

For each interface (cathode | coating, coating | electrolyte or cathode | electrolyte,
electrolyte | anode) it runs the chemical-contact engine (reactions at the cut-offs, at the
anode, in the processing atmosphere; windows), the physical-contact models (contact and
constriction at the stack pressure, misfit stress, Li voids and dendrites) and the transport
bookkeeping, grades each level (stack.grades) and, for an uncoated or poorly coated cathode
side, screens the named and classic coatings for the pair. Progress goes to an optional
callback; the faces draw it. Parts that cannot run are listed with the reason.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, fields
from pathlib import Path

from interphase.citations import cite
from interphase.errors import InterphaseError, InvalidConditionError
from interphase.evolution.cycling import StackEvolution, evolve_stack
from interphase.evolution.growth import GrowthResult
from interphase.materials.parameters import USER_SOURCE
from interphase.results import Result
from interphase.stack.chemical import ChemicalAssessment, assess_chemical
from interphase.stack.grades import Grade, NotComputed, worst
from interphase.stack.md import LayerMD, MDSettings, layers_md
from interphase.stack.physical import PhysicalAssessment, assess_physical, mechanics
from interphase.stack.spec import StackSpec
from interphase.stack.transport import TransportAssessment, assess_transport

SCHEMA_VERSION = 1
N_COATINGS = 5
Progress = Callable[[str, int, int], None]  # (what is running, step, number of steps)

GROWTH_REPORT_H = 1000.0  # the time at which the scorecard reads the interphase ASR
CYCLES = 500  # the cycle-level evolution the report shows (interphase evolve for others)
C_RATE = 0.5


def _cathode_side_grade(iface, cycling) -> Grade:
    """The evolution grade of an interface without a Li-metal growth result (the cathode
    side, a non-Li anode) from the cycle-level evolution."""
    if cycling is None:
        return Grade("grey", "the cycle-level evolution could not run (see not computed)")
    e = next((x for x in cycling.interfaces if x.interface == iface.label), None)
    if e is None:
        return Grade("grey", "not in the cycle-level evolution")
    where = f"over {cycling.cycles} cycles at {cycling.c_rate:g}C"
    if e.regime == "none":
        why = "; ".join(e.notes) or "nothing grows"
        return Grade("green", f"{where}: {why}")
    if e.regime == "not computed":
        missing = [m for m in cycling.missing if m.startswith(f"{iface.label} interphase:")]
        text = "; ".join(m.split(": ", 1)[1] for m in missing) or "see not computed"
        return Grade("grey", f"{where}, {e.growing_layer} is driven beyond its window: {text}")
    part = next(
        (c for c in cycling.contributions if c.interface == iface.label and c.kind == "interphase"),
        None,
    )
    asr = None if part is None else part.asr_ohm_cm2[-1]
    estimated = any(
        p.source in ("estimate", "") or "estimate" in p.source
        for p in cycling.parameters
        if p.interface == iface.label
    )
    how = " (from estimated conductivities)" if estimated else ""
    if e.regime == "parabolic":
        colour = "amber" if estimated else "red"
        text = f"{where}: the interphase of {e.growing_layer} keeps growing, ASR at the end"
    else:
        colour = "amber" if estimated else "green"
        text = f"{where}: the interphase of {e.growing_layer} stops at the tunnelling range"
    return Grade(colour, text + how, asr, "ohm cm2")


def _evolution(iface, spec: StackSpec, chem: ChemicalAssessment):
    """(grade, growth result or None) of one interface's evolution level."""
    from interphase.evolution import li_interphase_growth

    if iface.right.name != "Li":
        return Grade("grey", "graded from the cycle-level evolution"), None
    g = li_interphase_growth(
        iface.left.name,
        [GROWTH_REPORT_H * 3600.0],
        spec.temperature_k,
        spec.params,
        database=spec.database,
        reaction=next(c.result for c in chem.cases if c.label == "anode"),
        window=next(w.window for w in chem.windows if w.layer == iface.left.name),
    )
    estimated = [p.formula for p in g.phases if p.electronic.source == "estimate"]
    estimated += [p.formula for p in g.phases if p.li.value is None and "Li" in p.formula]
    where = f"Li | {g.electrolyte}"
    if g.regime == "none":
        return Grade(
            "green", f"{where}: no reaction beyond the kinetic threshold, nothing grows"
        ), g
    if g.regime == "not computed":
        return Grade("grey", f"{where}: " + "; ".join(g.missing)), g
    how = (
        " (from estimated or unknown conductivities of " + ", ".join(dict.fromkeys(estimated)) + ")"
        if estimated
        else ""
    )
    if g.regime == "parabolic":
        colour = "amber" if estimated else "red"
        text = f"{where}: the interphase keeps growing as sqrt(t), ASR after {GROWTH_REPORT_H:g} h"
    else:
        colour = "amber" if estimated else "green"
        text = f"{where}: the interphase is self-limiting, ASR after {GROWTH_REPORT_H:g} h"
    return Grade(colour, text + how, g.asr_ohm_cm2[0], "ohm cm2"), g


@dataclass(frozen=True)
class InterfaceReport(Result):
    label: str
    left: str
    right: str
    side: str
    potential_v: tuple[float, float]
    chemical: ChemicalAssessment
    physical: PhysicalAssessment
    transport: TransportAssessment
    scorecard: dict[str, Grade]  # level -> grade
    growth: GrowthResult | None = None  # Li-metal interphase growth (interphase.evolution)


@dataclass(frozen=True)
class ParameterRow(Result):
    material: str
    property: str
    value: float
    unit: str
    source: str
    conditions: str
    low: float | None
    high: float | None


@dataclass(frozen=True)
class CoatingSuggestion(Result):
    """The best coatings of the named and classic candidates for the cathode | electrolyte
    pair (coatings.screen, Pareto order); `entries` are the screen's rows."""

    pair: str
    why: str
    n_candidates: int
    entries: tuple[dict, ...]


@dataclass(frozen=True)
class StackAnalysis(Result):
    schema_version: int
    stack: StackSpec
    interfaces: tuple[InterfaceReport, ...]
    coatings: CoatingSuggestion | None
    parameters: tuple[ParameterRow, ...]
    not_computed: tuple[NotComputed, ...]
    assumptions: tuple[str, ...]
    data: dict
    citations: tuple[dict, ...]
    wall_s: float
    md: tuple[LayerMD, ...] = ()  # with analyze(md=...): MD conductivities of the layers
    cycling: StackEvolution | None = None  # resistance and capacity over CYCLES cycles


ASSUMPTIONS = (
    "reaction energies from the embedded database at 0 K (plus tabulated or estimated thermal "
    "parts away from 298 K), in eV per atom of the reactants; the verdict uses the mutual "
    "energy (thermo.verdict)",
    "cathode-side interfaces see the Li potential of the cathode between the cut-offs; the "
    "anode side sees the anode's potential",
    "grades follow the thresholds in interphase.stack.grades (docs/analyze.md)",
    "a deposited coating touches its particle conformally; pressed contacts follow the "
    "contact models of interphase.contact with their default roughness",
)


def _parameter_rows(spec: StackSpec) -> tuple[ParameterRow, ...]:
    rows: list[ParameterRow] = []
    for layer in spec.layers:
        try:
            m = mechanics(layer.name, spec)
        except InterphaseError:
            continue
        for f in fields(m):
            q = getattr(m, f.name)
            if f.name in ("name", "creep", "extra") or q is None:
                continue
            rows.append(
                ParameterRow(
                    layer.name, f.name, q.value, q.unit, q.source, q.conditions, q.low, q.high
                )
            )
    return tuple(rows)


def _coatings(spec: StackSpec, reports: list[InterfaceReport], store: Path | None):
    from interphase.coatings.evaluate import make_spec
    from interphase.coatings.screen import default_candidates, screen

    cathode_side = [r for r in reports if r.side == "cathode"]
    worst_chem = worst([r.scorecard["chemical"] for r in cathode_side])
    if spec.coating is not None and worst_chem.colour == "green":
        return None
    why = (
        "the stack has no coating"
        if spec.coating is None
        else f"the coated cathode side is graded {worst_chem.colour}: {worst_chem.reason}"
    )
    sspec = make_spec(spec.cathode, spec.electrolyte, "cathode", spec.cutoff_v, spec.database)
    cands = default_candidates(sspec, include_database=False)
    res = screen(
        sspec, cands, store=store if store is not None else ":memory:", workers=0, quiet=True
    )
    return CoatingSuggestion(
        f"{spec.cathode} | {spec.electrolyte}", why, res.n_candidates, res.top(N_COATINGS)
    )


def progress_md(progress: Progress | None) -> Progress | None:
    """The MD campaign's progress, relabelled for the stack's callback."""
    if progress is None:
        return None
    return lambda what, done, total: progress(f"MD: {what}", done, total)


def analyze(
    spec: StackSpec,
    progress: Progress | None = None,
    coatings: bool = True,
    store: Path | None = None,
    md: MDSettings | None = None,
    md_dir: Path | None = None,
) -> StackAnalysis:
    """Assess every interface of `spec` (see the module text). `store`: an SQLite file for the
    coating screen's results, reused on the next run. `md`: also run ML-potential MD of the
    ion-conducting layers (stack.md), stored and trajectories written under `md_dir`."""
    from interphase.thermo.database import get_database

    t0 = time.perf_counter()
    steps = 3 * len(spec.interfaces) + 1 + (1 if coatings else 0)
    step = 0

    def tick(what: str) -> None:
        nonlocal step
        step += 1
        if progress is not None:
            progress(what, step, steps)

    reports: list[InterfaceReport] = []
    missing: list[NotComputed] = []
    for iface in spec.interfaces:
        chem = assess_chemical(iface, spec)
        tick(f"chemical contact {iface.label}")
        phys = assess_physical(iface, spec)
        tick(f"physical contact {iface.label}")
        trans = assess_transport(iface, spec, chem)
        evo_grade, growth = _evolution(iface, spec, chem)
        tick(f"transport and growth {iface.label}")
        missing += [
            NotComputed(f"{iface.label}: {m.part}", m.reason, m.hint) for m in phys.not_computed
        ]
        card = {
            "chemical": chem.grade,
            "physical": phys.grade,
            "transport": trans.grade,
            "evolution": evo_grade,
        }
        reports.append(
            InterfaceReport(
                iface.label,
                iface.left.name,
                iface.right.name,
                iface.side,
                iface.potential_v,
                chem,
                phys,
                trans,
                card,
                growth,
            )
        )
    cycling = None
    try:
        cycling = evolve_stack(
            spec,
            CYCLES,
            C_RATE,
            assessments={r.label: (r.chemical, r.physical) for r in reports},
        )
    except InterphaseError as exc:
        missing.append(NotComputed("resistance and capacity over cycles", str(exc), ""))
    for r in reports:
        if r.growth is None:  # a Li-metal anode keeps its growth grade (evolution.growth)
            r.scorecard["evolution"] = _cathode_side_grade(r, cycling)
    tick("evolution over cycles")
    suggestion = None
    if coatings:
        suggestion = _coatings(spec, reports, store)
        tick("coating screen")
    md_layers: tuple[LayerMD, ...] = ()
    if md is not None:
        if md_dir is None:
            raise InvalidConditionError("MD needs a folder for its store and trajectories")
        md_layers, md_missing = layers_md(spec, md, Path(md_dir), progress_md(progress))
        missing += list(md_missing)

    keys: list[str] = []
    for r in reports:
        keys += [*r.chemical.citations, *r.physical.citations]
        keys += [c.li_source for c in r.transport.conductors if c.li_source]
        if r.growth is not None:
            keys += list(r.growth.citations)
            keys += [p.li.source for p in r.growth.phases if p.li.source not in ("", "estimate")]
    params = _parameter_rows(spec)
    keys += [p.source for p in params]
    info = get_database(spec.database).info
    keys += list(info.citations)
    if suggestion is not None:
        from interphase.coatings.screen import CITATIONS

        keys += list(CITATIONS)
    if cycling is not None:
        keys += list(cycling.citations)
    if md_layers:
        keys += ["deng2023chgnet" if md.potential == "chgnet" else "park2024sevennet"]
        keys += ["mccluskey2023kinisi", *(m.literature_source for m in md_layers)]
    citations = []
    for k in dict.fromkeys(keys):
        if not k or k == USER_SOURCE:
            continue
        try:
            citations.append(cite(k).to_dict())
        except InterphaseError:
            citations.append({"key": k, "title": "(not in the citation registry)"})
    import interphase

    return StackAnalysis(
        schema_version=SCHEMA_VERSION,
        stack=spec,
        interfaces=tuple(reports),
        coatings=suggestion,
        parameters=params,
        not_computed=tuple(missing),
        assumptions=ASSUMPTIONS,
        data={
            "interphase_version": getattr(interphase, "__version__", ""),
            "database": info.to_dict(),
        },
        citations=tuple(citations),
        wall_s=time.perf_counter() - t0,
        md=md_layers,
        cycling=cycling,
    )
