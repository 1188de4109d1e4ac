"""The `interphase` command: one sub-command per capability.

Each capability lives in its own module in this package and registers itself with
`register(app)`; `main()` maps every InterphaseError to one line on stderr and exit code 2.
"""

from __future__ import annotations

import functools
import importlib
import math
import os
import sys

import typer

from interphase import __version__
from interphase.errors import InterphaseError, InvalidConditionError

app = typer.Typer(
    name="interphase",
    help="Interfaces of all-solid-state Li batteries: reactions, contact, transport, coatings.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: flags without "<bool>", no boxes cut at 80 columns
)

# Modules in interphase.cli that add commands; each has `register(app: typer.Typer)`.
COMMAND_MODULES: tuple[str, ...] = (
    "thermo_commands",
    "cite_commands",
    "md_commands",
    "diffusion_commands",
    "bvse_commands",
    "interface_commands",
    "atomistic_commands",
    "contact_commands",
    "particle_commands",
    "coat_commands",
    "stack_commands",
    "evolution_commands",
    "evolve_commands",
    "web_commands",
    "barrier_commands",
    "microscopy_commands",
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


def _finite(fn):
    """Wrap a command so that a NaN or infinite float option is refused in one line (the
    parser accepts both). The signature is kept for typer (functools.wraps)."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        for name, value in kwargs.items():
            values = value if isinstance(value, list | tuple) else (value,)
            for v in values:
                if isinstance(v, float) and not math.isfinite(v):
                    flag = "--" + name.replace("_", "-")
                    raise InvalidConditionError(f"{flag} must be a finite number, got {v}")
        return fn(*args, **kwargs)

    return wrapper


def _guard(typer_app: typer.Typer) -> None:
    for info in typer_app.registered_commands:
        if info.callback is not None and not getattr(info.callback, "_finite", False):
            info.callback = _finite(info.callback)
            info.callback._finite = True
    for group in typer_app.registered_groups:
        _guard(group.typer_instance)


_guard(app)


def run(argv: list[str] | None = None) -> int:
    """Run the app and return the exit code; InterphaseError, a usage error or a file that
    cannot be read or written → one stderr line and 2. Anything else is a defect: one line
    and 1 (INTERPHASE_DEBUG=1 shows the traceback)."""
    from typer.exceptions import Abort, Exit, TyperException

    try:
        rv = app(args=argv, prog_name="interphase", standalone_mode=False)
    except InterphaseError as exc:
        return _fail(str(exc))
    except TyperException as exc:  # usage errors: bad option, missing argument
        return _fail(exc.format_message())
    except OSError as exc:  # unwritable output, a directory where a file was expected ...
        where = f" {exc.filename}" if getattr(exc, "filename", None) else ""
        return _fail(f"cannot use{where}: {exc.strerror or exc}; give a writable file path")
    except Exit as exc:
        return exc.exit_code
    except (Abort, KeyboardInterrupt):
        sys.stderr.write("interphase: interrupted; results already stored are kept\n")
        return 130
    except Exception as exc:
        if os.environ.get("INTERPHASE_DEBUG"):
            raise
        _fail(
            f"internal error ({type(exc).__name__}: {exc}); please report it "
            "(INTERPHASE_DEBUG=1 shows the traceback)"
        )
        return 1
    return rv if isinstance(rv, int) else 0


def _fail(message: str) -> int:
    """One line on stderr, exit code 2."""
    sys.stderr.write("interphase: error: " + " ".join(message.split()) + "\n")
    return 2


def main() -> None:
    """Console-script entry point."""
    sys.exit(run())


if __name__ == "__main__":
    main()
