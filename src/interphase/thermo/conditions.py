"""Conditions of a reaction: electrode potential (open Li), atmosphere (open O, C, H) and
temperature; they become elemental chemical potentials on the database's scale."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from interphase.errors import InvalidConditionError
from interphase.results import Result
from interphase.thermo.gases import T_MAX_K, T_MIN_K, T_REF_K, align_gas, gas_mu_ev

POTENTIAL_RANGE_V = (-1.0, 7.0)
GASES = ("O2", "CO2", "H2O")
# Named atmospheres, partial pressures in bar. Air: dry air, 21 % O2 and 420 ppm CO2
# (NOAA global mean of 2023 is 419 ppm, citation noaa_co2); add H2O by hand:
# "O2=0.21,CO2=4.2e-4,H2O=0.01".
ATMOSPHERES: dict[str, dict[str, float]] = {
    "air": {"O2": 0.21, "CO2": 4.2e-4},
    "o2": {"O2": 1.0},
    "ar": {},
    "none": {},
}


@dataclass(frozen=True)
class Conditions(Result):
    """`potential_v`: V vs Li/Li+ (None: Li is closed); `gases_bar`: partial pressures;
    `temperature_k`: applies to gases and to the finite-temperature free energies."""

    potential_v: float | None = None
    gases_bar: dict[str, float] = field(default_factory=dict)
    temperature_k: float = T_REF_K
    atmosphere: str = "none"

    def __post_init__(self) -> None:
        lo, hi = POTENTIAL_RANGE_V
        if self.potential_v is not None and not (lo <= self.potential_v <= hi):
            raise InvalidConditionError(
                f"potential {self.potential_v} V is outside {lo}..{hi} V vs Li/Li+"
            )
        if not (T_MIN_K <= self.temperature_k <= T_MAX_K):
            raise InvalidConditionError(
                f"temperature {self.temperature_k} K is outside {T_MIN_K:.0f}..{T_MAX_K:.0f} K "
                "(the range of the gas and solid thermochemistry tables)"
            )
        for gas, p in self.gases_bar.items():
            if gas not in GASES:
                raise InvalidConditionError(f"unknown gas {gas!r}: use {', '.join(GASES)}")
            if not (p > 0 and math.isfinite(p)):
                raise InvalidConditionError(
                    f"partial pressure of {gas} must be a positive number of bar, got {p}"
                )

    @property
    def is_thermal(self) -> bool:
        """True when energies need finite-temperature corrections (gases or T ≠ 298 K)."""
        return bool(self.gases_bar) or abs(self.temperature_k - T_REF_K) > 1.0

    def chemical_potentials(self, db) -> dict[str, float]:
        """Open elements → chemical potential, eV/atom, formation-free-energy scale at T."""
        mu: dict[str, float] = {}
        if self.potential_v is not None:
            mu["Li"] = -self.potential_v
        if not self.gases_bar:
            return mu
        t = self.temperature_k
        gas_mu = {
            g: gas_mu_ev(g, t, p, _alignment(db, g).reference_enthalpy_ev)
            for g, p in self.gases_bar.items()
        }
        if "O2" not in gas_mu:
            raise InvalidConditionError(
                "an atmosphere with CO2 or H2O needs O2 too (it fixes the oxygen potential); "
                'e.g. "O2=0.21,CO2=4e-4"'
            )
        mu["O"] = gas_mu["O2"] / 2
        if "CO2" in gas_mu:
            mu["C"] = gas_mu["CO2"] - 2 * mu["O"]
        if "H2O" in gas_mu:
            mu["H"] = (gas_mu["H2O"] - mu["O"]) / 2
        return mu

    def citations(self) -> tuple[str, ...]:
        if not self.is_thermal:
            return ()
        air = ("noaa_co2",) if self.atmosphere == "air" else ()
        return ("janaf1998", "freed2019", "mcdermott2021", *air)

    def describe(self) -> str:
        parts = []
        if self.potential_v is not None:
            parts.append(f"{self.potential_v:g} V vs Li/Li+")
        if self.gases_bar:
            parts.append(", ".join(f"{g}={p:g} bar" for g, p in self.gases_bar.items()))
        parts.append(f"{self.temperature_k:g} K")
        return "; ".join(parts)


_ALIGN_CACHE: dict[tuple[int, str], object] = {}


def _alignment(db, gas: str):
    key = (db.uid, gas)
    if key not in _ALIGN_CACHE:
        _ALIGN_CACHE[key] = align_gas(gas, db.energy_of)
    return _ALIGN_CACHE[key]


def parse_atmosphere(text: str | None) -> tuple[str, dict[str, float]]:
    """ "air", "o2", "ar" or "O2=0.21,CO2=4e-4" (bar) → (label, partial pressures)."""
    if text is None:
        return "none", {}
    key = text.strip().lower()
    if key in ATMOSPHERES:
        return key, dict(ATMOSPHERES[key])
    gases: dict[str, float] = {}
    for part in text.split(","):
        if "=" not in part:
            raise InvalidConditionError(
                f"cannot read atmosphere {text!r}: use air, o2, ar or GAS=bar pairs such as "
                '"O2=0.21,CO2=4e-4"'
            )
        name, value = (s.strip() for s in part.split("=", 1))
        gas = {g.lower(): g for g in GASES}.get(name.lower())
        if gas is None:
            raise InvalidConditionError(f"unknown gas {name!r} in atmosphere: use O2, CO2, H2O")
        try:
            p = float(value)
        except ValueError:
            raise InvalidConditionError(
                f"partial pressure {value!r} of {gas} is not a number"
            ) from None
        if not p > 0:
            raise InvalidConditionError(
                f"partial pressure of {gas} must be a positive number of bar, got {p:g}"
            )
        gases[gas] = p
    return "custom", gases
