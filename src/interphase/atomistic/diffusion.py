"""Diffusion from MD: tracer and collective (charge) MSD, D with a credible interval that
accounts for the correlation of MSD points, Nernst–Einstein conductivity, Haven ratio, Arrhenius.

This module is the public entry; the analysis is split by idea over `diffusion_msd` (the MSD
estimator and its correlated-point interval, after kinisi: McCluskey, Coles & Morgan,
arXiv:2305.18244), `diffusion_analysis` (D, diffusive-regime checks, Nernst–Einstein
conductivity and Haven ratio of one run), `diffusion_host` (host-lattice check),
`diffusion_trajectory` (reading and unwrapping trajectories) and `diffusion_arrhenius`
(Arrhenius fit and extrapolation). Every public name is re-exported here.

Units: time in ps, MSD in Å^2, D in cm^2/s, conductivity in S/cm, energies in eV, T in K.
"""

from __future__ import annotations

from interphase.atomistic.diffusion_analysis import (
    MIN_RUN_PS,
    DiffusionResult,
    analyse_displacements,
    nernst_einstein_s_cm,
    run_for_offset_check,
)
from interphase.atomistic.diffusion_arrhenius import (
    ArrheniusResult,
    arrhenius_fit,
    arrhenius_from_results,
)
from interphase.atomistic.diffusion_host import (
    BROKEN_BOND_FACTOR,
    BROKEN_UNIT_FRACTION,
    FRAMEWORK_D_FRACTION,
    UNIT_BOND_MULT,
    rigid_units,
)
from interphase.atomistic.diffusion_msd import (
    A2_PER_PS_TO_CM2_PER_S,
    MIN_HOP_MSD_A2,
    LinearFit,
    MSDCurves,
    truncated_normal_interval,
)
from interphase.atomistic.diffusion_trajectory import (
    diffusion_from_trajectory,
    read_trajectory,
    unwrap,
)

# the constants this module used to import, still importable from it
from interphase.constants import ELEMENTARY_CHARGE_C as E_CHARGE
from interphase.constants import K_B_EV, K_B_J

__all__ = [
    "A2_PER_PS_TO_CM2_PER_S",
    "BROKEN_BOND_FACTOR",
    "BROKEN_UNIT_FRACTION",
    "E_CHARGE",
    "FRAMEWORK_D_FRACTION",
    "K_B_EV",
    "K_B_J",
    "MIN_HOP_MSD_A2",
    "MIN_RUN_PS",
    "UNIT_BOND_MULT",
    "ArrheniusResult",
    "DiffusionResult",
    "LinearFit",
    "MSDCurves",
    "analyse_displacements",
    "arrhenius_fit",
    "arrhenius_from_results",
    "diffusion_from_trajectory",
    "nernst_einstein_s_cm",
    "read_trajectory",
    "rigid_units",
    "run_for_offset_check",
    "truncated_normal_interval",
    "unwrap",
]
