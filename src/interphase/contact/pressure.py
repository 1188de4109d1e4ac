"""Contact fraction and interfacial resistance of a material pair vs stack pressure.

Chooses the regime from the pair: with Li metal on one side the Li asperities yield (and
creep during `hold_time_s`); otherwise both sides stay elastic and the Greenwood-Williamson
model applies with the composite modulus from the mechanics library. The ionic resistivity
of each side that conducts Li+ (sourced conductivity) feeds the constriction resistance;
Li metal adds none.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from interphase.contact.area import (
    TABOR_CONSTRAINT,
    greenwood_williamson,
    li_creep_contact,
)
from interphase.contact.constriction import interface_resistance
from interphase.errors import InvalidConditionError, MissingDataError
from interphase.materials.mechanics import (
    MechanicalParameters,
    composite_modulus_gpa,
    get_mechanics,
)
from interphase.results import Result


@dataclass(frozen=True)
class ContactSweep(Result):
    """Contact and resistance of one pair over a list of stack pressures."""

    material_a: str
    material_b: str
    model: str
    temperature_k: float
    hold_time_s: float
    pressure_mpa: tuple[float, ...]
    contact_fraction: tuple[float, ...]
    spot_radius_um: tuple[float | None, ...]
    constriction_ohm_cm2: tuple[float | None, ...]
    total_asr_ohm_cm2: tuple[float | None, ...]
    current_focusing_factor: tuple[float | None, ...]
    valid: tuple[bool, ...]
    composite_modulus_gpa: float | None
    sources: tuple[str, ...]
    note: str = ""


def _resistivity(m: MechanicalParameters) -> float | None:
    q = m.li_conductivity_s_cm
    return None if q is None else 1.0 / q.value


# beyond these the inputs describe no cell: 1 MOhm cm2 blocks any current, a 1 mm roughness
# or asperity is not a surface of a particle or a pellet, a year at pressure is the longest hold
LIMITS = {
    "asr": 1.0e6,
    "roughness-um": 1.0e3,
    "asperity-radius-um": 1.0e3,
    "asperity-density": 1.0e6,
    "hold-s": 3.2e7,
}
MAX_PRESSURE_MPA = 1.0e4  # 10 GPa: above the strength of every cell component
LI_MELTING_K = 453.65  # CRC Handbook of Chemistry and Physics


def contact_vs_pressure(
    material_a: str | MechanicalParameters,
    material_b: str | MechanicalParameters,
    pressure_mpa: ArrayLike,
    rms_roughness_um: float = 0.1,
    asperity_radius_um: float = 1.0,
    asperity_density_per_um2: float = 0.5,
    intrinsic_asr_ohm_cm2: float = 0.0,
    temperature_k: float = 298.15,
    hold_time_s: float = 0.0,
    constriction_model: str = "flux_tube",
) -> ContactSweep:
    """Contact fraction, spot size and ASR of the pair a|b at each stack pressure (MPa)."""
    p = np.atleast_1d(np.asarray(pressure_mpa, dtype=float))
    if p.size == 0 or np.any(p < 0) or not np.all(np.isfinite(p)):
        raise InvalidConditionError(f"stack pressures must be >= 0 MPa, got {pressure_mpa}")
    if np.any(p > MAX_PRESSURE_MPA):
        raise InvalidConditionError(
            f"stack pressure {p.max():g} MPa is beyond {MAX_PRESSURE_MPA:g} MPa, more than any "
            "cell component bears (cells run at 0.1-100 MPa, pellets are pressed at up to ~1 GPa)"
        )
    for name, value, strict in (
        ("roughness-um", rms_roughness_um, True),
        ("asperity-radius-um", asperity_radius_um, True),
        ("asperity-density", asperity_density_per_um2, True),
        ("asr", intrinsic_asr_ohm_cm2, False),
        ("temperature-k", temperature_k, True),
        ("hold-s", hold_time_s, False),
    ):
        ok = math.isfinite(value) and (value > 0 if strict else value >= 0)
        ok = ok and value <= LIMITS.get(name, math.inf)
        if not ok:
            raise InvalidConditionError(
                f"--{name} must be a finite number {'> 0' if strict else '>= 0'}"
                + (f" and at most {LIMITS[name]:g}" if name in LIMITS else "")
                + f", got {value}"
            )
    a, b = (
        m if isinstance(m, MechanicalParameters) else get_mechanics(m)
        for m in (material_a, material_b)
    )
    sources: list[str] = []
    is_li = [m.name == "Li" for m in (a, b)]
    if all(is_li):
        raise InvalidConditionError("a Li|Li pair has no solid-solid contact to model here")
    if any(is_li) and temperature_k >= LI_MELTING_K:
        raise InvalidConditionError(
            f"{temperature_k:g} K is at or above the melting point of Li ({LI_MELTING_K} K): "
            "the solid-contact model does not apply to molten Li"
        )
    resistivities = [r for r in (_resistivity(a), _resistivity(b)) if r is not None]
    if not resistivities:
        raise MissingDataError(
            f"no sourced Li+ conductivity for {a.name} or {b.name}: cannot compute the "
            "constriction resistance"
        )
    rho_a = resistivities[0]
    rho_b = resistivities[1] if len(resistivities) > 1 else None
    fractions: list[float] = []
    spots: list[float | None] = []
    valid: list[bool] = []
    e_star: float | None = None
    if any(is_li):
        li = a if is_li[0] else b
        model = "plastic+creep" if hold_time_s > 0 else "plastic"
        y = li.value("yield_strength_mpa")
        sources += [li.require("yield_strength_mpa").source, "johnson1985"]
        for pi in p:
            if hold_time_s > 0:
                cc = li_creep_contact(pi, [hold_time_s], temperature_k, y)
                f = cc.contact_fraction[0]
                sources += list(cc.sources)
            else:
                f = min(pi / (TABOR_CONSTRAINT * y), 1.0)
            fractions.append(f)
            # every summit touches once yielded: spot radius from the summit density
            spots.append(math.sqrt(f / (math.pi * asperity_density_per_um2)) if f > 0 else None)
            valid.append(True)
    else:
        model = "greenwood-williamson"
        e_star = composite_modulus_gpa(a, b)
        for q in ("youngs_modulus_gpa", "poisson_ratio"):
            sources += [a.require(q).source, b.require(q).source]
        for pi in p:
            rc = greenwood_williamson(
                pi, rms_roughness_um, asperity_radius_um, asperity_density_per_um2, e_star
            )
            fractions.append(rc.contact_fraction)
            spots.append(rc.spot_radius_um)
            valid.append(rc.valid)
            sources += list(rc.sources)
    for m in (a, b):
        if m.li_conductivity_s_cm is not None:
            sources.append(m.li_conductivity_s_cm.source)
    constr: list[float | None] = []
    total: list[float | None] = []
    focus: list[float | None] = []
    for f, s in zip(fractions, spots, strict=True):
        if f <= 0 or s is None:
            constr.append(None)
            total.append(None)
            focus.append(None)
            continue
        r = interface_resistance(
            f, s, rho_a, rho_b, intrinsic_asr_ohm_cm2, model=constriction_model
        )
        constr.append(r.constriction_ohm_cm2)
        total.append(r.total_ohm_cm2)
        focus.append(r.current_focusing_factor)
        sources += list(r.sources)
    return ContactSweep(
        material_a=a.name,
        material_b=b.name,
        model=model,
        temperature_k=temperature_k,
        hold_time_s=hold_time_s,
        pressure_mpa=tuple(p.tolist()),
        contact_fraction=tuple(fractions),
        spot_radius_um=tuple(spots),
        constriction_ohm_cm2=tuple(constr),
        total_asr_ohm_cm2=tuple(total),
        current_focusing_factor=tuple(focus),
        valid=tuple(valid),
        composite_modulus_gpa=e_star,
        sources=tuple(dict.fromkeys(sources)),
        note="" if all(valid) else "GW beyond its range (fraction > 0.1) at some pressures",
    )
