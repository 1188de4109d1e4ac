"""Chemical-contact commands: react, window, hull, db (filled in by the thermo layer)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    pass
