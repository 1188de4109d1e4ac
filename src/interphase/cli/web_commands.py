"""`interphase serve`: the local web app (interphase.web) on 127.0.0.1 unless told otherwise."""

from __future__ import annotations

from pathlib import Path

import typer

from interphase.cli.common import err_console


def register(app: typer.Typer) -> None:
    @app.command("serve")
    def serve_cmd(
        host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
        port: int = typer.Option(8050, "--port", help="Port (0: any free port)."),
        allow_remote: bool = typer.Option(
            False, "--allow-remote", help="Allow a non-loopback --host (the app has no login)."
        ),
        store: Path | None = typer.Option(
            None, "--store", help="Result-store folder (coating screens). Default: user cache."
        ),
        check: bool = typer.Option(
            False, "--check", help="Bind, print the address and exit without serving."
        ),
    ) -> None:
        """Start the local web app: pair, window, stack, coatings, contact and growth pages."""
        try:
            import interphase.web.app  # noqa: F401  (dash, plotly: the web extra)
            from interphase.web.server import close_server, configure_logging, make_server
        except ImportError as exc:
            from interphase.errors import MissingDataError

            raise MissingDataError(
                f"the web app needs the 'web' extra ({exc.name} is missing): "
                "pip install 'interphase[web]'"
            ) from None
        from interphase.cli.common import check_writable

        folder = store if store is not None else _default_store()
        check_writable(folder / "coatings.sqlite")
        server = make_server(host, port, allow_remote, folder, with_app=not check)
        shown = f"[{host}]" if ":" in host else host
        url = f"http://{shown}:{server.server_port}/"
        if check:
            close_server(server)
            typer.echo(f"interphase serve: {url} (check only, not serving)")
            return
        configure_logging()
        err_console.print(f"interphase: serving on {url} (store {folder}); Ctrl-C stops")
        try:
            server.serve_forever()
        finally:
            close_server(server)


def _default_store() -> Path:
    from interphase.cli.coat_commands import default_store

    return default_store().parent / "web"
