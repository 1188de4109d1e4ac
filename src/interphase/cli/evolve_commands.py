"""`interphase evolve`: interfacial resistance and capacity of a stack over cycles."""

from __future__ import annotations

from pathlib import Path

import typer

from interphase.cli.common import check_plot_path, console, emit_json, save_figure, table

SHOW_CYCLES = 8  # rows of the cycle table


def register(app: typer.Typer) -> None:
    @app.command("evolve")
    def evolve_cmd(
        stack_file: Path | None = typer.Argument(
            None, help="A stack file (TOML; see docs/analyze.md). Or name the layers below."
        ),
        cathode: str | None = typer.Option(None, "--cathode", help="e.g. NCM811, LCO, LNMO."),
        electrolyte: str | None = typer.Option(
            None, "--electrolyte", help="e.g. Li6PS5Cl, LLZO, LGPS."
        ),
        anode: str = typer.Option("Li", "--anode", help="Li or graphite."),
        coating: str | None = typer.Option(None, "--coating", help="e.g. LiNbO3 (optional)."),
        pressure: float = typer.Option(5.0, "--pressure", help="Stack pressure, MPa."),
        temperature: float = typer.Option(298.15, "--temperature", help="Operating T, K."),
        cutoff: str | None = typer.Option(
            None, "--cutoff", help="Cell cut-offs vs Li/Li+, V: LOWER-UPPER (default: catalog)."
        ),
        radius: float = typer.Option(5.0, "--particle-radius-um", help="Cathode particle radius."),
        cycles: int = typer.Option(500, "--cycles", help="Number of cycles."),
        c_rate: float = typer.Option(0.5, "--c-rate", help="C-rate of charge and discharge, 1/h."),
        loading: float = typer.Option(
            1.0, "--loading", help="Areal capacity, mAh/cm2 (1: 1C = 1 mA/cm2)."
        ),
        database: str = typer.Option("mp", "--database", help="mp or oqmd."),
        params: list[str] | None = typer.Option(
            None, "--param", help="MATERIAL.PROPERTY=VALUE, e.g. LiNbO3.thickness_nm=10."
        ),
        params_file: Path | None = typer.Option(
            None, "--params", help="A TOML parameter file ([MATERIAL] PROPERTY = VALUE)."
        ),
        json_out: bool = typer.Option(False, "--json", help="Print one JSON object."),
        plot: Path | None = typer.Option(
            None, "--plot", help="Write a figure (.png, .svg, .pdf): thickness, ASR, capacity."
        ),
    ) -> None:
        """Interfacial resistance and capacity of a stack over charge-discharge cycles:
        interphase growth, contact loss, coating, space charge and charge transfer per
        interface, with bands and a sensitivity table (docs/evolution.md)."""
        from interphase.cli.stack_commands import _spec
        from interphase.evolution.cycling import evolve_stack

        check_plot_path(plot)
        spec = _spec(
            stack_file,
            cathode,
            electrolyte,
            anode,
            coating,
            pressure,
            temperature,
            cutoff,
            None,
            None,
            radius,
            database,
            params,
            params_file,
        )
        res = evolve_stack(spec, cycles, c_rate, loading)
        if json_out:
            emit_json(res)
        else:
            print_evolution(res)
        if plot is not None:
            save_figure(figure(res), plot)


def _rows_at(res) -> list[int]:
    """Indices of about SHOW_CYCLES cycles spread over the run (first and last included)."""
    n = len(res.cycle)
    if n <= SHOW_CYCLES:
        return list(range(n))
    step = (n - 1) / (SHOW_CYCLES - 1)
    return sorted({round(i * step) for i in range(SHOW_CYCLES)})


def print_evolution(res) -> None:
    p = lambda s: console.print(s, highlight=False, markup=False)  # noqa: E731
    p(
        f"{res.stack}: {res.cycles} cycles at {res.c_rate:g}C ({res.current_ma_cm2:.3g} mA/cm2, "
        f"{res.cycle_time_s / 3600:.3g} h per cycle), {res.cutoff_v[0]:g}-{res.cutoff_v[1]:g} V, "
        f"{res.temperature_k:g} K, {res.pressure_mpa:g} MPa"
    )
    growth = [
        [
            e.interface,
            e.growing_layer or "-",
            e.regime,
            ", ".join(e.products) or "-",
            e.volt_seconds_per_cycle,
            e.thickness_nm[-1] if e.thickness_nm else None,
        ]
        for e in res.interfaces
    ]
    console.print(
        table(
            "interphase per interface",
            ["interface", "layer", "regime", "products", "V s / cycle", "L end (nm)"],
            growth,
        )
    )
    idx = _rows_at(res)
    rows = []
    for i in idx:
        band = res.total_band_ohm_cm2[i]
        hi = "unbounded" if band[1] is None else f"{band[1]:.3g}"
        cb = res.capacity_band[i]
        rows.append(
            [
                res.cycle[i],
                res.total_asr_ohm_cm2[i],
                f"{band[0]:.3g}..{hi}",
                res.capacity_fraction[i],
                f"{cb[0]:.3g}..{cb[1]:.3g}",
                res.retention[i],
            ]
        )
    console.print(
        table(
            "over cycles (ASR in ohm cm2; capacity: fraction of the window; retention: of cycle 0)",
            ["cycle", "ASR", "ASR band", "cap.", "cap. band", "ret."],
            rows,
        )
    )
    last = len(res.cycle) - 1
    console.print(
        table(
            f"ASR contributions at cycle {res.cycle[last]}",
            ["interface", "contribution", "ASR (ohm cm2)", "how"],
            [[c.interface, c.kind, c.asr_ohm_cm2[last], c.how] for c in res.contributions],
        )
    )
    if res.sensitivity:
        console.print(
            table(
                f"sensitivity at cycle {res.cycle[last]} (one parameter at a time)",
                ["parameter", "range", "capacity at low", "capacity at high", "swing"],
                [
                    [
                        s.parameter,
                        f"{s.low:.3g}..{s.high:.3g} {s.unit}".strip(),
                        s.capacity_at_low,
                        s.capacity_at_high,
                        s.capacity_swing,
                    ]
                    for s in res.sensitivity
                ],
            )
        )
    console.print(
        table(
            "parameters",
            ["interface", "parameter", "value", "range", "source"],
            [
                [
                    q.interface,
                    q.name,
                    f"{q.value:.3g} {q.unit}".strip(),
                    f"{q.low:.3g}..{q.high:.3g}",
                    q.source,
                ]
                for q in res.parameters
            ],
        )
    )
    for line in res.missing:
        p(f"not included: {line}")
    for line in res.notes:
        p(f"note: {line}")


def figure(res):
    from matplotlib.figure import Figure

    fig = Figure(figsize=(12, 3.8), layout="constrained")
    ax = fig.subplots(1, 3)
    cyc = list(res.cycle)
    for e in res.interfaces:
        if e.thickness_nm:
            ax[0].plot(cyc, e.thickness_nm, label=e.interface)
    ax[0].set_xlabel("cycle")
    ax[0].set_ylabel("interphase thickness (nm)")
    if any(e.thickness_nm for e in res.interfaces):
        ax[0].legend(fontsize=7)
    if res.contributions:
        ax[1].stackplot(
            cyc,
            [c.asr_ohm_cm2 for c in res.contributions],
            labels=[f"{c.interface}: {c.kind}" for c in res.contributions],
        )
        ax[1].legend(fontsize=7, loc="upper left")
    ax[1].set_xlabel("cycle")
    ax[1].set_ylabel("ASR (ohm cm$^2$), stacked")
    ax[2].plot(cyc, res.capacity_fraction, color="C3")
    ax[2].fill_between(
        cyc, [b[0] for b in res.capacity_band], [b[1] for b in res.capacity_band], alpha=0.2
    )
    ax[2].set_ylim(0, 1.05)
    ax[2].set_xlabel("cycle")
    ax[2].set_ylabel("capacity (fraction of the window)")
    fig.suptitle(f"{res.stack}: {res.c_rate:g}C, {res.current_ma_cm2:.3g} mA/cm$^2$")
    return fig
