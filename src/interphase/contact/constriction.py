"""Constriction (spreading) resistance of ions funnelled through contact spots.

- one circular spot of radius a on a half-space of resistivity rho: R = rho / (4a)
  (Holm; Newman 1966 for a disk electrode);
- n spots at known positions: Greenwood (1966),
  R = rho/(4 sum a_i) + rho/(2 pi n^2) sum_{i != j} 1/s_ij   (one half-space);
- a regular array of spots covering a fraction f of the interface: each spot feeds a flux tube
  and the interaction shows as the alleviation factor psi = (1 - sqrt f)^1.5 (Cooper, Mikic &
  Yovanovich 1969), R A = rho pi a psi / (4 f).

Units: resistivity in ohm cm, lengths in um, area-specific resistance in ohm cm^2.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from interphase.errors import InvalidConditionError
from interphase.results import Result

UM_TO_CM = 1e-4


def _check_fraction(contact_fraction: float) -> None:
    if not 0.0 < contact_fraction <= 1.0:
        raise InvalidConditionError(
            f"contact fraction must be within (0, 1], got {contact_fraction}"
        )


def _check_positive(name: str, value: float) -> None:
    if not (value > 0 and math.isfinite(value)):
        raise InvalidConditionError(f"{name} must be > 0, got {value}")


def spot_constriction_resistance_ohm(resistivity_ohm_cm: float, spot_radius_um: float) -> float:
    """rho / (4 a): one circular spot on one half-space (both sides: add the two)."""
    _check_positive("resistivity_ohm_cm", resistivity_ohm_cm)
    _check_positive("spot_radius_um", spot_radius_um)
    return resistivity_ohm_cm / (4.0 * spot_radius_um * UM_TO_CM)


def greenwood_cluster_resistance_ohm(
    resistivity_ohm_cm: float, spot_radii_um: ArrayLike, positions_um: ArrayLike
) -> float:
    """Greenwood (1966) resistance of n spots on one half-space, interaction to first order.

    positions_um: (n, 2) spot centres. Valid when spots are farther apart than their radii.
    """
    _check_positive("resistivity_ohm_cm", resistivity_ohm_cm)
    a = np.atleast_1d(np.asarray(spot_radii_um, dtype=float)) * UM_TO_CM
    xy = np.atleast_2d(np.asarray(positions_um, dtype=float)) * UM_TO_CM
    if a.ndim != 1 or xy.shape != (a.size, 2):
        raise InvalidConditionError("need one (x, y) position per spot radius")
    if np.any(a <= 0):
        raise InvalidConditionError("spot radii must be > 0 um")
    n = a.size
    r = resistivity_ohm_cm / (4.0 * a.sum())
    if n > 1:
        d = np.sqrt(((xy[:, None, :] - xy[None, :, :]) ** 2).sum(-1))
        iu = np.triu_indices(n, k=1)
        if np.any(d[iu] <= 0):
            raise InvalidConditionError("two spots share a position")
        r += resistivity_ohm_cm / (2.0 * math.pi * n**2) * 2.0 * float((1.0 / d[iu]).sum())
    return r


@dataclass(frozen=True)
class InterfaceResistance(Result):
    """Area-specific resistance of a partially touching interface."""

    contact_fraction: float
    spot_radius_um: float
    spots_per_cm2: float
    constriction_ohm_cm2: float
    transfer_ohm_cm2: float
    total_ohm_cm2: float
    current_focusing_factor: float
    alleviation_factor: float
    model: str
    sources: tuple[str, ...]


def interface_resistance(
    contact_fraction: float,
    spot_radius_um: float,
    resistivity_a_ohm_cm: float,
    resistivity_b_ohm_cm: float | None = None,
    intrinsic_asr_ohm_cm2: float = 0.0,
    model: str = "flux_tube",
) -> InterfaceResistance:
    """ASR of an interface touching on equal circular spots covering `contact_fraction`.

    Constriction: spots per area N = f / (pi a^2); each spot spreads into both sides,
    R_spot = (rho_a + rho_b)/(4a) * psi, psi = (1 - sqrt f)^1.5 for "flux_tube" (spots in a
    regular array, Cooper-Mikic-Yovanovich) or 1 for "holm" (independent spots, valid f -> 0);
    ASR_c = R_spot / N. The charge-transfer (or interphase) ASR of a fully touching interface,
    `intrinsic_asr_ohm_cm2`, acts only on the touching area: ASR_t = ASR_0 / f. The current
    focusing factor is the mean current density in the spots over the nominal one, 1/f (the
    spot edges see more).
    Give rho_b = None when the other side is a metal (Li) whose spreading resistance is nil.
    """
    _check_fraction(contact_fraction)
    _check_positive("spot_radius_um", spot_radius_um)
    _check_positive("resistivity_a_ohm_cm", resistivity_a_ohm_cm)
    if resistivity_b_ohm_cm is not None:
        _check_positive("resistivity_b_ohm_cm", resistivity_b_ohm_cm)
    if intrinsic_asr_ohm_cm2 < 0:
        raise InvalidConditionError("intrinsic ASR must be >= 0 ohm cm2")
    if model not in ("flux_tube", "holm"):
        raise InvalidConditionError(f"unknown constriction model {model!r} (flux_tube, holm)")
    f = contact_fraction
    a_cm = spot_radius_um * UM_TO_CM
    n_per_cm2 = f / (math.pi * a_cm**2)
    psi = (1.0 - math.sqrt(f)) ** 1.5 if model == "flux_tube" else 1.0
    rho = resistivity_a_ohm_cm + (resistivity_b_ohm_cm or 0.0)
    r_spot = rho / (4.0 * a_cm) * psi
    constriction = r_spot / n_per_cm2
    transfer = intrinsic_asr_ohm_cm2 / f
    sources = ("newman1966", "cooper1969") if model == "flux_tube" else ("newman1966",)
    return InterfaceResistance(
        contact_fraction=f,
        spot_radius_um=spot_radius_um,
        spots_per_cm2=n_per_cm2,
        constriction_ohm_cm2=constriction,
        transfer_ohm_cm2=transfer,
        total_ohm_cm2=constriction + transfer,
        current_focusing_factor=1.0 / f,
        alleviation_factor=psi,
        model=model,
        sources=sources,
    )
