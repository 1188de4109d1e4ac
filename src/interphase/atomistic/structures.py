"""Bundled starting structures and reading user structure files with clear errors."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from interphase.errors import InputFileError, MissingDataError

if TYPE_CHECKING:
    from pymatgen.core import Structure

    from interphase.materials.material import Material


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
                raise ValueError(formula)  # internal: caught in bundled_structures
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
    wanted = _phase_word(name)
    if wanted is not None:
        return _polymorph_path(name, wanted)
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
    material = _catalog_material(name)
    if material is not None and material.structure_file is None:
        raise MissingDataError(
            f"catalog material {material.name} ({material.formula}) has no bundled structure: "
            "none could be verified (data/structures/SOURCES.md, 'Not built', says what was "
            f"found); {hint}give an ordered CIF/POSCAR path (e.g. its Materials Project cell)"
        )
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


_PHASE_WORDS = frozenset({"alpha", "beta", "gamma", "delta", "cubic", "tetragonal"})


def _phase_word(name: str) -> str | None:
    """The polymorph a name asks for ("beta-Li3PS4" -> "beta"), or None."""
    return next((w for w in re.split(r"[-_\s]+", name.lower()) if w in _PHASE_WORDS), None)


def _catalog_material(name: str) -> Material | None:
    """The catalog entry `name` (name, alias or a formula equal to an entry's) denotes."""
    from interphase.errors import UnknownMaterialError
    from interphase.materials.catalog import get_material

    try:
        material = get_material(name)
    except UnknownMaterialError:
        return None
    return material if material.from_catalog else None


def _catalog_structure_path(name: str) -> Path | None:
    """The bundled CIF a catalog material (name or alias: "LNMO", "LGPS", "NCM811") names."""
    material = _catalog_material(name)
    if material is None or material.structure_file is None:
        return None
    path = structures_dir() / material.structure_file
    return path if path.exists() else None


def _reduced_formula(name: str) -> str | None:
    """Reduced formula of a catalog name or a formula, or None for neither."""
    from pymatgen.core import Composition, Element

    material = _catalog_material(name)
    if material is not None:
        return material.composition.reduced_formula
    try:
        comp = Composition(name)
    except Exception:  # not a formula
        return None
    return comp.reduced_formula if all(isinstance(el, Element) for el in comp) else None


def _polymorph_path(name: str, wanted: str) -> Path | None:
    """The bundled cell of `name` whose file name carries the polymorph `wanted` ("beta-Li3PS4",
    "cubic LLZO"). The catalog keys one entry per composition, so without this check a request
    for beta-Li3PS4 would get the gamma cell passed off as beta. None when `name` is neither a
    catalog name nor a formula; MissingDataError when cells of that composition are bundled
    but none is labelled `wanted`."""
    base = re.sub(rf"(^|[-_\s]){wanted}(?=[-_\s]|$)", " ", name, flags=re.IGNORECASE)
    formula = _reduced_formula(base.strip(" -_"))
    if formula is None:
        return None
    same = [
        path
        for path in sorted(structures_dir().glob("*.cif"))
        if _reduced_formula(re.sub(r"-[a-z]+$", "", path.name.split("_")[0])) == formula
    ]
    labelled = [path for path in same if wanted in re.split(r"[-_.]", path.name.lower())]
    if labelled:
        return labelled[0]
    if not same:
        return None
    raise MissingDataError(
        f"no bundled {formula} cell is labelled {wanted}: bundled "
        f"{'is' if len(same) == 1 else 'are'} {', '.join(p.name for p in same)} "
        f"(data/structures/SOURCES.md gives the phase); load {formula!r} if that is the phase "
        f"you want, or give an ordered CIF/POSCAR of the {wanted} phase"
    )


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
            structure = _read_ase(path)
        else:
            structure = _read(path)
        source = str(path.resolve())
    else:
        structure = bundled_structure(text)
        bundled = bundled_structure_path(text)
        source = f"bundled {bundled.name if bundled else text}"
    # provenance travels with the cell (supercell_for keeps it) into MD metadata
    structure.properties["source"] = source
    return structure


def structure_provenance(structure: Structure) -> dict[str, str]:
    """Where a cell came from (`load_structure` records it) and its space group (spglib,
    symprec 0.1 Å), so that a trajectory says which crystal it started from: the catalog
    names one entry per composition, and e.g. tetragonal and cubic LLZO share a formula."""
    from pymatgen.symmetry.analyzer import SpacegroupAnalyzer

    try:
        sga = SpacegroupAnalyzer(structure, symprec=0.1)
        group = f"{sga.get_space_group_symbol()} ({sga.get_space_group_number()})"
    except Exception:  # spglib gives up on some distorted cells: say so, do not fail the run
        group = "unknown"
    source = structure.properties.get("source", "a Structure given in Python")
    return {"source": str(source), "space_group": group}


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
