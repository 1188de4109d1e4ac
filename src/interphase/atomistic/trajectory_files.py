"""The files beside a trajectory: its metadata JSON and its exact-restart checkpoint.

A trajectory file holds frames every `save_interval` steps, so a restart from its last frame
would re-run the steps after that frame and start the thermostat afresh (Nosé–Hoover chain
variables at zero, a new random stream for Langevin/Bussi). The checkpoint written at the end
of every run holds the state after the last step: positions, momenta, cell, the step count and
the integrator's own variables (thermostat and barostat coordinates and momenta, the random
generator's state). A run continued from it is the same run, step for step, as one that never
stopped (tested to round-off for Nosé–Hoover and Langevin).

The integrator variables are private attributes of ASE 3.29's integrators (no public API
exposes them); when an integrator lacks them the state is simply not carried over and the run
continues as from a frame.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

CHECKPOINT_VERSION = 1


def metadata_path_for(trajectory: str | Path) -> Path:
    """`<trajectory>.meta.json`: the run's metadata, written by `md.run_md`."""
    p = Path(trajectory)
    return p.with_name(p.name + ".meta.json")


def checkpoint_path_for(trajectory: str | Path) -> Path:
    """`<trajectory>.restart.npz`: the exact state after the last step of the last run."""
    p = Path(trajectory)
    return p.with_name(p.name + ".restart.npz")


@dataclass(frozen=True)
class Checkpoint:
    """State after step `step` (absolute, production steps). `frames` frames had been written,
    the last at `last_frame_step`; `ensemble`, `temperature_k`, `timestep_fs` are those of the
    run that wrote it, `integrator` its own variables (see `integrator_state`)."""

    step: int
    frames: int
    last_frame_step: int
    ensemble: str
    temperature_k: float
    timestep_fs: float
    positions: np.ndarray  # Å, (n, 3), unwrapped
    momenta: np.ndarray  # ASE units, (n, 3)
    cell: np.ndarray  # Å, (3, 3)
    numbers: np.ndarray
    integrator: dict[str, Any]


def _thermostat_state(th: Any) -> dict[str, list[float]]:
    return {"eta": th._eta.tolist(), "p_eta": th._p_eta.tolist()}


def integrator_state(dyn: Any) -> dict[str, Any]:
    """The variables of an ASE integrator that positions and momenta do not hold."""
    state: dict[str, Any] = {}
    th = getattr(dyn, "_thermostat", None)
    if th is not None and hasattr(th, "_eta"):
        state["thermostat"] = _thermostat_state(th)
    baro = getattr(dyn, "_barostat", None)
    if baro is not None and hasattr(baro, "_xi") and hasattr(dyn, "_p_eps"):
        state["barostat"] = {"xi": baro._xi.tolist(), "p_xi": baro._p_xi.tolist()}
        state["p_eps"] = float(dyn._p_eps)
    rng = getattr(dyn, "rng", None)
    if isinstance(rng, np.random.Generator):
        state["rng"] = rng.bit_generator.state
    return state


def restore_integrator_state(dyn: Any, state: dict[str, Any]) -> None:
    """Set what `integrator_state` saved on a freshly built integrator of the same kind. The
    MTK barostat's strain restarts at 0 about the checkpoint's cell, which is the same cell."""
    th = getattr(dyn, "_thermostat", None)
    if "thermostat" in state and th is not None and hasattr(th, "_eta"):
        th._eta = np.array(state["thermostat"]["eta"], dtype=float)
        th._p_eta = np.array(state["thermostat"]["p_eta"], dtype=float)
    baro = getattr(dyn, "_barostat", None)
    if "barostat" in state and baro is not None and hasattr(baro, "_xi"):
        baro._xi = np.array(state["barostat"]["xi"], dtype=float)
        baro._p_xi = np.array(state["barostat"]["p_xi"], dtype=float)
        dyn._p_eps = float(state["p_eps"])
    rng = getattr(dyn, "rng", None)
    if "rng" in state and isinstance(rng, np.random.Generator):
        rng.bit_generator.state = state["rng"]


def write_checkpoint(trajectory: str | Path, atoms: Any, dyn: Any, ck: dict[str, Any]) -> Path:
    """Write the checkpoint of `trajectory` atomically (a killed writer leaves the old one).
    `ck` holds step, frames, last_frame_step, ensemble, temperature_k, timestep_fs."""
    path = checkpoint_path_for(trajectory)
    scalars = dict(ck, version=CHECKPOINT_VERSION, integrator=integrator_state(dyn))
    tmp = path.with_name(path.name + ".tmp.npz")
    np.savez(
        tmp,
        positions=atoms.get_positions(),
        momenta=atoms.get_momenta(),
        cell=np.array(atoms.get_cell()),
        numbers=atoms.get_atomic_numbers(),
        scalars=np.array(json.dumps(scalars)),
    )
    os.replace(tmp, path)
    return path


def read_checkpoint(trajectory: str | Path) -> Checkpoint | None:
    """The checkpoint of `trajectory`, or None when there is none or it cannot be read."""
    path = checkpoint_path_for(trajectory)
    if not path.exists():
        return None
    try:
        with np.load(path) as z:
            s = json.loads(str(z["scalars"]))
            if s.get("version") != CHECKPOINT_VERSION:
                return None
            return Checkpoint(
                step=int(s["step"]),
                frames=int(s["frames"]),
                last_frame_step=int(s["last_frame_step"]),
                ensemble=str(s["ensemble"]),
                temperature_k=float(s["temperature_k"]),
                timestep_fs=float(s["timestep_fs"]),
                positions=z["positions"],
                momenta=z["momenta"],
                cell=z["cell"],
                numbers=z["numbers"],
                integrator=dict(s["integrator"]),
            )
    except (OSError, ValueError, KeyError):
        return None


def checkpoint_for_frame(trajectory: str | Path, last_frame: Any) -> Checkpoint | None:
    """The checkpoint of `trajectory` if it continues the file's `last_frame` (ASE Atoms with
    the `step` and `frame` info that `md.run_md` writes), else None: a checkpoint left from
    another run, or a file extended by other means, is not used."""
    ck = read_checkpoint(trajectory)
    if ck is None:
        return None
    step = int(last_frame.info.get("step", -1))
    frames = int(last_frame.info["frame"]) + 1 if "frame" in last_frame.info else None
    if (
        ck.last_frame_step == step
        and ck.step >= step
        and frames in (None, ck.frames)
        and np.array_equal(ck.numbers, last_frame.get_atomic_numbers())
    ):
        return ck
    return None
