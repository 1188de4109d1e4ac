"""Top-level chemical-contact analyses: the functions the CLI, stack and coatings call."""

from __future__ import annotations

from interphase.thermo.conditions import Conditions
from interphase.thermo.database import Database, get_database
from interphase.thermo.reaction import ReactionResult, pseudo_binary
from interphase.thermo.verdict import KINETIC_THRESHOLD_EV_PER_ATOM, judge


def react(
    a: str,
    b: str,
    db: Database | str = "mp",
    conditions: Conditions | None = None,
    energy_a_ev_per_atom: float | None = None,
    energy_b_ev_per_atom: float | None = None,
    reactants: str = "auto",
    kinetic_threshold_ev_per_atom: float = KINETIC_THRESHOLD_EV_PER_ATOM,
) -> ReactionResult:
    """Pseudo-binary reaction of A and B with the interphase verdict attached."""
    database = get_database(db) if isinstance(db, str) else db
    result = pseudo_binary(
        a, b, database, conditions, energy_a_ev_per_atom, energy_b_ev_per_atom, reactants
    )
    verdict = judge(result, kinetic_threshold_ev_per_atom)
    from dataclasses import replace

    return replace(result, verdict=verdict, citations=(*result.citations, *verdict.citations))
