"""Li+ and electronic conductivity of interphase phases, each with where it came from, and the
effective conductivity of a multi-phase layer.

Per phase:
- Li+ conductivity: the user's value (``--param Li2S.li_conductivity_s_cm=...``), else the
  materials catalog / mechanics library (sourced), else unknown (None).
- electronic conductivity: the user's value, else a sourced one, else an estimate by class:
  a phase metallic in PBE gets METALLIC_S_CM (an order of magnitude for intermetallics; every
  result here is insensitive to it once it exceeds the Li+ conductivity, because the ions then
  limit), an insulator or semiconductor the intrinsic conductivity of its PBE gap,
  sigma = e n_i (mu_e + mu_h) with n_i = N exp(-E_g / 2kT) and N = 2 (2 pi m_e k T / h^2)^1.5
  (free-electron band masses), for a carrier mobility of 1 cm^2/(V s) with the range
  1e-2..1e2 cm^2/(V s) as its uncertainty. PBE underestimates gaps, so the estimate leans to
  leakier; it is labelled an estimate wherever it is used.

Layer: the Wiener bounds, phases in series (lower) and in parallel (upper); evolution.growth
says which it uses.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from functools import cache

from scipy import constants as _c

from interphase.errors import InterphaseError, MissingDataError, UnknownMaterialError
from interphase.materials.parameters import USER_SOURCE, Parameters
from interphase.results import Result

ROOM_TEMPERATURE_K = 298.15  # the temperature of the library's conductivities
METALLIC_S_CM = 1.0e4
MOBILITY_CM2_V_S = (1e-2, 1.0, 1e2)  # low, central, high (assumed range, see module text)


@dataclass(frozen=True)
class Estimate(Result):
    """A conductivity in S/cm with its band and how it was obtained; value None: unknown."""

    value: float | None
    low: float | None
    high: float | None
    source: str  # a citation key, "user", or "estimate"
    how: str
    uncorrected_temperature: bool = False  # True: a room-temperature value used at another T


def effective_dos_cm3(temperature_k: float) -> float:
    """2 (2 pi m_e k T / h^2)^(3/2), per cm^3 (2.5e19 at 300 K)."""
    m = _c.m_e
    return 2.0 * (2.0 * math.pi * m * _c.k * temperature_k / _c.h**2) ** 1.5 * 1e-6


def intrinsic_conductivity_s_cm(gap_ev: float, temperature_k: float, mobility: float) -> float:
    """e n_i (mu_e + mu_h) of an intrinsic semiconductor, equal mobilities (cm^2/(V s))."""
    n_i = effective_dos_cm3(temperature_k) * math.exp(-gap_ev * _c.e / (2.0 * _c.k * temperature_k))
    return _c.e * n_i * 2.0 * mobility


def _sourced(formula: str, prop: str):
    """The sourced Quantity of a catalog material (None when absent)."""
    from interphase.materials.mechanics import get_mechanics

    try:
        return getattr(get_mechanics(formula), prop)
    except InterphaseError:
        return None


def li_conductivity(
    formula: str, params: Parameters | None = None, temperature_k: float = ROOM_TEMPERATURE_K
) -> Estimate:
    """The Li+ conductivity of a phase at `temperature_k`: a room-temperature value (user's,
    else sourced) moved along an Arrhenius line sigma(T) = sigma(T0) exp(-E_a/k (1/T - 1/T0))
    with the phase's activation energy (user's ``li_activation_energy_ev``, else the catalog's,
    else a published E_a or hop barrier: `_published_activation_energy`); without one the
    room-temperature value is used and flagged `uncorrected_temperature`."""
    params = params or Parameters()
    user = params.get(formula, "li_conductivity_s_cm")
    if user is not None:
        est = Estimate(user, user, user, USER_SOURCE, "given by the user")
    else:
        q = _sourced(formula, "li_conductivity_s_cm")
        if q is None:
            return Estimate(None, None, None, "", "no Li+ conductivity known")
        est = Estimate(q.value, q.low or q.value, q.high or q.value, q.source, q.conditions)
    return arrhenius(est, formula, params, temperature_k)


def arrhenius(est: Estimate, formula: str, params: Parameters, temperature_k: float) -> Estimate:
    """`est` (a room-temperature Li+ conductivity) at `temperature_k` (see li_conductivity)."""
    if est.value is None or abs(temperature_k - ROOM_TEMPERATURE_K) <= 1.0:
        return est
    ea = params.get(formula, "li_activation_energy_ev")
    ea_source = USER_SOURCE
    if ea is None:
        q = _sourced(formula, "li_activation_energy_ev")
        ea, ea_source = (None, "") if q is None else (q.value, q.source)
    if ea is None:
        ea, ea_source = _published_activation_energy(formula)
    if ea is None:
        return replace(
            est,
            how=est.how + f"; the room-temperature value, not corrected to {temperature_k:g} K "
            f"(no activation energy: give --param {formula}.li_activation_energy_ev=VALUE)",
            uncorrected_temperature=True,
        )
    f = math.exp(-ea * _c.e / _c.k * (1.0 / temperature_k - 1.0 / ROOM_TEMPERATURE_K))
    return Estimate(
        est.value * f,
        None if est.low is None else est.low * f,
        None if est.high is None else est.high * f,
        est.source,
        est.how + f"; Arrhenius to {temperature_k:g} K with E_a {ea:g} eV [{ea_source}]",
    )


def _published_activation_energy(formula: str) -> tuple[float | None, str]:
    """An Arrhenius slope (eV) for `formula` when the catalog has none: a measured, else an
    AIMD, activation energy of long-range transport (atomistic/references.py), else the
    lowest published single-hop barrier (atomistic/barrier_references.py), labelled as a
    barrier: it holds no defect formation energy, so it bounds the slope from below."""
    from interphase.atomistic.barrier_references import barrier_for
    from interphase.atomistic.references import references_for

    try:
        refs = references_for(formula)
    except UnknownMaterialError:
        return None, ""
    for method in ("experiment", "AIMD"):
        found = [r for r in refs if r.method == method and r.ea_ev is not None]
        if found:
            r = found[0]
            return r.ea_ev, f"{r.citation_key}; {method} E_a of long-range transport"
    barrier = barrier_for(formula)
    if barrier is None:
        return None, ""
    value, label = barrier
    return value, label + "; used as the Arrhenius slope, a lower bound on E_a"


def electronic_conductivity(
    formula: str, temperature_k: float = 298.15, params: Parameters | None = None
) -> Estimate:
    from interphase.materials.electronic import electronic_character

    user = (params or Parameters()).get(formula, "electronic_conductivity_s_cm")
    if user is not None:
        return Estimate(user, user, user, USER_SOURCE, "given by the user")
    q = _sourced(formula, "electronic_conductivity_s_cm")
    if q is not None:
        return Estimate(q.value, q.low or q.value, q.high or q.value, q.source, q.conditions)
    ec = electronic_character(formula)
    if ec.kind == "metal":
        return Estimate(
            METALLIC_S_CM,
            METALLIC_S_CM / 100,
            METALLIC_S_CM * 10,
            "estimate",
            f"metallic ({ec.reason}): order of magnitude of an intermetallic",
        )
    if ec.pbe_gap_ev is None:
        return Estimate(None, None, None, "", "no band gap in the bundled table")
    lo, mid, hi = (
        intrinsic_conductivity_s_cm(ec.pbe_gap_ev, temperature_k, mu) for mu in MOBILITY_CM2_V_S
    )
    return Estimate(
        mid,
        lo,
        hi,
        "estimate",
        f"intrinsic, PBE gap {ec.pbe_gap_ev:.2f} eV, mobility 1 (1e-2..1e2) cm2/Vs",
    )


def wiener_bounds(fractions: list[float], sigmas: list[float]) -> tuple[float, float]:
    """(series, parallel) conductivity of phases with volume fractions `fractions`."""
    total = sum(fractions)
    phi = [f / total for f in fractions]
    parallel = sum(p * s for p, s in zip(phi, sigmas, strict=True))
    if any(s <= 0 for p, s in zip(phi, sigmas, strict=True) if p > 0):
        return 0.0, parallel
    series = 1.0 / sum(p / s for p, s in zip(phi, sigmas, strict=True))
    return series, parallel


@cache
def per_atom_volume_cm3(formula: str) -> tuple[float, str]:
    """Volume per mole of atoms (cm^3/mol) of a phase and how it was obtained: a bundled
    crystal structure when there is one, else the mean of the elements' molar volumes
    (pymatgen's element data; about +-50 % for ionic compounds)."""
    from pymatgen.core import Composition, Element

    red = Composition(formula).reduced_formula
    try:
        from interphase.atomistic.structures import bundled_structures

        path = bundled_structures().get(red)
    except (ImportError, InterphaseError):
        path = None
    if path is not None:
        import warnings

        from pymatgen.core import Structure

        with warnings.catch_warnings():  # the parser's rounding notes: only the volume is read
            warnings.simplefilter("ignore")
            s = Structure.from_file(path)
        return s.volume / len(s) * _c.N_A * 1e-24, f"bundled structure {path.name}"
    comp = Composition(red)
    vols = []
    for el, n in comp.items():
        v = Element(el.symbol).molar_volume
        if v is None:
            raise MissingDataError(f"no molar volume for {el.symbol} in pymatgen's element data")
        vols.append(float(v) * n)
    return sum(vols) / comp.num_atoms, "mean of the elements' molar volumes (+-50 %)"
