"""The pair page: two materials under a potential, an atmosphere and a temperature ->
the reaction-energy curve (`thermo.analysis.react`, as `interphase react`), the verdict with
its reasons, and both stability windows (`thermo.window.stability_window`, as
`interphase window`) against the electrode's range."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs

from dash import Input, Output, State, dcc, html

from interphase.errors import InterphaseError
from interphase.results import Result
from interphase.web import figures, validation
from interphase.web.common import (
    catalog_datalist,
    cli_command,
    engines,
    field,
    guarded,
    provenance,
)

FIELDS = ("pair-a", "pair-b", "pair-potential", "pair-atmosphere", "pair-temperature")
DEFAULTS = {"a": "Li", "b": "LLZO", "potential": "", "atmosphere": "", "temperature": "298.15"}
CACHE_SIZE = 256  # recent pairs kept in memory: a revisited setting answers at once


@dataclass(frozen=True)
class PairView(Result):
    """Everything the pair page shows, from the engines."""

    reaction: Any  # thermo.reaction.ReactionResult with its verdict
    windows: tuple[Any, ...]  # thermo.window.WindowResult of A and B (those that have one)
    window_notes: tuple[str, ...]  # why a material has no window (Li metal, an element)
    electrode: str | None
    electrode_range_v: tuple[float, float] | None
    command: str
    citations: tuple[str, ...]


def pair_command(inp: validation.PairInput) -> str:
    words: list[Any] = ["react", inp.a, inp.b]
    if inp.potential_v is not None:
        words += ["--potential", f"{inp.potential_v:g}"]
    if inp.atmosphere is not None:
        words += ["--atmosphere", inp.atmosphere]
    if abs(inp.temperature_k - 298.15) > 1e-9:
        words += ["--temperature", f"{inp.temperature_k:g}"]
    return cli_command(words)


@functools.lru_cache(maxsize=CACHE_SIZE)
def _pair_view(inp: validation.PairInput, pool: Any) -> PairView:
    return pool.call(compute_pair, inp)


def compute_pair(inp: validation.PairInput) -> PairView:
    """React A with B and take both windows, on the embedded MP data (the CLI's calls)."""
    from interphase.materials import get_material
    from interphase.materials.material import Role
    from interphase.thermo.analysis import react
    from interphase.thermo.conditions import Conditions, parse_atmosphere
    from interphase.thermo.database import get_database
    from interphase.thermo.window import stability_window

    db = get_database("mp")
    label, gases = parse_atmosphere(inp.atmosphere)
    cond = Conditions(
        potential_v=inp.potential_v,
        gases_bar=gases,
        temperature_k=inp.temperature_k,
        atmosphere=label,
    )
    res = react(inp.a, inp.b, db, cond)
    windows, notes = [], []
    for x in (inp.a, inp.b):
        try:
            windows.append(stability_window(x, db))
        except InterphaseError as exc:  # Li metal, an element: no window to draw
            notes.append(" ".join(str(exc).split()))
    electrode, rng = None, None
    for name in (inp.a, inp.b):
        m = get_material(name)
        if m.role in (Role.CATHODE, Role.ANODE) and m.potential_range_v is not None:
            electrode, rng = m.name, tuple(m.potential_range_v)
            break
    cites = (*res.citations, *[c for w in windows for c in w.citations])
    return PairView(
        res,
        tuple(windows),
        tuple(notes),
        electrode,
        rng,
        pair_command(inp),
        tuple(dict.fromkeys(cites)),
    )


def layout(query: str = "") -> html.Div:
    """The page; `query` (?a=LiF&b=LLZO&potential=4) fills the form, e.g. from Coatings."""
    q = {k: v[0] for k, v in parse_qs(query.lstrip("?")).items() if v}
    val = {k: str(q.get(k, d))[: validation.MAX_ATMOSPHERE_CHARS] for k, d in DEFAULTS.items()}
    return html.Div(
        [
            html.H2("Pair: reaction at a contact"),
            catalog_datalist(),
            html.Div(
                [
                    field(
                        "material A",
                        "pair-a",
                        val["a"],
                        "catalog name or formula",
                        list="catalog-names",
                    ),
                    field(
                        "material B",
                        "pair-b",
                        val["b"],
                        "catalog name or formula",
                        list="catalog-names",
                    ),
                    field(
                        "potential (V vs Li/Li+)",
                        "pair-potential",
                        val["potential"],
                        "empty: Li closed",
                    ),
                    field(
                        "atmosphere",
                        "pair-atmosphere",
                        val["atmosphere"],
                        "air, o2, ar or O2=0.21,CO2=4e-4",
                    ),
                    field("temperature (K)", "pair-temperature", val["temperature"]),
                    html.Button("Run", id="pair-run", n_clicks=0),
                ],
                className="form",
            ),
            html.Div("", id="pair-status", className="status"),
            dcc.Loading(dcc.Graph(id="pair-curve", figure={"data": [], "layout": {}})),
            html.Div("", id="pair-verdict", className="verdict"),
            html.Div("", id="pair-energies"),
            dcc.Graph(id="pair-windows", figure={"data": [], "layout": {}}),
            html.Div("", id="pair-provenance"),
        ]
    )


def _energies(res: Any) -> html.Div:
    m, mu = res.most_exothermic, res.mutual.most_exothermic if res.mutual else None
    rows = [
        html.Li(
            f"total (reactants as they are): {m.energy_ev_per_atom * 1000:.1f} meV/atom at "
            f"x = {m.x:.3f}: {m.reaction}"
        )
    ]
    if mu is not None:
        rows.append(
            html.Li(
                f"mutual (what contact adds): {mu.energy_ev_per_atom * 1000:.1f} meV/atom at "
                f"x = {mu.x:.3f}: {mu.reaction}"
            )
        )
    for d in (res.decomposition_a, res.decomposition_b):
        if d is not None:
            rows.append(
                html.Li(
                    f"{d.reactant} by itself: {d.energy_ev_per_atom * 1000:.1f} meV/atom"
                    + (f": {d.reaction}" if d.products else "")
                )
            )
    rows += [html.Li(f"note: {f}") for f in res.flags]
    return html.Div([html.H4("energies"), html.Ul(rows), html.Small(res.energy_basis)])


def _verdict(res: Any) -> html.Div:
    v = res.verdict
    return html.Div(
        [
            html.H3(f"verdict: {v.kind}", id="pair-verdict-kind"),
            html.Div(f"from the {v.basis}"),
            html.Ul([html.Li(r) for r in v.reasons]),
        ]
    )


def _windows_text(view: PairView) -> list:
    out = []
    for w in view.windows:
        low = "stable vs Li" if w.reduction_v is None else f"{w.reduction_v:.2f} V"
        high = "none found" if w.oxidation_v is None else f"{w.oxidation_v:.2f} V"
        out.append(html.Li(f"{w.name}: {low} .. {high} ({w.headline})"))
    out += [html.Li(n) for n in view.window_notes]
    if view.electrode is not None:
        lo, hi = view.electrode_range_v
        out.append(html.Li(f"electrode {view.electrode}: {lo:g}..{hi:g} V"))
    return out


def render(view: PairView) -> tuple:
    """The outputs of the page's callback for a computed view (no field errors)."""
    res = view.reaction
    pot = res.conditions.potential_v
    verdict = html.Div([_verdict(res), html.Ul(_windows_text(view))])
    return (
        figures.reaction_figure(res),
        verdict,
        _energies(res),
        figures.windows_figure(list(view.windows), view.electrode_range_v, pot),
        provenance(res.database, view.citations, view.command),
        f"{res.reactants[0]} | {res.reactants[1]}: {len(res.kinks)} kinks",
        *[""] * len(FIELDS),
    )


STALE = "fix the marked field; the result below is for the last valid input"


def _failure(message: str, field_id: str | None) -> tuple:
    """Keep the last good result on the page, say so, and put the message at its field."""
    from dash import no_update

    errors = dict.fromkeys(FIELDS, "")
    if field_id in errors:
        errors[field_id] = message
        status = STALE
    else:
        status = message
    return (no_update,) * 5 + (status, *errors.values())


def register(app: Any) -> None:
    outputs = [
        Output("pair-curve", "figure"),
        Output("pair-verdict", "children"),
        Output("pair-energies", "children"),
        Output("pair-windows", "figure"),
        Output("pair-provenance", "children"),
        Output("pair-status", "children"),
        *[Output(f"{f}-error", "children") for f in FIELDS],
    ]

    @app.callback(
        *outputs,
        Input("pair-run", "n_clicks"),
        Input("pair-potential", "value"),
        Input("pair-temperature", "value"),
        Input("pair-atmosphere", "value"),
        State("pair-a", "value"),
        State("pair-b", "value"),
    )
    @guarded(len(outputs), _failure)
    def update(_n, potential, temperature, atmosphere, a, b):
        inp, errors = validation.pair_input(a, b, potential, atmosphere, temperature)
        if inp is None:
            from dash import no_update

            msgs = [errors.get(f, "") for f in FIELDS]
            return (no_update,) * 5 + (STALE, *msgs)
        try:
            view = _pair_view(inp, engines())
        except InterphaseError as exc:  # the engine's refusal, shown at the field it concerns
            where = validation.field_of_engine_error(str(exc), "")
            raise validation.FieldError(where, str(exc)) from None
        return render(view)
