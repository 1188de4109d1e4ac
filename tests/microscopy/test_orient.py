"""Zone-axis orientation: the oriented cell is the same crystal, with the analytic repeats.

Breaking the code on purpose: building the in-plane vectors from `ase.build.surface` with
periodic=True (which drops the in-plane part of the third vector) gives a LiCoO2 [100] cell
1.42 Å thick, and test_licoo2_100_cell fails.
"""

from __future__ import annotations

import numpy as np
import pytest

from interphase.atomistic.structures import load_structure
from interphase.errors import InvalidConditionError
from interphase.microscopy.orient import orient_structure, parse_zone

pytest.importorskip("abtem")


def _distances(structure):
    return np.sort(structure.distance_matrix.ravel())


def test_licoo2_100_cell():
    """Hexagonal [100]: in plane √3·a and c, repeat a along the beam; same density."""
    from pymatgen.io.ase import AseAtomsAdaptor

    s = load_structure("LiCoO2")
    a, _, c = s.lattice.abc
    cell = orient_structure(s, "1,0,0", thickness_nm=0.28)
    assert sorted(cell.extent_a) == pytest.approx(sorted([np.sqrt(3) * a, c]), rel=1e-9)
    assert cell.repeat_a == pytest.approx(a, rel=1e-9)
    assert cell.residual_strain < 1e-9
    back = AseAtomsAdaptor.get_structure(cell.atoms)
    assert back.density == pytest.approx(s.density, rel=1e-9)
    two = s.copy()
    two.make_supercell([[1, 2, 0], [0, 0, 1], [1, 0, 0]])  # the same 2-cell repeat unit
    assert np.allclose(_distances(two), _distances(back), atol=1e-6)


def test_thickness_is_whole_repeats():
    cell = orient_structure(load_structure("NiO"), "1,1,0", thickness_nm=2.0)
    assert cell.thickness_a == pytest.approx(cell.repeat_a * round(20 / cell.repeat_a))


@pytest.mark.parametrize("zone", ["1,0", "a,b,c", "0,0,0", "", "1,0,0,0"])
def test_unknown_zone_axes(zone):
    with pytest.raises(InvalidConditionError, match="zone"):
        parse_zone(zone)


def test_cells_that_cannot_be_oriented():
    # the bundled LiFePO4 cell is 0.5° off orthorhombic: [010] has no plane normal to it
    with pytest.raises(InvalidConditionError, match="cannot be oriented"):
        orient_structure(load_structure("LiFePO4"), "0,1,0")
    with pytest.raises(InvalidConditionError, match="size limit"):
        orient_structure(load_structure("LiCoO2"), "13,1,0")
    with pytest.raises(InvalidConditionError, match="atoms"):
        orient_structure(load_structure("LLZO"), "1,0,0", thickness_nm=200, min_extent_a=200)
