"""Pieces every page uses: labelled fields with an error slot beside them, the provenance
footer (data source and version, citations, the CLI command that reproduces the view), and
`guarded`, which turns any failure of a callback into a message instead of a broken page."""

from __future__ import annotations

import functools
import logging
import shlex
from collections.abc import Callable, Sequence
from typing import Any

from dash import dcc, html

from interphase.errors import InterphaseError

log = logging.getLogger("interphase.web")

INTERNAL = "internal error ({}); it is logged on the server and the app keeps serving"


def field(label: str, input_id: str, value: Any = "", placeholder: str = "", **kw: Any):
    """A text box with its label and an error slot (`<id>-error`) right beside it."""
    return html.Div(
        [
            html.Label(label, htmlFor=input_id),
            dcc.Input(
                id=input_id,
                type="text",
                value=value,
                placeholder=placeholder,
                debounce=True,
                **kw,
            ),
            html.Span("", id=f"{input_id}-error", className="field-error", role="alert"),
        ],
        className="field",
    )


def catalog_datalist(list_id: str = "catalog-names"):
    """Suggestions for material boxes: every catalog name (any formula may be typed too)."""
    from interphase.materials import all_materials

    return html.Datalist(
        id=list_id,
        children=[html.Option(value=m.name, label=m.formula) for m in all_materials()],
    )


def cli_command(words: Sequence[Any]) -> str:
    """The shell command that reproduces a view, quoted for a POSIX shell."""
    return "interphase " + " ".join(shlex.quote(str(w)) for w in words)


def provenance(database: str | None, citations: Sequence[str], command: str | None):
    """The footer: data source and version, the citations the view used, its CLI command.
    `database` None: the view uses the package's cited parameter tables, not a database."""
    from interphase import __version__
    from interphase.citations import cite

    data = _database_line(database) if database else "the package's parameter tables (cited)"
    parts = [html.Div(f"interphase {__version__}; data: {data}")]
    keys = list(dict.fromkeys(citations))
    if keys:
        items = []
        for k in keys:
            try:
                items.append(html.Li(f"[{k}] {cite(k).short()}"))
            except InterphaseError:
                items.append(html.Li(f"[{k}]"))
        parts.append(html.Details([html.Summary(f"citations ({len(keys)})"), html.Ul(items)]))
    if command:
        parts.append(html.Div(["reproduce: ", html.Code(command, className="cli")]))
    return html.Div(parts, className="provenance")


@functools.cache
def _database_line(key: str) -> str:
    from interphase.thermo.database import get_database

    try:
        info = get_database(key).info
    except InterphaseError as exc:
        return str(exc)
    return f"{info.name}, version {info.version} ({info.corrections}; {info.licence})"


def guarded(n_outputs: int, on_error: Callable[[str, str | None], tuple]) -> Callable:
    """Wrap a callback: an InterphaseError becomes `on_error(message, field)`; any other
    exception is logged with its traceback and becomes `on_error(INTERNAL, None)`."""

    def wrap(fn: Callable) -> Callable:
        @functools.wraps(fn)
        def inner(*args: Any) -> Any:
            try:
                return fn(*args)
            except InterphaseError as exc:
                return on_error(" ".join(str(exc).split()), getattr(exc, "field", None))
            except Exception as exc:
                log.exception("callback %s failed", fn.__name__)
                return on_error(INTERNAL.format(type(exc).__name__), None)

        return inner

    return wrap


def engines() -> Any:
    """The app's interactive worker pool (web.workers.EnginePool)."""
    from flask import current_app

    return current_app.config["interphase_engines"]


def job_pool() -> Any:
    """The app's worker pool for long computations (with progress)."""
    from flask import current_app

    return current_app.config["interphase_job_pool"]


def jobs() -> Any:
    """The app's background job registry (web.jobs.JobRunner)."""
    from flask import current_app

    return current_app.config["interphase_jobs"]


def job_of(job_data: Any) -> Any:
    """The job a page stored in its dcc.Store ({"id": ...}), or None (unknown, expired or a
    malformed store value)."""
    return jobs().get(job_data.get("id") if isinstance(job_data, dict) else None)


def store_dir() -> Any:
    """The app's result-store folder."""
    from flask import current_app

    return current_app.config["interphase_store"]


def in_background(kind: str, fn: Callable[..., Any], args: tuple, after=None) -> Any:
    """Submit fn(*args, progress) to the job pool through the job registry; `after(result)`
    runs in the server once it is back (e.g. to index a run). Returns the Job."""
    import uuid

    pool = job_pool()

    def run(progress):
        result = pool.run_job(uuid.uuid4().hex, fn, args, progress)
        return after(result) if after is not None else result

    return jobs().submit(kind, run)


def progress_text(snapshot: dict[str, Any]) -> str:
    if snapshot["state"] == "queued":
        return "waiting for a free worker…"
    if snapshot["total"]:
        return f"{snapshot['description']} ({snapshot['done']}/{snapshot['total']})"
    return snapshot["description"] or "running…"
