"""Physical constants, one home for the whole package: CODATA values from scipy.constants.

Units are in the names (``_C_MOL`` = C/mol, ``_J_MOL_K`` = J/(mol K), ...). Since the 2019 SI
redefinition e, k and N_A are exact, so every value below is exact too, except the rounded
eV → kJ/mol factor, which is pymatgen's (kept so that reaction energies match pymatgen's).
"""

from __future__ import annotations

from scipy import constants as _codata

FARADAY_C_MOL: float = _codata.value("Faraday constant")
"""Faraday constant F = N_A e, in C/mol."""

GAS_CONSTANT_J_MOL_K: float = _codata.value("molar gas constant")
"""Molar gas constant R = N_A k_B, in J/(mol K)."""

K_B_EV: float = _codata.k / _codata.e
"""Boltzmann constant k_B, in eV/K."""

K_B_J: float = _codata.k
"""Boltzmann constant k_B, in J/K."""

ELEMENTARY_CHARGE_C: float = _codata.e
"""Elementary charge e, in C."""

AVOGADRO_PER_MOL: float = _codata.N_A
"""Avogadro constant N_A, in 1/mol."""

EV_TO_KJ_PER_MOL: float = 96.4853
"""1 eV per particle in kJ/mol: F/1000 rounded as pymatgen's InterfacialReactivity has it."""

KJ_PER_MOL_TO_EV: float = 1 / EV_TO_KJ_PER_MOL
"""1 kJ/mol in eV per particle (the inverse of EV_TO_KJ_PER_MOL)."""

__all__ = [
    "AVOGADRO_PER_MOL",
    "ELEMENTARY_CHARGE_C",
    "EV_TO_KJ_PER_MOL",
    "FARADAY_C_MOL",
    "GAS_CONSTANT_J_MOL_K",
    "KJ_PER_MOL_TO_EV",
    "K_B_EV",
    "K_B_J",
]
