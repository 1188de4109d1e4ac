"""`interphase cite`: every source the package can use."""

from __future__ import annotations

import typer

from interphase.citations import registry
from interphase.cli.common import console, emit_json, table


def register(app: typer.Typer) -> None:
    @app.command("cite")
    def cite_cmd(
        json_out: bool = typer.Option(False, "--json", help="Print one JSON object."),
    ) -> None:
        """List every source (DOI or URL) the package can use."""
        reg = registry()
        if json_out:
            emit_json({"citations": [c.to_dict() for c in reg.values()]})
            return
        rows = [(c.key, c.short(), c.note) for c in sorted(reg.values(), key=lambda c: c.key)]
        console.print(table(f"{len(rows)} sources", ["key", "source", "used for"], rows))
