"""The host-lattice check of a diffusion run: each host species (an element, or a
polyanion followed at its centre of mass, from `rigid_units`) gets a D from its late MSD
slope, and the polyanions' bonds are checked for breaking; a host that diffuses or decomposes
marks the run as not the crystal's (`DiffusionResult.framework_*`, `host_verdict`)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

import numpy as np

from interphase.atomistic.diffusion_msd import MIN_HOP_MSD_A2, _msd_all_origins

if TYPE_CHECKING:
    from interphase.atomistic.diffusion_analysis import DiffusionResult

# Heuristic chosen here (no published criterion): a host species with a D above 5 % of the
# mobile D means the host is not stable. Set in the first release on pooled host atoms (CHGNet,
# 50-atom LGPS, 15 ps: 4.9/3.5 % at 800/1000 K as a crystal, 10.5 % at 1200 K molten) and kept
# for the per-species check, where the same runs give < 0.1 / 4.3 % and a 42 % broken-bond
# fraction at 1200 K; the 100-atom LGPS gives 0.1-0.4 % at 600-800 K and 14 % (PS4) molten at
# 1000 K. See docs/atomistic.md.
FRAMEWORK_D_FRACTION = 0.05


# A unit bond longer than this many times its first-frame length (mean over the last tenth of
# the run) is broken; more than BROKEN_UNIT_FRACTION of them broken means the polyanions
# decompose. Chosen here: intact P–S, P–O, C–O bonds vibrate by < 10 % at the temperatures of
# a transport run, and a bond 30 % longer has no covalent overlap left.
BROKEN_BOND_FACTOR = 1.3
BROKEN_UNIT_FRACTION = 0.1
# Bond cut-off: 1.1 × the sum of ASE's covalent radii (P–S 2.33 Å, P–O 1.83 Å, C–O 1.45 Å),
# above the bond lengths with their thermal spread and below the next shells.
UNIT_BOND_MULT = 1.1


def rigid_units(host: Any) -> list[tuple[int, ...]]:
    """Polyanions of a host (ASE Atoms: the first ~1 ps averaged, without the mobile species):
    a centre with at least two bonded neighbours each bonded to that centre alone (bonds:
    UNIT_BOND_MULT × ASE's covalent-radius sums), e.g. PS4, PO4, GeS4, CO3; centre first.
    Frameworks (an O bridging P and Ti, or Zr and La) form no units.

    Why: such units rotate in fast conductors (the paddle-wheel motion of thiophosphates) while
    their centres stay on their sites; the host check follows their centres of mass so that a
    rotation is not read as the lattice melting. Written here (ASE finds the bonds; no library
    groups a trajectory into rigid units)."""
    from ase.neighborlist import natural_cutoffs, neighbor_list

    i, j = neighbor_list("ij", host, natural_cutoffs(host, mult=UNIT_BOND_MULT))
    nbrs: list[set[int]] = [set() for _ in range(len(host))]
    for a, b in zip(i.tolist(), j.tolist(), strict=True):
        if a != b:
            nbrs[a].add(b)
    return [
        (c, *sorted(ns))
        for c, ns in enumerate(nbrs)
        if len(ns) >= 2 and all(nbrs[t] == {c} for t in ns)
    ]


def _unit_formula(symbols: list[str], unit: tuple[int, ...]) -> str:
    """'PS4' for a P centre with four S (centre first, then the neighbours by element)."""
    from collections import Counter

    counts = Counter(symbols[k] for k in unit[1:])
    return symbols[unit[0]] + "".join(
        f"{el}{n if n > 1 else ''}" for el, n in sorted(counts.items())
    )


def _broken_bond_fraction(host: Any, host_pos: np.ndarray, units: list[tuple[int, ...]]) -> float:
    """Fraction of centre–neighbour bonds of `units` longer than BROKEN_BOND_FACTOR × their
    reference length, averaged over the last tenth of the frames. `host.positions` are the
    unwrapped reference positions; each bond is the unwrapped difference plus the lattice
    vector that makes the reference bond a minimum image."""
    c_idx = np.array([u[0] for u in units for _ in u[1:]])
    t_idx = np.array([t for u in units for t in u[1:]])
    from ase.geometry import find_mic

    raw = host.positions[t_idx] - host.positions[c_idx]
    v_ref, _ = find_mic(raw, host.cell, host.pbc)  # all bonds at once, not one call per bond
    shift = v_ref - raw
    tail = host_pos[-max(1, host_pos.shape[0] // 10) :]
    length = np.linalg.norm(tail[:, t_idx] - tail[:, c_idx] + shift[None], axis=-1).mean(axis=0)
    return float(np.mean(length > BROKEN_BOND_FACTOR * np.linalg.norm(v_ref, axis=-1)))


def _late_slope_d(tracks: np.ndarray, frame_interval_ps: float) -> float:
    """D (cm²/s) from the slope of the all-origin MSD of `tracks` (frames, sites, 3) over the
    second half of the lags, where vibration and libration plateaus have no slope."""
    n_frames = tracks.shape[0]
    max_lag = max(4, (n_frames - 1) // 2)
    lags = np.unique(np.linspace(max_lag // 2, max_lag, 12).round().astype(int))
    lags = lags[lags >= 1]
    msd = _msd_all_origins(tracks, lags).tracer
    slope = float(np.polyfit(lags * frame_interval_ps, msd, 1)[0]) if len(lags) >= 2 else 0.0
    return max(slope, 0.0) / 6.0 * 1e-4  # Å^2/ps -> cm^2/s


def _with_framework_check(
    res: DiffusionResult, host_pos: np.ndarray, frame_interval_ps: float, host: Any
) -> DiffusionResult:
    """The host check. Each host species (an element, or a polyanion from `rigid_units`
    followed at its centre of mass) gets a D from its late MSD slope; the run is flagged when
    any of them exceeds FRAMEWORK_D_FRACTION of the mobile species' D (that sublattice melts or
    the crystal decomposes, so the mobile D is not the crystal's), or when the polyanions'
    bonds break. Species by species, so one mobile sublattice (Cl in an argyrodite) is not
    averaged away among the many atoms that stay. The D ratio is judged only once the mobile
    species has hopped (tracer MSD ≥ MIN_HOP_MSD_A2). `host`: ASE Atoms of the host atoms at
    their reference (early-averaged, unwrapped) positions."""
    symbols = host.get_chemical_symbols()
    masses = host.get_masses()
    units = rigid_units(host)
    tracks: dict[str, list[np.ndarray]] = {}
    for u in units:
        m = masses[list(u)]
        centre = (host_pos[:, list(u)] * m[None, :, None]).sum(axis=1) / m.sum()
        tracks.setdefault(_unit_formula(symbols, u), []).append(centre)
    grouped = {k for u in units for k in u}
    for k in range(len(symbols)):
        if k not in grouped:
            tracks.setdefault(symbols[k], []).append(host_pos[:, k])
    by_species = tuple(
        (label, len(t), _late_slope_d(np.stack(t, axis=1), frame_interval_ps))
        for label, t in sorted(tracks.items())
    )
    worst, _, d_host = max(by_species, key=lambda x: x[2])
    broken = _broken_bond_fraction(host, host_pos, units) if units else None
    d_mobile = res.tracer.d_cm2_s
    # a ratio to the D of a species that has not hopped yet is noise over noise (La "at 10 %"
    # of the Li D in tetragonal LLZO at 1000 K, where no Li hops in 5 ps): no verdict then
    hopped = bool(res.msd_tracer_a2) and res.msd_tracer_a2[-1] >= MIN_HOP_MSD_A2
    diffusing = hopped and d_mobile > 0 and d_host > FRAMEWORK_D_FRACTION * d_mobile
    breaking = broken is not None and broken > BROKEN_UNIT_FRACTION
    warns = res.warnings
    if diffusing:
        warns = (
            *warns,
            f"the host's {worst} diffuses (D = {d_host:.2g} cm^2/s, {d_host / d_mobile:.0%} of "
            f"the {res.species} D): the lattice is melting or decomposing at this temperature; "
            "leave it out of an Arrhenius fit",
        )
    if breaking:
        names = sorted({_unit_formula(symbols, u) for u in units})
        warns = (
            *warns,
            f"{broken:.0%} of the bonds in the host's {', '.join(names)} units are broken at "
            "the end of the run: the polyanions decompose; leave it out of an Arrhenius fit",
        )
    return replace(
        res,
        framework_d_cm2_s=d_host,
        framework_stable=not (diffusing or breaking),
        framework_species_d_cm2_s=by_species,
        framework_broken_bond_fraction=broken,
        warnings=warns,
    )
