"""Hulls per chemical system and open-element conditions, built once and reused."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from pymatgen.core import Composition, Element

from interphase.thermo.database import Database
from interphase.thermo.gases import thermal_correction_ev_per_atom
from interphase.thermo.hull import LinearHull, open_element_hull

# (database id, elements, open chemical potentials) → hull; databases are long-lived.
_HULLS: dict[tuple, LinearHull] = {}
_MAX_HULLS = 512


def elements_of(*compositions: Composition) -> frozenset[str]:
    return frozenset(el.symbol for c in compositions for el in c.elements)


def system_hull(
    db: Database,
    elements: Iterable[str],
    chempots_ev: dict[str, float] | None = None,
    temperature_k: float | None = None,
) -> LinearHull:
    """The (grand-potential, when chempots are given) hull of a chemical system; with a
    temperature, energies are formation free energies at T (see thermo.gases)."""
    els = frozenset(elements) | frozenset(chempots_ev or {})
    key_mu = tuple(sorted((k, round(v, 9)) for k, v in (chempots_ev or {}).items()))
    key = (db.uid, els, key_mu, None if temperature_k is None else round(temperature_k, 3))
    hull = _HULLS.get(key)
    if hull is None:
        table = db.chemsys(els)
        energies = table.energies_ev_per_atom
        if temperature_k is not None:
            energies = energies + np.array(
                [thermal_correction_ev_per_atom(f, temperature_k) for f in table.formulas]
            )
        if chempots_ev:
            hull, _ = open_element_hull(
                table.elements,
                table.fractions,
                energies,
                table.formulas,
                chempots_ev,
            )
        else:
            hull = LinearHull(table.elements, table.fractions, energies, table.formulas)
        if len(_HULLS) >= _MAX_HULLS:
            _HULLS.pop(next(iter(_HULLS)))
        _HULLS[key] = hull
    return hull


def vector(hull: LinearHull, comp: Composition) -> np.ndarray:
    """Per-atom composition vector of `comp` on the hull's (closed) elements."""
    amounts = {el.symbol: float(x) for el, x in comp.items() if el.symbol in hull.elements}
    return hull.composition_vector(amounts)


def closed_atoms(comp: Composition, open_elements: Iterable[str]) -> float:
    """Number of atoms of `comp` that are not open elements."""
    opened = {Element(e) for e in open_elements}
    return float(sum(x for el, x in comp.items() if el not in opened))
