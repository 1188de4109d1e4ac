"""The review's reference cases: every case's qualitative outcome holds (verdict, key
products, sign of an effect), every source resolves, and the gallery pages in docs/cases/ say
what the code computes.

Breaking the code on purpose: dropping the metal check of thermo.verdict (rule 3) turns
Li | LAGP passivating and fails `li-lagp`; a contact model whose ASR ignores roughness fails
`flat-lco-films`."""

from pathlib import Path

import pytest

from interphase.citations import cite
from interphase.report.cases import all_pages
from interphase.stack.cases import CASES

DOCS = Path(__file__).parents[2] / "docs" / "cases"


def test_fourteen_cases_as_in_the_design():
    assert len(CASES) == 14
    assert len({c.id for c in CASES}) == 14


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_case_outcome(case):
    res = case.run()
    failed = [what for what, ok in res.checks if not ok]
    assert not failed, failed
    assert res.checks
    assert res.agreement in ("agrees", "partly", "disagrees", "not modelled")
    assert res.discussion and res.prediction
    for key in case.sources:
        c = cite(key)
        assert c.doi or c.url


def test_gallery_pages_are_current():
    pages = all_pages()
    assert len(pages) == 15  # one per case and the index
    for name, text in pages.items():
        path = DOCS / name
        assert path.exists(), f"run python scripts/build_cases.py ({name} missing)"
        assert path.read_text() == text, f"run python scripts/build_cases.py ({name} stale)"
