"""The cycling part of the contact / evolution page: interfacial resistance and capacity of a
stack over charge-discharge cycles (`evolution.cycling.evolve_stack`, as `interphase
evolve`), run in the background with the total ASR band and the capacity per cycle."""

from __future__ import annotations

from typing import Any

from dash import Input, Output, State, dcc, html, no_update

from interphase.web import figures, validation
from interphase.web.common import (
    cli_command,
    field,
    guarded,
    in_background,
    job_of,
    progress_text,
    provenance,
)

FIELDS = (
    "cycle-cathode",
    "cycle-electrolyte",
    "cycle-anode",
    "cycle-cycles",
    "cycle-crate",
)
MAX_WEB_CYCLES = 5000  # the engine takes 100,000; a page keeps a run to a few seconds
POLL_MS = 300


def layout() -> html.Div:
    return html.Div(
        [
            html.H3("resistance and capacity over cycles"),
            html.Div(
                [
                    field("cathode", "cycle-cathode", "LCO", list="catalog-names"),
                    field("electrolyte", "cycle-electrolyte", "LLZO", list="catalog-names"),
                    field("anode", "cycle-anode", "Li", list="catalog-names"),
                    field("cycles", "cycle-cycles", "500"),
                    field("C-rate (1/h)", "cycle-crate", "0.5"),
                    html.Button("Evolve", id="cycle-run", n_clicks=0),
                ],
                className="form",
            ),
            html.Div("", id="cycle-status", className="status"),
            dcc.Store(id="cycle-job"),
            dcc.Interval(id="cycle-poll", interval=POLL_MS, disabled=True),
            dcc.Graph(id="cycle-graph", figure={"data": [], "layout": {}}),
            html.Div("", id="cycle-notes"),
            html.Div("", id="cycle-provenance"),
        ]
    )


def cycle_input(cathode, electrolyte, anode, cycles, c_rate) -> tuple[Any, int, float]:
    """The checked stack, number of cycles and C-rate."""
    from interphase.evolution.cycling import MAX_C_RATE
    from interphase.stack import make_stack

    c = validation.material("cycle-cathode", cathode, "the cathode")
    e = validation.material("cycle-electrolyte", electrolyte, "the electrolyte")
    a = validation.material("cycle-anode", anode, "the anode")
    n = validation.number("cycle-cycles", cycles, "the number of cycles", 1, MAX_WEB_CYCLES, "")
    if n != int(n):
        raise validation.FieldError("cycle-cycles", "the number of cycles is a whole number")
    rate = validation.number("cycle-crate", c_rate, "the C-rate", 1e-3, MAX_C_RATE, "1/h")
    return make_stack(c, e, a), int(n), rate


def run_cycles(spec: Any, cycles: int, c_rate: float, progress: Any) -> Any:
    from interphase.evolution.cycling import evolve_stack

    progress("cycling", 0, 1)
    res = evolve_stack(spec, cycles, c_rate)
    progress("cycling", 1, 1)
    return res


def cycle_figure(res: Any) -> dict[str, Any]:
    """Total ASR (with its band) and capacity fraction against the cycle number."""
    lo = [b[0] for b in res.total_band_ohm_cm2]
    hi = [b[1] for b in res.total_band_ohm_cm2]
    fig = figures.lines_figure(
        list(res.cycle),
        {"total ASR (ohm cm²)": list(res.total_asr_ohm_cm2)},
        f"{res.stack}: {res.cycles} cycles at {res.c_rate:g}C",
        "cycle",
        "ASR (ohm cm²)",
    )
    fig["data"] += [
        {
            "type": "scatter",
            "mode": "lines",
            "x": list(res.cycle),
            "y": y,
            "name": name,
            "line": {"color": figures.GREY, "dash": "dot"},
        }
        for y, name in ((lo, "ASR band, low"), (hi, "ASR band, high"))
    ]
    fig["data"].append(
        {
            "type": "scatter",
            "mode": "lines",
            "x": list(res.cycle),
            "y": [100 * c for c in res.capacity_fraction],
            "name": "capacity (% of the window)",
            "yaxis": "y2",
            "line": {"color": figures.GREEN},
        }
    )
    fig["layout"]["margin"]["r"] = 70  # room for the capacity axis
    fig["layout"]["yaxis2"] = {
        "title": {"text": "capacity (% of the cut-off window)"},
        "overlaying": "y",
        "side": "right",
        "range": [0, 105],
    }
    return fig


def register(app: Any) -> None:
    def failed(message: str, field_id: str | None) -> tuple:
        errs = ["" if f != field_id else message for f in FIELDS]
        return (no_update, True, "" if field_id in FIELDS else message, *errs)

    @app.callback(
        Output("cycle-job", "data"),
        Output("cycle-poll", "disabled"),
        Output("cycle-status", "children"),
        *[Output(f"{f}-error", "children") for f in FIELDS],
        Input("cycle-run", "n_clicks"),
        *[State(f, "value") for f in FIELDS],
        prevent_initial_call=True,
    )
    @guarded(3 + len(FIELDS), failed)
    def submit(_n, cathode, electrolyte, anode, cycles, c_rate):
        spec, n, rate = cycle_input(cathode, electrolyte, anode, cycles, c_rate)
        job = in_background("cycling", run_cycles, (spec, n, rate))
        words = ["evolve", "--cathode", spec.cathode, "--electrolyte", spec.electrolyte]
        words += ["--anode", spec.anode, "--cycles", n, "--c-rate", f"{rate:g}"]
        return ({"id": job.id, "command": cli_command(words)}, False, "submitted…", *[""] * 5)

    @app.callback(
        Output("cycle-graph", "figure"),
        Output("cycle-status", "children", allow_duplicate=True),
        Output("cycle-poll", "disabled", allow_duplicate=True),
        Output("cycle-notes", "children"),
        Output("cycle-provenance", "children"),
        Input("cycle-poll", "n_intervals"),
        State("cycle-job", "data"),
        prevent_initial_call=True,
    )
    @guarded(5, lambda m, f: (no_update, m, True, no_update, no_update))
    def poll(_n, job_data):
        job = job_of(job_data)
        if job is None:
            return (no_update, "no such computation", True, no_update, no_update)
        snap = job.snapshot()
        if snap["state"] in ("queued", "running"):
            return (no_update, progress_text(snap), False, no_update, no_update)
        if snap["state"] == "failed":
            return (no_update, snap["error"], True, "", "")
        res = job.result
        status = (
            f"after {res.cycles} cycles: ASR {res.total_asr_ohm_cm2[-1]:.4g} ohm cm², capacity "
            f"{100 * res.capacity_fraction[-1]:.1f} % (retention {100 * res.retention[-1]:.1f} %)"
        )
        notes = html.Ul([html.Li(f"not computed: {m}") for m in res.missing])
        prov = provenance("mp", res.citations, job_data.get("command"))
        return (cycle_figure(res), status, True, notes, prov)
