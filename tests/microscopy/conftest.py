"""Shared small simulations of the microscopy tests: a LiCoO2 [100] cation-mixing series
(x = 0, 0.25, 0.5) at coarse settings, simulated once per session (about 10 s on 2 cores)."""

from __future__ import annotations

import pytest

pytest.importorskip("abtem")

# coarse but physical: HAADF 60-80 mrad reaches the grid at 0.10 Å; 0.45 Å scan steps
COARSE = {
    "probe_window_a": 0.0,
    "scan_sampling_a": 0.45,
    "slice_thickness_a": 2.83,
}


@pytest.fixture(scope="session")
def coarse():
    return dict(COARSE)


@pytest.fixture(scope="session")
def coarse_preset():
    from interphase.microscopy.presets import customise, get_preset

    return customise(get_preset("corrected-200kv"), haadf_mrad=(60.0, 80.0))


@pytest.fixture(scope="session")
def mixing_series(coarse_preset):
    from interphase.atomistic.structures import load_structure
    from interphase.microscopy.series import cation_mixing_series

    return cation_mixing_series(
        load_structure("LiCoO2"),
        [0.0, 0.25, 0.5],
        zone="1,0,0",
        thickness_nm=1.2,
        in_plane=(2, 1),
        preset=coarse_preset,
        **COARSE,
    )
