"""Rebuild the CIFs this package builds itself from published crystallographic data.

Run from anywhere: ``python build_structures.py [--check]``. Each entry gives the space group,
lattice (Å, degrees) and Wyckoff positions from the cited paper; the structure is expanded with
pymatgen ``Structure.from_spacegroup`` and checked (space group found by SpacegroupAnalyzer at
symprec 0.1 equals the declared one, no two atoms closer than 1.2 Å). See SOURCES.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
from pymatgen.core import Lattice, Structure
from pymatgen.io.cif import CifWriter
from pymatgen.symmetry.analyzer import SpacegroupAnalyzer

HERE = Path(__file__).resolve().parent

# name: (space group, lattice, species, fractional coordinates of the asymmetric unit)
BUILT: dict[str, tuple[str, Lattice, list[str], list[list[float]]]] = {
    "LiF_Fm-3m.cif": (
        "Fm-3m",
        Lattice.cubic(4.0263),
        ["Li", "F"],
        [[0, 0, 0], [0.5, 0.5, 0.5]],
    ),
    "Li2S_Fm-3m.cif": (
        "Fm-3m",
        Lattice.cubic(5.708),
        ["S", "Li"],
        [[0, 0, 0], [0.25, 0.25, 0.25]],
    ),
    "Li3P_P6_3-mmc.cif": (
        "P6_3/mmc",
        Lattice.hexagonal(4.273, 7.593),
        ["P", "Li", "Li"],
        [[1 / 3, 2 / 3, 0.25], [0, 0, 0.25], [1 / 3, 2 / 3, 0.5828]],
    ),
    "Al2O3_R-3c.cif": (
        "R-3c",
        Lattice.hexagonal(4.7589, 12.991),
        ["Al", "O"],
        [[0, 0, 0.35216], [0.30624, 0, 0.25]],
    ),
    "Li3PO4_Pmn2_1.cif": (
        "Pmn2_1",
        Lattice.orthorhombic(6.1150, 5.2394, 4.8554),
        ["P", "O", "O", "O", "Li", "Li"],
        [
            [0, 0.8240, 0.0],
            [0.2078, 0.6868, 0.8964],
            [0, 0.1050, 0.9011],
            [0, 0.7806, 0.3161],
            [0.2481, 0.3284, 0.9866],
            [0, 0.1587, 0.4942],
        ],
    ),
    "Li2CO3_C2-c.cif": (
        "C2/c",
        Lattice.monoclinic(8.359, 4.973, 6.194, 114.8),
        ["Li", "C", "O", "O"],
        [[0.1965, 0.4484, 0.8355], [0, 0.0657, 0.25], [0, 0.3222, 0.25], [0.1464, -0.0642, 0.3129]],
    ),
}


def build_ncm811(seed: int = 811) -> Structure:
    """LiNi0.8Co0.1Mn0.1O2 model: the LiCoO2 (R-3m) cell scaled to a=2.872, c=14.20 Å, 5x2x1
    supercell (30 transition-metal sites), 24 Ni / 3 Co / 3 Mn placed at random (seeded)."""
    lco = Structure.from_file(HERE / "LiCoO2_R-3m.cif")
    lat = Lattice.hexagonal(2.872, 14.20)
    s = Structure(lat, lco.species, lco.frac_coords)
    s.make_supercell([5, 2, 1])
    tm = [i for i, site in enumerate(s) if site.specie.symbol == "Co"]
    rng = np.random.default_rng(seed)
    order = rng.permutation(tm)
    for i in order[:24]:
        s.replace(int(i), "Ni")
    for i in order[24:27]:
        s.replace(int(i), "Mn")
    return s.get_sorted_structure()


def check(s: Structure, declared: str | None) -> str:
    sga = SpacegroupAnalyzer(s, symprec=0.1)
    sym = sga.get_space_group_symbol()
    dm = s.distance_matrix + np.eye(len(s)) * 99
    dmin = float(dm.min()) if len(s) > 1 else 99.0
    if declared is not None and sym != declared:
        raise AssertionError(f"{s.formula}: space group {sym}, declared {declared}")
    if dmin < 1.2:
        raise AssertionError(f"{s.formula}: atoms {dmin:.2f} Å apart")
    a, b, c = s.lattice.abc
    return (
        f"{s.composition.formula}|{s.composition.reduced_formula}|{len(s)}|{s.is_ordered}|"
        f"{sym} ({sga.get_space_group_number()})|a,b,c={a:.3f},{b:.3f},{c:.3f}|dmin={dmin:.2f}"
    )


def main(write: bool = True) -> None:
    for name, (sg, lat, species, coords) in BUILT.items():
        s = Structure.from_spacegroup(sg, lat, species, coords)
        print(name, check(s, sg))
        if write:
            CifWriter(s, symprec=0.01).write_file(HERE / name)
    ncm = build_ncm811()
    print("NCM811_model_R-3m-derived.cif", check(ncm, None))
    if write:
        CifWriter(ncm).write_file(HERE / "NCM811_model_R-3m-derived.cif")


if __name__ == "__main__":
    main(write="--check" not in sys.argv)
