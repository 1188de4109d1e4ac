"""`interphase coat`: screen coating candidates for an electrode | electrolyte pair."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import typer

from interphase.cli.common import (
    check_plot_path,
    check_workers,
    check_writable,
    console,
    emit_json,
    progress_bar,
    save_figure,
    table,
)


def default_store() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "interphase" / "coatings.sqlite"


def register(app: typer.Typer) -> None:
    @app.command("coat")
    def coat_cmd(
        cathode: str | None = typer.Option(None, "--cathode", help="Cathode (catalog name)."),
        anode: str | None = typer.Option(None, "--anode", help="Anode (catalog name), e.g. Li."),
        electrolyte: str = typer.Option(..., "--electrolyte", help="Solid electrolyte."),
        top: int = typer.Option(20, "--top", help="Rows in the table."),
        ehull: float = typer.Option(
            0.025, "--ehull", help="Database candidates within this energy above hull, eV/atom."
        ),
        candidates: Path | None = typer.Option(
            None, "--candidates", help="File: one name, formula or CIF path per line."
        ),
        only_candidates: bool = typer.Option(
            False, "--only-candidates", help="Screen only the --candidates list."
        ),
        sample: int | None = typer.Option(
            None, "--sample", help="Screen a seeded random sample of N database candidates."
        ),
        seed: int = typer.Option(0, "--seed", help="Seed of --sample."),
        potential_range: str | None = typer.Option(
            None, "--range", help='Electrode potential range "LOW,HIGH" in V (default: catalog).'
        ),
        workers: int | None = typer.Option(
            None, "--workers", help="Local Dask workers (default: one per core; 0: no Dask)."
        ),
        scheduler: str | None = typer.Option(
            None, "--scheduler", help="Address of an existing Dask scheduler (tcp://host:8786)."
        ),
        store: Path | None = typer.Option(
            None, "--store", help="SQLite result store (resumable). Default: user cache."
        ),
        weights: str | None = typer.Option(
            None, "--weights", help="electrode=1,electrolyte=1,window=1 (score weights)."
        ),
        order: str = typer.Option("pareto", "--order", help="pareto (default) or score."),
        electrode_end: str = typer.Option(
            "worst", "--electrode-end", help="Electrode reactivity used: worst, low or high."
        ),
        full: bool = typer.Option(False, "--full", help="React even rejected candidates."),
        bvse: bool = typer.Option(
            False, "--bvse", help="BVSE Li barrier of candidates with a bundled structure."
        ),
        database: str = typer.Option("mp", "--database", help="mp (default) or oqmd."),
        quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
        json_out: bool = typer.Option(False, "--json", help="Print one JSON object."),
        csv_out: Path | None = typer.Option(None, "--csv", help="Write every candidate (CSV)."),
        plot: Path | None = typer.Option(
            None, "--plot", help="Pareto plot (.png, .svg, .pdf or .html)."
        ),
    ) -> None:
        """Rank coating candidates: stability, window, reactions with both sides, electronic
        insulation, Li+ transport, practicality (docs/coatings.md)."""
        import random

        from interphase.coatings.candidates import merge_candidates, read_candidate_file
        from interphase.coatings.evaluate import make_spec
        from interphase.coatings.ranking import parse_weights
        from interphase.coatings.screen import cached_database_candidates, default_candidates
        from interphase.coatings.screen import screen as run_screen
        from interphase.compute import ResultStore
        from interphase.errors import InvalidConditionError

        check_plot_path(plot)
        if csv_out is not None:
            check_writable(csv_out)
        if store is not None:
            check_writable(store)
        if top < 1:
            raise InvalidConditionError(f"--top must be at least 1 row, got {top}")
        if sample is not None and sample < 1:
            raise InvalidConditionError(f"--sample must be at least 1 candidate, got {sample}")
        check_workers(workers)
        names = (("--cathode", cathode), ("--anode", anode), ("--electrolyte", electrolyte))
        for flag, name in names:
            if name is not None and not name.strip():
                raise InvalidConditionError(f"{flag} is empty: give a material name")
        if not 0 <= ehull <= 1.0:
            raise InvalidConditionError(
                f"--ehull must be between 0 and 1 eV/atom above the hull, got {ehull:g}"
            )
        if order not in ("pareto", "score"):
            raise InvalidConditionError(f"--order {order!r}: use pareto or score")
        if electrode_end not in ("worst", "low", "high"):
            raise InvalidConditionError(
                f"--electrode-end {electrode_end!r}: use worst, low or high"
            )
        if (cathode is None) == (anode is None):
            raise InvalidConditionError("give exactly one electrode: --cathode or --anode")
        w = parse_weights(weights)
        rng = None
        if potential_range:
            try:
                lo, hi = (float(x) for x in potential_range.split(","))
            except ValueError:
                raise InvalidConditionError(
                    f'cannot read --range {potential_range!r}: use "LOW,HIGH" in V'
                ) from None
            rng = (lo, hi)
        spec = make_spec(
            cathode if cathode is not None else anode,
            electrolyte,
            "cathode" if cathode is not None else "anode",
            rng,
            database,
            ehull,
            full,
            bvse,
        )
        user = read_candidate_file(candidates) if candidates is not None else []
        if scheduler:
            from interphase.compute.executor import check_scheduler

            check_scheduler(scheduler)  # before the (cached, else ~20 s) enumeration
        if only_candidates and not user:
            raise InvalidConditionError("--only-candidates needs a --candidates file")
        path = store or default_store()
        with ResultStore(path) as st:
            if only_candidates:
                cands = merge_candidates(user)
            else:
                base = default_candidates(spec, st, include_database=sample is None)
                if sample is not None:
                    pool = cached_database_candidates(database, ehull, st)
                    base = merge_candidates(
                        random.Random(seed).sample(pool, min(sample, len(pool))), base
                    )
                cands = merge_candidates(base, user)
            with progress_bar(quiet=quiet or json_out) as progress:
                res = run_screen(
                    spec,
                    cands,
                    st,
                    workers=workers,
                    scheduler=scheduler,
                    quiet=progress is None,
                    progress=progress,
                    weights=w,
                    order=order,
                    electrode_end=electrode_end,
                )
        if csv_out is not None:
            write_csv(res, csv_out)
        if plot is not None:
            save_figure(pareto_figure(res, top), plot)
        if json_out:
            d = res.to_dict()
            d["entries"] = list(d["entries"])
            emit_json(d)
            return
        _print(res, top)


def _fmt_mev(x: float | None) -> str | None:
    return None if x is None else f"{1000 * x:.0f}"


def _row(e: dict) -> list[Any]:
    w = e.get("window") or {}
    re_ = e.get("reaction_electrode") or {}
    rs = e.get("reaction_electrolyte") or {}
    tr = e.get("li_transport") or {}
    return [
        e["rank"],
        e["name"],
        "yes" if e["passes"] else "no",
        e.get("pareto_layer"),
        f"{1000 * e['energy_above_hull_ev_per_atom']:.0f}",
        None if not w else f"{w['margin_v']:+.2f}",
        _fmt_mev((re_.get("low") or {}).get("energy_ev_per_atom")),
        _fmt_mev((re_.get("high") or {}).get("energy_ev_per_atom")),
        _fmt_mev(rs.get("energy_ev_per_atom")),
        {"insulator": "ins", "semiconductor": "semi", "metal": "metal"}.get(
            (e.get("electronic") or {}).get("kind"), "?"
        ),
        f"{tr['value_s_cm']:.0e}" if tr.get("value_s_cm") else "?",
    ]


COLUMNS = [  # short headers: the table must stay readable at 80 columns
    "#",
    "candidate",
    "ok",
    "layer",
    "Ehull meV",
    "margin V",
    "electrode low meV",
    "electrode top meV",
    "electrolyte meV",
    "e-",
    "Li+ S/cm",
]


def _print(res: Any, top: int) -> None:
    s = res.spec
    lo, hi = s["potential_range_v"]
    title = (
        f"Coatings for {s['electrode']} ({lo:g}–{hi:g} V) | {s['electrolyte']} — "
        f"{res.n_passing} of {res.n_candidates} pass the hard filters "
        f"({res.summary.n_cached} from the store, {res.summary.n_computed} computed, "
        f"{res.summary.wall_s:.1f} s)"
    )
    shown = list(res.entries[:top])
    console.print(table(title, COLUMNS, [_row(e) for e in shown]))
    console.print(
        "reaction energies: mutual (each side first at its own equilibrium), meV per atom of "
        "the reactants"
    )
    for e in shown[: min(top, 10)]:
        console.print(f"[bold]{e['rank']}. {e['name']}[/bold]: {e['explanation']}")
    for name in ("LiNbO3", "LiTaO3"):
        hit = [e for e in res.entries if e["name"] == name and e not in shown]
        for e in hit:
            console.print(f"[bold]{e['rank']}. {e['name']}[/bold]: {e['explanation']}")
    if res.failures:
        console.print(
            f"{len(res.failures)} task(s) failed: "
            + "; ".join(f"{k}: {v}" for k, v in list(res.failures.items())[:5])
        )


def write_csv(res: Any, path: Path) -> None:
    import csv

    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="") as fh:
        wr = csv.writer(fh)
        wr.writerow([*COLUMNS, "rejected", "explanation"])
        for e in res.entries:
            wr.writerow(
                ["" if v is None else v for v in _row(e)]
                + ["; ".join(e.get("rejected", ())), e["explanation"]]
            )


def pareto_figure(res: Any, top: int) -> Any:
    """Reactivity with the electrode vs with the electrolyte, coloured by window margin;
    candidates passing the hard filters as circles, the top ones labelled (subscripted, on a
    white box, in a column joined to their points, so that neighbours do not overprint)."""
    from matplotlib.figure import Figure

    from interphase.cli.thermo_plots import formula_tex

    fig = Figure(figsize=(7.5, 6), layout="constrained")
    ax = fig.subplots()
    pts = [e for e in res.entries if e.get("reaction_electrode") and e.get("reaction_electrolyte")]
    if pts:
        for passes, marker, alpha in ((False, "x", 0.35), (True, "o", 0.9)):
            sel = [e for e in pts if e["passes"] == passes]
            if not sel:
                continue
            sc = ax.scatter(
                [1000 * e["reaction_electrode"]["energy_ev_per_atom"] for e in sel],
                [1000 * e["reaction_electrolyte"]["energy_ev_per_atom"] for e in sel],
                c=[(e.get("window") or {}).get("margin_v", 0.0) for e in sel],
                cmap="viridis",
                vmin=-1.0,
                vmax=2.0,
                marker=marker,
                alpha=alpha,
                label="passes hard filters" if passes else "rejected",
            )
        fig.colorbar(sc, ax=ax, label="window margin (V)")
        # the best candidates crowd the (0, 0) corner: their labels stand in a column at the
        # upper left, each joined to its point by a thin line
        for i, e in enumerate([e for e in res.entries if e["passes"]][:top]):
            ax.annotate(
                formula_tex(e["name"]),
                (
                    1000 * e["reaction_electrode"]["energy_ev_per_atom"],
                    1000 * e["reaction_electrolyte"]["energy_ev_per_atom"],
                ),
                fontsize=8,
                xytext=(0.03, 0.95 - 0.055 * i),
                textcoords="axes fraction",
                va="center",
                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8},
                arrowprops={"arrowstyle": "-", "lw": 0.5, "color": "0.4"},
            )
        ax.legend(loc="lower right", fontsize=8)
    s = res.spec
    ax.set_xlabel(f"reaction with {s['electrode']} (meV/atom, {res.electrode_end} end)")
    ax.set_ylabel(f"reaction with {s['electrolyte']} (meV/atom)")
    ax.set_title(f"Coatings for {s['electrode']} | {s['electrolyte']}")
    ax.grid(alpha=0.3)
    return fig
