"""MD engine: NVE conserves energy, NVT thermostats hold the temperature, restart continues.

The integrator and thermostat checks use ASE's EMT potential on Cu (fast and exact enough to
test the machinery); a short CHGNet run checks the ML-potential path end to end."""

import json
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("ase")

from ase.build import bulk
from pymatgen.io.ase import AseAtomsAdaptor

from interphase.atomistic.md import completed_steps, run_md, run_md_batch
from interphase.errors import InvalidConditionError

CU = AseAtomsAdaptor.get_structure(bulk("Cu", cubic=True).repeat(2))  # 32 atoms

# NVE bound: |dE_tot/dt| < 1 meV/atom/ps and max excursion < 1 meV/atom over 0.6 ps, 2 fs steps
NVE_DRIFT_BOUND = 1e-3
NVE_EXCURSION_BOUND = 1e-3


def test_nve_energy_drift(tmp_path):
    r = run_md(
        CU,
        600,
        300,
        trajectory=tmp_path / "nve.extxyz",
        ensemble="nve",
        timestep_fs=2.0,
        potential="emt",
        save_interval=5,
    )
    assert abs(r.total_energy_drift_ev_per_atom_per_ps) < NVE_DRIFT_BOUND
    assert r.max_total_energy_deviation_ev_per_atom < NVE_EXCURSION_BOUND
    assert r.n_frames == 61


@pytest.mark.parametrize("ensemble", ["nvt-nose-hoover", "nvt-langevin", "nvt-bussi"])
def test_nvt_holds_temperature(tmp_path, ensemble):
    # 32 atoms fluctuate by T*sqrt(2/3N) ≈ 14 % per frame; the mean over 0.8 ps is within 10 %
    r = run_md(
        CU,
        500,
        400,
        trajectory=tmp_path / "nvt.extxyz",
        ensemble=ensemble,
        timestep_fs=2.0,
        potential="emt",
        save_interval=5,
        equilibration_steps=100,
        tdamp_fs=50,
        friction_per_fs=0.02,
        seed=3,
    )
    assert r.mean_temperature_k == pytest.approx(500, rel=0.10), r.mean_temperature_k


@pytest.mark.parametrize("ensemble", ["npt-mtk", "npt-berendsen"])
def test_npt_relaxes_volume(tmp_path, ensemble):
    """Cu (EMT) started 3 % too large in every direction at 0 GPa, 300 K: the barostat brings
    the volume back. Over the second half of 1.2 ps the mean volume must lie within 3 % of the
    0 K equation-of-state volume (classical thermal expansion of EMT Cu at 300 K is ~2 %)."""
    from ase.calculators.emt import EMT
    from ase.eos import EquationOfState
    from ase.io import read

    from interphase.atomistic.diffusion import unwrap

    atoms = bulk("Cu", cubic=True).repeat(2)
    vols, energies = [], []
    for scale in np.linspace(0.97, 1.03, 7):
        b = atoms.copy()
        b.set_cell(atoms.cell * scale, scale_atoms=True)
        b.calc = EMT()
        vols.append(b.get_volume())
        energies.append(b.get_potential_energy())
    v0 = EquationOfState(vols, energies).fit()[0]
    big = atoms.copy()
    big.set_cell(atoms.cell * 1.03, scale_atoms=True)
    traj = tmp_path / "npt.extxyz"
    r = run_md(
        AseAtomsAdaptor.get_structure(big),
        300,
        600,
        trajectory=traj,
        ensemble=ensemble,
        potential="emt",
        save_interval=10,
        pdamp_fs=200,
        tdamp_fs=50,
        seed=1,
    )
    frames = read(str(traj), index=":")
    v = np.array([f.get_volume() for f in frames])
    assert v[0] / v0 > 1.08
    assert v[len(v) // 2 :].mean() / v0 == pytest.approx(1.0, abs=0.03)
    assert r.pressure_gpa == 0.0 and r.mean_volume_a3 < v[0]
    # unwrapping follows the lattice (fractional steps in each frame's cell): in a solid the
    # atoms only rattle about their sites although the cell shrank by ~3 %
    disp = unwrap(frames)
    disp -= disp.mean(axis=1, keepdims=True)
    assert np.linalg.norm(disp[-1] - disp[0], axis=1).max() < 0.4


def test_restart_metadata_and_unwrapped(tmp_path):
    traj = tmp_path / "run.extxyz"
    a = run_md(
        CU,
        900,
        60,
        trajectory=traj,
        potential="emt",
        save_interval=10,
        seed=7,
        equilibration_steps=20,
    )
    meta = json.loads(a.metadata_path and open(a.metadata_path).read())
    assert meta["temperature_K"] == 900 and meta["seed"] == 7 and meta["potential"] == "emt"
    b = run_md(None, 900, 40, trajectory=traj, potential="emt", save_interval=10, restart=True)
    assert b.first_step == 60
    # the metadata still describes the whole run after a restart (the chunk ran no equilibration)
    meta = json.loads(open(b.metadata_path).read())
    assert (meta["seed"], meta["equilibration_steps"], meta["restarts"]) == (7, 20, 1)
    # and says which crystal it started from: fcc Cu built in Python
    assert meta["initial_structure"] == {
        "source": "a Structure given in Python",
        "space_group": "Fm-3m (225)",
    }
    assert meta["last_step"] == 100 and b.equilibration_steps == 0
    assert b.n_frames == 7 + 4
    from ase.io import read

    frames = read(str(traj), index=":")
    steps = [f.info["step"] for f in frames]
    assert steps == sorted(steps) and steps[-1] == 100
    assert frames[0].info["timestep_fs"] == 2.0


@pytest.mark.parametrize("ensemble", ["nvt-nose-hoover", "nvt-langevin", "npt-mtk"])
def test_restart_from_checkpoint_is_the_uninterrupted_run(tmp_path, ensemble):
    """A run stopped after 23 steps (off the 10-step frame grid) and continued for 27 is the
    same trajectory as one of 50 steps: the thermostat (and barostat) variables or the random
    stream carry over through the checkpoint, and no step runs twice."""
    from ase.io import read

    kw = dict(potential="emt", save_interval=10, seed=3, ensemble=ensemble, equilibration_steps=5)
    whole = tmp_path / "whole.extxyz"
    run_md(CU, 900, 50, trajectory=whole, **kw)
    split = tmp_path / "split.extxyz"
    run_md(CU, 900, 23, trajectory=split, **kw)
    assert completed_steps(split) == 23  # the last frame is at 20
    assert Path(
        run_md(CU, 900, 1, trajectory=tmp_path / "c.extxyz", **kw).checkpoint_path
    ).is_file()
    b = run_md(None, 900, 27, trajectory=split, restart=True, **kw)
    assert b.first_step == 23 and b.n_frames == 6
    fa, fb = read(str(whole), index=":"), read(str(split), index=":")
    assert [f.info["step"] for f in fb] == [0, 10, 20, 30, 40, 50]
    for a, c in zip(fa, fb, strict=True):
        assert np.abs(a.positions - c.positions).max() < 1e-6  # extxyz keeps 8 decimals
        assert np.abs(a.get_momenta() - c.get_momenta()).max() < 1e-6


def test_restart_without_matching_checkpoint_continues_from_the_frame(tmp_path):
    """A checkpoint that is not the file's (here: one from a different trajectory) is ignored:
    the run continues from the last frame, as a file from elsewhere would."""
    import shutil

    from interphase.atomistic.trajectory_files import checkpoint_path_for

    kw = dict(potential="emt", save_interval=10, seed=3)
    a, b = tmp_path / "a.extxyz", tmp_path / "b.extxyz"
    run_md(CU, 900, 23, trajectory=a, **kw)
    run_md(CU, 900, 37, trajectory=b, **kw)
    shutil.copy(checkpoint_path_for(b), checkpoint_path_for(a))  # last frame 30, not 20
    r = run_md(None, 900, 10, trajectory=a, restart=True, **kw)
    assert r.first_step == 20 and r.n_frames == 4


def test_bad_conditions(tmp_path):
    with pytest.raises(InvalidConditionError):
        run_md(CU, -5, 10, trajectory=tmp_path / "x.extxyz", potential="emt")
    with pytest.raises(InvalidConditionError):
        run_md(CU, 300, 10, trajectory=tmp_path / "x.extxyz", potential="emt", ensemble="nph")


def test_batch_allows_errors(tmp_path):
    out = run_md_batch(
        [(CU, 300.0), ("NoSuchThing", 300.0)], 10, tmp_path, potential="emt", allow_errors=True
    )
    assert out[0].n_frames >= 1
    assert isinstance(out[1], Exception)


def test_chgnet_nve_energy_conservation(tmp_path):
    """The ML potential itself conserves energy: CHGNet NVE on LiF (8 atoms) at 300 K, 1 fs
    steps for 0.15 ps. Bound: |dE_tot/dt| < 1 meV/atom/ps and excursions < 1 meV/atom, the same
    bound as the EMT check (measured here: ~0.15 meV/atom/ps, ~0.1 meV/atom)."""
    pytest.importorskip("chgnet")
    from interphase.atomistic.structures import load_structure

    r = run_md(
        load_structure("LiF"),
        300,
        150,
        trajectory=tmp_path / "lif.extxyz",
        ensemble="nve",
        timestep_fs=1.0,
        save_interval=5,
        seed=3,
    )
    assert r.potential == "chgnet" and r.n_frames == 31
    assert abs(r.total_energy_drift_ev_per_atom_per_ps) < NVE_DRIFT_BOUND
    assert r.max_total_energy_deviation_ev_per_atom < NVE_EXCURSION_BOUND
    # the atoms moved: a frozen run would pass the bounds trivially
    assert r.std_temperature_k > 10


def test_small_cell_is_named_and_a_supercell_clears_it():
    """16-atom Li3PO4 is too small for MD; its 2x2x2 supercell is not (breaking it: a
    width test on the lattice lengths instead of the perpendicular widths passes skewed
    cells)."""
    from interphase.atomistic.md import small_cell_warning
    from interphase.atomistic.structures import load_structure, supercell_for

    s = load_structure("Li3PO4")
    assert "small cell: 16 atoms" in small_cell_warning(s)
    assert small_cell_warning(supercell_for(s, min_atoms=100, min_length_a=10.0)) == ""


def test_progress_callback_follows_equilibration_and_production(tmp_path):
    calls = []
    run_md(
        CU,
        300,
        25,
        trajectory=tmp_path / "p.extxyz",
        potential="emt",
        equilibration_steps=12,
        save_interval=5,
        progress=lambda what, done, total: calls.append((what, done, total)),
    )
    eq = [c for c in calls if c[0].endswith("equilibration")]
    prod = [c for c in calls if not c[0].endswith("equilibration")]
    assert eq and prod and calls.index(eq[-1]) < calls.index(prod[0])  # equilibration first
    for part, total in ((eq, 12), (prod, 25)):
        done = [c[1] for c in part]
        assert done == sorted(done) and done[-1] == total and {c[2] for c in part} == {total}
    assert prod[0][0] == "MD Cu32 300 K"
    # the former on/off switch is still accepted (no callback)
    r = run_md(CU, 300, 5, trajectory=tmp_path / "q.extxyz", potential="emt", progress=True)
    assert r.production_steps == 5


def test_series_names_replicas_and_reports_the_small_cell(tmp_path):
    from interphase.atomistic.md import run_md_series

    res = run_md_series(
        CU, [300.0, 400.0], 5, out_dir=tmp_path, seed=2, potential="emt", save_interval=5
    )
    paths = [Path(r.trajectory_path).name for r in res.runs]
    assert paths == ["Cu1_300K_seed2.extxyz", "Cu1_400K_seed2.extxyz"]
    d = res.to_dict()
    assert [r["temperature_k"] for r in d["md"]] == [300.0, 400.0]
    assert len(d["warnings"]) == 1 and "small cell" in d["warnings"][0]
    with pytest.raises(InvalidConditionError):
        run_md_series(CU, [], 5, out_dir=tmp_path, potential="emt")
