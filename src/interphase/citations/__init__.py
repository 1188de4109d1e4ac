"""One registry of every source the package uses.

Sources live in the modules `sources_<domain>.py` beside this file, each with a list
`SOURCES` of :class:`Citation`. A literature value elsewhere in the package refers to its
source by key (``cite("zhu2015")``), so an unknown key fails loudly at import or test time.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from interphase.errors import CitationConflictError, MissingDataError
from interphase.results import Result


@dataclass(frozen=True)
class Citation(Result):
    """A bibliographic source. `doi` is required for literature; data sets may give a url."""

    key: str
    authors: str
    title: str
    venue: str
    year: int
    doi: str = ""
    url: str = ""
    note: str = ""

    def short(self) -> str:
        first = self.authors.split(",")[0].split(" and ")[0].strip()
        tail = f"doi:{self.doi}" if self.doi else self.url
        return f"{first} et al., {self.venue} ({self.year}) {tail}".strip()


@cache
def registry() -> dict[str, Citation]:
    """All citations, by key, loaded from every `sources_*` module of this package."""
    out: dict[str, Citation] = {}
    for mod in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if not mod.name.startswith("sources_"):
            continue
        module = importlib.import_module(f"{__name__}.{mod.name}")
        for c in module.SOURCES:
            if c.key in out and out[c.key] != c:
                raise CitationConflictError(
                    f"citation key {c.key!r} defined twice with different content"
                )
            out[c.key] = c
    return out


def cite(key: str) -> Citation:
    """The citation for `key`; raises MissingDataError for an unknown key."""
    try:
        return registry()[key]
    except KeyError:
        raise MissingDataError(f"no citation with key {key!r} in the registry") from None


def cite_all(keys: Iterable[str]) -> tuple[Citation, ...]:
    """Citations for several keys, de-duplicated, in first-seen order."""
    seen: dict[str, Citation] = {}
    for k in keys:
        if k not in seen:
            seen[k] = cite(k)
    return tuple(seen.values())


__all__ = ["Citation", "cite", "cite_all", "registry"]
