"""Figures for the chemical-contact commands (read results, never engines). Bare matplotlib
Figures: no pyplot state and no backend switch at import."""

from __future__ import annotations

import re
from typing import Any

WINDOW_CAP_V = 6.0  # upper end of the window plot when the last plateau has no upper limit


def formula_tex(formula: str) -> str:
    """'Li2CO3' -> 'Li$_{2}$CO$_{3}$' (subscripted counts, decimals included)."""
    return re.sub(r"(\d+(?:\.\d+)?)", r"$_{\1}$", formula)


def _products(products) -> str:
    return " + ".join(formula_tex(p) for p in products)


def reaction_figure(result: Any) -> Any:
    """Reaction energy vs mixing ratio, total and mutual; kinks numbered on the curve
    (labels alternate above and below so neighbours do not overprint) and listed beside it."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(12, 5), layout="constrained")
    ax, side = fig.subplots(1, 2, gridspec_kw={"width_ratios": [3, 2]})
    xs = [k.x for k in result.kinks]
    ys = [k.energy_ev_per_atom * 1000 for k in result.kinks]
    ax.plot(xs, ys, "-o", color="#0072B2", ms=4, label="total")
    if result.mutual is not None:
        mk = result.mutual.kinks
        ax.plot(
            [k.x for k in mk],
            [k.energy_ev_per_atom * 1000 for k in mk],
            "--",
            color="#D55E00",
            label="mutual (each side at its own equilibrium)",
        )
    lines = []
    for i, k in enumerate(result.kinks, start=1):
        above = i % 2 == 0
        ax.annotate(
            str(i),
            (k.x, k.energy_ev_per_atom * 1000),
            fontsize=7,
            xytext=(0, 6 if above else -11),
            textcoords="offset points",
            ha="center",
        )
        lines.append(
            f"{i:>2}  x={k.x:.3f}  {k.energy_ev_per_atom * 1000:+.0f}  " + _products(k.products)
        )
    m = result.most_exothermic
    ax.plot(
        [m.x],
        [m.energy_ev_per_atom * 1000],
        "o",
        color="#CC79A7",
        label=f"most exothermic: {m.energy_ev_per_atom * 1000:.0f} meV/atom",
    )
    a, b = result.reactants
    ax.set_xlabel(f"x, atom fraction of {formula_tex(a)} in {formula_tex(a)} + {formula_tex(b)}")
    ax.set_ylabel("reaction energy (meV per atom of the reactants)")
    ax.set_title(f"{a} | {b} — {result.database}, {result.conditions.describe()}", fontsize=10)
    ax.set_xlim(0, 1)
    ax.legend(loc="lower right", fontsize=8)
    ax.grid(alpha=0.3)
    side.axis("off")
    side.text(
        0,
        1,
        "kink  x  meV/atom  products\n" + "\n".join(lines),
        va="top",
        ha="left",
        fontsize=7 if len(lines) <= 30 else 5,
        transform=side.transAxes,
    )
    return fig


def window_figure(result: Any) -> Any:
    """Voltage staircase: potential vs Li taken up (+) or given off (−) per formula unit,
    drawn as steps; the open upper plateau is cut at WINDOW_CAP_V, as the axis label says."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(7, 4.8), layout="constrained")
    ax = fig.subplots()
    steps = sorted(result.steps, key=lambda s: -s.li_per_formula_unit)  # Li-rich first
    cap = max([WINDOW_CAP_V] + [s.potential_range_v[0] + 0.5 for s in steps])
    xs, ys = [], []
    for s in steps:
        lo, hi = s.potential_range_v
        hi = cap if hi is None else hi
        n = s.li_per_formula_unit
        xs += [n, n]
        ys += [lo, hi]
        ax.annotate(
            _products(s.products),
            (n, (lo + hi) / 2),
            fontsize=6,
            xytext=(4, 0),
            textcoords="offset points",
            va="center",
        )
    ax.plot(xs, ys, "-", color="#0072B2", lw=2, drawstyle="default")
    if result.reduction_v is not None:
        ax.axhline(
            result.reduction_v,
            color="#D55E00",
            ls="--",
            lw=1,
            label=f"reduction limit {result.reduction_v:.2f} V",
        )
    if result.oxidation_v is not None:
        ax.axhline(
            result.oxidation_v,
            color="#009E73",
            ls="--",
            lw=1,
            label=f"oxidation limit {result.oxidation_v:.2f} V",
        )
    ax.set_ylim(0, cap)
    ax.set_xlabel(f"Li gained (+) or lost (−) per formula unit of {formula_tex(result.formula)}")
    ax.set_ylabel(f"potential (V vs Li/Li$^+$; axis cut at {cap:g} V)")
    ax.set_title(f"{result.name}: stability window ({result.convention}, {result.database})")
    ax.legend(fontsize=8)
    ax.grid(alpha=0.3)
    return fig


def carbonate_figure(result: Any) -> Any:
    """Map of the carbonate driving force over temperature and CO2 pressure: white where no
    carbonate forms (0), deeper blue the stronger the drive; the zero contour is drawn."""
    import numpy as np
    from matplotlib.colors import Normalize
    from matplotlib.figure import Figure

    fig = Figure(figsize=(6.5, 4.8), layout="constrained")
    ax = fig.subplots()
    z = np.array(result.driving_force_ev_per_atom, dtype=float) * 1000
    t = np.array(result.temperatures_k)
    p = np.log10(np.array(result.pco2_bar))
    vmin = min(float(z.min()), -1.0)
    mesh = ax.pcolormesh(
        p, t, z, shading="nearest", cmap="Blues_r", norm=Normalize(vmin=vmin, vmax=0.0)
    )
    fig.colorbar(mesh, ax=ax, label="carbonate driving force (meV per atom)")
    if len(p) > 1 and len(t) > 1 and (z < -0.5).any() and (z >= -0.5).any():
        cs = ax.contour(p, t, z, levels=[-0.5], colors="k", linewidths=1, linestyles="solid")
        ax.clabel(cs, fmt={-0.5: "0"}, fontsize=7)
    ax.set_xlabel("log$_{10}$ p(CO$_2$) / bar")
    ax.set_ylabel("temperature (K)")
    a, b = result.reactants
    ax.set_title(f"{a} | {b}: carbonate formation (p(O$_2$) = {result.po2_bar:g} bar)")
    return fig
