"""Molecular dynamics with an ML potential for transport: NVT/NVE/NPT with equilibration,
unwrapped trajectories in extxyz (or ASE .traj) with metadata, restartable exactly (from the
checkpoint written at the end of each run, `trajectory_files`) or from the last frame.

Positions are written as ASE integrates them, i.e. never wrapped back into the cell, so the
trajectory is unwrapped; the diffusion analysis still unwraps frame-to-frame jumps by minimum
image, so wrapped trajectories from elsewhere work as well.

Progress goes to an optional callback `(description, done, total)`; nothing is drawn here.
"""

from __future__ import annotations

import json
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from interphase.atomistic.trajectory_files import (
    checkpoint_for_frame,
    metadata_path_for,
    restore_integrator_state,
    write_checkpoint,
)
from interphase.errors import InputFileError, InvalidConditionError
from interphase.results import Result

if TYPE_CHECKING:
    from pymatgen.core import Structure

ENSEMBLES = (
    "nvt-nose-hoover",
    "nvt-langevin",
    "nvt-berendsen",
    "nvt-bussi",
    "nve",
    "npt-mtk",
    "npt-berendsen",
)
ENSEMBLE_ALIASES = {
    "nvt": "nvt-nose-hoover",
    "nose-hoover": "nvt-nose-hoover",
    "langevin": "nvt-langevin",
    "berendsen": "nvt-berendsen",
    "bussi": "nvt-bussi",
    "csvr": "nvt-bussi",
    "npt": "npt-mtk",
    "mtk": "npt-mtk",
}
Progress = Callable[[str, int, int], None]  # (description, done, total), as stack.analyze
PROGRESS_INTERVAL = 10  # steps between progress calls
# Isotropic compressibility guess for the Berendsen barostat (only sets its response time).
BERENDSEN_COMPRESSIBILITY_PER_GPA = 0.01

# Bounds of MD settings, shared by every face (run_md, `interphase md`, `md-batch`): checked
# by `check_md_settings` before any structure is read or model loaded.
MIN_TIMESTEP_FS = 0.05
MAX_TIMESTEP_FS = 5.0  # Li moves too far per step beyond; 1-2 fs is usual
MIN_TEMPERATURE_K = 1.0
MAX_TEMPERATURE_K = 5000.0  # above, every solid here is molten or gaseous
MAX_STEPS = 100_000_000  # 0.2 us at 2 fs: far beyond what an ML potential runs
MIN_PRESSURE_GPA = -10.0  # tension beyond this tears a solid apart
MAX_PRESSURE_GPA = 100.0
MAX_MIN_ATOMS = 100_000

# Names of the settings in messages; the CLI passes its flags instead.
API_NAMES = {
    "temperatures_k": "temperature",
    "n_steps": "n_steps",
    "timestep_fs": "timestep_fs",
    "ensemble": "ensemble",
    "equilibration_steps": "equilibration_steps",
    "save_interval": "save_interval",
    "seed": "seed",
    "pressure_gpa": "pressure_gpa",
    "min_atoms": "min_atoms",
}


def check_md_settings(
    *,
    temperatures_k: list[float] | tuple[float, ...] = (300.0,),
    n_steps: int = 1,
    timestep_fs: float = 2.0,
    ensemble: str = "nvt-nose-hoover",
    equilibration_steps: int = 0,
    save_interval: int = 1,
    seed: int = 0,
    potential: str = "chgnet",
    device: str | None = None,
    pressure_gpa: float = 0.0,
    min_atoms: int = 0,
    names: dict[str, str] | None = None,
) -> str:
    """Refuse MD settings out of range (InvalidConditionError) before any work; return the
    canonical ensemble name. `names` maps each keyword to the name used in the messages
    (the CLI's flags); by default the keywords themselves (`API_NAMES`)."""
    from interphase.atomistic.potentials import check_device, potential_info

    n = API_NAMES | (names or {})
    if not temperatures_k:
        raise InvalidConditionError(f"give at least one {n['temperatures_k']}")
    for t in temperatures_k:
        if not MIN_TEMPERATURE_K <= t <= MAX_TEMPERATURE_K:
            raise InvalidConditionError(
                f"{n['temperatures_k']} {t:g} K: give {MIN_TEMPERATURE_K:g}.."
                f"{MAX_TEMPERATURE_K:g} K"
            )
    for key, value, low in (
        ("n_steps", n_steps, 1),
        ("equilibration_steps", equilibration_steps, 0),
        ("save_interval", save_interval, 1),
    ):
        if not low <= value <= MAX_STEPS:
            raise InvalidConditionError(f"{n[key]} {value}: give {low}..{MAX_STEPS:.0e} steps")
    if not MIN_TIMESTEP_FS <= timestep_fs <= MAX_TIMESTEP_FS:
        raise InvalidConditionError(
            f"{n['timestep_fs']} {timestep_fs:g} fs: give {MIN_TIMESTEP_FS:g}.."
            f"{MAX_TIMESTEP_FS:g} fs (Li moves too far per step beyond; 1-2 fs is usual)"
        )
    if seed < 0:
        raise InvalidConditionError(f"{n['seed']} must be >= 0, got {seed}")
    if not MIN_PRESSURE_GPA <= pressure_gpa <= MAX_PRESSURE_GPA:
        raise InvalidConditionError(
            f"{n['pressure_gpa']} {pressure_gpa:g} GPa: give {MIN_PRESSURE_GPA:g}.."
            f"{MAX_PRESSURE_GPA:g} GPa"
        )
    if not 0 <= min_atoms <= MAX_MIN_ATOMS:
        raise InvalidConditionError(f"{n['min_atoms']} {min_atoms}: give 0..{MAX_MIN_ATOMS} atoms")
    ens = _canonical_ensemble(ensemble, n["ensemble"])
    potential_info(potential)
    if device is not None:
        check_device(device)
    return ens


def check_potential_covers(potential: str, structure: Structure) -> None:
    """Refuse a structure with elements the potential has no parameters for (EMT covers a
    few metals only; the universal potentials cover the periodic table)."""
    from interphase.atomistic.potentials import potential_info

    if potential_info(potential).name != "emt":
        return
    from ase.calculators.emt import parameters

    missing = sorted({el.symbol for el in structure.composition.elements} - set(parameters))
    if missing:
        raise InvalidConditionError(
            f"the emt potential has no parameters for {', '.join(missing)} (it covers "
            f"{', '.join(sorted(parameters))} only): use chgnet or sevennet"
        )


@dataclass(frozen=True)
class MDResult(Result):
    """Summary of an MD run. Times in fs, temperatures in K, energies in eV."""

    trajectory_path: str
    metadata_path: str
    formula: str
    n_atoms: int
    potential: str
    ensemble: str
    temperature_k: float
    timestep_fs: float
    equilibration_steps: int
    production_steps: int
    save_interval: int
    n_frames: int
    seed: int
    first_step: int  # > 0 when continued from an earlier run
    mean_temperature_k: float
    std_temperature_k: float
    total_energy_drift_ev_per_atom_per_ps: float  # linear drift of E_tot (meaningful in NVE)
    max_total_energy_deviation_ev_per_atom: float
    wall_time_s: float
    atom_steps_per_s: float
    device: str
    pressure_gpa: float | None = None  # NPT target; None for NVT/NVE
    mean_volume_a3: float = float("nan")
    std_volume_a3: float = float("nan")
    checkpoint_path: str = ""  # exact-restart state after the last step (trajectory_files)


def _canonical_ensemble(ensemble: str, name: str = "ensemble") -> str:
    e = ensemble.lower()
    e = ENSEMBLE_ALIASES.get(e, e)
    if e not in ENSEMBLES:
        raise InvalidConditionError(
            f"unknown {name} {ensemble!r}: choose one of {', '.join(ENSEMBLES)}"
        )
    return e


def _integrator(
    atoms: Any,
    ensemble: str,
    timestep_fs: float,
    temperature_k: float,
    tdamp_fs: float,
    friction_per_fs: float,
    seed: int,
    pressure_gpa: float = 0.0,
    pdamp_fs: float = 1000.0,
) -> Any:
    from ase import units
    from ase.md.bussi import Bussi
    from ase.md.langevin import Langevin
    from ase.md.nose_hoover_chain import NoseHooverChainNVT
    from ase.md.nvtberendsen import NVTBerendsen
    from ase.md.verlet import VelocityVerlet

    dt = timestep_fs * units.fs
    rng = np.random.default_rng(seed)
    if ensemble == "nve":
        return VelocityVerlet(atoms, dt)
    if ensemble == "npt-mtk":
        from ase.md.nose_hoover_chain import IsotropicMTKNPT

        return IsotropicMTKNPT(
            atoms,
            dt,
            temperature_K=temperature_k,
            pressure_au=pressure_gpa * units.GPa,
            tdamp=tdamp_fs * units.fs,
            pdamp=pdamp_fs * units.fs,
        )
    if ensemble == "npt-berendsen":
        from ase.md.nptberendsen import NPTBerendsen

        return NPTBerendsen(
            atoms,
            dt,
            temperature_K=temperature_k,
            pressure_au=pressure_gpa * units.GPa,
            taut=tdamp_fs * units.fs,
            taup=pdamp_fs * units.fs,
            compressibility_au=BERENDSEN_COMPRESSIBILITY_PER_GPA / units.GPa,
        )
    if ensemble == "nvt-langevin":
        return Langevin(
            atoms, dt, temperature_K=temperature_k, friction=friction_per_fs / units.fs, rng=rng
        )
    if ensemble == "nvt-berendsen":
        return NVTBerendsen(atoms, dt, temperature_K=temperature_k, taut=tdamp_fs * units.fs)
    if ensemble == "nvt-bussi":
        return Bussi(atoms, dt, temperature_K=temperature_k, taut=tdamp_fs * units.fs, rng=rng)
    return NoseHooverChainNVT(atoms, dt, temperature_K=temperature_k, tdamp=tdamp_fs * units.fs)


def _write_frame(path: Path, atoms: Any, info: dict[str, Any], append: bool) -> None:
    from ase.io import write

    frame = atoms.copy()
    frame.calc = None
    frame.info = dict(info)
    frame.set_momenta(atoms.get_momenta())
    if path.suffix == ".traj":
        from ase.io.trajectory import Trajectory

        with Trajectory(str(path), "a" if append else "w") as tr:
            tr.write(frame)
    else:
        write(str(path), frame, format="extxyz", append=append)


def read_last_frame(trajectory: str | Path) -> Any:
    """The last frame of a trajectory (ASE Atoms with momenta and info)."""
    from ase.io import read

    p = Path(trajectory)
    if not p.exists():
        raise InputFileError(f"trajectory {str(p)!r} does not exist")
    try:
        return read(str(p), index=-1)
    except Exception as exc:
        raise InputFileError(f"cannot read trajectory {p.name!r}: {exc}") from None


def completed_steps(trajectory: str | Path) -> int:
    """Production steps a trajectory written by `run_md` has done: the step of its checkpoint
    when that continues the file, else the step of its last frame (0 when there is no file)."""
    if not Path(trajectory).exists():
        return 0
    last = read_last_frame(trajectory)
    ck = checkpoint_for_frame(trajectory, last)
    return ck.step if ck is not None else int(last.info.get("step", 0))


def run_md(
    structure: Structure | str | None,
    temperature_k: float,
    n_steps: int,
    *,
    trajectory: str | Path,
    timestep_fs: float = 2.0,
    ensemble: str = "nvt-nose-hoover",
    equilibration_steps: int = 0,
    save_interval: int = 10,
    seed: int = 0,
    potential: str = "chgnet",
    device: str | None = None,
    tdamp_fs: float = 100.0,
    friction_per_fs: float = 0.01,
    pressure_gpa: float = 0.0,
    pdamp_fs: float = 1000.0,
    restart: bool = False,
    calculator: Any = None,
    progress: Progress | None = None,
) -> MDResult:
    """Run MD on `structure` at `temperature_k` for `n_steps` production steps.

    Velocities are drawn from Maxwell–Boltzmann at `temperature_k` (seeded), then
    `equilibration_steps` run with a Berendsen thermostat (not written), then the production run
    with `ensemble` writes a frame every `save_interval` steps to `trajectory` (extxyz unless the
    name ends in .traj) and a metadata JSON next to it. With `restart=True` and an existing
    trajectory, the run continues where the last run stopped, appending frames; `structure` may
    then be None. It continues exactly (the same trajectory as an uninterrupted run) from the
    checkpoint that every run leaves beside its trajectory, when that checkpoint belongs to the
    file's last frame and the ensemble, temperature and time step are unchanged; otherwise from
    the last frame's positions and momenta with a fresh thermostat and random stream.
    The NPT ensembles (isotropic MTK or Berendsen barostat, target `pressure_gpa`, barostat
    time `pdamp_fs`) let the cell volume relax; use them where the potential keeps the phase
    stable, and check the reported volume.
    `progress(description, done, total)` is called every few steps of the equilibration
    ("... equilibration") and of the production run, done rising to total; a bool (the
    former on/off switch) is accepted and means no callback.
    """
    from ase import units
    from ase.md.nvtberendsen import NVTBerendsen
    from ase.md.velocitydistribution import MaxwellBoltzmannDistribution, Stationary

    from interphase.atomistic.potentials import default_device, get_calculator, potential_info
    from interphase.atomistic.relax import structure_to_atoms
    from interphase.atomistic.structures import load_structure, structure_provenance

    ens = check_md_settings(
        temperatures_k=(temperature_k,),
        n_steps=n_steps,
        timestep_fs=timestep_fs,
        ensemble=ensemble,
        equilibration_steps=equilibration_steps,
        save_interval=save_interval,
        seed=seed,
        potential=potential,
        pressure_gpa=pressure_gpa,
    )
    if not (pdamp_fs > 0 and tdamp_fs > 0 and friction_per_fs > 0):
        raise InvalidConditionError("pdamp_fs, tdamp_fs and friction_per_fs must be positive")
    if isinstance(progress, bool):  # the former switch: the faces draw bars now
        progress = None
    info = potential_info(potential)
    dev = device or default_device()
    path = Path(trajectory)
    path.parent.mkdir(parents=True, exist_ok=True)
    first_step = 0
    last_frame_step = -1  # frames at steps up to this one are already in the file
    frames_before: int | None = 0  # None: unknown (a file written without frame numbers)
    integrator_state: dict[str, Any] | None = None
    provenance: dict[str, str] | None = None  # of the starting cell; a restart keeps the first
    if restart and path.exists():
        atoms = read_last_frame(path)
        first_step = last_frame_step = int(atoms.info.get("step", 0))
        frames_before = int(atoms.info["frame"]) + 1 if "frame" in atoms.info else None
        seed = int(atoms.info.get("seed", seed)) + first_step  # fresh stream, still reproducible
        equilibration_steps = 0
        momenta = atoms.get_momenta()
        ck = checkpoint_for_frame(path, atoms)
        if ck is not None:
            # the checkpoint is the state after this file's last step: continue from it
            atoms.set_cell(ck.cell, scale_atoms=False)
            atoms.set_positions(ck.positions)
            momenta = ck.momenta
            first_step = ck.step
            same_run = (ck.ensemble, ck.temperature_k, ck.timestep_fs) == (
                ens,
                float(temperature_k),
                float(timestep_fs),
            )
            integrator_state = ck.integrator if same_run else None
    else:
        if structure is None:
            raise InputFileError("no structure given and nothing to restart from")
        start = load_structure(structure)
        if calculator is None:
            check_potential_covers(info.name, start)
        provenance = structure_provenance(start)
        atoms = structure_to_atoms(start)
        with warnings.catch_warnings():  # ASE 3.29 renames it; same distribution
            warnings.simplefilter("ignore", DeprecationWarning)
            MaxwellBoltzmannDistribution(
                atoms, temperature_K=temperature_k, rng=np.random.default_rng(seed)
            )
        Stationary(atoms)
        momenta = atoms.get_momenta()
        restart = False
    atoms.info = {}
    atoms.calc = calculator or get_calculator(info.name, dev)
    atoms.set_momenta(momenta)
    n = len(atoms)
    label = f"MD {atoms.get_chemical_formula()} {temperature_k:g} K"
    t0 = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if equilibration_steps:
            eq = NVTBerendsen(
                atoms,
                timestep_fs * units.fs,
                temperature_K=temperature_k,
                taut=min(tdamp_fs, 50.0) * units.fs,
            )
            _report(eq, progress, f"{label} equilibration", equilibration_steps)
            eq.run(equilibration_steps)
            if progress is not None:
                progress(f"{label} equilibration", equilibration_steps, equilibration_steps)
        dyn = _integrator(
            atoms,
            ens,
            timestep_fs,
            temperature_k,
            tdamp_fs,
            friction_per_fs,
            seed,
            pressure_gpa,
            pdamp_fs,
        )
        if integrator_state is not None:
            restore_integrator_state(dyn, integrator_state)
        temps: list[float] = []
        volumes: list[float] = []
        etot: list[float] = []
        times: list[float] = []
        meta = {
            "temperature_K": float(temperature_k),
            "timestep_fs": float(timestep_fs),
            "potential": info.name,
            "ensemble": ens,
            "seed": int(seed),
            "save_interval": int(save_interval),
        }
        if ens.startswith("npt"):
            meta["pressure_GPa"] = float(pressure_gpa)
        state = {"append": bool(restart), "frames": frames_before or 0, "last": last_frame_step}

        def record() -> None:
            # frames sit on absolute multiples of save_interval, wherever a chunk started
            step = first_step + dyn.nsteps
            if step % save_interval and dyn.nsteps:
                return
            epot = float(atoms.get_potential_energy())
            ekin = float(atoms.get_kinetic_energy())
            temp = float(atoms.get_temperature())
            temps.append(temp)
            volumes.append(float(atoms.get_volume()))
            etot.append((epot + ekin) / n)
            times.append(step * timestep_fs)
            if step % save_interval or step <= state["last"]:
                return  # off the frame grid, or already in the file
            frame_info = dict(
                meta,
                step=step,
                frame=state["frames"],  # running index: a restart counts frames without a re-read
                time_fs=step * timestep_fs,
                epot_eV=epot,
                ekin_eV=ekin,
                temperature_inst_K=temp,
            )
            _write_frame(path, atoms, frame_info, state["append"])
            state["append"] = True
            state["frames"] += 1
            state["last"] = step

        dyn.attach(record, interval=1)
        _report(dyn, progress, label, n_steps)
        dyn.run(n_steps)
        if progress is not None:
            progress(label, n_steps, n_steps)
    wall = time.perf_counter() - t0
    meta_path = metadata_path_for(path)
    total_steps = equilibration_steps + n_steps
    meta_out = dict(
        meta,
        formula=atoms.get_chemical_formula(mode="hill"),
        n_atoms=n,
        last_step=first_step + n_steps,
        device=dev,
        equilibration_steps=equilibration_steps,
    )
    if provenance is not None:
        meta_out["initial_structure"] = provenance
    if restart and meta_path.exists():
        # The file describes the whole trajectory: keep the first chunk's seed and
        # equilibration, and count the restarts (each chunk's own seed is in its frames).
        first = json.loads(meta_path.read_text())
        for key in ("seed", "equilibration_steps", "initial_structure"):
            if key in first:
                meta_out[key] = first[key]
        meta_out["restarts"] = int(first.get("restarts", 0)) + 1
    meta_path.write_text(json.dumps(meta_out, indent=2) + "\n")
    t_ps = np.asarray(times) / 1000.0
    e = np.asarray(etot)
    drift = float(np.polyfit(t_ps, e, 1)[0]) if len(e) > 2 and np.ptp(t_ps) > 0 else 0.0
    if frames_before is None:
        from ase.io import read

        n_frames = len(read(str(path), index=":"))
    else:
        n_frames = int(state["frames"])
    ck_path = write_checkpoint(
        path,
        atoms,
        dyn,
        {
            "step": first_step + n_steps,
            "frames": n_frames,
            "last_frame_step": int(state["last"]),
            "ensemble": ens,
            "temperature_k": float(temperature_k),
            "timestep_fs": float(timestep_fs),
        },
    )
    return MDResult(
        trajectory_path=str(path),
        metadata_path=str(meta_path),
        formula=atoms.get_chemical_formula(mode="metal", empirical=True),
        n_atoms=n,
        potential=info.name,
        ensemble=ens,
        temperature_k=float(temperature_k),
        timestep_fs=float(timestep_fs),
        equilibration_steps=equilibration_steps,
        production_steps=n_steps,
        save_interval=save_interval,
        n_frames=n_frames,
        seed=seed,
        first_step=first_step,
        mean_temperature_k=float(np.mean(temps)),
        std_temperature_k=float(np.std(temps)),
        total_energy_drift_ev_per_atom_per_ps=drift,
        max_total_energy_deviation_ev_per_atom=float(np.max(np.abs(e - e[0]))) if len(e) else 0.0,
        wall_time_s=wall,
        atom_steps_per_s=n * total_steps / wall if wall > 0 else float("nan"),
        device=dev,
        pressure_gpa=float(pressure_gpa) if ens.startswith("npt") else None,
        mean_volume_a3=float(np.mean(volumes)),
        std_volume_a3=float(np.std(volumes)),
        checkpoint_path=str(ck_path),
    )


def _report(dyn: Any, progress: Progress | None, description: str, total: int) -> None:
    """Call `progress` every PROGRESS_INTERVAL steps of `dyn` (done = its steps so far, from 0:
    ASE calls an observer once before the first step)."""
    if progress is not None:
        dyn.attach(
            lambda: progress(description, min(dyn.nsteps, total), total),
            interval=PROGRESS_INTERVAL,
        )


@dataclass(frozen=True)
class MDJob:
    """One job of a batch: a material (structure, path or bundled name) at a temperature."""

    material: Any
    temperature_k: float


def run_md_batch(
    jobs: list[tuple[Any, float]] | list[MDJob],
    n_steps: int,
    out_dir: str | Path,
    *,
    allow_errors: bool = False,
    **kwargs: Any,
) -> list[MDResult | Exception]:
    """Run MD for each (material, temperature) job in turn, one trajectory per job in `out_dir`
    (named <formula>_<T>K.extxyz). With `allow_errors`, a failing job gives its exception in
    place of a result instead of stopping the batch. (The compute/ layer parallelises this.)"""
    from interphase.atomistic.structures import file_stem, load_structure

    out = []
    for job in jobs:
        mat, temp = (job.material, job.temperature_k) if isinstance(job, MDJob) else job
        try:
            s = load_structure(mat)
            traj = Path(out_dir) / f"{file_stem(s)}_{temp:g}K.extxyz"
            out.append(run_md(s, temp, n_steps, trajectory=traj, **kwargs))
        except Exception as exc:
            if not allow_errors:
                raise
            out.append(exc)
    return out


@dataclass(frozen=True)
class MDSeriesResult(Result):
    """MD of one cell at several temperatures (what `interphase md` runs), with the warnings
    about the cell (`small_cell_warning`)."""

    runs: tuple[MDResult, ...]
    warnings: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"md": [r.to_dict() for r in self.runs], "warnings": list(self.warnings)}


def md_cell(structure: Structure | str, min_atoms: int = 0) -> tuple[Structure, str]:
    """The MD cell of `structure` (a Structure, path or bundled name), repeated to at least
    `min_atoms` atoms, and its `small_cell_warning` ("" when it is large enough)."""
    from interphase.atomistic.structures import load_structure, supercell_for

    if not 0 <= min_atoms <= MAX_MIN_ATOMS:
        raise InvalidConditionError(f"min_atoms {min_atoms}: give 0..{MAX_MIN_ATOMS} atoms")
    s = load_structure(structure)
    if min_atoms:
        s = supercell_for(s, min_atoms=min_atoms)
    return s, small_cell_warning(s)


def md_trajectory_name(structure: Structure, temperature_k: float, seed: int = 0) -> str:
    """<formula>_<T>K.extxyz; a nonzero seed (a replica) adds _seed<N>, so replicas get
    their own files instead of overwriting seed 0's."""
    from interphase.atomistic.structures import file_stem

    tag = f"_seed{seed}" if seed else ""
    return f"{file_stem(structure)}_{temperature_k:g}K{tag}.extxyz"


_SETTINGS = (
    "timestep_fs",
    "ensemble",
    "equilibration_steps",
    "save_interval",
    "potential",
    "device",
    "pressure_gpa",
)


def run_md_series(
    structure: Structure | str,
    temperatures_k: list[float] | tuple[float, ...],
    n_steps: int,
    *,
    out_dir: str | Path,
    min_atoms: int = 0,
    seed: int = 0,
    progress: Progress | None = None,
    **kwargs: Any,
) -> MDSeriesResult:
    """`run_md` of one cell (`md_cell(structure, min_atoms)`) at each temperature in turn,
    trajectories `md_trajectory_name` in `out_dir`; other keywords go to `run_md`
    (restart=True continues the existing files)."""
    check_md_settings(
        temperatures_k=temperatures_k,
        n_steps=n_steps,
        seed=seed,
        min_atoms=min_atoms,
        **{k: kwargs[k] for k in _SETTINGS if k in kwargs},
    )
    cell, small = md_cell(structure, min_atoms)
    runs = tuple(
        run_md(
            cell,
            t,
            n_steps,
            trajectory=Path(out_dir) / md_trajectory_name(cell, t, seed),
            seed=seed,
            progress=progress,
            **kwargs,
        )
        for t in temperatures_k
    )
    return MDSeriesResult(runs=runs, warnings=(small,) if small else ())


# A cell this thin sees an atom's own periodic images inside the potential's interaction
# range (CHGNet's graph cutoff is 5 A, SevenNet-0's 5 A per layer): correlated images, and D
# from so few atoms carries a wide interval.
MIN_WIDTH_A = 10.0
MIN_ATOMS = 50


def small_cell_warning(structure) -> str:
    """A warning when the MD cell is too small to stand for the bulk, else ""."""
    import numpy as np

    m = structure.lattice.matrix
    vol = abs(np.linalg.det(m))
    widths = [vol / np.linalg.norm(np.cross(m[(i + 1) % 3], m[(i + 2) % 3])) for i in range(3)]
    if len(structure) >= MIN_ATOMS and min(widths) >= MIN_WIDTH_A:
        return ""
    return (
        f"small cell: {len(structure)} atoms, narrowest width {min(widths):.1f} A (want >= "
        f"{MIN_ATOMS} atoms and {MIN_WIDTH_A:g} A): atoms meet their own periodic images "
        "within the potential's range; give --min-atoms 100 (or more) for a supercell"
    )
