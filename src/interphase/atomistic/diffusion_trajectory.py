"""Diffusion from a trajectory file: reading frames and metadata, unwrapping periodic
jumps (NPT cells included), removing the centre-of-mass drift, then the displacement
analysis and the host-lattice check (`diffusion_from_trajectory`)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from interphase.atomistic.diffusion_analysis import DiffusionResult, analyse_displacements
from interphase.atomistic.diffusion_host import _with_framework_check
from interphase.atomistic.trajectory_files import metadata_path_for
from interphase.errors import InputFileError, MissingDataError


def read_trajectory(path: str | Path) -> tuple[list[Any], dict[str, Any]]:
    """Frames (ASE Atoms) and metadata (from the frames' info and the .meta.json beside them)."""
    from ase.io import read

    p = Path(path)
    if not p.exists():
        raise InputFileError(f"trajectory {str(p)!r} does not exist")
    try:
        frames = read(str(p), index=":")
    except Exception as exc:
        why = str(exc).strip() or type(exc).__name__
        raise InputFileError(
            f"cannot read trajectory {p.name!r} ({why}): give an extxyz or ASE .traj file "
            "written by `interphase md`"
        ) from None
    if not frames:
        raise InputFileError(f"trajectory {p.name!r} has no frames")
    meta: dict[str, Any] = {}
    side = metadata_path_for(p)
    if side.exists():
        meta.update(json.loads(side.read_text()))
    meta.update({k: v for k, v in frames[0].info.items() if isinstance(v, int | float | str)})
    if len(frames) > 1 and "time_fs" in frames[1].info and "time_fs" in frames[0].info:
        meta["frame_interval_fs"] = float(frames[1].info["time_fs"]) - float(
            frames[0].info["time_fs"]
        )
    return frames, meta


def unwrap(frames: list[Any]) -> np.ndarray:
    """Cartesian positions (frames, atoms, 3) made continuous by removing jumps across the
    periodic boundary between consecutive frames (minimum image on fractional differences).
    Each jump is converted with the later frame's cell, so NPT runs (changing cell) unwrap too."""
    cells = np.array([np.asarray(f.cell) for f in frames])
    frac = np.array([f.get_scaled_positions(wrap=False) for f in frames])
    d = np.diff(frac, axis=0)
    d -= np.round(d)
    steps = np.einsum("fai,fij->faj", d, cells[1:])
    start = frac[0] @ cells[0]
    return np.concatenate([start[None], start[None] + np.cumsum(steps, axis=0)], axis=0)


def diffusion_from_trajectory(
    path: str | Path,
    species: str = "Li",
    *,
    temperature_k: float | None = None,
    frame_interval_fs: float | None = None,
    fit_start_ps: float | None = None,
    remove_drift: bool = True,
    charge: float = 1.0,
) -> DiffusionResult:
    """Analyse a trajectory written by `run_md` (or any extxyz/.traj with the same frame
    spacing). Temperature and frame interval come from its metadata unless given."""
    frames, meta = read_trajectory(path)
    temp = temperature_k if temperature_k is not None else meta.get("temperature_K")
    if temp is None:
        raise MissingDataError(f"{Path(path).name}: no temperature in its metadata; give one")
    dt_fs = frame_interval_fs or meta.get("frame_interval_fs")
    if dt_fs is None and "timestep_fs" in meta and "save_interval" in meta:
        dt_fs = float(meta["timestep_fs"]) * int(meta["save_interval"])
    if dt_fs is None:
        raise MissingDataError(f"{Path(path).name}: no frame interval in its metadata; give one")
    symbols = np.array(frames[0].get_chemical_symbols())
    mobile = symbols == species
    if not mobile.any():
        raise MissingDataError(f"{Path(path).name}: no {species} atoms")
    pos = unwrap(frames)
    if remove_drift:
        masses = frames[0].get_masses()
        com = (pos * masses[None, :, None]).sum(axis=1) / masses.sum()
        pos = pos - (com - com[0])[:, None, :]
    res = analyse_displacements(
        pos[:, mobile],
        dt_fs / 1000.0,
        temperature_k=float(temp),
        volume_a3=float(np.mean([f.get_volume() for f in frames])),  # NPT: mean volume
        species=species,
        charge=charge,
        fit_start_ps=fit_start_ps,
        source=str(path),
    )
    res = replace(res, formula=frames[0].get_chemical_formula(mode="metal", empirical=True))
    if (~mobile).any():
        host = np.flatnonzero(~mobile)
        # bonds from the mean of the first ~1 ps (thermal vibration averaged out)
        ref = frames[0][host]
        ref.positions = pos[: max(1, min(len(frames) // 10, int(1000.0 / dt_fs))), host].mean(0)
        res = _with_framework_check(res, pos[:, host], dt_fs / 1000.0, ref)
    return res
