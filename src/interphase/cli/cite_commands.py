"""`interphase cite`: every source the package can use."""

from __future__ import annotations

import typer

from interphase.citations import registry
from interphase.cli.common import console, emit_json, table


def register(app: typer.Typer) -> None:
    @app.command("cite")
    def cite_cmd(
        key: str | None = typer.Argument(None, help="One source's key (e.g. zhu2015)."),
        json_out: bool = typer.Option(False, "--json", help="Print one JSON object."),
    ) -> None:
        """List every source (DOI or URL) the package can use, or look one up by key."""
        from interphase.citations import cite

        if key is not None:
            c = cite(key)  # MissingDataError (one line, exit 2) for an unknown key
            if json_out:
                emit_json(c)
                return
            console.print(f"{c.key}: {c.authors}, {c.title}, {c.venue} ({c.year})", markup=False)
            console.print(f"  {'doi:' + c.doi if c.doi else c.url}", markup=False)
            if c.note:
                console.print(f"  used for: {c.note}", markup=False)
            return
        reg = registry()
        if json_out:
            emit_json({"citations": [c.to_dict() for c in reg.values()]})
            return
        rows = [(c.key, c.short(), c.note) for c in sorted(reg.values(), key=lambda c: c.key)]
        console.print(table(f"{len(rows)} sources", ["key", "source", "used for"], rows))
