"""Fingerprints: layered vs cation-mixed vs spinel, cubic vs tetragonal LLZO, twin and
antiphase boundaries in constructed models, layer contrast.

The twin and antiphase models are constructed test models (not bundled data): an ordered
rock-salt LiCoO2 analogue (a = 4.1 Å) whose Li/Co planes run along [111] in one half and
[1-11] in the other, and the R-3m LiCoO2 cell with Li and Co exchanged in half of an 8 x 2 x 1
supercell.

Breaking the code on purpose: raising fingerprint.D_MIN_A to 3 Å (G_MAX 0.167 Å^-1, below the
0.213 Å^-1 of the Li/Co plane alternation of LiCoO2) fails six tests (layered LiCoO2 is no
longer found, nor the twin domains); accepting every phase shift as antiphase (dropping the
π/2 threshold in depth_profile) reports boundaries inside the single-domain model.
"""

from __future__ import annotations

import numpy as np
import pytest
from pymatgen.core import Lattice, Structure

from interphase.atomistic.structures import load_structure
from interphase.errors import InvalidConditionError, MissingDataError
from interphase.microscopy.fingerprint import (
    cation_order,
    depth_profile,
    garnet_fingerprint,
    layer_contrast,
)
from interphase.microscopy.models import mix_cations


@pytest.fixture(scope="module")
def lco_441():
    s = load_structure("LiCoO2")
    s.make_supercell([4, 4, 1])
    return s


def test_layered_licoo2_vs_fully_mixed(lco_441):
    ordered = cation_order(lco_441)
    mixed = cation_order(mix_cations(lco_441, 0.5, seed=3))
    assert ordered.phase.startswith("layered") and ordered.order_parameter == pytest.approx(1)
    assert ordered.ordering_hkl == (0, 0, 3)  # Li/Co planes alternate along c (d003)
    assert ordered.li_layer_tm_occupancy == 0
    assert mixed.phase.startswith("rock-salt")
    # a random occupancy of 96 sites: |F| ~ 1/sqrt(N) per G, max over the G searched
    assert mixed.order_parameter < 0.35


@pytest.mark.parametrize("x", [0.1, 0.2, 0.3])
def test_order_parameter_follows_mixing(lco_441, x):
    """Exchanging a fraction x of Li with Co: η = 1 - 2x, TM in the Li layer = x (exact on
    the ordering vector of the parent: each swap moves one Co in and one Li out)."""
    r = cation_order(mix_cations(lco_441, x, seed=1))
    assert r.order_parameter == pytest.approx(1 - 2 * x, abs=0.02)
    assert r.li_layer_tm_occupancy == pytest.approx(x, abs=0.02)


def test_spinel_and_rock_salt():
    assert cation_order(load_structure("LiMn2O4")).phase.startswith("spinel")
    assert cation_order(load_structure("LiMn2O4")).tetrahedral_fraction == pytest.approx(1 / 3)
    nio = cation_order(load_structure("NiO"))
    assert nio.phase.startswith("rock-salt") and nio.order_parameter == 0


def test_cubic_vs_tetragonal_llzo():
    """t-LLZO: I4_1/acd, c/a = 12.70/13.24 = 0.960 (the bundled cell); c-LLZO snapshot:
    an Ia-3d framework of a = 12.98 Å with Li off the framework's symmetry."""
    t = garnet_fingerprint(load_structure("LLZO"))
    c = garnet_fingerprint(load_structure("Li7La3Zr2O12-cubic"))
    assert t.phase == "tetragonal" and t.c_over_a == pytest.approx(0.9596, abs=1e-3)
    assert t.li_ordered and t.framework_space_group == "I4_1/acd"
    assert c.phase == "cubic" and c.c_over_a == pytest.approx(1.0, abs=1e-3)
    assert c.framework_space_group == "Ia-3d" and not c.li_ordered
    with pytest.raises(MissingDataError):
        garnet_fingerprint(load_structure("LiCoO2"))


def _rock_salt_domains(a=4.1, cells=(6, 2, 2)):
    species, coords = [], []
    n = [2 * c for c in cells]
    for i in range(n[0]):
        for j in range(n[1]):
            for k in range(n[2]):
                f = [i / n[0], j / n[1], k / n[2]]
                if (i + j + k) % 2:
                    species.append("O")
                else:
                    plane = (i + j + k) if i < n[0] // 2 else (i - j + k)
                    species.append("Co" if (plane // 2) % 2 == 0 else "Li")
                coords.append(f)
    return Structure(Lattice.orthorhombic(*(a * c for c in cells)), species, coords)


def test_twin_boundaries_found_between_ordering_variants():
    prof = depth_profile(_rock_salt_domains(), axis=0, slab_nm=1.2)
    assert [s.order_parameter for s in prof.slabs] == pytest.approx([1, 1])
    kinds = {b.kind for b in prof.boundaries}
    assert kinds == {"twin"} and len(prof.boundaries) == 2
    # [111] and [1-11] are 70.5° apart
    assert prof.boundaries[0].angle_deg == pytest.approx(70.53, abs=0.1)


def test_antiphase_boundaries_found_and_single_domain_clean():
    s = load_structure("LiCoO2")
    s.make_supercell([8, 2, 1])
    slab = s.lattice.a / 40  # 4 slabs: the boundaries fall on slab edges
    clean = depth_profile(s, axis=0, slab_nm=slab)
    assert clean.boundaries == ()
    apb = s.copy()
    for i, site in enumerate(s):
        if site.frac_coords[0] % 1 >= 0.5 and site.specie.symbol in ("Li", "Co"):
            apb.replace(i, "Co" if site.specie.symbol == "Li" else "Li")
    prof = depth_profile(apb, axis=0, slab_nm=slab)
    assert [b.kind for b in prof.boundaries] == ["antiphase", "antiphase"]
    assert all(abs(b.phase_shift_rad - np.pi) < 0.05 for b in prof.boundaries)
    depths = sorted(round(b.depth_nm, 2) for b in prof.boundaries)
    assert depths == [0.0, round(s.lattice.a / 20, 2)]


def test_depth_profile_limits():
    s = load_structure("LiCoO2")
    with pytest.raises(InvalidConditionError):
        depth_profile(s, axis=2, slab_nm=0.0)
    with pytest.raises(InvalidConditionError, match="fewer than"):
        depth_profile(s, axis=2, slab_nm=0.5)


def test_layer_contrast_of_a_two_level_image():
    """Rows alternating 3 and 1: contrast |3-1|/(3+1) = 0.5 between every pair of layers."""
    img = np.ones((40, 10))
    img[::10] = 3.0
    img[5::10] = 1.0
    layers = [0.0, 5.0, 10.0, 15.0, 20.0, 25.0]
    r = layer_contrast(img, layers, sampling_a=1.0, half_width_a=0.4)
    assert r.contrast == pytest.approx([0.5] * 5)
