"""Evolution commands: `grow` (the interphase between Li metal and an electrolyte over time)."""

from __future__ import annotations

from pathlib import Path

import typer

from interphase.cli.common import check_plot_path, console, emit_json, save_figure, table


def register(app: typer.Typer) -> None:
    register_space_charge(app)

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


def register_space_charge(app: typer.Typer) -> None:
    @app.command("space-charge")
    def space_charge_cmd(
        electrolyte: str = typer.Argument(..., help="Solid electrolyte (e.g. LPS)."),
        potential: float = typer.Option(
            ..., "--potential", help="Electrode potential at the contact, V vs Li/Li+."
        ),
        permittivity: float | None = typer.Option(
            None, "--permittivity", help="Relative permittivity of the electrolyte."
        ),
        carriers: float | None = typer.Option(
            None, "--carriers", help="Mobile Li+ concentration, cm^-3."
        ),
        sites: float | None = typer.Option(
            None, "--sites", help="Li site density, cm^-3 (site-restricted profile)."
        ),
        step: float | None = typer.Option(
            None, "--step-v", help="Potential step, V (default: from the window)."
        ),
        buffer_nm: float = typer.Option(0.0, "--buffer-nm", help="Buffer coating thickness."),
        buffer_eps: float = typer.Option(10.0, "--buffer-permittivity", help="Its permittivity."),
        temperature: float = typer.Option(298.15, "--temperature", help="K."),
        json_out: bool = typer.Option(False, "--json", help="Print one JSON object."),
        plot: Path | None = typer.Option(None, "--plot", help="Write a figure (.png, .svg ...)."),
    ) -> None:
        """Space-charge layer of an electrolyte at an electrode contact (Gouy-Chapman or
        site-restricted), with an optional dielectric buffer coating."""
        from interphase.errors import MissingDataError
        from interphase.evolution.space_charge import contact_space_charge
        from interphase.materials.mechanics import get_mechanics

        check_plot_path(plot)
        for flag, value in (("--permittivity", permittivity), ("--carriers", carriers)):
            if value is None:
                raise MissingDataError(
                    f"no sourced {flag[2:]} of {electrolyte} in the library: give {flag} VALUE "
                    "from your own source"
                )
        try:
            q = get_mechanics(electrolyte).li_conductivity_s_cm
        except Exception:  # a formula outside the library: no conductivity, no ASR
            q = None
        res = contact_space_charge(
            electrolyte,
            potential,
            permittivity,
            carriers,
            step_v=step,
            site_cm3=sites,
            temperature_k=temperature,
            buffer_nm=buffer_nm,
            buffer_permittivity=buffer_eps,
            bulk_conductivity_s_cm=None if q is None else q.value,
        )
        if json_out:
            emit_json(res)
        else:
            c = res.central
            p = lambda s: console.print(s, highlight=False, markup=False)  # noqa: E731
            p(
                f"{electrolyte} at {potential:g} V: step {c.applied_step_v:+.3f} V "
                f"({res.step_source})"
            )
            rows = [
                ("model", c.model),
                ("Debye length (nm)", c.debye_length_nm),
                ("step over the electrolyte (V)", c.step_v),
                ("step over the buffer (V)", c.buffer_step_v),
                ("width, |phi| to 1/e (nm)", c.width_nm),
                ("charge in the layer (C/m2)", c.charge_c_m2),
                ("Li+ at the contact / bulk", c.concentration_ratio[0]),
                ("extra ASR (ohm cm2)", c.asr_ohm_cm2),
            ]
            console.print(table("space-charge layer", ["", ""], rows))
            if res.band is not None:
                p(
                    "band (window edges): width "
                    + " .. ".join(f"{b.width_nm:.3g}" for b in res.band)
                    + " nm"
                )
            for n in c.notes:
                p(f"note: {n}")
        if plot is not None:
            save_figure(_space_charge_figure(res), plot)


def _space_charge_figure(res):
    from matplotlib.figure import Figure

    c = res.central
    fig = Figure(figsize=(9, 3.6), layout="constrained")
    ax = fig.subplots(1, 2)
    ax[0].plot(c.x_nm, c.potential_v)
    ax[0].set_xlabel("distance from the contact (nm)")
    ax[0].set_ylabel("potential (V)")
    ax[1].semilogy(c.x_nm, c.concentration_ratio, color="C1")
    ax[1].set_xlabel("distance from the contact (nm)")
    ax[1].set_ylabel("Li+ concentration / bulk")
    fig.suptitle(f"{res.electrolyte} at {res.electrode_potential_v:g} V ({c.model})")
    return fig
