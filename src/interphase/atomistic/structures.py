"""Bundled starting structures and reading user structure files with clear errors."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from interphase.errors import InputFileError, MissingDataError

if TYPE_CHECKING:
    from pymatgen.core import Structure


def structures_dir() -> Path:
    """Folder of the bundled CIFs (see its SOURCES.md for where each comes from)."""
    return Path(str(resources.files("interphase") / "data" / "structures"))


@cache
def bundled_structures() -> dict[str, Path]:
    """Bundled CIF files keyed by reduced formula (e.g. "Li3PO4", "LiCoO2")."""
    from pymatgen.core import Composition, Element

    out: dict[str, Path] = {}
    for path in sorted(structures_dir().glob("*.cif")):
        formula = path.name.split("_")[0]
        try:
            comp = Composition(formula)
            if not all(isinstance(el, Element) for el in comp):  # "NCM811": N, C, dummy "M"
                raise ValueError(formula)
            key = comp.reduced_formula
        except Exception:  # a file name that is not a formula (e.g. "NCM811_model")
            key = formula
        out.setdefault(key, path)
    return out


def bundled_structure_path(name: str) -> Path | None:
    """The bundled CIF for a formula ("LiF"), file stem ("NCM811") or catalog name ("LNMO"),
    or None when nothing is bundled for it."""
    table = bundled_structures()
    if name in table:
        return table[name]
    try:
        from pymatgen.core import Composition

        key = Composition(name).reduced_formula
    except Exception:
        key = name
    if key in table:
        return table[key]
    return _catalog_structure_path(name)


def bundled_structure(name: str) -> Structure:
    """A bundled structure by formula ("LiF", "Li10GeP2S12") or file stem ("NCM811")."""
    path = bundled_structure_path(name)
    if path is not None:
        return _read(path)
    from interphase.materials.catalog import all_materials

    table = bundled_structures()
    near = _nearest_bundled(name, table)
    hint = f"closest bundled by elements: {', '.join(near)}; " if near else ""
    named = sorted(m.name for m in all_materials() if m.structure_file)
    raise MissingDataError(
        f"no bundled structure for {name!r}; {hint}bundled: {', '.join(named)} (catalog names) "
        f"and {', '.join(sorted(table))} (formulas); or give a CIF/POSCAR path"
    )


def bundled_cell_flagged(path: Path) -> bool:
    """Whether SOURCES.md flags a bundled cell as unverified (its file name says CHECK-...,
    e.g. LiCl_Fm-3m_CHECK-LATTICE.cif, 4 % small)."""
    return "CHECK" in Path(path).name


def _nearest_bundled(name: str, table: dict[str, Path]) -> list[str]:
    """Bundled formulas whose elements all occur in `name`'s composition (a catalog name or a
    formula), sharing the most elements (at least three): the undoped parents of a substituted
    phase, e.g. LiGe2(PO4)3 for LAGP. Empty when `name` has no composition."""
    from pymatgen.core import Composition

    from interphase.errors import UnknownMaterialError
    from interphase.materials.catalog import get_material

    try:
        elements = {el.symbol for el in get_material(name).composition.elements}
    except UnknownMaterialError:
        try:
            elements = {el.symbol for el in Composition(name).elements}
        except Exception:  # neither a catalog name nor a formula
            return []
    best: list[str] = []
    top = 2
    for formula in sorted(table):
        try:
            own = {el.symbol for el in Composition(formula).elements}
        except Exception:  # a non-formula stem ("NCM811")
            continue
        if own <= elements and len(own) >= top:
            if len(own) > top:
                best, top = [], len(own)
            best.append(formula)
    return best if top >= 3 else []


def _catalog_structure_path(name: str) -> Path | None:
    """The bundled CIF a catalog material (name or alias: "LNMO", "LGPS", "NCM811") names."""
    from interphase.errors import UnknownMaterialError
    from interphase.materials.catalog import get_material

    try:
        material = get_material(name)
    except UnknownMaterialError:
        return None
    if material.structure_file is None:
        return None
    path = structures_dir() / material.structure_file
    return path if path.exists() else None


def _read(path: Path) -> Structure:
    import warnings

    from pymatgen.core import Structure

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            s = Structure.from_file(str(path))
        except Exception as exc:  # pymatgen raises many types for bad files
            raise InputFileError(f"cannot read structure from {path.name!r}: {exc}") from None
    if len(s) == 0:
        raise InputFileError(f"structure file {path.name!r} has no atoms")
    if not s.is_ordered:
        raise InputFileError(
            f"structure in {path.name!r} has partial occupancies; give an ordered cell "
            "(e.g. order it with pymatgen's OrderDisorderedStructureTransformation)"
        )
    return s


def load_structure(spec: str | Path | Structure) -> Structure:
    """A pymatgen Structure from a Structure, a file path (CIF, POSCAR, extxyz...) or the name of
    a bundled structure. Raises InputFileError for missing/unreadable files."""
    from pymatgen.core import Structure

    if isinstance(spec, Structure):
        return spec
    text = str(spec)
    path = Path(text)
    # "LiNi0.5Mn1.5O4" has a suffix too; a file extension never starts with a digit
    has_extension = path.suffix != "" and not path.suffix[1:2].isdigit()
    looks_like_file = has_extension or "/" in text or path.exists()
    if looks_like_file:
        if not path.exists():
            raise InputFileError(f"structure file {text!r} does not exist")
        if path.suffix.lower() in {".xyz", ".extxyz", ".traj"}:
            return _read_ase(path)
        return _read(path)
    return bundled_structure(text)


def _read_ase(path: Path) -> Structure:
    from pymatgen.io.ase import AseAtomsAdaptor

    try:
        from ase.io import read
    except ImportError as exc:  # pragma: no cover - ase is in the atomistic extra
        raise MissingDataError(
            "reading .xyz/.traj needs ase: pip install 'interphase[atomistic]'"
        ) from exc
    try:
        atoms = read(str(path), index=-1)
    except Exception as exc:
        raise InputFileError(f"cannot read structure from {path.name!r}: {exc}") from None
    return AseAtomsAdaptor.get_structure(atoms)


def supercell_for(structure: Structure, min_atoms: int = 0, min_length_a: float = 0.0) -> Structure:
    """Smallest diagonal supercell with at least `min_atoms` atoms and every lattice vector at
    least `min_length_a` Å long (the lengths grow from the shortest vector first)."""
    import math

    s = structure.copy()
    mult = [max(1, math.ceil(min_length_a / x)) if min_length_a else 1 for x in s.lattice.abc]
    while len(s) * mult[0] * mult[1] * mult[2] < min_atoms:
        lengths = [m * x for m, x in zip(mult, s.lattice.abc, strict=True)]
        mult[lengths.index(min(lengths))] += 1
    s.make_supercell(mult)
    return s


def file_stem(structure: Structure) -> str:
    """A shell-safe name for files of `structure`: "Li10Ge1P2S12" rather than "Li10Ge(PS6)2"."""
    return structure.composition.reduced_composition.formula.replace(" ", "")
