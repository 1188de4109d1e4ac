"""Bad input through the CLI: one line on stderr, exit 2, no traceback, nothing half-written.

Breaking the code on purpose: without the finite-number guard in cli/app.py, `react Li LLZO
--energy-a nan` exits 0 with a NaN energy; without the writable-folder check in
cli/common.check_plot_path, `--plot /proc/x.png` computes first and fails afterwards.
"""

import pytest

from interphase.cli.app import run

BAD = [
    ["react", "Li", "LLZO", "--energy-a", "nan"],
    ["react", "Li", "LLZO", "--energy-b", "inf"],
    ["react", "Li", "LLZO", "--temperature", "-inf"],
    ["window", "Li3PS4", "--energy", "nan"],
    ["window", "Li"],
    ["carbonate", "LCO", "LLZO", "--po2", "nan"],
    ["contact", "LLZO", "LCO", "-p", "inf"],
    ["react", "Li", "LLZO", "--plot", "/proc/x.png"],
    ["react", "Li", "LLZO", "--plot", "/tmp"],
    ["window", "LiF", "--plot", "figure.xyz"],
    ["react", "Li", "Xx"],
    ["react", "Li", "Li((("],
    ["react", "Li", "Li1000000La3Zr2O12"],
    ["react", "Li", "LLZO", "--energy-b", "1e9"],
    ["window", "Li3PS4", "--energy", "-100"],
    ["contact", "LLZO", "LCO", "-p", "1e9"],
    ["contact", "Li", "LLZO", "--roughness-um", "-1"],
    ["contact", "Li", "LLZO", "-T", "0"],
    ["contact", "Li", "LLZO", "-T", "500"],
    ["coat", "--cathode", "NCM811", "--electrolyte", "Li6PS5Cl", "--top", "-3"],
    ["coat", "--cathode", "NCM811", "--electrolyte", "Li6PS5Cl", "--range", "5,1"],
    ["coat", "--cathode", "NCM811", "--electrolyte", "Li6PS5Cl", "--csv", "/proc/x.csv"],
    ["stress", "LCO", "LLZO", "--radius-um", "1e308"],
    ["md", "Li3PO4", "-T", "300", "--seed", "-1"],
    ["interface", "LiF", "LiF", "--layers", "-1"],
    ["anode", "LLZO", "-T", "inf"],
    ["particle", "-f", "0.5", "-q", "--plot", "/proc/x.png"],
    ["react", "Li", "LLZO", "--kinetic-threshold", "1e308"],
    ["contact", "LLZO", "LCO", "--asr", "1e308"],
    ["anode", "LLZO", "-p", "1e300"],
    ["carbonate", "LCO", "LLZO", "--nt", "1000000000"],
    ["carbonate", "LCO", "LLZO", "--tmax", "1e9"],
    ["particle", "-f", "0.5", "-q", "--diffusivity", "1e9"],
    ["particle", "-f", "0.5", "-q", "--patches", "1000000000"],
    ["grow", "LGPS", "--hours", "-1"],
    ["grow", "LGPS", "--temperature", "600"],
    ["grow", "LGPS", "--param", "Li2S.li_conductivity_s_cm=-1"],
    ["space-charge", "LPS", "--potential", "4.3"],
    ["space-charge", "LPS", "--potential", "9", "--permittivity", "30", "--carriers", "1e20"],
    ["space-charge", "LPS", "--potential", "4", "--permittivity", "nan", "--carriers", "1e20"],
]


@pytest.mark.parametrize("args", BAD, ids=lambda a: " ".join(a))
def test_bad_input_is_one_line_and_exit_2(capsys, args):
    assert run(args) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("interphase: error:"), err
    assert "Traceback" not in err


def test_plot_refused_before_any_work(capsys, tmp_path, monkeypatch):
    import interphase.thermo.analysis as analysis

    def boom(*a, **k):
        raise AssertionError("computed before the plot path was checked")

    monkeypatch.setattr(analysis, "react", boom)
    assert run(["react", "Li", "LLZO", "--plot", str(tmp_path)]) == 2


def test_help_shows_flags_plainly_and_plot_formats(capsys):
    assert run(["react", "--help"]) == 0
    out = capsys.readouterr().out
    line = next(x for x in out.splitlines() if x.strip().startswith("--json"))
    assert "<bool>" not in line
    plot = next(x for x in out.splitlines() if x.strip().startswith("--plot"))
    assert ".png" in plot and ".html" in plot


def test_cite_looks_one_source_up(capsys):
    assert run(["cite", "zhu2015"]) == 0
    out = capsys.readouterr().out
    assert "10.1021/acsami.5b07517" in out
    assert run(["cite", "no-such-key"]) == 2


def test_db_info_counts_agree_with_its_notes(capsys):
    assert run(["db", "info", "--json"]) == 0
    import json

    info = json.loads(capsys.readouterr().out)
    assert "per element" in info["notes"]
    assert info["n_compositions"] > 85014


def test_cuda_on_a_cpu_torch_and_a_garbage_trajectory(capsys, tmp_path):
    torch = pytest.importorskip("torch")
    bad = tmp_path / "garbage.cif"
    bad.write_text("garbage\n")
    assert run(["diffusion", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "garbage.cif" in err and "extxyz" in err
    if torch.cuda.is_available():
        pytest.skip("a GPU is visible: the CUDA refusal cannot be shown here")
    assert run(["md", "Li3PO4", "-T", "300", "--steps", "1", "--device", "cuda"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no CUDA GPU" in err


def test_hull_of_an_element_is_its_own_reference(capsys):
    assert run(["hull", "Li", "--json"]) == 0
    import json

    d = json.loads(capsys.readouterr().out)
    assert d["energy_above_hull_ev_per_atom"] == 0.0 and d["decomposition"] == {"Li": 1.0}


@pytest.mark.parametrize(
    "row", ["Xx2O,-1.0", "Li2O,nan", "Li2O,-40", "Li2O,abc"], ids=["element", "nan", "huge", "text"]
)
def test_bad_user_entries_file(capsys, tmp_path, row):
    f = tmp_path / "entries.csv"
    f.write_text("formula,e_form_per_atom\n" + row + "\n")
    assert run(["hull", "Li2O", "--entries", str(f)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("interphase: error:"), err
