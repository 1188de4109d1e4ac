"""Screen candidate coatings for an electrode | electrolyte pair, on Dask, resumably."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from interphase.coatings.candidates import (
    CLASSICS,
    NAMED,
    Candidate,
    database_candidates,
    merge_candidates,
    named_candidate,
)
from interphase.coatings.evaluate import ScreeningSpec, evaluate_candidate
from interphase.coatings.practicality import PRACTICALITY_CITATIONS
from interphase.coatings.ranking import DEFAULT_WEIGHTS, rank_entries
from interphase.compute import ResultStore, RunSummary, Task, run_stored
from interphase.errors import InvalidConditionError, UnknownEntryError
from interphase.results import Result
from interphase.thermo.database import get_database

CITATIONS = ("richards2016", "zhu2015", "ong2013", "jain2013", "dunn2020", "xiao2019")


@dataclass(frozen=True)
class CoatingScreenResult(Result):
    """Ranked candidates (best first); each entry is the dict of every criterion, with rank,
    pareto_layer, score, passes and explanation."""

    spec: dict[str, Any]
    weights: dict[str, float]
    order: str
    electrode_end: str
    n_candidates: int
    n_passing: int
    n_failed_tasks: int
    entries: tuple[dict, ...]
    failures: dict[str, str]
    summary: RunSummary
    citations: tuple[str, ...] = field(default=(*CITATIONS, *PRACTICALITY_CITATIONS))

    def entry(self, formula_or_name: str) -> dict:
        """The entry of one candidate, by formula or name; UnknownEntryError (a KeyError) if
        the screen holds none."""
        for e in self.entries:
            if formula_or_name in (e["formula"], e["name"]):
                return e
        raise UnknownEntryError(f"no candidate {formula_or_name!r} in this coating screen")

    def top(self, n: int) -> tuple[dict, ...]:
        return self.entries[:n]


def default_candidates(
    spec: ScreeningSpec, store: ResultStore | None = None, include_database: bool = True
) -> list[Candidate]:
    """Database Li compounds within the spec's energy window, classics and named coatings."""
    lists: list[list[Candidate]] = []
    if include_database:
        lists.append(cached_database_candidates(spec.database, spec.ehull_max_ev_per_atom, store))
    lists.append([named_candidate(f, "classic") for f in CLASSICS])
    lists.append([named_candidate(f, "named") for f in NAMED])
    return merge_candidates(*lists)


def cached_database_candidates(
    database: str, ehull_max: float, store: ResultStore | None
) -> list[Candidate]:
    db = get_database(database)
    key = f"candidates:{database}:{len(db.formulas)}:{ehull_max:.6f}"
    if store is not None:
        hit = store.cache_get(key)
        if hit is not None:
            return [Candidate(**d) for d in hit]
    out = database_candidates(db, ehull_max)
    if store is not None:
        store.cache_put(key, [c.to_dict() for c in out])
    return out


def screen(
    spec: ScreeningSpec,
    candidates: list[Candidate],
    store: ResultStore | str | Path = ":memory:",
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    quiet: bool | None = None,
    weights: dict[str, float] | None = None,
    order: str = "pareto",
    electrode_end: str = "worst",
    batch_size: int = 8,
    on_stored=None,
    progress=None,
) -> CoatingScreenResult:
    """Evaluate every candidate (results streamed into `store`), then rank them."""
    if not candidates:
        raise InvalidConditionError("the candidate list is empty: nothing to screen")
    tasks = [
        Task(
            id=c.formula,
            group=c.chemsys,
            payload={
                "formula": c.formula,
                "name": c.name,
                "source": c.source,
                "energy_above_hull_ev_per_atom": c.energy_above_hull_ev_per_atom,
            },
        )
        for c in candidates
    ]
    if len({t.id for t in tasks}) != len(tasks):
        tasks = list({t.id: t for t in tasks}.values())
    done = run_stored(
        evaluate_candidate,
        spec,
        tasks,
        store,
        spec.run_key,
        spec.to_dict(),
        workers=workers,
        scheduler=scheduler,
        batch_size=batch_size,
        quiet=quiet,
        on_stored=on_stored,
        progress=progress,
    )
    summary, stored = done.summary, done.rows
    by_name = {c.formula: c for c in candidates}
    entries, failures = [], {}
    for t in tasks:
        row = stored.get(t.id)
        if row is None:
            continue
        if row["status"] == "failed":
            failures[t.id] = row["error"]
            continue
        e = dict(row["result"])
        e["name"] = by_name[t.id].name  # the name this run asked for
        e["source"] = by_name[t.id].source
        entries.append(e)
    w = weights or DEFAULT_WEIGHTS
    ranked = rank_entries(entries, w, order, electrode_end)
    return CoatingScreenResult(
        spec=spec.to_dict(),
        weights=w,
        order=order,
        electrode_end=electrode_end,
        n_candidates=len(tasks),
        n_passing=sum(e["passes"] for e in ranked),
        n_failed_tasks=len(failures),
        entries=tuple(ranked),
        failures=failures,
        summary=summary,
    )
