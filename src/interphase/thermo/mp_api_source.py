"""Live Materials Project data through the mp-api client (needs MP_API_KEY and a network).

Entries are fetched per chemical system (every sub-system), GGA/GGA+U mixing scheme of
current MP (MP2020 corrections), and converted to the same (formula, formation energy per
atom) records as the shipped tables. They are never mixed with the shipped tables.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterable
from typing import Any

from interphase.errors import DatabaseUnavailableError
from interphase.thermo.tables import ChemsysTable, Database, DatabaseInfo

THERMO_TYPE = "GGA_GGA+U"
FIELDS = [
    "material_id",
    "formula_pretty",
    "composition_reduced",
    "formation_energy_per_atom",
    "thermo_type",
]


def records_from_thermo_docs(docs: Iterable[Any]) -> list[tuple[str, float, str]]:
    """(formula, formation energy per atom, material id) from mp-api ThermoDoc objects or
    their dicts; documents of another thermo type or without an energy are skipped."""
    out = []
    for d in docs:
        get = d.get if isinstance(d, dict) else lambda k, _d=d: getattr(_d, k, None)
        ttype = get("thermo_type")
        ttype = getattr(ttype, "value", ttype)
        if ttype not in (None, THERMO_TYPE):
            continue
        e = get("formation_energy_per_atom")
        comp = get("composition_reduced") or get("formula_pretty")
        if e is None or comp is None:
            continue
        if isinstance(comp, dict):
            formula = "".join(f"{el}{amt:g}" for el, amt in comp.items())
        else:
            formula = str(getattr(comp, "formula", comp)).replace(" ", "")
        out.append((formula, float(e), str(get("material_id") or "")))
    return out


class MPAPIDatabase(Database):
    """A Database whose chemical systems are fetched on demand from the MP API."""

    def __init__(self, fetch) -> None:
        info = DatabaseInfo(
            key="mp-api",
            name="Materials Project (live, mp-api)",
            version="current MP release",
            corrections="MP2020 (GGA/GGA+U mixing scheme)",
            licence="CC BY 4.0",
            n_compositions=0,
            citations=("jain2013",),
            notes="fetched per chemical system; needs MP_API_KEY",
        )
        self._fetch = fetch
        empty = Database.from_records("mp-api", info, [("Li", 0.0)], "mp-api")
        super().__init__(
            "mp-api",
            info,
            empty.formulas,
            empty.energies,
            empty.labels,
            empty._amounts,
            empty._masks,
        )
        self._systems: dict[frozenset[str], Database] = {}

    def _sub(self, elements: frozenset[str]) -> Database:
        if elements not in self._systems:
            names = [
                "-".join(sorted(c))
                for n in range(1, len(elements) + 1)
                for c in itertools.combinations(sorted(elements), n)
            ]
            recs = records_from_thermo_docs(self._fetch(names))
            self._systems[elements] = Database.from_records(
                "mp-api", self.info, [(f, e) for f, e, _ in recs], "mp-api"
            )
        return self._systems[elements]

    def check_elements(self, elements: set[str]) -> None:
        return None  # MP covers every element the API returns; missing data shows in the LP

    def chemsys(self, elements) -> ChemsysTable:
        return self._sub(frozenset(elements)).chemsys(frozenset(elements))

    def energy_of(self, formula: str) -> float | None:
        from pymatgen.core import Composition

        els = frozenset(e.symbol for e in Composition(formula).elements)
        return self._sub(els).energy_of(formula)


def mp_api_database() -> MPAPIDatabase:
    """The live database; a clear error without a key or the client."""
    key = os.environ.get("MP_API_KEY")
    if not key:
        raise DatabaseUnavailableError(
            "--database mp-api needs the environment variable MP_API_KEY (and network "
            "access); use the shipped --database mp or oqmd offline"
        )
    try:
        from mp_api.client import MPRester
    except ImportError:
        raise DatabaseUnavailableError(
            "--database mp-api needs the mp-api client: pip install 'interphase[mpapi]'"
        ) from None

    def fetch(chemsys: list[str]):
        try:
            with MPRester(key) as mpr:
                return mpr.materials.thermo.search(
                    chemsys=chemsys, thermo_types=[THERMO_TYPE], fields=FIELDS
                )
        except Exception as exc:  # network, auth, server: one clear line
            raise DatabaseUnavailableError(
                f"Materials Project API request failed ({type(exc).__name__}: {exc}); check "
                "MP_API_KEY and the network, or use --database mp"
            ) from None

    return MPAPIDatabase(fetch)
