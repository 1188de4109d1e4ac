"""Rebuild src/interphase/data/mp_elastic.csv.gz from ../shared/data/properties.

The matbench elastic sets (Dunn et al. 2020, Materials Project data, CC BY 4.0) give log10 of the
VRH shear and bulk moduli in GPa keyed by unreduced cell formula, one row per structure, in the
same order in both files. We keep the reduced formula, both moduli in GPa (3 significant digits
more than the data carry do not matter) and drop nothing: several rows per reduced formula are
polymorphs, summarised at run time.

Usage: python scripts/build_elastic_table.py [SHARED_DATA_DIR]
"""

from __future__ import annotations

import csv
import gzip
import io
import sys
from pathlib import Path

from pymatgen.core import Composition

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "interphase" / "data" / "mp_elastic.csv.gz"


def _read(path: Path) -> list[tuple[str, float]]:
    with gzip.open(path, "rt") as fh:
        return [(r["formula"], float(r["target"])) for r in csv.DictReader(fh)]


def main(shared: Path) -> None:
    props = shared / "properties"
    shear = _read(props / "mp_log10_shear_modulus_vrh.csv.gz")
    bulk = _read(props / "mp_log10_bulk_modulus_vrh.csv.gz")
    if [f for f, _ in shear] != [f for f, _ in bulk]:
        raise SystemExit("shear and bulk tables are not row-aligned; cannot merge")
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["reduced_formula", "cell_formula", "shear_modulus_gpa", "bulk_modulus_gpa"])
    rows = []
    for (formula, lg), (_, lk) in zip(shear, bulk, strict=True):
        reduced = Composition(formula).reduced_formula
        rows.append((reduced, formula, f"{10**lg:.4g}", f"{10**lk:.4g}"))
    rows.sort()
    w.writerows(rows)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    # mtime=0: the same input gives byte-identical output
    with open(OUT, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
        gz.write(buf.getvalue().encode())
    print(f"wrote {OUT} ({len(rows)} rows)")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data")
