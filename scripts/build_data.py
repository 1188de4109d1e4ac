"""Rebuild the compact data tables shipped in src/interphase/data from ../shared/data.

Usage: python scripts/build_data.py [SHARED_DATA_DIR]

- thermo/mp2019.csv.gz: formula, e_form_per_atom, e_decomp_per_atom (MP legacy corrections,
  about 2019; via the crabnet 2.0.8 wheel), rounded to 0.1 meV/atom.
- thermo/oqmd.npz: OQMD formation enthalpies, rows with |dH| > 5 eV/atom dropped (junk,
  see the data README), parsed like the MP table.
- properties/electronic.csv.gz: reduced formula, median PBE gap (eV), number of polymorphs,
  share of polymorphs flagged metallic (matbench mp_gap / mp_is_metal).
- thermo/*.npz: the same tables parsed into arrays (one row per composition, lowest energy
  kept, elements added at 0 eV/atom), so that the package loads them in a fraction of a second.
- experimental/*.json.gz: copied unchanged (NIST-JANAF and FREED Gibbs energies of formation).
"""

from __future__ import annotations

import csv
import gzip
import shutil
import statistics
import sys
from collections import defaultdict
from pathlib import Path

from pymatgen.core import Composition

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "interphase" / "data"


def _rows(path: Path) -> list[dict[str, str]]:
    with gzip.open(path, "rt") as fh:
        return list(csv.DictReader(fh))


def _write(path: Path, header: list[str], rows: list[list[object]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with gzip.GzipFile(path, "wb", mtime=0) as raw, open_text(raw) as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
    print(f"wrote {path.relative_to(ROOT)} ({len(rows)} rows)")


def open_text(raw):
    import io

    return io.TextIOWrapper(raw, encoding="utf-8")


def main(shared: Path) -> None:
    mp = _rows(shared / "thermo" / "mp2019_formation_energies.csv.gz")
    _write(
        OUT / "thermo" / "mp2019.csv.gz",
        ["formula", "e_form_per_atom", "e_decomp_per_atom"],
        [
            [
                r["formula"],
                f"{float(r['e_form_per_atom']):.5f}",
                f"{float(r['e_decomp_per_atom']):.5f}",
            ]
            for r in mp
        ],
    )
    oq = [
        (r["formula"], float(r["delta_h_form_per_atom"]))
        for r in _rows(shared / "thermo" / "oqmd_formation_enthalpies.csv.gz")
        if abs(float(r["delta_h_form_per_atom"])) <= 5.0
    ]
    gaps: dict[str, list[float]] = defaultdict(list)
    metal: dict[str, list[float]] = defaultdict(list)
    for r in _rows(shared / "properties" / "mp_gap.csv.gz"):
        gaps[Composition(r["formula"]).reduced_formula].append(float(r["target"]))
    for r in _rows(shared / "properties" / "mp_is_metal.csv.gz"):
        metal[Composition(r["formula"]).reduced_formula].append(float(r["target"]))
    rows = []
    for f in sorted(gaps):
        m = metal.get(f, [])
        share = sum(m) / len(m) if m else float("nan")
        rows.append([f, f"{statistics.median(gaps[f]):.3f}", len(gaps[f]), f"{share:.3f}"])
    _write(
        OUT / "properties" / "electronic.csv.gz",
        ["formula", "pbe_gap_ev_median", "n_polymorphs", "metal_share"],
        rows,
    )
    from interphase.thermo.database import build_database

    build_database("mp").save_npz(OUT / "thermo" / "mp2019.npz")
    build_database("oqmd", oq).save_npz(OUT / "thermo" / "oqmd.npz")
    print("wrote src/interphase/data/thermo/mp2019.npz and oqmd.npz")
    for name in ("nist_janaf_gibbs_formation.json.gz", "freed_gibbs_formation.json.gz"):
        dst = OUT / "experimental" / name
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shared / "experimental" / name, dst)
        print(f"copied {dst.relative_to(ROOT)}")


if __name__ == "__main__":
    default = ROOT.parent / "shared" / "data"
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else default)
