"""Coating screening for an electrode | electrolyte pair (docs/coatings.md)."""

from interphase.coatings.candidates import Candidate, database_candidates, read_candidate_file
from interphase.coatings.evaluate import ScreeningSpec, evaluate_candidate, make_spec
from interphase.coatings.ranking import parse_weights, rank_entries
from interphase.coatings.screen import CoatingScreenResult, default_candidates, screen

__all__ = [
    "Candidate",
    "CoatingScreenResult",
    "ScreeningSpec",
    "database_candidates",
    "default_candidates",
    "evaluate_candidate",
    "make_spec",
    "parse_weights",
    "rank_entries",
    "read_candidate_file",
    "screen",
]
