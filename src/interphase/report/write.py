"""Write a stack analysis to a folder: report.html (self-contained), analysis.json (validated
against report/schema.json in the tests) and one PNG per interface."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from interphase.errors import InvalidConditionError
from interphase.results import Result

if TYPE_CHECKING:
    from interphase.stack.analyze import StackAnalysis


@dataclass(frozen=True)
class ReportFiles(Result):
    html: str
    json: str
    png: tuple[str, ...]


def slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "_", text).strip("_").lower() or "stack"


def check_out_dir(out_dir: Path) -> Path:
    """The output folder, created if needed; InvalidConditionError if it cannot be written."""
    import tempfile

    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise InvalidConditionError(f"--out {out} is a file: give a folder for the report")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InvalidConditionError(
            f"cannot create the report folder {out}: {exc.strerror}; give another --out"
        ) from None
    try:
        with tempfile.TemporaryFile(dir=out):
            pass  # a real write: permission bits say nothing for root
    except OSError:
        raise InvalidConditionError(
            f"cannot write into {out}: not a writable folder; give another --out"
        ) from None
    return out


def write_report(analysis: StackAnalysis, out_dir: str | Path, png: bool = True) -> ReportFiles:
    from interphase.report.figures import reaction_png
    from interphase.report.html import render_html

    out = check_out_dir(Path(out_dir))
    html_path = out / "report.html"
    html_path.write_text(render_html(analysis), encoding="utf-8")
    json_path = out / "analysis.json"
    json_path.write_text(json.dumps(analysis.to_dict(), indent=1, allow_nan=False))
    pngs = []
    if png:
        for r in analysis.interfaces:
            path = out / f"reaction_{slug(r.label)}.png"
            reaction_png(r, path)
            pngs.append(str(path))
    return ReportFiles(str(html_path), str(json_path), tuple(pngs))


def load_schema() -> dict:
    from importlib.resources import files

    return json.loads((files("interphase.report") / "schema.json").read_text())
