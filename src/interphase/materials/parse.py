"""Formula parsing with clear errors."""

from __future__ import annotations

import re

from pymatgen.core import Composition, Element

from interphase.errors import FormulaParseError

_TOKEN = re.compile(r"^[A-Za-z0-9().\[\]·*]+$")
# Atoms of one element in one formula unit: the largest ordered cells of the field's materials
# hold a few hundred atoms; beyond this the "formula" is a mixing ratio, not a material.
MAX_ATOMS_PER_ELEMENT = 1000


def parse_composition(text: str) -> Composition:
    """Parse a chemical formula strictly: every token must be an element with a number.

    Raises FormulaParseError naming the formula (e.g. "Li7La3Zr2O1x" has a stray "x").
    """
    s = text.strip()
    if not s or not _TOKEN.match(s):
        raise FormulaParseError(f"cannot parse formula {text!r}: use element symbols and numbers")
    # pymatgen is lenient (it drops unknown trailing characters); check every symbol ourselves.
    symbols = re.findall(r"[A-Z][a-z]?|[a-z]+", s)
    for sym in symbols:
        if not sym[0].isupper() or not Element.is_valid_symbol(sym):
            raise FormulaParseError(
                f"cannot parse formula {text!r}: {sym!r} is not an element symbol"
            )
    try:
        comp = Composition(s)
    except Exception as exc:  # pymatgen raises several types
        raise FormulaParseError(f"cannot parse formula {text!r}: {exc}") from None
    if comp.num_atoms <= 0:
        raise FormulaParseError(f"formula {text!r} has no atoms")
    big = [f"{el.symbol}{n:.0f}" for el, n in comp.items() if n > MAX_ATOMS_PER_ELEMENT]
    if big:
        raise FormulaParseError(
            f"formula {text!r} has {', '.join(big)} in one formula unit (more than "
            f"{MAX_ATOMS_PER_ELEMENT}): give the material's formula unit, e.g. Li7La3Zr2O12"
        )
    return comp
