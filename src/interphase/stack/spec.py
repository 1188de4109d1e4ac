"""A cell stack: cathode | (coating) | solid electrolyte | anode, and the conditions it runs at.

`StackSpec` is what every face (CLI, report, web) hands to :func:`interphase.stack.analyze`.
It is built from names (`make_stack`) or from a TOML file a lab keeps in version control
(`read_stack`)::

    name = "NCM811 | LiNbO3 | Li6PS5Cl | Li"
    cathode = "NCM811"
    coating = "LiNbO3"          # optional
    electrolyte = "Li6PS5Cl"
    anode = "Li"

    [conditions]
    pressure_mpa = 5
    temperature_k = 298.15
    cutoff_v = [2.8, 4.3]       # default: the cathode's catalog range
    atmosphere = "air"          # processing atmosphere (optional)
    processing_temperature_k = 973

    [params.NCM811]             # values the library lacks, labelled "user" in the report
    youngs_modulus_gpa = 140

Validation refuses what no cell is: an anode that is a cathode (two cathodes), a coating equal
to the electrolyte, an anode that sits at or above the cathode's lower cut-off, cut-offs out of
order or outside the cathode's Li-exchange range.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field
from pathlib import Path

from interphase.errors import InputFileError, InvalidConditionError
from interphase.materials import get_material
from interphase.materials.material import Material, Role
from interphase.materials.parameters import Parameters, params_from_mapping, read_toml
from interphase.results import Result
from interphase.thermo.conditions import parse_atmosphere
from interphase.thermo.gases import T_MAX_K, T_MIN_K

DEFAULT_PRESSURE_MPA = 5.0
DEFAULT_TEMPERATURE_K = 298.15
# a stack choice, not a material property: NCM secondary particles are 2-15 um in radius
DEFAULT_PARTICLE_RADIUS_UM = 5.0
MAX_STACK_PRESSURE_MPA = 1000.0  # cells run at 0.1-100 MPa; pellets are pressed at <= ~1 GPa
LI_MELTING_K = 453.65


@dataclass(frozen=True)
class Layer(Result):
    """One layer of the stack, resolved from the catalog."""

    position: str  # cathode | coating | electrolyte | anode
    name: str
    formula: str
    role: str  # the catalog role (a user formula has role "other")


@dataclass(frozen=True)
class Interface(Result):
    """Two touching layers, listed cathode side first. `potential_v` is the range of Li
    potentials the interface sees in operation (V vs Li/Li+), set by the electrode it sits
    next to: the cathode's cut-offs for cathode-side interfaces, the anode's for the anode."""

    left: Layer
    right: Layer
    side: str  # cathode | anode: whose potential the interface sees
    potential_v: tuple[float, float]

    @property
    def label(self) -> str:
        return f"{self.left.name} | {self.right.name}"


@dataclass(frozen=True)
class StackSpec(Result):
    cathode: str
    electrolyte: str
    anode: str
    coating: str | None = None
    pressure_mpa: float = DEFAULT_PRESSURE_MPA
    temperature_k: float = DEFAULT_TEMPERATURE_K
    cutoff_v: tuple[float, float] = (0.0, 0.0)  # lower, upper cell cut-off vs Li/Li+
    atmosphere: str | None = None  # processing atmosphere (air, o2, "O2=0.21,CO2=4e-4")
    processing_temperature_k: float | None = None
    particle_radius_um: float = DEFAULT_PARTICLE_RADIUS_UM  # cathode particle (median)
    database: str = "mp"
    name: str = ""
    params: Parameters = field(default_factory=Parameters)
    layers: tuple[Layer, ...] = ()
    interfaces: tuple[Interface, ...] = ()

    @property
    def label(self) -> str:
        return self.name or " | ".join(layer.name for layer in self.layers)


def _layer(position: str, text: str, allowed: tuple[Role, ...]) -> tuple[Layer, Material]:
    if not isinstance(text, str) or not text.strip():
        raise InvalidConditionError(f"the {position} is empty: name a material or a formula")
    m = get_material(text)
    if m.role not in allowed:
        raise InvalidConditionError(
            f"{m.name} is a catalog {m.role.value}, not "
            + ("an " if position[0] in "aeiou" else "a ")
            + f"{position}: "
            + {
                "cathode": "name a cathode such as NCM811, LCO or LNMO",
                "anode": "name an anode such as Li or graphite",
                "electrolyte": "name a solid electrolyte such as Li6PS5Cl, LLZO or LGPS",
                "coating": "name a coating such as LiNbO3, Li3BO3 or Al2O3",
            }[position]
        )
    return Layer(position, m.name, m.formula, m.role.value), m


def _finite(name: str, value: float, lo: float, hi: float, unit: str) -> float:
    try:
        v = float(value)
    except (TypeError, ValueError):
        raise InvalidConditionError(f"{name} {value!r} is not a number") from None
    if not (math.isfinite(v) and lo < v <= hi):
        raise InvalidConditionError(f"{name} {v:g} {unit}: give a value in ({lo:g}, {hi:g}] {unit}")
    return v


def make_stack(
    cathode: str,
    electrolyte: str,
    anode: str = "Li",
    coating: str | None = None,
    *,
    pressure_mpa: float = DEFAULT_PRESSURE_MPA,
    temperature_k: float = DEFAULT_TEMPERATURE_K,
    cutoff_v: tuple[float, float] | None = None,
    atmosphere: str | None = None,
    processing_temperature_k: float | None = None,
    particle_radius_um: float = DEFAULT_PARTICLE_RADIUS_UM,
    database: str = "mp",
    name: str = "",
    params: Parameters | None = None,
) -> StackSpec:
    """Resolve and check a stack (UnknownMaterialError / InvalidConditionError on bad ones)."""
    lc, mc = _layer("cathode", cathode, (Role.CATHODE,))
    le, me = _layer("electrolyte", electrolyte, (Role.ELECTROLYTE, Role.COATING, Role.OTHER))
    la, ma = _layer("anode", anode, (Role.ANODE,))
    layers = [lc]
    if coating is not None and str(coating).strip():
        lco, mco = _layer(
            "coating", coating, (Role.COATING, Role.ELECTROLYTE, Role.INTERPHASE, Role.OTHER)
        )
        if mco.composition.reduced_formula == me.composition.reduced_formula:
            raise InvalidConditionError(
                f"the coating {mco.name} is the electrolyte {me.name}: a coating is a different "
                "layer between the cathode and the electrolyte; leave --coating out for none"
            )
        layers.append(lco)
    layers += [le, la]
    if me.composition.reduced_formula == mc.composition.reduced_formula:
        raise InvalidConditionError(f"the electrolyte {me.name} is the cathode")

    pressure_mpa = _finite("stack pressure", pressure_mpa, 0.0, MAX_STACK_PRESSURE_MPA, "MPa")
    temperature_k = _finite("temperature", temperature_k, T_MIN_K - 1e-9, T_MAX_K, "K")
    if ma.name == "Li" and temperature_k >= LI_MELTING_K:
        raise InvalidConditionError(
            f"{temperature_k:g} K is at or above the melting point of Li ({LI_MELTING_K} K): "
            "a Li-metal cell runs below it"
        )
    cat_lo, cat_hi = mc.potential_range_v or (None, None)
    if cutoff_v is None:
        if cat_lo is None:
            raise InvalidConditionError(f"no operating range known for {mc.name}: give --cutoff")
        cutoff_v = (cat_lo, cat_hi)
    if len(cutoff_v) != 2:
        raise InvalidConditionError("the cut-off takes two voltages: LOWER-UPPER, e.g. 2.8-4.3")
    lo = _finite("lower cut-off", cutoff_v[0], 0.0, 7.0, "V")
    hi = _finite("upper cut-off", cutoff_v[1], 0.0, 7.0, "V")
    if not lo < hi:
        raise InvalidConditionError(f"cut-off {lo:g}-{hi:g} V: the lower must be below the upper")
    an_lo, an_hi = ma.potential_range_v or (0.0, 0.0)
    if an_hi >= lo:
        raise InvalidConditionError(
            f"the anode {ma.name} ({an_lo:g}-{an_hi:g} V vs Li/Li+) is at or above the lower "
            f"cut-off {lo:g} V of the cathode {mc.name}: the cell would have no voltage"
        )
    particle_radius_um = _finite("particle radius", particle_radius_um, 0.0, 1000.0, "um")
    if atmosphere is not None:
        parse_atmosphere(atmosphere)  # refuses unreadable atmospheres now
    if processing_temperature_k is not None:
        processing_temperature_k = _finite(
            "processing temperature", processing_temperature_k, T_MIN_K - 1e-9, T_MAX_K, "K"
        )
        if atmosphere is None:
            atmosphere = "none"

    cathode_side = (lo, hi)
    anode_side = (an_lo, an_hi)
    interfaces = []
    for left, right in itertools.pairwise(layers):
        side = "anode" if right.position == "anode" else "cathode"
        interfaces.append(
            Interface(left, right, side, anode_side if side == "anode" else cathode_side)
        )
    return StackSpec(
        cathode=lc.name,
        electrolyte=le.name,
        anode=la.name,
        coating=layers[1].name if len(layers) == 4 else None,
        pressure_mpa=pressure_mpa,
        temperature_k=temperature_k,
        cutoff_v=(lo, hi),
        atmosphere=atmosphere,
        processing_temperature_k=processing_temperature_k,
        particle_radius_um=particle_radius_um,
        database=database,
        name=name,
        params=params or Parameters(),
        layers=tuple(layers),
        interfaces=tuple(interfaces),
    )


_TOP_KEYS = {
    "name",
    "cathode",
    "coating",
    "electrolyte",
    "anode",
    "database",
    "conditions",
    "params",
}
_CONDITION_KEYS = {
    "pressure_mpa",
    "temperature_k",
    "cutoff_v",
    "atmosphere",
    "processing_temperature_k",
    "particle_radius_um",
}


def read_stack(path: str | Path, params: Parameters | None = None) -> StackSpec:
    """A stack from a TOML file (see the module text); `params` add to (and override) the
    file's [params] tables."""
    p = Path(path)
    data = read_toml(p, "stack file")
    unknown = set(data) - _TOP_KEYS
    if unknown:
        raise InputFileError(
            f"{p}: unknown key(s) {', '.join(sorted(unknown))}; a stack file has "
            f"{', '.join(sorted(_TOP_KEYS))}"
        )
    for key in ("cathode", "electrolyte"):
        if key not in data:
            raise InputFileError(f'{p}: no {key} given (write {key} = "...")')
    cond = data.get("conditions", {})
    if not isinstance(cond, dict) or set(cond) - _CONDITION_KEYS:
        bad = sorted(set(cond) - _CONDITION_KEYS) if isinstance(cond, dict) else ["conditions"]
        raise InputFileError(
            f"{p}: unknown condition(s) {', '.join(bad)}; use {', '.join(sorted(_CONDITION_KEYS))}"
        )
    file_params = params_from_mapping(data.get("params", {}), str(p))
    cutoff = cond.get("cutoff_v")
    if cutoff is not None and (not isinstance(cutoff, list) or len(cutoff) != 2):
        raise InputFileError(f"{p}: cutoff_v must be two voltages, e.g. cutoff_v = [2.8, 4.3]")
    return make_stack(
        str(data["cathode"]),
        str(data["electrolyte"]),
        str(data.get("anode", "Li")),
        data.get("coating"),
        pressure_mpa=cond.get("pressure_mpa", DEFAULT_PRESSURE_MPA),
        temperature_k=cond.get("temperature_k", DEFAULT_TEMPERATURE_K),
        cutoff_v=tuple(cutoff) if cutoff is not None else None,
        atmosphere=cond.get("atmosphere"),
        processing_temperature_k=cond.get("processing_temperature_k"),
        particle_radius_um=cond.get("particle_radius_um", DEFAULT_PARTICLE_RADIUS_UM),
        database=str(data.get("database", "mp")),
        name=str(data.get("name", "")),
        params=file_params.merged(params or Parameters()),
    )
