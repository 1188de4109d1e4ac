"""Relaxation of positions (and optionally the cell) with an ML potential through ASE."""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from interphase.errors import InvalidConditionError
from interphase.results import Result

if TYPE_CHECKING:
    from pymatgen.core import Structure


@dataclass(frozen=True)
class RelaxResult(Result):
    """A relaxed structure and its energy. Energies in eV, forces in eV/Å, volume in Å^3."""

    formula: str
    potential: str
    n_atoms: int
    energy_ev: float
    energy_ev_per_atom: float
    max_force_ev_per_a: float
    volume_a3_initial: float
    volume_a3_final: float
    n_steps: int
    converged: bool
    relax_cell: bool
    structure: Any = None  # pymatgen Structure (to_dict gives its dict)

    def to_dict(self) -> dict[str, Any]:
        d = super().to_dict()
        d["structure"] = self.structure.as_dict() if self.structure is not None else None
        return d


def structure_to_atoms(structure: Structure) -> Any:
    from pymatgen.io.ase import AseAtomsAdaptor

    s = structure.copy()
    s.remove_oxidation_states()
    atoms = AseAtomsAdaptor.get_atoms(s)
    atoms.info.pop("spacegroup", None)
    return atoms


def atoms_to_structure(atoms: Any) -> Structure:
    from pymatgen.io.ase import AseAtomsAdaptor

    return AseAtomsAdaptor.get_structure(atoms)


def relax(
    structure: Structure,
    potential: str = "chgnet",
    *,
    relax_cell: bool = True,
    fmax_ev_per_a: float = 0.05,
    max_steps: int = 300,
    fix_symmetry: bool = False,
    device: str | None = None,
    calculator: Any = None,
) -> RelaxResult:
    """Relax `structure` with FIRE (positions, and the cell through a FrechetCellFilter when
    `relax_cell`) until all forces are below `fmax_ev_per_a` or `max_steps` is reached."""
    from ase.filters import FrechetCellFilter
    from ase.optimize import FIRE

    from interphase.atomistic.potentials import get_calculator, potential_info

    if fmax_ev_per_a <= 0 or max_steps < 0:
        raise InvalidConditionError("fmax must be positive and max_steps non-negative")
    info = potential_info(potential)
    atoms = structure_to_atoms(structure.copy())
    atoms.calc = calculator or get_calculator(info.name, device)
    if fix_symmetry:
        from ase.constraints import FixSymmetry

        atoms.set_constraint(FixSymmetry(atoms))
    v0 = atoms.get_volume()
    target = FrechetCellFilter(atoms) if relax_cell else atoms
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        opt = FIRE(target, logfile=None)
        converged = bool(opt.run(fmax=fmax_ev_per_a, steps=max_steps)) if max_steps else False
        e = float(atoms.get_potential_energy())
        fmax = float((atoms.get_forces() ** 2).sum(axis=1).max() ** 0.5)
    atoms.set_constraint()
    final = atoms_to_structure(atoms)
    return RelaxResult(
        formula=final.composition.reduced_formula,
        potential=info.name,
        n_atoms=len(atoms),
        energy_ev=e,
        energy_ev_per_atom=e / len(atoms),
        max_force_ev_per_a=fmax,
        volume_a3_initial=float(v0),
        volume_a3_final=float(atoms.get_volume()),
        n_steps=int(opt.nsteps),
        converged=converged or fmax <= fmax_ev_per_a,
        relax_cell=relax_cell,
        structure=final,
    )
