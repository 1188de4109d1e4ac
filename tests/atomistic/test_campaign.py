"""MD campaigns through the compute/ layer: stored, resumable, the same on Dask as in-process."""

import dataclasses

import numpy as np
import pytest

pytest.importorskip("ase")

from ase.build import bulk
from ase.io import read
from pymatgen.io.ase import AseAtomsAdaptor

from interphase.atomistic.campaign import MDCampaignSpec, run_md_campaign
from interphase.compute import ResultStore
from interphase.errors import InvalidConditionError, MissingDataError

# EMT Cu, 32 atoms: molten at 2500 and 3200 K (EMT Cu melts near 1300 K), so Cu diffuses
CU = AseAtomsAdaptor.get_structure(bulk("Cu", cubic=True).repeat(2))


def _spec(tmp_path, name):
    return MDCampaignSpec(
        n_steps=300,
        out_dir=str(tmp_path / name),
        potential="emt",
        equilibration_steps=100,
        save_interval=5,
        seed=4,
    )


def test_campaign_stores_resumes_and_fits(tmp_path):
    db = tmp_path / "runs.db"
    spec = _spec(tmp_path, "a")
    with ResultStore(db) as st:
        first = run_md_campaign([CU], [2500.0, 3200.0], spec, store=st, workers=0, species="Cu")
        assert first.summary.n_computed == 2 and not first.failures
        again = run_md_campaign([CU], [2500.0, 3200.0], spec, store=st, workers=0, species="Cu")
    assert again.summary.n_cached == 2 and again.summary.n_computed == 0
    (tr,) = first.transport
    d = {x["temperature_k"]: x["tracer"]["d_cm2_s"] for x in tr.diffusion}
    # a liquid diffuses faster when hotter: Arrhenius Ea > 0
    assert d[3200.0] > d[2500.0] > 0
    assert tr.arrhenius is not None and tr.arrhenius["ea_ev"] > 0
    assert {r["temperature_k"] for r in first.runs} == {2500.0, 3200.0}


def test_dask_workers_reproduce_in_process_run(tmp_path):
    """Same seeds, same trajectories whether the runs go to two Dask worker processes or not."""
    a = run_md_campaign([CU], [2500.0, 3200.0], _spec(tmp_path, "a"), workers=0, analyse=False)
    b = run_md_campaign([CU], [2500.0, 3200.0], _spec(tmp_path, "b"), workers=2, analyse=False)
    assert b.summary.n_computed == 2 and b.summary.workers == 2
    for ra in a.runs:
        rb = next(r for r in b.runs if r["temperature_k"] == ra["temperature_k"])
        fa = read(ra["trajectory_path"], index=-1)
        fb = read(rb["trajectory_path"], index=-1)
        assert np.allclose(fa.positions, fb.positions, atol=1e-8)


def test_bad_campaign_input(tmp_path):
    spec = _spec(tmp_path, "c")
    with pytest.raises(InvalidConditionError):
        run_md_campaign([CU], [-10.0], spec, workers=0)
    with pytest.raises(MissingDataError):
        run_md_campaign(["Unobtainium9"], [300.0], spec, workers=0)


def test_replicas_run_with_their_own_seeds_and_are_combined(tmp_path):
    db = tmp_path / "runs.db"
    one = _spec(tmp_path, "r")
    three = dataclasses.replace(one, replicas=3)
    assert three.run_key == one.run_key  # the count is not a run setting: runs are reused
    with ResultStore(db) as st:
        run_md_campaign([CU], [3200.0], one, store=st, workers=0, analyse=False)
        res = run_md_campaign([CU], [3200.0], three, store=st, workers=0, species="Cu")
    assert res.summary.n_cached == 1 and res.summary.n_computed == 2
    assert sorted(r["seed"] for r in res.runs) == [4, 5, 6]
    (tr,) = res.transport
    (group,) = tr.replicas
    runs = [d["tracer"]["d_cm2_s"] for d in tr.diffusion]
    assert group["n_runs"] == 3 and len(set(runs)) == 3  # different seeds, different runs
    assert group["d_cm2_s"] == pytest.approx(np.mean(runs))
    lo, hi = group["d_ci95_cm2_s"]
    assert lo < group["d_cm2_s"] < hi
    with pytest.raises(InvalidConditionError):
        run_md_campaign([CU], [3200.0], dataclasses.replace(one, replicas=0), workers=0)
