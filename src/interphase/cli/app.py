"""The `interphase` command: one sub-command per capability.

Each capability lives in its own module in this package and registers itself with
`register(app)`; `main()` maps every InterphaseError to one line on stderr and exit code 2.
"""

from __future__ import annotations

import importlib
import sys

import typer

from interphase import __version__
from interphase.errors import InterphaseError

app = typer.Typer(
    name="interphase",
    help="Interfaces of all-solid-state Li batteries: reactions, contact, transport, coatings.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# Modules in interphase.cli that add commands; each has `register(app: typer.Typer)`.
COMMAND_MODULES: tuple[str, ...] = (
    "thermo_commands",
    "cite_commands",
    "atomistic_commands",
    "contact_commands",
    "particle_commands",
    "coat_commands",
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"interphase {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Interfaces of all-solid-state Li batteries."""


for _name in COMMAND_MODULES:
    importlib.import_module(f"interphase.cli.{_name}").register(app)


def run(argv: list[str] | None = None) -> int:
    """Run the app and return the exit code; InterphaseError → one stderr line and 2."""
    from typer.exceptions import Abort, Exit, TyperException

    try:
        rv = app(args=argv, standalone_mode=False)
    except InterphaseError as exc:
        sys.stderr.write(f"interphase: error: {exc}\n")
        return 2
    except TyperException as exc:  # usage errors: bad option, missing argument
        sys.stderr.write(f"interphase: error: {exc.format_message()}\n")
        return 2
    except Exit as exc:
        return exc.exit_code
    except (Abort, KeyboardInterrupt):
        sys.stderr.write("interphase: interrupted; results already stored are kept\n")
        return 130
    return rv if isinstance(rv, int) else 0


def main() -> None:
    """Console-script entry point."""
    sys.exit(run())


if __name__ == "__main__":
    main()
