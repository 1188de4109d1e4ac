"""Local coordination and site symmetry of chosen atoms in one frame.

The neighbours of an atom are the atoms of *other* elements within `cutoff_scale` x the sum of
their covalent radii (ASE natural cut-offs; for Li these are its anions and, at an interface,
the other side's atoms). The symmetry of that polyhedron is measured with pymatgen's local
structure order parameters (Zimmermann et al., Front. Mater. 4, 34 (2017),
doi:10.3389/fmats.2017.00034): q_tet and q_oct are 1 for a perfect tetrahedron and octahedron
and fall as the polyhedron distorts (an octahedron with 0.2 Å random displacements: q_oct 0.70).

Cut-off: 1.3 x the covalent-radius sum by default (2.41 Å for Li–F, 2.52 Å for Li–O; the next
shell of rock-salt LiF is at 3.49 Å). With 1.2 x, thermal stretching alone took 5 of 8 Li in
bulk LiF at 600 K (CHGNet NVT, 64 atoms) below 6 neighbours; with 1.3 x, 0 to 3 of 8 in three
frames. Thermal motion also lowers q_oct (0.6–0.8 there), so compare the atoms near an
interface with those away from it at the same temperature, not with the ideal crystal.

Site classes (heuristic thresholds, stated so they can be argued with): tetrahedral = 4
neighbours and q_tet >= 0.5; octahedral = 6 neighbours and q_oct >= 0.5. q_oct alone does not
separate an octahedron from a square pyramid (both 1), so the class also needs the count.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np

from interphase.results import Result

SITE_CLASS_MIN_Q = 0.5


@dataclass(frozen=True)
class LocalEnvironment(Result):
    """Coordination and site symmetry of a set of atoms in one frame (means over the set)."""

    n_atoms: int
    mean_coordination: float
    coordination_counts: dict[int, int]  # number of unlike neighbours -> atoms
    mean_q_tet: float | None  # over atoms with >= 3 neighbours
    mean_q_oct: float | None
    fraction_tetrahedral: float
    fraction_octahedral: float


@cache
def _tet_oct_params() -> Any:
    from pymatgen.analysis.local_env import LocalStructOrderParams

    return LocalStructOrderParams(["tet", "oct"])


def _order_parameters(centre: np.ndarray, neighbours: np.ndarray) -> tuple[float, float]:
    """q_tet and q_oct of one polyhedron given Cartesian positions (Å), neighbours already as
    minimum images. pymatgen reads the given neighbour sites without periodic images, so the
    polyhedron is placed alone in a large box."""
    from pymatgen.core import Lattice, Structure

    box = 4.0 * float(np.abs(neighbours - centre).max()) + 10.0
    mid = np.full(3, box / 2)
    coords = [mid] + [mid + (v - centre) for v in neighbours]
    s = Structure(Lattice.cubic(box), ["H"] * len(coords), coords, coords_are_cartesian=True)
    q_tet, q_oct = _tet_oct_params().get_order_parameters(
        s, 0, indices_neighs=list(range(1, len(coords)))
    )
    return float(q_tet), float(q_oct)


def local_environment(
    atoms: Any, indices: list[int] | np.ndarray, *, cutoff_scale: float = 1.3
) -> LocalEnvironment | None:
    """Coordination and site symmetry of `atoms[indices]` (an ASE Atoms); None for no atoms."""
    from ase.neighborlist import NeighborList, natural_cutoffs

    idx = [int(i) for i in indices]
    if not idx:
        return None
    nl = NeighborList(
        natural_cutoffs(atoms, mult=cutoff_scale), self_interaction=False, bothways=True, skin=0.0
    )
    nl.update(atoms)
    symbols = np.array(atoms.get_chemical_symbols())
    pos = atoms.positions
    cell = np.asarray(atoms.cell)
    counts: list[int] = []
    q_tet: list[float] = []
    q_oct: list[float] = []
    tet = octa = 0
    for i in idx:
        nbr, offsets = nl.get_neighbors(i)
        unlike = symbols[nbr] != symbols[i]
        nbr, offsets = nbr[unlike], offsets[unlike]
        counts.append(len(nbr))
        if len(nbr) < 3:
            continue
        images = pos[nbr] + offsets @ cell  # the neighbours as seen from atom i
        qt, qo = _order_parameters(pos[i], images)
        q_tet.append(qt)
        q_oct.append(qo)
        tet += len(nbr) == 4 and qt >= SITE_CLASS_MIN_Q
        octa += len(nbr) == 6 and qo >= SITE_CLASS_MIN_Q
    n = len(idx)
    return LocalEnvironment(
        n_atoms=n,
        mean_coordination=float(np.mean(counts)),
        coordination_counts=dict(sorted(Counter(counts).items())),
        mean_q_tet=float(np.mean(q_tet)) if q_tet else None,
        mean_q_oct=float(np.mean(q_oct)) if q_oct else None,
        fraction_tetrahedral=tet / n,
        fraction_octahedral=octa / n,
    )
