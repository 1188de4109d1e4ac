"""The thickness at which an electron-blocking interphase stops growing: the electron
tunnelling range through it (Peled's SEI model, J. Electrochem. Soc. 126, 2047 (1979)).

An insulating layer grows while electrons from the electrode reach its front. Through a
barrier of height phi (the layer's conduction band above the electrode's Fermi level) the
tunnelling current falls as exp(-2 kappa L) with kappa = sqrt(2 m_e phi) / hbar (WKB, free
electron mass), so growth stops at

    L_t = ln(A) / (2 kappa),

where A is the attenuation at which the front no longer advances on the time scale of
interest. Neither A nor phi is known for a given layer: phi is taken as half the PBE band gap
(the Fermi level mid-gap) with a quarter and three quarters of the gap as its range, and A as
1e9 with 1e6..1e12 as its range. These two ranges are assumptions, stated wherever the
thickness is used; the result is a few nanometres for wide-gap layers (1.4 nm for a 4 eV gap).
"""

from __future__ import annotations

import math

from scipy import constants as _c

from interphase.errors import InvalidConditionError

ATTENUATION = (1e6, 1e9, 1e12)  # low, central, high (assumed, see the module text)
BARRIER_FRACTION_OF_GAP = (0.25, 0.5, 0.75)  # low, central, high (assumed)


def tunnelling_thickness_nm(
    gap_ev: float, attenuation: float = ATTENUATION[1], barrier_fraction: float = 0.5
) -> float:
    """ln(A) / (2 kappa) in nm for a barrier of `barrier_fraction` x `gap_ev`."""
    if not (math.isfinite(gap_ev) and gap_ev > 0):
        raise InvalidConditionError(f"a tunnelling barrier needs a band gap > 0 eV, got {gap_ev}")
    if not (attenuation > 1 and 0 < barrier_fraction <= 1):
        raise InvalidConditionError(
            "attenuation must exceed 1 and the barrier fraction lie in (0, 1]"
        )
    phi_j = barrier_fraction * gap_ev * _c.e
    kappa = math.sqrt(2.0 * _c.m_e * phi_j) / _c.hbar  # 1/m
    return math.log(attenuation) / (2.0 * kappa) * 1e9


def tunnelling_band_nm(gap_ev: float) -> tuple[float, float, float]:
    """(low, central, high) tunnelling thickness over the assumed ranges of A and phi."""
    lo = tunnelling_thickness_nm(gap_ev, ATTENUATION[0], BARRIER_FRACTION_OF_GAP[2])
    mid = tunnelling_thickness_nm(gap_ev, ATTENUATION[1], BARRIER_FRACTION_OF_GAP[1])
    hi = tunnelling_thickness_nm(gap_ev, ATTENUATION[2], BARRIER_FRACTION_OF_GAP[0])
    return lo, mid, hi


__all__ = [
    "ATTENUATION",
    "BARRIER_FRACTION_OF_GAP",
    "tunnelling_band_nm",
    "tunnelling_thickness_nm",
]
