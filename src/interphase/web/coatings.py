"""The coatings page: run a screening (`coatings.screen`, as `interphase coat`) into the app's
result store in the background, or open a run already there; a sortable, filterable table, the
Pareto plot, and a click on a candidate opens its pair page.

The store is `<store>/coatings.sqlite`; the page reads and writes nothing else. Runs the app
started are also listed, with their pair, in `<store>/web_runs.json` (the store keeps a run's
spec but offers no reader of it)."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from dash import Input, Output, State, dash_table, dcc, html, no_update

from interphase.errors import InterphaseError
from interphase.web import figures, validation
from interphase.web.common import (
    catalog_datalist,
    cli_command,
    field,
    guarded,
    in_background,
    job_of,
    progress_text,
    provenance,
)
from interphase.web.common import store_dir as app_store

STORE_NAME = "coatings.sqlite"
INDEX_NAME = "web_runs.json"
POLL_MS = 300
FIELDS = ("coat-electrode", "coat-electrolyte")
_INDEX_LOCK = threading.Lock()

COLUMNS = (
    ("rank", "rank"),
    ("name", "name"),
    ("formula", "formula"),
    ("pareto", "Pareto layer"),
    ("passes", "passes"),
    ("electrode_mev", "electrode (meV/atom)"),
    ("electrolyte_mev", "electrolyte (meV/atom)"),
    ("margin_v", "window margin (V)"),
    ("electronic", "electronic"),
    ("pair", "pair page"),
)


def store_path(store_dir: Path) -> Path:
    return Path(store_dir) / STORE_NAME


def _index(store_dir: Path) -> dict[str, dict]:
    try:
        data = json.loads((Path(store_dir) / INDEX_NAME).read_text())
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _remember(store_dir: Path, run: str, spec: dict) -> None:
    with _INDEX_LOCK:
        idx = _index(store_dir)
        idx[run] = spec
        (Path(store_dir) / INDEX_NAME).write_text(json.dumps(idx, indent=1, sort_keys=True))


def stored_runs(store_dir: Path) -> list[dict[str, str]]:
    """Options for the run picker: every run in the store, labelled by its pair if known."""
    from interphase.compute import ResultStore

    path = store_path(store_dir)
    if not path.exists():
        return []
    idx = _index(store_dir)
    with ResultStore(path) as st:
        out = []
        for run in st.runs():
            spec = idx.get(run)
            label = (
                f"{spec['electrode']} | {spec['electrolyte']}" if spec else "(started elsewhere)"
            )
            out.append({"label": f"{label}: {st.count(run)} candidates [{run}]", "value": run})
    return out


def run_screen(
    electrode: str, electrolyte: str, database_candidates: bool, store_dir: Path, progress: Any
):
    """The CLI's screen: catalog electrode, classics and named coatings (plus the database's
    Li compounds when asked), in-process (no Dask workers inside the server)."""
    from interphase.coatings.evaluate import make_spec
    from interphase.coatings.screen import default_candidates, screen
    from interphase.compute import ResultStore

    spec = make_spec(electrode, electrolyte)
    with ResultStore(store_path(store_dir)) as st:
        cands = default_candidates(spec, st, include_database=database_candidates)
        return screen(spec, cands, st, workers=0, quiet=True, progress=progress)


def remember_result(store_dir: Path, res: Any) -> Any:
    """Index a finished run (in the server, so two workers never write the index at once)."""
    from interphase.coatings.evaluate import ScreeningSpec

    spec = ScreeningSpec(**res.spec)
    _remember(store_dir, spec.run_key, spec.to_dict())
    return res


def open_run(run: str, store_dir: Path) -> dict[str, Any]:
    """A stored run, ranked as `screen` ranks it (default weights, Pareto order)."""
    from interphase.coatings.ranking import DEFAULT_WEIGHTS, rank_entries
    from interphase.compute import ResultStore
    from interphase.errors import UnknownEntryError

    with ResultStore(store_path(store_dir)) as st:
        if run not in st.runs():
            raise UnknownEntryError(f"no run {run!r} in the result store")
        rows = st.results(run)
    entries = [dict(r["result"]) for r in rows.values() if r["status"] == "done" and r["result"]]
    ranked = rank_entries(entries, DEFAULT_WEIGHTS, "pareto", "worst")
    return {"spec": _index(store_dir).get(run), "entries": ranked, "run": run}


def pair_link(spec: dict | None, formula: str) -> str:
    """The pair page of a candidate against its electrode (at the top of its range)."""
    if not spec:
        return "/pair?" + urlencode({"a": formula, "b": "Li"})
    q = {"a": spec["electrode"], "b": formula}
    if spec.get("electrode_role") == "cathode":
        q["potential"] = f"{spec['potential_range_v'][1]:g}"
    return "/pair?" + urlencode(q)


def table_rows(entries: list[dict], spec: dict | None) -> list[dict[str, Any]]:
    def mev(d: Any) -> float | None:
        if not isinstance(d, dict) or d.get("energy_ev_per_atom") is None:
            return None
        return round(1000 * d["energy_ev_per_atom"], 1)

    out = []
    for e in entries:
        w = e.get("window") or {}
        out.append(
            {
                "rank": e.get("rank"),
                "name": e.get("name"),
                "formula": e.get("formula"),
                "pareto": e.get("pareto_layer"),
                "passes": "yes" if e.get("passes") else "no",
                "electrode_mev": mev(e.get("reaction_electrode")),
                "electrolyte_mev": mev(e.get("reaction_electrolyte")),
                "margin_v": w.get("margin_v"),
                "electronic": (e.get("electronic") or {}).get("kind"),
                "pair": f"[open]({pair_link(spec, e.get('formula', ''))})",
            }
        )
    return out


def layout(query: str = "", store_dir: Path | None = None) -> html.Div:
    runs = stored_runs(store_dir) if store_dir is not None else []
    return html.Div(
        [
            html.H2("Coatings: screening"),
            catalog_datalist(),
            html.Div(
                [
                    field("electrode (catalog)", "coat-electrode", "NCM811", list="catalog-names"),
                    field("electrolyte", "coat-electrolyte", "Li6PS5Cl", list="catalog-names"),
                    dcc.Checklist(
                        id="coat-options",
                        options=[
                            {
                                "label": "database candidates (the first run enumerates them)",
                                "value": "database",
                            }
                        ],
                        value=[],
                    ),
                    html.Button("Screen", id="coat-run", n_clicks=0),
                ],
                className="form",
            ),
            html.Div(
                [
                    html.Label("or open a run from the store", htmlFor="coat-open"),
                    dcc.Dropdown(id="coat-open", options=runs, value=None),
                ],
                style={"maxWidth": "40em"},
            ),
            html.Div("", id="coat-status", className="status"),
            dcc.Store(id="coat-job"),
            dcc.Store(id="coat-spec"),
            dcc.Interval(id="coat-poll", interval=POLL_MS, disabled=True),
            dash_table.DataTable(
                id="coat-table",
                columns=[
                    {"name": label, "id": cid, "presentation": "markdown"}
                    if cid == "pair"
                    else {"name": label, "id": cid}
                    for cid, label in COLUMNS
                ],
                data=[],
                sort_action="native",
                filter_action="native",
                page_size=25,
                markdown_options={"link_target": "_self"},
                style_cell={"textAlign": "left", "fontSize": "0.9em"},
            ),
            dcc.Graph(id="coat-pareto", figure={"data": [], "layout": {}}),
            html.Div("", id="coat-provenance"),
        ]
    )


def _show(entries: list[dict], spec: dict | None, status: str, command: str | None) -> tuple:
    from interphase.coatings.practicality import PRACTICALITY_CITATIONS as PRACTICALITY
    from interphase.coatings.screen import CITATIONS

    return (
        table_rows(entries, spec),
        figures.pareto_figure(entries),
        status,
        spec,
        provenance("mp", (*CITATIONS, *PRACTICALITY), command),
    )


def coat_command(spec: dict, database: bool) -> str:
    role = "--cathode" if spec["electrode_role"] == "cathode" else "--anode"
    words: list[Any] = ["coat", role, spec["electrode"], "--electrolyte", spec["electrolyte"]]
    cmd = cli_command(words)
    if not database:  # the CLI always adds the database's Li compounds
        cmd += "  (plus the database candidates this run left out)"
    return cmd


def register(app: Any) -> None:
    def failed(message: str, field_id: str | None) -> tuple:
        errs = ["" if f != field_id else message for f in FIELDS]
        return (no_update, True, "" if field_id in FIELDS else message, *errs)

    @app.callback(
        Output("coat-job", "data"),
        Output("coat-poll", "disabled"),
        Output("coat-status", "children"),
        *[Output(f"{f}-error", "children") for f in FIELDS],
        Input("coat-run", "n_clicks"),
        State("coat-electrode", "value"),
        State("coat-electrolyte", "value"),
        State("coat-options", "value"),
        prevent_initial_call=True,
    )
    @guarded(5, failed)
    def submit(_n, electrode, electrolyte, options):
        from interphase.coatings.evaluate import make_spec

        el = validation.material("coat-electrode", electrode, "the electrode")
        sl = validation.material("coat-electrolyte", electrolyte, "the electrolyte")
        try:
            spec = make_spec(el, sl)
        except InterphaseError as exc:  # not a catalog electrode, no range known ...
            raise validation.FieldError("coat-electrode", str(exc)) from None
        database = isinstance(options, list) and "database" in options
        store = app_store()
        job = in_background(
            "coat",
            run_screen,
            (el, sl, database, store),
            after=lambda res: remember_result(store, res),
        )
        return (
            {"id": job.id, "command": coat_command(spec.to_dict(), database)},
            False,
            "submitted…",
            "",
            "",
        )

    @app.callback(
        Output("coat-table", "data"),
        Output("coat-pareto", "figure"),
        Output("coat-status", "children", allow_duplicate=True),
        Output("coat-spec", "data"),
        Output("coat-provenance", "children"),
        Output("coat-poll", "disabled", allow_duplicate=True),
        Input("coat-poll", "n_intervals"),
        Input("coat-open", "value"),
        State("coat-job", "data"),
        prevent_initial_call=True,
    )
    @guarded(6, lambda m, f: (no_update, no_update, m, no_update, no_update, True))
    def show(_n, run, job_data):
        from dash import ctx

        if ctx.triggered_id == "coat-open":
            if not isinstance(run, str) or len(run) > 64:
                return (no_update, no_update, "", no_update, no_update, True)
            got = open_run(run, app_store())
            spec = got["spec"]
            cmd = coat_command(spec, False) if spec else None
            n = len(got["entries"])
            return (*_show(got["entries"], spec, f"run {run}: {n} candidates", cmd), True)
        job = job_of(job_data)
        if job is None:
            return (no_update, no_update, "no such computation", no_update, no_update, True)
        snap = job.snapshot()
        if snap["state"] in ("queued", "running"):
            return (no_update, no_update, progress_text(snap), no_update, no_update, False)
        if snap["state"] == "failed":
            return (no_update, no_update, snap["error"], no_update, no_update, True)
        res = job.result
        status = f"{res.n_candidates} candidates, {res.n_passing} pass every filter"
        return (*_show(list(res.entries), res.spec, status, job_data.get("command")), True)

    @app.callback(
        Output("url", "href"),
        Input("coat-pareto", "clickData"),
        State("coat-spec", "data"),
        prevent_initial_call=True,
    )
    @guarded(1, lambda m, f: no_update)
    def open_pair(click, spec):
        try:
            formula = click["points"][0]["customdata"]
        except (TypeError, KeyError, IndexError):
            return no_update
        if not isinstance(formula, str) or len(formula) > validation.MAX_TEXT_CHARS:
            return no_update
        return pair_link(spec if isinstance(spec, dict) else None, formula)
