"""Whole-stack commands: `analyze` (every interface at all three levels, an offline HTML report,
a JSON file and PNG figures) and `compare` (two stacks' scorecards side by side)."""

from __future__ import annotations

from pathlib import Path

import typer

from interphase.cli.common import console, emit_json, progress_bar, table
from interphase.errors import InvalidConditionError

SYMBOL = {"green": "ok", "amber": "warn", "red": "FAIL", "grey": "n/a"}


def _cutoff(text: str | None) -> tuple[float, float] | None:
    if text is None:
        return None
    parts = text.replace(",", "-").split("-") if "--" not in text else []
    try:
        lo, hi = (float(p) for p in parts)
    except ValueError:
        raise InvalidConditionError(
            f"cannot read --cutoff {text!r}: give LOWER-UPPER in V, e.g. 2.8-4.3"
        ) from None
    return lo, hi


def _spec(
    stack_file: Path | None,
    cathode: str | None,
    electrolyte: str | None,
    anode: str,
    coating: str | None,
    pressure: float,
    temperature: float,
    cutoff: str | None,
    atmosphere: str | None,
    processing_t: float | None,
    radius: float,
    database: str,
    params: list[str] | None,
    params_file: Path | None,
):
    from interphase.materials.parameters import Parameters, parse_params, read_param_file
    from interphase.stack import make_stack, read_stack

    user = read_param_file(params_file) if params_file is not None else Parameters()
    user = user.merged(parse_params(params))
    if stack_file is not None:
        if cathode or electrolyte or coating:
            raise InvalidConditionError(
                "give either a stack file or --cathode/--electrolyte/--coating, not both"
            )
        return read_stack(stack_file, user)
    if not cathode or not electrolyte:
        raise InvalidConditionError(
            "name the stack: a STACK.toml file, or --cathode and --electrolyte "
            "(e.g. interphase analyze --cathode NCM811 --electrolyte Li6PS5Cl --anode Li)"
        )
    return make_stack(
        cathode,
        electrolyte,
        anode,
        coating,
        pressure_mpa=pressure,
        temperature_k=temperature,
        cutoff_v=_cutoff(cutoff),
        atmosphere=atmosphere,
        processing_temperature_k=processing_t,
        particle_radius_um=radius,
        database=database,
        params=user,
    )


def print_scorecard(analysis) -> None:
    from interphase.stack.grades import LEVELS

    rows = [
        [r.label, *[f"{SYMBOL[r.scorecard[lv].colour]} {r.scorecard[lv].colour}" for lv in LEVELS]]
        for r in analysis.interfaces
    ]
    console.print(table(f"{analysis.stack.label}: scorecard", ["interface", *LEVELS], rows))
    for r in analysis.interfaces:
        for lv in LEVELS:
            g = r.scorecard[lv]
            num = "" if g.number is None else f" [{g.number:.4g} {g.unit}]".replace(" ]", "]")
            console.print(f"{r.label}, {lv}: {g.reason}{num}", highlight=False, markup=False)
    ev = analysis.cycling
    if ev is not None:
        console.print(
            f"over {ev.cycles} cycles at {ev.c_rate:g}C ({ev.current_ma_cm2:.3g} mA/cm2): "
            f"capacity {ev.capacity_fraction[0]:.3g} -> {ev.capacity_fraction[-1]:.3g} of the "
            f"window, interfacial ASR {ev.total_asr_ohm_cm2[0]:.3g} -> "
            f"{ev.total_asr_ohm_cm2[-1]:.3g} ohm cm2 (interphase evolve for details)",
            highlight=False,
            markup=False,
        )
    for m in analysis.md:
        if m.conductivity_300k_s_cm is not None:
            lo, hi = m.conductivity_300k_ci95_s_cm or (None, None)
            band = f" (95 %: {lo:.2g}..{hi:.2g})" if lo is not None else ""
            lit = (
                f"; literature {m.literature_s_cm:.2g} [{m.literature_source}]"
                if m.literature_s_cm
                else ""
            )
            console.print(
                f"MD {m.layer}: sigma(300 K) {m.conductivity_300k_s_cm:.2g} S/cm{band}, "
                f"Ea {m.ea_ev:.3g} eV{lit}",
                highlight=False,
                markup=False,
            )
        else:
            console.print(f"MD {m.layer}: {m.note}", highlight=False, markup=False)
    if analysis.coatings is not None:
        names = ", ".join(e["name"] for e in analysis.coatings.entries)
        console.print(
            f"coatings to try for {analysis.coatings.pair}: {names}", highlight=False, markup=False
        )
    for m in analysis.not_computed:
        console.print(f"not computed: {m.part}: {m.reason}", highlight=False, markup=False)


def register(app: typer.Typer) -> None:
    register_cases(app)

    @app.command("analyze")
    def analyze_cmd(
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
        atmosphere: str | None = typer.Option(
            None, "--atmosphere", help='Processing atmosphere: air, o2, ar or "O2=0.21,CO2=4e-4".'
        ),
        processing_t: float | None = typer.Option(
            None, "--processing-temperature", help="Processing (annealing) T, K."
        ),
        radius: float = typer.Option(5.0, "--particle-radius-um", help="Cathode particle radius."),
        database: str = typer.Option("mp", "--database", help="mp or oqmd."),
        params: list[str] | None = typer.Option(
            None, "--param", help="MATERIAL.PROPERTY=VALUE, e.g. NCM811.youngs_modulus_gpa=140."
        ),
        params_file: Path | None = typer.Option(
            None, "--params", help="A TOML parameter file ([MATERIAL] PROPERTY = VALUE)."
        ),
        out: Path = typer.Option(Path("report"), "--out", help="Folder for the report."),
        no_coatings: bool = typer.Option(False, "--no-coatings", help="Skip the coating screen."),
        md: bool = typer.Option(
            False, "--md", help="Also run ML-potential MD of the electrolyte and coating (slow)."
        ),
        md_steps: int = typer.Option(2000, "--md-steps", help="MD steps per temperature."),
        md_temperatures: str = typer.Option(
            "800,1000,1200", "--md-temperatures", help="MD temperatures, K, comma list."
        ),
        potential: str = typer.Option("chgnet", "--potential", help="chgnet or sevennet."),
        json_out: bool = typer.Option(False, "--json", help="Print the analysis as JSON too."),
        quiet: bool = typer.Option(False, "--quiet", help="No progress bar."),
    ) -> None:
        """Every interface of a cell stack at all three levels: a scorecard, an offline HTML
        report, a JSON file and PNG figures in --out."""
        from interphase.report.write import check_out_dir, write_report
        from interphase.stack import analyze

        spec = _spec(
            stack_file,
            cathode,
            electrolyte,
            anode,
            coating,
            pressure,
            temperature,
            cutoff,
            atmosphere,
            processing_t,
            radius,
            database,
            params,
            params_file,
        )
        settings = None
        if md:
            from interphase.cli.contact_commands import _floats
            from interphase.stack.md import MDSettings

            settings = MDSettings(
                tuple(_floats(md_temperatures, "MD temperatures")), md_steps, potential
            )
        check_out_dir(out)
        store = out / "coatings.db"
        with progress_bar(quiet=quiet or json_out) as progress:
            result = analyze(
                spec, progress, coatings=not no_coatings, store=store, md=settings, md_dir=out
            )
        files = write_report(result, out)
        if json_out:
            emit_json(result)
            return
        print_scorecard(result)
        console.print(f"report: {files.html}  data: {files.json}", highlight=False, markup=False)

    @app.command("compare")
    def compare_cmd(
        stack_a: Path = typer.Argument(..., help="First stack file (TOML)."),
        stack_b: Path = typer.Argument(..., help="Second stack file (TOML)."),
        json_out: bool = typer.Option(False, "--json", help="Print one JSON object."),
    ) -> None:
        """Two stacks' scorecards side by side: each level, cathode side and anode side."""
        from interphase.stack import analyze, read_stack
        from interphase.stack.grades import LEVELS, worst

        results = [analyze(read_stack(p), coatings=False) for p in (stack_a, stack_b)]

        def side(res, which: str, level: str):
            return worst([r.scorecard[level] for r in res.interfaces if r.side == which])

        rows, data = [], []
        for which in ("cathode", "anode"):
            for lv in LEVELS:
                ga, gb = (side(res, which, lv) for res in results)
                rows.append(
                    [
                        f"{which} side, {lv}",
                        f"{SYMBOL[ga.colour]} {ga.colour}",
                        f"{SYMBOL[gb.colour]} {gb.colour}",
                    ]
                )
                data.append({"side": which, "level": lv, "a": ga.to_dict(), "b": gb.to_dict()})
        if json_out:
            emit_json({"a": results[0].stack.label, "b": results[1].stack.label, "rows": data})
            return
        labels = [res.stack.label for res in results]
        console.print(table("scorecards", ["", "A", "B"], rows))
        console.print(f"A: {labels[0]}\nB: {labels[1]}", highlight=False, markup=False)


def register_cases(app: typer.Typer) -> None:
    @app.command("case")
    def case_cmd(
        case_id: str | None = typer.Argument(
            None, help="A reference case (interphase case lists them)."
        ),
        json_out: bool = typer.Option(False, "--json", help="Print one JSON object."),
    ) -> None:
        """The review's reference cases: what interphase predicts, what experiments saw."""
        from interphase.citations import cite
        from interphase.stack.cases import CASES, get_case

        if case_id is None:
            rows = [[c.id, f"{c.system} ({c.level})"] for c in CASES]
            if json_out:
                emit_json([{"id": c.id, "level": c.level, "system": c.system} for c in CASES])
                return
            console.print(table("reference cases (Gong & Gu 2020)", ["id", "system (level)"], rows))
            return
        case = get_case(case_id)
        res = case.run()
        if json_out:
            emit_json(res)
            return
        p = lambda s: console.print(s, highlight=False, markup=False)  # noqa: E731
        p(f"{case.system} ({case.level})")
        p(f"seen: {case.seen}")
        for line in res.prediction:
            p(f"predicted: {line}")
        for what, ok in res.checks:
            p(f"  [{'x' if ok else ' '}] {what}")
        p(f"agreement: {res.agreement}. {res.discussion}")
        p(f"reproduce: {case.command}")
        p("sources: " + "; ".join(cite(k).short() for k in case.sources))
