"""Tables at 80 columns: every formula and name printed whole, no column cropped.

Breaking the code on purpose: with rich's default overflow (ellipsis) in cli/common.table,
`materials` prints "LiNi0.8Mn…" and the Li+ column is cropped; this test then fails.
"""

import json

import pytest

from interphase.cli.app import run
from interphase.cli.common import console


@pytest.fixture(autouse=True)
def eighty_columns(monkeypatch):
    monkeypatch.setattr(console, "_width", 80)


def _out(capsys, args):
    assert run(args) == 0
    return capsys.readouterr().out


def _tokens(text):
    return {t.strip(",;:()") for t in text.replace("│", " ").split()}


def test_materials_names_and_formulas_whole(capsys):
    mats = json.loads(_out(capsys, ["materials", "--json"]))["materials"]
    out = _out(capsys, ["materials"])
    assert max(len(line) for line in out.splitlines()) <= 80
    toks = _tokens(out)
    for m in mats:
        assert m["name"] in toks and m["formula"] in toks, m["name"]


@pytest.mark.parametrize(
    "args", [["react", "NCM811", "LGPS"], ["react", "Li", "LAGP"], ["window", "NCM811"]]
)
def test_reaction_and_window_phases_whole(capsys, args):
    d = json.loads(_out(capsys, [*args, "--json"]))
    out = _out(capsys, args)
    assert max(len(line) for line in out.splitlines()) <= 80
    toks = _tokens(out)
    if args[0] == "react":
        phases = {p for k in d["kinks"] for p in k["products"]}
    else:
        phases = {p for s in d["steps"] for p in s["products"]}
    missing = {p for p in phases if p not in toks}
    assert not missing, missing


def test_cite_keys_whole(capsys):
    d = json.loads(_out(capsys, ["cite", "--json"]))
    toks = _tokens(_out(capsys, ["cite"]))
    assert all(c["key"] in toks for c in d["citations"])
