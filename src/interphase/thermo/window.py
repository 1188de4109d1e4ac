"""Electrochemical stability window and the full voltage staircase of a compound.

The compound X exchanges only Li with an electrode at potential V (mu_Li = −V eV). Its
equilibrium is found on the composition line from its Li-free host H to Li metal: the hull
energy along that line is convex and piecewise linear, each kink is a phase assembly, and the
slope between two kinks, −dE/dn_Li per host formula unit, is the plateau potential (Zhu, He &
Mo, ACS Appl. Mater. Interfaces 7, 23685 (2015); same as pymatgen's element profile). The
reduction (oxidation) limit is the plateau next to X on the Li-rich (Li-poor) side.

"as-is": X with its own database energy; if X lies above the hull it has no window (both
limits equal the potential of the plateau it sits on). "on-hull": a metastable X is lowered to
just below the hull (by 0.1 meV/atom) first, the usual convention for electrolytes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from interphase.errors import InvalidConditionError
from interphase.results import Result
from interphase.thermo.database import Database, get_database
from interphase.thermo.hull import LinearHull
from interphase.thermo.reactant import resolve_reactant
from interphase.thermo.systems import elements_of, system_hull, vector

ON_HULL_OFFSET_EV = 1e-4  # eV/atom below the hull for the "on-hull" convention


@dataclass(frozen=True)
class WindowStep(Result):
    """One phase assembly of the staircase and the potentials where it is the equilibrium."""

    potential_v: float  # potential at which this assembly forms, coming from X
    potential_range_v: tuple[float | None, float | None]  # (low, high); None: unbounded
    li_per_formula_unit: float  # Li taken up (+) or given off (−) per formula unit of X
    products: tuple[str, ...]


@dataclass(frozen=True)
class WindowResult(Result):
    formula: str
    name: str
    database: str
    convention: str  # "on-hull" or "as-is"
    reduction_v: float | None  # None: no lower limit (stable against Li metal)
    oxidation_v: float | None  # None: no upper limit within the Li-exchange picture
    energy_above_hull_ev_per_atom: float
    energy_source: str  # database | hull-estimated | user
    stable_as_is: bool
    steps: tuple[WindowStep, ...]
    reduction_products: tuple[str, ...]
    oxidation_products: tuple[str, ...]
    citations: tuple[str, ...] = field(default=())


def stability_window(
    name: str,
    db: Database | None = None,
    convention: str = "on-hull",
    energy_ev_per_atom: float | None = None,
) -> WindowResult:
    """Window and staircase of `name` (catalog name or formula) vs Li/Li+."""
    if convention not in ("on-hull", "as-is"):
        raise InvalidConditionError(f"convention {convention!r}: use on-hull or as-is")
    db = db or get_database("mp")
    r = resolve_reactant(name, db, energy_ev_per_atom)
    comp = r.composition
    els = elements_of(comp) | {"Li"}
    base = system_hull(db, els)
    vx = vector(base, comp)
    same = np.all(np.abs(base.fractions - vx) < 1e-6, axis=1)
    hull_without_x = base.point(vx, exclude=same).energy_ev_per_atom
    e_x = r.energy_ev_per_atom
    if convention == "on-hull":
        e_x = min(e_x, hull_without_x - ON_HULL_OFFSET_EV)
    hull = _with_entry(base, vx, e_x, r.reduced_formula)
    li = base.elements.index("Li")
    n_li_x = comp["Li"] / comp.num_atoms  # Li atom fraction of X
    if n_li_x >= 1 - 1e-12:
        raise InvalidConditionError("Li metal has no stability window: give a compound")
    host = vx.copy()
    host[li] = 0.0
    host /= host.sum()
    li_vec = np.zeros_like(vx)
    li_vec[li] = 1.0
    pts = hull.segment(host, li_vec)
    n_host = comp.num_atoms - comp["Li"]  # host atoms per formula unit of X
    n_x = comp["Li"]

    def n_of(t: float) -> float:
        return math.inf if t >= 1 - 1e-12 else n_host * t / (1 - t)

    ts = [t for t, _ in pts]
    energies = [
        p.energy_ev_per_atom * (n_host / (1 - t)) if t < 1 - 1e-12 else math.nan for t, p in pts
    ]
    # plateau potential of each segment i (between kinks i and i+1)
    volts = []
    for i in range(len(pts) - 1):
        if ts[i + 1] >= 1 - 1e-12:
            volts.append(0.0)  # the last segment ends at Li metal
        else:
            volts.append(-(energies[i + 1] - energies[i]) / (n_of(ts[i + 1]) - n_of(ts[i])))
    steps = []
    t_x = float(n_li_x)
    for i, (t, p) in enumerate(pts):
        if t >= 1 - 1e-12:
            continue  # Li metal itself
        high = volts[i - 1] if i > 0 else None
        low = volts[i]
        n = n_of(t) - n_x
        # coming from X: oxidation products form at their lower bound, reduction products at
        # their upper bound
        forms_at = high if (n > 1e-9 and high is not None) else low
        steps.append(
            WindowStep(
                potential_v=float(forms_at),
                potential_range_v=(float(low), None if high is None else float(high)),
                li_per_formula_unit=float(n),
                products=tuple(sorted({hull.formulas[j] for j in p.phases})),
            )
        )
    # where X sits: on a kink (stable) or inside a segment (decomposes at that potential)
    at = [i for i, t in enumerate(ts) if abs(t - t_x) < 1e-7]
    if at:
        i = at[0]
        red = volts[i] if i < len(volts) else None
        ox = volts[i - 1] if i > 0 else None
        red_products = _products_after(pts, hull, i + 1)
        ox_products = _products_after(pts, hull, i - 1) if i > 0 else ()
    else:
        j = max(k for k, t in enumerate(ts) if t < t_x)
        red = ox = volts[j]
        red_products = _products_after(pts, hull, j + 1)
        ox_products = _products_after(pts, hull, j)
    if red is not None and red <= 0.0 and (not at or at[0] + 1 == len(ts) - 1):
        red = None  # in equilibrium with Li metal: no reduction limit
    return WindowResult(
        formula=r.formula,
        name=r.name,
        database=db.key,
        convention=convention,
        reduction_v=None if red is None else float(red),
        oxidation_v=None if ox is None else float(ox),
        energy_above_hull_ev_per_atom=max(r.energy_ev_per_atom - hull_without_x, 0.0),
        energy_source=r.energy_source,
        stable_as_is=r.energy_ev_per_atom <= hull_without_x + 1e-9,
        steps=tuple(sorted(steps, key=lambda s: -s.li_per_formula_unit)),
        reduction_products=red_products,
        oxidation_products=ox_products,
        citations=(*db.info.citations, "zhu2015", "ong2013"),
    )


def _products_after(pts, hull: LinearHull, i: int) -> tuple[str, ...]:
    if i < 0 or i >= len(pts):
        return ()
    return tuple(sorted({hull.formulas[j] for j in pts[i][1].phases}))


def _with_entry(base: LinearHull, v: np.ndarray, energy: float, formula: str) -> LinearHull:
    """The hull with X's composition at the given energy (replacing its own rows)."""
    same = np.all(np.abs(base.fractions - v) < 1e-6, axis=1)
    keep = ~same
    return LinearHull(
        base.elements,
        np.vstack([base.fractions[keep], v[None, :]]),
        np.concatenate([base.energies[keep], [energy]]),
        (*(f for f, k in zip(base.formulas, keep, strict=True) if k), formula),
    )
