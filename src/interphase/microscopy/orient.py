"""Turn a structure along a zone axis [uvw] into an orthogonal cell for multislice.

The beam runs along z. The cell is the lattice supercell spanned by the two shortest lattice
vectors perpendicular to [uvw] and [uvw] itself (so it is a true repeat of the crystal, not a
strained copy); abTEM's `orthogonalize_cell` then squares the in-plane vectors by repeating the
cell, and a residual strain above `MAX_STRAIN` is refused rather than imaged.
Indices refer to the lattice of the structure as given (for LiCoO2 the hexagonal R-3m cell).
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from interphase.errors import InvalidConditionError
from interphase.results import Result

if TYPE_CHECKING:
    from pymatgen.core import Structure

MAX_INDEX = 12  # larger zone indices give cells far beyond MAX_CELL_ATOMS
MAX_REPETITIONS = 6  # in-plane repeats abTEM may use to square the cell
MAX_STRAIN = 0.01  # residual strain of squaring; more distorts the columns visibly
MAX_CELL_ATOMS = 20000  # oriented cell before thickness repeats
MAX_ATOMS = 200000  # the whole oriented specimen (multislice memory grows with it)
ANGLE_TOL_DEG = 0.5  # how far the plane normal may be from [uvw] (strained models)


@dataclass(frozen=True)
class OrientedCell(Result):
    """A structure oriented with [uvw] along z. Lengths in Å."""

    formula: str
    zone: tuple[int, int, int]
    extent_a: tuple[float, float]  # in-plane oriented unit (x, y), the imaged model
    repeat_a: float  # lattice repeat along the beam
    thickness_a: float
    n_atoms: int
    repeats: tuple[int, int, int]  # of the oriented unit in x, y, z
    residual_strain: float
    atoms: Any = field(default=None, repr=False, compare=False)  # ase.Atoms of the specimen

    def to_dict(self) -> dict[str, Any]:
        d = super().to_dict()
        d.pop("atoms", None)
        return d


def parse_zone(text: str | tuple[int, ...] | list[int]) -> tuple[int, int, int]:
    """ "1,0,0", "1 1 0", "[1-10]"-free forms or a tuple → (u, v, w); one-line errors."""
    if isinstance(text, str):
        parts = [p for p in text.replace("[", "").replace("]", "").replace(",", " ").split()]
        try:
            values = [int(p) for p in parts]
        except ValueError:
            raise InvalidConditionError(
                f"unknown zone axis {text!r}: give three integers u,v,w such as 1,0,0"
            ) from None
    else:
        values = [int(v) for v in text]
    if len(values) != 3:
        raise InvalidConditionError(
            f"unknown zone axis {text!r}: give three integers u,v,w such as 1,0,0 "
            "(four-index hexagonal axes: convert to three indices first)"
        )
    if all(v == 0 for v in values):
        raise InvalidConditionError("zone axis 0,0,0 has no direction: give e.g. 1,0,0")
    if max(abs(v) for v in values) > MAX_INDEX:
        raise InvalidConditionError(
            f"zone axis {values}: indices above {MAX_INDEX} give cells that cannot be "
            "oriented within the size limit; use a low-index zone"
        )
    g = math.gcd(*values)
    return (values[0] // g, values[1] // g, values[2] // g)


def _integer_normal(h: np.ndarray) -> np.ndarray | None:
    """Smallest integer vector within ANGLE_TOL_DEG of `h` (the plane normal in reciprocal
    components), or None."""
    unit = h / np.linalg.norm(h)
    scale = np.max(np.abs(h))
    for m in range(1, 4 * MAX_INDEX + 1):
        cand = np.round(h / scale * m)
        if not cand.any():
            continue
        cos = float(cand @ unit / np.linalg.norm(cand))
        if math.degrees(math.acos(min(1.0, abs(cos)))) < ANGLE_TOL_DEG:
            return cand.astype(int)
    return None


def _in_plane_basis(hkl: np.ndarray, lattice: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Two shortest independent integer vectors n (fractional) with hkl·n = 0."""
    span = range(-MAX_INDEX, MAX_INDEX + 1)
    cands = [
        np.array(n)
        for n in itertools.product(span, span, span)
        if any(n) and int(np.dot(hkl, n)) == 0
    ]
    cands.sort(key=lambda n: (float(np.linalg.norm(n @ lattice)), tuple(-n)))
    first = cands[0]
    for n in cands[1:]:
        if np.linalg.norm(np.cross(first @ lattice, n @ lattice)) > 1e-6:
            return first, n
    raise InvalidConditionError(
        f"the plane {tuple(int(x) for x in hkl)} perpendicular to this zone has no two lattice "
        f"vectors with indices up to {MAX_INDEX}: the cell cannot be oriented within the size "
        "limit; use a lower-index zone"
    )


def orient_structure(
    structure: Structure,
    zone: tuple[int, int, int] | str,
    *,
    thickness_nm: float = 5.0,
    min_extent_a: float = 0.0,
) -> OrientedCell:
    """`structure` with [uvw] along z, repeated to `thickness_nm` along the beam (the nearest
    whole number of repeats, at least one) and in plane to at least `min_extent_a`."""
    from abtem.atoms import orthogonalize_cell
    from ase import Atoms
    from pymatgen.io.ase import AseAtomsAdaptor

    uvw = np.array(parse_zone(zone))
    if not math.isfinite(thickness_nm) or not 0 < thickness_nm <= 200:
        raise InvalidConditionError(f"thickness {thickness_nm:g} nm: give (0, 200] nm")
    if not math.isfinite(min_extent_a) or not 0 <= min_extent_a <= 500:
        raise InvalidConditionError(f"in-plane extent {min_extent_a:g} Å: give 0..500 Å")
    lattice = structure.lattice.matrix
    beam = uvw @ lattice
    hkl = _integer_normal(structure.lattice.metric_tensor @ uvw)
    if hkl is None:
        raise InvalidConditionError(
            f"zone {tuple(int(x) for x in uvw)} of {structure.composition.reduced_formula} has "
            f"no lattice plane perpendicular to it within {ANGLE_TOL_DEG:g}°: the cell cannot "
            "be oriented; give a low-index zone of a more symmetric cell"
        )
    n1, n2 = _in_plane_basis(hkl, lattice)
    matrix = np.array([n1, n2, uvw])
    if np.linalg.det(matrix) < 0:  # keep the cell right-handed: a mirror image is another crystal
        matrix = np.array([n2, n1, uvw])
    det = abs(round(np.linalg.det(matrix)))
    if det * len(structure) > MAX_CELL_ATOMS:
        raise InvalidConditionError(
            f"zone {tuple(int(x) for x in uvw)} needs a cell of {det * len(structure)} atoms "
            f"(> {MAX_CELL_ATOMS}): it cannot be oriented within the size limit; use a "
            "lower-index zone"
        )
    sup = structure.copy()
    sup.make_supercell(matrix.tolist())
    e3 = beam / np.linalg.norm(beam)
    a1 = sup.lattice.matrix[0]
    e1 = a1 - (a1 @ e3) * e3
    e1 /= np.linalg.norm(e1)
    rot = np.array([e1, np.cross(e3, e1), e3])
    atoms = AseAtomsAdaptor.get_atoms(sup)
    atoms = Atoms(
        numbers=atoms.numbers,
        positions=atoms.positions @ rot.T,
        cell=sup.lattice.matrix @ rot.T,
        pbc=True,
    )
    try:
        ortho, (_, scale, shear) = orthogonalize_cell(
            atoms, max_repetitions=MAX_REPETITIONS, return_transform=True
        )
    except Exception as exc:  # abTEM raises RuntimeError when no repetition works
        raise InvalidConditionError(
            f"cannot square the cell of zone {tuple(int(x) for x in uvw)} within "
            f"{MAX_REPETITIONS} repetitions ({exc})"
        ) from None
    strain = float(max(np.max(np.abs(np.asarray(scale) - 1)), np.max(np.abs(shear))))
    if strain > MAX_STRAIN:
        raise InvalidConditionError(
            f"zone {tuple(int(x) for x in uvw)}: squaring the cell would strain it by "
            f"{strain:.1%} (> {MAX_STRAIN:.0%}); the cell cannot be oriented without "
            "distortion within the size limit"
        )
    ortho.wrap()
    lengths = np.diag(ortho.cell.array)
    reps = [
        max(1, math.ceil(min_extent_a / lengths[0] - 1e-9)),
        max(1, math.ceil(min_extent_a / lengths[1] - 1e-9)),
        max(1, round(thickness_nm * 10 / lengths[2])),
    ]
    if len(ortho) * reps[0] * reps[1] * reps[2] > MAX_ATOMS:
        raise InvalidConditionError(
            f"the oriented specimen would hold {len(ortho) * math.prod(reps)} atoms "
            f"(> {MAX_ATOMS}); lower the thickness or the in-plane extent"
        )
    specimen = ortho * tuple(reps)
    return OrientedCell(
        formula=structure.composition.reduced_formula,
        zone=tuple(int(x) for x in uvw),
        extent_a=(float(lengths[0]), float(lengths[1])),
        repeat_a=float(lengths[2]),
        thickness_a=float(lengths[2] * reps[2]),
        n_atoms=len(specimen),
        repeats=tuple(reps),
        residual_strain=strain,
        atoms=specimen,
    )


def oriented_structure(structure: Structure, zone: tuple[int, int, int] | str) -> Structure:
    """The oriented unit (one repeat along the beam) as a pymatgen Structure with c ∥ beam:
    models built on it (cation mixing, defects) are then imaged along 0,0,1."""
    from pymatgen.io.ase import AseAtomsAdaptor

    cell = orient_structure(structure, zone, thickness_nm=0.01)
    return AseAtomsAdaptor.get_structure(cell.atoms)
