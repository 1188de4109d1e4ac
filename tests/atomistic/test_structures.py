"""Bundled structures: every CIF parses, is ordered, has no overlapping atoms; the ones built
from published Wyckoff data reproduce their declared space group."""

import importlib.util

import numpy as np
import pytest

from interphase.atomistic.structures import (
    bundled_structure,
    bundled_structures,
    load_structure,
    supercell_for,
)
from interphase.errors import InputFileError, MissingDataError


def test_every_bundled_cif_is_ordered_and_sane():
    table = bundled_structures()
    for needed in ("LiF", "Li2S", "Li3P", "Li3PO4", "Al2O3", "Li2CO3", "Li10GeP2S12", "LiCoO2"):
        assert bundled_structure(needed).composition.reduced_formula, needed
    for name, path in table.items():
        s = load_structure(path)
        assert s.is_ordered, name
        if len(s) > 1:
            dm = s.distance_matrix + np.eye(len(s)) * 99
            assert dm.min() > 1.2, (name, dm.min())


def test_built_structures_reproduce_space_groups():
    spec = importlib.util.spec_from_file_location(
        "build_structures",
        str(next(iter(bundled_structures().values())).parent / "build_structures.py"),
    )
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    from pymatgen.core import Structure

    for name, (sg, lat, species, coords) in mod.BUILT.items():
        s = Structure.from_spacegroup(sg, lat, species, coords)
        mod.check(s, sg)  # raises on a wrong space group or overlapping atoms
        shipped = load_structure(bundled_structures()[s.composition.reduced_formula])
        assert shipped.composition == s.composition, name


def test_ncm811_model_composition():
    s = load_structure("NCM811")
    comp = s.composition
    assert comp["Ni"] / (comp["Ni"] + comp["Co"] + comp["Mn"]) == pytest.approx(0.8)


def test_bad_inputs(tmp_path):
    with pytest.raises(InputFileError):
        load_structure(tmp_path / "missing.cif")
    bad = tmp_path / "bad.cif"
    bad.write_text("this is not a CIF\n")
    with pytest.raises(InputFileError):
        load_structure(bad)
    with pytest.raises(MissingDataError):
        load_structure("Unobtainium")


def test_supercell_for():
    s = supercell_for(load_structure("Li2O"), min_atoms=20, min_length_a=5.0)
    assert len(s) >= 20
    assert min(s.lattice.abc) >= 5.0
