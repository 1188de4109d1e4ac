"""A self-contained HTML report of a stack analysis: scorecard, one section per interface with
interactive plots, then coatings, what was not computed, assumptions, parameters with their
sources, data versions and citations. plotly.js is inlined once, so the file opens offline and
loads nothing from the network."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from interphase.report.figures import (
    contact_figure,
    cycling_figure,
    reaction_figure,
    windows_figure,
)
from interphase.stack.grades import LEVELS

if TYPE_CHECKING:
    from interphase.stack.analyze import InterfaceReport, StackAnalysis

COLOURS = {"green": "#1b7837", "amber": "#e08214", "red": "#b2182b", "grey": "#8c8c8c"}
SYMBOLS = {"green": "✓", "amber": "!", "red": "✗", "grey": "–"}  # the grade without colour

CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;max-width:1100px;
margin:2em auto;padding:0 1em;color:#222;line-height:1.45}
h1{font-size:1.6em;margin-bottom:.2em}h2{border-bottom:1px solid #ccc;padding-bottom:.2em;
margin-top:2em}table{border-collapse:collapse;margin:.6em 0;font-size:.92em}
td,th{border:1px solid #ddd;padding:.3em .55em;vertical-align:top;text-align:left}
th{background:#f3f3f3}.grade{color:#fff;font-weight:600;white-space:nowrap}
.small{font-size:.85em;color:#555}.num{font-variant-numeric:tabular-nums;white-space:nowrap}
code{background:#f5f5f5;padding:0 .2em}
"""


def _fmt(v: float | None, unit: str = "") -> str:
    if v is None:
        return "—"
    return f"{v:.4g} {unit}".strip()


def _band(b: tuple[float, float] | None) -> str:
    return "—" if b is None else f"{b[0]:.2g}..{b[1]:.2g}"


def _grade_cell(g) -> str:
    colour = COLOURS[g.colour]
    number = (
        "" if g.number is None else f"<br><span class='num'>{escape(_fmt(g.number, g.unit))}</span>"
    )
    return (
        f"<td class='grade' style='background:{colour}' title='{escape(g.reason)}'>"
        f"{SYMBOLS[g.colour]} {g.colour}{number}</td>"
    )


def _table(headers: list[str], rows: list[list[str]], raw: bool = False) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{c if raw else escape(str(c))}</td>" for c in row) + "</tr>"
        for row in rows
    )
    return f"<table><tr>{head}</tr>{body}</table>"


def scorecard_html(analysis: StackAnalysis) -> str:
    rows = []
    for r in analysis.interfaces:
        cells = "".join(_grade_cell(r.scorecard[level]) for level in LEVELS)
        reasons = "<br>".join(
            f"<b>{level}</b>: {escape(r.scorecard[level].reason)}" for level in LEVELS
        )
        rows.append(f"<tr><th>{escape(r.label)}</th>{cells}<td class='small'>{reasons}</td></tr>")
    head = "".join(f"<th>{lvl}</th>" for lvl in LEVELS)
    return f"<table><tr><th>interface</th>{head}<th>why</th></tr>{''.join(rows)}</table>"


def _figure(fig) -> str:
    if fig is None:
        return ""
    return fig.to_html(full_html=False, include_plotlyjs=False, config={"displaylogo": False})


def _interface_html(r: InterfaceReport) -> str:
    out = [f"<h2 id='{escape(r.label)}'>{escape(r.label)}</h2>"]
    out.append(
        f"<p class='small'>sees {r.potential_v[0]:g}-{r.potential_v[1]:g} V vs Li/Li+ "
        f"(set by the {r.side})</p>"
    )
    out.append("<h3>chemical contact</h3>")
    rows = []
    for c in r.chemical.cases:
        rows.append(
            [
                escape(c.description) + ("" if c.graded else " <i>(not graded)</i>"),
                f"<span class='num'>{c.total_ev_per_atom * 1000:.1f}</span>",
                f"<span class='num'>{c.mutual_ev_per_atom * 1000:.1f}</span>",
                escape(", ".join(c.mutual_products) or "—"),
                f"<b>{escape(c.verdict)}</b>",
                escape(", ".join(c.interphase_products) or "—"),
            ]
        )
    out.append(
        _table(
            [
                "conditions",
                "total (meV/atom)",
                "mutual (meV/atom)",
                "mutual products",
                "verdict",
                "interphase (electrode side)",
            ],
            rows,
            raw=True,
        )
    )
    for c in r.chemical.cases:
        if c.graded:
            items = "".join(f"<li>{escape(x)}</li>" for x in c.verdict_reasons)
            out.append(
                f"<details><summary>why: {escape(c.label)}</summary><ul>{items}</ul></details>"
            )
    for w in r.chemical.windows:
        out.append(
            f"<p>window of <b>{escape(w.layer)}</b>: {_fmt(w.reduction_v, 'V')} to "
            f"{_fmt(w.oxidation_v, 'V')} — {escape(w.finding)}</p>"
        )
    out.append(_figure(reaction_figure(r)))

    out.append("<h3>physical contact</h3>")
    p = r.physical
    if p.contact_note:
        out.append(f"<p>{escape(p.contact_note)}</p>")
    for g in p.grades:
        out.append(
            f"<p>{SYMBOLS[g.colour]} <b>{g.colour}</b>: {escape(g.reason)} "
            f"(<span class='num'>{escape(_fmt(g.number, g.unit))}</span>)</p>"
        )
    if p.chemomechanics is not None:
        cm = p.chemomechanics
        out.append(
            _table(
                ["quantity", "value"],
                [
                    ["volume strain over the window", _fmt(cm.volume_strain)],
                    [
                        "interface pressure (MPa, > 0 compressive)",
                        _fmt(cm.sphere.interface_pressure_mpa),
                    ],
                    ["energy release rate (J/m2)", _fmt(cm.sphere.energy_release_rate_j_m2)],
                    ["interfacial toughness (J/m2)", _fmt(cm.interfacial_toughness_j_m2)],
                    ["delamination", cm.delamination_reason],
                ],
            )
        )
    if p.stripping is not None and p.stripping.note:
        out.append(f"<p class='small'>stripping model: {escape(p.stripping.note)}</p>")
    if p.dendrites is not None and p.dendrites.monroe_newman is not None:
        mn = p.dendrites.monroe_newman
        out.append(f"<p>Monroe-Newman G_SE/G_Li = {mn.ratio:.3g} — {escape(mn.validity or '')}</p>")
    for m in p.not_computed:
        out.append(f"<p>– not computed: {escape(m.part)}: {escape(m.reason)}. {escape(m.hint)}</p>")
    out.append(_figure(contact_figure(r)))

    if r.growth is not None:
        g = r.growth
        out.append("<h3>interphase growth (Wagner)</h3>")
        text = f"regime <b>{escape(g.regime)}</b>"
        if g.rate_constant_cm2_s is not None:
            text += (
                f"; k = {g.rate_constant_cm2_s:.3g} cm2/s (band {g.rate_constant_band[0]:.2g}"
                f"..{g.rate_constant_band[1]:.2g}); after {g.times_s[0] / 3600:g} h "
                f"L = {g.thickness_nm[0]:.3g} nm, ASR = {_fmt(g.asr_ohm_cm2[0], 'ohm cm2')}"
            )
        out.append(f"<p>{text}</p>")
        out += [f"<p class='small'>{escape(n)}</p>" for n in (*g.notes, *g.missing)]
    out.append("<h3>transport</h3>")
    rows = [
        [
            c.formula,
            c.where,
            _fmt(c.li_conductivity_s_cm),
            c.li_source or "—",
            c.electronic,
            c.electronic_reason,
        ]
        for c in r.transport.conductors
    ]
    out.append(_table(["phase", "where", "Li+ σ (S/cm)", "source", "electronic", "why"], rows))
    return "\n".join(out)


def _cycling_html(ev) -> str:
    """The cycle-level evolution: figure, contributions, sensitivity, what is left out."""
    last = len(ev.cycle) - 1
    out = [
        "<h2>over cycles</h2>",
        f"<p>{ev.cycles} cycles at {ev.c_rate:g}C ({ev.current_ma_cm2:.3g} mA/cm2, "
        f"{ev.cycle_time_s / 3600:.3g} h per cycle): capacity {ev.capacity_fraction[0]:.3g} "
        f"&rarr; {ev.capacity_fraction[-1]:.3g} of the window (band "
        f"{ev.capacity_band[-1][0]:.3g}..{ev.capacity_band[-1][1]:.3g}); interfacial ASR "
        f"{_fmt(ev.total_asr_ohm_cm2[0])} &rarr; {_fmt(ev.total_asr_ohm_cm2[-1], 'ohm cm2')}. "
        "Models and choices: docs/evolution.md; other protocols: <code>interphase evolve</code>."
        "</p>",
        _figure(cycling_figure(ev)),
        _table(
            ["interface", "contribution", f"ASR at cycle {ev.cycle[last]}", "how"],
            [[c.interface, c.kind, _fmt(c.asr_ohm_cm2[last]), c.how] for c in ev.contributions],
        ),
    ]
    if ev.sensitivity:
        out.append("<h3>sensitivity (one parameter at a time, last cycle)</h3>")
        out.append(
            _table(
                ["parameter", "range", "capacity at low", "at high"],
                [
                    [
                        s.parameter,
                        f"{s.low:.3g}..{s.high:.3g} {s.unit}",
                        f"{s.capacity_at_low:.3g}",
                        f"{s.capacity_at_high:.3g}",
                    ]
                    for s in ev.sensitivity
                ],
            )
        )
    out += [f"<p class='small'>not included: {escape(m)}</p>" for m in ev.missing]
    out += [f"<p class='small'>note: {escape(n)}</p>" for n in ev.notes]
    return "\n".join(out)


def render_html(analysis: StackAnalysis) -> str:
    """The whole report as one HTML string (about 5 MB: plotly.js is inlined)."""
    import plotly.offline

    spec = analysis.stack
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>interphase report: {escape(spec.label)}</title><style>{CSS}</style>",
        f"<script type='text/javascript'>{plotly.offline.get_plotlyjs()}</script></head><body>",
        f"<h1>{escape(spec.label)}</h1>",
        f"<p class='small'>stack pressure {spec.pressure_mpa:g} MPa, {spec.temperature_k:g} K, "
        f"cut-offs {spec.cutoff_v[0]:g}-{spec.cutoff_v[1]:g} V vs Li/Li+"
        + (f", processed in {escape(spec.atmosphere)}" if spec.atmosphere else "")
        + (f" at {spec.processing_temperature_k:g} K" if spec.processing_temperature_k else "")
        + f"; database {escape(spec.database)}; computed in {analysis.wall_s:.1f} s by "
        f"interphase {escape(str(analysis.data.get('interphase_version', '')))}</p>",
        "<h2>scorecard</h2>",
        scorecard_html(analysis),
        f"<p class='small'>{' '.join(f'{SYMBOLS[c]} {c}' for c in COLOURS)}; thresholds in "
        "interphase.stack.grades (docs/analyze.md). Hover a cell for its reason.</p>",
        "<h2>stability windows</h2>",
        _figure(windows_figure(analysis)),
    ]
    parts += [_interface_html(r) for r in analysis.interfaces]
    if analysis.cycling is not None:
        parts.append(_cycling_html(analysis.cycling))
    if analysis.md:
        rows = [
            [
                m.layer,
                m.structure,
                ", ".join(f"{t:g}" for t in m.temperatures_k),
                _fmt(m.ea_ev, "eV"),
                _fmt(m.conductivity_300k_s_cm),
                _band(m.conductivity_300k_ci95_s_cm),
                f"{_fmt(m.literature_s_cm)} [{m.literature_source}]",
                m.note,
            ]
            for m in analysis.md
        ]
        parts += [
            "<h2>ML-potential MD of the layers</h2>",
            _table(
                [
                    "layer",
                    "structure",
                    "T (K)",
                    "Ea",
                    "σ(300 K) S/cm",
                    "95 %",
                    "literature",
                    "note",
                ],
                rows,
            ),
        ]
    if analysis.coatings is not None:
        c = analysis.coatings
        rows = [
            [
                str(e.get("rank", "")),
                e.get("name", e.get("formula", "")),
                "yes" if e.get("passes") else "no",
                e.get("explanation", ""),
            ]
            for e in c.entries
        ]
        parts += [
            f"<h2>coatings for {escape(c.pair)}</h2>",
            f"<p>screened because {escape(c.why)}; {c.n_candidates} named and classic "
            "candidates, Pareto order (docs/coatings.md); the full database screen is "
            f"<code>interphase coat --cathode {escape(spec.cathode)} --electrolyte "
            f"{escape(spec.electrolyte)}</code></p>",
            _table(["rank", "coating", "passes the filters", "why"], rows),
        ]
    parts.append("<h2>not computed</h2><ul>")
    parts += [
        f"<li><b>{escape(m.part)}</b>: {escape(m.reason)} {escape(m.hint)}</li>"
        for m in analysis.not_computed
    ]
    parts.append("</ul><h2>assumptions</h2><ul>")
    parts += [f"<li>{escape(a)}</li>" for a in analysis.assumptions]
    parts.append("</ul><h2>parameters and their sources</h2>")
    parts.append(
        _table(
            ["material", "property", "value", "unit", "low", "high", "source", "conditions"],
            [
                [
                    p.material,
                    p.property,
                    _fmt(p.value),
                    p.unit,
                    _fmt(p.low),
                    _fmt(p.high),
                    p.source,
                    p.conditions,
                ]
                for p in analysis.parameters
            ],
        )
    )
    db = analysis.data["database"]
    parts.append(
        f"<h2>data</h2><p>{escape(db['name'])}, version {escape(db['version'])}; "
        f"{escape(db['corrections'])}; {db['n_compositions']} compositions; licence "
        f"{escape(db['licence'])}</p>"
    )
    parts.append("<h2>citations</h2><ol>")
    for c in analysis.citations:
        tail = f"doi:{c['doi']}" if c.get("doi") else c.get("url", "")
        parts.append(
            f"<li>[{escape(c['key'])}] {escape(c.get('authors', ''))}, "
            f"<i>{escape(c.get('title', ''))}</i>, {escape(c.get('venue', ''))} "
            f"({c.get('year', '')}) {escape(tail)}</li>"
        )
    parts.append("</ol></body></html>")
    return "\n".join(parts)
