"""BVSE percolation barriers rank a fast and a poor Li conductor."""

import pytest

pytest.importorskip("bvlain")

from interphase.atomistic.bvse import bvse_barriers
from interphase.errors import InvalidConditionError


def test_lgps_barrier_well_below_li3po4():
    lgps = bvse_barriers("Li10GeP2S12", resolution_a=0.3)
    lpo = bvse_barriers("Li3PO4", resolution_a=0.3)
    for r in (lgps, lpo):
        assert r.barrier_ev is not None and r.percolation_dimension >= 1
    assert lgps.percolation_dimension == 3
    assert lgps.barrier_ev < lpo.barrier_ev
    # long-range (3D) transport: LGPS ~0.6 eV vs Li3PO4 > 1 eV (measured at 0.3 Å)
    assert lpo.barrier_3d_ev is None or lgps.barrier_3d_ev < lpo.barrier_3d_ev - 0.3
    assert lgps.oxidation_states == {"Li": 1.0, "Ge": 4.0, "P": 5.0, "S": -2.0}


def test_bvse_rejects_missing_ion():
    with pytest.raises(InvalidConditionError):
        bvse_barriers("Al2O3")


def test_li3n_layer_path_opens_first():
    """alpha-Li3N conducts in its Li2N layers (1.2e-3 S/cm perpendicular to c at 25 degC,
    `alpen1977`, far above the value along c): its BVSE network percolates in 2D (the
    layers, the only 2D-periodic choice in P6/mmm) below the 3D barrier, and far below the
    1D barrier of the poor conductor Li3PO4."""
    li3n = bvse_barriers("Li3N", resolution_a=0.3)
    lpo = bvse_barriers("Li3PO4", resolution_a=0.3)
    assert li3n.barrier_2d_ev is not None and li3n.barrier_3d_ev is not None
    assert li3n.barrier_2d_ev < li3n.barrier_3d_ev
    assert li3n.barrier_2d_ev < lpo.barrier_ev - 0.3
