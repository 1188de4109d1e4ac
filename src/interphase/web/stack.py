"""The stack page: the `analyze` scorecard (`stack.analyze`, as `interphase analyze`), run in
the background with progress, with downloads of the HTML report and the JSON that
`interphase.report` writes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from dash import Input, Output, State, dcc, html, no_update

from interphase.web import validation
from interphase.web.common import (
    catalog_datalist,
    cli_command,
    field,
    guarded,
    in_background,
    job_of,
    progress_text,
    provenance,
    store_dir,
)

FIELDS = (
    "stack-cathode",
    "stack-coating",
    "stack-electrolyte",
    "stack-anode",
    "stack-pressure",
    "stack-temperature",
)
POLL_MS = 300


def stack_spec(cathode, coating, electrolyte, anode, pressure, temperature) -> Any:
    """Check the form and build the stack (`stack.make_stack` does the physics checks)."""
    from interphase.stack import make_stack
    from interphase.stack.spec import MAX_STACK_PRESSURE_MPA
    from interphase.thermo.gases import T_MAX_K, T_MIN_K

    c = validation.material("stack-cathode", cathode, "the cathode")
    co = None
    if isinstance(coating, str) and coating.strip():
        co = validation.material("stack-coating", coating, "the coating")
    e = validation.material("stack-electrolyte", electrolyte, "the electrolyte")
    a = validation.material("stack-anode", anode, "the anode")
    p = validation.number(
        "stack-pressure", pressure, "the stack pressure", 0.0, MAX_STACK_PRESSURE_MPA, "MPa"
    )
    t = validation.number(
        "stack-temperature", temperature, "the temperature", T_MIN_K, T_MAX_K, "K"
    )
    return make_stack(c, e, a, co, pressure_mpa=p, temperature_k=t)


def stack_command(spec: Any, coatings: bool) -> str:
    words: list[Any] = ["analyze", "--cathode", spec.cathode, "--electrolyte", spec.electrolyte]
    words += ["--anode", spec.anode]
    if spec.coating:
        words += ["--coating", spec.coating]
    words += ["--pressure", f"{spec.pressure_mpa:g}", "--temperature", f"{spec.temperature_k:g}"]
    if not coatings:
        words.append("--no-coatings")
    return cli_command(words)


def run_analysis(spec: Any, coatings: bool, store: Path, progress: Any) -> Any:
    from interphase.stack import analyze

    db = store / "stack_coatings.sqlite" if coatings else None
    return analyze(spec, progress, coatings=coatings, store=db)


def layout(query: str = "") -> html.Div:
    return html.Div(
        [
            html.H2("Stack: every interface at three levels"),
            catalog_datalist(),
            html.Div(
                [
                    field("cathode", "stack-cathode", "NCM811", list="catalog-names"),
                    field("coating (optional)", "stack-coating", "", list="catalog-names"),
                    field("electrolyte", "stack-electrolyte", "Li6PS5Cl", list="catalog-names"),
                    field("anode", "stack-anode", "Li", list="catalog-names"),
                    field("stack pressure (MPa)", "stack-pressure", "5"),
                    field("temperature (K)", "stack-temperature", "298.15"),
                    dcc.Checklist(
                        id="stack-options",
                        options=[{"label": "coating screen", "value": "coatings"}],
                        value=[],
                    ),
                    html.Button("Analyze", id="stack-run", n_clicks=0),
                ],
                className="form",
            ),
            html.Div("", id="stack-status", className="status"),
            dcc.Store(id="stack-job"),
            dcc.Interval(id="stack-poll", interval=POLL_MS, disabled=True),
            html.Div("", id="stack-scorecard"),
            html.Div(
                [
                    html.Button("download report.html", id="stack-dl-html"),
                    html.Button("download analysis.json", id="stack-dl-json"),
                ],
                id="stack-downloads",
                style={"display": "none"},
            ),
            dcc.Download(id="stack-download"),
            html.Div("", id="stack-provenance"),
        ]
    )


def scorecard(analysis: Any) -> html.Div:
    from interphase.stack.grades import LEVELS

    head = html.Tr([html.Th("interface"), *[html.Th(lv) for lv in LEVELS]])
    body = []
    for r in analysis.interfaces:
        cells = [html.Td(r.label)]
        for lv in LEVELS:
            g = r.scorecard[lv]
            num = "" if g.number is None else f" [{g.number:.4g} {g.unit}]"
            cells.append(html.Td(g.colour, title=g.reason + num, className=f"grade-{g.colour}"))
        body.append(html.Tr(cells))
    reasons = [
        html.Li(f"{r.label}, {lv}: {r.scorecard[lv].reason}")
        for r in analysis.interfaces
        for lv in LEVELS
    ]
    extra = []
    if analysis.coatings is not None:
        names = ", ".join(e["name"] for e in analysis.coatings.entries)
        extra.append(html.P(f"coatings to try for {analysis.coatings.pair}: {names}"))
    extra += [html.Li(f"not computed: {m.part}: {m.reason}") for m in analysis.not_computed]
    return html.Div(
        [
            html.H3(f"{analysis.stack.label}: scorecard"),
            html.Table([html.Thead(head), html.Tbody(body)], id="stack-table"),
            html.Ul(reasons),
            *extra,
            html.Small(f"computed in {analysis.wall_s:.2f} s"),
        ]
    )


def register(app: Any) -> None:
    errors_out = [Output(f"{f}-error", "children") for f in FIELDS]

    def failed(message: str, field_id: str | None) -> tuple:
        errs = ["" if f != field_id else message for f in FIELDS]
        status = "" if field_id in FIELDS else message
        return (no_update, True, status, *errs)

    @app.callback(
        Output("stack-job", "data"),
        Output("stack-poll", "disabled"),
        Output("stack-status", "children"),
        *errors_out,
        Input("stack-run", "n_clicks"),
        *[State(f, "value") for f in FIELDS],
        State("stack-options", "value"),
        prevent_initial_call=True,
    )
    @guarded(3 + len(FIELDS), failed)
    def submit(_n, cathode, coating, electrolyte, anode, pressure, temperature, options):
        spec = stack_spec(cathode, coating, electrolyte, anode, pressure, temperature)
        coatings = isinstance(options, list) and "coatings" in options
        job = in_background("stack", run_analysis, (spec, coatings, store_dir()))
        data = {"id": job.id, "command": stack_command(spec, coatings)}
        return (data, False, "submitted…", *[""] * len(FIELDS))

    @app.callback(
        Output("stack-scorecard", "children"),
        Output("stack-status", "children", allow_duplicate=True),
        Output("stack-poll", "disabled", allow_duplicate=True),
        Output("stack-downloads", "style"),
        Output("stack-provenance", "children"),
        Input("stack-poll", "n_intervals"),
        State("stack-job", "data"),
        prevent_initial_call=True,
    )
    @guarded(5, lambda m, f: (no_update, m, True, no_update, no_update))
    def poll(_n, job_data):
        job = job_of(job_data)
        if job is None:
            return (no_update, "no such computation (finished long ago?)", True, no_update, "")
        snap = job.snapshot()
        if snap["state"] in ("queued", "running"):
            return (no_update, progress_text(snap), False, no_update, no_update)
        if snap["state"] == "failed":
            return ("", snap["error"], True, {"display": "none"}, "")
        res = job.result
        cites = [c["key"] for c in res.citations if isinstance(c, dict) and "key" in c]
        prov = provenance(res.stack.database, cites, job_data.get("command"))
        return (scorecard(res), "done", True, {"display": "block"}, prov)

    @app.callback(
        Output("stack-download", "data"),
        Input("stack-dl-html", "n_clicks"),
        Input("stack-dl-json", "n_clicks"),
        State("stack-job", "data"),
        prevent_initial_call=True,
    )
    @guarded(1, lambda m, f: no_update)
    def download(_h, _j, job_data):
        from dash import ctx

        from interphase.report.html import render_html

        job = job_of(job_data)
        if job is None or job.state != "done":
            return no_update
        if ctx.triggered_id == "stack-dl-html":
            return {"content": render_html(job.result), "filename": "report.html"}
        text = json.dumps(job.result.to_dict(), indent=1, allow_nan=False)
        return {"content": text, "filename": "analysis.json"}
