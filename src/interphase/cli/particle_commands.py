"""`interphase particle`: a cathode particle fed through point contacts with the electrolyte."""

from __future__ import annotations

import os
from pathlib import Path

import typer

from interphase.cli.common import console, emit_json, err_console, progress_wanted, table
from interphase.errors import InvalidConditionError

_PLOT_SUFFIXES = {".png", ".svg", ".pdf", ".html", ".gif"}


def _check_plot(path: Path | None) -> None:
    if path is None:
        return
    if path.is_dir() or path.suffix.lower() not in _PLOT_SUFFIXES:
        raise InvalidConditionError(
            f"cannot write plot {str(path)!r}: use a .png, .svg, .pdf, .html or .gif file name"
        )
    from interphase.cli.common import check_writable

    check_writable(path)


def _quiet(flag: bool) -> bool:
    return flag or os.environ.get("INTERPHASE_QUIET", "") not in ("", "0")


def register(app: typer.Typer) -> None:
    @app.command("particle")
    def particle_cmd(
        material: str = typer.Option("LNMO", "--material", "-m", help="LNMO, LCO, NCM811, LFP."),
        contact_fraction: float = typer.Option(
            ..., "--contact-fraction", "-f", help="Surface fraction in contact, in (0, 1]."
        ),
        patches: int = typer.Option(4, "--patches", help="Number of contact patches."),
        c_rate: float = typer.Option(1.0, "--c-rate", help="C-rate of the galvanostatic run."),
        geometry: str = typer.Option(
            "2d", "--geometry", help="2d (circle), square, or sphere (axisymmetric 3-D)."
        ),
        grid: int = typer.Option(80, "--grid", help="Cells per direction."),
        radius_um: float = typer.Option(2.5, "--radius-um", help="Particle radius (um)."),
        operation: str = typer.Option("charge", "--operation", help="charge or discharge."),
        hold_v: float | None = typer.Option(
            None, "--hold-v", help="Potentiostatic hold at this potential (V vs Li/Li+)."
        ),
        cutoff_v: float | None = typer.Option(
            None, "--cutoff-v", help="Cut-off voltage (default: the material's)."
        ),
        exchange_current: float | None = typer.Option(
            None, "--exchange-current", help="Exchange-current density at x = 0.5 (mA/cm^2)."
        ),
        diffusivity: float | None = typer.Option(
            None, "--diffusivity", help="Constant Li diffusivity (cm^2/s) instead of D(x)."
        ),
        threshold: float | None = typer.Option(
            None,
            "--threshold",
            help="Li fraction below which a volume counts as over-delithiated.",
        ),
        sweep: int = typer.Option(
            0, "--sweep", help="Also sweep this many contact fractions in (0, 1] in parallel."
        ),
        frames: int | None = typer.Option(
            None, "--frames", help="Maps to keep (default 6; 16 for a GIF)."
        ),
        json_out: bool = typer.Option(False, "--json", help="Print one JSON object."),
        plot: Path | None = typer.Option(
            None, "--plot", help="Li-fraction maps: PNG/SVG/PDF/HTML strip, or an animated GIF."
        ),
        quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
    ) -> None:
        """Charge or discharge a cathode particle through contact patches (Li diffusion +
        Butler-Volmer at the contacts): capacity at the cut-off and over-delithiated volume."""
        from interphase.contact.particle import simulate_particle, sweep_contact_fraction

        _check_plot(plot)
        geo = "circle" if geometry.lower() in ("2d", "circle") else geometry.lower()
        if sweep < 0 or sweep > 500:
            raise InvalidConditionError("--sweep takes 0..500 contact fractions")
        kwargs = dict(
            n_patches=patches,
            geometry=geo,
            grid=grid,
            radius_um=radius_um,
            operation=operation,
            c_rate=c_rate,
            hold_potential_v=hold_v,
            cutoff_v=cutoff_v,
            exchange_current_ma_cm2=exchange_current,
            diffusivity_cm2_s=diffusivity,
            threshold_li_fraction=threshold,
        )
        is_gif = plot is not None and plot.suffix.lower() == ".gif"
        n_frames = frames if frames is not None else (16 if is_gif else 6)
        if n_frames < 2 or n_frames > 200:
            raise InvalidConditionError("--frames takes 2..200 maps")

        if _quiet(quiet) or json_out or not progress_wanted(quiet):  # no bar off a terminal
            result = simulate_particle(
                material, contact_fraction=contact_fraction, n_frames=n_frames, **kwargs
            )
            swept = sweep_contact_fraction(_fractions(sweep), material, **kwargs) if sweep else None
        else:
            from rich.progress import Progress

            with Progress(console=err_console, transient=True) as bar:
                task = bar.add_task("particle", total=1.0)
                result = simulate_particle(
                    material,
                    contact_fraction=contact_fraction,
                    n_frames=n_frames,
                    progress=lambda f: bar.update(task, completed=f),
                    **kwargs,
                )
                swept = None
                if sweep:
                    task2 = bar.add_task("sweep", total=1.0)
                    swept = sweep_contact_fraction(
                        _fractions(sweep),
                        material,
                        progress=lambda f: bar.update(task2, completed=f),
                        **kwargs,
                    )

        if json_out:
            data = result.to_dict()
            if swept is not None:
                data["sweep"] = swept.to_dict()
            emit_json(data)
        else:
            _print(result, swept)
        if plot is not None:
            _plot(result, plot)

    return None


def _fractions(n: int) -> list[float]:
    return [(k + 1) / n for k in range(n)]


def _print(result, swept) -> None:
    rows = [
        ("material", f"{result.material} ({result.geometry}, {result.n_patches} patches)"),
        ("contact fraction", result.contact_fraction),
        (
            "mode",
            f"{result.mode} {result.operation}"
            + (f", {result.c_rate:g} C" if result.c_rate is not None else ""),
        ),
        ("stopped by", result.termination),
        ("time (s)", result.time_s),
        ("capacity (fraction of window)", result.capacity_fraction),
        ("capacity (mAh/g)", result.capacity_mah_g),
        ("Li fraction min / max at end", (result.li_fraction_min, result.li_fraction_max)),
        (
            "over-delithiated volume fraction",
            result.over_delithiated_fraction
            if result.over_delithiated_fraction is not None
            else "— (no threshold; use --threshold)",
        ),
        ("kinetics", result.kinetics),
        ("Li conservation error (relative)", f"{result.conservation_error_relative:.1e}"),
        ("sources", ", ".join(result.citations)),
    ]
    console.print(table("particle through point contacts", ["quantity", "value"], rows))
    for note in result.notes:
        err_console.print(f"note: {note}")
    if swept is not None:
        srows = zip(
            swept.contact_fraction,
            swept.capacity_fraction,
            swept.over_delithiated_fraction,
            swept.time_s,
            swept.termination,
            strict=True,
        )
        console.print(
            table(
                "contact-fraction sweep",
                ["contact fraction", "capacity fraction", "over-delithiated", "time (s)", "stop"],
                srows,
            )
        )


def _plot(result, path: Path) -> None:
    import matplotlib

    if path.suffix.lower() == ".gif":
        matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt
    import numpy as np

    from interphase.cli.common import save_figure

    frames = result.frames
    extent_um = result.radius_um

    def draw(ax, img, t):
        ax.clear()
        if result.geometry == "sphere":
            nr, nt = img.shape
            re = np.linspace(0, extent_um, nr + 1)
            te = np.linspace(0, np.pi, nt + 1)
            rr, tt = np.meshgrid(re, te, indexing="ij")
            xx, zz = rr * np.sin(tt), rr * np.cos(tt)
            ax.pcolormesh(xx, zz, img, vmin=0, vmax=1, cmap="viridis")
            ax.pcolormesh(-xx, zz, img, vmin=0, vmax=1, cmap="viridis")
        else:
            ax.imshow(
                img.T,
                origin="lower",
                extent=(-extent_um, extent_um, -extent_um, extent_um),
                vmin=0,
                vmax=1,
                cmap="viridis",
            )
        ax.set_aspect("equal")
        ax.set_title(f"t = {t:.0f} s", fontsize=8)
        ax.set_xticks([])
        ax.set_yticks([])

    if path.suffix.lower() == ".gif":
        from matplotlib.animation import FuncAnimation, PillowWriter

        fig, ax = plt.subplots(figsize=(3.2, 3.2))

        def update(k):
            draw(ax, frames[k], result.frame_times_s[k])
            return []

        anim = FuncAnimation(fig, update, frames=len(frames), blit=False)
        path.parent.mkdir(parents=True, exist_ok=True)
        anim.save(str(path), writer=PillowWriter(fps=6))
        plt.close(fig)
        err_console.print(f"wrote {path}")
        return
    n = len(frames)
    fig, axes = plt.subplots(1, n, figsize=(1.9 * n + 0.8, 2.3), squeeze=False)
    for k, ax in enumerate(axes[0]):
        draw(ax, frames[k], result.frame_times_s[k])
    sm = plt.cm.ScalarMappable(cmap="viridis", norm=plt.Normalize(0, 1))
    fig.colorbar(sm, ax=axes[0].tolist(), label="Li fraction", shrink=0.8)
    fig.suptitle(
        f"{result.material}, contact {result.contact_fraction:g}, {result.mode} {result.operation}",
        fontsize=9,
    )
    save_figure(fig, path)
