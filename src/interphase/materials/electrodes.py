"""Electrode (cathode) transport and thermodynamic parameters for particle-scale models.

Each parameter is a :class:`~interphase.materials.material.Quantity` with a citation key;
the open-circuit voltage (OCV) and the Li diffusivity are functions of the Li fraction
``x = c / c_max`` (site occupancy, 0 = empty host, 1 = full), taken from published fits or
tabulated measurements, each with its source.

Units: concentrations in mol/cm^3, diffusivities in cm^2/s, current densities in mA/cm^2,
potentials in V vs Li/Li+.

Notes on what is *not* sourced (see docs/particle.md):

- exchange-current densities are liquid-electrolyte values (LiPF6 in carbonates,
  1 mol/L); a cathode|solid-electrolyte interface has its own value that must be measured
  (or derived from an area-specific charge-transfer resistance, see
  :func:`exchange_current_from_resistance`). LNMO and LFP carry none;
- the Li fraction below which transition-metal migration starts in LNMO is not sourced here
  and must be given by the user (``tm_migration_li_fraction`` is ``None``);
- the LNMO maximum Li concentration is derived from the cubic spinel cell (Z = 8, a = 8.17 Å);
- the practical Li-fraction windows and cut-off voltages are conventions, not literature values.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

import numpy as np
from scipy.interpolate import PchipInterpolator

from interphase.constants import AVOGADRO_PER_MOL, FARADAY_C_MOL, GAS_CONSTANT_J_MOL_K
from interphase.errors import UnknownMaterialError
from interphase.materials.material import Quantity
from interphase.results import Result

ArrayFn = Callable[[np.ndarray], np.ndarray]


@dataclass(frozen=True)
class ElectrodeParameters(Result):
    """Transport and thermodynamic parameters of one intercalation electrode.

    `li_fraction_window` is (charged, discharged): the Li fractions at the top of charge and
    at the end of discharge of a practical half cell; `cutoff_charge_v`/`cutoff_discharge_v`
    the matching cut-off voltages (conventions, documented in docs/particle.md).
    `exchange_current_density_ma_cm2` is the value at x = 0.5; it scales as
    sqrt(x (1 - x)) / 0.5 with the Li fraction.
    """

    name: str
    formula: str
    max_li_concentration_mol_cm3: Quantity
    diffusivity_cm2_s: Quantity
    ocv_source: str
    ocv_description: str
    li_fraction_window: tuple[float, float]
    cutoff_charge_v: float
    cutoff_discharge_v: float
    exchange_current_density_ma_cm2: Quantity | None = None
    tm_migration_li_fraction: Quantity | None = None
    diffusivity_description: str = "constant"
    ocv_valid_range: tuple[float, float] = (0.0, 1.0)
    transfer_coefficient: float = 0.5
    aliases: tuple[str, ...] = ()
    _ocv_fn: ArrayFn | None = field(default=None, compare=False, repr=False)
    _diffusivity_fn: ArrayFn | None = field(default=None, compare=False, repr=False)

    # ---- functions of the Li fraction -------------------------------------------------
    def ocv_v(self, x: np.ndarray | float) -> np.ndarray:
        """Open-circuit voltage (V vs Li/Li+) at Li fraction x.

        Inside `ocv_valid_range` the published fit or table; outside it an ideal-solution
        (Nernstian) tail, U(edge) - (RT/F) [ln(x/(1-x)) - ln(edge/(1-edge))] at 298.15 K,
        continuous at the edge, so that the voltage diverges as the surface empties or fills.
        """
        assert self._ocv_fn is not None
        lo, hi = self.ocv_valid_range
        xa = np.clip(np.asarray(x, dtype=float), 1e-12, 1.0 - 1e-12)
        u = self._ocv_fn(np.clip(xa, lo, hi))
        kt = GAS_CONSTANT_J_MOL_K * 298.15 / FARADAY_C_MOL
        logit = np.log(xa / (1.0 - xa))
        if lo > 0.0:
            u = np.where(xa < lo, u - kt * (logit - math.log(lo / (1.0 - lo))), u)
        if hi < 1.0:
            u = np.where(xa > hi, u - kt * (logit - math.log(hi / (1.0 - hi))), u)
        return u

    def docv_dx_v(self, x: np.ndarray | float) -> np.ndarray:
        """dU/dx (V per unit Li fraction) by central differences."""
        xa = np.clip(np.asarray(x, dtype=float), 1e-9, 1.0 - 1e-9)
        h = np.minimum(1e-6, 0.5 * np.minimum(xa, 1.0 - xa))
        return (self.ocv_v(xa + h) - self.ocv_v(xa - h)) / (2 * h)

    def diffusivity_fn_cm2_s(self, x: np.ndarray | float) -> np.ndarray:
        """Li chemical diffusivity (cm^2/s) at Li fraction x."""
        xa = np.clip(np.asarray(x, dtype=float), 0.0, 1.0)
        if self._diffusivity_fn is None:
            return np.full_like(xa, self.diffusivity_cm2_s.value)
        return self._diffusivity_fn(xa)

    def ddiffusivity_dx(self, x: np.ndarray | float) -> np.ndarray:
        """dD/dx (cm^2/s per unit Li fraction), zero for a constant diffusivity."""
        xa = np.asarray(x, dtype=float)
        if self._diffusivity_fn is None:
            return np.zeros_like(xa)
        h = 1e-6
        xc = np.clip(xa, h, 1 - h)
        return (self.diffusivity_fn_cm2_s(xc + h) - self.diffusivity_fn_cm2_s(xc - h)) / (2 * h)

    # ---- derived quantities -------------------------------------------------------------
    @property
    def molar_mass_g_mol(self) -> float:
        from pymatgen.core import Composition

        return float(Composition(self.formula).weight)

    @property
    def specific_capacity_per_li_mah_g(self) -> float:
        """Charge per formula unit and unit Li fraction, in mAh/g (F / 3.6 M)."""
        return FARADAY_C_MOL / 3.6 / self.molar_mass_g_mol

    def citation_keys(self) -> tuple[str, ...]:
        keys = [
            self.max_li_concentration_mol_cm3.source,
            self.diffusivity_cm2_s.source,
            self.ocv_source,
        ]
        for q in (self.exchange_current_density_ma_cm2, self.tm_migration_li_fraction):
            if q is not None:
                keys.append(q.source)
        return tuple(k for k in dict.fromkeys(keys) if k)


def exchange_current_from_resistance(
    charge_transfer_resistance_ohm_cm2: float, temperature_k: float = 298.15
) -> float:
    """Exchange-current density (mA/cm^2) from an area-specific charge-transfer resistance
    via the linearised Butler-Volmer relation i0 = R T / (F R_ct)."""
    from interphase.errors import InvalidConditionError

    if not charge_transfer_resistance_ohm_cm2 > 0:
        raise InvalidConditionError("charge-transfer resistance must be positive (ohm cm^2)")
    amp_cm2 = (
        GAS_CONSTANT_J_MOL_K * temperature_k / (FARADAY_C_MOL * charge_transfer_resistance_ohm_cm2)
    )
    return 1e3 * amp_cm2


# ---- OCV and diffusivity functions ------------------------------------------------------


def _ocv_lco_ramadass2004(y: np.ndarray) -> np.ndarray:
    """LiyCoO2 OCV fit of Ramadass et al. (2004), a ratio of even polynomials in y."""
    y2 = y * y
    num = np.polynomial.polynomial.polyval(
        y2, [-4.656, 88.669, -401.119, 342.909, -462.471, 433.434]
    )
    den = np.polynomial.polynomial.polyval(y2, [-1.0, 18.933, -79.532, 37.311, -73.083, 95.96])
    return num / den


def _ocv_ncm811_chen2020(x: np.ndarray) -> np.ndarray:
    """NCM811 (LG M50) OCV fit of Chen et al. (2020)."""
    return (
        -0.8090 * x
        + 4.4875
        - 0.0428 * np.tanh(18.5138 * (x - 0.5542))
        - 17.7326 * np.tanh(15.7890 * (x - 0.3117))
        + 17.5842 * np.tanh(15.9308 * (x - 0.3120))
    )


def _diffusivity_ncm811_oregan2022(x: np.ndarray) -> np.ndarray:
    """NCM811 Li diffusivity (cm^2/s) vs Li fraction at 298.15 K, O'Regan et al. (2022):
    log10 D[m^2/s] = c0 + sum of three Gaussians, times the correction factor 2.7 of that
    work; converted to cm^2/s."""
    log10_d = (
        -13.96
        - 0.9231 * np.exp(-((x - 0.3216) ** 2) / 0.002534)
        - 0.4066 * np.exp(-((x - 0.4532) ** 2) / 0.003926)
        - 0.993 * np.exp(-((x - 0.8098) ** 2) / 0.09924)
    )
    return 2.7 * 10.0**log10_d * 1e4


def _ocv_lfp_afshar2017(x: np.ndarray) -> np.ndarray:
    """LixFePO4 OCV fit of Afshar et al. (2017)."""
    return 3.4077 - 0.020269 * x + 0.5 * np.exp(-150.0 * x) - 0.9 * np.exp(-30.0 * (1.0 - x))


# Giai Pron et al. (2019), LNMO OCV vs Li fraction at 20 °C: a monotone sub-sample of the
# digitised measured curve (31 of ~100 points).
_LNMO_OCV_TABLE = np.array(
    [
        (0.0189085, 4.85689),
        (0.0393364, 4.82253),
        (0.0700003, 4.80348),
        (0.100654, 4.79629),
        (0.151746, 4.79036),
        (0.202836, 4.78536),
        (0.25393, 4.78255),
        (0.305011, 4.77974),
        (0.356104, 4.77568),
        (0.407195, 4.77287),
        (0.427633, 4.77068),
        (0.448072, 4.76256),
        (0.468511, 4.75381),
        (0.509379, 4.75006),
        (0.570694, 4.74694),
        (0.611562, 4.74538),
        (0.67288, 4.74226),
        (0.703533, 4.73788),
        (0.7444, 4.72726),
        (0.785278, 4.72476),
        (0.815931, 4.71571),
        (0.83637, 4.70134),
        (0.856808, 4.6801),
        (0.877237, 4.64324),
        (0.897677, 4.56453),
        (0.918114, 4.37087),
        (0.93855, 4.19752),
        (0.958986, 4.10381),
        (0.979423, 4.03322),
        (0.989642, 3.98918),
        (0.99986, 3.55626),
    ]
)


@cache
def _lnmo_interpolator() -> PchipInterpolator:
    return PchipInterpolator(_LNMO_OCV_TABLE[:, 0], _LNMO_OCV_TABLE[:, 1], extrapolate=False)


def _ocv_lnmo_pron2019(x: np.ndarray) -> np.ndarray:
    return np.asarray(_lnmo_interpolator()(x), dtype=float)


def lnmo_ocv_table() -> np.ndarray:
    """The tabulated LNMO OCV (columns: Li fraction, V vs Li/Li+) used by the library."""
    return _LNMO_OCV_TABLE.copy()


# ---- the parameter sets -------------------------------------------------------------------

# Cubic spinel Fd-3m, Z = 8 formula units in a cell of a = 8.17 Å (derived, see docstring).
_LNMO_CMAX_MOL_CM3 = 8.0 / ((8.17e-8) ** 3 * AVOGADRO_PER_MOL)

_M3_TO_CM3 = 1e-6
_M2S_TO_CM2S = 1e4

ELECTRODES: dict[str, ElectrodeParameters] = {
    "LNMO": ElectrodeParameters(
        name="LNMO",
        formula="LiNi0.5Mn1.5O4",
        aliases=("LiNi0.5Mn1.5O4", "LMNO", "LiMn1.5Ni0.5O4"),
        max_li_concentration_mol_cm3=Quantity(
            value=_LNMO_CMAX_MOL_CM3,
            unit="mol/cm^3",
            source="",
            conditions="derived: Z = 8 formula units per cubic spinel cell, a = 8.17 Å "
            "(lattice parameter not from a registry source)",
        ),
        diffusivity_cm2_s=Quantity(
            value=1e-9,
            unit="cm^2/s",
            source="ma2010",
            conditions="first-principles estimate for ordered LNMO; measured apparent values "
            "are often lower (down to ~1e-11 cm^2/s)",
            low=1e-9,
            high=1e-8,
        ),
        ocv_source="pron2019",
        ocv_description="tabulated measurement (monotone sub-sample, PCHIP interpolation)",
        ocv_valid_range=(float(_LNMO_OCV_TABLE[0, 0]), float(_LNMO_OCV_TABLE[-1, 0])),
        li_fraction_window=(0.02, 0.99),
        cutoff_charge_v=4.9,
        cutoff_discharge_v=3.5,
        exchange_current_density_ma_cm2=None,
        tm_migration_li_fraction=None,
        _ocv_fn=_ocv_lnmo_pron2019,
    ),
    "LCO": ElectrodeParameters(
        name="LCO",
        formula="LiCoO2",
        aliases=("LiCoO2",),
        max_li_concentration_mol_cm3=Quantity(
            value=51555.0 * _M3_TO_CM3, unit="mol/cm^3", source="ramadass2004"
        ),
        diffusivity_cm2_s=Quantity(
            value=1e-14 * _M2S_TO_CM2S,
            unit="cm^2/s",
            source="ramadass2004",
            conditions="298 K, constant in x",
        ),
        ocv_source="ramadass2004",
        ocv_description="published fit (ratio of even polynomials)",
        ocv_valid_range=(0.45, 1.0),
        li_fraction_window=(0.5, 0.99),
        cutoff_charge_v=4.2,
        cutoff_discharge_v=3.0,
        exchange_current_density_ma_cm2=Quantity(
            value=2.252e-6 * math.sqrt(1000.0) * 0.5 * 51555.0 * 0.1,
            unit="mA/cm^2",
            source="ramadass2004",
            conditions="x = 0.5, liquid electrolyte 1 mol/L, 298 K; rate constant "
            "2.252e-6 (A/m^2)(mol/m^3)^-1.5",
        ),
        _ocv_fn=_ocv_lco_ramadass2004,
    ),
    "NCM811": ElectrodeParameters(
        name="NCM811",
        formula="LiNi0.8Mn0.1Co0.1O2",
        aliases=("NMC811", "LiNi0.8Mn0.1Co0.1O2", "LiNi0.8Co0.1Mn0.1O2"),
        max_li_concentration_mol_cm3=Quantity(
            value=63104.0 * _M3_TO_CM3, unit="mol/cm^3", source="chen2020"
        ),
        diffusivity_cm2_s=Quantity(
            value=float(_diffusivity_ncm811_oregan2022(np.array(0.5))),
            unit="cm^2/s",
            source="oregan2022",
            conditions="value at x = 0.5, 298 K; the function of x is used in simulations "
            "(Chen 2020 gives a constant 4e-11 cm^2/s)",
            low=4e-11,
        ),
        diffusivity_description="O'Regan 2022 GITT fit vs Li fraction",
        ocv_source="chen2020",
        ocv_description="published fit (sum of tanh terms)",
        ocv_valid_range=(0.2, 1.0),
        li_fraction_window=(0.2661, 0.9084),
        cutoff_charge_v=4.3,
        cutoff_discharge_v=3.0,
        exchange_current_density_ma_cm2=Quantity(
            value=3.42e-6 * math.sqrt(1000.0) * 0.5 * 63104.0 * 0.1,
            unit="mA/cm^2",
            source="chen2020",
            conditions="x = 0.5, liquid electrolyte 1 mol/L, 298 K; rate constant "
            "3.42e-6 (A/m^2)(mol/m^3)^-1.5",
        ),
        _ocv_fn=_ocv_ncm811_chen2020,
        _diffusivity_fn=_diffusivity_ncm811_oregan2022,
    ),
    "LFP": ElectrodeParameters(
        name="LFP",
        formula="LiFePO4",
        aliases=("LiFePO4",),
        max_li_concentration_mol_cm3=Quantity(
            value=22806.0 * _M3_TO_CM3, unit="mol/cm^3", source="prada2013"
        ),
        diffusivity_cm2_s=Quantity(
            value=5.9e-18 * _M2S_TO_CM2S,
            unit="cm^2/s",
            source="prada2013",
            conditions="effective value of a single-particle model, constant in x",
        ),
        ocv_source="afshar2017",
        ocv_description="published fit (exponential terms); solid-solution description of a "
        "two-phase material",
        li_fraction_window=(0.02, 0.98),
        cutoff_charge_v=4.0,
        cutoff_discharge_v=2.5,
        exchange_current_density_ma_cm2=None,
        _ocv_fn=_ocv_lfp_afshar2017,
    ),
}


def electrode_names() -> tuple[str, ...]:
    return tuple(ELECTRODES)


def get_electrode(name: str) -> ElectrodeParameters:
    """Parameters by name or alias (case-insensitive); UnknownMaterialError otherwise."""
    key = name.strip().lower()
    for p in ELECTRODES.values():
        if key == p.name.lower() or key in (a.lower() for a in p.aliases):
            return p
    raise UnknownMaterialError(
        f"no electrode parameters for {name!r}; known: {', '.join(ELECTRODES)}"
    )


__all__ = [
    "ELECTRODES",
    "FARADAY_C_MOL",
    "GAS_CONSTANT_J_MOL_K",
    "ElectrodeParameters",
    "electrode_names",
    "exchange_current_from_resistance",
    "get_electrode",
    "lnmo_ocv_table",
]
