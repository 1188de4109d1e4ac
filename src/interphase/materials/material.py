"""The `Material` record and sourced quantities."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from pymatgen.core import Composition

from interphase.results import Result


class Role(StrEnum):
    CATHODE = "cathode"
    ANODE = "anode"
    ELECTROLYTE = "electrolyte"
    COATING = "coating"
    INTERPHASE = (
        "interphase"  # a known reaction product (Li2S, Li3P, ...), listed for its transport
    )
    OTHER = "other"


@dataclass(frozen=True)
class Quantity(Result):
    """A value with unit, source (citation key) and conditions; `low`/`high` give a range where
    sources disagree or the value depends on processing."""

    value: float
    unit: str
    source: str
    conditions: str = ""
    low: float | None = None
    high: float | None = None


@dataclass(frozen=True)
class Material(Result):
    """A named material. `formula` may be fractional (solid solutions, doped phases)."""

    name: str
    formula: str
    role: Role
    aliases: tuple[str, ...] = ()
    description: str = ""
    # electrodes: (low, high) operating potential in V vs Li/Li+; cathode high = top of charge
    potential_range_v: tuple[float, float] | None = None
    potential_source: str = ""
    li_conductivity_s_cm: Quantity | None = None
    electronic_conductivity_s_cm: Quantity | None = None
    structure_file: str | None = None  # name of a CIF under interphase/data/structures
    deposition: tuple[str, ...] = ()  # known coating routes: ALD, sol-gel, sputtering, ...
    from_catalog: bool = True
    extra: dict[str, Quantity] = field(default_factory=dict, compare=False, hash=False)

    @property
    def composition(self) -> Composition:
        return Composition(self.formula)

    @property
    def reduced_formula(self) -> str:
        return self.composition.reduced_formula

    def citation_keys(self) -> tuple[str, ...]:
        keys = [self.potential_source]
        for q in (self.li_conductivity_s_cm, self.electronic_conductivity_s_cm):
            if q is not None:
                keys.append(q.source)
        keys += [q.source for q in self.extra.values()]
        return tuple(k for k in dict.fromkeys(keys) if k)
