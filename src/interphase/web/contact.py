"""The contact / evolution page: a stack-pressure slider over `contact.pressure`
(as `interphase contact`), a contact-fraction slider over the particle model
(`contact.particle.simulate_particle`, as `interphase particle`) with its Li-fraction map, and
the Li | electrolyte interphase growth of `evolution.growth` (as `interphase grow`), and a
stack's resistance and capacity over cycles (web.cycling, as `interphase evolve`)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from dash import Input, Output, dcc, html, no_update

from interphase.web import cycling, figures, validation
from interphase.web.common import catalog_datalist, cli_command, engines, guarded, provenance

PRESSURES_MPA = tuple(float(p) for p in np.logspace(-1, 2, 13))  # the curve: 0.1..100 MPa
PARTICLE_GRID = 30  # cells per direction: a map in ~0.1-0.3 s on one core
GROWTH_HOURS = (1.0, 10.0, 100.0, 1000.0, 10000.0)


def _dropdown(id_: str, options: tuple[str, ...], value: str, label: str) -> html.Div:
    return html.Div(
        [
            html.Label(label, htmlFor=id_),
            dcc.Dropdown(id=id_, options=list(options), value=value, clearable=False),
            html.Span("", id=f"{id_}-error", className="field-error"),
        ],
        className="field",
        style={"minWidth": "12em"},
    )


def _electrolytes() -> tuple[str, ...]:
    from interphase.materials import all_materials
    from interphase.materials.material import Role

    return tuple(m.name for m in all_materials() if m.role == Role.ELECTROLYTE)


def layout(query: str = "") -> html.Div:
    from interphase.materials.electrodes import electrode_names
    from interphase.materials.mechanics import mechanics_names

    mech = mechanics_names()
    return html.Div(
        [
            html.H2("Contact and evolution"),
            html.H3("contact vs stack pressure"),
            html.Div(
                [
                    _dropdown("contact-a", mech, "LLZO", "material A"),
                    _dropdown("contact-b", mech, "LCO", "material B"),
                ],
                className="form",
            ),
            html.Label("stack pressure (MPa, log scale)", htmlFor="contact-pressure"),
            dcc.Slider(
                id="contact-pressure",
                min=-1,
                max=2,
                step=0.05,
                value=math.log10(5.0),
                marks={v: f"{10**v:g}" for v in (-1, 0, 1, 2)},
                allow_direct_input=False,  # the box would show log10(p), not p
            ),
            html.Span("", id="contact-pressure-error", className="field-error"),
            html.Div("", id="contact-summary", className="status"),
            dcc.Graph(id="contact-graph", figure={"data": [], "layout": {}}),
            html.Div("", id="contact-provenance"),
            html.H3("cathode particle: Li-fraction map"),
            html.Div([_dropdown("particle-material", electrode_names(), "LNMO", "material")]),
            html.Label("contact fraction", htmlFor="particle-fraction"),
            dcc.Slider(
                id="particle-fraction",
                min=0.05,
                max=1.0,
                step=0.05,
                value=0.3,
                marks={v: f"{v:g}" for v in (0.05, 0.25, 0.5, 0.75, 1.0)},
            ),
            html.Span("", id="particle-fraction-error", className="field-error"),
            html.Div("", id="particle-summary", className="status"),
            dcc.Graph(id="particle-map", figure={"data": [], "layout": {}}),
            html.Div("", id="particle-provenance"),
            html.H3("Li | electrolyte interphase growth"),
            _dropdown("growth-electrolyte", _electrolytes(), "Li6PS5Cl", "electrolyte"),
            html.Div("", id="growth-summary", className="status"),
            dcc.Graph(id="growth-graph", figure={"data": [], "layout": {}}),
            html.Div("", id="growth-provenance"),
            catalog_datalist(),
            cycling.layout(),
        ]
    )


def contact_view(a: str, b: str, pressure_mpa: float) -> tuple[Any, Any]:
    from interphase.contact.pressure import contact_vs_pressure

    curve = contact_vs_pressure(a, b, list(PRESSURES_MPA))
    at = contact_vs_pressure(a, b, [pressure_mpa])
    return curve, at


def particle_view(material: str, fraction: float) -> Any:
    from interphase.contact.particle import simulate_particle

    return simulate_particle(
        material, contact_fraction=fraction, grid=PARTICLE_GRID, n_frames=2, tol=2e-3
    )


def growth_view(electrolyte: str) -> Any:
    from interphase.evolution import li_interphase_growth

    return li_interphase_growth(electrolyte, [h * 3600.0 for h in GROWTH_HOURS])


def register(app: Any) -> None:
    from interphase.materials.electrodes import electrode_names
    from interphase.materials.mechanics import mechanics_names

    @app.callback(
        Output("contact-graph", "figure"),
        Output("contact-summary", "children"),
        Output("contact-provenance", "children"),
        Output("contact-pressure-error", "children"),
        Input("contact-a", "value"),
        Input("contact-b", "value"),
        Input("contact-pressure", "value"),
    )
    @guarded(4, lambda m, f: (no_update, "", "", m))
    def contact(a, b, log_p):
        a = validation.choice("contact-a", a, mechanics_names(), "material A")
        b = validation.choice("contact-b", b, mechanics_names(), "material B")
        lp = validation.number("contact-pressure", log_p, "log10 pressure", -1.0, 2.0, "")
        p = 10.0**lp
        curve, at = engines().call(contact_view, a, b, p)
        fig = figures.lines_figure(
            list(curve.pressure_mpa),
            {
                "contact fraction": list(curve.contact_fraction),
                "ASR (ohm cm²)": list(curve.total_asr_ohm_cm2),
            },
            f"{curve.material_a} | {curve.material_b} — {curve.model}",
            "stack pressure (MPa)",
            "contact fraction; ASR (ohm cm²)",
            log=True,
        )
        fig["layout"]["shapes"] = [
            {"type": "line", "xref": "x", "yref": "paper", "x0": p, "x1": p, "y0": 0, "y1": 1}
        ]
        asr = at.total_asr_ohm_cm2[0]
        summary = (
            f"at {p:.3g} MPa: contact fraction {at.contact_fraction[0]:.3g}, ASR "
            + ("—" if asr is None else f"{asr:.3g} ohm cm²")
            + (f" ({at.note})" if at.note else "")
        )
        cmd = cli_command(["contact", a, b, "--pressures", f"{p:.3g}"])
        return fig, summary, provenance(None, curve.sources, cmd), ""

    @app.callback(
        Output("particle-map", "figure"),
        Output("particle-summary", "children"),
        Output("particle-provenance", "children"),
        Output("particle-fraction-error", "children"),
        Input("particle-material", "value"),
        Input("particle-fraction", "value"),
    )
    @guarded(4, lambda m, f: (no_update, "", "", m))
    def particle(material, fraction):
        mat = validation.choice("particle-material", material, electrode_names(), "material")
        f = validation.number("particle-fraction", fraction, "contact fraction", 0.05, 1.0, "")
        r = engines().call(particle_view, mat, f)
        mid = len(r.frames) // 2  # half-way through the run: where delithiation is uneven
        fig = figures.heatmap_figure(
            r.frames[mid],
            f"{r.material}, {r.operation} at {r.c_rate:g}C: Li fraction at "
            f"t = {r.frame_times_s[mid]:.0f} s of {r.time_s:.0f} s",
        )
        over = r.over_delithiated_fraction
        summary = (
            f"capacity {100 * r.capacity_fraction:.1f} % of the window "
            f"({r.capacity_mah_g:.1f} mAh/g), {r.termination}; over-delithiated volume "
            + ("— (no sourced threshold)" if over is None else f"{100 * over:.1f} %")
        )
        cmd = cli_command(["particle", "--material", mat, "-f", f"{f:g}", "--grid", PARTICLE_GRID])
        return fig, summary, provenance(None, r.citations, cmd), ""

    @app.callback(
        Output("growth-graph", "figure"),
        Output("growth-summary", "children"),
        Output("growth-provenance", "children"),
        Output("growth-electrolyte-error", "children"),
        Input("growth-electrolyte", "value"),
    )
    @guarded(4, lambda m, f: (no_update, "", "", m))
    def growth(electrolyte):
        e = validation.choice("growth-electrolyte", electrolyte, _electrolytes(), "electrolyte")
        g = engines().call(growth_view, e)
        hours = [t / 3600.0 for t in g.times_s]
        fig = figures.lines_figure(
            hours,
            {"thickness (nm)": list(g.thickness_nm), "ASR (ohm cm²)": list(g.asr_ohm_cm2)},
            f"Li | {g.electrolyte}: {g.regime}",
            "time (h)",
            "thickness (nm); ASR (ohm cm²)",
            log=g.regime == "parabolic",
        )
        summary = f"Li | {g.electrolyte}: {g.regime} (verdict {g.verdict})"
        notes = " ".join((*g.notes, *g.missing))
        cmd = cli_command(["grow", e])
        return fig, f"{summary}. {notes}".strip(), provenance("mp", g.citations, cmd), ""
