"""The gallery of the review's reference cases as Markdown pages (docs/cases/), written from
the results of interphase.stack.cases by scripts/build_cases.py; a test rebuilds them and
compares, so the pages always say what the code computes."""

from __future__ import annotations

from interphase.citations import cite
from interphase.stack.cases import CASES, Case, CaseResult

AGREEMENT_WORDS = {
    "agrees": "agrees",
    "partly": "agrees in part",
    "disagrees": "disagrees",
    "not modelled": "not modelled",
}


def _ref(key: str) -> str:
    c = cite(key)
    tail = f"[doi:{c.doi}](https://doi.org/{c.doi})" if c.doi else c.url
    return f"{c.authors}, *{c.title}*, {c.venue} ({c.year}) {tail}"


def case_page(case: Case, res: CaseResult, number: int) -> str:
    lines = [
        f"# {number}. {case.system}",
        "",
        f"Level: {case.level}. Case `{case.id}` of the review's reference table "
        "(Gong & Gu, Acta Phys. Sin. 69, 226801 (2020); DESIGN.md §5).",
        "",
        "## What the experiments saw",
        "",
        case.seen[0].upper() + case.seen[1:] + ".",
        "",
        "## What interphase predicts",
        "",
        "```bash",
        f"interphase case {case.id}      # this page's numbers",
        f"{case.command}",
        "```",
        "",
        *[f"- {p}" for p in res.prediction],
        "",
        "Checked on every test run (tests/stack/test_cases.py):",
        "",
        *[f"- [{'x' if ok else ' '}] {what}" for what, ok in res.checks],
        "",
        f"## Agreement: {AGREEMENT_WORDS[res.agreement]}",
        "",
        res.discussion,
        "",
        "## Sources",
        "",
        *[f"- {_ref(k)}" for k in case.sources],
        "",
    ]
    return "\n".join(lines)


def page_name(number: int, case: Case) -> str:
    return f"{number:02d}-{case.id}.md"


def index_page(results: list[tuple[Case, CaseResult]]) -> str:
    lines = [
        "# The review's reference cases",
        "",
        "One page and one command per row of the reference table of Gong & Gu, Acta Phys. Sin. "
        "69, 226801 (2020): what interphase predicts, what the experiments saw, and where they "
        "agree. Each page is written from `interphase case ID` by scripts/build_cases.py, and "
        "each case's qualitative outcome is a test.",
        "",
        "| # | level | system | agreement |",
        "|---|---|---|---|",
    ]
    for i, (case, res) in enumerate(results, start=1):
        lines.append(
            f"| {i} | {case.level} | [{case.system}]({page_name(i, case)}) | "
            f"{AGREEMENT_WORDS[res.agreement]} |"
        )
    lines.append("")
    return "\n".join(lines)


def all_pages() -> dict[str, str]:
    """File name -> Markdown text for the whole gallery (runs every case, ~3 s)."""
    results = [(c, c.run()) for c in CASES]
    pages = {page_name(i, c): case_page(c, r, i) for i, (c, r) in enumerate(results, start=1)}
    pages["index.md"] = index_page(results)
    return pages
