"""Parameters a user supplies where the library has no sourced value (or wants another one).

A parameter is named ``MATERIAL.PROPERTY`` with a property of
:class:`~interphase.materials.mechanics.MechanicalParameters` (``NCM811.youngs_modulus_gpa``),
given on the command line (``--param NCM811.youngs_modulus_gpa=140``) or in a TOML file::

    [NCM811]
    youngs_modulus_gpa = 140
    poisson_ratio = 0.3

A supplied value replaces the library's and is labelled ``source = "user"`` wherever it is
used, so a report always says which numbers came from the user. Values are checked against
physical bounds (a Poisson ratio in (-1, 0.5), a modulus up to 2000 GPa, ...).
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path

from interphase.errors import InputFileError, InvalidConditionError
from interphase.materials.material import Quantity
from interphase.results import Result

USER_SOURCE = "user"

# property -> (unit, lowest, highest, lower bound inclusive)
PROPERTY_BOUNDS: dict[str, tuple[str, float, float, bool]] = {
    "youngs_modulus_gpa": ("GPa", 0.0, 2000.0, False),
    "shear_modulus_gpa": ("GPa", 0.0, 1000.0, False),
    "bulk_modulus_gpa": ("GPa", 0.0, 1000.0, False),
    "poisson_ratio": ("", -1.0, 0.5, False),
    "hardness_gpa": ("GPa", 0.0, 200.0, False),
    "yield_strength_mpa": ("MPa", 0.0, 1.0e5, False),
    "fracture_toughness_mpa_sqrt_m": ("MPa m^0.5", 0.0, 100.0, False),
    "li_conductivity_s_cm": ("S/cm", 0.0, 1.0e3, False),
    "li_activation_energy_ev": ("eV", 0.0, 5.0, False),
    "electronic_conductivity_s_cm": ("S/cm", 0.0, 1.0e6, False),
    "li_diffusivity_cm2_s": ("cm^2/s", 0.0, 1.0, False),
    "volume_change_fraction": ("", -0.5, 0.5, True),
    "density_g_cm3": ("g/cm^3", 0.0, 30.0, False),
    "molar_volume_cm3_mol": ("cm^3/mol", 0.0, 1000.0, False),
    # layer and interface properties the evolution engine reads (interphase.evolution)
    "relative_permittivity": ("", 1.0, 1.0e4, True),
    "carrier_concentration_cm3": ("cm^-3", 0.0, 1.0e23, False),
    "thickness_nm": ("nm", 0.0, 1.0e7, False),
    "exchange_current_ma_cm2": ("mA/cm^2", 0.0, 1.0e4, False),
    "initial_thickness_nm": ("nm", 0.0, 1.0e4, True),
    "contact_loss_per_cycle": ("", 0.0, 1.0, True),
}


@dataclass(frozen=True)
class Parameters(Result):
    """User-supplied values: (material, property, value) in the property's unit."""

    values: tuple[tuple[str, str, float], ...] = ()

    def for_material(self, name: str) -> dict[str, float]:
        key = name.strip().lower()
        return {p: v for m, p, v in self.values if m.strip().lower() == key}

    def get(self, name: str, prop: str) -> float | None:
        """The user's value of `name`.`prop`, or None."""
        return self.for_material(name).get(prop)

    def merged(self, other: Parameters) -> Parameters:
        """These values, then `other`'s (a later value for the same parameter wins)."""
        out: dict[tuple[str, str], float] = {}
        for m, p, v in (*self.values, *other.values):
            out[(m.lower(), p)] = v
        names = {m.lower(): m for m, _, _ in (*self.values, *other.values)}
        return Parameters(tuple((names[m], p, v) for (m, p), v in out.items()))

    def apply(self, params):
        """`params` (MechanicalParameters) with this material's supplied values put in (the
        properties it has; the evolution engine reads the others with `get`)."""
        have = {f.name for f in fields(params)}
        updates = {
            prop: Quantity(value, PROPERTY_BOUNDS[prop][0], USER_SOURCE, "given by the user")
            for prop, value in self.for_material(params.name).items()
            if prop in have
        }
        return replace(params, **updates) if updates else params


def check_value(material: str, prop: str, value: float) -> float:
    """`value` if it is a finite number within the property's physical bounds."""
    if prop not in PROPERTY_BOUNDS:
        raise InvalidConditionError(
            f"unknown parameter {material}.{prop}: use one of {', '.join(PROPERTY_BOUNDS)}"
        )
    unit, lo, hi, inclusive = PROPERTY_BOUNDS[prop]
    ok = math.isfinite(value) and (lo <= value if inclusive else lo < value) and value <= hi
    if not ok:
        bracket = "[" if inclusive else "("
        where = f"{bracket}{lo:g}, {hi:g}] {unit}".rstrip()
        raise InvalidConditionError(f"{material}.{prop} = {value:g}: give a value in {where}")
    return float(value)


def parse_param(text: str) -> tuple[str, str, float]:
    """``"NCM811.youngs_modulus_gpa=140"`` -> (material, property, value)."""
    name, sep, raw = text.partition("=")
    material, dot, prop = name.strip().rpartition(".")
    if not sep or not dot or not material or not prop:
        raise InvalidConditionError(
            f"cannot read parameter {text!r}: write MATERIAL.PROPERTY=VALUE, e.g. "
            "NCM811.youngs_modulus_gpa=140"
        )
    try:
        value = float(raw)
    except ValueError:
        raise InvalidConditionError(
            f"parameter {name.strip()}: {raw.strip()!r} is not a number"
        ) from None
    prop = prop.strip()
    return material.strip(), prop, check_value(material.strip(), prop, value)


def parse_params(texts: list[str] | tuple[str, ...] | None) -> Parameters:
    return Parameters(tuple(parse_param(t) for t in texts or ()))


def params_from_mapping(data: dict, where: str) -> Parameters:
    """{material: {property: value}} (a parsed TOML table) -> Parameters."""
    out: list[tuple[str, str, float]] = []
    for material, table in data.items():
        if not isinstance(table, dict):
            raise InputFileError(f"{where}: [{material}] must be a table of PROPERTY = VALUE lines")
        for prop, value in table.items():
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise InputFileError(f"{where}: {material}.{prop} = {value!r} is not a number")
            out.append((material, prop, check_value(material, prop, float(value))))
    return Parameters(tuple(out))


def read_toml(path: str | Path, what: str) -> dict:
    """A TOML file as a dict; InputFileError naming `what` ("stack file") otherwise."""
    p = Path(path)
    try:
        return tomllib.loads(p.read_text())
    except FileNotFoundError:
        raise InputFileError(f"{what} {p} does not exist") from None
    except IsADirectoryError:
        raise InputFileError(f"{p} is a folder, not a {what}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputFileError(f"cannot read {what} {p}: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise InputFileError(f"{what} {p} is not valid TOML: {exc}") from None


def read_param_file(path: str | Path) -> Parameters:
    """A TOML parameter file (see the module text)."""
    return params_from_mapping(read_toml(path, "parameter file"), str(path))
