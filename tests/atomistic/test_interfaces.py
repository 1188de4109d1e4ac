"""Interface models: lattice matching within the strain limit, relaxation, MD analysis."""

import shutil
from pathlib import Path

import numpy as np
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
from interphase.errors import InvalidConditionError, MissingDataError


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


def test_crossings_count_a_known_hop_across_the_plane(tmp_path):
    """One Li of the film is put into the substrate's top layer and back: exactly one
    crossing each way, at the right frames and atom (breaking it: comparing each frame with
    the first instead of the previous one counts the return as nothing)."""
    from ase.io import write

    m = build_interface("NiO", "LiF", strain_limit=0.05, min_in_plane_a=0.0)
    atoms = AseAtomsAdaptor.get_atoms(m.structure)
    z = atoms.get_positions()[:, 2]
    sub = list(m.substrate_indices)
    top = max(z[i] for i in sub)
    li = [i for i in _li(atoms) if i not in sub and z[i] > top]
    hop = min(li, key=lambda i: z[i])  # the film Li nearest the upper interface plane
    frames = []
    for k, dz in enumerate((0.0, top - 0.3 - z[hop], 0.0)):
        f = atoms.copy()
        pos = f.get_positions()
        pos[hop, 2] += dz
        f.set_positions(pos)
        f.info = {"time_fs": 10.0 * k, "temperature_K": 300.0, "frame_interval_fs": 10.0}
        frames.append(f)
    traj = tmp_path / "hop.extxyz"
    write(str(traj), frames, format="extxyz")
    dyn = analyse_interface_trajectory(traj, m.substrate_indices)
    assert (dyn.crossings_into_substrate, dyn.crossings_into_film) == (1, 1)
    assert [e[1] for e in dyn.crossing_events] == [hop, hop]
    assert [e[2] for e in dyn.crossing_events] == ["into substrate", "into film"]


def _li(atoms):
    return [i for i, s in enumerate(atoms.get_chemical_symbols()) if s == "Li"]


def test_site_symmetry_of_ideal_and_interstitial_li():
    from interphase.atomistic.local_environment import local_environment

    lif = bulk("LiF", "rocksalt", a=4.03).repeat(2)  # Li octahedral
    env = local_environment(lif, _li(lif))
    assert env.coordination_counts == {6: 8} and env.fraction_octahedral == 1.0
    assert env.mean_q_oct == pytest.approx(1.0, abs=1e-6) and env.mean_q_tet < 0.1
    li2o = bulk("OLi2", "fluorite", a=4.61).repeat(2)  # antifluorite: Li tetrahedral
    env = local_environment(li2o, _li(li2o))
    assert env.coordination_counts == {4: 16} and env.fraction_tetrahedral == 1.0
    assert env.mean_q_tet == pytest.approx(1.0, abs=1e-6) and env.mean_q_oct < 0.1
    # one Li moved from its octahedron into the tetrahedral interstice (a/4, a/4, a/4) of
    # the F sublattice: 4 F at a*sqrt(3)/4, the polyhedron becomes a tetrahedron
    moved = lif.copy()
    li0 = _li(moved)[0]
    f_next = moved.positions[li0] + np.array([4.03 / 2, 0, 0])  # an F neighbour of Li0
    moved.positions[li0] = f_next + 4.03 / 4 * np.array([-1, 1, 1])
    env = local_environment(moved, [li0])
    assert env.coordination_counts == {4: 1} and env.fraction_tetrahedral == 1.0


def test_interface_li_keeps_its_octahedron_across_a_coherent_rocksalt_interface(tmp_path):
    # LiF(100) on NiO(100), cube on cube: the interface Li has 5 F and 1 O across the gap,
    # an octahedron continued through the interface
    from ase.io import write

    m = build_interface("NiO", "LiF", strain_limit=0.05, min_in_plane_a=0.0)
    frame = AseAtomsAdaptor.get_atoms(m.structure)
    frame.info = {"time_fs": 0.0, "temperature_K": 300.0}
    traj = tmp_path / "if.extxyz"
    write(str(traj), [frame, frame], format="extxyz")
    dyn = analyse_interface_trajectory(traj, m.substrate_indices)
    near = dyn.environment_near_initial
    assert near is not None and near.n_atoms > 0
    assert near.coordination_counts == {6: near.n_atoms} and near.fraction_octahedral == 1.0
    assert near == dyn.environment_near_final
    assert dyn.coordination_near_initial == 6.0


def test_workflow_chains_build_relax_md_analysis_and_reports_progress(tmp_path):
    from ase.io import read

    from interphase.atomistic.interface_workflow import interface_workflow

    ni = AseAtomsAdaptor.get_structure(bulk("Ni", cubic=True))
    cu = AseAtomsAdaptor.get_structure(bulk("Cu", cubic=True))
    calls = []
    res = interface_workflow(
        ni,
        cu,
        min_in_plane_a=5.0,
        relax_steps=5,
        md_steps=20,
        temperature_k=900,
        potential="emt",
        species="Cu",
        model_path=tmp_path / "model.xyz",
        progress=lambda what, done, total: calls.append((what, done, total)),
    )
    assert res.model.relaxed and res.dynamics is not None and res.md.production_steps == 20
    # no --out-dir: the trajectory goes to a fresh temporary folder, named in the result
    traj = Path(res.trajectory_path)
    assert traj.exists() and traj.parent.name.startswith("interphase-interface-")
    back = read(res.model_path)  # .xyz is written as extended XYZ, cell included
    assert len(back) == res.model.n_atoms and back.cell.volume > 0
    d = res.to_dict()
    assert {"n_atoms", "max_strain", "dynamics", "md", "trajectory_path", "model_path"} <= set(d)
    stages = [c for c in calls if not c[0].startswith("MD ")]
    assert [c[0] for c in stages][:2] == ["building the interface model", "relaxing the interface"]
    assert stages[-1][1] == stages[-1][2] == 5  # build, relax, MD, analysis, write
    assert any(c[0].startswith("MD ") and c[1] == 20 for c in calls)  # the MD reports through
    shutil.rmtree(traj.parent)


def test_workflow_refuses_an_unknown_model_format_before_any_work(tmp_path):
    from interphase.atomistic.interface_workflow import interface_workflow

    with pytest.raises(InvalidConditionError, match=r"\.cif"):
        interface_workflow("NoSuchThing", "LiF", model_path=tmp_path / "model.foo")
    assert not (tmp_path / "model.foo").exists()
