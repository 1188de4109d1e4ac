"""Interface model -> relaxation -> MD -> analysis, in one call (what `interphase interface`
runs; every face gets the same result).

`interface_workflow` builds a coherent interface (`interfaces.build_interface`), optionally
relaxes its atoms (`relax_interface`), optionally runs a short NVT MD of it (`md.run_md`) into
`out_dir` (a fresh temporary folder when none is given; its path is in the result) and
analyses that trajectory (`analyse_interface_trajectory`: density profiles, Li crossings,
coordination and site symmetry near the planes). The model can be written as well
(`write_structure`: the format follows the file name). Progress goes to an optional callback
`(description, done, total)`; nothing is drawn here.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from interphase.atomistic.interfaces import InterfaceDynamics, InterfaceModel
from interphase.atomistic.md import MDResult
from interphase.errors import InvalidConditionError
from interphase.results import Result

if TYPE_CHECKING:
    from pymatgen.core import Structure

Progress = Callable[[str, int, int], None]  # (description, done, total), as stack.analyze

# file name ending -> (writer, format); "POSCAR"/"CONTCAR" without an ending are VASP too
STRUCTURE_FORMATS: dict[str, tuple[str, str]] = {
    ".cif": ("pymatgen", "cif"),
    ".vasp": ("pymatgen", "poscar"),
    ".poscar": ("pymatgen", "poscar"),
    ".json": ("pymatgen", "json"),
    ".xyz": ("ase", "extxyz"),  # extended XYZ: the cell and periodicity are kept
    ".extxyz": ("ase", "extxyz"),
}
FRAMES_PER_RUN = 50  # the MD writes about this many frames


@dataclass(frozen=True)
class InterfaceWorkflowResult(Result):
    """The (relaxed) interface model, and when MD ran its summary and analysis. `to_dict()`
    is the model's dict with `dynamics`, `md`, `trajectory_path` and `model_path` added."""

    model: InterfaceModel
    dynamics: InterfaceDynamics | None = None
    md: MDResult | None = None
    trajectory_path: str | None = None  # the interface MD trajectory (None: no MD)
    model_path: str | None = None  # where the model was written (None: not written)

    def to_dict(self) -> dict[str, Any]:
        d = self.model.to_dict()
        d["dynamics"] = self.dynamics.to_dict() if self.dynamics is not None else None
        d["md"] = self.md.to_dict() if self.md is not None else None
        d["trajectory_path"] = self.trajectory_path
        d["model_path"] = self.model_path
        return d


def structure_format(path: str | Path) -> tuple[str, str]:
    """(writer, format) for a structure file name; InvalidConditionError for an ending that
    is not supported (checked before any work)."""
    p = Path(path)
    if p.name.upper() in ("POSCAR", "CONTCAR"):
        return ("pymatgen", "poscar")
    fmt = STRUCTURE_FORMATS.get(p.suffix.lower())
    if fmt is None:
        raise InvalidConditionError(
            f"cannot write structure {p.name!r}: use a file name ending in "
            f"{', '.join(STRUCTURE_FORMATS)} (or POSCAR)"
        )
    return fmt


def write_structure(structure: Structure, path: str | Path) -> Path:
    """Write `structure` in the format its file name asks for (`structure_format`)."""
    writer, fmt = structure_format(path)
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    if writer == "ase":
        from ase.io import write

        from interphase.atomistic.relax import structure_to_atoms

        write(str(p), structure_to_atoms(structure), format=fmt)
    elif fmt == "cif":
        from pymatgen.io.cif import CifWriter

        CifWriter(structure).write_file(str(p))
    else:
        structure.to(filename=str(p), fmt=fmt)
    return p


def interface_stem(model: InterfaceModel) -> str:
    """A shell-safe file stem for the model's files: "NiO_LiF_interface"."""
    return re.sub(r"[^A-Za-z0-9_.-]", "", f"{model.substrate}_{model.film}_interface")


WORKFLOW_API_NAMES = {
    "relax_steps": "relax_steps",
    "md_steps": "md_steps",
    "temperature_k": "temperature_k",
}


def check_workflow_settings(
    *,
    strain_limit: float = 0.05,
    max_area_a2: float = 60.0,
    layers: int = 2,
    min_in_plane_a: float = 8.0,
    relax_steps: int = 0,
    md_steps: int = 0,
    temperature_k: float = 600.0,
    potential: str = "chgnet",
    names: dict[str, str] | None = None,
) -> None:
    """Refuse settings of `interface_workflow` out of range before any work; `names` maps
    the keywords to the names used in the messages (the CLI's flags)."""
    from interphase.atomistic.interfaces import check_interface_settings
    from interphase.atomistic.md import MAX_STEPS, MAX_TEMPERATURE_K, MIN_TEMPERATURE_K
    from interphase.atomistic.potentials import potential_info

    n = WORKFLOW_API_NAMES | (names or {})
    check_interface_settings(
        strain_limit=strain_limit,
        max_area_a2=max_area_a2,
        layers=(layers,),
        min_in_plane_a=min_in_plane_a,
        names=names,
    )
    for key, value in (("relax_steps", relax_steps), ("md_steps", md_steps)):
        if not 0 <= value <= MAX_STEPS:
            raise InvalidConditionError(f"{n[key]} {value}: give 0..{MAX_STEPS:.0e} (0: none)")
    if not MIN_TEMPERATURE_K <= temperature_k <= MAX_TEMPERATURE_K:
        raise InvalidConditionError(
            f"{n['temperature_k']} {temperature_k:g} K: give {MIN_TEMPERATURE_K:g}.."
            f"{MAX_TEMPERATURE_K:g} K"
        )
    potential_info(potential)


def interface_workflow(
    substrate: Structure | str,
    film: Structure | str,
    *,
    substrate_miller: tuple[int, int, int] = (1, 0, 0),
    film_miller: tuple[int, int, int] = (1, 0, 0),
    strain_limit: float = 0.05,
    max_area_a2: float = 60.0,
    layers: int = 2,
    min_in_plane_a: float = 8.0,
    relax_steps: int = 0,
    md_steps: int = 0,
    temperature_k: float = 600.0,
    potential: str = "chgnet",
    species: str = "Li",
    device: str | None = None,
    out_dir: str | Path | None = None,
    model_path: str | Path | None = None,
    calculator: Any = None,
    progress: Progress | None = None,
) -> InterfaceWorkflowResult:
    """Build the interface of `film` on `substrate` (`layers` layers of each slab), relax it
    for up to `relax_steps` FIRE steps (0: not relaxed), run `md_steps` of NVT MD at
    `temperature_k` (0: no MD) with `potential` (or `calculator`), writing the trajectory
    <substrate>_<film>_interface.extxyz into `out_dir` (default: a new temporary folder), and
    analyse the moves of `species` in it; write the final model to `model_path` when given
    (.cif, .vasp/POSCAR, .json, .xyz/.extxyz). `progress(description, done, total)` reports
    the steps and the MD."""
    from interphase.atomistic.interfaces import (
        analyse_interface_trajectory,
        build_interface,
        relax_interface,
    )

    check_workflow_settings(
        strain_limit=strain_limit,
        max_area_a2=max_area_a2,
        layers=layers,
        min_in_plane_a=min_in_plane_a,
        relax_steps=relax_steps,
        md_steps=md_steps,
        temperature_k=temperature_k,
        potential=potential,
    )
    if model_path is not None:
        structure_format(model_path)  # refuse an unknown ending before any work
    stages = ["building the interface model"]
    if relax_steps:
        stages.append("relaxing the interface")
    if md_steps:
        stages += ["interface MD", "analysing the interface MD"]
    if model_path is not None:
        stages.append("writing the model")

    def report(stage: str) -> None:
        if progress is not None:
            progress(stage, stages.index(stage), len(stages))

    report("building the interface model")
    model = build_interface(
        substrate,
        film,
        substrate_miller=substrate_miller,
        film_miller=film_miller,
        strain_limit=strain_limit,
        max_area_a2=max_area_a2,
        substrate_layers=layers,
        film_layers=layers,
        min_in_plane_a=min_in_plane_a,
    )
    if relax_steps:
        report("relaxing the interface")
        model = relax_interface(
            model, potential, max_steps=relax_steps, device=device, calculator=calculator
        )
    md = dyn = traj = None
    if md_steps:
        from interphase.atomistic.md import run_md

        report("interface MD")
        if out_dir is None:
            out_dir = tempfile.mkdtemp(prefix="interphase-interface-")
        traj_dir = Path(out_dir)
        traj = traj_dir / f"{interface_stem(model)}.extxyz"
        md = run_md(
            model.structure,
            temperature_k,
            md_steps,
            trajectory=traj,
            potential=potential,
            device=device,
            calculator=calculator,
            save_interval=max(1, md_steps // FRAMES_PER_RUN),
            progress=progress,
        )
        report("analysing the interface MD")
        dyn = analyse_interface_trajectory(traj, model.substrate_indices, species=species)
    written = None
    if model_path is not None:
        report("writing the model")
        written = write_structure(model.structure, model_path)
    if progress is not None:
        progress(stages[-1], len(stages), len(stages))
    return InterfaceWorkflowResult(
        model=model,
        dynamics=dyn,
        md=md,
        trajectory_path=str(traj) if traj is not None else None,
        model_path=str(written) if written is not None else None,
    )
