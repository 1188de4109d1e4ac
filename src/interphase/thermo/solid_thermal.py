"""Thermal part of solid formation free energies, ΔG_f(T) − ΔH_f(298), per atom.

- A compound with experimental Gibbs data at T (FREED, else NIST-JANAF) takes the table's.
- Any other solid takes a Neumann–Kopp estimate: the thermal parts of the tabulated condensed
  compounds (and elements) it is made of, weighted by the lowest-enthalpy combination of them
  with its composition (experimental ΔH_f(298); a linear programme). A reaction among
  condensed phases then has ~zero entropy, the Neumann–Kopp rule for mixed compounds (Leitner
  et al., Thermochim. Acta 497, 7 (2010)). An element with no tabulated compound in the
  system enters as itself: 0 for a solid, −½ g_X2(T) per atom for O, N, H (gas lost on
  forming a solid). Without this, a tabulated product (La2O3, Li2O) gained its solid entropy
  terms while an untabulated reactant (LLZO) did not, a bias of about −25 meV/atom at 973 K
  that made LLZO decompose by itself at its sintering temperature.
- Gas-phase species in the tables (AlCl, SO2 ...) are not references: a species whose
  entropy of formation exceeds that of a solid by more than `GAS_ENTROPY_MARGIN_J_PER_K`
  per formula unit is a gas.

`NK_SD_EV_PER_ATOM`: leave-one-out scatter (robust standard deviation, 1.4826 × median
absolute deviation) of the estimate over the tabulated condensed compounds of three or more
elements (benchmarks/bench_thermal.py measures it; tests/thermo/test_solid_thermal.py
recomputes it); it is the thermal uncertainty of an estimated phase. The estimate is biased
where the references miss a molecular anion's low entropy (carbonates, hydroxides): such a
compound releases its gas a few hundred K too early (docs/chemical-contact.md).
"""

from __future__ import annotations

from functools import cache

import numpy as np
from pymatgen.core import Composition
from scipy.optimize import linprog

from interphase.constants import KJ_PER_MOL_TO_EV
from interphase.thermo.gases import (
    GASEOUS_ELEMENTS,
    experimental_enthalpy_ev,
    experimental_gibbs,
    experimental_thermal_ev,
    shomate_g_ev,
)

# Standard entropies of the gaseous elements' molecules, J/mol/K at 298.15 K (NIST-JANAF,
# Chase 1998): the part of a solid's entropy of formation that the gas takes away.
S298_GAS_J_PER_K = {"O": 205.15, "N": 191.61, "H": 130.68, "F": 202.79, "Cl": 223.08}
GAS_ENTROPY_MARGIN_J_PER_K = 80.0  # solids: |S − Σ S(solid elements)| < ~40; gases: > 100
# Leave-one-out robust standard deviation of the Neumann–Kopp estimate, eV/atom, by
# temperature (K), multinary compounds of the shipped tables (benchmarks/bench_thermal.py).
NK_SD_EV_PER_ATOM: dict[float, float] = {
    298.15: 0.0,
    500.0: 0.0145,
    750.0: 0.0203,
    1000.0: 0.0283,
    1250.0: 0.0338,
    1500.0: 0.0438,
    2000.0: 0.1573,
}


def nk_uncertainty_ev_per_atom(temperature_k: float) -> float:
    """Standard deviation of an estimated phase's thermal part at T, eV/atom."""
    ts = sorted(NK_SD_EV_PER_ATOM)
    return float(np.interp(temperature_k, ts, [NK_SD_EV_PER_ATOM[t] for t in ts]))


@cache
def _reduced(formula: str) -> tuple[str, dict[str, float], float]:
    red = Composition(formula).reduced_composition
    return red.reduced_formula, {e.symbol: float(x) for e, x in red.items()}, float(red.num_atoms)


@cache
def _references() -> tuple[tuple[str, frozenset[str], dict[str, float], float], ...]:
    """Condensed tabulated compounds: (formula, elements, atom fractions, ΔH_f per atom)."""
    out = []
    for formula, table in experimental_gibbs().items():
        red, amounts, n = _reduced(formula)
        if len(amounts) < 2:
            continue  # elements are references by construction
        h = experimental_enthalpy_ev(red)
        ts = [t for t in (300, 400, 500) if t in table]
        if h is None or len(ts) < 2:
            continue
        slope = np.polyfit(ts, [table[t] for t in ts], 1)[0]  # −ΔS_f, eV/K per formula unit
        ds_f = -slope / KJ_PER_MOL_TO_EV * 1000  # J/mol/K
        gas_part = sum(
            amounts.get(e, 0.0) / 2 * s for e, s in S298_GAS_J_PER_K.items() if e in amounts
        )
        if ds_f + gas_part > GAS_ENTROPY_MARGIN_J_PER_K:
            continue  # a gas-phase species
        out.append((red, frozenset(amounts), {e: x / n for e, x in amounts.items()}, h / n))
    return tuple(out)


def is_tabulated(formula: str, temperature_k: float) -> bool:
    """True when the tables give this compound's thermal part at T."""
    red = _reduced(formula)[0]
    return experimental_thermal_ev(red, temperature_k) is not None


def element_thermal_ev_per_atom(element: str, temperature_k: float) -> float:
    """Free energy an atom of the element loses on entering a solid, eV: 0 for a solid
    element, −½ g_X2(T) for a gaseous one. F2 and Cl2 have no Shomate fit here: they take
    O2's g(T) shifted by their standard-entropy difference (diatomics share Cp within
    ~5 J/mol/K: about 12 meV per Cl atom at 1000 K)."""
    gas = GASEOUS_ELEMENTS.get(element)
    if gas:
        return -0.5 * shomate_g_ev(gas, temperature_k)
    if element in ("F", "Cl"):
        ds = (S298_GAS_J_PER_K[element] - S298_GAS_J_PER_K["O"]) * KJ_PER_MOL_TO_EV / 1000
        return -0.5 * (shomate_g_ev("O2", temperature_k) - ds * (temperature_k - 298.15))
    return 0.0


def _available(elements: frozenset[str], temperature_k: float, exclude: str | None) -> tuple:
    return tuple(
        i
        for i, (f, els, _, _) in enumerate(_references())
        if els <= elements
        and f != exclude
        and experimental_thermal_ev(f, temperature_k) is not None
    )


@cache
def _weights(formula: str, available: tuple[int, ...]) -> tuple[dict[int, float], dict[str, float]]:
    """Lowest-enthalpy combination of references (and elements) with this composition:
    reference index → atom fraction, element → atom fraction."""
    _, amounts, n = _reduced(formula)
    elements = sorted(amounts)
    refs = _references()
    cols = [refs[i][2] for i in available]
    a_eq = np.array(
        [
            [c.get(e, 0.0) for c in cols] + [1.0 if e == el else 0.0 for el in elements]
            for e in elements
        ]
    )
    b_eq = np.array([amounts[e] / n for e in elements])
    cost = np.array([refs[i][3] for i in available] + [0.0] * len(elements))
    sol = linprog(cost, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs")
    w = sol.x if sol.success else np.concatenate([np.zeros(len(available)), b_eq])
    ref_w = {i: float(x) for i, x in zip(available, w[: len(available)], strict=True) if x > 1e-9}
    el_w = {e: float(x) for e, x in zip(elements, w[len(available) :], strict=True) if x > 1e-9}
    return ref_w, el_w


def neumann_kopp_ev_per_atom(
    formula: str, temperature_k: float, exclude_self: bool = False
) -> float:
    """Neumann–Kopp estimate of the thermal part per atom (see the module text);
    `exclude_self` leaves the compound's own table out (the leave-one-out check)."""
    red, amounts, _ = _reduced(formula)
    available = _available(frozenset(amounts), temperature_k, red if exclude_self else None)
    ref_w, el_w = _weights(red, available)
    refs = _references()
    total = 0.0
    for i, w in ref_w.items():
        f = refs[i][0]
        total += w * experimental_thermal_ev(f, temperature_k) / _reduced(f)[2]
    for e, w in el_w.items():
        total += w * element_thermal_ev_per_atom(e, temperature_k)
    return float(total)


def gas_only_ev_per_atom(formula: str, temperature_k: float) -> float:
    """The cruder estimate kept for comparison: only the gaseous elements' free energy."""
    _, amounts, n = _reduced(formula)
    return sum(w * element_thermal_ev_per_atom(e, temperature_k) for e, w in amounts.items()) / n


def thermal_correction_ev_per_atom(formula: str, temperature_k: float) -> float:
    """Add to a DFT formation energy (eV/atom) to get ΔG_f at T (see the module text)."""
    red, _, n = _reduced(formula)
    exp = experimental_thermal_ev(red, temperature_k)
    if exp is not None:
        return exp / n
    return neumann_kopp_ev_per_atom(red, temperature_k)
