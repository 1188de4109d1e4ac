"""Wall time of `interphase analyze` on the embedded data (no MD), the default stacks.

Target: under 30 s per stack on 2 cores, coating screen included. Prints one line per stack:
cold (first in this process: database load, hull caches) and warm (the same stack again,
coating results reused from the store). Run: python benchmarks/bench_analyze.py
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from interphase.report import write_report
from interphase.stack import analyze, read_stack

EXAMPLES = sorted((Path(__file__).parents[1] / "examples" / "stacks").glob("*.toml"))


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for f in EXAMPLES:
            spec = read_stack(f)
            store = Path(tmp) / f"{f.stem}.db"
            t0 = time.perf_counter()
            res = analyze(spec, store=store)
            write_report(res, Path(tmp) / f.stem)
            cold = time.perf_counter() - t0
            t0 = time.perf_counter()
            res = analyze(spec, store=store)
            write_report(res, Path(tmp) / f.stem)
            warm = time.perf_counter() - t0
            print(f"{spec.label:40s} cold {cold:6.2f} s  warm {warm:6.2f} s  (target < 30 s)")


if __name__ == "__main__":
    main()
