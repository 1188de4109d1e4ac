"""The CLI contract: JSON keys other tools read, and one clear line with exit 2 on bad input."""

import json

import pytest

from interphase.cli.app import run


def _json(capsys, args):
    assert run(args) == 0
    return json.loads(capsys.readouterr().out)


def test_react_json_contract(capsys):
    d = _json(capsys, ["react", "Li", "LLZO", "--json"])
    assert d["reactants"] == ["Li", "LLZO"] and d["database"] == "mp"
    for k in d["kinks"]:
        assert {"x", "energy_ev_per_atom", "reaction", "products"} <= set(k)
    m = d["most_exothermic"]
    assert {"x", "energy_ev_per_atom", "energy_kj_per_mol", "reaction", "products"} <= set(m)
    assert m["energy_ev_per_atom"] == min(k["energy_ev_per_atom"] for k in d["kinks"])
    assert d["verdict"]["kind"] in (
        "stable",
        "kinetically_stabilized",
        "passivating",
        "mixed_conducting",
        "ion_blocking",
    )
    assert d["verdict"]["reasons"]


def test_window_json_contract(capsys):
    d = _json(capsys, ["window", "Li3PS4", "--json"])
    assert d["formula"] == "Li3PS4" and d["database"] == "mp"
    assert d["reduction_v"] < d["oxidation_v"]
    for s in d["steps"]:
        assert {"potential_v", "li_per_formula_unit", "products"} <= set(s)


def test_plot_files_are_written(tmp_path, capsys):
    p = tmp_path / "curve.png"
    assert run(["react", "Li", "LZP", "--plot", str(p)]) == 0
    assert p.stat().st_size > 10_000
    s = tmp_path / "stairs.svg"
    assert run(["window", "LLZO", "--plot", str(s)]) == 0
    assert s.read_text().lstrip().startswith("<?xml")


@pytest.mark.parametrize(
    "args",
    [
        ["react", "Unobtainium", "LLZO"],
        ["react", "Li7La3Zr2O1x", "Li"],
        ["react", "LLZO", "LLZO"],
        ["react", "Li", "LLZO", "--potential", "7.5"],
        ["react", "Li", "LLZO", "--potential", "-1.5"],
        ["react", "LCO", "LLZO", "--atmosphere", "O2=0.21,CO2=-4e-4"],
        ["react", "Li", "Ne2O", "--database", "mp"],
        ["react", "Li", "LGPS", "--database", "nosuchdb"],
        ["window", "LLZO", "--plot", "out.jpg"],
        ["hull", "Li2O", "--entries", "/no/such/file.csv"],
        ["react", "Li", "LLZO", "--temperature", "-5"],
    ],
)
def test_bad_input_one_line_exit_2(capsys, args):
    assert run(args) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("interphase: error:") and "\n" not in err
    assert "Traceback" not in err


def test_db_info_shows_version_and_licence(capsys):
    d = _json(capsys, ["db", "info", "--json"])
    assert "2019" in d["version"] and d["licence"] == "CC BY 4.0"
    assert "legacy" in d["corrections"]


def test_cite_lists_the_sources_used(capsys):
    d = _json(capsys, ["cite", "--json"])
    keys = {c["key"] for c in d["citations"]}
    assert {"jain2013", "zhu2015", "richards2016", "janaf1998"} <= keys
    assert all(c["doi"] or c["url"] for c in d["citations"])


def test_react_json_carries_mutual_and_each_sides_decomposition(capsys):
    d = _json(capsys, ["react", "Li", "Li6PS5Cl", "--json"])
    assert {"most_exothermic", "mutual", "decomposition_a", "decomposition_b"} <= set(d)
    assert (
        d["mutual"]["most_exothermic"]["energy_ev_per_atom"]
        > d["most_exothermic"]["energy_ev_per_atom"]
    )
    assert d["decomposition_b"]["metastability_ev_per_atom"] < -0.05
    assert "mutual" in d["verdict"]["basis"]


def test_window_prints_zero_volt_for_a_li_stable_compound(capsys):
    assert run(["window", "LiF"]) == 0
    out = capsys.readouterr().out
    assert "0 V (stable against Li metal)" in out
    assert "reduced to: — (stable against Li metal)" in out
    assert "none .." not in out


def test_window_names_its_convention_in_words(capsys):
    assert run(["window", "LGPS"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "metastable by 18.8 meV/atom, treated as lying 0.1 meV/atom below its hull" in out


def test_figures_read_well():
    """Subscripted formulas, a staircase cut at a stated cap, a neutral 'nothing forms'."""
    from matplotlib.colors import to_hex

    from interphase.cli.thermo_plots import (
        WINDOW_CAP_V,
        carbonate_figure,
        formula_tex,
        window_figure,
    )
    from interphase.thermo.atmosphere import carbonate_map
    from interphase.thermo.window import stability_window

    assert formula_tex("Li2CO3") == "Li$_{2}$CO$_{3}$"
    assert formula_tex("LiNi0.8Mn0.1Co0.1O2").count("$_{0.8}$") == 1
    ax = window_figure(stability_window("Li3PS4")).axes[0]
    assert ax.get_ylim()[1] == WINDOW_CAP_V
    assert f"cut at {WINDOW_CAP_V:g} V" in ax.get_ylabel()
    fig = carbonate_figure(carbonate_map("LCO", "LLZO", [300.0, 1300.0], [1e-8, 1.0]))
    mesh = fig.axes[0].collections[0]
    assert mesh.norm.vmax == 0.0
    assert to_hex(mesh.cmap(mesh.norm(0.0))) in ("#f7fbff", "#ffffff")  # white: no carbonate
