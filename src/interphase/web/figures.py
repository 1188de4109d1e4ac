"""Plotly figures of the web app. They read results (never engines) and return plain dicts
(`go.Figure.to_plotly_json` form), so a callback can send them as they are."""

from __future__ import annotations

from typing import Any

import numpy as np

WINDOW_CAP_V = 6.0  # the open upper plateau of a staircase is drawn up to here
BLUE, ORANGE, GREEN, PINK, GREY = "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#999999"


def _layout(title: str, x: str, y: str, **extra: Any) -> dict[str, Any]:
    return {
        "title": {"text": title, "font": {"size": 14}},
        "xaxis": {"title": {"text": x}, "zeroline": False},
        "yaxis": {"title": {"text": y}},
        "margin": {"l": 60, "r": 20, "t": 40, "b": 50},
        "hovermode": "closest",
        "legend": {"orientation": "h", "y": -0.25},
        "template": "plotly_white",
        **extra,
    }


def reaction_figure(result: Any) -> dict[str, Any]:
    """Reaction energy (meV/atom) vs x, total and mutual; hovering a kink shows its reaction
    and products."""
    a, b = result.reactants
    total = result.kinks
    data = [
        {
            "type": "scatter",
            "mode": "lines+markers",
            "name": "total (reactants as they are)",
            "x": [k.x for k in total],
            "y": [k.energy_ev_per_atom * 1000 for k in total],
            "line": {"color": BLUE},
            "customdata": [[k.reaction, " + ".join(k.products) or "—"] for k in total],
            "hovertemplate": "x = %{x:.3f}<br>%{y:.1f} meV/atom<br>%{customdata[0]}"
            "<br>products: %{customdata[1]}<extra>total</extra>",
        }
    ]
    if result.mutual is not None:
        mk = result.mutual.kinks
        data.append(
            {
                "type": "scatter",
                "mode": "lines+markers",
                "name": "mutual (what contact adds)",
                "x": [k.x for k in mk],
                "y": [k.energy_ev_per_atom * 1000 for k in mk],
                "line": {"color": ORANGE, "dash": "dash"},
                "marker": {"size": 5},
                "customdata": [[k.reaction, " + ".join(k.products) or "—"] for k in mk],
                "hovertemplate": "x = %{x:.3f}<br>%{y:.1f} meV/atom<br>%{customdata[0]}"
                "<br>products: %{customdata[1]}<extra>mutual</extra>",
            }
        )
    m = result.most_exothermic
    data.append(
        {
            "type": "scatter",
            "mode": "markers",
            "name": f"most exothermic: {m.energy_ev_per_atom * 1000:.0f} meV/atom",
            "x": [m.x],
            "y": [m.energy_ev_per_atom * 1000],
            "marker": {"color": PINK, "size": 12, "symbol": "star"},
            "hoverinfo": "skip",
        }
    )
    layout = _layout(
        f"{a} | {b} — {result.database}, {result.conditions.describe()}",
        f"x, atom fraction of {a} in {a} + {b}",
        "reaction energy (meV per atom of the reactants)",
    )
    layout["xaxis"]["range"] = [0, 1]
    return {"data": data, "layout": layout}


def windows_figure(windows: list[Any], electrode_range_v: Any, potential_v: float | None):
    """Each material's window as a bar (reduction..oxidation), against the electrode's range
    (shaded) and the chosen potential (line)."""
    data, names = [], []
    for w in windows:
        lo = 0.0 if w.reduction_v is None else w.reduction_v
        hi = WINDOW_CAP_V if w.oxidation_v is None else w.oxidation_v
        names.append(w.name)
        top = "none found" if w.oxidation_v is None else f"{w.oxidation_v:.2f} V"
        low = "stable vs Li" if w.reduction_v is None else f"{w.reduction_v:.2f} V"
        data.append(
            {
                "type": "bar",
                "orientation": "h",
                "y": [w.name],
                "x": [max(hi - lo, 0.0)],
                "base": [lo],
                "name": f"{w.name}: {low} .. {top}",
                "marker": {"color": BLUE if len(data) == 0 else GREEN},
                "hovertemplate": f"{w.name}: {low} .. {top}<extra></extra>",
            }
        )
    shapes = []
    if electrode_range_v is not None:
        lo, hi = electrode_range_v
        shapes.append(
            {
                "type": "rect",
                "xref": "x",
                "yref": "paper",
                "x0": lo,
                "x1": hi,
                "y0": 0,
                "y1": 1,
                "fillcolor": ORANGE,
                "opacity": 0.2,
                "line": {"width": 0},
            }
        )
    if potential_v is not None:
        shapes.append(
            {
                "type": "line",
                "xref": "x",
                "yref": "paper",
                "x0": potential_v,
                "x1": potential_v,
                "y0": 0,
                "y1": 1,
                "line": {"color": PINK, "width": 2},
            }
        )
    layout = _layout(
        "stability windows (shaded: the electrode's range; line: the chosen potential)",
        f"potential, V vs Li/Li+ (open top drawn to {WINDOW_CAP_V:g} V)",
        "",
        shapes=shapes,
        barmode="overlay",
        height=260,
    )
    layout["xaxis"]["range"] = [0, WINDOW_CAP_V]
    return {"data": data, "layout": layout}


def staircase_figure(result: Any) -> dict[str, Any]:
    """Voltage staircase: potential vs Li gained (+) or lost (−) per formula unit; hovering a
    plateau shows its phases."""
    steps = sorted(result.steps, key=lambda s: -s.li_per_formula_unit)
    cap = max([WINDOW_CAP_V] + [s.potential_range_v[0] + 0.5 for s in steps])
    xs, ys, text = [], [], []
    for s in steps:
        lo, hi = s.potential_range_v
        hi = cap if hi is None else hi
        label = " + ".join(s.products)
        xs += [s.li_per_formula_unit, s.li_per_formula_unit, None]
        ys += [lo, hi, None]
        text += [label, label, None]
    data = [
        {
            "type": "scatter",
            "mode": "lines+markers",
            "x": xs,
            "y": ys,
            "text": text,
            "line": {"color": BLUE, "width": 3},
            "name": "staircase",
            "hovertemplate": "ΔLi %{x:+.3f} per f.u.<br>%{y:.3f} V<br>%{text}<extra></extra>",
        }
    ]
    shapes = []
    for v, colour in ((result.reduction_v, ORANGE), (result.oxidation_v, GREEN)):
        if v is not None:
            shapes.append(
                {
                    "type": "line",
                    "xref": "paper",
                    "x0": 0,
                    "x1": 1,
                    "y0": v,
                    "y1": v,
                    "line": {"color": colour, "dash": "dash"},
                }
            )
    layout = _layout(
        f"{result.name}: stability window ({result.convention}, {result.database})",
        f"Li gained (+) or lost (−) per formula unit of {result.formula}",
        f"potential (V vs Li/Li+; axis cut at {cap:g} V)",
        shapes=shapes,
    )
    layout["yaxis"]["range"] = [0, cap]
    return {"data": data, "layout": layout}


def pareto_figure(entries: list[dict]) -> dict[str, Any]:
    """Coating candidates: electrode vs electrolyte reaction energy, coloured by Pareto
    layer; `customdata` carries the formula so a click opens the pair page."""
    pts = [e for e in entries if e.get("reaction_electrode") and e.get("reaction_electrolyte")]
    x = [1000 * (e["reaction_electrode"].get("energy_ev_per_atom") or 0.0) for e in pts]
    y = [1000 * (e["reaction_electrolyte"].get("energy_ev_per_atom") or 0.0) for e in pts]
    data = [
        {
            "type": "scatter",
            "mode": "markers",
            "x": x,
            "y": y,
            "customdata": [e["formula"] for e in pts],
            "text": [f"{e['name']} (rank {e.get('rank')})" for e in pts],
            "marker": {
                "color": [e.get("pareto_layer") or 0 for e in pts],
                "colorscale": "Viridis",
                "colorbar": {"title": {"text": "Pareto layer"}},
                "size": 9,
            },
            "hovertemplate": "%{text}<br>electrode %{x:.0f}, electrolyte %{y:.0f} meV/atom"
            "<br>click: open the pair page<extra></extra>",
        }
    ]
    return {
        "data": data,
        "layout": _layout(
            "coating candidates (0, 0 is inert to both sides)",
            "reaction with the electrode (meV/atom)",
            "reaction with the electrolyte (meV/atom)",
        ),
    }


def heatmap_figure(image: np.ndarray, title: str) -> dict[str, Any]:
    """A Li-fraction map (NaN outside the particle is left blank)."""
    z = np.asarray(image, dtype=float)
    return {
        "data": [
            {
                "type": "heatmap",
                "z": [[None if not np.isfinite(v) else float(v) for v in row] for row in z.T],
                "colorscale": "Viridis",
                "zmin": 0.0,
                "zmax": 1.0,
                "colorbar": {"title": {"text": "Li fraction"}},
            }
        ],
        "layout": _layout(title, "cell", "cell", yaxis={"scaleanchor": "x"}, height=380),
    }


def lines_figure(
    x: list[float], ys: dict[str, list[float | None]], title: str, xl: str, yl: str, log=False
) -> dict[str, Any]:
    """Simple curves against one x (pressure, time)."""
    colours = [BLUE, ORANGE, GREEN, PINK, GREY]
    data = [
        {
            "type": "scatter",
            "mode": "lines+markers",
            "x": list(x),
            "y": list(v),
            "name": k,
            "line": {"color": colours[i % len(colours)]},
        }
        for i, (k, v) in enumerate(ys.items())
    ]
    layout = _layout(title, xl, yl)
    if log:
        layout["xaxis"]["type"] = "log"
        layout["yaxis"]["type"] = "log"
    return {"data": data, "layout": layout}
