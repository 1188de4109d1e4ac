"""Figures for the chemical-contact commands (read results, never engines)."""

from __future__ import annotations

from typing import Any

import matplotlib

matplotlib.use("Agg", force=False)
import matplotlib.pyplot as plt


def reaction_figure(result: Any) -> Any:
    """Reaction energy vs mixing ratio with every kink labelled by its products."""
    fig, ax = plt.subplots(figsize=(8, 4.5))
    xs = [k.x for k in result.kinks]
    ys = [k.energy_ev_per_atom for k in result.kinks]
    ax.plot(xs, ys, "-o", color="tab:blue", ms=4)
    for k in result.kinks:
        if 0 < k.x < 1:
            ax.annotate(
                " + ".join(k.products),
                (k.x, k.energy_ev_per_atom),
                fontsize=6,
                rotation=60,
                xytext=(0, -6),
                textcoords="offset points",
                ha="right",
                va="top",
            )
    m = result.most_exothermic
    ax.plot([m.x], [m.energy_ev_per_atom], "o", color="tab:red", label="most exothermic")
    a, b = result.reactants
    ax.set_xlabel(f"x, atom fraction of {a} in {a} + {b}")
    unit = "eV per atom" if not result.conditions.potential_v else "eV per closed-element atom"
    ax.set_ylabel(f"reaction energy ({unit})")
    ax.set_title(f"{a} | {b} — {result.database}, {result.conditions.describe()}")
    ax.set_xlim(0, 1)
    ax.legend(loc="lower right", fontsize=8)
    ax.grid(alpha=0.3)
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
