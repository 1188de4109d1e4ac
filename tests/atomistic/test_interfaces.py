"""Interface models: lattice matching within the strain limit, relaxation, MD analysis."""

import pytest

pytest.importorskip("ase")

from ase.build import bulk
from pymatgen.io.ase import AseAtomsAdaptor

from interphase.atomistic.interfaces import (
    analyse_interface_trajectory,
    build_interface,
    relax_interface,
)
from interphase.atomistic.md import run_md
from interphase.errors import MissingDataError


def test_lif_on_nio_builds_under_strain_limit_and_relaxes():
    pytest.importorskip("chgnet")
    m = build_interface("NiO", "LiF", strain_limit=0.05, min_in_plane_a=0.0)
    assert m.max_strain <= 0.05 and m.max_strain == pytest.approx(0.036, abs=0.005)
    assert m.n_atoms == 16 and 0 < m.n_substrate_atoms < m.n_atoms
    r = relax_interface(m, "chgnet", max_steps=2)
    assert r.relaxed and r.energy_ev < r.energy_initial_ev


def test_strain_limit_is_enforced():
    with pytest.raises(MissingDataError):
        build_interface("NiO", "LiF", strain_limit=0.01, min_in_plane_a=0.0)


def test_metal_interface_md_profiles_and_crossings(tmp_path):
    ni = AseAtomsAdaptor.get_structure(bulk("Ni", cubic=True))
    cu = AseAtomsAdaptor.get_structure(bulk("Cu", cubic=True))
    m = build_interface(ni, cu, strain_limit=0.05, min_in_plane_a=5.0)
    assert m.max_strain < 0.05
    r = relax_interface(m, "emt", max_steps=30)
    assert r.energy_ev < r.energy_initial_ev
    traj = tmp_path / "if.extxyz"
    run_md(r.structure, 900, 60, trajectory=traj, potential="emt", save_interval=6)
    dyn = analyse_interface_trajectory(traj, m.substrate_indices, species="Cu", n_blocks=2)
    assert set(dyn.density_profiles) == {"Cu", "Ni"}
    assert len(dyn.density_profiles["Cu"]) == 2 and len(dyn.z_nm) == 60
    assert dyn.crossings == dyn.crossings_into_film + dyn.crossings_into_substrate
    assert dyn.coordination_near_initial is not None
