"""Server-side checks of every form field of the web app.

Each check takes the raw value a browser sent (any JSON value: a crafted request can send a
list where a string is expected) and returns the clean value or raises `FieldError`, which
names the field so that the page shows the message next to it. Materials go through the
package's own parser (`materials.get_material`), conditions through `thermo.conditions`; the
limits here only keep a request small before any engine sees it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from interphase.errors import InterphaseError, InvalidConditionError

MAX_TEXT_CHARS = 64  # a material name or formula; the longest catalog formula has 30
MAX_ATMOSPHERE_CHARS = 80  # "O2=0.21,CO2=4e-4,H2O=0.03" and room to spare
MAX_NUMBER_CHARS = 32


class FieldError(InvalidConditionError):
    """A form value the app refuses; `field` is the id of the input it belongs to."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class PairInput:
    """A checked pair request: both materials resolved, conditions built."""

    a: str
    b: str
    potential_v: float | None
    atmosphere: str | None
    temperature_k: float


def text(field: str, value: Any, what: str, max_chars: int = MAX_TEXT_CHARS) -> str:
    """A non-empty single-line string of at most `max_chars` characters."""
    if value is None or (isinstance(value, str) and not value.strip()):
        raise FieldError(field, f"give {what}")
    if not isinstance(value, str):
        raise FieldError(field, f"{what}: expected text, got {type(value).__name__}")
    s = value.strip()
    if len(s) > max_chars:
        raise FieldError(field, f"{what}: at most {max_chars} characters, got {len(s)}")
    if any(not c.isprintable() for c in s):
        raise FieldError(field, f"{what}: only printable characters on one line")
    return s


def material(field: str, value: Any, what: str = "a material") -> str:
    """A catalog name, alias or formula (the catalog's parser decides); returns the text."""
    from interphase.materials import get_material

    s = text(field, value, what)
    try:
        get_material(s)
    except InterphaseError as exc:
        raise FieldError(field, str(exc)) from None
    return s


def number(
    field: str,
    value: Any,
    what: str,
    lo: float,
    hi: float,
    unit: str,
    optional: bool = False,
) -> float | None:
    """A finite number in [lo, hi]; None for an empty optional field. Text is parsed here
    (the inputs are text boxes, so a typo reaches the server and is explained)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if optional:
            return None
        raise FieldError(field, f"give {what} ({unit})")
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise FieldError(field, f"{what}: expected a number, got {type(value).__name__}")
    if isinstance(value, str):
        if len(value) > MAX_NUMBER_CHARS:
            raise FieldError(field, f"{what}: not a number (too long)")
        try:
            v = float(value.strip())
        except ValueError:
            raise FieldError(field, f"{what}: {value.strip()!r} is not a number") from None
    else:
        v = float(value)
    if not math.isfinite(v):
        raise FieldError(field, f"{what} must be a finite number")
    if not lo <= v <= hi:
        raise FieldError(field, f"{what} {v:g} {unit}: give a value in {lo:g}..{hi:g} {unit}")
    return v


def atmosphere(field: str, value: Any) -> str | None:
    """Empty (no gas), air, o2, ar or GAS=bar pairs, read by `thermo.conditions`."""
    from interphase.thermo.conditions import Conditions, parse_atmosphere

    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    s = text(field, value, "the atmosphere", MAX_ATMOSPHERE_CHARS)
    if s.lower() == "none":
        return None
    try:
        label, gases = parse_atmosphere(s)
        Conditions(gases_bar=gases, atmosphere=label)
    except InterphaseError as exc:
        raise FieldError(field, str(exc)) from None
    return s


def choice(field: str, value: Any, allowed: tuple[str, ...], what: str) -> str:
    if not isinstance(value, str) or value not in allowed:
        raise FieldError(field, f"{what}: choose one of {', '.join(allowed)}")
    return value


def pair_input(
    a: Any, b: Any, potential: Any, atmosphere_text: Any, temperature: Any
) -> tuple[PairInput | None, dict[str, str]]:
    """Check every field of the pair form; (input, {}) or (None, {field id: message})."""
    from interphase.thermo.conditions import POTENTIAL_RANGE_V
    from interphase.thermo.gases import T_MAX_K, T_MIN_K

    errors: dict[str, str] = {}
    out: dict[str, Any] = {}
    checks = {
        "pair-a": lambda: material("pair-a", a, "material A"),
        "pair-b": lambda: material("pair-b", b, "material B"),
        "pair-potential": lambda: number(
            "pair-potential", potential, "the potential", *POTENTIAL_RANGE_V, "V", optional=True
        ),
        "pair-atmosphere": lambda: atmosphere("pair-atmosphere", atmosphere_text),
        "pair-temperature": lambda: number(
            "pair-temperature", temperature, "the temperature", T_MIN_K, T_MAX_K, "K"
        ),
    }
    for field_id, check in checks.items():
        try:
            out[field_id] = check()
        except FieldError as exc:
            errors[exc.field] = str(exc)
    if errors:
        return None, errors
    return (
        PairInput(
            out["pair-a"],
            out["pair-b"],
            out["pair-potential"],
            out["pair-atmosphere"],
            out["pair-temperature"],
        ),
        {},
    )


def field_of_engine_error(message: str, default: str) -> str:
    """Which pair field an engine's refusal belongs to (shown next to it)."""
    m = message.lower()
    if "atmosphere" in m or "gas" in m or "partial pressure" in m:
        return "pair-atmosphere"
    if "open elements" in m or "reservoir" in m or "potential" in m:
        return "pair-potential"
    if "temperature" in m or " k " in m:
        return "pair-temperature"
    return default
