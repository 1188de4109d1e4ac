"""Shared test setup: non-interactive plotting backend, no progress bars; the same entries
as pymatgen objects, for agreement tests in every folder."""

from __future__ import annotations

import os
import warnings

import pytest
from pymatgen.analysis.phase_diagram import PDEntry, PhaseDiagram
from pymatgen.core import Composition

from interphase.thermo.database import get_database

os.environ.setdefault("MPLBACKEND", "Agg")
os.environ.setdefault("INTERPHASE_QUIET", "1")


@pytest.fixture(scope="session")
def mp():
    return get_database("mp")


def pymatgen_pd(db, elements) -> PhaseDiagram:
    """pymatgen PhaseDiagram on exactly the entries interphase uses for this system."""
    table = db.chemsys(set(elements))
    entries = []
    for f, e in zip(table.formulas, table.energies_ev_per_atom, strict=True):
        c = Composition(f)
        entries.append(PDEntry(c, float(e) * c.num_atoms, name=c.reduced_formula))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return PhaseDiagram(entries)


@pytest.fixture(scope="session")
def pd_for(mp):
    """pd_for(elements) → pymatgen PhaseDiagram on interphase's entries (cached)."""
    cache: dict = {}

    def make(elements):
        key = frozenset(elements)
        if key not in cache:
            cache[key] = pymatgen_pd(mp, elements)
        return cache[key]

    return make
