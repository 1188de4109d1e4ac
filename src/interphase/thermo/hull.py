"""Lower convex hull of formation energies by linear programming.

The hull energy at a composition c is min Σ e_i w_i over phase fractions w ≥ 0 with
Σ w_i f_i = c (f_i: per-atom composition of entry i). HiGHS solves it in milliseconds for
thousands of entries, and its dual values are the elemental chemical potentials of the
equilibrium facet, a supporting hyperplane of the hull. Along a segment of compositions the
hull energy is convex and piecewise linear; `segment` finds every kink exactly with the
sandwich (tangent-intersection) method, about two LPs per kink. This replaces building the
full N-dimensional hull (what pymatgen's PhaseDiagram does with qhull), which grows steeply
with the number of elements. Written here because no library does the parametric version.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import highspy
import numpy as np
import scipy.sparse as sp

from interphase.errors import MissingDataError

PHASE_TOL = 1e-9  # phase fraction below which a phase is not part of the equilibrium
KINK_TOL_EV = 1e-7  # eV/atom: a hull point this close to both tangents is a kink


@dataclass(frozen=True)
class HullPoint:
    """The equilibrium at one composition.

    `phases`: entry index → atom fraction of that phase; `mu`: chemical potential per element
    (eV/atom, same order as the hull's elements), a subgradient of the hull energy there.
    """

    composition: np.ndarray
    energy_ev_per_atom: float
    phases: dict[int, float]
    mu: np.ndarray


class LinearHull:
    """Hull of entries given as per-atom compositions (rows sum to 1) and energies per atom."""

    def __init__(
        self,
        elements: tuple[str, ...],
        fractions: np.ndarray,
        energies_ev_per_atom: np.ndarray,
        formulas: tuple[str, ...],
    ) -> None:
        self.elements = elements
        self.fractions = np.asarray(fractions, dtype=float)
        self.energies = np.asarray(energies_ev_per_atom, dtype=float)
        self.formulas = formulas
        self.n_lp = 0  # LPs solved, for benchmarks
        self._highs: highspy.Highs | None = None
        # one HiGHS model per hull, shared through the hull cache: its bounds change on every
        # point(), so threads (a web server, a threaded Dask worker) take turns
        self._lock = threading.Lock()

    def __getstate__(self) -> dict:  # the lock and the solver stay in their process
        state = dict(self.__dict__)
        state["_lock"] = None
        state["_highs"] = None
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._lock = threading.Lock()

    def _model(self) -> highspy.Highs:
        if self._highs is None:
            n, m = self.fractions.shape
            h = _new_highs()
            h.setOptionValue("output_flag", False)
            h.setOptionValue("log_to_console", False)
            lp = highspy.HighsLp()
            lp.num_col_ = n
            lp.num_row_ = m
            lp.col_cost_ = self.energies
            lp.col_lower_ = np.zeros(n)
            lp.col_upper_ = np.full(n, highspy.kHighsInf)
            lp.row_lower_ = np.zeros(m)
            lp.row_upper_ = np.zeros(m)
            a = sp.csc_matrix(self.fractions.T)
            lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
            lp.a_matrix_.start_ = a.indptr
            lp.a_matrix_.index_ = a.indices
            lp.a_matrix_.value_ = a.data
            h.passModel(lp)
            self._highs = h
        return self._highs

    def composition_vector(self, amounts: dict[str, float]) -> np.ndarray:
        """Per-atom composition vector in this hull's element order."""
        v = np.array([amounts.get(e, 0.0) for e in self.elements], dtype=float)
        extra = set(amounts) - set(self.elements)
        if extra:
            raise MissingDataError(f"elements {sorted(extra)} are outside this chemical system")
        total = v.sum()
        if total <= 0:
            raise MissingDataError("empty composition")
        return v / total

    def point(self, c: np.ndarray, exclude: np.ndarray | None = None) -> HullPoint:
        """Hull energy, equilibrium phases and chemical potentials at composition c
        (thread-safe: one solve at a time per hull)."""
        with self._lock:
            return self._point(c, exclude)

    def _point(self, c: np.ndarray, exclude: np.ndarray | None) -> HullPoint:
        h = self._model()
        m = len(self.elements)
        rows = np.arange(m, dtype=np.int32)
        h.changeRowsBounds(m, rows, c, c)
        cols = np.nonzero(exclude)[0].astype(np.int32) if exclude is not None else None
        if cols is not None and len(cols):
            h.changeColsBounds(len(cols), cols, np.zeros(len(cols)), np.zeros(len(cols)))
        self.n_lp += 1
        h.run()
        status = h.getModelStatus()
        sol = h.getSolution()
        w = np.array(sol.col_value)
        energy = float(h.getInfo().objective_function_value)
        mu = np.array(sol.row_dual, dtype=float)
        if cols is not None and len(cols):
            h.changeColsBounds(
                len(cols), cols, np.zeros(len(cols)), np.full(len(cols), highspy.kHighsInf)
            )
        if status != highspy.HighsModelStatus.kOptimal:
            raise MissingDataError(
                "no combination of entries reaches this composition: an element lacks data"
            )
        phases = {int(i): float(w[i]) for i in np.nonzero(w > PHASE_TOL)[0]}
        total = sum(phases.values())
        phases = {i: x / total for i, x in phases.items()}
        return HullPoint(
            composition=np.asarray(c, dtype=float),
            energy_ev_per_atom=energy,
            phases=phases,
            mu=mu,
        )

    def energy(self, c: np.ndarray) -> float:
        return self.point(c).energy_ev_per_atom

    def segment(self, c0: np.ndarray, c1: np.ndarray) -> list[tuple[float, HullPoint]]:
        """Every kink of the hull energy along c(t) = (1-t) c0 + t c1, t in [0, 1], with the
        end points, sorted by t. Exact up to LP tolerance."""
        d = c1 - c0
        p0, p1 = self.point(c0), self.point(c1)
        out: list[tuple[float, HullPoint]] = [(0.0, p0), (1.0, p1)]
        stack = [(0.0, p0, 1.0, p1)]
        while stack:
            a, pa, b, pb = stack.pop()
            if b - a < 1e-9:
                continue
            # tangent lines through a and b: L(t) = mu·c0 + t mu·d
            sa, sb = float(pa.mu @ d), float(pb.mu @ d)
            ia = pa.energy_ev_per_atom - a * sa
            ib = pb.energy_ev_per_atom - b * sb
            if sb - sa <= 1e-12:
                continue  # same facet: linear on [a, b]
            t = (ia - ib) / (sb - sa)
            if not (a + 1e-10 < t < b - 1e-10):
                continue
            pt = self.point(c0 + t * d)
            if pt.energy_ev_per_atom <= ia + t * sa + KINK_TOL_EV:
                out.append((t, pt))  # f touches both tangents: the only kink in (a, b)
                continue
            out.append((t, pt))
            stack.append((a, pa, t, pt))
            stack.append((t, pt, b, pb))
        out.sort(key=lambda x: x[0])
        return _drop_collinear(out)


def _new_highs() -> highspy.Highs:
    """A HiGHS instance without its start-up banner (printed on the C level to stdout)."""
    import os
    import sys

    sys.stdout.flush()
    saved = os.dup(1)
    try:
        with open(os.devnull, "w") as null:
            os.dup2(null.fileno(), 1)
            h = highspy.Highs()
    finally:
        os.dup2(saved, 1)
        os.close(saved)
    return h


def _drop_collinear(points: list[tuple[float, HullPoint]]) -> list[tuple[float, HullPoint]]:
    """Keep end points and true kinks (where the slope changes)."""
    if len(points) <= 2:
        return points
    kept = [points[0]]
    for i in range(1, len(points) - 1):
        t0, p0 = kept[-1]
        t1, p1 = points[i]
        t2, p2 = points[i + 1]
        if t1 - t0 < 1e-9:
            continue
        s01 = (p1.energy_ev_per_atom - p0.energy_ev_per_atom) / (t1 - t0)
        s12 = (p2.energy_ev_per_atom - p1.energy_ev_per_atom) / (t2 - t1)
        if abs(s12 - s01) > 1e-6:
            kept.append(points[i])
    kept.append(points[-1])
    return kept


def open_element_hull(
    elements: tuple[str, ...],
    fractions: np.ndarray,
    energies_ev_per_atom: np.ndarray,
    formulas: tuple[str, ...],
    chempots_ev: dict[str, float],
) -> tuple[LinearHull, np.ndarray]:
    """Grand-potential hull with some elements held at chemical potentials mu (eV/atom).

    Each entry's grand energy per atom of the closed elements is
    (e − Σ_k mu_k x_k) / (1 − Σ_k x_k); entries made only of open elements drop out (they are
    the reservoir). Returns the hull and the indices of the kept rows.
    """
    open_idx = [elements.index(e) for e in chempots_ev if e in elements]
    closed_idx = [i for i in range(len(elements)) if i not in open_idx]
    x_open = fractions[:, open_idx].sum(axis=1) if open_idx else np.zeros(len(fractions))
    keep = np.nonzero(x_open < 1 - 1e-12)[0]
    mu = np.array([chempots_ev[elements[i]] for i in open_idx])
    shift = fractions[np.ix_(keep, open_idx)] @ mu if open_idx else 0.0
    closed = fractions[np.ix_(keep, closed_idx)] / (1 - x_open[keep])[:, None]
    grand = (energies_ev_per_atom[keep] - shift) / (1 - x_open[keep])
    hull = LinearHull(
        tuple(elements[i] for i in closed_idx),
        closed,
        grand,
        tuple(formulas[i] for i in keep),
    )
    return hull, keep
