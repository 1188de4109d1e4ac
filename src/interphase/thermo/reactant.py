"""Resolve a material name or formula into a reactant with an energy and its provenance."""

from __future__ import annotations

import math
from dataclasses import dataclass

from pymatgen.core import Composition

from interphase.errors import InvalidConditionError
from interphase.materials import Material, get_material
from interphase.results import Result
from interphase.thermo.database import Database
from interphase.thermo.systems import elements_of, system_hull, vector

# Formation energies span about -4.5 (fluorides) to +1 eV/atom; the OQMD table is cut at
# |ΔH| > 5 eV/atom for the same reason: beyond, a user energy is a typo or a wrong unit.
MAX_USER_ENERGY_EV_PER_ATOM = 5.0


@dataclass(frozen=True)
class Reactant(Result):
    """A reactant: `energy_source` is "database", "hull-estimated" or "user"."""

    name: str
    formula: str
    reduced_formula: str
    energy_ev_per_atom: float
    energy_source: str
    energy_above_hull_ev_per_atom: float
    role: str = "other"

    @property
    def composition(self) -> Composition:
        return Composition(self.formula)

    @property
    def hull_estimated(self) -> bool:
        return self.energy_source == "hull-estimated"


def resolve_reactant(
    name_or_material: str | Material, db: Database, energy_ev_per_atom: float | None = None
) -> Reactant:
    """Look the material up, then take its energy: the user's if given, else the lowest
    database entry with that composition, else the hull energy there ("hull-estimated":
    solid solutions and doped phases such as NCM811 or LAGP have no entry)."""
    mat = get_material(name_or_material) if isinstance(name_or_material, str) else name_or_material
    comp = mat.composition
    db.check_elements(set(elements_of(comp)))
    hull = system_hull(db, elements_of(comp))
    e_hull = hull.energy(vector(hull, comp))
    if energy_ev_per_atom is not None:
        energy = float(energy_ev_per_atom)
        if not (math.isfinite(energy) and abs(energy) <= MAX_USER_ENERGY_EV_PER_ATOM):
            raise InvalidConditionError(
                f"energy of {mat.name} {energy_ev_per_atom} eV/atom is outside "
                f"±{MAX_USER_ENERGY_EV_PER_ATOM:g} eV/atom: give a formation energy per atom "
                "on the database's scale (LiF is about -3.2, Li2O about -2.1)"
            )
        source = "user"
    else:
        entry = db.energy_of(comp.formula)
        if entry is None:
            energy, source = e_hull, "hull-estimated"
        else:
            energy, source = entry, "database"
    return Reactant(
        name=mat.name,
        formula=mat.formula,
        reduced_formula=comp.reduced_formula,
        energy_ev_per_atom=energy,
        energy_source=source,
        energy_above_hull_ev_per_atom=max(energy - e_hull, 0.0),
        role=mat.role.value,
    )
