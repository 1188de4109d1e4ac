"""Write the gallery of reference cases, docs/cases/*.md, from what the code computes.

python scripts/build_cases.py          # rewrite the pages
python scripts/build_cases.py --check  # exit 1 if a page differs from the code's results
"""

from __future__ import annotations

import sys
from pathlib import Path

from interphase.report.cases import all_pages

OUT = Path(__file__).resolve().parents[1] / "docs" / "cases"


def main(argv: list[str]) -> int:
    pages = all_pages()
    stale = [
        n for n, text in pages.items() if not (OUT / n).exists() or (OUT / n).read_text() != text
    ]
    if "--check" in argv:
        for n in stale:
            print(f"out of date: docs/cases/{n}")
        return 1 if stale else 0
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.md"):
        if old.name not in pages:
            old.unlink()
    for name, text in pages.items():
        (OUT / name).write_text(text)
    print(f"wrote {len(pages)} pages to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
