"""The interface command: a coherent interface model, optionally relaxed, with a short MD and
its density profiles, Li crossings and coordination near the interface.

The chain (build -> relax -> MD -> analysis) is the engine atomistic.interface_workflow; this
module parses options, draws the progress bar, prints and plots. Heavy packages (pymatgen's
interface builder, torch, chgnet, ase) are imported only when the command runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from interphase.cli.common import (
    check_plot_path,
    check_writable,
    console,
    emit_json,
    err_console,
    progress_bar,
    save_figure,
    table,
)
from interphase.errors import InvalidConditionError

MAX_MILLER = 10  # higher-index slabs are huge, and not what a coherent interface is

FLAGS = {  # for the settings checks' messages
    "strain_limit": "--strain-limit",
    "max_area_a2": "--max-area",
    "layers": "--layers",
    "min_in_plane_a": "--min-in-plane",
    "relax_steps": "--relax-steps",
    "md_steps": "--md-steps",
    "temperature_k": "--temperature",
}


def _miller(text: str) -> tuple[int, int, int]:
    try:
        parts = tuple(int(x) for x in text.replace(" ", "").split(","))
    except ValueError:
        parts = ()
    if len(parts) != 3 or parts == (0, 0, 0) or max(abs(i) for i in parts) > MAX_MILLER:
        raise InvalidConditionError(
            f"Miller index {text!r}: give three integers like 1,0,0 (each within "
            f"-{MAX_MILLER}..{MAX_MILLER})"
        )
    return parts  # type: ignore[return-value]


def _sites(env: Any) -> str:
    """Fractions of octahedral and tetrahedral sites (local_environment.py), or '-'."""
    if env is None:
        return "-"
    return f"oct {env.fraction_octahedral:.2f} / tet {env.fraction_tetrahedral:.2f}"


def _plot_profiles(dyn: Any, path: Path) -> None:
    import matplotlib.pyplot as plt

    els = list(dyn.density_profiles)
    fig, axes = plt.subplots(len(els), 1, figsize=(6, 1.8 * len(els)), sharex=True, squeeze=False)
    for ax, el in zip(axes[:, 0], els, strict=True):
        for b, prof in enumerate(dyn.density_profiles[el]):
            ax.plot(dyn.z_nm, prof, label=f"{dyn.block_times_ps[b]:.2f} ps")
        for p in dyn.interface_planes_nm:
            ax.axvline(p, color="k", ls="--", lw=0.6)
        ax.set_ylabel(f"{el} (nm⁻³)")
    axes[0, 0].legend(fontsize=7)
    axes[-1, 0].set_xlabel("z (nm)")
    save_figure(fig, path)


def _print_interface(m: Any, dyn: Any) -> None:
    console.print(
        table(
            f"{m.film}{list(m.film_miller)} on {m.substrate}{list(m.substrate_miller)}",
            [
                "atoms",
                "area (Å²)",
                "max strain",
                "von Mises",
                "termination",
                "E0 (eV)",
                "E relaxed (eV)",
            ],
            [
                (
                    m.n_atoms,
                    m.area_a2,
                    m.max_strain,
                    m.von_mises_strain,
                    " | ".join(m.termination),
                    m.energy_initial_ev,
                    m.energy_ev,
                )
            ],
        )
    )
    if dyn is None:
        return
    console.print(
        table(
            "interface MD",
            [
                "Li crossings",
                "into substrate",
                "into film",
                "CN near (start→end)",
                "CN bulk (start→end)",
                "sites near (start→end)",
                "sites bulk (start→end)",
            ],
            [
                (
                    dyn.crossings,
                    dyn.crossings_into_substrate,
                    dyn.crossings_into_film,
                    f"{dyn.coordination_near_initial} → {dyn.coordination_near_final}",
                    f"{dyn.coordination_bulk_initial} → {dyn.coordination_bulk_final}",
                    f"{_sites(dyn.environment_near_initial)} → "
                    f"{_sites(dyn.environment_near_final)}",
                    f"{_sites(dyn.environment_bulk_initial)} → "
                    f"{_sites(dyn.environment_bulk_final)}",
                )
            ],
        )
    )


def register(app: typer.Typer) -> None:
    @app.command("interface")
    def interface_cmd(
        substrate: str = typer.Argument(..., help="Substrate: CIF path or bundled name."),
        film: str = typer.Argument(..., help="Film: CIF path or bundled name."),
        substrate_miller: str = typer.Option("1,0,0", "--substrate-miller"),
        film_miller: str = typer.Option("1,0,0", "--film-miller"),
        strain_limit: float = typer.Option(0.05, "--strain-limit", help="Fraction, 0.05 = 5 %."),
        max_area: float = typer.Option(
            60.0, "--max-area", help="Largest match area, Å² (up to 400)."
        ),
        layers: int = typer.Option(2, "--layers", help="Layers of each slab."),
        min_in_plane: float = typer.Option(8.0, "--min-in-plane", help="Å, in-plane repeat."),
        relax_steps: int = typer.Option(0, "--relax-steps", help="Relaxation steps (0: none)."),
        md_steps: int = typer.Option(0, "--md-steps", help="Interface MD steps (0: none)."),
        temperature: float = typer.Option(600.0, "--temperature", help="MD temperature, K."),
        potential: str = typer.Option("chgnet", "--potential"),
        out: Path = typer.Option(
            None,
            "--out",
            help="Write the model here; the name picks the format (.cif, .vasp/POSCAR, .json, "
            ".xyz/.extxyz).",
        ),
        out_dir: Path = typer.Option(
            None,
            "--out-dir",
            help="Folder for the --md-steps trajectory (default: a new temporary folder, "
            "reported).",
        ),
        json_out: bool = typer.Option(False, "--json", help="Print one JSON object."),
        plot: Path = typer.Option(
            None, "--plot", help="Density profiles, needs --md-steps (.png, .svg, .pdf or .html)."
        ),
    ) -> None:
        """Coherent interface model; optional relaxation and short MD with density profiles."""
        from interphase.atomistic.interface_workflow import (
            check_workflow_settings,
            interface_workflow,
            structure_format,
        )

        check_plot_path(plot)
        check_workflow_settings(
            strain_limit=strain_limit,
            max_area_a2=max_area,
            layers=layers,
            min_in_plane_a=min_in_plane,
            relax_steps=relax_steps,
            md_steps=md_steps,
            temperature_k=temperature,
            potential=potential,
            names=FLAGS,
        )
        if plot and not md_steps:
            raise InvalidConditionError("--plot draws density profiles: give --md-steps too")
        substrate_hkl, film_hkl = _miller(substrate_miller), _miller(film_miller)

        if out is not None:
            structure_format(out)  # an unknown ending is refused before any work
            check_writable(out)
        if out_dir is not None and md_steps:
            check_writable(out_dir / "interface.extxyz")
        with progress_bar(quiet=json_out) as progress:
            res = interface_workflow(
                substrate,
                film,
                substrate_miller=substrate_hkl,
                film_miller=film_hkl,
                strain_limit=strain_limit,
                max_area_a2=max_area,
                layers=layers,
                min_in_plane_a=min_in_plane,
                relax_steps=relax_steps,
                md_steps=md_steps,
                temperature_k=temperature,
                potential=potential,
                out_dir=out_dir,
                model_path=out,
                progress=progress,
            )
        if res.trajectory_path:
            err_console.print(f"wrote {res.trajectory_path}", markup=False, highlight=False)
        if json_out:
            emit_json(res)
        else:
            _print_interface(res.model, res.dynamics)
        if plot and res.dynamics:
            _plot_profiles(res.dynamics, plot)
