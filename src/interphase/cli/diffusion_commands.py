"""The diffusion command: tracer and collective D with 95 % intervals, Nernst–Einstein σ,
Haven ratio, replicas at one temperature combined, and an Arrhenius fit, from trajectories.

The engine is atomistic.md_analysis.analyse_trajectories; this module parses options, prints
and plots. Heavy packages (ase) are imported only when the command runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from interphase.cli.common import (
    check_plot_path,
    console,
    emit_json,
    progress_bar,
    save_figure,
    table,
)


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


def register(app: typer.Typer) -> None:
    @app.command("diffusion")
    def diffusion_cmd(
        trajectories: list[Path] = typer.Argument(..., help="Trajectories (extxyz/.traj)."),
        species: str = typer.Option("Li", "--species", help="Mobile element."),
        fit_start: float = typer.Option(
            None,
            "--fit-start",
            help="Start of the fit in ps: 0 up to the longest lag (half the run); default 10 % "
            "of that lag.",
        ),
        temperature: float = typer.Option(None, "--temperature", help="Override T (K), 1..5000."),
        extrapolate: float = typer.Option(
            300.0, "--extrapolate", help="Arrhenius target T (K), 1..5000."
        ),
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
        from interphase.atomistic.md_analysis import analyse_trajectories, check_analysis_settings

        check_plot_path(plot)
        check_analysis_settings(
            temperature_k=temperature,
            fit_start_ps=fit_start,
            t_extrap_k=extrapolate,
            names={
                "temperature_k": "--temperature",
                "fit_start_ps": "--fit-start",
                "t_extrap_k": "--extrapolate",
            },
        )

        with progress_bar(quiet=json_out) as progress:
            res = analyse_trajectories(
                trajectories,
                species,
                temperature_k=temperature,
                fit_start_ps=fit_start,
                t_extrap_k=extrapolate,
                only_reliable=only_reliable,
                progress=progress,
            )
        results, arr, replicas, mixed = list(res.diffusion), res.arrhenius, res.replicas, res.note
        if json_out:
            emit_json(res)
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
