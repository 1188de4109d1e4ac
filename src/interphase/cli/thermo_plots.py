"""Figures for the chemical-contact commands (read results, never engines)."""

from __future__ import annotations

from typing import Any

import matplotlib

matplotlib.use("Agg", force=False)
import matplotlib.pyplot as plt


def reaction_figure(result: Any) -> Any:
    """Reaction energy vs mixing ratio; kinks numbered on the curve and listed beside it."""
    fig, (ax, side) = plt.subplots(1, 2, figsize=(12, 5), gridspec_kw={"width_ratios": [3, 2]})
    xs = [k.x for k in result.kinks]
    ys = [k.energy_ev_per_atom for k in result.kinks]
    ax.plot(xs, ys, "-o", color="tab:blue", ms=4)
    lines = []
    for i, k in enumerate(result.kinks, start=1):
        ax.annotate(
            str(i),
            (k.x, k.energy_ev_per_atom),
            fontsize=7,
            xytext=(2, -9),
            textcoords="offset points",
        )
        lines.append(f"{i:>2}  x={k.x:.3f}  {k.energy_ev_per_atom:+.3f}  " + " + ".join(k.products))
    m = result.most_exothermic
    ax.plot(
        [m.x],
        [m.energy_ev_per_atom],
        "o",
        color="tab:red",
        label=f"most exothermic: {m.energy_ev_per_atom:.3f} eV/atom",
    )
    a, b = result.reactants
    ax.set_xlabel(f"x, atom fraction of {a} in {a} + {b}")
    opened = result.conditions.potential_v is not None or result.conditions.gases_bar
    unit = "eV per closed-element atom" if opened else "eV per atom"
    ax.set_ylabel(f"reaction energy ({unit})")
    ax.set_title(f"{a} | {b} — {result.database}, {result.conditions.describe()}", fontsize=10)
    ax.set_xlim(0, 1)
    ax.legend(loc="upper center", fontsize=8)
    ax.grid(alpha=0.3)
    side.axis("off")
    size = 7 if len(lines) <= 30 else 5
    side.text(
        0,
        1,
        "\n".join(lines),
        va="top",
        ha="left",
        family="monospace",
        fontsize=size,
        transform=side.transAxes,
        wrap=True,
    )
    fig.tight_layout()
    return fig


def window_figure(result: Any) -> Any:
    """Voltage staircase: potential vs Li taken up/given off per formula unit."""
    fig, ax = plt.subplots(figsize=(6, 4.5))
    steps = sorted(result.steps, key=lambda s: s.li_per_formula_unit)
    for s in steps:
        lo, hi = s.potential_range_v
        hi = 5.0 if hi is None else hi
        ax.plot([s.li_per_formula_unit] * 2, [lo, hi], color="tab:blue", lw=2)
        ax.annotate(" + ".join(s.products), (s.li_per_formula_unit, (lo + hi) / 2), fontsize=6)
    if result.reduction_v is not None:
        ax.axhline(result.reduction_v, color="tab:red", ls="--", lw=1, label="reduction limit")
    if result.oxidation_v is not None:
        ax.axhline(result.oxidation_v, color="tab:green", ls="--", lw=1, label="oxidation limit")
    ax.set_xlabel(f"Li gained (+) or lost (−) per formula unit of {result.formula}")
    ax.set_ylabel("potential (V vs Li/Li+)")
    ax.set_title(f"{result.name}: stability window ({result.convention}, {result.database})")
    ax.legend(fontsize=8)
    ax.grid(alpha=0.3)
    return fig


def carbonate_figure(result: Any) -> Any:
    """Map of the carbonate driving force over temperature and CO2 pressure."""
    import numpy as np

    fig, ax = plt.subplots(figsize=(6, 4.5))
    z = np.array(result.driving_force_ev_per_atom) * 1000
    t = np.array(result.temperatures_k)
    p = np.log10(np.array(result.pco2_bar))
    mesh = ax.pcolormesh(p, t, z, shading="nearest", cmap="viridis")
    fig.colorbar(mesh, ax=ax, label="carbonate driving force (meV/atom)")
    ax.set_xlabel("log10 p(CO2) / bar")
    ax.set_ylabel("temperature (K)")
    a, b = result.reactants
    ax.set_title(f"{a} | {b}: Li2CO3 & co. (p(O2) = {result.po2_bar:g} bar)")
    return fig
