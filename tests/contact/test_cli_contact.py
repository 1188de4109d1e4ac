"""CLI: `interphase contact`, `interphase anode`, `interphase mechanics`."""

import json

from interphase.cli.app import run


def test_contact_table_and_json(capsys):
    assert run(["contact", "LLZO", "LCO", "-p", "1,10"]) == 0
    out = capsys.readouterr().out
    assert "greenwood-williamson" in out and "ASR" in out
    assert run(["contact", "Li", "LLZO", "-p", "0.5,5", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["model"] == "plastic" and data["contact_fraction"][-1] == 1.0


def test_anode_json_and_plot(capsys, tmp_path):
    fig = tmp_path / "anode.svg"
    assert run(["anode", "LLZO", "-p", "0.5,1", "--json", "--plot", str(fig)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["dendrites"]["monroe_newman"]["suppresses"] is True
    assert len(data["stripping"]) == 2
    assert fig.exists() and fig.stat().st_size > 1000


def test_contact_plot_png(capsys, tmp_path):
    fig = tmp_path / "c.png"
    assert run(["contact", "LLZO", "LCO", "-p", "1,10", "--plot", str(fig)]) == 0
    assert fig.read_bytes()[:4] == b"\x89PNG"


def test_mechanics_table(capsys):
    assert run(["mechanics", "Li"]) == 0
    out = capsys.readouterr().out
    assert "masias2019" in out and "Materials Project" in out


def _one_error_line(capsys):
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("interphase: error:")
    return err[0]


def test_bad_input_exits_2_with_one_line(capsys):
    assert run(["contact", "LLZO", "LCO", "-p", "-1"]) == 2
    assert "pressure" in _one_error_line(capsys)
    assert run(["anode", "LLZO", "-T", "-10"]) == 2
    assert "temperature" in _one_error_line(capsys)
    assert run(["contact", "LLZO", "LCO", "-p", "1,abc"]) == 2
    _one_error_line(capsys)


def test_anode_without_sourced_criteria_still_reports(capsys):
    # PEO has no sourced shear modulus or toughness: the criteria are listed as not evaluated
    assert run(["anode", "PEO", "-p", "1"]) == 0
    out = capsys.readouterr().out
    assert "not evaluated" in out and "PEO" in out


def test_unknown_material_and_missing_property(capsys):
    assert run(["contact", "LLZO", "unobtainium"]) == 2
    assert "unobtainium" in _one_error_line(capsys)
    assert run(["contact", "LCO", "graphite"]) == 2
    assert "conductivity" in _one_error_line(capsys)
    assert run(["contact", "LLZO", "LCO", "--plot", "x.gif"]) == 2
    _one_error_line(capsys)


def test_stress_command(capsys):
    assert run(["stress", "LCO", "LPS", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["sphere"]["interface_pressure_mpa"] > 0 and data["delaminates"] is False
    assert run(["stress", "LCO", "LPS", "--soc", "0,2"]) == 2
    assert "state of charge" in _one_error_line(capsys)
    assert run(["stress", "NCM811", "LLZO"]) == 2
    assert "NCM811" in _one_error_line(capsys)


def test_anode_calibration(capsys):
    assert run(["anode", "LLZO", "-p", "3", "-T", "298.15", "--calibrate", "0.5,3", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert abs(data["stripping"][0]["critical_current_ma_cm2"][0] - 0.5) < 1e-6
    assert run(["anode", "LLZO", "--calibrate", "0.5"]) == 2
    _one_error_line(capsys)


def test_a_missing_modulus_is_named_and_taken_from_param(capsys):
    from interphase.cli.app import run

    assert run(["contact", "NCM811", "LLZO", "-p", "5"]) == 2
    err = capsys.readouterr().err
    assert "--param NCM811.youngs_modulus_gpa=VALUE" in err
    given = ["--param", "NCM811.youngs_modulus_gpa=200", "--param", "NCM811.poisson_ratio=0.3"]
    assert run(["contact", "NCM811", "LLZO", "-p", "5", "--json", *given]) == 0
    import json

    data = json.loads(capsys.readouterr().out)
    assert "user" in data["sources"]
    assert run(["stress", "NCM811", "LLZO", "--json", *given]) == 0
    assert run(["contact", "NCM811", "LLZO", "--param", "NCM811.poisson_ratio=0.9"]) == 2
