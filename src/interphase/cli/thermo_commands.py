"""Chemical-contact commands: react, window, hull, carbonate, db info, materials."""

from __future__ import annotations

from pathlib import Path

import typer

from interphase.cli.common import check_plot_path, console, emit_json, save_figure, table

DB_HELP = "Database: mp (default, shipped), oqmd (shipped), mp-api (needs MP_API_KEY)."


def _database(name: str, entries: Path | None):
    from interphase.thermo.database import get_database, read_user_entries

    db = get_database(name)
    if entries is not None:
        db = db.with_user_entries(read_user_entries(entries), f"user:{entries.name}")
    return db


def _range(r: tuple[float | None, float | None]) -> str:
    low, high = r
    return f"{low:.3f}..{'∞' if high is None else f'{high:.3f}'}"


MAX_MAP_POINTS = 2500


def register(app: typer.Typer) -> None:
    @app.command("react")
    def react_cmd(
        a: str = typer.Argument(..., help="Material A: catalog name or formula."),
        b: str = typer.Argument(..., help="Material B: catalog name or formula."),
        potential: float | None = typer.Option(
            None, "--potential", help="Electrode potential, V vs Li/Li+ (Li open)."
        ),
        atmosphere: str | None = typer.Option(
            None, "--atmosphere", help='air, o2, ar or "O2=0.21,CO2=4e-4" (bar).'
        ),
        temperature: float = typer.Option(298.15, "--temperature", help="Temperature, K."),
        database: str = typer.Option("mp", "--database", help=DB_HELP),
        entries: Path | None = typer.Option(
            None, "--entries", help="User entries (CSV formula,e_form_per_atom or JSON)."
        ),
        energy_a: float | None = typer.Option(None, help="Energy of A, eV/atom (formation)."),
        energy_b: float | None = typer.Option(None, help="Energy of B, eV/atom (formation)."),
        reactants: str = typer.Option(
            "auto", help="Reactant energies with open elements: auto, equilibrated, as-is."
        ),
        kinetic_threshold: float = typer.Option(
            0.05, help="Driving force below which the verdict is kinetic, eV/atom."
        ),
        json_out: bool = typer.Option(False, "--json", help="Print one JSON object."),
        plot: Path | None = typer.Option(
            None, "--plot", help="Write the curve (.png, .svg, .pdf or .html)."
        ),
    ) -> None:
        """Pseudo-binary reaction of A and B: every kink, the most exothermic reaction and the
        interphase verdict."""
        from interphase.thermo.analysis import react
        from interphase.thermo.conditions import Conditions, parse_atmosphere

        check_plot_path(plot)
        label, gases = parse_atmosphere(atmosphere)
        cond = Conditions(
            potential_v=potential, gases_bar=gases, temperature_k=temperature, atmosphere=label
        )
        res = react(
            a,
            b,
            _database(database, entries),
            cond,
            energy_a,
            energy_b,
            reactants,
            kinetic_threshold,
        )
        if plot:
            from interphase.cli.thermo_plots import reaction_figure

            save_figure(reaction_figure(res), plot)
        if json_out:
            emit_json(res)
            return
        console.print(
            f"[bold]{res.reactants[0]} | {res.reactants[1]}[/bold]  database {res.database}, "
            f"{cond.describe()}, reactants {'/'.join(res.reactant_modes)}"
        )
        for f in res.flags:
            console.print(f"[yellow]note:[/yellow] {f}")
        rows = [
            (f"{k.x:.4f}", f"{k.energy_ev_per_atom:.4f}", f"{k.energy_kj_per_mol:.1f}", k.reaction)
            for k in res.kinks
        ]
        console.print(table("kinks", ["x(A)", "E (eV/atom)", "E (kJ/mol)", "reaction"], rows))
        m = res.most_exothermic
        console.print(
            f"total (reactants as they are): x = {m.x:.4f}, {m.energy_ev_per_atom:.4f} eV/atom, "
            f"{m.energy_kj_per_mol:.1f} kJ/mol: {m.reaction}"
        )
        mu = res.mutual.most_exothermic
        console.print(
            f"mutual (what contact adds): x = {mu.x:.4f}, {mu.energy_ev_per_atom:.4f} eV/atom: "
            f"{mu.reaction}"
        )
        for d in (res.decomposition_a, res.decomposition_b):
            console.print(
                f"{d.reactant} by itself: {d.energy_ev_per_atom * 1000:.1f} meV/atom "
                f"(own hull {d.metastability_ev_per_atom * 1000:.1f}, conditions "
                f"{d.conditions_ev_per_atom * 1000:.1f})"
                + (f": {d.reaction}" if d.products else "")
            )
        console.print(f"energies in {res.energy_basis}")
        console.print(f"[bold]verdict: {res.verdict.kind}[/bold] (from the {res.verdict.basis})")
        for r in res.verdict.reasons:
            console.print(f"  - {r}")
        console.print("sources: " + ", ".join(dict.fromkeys(res.citations)))

    @app.command("window")
    def window_cmd(
        x: str = typer.Argument(..., help="Compound: catalog name or formula."),
        convention: str = typer.Option(
            "on-hull", help="on-hull (metastable compound put on the hull) or as-is."
        ),
        database: str = typer.Option("mp", "--database", help=DB_HELP),
        entries: Path | None = typer.Option(None, "--entries", help="User entries file."),
        energy: float | None = typer.Option(None, help="Energy of X, eV/atom (formation)."),
        json_out: bool = typer.Option(False, "--json", help="Print one JSON object."),
        plot: Path | None = typer.Option(
            None, "--plot", help="Write the staircase (.png, .svg, .pdf or .html)."
        ),
    ) -> None:
        """Electrochemical stability window and the full voltage staircase."""
        from interphase.thermo.window import stability_window

        check_plot_path(plot)
        res = stability_window(x, _database(database, entries), convention, energy)
        if plot:
            from interphase.cli.thermo_plots import window_figure

            save_figure(window_figure(res), plot)
        if json_out:
            emit_json(res)
            return

        def v(val: float | None) -> str:
            return "none" if val is None else f"{val:.3f} V"

        low = "0 V (stable against Li metal)" if res.stable_against_li_metal else v(res.reduction_v)
        high = v(res.oxidation_v) if res.oxidation_v is not None else "none found"
        console.print(f"[bold]{res.name}[/bold] ({res.formula}), {res.database}")
        console.print(f"  window {low} .. {high}  ({res.headline})", markup=False)
        console.print(f"  convention {res.convention_text}")
        if res.estimate_v is not None:
            console.print(
                "[yellow]note:[/yellow] no database entry at this composition; the hull "
                f"estimate {v(res.estimate_v[0])} .. {v(res.estimate_v[1])} is that of a phase "
                "mixture (secondary); give --energy for the compound's own window"
            )
        if res.li_exchange_free_v is not None and res.assemblage:
            lo, hi = res.li_exchange_free_v
            mix = " + ".join(res.assemblage)
            if lo is not None and hi is not None and hi - lo < 1e-3:
                console.print(
                    f"  its equilibrium assemblage {mix} sits on a Li-exchange plateau at "
                    f"{v(lo)}: no Li-exchange-free range"
                )
            else:
                console.print(
                    f"  its equilibrium assemblage {mix} exchanges no Li from "
                    f"{v(lo) if lo is not None else '0 V'} to {v(hi)}"
                )
        red_to = ", ".join(res.reduction_products) or (
            "— (stable against Li metal)" if res.stable_against_li_metal else "—"
        )
        console.print(f"  reduced to: {red_to}")
        console.print(f"  oxidized to: {', '.join(res.oxidation_products) or '—'}")
        rows = [
            (
                f"{s.potential_v:.3f}",
                _range(s.potential_range_v),
                f"{s.li_per_formula_unit:+.3f}",
                " + ".join(s.products),
            )
            for s in res.steps
        ]
        console.print(
            table("staircase", ["forms at (V)", "stable (V)", "ΔLi per f.u.", "phases"], rows)
        )

    @app.command("hull")
    def hull_cmd(
        x: str = typer.Argument(..., help="Compound or composition."),
        database: str = typer.Option("mp", "--database", help=DB_HELP),
        entries: Path | None = typer.Option(None, "--entries", help="User entries file."),
        energy: float | None = typer.Option(None, help="Energy of X, eV/atom (formation)."),
        json_out: bool = typer.Option(False, "--json", help="Print one JSON object."),
    ) -> None:
        """Energy above hull and decomposition of any composition."""
        from interphase.thermo.stability import hull_analysis

        res = hull_analysis(x, _database(database, entries), energy)
        if json_out:
            emit_json(res)
            return
        console.print(
            f"[bold]{res.name}[/bold] ({res.formula}), {res.database}: "
            f"E = {res.energy_ev_per_atom:.4f} eV/atom ({res.energy_source}), "
            f"E above hull = {res.energy_above_hull_ev_per_atom * 1000:.1f} meV/atom, "
            f"decomposition energy = {res.decomposition_energy_ev_per_atom * 1000:.1f} meV/atom"
        )
        console.print(
            table(
                "competing equilibrium",
                ["phase", "atom fraction"],
                [(k, f"{w:.4f}") for k, w in res.decomposition.items()],
            )
        )

    @app.command("carbonate")
    def carbonate_cmd(
        a: str = typer.Argument(..., help="Material A (e.g. LCO)."),
        b: str = typer.Argument(..., help="Material B (e.g. LLZO)."),
        po2: float = typer.Option(0.21, help="O2 partial pressure, bar."),
        tmin: float = typer.Option(300.0, help="Lowest temperature, K."),
        tmax: float = typer.Option(1300.0, help="Highest temperature, K."),
        nt: int = typer.Option(11, help="Temperatures."),
        pmin: float = typer.Option(1e-8, help="Lowest CO2 pressure, bar."),
        pmax: float = typer.Option(1.0, help="Highest CO2 pressure, bar."),
        npress: int = typer.Option(9, help="Pressures (log-spaced)."),
        database: str = typer.Option("mp", "--database", help=DB_HELP),
        json_out: bool = typer.Option(False, "--json", help="Print one JSON object."),
        plot: Path | None = typer.Option(
            None, "--plot", help="Write the map (.png, .svg, .pdf or .html)."
        ),
    ) -> None:
        """Driving force for carbonate formation at an interface vs temperature and p(CO2)."""
        import numpy as np

        from interphase.errors import InvalidConditionError
        from interphase.thermo.atmosphere import carbonate_map

        check_plot_path(plot)
        if not (0 < pmin <= pmax) or not (0 < tmin <= tmax) or nt < 1 or npress < 1:
            raise InvalidConditionError(
                "need 0 < pmin <= pmax, 0 < tmin <= tmax and at least one point each"
            )
        if nt * npress > MAX_MAP_POINTS:
            raise InvalidConditionError(
                f"--nt {nt} x --npress {npress} = {nt * npress} points: at most "
                f"{MAX_MAP_POINTS} (each point is a hull calculation)"
            )
        from interphase.thermo.gases import T_MAX_K, T_MIN_K

        if tmin < T_MIN_K - 2 or tmax > T_MAX_K:
            raise InvalidConditionError(
                f"--tmin/--tmax {tmin:g}..{tmax:g} K: the thermochemistry tables cover "
                f"{T_MIN_K:.0f}..{T_MAX_K:.0f} K"
            )
        ts = list(np.linspace(tmin, tmax, nt))
        ps = list(np.logspace(np.log10(pmin), np.log10(pmax), npress))
        res = carbonate_map(a, b, ts, ps, po2, _database(database, None))
        if plot:
            from interphase.cli.thermo_plots import carbonate_figure

            save_figure(carbonate_figure(res), plot)
        if json_out:
            emit_json(res)
            return
        rows = [
            (f"{t:.0f}", *[f"{d * 1000:.0f}" for d in row])
            for t, row in zip(res.temperatures_k, res.driving_force_ev_per_atom, strict=True)
        ]
        console.print(
            table(
                f"{res.reactants[0]} | {res.reactants[1]}: carbonate driving force (meV/atom), "
                f"p(O2) = {po2:g} bar",
                ["T (K) \\ p(CO2) bar", *[f"{p:.0e}" for p in res.pco2_bar]],
                rows,
            )
        )

    db_app = typer.Typer(help="The thermodynamic databases.", no_args_is_help=True)
    app.add_typer(db_app, name="db")

    @db_app.command("info")
    def db_info(
        database: str = typer.Option("mp", "--database", help=DB_HELP),
        json_out: bool = typer.Option(False, "--json", help="Print one JSON object."),
    ) -> None:
        """Version, correction scheme, licence and size of a database."""
        from interphase.citations import cite
        from interphase.thermo.database import get_database

        info = get_database(database).info
        if json_out:
            emit_json(info)
            return
        rows = [
            ("name", info.name),
            ("version", info.version),
            ("corrections", info.corrections),
            ("licence", info.licence),
            ("compositions", str(info.n_compositions)),
            ("notes", info.notes),
            *[("cite", cite(k).short()) for k in info.citations],
        ]
        console.print(table(f"database {info.key}", ["field", "value"], rows))

    @app.command("materials")
    def materials_cmd(
        json_out: bool = typer.Option(False, "--json", help="Print one JSON object."),
    ) -> None:
        """The materials catalog: names, formulas, roles, potentials, Li+ conductivity."""
        from interphase.materials import all_materials

        mats = all_materials()
        if json_out:
            emit_json({"materials": [m.to_dict() for m in mats]})
            return
        rows = []
        for m in mats:
            pot = (
                f"{m.potential_range_v[0]:g}–{m.potential_range_v[1]:g} V"
                if m.potential_range_v
                else ""
            )
            sig = (
                f"{m.li_conductivity_s_cm.value:.1e} [{m.li_conductivity_s_cm.source}]"
                if m.li_conductivity_s_cm
                else ""
            )
            rows.append((m.name, m.formula, m.role.value, ", ".join(m.aliases), pot, sig))
        console.print(
            table(
                "catalog", ["name", "formula", "role", "aliases", "potential", "Li+ σ (S/cm)"], rows
            )
        )
