import json

from interphase.cli.app import run


def _list(tmp_path, names):
    p = tmp_path / "cands.txt"
    p.write_text("\n".join(names) + "\n")
    return p


def test_coat_json_csv_plot(tmp_path, capsys):
    cands = _list(tmp_path, ["LiPO3", "LiNbO3", "Li2S", "# comment", "LiF"])
    args = ["coat", "--cathode", "NCM811", "--electrolyte", "Li6PS5Cl", "--candidates",
            str(cands), "--only-candidates", "--workers", "0", "--store",
            str(tmp_path / "s.db"), "--csv", str(tmp_path / "o.csv"),
            "--plot", str(tmp_path / "p.png"), "--json"]  # fmt: skip
    assert run(args) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["n_candidates"] == 4
    names = [e["name"] for e in d["entries"]]
    assert set(names) == {"LiPO3", "LiNbO3", "Li2S", "LiF"}
    assert d["entries"][0]["passes"] and d["entries"][0]["explanation"]
    assert (tmp_path / "o.png").exists() is False and (tmp_path / "p.png").stat().st_size > 0
    assert len((tmp_path / "o.csv").read_text().splitlines()) == 5
    # table output, from the store
    assert run(args[:-5]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "pass the hard filters" in out and "0 computed" in out


def test_coat_bad_input(tmp_path, capsys):
    base = ["coat", "--electrolyte", "Li6PS5Cl", "--workers", "0", "--store",
            str(tmp_path / "s.db")]  # fmt: skip
    assert run([*base, "--cathode", "NCM999"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "NCM999" in err
    empty = _list(tmp_path, ["# nothing"])
    assert run([*base, "--cathode", "NCM811", "--candidates", str(empty)]) == 2
    assert "empty" in capsys.readouterr().err
    lst = _list(tmp_path, ["LiF"])
    args = [*base, "--cathode", "NCM811", "--candidates", str(lst), "--only-candidates",
            "--scheduler", "tcp://127.0.0.1:9"]  # fmt: skip
    assert run(args) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "scheduler" in err
