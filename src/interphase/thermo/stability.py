"""Hull context: energy above the hull and the equilibrium decomposition of any composition."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from interphase.results import Result
from interphase.thermo.database import Database, get_database
from interphase.thermo.reactant import resolve_reactant
from interphase.thermo.systems import elements_of, system_hull, vector


@dataclass(frozen=True)
class HullResult(Result):
    formula: str
    name: str
    database: str
    energy_ev_per_atom: float  # the compound's formation energy used
    energy_source: str  # database | hull-estimated | user
    hull_energy_ev_per_atom: float  # hull at this composition, the compound itself excluded
    energy_above_hull_ev_per_atom: float  # ≥ 0
    decomposition_energy_ev_per_atom: float  # E − hull without it: < 0 means stable
    decomposition: dict[str, float]  # phase → atom fraction of the competing equilibrium
    mp_task_id: str | None = None
    citations: tuple[str, ...] = field(default=())


def hull_analysis(
    name: str, db: Database | None = None, energy_ev_per_atom: float | None = None
) -> HullResult:
    """Where `name` sits relative to the hull of its chemical system."""
    db = db or get_database("mp")
    r = resolve_reactant(name, db, energy_ev_per_atom)
    hull = system_hull(db, elements_of(r.composition))
    v = vector(hull, r.composition)
    same = np.all(np.abs(hull.fractions - v) < 1e-6, axis=1)
    # an element is the reference of its own system: nothing else has its composition
    p = hull.point(v) if len(r.composition.elements) == 1 else hull.point(v, exclude=same)
    e_d = r.energy_ev_per_atom - p.energy_ev_per_atom
    return HullResult(
        formula=r.formula,
        name=r.name,
        database=db.key,
        energy_ev_per_atom=r.energy_ev_per_atom,
        energy_source=r.energy_source,
        hull_energy_ev_per_atom=p.energy_ev_per_atom,
        energy_above_hull_ev_per_atom=max(e_d, 0.0),
        decomposition_energy_ev_per_atom=e_d,
        decomposition={hull.formulas[i]: w for i, w in sorted(p.phases.items())},
        citations=(*db.info.citations, "ong2013"),
    )
