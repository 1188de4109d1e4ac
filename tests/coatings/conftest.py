"""Shared screenings (module-scoped, in-process: the Dask path is tested in tests/compute)."""

import random

import pytest

from interphase.coatings.candidates import merge_candidates, named_candidate
from interphase.coatings.evaluate import make_spec
from interphase.coatings.screen import cached_database_candidates, screen

XIAO = ("LiPO3", "LiTi2(PO4)3", "LiH2PO4")  # xiao2019
EXTRA = ("Li3B11O18", "LiNbO3", "LiTaO3", "LiAl", "Li2S", "Li3PS4", "LiCoO2", "Al2O3")
SAMPLE = 200  # fair random sample of the database candidates (seeded)


def sample_screen(cathode: str, electrolyte: str, seed: int):
    spec = make_spec(cathode, electrolyte)
    pool = cached_database_candidates("mp", 0.025, None)
    sample = random.Random(seed).sample(pool, SAMPLE)
    named = [named_candidate(f, "named") for f in (*XIAO, *EXTRA)]
    cands = merge_candidates(sample, named)
    return screen(spec, cands, ":memory:", workers=0, quiet=True)


@pytest.fixture(scope="session")
def ncm811_lpscl():
    return sample_screen("NCM811", "Li6PS5Cl", seed=11)


@pytest.fixture(scope="session")
def ncm523_lps():
    return sample_screen("NCM523", "Li3PS4", seed=523)
