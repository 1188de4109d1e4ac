"""The `paths` and `neb` commands: tables, JSON, plots, and the one-line refusals the issue
names (no mobile ion, a hop index out of range, a cell too small for the vacancy).

The NEB runs here use ASE's Lennard-Jones calculator in place of the ML potential (the
machinery, not the physics, is under test; test_neb.py checks the physics with EMT), so each
accepted call takes about a second.

Breaking the code on purpose: removing the index check in atomistic/neb.hop_barriers turns
`neb LiF --hop 99` into an IndexError (exit 1, "internal error") and
test_bad_input_is_one_line_exit_2 fails.
"""

import json

import pytest

pytest.importorskip("bvlain")
pytest.importorskip("ase")

from interphase.cli.app import run

FAST = ["--images", "1", "--steps", "3", "--resolution", "0.5"]


@pytest.fixture
def lennard_jones(monkeypatch):
    from ase.calculators.lj import LennardJones

    import interphase.atomistic.potentials as potentials

    def calculator(potential="chgnet", device=None):
        potentials.potential_info(potential)
        return LennardJones(sigma=2.0, epsilon=0.01, rc=5.0)

    monkeypatch.setattr(potentials, "get_calculator", calculator)


def test_paths_table_json_and_plot(capsys, tmp_path):
    assert run(["paths", "LiF", "--resolution", "0.4"]) == 0
    out = capsys.readouterr().out
    assert "Li vacancy hops in LiF" in out and "percolating networks" in out
    assert run(["paths", "LiF", "--resolution", "0.4", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["formula"] == "LiF" and data["hops"][0]["multiplicity"] == 24
    assert [n["dimension"] for n in data["networks"]] == [1, 2, 3]
    figure = tmp_path / "paths.png"
    assert run(["paths", "LiF", "--resolution", "0.5", "--plot", str(figure)]) == 0
    assert figure.stat().st_size > 1000


def test_neb_table_json_and_plot(lennard_jones, capsys, tmp_path):
    figure = tmp_path / "neb.svg"
    assert run(["neb", "LiF", "--hop", "0", *FAST, "--plot", str(figure), "-q"]) == 0
    out = capsys.readouterr().out
    assert "CI-NEB" in out and "2x2x2" in out and "not MD activation energies" in out
    assert figure.read_text().count("<svg") >= 1
    assert run(["neb", "LiF", "--hop", "0", *FAST, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    (neb,) = data["nebs"]
    assert neb["n_atoms"] == 63 and neb["supercell"] == [2, 2, 2]
    f, r, de = neb["barrier_forward_ev"], neb["barrier_reverse_ev"], neb["reaction_energy_ev"]
    assert f - r == pytest.approx(de)
    # hop 1 of LiF (4.03 Å) runs straight through an F, so hop 0 is the only NEB hop and the
    # rock-salt network is that hop in every dimension
    assert [n["dimension"] for n in data["networks"]] == [1, 2, 3]
    for n in data["networks"]:
        assert n["barrier_ev"] == pytest.approx(f, abs=1e-9) and n["hops"] == [0]


BAD = [
    (["paths", "Al2O3"], "has no Li"),
    (["neb", "Al2O3", *FAST], "has no Li"),
    (["neb", "LiF", "--hop", "99", *FAST], "out of range"),
    (["neb", "LiF", "--hop", "-1", *FAST], "out of range"),
    (["neb", "LiF", "--hop", "0", "--supercell", "1x1x1", *FAST], "cell too small"),
    (["neb", "LiF", "--hop", "0", "--supercell", "2x2", *FAST], "three repeats"),
    (["neb", "LiF", "--hop", "0", "--images", "0", *FAST[2:]], "images"),
    (["neb", "LiF", "--hop", "0", "--fmax", "nan", *FAST], "finite"),
    (["neb", "LiF", "--hop", "0", "--potential", "bogus", *FAST], "unknown potential"),
    (["neb", "LiF", "--hop", "0", "--optimizer", "LBFGS", *FAST], "FIRE or BFGS"),
    (["neb", "LiF", "--hop", "0", "--plot", "x.gif", *FAST], ".png"),
    (["paths", "LiF", "--mechanism", "interstitial"], "no interstitial site"),
    (["paths", "LiF", "--mechanism", "exchange"], "vacancy or interstitial"),
    (["paths", "LiTi2(PO4)3", "--resolution", "0.5"], "interstitial mechanism"),
]


@pytest.mark.parametrize(("argv", "message"), BAD, ids=[" ".join(a) for a, _ in BAD])
def test_bad_input_is_one_line_exit_2(argv, message, lennard_jones, capsys):
    assert run(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("interphase: error:"), err
    assert message in err


def test_interstitial_sites_and_hops_are_listed(capsys):
    assert run(["paths", "Li2S", "--mechanism", "interstitial", "--resolution", "0.4"]) == 0
    out = capsys.readouterr().out
    assert "interstitial Li sites in Li2S" in out and "Li interstitial hops in Li2S" in out
    assert run(["paths", "Li2S", "--mechanism", "interstitial", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["mechanism"] == "interstitial"
    assert [s["multiplicity"] for s in data["interstitials"]] == [4]


def test_emt_without_parameters_is_one_line(capsys):
    # EMT knows no Li: the calculator's failure is reported, not raised
    assert run(["neb", "LiF", "--hop", "0", "--potential", "emt", *FAST]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "NEB failed" in err
