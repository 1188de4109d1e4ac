"""Growth of the interphase between Li metal and a solid electrolyte over time, and the
area-specific resistance it adds.

Wagner's theory of tarnishing (C. Wagner, Z. Phys. Chem. B 21, 25 (1933)): Li+ and electrons
cross the interphase to its front with the electrolyte, driven by the Li chemical-potential
difference between Li metal (0) and the front, where the interphase is in equilibrium with the
electrolyte at its reduction potential V_red (thermo.window): delta mu_Li = e V_red. Both
carriers move through the same layer, so the ambipolar conductivity
sigma_amb = sigma_Li sigma_e / (sigma_Li + sigma_e) (the slower carrier limits) sets a parabolic
law

    dL/dt = k / L,   k = sigma_amb V_red v_Li / F   (cm^2/s),   L(t)^2 = L0^2 + 2 k t,

with v_Li the volume of interphase formed per mole of Li (cm^3/mol), from the electrode-side
products of the reaction (their atom fractions at the kink next to Li and their per-atom
volumes). The layer's ASR is R(t) = L(t) / sigma_Li. A mixed conductor (sigma_e >~ sigma_Li)
grows as sqrt(t) limited by the ions; an electron-blocking layer's k is smaller by
sigma_e/sigma_Li, so it stays at L0: self-limiting. The conductivities come from
evolution.conductivity (sourced, user-given, or labelled estimates) and their bands give the
bands of k, L and R. L0 is the layer formed before transport limits it (electron tunnelling
through the first nanometres); it is not predicted and defaults to 0 (give it with
`initial_thickness_nm`).

The layer is taken as columnar: each product phase spans it (as the verdict assumes when it
calls any electron-conducting product a path for electrons), so the central conductivities
are the volume-weighted parallel (Wiener upper) bounds; the lower edge of each band puts the
phases in series. The regime is "none" when the verdict finds no reaction beyond the kinetic
threshold, "parabolic" when the layer grows by more than GROWTH_VISIBLE_NM within a year at
the central value, "self-limiting" otherwise, and "not computed" when no Li+ conductivity of
any phase is known.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from interphase.constants import FARADAY_C_MOL
from interphase.errors import InvalidConditionError
from interphase.evolution.conductivity import (
    Estimate,
    electronic_conductivity,
    li_conductivity,
    per_atom_volume_cm3,
    wiener_bounds,
)
from interphase.materials.parameters import Parameters
from interphase.results import Result

YEAR_S = 365.25 * 24 * 3600.0
GROWTH_VISIBLE_NM = 1.0
DEFAULT_TIMES_S = tuple(3600.0 * h for h in (1, 10, 100, 1000, 10000))


@dataclass(frozen=True)
class InterphasePhase(Result):
    formula: str
    volume_fraction: float
    per_atom_volume_cm3_mol: float
    volume_source: str
    li: Estimate
    electronic: Estimate


@dataclass(frozen=True)
class GrowthResult(Result):
    """Interphase thickness (nm) and ASR (ohm cm^2) at each time (s); `*_band` are (low, high)
    from the conductivity bands. `missing` names what could not be evaluated."""

    electrolyte: str
    regime: str  # none | parabolic | self-limiting
    verdict: str
    reduction_v: float | None
    li_per_volume_cm3_mol: float | None
    phases: tuple[InterphasePhase, ...]
    li_conductivity_s_cm: float | None
    li_conductivity_band: tuple[float, float] | None
    electronic_conductivity_s_cm: float | None
    electronic_conductivity_band: tuple[float, float] | None
    ambipolar_s_cm: float | None
    rate_constant_cm2_s: float | None
    rate_constant_band: tuple[float, float] | None
    initial_thickness_nm: float
    temperature_k: float
    times_s: tuple[float, ...]
    thickness_nm: tuple[float, ...]
    thickness_band_nm: tuple[tuple[float, float], ...]
    asr_ohm_cm2: tuple[float | None, ...]
    asr_band_ohm_cm2: tuple[tuple[float, float] | None, ...]
    missing: tuple[str, ...]
    notes: tuple[str, ...]
    citations: tuple[str, ...] = ("wagner1933", "zhu2015")


@dataclass(frozen=True)
class LayerTransport(Result):
    """Li+ and electronic conductivity (S/cm) of an interphase made of `phases`, taken as
    columnar (see the module text): central values the parallel bounds, bands from the
    phases' bands (series at the low edge). None where a value is missing (`missing` says
    which and how to give it)."""

    phases: tuple[InterphasePhase, ...]
    volume_cm3: float  # cm^3 of layer per mole of the atom fractions as given
    li_mol: float  # mol Li the layer holds per mole of the atom fractions as given
    li_s_cm: float | None
    li_band: tuple[float, float] | None
    electronic_s_cm: float | None
    electronic_band: tuple[float, float] | None
    missing: tuple[str, ...]
    notes: tuple[str, ...]


def layer_transport(
    atom_fractions: Mapping[str, float],
    params: Parameters | None = None,
    temperature_k: float = 298.15,
) -> LayerTransport:
    """Transport through a layer of phases with the given atom fractions (any normalisation);
    conductivities from evolution.conductivity (sourced, user-given, or labelled estimates),
    Li+ conductivities moved to `temperature_k` where an activation energy is known."""
    from pymatgen.core import Composition

    params = params or Parameters()
    vols, rows, li_mol = [], [], 0.0
    for p, f in atom_fractions.items():
        vpa, how = per_atom_volume_cm3(p)
        vols.append(f * vpa)
        rows.append((p, vpa, how))
        c = Composition(p)
        li_mol += f * c.get("Li", 0.0) / c.num_atoms
    v_total = sum(vols)
    phi = [vv / v_total for vv in vols]
    items: list[InterphasePhase] = []
    for (p, vpa, how), ph in zip(rows, phi, strict=True):
        li = li_conductivity(p, params, temperature_k)
        if li.value is None and "Li" not in p:
            li = Estimate(0.0, 0.0, 0.0, "", "contains no Li: carries no Li+")
        items.append(
            InterphasePhase(p, ph, vpa, how, li, electronic_conductivity(p, temperature_k, params))
        )
    notes: list[str] = []
    missing: list[str] = []
    base = dict(
        phases=tuple(items),
        volume_cm3=v_total,
        li_mol=li_mol,
    )
    unknown_li = [i.formula for i in items if i.li.value is None]
    known_li = [i.li.value for i in items if i.li.value]
    holders = [i.formula for i in items if "Li" in i.formula]
    if not known_li and holders:
        missing.append(
            "no Li+ conductivity known for the interphase phases "
            + ", ".join(holders)
            + ": give one with --param PHASE.li_conductivity_s_cm=VALUE"
        )
    elif not known_li:
        missing.append(
            "the interphase ("
            + ", ".join(i.formula for i in items)
            + ") holds no Li: a dense layer blocks Li+; where it conducts (amorphous, porous) "
            "give --param PHASE.li_conductivity_s_cm=VALUE"
        )
    unknown_e = [i.formula for i in items if i.electronic.value is None]
    if unknown_e:
        missing.append(
            "no electronic conductivity or band gap for "
            + ", ".join(unknown_e)
            + ": give --param PHASE.electronic_conductivity_s_cm=VALUE"
        )
    if missing:
        return LayerTransport(
            **base,
            li_s_cm=None,
            li_band=None,
            electronic_s_cm=None,
            electronic_band=None,
            missing=tuple(missing),
            notes=(),
        )
    if unknown_li:
        notes.append(
            "Li+ conductivity unknown for " + ", ".join(unknown_li) + ": 0 in the central "
            "value (a lower estimate), the best known phase's in the upper band (give it with "
            "--param PHASE.li_conductivity_s_cm=VALUE)"
        )
    cold = [i.formula for i in items if i.li.uncorrected_temperature]
    if cold:
        notes.append(
            f"Li+ conductivities of {', '.join(cold)} are room-temperature values, not corrected "
            f"to {temperature_k:g} K (no activation energy: give --param "
            "PHASE.li_activation_energy_ev=VALUE)"
        )
    if any(i.electronic.source == "estimate" for i in items):
        notes.append(
            "electronic conductivities of "
            + ", ".join(i.formula for i in items if i.electronic.source == "estimate")
            + " are estimates from the PBE band gap or metallic character (see "
            "evolution.conductivity); give measured ones with --param "
            "PHASE.electronic_conductivity_s_cm=VALUE"
        )
    best = max(known_li)
    li_mid = [0.0 if i.li.value is None else i.li.value for i in items]
    li_low = [0.0 if i.li.value is None else i.li.low for i in items]
    li_high = [best if i.li.value is None else i.li.high for i in items]
    # columnar layer (each phase spans it, as the verdict assumes for electron conductors):
    # the parallel bound is the central value, phases in series the lower band edge
    return LayerTransport(
        **base,
        li_s_cm=wiener_bounds(phi, li_mid)[1],
        li_band=(wiener_bounds(phi, li_low)[0], wiener_bounds(phi, li_high)[1]),
        electronic_s_cm=wiener_bounds(phi, [i.electronic.value for i in items])[1],
        electronic_band=(
            wiener_bounds(phi, [i.electronic.low for i in items])[0],
            wiener_bounds(phi, [i.electronic.high for i in items])[1],
        ),
        missing=(),
        notes=tuple(notes),
    )


def ambipolar(sigma_li: float, sigma_e: float) -> float:
    """sigma_Li sigma_e / (sigma_Li + sigma_e): the slower carrier limits (0 if either is)."""
    if sigma_li <= 0 or sigma_e <= 0:
        return 0.0
    return sigma_li * sigma_e / (sigma_li + sigma_e)


def rate_constant_cm2_s(sigma_amb_s_cm: float, reduction_v: float, v_li_cm3_mol: float) -> float:
    """Wagner's parabolic constant k = sigma_amb V_red v_Li / F in cm^2/s (L^2 = L0^2 + 2 k t)."""
    return sigma_amb_s_cm * reduction_v * v_li_cm3_mol / FARADAY_C_MOL


def thickness_nm(k_cm2_s: float, times_s: Sequence[float], initial_nm: float = 0.0) -> list[float]:
    l0 = initial_nm * 1e-7
    return [math.sqrt(l0 * l0 + 2.0 * k_cm2_s * t) * 1e7 for t in times_s]


def _check(times_s: Sequence[float], initial_nm: float, temperature_k: float) -> tuple[float, ...]:
    ts = tuple(float(t) for t in times_s)
    if not ts or any(not (math.isfinite(t) and 0 <= t <= 100 * YEAR_S) for t in ts):
        raise InvalidConditionError("times must be finite, >= 0 s and at most 100 years")
    if not (math.isfinite(initial_nm) and 0 <= initial_nm <= 1e4):
        raise InvalidConditionError("the initial thickness must be within 0..10000 nm")
    if not (math.isfinite(temperature_k) and 0 < temperature_k < 453.65):
        raise InvalidConditionError(
            f"temperature {temperature_k:g} K: Li metal is solid below 453.65 K; give 0 < T < "
            "453.65 K"
        )
    return ts


def li_interphase_growth(
    electrolyte: str,
    times_s: Sequence[float] = DEFAULT_TIMES_S,
    temperature_k: float = 298.15,
    params: Parameters | None = None,
    initial_thickness_nm: float = 0.0,
    database: str = "mp",
    reaction=None,
    window=None,
) -> GrowthResult:
    """Thickness and ASR of the interphase of Li metal | `electrolyte` over `times_s`."""
    from interphase.thermo.analysis import react
    from interphase.thermo.database import get_database
    from interphase.thermo.window import stability_window

    ts = _check(times_s, initial_thickness_nm, temperature_k)
    params = params or Parameters()
    db = get_database(database)
    # a caller that has them already (stack.analyze) passes the closed Li | X reaction and X's
    # window, so they are not computed twice
    r = reaction if reaction is not None else react("Li", electrolyte, db=db)
    v = r.verdict
    w = window if window is not None else stability_window(electrolyte, db)
    li_side = 0 if r.formulas[0] == "Li" else 1  # A is at x = 1 of the mixing line
    notes: list[str] = []
    missing: list[str] = []
    flat = tuple(initial_thickness_nm for _ in ts)

    def result(regime: str, **kw) -> GrowthResult:
        base = dict(
            electrolyte=r.reactants[1 - li_side],
            regime=regime,
            verdict=v.kind,
            reduction_v=w.reduction_v,
            li_per_volume_cm3_mol=None,
            phases=(),
            li_conductivity_s_cm=None,
            li_conductivity_band=None,
            electronic_conductivity_s_cm=None,
            electronic_conductivity_band=None,
            ambipolar_s_cm=None,
            rate_constant_cm2_s=None,
            rate_constant_band=None,
            initial_thickness_nm=initial_thickness_nm,
            temperature_k=temperature_k,
            times_s=ts,
            thickness_nm=flat,
            thickness_band_nm=tuple((t, t) for t in flat),
            asr_ohm_cm2=tuple(None for _ in ts),
            asr_band_ohm_cm2=tuple(None for _ in ts),
            missing=tuple(missing),
            notes=tuple(notes),
        )
        base.update(kw)
        return GrowthResult(**base)

    if v.kind in ("stable", "kinetically_stabilized") or w.reduction_v is None:
        notes.append(
            f"no reaction with Li beyond the kinetic threshold ({v.kind}, "
            f"{v.driving_force_ev_per_atom * 1000:.1f} meV/atom): nothing grows"
        )
        return result("none")

    # the interphase next to Li: the kink next to the Li end of the mixing line
    near = r.kinks[-2] if li_side == 0 else r.kinks[1]
    x_li = near.x if li_side == 0 else 1.0 - near.x
    fr = {p: f for p, f in near.product_fractions.items() if p != "Li"}
    lt_ = layer_transport(fr, params, temperature_k)
    v_li = lt_.volume_cm3 / x_li  # cm^3 of interphase per mol Li consumed
    notes += list(lt_.notes)
    missing += list(lt_.missing)
    if lt_.li_s_cm is None or lt_.electronic_s_cm is None:
        return result("not computed", phases=lt_.phases, li_per_volume_cm3_mol=v_li)
    items = lt_.phases
    s_li, s_e = lt_.li_s_cm, lt_.electronic_s_cm
    s_li_band, s_e_band = lt_.li_band, lt_.electronic_band
    amb = ambipolar(s_li, s_e)
    k = rate_constant_cm2_s(amb, w.reduction_v, v_li)
    k_band = (
        rate_constant_cm2_s(ambipolar(s_li_band[0], s_e_band[0]), w.reduction_v, v_li),
        rate_constant_cm2_s(ambipolar(s_li_band[1], s_e_band[1]), w.reduction_v, v_li),
    )
    lt = tuple(thickness_nm(k, ts, initial_thickness_nm))
    asr = tuple(L * 1e-7 / s_li for L in lt)
    lo, hi = (thickness_nm(kb, ts, initial_thickness_nm) for kb in k_band)
    asr_band = tuple(
        (a * 1e-7 / s_li_band[1], b * 1e-7 / s_li_band[0]) if s_li_band[0] > 0 else None
        for a, b in zip(lo, hi, strict=True)
    )

    def grown(kk: float) -> float:
        return thickness_nm(kk, [YEAR_S], initial_thickness_nm)[0] - initial_thickness_nm

    regime = "parabolic" if grown(k) > GROWTH_VISIBLE_NM else "self-limiting"
    if (grown(k_band[0]) > GROWTH_VISIBLE_NM) != (grown(k_band[1]) > GROWTH_VISIBLE_NM):
        notes.append(
            "the conductivity band allows both a self-limiting and a growing layer: measured "
            "conductivities of the phases decide"
        )
    return result(
        regime,
        li_per_volume_cm3_mol=v_li,
        phases=tuple(items),
        li_conductivity_s_cm=s_li,
        li_conductivity_band=s_li_band,
        electronic_conductivity_s_cm=s_e,
        electronic_conductivity_band=s_e_band,
        ambipolar_s_cm=amb,
        rate_constant_cm2_s=k,
        rate_constant_band=k_band,
        thickness_nm=lt,
        thickness_band_nm=tuple(zip(lo, hi, strict=True)),
        asr_ohm_cm2=asr,
        asr_band_ohm_cm2=asr_band,
    )


__all__ = [
    "GrowthResult",
    "InterphasePhase",
    "LayerTransport",
    "ambipolar",
    "layer_transport",
    "li_interphase_growth",
    "rate_constant_cm2_s",
    "thickness_nm",
]
