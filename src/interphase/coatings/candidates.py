"""Candidate coatings: database compounds within an energy above hull, classics, user lists.

Enumerating the database needs the energy above the hull of every Li-containing compound
(about 8,700 compositions in 3,000 chemical systems of the MP table). Entries are grouped
once by their own element set, and each chemical system's hull (`thermo.systems.system_hull`,
cached) is built once for all the compounds of that system; one LP per compound (about 1 ms).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from interphase.errors import InputFileError
from interphase.results import Result
from interphase.thermo.database import Database, parse_simple
from interphase.thermo.systems import system_hull

# Non-Li coatings used in practice (ALD, sol-gel oxides), always screened by default.
CLASSICS: tuple[str, ...] = (
    "Al2O3",
    "ZrO2",
    "TiO2",
    "SiO2",
    "MgO",
    "ZnO",
    "Nb2O5",
    "Ta2O5",
    "HfO2",
    "Y2O3",
    "La2O3",
    "B2O3",
    "AlPO4",
    "AlF3",
    "MgF2",
    "CeO2",
)
# Li-containing coatings from the catalog and the literature, always screened in full even
# if the database puts them outside the energy window (so they appear with what they miss).
NAMED: tuple[str, ...] = (
    "LiNbO3",
    "LiTaO3",
    "Li3B11O18",
    "Li3BO3",
    "Li3PO4",
    "LiF",
    "LiAlO2",
    "Li5AlO4",
    "Li2ZrO3",
    "Li4Ti5O12",
    "Li2SiO3",
    "Li4SiO4",
    "LiPO3",
    "LiTi2(PO4)3",
    "LiH2PO4",
)


@dataclass(frozen=True)
class Candidate(Result):
    """A coating candidate. `source`: database | classic | named | user."""

    formula: str  # reduced formula (the task id)
    name: str
    source: str
    energy_above_hull_ev_per_atom: float | None  # None: not in the database
    chemsys: str  # "Li-O-P": groups tasks that share hulls

    @property
    def named(self) -> bool:
        return self.source != "database"


def chemsys_key(formula: str) -> str:
    return "-".join(sorted(parse_simple(formula)))


def energies_above_hull(db: Database, rows: list[int]) -> dict[int, float]:
    """Energy above the hull (eV/atom, ≥ 0) of database rows, one hull per chemical system."""
    groups = db.rows_by_element_set
    system_of = {i: els for els, members in groups.items() for i in members}
    wanted: dict[frozenset[str], list[int]] = defaultdict(list)
    for i in rows:
        wanted[system_of[i]].append(i)
    out: dict[int, float] = {}
    for els in sorted(wanted, key=lambda s: (len(s), sorted(s))):
        if len(els) == 1:
            for i in wanted[els]:
                out[i] = 0.0
            continue
        hull = system_hull(db, els)
        local = {int(r): j for j, r in enumerate(db.chemsys(els).rows)}
        for i in wanted[els]:
            # one LP with the compound included: on the hull → 0, else E − E_hull
            e = hull.energy(hull.fractions[local[i]])
            out[i] = max(float(db.energies[i] - e), 0.0)
    return out


def database_candidates(
    db: Database, ehull_max_ev_per_atom: float = 0.025, element: str = "Li"
) -> list[Candidate]:
    """Every compound containing `element` (not the element itself) within the energy
    window above the hull, sorted by chemical system then formula."""
    cache_ = db.__dict__.setdefault("_coatings_ehull", {})
    key = element
    if key not in cache_:
        rows = [
            i
            for els, members in db.rows_by_element_set.items()
            if element in els and len(els) > 1
            for i in members
        ]
        cache_[key] = energies_above_hull(db, rows)
    ehull = cache_[key]
    out = [
        Candidate(
            formula=db.reduced_formula_of(i),
            name=db.reduced_formula_of(i),
            source="database",
            energy_above_hull_ev_per_atom=e,
            chemsys=chemsys_key(db.formulas[i]),
        )
        for i, e in ehull.items()
        if e <= ehull_max_ev_per_atom + 1e-12
    ]
    return sorted(out, key=lambda c: (c.chemsys, c.formula))


def named_candidate(text: str, source: str) -> Candidate:
    """A candidate from a catalog name, a formula or a CIF path."""
    from interphase.materials import get_material

    if text.lower().endswith((".cif", ".cif.gz")) or Path(text).suffix.lower() == ".cif":
        return cif_candidate(Path(text))
    mat = get_material(text)
    formula = mat.composition.reduced_formula
    name = mat.name if mat.from_catalog else text.strip()
    return Candidate(formula, name, source, None, chemsys_key(mat.composition.formula))


def cif_candidate(path: Path) -> Candidate:
    if not path.exists():
        raise InputFileError(f"candidate CIF {str(path)!r} does not exist")
    try:
        from pymatgen.core import Structure

        s = Structure.from_file(str(path))
    except Exception as exc:  # pymatgen raises many types on bad CIFs
        raise InputFileError(f"cannot read candidate CIF {path.name!r}: {exc}") from None
    f = s.composition.reduced_formula
    return Candidate(f, path.stem, "user", None, chemsys_key(s.composition.formula))


def read_candidate_file(path: Path) -> list[Candidate]:
    """One candidate per line (name, formula or CIF path; '#' starts a comment)."""
    if not path.exists():
        raise InputFileError(f"candidate list {str(path)!r} does not exist")
    out = []
    for line in path.read_text().splitlines():
        text = line.split("#", 1)[0].strip()
        if text:
            if text.lower().endswith(".cif") and not Path(text).is_absolute():
                text = str(path.parent / text)
            out.append(named_candidate(text, "user"))
    if not out:
        raise InputFileError(f"candidate list {path.name!r} is empty")
    return out


def merge_candidates(*lists: list[Candidate]) -> list[Candidate]:
    """Union by formula; a named/user entry wins over the database entry (keeping the
    database's energy above hull)."""
    by: dict[str, Candidate] = {}
    for lst in lists:
        for c in lst:
            old = by.get(c.formula)
            if old is None:
                by[c.formula] = c
            elif c.named and not old.named:
                by[c.formula] = Candidate(
                    c.formula, c.name, c.source, old.energy_above_hull_ev_per_atom, c.chemsys
                )
    return sorted(by.values(), key=lambda c: (c.chemsys, c.formula))
