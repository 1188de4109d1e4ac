"""Composition-level thermodynamic databases (formation energies, elements at 0 eV).

The shipped tables (`mp`, `oqmd`), the live Materials Project (`mp-api`, see
:mod:`interphase.thermo.mp_api_source`) and user entries, each as a
:class:`~interphase.thermo.tables.Database` (defined in :mod:`interphase.thermo.tables`,
re-exported here). Databases are never mixed: a hull is built from one `Database`.
"""

from __future__ import annotations

import csv
import gzip
import io
from functools import cache
from importlib import resources
from pathlib import Path

import numpy as np
from pymatgen.core import Composition

from interphase.errors import DatabaseUnavailableError, InputFileError, MissingDataError
from interphase.thermo.mp_api_source import mp_api_database
from interphase.thermo.tables import (
    BULK_CHEMSYS_CALLS,
    N_ELEMENTS,
    ChemsysTable,
    Database,
    DatabaseInfo,
    composition_key,
    parse_simple,
    reduced_formula,
)


def _data_file(*parts: str) -> io.BufferedReader:
    return resources.files("interphase").joinpath("data", *parts).open("rb")


def _read_table(name: str) -> list[tuple[str, float]]:
    with _data_file("thermo", name) as raw, gzip.open(raw, "rt") as fh:
        reader = csv.reader(fh)
        next(reader)
        return [(row[0], float(row[1])) for row in reader]


_INFOS = {
    "mp": DatabaseInfo(
        key="mp",
        name="Materials Project formation energies (lowest-energy entry per composition)",
        version="database of about 2019, via matbench/crabnet 2.0.8 (CritExam__Ef)",
        corrections="legacy MaterialsProjectCompatibility (GGA/GGA+U mixing, fitted O2 and "
        "anion corrections; before MP2020)",
        licence="CC BY 4.0",
        n_compositions=0,
        citations=("jain2013", "bartel2020"),
        notes="85,014 compounds from the source table; 'compositions' adds one 0 eV/atom "
        "reference entry per element",
    ),
    "oqmd": DatabaseInfo(
        key="oqmd",
        name="OQMD formation enthalpies",
        version="OQMD set distributed with ElemNet/Roost (crabnet 2.0.8)",
        corrections="OQMD fitted elemental chemical potentials",
        licence="CC BY 4.0",
        n_compositions=0,
        citations=("saal2013", "kirklin2015"),
        notes="rows with |dH| > 5 eV/atom dropped; lacks LGPS, Li6PS5Cl and Li3B11O18",
    ),
}


_FILES = {"mp": "mp2019", "oqmd": "oqmd"}


def build_database(key: str, records: list[tuple[str, float]] | None = None) -> Database:
    """Parse a table (slow: scripts/build_data.py uses it to write the shipped .npz); by
    default the shipped CSV of that key."""
    if records is None:
        records = _read_table(f"{_FILES[key]}.csv.gz")
    return Database.from_records(key, _INFOS[key], records, key)


@cache
def get_database(key: str = "mp") -> Database:
    """The shipped database `mp` (default) or `oqmd`; `mp-api` fetches live data."""
    if key == "mp-api":
        return mp_api_database()
    if key not in _INFOS:
        raise MissingDataError(f"unknown database {key!r}: choose mp (default), oqmd or mp-api")
    with _data_file("thermo", f"{_FILES[key]}.npz") as fh:
        db = Database.load_npz(key, _INFOS[key], fh)
    db.info = DatabaseInfo(**{**_INFOS[key].__dict__, "n_compositions": len(db.formulas)})
    return db


def decomposition_energy_column() -> dict[str, float]:
    """The MP table's own decomposition-energy column (Bartel et al.), by reduced formula."""
    out: dict[str, float] = {}
    with _data_file("thermo", "mp2019.csv.gz") as raw, gzip.open(raw, "rt") as fh:
        reader = csv.reader(fh)
        next(reader)
        for f, _, ed in reader:
            out.setdefault(Composition(f).reduced_formula, float(ed))
    return out


MAX_USER_ENERGY_EV_PER_ATOM = 5.0  # formation energies of solids lie within about -4.5..+1


def read_user_entries(path: Path) -> list[tuple[str, float]]:
    """User entries (see `_read_user_entries`), each checked: a parseable formula of known
    elements and a finite formation energy within +-5 eV/atom."""
    import math

    from interphase.errors import InterphaseError
    from interphase.materials.parse import parse_composition

    rows = _read_user_entries(path)
    for i, (formula, e) in enumerate(rows, start=1):
        try:
            parse_composition(formula)
        except InterphaseError as exc:
            raise InputFileError(f"{path.name}, entry {i}: {exc}") from None
        if not (math.isfinite(e) and abs(e) <= MAX_USER_ENERGY_EV_PER_ATOM):
            raise InputFileError(
                f"{path.name}, entry {i} ({formula}): formation energy {e:g} eV/atom; give a "
                f"finite value within +-{MAX_USER_ENERGY_EV_PER_ATOM:g} eV/atom"
            )
    return rows


def _read_user_entries(path: Path) -> list[tuple[str, float]]:
    """User entries: CSV/JSON of (formula, formation energy per atom on the database's scale),
    or a serialized pymatgen entry list (total energies), converted to formation energies with
    the lowest-energy elemental entries of the same list (which must contain every element).

    CSV columns: `formula` and `e_form_per_atom` (eV/atom). JSON: a list of
    {"formula":..., "e_form_per_atom":...} or of serialized pymatgen (PD/Computed)Entry dicts.
    """
    import json

    if not path.exists():
        raise InputFileError(f"user entries file {str(path)!r} does not exist")
    try:
        if path.suffix.lower() == ".csv":
            with path.open() as fh:
                rows = list(csv.DictReader(fh))
            return [(r["formula"], float(r["e_form_per_atom"])) for r in rows]
        data = json.loads(
            gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_text()
        )
        if data and all("formula" in d for d in data):
            return [(d["formula"], float(d["e_form_per_atom"])) for d in data]
        return _formation_from_pymatgen_entries(data, path.name)
    except (KeyError, ValueError, TypeError, json.JSONDecodeError) as exc:
        raise InputFileError(
            f"cannot read user entries from {path.name!r}: {exc}; expected CSV columns "
            "formula,e_form_per_atom or a JSON list of entries"
        ) from None


def _formation_from_pymatgen_entries(data: list, name: str) -> list[tuple[str, float]]:
    from monty.json import MontyDecoder
    from pymatgen.analysis.phase_diagram import PDEntry

    def decode(d: dict):
        if "@class" in d:
            return MontyDecoder().process_decoded(d)
        return PDEntry(Composition(d["composition"]), float(d["energy"]))  # plain export

    entries = [decode(d) for d in data]
    refs: dict[str, float] = {}
    for e in entries:
        if e.composition.is_element:
            el = e.composition.elements[0].symbol
            refs[el] = min(refs.get(el, np.inf), e.energy_per_atom)
    out = []
    for e in entries:
        missing = {x.symbol for x in e.composition.elements} - set(refs)
        if missing:
            raise InputFileError(
                f"entries in {name!r} lack elemental references for {sorted(missing)}: include "
                "the elements' entries computed the same way"
            )
        e_form = e.energy - sum(n * refs[x.symbol] for x, n in e.composition.items())
        out.append((e.composition.formula.replace(" ", ""), e_form / e.composition.num_atoms))
    return out


__all__ = [
    "BULK_CHEMSYS_CALLS",
    "N_ELEMENTS",
    "ChemsysTable",
    "Database",
    "DatabaseInfo",
    "DatabaseUnavailableError",
    "build_database",
    "composition_key",
    "decomposition_energy_column",
    "get_database",
    "parse_simple",
    "read_user_entries",
    "reduced_formula",
]
