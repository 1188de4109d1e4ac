"""Named materials of solid-state batteries, with roles, operating potentials and Li+
conductivities, each with its source (citation keys, see interphase.citations).

Any formula is accepted too (`get_material("Li3PO4")` works without an entry). Names and
aliases are matched case-insensitively, ignoring spaces, hyphens and underscores.
"""

from __future__ import annotations

from functools import cache

from interphase.errors import FormulaParseError, UnknownMaterialError
from interphase.materials.material import Material, Quantity, Role
from interphase.materials.parse import parse_composition

C, A, E, CO, IP = Role.CATHODE, Role.ANODE, Role.ELECTROLYTE, Role.COATING, Role.INTERPHASE


def _s(value: float, source: str, conditions: str = "room temperature", low=None, high=None):
    return Quantity(value, "S/cm", source, conditions, low, high)


_CATALOG: tuple[Material, ...] = (
    # --- anodes
    Material(
        "Li",
        "Li",
        A,
        ("lithium", "li metal", "lithium metal"),
        "lithium metal",
        (0.0, 0.0),
        "",
        structure_file="Li_Im-3m.cif",
    ),
    Material(
        "graphite",
        "C",
        A,
        ("c", "carbon"),
        "graphite (delithiated end member)",
        (0.05, 0.25),
        "dahn1991",
        structure_file="C_graphite_P6_3-mmc.cif",
    ),
    Material(
        "LiC6",
        "LiC6",
        A,
        ("lithiated graphite",),
        "fully lithiated graphite",
        (0.05, 0.25),
        "dahn1991",
    ),
    # --- cathodes (range: discharged .. top of charge, V vs Li/Li+)
    Material(
        "LCO",
        "LiCoO2",
        C,
        ("lithium cobalt oxide", "licoo2"),
        "layered LiCoO2",
        (3.0, 4.2),
        "mizushima1980",
        structure_file="LiCoO2_R-3m.cif",
    ),
    Material(
        "NCM811",
        "LiNi0.8Mn0.1Co0.1O2",
        C,
        ("nmc811", "lini0.8mn0.1co0.1o2"),
        "Ni-rich layered oxide",
        (3.0, 4.3),
        "noh2013",
        structure_file="NCM811_model_R-3m-derived.cif",
    ),
    Material(
        "NCM523",
        "LiNi0.5Mn0.3Co0.2O2",
        C,
        ("nmc523", "lini0.5mn0.3co0.2o2"),
        "layered oxide",
        (3.0, 4.3),
        "noh2013",
        structure_file="NCM523_model_R-3m-derived.cif",
    ),
    Material(
        "NCM111",
        "Li3Ni1Mn1Co1O6",
        C,
        ("nmc111", "nmc333", "ncm333"),
        "LiNi1/3Mn1/3Co1/3O2",
        (3.0, 4.3),
        "noh2013",
        structure_file="NCM111_model_R-3m-derived.cif",
    ),
    Material(
        "LNMO",
        "LiNi0.5Mn1.5O4",
        C,
        ("lini0.5mn1.5o4", "high-voltage spinel"),
        "high-voltage spinel",
        (3.5, 4.9),
        "zhong1997",
        structure_file="LiNi0.5Mn1.5O4_P4_332_from-LiMn2O4.cif",
    ),
    Material(
        "LMO",
        "LiMn2O4",
        C,
        ("limn2o4", "spinel"),
        "spinel",
        (3.5, 4.3),
        "tarascon1991",
        structure_file="LiMn2O4_Fd-3m.cif",
    ),
    Material(
        "LFP",
        "LiFePO4",
        C,
        ("lifepo4", "olivine"),
        "olivine",
        (2.5, 4.0),
        "padhi1997",
        structure_file="LiFePO4_Pnma.cif",
    ),
    # --- electrolytes
    Material(
        "LLZO",
        "Li7La3Zr2O12",
        E,
        ("li7la3zr2o12", "garnet"),
        "garnet oxide",
        li_conductivity_s_cm=_s(3e-4, "murugan2007", "25 °C, cubic, sintered pellet", 1e-4, 1e-3),
        structure_file="Li7La3Zr2O12_I4_1-acd.cif",
    ),
    Material(
        "LGPS",
        "Li10GeP2S12",
        E,
        ("li10gep2s12",),
        "thio-LISICON superionic sulfide",
        li_conductivity_s_cm=_s(1.2e-2, "kamaya2011", "27 °C"),
        structure_file="Li10GeP2S12_mp-696138.cif",
    ),
    Material(
        "LPS",
        "Li3PS4",
        E,
        ("li3ps4", "beta-li3ps4"),
        "thiophosphate",
        li_conductivity_s_cm=_s(1.6e-4, "liu2013", "25 °C, nanoporous beta"),
        # The ordered room-temperature gamma phase (Pmn2_1); beta is Li-disordered.
        structure_file="Li3PS4_Pmn2_1_gamma.cif",
    ),
    Material(
        "Li6PS5Cl",
        "Li6PS5Cl",
        E,
        ("argyrodite", "lpscl"),
        "argyrodite sulfide",
        li_conductivity_s_cm=_s(
            2.05e-3,
            "kraft2017",
            "room temperature, crystalline argyrodite; 1.3e-3 for mechanochemical material "
            "(Boulineau 2012, doi:10.1016/j.ssi.2012.06.008, as curated in OBELiX)",
            1.3e-3,
            2.05e-3,
        ),
        structure_file="Li6PS5Cl_F-43m_mp-985592.cif",
    ),
    Material(
        "Li7P3S11",
        "Li7P3S11",
        E,
        ("lps711",),
        "glass-ceramic sulfide",
        li_conductivity_s_cm=_s(1.7e-2, "seino2014", "25 °C, heat-treated glass-ceramic"),
    ),
    Material(
        "LAGP",
        "Li1.5Al0.5Ge1.5(PO4)3",
        E,
        ("li1.5al0.5ge1.5(po4)3",),
        "NASICON",
        li_conductivity_s_cm=_s(
            2.18e-4,
            "fu1997",
            "25 °C, glass-ceramic; independent reports 1.9e-4 (doi:10.1016/j.jeurceramsoc."
            "2014.11.023) to 3.45e-4 S/cm (doi:10.1021/acs.chemmater.7b01463), as curated in "
            "OBELiX and the Liverpool Ionics Dataset",
            1.9e-4,
            3.45e-4,
        ),
    ),
    Material(
        "LATP",
        "Li1.3Al0.3Ti1.7(PO4)3",
        E,
        ("li1.3al0.3ti1.7(po4)3",),
        "NASICON",
        li_conductivity_s_cm=_s(7e-4, "aono1990", "25 °C, sintered"),
    ),
    Material(
        "LZP",
        "LiZr2(PO4)3",
        E,
        ("lizr2(po4)3",),
        "NASICON",
        # the rhombohedral phase, as the bundled R-3c cell; the room-temperature triclinic
        # phase conducts ~1e-8 S/cm (same source), which is the low end of the range
        li_conductivity_s_cm=_s(
            0.9e-5,
            "rai2024",
            "room temperature, rhombohedral (quenched from 1200 °C); triclinic ~1e-8",
            1e-8,
            1e-5,
        ),
        structure_file="LiZr2(PO4)3_R-3c_from-Li3V2(PO4)3_chgnet.cif",
    ),
    Material(
        "LiPON",
        "Li2.9PO3.3N0.46",
        E,
        ("lipon",),
        "amorphous thin-film oxynitride",
        li_conductivity_s_cm=_s(3.3e-6, "bates1992", "25 °C, sputtered film"),
    ),
    Material(
        "LLTO",
        "Li0.35La0.55TiO3",
        E,
        ("li0.35la0.55tio3",),
        "perovskite (bulk)",
        li_conductivity_s_cm=_s(1e-3, "inaguma1993", "bulk (grain), room temperature"),
    ),
    Material(
        "Li2B12H12", "Li2B12H12", E, ("closo-borate", "lithium closo-dodecaborate"), "closo-borate"
    ),
    Material(
        "Li3InCl6",
        "Li3InCl6",
        E,
        ("lic",),
        "halide",
        li_conductivity_s_cm=_s(1.49e-3, "li2019", "25 °C"),
    ),
    Material(
        "Li3YCl6",
        "Li3YCl6",
        E,
        ("lyc",),
        "halide",
        li_conductivity_s_cm=_s(5.1e-4, "asano2018", "25 °C"),
    ),
    Material(
        "Li3N",
        "Li3N",
        E,
        ("lithium nitride",),
        "nitride",
        li_conductivity_s_cm=_s(1.2e-3, "alpen1977", "25 °C, single crystal, ⊥ c"),
        structure_file="Li3N_P6-mmm.cif",
    ),
    # --- coatings
    Material(
        "LiNbO3",
        "LiNbO3",
        CO,
        ("lno",),
        "coating on oxide cathodes",
        li_conductivity_s_cm=_s(1e-5, "glass1978", "amorphous (quenched), 25 °C", 1e-6, 1e-5),
        structure_file="LiNbO3_R3c.cif",
        deposition=("sol-gel", "ALD", "sputtering"),
    ),
    Material(
        "LiTaO3",
        "LiTaO3",
        CO,
        ("lto-ta",),
        "coating on oxide cathodes",
        deposition=("sol-gel",),
        structure_file="LiTaO3_R3c_from-LiNbO3_chgnet.cif",
    ),
    Material("LBO", "Li3B11O18", CO, ("li3b11o18",), "borate coating", deposition=("sol-gel",)),
    Material(
        "Li3BO3", "Li3BO3", CO, ("lithium borate",), "borate coating", deposition=("sol-gel",)
    ),
    Material(
        "Li3PO4",
        "Li3PO4",
        CO,
        ("lithium phosphate",),
        "phosphate coating / SEI phase",
        deposition=("ALD", "sputtering"),
        structure_file="Li3PO4_Pmn2_1.cif",
    ),
    Material(
        "Al2O3",
        "Al2O3",
        CO,
        ("alumina",),
        "ALD coating",
        deposition=("ALD",),
        structure_file="Al2O3_R-3c.cif",
    ),
    Material(
        "LiF",
        "LiF",
        CO,
        ("lithium fluoride",),
        "coating / SEI phase",
        deposition=("in situ", "ALD"),
        structure_file="LiF_Fm-3m.cif",
    ),
    Material(
        "Li2CO3",
        "Li2CO3",
        IP,
        ("lithium carbonate",),
        "surface contaminant / interphase",
        structure_file="Li2CO3_C2-c.cif",
    ),
    # --- interphase products whose Li+ transport the verdict needs
    Material(
        "Li3P",
        "Li3P",
        IP,
        ("lithium phosphide",),
        "SEI phase",
        li_conductivity_s_cm=_s(1e-4, "nazri1989", "room temperature, pressed pellet"),
        structure_file="Li3P_P6_3-mmc.cif",
    ),
    Material(
        "Li2S", "Li2S", IP, ("lithium sulfide",), "SEI phase", structure_file="Li2S_Fm-3m.cif"
    ),
    Material("Li2O", "Li2O", IP, ("lithium oxide",), "SEI phase", structure_file="Li2O_Fm-3m.cif"),
)


def _key(s: str) -> str:
    return s.lower().replace(" ", "").replace("-", "").replace("_", "")


@cache
def _index() -> dict[str, Material]:
    idx: dict[str, Material] = {}
    for m in _CATALOG:
        for k in (m.name, m.formula, *m.aliases):
            idx.setdefault(_key(k), m)
    return idx


def all_materials() -> tuple[Material, ...]:
    return _CATALOG


def get_material(name: str) -> Material:
    """A catalog material by name, alias or formula, or a new Material for any other formula.

    Raises UnknownMaterialError when `name` is neither in the catalog nor a parseable formula.
    """
    hit = _index().get(_key(name))
    if hit is not None:
        return hit
    try:
        comp = parse_composition(name)
    except FormulaParseError as exc:
        raise UnknownMaterialError(
            f"unknown material {name!r}: not in the catalog and not a formula ({exc}); "
            "see `interphase materials` for names"
        ) from None
    # A formula that equals a catalog composition gets that entry's data.
    frac = comp.fractional_composition
    for m in _CATALOG:
        if m.composition.fractional_composition.almost_equals(frac, rtol=0, atol=1e-6):
            return m
    return Material(name=name, formula=name, role=Role.OTHER, from_catalog=False)
