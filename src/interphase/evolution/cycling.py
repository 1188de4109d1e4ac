"""Interfacial resistance and capacity of a cell stack over charge-discharge cycles.

`evolve_stack(spec, cycles, c_rate)` carries the stack layer's chemical and physical results
(stack.chemical, stack.physical; they call thermo/ and contact/) to the cell, cycle by cycle.
The area-specific resistance (ASR, ohm cm^2 of cell area) of every interface is a sum of
contributions, each from one model with its parameters:

- **interphase**: a layer grows where an electron-conducting electrode drives the layer it
  touches beyond its stability window. Wagner's law (evolution.growth) with a time-varying
  driving force integrates to L(n)^2 = L0^2 + 2 k_V Phi n: k_V = sigma_amb v_Li / F is the rate
  per volt, Phi the volt-seconds beyond the window in one cycle. At the anode Phi = (V_red -
  V_anode) t_cycle; at the cathode the potential ramps linearly between the cut-offs on charge
  and back on discharge, so Phi = t_cycle x mean((V - V_ox)+ + (V_red - V)+) over the ramp.
  The layer's phases are the products of the pair's reaction at that potential next to the
  electrode (the kink next to it on the mixing line, thermo.analysis.react); their
  conductivities come from evolution.conductivity (sourced, user-given or labelled
  estimates), Arrhenius-corrected where an activation energy is known. L0 is the electron
  tunnelling range through the layer (evolution.tunnelling) unless the user gives it. A
  coating | electrolyte contact behind an electron-blocking coating receives no electrons: no
  interphase grows there (stack.chemical grades it as a closed chemical reaction). Reactions
  that need other ions than Li to move (a cathode exchanging O for S with a sulfide) have no
  rate in this model; they are named in the notes. R = L / sigma_Li.
- **constriction**: the contact model's ASR at the stack pressure (stack.physical), divided by
  the remaining contact fraction: particles that delaminate (chemo-mechanics) lose their
  contact in the first cycle; a further loss per cycle is a user parameter
  (CATHODE.contact_loss_per_cycle), since no fatigue law is known.
- **coating**: thickness / sigma_Li of the coating (the thickness is the user's,
  COATING.thickness_nm).
- **space charge**: the electrolyte's space-charge layer at the top of charge
  (evolution.space_charge), with the coating as a dielectric buffer when there is one; needs
  the electrolyte's relative_permittivity and carrier_concentration_cm3.
- **charge transfer**: RT / (F j0) with the electrode's exchange current density
  (ELECTRODE.exchange_current_ma_cm2), linearised Butler-Volmer.

Capacity: at the current j = C-rate x areal loading, the ohmic drop j R(n) shifts the charge
curve up and the discharge curve down; with the open-circuit voltage taken as linear in state
of charge between the cut-offs (an assumption) the accessible fraction is 1 - 2 j R / W
(W the cut-off window), times the active fraction still in contact.

A missing parameter leaves its contribution out and is named with the `--param` that gives it;
nothing is invented. Bands: every ranged parameter at the end that raises (or lowers) the
resistance - the envelope of the ranges, not a confidence interval (every contribution is
monotonic in each parameter). The sensitivity table moves one parameter at a time to the ends
of its range.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace

import numpy as np
from scipy import constants as _c

from interphase.constants import FARADAY_C_MOL
from interphase.errors import InterphaseError, InvalidConditionError
from interphase.evolution.conductivity import li_conductivity
from interphase.evolution.growth import ambipolar, layer_transport
from interphase.evolution.tunnelling import tunnelling_band_nm
from interphase.results import Result

MAX_CYCLES = 100_000
MAX_C_RATE = 100.0
MAX_LOADING_MAH_CM2 = 100.0
REPORT_POINTS = 1001  # cycles reported: all up to this many, else evenly spaced
ASSUMPTIONS = (
    "one cycle is a constant-current charge and discharge at the C-rate, no rest",
    "the cathode's potential ramps linearly between the cut-offs with time (charge and "
    "discharge), and its open-circuit voltage is linear in state of charge",
    "the interphase is columnar (each phase spans it), grows by Li+ and electron transport "
    "(Wagner), and stops at the electron tunnelling range when it blocks electrons",
    "particles that delaminate lose their contact in the first cycle; no fatigue law",
    "bands: every ranged parameter at the end that raises or lowers the resistance",
)
CITATIONS = ("wagner1933", "peled1979")


@dataclass(frozen=True)
class RangedParameter(Result):
    """A parameter the result rests on, with its range and where it came from."""

    key: str
    interface: str
    name: str
    unit: str
    value: float
    low: float
    high: float
    source: str  # citation key, "user", "estimate", "computed"
    how: str
    raises_resistance: str  # "high" or "low": the end of the range that raises the ASR


@dataclass(frozen=True)
class Contribution(Result):
    """One contribution to an interface's ASR (ohm cm^2) at each reported cycle; the band is
    (low, high), high None where unbounded (a conductivity whose range reaches 0)."""

    interface: str
    kind: str  # interphase | constriction | coating | space charge | charge transfer
    asr_ohm_cm2: tuple[float, ...]
    band_ohm_cm2: tuple[tuple[float, float | None], ...]
    how: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class InterfaceEvolution(Result):
    interface: str
    side: str
    growing_layer: str | None  # the layer the electrode drives beyond its window
    volt_seconds_per_cycle: float  # Phi, V s beyond the window per cycle
    regime: str  # none | parabolic | self-limiting | not computed
    products: tuple[str, ...]
    rate_per_volt_cm2_s: float | None  # k_V
    initial_thickness_nm: float | None
    thickness_nm: tuple[float, ...]
    contact_fraction: tuple[float, ...]  # remaining, relative to the first cycle
    notes: tuple[str, ...]


@dataclass(frozen=True)
class SensitivityRow(Result):
    parameter: str
    unit: str
    low: float
    high: float
    asr_at_low_ohm_cm2: float | None  # total ASR at the last cycle, parameter at its low end
    asr_at_high_ohm_cm2: float | None
    capacity_at_low: float
    capacity_at_high: float
    capacity_swing: float  # |capacity_at_high - capacity_at_low|


@dataclass(frozen=True)
class StackEvolution(Result):
    """A stack's interfacial resistance and capacity over cycles (see the module text)."""

    stack: str
    cycles: int
    c_rate: float
    loading_mah_cm2: float
    current_ma_cm2: float
    cycle_time_s: float
    cutoff_v: tuple[float, float]
    temperature_k: float
    pressure_mpa: float
    cycle: tuple[int, ...]
    interfaces: tuple[InterfaceEvolution, ...]
    contributions: tuple[Contribution, ...]
    total_asr_ohm_cm2: tuple[float, ...]
    total_band_ohm_cm2: tuple[tuple[float, float | None], ...]
    capacity_fraction: tuple[float, ...]  # of the cut-off window's capacity
    capacity_band: tuple[tuple[float, float], ...]
    retention: tuple[float, ...]  # capacity / capacity at cycle 0
    parameters: tuple[RangedParameter, ...]
    sensitivity: tuple[SensitivityRow, ...]
    missing: tuple[str, ...]
    notes: tuple[str, ...]
    assumptions: tuple[str, ...]
    citations: tuple[str, ...]


Values = Mapping[str, float]


@dataclass(frozen=True)
class _Term:
    interface: str
    kind: str
    how: str
    sources: tuple[str, ...]
    asr: Callable[[Values, np.ndarray], np.ndarray]


@dataclass
class CycleModel:
    """A stack's cycle model, built once from the engines (build_model): its terms, ranged
    parameters and active-fraction law, at the cycles `n`. `evaluate` re-runs only the
    closed-form cycle laws (microseconds), for sweeps over the parameters."""

    terms: list[_Term]
    params: dict[str, RangedParameter]
    active: Callable[[Values, np.ndarray], np.ndarray]
    current_a_cm2: float
    window_v: float
    missing: list[str]
    notes: list[str]
    n: np.ndarray = field(default_factory=lambda: np.zeros(0))
    interfaces: list[InterfaceEvolution] = field(default_factory=list)

    def evaluate(self, overrides: Values | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(total ASR, capacity fraction) at each cycle, parameters at their central values
        except `overrides` (key -> value; keys as in `params`)."""
        unknown = set(overrides or {}) - set(self.params)
        if unknown:
            raise InvalidConditionError(
                f"unknown model parameter(s) {', '.join(sorted(unknown))}: use one of "
                + ", ".join(self.params)
            )
        values = {k: p.value for k, p in self.params.items()} | dict(overrides or {})
        _, total, cap = _evaluate(self, values, self.n)
        return total, cap


def _check(cycles: int, c_rate: float, loading: float) -> None:
    if isinstance(cycles, bool) or not isinstance(cycles, int) or not 1 <= cycles <= MAX_CYCLES:
        raise InvalidConditionError(
            f"cycles must be a whole number in 1..{MAX_CYCLES}, got {cycles}"
        )
    if not (math.isfinite(c_rate) and 0 < c_rate <= MAX_C_RATE):
        raise InvalidConditionError(f"the C-rate must lie in (0, {MAX_C_RATE:g}], got {c_rate:g}")
    if not (math.isfinite(loading) and 0 < loading <= MAX_LOADING_MAH_CM2):
        raise InvalidConditionError(
            f"the areal loading must lie in (0, {MAX_LOADING_MAH_CM2:g}] mAh/cm2, got {loading:g}"
        )


def ramp_mean_excess(lo: float, hi: float, v_ox: float | None, v_red: float | None) -> float:
    """Mean over V uniform in [lo, hi] of (V - v_ox)+ + (v_red - V)+, in V."""
    w = hi - lo
    out = 0.0
    if v_ox is not None:
        if v_ox <= lo:
            out += 0.5 * (lo + hi) - v_ox
        elif v_ox < hi:
            out += (hi - v_ox) ** 2 / (2.0 * w)
    if v_red is not None:
        if v_red >= hi:
            out += v_red - 0.5 * (lo + hi)
        elif v_red > lo:
            out += (v_red - lo) ** 2 / (2.0 * w)
    return out


def _layer_gap_ev(phases) -> float | None:
    from interphase.materials.electronic import electronic_character

    gaps = []
    for p in phases:
        try:
            g = electronic_character(p.formula).pbe_gap_ev
        except InterphaseError:
            g = None
        if g is not None and g > 0:
            gaps.append(g)
    return min(gaps) if gaps else None


def _electrode_kink(result, electrode: str):
    """The kink next to the electrode's end of the mixing line (A sits at x = 1)."""
    return result.kinks[-2] if result.reactants[0] == electrode else result.kinks[1]


def _thickness_cm(l0_nm: float, k_v: float, phi: float, n: np.ndarray) -> np.ndarray:
    """L(n) = sqrt(L0^2 + 2 k_V Phi n) in cm."""
    return np.sqrt((l0_nm * 1e-7) ** 2 + 2.0 * k_v * phi * n)


def _growth_terms(
    iface, spec, chem, model: CycleModel, t_cycle_s: float, n: np.ndarray
) -> InterfaceEvolution:
    """Add the interphase term of one interface to `model`; its InterfaceEvolution (thickness
    at the central parameters; the caller adds the contact fraction)."""
    from interphase.stack.chemical import blocks_electrons
    from interphase.thermo.verdict import is_gas

    label = iface.label
    notes: list[str] = []
    params = spec.params
    t = spec.temperature_k
    if iface.side == "cathode":
        electrode = iface.left if iface.left.position == "cathode" else None
        if electrode is None and not blocks_electrons(iface.left.formula):
            electrode = iface.left  # an electron-conducting coating carries the potential
        layer = iface.right
        case = next((c for c in chem.cases if c.label == "charged"), None)
        lo, hi = iface.potential_v
    else:
        electrode, layer = iface.right, iface.left
        case = next((c for c in chem.cases if c.label == "anode"), None)
        lo = hi = iface.potential_v[0]
    none = InterfaceEvolution(label, iface.side, None, 0.0, "none", (), None, None, (), (), ())
    if electrode is None:
        notes.append(
            f"behind the electron-blocking {iface.left.name} no electrons reach "
            f"{layer.name}: no interphase grows here (a chemical reaction needs other ions "
            "than Li to move, which this model does not rate)"
        )
        return replace(none, notes=tuple(notes))
    w = next((x.window for x in chem.windows if x.layer == layer.name), None)
    if w is None or case is None:
        return none
    phi = t_cycle_s * (
        ramp_mean_excess(lo, hi, w.oxidation_v, w.reduction_v)
        if iface.side == "cathode"
        else max(0.0, (w.reduction_v or 0.0) - lo)
    )
    if phi <= 0 or case.verdict in ("stable", "kinetically_stabilized"):
        why = (
            f"{layer.name} stays within its window at {lo:g}-{hi:g} V"
            if phi <= 0
            else f"no reaction beyond the kinetic threshold ({case.verdict})"
        )
        return replace(
            none,
            growing_layer=layer.name,
            volt_seconds_per_cycle=phi,
            notes=(f"nothing grows: {why}",),
        )
    step = None
    if iface.side == "cathode":
        # Li exchange only: the layer's own equilibrium phases at the top of charge (the
        # window's staircase); products that need the electrode's elements are named below
        step = _step_at(w, hi)
        fr = {} if step is None else _atom_fractions(layer.formula, step)
        fr = {p: f for p, f in fr.items() if not is_gas(p, t)}
        mutual = [p for p in case.interphase_products if not _li_exchange_only(p, layer.formula)]
        if mutual:
            notes.append(
                f"the reaction with {electrode.name} also forms {', '.join(mutual)}, which needs "
                f"elements other than Li to cross the contact: this model rates only Li+ and "
                "electron transport and leaves them out"
            )
    else:
        kink = _electrode_kink(case.result, electrode.name)
        fr = {
            p: f
            for p, f in kink.product_fractions.items()
            if p != "Li" and not is_gas(p, t) and f > 0
        }
    if not fr:
        return replace(none, growing_layer=layer.name, volt_seconds_per_cycle=phi)
    lt = layer_transport(fr, params, t)
    products = tuple(fr)
    notes += list(lt.notes)
    if lt.li_s_cm is None:
        model.missing += [f"{label} interphase: {m}" for m in lt.missing]
        return InterfaceEvolution(
            label,
            iface.side,
            layer.name,
            phi,
            "not computed",
            products,
            None,
            None,
            (),
            (),
            tuple(notes),
        )
    if iface.side == "anode" and electrode.name == "Li":
        x_li = kink.x if case.result.reactants[0] == "Li" else 1.0 - kink.x
        v_li = lt.volume_cm3 / x_li
        v_how = "cm3 of layer per mol Li consumed from the anode"
    elif iface.side == "cathode" and step is not None and step.li_per_formula_unit < 0:
        # fractions are moles of atoms per mole of the layer's formula: the layer's volume per
        # mol of Li the electrode extracts from it
        v_li = lt.volume_cm3 / -step.li_per_formula_unit
        v_how = f"cm3 of layer per mol Li extracted from {layer.name}"
    else:
        v_li = lt.volume_cm3 / lt.li_mol if lt.li_mol > 0 else 0.0
        v_how = "cm3 of layer per mol Li it holds"
    key = label + ":"
    gap = _layer_gap_ev(lt.phases)
    user_l0 = params.get(layer.name, "initial_thickness_nm")
    if user_l0 is not None:
        l0 = (user_l0, user_l0, user_l0, "user", "given by the user")
    elif gap is not None:
        b = tunnelling_band_nm(gap)
        l0 = (b[1], b[0], b[2], "estimate", f"electron tunnelling range, PBE gap {gap:.2f} eV")
    else:
        l0 = (0.0, 0.0, 0.0, "estimate", "no band gap in the layer: 0")
    _add(
        model,
        key + "sigma_li",
        label,
        "interphase Li+ conductivity",
        "S/cm",
        lt.li_s_cm,
        *lt.li_band,
        _src(lt.phases, "li"),
        "columnar layer of " + ", ".join(products),
        "low",
    )
    _add(
        model,
        key + "sigma_e",
        label,
        "interphase electronic conductivity",
        "S/cm",
        lt.electronic_s_cm,
        *lt.electronic_band,
        _src(lt.phases, "electronic"),
        "columnar layer",
        "high",
    )
    _add(
        model,
        key + "l0",
        label,
        "initial (tunnelling) thickness",
        "nm",
        l0[0],
        l0[1],
        l0[2],
        l0[3],
        l0[4],
        "high",
    )
    k_v = ambipolar(lt.li_s_cm, lt.electronic_s_cm) * v_li / FARADAY_C_MOL

    def asr(v: Values, nn: np.ndarray, _k=key, _phi=phi, _v=v_li) -> np.ndarray:
        s_li, s_e, l0_nm = v[_k + "sigma_li"], v[_k + "sigma_e"], v[_k + "l0"]
        length_cm = _thickness_cm(l0_nm, ambipolar(s_li, s_e) * _v / FARADAY_C_MOL, _phi, nn)
        if s_li <= 0:
            return np.where(length_cm > 0, np.inf, 0.0)
        return length_cm / s_li

    how = (
        f"Wagner growth of {', '.join(products)} driven {phi:.3g} V s per cycle beyond "
        f"{layer.name}'s window; v_Li {v_li:.3g} {v_how}"
    )
    model.terms.append(_Term(label, "interphase", how, CITATIONS, asr))
    thick = _thickness_cm(l0[0], k_v, phi, n) * 1e7
    grown_nm = float(thick[-1] - l0[0]) if len(thick) else 0.0
    regime = "parabolic" if grown_nm > 1.0 else "self-limiting"
    return InterfaceEvolution(
        label,
        iface.side,
        layer.name,
        phi,
        regime,
        products,
        k_v,
        l0[0],
        tuple(float(x) for x in thick),
        (),
        tuple(notes),
    )


def _step_at(window, v: float):
    """The staircase step of `window` whose potential range holds `v`."""
    for st in window.steps:
        lo, hi = st.potential_range_v
        if (lo is None or lo <= v) and (hi is None or v <= hi):
            return st
    return None


def _atom_fractions(layer_formula: str, step) -> dict[str, float]:
    """Moles of atoms of each product of a staircase step, from the balance
    X + n Li -> sum a_i P_i (non-negative least squares on the elements)."""
    from pymatgen.core import Composition
    from scipy.optimize import nnls

    x = Composition(layer_formula)
    target = dict(x.get_el_amt_dict())
    target["Li"] = target.get("Li", 0.0) + step.li_per_formula_unit
    prods = [Composition(p) for p in step.products]
    els = sorted({*target, *(e for c in prods for e in c.get_el_amt_dict())})
    a = np.array([[c.get_el_amt_dict().get(e, 0.0) for c in prods] for e in els])
    b = np.array([max(target.get(e, 0.0), 0.0) for e in els])
    amounts, _ = nnls(a, b)
    return {
        p: float(m * c.num_atoms)
        for p, c, m in zip(step.products, prods, amounts, strict=True)
        if m > 1e-9
    }


def _li_exchange_only(product: str, layer_formula: str) -> bool:
    """A product made only of the layer's elements (formed by Li exchange alone)."""
    from pymatgen.core import Composition

    layer_els = {e.symbol for e in Composition(layer_formula).elements} | {"Li"}
    return {e.symbol for e in Composition(product).elements} <= layer_els


def _src(phases, which: str) -> str:
    keys = [getattr(p, which).source or "unknown" for p in phases]
    return ", ".join(dict.fromkeys(keys))


def _add(model: CycleModel, key, interface, name, unit, value, low, high, source, how, raises):
    model.params[key] = RangedParameter(
        key, interface, name, unit, float(value), float(low), float(high), source, how, raises
    )


def _constant(value_key: str):
    """A contribution that is the same every cycle: the parameter `value_key`."""

    def asr(v: Values, nn: np.ndarray) -> np.ndarray:
        return np.full(nn.shape, v[value_key], dtype=float)

    return asr


def _contact_terms(
    iface, spec, phys, model: CycleModel
) -> Callable[[Values, np.ndarray], np.ndarray]:
    """Constriction term; returns the remaining-contact law a(n)/a(0) of this interface."""
    label = iface.label
    key = label + ":"
    params = spec.params
    cathode = iface.left.name if iface.left.position == "cathode" else None
    delam = 0.0
    chemo = phys.chemomechanics
    if chemo is not None and chemo.delaminates:
        delam = float(chemo.contact_loss_fraction)
        model.notes.append(
            f"{label}: {delam:.0%} of the particles delaminate in the first cycle "
            f"({chemo.delamination_reason})"
        )
    per_cycle = params.get(cathode, "contact_loss_per_cycle") if cathode else None
    if cathode and per_cycle is None and phys.contact is not None:
        model.notes.append(
            f"{label}: no contact loss per cycle beyond delamination (no fatigue law; give "
            f"--param {cathode}.contact_loss_per_cycle=FRACTION)"
        )
    loss = per_cycle or 0.0

    def remaining(v: Values, nn: np.ndarray, _d=delam, _f=loss) -> np.ndarray:
        return np.where(nn >= 1, 1.0 - _d, 1.0) * (1.0 - _f) ** nn

    c = phys.contact
    if c is None:
        return remaining
    i = c.pressure_mpa.index(spec.pressure_mpa)
    r0 = c.total_asr_ohm_cm2[i]
    if r0 is None:
        return remaining
    _add(
        model,
        key + "r_contact",
        label,
        "constriction ASR at first contact",
        "ohm cm2",
        r0,
        r0,
        r0,
        ", ".join(c.sources),
        f"{c.model} at {spec.pressure_mpa:g} MPa",
        "high",
    )

    def asr(v: Values, nn: np.ndarray, _k=key) -> np.ndarray:
        a = remaining(v, nn)
        return np.where(a > 0, v[_k + "r_contact"] / np.maximum(a, 1e-300), np.inf)

    model.terms.append(
        _Term(
            label,
            "constriction",
            f"{c.model} at {spec.pressure_mpa:g} MPa / remaining contact",
            tuple(c.sources),
            asr,
        )
    )
    return remaining


def _coating_terms(iface, spec, model: CycleModel) -> None:
    if iface.right.position != "coating":
        return
    coat = iface.right.name
    d = spec.params.get(coat, "thickness_nm")
    if d is None:
        model.missing.append(
            f"{coat} coating: its thickness is not known, so its own ASR and its buffer effect "
            f"are left out: give --param {coat}.thickness_nm=VALUE"
        )
        return
    s = li_conductivity(coat, spec.params, spec.temperature_k)
    if s.value is None:
        model.missing.append(
            f"{coat} coating: no Li+ conductivity known: give --param "
            f"{coat}.li_conductivity_s_cm=VALUE"
        )
        return
    key = f"{coat}:"
    _add(
        model,
        key + "sigma",
        iface.label,
        f"{coat} Li+ conductivity",
        "S/cm",
        s.value,
        s.low or s.value,
        s.high or s.value,
        s.source,
        s.how,
        "low",
    )

    def asr(v: Values, nn: np.ndarray, _k=key, _d=d) -> np.ndarray:
        return np.full(nn.shape, _d * 1e-7 / v[_k + "sigma"])

    model.terms.append(
        _Term(iface.label, "coating", f"{d:g} nm / sigma_Li of {coat}", (s.source,), asr)
    )


def _space_charge_terms(iface, spec, model: CycleModel) -> None:
    """Space charge of the electrolyte at the top of charge, at the contact that holds the
    cathode's potential (the coating a dielectric buffer when there is one)."""
    from interphase.evolution.space_charge import contact_space_charge

    if iface.side != "cathode" or iface.right.position != "electrolyte":
        return
    el = iface.right.name
    p = spec.params
    eps, c0 = p.get(el, "relative_permittivity"), p.get(el, "carrier_concentration_cm3")
    buffer_nm, buffer_eps = 0.0, 1.0
    if iface.left.position == "coating":
        buffer_nm = p.get(iface.left.name, "thickness_nm") or 0.0
        buffer_eps = p.get(iface.left.name, "relative_permittivity")
        if buffer_nm > 0 and buffer_eps is None:
            model.missing.append(
                f"space charge at {iface.label}: the buffer {iface.left.name} needs its "
                f"permittivity: give --param {iface.left.name}.relative_permittivity=VALUE"
            )
            return
        if buffer_nm == 0:
            buffer_eps = 1.0
    if eps is None or c0 is None:
        need = [
            n
            for n, x in (("relative_permittivity", eps), ("carrier_concentration_cm3", c0))
            if x is None
        ]
        model.missing.append(
            f"space charge at {iface.label}: no sourced "
            + " or ".join(need)
            + f" of {el}: give "
            + " and ".join(f"--param {el}.{n}=VALUE" for n in need)
        )
        return
    s = li_conductivity(el, p, spec.temperature_k)
    res = contact_space_charge(
        el,
        spec.cutoff_v[1],
        eps,
        c0,
        buffer_nm=buffer_nm,
        buffer_permittivity=buffer_eps,
        bulk_conductivity_s_cm=s.value,
        temperature_k=spec.temperature_k,
        database=spec.database,
    )
    r = res.central.asr_ohm_cm2
    if r is None:
        model.missing.append(f"space charge at {iface.label}: no Li+ conductivity of {el}")
        return
    band = [b.asr_ohm_cm2 for b in (res.band or ()) if b.asr_ohm_cm2 is not None] + [r]
    key = iface.label + ":"
    _add(
        model,
        key + "r_sc",
        iface.label,
        "space-charge ASR at the top of charge",
        "ohm cm2",
        r,
        min(band),
        max(band),
        "computed",
        res.step_source,
        "high",
    )
    model.terms.append(
        _Term(
            iface.label,
            "space charge",
            f"{res.central.model}, step {res.central.applied_step_v:+.2f} V",
            ("haruyama2014", "deklerk2018"),
            _constant(key + "r_sc"),
        )
    )


def _charge_transfer_terms(iface, spec, model: CycleModel) -> None:
    electrode = iface.left if iface.left.position == "cathode" else iface.right
    if electrode.position not in ("cathode", "anode"):
        return
    j0 = spec.params.get(electrode.name, "exchange_current_ma_cm2")
    if j0 is None:
        model.missing.append(
            f"charge transfer at {iface.label}: no exchange current density known: give "
            f"--param {electrode.name}.exchange_current_ma_cm2=VALUE"
        )
        return
    r = _c.R * spec.temperature_k / (FARADAY_C_MOL * j0 * 1e-3)
    key = iface.label + ":"
    _add(
        model,
        key + "r_ct",
        iface.label,
        "charge-transfer ASR",
        "ohm cm2",
        r,
        r,
        r,
        "user",
        f"RT/(F j0), j0 {j0:g} mA/cm2",
        "high",
    )
    model.terms.append(
        _Term(iface.label, "charge transfer", "RT/(F j0)", ("user",), _constant(key + "r_ct"))
    )


def _evaluate(model: CycleModel, values: Values, n: np.ndarray):
    """(contribution arrays, total ASR, capacity fraction) at the given parameter values."""
    parts = [t.asr(values, n) for t in model.terms]
    total = np.sum(parts, axis=0) if parts else np.zeros(n.shape)
    drop = model.current_a_cm2 * total
    with np.errstate(invalid="ignore"):
        cap = np.clip(1.0 - 2.0 * drop / model.window_v, 0.0, 1.0)
    cap = np.where(np.isfinite(total), cap, 0.0) * model.active(values, n)
    return parts, total, cap


def _ends(model: CycleModel, worst: bool) -> dict[str, float]:
    """Every parameter at the end of its range that raises (worst) or lowers the ASR."""
    out = {}
    for k, p in model.params.items():
        hi_raises = p.raises_resistance == "high"
        out[k] = p.high if hi_raises == worst else p.low
    return out


def _finite_or_none(x: float) -> float | None:
    return float(x) if math.isfinite(x) else None


def build_model(
    spec,
    cycles: int = 500,
    c_rate: float = 0.5,
    loading_mah_cm2: float = 1.0,
    assessments: Mapping[str, tuple] | None = None,
) -> CycleModel:
    """The cycle model of `spec` (see evolve_stack): runs the chemical and physical engines
    once per interface, unless `assessments` (interface label -> (stack.chemical result,
    stack.physical result), as stack.analyze has them) gives them."""
    from interphase.stack.chemical import assess_chemical
    from interphase.stack.physical import assess_physical

    _check(cycles, c_rate, loading_mah_cm2)
    t_cycle = 2.0 * 3600.0 / c_rate
    n = (
        np.arange(cycles + 1, dtype=float)
        if cycles < REPORT_POINTS
        else np.unique(np.round(np.linspace(0, cycles, REPORT_POINTS)))
    )
    lo, hi = spec.cutoff_v
    current = c_rate * loading_mah_cm2 * 1e-3  # A/cm2
    model = CycleModel([], {}, lambda v, nn: np.ones(nn.shape), current, hi - lo, [], [], n)
    interfaces = model.interfaces
    for iface in spec.interfaces:
        if assessments is not None and iface.label in assessments:
            chem, phys = assessments[iface.label]
        else:
            chem, phys = assess_chemical(iface, spec), assess_physical(iface, spec)
        model.missing += [f"{iface.label}: {m.part}: {m.reason}" for m in phys.not_computed]
        evo = _growth_terms(iface, spec, chem, model, t_cycle, n)
        remaining = _contact_terms(iface, spec, phys, model)
        if iface.left.position == "cathode":
            model.active = remaining
        _coating_terms(iface, spec, model)
        _space_charge_terms(iface, spec, model)
        _charge_transfer_terms(iface, spec, model)
        if phys.stripping is not None and phys.stripping.valid and phys.stripping.valid[0]:
            jc = phys.stripping.critical_current_ma_cm2[0]
            if current * 1e3 > jc:
                model.notes.append(
                    f"{iface.label}: {current * 1e3:.3g} mA/cm2 exceeds the void-free stripping "
                    f"limit {jc:.3g} mA/cm2 at {spec.pressure_mpa:g} MPa: voids grow at the Li "
                    "anode each cycle, which this model does not accumulate"
                )
        interfaces.append(replace(evo, contact_fraction=tuple(float(a) for a in remaining({}, n))))
    return model


def evolve_stack(
    spec,
    cycles: int = 500,
    c_rate: float = 0.5,
    loading_mah_cm2: float = 1.0,
    assessments: Mapping[str, tuple] | None = None,
) -> StackEvolution:
    """Interfacial resistance and capacity of `spec` (stack.StackSpec) over `cycles`
    constant-current cycles at `c_rate` (1/h) for an areal loading `loading_mah_cm2` (the
    default 1 mAh/cm2 puts 1C at the scorecard's reference current, 1 mA/cm2).
    `assessments`: see build_model."""
    model = build_model(spec, cycles, c_rate, loading_mah_cm2, assessments)
    n, interfaces, current = model.n, model.interfaces, model.current_a_cm2
    t_cycle = 2.0 * 3600.0 / c_rate
    central = {k: p.value for k, p in model.params.items()}
    parts, total, cap = _evaluate(model, central, n)
    parts_hi, total_hi, cap_lo = _evaluate(model, _ends(model, True), n)
    parts_lo, total_lo, cap_hi = _evaluate(model, _ends(model, False), n)
    contributions = tuple(
        Contribution(
            t.interface,
            t.kind,
            tuple(float(x) for x in parts[i]),
            tuple(
                (float(a), _finite_or_none(b))
                for a, b in zip(parts_lo[i], parts_hi[i], strict=True)
            ),
            t.how,
            t.sources,
        )
        for i, t in enumerate(model.terms)
    )
    rows = []
    for k, p in model.params.items():
        if p.low == p.high:
            continue
        ends = []
        for x in (p.low, p.high):
            _, tt, cc = _evaluate(model, {**central, k: x}, n[-1:])
            ends.append((_finite_or_none(tt[0]), float(cc[0])))
        rows.append(
            SensitivityRow(
                f"{p.interface}: {p.name}",
                p.unit,
                p.low,
                p.high,
                ends[0][0],
                ends[1][0],
                ends[0][1],
                ends[1][1],
                abs(ends[1][1] - ends[0][1]),
            )
        )
    rows.sort(key=lambda r: -r.capacity_swing)
    c0 = cap[0] if cap[0] > 0 else math.nan
    cites = list(CITATIONS)
    for t in model.terms:
        cites += [s for c in t.sources for s in c.split(", ")]
    for p in model.params.values():
        cites += p.source.split(", ")
    notes = list(model.notes)
    for e in interfaces:
        notes += [f"{e.interface}: {x}" for x in e.notes]
    return StackEvolution(
        stack=spec.label,
        cycles=cycles,
        c_rate=c_rate,
        loading_mah_cm2=loading_mah_cm2,
        current_ma_cm2=current * 1e3,
        cycle_time_s=t_cycle,
        cutoff_v=spec.cutoff_v,
        temperature_k=spec.temperature_k,
        pressure_mpa=spec.pressure_mpa,
        cycle=tuple(int(x) for x in n),
        interfaces=tuple(interfaces),
        contributions=contributions,
        total_asr_ohm_cm2=tuple(float(x) for x in total),
        total_band_ohm_cm2=tuple(
            (float(a), _finite_or_none(b)) for a, b in zip(total_lo, total_hi, strict=True)
        ),
        capacity_fraction=tuple(float(x) for x in cap),
        capacity_band=tuple((float(a), float(b)) for a, b in zip(cap_lo, cap_hi, strict=True)),
        retention=tuple(float(x / c0) if math.isfinite(c0) else 0.0 for x in cap),
        parameters=tuple(model.params.values()),
        sensitivity=tuple(rows),
        missing=tuple(dict.fromkeys(model.missing)),
        notes=tuple(dict.fromkeys(notes)),
        assumptions=ASSUMPTIONS,
        citations=tuple(
            k
            for k in dict.fromkeys(cites)
            if k and k not in ("user", "estimate", "computed", "unknown")
        ),
    )


__all__ = [
    "Contribution",
    "CycleModel",
    "InterfaceEvolution",
    "RangedParameter",
    "SensitivityRow",
    "StackEvolution",
    "build_model",
    "evolve_stack",
    "ramp_mean_excess",
]
