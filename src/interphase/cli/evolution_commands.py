"""Evolution commands: `grow` (the interphase between Li metal and an electrolyte over time)."""

from __future__ import annotations

from pathlib import Path

import typer

from interphase.cli.common import check_plot_path, console, emit_json, save_figure, table


def register(app: typer.Typer) -> None:
    @app.command("grow")
    def grow_cmd(
        electrolyte: str = typer.Argument(..., help="Solid electrolyte against Li metal."),
        hours: str = typer.Option("1,10,100,1000,10000", "--hours", help="Times, h, comma list."),
        temperature: float = typer.Option(298.15, "--temperature", help="K."),
        initial_nm: float = typer.Option(
            0.0, "--initial-nm", help="Layer formed before transport limits it, nm."
        ),
        params: list[str] | None = typer.Option(
            None, "--param", help="PHASE.PROPERTY=VALUE, e.g. Li2S.li_conductivity_s_cm=1e-9."
        ),
        json_out: bool = typer.Option(False, "--json", help="Print one JSON object."),
        plot: Path | None = typer.Option(None, "--plot", help="Write a figure (.png, .svg ...)."),
    ) -> None:
        """Thickness and ASR of the Li | electrolyte interphase over time (Wagner parabolic
        law; conductivities sourced, given, or labelled estimates)."""
        from interphase.cli.contact_commands import _floats
        from interphase.evolution import li_interphase_growth
        from interphase.materials.parameters import parse_params

        check_plot_path(plot)
        times = [h * 3600.0 for h in _floats(hours, "times")]
        g = li_interphase_growth(electrolyte, times, temperature, parse_params(params), initial_nm)
        if json_out:
            emit_json(g)
        else:
            p = lambda s: console.print(s, highlight=False, markup=False)  # noqa: E731
            p(f"Li | {g.electrolyte}: {g.regime} (verdict {g.verdict})")
            if g.rate_constant_cm2_s is not None:
                p(
                    f"k = {g.rate_constant_cm2_s:.3g} cm2/s (band {g.rate_constant_band[0]:.2g}"
                    f"..{g.rate_constant_band[1]:.2g}); sigma_Li {g.li_conductivity_s_cm:.2g}, "
                    f"sigma_e {g.electronic_conductivity_s_cm:.2g} S/cm; V_red "
                    f"{g.reduction_v:.2f} V"
                )
                rows = [
                    [t / 3600.0, L, f"{b[0]:.3g}..{b[1]:.3g}", r]
                    for t, L, b, r in zip(
                        g.times_s,
                        g.thickness_nm,
                        g.thickness_band_nm,
                        g.asr_ohm_cm2,
                        strict=True,
                    )
                ]
                console.print(
                    table("growth", ["t (h)", "L (nm)", "L band (nm)", "ASR (ohm cm2)"], rows)
                )
                phase_rows = [
                    [
                        i.formula,
                        i.volume_fraction,
                        i.li.value,
                        i.li.source or "unknown",
                        i.electronic.value,
                        i.electronic.source,
                    ]
                    for i in g.phases
                ]
                console.print(
                    table(
                        "interphase phases",
                        ["phase", "vol. fraction", "Li+ (S/cm)", "source", "e- (S/cm)", "source"],
                        phase_rows,
                    )
                )
            for line in (*g.notes, *g.missing):
                p(f"note: {line}")
        if plot is not None and g.rate_constant_cm2_s is not None:
            save_figure(_figure(g), plot)


def _figure(g):
    from matplotlib.figure import Figure

    fig = Figure(figsize=(9, 3.6), layout="constrained")
    ax = fig.subplots(1, 2)
    h = [t / 3600.0 for t in g.times_s]
    ax[0].loglog(h, g.thickness_nm, "o-")
    ax[0].fill_between(
        h,
        [b[0] or 1e-3 for b in g.thickness_band_nm],
        [b[1] for b in g.thickness_band_nm],
        alpha=0.2,
    )
    ax[0].set_xlabel("time (h)")
    ax[0].set_ylabel("interphase thickness (nm)")
    ax[1].loglog(h, g.asr_ohm_cm2, "s-", color="C1")
    ax[1].set_xlabel("time (h)")
    ax[1].set_ylabel("interphase ASR (ohm cm$^2$)")
    fig.suptitle(f"Li | {g.electrolyte}: {g.regime}")
    return fig
