"""The window page: the voltage staircase of one compound with the phase equilibrium of
every step (`thermo.window.stability_window`, as `interphase window`)."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs

from dash import Input, Output, dash_table, dcc, html, no_update

from interphase.web import figures, validation
from interphase.web.common import (
    catalog_datalist,
    cli_command,
    engines,
    field,
    guarded,
    provenance,
)

CONVENTIONS = ("on-hull", "as-is")


def compute_window(name: str, convention: str) -> Any:
    from interphase.thermo.database import get_database
    from interphase.thermo.window import stability_window

    return stability_window(name, get_database("mp"), convention)


def layout(query: str = "") -> html.Div:
    q = {k: v[0] for k, v in parse_qs(query.lstrip("?")).items() if v}
    return html.Div(
        [
            html.H2("Window: voltage staircase"),
            catalog_datalist(),
            html.Div(
                [
                    field(
                        "compound",
                        "window-x",
                        str(q.get("x", "LLZO"))[: validation.MAX_TEXT_CHARS],
                        "catalog name or formula",
                        list="catalog-names",
                    ),
                    html.Div(
                        [
                            html.Label("convention", htmlFor="window-convention"),
                            dcc.Dropdown(
                                id="window-convention",
                                options=list(CONVENTIONS),
                                value="on-hull",
                                clearable=False,
                                style={"width": "10em"},
                            ),
                            html.Span("", id="window-convention-error", className="field-error"),
                        ],
                        className="field",
                    ),
                ],
                className="form",
            ),
            html.Div("", id="window-summary", className="status"),
            dcc.Graph(id="window-graph", figure={"data": [], "layout": {}}),
            dash_table.DataTable(
                id="window-table",
                columns=[
                    {"name": c, "id": c}
                    for c in ("forms at (V)", "stable from (V)", "to (V)", "ΔLi per f.u.", "phases")
                ],
                data=[],
                sort_action="native",
                style_cell={"textAlign": "left", "fontSize": "0.9em"},
            ),
            html.Div("", id="window-provenance"),
        ]
    )


def rows(res: Any) -> list[dict[str, Any]]:
    return [
        {
            "forms at (V)": round(s.potential_v, 4),
            "stable from (V)": None
            if s.potential_range_v[0] is None
            else round(s.potential_range_v[0], 4),
            "to (V)": "∞" if s.potential_range_v[1] is None else round(s.potential_range_v[1], 4),
            "ΔLi per f.u.": round(s.li_per_formula_unit, 4),
            "phases": " + ".join(s.products),
        }
        for s in res.steps
    ]


def _failure(message: str, field_id: str | None) -> tuple:
    conv = message if field_id == "window-convention" else ""
    x = "" if conv else message
    return (no_update, no_update, "", no_update, x, conv)


def register(app: Any) -> None:
    @app.callback(
        Output("window-graph", "figure"),
        Output("window-table", "data"),
        Output("window-summary", "children"),
        Output("window-provenance", "children"),
        Output("window-x-error", "children"),
        Output("window-convention-error", "children"),
        Input("window-x", "value"),
        Input("window-convention", "value"),
    )
    @guarded(6, _failure)
    def update(x, convention):
        name = validation.material("window-x", x, "the compound")
        conv = validation.choice("window-convention", convention, CONVENTIONS, "the convention")
        res = engines().call(compute_window, name, conv)
        low = "stable vs Li metal" if res.stable_against_li_metal else f"{res.reduction_v:.3f} V"
        high = "none found" if res.oxidation_v is None else f"{res.oxidation_v:.3f} V"
        summary = f"{res.name} ({res.formula}): window {low} .. {high} ({res.headline})"
        words = ["window", name] + ([] if conv == "on-hull" else ["--convention", conv])
        prov = provenance(res.database, res.citations, cli_command(words))
        return figures.staircase_figure(res), rows(res), summary, prov, "", ""
