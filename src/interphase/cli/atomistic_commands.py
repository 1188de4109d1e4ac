"""Atomistic commands: md, md-batch, diffusion, bvse, interface, mlip-energy.

Heavy packages (torch, chgnet, ase, bvlain) are imported only when a command runs.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import typer

from interphase.cli.common import (
    check_plot_path,
    check_writable,
    console,
    emit_json,
    err_console,
    save_figure,
    table,
)
from interphase.errors import InvalidConditionError


def _progress_wanted(json_out: bool) -> bool:
    return not json_out and not os.environ.get("INTERPHASE_QUIET") and sys.stderr.isatty()


def _miller(text: str) -> tuple[int, int, int]:
    try:
        parts = tuple(int(x) for x in text.replace(" ", "").split(","))
    except ValueError:
        parts = ()
    if len(parts) != 3 or parts == (0, 0, 0):
        raise InvalidConditionError(f"Miller index {text!r}: give three integers like 1,0,0")
    return parts  # type: ignore[return-value]


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


def _plot_diffusion(results: list[Any], arr: Any, path: Path) -> None:
    import matplotlib.pyplot as plt
    import numpy as np

    from interphase.constants import K_B_EV

    ncol = 2 if arr is not None else 1
    fig, axes = plt.subplots(1, ncol, figsize=(5.5 * ncol, 4), squeeze=False)
    ax = axes[0][0]
    for r in results:
        t = np.array(r.time_ps)
        y = np.array(r.msd_tracer_a2)
        s = np.array(r.msd_tracer_std_a2)
        line = ax.plot(t, y, label=f"{r.temperature_k:g} K tracer")[0]
        fit = r.tracer
        tt = t[t >= fit.fit_start_ps]
        d_a2_ps = fit.d_cm2_s / 1e-4
        ax.plot(tt, 6 * d_a2_ps * tt + fit.offset_a2, color=line.get_color(), ls="--", lw=1)
        lo, hi = (x / 1e-4 for x in fit.d_ci95_cm2_s)
        ax.fill_between(
            tt,
            6 * lo * tt + fit.offset_a2,
            6 * hi * tt + fit.offset_a2,
            color=line.get_color(),
            alpha=0.2,
        )
        ok = np.isfinite(s)
        ax.fill_between(t[ok], (y - s)[ok], (y + s)[ok], color=line.get_color(), alpha=0.08)
    ax.set_xlabel("time lag (ps)")
    ax.set_ylabel("MSD (Å²)")
    ax.set_title("MSD, GLS fit and 95 % interval of D")
    ax.legend(fontsize=8)
    if arr is not None:
        ax2 = axes[0][1]
        inv = 1000 / np.array(arr.temperatures_k)
        d = np.array(arr.d_cm2_s)
        sd = np.array(arr.d_std_cm2_s)
        ax2.errorbar(inv, d, yerr=1.96 * sd, fmt="o", capsize=3)
        xx = np.linspace(1000 / arr.t_extrap_k, inv.min(), 50)
        ax2.plot(xx, arr.d0_cm2_s * np.exp(-arr.ea_ev / (K_B_EV * 1000 / xx)), "--")
        ax2.errorbar(
            [1000 / arr.t_extrap_k],
            [arr.d_extrap_cm2_s],
            yerr=[
                [arr.d_extrap_cm2_s - arr.d_extrap_ci95_cm2_s[0]],
                [arr.d_extrap_ci95_cm2_s[1] - arr.d_extrap_cm2_s],
            ],
            fmt="s",
            capsize=3,
        )
        ax2.set_yscale("log")
        ax2.set_xlabel("1000 / T (1/K)")
        ax2.set_ylabel("D (cm²/s)")
        ax2.set_title(f"Ea = {arr.ea_ev:.3f} ± {arr.ea_std_ev:.3f} eV")
    save_figure(fig, path)


def _print_replicas(groups: list[Any]) -> None:
    """Runs of one cell at one temperature, combined (atomistic/replicas.py)."""
    rows = [
        (
            g.formula,
            g.temperature_k,
            g.n_runs,
            g.d_cm2_s,
            g.d_ci95_cm2_s,
            g.scatter_to_interval,
            g.reduced_chi2,
            "yes" if g.all_reliable else "NO",
        )
        for g in groups
    ]
    console.print(
        table(
            "Replicas (independent runs at one temperature, combined)",
            [
                "cell",
                "T (K)",
                "runs",
                "mean D* (cm²/s)",
                "95 % interval",
                "scatter / own σ",
                "χ²_red",
                "all reliable",
            ],
            rows,
        )
    )
    for g in groups:
        console.print(f"[yellow]note[/] replicas at {g.temperature_k:g} K: {g.note}")


def _sites(env: Any) -> str:
    """Fractions of octahedral and tetrahedral sites (local_environment.py), or '-'."""
    if env is None:
        return "-"
    return f"oct {env.fraction_octahedral:.2f} / tet {env.fraction_tetrahedral:.2f}"


def _plot_bvse(res: Any, path: Path) -> None:
    import matplotlib.pyplot as plt
    import numpy as np

    grid = np.asarray(res._grid)
    grid = grid - np.nanmin(grid)
    fig, axes = plt.subplots(1, 3, figsize=(12, 3.8))
    vmax = (res.barrier_ev or 1.0) + 0.5
    for k, ax in enumerate(axes):
        sl = grid.min(axis=k)
        im = ax.imshow(sl.T, origin="lower", vmin=0, vmax=vmax, cmap="viridis", aspect="auto")
        ax.set_title(f"min over {'abc'[k]} (eV)")
        ax.set_xticks([])
        ax.set_yticks([])
    fig.colorbar(im, ax=list(axes))
    fig.suptitle(f"BVSE of {res.mobile_ion} in {res.formula}")
    save_figure(fig, path)


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


MAX_TIMESTEP_FS = 5.0


def register(app: typer.Typer) -> None:
    @app.command("md")
    def md_cmd(
        structure: str = typer.Argument(..., help="CIF/POSCAR path or bundled name (Li3PO4...)."),
        temperature: list[float] = typer.Option(
            ..., "--temperature", "-T", help="Temperature in K (repeat for several)."
        ),
        steps: int = typer.Option(1000, "--steps", help="Production steps."),
        timestep: float = typer.Option(2.0, "--timestep", help="Time step in fs."),
        ensemble: str = typer.Option(
            "nvt-nose-hoover",
            "--ensemble",
            help="nvt-nose-hoover, nvt-langevin, nvt-berendsen, nvt-bussi, nve, npt-mtk or "
            "npt-berendsen.",
        ),
        pressure: float = typer.Option(0.0, "--pressure", help="NPT target pressure in GPa."),
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
        check_plot_path(plot)
        check_writable(out_dir / "trajectory.extxyz")
        for t in temperature:
            if t <= 0:
                raise InvalidConditionError(f"temperature must be positive (got {t:g} K)")
        if steps < 1 or save_interval < 1 or equilibration < 0 or min_atoms < 0 or seed < 0:
            raise InvalidConditionError(
                "--steps and --save-interval must be >= 1, --equilibration, --min-atoms and "
                "--seed >= 0"
            )
        if not 0 < timestep <= MAX_TIMESTEP_FS:
            raise InvalidConditionError(
                f"--timestep {timestep:g} fs: give 0 < dt <= {MAX_TIMESTEP_FS:g} fs (Li moves "
                "too far per step beyond; 1-2 fs is usual)"
            )
        from interphase.atomistic.md import run_md, small_cell_warning
        from interphase.atomistic.potentials import check_device
        from interphase.atomistic.structures import file_stem, load_structure, supercell_for

        if device is not None:
            check_device(device)

        s = load_structure(structure)
        if min_atoms:
            s = supercell_for(s, min_atoms=min_atoms)
        small = small_cell_warning(s)
        if small:
            err_console.print(f"warning: {small}", markup=False, soft_wrap=True)
        results = []
        for t in temperature:
            # replicas (another --seed) get their own file instead of overwriting seed 0's
            tag = f"_seed{seed}" if seed else ""
            traj = out_dir / f"{file_stem(s)}_{t:g}K{tag}.extxyz"
            results.append(
                run_md(
                    s,
                    t,
                    steps,
                    trajectory=traj,
                    timestep_fs=timestep,
                    ensemble=ensemble,
                    pressure_gpa=pressure,
                    equilibration_steps=equilibration,
                    save_interval=save_interval,
                    seed=seed,
                    potential=potential,
                    device=device,
                    restart=restart,
                    progress=_progress_wanted(json_out),
                )
            )
        if json_out:
            emit_json({"md": [r.to_dict() for r in results], "warnings": [small] if small else []})
        else:
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
        if plot:
            _plot_md(results, plot)

    @app.command("md-batch")
    def md_batch_cmd(
        materials: list[str] = typer.Argument(..., help="Bundled names or structure files."),
        temperature: list[float] = typer.Option(
            ..., "--temperature", "-T", help="Temperature in K (repeat for several)."
        ),
        steps: int = typer.Option(1000, "--steps", help="Production steps per run."),
        timestep: float = typer.Option(2.0, "--timestep", help="Time step in fs."),
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
        res = run_md_campaign(
            materials,
            temperature,
            spec,
            store=store,
            workers=workers,
            scheduler=scheduler,
            quiet=not _progress_wanted(json_out),
            species=species,
        )
        if json_out:
            emit_json(res.to_dict())
            return
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

    @app.command("diffusion")
    def diffusion_cmd(
        trajectories: list[Path] = typer.Argument(..., help="Trajectories (extxyz/.traj)."),
        species: str = typer.Option("Li", "--species", help="Mobile element."),
        fit_start: float = typer.Option(None, "--fit-start", help="Start of the fit in ps."),
        temperature: float = typer.Option(None, "--temperature", help="Override T (K)."),
        extrapolate: float = typer.Option(300.0, "--extrapolate", help="Arrhenius target T (K)."),
        only_reliable: bool = typer.Option(
            False,
            "--only-reliable",
            help="Fit Arrhenius only over runs that are diffusive with a stable host.",
        ),
        json_out: bool = typer.Option(False, "--json", help="Print one JSON object."),
        plot: Path = typer.Option(
            None, "--plot", help="MSD and Arrhenius figure (.png, .svg, .pdf or .html)."
        ),
    ) -> None:
        """Tracer/collective D with 95 % intervals, Nernst–Einstein σ, Haven ratio, Arrhenius."""
        check_plot_path(plot)
        if temperature is not None and temperature <= 0:
            raise InvalidConditionError(f"temperature must be positive (got {temperature:g} K)")
        if extrapolate <= 0:
            raise InvalidConditionError("extrapolation temperature must be positive")
        from interphase.atomistic.diffusion import arrhenius_from_results, diffusion_from_trajectory
        from interphase.atomistic.replicas import replicas_by_temperature

        results = [
            diffusion_from_trajectory(p, species, temperature_k=temperature, fit_start_ps=fit_start)
            for p in trajectories
        ]
        replicas = replicas_by_temperature(results)
        arr = None
        formulas = sorted({r.formula for r in results})
        mixed = None
        if len(formulas) > 1:
            mixed = (
                f"no Arrhenius fit: the trajectories are of {len(formulas)} materials "
                f"({', '.join(formulas)}); give one material's runs to fit E_a"
            )
        elif len({r.temperature_k for r in results}) >= 2 and all(
            r.tracer.d_cm2_s > 0 for r in results
        ):
            arr = arrhenius_from_results(
                results, t_extrap_k=extrapolate, only_reliable=only_reliable
            )
        if json_out:
            emit_json(
                {
                    "diffusion": [r.to_dict() for r in results],
                    "arrhenius": arr.to_dict() if arr else None,
                    "replicas": [g.to_dict() for g in replicas],
                    "note": mixed,
                }
            )
        else:
            rows = [
                (
                    Path(r.source).name,
                    r.temperature_k,
                    r.duration_ps,
                    r.tracer.d_cm2_s,
                    r.tracer.d_ci95_cm2_s,
                    r.conductivity_s_cm,
                    r.haven_ratio,
                    r.loglog_slope,
                    "yes" if r.diffusive else "NO",
                    r.host_verdict,
                )
                for r in results
            ]
            console.print(
                table(
                    f"{species} diffusion",
                    [
                        "trajectory",
                        "T (K)",
                        "ps",
                        "D* (cm²/s)",
                        "95 % interval",
                        "σ_NE (S/cm)",
                        "Haven",
                        "log-log slope",
                        "diffusive",
                        "host",
                    ],
                    rows,
                )
            )
            for r in results:
                for w in r.warnings:
                    console.print(f"[yellow]warning[/] {Path(r.source).name}: {w}")
            if replicas:
                _print_replicas(replicas)
            if mixed:
                console.print(f"[yellow]note[/] {mixed}")
            if arr:
                console.print(
                    table(
                        "Arrhenius",
                        [
                            "Ea (eV)",
                            "± (eV)",
                            f"D({arr.t_extrap_k:g} K)",
                            "95 % interval",
                            "σ (S/cm)",
                        ],
                        [
                            (
                                arr.ea_ev,
                                arr.ea_std_ev,
                                arr.d_extrap_cm2_s,
                                arr.d_extrap_ci95_cm2_s,
                                arr.conductivity_extrap_s_cm,
                            )
                        ],
                    )
                )
                if arr.note:
                    console.print(f"[yellow]note[/] Arrhenius: {arr.note}")
        if plot:
            _plot_diffusion(results, arr, plot)

    @app.command("bvse")
    def bvse_cmd(
        structure: str = typer.Argument(..., help="CIF path or bundled name."),
        ion: str = typer.Option("Li", "--ion", help="Mobile element."),
        resolution: float = typer.Option(0.25, "--resolution", help="Grid spacing in Å."),
        json_out: bool = typer.Option(False, "--json", help="Print one JSON object."),
        plot: Path = typer.Option(
            None, "--plot", help="BVSE map slices (.png, .svg, .pdf or .html)."
        ),
    ) -> None:
        """Bond-valence site energy percolation barriers (1D/2D/3D) of a mobile ion."""
        check_plot_path(plot)
        from interphase.atomistic.bvse import bvse_barriers

        r = bvse_barriers(structure, ion, resolution_a=resolution)
        if json_out:
            emit_json(r)
        else:
            console.print(
                table(
                    f"BVSE {r.mobile_ion} in {r.formula}",
                    ["E_1D (eV)", "E_2D (eV)", "E_3D (eV)", "dim", "oxidation states"],
                    [
                        (
                            r.barrier_1d_ev,
                            r.barrier_2d_ev,
                            r.barrier_3d_ev,
                            r.percolation_dimension,
                            ", ".join(f"{k}{v:+g}" for k, v in r.oxidation_states.items()),
                        )
                    ],
                )
            )
            console.print(
                f"dim: the highest dimension whose barrier lies within "
                f"{r.dimension_tolerance_ev:g} eV of E_1D (BVSE's own uncertainty); "
                "the barriers of each dimension are printed beside it"
            )
        if plot:
            _plot_bvse(r, plot)

    @app.command("interface")
    def interface_cmd(
        substrate: str = typer.Argument(..., help="Substrate: CIF path or bundled name."),
        film: str = typer.Argument(..., help="Film: CIF path or bundled name."),
        substrate_miller: str = typer.Option("1,0,0", "--substrate-miller"),
        film_miller: str = typer.Option("1,0,0", "--film-miller"),
        strain_limit: float = typer.Option(0.05, "--strain-limit", help="Fraction, 0.05 = 5 %."),
        max_area: float = typer.Option(60.0, "--max-area", help="Largest match area, Å²."),
        layers: int = typer.Option(2, "--layers", help="Layers of each slab."),
        min_in_plane: float = typer.Option(8.0, "--min-in-plane", help="Å, in-plane repeat."),
        relax_steps: int = typer.Option(0, "--relax-steps", help="Relaxation steps (0: none)."),
        md_steps: int = typer.Option(0, "--md-steps", help="Interface MD steps (0: none)."),
        temperature: float = typer.Option(600.0, "--temperature", help="MD temperature, K."),
        potential: str = typer.Option("chgnet", "--potential"),
        out: Path = typer.Option(None, "--out", help="Write the model (CIF) here."),
        json_out: bool = typer.Option(False, "--json", help="Print one JSON object."),
        plot: Path = typer.Option(
            None, "--plot", help="Density profiles, needs --md-steps (.png, .svg, .pdf or .html)."
        ),
    ) -> None:
        """Coherent interface model; optional relaxation and short MD with density profiles."""
        check_plot_path(plot)
        if temperature <= 0:
            raise InvalidConditionError(f"temperature must be positive (got {temperature:g} K)")
        if layers < 1:
            raise InvalidConditionError(f"--layers must be at least 1 layer per slab, got {layers}")
        if relax_steps < 0 or md_steps < 0:
            raise InvalidConditionError("step counts must be non-negative")
        if plot and not md_steps:
            raise InvalidConditionError("--plot draws density profiles: give --md-steps too")
        from interphase.atomistic.interfaces import (
            analyse_interface_trajectory,
            build_interface,
            relax_interface,
        )

        m = build_interface(
            substrate,
            film,
            substrate_miller=_miller(substrate_miller),
            film_miller=_miller(film_miller),
            strain_limit=strain_limit,
            max_area_a2=max_area,
            substrate_layers=layers,
            film_layers=layers,
            min_in_plane_a=min_in_plane,
        )
        if relax_steps:
            m = relax_interface(m, potential, max_steps=relax_steps)
        dyn = None
        if md_steps:
            import re

            from interphase.atomistic.md import run_md

            stem = re.sub(r"[^A-Za-z0-9_.-]", "", f"{m.substrate}_{m.film}_interface")
            traj = (out or Path(f"{stem}.cif")).with_suffix(".extxyz")
            run_md(
                m.structure,
                temperature,
                md_steps,
                trajectory=traj,
                potential=potential,
                save_interval=max(1, md_steps // 50),
                progress=_progress_wanted(json_out),
            )
            dyn = analyse_interface_trajectory(traj, m.substrate_indices)
        if out:
            from pymatgen.io.cif import CifWriter

            out.parent.mkdir(parents=True, exist_ok=True)
            CifWriter(m.structure).write_file(str(out))
        if json_out:
            d = m.to_dict()
            d["dynamics"] = dyn.to_dict() if dyn else None
            emit_json(d)
        else:
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
            if dyn:
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
        if plot and dyn:
            _plot_profiles(dyn, plot)

    @app.command("mlip-energy")
    def mlip_energy_cmd(
        structures: list[str] = typer.Argument(..., help="CIF paths or bundled names."),
        potential: str = typer.Option("chgnet", "--potential", help="chgnet or sevennet."),
        no_relax: bool = typer.Option(False, "--no-relax", help="Single point, no relaxation."),
        json_out: bool = typer.Option(False, "--json", help="Print one JSON object."),
    ) -> None:
        """ML-potential formation energies on the MLIP's own elemental references (labelled)."""
        from interphase.atomistic.entries import mlip_formation_energy

        res = [
            mlip_formation_energy(s, potential, relax_structure=not no_relax) for s in structures
        ]
        if json_out:
            emit_json({"entries": [r.to_dict() for r in res]})
            return
        rows = [
            (
                r.formula,
                r.energy_ev_per_atom,
                r.formation_energy_ev_per_atom,
                f"± {r.known_error_ev_per_atom:.3f}",
                r.potential,
                r.label,
            )
            for r in res
        ]
        console.print(
            table(
                "ML-potential formation energies",
                ["formula", "E (eV/atom)", "E_f (eV/atom)", "known error", "potential", "label"],
                rows,
            )
        )
        console.print(res[0].reference_note)
