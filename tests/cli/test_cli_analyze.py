"""`interphase analyze` and `compare` through the CLI: the headline stack answers with a
scorecard and a report; impossible stacks get one line and exit 2 before any work."""

import json
from pathlib import Path

import pytest

from interphase.cli.app import run

EXAMPLES = Path(__file__).parents[2] / "examples" / "stacks"


def test_analyze_headline_stack(capsys, tmp_path):
    out = tmp_path / "rep"
    code = run(
        [
            "analyze",
            "--cathode",
            "NCM811",
            "--electrolyte",
            "Li6PS5Cl",
            "--anode",
            "Li",
            "--out",
            str(out),
            "--quiet",
        ]
    )
    assert code == 0
    text = capsys.readouterr().out
    assert "NCM811 | Li6PS5Cl" in text and "Li6PS5Cl | Li" in text
    assert "not computed" in text  # the NCM811 moduli and the evolution are named
    assert max(len(line) for line in text.splitlines()) <= 80
    for name in ("report.html", "analysis.json", "coatings.db"):
        assert (out / name).exists()


def test_analyze_stack_file_json_and_param(capsys, tmp_path):
    code = run(
        [
            "analyze",
            str(EXAMPLES / "ncm811_linbo3_lpscl_li.toml"),
            "--out",
            str(tmp_path),
            "--json",
            "--no-coatings",
            "--param",
            "NCM811.youngs_modulus_gpa=200",
            "--param",
            "NCM811.poisson_ratio=0.3",
        ]
    )
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    assert data["stack"]["coating"] == "LiNbO3"
    assert data["coatings"] is None
    rows = [p for p in data["parameters"] if p["material"] == "NCM811"]
    assert {"youngs_modulus_gpa", "poisson_ratio"} <= {p["property"] for p in rows}


def test_compare_two_stacks(capsys):
    code = run(
        [
            "compare",
            str(EXAMPLES / "ncm811_lpscl_li.toml"),
            str(EXAMPLES / "ncm811_linbo3_lpscl_li.toml"),
            "--json",
        ]
    )
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["rows"]) == 8  # 2 sides x 4 levels
    anode = [r for r in data["rows"] if r["side"] == "anode"]
    # the anode side is the same Li6PS5Cl | Li interface in both stacks
    for r in anode:
        assert r["a"]["colour"] == r["b"]["colour"] and r["a"]["reason"] == r["b"]["reason"]
        assert r["a"]["number"] == pytest.approx(r["b"]["number"], rel=1e-9, abs=1e-9)


BAD = [
    ["analyze", "--cathode", "NCM811", "--electrolyte", "LLZO", "--anode", "LCO"],
    ["analyze", "--cathode", "Li", "--electrolyte", "LLZO"],
    ["analyze", "--cathode", "NCM811", "--electrolyte", "Xx"],
    ["analyze", "--cathode", "NCM811", "--electrolyte", "LLZO", "--coating", "LLZO"],
    [
        "analyze",
        "--cathode",
        "LCO",
        "--electrolyte",
        "LLZO",
        "--anode",
        "graphite",
        "--cutoff",
        "0.1-4.2",
    ],
    ["analyze", "--cathode", "LCO", "--electrolyte", "LLZO", "--cutoff", "4.2-3"],
    ["analyze", "--cathode", "LCO", "--electrolyte", "LLZO", "--cutoff", "abc"],
    ["analyze", "--cathode", "LCO", "--electrolyte", "LLZO", "--pressure", "nan"],
    ["analyze", "--cathode", "LCO", "--electrolyte", "LLZO", "--pressure", "-1"],
    ["analyze", "--cathode", "LCO", "--electrolyte", "LLZO", "--param", "LCO.poisson_ratio=2"],
    ["analyze", "--cathode", "LCO", "--electrolyte", "LLZO", "--param", "nonsense"],
    ["analyze", "--cathode", "LCO", "--electrolyte", "LLZO", "--out", "/proc/report"],
    ["analyze", "--cathode", "LCO"],
    ["analyze", "no-such-stack.toml"],
    ["analyze", "/tmp"],
    ["compare", "no-such-a.toml", "no-such-b.toml"],
]


@pytest.mark.parametrize("args", BAD, ids=lambda a: " ".join(a[1:]))
def test_bad_stacks_one_line_exit_2(capsys, args):
    assert run(args) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("interphase: error:"), err


@pytest.mark.parametrize(
    "extra",
    [["--md-steps", "0"], ["--md-temperatures", "5"], ["--potential", "nonsense"]],
    ids=["steps", "temperature", "potential"],
)
def test_bad_md_settings_refused_before_work(capsys, tmp_path, extra):
    args = ["analyze", "--cathode", "LCO", "--electrolyte", "LPS", "--out", str(tmp_path), "--md"]
    assert run(args + extra) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("interphase: error:"), err
    assert not (tmp_path / "report.html").exists()
