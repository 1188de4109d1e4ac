"""Bundled structures: every CIF parses, is ordered, has no overlapping atoms; the ones built
from published Wyckoff data reproduce their declared space group."""

import importlib.util
import sys
from pathlib import Path

import numpy as np
import pytest

from interphase.atomistic.structures import (
    bundled_structure,
    bundled_structures,
    load_structure,
    supercell_for,
)
from interphase.errors import InputFileError, MissingDataError


def test_every_bundled_cif_is_ordered_and_sane():
    table = bundled_structures()
    for needed in ("LiF", "Li2S", "Li3P", "Li3PO4", "Al2O3", "Li2CO3", "Li10GeP2S12", "LiCoO2"):
        assert bundled_structure(needed).composition.reduced_formula, needed
    for name, path in table.items():
        s = load_structure(path)
        assert s.is_ordered, name
        if len(s) > 1:
            dm = s.distance_matrix + np.eye(len(s)) * 99
            assert dm.min() > 1.2, (name, dm.min())


BUILD_SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "build_structures.py"


def _build_module():
    """scripts/build_structures.py, imported (it is a script, not a package module)."""
    name = "interphase_build_structures"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, str(BUILD_SCRIPT))
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod  # dataclasses resolve string annotations through sys.modules
    spec.loader.exec_module(mod)
    return mod


def test_built_structures_reproduce_space_groups():
    mod = _build_module()
    from pymatgen.core import Structure

    for name, (sg, lat, species, coords) in mod.BUILT.items():
        s = Structure.from_spacegroup(sg, lat, species, coords)
        mod.check(s, sg)  # raises on a wrong space group or overlapping atoms
        shipped = load_structure(bundled_structures()[s.composition.reduced_formula])
        assert shipped.composition == s.composition, name


NCM_FILES = {
    "NCM111": "NCM111_model_R-3m-derived.cif",
    "NCM523": "NCM523_model_R-3m-derived.cif",
    "NCM811": "NCM811_model_R-3m-derived.cif",
}


@pytest.mark.parametrize("name", sorted(NCM_FILES))
def test_ncm_model_cells_are_layered_neutral_and_the_documented_ordering(name):
    """The NCM model cells: neutral with Li+ O2- Co3+ Mn4+ and Ni at the balancing charge;
    layered (cation planes along c hold only Li or only TM, alternating; Li and TM each with
    six O); and the shipped CHGNet-relaxed cell is the lowest-Ewald TM arrangement that
    `order_layered` finds on the LiCoO2 frame (up to the relaxation)."""
    from pymatgen.analysis.structure_matcher import StructureMatcher

    mod = _build_module()
    spec = mod.LAYERED[NCM_FILES[name]]
    s = load_structure(name)
    ox = spec.oxidation_states()
    assert sum(ox[site.specie.symbol] for site in s) == pytest.approx(0.0, abs=1e-9)
    tm = {"Ni", "Mn", "Co"}
    # cation planes: the LiCoO2 frame has six along c (Li and TM alternating), at z = k/6
    planes: dict[int, set[str]] = {}
    for site in s:
        if site.specie.symbol != "O":
            kind = "TM" if site.specie.symbol in tm else "Li"
            planes.setdefault(round(site.frac_coords[2] * 6) % 6, set()).add(kind)
    kinds = [planes[k] for k in sorted(planes)]
    assert len(kinds) == 6 and all(len(k) == 1 for k in kinds), kinds
    assert all(kinds[i] != kinds[i + 1] for i in range(5))
    for i, site in enumerate(s):
        if site.specie.symbol != "O":
            n_o = sum(1 for nb in s.get_neighbors(site, 2.45) if nb.specie.symbol == "O")
            assert n_o == 6, (i, site.specie.symbol, n_o)
    ordered, _ = mod.order_layered(spec)
    assert StructureMatcher(ltol=0.1, stol=0.3, angle_tol=5, scale=True).fit(ordered, s)


def test_ncm111_ewald_ordering_is_the_sqrt3_superlattice():
    """Exhaustive Ewald ordering of Ni2+/Mn4+/Co3+ on the sqrt3 x sqrt3 LiCoO2 frame gives the
    [sqrt3 x sqrt3]R30 superlattice proposed for NCM111 (P3_112): every TM has, among its six
    in-plane TM neighbours, three of each other kind, and none of its own."""
    from pymatgen.symmetry.analyzer import SpacegroupAnalyzer

    mod = _build_module()
    ordered, info = mod.order_layered(mod.LAYERED[NCM_FILES["NCM111"]])
    assert info["exhaustive"] and info["tried"] == 1680
    assert SpacegroupAnalyzer(ordered, symprec=0.01).get_space_group_symbol() == "P3_112"
    shipped = load_structure("NCM111")
    tm = {"Ni", "Mn", "Co"}
    for site in shipped:
        if site.specie.symbol in tm:
            near = [
                nb.specie.symbol
                for nb in shipped.get_neighbors(site, 3.3)
                if nb.specie.symbol in tm
            ]
            assert len(near) == 6 and site.specie.symbol not in near
            assert sorted(near.count(m) for m in tm - {site.specie.symbol}) == [3, 3]


def test_litao3_is_the_lithium_niobate_frame_with_ta():
    """LiTaO3 derived from the bundled LiNbO3 (R3c) and CHGNet-relaxed under R3c: neutral, Ta
    off-centre in its O6 octahedron (3 short + 3 long bonds: the ferroelectric displacement
    of the LiNbO3 type), and, Ta5+ and Nb5+ having the same Shannon radius (0.64 Å, CN 6;
    Acta Cryst. A32, 751 (1976), doi:10.1107/S0567739476001551), a volume within 2.5 % of
    LiNbO3's."""
    from pymatgen.symmetry.analyzer import SpacegroupAnalyzer

    s = load_structure("LiTaO3")
    assert _charge(s, {"Li": 1, "Ta": 5, "O": -2}) == 0
    assert SpacegroupAnalyzer(s, symprec=0.01).get_space_group_symbol() == "R3c"
    for site in s:
        if site.specie.symbol == "Ta":
            d = sorted(n.nn_distance for n in s.get_neighbors(site, 2.4) if n.specie.symbol == "O")
            assert len(d) == 6 and d[3] - d[2] > 0.1 and np.ptp(d[:3]) < 1e-3, d
    nb = load_structure("LiNbO3")
    assert s.volume / len(s) == pytest.approx(nb.volume / len(nb), rel=0.025)


def test_li3n_nitrogen_sits_in_a_hexagonal_bipyramid_of_li():
    """alpha-Li3N (Kawada et al. 1986, COD 1544904): N has 2 Li(1) along c at c/2 and 6 Li(2)
    in the Li2N plane at a/sqrt3 (1.933 and 2.108 Å); neutral with Li+ and N3-."""
    s = load_structure("Li3N")
    assert _charge(s, {"Li": 1, "N": -3}) == 0
    n = next(site for site in s if site.specie.symbol == "N")
    d = sorted(round(nb.nn_distance, 3) for nb in s.get_neighbors(n, 2.5))
    assert (
        d
        == [pytest.approx(3.866 / 2, abs=1e-3)] * 2 + [pytest.approx(3.652 / 3**0.5, abs=1e-3)] * 6
    )


def test_bad_inputs(tmp_path):
    with pytest.raises(InputFileError):
        load_structure(tmp_path / "missing.cif")
    bad = tmp_path / "bad.cif"
    bad.write_text("this is not a CIF\n")
    with pytest.raises(InputFileError):
        load_structure(bad)
    with pytest.raises(MissingDataError):
        load_structure("Unobtainium")


def test_missing_structure_points_to_the_undoped_parent():
    """A substituted phase with no bundled cell names the bundled parent sharing the most
    elements (all of its elements in the phase), not any smaller subset such as Li3PO4."""
    for name, parent in (("LAGP", "LiGe2(PO4)3"), ("Li1.4Al0.4Ti1.6(PO4)3", "LiTi2(PO4)3")):
        with pytest.raises(MissingDataError, match="closest bundled") as err:
            load_structure(name)
        hint = str(err.value).split("closest bundled by elements: ")[1].split(";")[0]
        assert hint.split(", ") == [parent]
    with pytest.raises(MissingDataError) as err:
        load_structure("Unobtainium")
    assert "closest bundled" not in str(err.value)


def test_a_named_polymorph_is_served_only_by_a_cell_of_that_polymorph():
    """The catalog has one entry per composition (LPS covers beta and gamma Li3PS4): a request
    naming a phase gets the cell of that phase, and is refused rather than handed another."""
    from pymatgen.symmetry.analyzer import SpacegroupAnalyzer

    gamma = load_structure("gamma-Li3PS4")
    assert SpacegroupAnalyzer(gamma, symprec=0.1).get_space_group_symbol() == "Pmn2_1"
    with pytest.raises(MissingDataError, match="labelled beta") as err:
        load_structure("beta-Li3PS4")
    assert "Li3PS4_Pmn2_1_gamma.cif" in str(err.value)
    cubic = load_structure("cubic LLZO")
    assert len(cubic) == 192
    assert cubic.lattice.abc == pytest.approx([cubic.lattice.a] * 3, rel=1e-6)
    tetragonal = load_structure("LLZO").lattice  # I4_1/acd: c/a = 0.96
    assert abs(tetragonal.c / tetragonal.a - 1) > 0.02


def test_provenance_names_the_file_and_its_space_group_through_a_supercell(tmp_path):
    """Tetragonal and cubic LLZO share a formula: the provenance that goes into MD metadata
    tells them apart by file and by space group, and survives supercell_for."""
    from interphase.atomistic.structures import structure_provenance

    tetragonal = structure_provenance(supercell_for(load_structure("LLZO"), min_atoms=200))
    assert tetragonal == {
        "source": "bundled Li7La3Zr2O12_I4_1-acd.cif",
        "space_group": "I4_1/acd (142)",
    }
    cubic = structure_provenance(load_structure("cubic LLZO"))
    assert cubic["source"].startswith("bundled Li7La3Zr2O12-cubic")
    path = tmp_path / "rocksalt.cif"
    load_structure("LiF").to(filename=str(path))
    assert structure_provenance(load_structure(path)) == {
        "source": str(path.resolve()),
        "space_group": "Fm-3m (225)",
    }


def test_catalog_material_without_a_cell_says_so():
    for name in ("LBO", "Li3B11O18", "LAGP"):
        with pytest.raises(MissingDataError, match=r"catalog material .* no bundled structure"):
            load_structure(name)


def test_supercell_for():
    s = supercell_for(load_structure("Li2O"), min_atoms=20, min_length_a=5.0)
    assert len(s) >= 20
    assert min(s.lattice.abc) >= 5.0


# --- structures built from Materials Project computed cells, and the ordering machinery ---

AVOGADRO = 6.02214076e23


def _density_from_lattice(formula: str, z: int, volume_a3: float) -> float:
    """g/cm3 of Z formula units of `formula` in `volume_a3` (masses from the periodic table)."""
    from pymatgen.core import Composition

    mass_g_per_mol = float(Composition(formula).weight)
    return z * mass_g_per_mol / AVOGADRO / (volume_a3 * 1e-24)


def _charge(structure, oxidation_states: dict[str, int]) -> float:
    return sum(oxidation_states[el.symbol] * n for el, n in structure.composition.items())


def test_li6ps5cl_mp985592_physics():
    """Li6PS5Cl (mp-985592, ordered-anion argyrodite): exact cell content, neutral with
    Li+ P5+ S2- Cl-, PS4 tetrahedra intact, Cl on 4a and S2- on 4c (no P neighbour), and
    the density of the published (PBE) cell a = 10.2795 Å, Z = 4."""
    s = load_structure("Li6PS5Cl")
    comp = s.composition
    assert {el.symbol: int(n) for el, n in comp.items()} == {"Li": 24, "P": 4, "S": 20, "Cl": 4}
    assert _charge(s, {"Li": 1, "P": 5, "S": -2, "Cl": -1}) == 0
    dm = s.distance_matrix + np.eye(len(s)) * 99
    assert dm.min() > 1.9  # the shortest contact is the P-S bond (about 2.06 Å)
    li = [i for i, site in enumerate(s) if site.specie.symbol == "Li"]
    assert dm[np.ix_(li, li)].min() > 2.5  # Li on 24g, no face-sharing pair filled
    p_idx = [i for i, site in enumerate(s) if site.specie.symbol == "P"]
    s_idx = [i for i, site in enumerate(s) if site.specie.symbol == "S"]
    cl_idx = [i for i, site in enumerate(s) if site.specie.symbol == "Cl"]
    for i in p_idx:  # each P is a PS4 tetrahedron
        assert (dm[i, s_idx] < 2.3).sum() == 4
    free_s = [j for j in s_idx if dm[j, p_idx].min() > 3.0]
    assert len(free_s) == 4  # 16 S in PS4 units, 4 isolated S2- (the 4c site)
    assert all(dm[j, p_idx].min() > 3.0 for j in cl_idx)  # Cl- isolated (the 4a site)
    rho_ref = _density_from_lattice("Li6PS5Cl", 4, 10.279498**3)
    assert float(s.density) == pytest.approx(rho_ref, rel=0.02)
    from pymatgen.symmetry.analyzer import SpacegroupAnalyzer

    assert SpacegroupAnalyzer(s, symprec=0.1).get_space_group_symbol() == "F-43m"


def test_gamma_li3ps4_physics():
    """gamma-Li3PS4 (Pmn2_1, DFT-relaxed): Li6 P2 S8, neutral with Li+ P5+ S2-, two isolated
    PS4 tetrahedra, and a density within 4 % below that of the 297 K refinement (Homma et al.
    2011, a, b, c = 7.70829, 6.53521, 6.1365 Å, Z = 2): PBE cells are a few % too large."""
    from pymatgen.symmetry.analyzer import SpacegroupAnalyzer

    s = load_structure("Li3PS4")
    assert {el.symbol: int(n) for el, n in s.composition.items()} == {"Li": 6, "P": 2, "S": 8}
    assert _charge(s, {"Li": 1, "P": 5, "S": -2}) == 0
    dm = s.distance_matrix + np.eye(len(s)) * 99
    p_idx = [i for i, site in enumerate(s) if site.specie.symbol == "P"]
    s_idx = [i for i, site in enumerate(s) if site.specie.symbol == "S"]
    for i in p_idx:
        assert (dm[i, s_idx] < 2.3).sum() == 4
        assert dm[i, s_idx].min() == pytest.approx(2.05, abs=0.05)
    assert all(dm[j, p_idx].min() < 2.3 for j in s_idx)  # every S in a PS4 unit
    rho_exp = _density_from_lattice("Li3PS4", 2, 7.70829 * 6.53521 * 6.1365)
    assert 0.96 * rho_exp < float(s.density) < rho_exp
    assert SpacegroupAnalyzer(s, symprec=0.01).get_space_group_symbol() == "Pmn2_1"


def test_cubic_llzo_snapshot_physics():
    """Ordered cubic LLZO (an MD snapshot, a = 12.98 Å): Li56 La24 Zr16 O96, neutral with
    Li+ La3+ Zr4+ O2-, intact ZrO6 octahedra, every Li tetrahedrally or octahedrally bound to O,
    no two Li closer than 2 Å, in a cubic cell (the tetragonal one has c/a = 0.96)."""
    s = load_structure("Li7La3Zr2O12-cubic")
    comp = {el.symbol: int(n) for el, n in s.composition.items()}
    assert comp == {"Li": 56, "La": 24, "Zr": 16, "O": 96}
    assert _charge(s, {"Li": 1, "La": 3, "Zr": 4, "O": -2}) == 0
    dm = s.distance_matrix + np.eye(len(s)) * 99
    sym = np.array([site.specie.symbol for site in s])
    assert ((dm[np.ix_(sym == "Zr", sym == "O")] < 2.4).sum(axis=1) == 6).all()
    li_o = (dm[np.ix_(sym == "Li", sym == "O")] < 2.5).sum(axis=1)
    assert ((li_o >= 4) & (li_o <= 6)).all()
    assert dm[np.ix_(sym == "Li", sym == "Li")].min() > 2.0
    a, b, c = s.lattice.abc
    assert a == pytest.approx(b, rel=1e-6) and a == pytest.approx(c, rel=1e-6)  # a cube
    assert s.lattice.angles == pytest.approx((90.0, 90.0, 90.0), abs=1e-6)
    assert load_structure("Li7La3Zr2O12").lattice.c < 12.8  # the plain name stays tetragonal


def _toy_spec(mod, **kw):
    """Toy parent in Pm-3m: S on 1a, Cl on 1b, Li half on 8g (x = 1/4), i.e. 8 candidate Li
    sites on a simple-cubic sublattice with nearest Li-Li a/2 = 2.85 Å; charges chosen so that
    half filling (4 Li) is neutral."""
    from pymatgen.core import Lattice

    return mod.OrderSpec(
        space_group="Pm-3m",
        lattice=Lattice.cubic(5.708),
        species=["S", "Cl", {"Li": 0.5}],
        coords=[[0, 0, 0], [0.5, 0.5, 0.5], [0.25, 0.25, 0.25]],
        oxidation_states={"Li": 1, "S": -3, "Cl": -1},
        **kw,
    )


def test_order_by_ewald_is_reproducible_and_respects_li_cutoff():
    mod = _build_module()
    spec = _toy_spec(mod, seed=7, n_samples=8, min_li_li=3.0)
    a, info_a = mod.build_ordered(spec)
    b, _ = mod.build_ordered(spec)
    assert a == b  # same parent, seed and sample count: same cell
    assert {el.symbol: int(n) for el, n in a.composition.items()} == {"Li": 4, "S": 1, "Cl": 1}
    assert a.is_ordered
    li = [i for i, site in enumerate(a) if site.specie.symbol == "Li"]
    dm = a.distance_matrix[np.ix_(li, li)] + np.eye(len(li)) * 99
    # with a 3.0 Å cutoff no two Li sit on neighbouring 8c sites (2.85 Å): only the two
    # "checkerboard" fillings (Li-Li = a/sqrt(2) = 4.04 Å) remain
    assert dm.min() == pytest.approx(5.708 / np.sqrt(2), abs=1e-6)
    assert 1 <= info_a["valid_samples"] <= 8  # a greedy fill can dead-end; those are skipped


def test_order_by_ewald_refuses_impossible_inputs():
    mod = _build_module()
    with pytest.raises(ValueError, match="no valid ordering"):
        mod.build_ordered(_toy_spec(mod, n_samples=4, min_li_li=4.5))
    from pymatgen.core import Lattice, Structure

    odd = Structure(Lattice.cubic(5.0), [{"Li": 0.5}, "S"], [[0, 0, 0], [0.5, 0.5, 0.5]])
    with pytest.raises(ValueError, match="not an integer count"):
        mod.order_by_ewald(odd, {"Li": 1, "S": -1})


def test_lnmo_p4332_has_the_ordered_spinel_b_site_pattern():
    """Ordered LiNi0.5Mn1.5O4 (P4_332) built on the LiMn2O4 frame: neutral with Li+ Ni2+ Mn4+,
    and the 1:3 order of the pyrochlore B lattice: every Ni's six nearest B-site neighbours are
    Mn, and every Mn has two Ni and four Mn (a*sqrt(2)/4 apart). The build script finds exactly
    this cell again."""
    from pymatgen.analysis.structure_matcher import StructureMatcher
    from pymatgen.symmetry.analyzer import SpacegroupAnalyzer

    s = load_structure("LNMO")
    assert {el.symbol: int(n) for el, n in s.composition.items()} == {
        "Li": 8,
        "Ni": 4,
        "Mn": 12,
        "O": 32,
    }
    assert _charge(s, {"Li": 1, "Ni": 2, "Mn": 4, "O": -2}) == 0
    assert SpacegroupAnalyzer(s, symprec=0.01).get_space_group_number() == 212
    b = [i for i, site in enumerate(s) if site.specie.symbol in ("Ni", "Mn")]
    bb = s.lattice.a * np.sqrt(2) / 4
    for i in b:
        near = [s[j].specie.symbol for j in b if j != i and abs(s.get_distance(i, j) - bb) < 0.05]
        assert len(near) == 6
        want = {"Ni": 0, "Mn": 2}[s[i].specie.symbol]
        assert near.count("Ni") == want, (s[i].specie.symbol, near)
    assert StructureMatcher().fit(_build_module().build_lnmo_p4332(), s)


def test_every_catalog_structure_file_has_the_catalog_composition():
    """A catalog entry's structure_file exists and holds that material's composition (the model
    cells included), and the catalog name loads it."""
    from interphase.atomistic.structures import structures_dir
    from interphase.materials.catalog import all_materials

    named = [m for m in all_materials() if m.structure_file]
    assert len(named) >= 15
    for m in named:
        # the file itself: a formula-named entry ("LiF") would otherwise load through the
        # formula table and never read its structure_file
        s = load_structure(structures_dir() / m.structure_file)
        assert s.composition.element_composition.fractional_composition.almost_equals(
            m.composition.fractional_composition, atol=1e-6
        ), m.name
        assert load_structure(m.name).composition == s.composition, m.name


@pytest.mark.parametrize("metal", ["Ti", "Ge", "Zr"])
def test_nasicon_parent_physics(metal):
    """LiM2(PO4)3 (M = Ti, Ge, Zr), derived from the NASICON frame and CHGNet-relaxed in R-3c:
    neutral with Li+ M4+ P5+ O2-, M in corner-sharing MO6 octahedra, P in PO4 tetrahedra
    (1.48-1.60 Å), and the single Li on M1, a trigonal antiprism of six O."""
    from pymatgen.symmetry.analyzer import SpacegroupAnalyzer

    s = load_structure(f"Li{metal}2(PO4)3")
    assert s.composition.reduced_formula == f"Li{metal}2(PO4)3"
    assert _charge(s, {"Li": 1, metal: 4, "P": 5, "O": -2}) == 0
    assert SpacegroupAnalyzer(s, symprec=0.01).get_space_group_symbol() == "R-3c"
    for site in s:
        el = site.specie.symbol
        if el == "O":
            continue
        o = [n.nn_distance for n in s.get_neighbors(site, 2.8) if n.specie.symbol == "O"]
        if el == "P":
            assert len([d for d in o if d < 1.8]) == 4 and all(
                1.48 < d < 1.60 for d in o if d < 1.8
            )
        elif el == metal:
            assert len([d for d in o if d < 2.4]) == 6
        else:  # Li on M1: six equal Li-O bonds (3-fold axis and inversion)
            assert len(o) == 6 and np.ptp(o) < 1e-3, o


def test_nasicon_lattices_follow_the_m4_radius():
    """The three NASICON cells, relaxed independently, order by the size of M4+ (Shannon CN6
    radii Ge 0.53 < Ti 0.605 < Zr 0.72 Å, Acta Cryst. A32, 751 (1976),
    doi:10.1107/S0567739476001551): a and the cell volume grow in that order."""
    a = {m: load_structure(f"Li{m}2(PO4)3") for m in ("Ge", "Ti", "Zr")}
    assert a["Ge"].lattice.a < a["Ti"].lattice.a < a["Zr"].lattice.a
    assert a["Ge"].volume < a["Ti"].volume < a["Zr"].volume


def test_nasicon_cells_are_the_relaxed_pymatgen_frame():
    """The shipped LiM2(PO4)3 cells are the documented derivation: pymatgen's Li3V2(PO4)3 frame
    idealised to R-3c with Li on 6b (M1, six O) and V on 12c, with V -> M, relaxed (so they
    match the unrelaxed frame up to a volume scale and small displacements)."""
    from pymatgen.analysis.structure_matcher import StructureMatcher
    from pymatgen.symmetry.analyzer import SpacegroupAnalyzer

    frame = _build_module().nasicon_framework()
    assert frame.composition.reduced_formula == "LiV2(PO4)3"
    assert SpacegroupAnalyzer(frame, symprec=0.01).get_space_group_symbol() == "R-3c"
    matcher = StructureMatcher(ltol=0.1, stol=0.2, angle_tol=3, scale=True)
    for metal in ("Ti", "Ge", "Zr"):
        trial = frame.copy()
        trial.replace_species({"V": metal})
        assert matcher.fit(trial, load_structure(f"Li{metal}2(PO4)3")), metal
