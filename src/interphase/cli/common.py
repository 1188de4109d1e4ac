"""Shared output helpers for CLI commands: tables, JSON, plots, progress, the error contract."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from rich.console import Console, RenderableType
from rich.table import Table

from interphase.errors import InvalidConditionError
from interphase.results import to_plain

console = Console()
err_console = Console(stderr=True)


def emit_json(obj: Any) -> None:
    """Print one JSON object on stdout (results are converted with `to_dict`)."""
    data = obj.to_dict() if hasattr(obj, "to_dict") else to_plain(obj)
    sys.stdout.write(json.dumps(data, indent=2, sort_keys=False) + "\n")


def table(title: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> RenderableType:
    """Rows as a rich table; floats are shown with 4 significant digits. Nothing is cut:

    - a column of single words (names, formulas, keys up to `WHOLE_WORD_MAX` characters) is
      kept at least as wide as its longest word, so a formula is never split; other cells wrap;
    - when the words alone would not fit the terminal, each row is printed as a block of
      "column: value" lines instead (the narrow layout), so no column is cropped."""
    cells = [[_cell(v) for v in row] for row in rows]
    longest_word = [
        max([len(w) for r in cells if j < len(r) for w in r[j].split()] + [len(columns[j])])
        for j in range(len(columns))
    ]
    if sum(longest_word) + 3 * len(columns) + 1 > console.width:
        return _blocks(title, columns, cells)
    t = Table(title=title, title_justify="left", header_style="bold")
    for j, c in enumerate(columns):
        words = [r[j] for r in cells if j < len(r)]
        whole = words and all(" " not in w for w in words) and longest_word[j] <= WHOLE_WORD_MAX
        t.add_column(c, overflow="fold", min_width=longest_word[j] if whole else None)
    for row in cells:
        t.add_row(*row)
    return t


def _blocks(title: str, columns: Sequence[str], cells: list[list[str]]) -> RenderableType:
    from rich.console import Group
    from rich.text import Text

    width = max(len(c) for c in columns)
    parts: list[RenderableType] = [Text(title, style="bold")]
    for row in cells:
        for c, v in zip(columns, row, strict=False):
            parts.append(Text(f"  {c.rjust(width)}: {v}"))
        parts.append(Text(""))
    return Group(*parts)


WHOLE_WORD_MAX = 28


def _cell(v: Any) -> str:
    if v is None:
        return "—"
    if isinstance(v, float):
        return f"{v:.4g}"
    if isinstance(v, list | tuple):
        return ", ".join(_cell(x) for x in v)
    return str(v)


def check_plot_path(path: Path | None) -> None:
    """Fail early (before any work) when the plot file's type is not supported."""
    if path is None:
        return
    if path.is_dir():
        raise InvalidConditionError(
            f"cannot write plot {str(path)!r}: it is a directory; give a file name such as "
            f"{path / 'figure.png'}"
        )
    if path.suffix.lower() not in {".png", ".svg", ".pdf", ".html"}:
        raise InvalidConditionError(
            f"cannot write plot {path.name!r}: use a .png, .svg, .pdf or .html file name"
        )
    check_writable(path)


def check_writable(path: Path) -> None:
    """Fail before any work when `path` could not be written: its nearest existing folder
    must be a writable directory (the missing folders below it are created on writing)."""
    import tempfile

    parent = path.absolute().parent
    while not parent.exists():
        parent = parent.parent
    try:
        if not parent.is_dir():
            raise NotADirectoryError(str(parent))
        with tempfile.TemporaryFile(dir=parent):
            pass  # a real write: permission bits say nothing for root or /proc
    except OSError:
        raise InvalidConditionError(
            f"cannot write {str(path)!r}: {parent} is not a writable folder; give another path"
        ) from None


MAX_WORKERS = 256  # more local Dask workers than this is a typo, not a machine


def check_workers(workers: int | None) -> None:
    """--workers: None (one per core), 0 (no Dask) or up to MAX_WORKERS local workers."""
    if workers is not None and not 0 <= workers <= MAX_WORKERS:
        raise InvalidConditionError(
            f"--workers {workers}: give 0 (no Dask) to {MAX_WORKERS} local workers"
        )


def save_figure(fig: Any, path: Path) -> None:
    """Save a matplotlib figure by extension; .html embeds an SVG in a minimal page."""
    suffix = path.suffix.lower()
    path.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".html":
        import io

        buf = io.StringIO()
        fig.savefig(buf, format="svg", bbox_inches="tight")
        path.write_text(f"<!doctype html><meta charset=utf-8><body>{buf.getvalue()}</body>\n")
    else:
        fig.savefig(path, dpi=150, bbox_inches="tight")
    import matplotlib.pyplot as plt

    plt.close(fig)
    err_console.print(f"wrote {path}")


Progress = Callable[[str, int, int], None]  # (description, done, total): what engines call


def progress_wanted(quiet: bool = False) -> bool:
    """Draw progress: not --quiet (or --json), INTERPHASE_QUIET unset and stderr a terminal."""
    env_quiet = os.environ.get("INTERPHASE_QUIET", "") not in ("", "0")
    return not quiet and not env_quiet and sys.stderr.isatty()


@contextmanager
def progress_bar(quiet: bool = False) -> Iterator[Progress | None]:
    """A rich progress bar on stderr for the engines' `progress(description, done, total)`
    callback: `with progress_bar(quiet) as cb: engine(..., progress=cb)`. Yields None (draw
    nothing) unless `progress_wanted(quiet)`. One row, showing done/total, rate and ETA; it
    starts afresh (rate and ETA too) when a new task begins, i.e. when done goes back or
    total changes, and only relabels when the description alone changes (a step list). The
    bar is cleared when the block ends."""
    if not progress_wanted(quiet):
        yield None
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        ProgressColumn,
        Task,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from rich.progress import Progress as RichProgress
    from rich.text import Text

    class Rate(ProgressColumn):
        def render(self, task: Task) -> Text:
            return Text(f"{task.speed:.3g}/s" if task.speed else "")

    bar = RichProgress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        Rate(),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=err_console,
        transient=True,
    )
    row = bar.add_task("", total=None, visible=False)
    last = {"done": -1, "total": -1}

    def callback(description: str, done: int, total: int) -> None:
        if done < last["done"] or total != last["total"]:
            bar.reset(row, total=total, completed=done, description=description, visible=True)
        else:
            bar.update(row, completed=done, description=description)
        last["done"], last["total"] = done, total

    with bar:
        yield callback
