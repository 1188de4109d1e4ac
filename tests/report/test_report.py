"""The report: self-contained HTML (nothing loaded from the network), JSON valid against the
kept schema, PNGs written; for several stacks."""

import json
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest

from interphase.report import write_report
from interphase.report.write import load_schema
from interphase.stack import analyze, read_stack

EXAMPLES = sorted((Path(__file__).parents[2] / "examples" / "stacks").glob("*.toml"))


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        for k, v in attrs:
            if k in ("src", "href") and v:
                self.urls.append(v)


@pytest.mark.parametrize("stack_file", EXAMPLES, ids=lambda p: p.stem)
def test_report_is_self_contained_and_valid(stack_file, tmp_path):
    res = analyze(read_stack(stack_file), coatings=False)
    files = write_report(res, tmp_path / "out")
    html = Path(files.html).read_text()
    parser = _Links()
    parser.feed(html)
    assert not [u for u in parser.urls if u.startswith(("http:", "https:", "//"))]
    assert "link" not in parser.tags  # no external stylesheet
    assert "Plotly.newPlot" in html  # the interactive figures are there, library inlined
    for r in res.interfaces:
        assert f"<h2 id='{escape(r.label)}'>" in html  # a section per interface
    data = json.loads(Path(files.json).read_text())
    jsonschema.validate(data, load_schema())
    assert len(files.png) == len(res.interfaces)
    assert all(Path(p).stat().st_size > 1000 for p in files.png)


def test_schema_rejects_a_broken_analysis(tmp_path):
    res = analyze(read_stack(EXAMPLES[0]), coatings=False)
    data = res.to_dict()
    data["interfaces"][0]["scorecard"]["chemical"]["colour"] = "purple"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, load_schema())
