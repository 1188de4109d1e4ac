"""Validation and page handlers without a browser or a server: what the forms accept and
refuse, and that every page shows the engine's own numbers (no second copy of an analysis).

Breaking the code on purpose: with `validation.material` returning the text without asking
`materials.get_material` (the package's parser), "Li7La3Zr2O1x" is accepted and
`test_formula_grammar_is_the_packages_own` fails (tried: it does); with `field_of_engine_error`
always returning the default, `test_engine_refusals_land_at_their_field` fails (tried); with
the reaction figure plotting `energy_kj_per_mol` instead of meV/atom,
`test_pair_view_is_the_engines_answer` fails; with `JobRunner._run` letting other exceptions
escape, the job stays "running" and `test_job_failures_are_logged_and_the_pool_goes_on` fails.
"""

from __future__ import annotations

import logging
import time

import pytest

from interphase.errors import InvalidConditionError

pytest.importorskip("dash", reason="the web extra is not installed")

from interphase.web import figures, validation
from interphase.web.validation import FieldError


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("Li7La3Zr2O1x", "'x' is not an element symbol"),
        ("Xx2O", "'Xx' is not an element symbol"),
        ("", "give material A"),
        ("   ", "give material A"),
        ("Li" * 40, "at most 64 characters"),
        ("Li\nO", "only printable characters"),
        (["Li"], "expected text"),
        (12, "expected text"),
        ("Li1001O", "more than 1000"),
    ],
)
def test_formula_grammar_is_the_packages_own(value, words):
    with pytest.raises(FieldError) as err:
        validation.material("pair-a", value, "material A")
    assert err.value.field == "pair-a" and words in str(err.value)
    assert isinstance(err.value, InvalidConditionError)  # one exception family


def test_catalog_names_and_formulas_pass():
    for name in ("LLZO", "Li", "NCM811", "Li3PS4", "garnet", "Li7La3Zr2O12"):
        assert validation.material("pair-a", name) == name


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("", None),
        ("4.2", 4.2),
        (" 3 ", 3.0),
        (3, 3.0),
        ("nan", "finite"),
        ("inf", "finite"),
        ("1e308", "-1..7"),
        ("-2", "-1..7"),
        ("4,2", "not a number"),
        ("1" * 40, "too long"),
        (True, "expected a number"),
        ([1], "expected a number"),
    ],
)
def test_potential_range(value, ok):
    from interphase.thermo.conditions import POTENTIAL_RANGE_V

    call = lambda: validation.number(  # noqa: E731
        "pair-potential", value, "the potential", *POTENTIAL_RANGE_V, "V", optional=True
    )
    if ok is None or isinstance(ok, float):
        assert call() == ok
    else:
        with pytest.raises(FieldError, match=ok):
            call()


def test_atmosphere_goes_through_the_conditions_parser():
    assert validation.atmosphere("f", "") is None and validation.atmosphere("f", "none") is None
    assert validation.atmosphere("f", "air") == "air"
    assert validation.atmosphere("f", "O2=0.21,CO2=4e-4") == "O2=0.21,CO2=4e-4"
    for bad in ("O2=-1", "O2=nan", "N2=1", "x" * 100):
        with pytest.raises(FieldError):
            validation.atmosphere("f", bad)


def test_pair_input_collects_every_field_error():
    inp, errors = validation.pair_input("Li7La3Zr2O1x", "", "99", "bogus", "5")
    assert inp is None
    assert set(errors) == {
        "pair-a",
        "pair-b",
        "pair-potential",
        "pair-atmosphere",
        "pair-temperature",
    }


def test_engine_refusals_land_at_their_field():
    from interphase.thermo.analysis import react
    from interphase.thermo.conditions import Conditions, parse_atmosphere

    with pytest.raises(InvalidConditionError) as err:
        react("Li", "LLZO", "mp", Conditions(potential_v=0.5))
    assert validation.field_of_engine_error(str(err.value), "") == "pair-potential"
    # CO2 without O2 passes the form but not the engine, which needs the oxygen potential
    label, gases = parse_atmosphere("CO2=1")
    with pytest.raises(InvalidConditionError) as err:
        react("LCO", "LLZO", "mp", Conditions(gases_bar=gases, atmosphere=label))
    assert validation.field_of_engine_error(str(err.value), "") == "pair-atmosphere"


def test_pair_view_is_the_engines_answer():
    """The figure plots the engine's kinks in meV/atom; the view's verdict and windows are
    react's and stability_window's."""
    from interphase.thermo.analysis import react
    from interphase.thermo.conditions import Conditions
    from interphase.thermo.window import stability_window
    from interphase.web.pair import compute_pair, pair_command

    inp = validation.PairInput("NCM811", "Li6PS5Cl", 4.2, None, 298.15)
    view = compute_pair(inp)
    want = react("NCM811", "Li6PS5Cl", "mp", Conditions(potential_v=4.2))
    assert view.reaction.verdict.kind == want.verdict.kind
    fig = figures.reaction_figure(view.reaction)
    ys = fig["data"][0]["y"]
    # the hull LPs are warm-started, so the history of a process moves the last digits
    assert ys == pytest.approx([k.energy_ev_per_atom * 1000 for k in want.kinks], abs=1e-6)
    # the curve ends at 0 (pure reactants) and the star sits at its minimum
    assert ys[0] == pytest.approx(0.0, abs=1e-9) or ys[-1] == pytest.approx(0.0, abs=1e-9)
    assert fig["data"][-1]["y"][0] == pytest.approx(min(ys), abs=1e-9)
    w = stability_window("Li6PS5Cl")
    assert [x.oxidation_v for x in view.windows if x.name == "Li6PS5Cl"] == [w.oxidation_v]
    assert view.electrode == "NCM811" and view.electrode_range_v == (3.0, 4.3)
    assert pair_command(inp) == "interphase react NCM811 Li6PS5Cl --potential 4.2"


def test_li_metal_has_no_window_but_the_pair_still_shows():
    from interphase.web.pair import compute_pair

    view = compute_pair(validation.PairInput("Li", "LLZO", None, None, 298.15))
    assert [w.name for w in view.windows] == ["LLZO"]
    assert view.window_notes and "Li" in view.window_notes[0]


def test_staircase_rows_follow_the_window():
    from interphase.thermo.window import stability_window
    from interphase.web.window import rows

    res = stability_window("LLZO")
    table = rows(res)
    assert len(table) == len(res.steps)
    assert {r["phases"] for r in table} == {" + ".join(s.products) for s in res.steps}
    fig = figures.staircase_figure(res)
    xs = [x for x in fig["data"][0]["x"] if x is not None]
    assert sorted(set(xs)) == sorted({s.li_per_formula_unit for s in res.steps})


def test_job_failures_are_logged_and_the_pool_goes_on(caplog):
    from interphase.web.jobs import JobRunner

    runner = JobRunner(workers=1, queued=1)

    def boom(progress):
        raise RuntimeError("defect")

    def refuse(progress):
        raise FieldError("stack-cathode", "give the cathode")

    def fine(progress):
        progress("step", 1, 1)
        return 42

    with caplog.at_level(logging.ERROR, logger="interphase.web"):
        jobs = [runner.submit("t", f) for f in (boom, refuse)]
        deadline = time.time() + 10
        while any(j.state in ("queued", "running") for j in jobs) and time.time() < deadline:
            time.sleep(0.01)
    assert jobs[0].state == "failed" and "internal error (RuntimeError)" in jobs[0].error
    assert "defect" in caplog.text  # the traceback is in the server log, not on the page
    assert jobs[1].error == "give the cathode" and jobs[1].field == "stack-cathode"
    ok = runner.submit("t", fine)
    while ok.state in ("queued", "running"):
        time.sleep(0.01)
    assert ok.result == 42 and (ok.done, ok.total) == (1, 1)
    runner.shutdown()


def test_job_pool_is_bounded():
    import threading

    from interphase.errors import InterphaseError
    from interphase.web.jobs import JobRunner

    gate = threading.Event()
    runner = JobRunner(workers=1, queued=2)
    for _ in range(3):
        runner.submit("t", lambda progress: gate.wait(5))
    with pytest.raises(InterphaseError, match="try again"):
        runner.submit("t", lambda progress: None)
    gate.set()
    runner.shutdown()


def test_coating_rows_link_to_the_pair_page():
    from interphase.web.coatings import pair_link, table_rows

    spec = {
        "electrode": "NCM811",
        "electrode_role": "cathode",
        "potential_range_v": (3.0, 4.3),
        "electrolyte": "Li6PS5Cl",
    }
    e = {
        "formula": "LiNbO3",
        "name": "LiNbO3",
        "rank": 1,
        "pareto_layer": 1,
        "passes": True,
        "reaction_electrode": {"energy_ev_per_atom": -0.0123},
        "reaction_electrolyte": {"energy_ev_per_atom": -0.2},
        "window": {"margin_v": 0.5},
        "electronic": {"kind": "insulator"},
    }
    (row,) = table_rows([e], spec)
    assert row["electrode_mev"] == -12.3 and row["electrolyte_mev"] == -200.0
    assert pair_link(spec, "LiNbO3") == "/pair?a=NCM811&b=LiNbO3&potential=4.3"
    assert row["pair"] == "[open](/pair?a=NCM811&b=LiNbO3&potential=4.3)"


def test_cycling_form_and_figure_follow_the_engine():
    from interphase.evolution.cycling import evolve_stack
    from interphase.web.cycling import MAX_WEB_CYCLES, cycle_figure, cycle_input

    for bad, field_id in (
        (("LCO", "LLZO", "Li", "2.5", "0.5"), "cycle-cycles"),
        (("LCO", "LLZO", "Li", str(MAX_WEB_CYCLES + 1), "0.5"), "cycle-cycles"),
        (("LCO", "LLZO", "Li", "10", "-1"), "cycle-crate"),
        (("LCO", "LLZ0", "Li", "10", "1"), "cycle-electrolyte"),
    ):
        with pytest.raises(FieldError) as err:
            cycle_input(*bad)
        assert err.value.field == field_id
    spec, n, rate = cycle_input("LCO", "LLZO", "Li", "50", "0.5")
    res = evolve_stack(spec, n, rate)
    fig = cycle_figure(res)
    assert fig["data"][0]["y"] == list(res.total_asr_ohm_cm2)
    assert fig["data"][-1]["y"] == pytest.approx([100 * c for c in res.capacity_fraction])
    assert all(0 <= c <= 100 for c in fig["data"][-1]["y"])
