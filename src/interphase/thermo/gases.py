"""Gas chemical potentials and finite-temperature free energies on the database's scale.

Scale: formation free energies at temperature T, elements in their standard states at T are
0 (so Li metal is 0, and O2 at 1 bar and T is 0). The DFT table gives formation enthalpies at
about 298 K (its O2 reference is fitted to 298 K oxide enthalpies). Temperature enters in the
standard ab-initio-thermodynamics way:

- a solid with experimental Gibbs data (FREED / NIST-JANAF, 300–2000 K) gets the table's
  thermal part: ΔG_f(T) = E_DFT + [ΔG_f^exp(T) − ΔH_f^exp(298)];
- any other solid gets a Neumann–Kopp estimate from the tabulated compounds it is made of
  (thermo.solid_thermal); where no compound of an element is tabulated, the element's own:
  0 for a solid, −½ g_X2(T) for O, N, H, with g = [H(T) − H(298)] − T·S(T) from Shomate fits
  (NIST-JANAF);
- a gas at partial pressure p: μ(T, p) = h_ref + [ΔG_f^exp(T) − ΔH_f^exp(298)] + kT ln(p/p0),
  where h_ref is the gas's reference enthalpy on the DFT scale. For O2 it is the table's own
  fitted reference (0). For CO2 and H2O it is fitted like the O2 reference was: the value that
  makes the DFT table reproduce experimental 298 K enthalpies of carbonate (hydroxide)
  formation from the oxide over every pair found in both tables. Reactions that release the
  gas then carry the DFT table's consistent error, not the molecule's.

ΔH_f^exp(298) comes from a linear fit of the tabulated ΔG_f over 300–500 K (ΔG = ΔH − TΔS).
"""

from __future__ import annotations

import gzip
import json
import math
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np
from pymatgen.core import Composition

from interphase.constants import K_B_EV, KJ_PER_MOL_TO_EV
from interphase.errors import InvalidConditionError
from interphase.results import Result

T_REF_K = 298.15
T_MIN_K, T_MAX_K = 298.0, 2000.0

# Shomate coefficients A..H (J/mol/K, kJ/mol), NIST Chemistry WebBook (data from Chase,
# NIST-JANAF Thermochemical Tables, 1998): list of (T_low, T_high, coefficients).
_SHOMATE: dict[str, list[tuple[float, float, tuple[float, ...]]]] = {
    "O2": [
        (100, 700, (31.32234, -20.23531, 57.86644, -36.50624, -0.007374, -8.903471, 246.7945, 0.0)),
        (700, 2000, (30.03235, 8.772972, -3.988133, 0.788313, -0.741599, -11.32468, 236.1663, 0.0)),
    ],
    "N2": [
        (100, 500, (28.98641, 1.853978, -9.647459, 16.63537, 0.000117, -8.671914, 226.4168, 0.0)),
        (500, 2000, (19.50583, 19.88705, -8.598535, 1.369784, 0.527601, -4.935202, 212.39, 0.0)),
    ],
    "H2": [
        (
            298,
            1000,
            (33.066178, -11.363417, 11.432816, -2.772874, -0.158558, -9.980797, 172.707974, 0.0),
        ),
        (
            1000,
            2500,
            (18.563083, 12.257357, -2.859786, 0.268238, 1.97799, -1.147438, 156.288133, 0.0),
        ),
    ],
    "CO2": [
        (
            298,
            1200,
            (24.99735, 55.18696, -33.69137, 7.948387, -0.136638, -403.6075, 228.2431, -393.5224),
        ),
        (
            1200,
            6000,
            (58.16639, 2.720074, -0.492289, 0.038844, -6.447293, -425.9186, 263.6125, -393.5224),
        ),
    ],
    "H2O": [
        (
            500,
            1700,
            (30.092, 6.832514, 6.793435, -2.53448, 0.082139, -250.881, 223.3967, -241.8264),
        ),
    ],
}

H2O_GAS_DHF_EV = -241.826 * KJ_PER_MOL_TO_EV  # NIST-JANAF, 298.15 K

GASEOUS_ELEMENTS = {"O": "O2", "N": "N2", "H": "H2"}

# Pairs (gas-bearing compound, oxide, oxide units per compound unit) used to align the
# reference enthalpy of a gas with the DFT table.
_ALIGNMENT_PAIRS: dict[str, tuple[tuple[str, str, float, float], ...]] = {
    # compound, oxide, compound units, oxide units: oxide + gas -> compound
    "CO2": tuple(
        (f"{m}CO3", f"{m}O", 1, 1)
        for m in ("Li2", "Na2", "K2", "Mg", "Ca", "Sr", "Ba", "Mn", "Fe", "Zn", "Cd")
    ),
    "H2O": (
        ("LiOH", "Li2O", 2, 1),
        ("NaOH", "Na2O", 2, 1),
        ("KOH", "K2O", 2, 1),
        ("Mg(OH)2", "MgO", 1, 1),
        ("Ca(OH)2", "CaO", 1, 1),
        ("Sr(OH)2", "SrO", 1, 1),
        ("Ba(OH)2", "BaO", 1, 1),
    ),
}


def shomate_g_ev(gas: str, temperature_k: float) -> float:
    """[H(T) − H(298.15)] − T·S(T) of one gas molecule, eV (Shomate equation)."""
    ranges = _SHOMATE[gas]
    inside = [r for r in ranges if r[0] <= temperature_k <= r[1]]
    # outside every range: the nearest one (documented extrapolation)
    chosen = inside[0] if inside else (ranges[0] if temperature_k < ranges[0][0] else ranges[-1])
    a, b, c, d, e, f, _g, h = chosen[2]
    t = temperature_k / 1000
    dh = a * t + b * t**2 / 2 + c * t**3 / 3 + d * t**4 / 4 - e / t + f - h  # kJ/mol
    s = a * math.log(t) + b * t + c * t**2 / 2 + d * t**3 / 3 - e / (2 * t**2) + _g
    return (dh - temperature_k * s / 1000) * KJ_PER_MOL_TO_EV


@cache
def experimental_gibbs() -> dict[str, dict[int, float]]:
    """Experimental ΔG_f (eV per formula unit) by reduced formula and temperature (K):
    FREED first, NIST-JANAF where FREED lacks a compound."""
    out: dict[str, dict[int, float]] = {}
    for name in ("freed_gibbs_formation.json.gz", "nist_janaf_gibbs_formation.json.gz"):
        path = resources.files("interphase").joinpath("data", "experimental", name)
        with path.open("rb") as raw, gzip.open(raw, "rt") as fh:
            data = json.load(fh)
        for formula, table in data.items():
            try:
                comp = Composition(formula)
            except Exception:  # a few labels are not formulas
                continue
            red, factor = comp.get_reduced_composition_and_factor()
            key = red.reduced_formula
            if key in out:
                continue
            rows = {int(t): float(v) / factor for t, v in table.items()}
            out[key] = _continuous_part(rows, red.num_atoms)
    return out


# ΔG_f(T) is continuous, and a phase change only bends it; a rise of the slope by more than
# this (eV/atom per 100 K) between neighbouring rows is a switch to another species within one
# table (FREED's Li2O2 jumps by 1.6 eV/atom at 600 K): the table stops before it.
TABLE_JUMP_EV_PER_ATOM = 0.25


def _continuous_part(rows: dict[int, float], n_atoms: float) -> dict[int, float]:
    ts = sorted(rows)
    for i in range(2, len(ts)):
        s1 = (rows[ts[i]] - rows[ts[i - 1]]) / (ts[i] - ts[i - 1])
        s0 = (rows[ts[i - 1]] - rows[ts[i - 2]]) / (ts[i - 1] - ts[i - 2])
        if (s1 - s0) * 100 / n_atoms > TABLE_JUMP_EV_PER_ATOM:
            return {t: rows[t] for t in ts[:i]}
    return rows


@cache
def experimental_enthalpy_ev(formula: str) -> float | None:
    """ΔH_f(298) per reduced formula unit from a linear fit of ΔG_f over 300–500 K."""
    table = experimental_gibbs().get(formula)
    if not table:
        return None
    ts = [t for t in (300, 400, 500) if t in table]
    if len(ts) < 2:
        return None
    _slope, intercept = np.polyfit(ts, [table[t] for t in ts], 1)
    return float(intercept)


def experimental_thermal_ev(formula: str, temperature_k: float) -> float | None:
    """ΔG_f^exp(T) − ΔH_f^exp(298) per reduced formula unit, linear in T between table
    points; None when the compound has no data or T is outside the table."""
    table = experimental_gibbs().get(formula)
    h = experimental_enthalpy_ev(formula)
    if not table or h is None:
        return None
    ts = sorted(table)
    if temperature_k < ts[0] - 2 or temperature_k > ts[-1]:
        if temperature_k < ts[0] and temperature_k >= T_MIN_K:
            return float(np.interp(temperature_k, [0, ts[0]], [0.0, table[ts[0]] - h]))
        return None
    return float(np.interp(temperature_k, ts, [table[t] for t in ts])) - h


def thermal_correction_ev_per_atom(formula: str, temperature_k: float) -> float:
    """Add to a DFT formation energy (eV/atom) to get ΔG_f at T: the table's thermal part,
    else a Neumann–Kopp estimate (thermo.solid_thermal)."""
    from interphase.thermo.solid_thermal import thermal_correction_ev_per_atom as correction

    return correction(formula, temperature_k)


@cache
def _reduced(formula: str) -> tuple[str, float]:
    red = Composition(formula).reduced_composition
    return red.reduced_formula, float(red.num_atoms)


@dataclass(frozen=True)
class GasAlignment(Result):
    """A gas's reference enthalpy on the DFT scale (eV/molecule) and how it was fitted."""

    gas: str
    reference_enthalpy_ev: float
    rms_residual_ev: float
    pairs: tuple[str, ...]
    method: str


def align_gas(gas: str, db_energy_of, exclude: tuple[str, ...] = ()) -> GasAlignment:
    """Fit h_ref so that E_DFT(compound) − E_DFT(oxide) − h_ref matches the experimental
    ΔH of oxide + gas → compound, averaged over every pair in both tables."""
    if gas == "O2":
        return GasAlignment("O2", 0.0, 0.0, (), "the DFT table's fitted O2 reference")
    # H2O: gas-phase ΔH_f from NIST-JANAF (FREED's 300 K row is the liquid)
    h_gas = H2O_GAS_DHF_EV if gas == "H2O" else experimental_enthalpy_ev(gas)
    values, used = [], []
    for comp, oxide, nc, no in _ALIGNMENT_PAIRS[gas]:
        c_red, o_red = _reduced(comp)[0], _reduced(oxide)[0]
        if c_red in exclude:
            continue
        ec, eo = db_energy_of(c_red), db_energy_of(o_red)
        hc, ho = experimental_enthalpy_ev(c_red), experimental_enthalpy_ev(o_red)
        if None in (ec, eo, hc, ho):
            continue
        nat_c, nat_o = _reduced(c_red)[1], _reduced(o_red)[1]
        dft = nc * ec * nat_c - no * eo * nat_o  # eV per reaction
        dh_exp = nc * hc - no * ho - h_gas
        values.append(dft - dh_exp)
        used.append(f"{o_red}->{c_red}")
    if not values:
        raise InvalidConditionError(f"no data to align the {gas} reference with this database")
    h = float(np.mean(values))
    rms = float(np.sqrt(np.mean((np.array(values) - h) ** 2)))
    return GasAlignment(
        gas,
        h,
        rms,
        tuple(used),
        f"mean over {len(values)} oxide + {gas} pairs of E_DFT difference − experimental ΔH",
    )


def gas_mu_ev(
    gas: str, temperature_k: float, pressure_bar: float, reference_enthalpy_ev: float
) -> float:
    """Chemical potential of one gas molecule on the formation-free-energy scale at T."""
    if pressure_bar <= 0:
        raise InvalidConditionError(f"partial pressure of {gas} must be > 0 bar")
    if gas == "O2":
        thermal = 0.0  # O2 at 1 bar and T is the reference state itself
    elif gas == "H2O":
        thermal = _h2o_thermal(temperature_k)
    else:
        thermal = experimental_thermal_ev(gas, temperature_k)
        if thermal is None:
            raise InvalidConditionError(f"no thermochemistry for {gas} at {temperature_k} K")
    return reference_enthalpy_ev + thermal + K_B_EV * temperature_k * math.log(pressure_bar)


def _h2o_thermal(temperature_k: float) -> float:
    """ΔG_f(H2O, gas, T) − ΔH_f(298) from Shomate fits of H2O, H2 and O2 (the H2O fit
    starts at 500 K; below, it is extrapolated: it gives S(298) = 188.83 J/mol/K against
    the tabulated 188.84)."""
    t = max(temperature_k, T_REF_K)
    # ΔG_f(T) − ΔH_f(298) = g_H2O − g_H2 − ½ g_O2 (each [H(T) − H(298)] − T S)
    return shomate_g_ev("H2O", t) - shomate_g_ev("H2", t) - 0.5 * shomate_g_ev("O2", t)
