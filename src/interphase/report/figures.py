"""Figures of a stack analysis, read from its result: plotly for the HTML report, matplotlib for
the PNG files. Nothing here computes physics."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from interphase.stack.analyze import InterfaceReport, StackAnalysis

# a colour-blind-safe cycle (Okabe & Ito) for the reaction cases
CASE_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9")


def _profile(kinks) -> tuple[list[float], list[float], list[str]]:
    xs = [k.x for k in kinks]
    ys = [k.energy_ev_per_atom * 1000.0 for k in kinks]
    labels = [" + ".join(k.products) for k in kinks]
    return xs, ys, labels


def reaction_figure(report: InterfaceReport):
    """Reaction energy (meV/atom of the reactants) vs mixing ratio, total and mutual, per case."""
    import plotly.graph_objects as go

    fig = go.Figure()
    for i, case in enumerate(report.chemical.cases):
        colour = CASE_COLOURS[i % len(CASE_COLOURS)]
        x, y, text = _profile(case.result.kinks)
        fig.add_trace(
            go.Scatter(
                x=x,
                y=y,
                text=text,
                mode="lines+markers",
                name=f"{case.label}: total",
                line={"color": colour},
                hovertemplate="x=%{x:.3f}<br>%{y:.1f} meV/atom<br>%{text}",
            )
        )
        if case.result.mutual is not None:
            x, y, text = _profile(case.result.mutual.kinks)
            fig.add_trace(
                go.Scatter(
                    x=x,
                    y=y,
                    text=text,
                    mode="lines",
                    name=f"{case.label}: mutual",
                    line={"color": colour, "dash": "dash"},
                    hovertemplate="x=%{x:.3f}<br>%{y:.1f} meV/atom<br>%{text}",
                )
            )
    fig.update_layout(
        title=f"{report.label}: reaction energy",
        xaxis_title=f"atom fraction of {report.left}",
        yaxis_title="reaction energy (meV per atom of reactants)",
        height=380,
        margin={"l": 60, "r": 20, "t": 50, "b": 50},
        template="simple_white",
    )
    return fig


def windows_figure(analysis: StackAnalysis):
    """Each non-electrode layer's stability window against the potentials of both electrodes."""
    import plotly.graph_objects as go

    seen: dict[str, tuple[float | None, float | None]] = {}
    for r in analysis.interfaces:
        for w in r.chemical.windows:
            seen.setdefault(w.layer, (w.reduction_v, w.oxidation_v))
    spec = analysis.stack
    top = max(spec.cutoff_v[1] + 0.7, 5.0)
    fig = go.Figure()
    names = list(seen)
    for i, name in enumerate(names):
        lo, hi = seen[name]
        a, b = (lo if lo is not None else 0.0), (hi if hi is not None else top)
        fig.add_trace(
            go.Bar(
                x=[b - a],
                base=[a],
                y=[name],
                orientation="h",
                name=name,
                showlegend=False,
                marker_color=CASE_COLOURS[i % len(CASE_COLOURS)],
                hovertemplate=f"{name}: {a:.2f}-{b:.2f} V<extra></extra>",
            )
        )
    lo, hi = spec.cutoff_v
    fig.add_vrect(
        x0=lo,
        x1=hi,
        fillcolor="#D55E00",
        opacity=0.15,
        line_width=0,
        annotation_text=f"{spec.cathode} {lo:g}-{hi:g} V",
        annotation_position="top left",
    )
    an = next(r for r in analysis.interfaces if r.side == "anode").potential_v
    fig.add_vrect(
        x0=an[0],
        x1=max(an[1], an[0] + 0.05),
        fillcolor="#0072B2",
        opacity=0.25,
        line_width=0,
        annotation_text=spec.anode,
        annotation_position="bottom right",
    )
    fig.update_layout(
        title="stability windows (bars) and electrode potentials (bands)",
        xaxis_title="potential (V vs Li/Li+)",
        xaxis_range=[0, top],
        height=120 + 60 * max(len(names), 1),
        margin={"l": 90, "r": 20, "t": 50, "b": 50},
        template="simple_white",
    )
    return fig


def contact_figure(report: InterfaceReport):
    """Contact fraction and constriction ASR vs stack pressure, or None without a contact sweep."""
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    c = report.physical.contact
    if c is None or len(c.pressure_mpa) < 2:
        return None
    fig = make_subplots(rows=1, cols=2, horizontal_spacing=0.15)
    fig.add_trace(
        go.Scatter(
            x=c.pressure_mpa,
            y=c.contact_fraction,
            mode="lines+markers",
            name="contact fraction",
            line={"color": CASE_COLOURS[0]},
        ),
        1,
        1,
    )
    asr = [(p, r) for p, r in zip(c.pressure_mpa, c.total_asr_ohm_cm2, strict=True) if r]
    if asr:
        fig.add_trace(
            go.Scatter(
                x=[a[0] for a in asr],
                y=[a[1] for a in asr],
                mode="lines+markers",
                name="ASR (ohm cm2)",
                line={"color": CASE_COLOURS[1]},
            ),
            1,
            2,
        )
    fig.update_xaxes(type="log", title_text="stack pressure (MPa)")
    fig.update_yaxes(type="log", title_text="contact fraction", row=1, col=1)
    fig.update_yaxes(type="log", title_text="constriction ASR (ohm cm2)", row=1, col=2)
    fig.update_layout(
        title=f"{report.label}: contact ({c.model})",
        height=340,
        margin={"l": 60, "r": 20, "t": 50, "b": 50},
        template="simple_white",
    )
    return fig


def cycling_figure(evolution):
    """ASR contributions and capacity over cycles (evolution.cycling.StackEvolution), or None
    when nothing contributes."""
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    if evolution is None:
        return None
    cyc = list(evolution.cycle)
    fig = make_subplots(rows=1, cols=2, horizontal_spacing=0.15)
    for i, c in enumerate(evolution.contributions):
        fig.add_trace(
            go.Scatter(
                x=cyc,
                y=list(c.asr_ohm_cm2),
                mode="lines",
                stackgroup="asr",
                name=f"{c.interface}: {c.kind}",
                line={"color": CASE_COLOURS[i % len(CASE_COLOURS)]},
            ),
            1,
            1,
        )
    lo = [b[0] for b in evolution.capacity_band]
    hi = [b[1] for b in evolution.capacity_band]
    fig.add_trace(
        go.Scatter(
            x=cyc + cyc[::-1],
            y=hi + lo[::-1],
            fill="toself",
            name="capacity band",
            line={"width": 0},
            fillcolor="rgba(213,94,0,0.15)",
        ),
        1,
        2,
    )
    fig.add_trace(
        go.Scatter(
            x=cyc,
            y=list(evolution.capacity_fraction),
            mode="lines",
            name="capacity",
            line={"color": CASE_COLOURS[1]},
        ),
        1,
        2,
    )
    fig.update_xaxes(title_text="cycle")
    fig.update_yaxes(title_text="ASR (ohm cm2), stacked", row=1, col=1)
    fig.update_yaxes(title_text="capacity (fraction of the window)", range=[0, 1.05], row=1, col=2)
    fig.update_layout(
        title=f"over {evolution.cycles} cycles at {evolution.c_rate:g}C "
        f"({evolution.current_ma_cm2:.3g} mA/cm2)",
        height=360,
        margin={"l": 60, "r": 20, "t": 50, "b": 50},
        template="simple_white",
    )
    return fig


def reaction_png(report: InterfaceReport, path) -> None:
    """The reaction-energy profile of one interface as a PNG (matplotlib, no pyplot state)."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(6.4, 3.8), layout="constrained")
    ax = fig.subplots()
    for i, case in enumerate(report.chemical.cases):
        colour = CASE_COLOURS[i % len(CASE_COLOURS)]
        x, y, _ = _profile(case.result.kinks)
        ax.plot(x, y, "o-", color=colour, label=f"{case.label}: total")
        if case.result.mutual is not None:
            x, y, _ = _profile(case.result.mutual.kinks)
            ax.plot(x, y, "--", color=colour, label=f"{case.label}: mutual")
    ax.set_xlabel(f"atom fraction of {report.left}")
    ax.set_ylabel("reaction energy (meV/atom)")
    ax.set_title(report.label)
    ax.legend(fontsize=7)
    fig.savefig(path, dpi=120)
