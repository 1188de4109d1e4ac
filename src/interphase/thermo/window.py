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

Two more ranges a reader needs:
- Li-exchange-free range (`li_exchange_free_v`): where X's own equilibrium assemblage (the
  phases it decomposes into in its closed system, X itself excluded) takes up and gives off
  no Li. For a metastable X whose decomposition takes up no Li (Li4TbF8 → 4 LiF + TbF4) this
  is the range over which only that closed decomposition can happen.
- A composition with no database entry (LiPON, doped phases) has no energy of its own: its
  "hull-estimated" window is that of a phase mixture and collapses to a point when the
  mixture sits on a Li-exchange plateau (LiPON: 1.061–1.075 V). The headline is then the
  equilibrium assemblage's range when it is at least `MIN_ASSEMBLAGE_WIDTH_V` wide, else the
  window of the nearest database phase by composition; `headline` says which, and the
  estimate stays as a flagged secondary number (`estimate_v`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

import numpy as np

from interphase.errors import InvalidConditionError
from interphase.results import Result
from interphase.thermo.database import Database, get_database
from interphase.thermo.hull import LinearHull
from interphase.thermo.reactant import resolve_reactant
from interphase.thermo.systems import elements_of, system_hull, vector

ON_HULL_OFFSET_EV = 1e-4  # eV/atom below the hull for the "on-hull" convention
MIN_ASSEMBLAGE_WIDTH_V = 0.05  # narrower: the mixture sits on a Li-exchange plateau


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
    stable_against_li_metal: bool = False  # reduction_v None: in equilibrium with Li metal
    convention_text: str = ""  # the convention in words, with this compound's numbers
    headline: str = "database entry"  # or "equilibrium assemblage", "nearest database phase"
    assemblage: tuple[str, ...] = ()  # X's closed-system equilibrium without X itself
    li_exchange_free_v: tuple[float | None, float | None] | None = None
    estimate_v: tuple[float | None, float | None] | None = None  # hull-estimated (flagged)
    nearest_phase: str | None = None
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
    res = _window(r, db, convention)
    if (res.stable_as_is and not r.hull_estimated) or len(r.composition.elements) == 1:
        return res  # on its hull: X is its own equilibrium
    without = _assemblage_range(r, db)
    res = replace(res, assemblage=without[0], li_exchange_free_v=without[1])
    if not r.hull_estimated:
        return res
    # a composition without an entry: headline a range that belongs to real phases
    lo, hi = without[1]
    estimate = (res.reduction_v, res.oxidation_v)
    if lo is not None and hi is not None and hi - lo >= MIN_ASSEMBLAGE_WIDTH_V:
        return replace(
            res,
            reduction_v=lo,
            oxidation_v=hi,
            headline="equilibrium assemblage (" + " + ".join(without[0]) + ")",
            estimate_v=estimate,
        )
    near = _nearest_entry(r, db)
    if near is None:
        return replace(res, headline="hull estimate (no database phase nearby)")
    w = stability_window(near, db, "on-hull")
    return replace(
        res,
        reduction_v=w.reduction_v,
        oxidation_v=w.oxidation_v,
        reduction_products=w.reduction_products,
        oxidation_products=w.oxidation_products,
        stable_against_li_metal=w.stable_against_li_metal,
        headline=f"nearest database phase {near}",
        nearest_phase=near,
        estimate_v=estimate,
    )


def _window(r, db: Database, convention: str) -> WindowResult:
    """The window of reactant `r` under `convention` (the staircase through X)."""
    comp = r.composition
    els = elements_of(comp) | {"Li"}
    base = system_hull(db, els)
    vx = vector(base, comp)
    same = np.all(np.abs(base.fractions - vx) < 1e-6, axis=1)
    if {e.symbol for e in comp.elements} == {"Li"}:
        raise InvalidConditionError("Li metal has no stability window: give a compound")
    if len(comp.elements) == 1:  # an element: nothing else has its composition
        hull_without_x = r.energy_ev_per_atom
    else:
        hull_without_x = base.point(vx, exclude=same).energy_ev_per_atom
    e_x = r.energy_ev_per_atom
    if convention == "on-hull":
        e_x = min(e_x, hull_without_x - ON_HULL_OFFSET_EV)
    hull = _with_entry(base, vx, e_x, r.reduced_formula)
    n_li_x = comp["Li"] / comp.num_atoms  # Li atom fraction of X
    if n_li_x >= 1 - 1e-12:
        raise InvalidConditionError("Li metal has no stability window: give a compound")
    pts, ts, volts, n_of = _staircase(hull, vx, comp)
    n_x = comp["Li"]
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
    stable_vs_li = False
    if red is not None and red <= 0.0 and (not at or at[0] + 1 == len(ts) - 1):
        red = None  # in equilibrium with Li metal: no reduction limit
        stable_vs_li = True
        red_products = ()
    e_above = max(r.energy_ev_per_atom - hull_without_x, 0.0)
    if r.hull_estimated:
        words = (
            "hull-estimated: no database entry at this composition, its energy is the hull's "
            "there (a phase mixture)"
        )
    elif convention == "on-hull" and e_above > 0:
        words = (
            f"on-hull: metastable by {e_above * 1000:.1f} meV/atom, treated as lying "
            f"{ON_HULL_OFFSET_EV * 1000:.1f} meV/atom below its hull (the usual convention "
            "for electrolytes)"
        )
    elif convention == "on-hull":
        words = "on-hull: the compound is on its hull, no adjustment"
    else:
        words = "as-is: the compound's own energy; above its hull it has no window"
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
        stable_against_li_metal=stable_vs_li,
        convention_text=words,
        citations=(*db.info.citations, "zhu2015", "ong2013"),
    )


def _staircase(hull: LinearHull, vx: np.ndarray, comp):
    """The hull's path from X's Li-free host to Li metal: its kinks (t, point), their Li atom
    fractions t, the plateau potential (V) of each segment between kinks i and i + 1, and
    n(t), the Li per formula unit of X's host at Li fraction t."""
    li = hull.elements.index("Li")
    host = vx.copy()
    host[li] = 0.0
    host /= host.sum()
    li_vec = np.zeros_like(vx)
    li_vec[li] = 1.0
    pts = hull.segment(host, li_vec)
    n_host = comp.num_atoms - comp["Li"]  # host atoms per formula unit of X

    def n_of(t: float) -> float:
        return math.inf if t >= 1 - 1e-12 else n_host * t / (1 - t)

    ts = [t for t, _ in pts]
    energies = [
        p.energy_ev_per_atom * (n_host / (1 - t)) if t < 1 - 1e-12 else math.nan for t, p in pts
    ]
    volts = [
        0.0  # the last segment ends at Li metal
        if ts[i + 1] >= 1 - 1e-12
        else -(energies[i + 1] - energies[i]) / (n_of(ts[i + 1]) - n_of(ts[i]))
        for i in range(len(pts) - 1)
    ]
    return pts, ts, volts, n_of


def _assemblage_range(r, db: Database) -> tuple[tuple[str, ...], tuple[float | None, float | None]]:
    """X's closed-system equilibrium without X, and the potentials over which that
    assemblage exchanges no Li (the staircase of the hull without X, at X's composition)."""
    comp = r.composition
    base = system_hull(db, elements_of(comp) | {"Li"})
    vx = vector(base, comp)
    same = np.all(np.abs(base.fractions - vx) < 1e-6, axis=1)
    phases = tuple(sorted({base.formulas[i] for i in base.point(vx, exclude=same).phases}))
    hull = LinearHull(
        base.elements,
        base.fractions[~same],
        base.energies[~same],
        tuple(f for f, k in zip(base.formulas, ~same, strict=True) if k),
    )
    if comp["Li"] >= comp.num_atoms:
        return phases, (None, None)
    _, ts, volts, _ = _staircase(hull, vx, comp)
    t_x = comp["Li"] / comp.num_atoms
    at = [i for i, t in enumerate(ts) if abs(t - t_x) < 1e-7]
    if at:
        i = at[0]
        low = volts[i] if i < len(volts) else None
        high = volts[i - 1] if i > 0 else None
        if low is not None and low <= 0.0 and i + 1 == len(ts) - 1:
            low = None
        return phases, (low, high)
    j = max(k for k, t in enumerate(ts) if t < t_x)
    return phases, (volts[j], volts[j])


def _nearest_entry(r, db: Database) -> str | None:
    """The database compound closest to X in atom fractions (Euclidean), X excluded."""
    comp = r.composition
    hull = system_hull(db, elements_of(comp))
    vx = vector(hull, comp)
    d = np.linalg.norm(hull.fractions - vx, axis=1)
    compound = (hull.fractions > 1e-9).sum(axis=1) >= 2
    d[~compound | (d < 1e-6)] = np.inf
    i = int(np.argmin(d))
    return None if not np.isfinite(d[i]) else hull.formulas[i]


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
