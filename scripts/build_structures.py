"""Rebuild the CIFs this package builds itself from published crystallographic data.

Run from anywhere: ``python scripts/build_structures.py [--check] [--nasicon] [--layered]
[--derived]``. It reads and writes the bundled CIFs in src/interphase/data/structures
(``--check``: check only, write nothing; ``--nasicon`` also derives and CHGNet-relaxes the
LiM2(PO4)3 NASICON cells, ``--layered`` the NCM model cells, ``--derived`` the isostructural
analogues such as LiTaO3; all three need the atomistic extra).
Each entry gives the space group, lattice (Å, degrees) and Wyckoff positions from the cited
paper (or, where marked, the asymmetric unit of a Materials Project computed cell); the
structure is expanded with pymatgen ``Structure.from_spacegroup`` and checked (space group
found by SpacegroupAnalyzer at symprec 0.1 equals the declared one, no two atoms closer than
1.2 Å). See src/interphase/data/structures/SOURCES.md.

Partially occupied (Li-disordered) published structures are ordered by
:func:`order_by_ewald`: seeded random fillings of each partially occupied orbit, with no two Li
closer than a cutoff, ranked by Ewald energy (formal charges); the lowest of the samples is
kept. Same parent, seed and sample count give the same ordered cell.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from itertools import combinations
from math import comb
from pathlib import Path

import numpy as np
from pymatgen.core import Element, Lattice, Structure
from pymatgen.io.cif import CifWriter
from pymatgen.symmetry.analyzer import SpacegroupAnalyzer

ROOT = Path(__file__).resolve().parents[1]
STRUCTURES = ROOT / "src" / "interphase" / "data" / "structures"  # the bundled CIFs

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
    # rutile TiO2 at 298 K: Abrahams & Bernstein, J. Chem. Phys. 55, 3206 (1971),
    # doi:10.1063/1.1676569 (single-crystal X-ray; x(O) = 0.30479(10)). Ti 2a, O 4f.
    "TiO2_P4_2-mnm_rutile.cif": (
        "P4_2/mnm",
        Lattice.tetragonal(4.593659, 2.958682),
        ["Ti", "O"],
        [[0, 0, 0], [0.30479, 0.30479, 0]],
    ),
    # alpha-Li3N: Kawada et al. (1986), TOF neutron diffraction at 20 C, COD 1544904, as the
    # NCrystal data file ncrystal_core/data/Li3N_sg191_LithiumNitride.ncmat (mctools/ncrystal @
    # dc02ce53). Every site is special (N 1a, Li1 1b, Li2 2c), so only a and c are refined.
    "Li3N_P6-mmm.cif": (
        "P6/mmm",
        Lattice.hexagonal(3.652, 3.866),
        ["N", "Li", "Li"],
        [[0, 0, 0], [0, 0, 0.5], [1 / 3, 2 / 3, 0]],
    ),
    # Materials Project computed (PBE-relaxed) ordered cell mp-985592, as the CIF
    # data/Li6PS5Cl_mp-985592.cif of E1582271-dotcom/Solid-Electrolyte-MLIP-MD @ cd51da0a: its
    # 52 sites are exactly this asymmetric unit expanded in F-43m (checked when it was copied).
    # Ordered-anion model: Cl- on 4a, S2- on 4c; Li on 24g (the midpoint of the 48h pair that
    # refinements report half occupied), so no ordering step is needed. The lattice is the PBE
    # one (a = 10.2795 Å), larger than the room-temperature experimental cell.
    "Li6PS5Cl_F-43m_mp-985592.cif": (
        "F-43m",
        Lattice.cubic(10.279498),
        ["Li", "P", "S", "S", "Cl"],
        [
            [0.25, 0.25, 0.023113],
            [0.5, 0.0, 0.0],
            [0.61552233, 0.61552233, 0.61552233],
            [0.25, 0.25, 0.25],
            [0.0, 0.0, 0.0],
        ],
    ),
}


@dataclass(frozen=True)
class OrderSpec:
    """A published partially occupied structure and how to order it.

    `species` entries are a symbol ("La") or an occupancy dict ({"Li": 0.5}); `supercell` is the
    smallest multiple of the published cell in which every partially occupied orbit holds an
    integer number of atoms; `oxidation_states` are the formal charges used for the Ewald ranking.
    """

    space_group: str
    lattice: Lattice
    species: list
    coords: list[list[float]]
    oxidation_states: dict[str, float]
    supercell: tuple[int, int, int] = (1, 1, 1)
    seed: int = 0
    n_samples: int = 32
    min_li_li: float = 1.6
    source: str = ""
    notes: dict = field(default_factory=dict)

    def parent(self) -> Structure:
        """The disordered parent (the published cell, before ordering)."""
        return Structure.from_spacegroup(self.space_group, self.lattice, self.species, self.coords)


# Li-disordered structures to order (file name -> spec). Empty: no published partially occupied
# structure for the wanted phases could be verified from a retrieved source (see SOURCES.md,
# "Not built"); add one here with its source and it is built, ordered and checked by main().
ORDERED: dict[str, OrderSpec] = {}

LNMO_FILE = "LiNi0.5Mn1.5O4_P4_332_from-LiMn2O4.cif"


def order_by_ewald(
    parent: Structure,
    oxidation_states: dict[str, float],
    *,
    seed: int = 0,
    n_samples: int = 32,
    min_li_li: float = 1.6,
    mobile: str = "Li",
) -> tuple[Structure, dict]:
    """An ordered cell of `parent` (which may hold partially occupied, single-species sites).

    Sites are grouped by (element, occupancy); each group of n sites with occupancy x gets
    exactly round(n*x) atoms (n*x must be an integer: pass a supercell that makes it one).
    Each of `n_samples` samples fills the groups in a random order drawn from
    ``numpy.random.default_rng([seed, k])``, skipping a `mobile` site closer than `min_li_li` Å
    to an already placed `mobile` atom (so two face-sharing sites are never both filled). Valid
    samples are ranked by Ewald energy with `oxidation_states`; the lowest (first on ties) wins.
    Returns the ordered structure (sorted by electronegativity) and a small info dict.
    """
    from pymatgen.analysis.ewald import EwaldSummation

    fixed: list[tuple[str, np.ndarray]] = []
    groups: dict[tuple[str, float], list[int]] = {}
    sym_of: dict[int, str] = {}
    for i, site in enumerate(parent):
        items = list(site.species.items())
        if len(items) != 1:
            raise ValueError(f"site {i} mixes species {site.species}; only vacancy disorder")
        sp, occ = items[0]
        sym = Element(str(getattr(sp, "element", sp))).symbol
        if abs(occ - 1.0) < 1e-6:
            fixed.append((sym, site.frac_coords))
        else:
            groups.setdefault((sym, round(float(occ), 6)), []).append(i)
            sym_of[i] = sym
    targets: dict[tuple[str, float], int] = {}
    for (sym, occ), idx in groups.items():
        want = occ * len(idx)
        if abs(want - round(want)) > 1e-4:
            raise ValueError(f"{sym} occupancy {occ} on {len(idx)} sites is not an integer count")
        targets[(sym, occ)] = round(want)

    lattice = parent.lattice
    fixed_mobile = np.array([f for s, f in fixed if s == mobile]).reshape(-1, 3)
    cand = [i for key in sorted(groups) for i in groups[key]]
    cand_frac = np.array([parent[i].frac_coords for i in cand]).reshape(-1, 3)
    pos = {i: k for k, i in enumerate(cand)}
    d_cc = lattice.get_all_distances(cand_frac, cand_frac) if len(cand) else np.zeros((0, 0))
    d_cf = (
        lattice.get_all_distances(cand_frac, fixed_mobile)
        if len(cand) and len(fixed_mobile)
        else np.full((len(cand), 1), np.inf)
    )

    best: tuple[float, int, Structure] | None = None
    n_valid = 0
    for k in range(n_samples):
        rng = np.random.default_rng([seed, k])
        chosen: list[int] = []
        ok = True
        for key in sorted(groups):
            sym, _ = key
            picked = 0
            for i in rng.permutation(groups[key]):
                if picked == targets[key]:
                    break
                c = pos[int(i)]
                if sym == mobile:
                    if d_cf[c].min() < min_li_li:
                        continue
                    near = [pos[j] for j in chosen if sym_of[j] == mobile]
                    if near and d_cc[c, near].min() < min_li_li:
                        continue
                chosen.append(int(i))
                picked += 1
            if picked < targets[key]:
                ok = False
                break
        if not ok:
            continue
        n_valid += 1
        species = [s for s, _ in fixed] + [sym_of[i] for i in chosen]
        coords = [f for _, f in fixed] + [parent[i].frac_coords for i in chosen]
        trial = Structure(lattice, species, coords)
        trial.add_oxidation_state_by_element(oxidation_states)
        energy = EwaldSummation(trial).total_energy
        if best is None or energy < best[0] - 1e-9:
            best = (energy, k, trial)
    if best is None:
        raise ValueError(f"no valid ordering in {n_samples} samples (Li-Li cutoff {min_li_li} Å)")
    out = best[2].copy()
    out.remove_oxidation_states()
    return out.get_sorted_structure(), {
        "ewald_energy_ev": best[0],
        "sample": best[1],
        "valid_samples": n_valid,
        "n_samples": n_samples,
    }


@dataclass(frozen=True)
class LayeredSpec:
    """An ordered LiMO2 (NCM) model cell on the LiCoO2 (R-3m) frame.

    `counts` are the transition metals on the TM sites of the `supercell` of the copied
    LiCoO2 hexagonal cell (3 formula units). Formal charges for the Ewald ranking: Li+, O2-,
    Co3+, Mn4+ and Ni at whatever balances the cell (Ni2+ for NCM111, Ni2.875+ for NCM811).
    """

    counts: dict[str, int]
    supercell: tuple[tuple[int, int, int], ...]
    seed: int = 0
    n_samples: int = 20000

    def oxidation_states(self) -> dict[str, float]:
        n_tm = sum(self.counts.values())
        fixed = {"Co": 3.0, "Mn": 4.0}
        q_ni = (3.0 * n_tm - sum(fixed[m] * n for m, n in self.counts.items() if m != "Ni")) / (
            self.counts["Ni"]
        )
        return {"Li": 1.0, "O": -2.0, "Ni": q_ni, **fixed}


SQRT3 = ((2, 1, 0), (-1, 1, 0), (0, 0, 1))  # the sqrt3 x sqrt3 in-plane cell (3 TM per layer)
LAYERED: dict[str, LayeredSpec] = {
    "NCM811_model_R-3m-derived.cif": LayeredSpec(
        {"Ni": 24, "Co": 3, "Mn": 3}, ((5, 0, 0), (0, 2, 0), (0, 0, 1)), seed=811
    ),
    "NCM523_model_R-3m-derived.cif": LayeredSpec(
        {"Ni": 15, "Mn": 9, "Co": 6}, ((5, 0, 0), (0, 2, 0), (0, 0, 1)), seed=523
    ),
    "NCM111_model_R-3m-derived.cif": LayeredSpec({"Ni": 3, "Mn": 3, "Co": 3}, SQRT3, seed=111),
}


def _all_arrangements(counts: dict[str, int], n_sites: int, limit: int = 5000) -> list | None:
    """Every distinct assignment of `counts` to `n_sites` sites, or None if there are more
    than `limit` (then seeded samples are drawn instead)."""
    total, left = 1, n_sites
    for n in counts.values():
        total *= comb(left, n)
        left -= n
    if total > limit:
        return None
    out: list[list[str]] = [[""] * n_sites]
    free_sets: list[tuple[int, ...]] = [tuple(range(n_sites))]
    for m, n in sorted(counts.items()):
        nxt, nxt_free = [], []
        for arr, free in zip(out, free_sets, strict=True):
            for pick in combinations(free, n):
                a = list(arr)
                for i in pick:
                    a[i] = m
                nxt.append(a)
                nxt_free.append(tuple(i for i in free if i not in pick))
        out, free_sets = nxt, nxt_free
    return out


def order_layered(spec: LayeredSpec) -> tuple[Structure, dict]:
    """The TM arrangement of `spec` with the lowest Ewald energy, on the unrelaxed LiCoO2
    frame: among all distinct arrangements when there are at most 5000 (NCM111's 1680), else
    among `n_samples` seeded random ones (``numpy.random.default_rng([seed, k])``).

    The Ewald energy is a quadratic form in the site charges, E = qᵀ M q, with M from one
    pymatgen EwaldSummation of the frame at unit charges (equal to a fresh summation per
    arrangement to 1e-12 eV), so each arrangement costs one matrix product.
    """
    from pymatgen.analysis.ewald import EwaldSummation

    frame = Structure.from_file(STRUCTURES / "LiCoO2_R-3m.cif")
    frame.make_supercell([list(row) for row in spec.supercell])
    tm = [i for i, site in enumerate(frame) if site.specie.symbol == "Co"]
    if len(tm) != sum(spec.counts.values()):
        raise ValueError(f"{len(tm)} TM sites, counts {spec.counts}")
    unit = frame.copy()
    unit.add_oxidation_state_by_site([1.0] * len(unit))
    ewald = EwaldSummation(unit).total_energy_matrix  # eV per unit charge product
    ox = spec.oxidation_states()
    q = np.array([ox[site.specie.symbol] for site in frame])
    labels = [m for m, n in sorted(spec.counts.items()) for _ in range(n)]
    arrangements = _all_arrangements(spec.counts, len(tm))
    exhaustive = arrangements is not None
    if arrangements is None:
        arrangements = [
            list(np.random.default_rng([spec.seed, k]).permutation(labels))
            for k in range(spec.n_samples)
        ]
    best_e, best_k = np.inf, -1
    for k, arr in enumerate(arrangements):
        q[tm] = [ox[x] for x in arr]
        energy = float(q @ ewald @ q)
        if energy < best_e - 1e-9:
            best_e, best_k = energy, k
    out = frame.copy()
    for i, x in zip(tm, arrangements[best_k], strict=True):
        out.replace(i, str(x))
    return out.get_sorted_structure(), {
        "ewald_energy_ev": round(best_e, 3),
        "arrangement": best_k,
        "tried": len(arrangements),
        "exhaustive": exhaustive,
        "ni_charge": round(ox["Ni"], 3),
    }


def build_layered(
    spec: LayeredSpec, calculator=None, max_steps: int = 600
) -> tuple[Structure, dict]:
    """:func:`order_layered`, then positions and cell relaxed with CHGNet (FIRE, fmax
    0.05 eV/Å, no symmetry): the lattice is CHGNet's, not a measured one."""
    from interphase.atomistic.relax import relax

    ordered, info = order_layered(spec)
    res = relax(ordered, max_steps=max_steps, calculator=calculator)
    s = res.structure
    n_cells = sum(spec.counts.values()) / 3  # hexagonal LiCoO2 cells in the supercell
    area = s.volume / s.lattice.c / n_cells  # in-plane area of one cell, sqrt(3)/2 a^2
    info.update(
        {
            "steps": res.n_steps,
            "converged": res.converged,
            "E_eV_per_atom": round(res.energy_ev_per_atom, 5),
            "a_hex_mean_A": round(float(np.sqrt(area * 2 / 3**0.5)), 3),
            "c_A": round(s.lattice.c, 3),
        }
    )
    return s.get_sorted_structure(), info


# Isostructural analogues of a bundled cell with no retrievable coordinates of their own:
# file -> (parent file, species map). Built with --derived: species swapped, then positions and
# cell relaxed with CHGNet under the parent's symmetry (the lengths are CHGNet's).
DERIVED: dict[str, tuple[str, dict[str, str]]] = {
    "LiTaO3_R3c_from-LiNbO3_chgnet.cif": ("LiNbO3_R3c.cif", {"Nb": "Ta"}),
}


def build_derived(name: str, calculator=None, max_steps: int = 600) -> tuple[Structure, dict]:
    """The DERIVED entry `name`: its parent with species swapped, relaxed with CHGNet under the
    parent's space group (ASE FixSymmetry, FIRE, fmax 0.05 eV/Å, cell free)."""
    from interphase.atomistic.relax import relax

    parent_file, swap = DERIVED[name]
    parent = Structure.from_file(STRUCTURES / parent_file)
    parent.remove_oxidation_states()
    sga = SpacegroupAnalyzer(parent, symprec=0.1)  # the copied parents are P1-written
    start = sga.get_primitive_standard_structure()
    start.replace_species(swap)
    res = relax(start, fix_symmetry=True, max_steps=max_steps, calculator=calculator)
    conv = SpacegroupAnalyzer(res.structure, symprec=0.01).get_conventional_standard_structure()
    p_conv = sga.get_conventional_standard_structure()
    info = {
        "steps": res.n_steps,
        "converged": res.converged,
        "E_eV_per_atom": round(res.energy_ev_per_atom, 5),
        "space_group_0.01": SpacegroupAnalyzer(res.structure, 0.01).get_space_group_symbol(),
        "abc_A": [round(x, 3) for x in conv.lattice.abc],
        "parent_abc_A": [round(x, 3) for x in p_conv.lattice.abc],
    }
    return conv.get_sorted_structure(), info


def build_lnmo_p4332() -> Structure:
    """LiNi0.5Mn1.5O4 with the 1:3 Ni/Mn order of space group P4_332 on the LiMn2O4 frame.

    The copied LiMn2O4 (Fd-3m, a = 8.248 Å) conventional cell has 16 octahedral (16d) Mn sites.
    The first Mn site is made Ni (any 16d site is equivalent to any other) and every choice of
    three more of the remaining 15 is tried (455 arrangements); exactly one has P4_332 (212)
    and one its enantiomorph P4_132 (213). The P4_332 one is kept. Lattice and O positions are
    those of LiMn2O4: relax with the ML potential before using lengths or energies.
    """
    lmo = Structure.from_file(STRUCTURES / "LiMn2O4_Fd-3m.cif")
    mn = [i for i, site in enumerate(lmo) if site.specie.symbol == "Mn"]
    hits = []
    for rest in combinations(mn[1:], 3):
        trial = lmo.copy()
        for i in (mn[0], *rest):
            trial.replace(i, "Ni")
        if SpacegroupAnalyzer(trial, symprec=0.01).get_space_group_number() == 212:
            hits.append(trial)
    if len(hits) != 1:
        raise AssertionError(f"{len(hits)} P4_332 Ni arrangements, expected exactly one")
    return hits[0].get_sorted_structure()


NASICON_METALS = ("Ti", "Ge", "Zr")


def nasicon_file(metal: str) -> str:
    """File name of the derived LiM2(PO4)3 cell (see SOURCES.md)."""
    return f"Li{metal}2(PO4)3_R-3c_from-Li3V2(PO4)3_chgnet.cif"


def _wrap(x: np.ndarray) -> np.ndarray:
    """Fractional differences folded to [-0.5, 0.5)."""
    return x - np.round(x)


def nasicon_framework() -> Structure:
    """The R-3c NASICON frame [V2(PO4)3] with Li on M1 (6b), in the hexagonal setting.

    Source: pymatgen's bundled test structure ``util/structures/Li3V2(PO4)3.json`` (MIT), a
    rhombohedral Li3V2(PO4)3 cell (C2: its three Li per formula unit are ordered, which
    distorts the frame). Its Li are removed; the V2(PO4)3 frame alone is R-3c at symprec
    0.5 Å and is idealised to R-3c there. Li is put on the 6b orbit (M1, the site of the
    single Li of LiM2(PO4)3), which in the standard setting is (0, 0, 0); the check that the
    metal then sits on 12c (0, 0, z) confirms the origin.
    """
    import pymatgen.core

    src = Path(pymatgen.core.__file__).parent.parent / "util/structures/Li3V2(PO4)3.json"
    lvp = Structure.from_file(src)
    lvp.remove_oxidation_states()
    frame = lvp.copy()
    frame.remove_species(["Li"])
    sga = SpacegroupAnalyzer(frame, symprec=0.5, angle_tolerance=10)
    if sga.get_space_group_symbol() != "R-3c":
        raise AssertionError(f"frame space group {sga.get_space_group_symbol()}, expected R-3c")
    hexa = sga.get_refined_structure()
    ops = SpacegroupAnalyzer(hexa, symprec=0.01).get_space_group_operations()
    m1: list[np.ndarray] = []
    for op in ops:  # the 6b orbit of the origin
        fc = np.mod(op.operate([0.0, 0.0, 0.0]), 1.0)
        if not any(np.allclose(_wrap(fc - g), 0, atol=1e-4) for g in m1):
            m1.append(fc)
    for fc in m1:
        hexa.append("Li", fc)
    v = [site.frac_coords for site in hexa if site.specie.symbol == "V"]
    if len(m1) != 6 or not all(np.allclose(_wrap(3 * f[:2]), 0, atol=1e-3) for f in v):
        raise AssertionError("Li on 6b and V on 12c expected in the standard R-3c setting")
    return hexa


def build_nasicon(metal: str, calculator=None, max_steps: int = 800) -> tuple[Structure, dict]:
    """LiM2(PO4)3 (M = Ti, Ge, Zr) in R-3c: the frame of :func:`nasicon_framework` with V
    replaced by M, then positions and cell relaxed with CHGNet under R-3c symmetry (ASE
    FixSymmetry, FIRE, fmax 0.05 eV/Å). The lengths are CHGNet's, not measured ones.

    As a stability check the relaxed cell is rattled (0.03 Å Gaussian, seed 0) and relaxed
    again without symmetry: the returned dict reports the space group it comes back to and
    the energy change, so a frame that CHGNet would distort shows up here.
    """
    from interphase.atomistic.relax import relax

    frame = nasicon_framework()
    frame.replace_species({"V": metal})
    prim = SpacegroupAnalyzer(frame, symprec=0.01).get_primitive_standard_structure()
    sym = relax(prim, fix_symmetry=True, max_steps=max_steps, calculator=calculator)
    relaxed = sym.structure
    rattled = relaxed.copy()
    rng = np.random.default_rng(0)
    for i in range(len(rattled)):
        rattled.translate_sites([i], rng.normal(0.0, 0.03, 3), frac_coords=False)
    free = relax(rattled, max_steps=max_steps, calculator=calculator)
    conv = SpacegroupAnalyzer(relaxed, symprec=0.01).get_conventional_standard_structure()
    info = {
        "steps_symmetric": sym.n_steps,
        "converged": sym.converged,
        "E_eV_per_atom": round(sym.energy_ev_per_atom, 5),
        "a_hex_A": round(conv.lattice.a, 3),
        "c_hex_A": round(conv.lattice.c, 3),
        "free_relax_space_group_0.1A": SpacegroupAnalyzer(
            free.structure, 0.1
        ).get_space_group_symbol(),
        "free_relax_dE_meV_per_atom": round(
            1e3 * (free.energy_ev_per_atom - sym.energy_ev_per_atom), 2
        ),
    }
    return conv.get_sorted_structure(), info


def build_ordered(spec: OrderSpec) -> tuple[Structure, dict]:
    """The parent of `spec` (space group checked), expanded to its supercell and ordered."""
    parent = spec.parent()
    sym = SpacegroupAnalyzer(parent, symprec=0.1).get_space_group_symbol()
    if sym != spec.space_group:
        raise AssertionError(f"parent space group {sym}, declared {spec.space_group}")
    parent.make_supercell(list(spec.supercell))
    ordered, info = order_by_ewald(
        parent,
        spec.oxidation_states,
        seed=spec.seed,
        n_samples=spec.n_samples,
        min_li_li=spec.min_li_li,
    )
    li = [i for i, site in enumerate(ordered) if site.specie.symbol == "Li"]
    if len(li) > 1:
        dm = ordered.distance_matrix[np.ix_(li, li)] + np.eye(len(li)) * 99
        if dm.min() < 1.5:
            raise AssertionError(f"Li-Li {dm.min():.2f} Å in the ordered cell")
    return ordered, info


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
            CifWriter(s, symprec=0.01).write_file(STRUCTURES / name)
    for name, spec in ORDERED.items():
        ordered, info = build_ordered(spec)
        print(name, check(ordered, None), info)
        if write:
            CifWriter(ordered).write_file(STRUCTURES / name)
    lnmo = build_lnmo_p4332()
    print(LNMO_FILE, check(lnmo, "P4_332"))
    if write:
        CifWriter(lnmo, symprec=0.01).write_file(STRUCTURES / LNMO_FILE)
    for name, spec in LAYERED.items():
        if "--layered" in sys.argv:  # needs CHGNet, about 1-3 min each
            cell, info = build_layered(spec)
            print(name, check(cell, None), info)
            if write:
                CifWriter(cell).write_file(STRUCTURES / name)
        else:
            print(name, check(Structure.from_file(STRUCTURES / name), None))
    for name in DERIVED:
        if "--derived" in sys.argv:  # needs CHGNet, under a minute each
            cell, info = build_derived(name)
            parent = Structure.from_file(STRUCTURES / DERIVED[name][0])
            print(name, check(cell, SpacegroupAnalyzer(parent, 0.1).get_space_group_symbol()), info)
            if write:
                CifWriter(cell, symprec=0.01).write_file(STRUCTURES / name)
        else:
            print(name, check(Structure.from_file(STRUCTURES / name), None))
    if "--nasicon" in sys.argv:  # needs CHGNet (the atomistic extra), about 1 min each
        for metal in NASICON_METALS:
            nas, info = build_nasicon(metal)
            print(nasicon_file(metal), check(nas, "R-3c"), info)
            if write:
                CifWriter(nas, symprec=0.01).write_file(STRUCTURES / nasicon_file(metal))


if __name__ == "__main__":
    main(write="--check" not in sys.argv)
