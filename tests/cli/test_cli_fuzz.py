"""Every command of the app, every float/int/str/path option and argument, nonsense values.

The commands are enumerated from `interphase.cli.app.app` (registered commands and groups), so a
command or option added later is fuzzed without touching this file. Each case runs one command
in-process through `run()` with one parameter replaced by nonsense (NaN, ±inf, negative, zero,
1e308, a huge integer, an empty string, a wrong type, a directory where a file is expected, a
file that does not exist) and checks the CLI contract: exit 0 or 2, never 1 (an internal
error); on 2 exactly one stderr line starting "interphase: error:"; on 0 no error swallowed
into the output (`md-batch` used to report a bad --timestep as "failed ...: InvalidCondition
Error: ..." with exit 0); no numpy RuntimeWarning (an overflow to inf/NaN that slipped
through); no case runs longer than `CASE_LIMIT_S` (a hang). The rest of each call is a
minimal, fast baseline (`BASE`; a command missing there gets a plain one, `_generic_base`);
the ML potentials are replaced by a Lennard-Jones calculator, so an accepted MD takes
milliseconds while the potential and device names are still checked. `REFUSED` adds the
nonsense that per-type values cannot spell (`--weights window=nan`, `--max-area 1e9`).

Breaking the code on purpose: drop the area bound in atomistic/interfaces.
check_interface_settings and `interface --max-area=1e308` runs into the time limit; drop the
settings check from `md-batch` (cli/md_commands.py) and `md-batch --timestep=1e308` exits 0
with a swallowed error; drop the weight check in coatings/ranking.parse_weights and
`coat --weights window=nan` exits 0.
"""

from __future__ import annotations

import inspect
import re
import signal
import types
import typing
import warnings
from pathlib import Path

import pytest
import typer
from typer.models import ArgumentInfo, OptionInfo

from interphase.cli.app import app, run

CASE_LIMIT_S = 30  # one case longer than this is a hang (every accepted call is < 3 s)
EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "stacks"

# Placeholders, filled in by the `workspace` fixture: a trajectory, a candidate list, a
# directory, a path that does not exist.
TRAJ, CANDS, DIR, MISSING = "<traj>", "<cands>", "<dir>", "<missing>"

MD_FAST = ["-T", "300", "--steps", "1", "--equilibration", "0", "--save-interval", "1"]
COAT_PAIR = ["--cathode", "NCM811", "--electrolyte", "Li6PS5Cl"]
ONLY_CANDS = ["--candidates", CANDS, "--only-candidates"]

# Minimal valid calls: (positional arguments, options). Every accepted call stays short.
BASE: dict[str, tuple[list[str], list[str]]] = {
    "react": (["Li", "LLZO"], []),
    "window": (["Li3PS4"], []),
    "hull": (["Li2O"], []),
    "carbonate": (["LCO", "LLZO"], ["--nt", "3", "--npress", "3"]),
    "materials": ([], []),
    "cite": ([], []),
    "md": (["Li3PO4"], MD_FAST),
    "md-batch": (["Li3PO4"], [*MD_FAST, "--workers", "0"]),
    "diffusion": ([TRAJ], []),
    "bvse": (["Li3PO4"], ["--resolution", "1"]),
    "interface": (["LiF", "LiF"], []),
    "mlip-energy": (["Li"], ["--no-relax"]),
    "contact": (["LLZO", "LCO"], []),
    "anode": (["LLZO"], []),
    "stress": (["LCO", "LLZO"], []),
    "mechanics": (["LLZO"], []),
    "particle": ([], ["-f", "0.5", "-q", "--grid", "4"]),
    "coat": (
        [],
        [*COAT_PAIR, "--top", "1", "--workers", "0", "--store", "coat.db", *ONLY_CANDS],
    ),
    "case": ([], []),
    "analyze": ([], ["--cathode", "NCM811", "--electrolyte", "Li6PS5Cl", "--no-coatings"]),
    "compare": ([str(EXAMPLES / "lco_lagp_li.toml"), str(EXAMPLES / "ncm811_lpscl_li.toml")], []),
    "space-charge": (["LPS"], ["--potential", "4", "--permittivity", "30", "--carriers", "1e20"]),
    "grow": (["LGPS"], []),
    "evolve": ([], ["--cathode", "NCM811", "--electrolyte", "Li6PS5Cl", "--cycles", "5"]),
    "db info": ([], []),
    "stem": (
        ["Li"],
        ["--zone", "0,0,1", "--thickness", "0.3", "--scan-sampling", "1", "--probe-window", "0"],
    ),
    "fingerprint": (["LiCoO2"], []),
    "paths": (["LiF"], ["--resolution", "1"]),
    "neb": (["LiF"], ["--hop", "0", "--images", "1", "--steps", "1", "--resolution", "1"]),
    "serve": ([], ["--check", "--port", "0"]),  # --check: bind and exit, never serve
}

# Options that act only together with others: added while that option is fuzzed.
NEEDS: dict[tuple[str, str], list[str]] = {
    ("md", "--pressure"): ["--ensemble", "npt-berendsen"],
    ("interface", "--temperature"): ["--md-steps", "2"],
    ("interface", "--potential"): ["--md-steps", "2"],
    ("interface", "--plot"): ["--md-steps", "2"],
    ("analyze", "--md-steps"): ["--md", "--md-temperatures", "800"],
    ("analyze", "--md-temperatures"): ["--md", "--md-steps", "1"],
    ("analyze", "--potential"): ["--md", "--md-steps", "1", "--md-temperatures", "800"],
}

# Defects in files this test's author may not change: (command, flag, value) -> reason.
KNOWN: dict[tuple[str, str, str], str] = {}

FLOATS = ["nan", "inf", "-inf", "-1", "0", "1e308", "abc", ""]
INTS = ["-1", "0", "1000000000000", "1e308", "nan", "abc", ""]
STRS = ["", "nan", "inf", "-1", "1e308", "@@"]
PATHS = [DIR, MISSING, ""]
VALUES = {float: FLOATS, int: INTS, str: STRS, Path: PATHS}


def _commands(typer_app: typer.Typer, prefix: tuple[str, ...] = ()):
    for info in typer_app.registered_commands:
        name = info.name or typer.main.get_command_name(info.callback.__name__)
        yield " ".join((*prefix, name)), info.callback
    for group in typer_app.registered_groups:
        sub = group.typer_instance
        yield from _commands(sub, (*prefix, group.name or sub.info.name))


def _bare(annotation) -> tuple[type | None, bool]:
    """(float/int/str/Path or None for what is not fuzzed, whether a list)."""
    many = False
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        annotation = args[0] if len(args) == 1 else None
    if typing.get_origin(annotation) is list:
        annotation, many = typing.get_args(annotation)[0], True
    return (annotation if annotation in VALUES else None), many


def _params(callback):
    """(kind, flag or argument index, all flags, type, list?) of each fuzzed parameter."""
    position = 0
    hints = typing.get_type_hints(callback)
    for name, p in inspect.signature(callback).parameters.items():
        info = p.default
        bare, many = _bare(hints.get(name))
        if isinstance(info, ArgumentInfo):
            if bare is not None:
                yield "argument", position, (), bare, many
            position += 1
        elif isinstance(info, OptionInfo) and bare is not None:
            decls = tuple(d for d in (info.param_decls or ()) if not d.startswith("--no-"))
            flags = [d for d in decls if d.startswith("--")] or ["--" + name.replace("_", "-")]
            yield "option", flags[0], decls or tuple(flags), bare, many


def _generic_base(callback) -> tuple[list[str], list[str]]:
    """A baseline for a command missing from BASE: required parameters filled in plainly."""
    args, opts = [], []
    hints = typing.get_type_hints(callback)
    for name, p in inspect.signature(callback).parameters.items():
        info = p.default
        bare, _ = _bare(hints.get(name))
        value = {float: "1", int: "1", Path: "missing.txt"}.get(bare, "LLZO")
        if isinstance(info, ArgumentInfo) and info.default is ...:
            args.append(value)
        elif isinstance(info, OptionInfo) and info.default is ...:
            flag = next((d for d in info.param_decls if d.startswith("--")), None)
            opts += [flag or "--" + name.replace("_", "-"), value]
    return args, opts


def _strip(tokens: list[str], decls: tuple[str, ...]) -> list[str]:
    out, skip = [], False
    for t in tokens:
        if skip:
            skip = False
        elif t in decls:
            skip = True
        else:
            out.append(t)
    return out


def _cases():
    for command, callback in _commands(app):
        args, opts = BASE.get(command) or _generic_base(callback)
        for kind, where, decls, bare, many in _params(callback):
            for value in VALUES[bare]:
                if kind == "argument":
                    a = list(args) + [""] * max(0, where + 1 - len(args))
                    a = [value] if many else [*a[:where], value, *a[where + 1 :]]
                    argv, label = [*command.split(), *opts, "--", *a], f"arg{where}"
                else:
                    extra = NEEDS.get((command, where), [])
                    rest = _strip([*opts, *extra], decls)
                    argv = [*command.split(), *rest, f"{where}={value}", "--", *args]
                    label = where
                case_id = f"{command} {label}={value}"
                marks = ()
                if (command, where, value) in KNOWN:
                    marks = pytest.mark.xfail(strict=True, reason=KNOWN[command, where, value])
                yield pytest.param(argv, id=case_id, marks=marks)


class Hang(BaseException):
    """A case past CASE_LIMIT_S (a BaseException: run() must not turn it into an exit code)."""


def _alarm(signum, frame):
    raise Hang(f"still running after {CASE_LIMIT_S} s")


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    """A folder to run in (outputs with default names land here), the ML potentials replaced
    by Lennard-Jones, and the files the baselines name."""
    from ase.calculators.lj import LennardJones

    import interphase.atomistic.potentials as potentials

    def lennard_jones(potential="chgnet", device=None):
        potentials.potential_info(potential)
        if device is not None:
            potentials.check_device(device)
        return LennardJones(sigma=1.0, epsilon=0.01, rc=3.0)

    root = tmp_path_factory.mktemp("fuzz")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(potentials, "get_calculator", lennard_jones)
        mp.chdir(root)
        mp.setenv("XDG_CACHE_HOME", str(root / "cache"))
        (root / "folder").mkdir()
        (root / "cands.txt").write_text("LiF\n")
        md = ["md", "Li3PO4", "-T", "300", "--steps", "40", "--save-interval", "2"]
        assert run([*md, "--equilibration", "0", "--out-dir", "traj"]) == 0
        (traj,) = (root / "traj").glob("*.extxyz")
        yield {
            TRAJ: str(traj),
            CANDS: str(root / "cands.txt"),
            DIR: str(root / "folder"),
            MISSING: str(root / "no-such-folder" / "no-such-file.txt"),
        }


def _run_checked(argv: list[str], capsys) -> int:
    """run(argv) under the contract; returns the exit code."""
    capsys.readouterr()
    timed = hasattr(signal, "SIGALRM")  # POSIX; elsewhere a hang just hangs
    old = signal.signal(signal.SIGALRM, _alarm) if timed else None
    if timed:
        signal.alarm(CASE_LIMIT_S)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            code = run(argv)
    finally:
        if timed:
            signal.alarm(0)
            signal.signal(signal.SIGALRM, old)
    out, err = capsys.readouterr()
    assert code in (0, 2), f"exit {code}: {err}"
    if code == 2:
        assert err.count("\n") == 1 and err.startswith("interphase: error:"), err
    else:  # accepted: no failure swallowed into the output ("1 failed: ValueError: ...")
        swallowed = re.findall(r"\b\w+Error: .*", out + err)
        assert not swallowed, swallowed[:3]
    numeric = [str(w.message) for w in caught if w.category is RuntimeWarning]
    assert not numeric, numeric
    return code


@pytest.mark.parametrize("argv", list(_cases()))
def test_nonsense_is_refused_in_one_line_or_accepted(argv, workspace, capsys):
    _run_checked([_fill(t, workspace) for t in argv], capsys)


# Nonsense the per-type values above cannot spell: each must be refused (exit 2).
REFUSED = [
    ["coat", *COAT_PAIR, "--weights", "window=nan"],
    ["coat", *COAT_PAIR, "--weights", "electrode=-1"],
    ["coat", *COAT_PAIR, "--weights", "electrolyte=inf"],
    ["coat", "--cathode", "", "--electrolyte", "Li6PS5Cl"],
    ["coat", "--anode", " ", "--electrolyte", "LLZO"],
    ["md-batch", "Li3PO4", *MD_FAST, "--timestep", "100"],
    ["md-batch", "Li3PO4", *MD_FAST, "--timestep", "5.5"],
    ["md-batch", "Li3PO4", *MD_FAST, "--seed", "-1"],
    ["md-batch", "Li3PO4", *MD_FAST, "--potential", "foo"],
    ["md-batch", "Li3PO4", *MD_FAST, "--species", "Xx"],
    ["md-batch", "Li3PO4", *MD_FAST, "--workers", "-1"],
    ["md-batch", "Li3PO4", *MD_FAST, "-T", "1e308"],
    ["md", "Li3PO4", *MD_FAST, "--timestep", "5.5"],
    ["md", "Li3PO4", *MD_FAST, "--ensemble", "npt-berendsen", "--pressure", "1e9"],
    ["md", "Li3PO4", *MD_FAST, "--ensemble", "bogus"],
    ["md", "Li3PO4", *MD_FAST, "--potential", "bogus"],
    ["md", "Li3PO4", *MD_FAST, "--potential", "emt"],  # no EMT parameters for Li or P
    ["md", "Li3PO4", "-T", "1e308", "--steps", "1"],
    ["md", "Li3PO4", "-T", "6000", "--steps", "1"],
    ["interface", "LiF", "LiF", "--max-area", "1e9"],
    ["interface", "LiF", "LiF", "--max-area", "10000"],
    ["interface", "LiF", "LiF", "--substrate-miller", "1000,0,0"],
    ["diffusion", TRAJ, "--temperature", "1e308"],
    ["diffusion", TRAJ, "--fit-start", "-1"],
    ["diffusion", TRAJ, "--fit-start", "1e6"],
    ["diffusion", TRAJ, "--extrapolate", "6000"],
    ["anode", "LLZO", "--calibrate", "1e308,1"],
]


@pytest.mark.parametrize("argv", REFUSED, ids=lambda a: " ".join(a))
def test_specific_nonsense_is_refused(argv, workspace, capsys):
    assert _run_checked([_fill(t, workspace) for t in argv], capsys) == 2


def test_md_and_md_batch_share_the_timestep_cap(workspace, capsys, monkeypatch):
    """5 fs passes the checks of both (the engines are stubbed), 5.01 fs fails both."""
    import interphase.atomistic.campaign as campaign
    import interphase.atomistic.md as md

    def accepted(*a, **k):
        raise typer.Exit(0)

    monkeypatch.setattr(md, "run_md_series", accepted)
    monkeypatch.setattr(campaign, "run_md_campaign", accepted)
    for command in (["md", "Li3PO4"], ["md-batch", "Li3PO4", "--workers", "0"]):
        assert (
            _run_checked([*command, *MD_FAST, "--timestep", str(md.MAX_TIMESTEP_FS)], capsys) == 0
        )
        assert _run_checked([*command, *MD_FAST, "--timestep", "5.01"], capsys) == 2


def test_md_batch_refuses_before_any_run(workspace, capsys, monkeypatch):
    """A bad setting never reaches the campaign (where it used to fail every run, exit 0)."""
    import interphase.atomistic.campaign as campaign

    def boom(*a, **k):
        raise AssertionError("the campaign started with a bad setting")

    monkeypatch.setattr(campaign, "run_md_campaign", boom)
    for bad in (["--timestep", "100"], ["--seed", "-1"], ["--potential", "x"], ["--species", "Xx"]):
        assert _run_checked(["md-batch", "Li3PO4", *MD_FAST, "--workers", "0", *bad], capsys) == 2


def _fill(token: str, workspace: dict[str, str]) -> str:
    for key, value in workspace.items():
        token = token.replace(key, value)
    return token


def test_every_command_is_enumerated():
    """Commands and groups are all seen (a command missing from BASE is fuzzed from a plain
    baseline, `_generic_base`), and their float/int/str/path parameters are all found."""
    names = [c for c, _ in _commands(app)]
    assert {"db info", "md-batch", "react"} <= set(names) and len(names) == len(set(names))
    md = dict(_commands(app))["md"]
    found = {where: bare for _, where, _, bare, _ in _params(md)}
    assert found["--timestep"] is float and found["--steps"] is int and found[0] is str
    assert found["--out-dir"] is Path and found["--temperature"] is float
