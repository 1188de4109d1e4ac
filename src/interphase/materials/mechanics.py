"""Mechanical and transport parameters for the physical-contact models, each with its source.

`get_mechanics(name)` returns a frozen :class:`MechanicalParameters` for a catalog name ("Li",
"LLZO", "NCM811", ...). Every value is a :class:`~interphase.materials.material.Quantity` whose
`source` is a citation key in :mod:`interphase.citations.sources_contact`; `low`/`high` give the
spread where sources or samples disagree. A property nobody could source is ``None``, and
`MechanicalParameters.require(prop)` turns that into a one-line MissingDataError.

`mp_elastic_moduli(formula)` gives the Materials Project (matbench) VRH shear and bulk moduli
beside the literature: DFT values of ideal crystals, median over polymorphs, with the row count.
"""

from __future__ import annotations

import csv
import gzip
import math
from dataclasses import dataclass, fields, replace
from functools import cache
from importlib.resources import files

import numpy as np
from numpy.typing import ArrayLike

from interphase.constants import GAS_CONSTANT_J_MOL_K
from interphase.errors import InvalidConditionError, MissingDataError, UnknownMaterialError
from interphase.materials.material import Quantity
from interphase.results import Result


@dataclass(frozen=True)
class CreepLaw(Result):
    """Power-law (dislocation) creep: strain rate = A * stress^n * exp(-Q / (R T)).

    `prefactor_per_s` is A in 1/s with the stress in MPa; valid for the steady-state regime in
    which it was fitted (see `conditions`).
    """

    prefactor_per_s: float
    stress_exponent: float
    activation_energy_kj_mol: float
    source: str
    conditions: str = ""

    def strain_rate_per_s(self, stress_mpa: ArrayLike, temperature_k: float = 298.15) -> ArrayLike:
        """Steady-state creep strain rate (1/s) at a (von Mises) stress in MPa."""
        s = np.asarray(stress_mpa, dtype=float)
        if np.any(s < 0):
            raise InvalidConditionError(f"creep stress must be >= 0 MPa, got {stress_mpa}")
        _check_temperature(temperature_k)
        arrhenius = math.exp(
            -self.activation_energy_kj_mol * 1e3 / (GAS_CONSTANT_J_MOL_K * temperature_k)
        )
        out = self.prefactor_per_s * s**self.stress_exponent * arrhenius
        return float(out) if out.ndim == 0 else out

    def stress_mpa(self, strain_rate_per_s: float, temperature_k: float = 298.15) -> float:
        """Flow stress (MPa) at which the creep rate equals `strain_rate_per_s`."""
        if strain_rate_per_s <= 0:
            raise InvalidConditionError("strain rate must be > 0 1/s")
        rate_at_1mpa = float(self.strain_rate_per_s(1.0, temperature_k))
        return (strain_rate_per_s / rate_at_1mpa) ** (1.0 / self.stress_exponent)


@dataclass(frozen=True)
class MechanicalParameters(Result):
    """Sourced parameters of one material. Units are in the field names; None = not sourced.

    volume_change_fraction: relative volume change (V_end - V_start) / V_start over the
    composition window given in its `conditions` (for cathodes: lithiated -> charged; for
    graphite: C -> LiC6), used linearly in between.
    """

    name: str
    youngs_modulus_gpa: Quantity | None = None
    shear_modulus_gpa: Quantity | None = None
    bulk_modulus_gpa: Quantity | None = None
    poisson_ratio: Quantity | None = None
    hardness_gpa: Quantity | None = None
    yield_strength_mpa: Quantity | None = None
    fracture_toughness_mpa_sqrt_m: Quantity | None = None
    li_conductivity_s_cm: Quantity | None = None
    li_activation_energy_ev: Quantity | None = None
    electronic_conductivity_s_cm: Quantity | None = None
    li_diffusivity_cm2_s: Quantity | None = None
    volume_change_fraction: Quantity | None = None
    density_g_cm3: Quantity | None = None
    molar_volume_cm3_mol: Quantity | None = None
    creep: CreepLaw | None = None
    # named extras: whisker stresses, alternative exponents, ...
    extra: tuple[tuple[str, Quantity], ...] = ()

    def require(self, prop: str) -> Quantity:
        """The quantity `prop` (a field name or an `extra` key), or MissingDataError."""
        value = (
            getattr(self, prop, None) if prop in _QUANTITY_FIELDS else dict(self.extra).get(prop)
        )
        if value is None:
            raise MissingDataError(
                f"no sourced {prop} for {self.name} in the mechanics library: give it with "
                f"--param {self.name}.{prop}=VALUE from your own source"
            )
        return value

    def value(self, prop: str) -> float:
        return self.require(prop).value

    def require_creep(self) -> CreepLaw:
        if self.creep is None:
            raise MissingDataError(f"no sourced creep law for {self.name} in the mechanics library")
        return self.creep

    def citation_keys(self) -> tuple[str, ...]:
        keys = [q.source for f in _QUANTITY_FIELDS if (q := getattr(self, f)) is not None]
        keys += [q.source for _, q in self.extra]
        if self.creep is not None:
            keys.append(self.creep.source)
        return tuple(dict.fromkeys(keys))


_QUANTITY_FIELDS = tuple(
    f.name for f in fields(MechanicalParameters) if f.name not in ("name", "creep", "extra")
)


def _check_temperature(temperature_k: float) -> None:
    if not temperature_k > 0:
        raise InvalidConditionError(f"temperature must be > 0 K, got {temperature_k}")


def _q(value: float, unit: str, source: str, conditions: str = "", low=None, high=None) -> Quantity:
    return Quantity(
        value=value, unit=unit, source=source, conditions=conditions, low=low, high=high
    )


def _li_molar_volume() -> Quantity:
    from pymatgen.core import Element

    li = Element("Li")
    return _q(float(li.molar_volume), "cm3/mol", "ong2013", "pymatgen periodic-table data, 298 K")


def _li_density() -> Quantity:
    from pymatgen.core import Element

    return _q(
        float(Element("Li").density_of_solid) / 1000.0,
        "g/cm3",
        "ong2013",
        "pymatgen periodic-table data",
    )


# Bulk Li power-law creep, n = 6.6 and Q = 37 kJ/mol as attributed to LePage et al. (their
# paper text was not retrieved). What was checked (docs/contact.md, "Caveat"):
# - the prefactor was 4.25e5 1/s MPa^-n here; public code of the Anand-type Li viscoplastic
#   model (Narayan & Anand, J. Electrochem. Soc.; electro_chemo_mech MOOSE inputs:
#   pre_factor = 4.25e4, activation_energy = 37 kJ/mol, rate_exponent m = 0.15 ~ 1/6.6,
#   initial_resistance S0 = 0.95 MPa) uses 4.25e4 1/s with eps_dot = A e^(-Q/RT) (s/S)^(1/m);
#   our A (1/s MPa^-n) equals it for S = 1 MPa. 4.25e5 was a factor 10 too high.
# - against measured data not used for the fit, Masias et al. 2019 ESM Table S1 (tension creep
#   minimum rates, 0.2-0.6 MPa, ~26 C): 4.25e4 gives 1.1-2.6x their rates (4.25e5 gave
#   11-26x); their independent n = 6.56 agrees with 6.6 (tests/contact/test_anode.py).
LI_CREEP_LEPAGE = CreepLaw(
    prefactor_per_s=4.25e4,
    stress_exponent=6.6,
    activation_energy_kj_mol=37.0,
    source="lepage2019",
    conditions=(
        "polycrystalline Li, steady-state power-law creep; stress in MPa; A = 4.25e4 1/s as "
        "in the Anand-type Li model (S = 1 MPa), checked against Masias et al. 2019 measured "
        "creep rates at 0.2-0.6 MPa, room temperature, within a factor 3"
    ),
)


@cache
def _library() -> dict[str, MechanicalParameters]:
    gpa, mpa = "GPa", "MPa"
    k18 = "compiled in Koerver et al. 2018, Table 1"
    lib = [
        MechanicalParameters(
            name="Li",
            youngs_modulus_gpa=_q(7.82, gpa, "masias2019", "polycrystalline, ultrasound, 298 K"),
            shear_modulus_gpa=_q(2.83, gpa, "masias2019", "polycrystalline, ultrasound, 298 K"),
            poisson_ratio=_q(0.381, "", "masias2019", "polycrystalline, ultrasound, 298 K"),
            yield_strength_mpa=_q(
                0.8,
                mpa,
                "masias2019",
                "bulk polycrystal, tension/compression, 298 K; rises steeply below ~10 um "
                "(see extra: whisker values)",
                low=0.73,
                high=0.81,
            ),
            density_g_cm3=_li_density(),
            molar_volume_cm3_mol=_li_molar_volume(),
            creep=LI_CREEP_LEPAGE,
            extra=(
                (
                    "whisker_growth_stress_mpa",
                    _q(130.0, mpa, "zhang2020whisker", "submicron whisker growth, AFM-ETEM, RT"),
                ),
                (
                    "submicron_yield_strength_mpa",
                    _q(
                        244.0,
                        mpa,
                        "zhang2020whisker",
                        "maximum yield strength of submicron whiskers, RT",
                    ),
                ),
                (
                    "creep_stress_exponent_masias",
                    _q(
                        6.56,
                        "",
                        "masias2019",
                        "tension power-law creep, 0.2-0.6 MPa, room temperature (~26 C)",
                    ),
                ),
            ),
        ),
        MechanicalParameters(
            name="graphite",
            youngs_modulus_gpa=_q(32.0, gpa, "koerver2018", k18),
            shear_modulus_gpa=_q(12.0, gpa, "koerver2018", k18),
            bulk_modulus_gpa=_q(28.0, gpa, "koerver2018", k18),
            poisson_ratio=_q(0.31, "", "koerver2018", k18),
            volume_change_fraction=_q(
                0.10,
                "",
                "dahn1991",
                "C -> LiC6 (lithiation): interlayer spacing 3.35 -> 3.70 A, c-axis only; the "
                "~1 % in-plane expansion is not included",
            ),
        ),
        MechanicalParameters(
            name="LCO",
            youngs_modulus_gpa=_q(191.0, gpa, "koerver2018", k18),
            shear_modulus_gpa=_q(80.0, gpa, "koerver2018", k18),
            bulk_modulus_gpa=_q(122.0, gpa, "koerver2018", k18),
            poisson_ratio=_q(0.24, "", "koerver2018", k18),
            volume_change_fraction=_q(
                0.02,
                "",
                "koerver2018",
                "LiCoO2 -> Li0.5CoO2 (charge to ~4.2 V): expansion, approximate, from XRD",
            ),
        ),
        MechanicalParameters(
            name="NCM811",
            volume_change_fraction=_q(
                -0.06,
                "",
                "koerver2018",
                "LiNi0.8Co0.1Mn0.1O2 on full charge (~4.3 V): contraction, approximate, from XRD",
            ),
        ),
        MechanicalParameters(
            name="NCM523",
            volume_change_fraction=_q(
                -0.03,
                "",
                "koerver2018",
                "LiNi0.5Co0.2Mn0.3O2 on full charge (~4.3 V): contraction, approximate, from XRD",
            ),
        ),
        MechanicalParameters(name="LNMO"),
        MechanicalParameters(
            name="LFP",
            youngs_modulus_gpa=_q(118.0, gpa, "koerver2018", k18),
            shear_modulus_gpa=_q(46.0, gpa, "koerver2018", k18),
            bulk_modulus_gpa=_q(98.0, gpa, "koerver2018", k18),
            poisson_ratio=_q(0.30, "", "koerver2018", k18),
            volume_change_fraction=_q(
                -0.0681,
                "",
                "padhi1997",
                "LiFePO4 -> FePO4 (charge): two-phase, unit-cell volume from XRD",
            ),
        ),
        MechanicalParameters(
            name="LLZO",
            youngs_modulus_gpa=_q(
                149.8, gpa, "ni2012", "hot-pressed cubic Al-LLZO, ultrasound, RT"
            ),
            shear_modulus_gpa=_q(59.6, gpa, "ni2012", "hot-pressed cubic Al-LLZO, ultrasound, RT"),
            bulk_modulus_gpa=_q(103.0, gpa, "koerver2018", k18),
            poisson_ratio=_q(0.257, "", "ni2012", "hot-pressed cubic Al-LLZO, ultrasound, RT"),
            hardness_gpa=_q(6.3, gpa, "ni2012", "Vickers, hot-pressed cubic LLZO"),
            fracture_toughness_mpa_sqrt_m=_q(
                1.51,
                "MPa m^0.5",
                "hu_llzto_mechanics",
                "Ta-doped LLZO, nanoindentation, 98 % dense hot-pressed pellet; 0.44 at 83 %",
                0.44,
                1.51,
            ),
            li_activation_energy_ev=_q(
                0.34,
                "eV",
                "eckhardt2023",
                "Li6.25Al0.25La3Zr2O12 bulk (grain interior) conductivity, impedance, Arrhenius; "
                "0.43 eV across grain boundaries",
                0.34,
                0.43,
            ),
        ),
        MechanicalParameters(
            name="LGPS",
            youngs_modulus_gpa=_q(37.2, gpa, "koerver2018", k18),
            shear_modulus_gpa=_q(14.3, gpa, "koerver2018", k18),
            bulk_modulus_gpa=_q(31.0, gpa, "koerver2018", k18),
            poisson_ratio=_q(0.30, "", "koerver2018", k18),
        ),
        MechanicalParameters(
            name="LPS",
            youngs_modulus_gpa=_q(
                28.9, gpa, "koerver2018", k18 + ", beta-Li3PS4", low=18.5, high=28.9
            ),
            shear_modulus_gpa=_q(11.3, gpa, "koerver2018", k18 + ", beta-Li3PS4"),
            bulk_modulus_gpa=_q(21.4, gpa, "koerver2018", k18 + ", beta-Li3PS4"),
            poisson_ratio=_q(0.27, "", "koerver2018", k18 + ", beta-Li3PS4"),
            hardness_gpa=_q(1.9, gpa, "mcgrogan2017", "75Li2S-25P2S5 glass, nanoindentation"),
            fracture_toughness_mpa_sqrt_m=_q(
                0.23, "MPa m^0.5", "mcgrogan2017", "75Li2S-25P2S5 glass, indentation"
            ),
            extra=(
                (
                    "youngs_modulus_glass_gpa",
                    _q(18.5, gpa, "mcgrogan2017", "75Li2S-25P2S5 glass, nanoindentation"),
                ),
            ),
        ),
        MechanicalParameters(
            name="Li6PS5Cl",
            youngs_modulus_gpa=_q(
                26.0, gpa, "koerver2018", k18 + ", Li6PS5X (X = Cl, Br, I)", low=22.0, high=30.0
            ),
            shear_modulus_gpa=_q(
                9.5, gpa, "koerver2018", k18 + ", Li6PS5X (X = Cl, Br, I)", low=8.0, high=11.0
            ),
            bulk_modulus_gpa=_q(
                29.0, gpa, "koerver2018", k18 + ", Li6PS5X (X = Cl, Br, I)", low=28.0, high=30.0
            ),
            poisson_ratio=_q(
                0.35, "", "koerver2018", k18 + ", Li6PS5X (X = Cl, Br, I)", low=0.33, high=0.37
            ),
        ),
        MechanicalParameters(name="LAGP"),
        MechanicalParameters(name="LATP"),
        MechanicalParameters(
            name="LiPON",
            youngs_modulus_gpa=_q(77.0, gpa, "herbert2011", "sputtered film, nanoindentation"),
            shear_modulus_gpa=_q(31.0, gpa, "koerver2018", k18),
            bulk_modulus_gpa=_q(51.0, gpa, "koerver2018", k18),
            poisson_ratio=_q(0.25, "", "herbert2011", "sputtered film"),
            hardness_gpa=_q(3.9, gpa, "herbert2011", "sputtered film, nanoindentation"),
        ),
        MechanicalParameters(name="Li3InCl6"),
        MechanicalParameters(name="Al2O3"),
        MechanicalParameters(name="LiNbO3"),
        MechanicalParameters(name="PEO"),
    ]
    return {p.name: p for p in lib}


# Catalog name -> formula under which the MP elastic table may hold it (None: not a crystal
# the table can hold, e.g. solid solutions, glasses, polymers).
MP_FORMULAS: dict[str, str | None] = {
    "Li": "Li",
    "graphite": "C",
    "LCO": "LiCoO2",
    "NCM811": None,
    "NCM523": None,
    "LNMO": "Li2NiMn3O8",
    "LFP": "LiFePO4",
    "LLZO": "Li7La3Zr2O12",
    "LGPS": "Li10GeP2S12",
    "LPS": "Li3PS4",
    "Li6PS5Cl": "Li6PS5Cl",
    "LAGP": None,
    "LATP": None,
    "LiPON": None,
    "Li3InCl6": "Li3InCl6",
    "Al2O3": "Al2O3",
    "LiNbO3": "LiNbO3",
    "PEO": None,
}

_ALIASES = {
    "licoo2": "LCO",
    "lifepo4": "LFP",
    "li3ps4": "LPS",
    "li10gep2s12": "LGPS",
    "li7la3zr2o12": "LLZO",
    "lini0.5mn1.5o4": "LNMO",
    "c": "graphite",
    "lithium": "Li",
}


def mechanics_names() -> tuple[str, ...]:
    """Names the mechanics library knows, in a stable order."""
    return tuple(_library())


def _resolve(name: str) -> str:
    """The library name for `name`: exact, case-insensitive, a known alias, or a catalog
    name/alias/formula (the catalog's own matching); UnknownMaterialError otherwise."""
    lib = _library()
    if name in lib:
        return name
    folded = {k.lower(): k for k in lib}
    key = name.strip().lower()
    if key in folded:
        return folded[key]
    if key in _ALIASES:
        return _ALIASES[key]
    from interphase.materials.catalog import get_material

    mat = get_material(name)  # raises UnknownMaterialError for non-formulas
    if not mat.from_catalog:
        raise UnknownMaterialError(
            f"{name!r} is not in the mechanics library (known: {', '.join(lib)})"
        )
    return mat.name


def get_mechanics(name: str) -> MechanicalParameters:
    """Sourced mechanical/transport parameters of a catalog material (case-insensitive name).

    The mechanics library gives the mechanical values; the Li+/electronic conductivities
    come from the materials catalog and the Li diffusivity of electrodes from
    `interphase.materials.electrodes` where this library has none, so that one value has
    one home. A catalog material without mechanical data gives an empty record (every
    `require` then raises MissingDataError naming the property).
    """
    key = _resolve(name)
    return _with_catalog_values(_library().get(key) or MechanicalParameters(name=key))


@cache
def _with_catalog_values(params: MechanicalParameters) -> MechanicalParameters:
    updates: dict[str, Quantity] = {}
    try:
        from interphase.materials.catalog import get_material

        mat = get_material(params.name)
    except UnknownMaterialError:
        mat = None
    if mat is not None and mat.from_catalog:
        if params.li_conductivity_s_cm is None and mat.li_conductivity_s_cm is not None:
            updates["li_conductivity_s_cm"] = mat.li_conductivity_s_cm
        if (
            params.electronic_conductivity_s_cm is None
            and mat.electronic_conductivity_s_cm is not None
        ):
            updates["electronic_conductivity_s_cm"] = mat.electronic_conductivity_s_cm
    if params.li_diffusivity_cm2_s is None:
        try:
            from interphase.materials.electrodes import get_electrode

            updates["li_diffusivity_cm2_s"] = get_electrode(params.name).diffusivity_cm2_s
        except (ImportError, UnknownMaterialError, LookupError):
            pass
    return replace(params, **updates) if updates else params


# ---------------------------------------------------------------------------------------------
# Materials Project elastic moduli (matbench set)


@dataclass(frozen=True)
class MPElasticModuli(Result):
    """DFT (PBE) VRH moduli of the ideal crystal, median over the table's polymorphs."""

    formula: str
    shear_modulus_gpa: float
    bulk_modulus_gpa: float
    youngs_modulus_gpa: float
    poisson_ratio: float
    n_rows: int
    shear_range_gpa: tuple[float, float]
    sources: tuple[str, ...] = ("dunn2020", "jain2013")


@cache
def _mp_table() -> dict[str, list[tuple[float, float]]]:
    path = files("interphase") / "data" / "mp_elastic.csv.gz"
    table: dict[str, list[tuple[float, float]]] = {}
    with path.open("rb") as raw, gzip.open(raw, "rt") as fh:
        for row in csv.DictReader(fh):
            table.setdefault(row["reduced_formula"], []).append(
                (float(row["shear_modulus_gpa"]), float(row["bulk_modulus_gpa"]))
            )
    return table


def mp_elastic_moduli(formula_or_name: str) -> MPElasticModuli:
    """MP VRH moduli for a formula or a mechanics-library name; MissingDataError if absent.

    Several rows of one reduced formula are polymorphs (for C: graphite *and* diamond); the
    median is reported with the row count and the shear range, so a wide range flags that.
    """
    from pymatgen.core import Composition

    formula = formula_or_name
    try:
        name = _resolve(formula_or_name)
    except UnknownMaterialError:
        name = None
    if name is not None:
        mapped = MP_FORMULAS.get(name)
        if mapped is None:
            raise MissingDataError(f"no MP elastic entry for {name} (not an ordered crystal)")
        formula = mapped
    try:
        reduced = Composition(formula).reduced_formula
    except Exception:
        raise UnknownMaterialError(f"cannot parse formula {formula_or_name!r}") from None
    rows = _mp_table().get(reduced)
    if not rows:
        raise MissingDataError(f"no MP elastic moduli for {reduced} in the bundled table")
    g = np.array([r[0] for r in rows])
    k = np.array([r[1] for r in rows])
    gm, km = float(np.median(g)), float(np.median(k))
    youngs = 9 * km * gm / (3 * km + gm)
    nu = (3 * km - 2 * gm) / (2 * (3 * km + gm))
    return MPElasticModuli(
        formula=reduced,
        shear_modulus_gpa=gm,
        bulk_modulus_gpa=km,
        youngs_modulus_gpa=youngs,
        poisson_ratio=nu,
        n_rows=len(rows),
        shear_range_gpa=(float(g.min()), float(g.max())),
    )


# ---------------------------------------------------------------------------------------------
# Derived elastic quantities used by the contact models


def plane_strain_modulus_gpa(params: MechanicalParameters) -> float:
    """E / (1 - nu^2) in GPa."""
    e = params.value("youngs_modulus_gpa")
    nu = params.value("poisson_ratio")
    return e / (1.0 - nu**2)


def composite_modulus_gpa(a: MechanicalParameters, b: MechanicalParameters) -> float:
    """Hertz composite modulus E* = [(1-nu1^2)/E1 + (1-nu2^2)/E2]^-1 in GPa (Johnson 1985)."""
    return 1.0 / (1.0 / plane_strain_modulus_gpa(a) + 1.0 / plane_strain_modulus_gpa(b))


def li_volume_strain(params: MechanicalParameters, soc_start: float, soc_end: float) -> float:
    """Volume strain between two fractions (0..1) of the sourced composition window, linear."""
    for s in (soc_start, soc_end):
        if not 0.0 <= s <= 1.0:
            raise InvalidConditionError(f"state of charge must be within 0..1, got {s}")
    dv = params.value("volume_change_fraction")
    return dv * (soc_end - soc_start)
