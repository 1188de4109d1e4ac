"""MD commands: md (one cell at several temperatures), md-batch (a stored, resumable campaign).

The engines (atomistic.md.run_md_series, atomistic.campaign.run_md_campaign) do the work and
report progress; these commands parse options, draw the bar and print. Heavy packages (torch,
chgnet, ase) are imported only when a command runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from interphase.cli.common import (
    check_plot_path,
    check_workers,
    check_writable,
    console,
    emit_json,
    err_console,
    progress_bar,
    save_figure,
    table,
)
from interphase.errors import InvalidConditionError

# The flags of the MD settings, for check_md_settings' messages.
FLAGS = {
    "temperatures_k": "--temperature",
    "n_steps": "--steps",
    "timestep_fs": "--timestep",
    "ensemble": "--ensemble",
    "equilibration_steps": "--equilibration",
    "save_interval": "--save-interval",
    "seed": "--seed",
    "pressure_gpa": "--pressure",
    "min_atoms": "--min-atoms",
}
MAX_REPLICAS = 1000


def _plot_md(results: list[Any], path: Path) -> None:
    import matplotlib.pyplot as plt
    from ase.io import read

    fig, ax = plt.subplots(figsize=(6, 3.5))
    for r in results:
        frames = read(r.trajectory_path, index=":")
        t = [f.info.get("time_fs", 0.0) / 1000 for f in frames]
        ax.plot(
            t,
            [f.info.get("temperature_inst_K", float("nan")) for f in frames],
            label=f"{r.formula} {r.temperature_k:g} K",
        )
        ax.axhline(r.temperature_k, color="k", lw=0.5, ls="--")
    ax.set_xlabel("time (ps)")
    ax.set_ylabel("temperature (K)")
    ax.legend(fontsize=8)
    save_figure(fig, path)


def _print_md(results: list[Any]) -> None:
    rows = [
        (
            r.formula,
            r.n_atoms,
            r.temperature_k,
            r.mean_temperature_k,
            r.std_temperature_k,
            r.production_steps,
            r.n_frames,
            r.atom_steps_per_s,
            r.trajectory_path,
        )
        for r in results
    ]
    console.print(
        table(
            f"MD ({results[0].potential}, {results[0].ensemble})",
            [
                "formula",
                "atoms",
                "T (K)",
                "<T> (K)",
                "σT (K)",
                "steps",
                "frames",
                "atom-steps/s",
                "trajectory",
            ],
            rows,
        )
    )


def _print_campaign(res: Any) -> None:
    rows = []
    for tr in res.transport:
        for d in tr.diffusion:
            lo, hi = d["tracer"]["d_ci95_cm2_s"]
            rows.append(
                (
                    tr.material,
                    d["temperature_k"],
                    d["duration_ps"],
                    f"{d['tracer']['d_cm2_s']:.3g} [{lo:.2g}, {hi:.2g}]",
                    d["conductivity_s_cm"],
                    "yes" if d["diffusive"] else "NO",
                )
            )
    console.print(
        table(
            f"MD campaign ({res.summary.n_cached} runs from the store, "
            f"{res.summary.n_computed} computed, {len(res.failures)} failed)",
            ["material", "T (K)", "ps", "D (cm²/s) [95 %]", "σ_NE (S/cm)", "diffusive"],
            rows,
        )
    )
    for tr in res.transport:
        a = tr.arrhenius
        if a:
            lo, hi = a["conductivity_extrap_ci95_s_cm"] or (float("nan"),) * 2
            console.print(
                f"{tr.material}: Ea = {a['ea_ev']:.3f} ± {a['ea_std_ev']:.3f} eV; "
                f"σ(300 K) = {a['conductivity_extrap_s_cm']:.3g} S/cm "
                f"[95 %: {lo:.2g}, {hi:.2g}]" + (f"  ({a['note']})" if a["note"] else "")
            )
        for g in tr.replicas:
            lo, hi = g["d_ci95_cm2_s"]
            console.print(
                f"{tr.material} at {g['temperature_k']:g} K, {g['n_runs']} replicas: "
                f"D = {g['d_cm2_s']:.3g} cm²/s [95 %: {lo:.2g}, {hi:.2g}]; {g['note']}"
            )
        if tr.note:
            console.print(f"{tr.material}: {tr.note}")
    for tid, err in res.failures.items():
        console.print(f"failed {tid}: {err}")


def register(app: typer.Typer) -> None:
    @app.command("md")
    def md_cmd(
        structure: str = typer.Argument(..., help="CIF/POSCAR path or bundled name (Li3PO4...)."),
        temperature: list[float] = typer.Option(
            ..., "--temperature", "-T", help="Temperature in K, 1..5000 (repeat for several)."
        ),
        steps: int = typer.Option(1000, "--steps", help="Production steps."),
        timestep: float = typer.Option(2.0, "--timestep", help="Time step in fs (0.05..5)."),
        ensemble: str = typer.Option(
            "nvt-nose-hoover",
            "--ensemble",
            help="nvt-nose-hoover, nvt-langevin, nvt-berendsen, nvt-bussi, nve, npt-mtk or "
            "npt-berendsen.",
        ),
        pressure: float = typer.Option(
            0.0, "--pressure", help="NPT target pressure in GPa (-10..100)."
        ),
        equilibration: int = typer.Option(
            250, "--equilibration", help="Berendsen steps first (not written)."
        ),
        save_interval: int = typer.Option(10, "--save-interval", help="Steps between frames."),
        seed: int = typer.Option(
            0, "--seed", help="Velocity seed; a nonzero seed adds _seed<N> to the file name."
        ),
        potential: str = typer.Option("chgnet", "--potential", help="chgnet or sevennet."),
        min_atoms: int = typer.Option(0, "--min-atoms", help="Repeat the cell to this size."),
        out_dir: Path = typer.Option(Path("."), "--out-dir", help="Folder for trajectories."),
        restart: bool = typer.Option(False, "--restart", help="Continue existing trajectories."),
        device: str = typer.Option(None, "--device", help="cpu or cuda (default: auto)."),
        json_out: bool = typer.Option(False, "--json", help="Print one JSON object."),
        plot: Path = typer.Option(
            None, "--plot", help="Temperature trace figure (.png, .svg, .pdf or .html)."
        ),
    ) -> None:
        """NVT/NVE/NPT molecular dynamics with an ML potential; unwrapped extxyz trajectories."""
        from interphase.atomistic.md import (
            check_md_settings,
            check_potential_covers,
            md_cell,
            run_md_series,
        )

        check_plot_path(plot)
        # every setting first: nothing is read, loaded or warned about before they pass
        check_md_settings(
            temperatures_k=temperature,
            n_steps=steps,
            timestep_fs=timestep,
            ensemble=ensemble,
            equilibration_steps=equilibration,
            save_interval=save_interval,
            seed=seed,
            potential=potential,
            device=device,
            pressure_gpa=pressure,
            min_atoms=min_atoms,
            names=FLAGS,
        )
        check_writable(out_dir / "trajectory.extxyz")
        cell, small = md_cell(structure, min_atoms)
        check_potential_covers(potential, cell)
        if small:  # before the (long) runs, so that they can be stopped
            err_console.print(f"warning: {small}", markup=False, soft_wrap=True)
        with progress_bar(quiet=json_out) as progress:
            res = run_md_series(
                cell,
                temperature,
                steps,
                out_dir=out_dir,
                seed=seed,
                progress=progress,
                timestep_fs=timestep,
                ensemble=ensemble,
                pressure_gpa=pressure,
                equilibration_steps=equilibration,
                save_interval=save_interval,
                potential=potential,
                device=device,
                restart=restart,
            )
        if json_out:
            emit_json(res)
        else:
            _print_md(list(res.runs))
        if plot:
            _plot_md(list(res.runs), plot)

    @app.command("md-batch")
    def md_batch_cmd(
        materials: list[str] = typer.Argument(..., help="Bundled names or structure files."),
        temperature: list[float] = typer.Option(
            ..., "--temperature", "-T", help="Temperature in K, 1..5000 (repeat for several)."
        ),
        steps: int = typer.Option(1000, "--steps", help="Production steps per run."),
        timestep: float = typer.Option(2.0, "--timestep", help="Time step in fs (0.05..5)."),
        equilibration: int = typer.Option(250, "--equilibration", help="Berendsen steps."),
        save_interval: int = typer.Option(10, "--save-interval", help="Steps between frames."),
        seed: int = typer.Option(0, "--seed", help="Velocity seed of the first replica."),
        replicas: int = typer.Option(
            1, "--replicas", help="Runs per material and temperature (seeds seed, seed+1, ...)."
        ),
        potential: str = typer.Option("chgnet", "--potential", help="chgnet or sevennet."),
        species: str = typer.Option("Li", "--species", help="Diffusing species to analyse."),
        out_dir: Path = typer.Option(Path("md-runs"), "--out-dir", help="Trajectory folder."),
        store: Path = typer.Option(
            Path("md-runs/runs.db"), "--store", help="SQLite result store (resumable)."
        ),
        workers: int | None = typer.Option(
            None, "--workers", help="Local Dask workers (default: one per core; 0: no Dask)."
        ),
        scheduler: str | None = typer.Option(
            None, "--scheduler", help="Address of an existing Dask scheduler (tcp://host:8786)."
        ),
        json_out: bool = typer.Option(False, "--json", help="Print one JSON object."),
    ) -> None:
        """Many MD runs (materials x temperatures) on Dask, stored and resumable, then D, the
        Nernst-Einstein conductivity and an Arrhenius fit per material."""
        from interphase.atomistic.campaign import MDCampaignSpec, run_md_campaign
        from interphase.atomistic.md import check_md_settings, check_potential_covers
        from interphase.atomistic.structures import load_structure

        # every setting before any run: a bad one is one refusal, not a failed run per task
        check_md_settings(
            temperatures_k=temperature,
            n_steps=steps,
            timestep_fs=timestep,
            equilibration_steps=equilibration,
            save_interval=save_interval,
            seed=seed,
            potential=potential,
            names=FLAGS,
        )
        if not 1 <= replicas <= MAX_REPLICAS:
            raise InvalidConditionError(f"--replicas {replicas}: give 1..{MAX_REPLICAS} runs")
        check_workers(workers)
        check_writable(out_dir / "trajectory.extxyz")
        check_writable(store)
        for m in materials:  # the species is analysed after the MD: check it is there first
            s = load_structure(m)
            check_potential_covers(potential, s)
            elements = sorted(el.symbol for el in s.composition.elements)
            if species not in elements:
                raise InvalidConditionError(
                    f"--species {species!r}: {m} has no such atoms (its elements: "
                    f"{', '.join(elements)})"
                )
        if scheduler:
            from interphase.compute.executor import check_scheduler

            check_scheduler(scheduler)
        spec = MDCampaignSpec(
            n_steps=steps,
            out_dir=str(out_dir),
            timestep_fs=timestep,
            equilibration_steps=equilibration,
            save_interval=save_interval,
            seed=seed,
            potential=potential,
            replicas=replicas,
        )
        store.parent.mkdir(parents=True, exist_ok=True)
        # run_md_campaign takes no progress callback: its executor reports to this one
        with progress_bar(quiet=json_out) as progress:
            res = run_md_campaign(
                materials,
                temperature,
                spec,
                store=store,
                workers=workers,
                scheduler=scheduler,
                quiet=progress is None,
                species=species,
                progress=progress,
            )
        if json_out:
            emit_json(res.to_dict())
            return
        _print_campaign(res)
