"""Grades of the scorecard: green / amber / red per interface and level, with the reason in words
and the number behind it; grey where a part was not computed (and why).

The thresholds are the report's conventions, stated once here and in docs/analyze.md:

- chemical: the interphase verdict (thermo.verdict). stable or kinetically stabilised: green;
  passivating (reacts, then self-limits) or undetermined: amber; mixed-conducting (keeps
  growing) or ion-blocking (stops Li+): red.
- physical: the interface's constriction ASR at the stack pressure against the voltage it
  costs at 1 mA/cm^2 (REFERENCE_CURRENT_MA_CM2): below 20 ohm cm^2 (20 mV) green, above
  100 ohm cm^2 (0.1 V) red; delamination red; electrolyte cracking by the particle amber;
  at a Li anode, a stripping limit below the reference current red and Li able to open a
  1 um flaw amber.
- transport: the lowest Li+ conductivity among the interface's layers and the interphase
  products: above 1e-4 S/cm green, below 1e-6 S/cm red; an electron-conducting coating red.
"""

from __future__ import annotations

from dataclasses import dataclass

from interphase.results import Result

ORDER = {"green": 0, "grey": 1, "amber": 2, "red": 3}
REFERENCE_CURRENT_MA_CM2 = 1.0
ASR_GREEN_OHM_CM2 = 20.0
ASR_RED_OHM_CM2 = 100.0
SIGMA_GREEN_S_CM = 1e-4
SIGMA_RED_S_CM = 1e-6
LEVELS = ("chemical", "physical", "transport", "evolution")


@dataclass(frozen=True)
class Grade(Result):
    """`colour`: green | amber | red | grey (not computed); `number` and `unit` give the value
    the grade rests on (None when it rests on a classification)."""

    colour: str
    reason: str
    number: float | None = None
    unit: str = ""


@dataclass(frozen=True)
class NotComputed(Result):
    """A part of the analysis that could not run: what, why, and how to supply what is
    missing."""

    part: str
    reason: str
    hint: str = ""


def worst(grades: list[Grade]) -> Grade:
    """The worst of several grades (red > amber > grey > green); grey if none."""
    if not grades:
        return Grade("grey", "nothing evaluated")
    return max(grades, key=lambda g: ORDER[g.colour])


def chemical_grade(kind: str, driving_force_ev_per_atom: float, where: str) -> Grade:
    mev = driving_force_ev_per_atom * 1000.0
    words = {
        "stable": "no reaction",
        "kinetically_stabilized": "reaction below the kinetic threshold",
        "passivating": "reacts; the products block electrons, so the layer self-limits",
        "undetermined": "the method cannot decide at this temperature",
        "mixed_conducting": "electron-conducting products: the interphase keeps growing",
        "ion_blocking": "the products block Li+",
    }[kind]
    colour = {
        "stable": "green",
        "kinetically_stabilized": "green",
        "passivating": "amber",
        "undetermined": "amber",
        "mixed_conducting": "red",
        "ion_blocking": "red",
    }[kind]
    return Grade(colour, f"{where}: {words} ({kind})", mev, "meV/atom")


def asr_grade(asr_ohm_cm2: float, what: str) -> Grade:
    if asr_ohm_cm2 < ASR_GREEN_OHM_CM2:
        colour = "green"
    elif asr_ohm_cm2 > ASR_RED_OHM_CM2:
        colour = "red"
    else:
        colour = "amber"
    drop_mv = asr_ohm_cm2 * REFERENCE_CURRENT_MA_CM2
    return Grade(
        colour,
        f"{what}: {drop_mv:.3g} mV lost at {REFERENCE_CURRENT_MA_CM2:g} mA/cm2",
        asr_ohm_cm2,
        "ohm cm2",
    )


def conductivity_grade(sigma_s_cm: float, what: str) -> Grade:
    if sigma_s_cm >= SIGMA_GREEN_S_CM:
        colour = "green"
    elif sigma_s_cm < SIGMA_RED_S_CM:
        colour = "red"
    else:
        colour = "amber"
    return Grade(colour, f"lowest Li+ conductivity: {what}", sigma_s_cm, "S/cm")
