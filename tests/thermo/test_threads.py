"""Reactions computed from several threads at once give the single-threaded answers.

Every hull holds one HiGHS model, shared through the hull cache (thermo.systems), whose row
bounds change on every solve. Breaking the code on purpose: remove the lock in
LinearHull.point and this test fails with wrong energies or crashes the interpreter (a
segmentation fault inside HiGHS, seen with four threads).
"""

from __future__ import annotations

import threading

import pytest

from interphase.thermo.analysis import react
from interphase.thermo.conditions import Conditions

PAIRS = (("NCM811", "Li6PS5Cl", 4.3), ("LCO", "LLZO", 4.2))


def test_threads_get_the_single_threaded_answers():
    ref = {
        (a, b): react(a, b, conditions=Conditions(v)).most_exothermic.energy_ev_per_atom
        for a, b, v in PAIRS
    }
    got: list[tuple[tuple[str, str], float]] = []

    def work(a: str, b: str, v: float) -> None:
        for _ in range(10):
            e = react(a, b, conditions=Conditions(v)).most_exothermic.energy_ev_per_atom
            got.append(((a, b), e))

    threads = [threading.Thread(target=work, args=p) for p in PAIRS * 2]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(got) == 40
    for key, e in got:
        assert e == pytest.approx(ref[key], rel=1e-9, abs=1e-12)
