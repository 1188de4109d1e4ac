"""The documentation site builds, strictly, with the API reference rendered from the docstrings.

`mkdocs build --strict` turns every warning into a failure: a broken relative link, a page
missing from disk that the nav names, a `::: module` that no longer resolves, a docstring
mkdocstrings cannot render. So the reference cannot rot unnoticed.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"


def _missing_doc_packages() -> list[str]:
    missing = []
    for name in ("mkdocs", "mkdocstrings", "mkdocstrings_handlers"):
        if importlib.util.find_spec(name) is None:
            missing.append(name)
    return missing


needs_mkdocs = pytest.mark.skipif(
    bool(_missing_doc_packages()),
    reason="documentation build needs mkdocs and mkdocstrings[python] "
    '(pip install -e ".[test]"); missing: ' + ", ".join(_missing_doc_packages()),
)


def _nav_files(nav) -> list[str]:
    """Every page file named in an mkdocs nav (nested lists of {title: file-or-list})."""
    out: list[str] = []
    for item in nav:
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, dict):
            for value in item.values():
                out.extend(_nav_files([value]) if isinstance(value, str) else _nav_files(value))
    return out


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site")
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, (
        f"mkdocs build --strict failed (exit {proc.returncode}):\n{proc.stderr[-6000:]}"
    )
    return out


@needs_mkdocs
def test_site_builds_with_the_api_reference(site: Path):
    stack = site / "api" / "stack" / "index.html"
    assert stack.is_file(), sorted(p.name for p in (site / "api").iterdir())
    html = stack.read_text(encoding="utf-8")
    # the module, the function and the spec class, rendered from the source
    for name in (
        'id="interphase.stack.analyze"',
        'id="interphase.stack.analyze.analyze"',
        'id="interphase.stack.spec.StackSpec"',
        "StackSpec",
    ):
        assert name in html, name
    for page, ident in [
        ("thermo", "interphase.thermo.analysis"),
        ("contact", "interphase.contact.anode"),
        ("coatings", "interphase.coatings.screen"),
        ("materials", "interphase.materials.catalog"),
        ("atomistic", "interphase.atomistic.diffusion"),
        ("report", "interphase.errors.InterphaseError"),
    ]:
        text = (site / "api" / page / "index.html").read_text(encoding="utf-8")
        assert f'id="{ident}"' in text, (page, ident)
    for page in (
        "index.html",
        "quickstart/index.html",
        "atomistic/index.html",
        "analyze/index.html",
        "cases/index.html",
    ):
        assert (site / page).is_file(), page


@needs_mkdocs
def test_every_page_is_in_the_nav():
    """A page on disk but not in the nav is only an INFO line for mkdocs: check it here."""
    import yaml

    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    in_nav = set(_nav_files(config["nav"]))
    on_disk = {p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md")}
    assert on_disk - in_nav == set(), f"pages missing from mkdocs.yml nav: {on_disk - in_nav}"
    assert in_nav - on_disk == set(), f"nav names pages that do not exist: {in_nav - on_disk}"


@needs_mkdocs
def test_site_loads_nothing_from_the_network(site: Path):
    """The site reads offline: no script or stylesheet from a URL (highlightjs is off)."""
    remote = re.compile(r'(<script[^>]+src="https?://|<link[^>]+href="https?://[^"]+\.css")')
    offenders = [
        str(page.relative_to(site))
        for page in site.rglob("*.html")
        if remote.search(page.read_text(encoding="utf-8"))
    ]
    assert offenders == [], offenders
