"""CLI contract of md, diffusion, bvse, interface, mlip-energy: JSON keys, plots, exit 2."""

import json

import pytest

pytest.importorskip("ase")

from ase.build import bulk
from ase.io import write

from interphase.cli.app import run


def _json(capsys, args):
    assert run(args) == 0
    return json.loads(capsys.readouterr().out)


@pytest.fixture()
def cu_cif(tmp_path):
    path = tmp_path / "Cu.cif"
    write(str(path), bulk("Cu", cubic=True).repeat(2), format="cif")
    return path


def test_md_then_diffusion(capsys, tmp_path, cu_cif):
    d = _json(
        capsys,
        [
            "md",
            str(cu_cif),
            "-T",
            "900",
            "-T",
            "1200",
            "--steps",
            "40",
            "--potential",
            "emt",
            "--equilibration",
            "20",
            "--save-interval",
            "4",
            "--out-dir",
            str(tmp_path),
            "--json",
        ],
    )
    runs = d["md"]
    assert [r["temperature_k"] for r in runs] == [900.0, 1200.0]
    for r in runs:
        assert {"trajectory_path", "mean_temperature_k", "atom_steps_per_s", "seed"} <= set(r)
    trajs = [r["trajectory_path"] for r in runs]
    plot = tmp_path / "msd.png"
    d = _json(capsys, ["diffusion", *trajs, "--species", "Cu", "--json", "--plot", str(plot)])
    assert plot.exists()
    for r in d["diffusion"]:
        assert {
            "tracer",
            "collective",
            "haven_ratio",
            "conductivity_s_cm",
            "diffusive",
            "warnings",
            "loglog_slope",
        } <= set(r)
        assert {"d_cm2_s", "d_ci95_cm2_s"} <= set(r["tracer"])
        assert r["diffusive"] is False  # a solid crystal rattles: the flag must say so
    capsys.readouterr()
    assert run(["diffusion", trajs[0], "--species", "Cu"]) == 0
    assert "diffusive" in capsys.readouterr().out
    # a replica (another seed) gets its own file: seed 0's trajectory is not overwritten
    args = ["md", str(cu_cif), "-T", "900", "--steps", "8", "--potential", "emt"]
    args += ["--save-interval", "4", "--out-dir", str(tmp_path), "--seed", "3", "--json"]
    (rep,) = _json(capsys, args)["md"]
    assert rep["trajectory_path"] != trajs[0] and rep["trajectory_path"].endswith("_seed3.extxyz")


def test_bvse_cli(capsys, tmp_path):
    pytest.importorskip("bvlain")
    plot = tmp_path / "bvse.png"
    d = _json(capsys, ["bvse", "Li2O", "--json", "--resolution", "0.3", "--plot", str(plot)])
    assert d["formula"] == "Li2O" and d["percolation_dimension"] == 3
    assert d["barrier_ev"] > 0 and plot.exists()
    assert "_grid" not in d


def test_interface_cli(capsys, tmp_path):
    out = tmp_path / "model.cif"
    d = _json(
        capsys, ["interface", "NiO", "LiF", "--min-in-plane", "0", "--out", str(out), "--json"]
    )
    assert d["max_strain"] <= d["strain_limit"] and d["n_atoms"] == 16
    assert out.exists() and out.read_text().lstrip().startswith(("#", "data_"))  # a CIF
    assert d["model_path"] == str(out) and d["trajectory_path"] is None
    xyz = tmp_path / "model.xyz"  # the file name picks the format: extended XYZ here
    assert run(["interface", "NiO", "LiF", "--min-in-plane", "0", "--out", str(xyz)]) == 0
    from ase.io import read

    assert len(read(str(xyz))) == 16 and read(str(xyz)).cell.volume > 0


def test_interface_md_writes_under_out_dir_not_the_working_dir(capsys, tmp_path, monkeypatch):
    pytest.importorskip("chgnet")
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    runs = tmp_path / "runs"
    args = ["interface", "NiO", "LiF", "--min-in-plane", "0", "--md-steps", "4"]
    d = _json(capsys, [*args, "--temperature", "300", "--out-dir", str(runs), "--json"])
    assert d["trajectory_path"].startswith(str(runs)) and d["dynamics"]["crossings"] >= 0
    assert d["md"]["production_steps"] == 4
    assert list(cwd.iterdir()) == []


def test_mlip_energy_cli(capsys):
    pytest.importorskip("chgnet")
    d = _json(capsys, ["mlip-energy", "LiF", "--no-relax", "--json"])
    e = d["entries"][0]
    assert e["formula"] == "LiF" and e["label"] == "ML-potential entry"
    assert -3.4 < e["formation_energy_ev_per_atom"] < -2.8


@pytest.mark.parametrize(
    "args",
    [
        ["md", "missing.cif", "-T", "800"],
        ["md", "Li2O", "-T", "-5"],
        ["diffusion", "nothing.extxyz"],
        ["bvse", "missing.cif"],
        ["interface", "NiO", "LiF", "--strain-limit", "0.001"],
        ["interface", "NiO", "LiF", "--film-miller", "1,0"],
        ["interface", "NiO", "LiF", "--out", "model.foo"],
        ["md", "Li2O", "-T", "800", "--plot", "x.gif"],
        ["mlip-energy", "Li2O", "--potential", "nonsense"],
    ],
)
def test_bad_input_exits_2_with_one_line(capsys, args):
    assert run(args) == 2
    err = capsys.readouterr().err
    assert err.startswith("interphase: error:") and err.count("\n") == 1


def test_unparseable_cif_exits_2(capsys, tmp_path):
    bad = tmp_path / "bad.cif"
    bad.write_text("garbage\n")
    assert run(["bvse", str(bad)]) == 2
    assert "cannot read structure" in capsys.readouterr().err


def test_md_batch_stores_and_resumes(capsys, tmp_path, cu_cif):
    args = [
        "md-batch",
        str(cu_cif),
        "-T",
        "2500",
        "-T",
        "3200",
        "--steps",
        "200",
        "--equilibration",
        "50",
        "--save-interval",
        "5",
        "--potential",
        "emt",
        "--species",
        "Cu",
        "--workers",
        "0",
        "--out-dir",
        str(tmp_path / "runs"),
        "--store",
        str(tmp_path / "runs.db"),
        "--json",
    ]
    first = _json(capsys, args)
    assert first["summary"]["n_computed"] == 2 and len(first["runs"]) == 2
    (tr,) = first["transport"]
    assert len(tr["diffusion"]) == 2 and tr["arrhenius"] is not None
    again = _json(capsys, args)
    assert again["summary"]["n_cached"] == 2 and again["summary"]["n_computed"] == 0


@pytest.mark.parametrize(
    "extra",
    [["-T", "-5"], ["-T", "300", "--scheduler", "tcp://127.0.0.1:9"]],
)
def test_md_batch_bad_input(capsys, tmp_path, cu_cif, extra):
    args = [
        "md-batch",
        str(cu_cif),
        *extra,
        "--potential",
        "emt",
        "--store",
        str(tmp_path / "x.db"),
    ]
    assert run(args) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in err


def test_diffusion_combines_replicas_at_one_temperature(capsys, tmp_path):
    import ase
    import numpy as np
    from test_diffusion import DT_PS, walk  # same folder (pytest prepends it)

    paths = []
    for seed in (1, 2):
        frames = []
        for f, pos in enumerate(walk(16, 200, seed) + 6.0):
            a = ase.Atoms("Li16", positions=pos, cell=[12.0] * 3, pbc=True)
            a.wrap()
            a.info = {"time_fs": f * DT_PS * 1000, "temperature_K": 600.0}
            frames.append(a)
        paths.append(str(tmp_path / f"walk{seed}.extxyz"))
        write(paths[-1], frames, format="extxyz")
    d = _json(capsys, ["diffusion", *paths, "--json"])
    (group,) = d["replicas"]
    assert group["n_runs"] == 2 and group["temperature_k"] == 600.0
    runs = [r["tracer"]["d_cm2_s"] for r in d["diffusion"]]
    assert group["d_cm2_s"] == pytest.approx(np.mean(runs))
    assert d["arrhenius"] is None  # one temperature: nothing to fit
    assert run(["diffusion", *paths]) == 0
    assert "Replicas" in capsys.readouterr().out
