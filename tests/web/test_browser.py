"""End to end in headless Chromium (Debian's package, driven by Playwright; no browser
download): open the app, run Li | LLZO, see the curve and the verdict, change the potential
and see the page update within 1 s, enter an invalid formula and see the message beside the
field; two tabs computing different pairs at once; no request leaves 127.0.0.1. Screenshots
go to tests/web/artifacts/ (git-ignored). Skipped, with the reason, without a browser.

Breaking the code on purpose: with `field_of_engine_error` in interphase/web/validation.py
always returning the default, the Li-reservoir refusal lands in the status line instead of
beside the potential box and `test_pair_li_llzo_then_potential_then_bad_formula` fails
(tried: it does); with the pair page's `_failure` clearing the verdict on a bad field, the
same test fails at "the last good result is still shown" (tried).
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

UPDATE_LIMIT_S = 1.0  # the bound for a pair page update on the embedded data


def _direct(a: str, b: str, potential: float | None):
    from interphase.thermo.analysis import react
    from interphase.thermo.conditions import Conditions

    return react(a, b, "mp", Conditions(potential_v=potential))


@pytest.fixture(scope="module")
def page_log(browser, live_server):
    """A browser context that records every request it makes."""
    base, _ = live_server
    ctx = browser.new_context(viewport={"width": 1280, "height": 1000})
    requests: list[str] = []
    ctx.on("request", lambda r: requests.append(r.url))
    yield ctx, requests, base
    ctx.close()


def _verdict(page) -> str:
    return page.inner_text("#pair-verdict-kind").split(": ", 1)[1]


def _set(page, selector: str, value: str) -> None:
    page.fill(selector, value)
    page.press(selector, "Enter")


def _wait_text(page, selector: str, includes: str = "", timeout_ms: float = 30000) -> None:
    """Wait until `selector` exists and its text is non-empty (and contains `includes`)."""
    page.wait_for_function(
        "([s, t]) => { const e = document.querySelector(s);"
        " return e && e.innerText.length > 0 && e.innerText.includes(t); }",
        arg=[selector, includes],
        timeout=timeout_ms,
    )


def _wait_verdict(page, kind: str, timeout_ms: float = 30000) -> None:
    page.wait_for_function(
        "k => { const e = document.querySelector('#pair-verdict-kind');"
        " return e && e.innerText === 'verdict: ' + k; }",
        arg=kind,
        timeout=timeout_ms,
    )


def test_pair_li_llzo_then_potential_then_bad_formula(page_log, artifacts):
    ctx, _, base = page_log
    page = ctx.new_page()
    page.goto(base + "/pair?a=Li&b=LLZO")
    li_llzo = _direct("Li", "LLZO", None)
    _wait_verdict(page, li_llzo.verdict.kind)
    # the curve: one point per kink of the engine's total curve, drawn by plotly
    n_points = page.eval_on_selector_all(
        "#pair-curve .scatterlayer .trace:first-child .point", "e => e.length"
    )
    assert n_points == len(li_llzo.kinks)
    assert li_llzo.verdict.reasons[0][:40] in page.inner_text("#pair-verdict")
    assert "interphase react Li LLZO" in page.inner_text("#pair-provenance")
    page.screenshot(path=str(artifacts / "pair_li_llzo.png"), full_page=True)

    # Li is the reservoir: an open-Li potential is refused, beside the potential box
    _set(page, "#pair-potential", "0.5")
    _wait_text(page, "#pair-potential-error")
    assert "reservoir" in page.inner_text("#pair-potential-error")

    # a cathode against LLZO: warm at two potentials, then time a change to a third
    _set(page, "#pair-a", "LCO")
    for v in ("3.0", "4.0"):
        _set(page, "#pair-potential", v)
        _wait_verdict(page, _direct("LCO", "LLZO", float(v)).verdict.kind)
    times = []
    for v in ("3.7", "3.6", "3.5"):  # each new to the server: the engine runs every time
        old = page.inner_text("#pair-energies")
        t0 = time.perf_counter()
        _set(page, "#pair-potential", v)
        page.wait_for_function(
            "old => document.querySelector('#pair-energies').innerText !== old",
            arg=old,
            timeout=10000,
        )
        times.append(time.perf_counter() - t0)
    want = _direct("LCO", "LLZO", 3.5).verdict.kind
    print(
        "pair page updates after a potential change: "
        + ", ".join(f"{t * 1000:.0f} ms" for t in times)
    )
    assert _verdict(page) == want
    # the median of three: one update slowed by another process on a shared machine is noise
    assert sorted(times)[1] < UPDATE_LIMIT_S, times
    assert page.inner_text("#pair-potential-error") == ""
    page.screenshot(path=str(artifacts / "pair_lco_llzo_3.5V.png"), full_page=True)

    # an invalid formula: the message stands next to the field, the page stays
    page.fill("#pair-a", "Li7La3Zr2O1x")
    page.click("#pair-run")
    _wait_text(page, "#pair-a-error")
    msg = page.inner_text("#pair-a-error")
    assert "Li7La3Zr2O1x" in msg and "'x' is not an element symbol" in msg
    box = page.locator("#pair-a").bounding_box()
    err = page.locator("#pair-a-error").bounding_box()
    assert abs(err["x"] - box["x"]) < 5 and 0 <= err["y"] - (box["y"] + box["height"]) < 30
    assert _verdict(page) == want  # the last good result is still shown
    page.screenshot(path=str(artifacts / "pair_invalid_formula.png"), full_page=True)
    page.close()


def test_two_tabs_compute_different_pairs_at_once(page_log, artifacts):
    ctx, _, base = page_log
    pairs = [("NCM811", "Li6PS5Cl", "4.2"), ("LCO", "LLZO", "4.1")]
    pages = [ctx.new_page() for _ in pairs]
    for page, (a, b, _) in zip(pages, pairs, strict=True):
        page.goto(f"{base}/pair?a={a}&b={b}")
        page.wait_for_selector("#pair-verdict-kind")
    for page, (_, _, v) in zip(pages, pairs, strict=True):  # both posted before either waits
        page.fill("#pair-potential", v)
    for page in pages:
        page.press("#pair-potential", "Enter")
    for i, (page, (a, b, v)) in enumerate(zip(pages, pairs, strict=True)):
        want = _direct(a, b, float(v))
        _wait_verdict(page, want.verdict.kind)
        deepest = f"{want.most_exothermic.energy_ev_per_atom * 1000:.1f} meV/atom"
        _wait_text(page, "#pair-energies", deepest)
        page.screenshot(path=str(artifacts / f"tab{i + 1}_{a}_{b}.png"), full_page=True)
        page.close()


def test_other_pages_render(page_log, artifacts):
    """Window, contact / evolution and stack pages show the engines' numbers."""
    from interphase.evolution.cycling import evolve_stack
    from interphase.stack import make_stack
    from interphase.thermo.window import stability_window

    ctx, _, base = page_log
    page = ctx.new_page()
    page.goto(base + "/window?x=LLZO")
    w = stability_window("LLZO")
    _wait_text(page, "#window-summary", f"{w.oxidation_v:.3f} V")
    assert page.locator("#window-table tbody tr").count() >= len(w.steps)
    page.screenshot(path=str(artifacts / "window_llzo.png"), full_page=True)
    page.goto(base + "/contact")
    _wait_text(page, "#particle-summary", "capacity")
    _wait_text(page, "#growth-summary", "Li | ")
    assert "capacity" in page.inner_text("#particle-summary")
    page.click("#cycle-run")  # LCO | LLZO | Li, 500 cycles at 0.5C, in the job pool
    _wait_text(page, "#cycle-status", "after 500 cycles", timeout_ms=60000)
    evo = evolve_stack(make_stack("LCO", "LLZO", "Li"), 500, 0.5)
    assert f"ASR {evo.total_asr_ohm_cm2[-1]:.4g} ohm cm²" in page.inner_text("#cycle-status")
    page.screenshot(path=str(artifacts / "contact.png"), full_page=True)
    page.goto(base + "/stack")
    page.click("#stack-run")
    page.wait_for_selector("#stack-table", timeout=60000)
    assert "NCM811 | Li6PS5Cl" in page.inner_text("#stack-table")
    page.screenshot(path=str(artifacts / "stack.png"), full_page=True)
    with page.expect_download() as dl:
        page.click("#stack-dl-json")
    data = json.loads(Path(dl.value.path()).read_text())
    assert [r["label"] for r in data["interfaces"]] == ["NCM811 | Li6PS5Cl", "Li6PS5Cl | Li"]
    page.close()


def test_coatings_screen_then_open_a_candidate(page_log, artifacts):
    """A screening of the classic and named coatings runs in the background, fills the
    table in the engine's rank order, and a candidate's link opens its pair page."""
    ctx, _, base = page_log
    page = ctx.new_page()
    page.goto(base + "/coatings")
    page.wait_for_selector("#coat-run")
    page.click("#coat-run")
    _wait_text(page, "#coat-status", "pass every filter", timeout_ms=90000)
    ranks = page.locator("#coat-table td[data-dash-column=rank]").all_inner_texts()
    assert ranks[:3] == ["1", "2", "3"]  # the engine's order, best first
    name = page.locator("#coat-table td[data-dash-column=name]").first.inner_text()
    page.screenshot(path=str(artifacts / "coatings.png"), full_page=True)
    page.locator("#coat-table td[data-dash-column=pair] a").first.click()
    page.wait_for_selector("#pair-verdict-kind", timeout=30000)
    assert page.locator("#pair-b").input_value() == name
    assert page.locator("#pair-a").input_value() == "NCM811"
    page.close()


def test_no_request_leaves_the_machine(page_log):
    """Run after the others (pytest keeps file order): every request went to the server."""
    _, requests, base = page_log
    assert requests
    outside = [u for u in requests if not u.startswith(base) and not u.startswith("data:")]
    assert not outside, outside[:5]
