"""The formation-energy table every database source is built on (shipped tables, live MP).

A `Database` holds one source's table as arrays: an element-amount matrix (per atom) and the
formation energy per atom of the lowest-energy entry of each composition. `chemsys(...)` gives
the sub-table of every entry whose elements lie in a chemical system, cached, so hull data is
built once per system. Databases are never mixed: a hull is built from one `Database`.

This module imports no data source: :mod:`interphase.thermo.database` (the shipped tables)
and :mod:`interphase.thermo.mp_api_source` (live data) both build on it, so the dependency
goes one way only.
"""

from __future__ import annotations

import io
import itertools
import re
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from pymatgen.core import Composition, Element

from interphase.errors import MissingDataError
from interphase.results import Result

_UIDS = itertools.count(1)
BULK_CHEMSYS_CALLS = 32  # after this many systems, index rows by element set

# Element index: Z-1, covering every element pymatgen knows.
N_ELEMENTS = 118


@dataclass(frozen=True)
class DatabaseInfo(Result):
    """What a database is: shown by `interphase db info`."""

    key: str
    name: str
    version: str
    corrections: str
    licence: str
    n_compositions: int
    citations: tuple[str, ...]
    notes: str = ""


@dataclass(frozen=True)
class ChemsysTable:
    """Entries of one chemical system: per-atom compositions and formation energies."""

    elements: tuple[str, ...]  # sorted symbols: the columns of `fractions`
    formulas: tuple[str, ...]  # reduced formulas, one per row
    fractions: np.ndarray  # (n_entries, n_elements) atom fractions, rows sum to 1
    energies_ev_per_atom: np.ndarray  # formation energy per atom
    labels: tuple[str, ...]  # provenance label per row ("mp2019", "user", ...)
    rows: np.ndarray  # the rows of the database these entries are


@dataclass
class Database:
    """One source of formation energies. Build with `get_database(key)` or `from_entries`."""

    key: str
    info: DatabaseInfo
    formulas: list[str]
    energies: np.ndarray  # eV/atom
    labels: list[str]
    _amounts: sp.csr_matrix = field(repr=False)  # (n, 118) atom fractions per entry
    _masks: np.ndarray = field(repr=False)  # (n, 2) uint64 element bitmasks
    # pymatgen reduced formula of every row (product names); shipped in the .npz, else lazy
    reduced: list[str] | None = field(default=None, repr=False)
    # unique per instance, for caches keyed by database (id() can be reused after GC)
    uid: int = field(default_factory=lambda: next(_UIDS), init=False, compare=False)

    @classmethod
    def from_records(
        cls,
        key: str,
        info: DatabaseInfo,
        records: list[tuple[str, float]],
        label: str,
    ) -> Database:
        """Build from (formula, formation energy per atom); keeps the lowest energy per
        reduced composition and adds the elements at 0 eV/atom where missing."""
        best: dict[tuple, tuple[str, dict[str, float], float]] = {}
        for formula, e in records:
            amounts = parse_simple(formula)
            key = composition_key(amounts)
            if key not in best or e < best[key][2]:
                best[key] = (formula, amounts, float(e))
        for el in {el for _, amounts, _ in best.values() for el in amounts}:
            key = composition_key({el: 1.0})
            if key not in best:
                best[key] = (el, {el: 1.0}, 0.0)
        keys = sorted(best)
        n = len(keys)
        rows, cols, vals = [], [], []
        energies = np.empty(n)
        formulas = []
        for i, k in enumerate(keys):
            formula, amounts, e = best[k]
            formulas.append(formula)
            energies[i] = e
            total = sum(amounts.values())
            for el, x in amounts.items():
                rows.append(i)
                cols.append(_Z[el] - 1)
                vals.append(x / total)
        amounts_m = sp.csr_matrix((vals, (rows, cols)), shape=(n, N_ELEMENTS))
        present = amounts_m.toarray() > 0
        weights = np.uint64(1) << np.arange(64, dtype=np.uint64)
        masks = np.zeros((n, 2), dtype=np.uint64)
        for half in range(2):
            block = present[:, 64 * half : 64 * (half + 1)]
            masks[:, half] = (block * weights[: block.shape[1]]).sum(axis=1, dtype=np.uint64)
        return cls(key, info, formulas, energies, [label] * n, amounts_m, masks)

    def save_npz(self, path: Path) -> None:
        """Save the parsed arrays (no pickles) for fast loading; see scripts/build_data.py."""
        coo = self._amounts.tocoo()
        rows, cols = coo.row, coo.col
        np.savez_compressed(
            path,
            formulas=np.array(self.formulas),
            energies=self.energies,
            rows=rows.astype(np.int32),
            cols=cols.astype(np.int16),
            vals=coo.data,
            masks=self._masks,
            reduced=np.array([reduced_formula(f) for f in self.formulas]),
        )

    @classmethod
    def load_npz(cls, key: str, info: DatabaseInfo, fh: io.BufferedReader) -> Database:
        with np.load(fh, allow_pickle=False) as z:
            formulas = z["formulas"].tolist()
            n = len(formulas)
            amounts = sp.csr_matrix(
                (z["vals"], (z["rows"], z["cols"].astype(np.int64))), shape=(n, N_ELEMENTS)
            )
            reduced = z["reduced"].tolist() if "reduced" in z else None
            return cls(
                key,
                info,
                formulas,
                z["energies"].copy(),
                [key] * n,
                amounts,
                z["masks"].copy(),
                reduced,
            )

    @cached_property
    def index(self) -> dict[str, int]:
        """Reduced formula → row of the lowest-energy entry with that composition."""
        names = self.reduced or [reduced_formula(f) for f in self.formulas]
        out: dict[str, int] = {}
        for i, k in enumerate(names):
            if k not in out or self.energies[i] < self.energies[out[k]]:
                out[k] = i
        return out

    @cached_property
    def user_labels(self) -> dict[str, str]:
        """Reduced formula → label, for rows that came from user entries."""
        return {
            reduced_formula(f): lab
            for f, lab in zip(self.formulas, self.labels, strict=True)
            if lab.startswith("user")
        }

    @cached_property
    def element_sets(self) -> list[frozenset[str]]:
        """The set of elements of every row (for grouping entries by chemical system)."""
        a = self._amounts.tocsr()
        sym = {z: Element.from_Z(int(z) + 1).symbol for z in np.unique(a.indices)}
        return [
            frozenset(sym[z] for z in a.indices[a.indptr[i] : a.indptr[i + 1]])
            for i in range(a.shape[0])
        ]

    @cached_property
    def _rows_by_mask(self) -> dict[int, np.ndarray]:
        """Rows grouped by their element bitmask (an int with bit Z-1 set per element)."""
        uniq, inverse = np.unique(self._masks, axis=0, return_inverse=True)
        order = np.argsort(inverse.ravel(), kind="stable")
        bounds = np.searchsorted(inverse.ravel()[order], np.arange(len(uniq) + 1))
        return {
            int(lo) | (int(hi) << 64): order[bounds[g] : bounds[g + 1]]
            for g, (lo, hi) in enumerate(uniq)
        }

    @cached_property
    def rows_by_element_set(self) -> dict[frozenset[str], list[int]]:
        """Rows grouped by their own element set (one group per chemical system)."""
        out: dict[frozenset[str], list[int]] = {}
        for i, els in enumerate(self.element_sets):
            out.setdefault(els, []).append(i)
        return out

    def reduced_formula_of(self, row: int) -> str:
        """pymatgen reduced formula of a row (shipped with the table, else computed)."""
        return (
            self.reduced[row] if self.reduced is not None else reduced_formula(self.formulas[row])
        )

    @cached_property
    def known_elements(self) -> frozenset[str]:
        present = np.unique(self._amounts.indices)
        return frozenset(Element.from_Z(int(z) + 1).symbol for z in present)

    def check_elements(self, elements: set[str]) -> None:
        missing = sorted(set(elements) - self.known_elements)
        if missing:
            raise MissingDataError(
                f"database {self.key!r} has no data for element(s) {', '.join(missing)}; "
                "choose another --database or give user entries"
            )

    def chemsys(self, elements: frozenset[str] | set[str]) -> ChemsysTable:
        """All entries with elements inside `elements` (cached per system)."""
        return self._chemsys(frozenset(elements))

    def _chemsys(self, elements: frozenset[str]) -> ChemsysTable:
        cache_ = self.__dict__.setdefault("_chemsys_cache", {})
        if elements in cache_:
            return cache_[elements]
        self.check_elements(set(elements))
        n_calls = self.__dict__["_n_chemsys"] = self.__dict__.get("_n_chemsys", 0) + 1
        if n_calls > BULK_CHEMSYS_CALLS and len(elements) <= 12:
            # many systems (screening): group the rows once (~0.4 s), then each system is the
            # union of its sub-systems' groups, 2^n look-ups instead of a scan (~3 ms)
            groups = self._rows_by_mask
            bits = {e: 1 << (Element(e).Z - 1) for e in elements}
            found: list[int] = []
            for k in range(1, len(elements) + 1):
                for sub in itertools.combinations(sorted(elements), k):
                    found.extend(groups.get(sum(bits[e] for e in sub), ()))
            rows = np.array(sorted(found), dtype=np.int64)
        else:
            sysmask = np.zeros(2, dtype=np.uint64)
            for el in elements:
                z = Element(el).Z - 1
                sysmask[z // 64] |= np.uint64(1) << np.uint64(z % 64)
            rows = np.nonzero(~(self._masks & ~sysmask).any(axis=1))[0]
        els = tuple(sorted(elements, key=lambda s: Element(s).Z))
        cols = [Element(e).Z - 1 for e in els]
        table = ChemsysTable(
            elements=els,
            formulas=tuple(self.reduced_formula_of(i) for i in rows),
            fractions=self._amounts[rows][:, cols].toarray(),
            energies_ev_per_atom=self.energies[rows],
            labels=tuple(self.labels[i] for i in rows),
            rows=rows,
        )
        cache_[elements] = table
        return table

    def energy_of(self, formula: str) -> float | None:
        """Formation energy per atom of the lowest entry with this composition, or None."""
        i = self.index.get(reduced_formula(formula))
        return None if i is None else float(self.energies[i])

    def with_user_entries(self, records: list[tuple[str, float]], label: str) -> Database:
        """A new database: this one plus user entries (labelled `label`). Rows are appended,
        not merged: the hull takes the lowest energy at every composition by itself, and
        `energy_of` returns the lowest entry."""
        user = Database.from_records(
            label,
            self.info,
            [(Composition(f).formula.replace(" ", ""), e) for f, e in records],
            label,
        )
        n_user = len(records)
        # from_records adds missing elements at 0 eV/atom; keep only the user's rows
        keep = [i for i, f in enumerate(user.formulas) if not _is_added_element(f, records)]
        info = DatabaseInfo(
            **{
                **self.info.__dict__,
                "key": f"{self.key}+user",
                "name": f"{self.info.name} with user entries",
                "notes": f"{n_user} user entries from {label} (energies on this table's scale)",
            }
        )
        return Database(
            f"{self.key}+user",
            info,
            self.formulas + [user.formulas[i] for i in keep],
            np.concatenate([self.energies, user.energies[keep]]),
            self.labels + [label] * len(keep),
            sp.vstack([self._amounts, user._amounts[keep]]).tocsr(),
            np.vstack([self._masks, user._masks[keep]]),
            None
            if self.reduced is None
            else self.reduced + [reduced_formula(user.formulas[i]) for i in keep],
        )


def _is_added_element(formula: str, records: list[tuple[str, float]]) -> bool:
    """True for an element row that from_records added (not given by the user)."""
    amounts = parse_simple(formula)
    if len(amounts) != 1:
        return False
    return not any(
        Composition(f).is_element and Composition(f).elements[0].symbol in amounts
        for f, _ in records
    )


_TOKEN = re.compile(r"([A-Z][a-z]?)(\d*\.?\d*)")
_Z = {Element.from_Z(z).symbol: z for z in range(1, N_ELEMENTS + 1)}


def parse_simple(formula: str) -> dict[str, float]:
    """Fast parser for flat formulas such as "Li2O1" or "Li0.5Co0.5O1" (no brackets)."""
    out: dict[str, float] = {}
    pos = 0
    for m in _TOKEN.finditer(formula):
        if m.start() != pos or m.group(1) not in _Z:
            return {e.symbol: float(x) for e, x in Composition(formula).items()}
        out[m.group(1)] = out.get(m.group(1), 0.0) + (float(m.group(2)) if m.group(2) else 1.0)
        pos = m.end()
    if pos != len(formula):
        return {e.symbol: float(x) for e, x in Composition(formula).items()}
    return out


def composition_key(amounts: dict[str, float]) -> tuple:
    """Canonical key of a composition: sorted (element, atom fraction rounded to 1e-6)."""
    total = sum(amounts.values())
    return tuple(sorted((el, round(x / total, 6)) for el, x in amounts.items() if x > 0))


@cache
def reduced_formula(formula: str) -> str:
    """pymatgen's reduced formula (e.g. "Li2S"), cached: products are named with it."""
    return Composition(formula).reduced_formula


__all__ = [
    "BULK_CHEMSYS_CALLS",
    "N_ELEMENTS",
    "ChemsysTable",
    "Database",
    "DatabaseInfo",
    "composition_key",
    "parse_simple",
    "reduced_formula",
]
