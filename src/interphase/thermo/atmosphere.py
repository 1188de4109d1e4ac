"""Reactions with an atmosphere: the carbonate driving force at an interface as a map over
temperature and CO2 pressure, and gas-release temperatures checked against experiment."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
from pymatgen.core import Composition, Element

from interphase.constants import K_B_EV
from interphase.errors import InvalidConditionError
from interphase.materials import get_material
from interphase.results import Result
from interphase.thermo.conditions import Conditions
from interphase.thermo.database import Database, get_database
from interphase.thermo.gases import (
    align_gas,
    experimental_gibbs,
    gas_mu_ev,
    thermal_correction_ev_per_atom,
)
from interphase.thermo.systems import elements_of, system_hull, vector


@dataclass(frozen=True)
class CarbonateMap(Result):
    """Driving force for carbonate formation (eV per atom of the metal-oxide mixture, ≤ 0):
    the most the A–B interface region lowers its grand potential by taking up CO2 from the
    atmosphere, min over mixing ratio of Φ(with CO2) − Φ(same O2, no CO2)."""

    reactants: tuple[str, str]
    database: str
    po2_bar: float
    temperatures_k: tuple[float, ...]
    pco2_bar: tuple[float, ...]
    driving_force_ev_per_atom: tuple[tuple[float, ...], ...]  # [temperature][pressure]
    carbonates: tuple[tuple[tuple[str, ...], ...], ...]  # C-bearing products at the min
    citations: tuple[str, ...] = field(default=())


def carbonate_driving_force(
    a: str,
    b: str,
    temperature_k: float,
    pco2_bar: float,
    po2_bar: float = 0.21,
    db: Database | None = None,
) -> tuple[float, tuple[str, ...]]:
    """Driving force (eV/atom, ≤ 0) and the C-bearing products where it is largest."""
    db = db or get_database("mp")
    ca, cb = get_material(a).composition, get_material(b).composition
    if Element("C") in (ca + cb):
        raise InvalidConditionError("reactants contain carbon: the carbonate map needs C-free ones")
    with_co2 = Conditions(gases_bar={"O2": po2_bar, "CO2": pco2_bar}, temperature_k=temperature_k)
    without = Conditions(gases_bar={"O2": po2_bar}, temperature_k=temperature_k)
    els = elements_of(ca, cb)
    h1 = system_hull(db, els, with_co2.chemical_potentials(db), temperature_k)
    h0 = system_hull(db, els, without.chemical_potentials(db), temperature_k)
    va, vb = vector(h0, ca), vector(h0, cb)
    ts = sorted({t for t, _ in h1.segment(vb, va)} | {t for t, _ in h0.segment(vb, va)})
    best, products = 0.0, ()
    for t in ts:
        v = (1 - t) * vb + t * va
        p1 = h1.point(v)
        d = p1.energy_ev_per_atom - h0.energy(v)
        if d < best - 1e-9:
            best = d
            products = tuple(
                sorted(
                    h1.formulas[i] for i in p1.phases if Element("C") in Composition(h1.formulas[i])
                )
            )
    return best, products


def carbonate_map(
    a: str,
    b: str,
    temperatures_k: list[float],
    pco2_bar: list[float],
    po2_bar: float = 0.21,
    db: Database | None = None,
) -> CarbonateMap:
    db = db or get_database("mp")
    rows, prods = [], []
    for t in temperatures_k:
        row, prow = [], []
        for p in pco2_bar:
            d, c = carbonate_driving_force(a, b, t, p, po2_bar, db)
            row.append(d)
            prow.append(c)
        rows.append(tuple(row))
        prods.append(tuple(prow))
    return CarbonateMap(
        reactants=(get_material(a).name, get_material(b).name),
        database=db.key,
        po2_bar=po2_bar,
        temperatures_k=tuple(float(t) for t in temperatures_k),
        pco2_bar=tuple(float(p) for p in pco2_bar),
        driving_force_ev_per_atom=tuple(rows),
        carbonates=tuple(prods),
        citations=(*db.info.citations, "janaf1998", "freed2019", "vardar2018"),
    )


@dataclass(frozen=True)
class GasReleaseTemperature(Result):
    """Temperature at which compound → solid + gas is at equilibrium at a gas pressure."""

    reaction: str
    pressure_bar: float
    model_k: float | None  # DFT table + aligned gas; None if not reached in 300–2000 K
    experimental_k: float | None  # from the NIST-JANAF/FREED tables (extrapolated if needed)
    deviation_k: float | None
    gas_reference_ev: float
    note: str


def gas_release_temperature(
    compound: str,
    solid: str,
    gas: str = "CO2",
    pressure_bar: float = 1.0,
    db: Database | None = None,
    exclude_from_alignment: tuple[str, ...] = (),
    compound_thermal: str = "table",
) -> GasReleaseTemperature:
    """E.g. Li2CO3 → Li2O + CO2, Li2O2 → Li2O + ½ O2: model vs experimental equilibrium
    temperature. `compound_thermal` sets the gas-bearing compound's thermal part: "table"
    (its own data, as the engine uses it), "neumann-kopp" (the estimate an untabulated
    compound gets, its own table left out) or "gas-only" (gaseous elements only): the last
    two measure the bias of the estimates on compounds whose answer is known."""
    from interphase.thermo.solid_thermal import gas_only_ev_per_atom, neumann_kopp_ev_per_atom

    db = db or get_database("mp")
    cc, cs, cg = Composition(compound), Composition(solid), Composition(gas)
    diff = cc - cs
    n_gas = diff.num_atoms / cg.num_atoms
    if not diff.almost_equals(cg * n_gas):
        raise InvalidConditionError(f"{compound} is not {solid} + n {gas}")
    ec, es = db.energy_of(compound), db.energy_of(solid)
    if ec is None or es is None:
        raise InvalidConditionError(f"{compound} or {solid} is not in database {db.key}")
    align = align_gas(gas, db.energy_of, exclude=exclude_from_alignment)
    estimate = {
        "table": thermal_correction_ev_per_atom,
        "neumann-kopp": lambda f, t: neumann_kopp_ev_per_atom(f, t, exclude_self=True),
        "gas-only": gas_only_ev_per_atom,
    }.get(compound_thermal)
    if estimate is None:
        raise InvalidConditionError("compound_thermal: use table, neumann-kopp or gas-only")

    def model(t: float) -> float:
        g_c = (ec + estimate(compound, t)) * cc.num_atoms
        g_s = (es + thermal_correction_ev_per_atom(solid, t)) * cs.num_atoms
        return g_s + n_gas * gas_mu_ev(gas, t, pressure_bar, align.reference_enthalpy_ev) - g_c

    exp = experimental_gibbs()
    rc, rs, rg = (Composition(x).reduced_formula for x in (compound, solid, gas))
    gas_rows = exp.get(rg, {}) if rg != "O2" else {t: 0.0 for t in exp.get(rc, {})}
    exp = {**exp, rg: gas_rows}
    ts_exp = sorted(set(exp.get(rc, {})) & set(exp.get(rs, {})) & set(gas_rows))

    def experiment(t: int) -> float:
        return (
            exp[rs][t] * _fu(solid)
            + n_gas * exp[rg][t] * _fu(gas)
            - exp[rc][t] * _fu(compound)
            + n_gas * K_B_EV * t * math.log(pressure_bar)
        )

    grid = np.arange(300.0, 2000.0 + 1e-9, 10.0)
    model_k = _root([model(t) for t in grid], grid)
    exp_k = None
    note = f"compound's thermal part: {compound_thermal}; Shomate gas data; aligned reference"
    if ts_exp:
        vals = [experiment(t) for t in ts_exp]
        exp_k = _root(vals, np.array(ts_exp, float), extrapolate=True)
        if exp_k is not None and exp_k > ts_exp[-1]:
            note += f"; experimental value extrapolated beyond {ts_exp[-1]} K"
    return GasReleaseTemperature(
        reaction=f"{rc} -> {rs} + {rg}",
        pressure_bar=pressure_bar,
        model_k=model_k,
        experimental_k=exp_k,
        deviation_k=None if (model_k is None or exp_k is None) else model_k - exp_k,
        gas_reference_ev=align.reference_enthalpy_ev,
        note=note,
    )


def _fu(formula: str) -> float:
    """Reduced formula units per formula (tables are per reduced formula)."""
    return Composition(formula).get_reduced_composition_and_factor()[1]


def _root(values: list[float], ts: np.ndarray, extrapolate: bool = False) -> float | None:
    """First T where a decreasing ΔG(T) crosses zero, linear between points."""
    for i in range(1, len(values)):
        if values[i - 1] > 0 >= values[i]:
            f = values[i - 1] / (values[i - 1] - values[i])
            return float(ts[i - 1] + f * (ts[i] - ts[i - 1]))
    if extrapolate and len(values) >= 2 and values[-1] > 0 and values[-1] < values[-2]:
        slope = (values[-1] - values[-2]) / (ts[-1] - ts[-2])
        return float(ts[-1] - values[-1] / slope)
    return None
