"""Result records of the contact-fed particle model: one run (`ParticleResult`) and a
contact-fraction sweep (`ContactSweepResult`). Plain frozen dataclasses, no numerics."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from interphase.results import Result


@dataclass(frozen=True)
class ParticleResult(Result):
    """Outcome of one particle run.

    `frames` are Li-fraction maps (NaN outside the particle) at `frame_times_s`: for 2-D
    geometries indexed [ix, iy] over the square [-R, R]^2; for the sphere indexed [ir, itheta]
    (r from 0 to R, theta from 0 to pi). `capacity_fraction` is the Li moved, as a fraction of
    the material's practical Li-fraction window; `over_delithiated_fraction` the volume fraction
    whose Li fraction fell below `threshold_li_fraction` at any time of the run (None when no
    threshold is known). `conservation_error_relative` compares the Li lost from the particle
    with the integrated contact current.
    """

    material: str
    geometry: str
    operation: str
    mode: str
    contact_fraction: float
    contact_fraction_mesh: float
    n_patches: int
    c_rate: float | None
    hold_potential_v: float | None
    radius_um: float
    grid: int
    temperature_k: float
    diffusivity_cm2_s: float
    exchange_current_density_ma_cm2: float
    kinetics: str
    cutoff_v: float | None
    termination: str
    time_s: float
    capacity_fraction: float
    capacity_mah_g: float
    li_fraction_mean_initial: float
    li_fraction_mean_final: float
    li_fraction_min: float
    li_fraction_max: float
    threshold_li_fraction: float | None
    threshold_source: str
    over_delithiated_fraction: float | None
    li_initial_mol: float
    li_final_mol: float
    li_through_contacts_mol: float
    conservation_error_relative: float
    n_steps: int
    n_factorizations: int
    time_trace_s: tuple[float, ...]
    potential_trace_v: tuple[float, ...]
    current_density_trace_ma_cm2: tuple[float, ...]
    frame_times_s: tuple[float, ...]
    frames: tuple[np.ndarray, ...]
    citations: tuple[str, ...]
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class ContactSweepResult(Result):
    """Capacity and over-delithiation against contact fraction (same conditions otherwise)."""

    material: str
    geometry: str
    operation: str
    c_rate: float | None
    n_patches: int
    grid: int
    contact_fraction: tuple[float, ...]
    capacity_fraction: tuple[float, ...]
    capacity_mah_g: tuple[float, ...]
    over_delithiated_fraction: tuple[float | None, ...]
    time_s: tuple[float, ...]
    termination: tuple[str, ...]
    threshold_li_fraction: float | None
    citations: tuple[str, ...]
