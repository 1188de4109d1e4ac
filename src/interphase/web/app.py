"""The Dash app factory: routing between the pages, the shared job runner, request limits and
error logging. Everything is served from this process (Dash's own bundles, no CDN)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from dash import Dash, Input, Output, dcc, html

from interphase.web.jobs import JobRunner

log = logging.getLogger("interphase.web")

INTERACTIVE_WORKERS = 2  # two tabs updating at once each get a process
JOB_WORKERS = 1  # stack analyses and screenings, one at a time; the rest wait, with progress
MAX_REQUEST_BYTES = 256 * 1024  # a form post is a few kB; larger bodies are refused (413)

PAGES = (
    ("/pair", "Pair"),
    ("/window", "Window"),
    ("/stack", "Stack"),
    ("/coatings", "Coatings"),
    ("/contact", "Contact / evolution"),
)

CSS = """
body { font-family: system-ui, sans-serif; margin: 0 1.5em; color: #222; }
nav a { margin-right: 1.2em; }
.form { display: flex; flex-wrap: wrap; gap: 0.6em 1.4em; align-items: flex-start; }
.field { display: flex; flex-direction: column; max-width: 22em; }
.field label { font-size: 0.85em; color: #555; }
.field input { font-size: 1em; padding: 0.2em; min-width: 8em; }
.field-error { color: #b00020; font-size: 0.85em; min-height: 1em; }
.status { color: #555; margin: 0.4em 0; min-height: 1.2em; }
.verdict h3 { margin-bottom: 0.2em; }
.provenance { border-top: 1px solid #ccc; margin-top: 1em; padding-top: 0.4em;
  font-size: 0.85em; color: #444; }
code.cli { background: #f3f3f3; padding: 0.1em 0.3em; }
.grade-green { background: #c8e6c9; } .grade-amber { background: #ffe0b2; }
.grade-red { background: #ffcdd2; } .grade-grey { background: #eeeeee; }
"""

INDEX = (
    """<!DOCTYPE html>
<html>
<head>{%metas%}<title>interphase</title>{%favicon%}{%css%}<style>"""
    + CSS
    + """</style></head>
<body>{%app_entry%}<footer>{%config%}{%scripts%}{%renderer%}</footer></body>
</html>"""
)


def create_app(
    store_dir: str | Path | None = None,
    workers: int = INTERACTIVE_WORKERS,
    job_workers: int = JOB_WORKERS,
) -> Dash:
    """A ready app. `store_dir`: the folder of the result store (coating screens and stack
    analyses read and write there, nowhere else); None: a temporary folder per process.
    `workers` processes answer the interactive pages, `job_workers` the long computations
    (web.workers explains why processes)."""
    import tempfile

    from interphase.web import coatings, contact, cycling, pair, stack, window
    from interphase.web.workers import EnginePool

    store = Path(store_dir) if store_dir is not None else Path(tempfile.mkdtemp("-interphase"))
    store.mkdir(parents=True, exist_ok=True)
    app = Dash(
        __name__,
        title="interphase",
        serve_locally=True,
        suppress_callback_exceptions=True,
        update_title=None,
        index_string=INDEX,
        assets_ignore=".*",  # no assets folder: the style sheet is inline
    )
    app.server.config["MAX_CONTENT_LENGTH"] = MAX_REQUEST_BYTES
    app.server.config["interphase_store"] = store
    app.server.config["interphase_dash"] = app
    app.server.config["interphase_engines"] = EnginePool(workers, "interactive")
    app.server.config["interphase_job_pool"] = EnginePool(job_workers, "job", progress=True)
    app.server.config["interphase_jobs"] = JobRunner(workers=job_workers)

    @app.server.errorhandler(Exception)
    def _log_error(exc: Exception) -> Any:
        from werkzeug.exceptions import HTTPException

        if isinstance(exc, HTTPException):
            return exc  # 400, 404, 413 ...: the client's request, not a server fault
        log.exception("request failed")
        return ("internal error; it is logged on the server", 500)

    app.layout = html.Div(
        [
            dcc.Location(id="url"),
            html.H1("interphase", style={"marginBottom": "0.2em"}),
            html.Nav([dcc.Link(label, href=path) for path, label in PAGES]),
            html.Div(id="page"),
        ]
    )
    routes = {
        "/": pair.layout,
        "/pair": pair.layout,
        "/window": window.layout,
        "/stack": stack.layout,
        "/coatings": lambda q: coatings.layout(q, store),
        "/contact": contact.layout,
    }

    @app.callback(Output("page", "children"), Input("url", "pathname"), Input("url", "search"))
    def _route(path: Any, search: Any) -> Any:
        page = routes.get(path if isinstance(path, str) else "/")
        if page is None:
            return html.Div(f"no page {str(path)[:80]!r}: use the links above")
        return page(search if isinstance(search, str) else "")

    for module in (pair, window, stack, coatings, contact, cycling):
        module.register(app)
    return app


def close_app(app: Dash) -> None:
    """Stop the app's worker processes."""
    for key in ("interphase_jobs", "interphase_engines", "interphase_job_pool"):
        app.server.config[key].shutdown()
