"""Cation-mixed variants of a layered cathode model (Li/TM antisite exchange).

A fraction x of the Li sites exchanges with as many TM sites, chosen at random (seeded): the
TM occupancy of the Li layer is x, and x = 0.5 of LiMO2 is the fully mixed rock-salt. The
draws are nested, so a series of increasing x differs only by added exchanges.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from interphase.errors import InvalidConditionError, MissingDataError

if TYPE_CHECKING:
    from pymatgen.core import Structure


def mix_cations(structure: Structure, fraction: float, *, seed: int = 0) -> Structure:
    """`structure` with round(fraction × n_Li) Li exchanged with as many TM sites."""
    if not (math.isfinite(fraction) and 0 <= fraction <= 1):
        raise InvalidConditionError(f"mixing fraction {fraction:g}: give 0..1")
    li = [i for i, s in enumerate(structure) if s.specie.symbol == "Li"]
    tm = [i for i, s in enumerate(structure) if getattr(s.specie, "is_transition_metal", False)]
    if not li or not tm:
        raise MissingDataError(
            f"{structure.composition.reduced_formula} needs both Li and transition-metal "
            "sites to be cation-mixed"
        )
    n = round(fraction * len(li))
    if n > len(tm):
        raise InvalidConditionError(
            f"mixing fraction {fraction:g} needs {n} TM sites; the model has {len(tm)}"
        )
    rng = np.random.default_rng(seed)
    li_pick = rng.permutation(li)[:n]
    tm_pick = rng.permutation(tm)[:n]
    out = structure.copy()
    for a, b in zip(li_pick, tm_pick, strict=True):
        sa, sb = out[int(a)].specie, out[int(b)].specie
        out.replace(int(a), sb)
        out.replace(int(b), sa)
    return out
