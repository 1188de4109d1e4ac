"""Named instrument presets: probe and detector geometry of probe-corrected STEMs.

Angles in mrad, energies in keV, aberrations in Å (abTEM's unit; 1 µm = 1e4 Å). The presets
are an aberration-free (ideally corrected) probe: every residual aberration is zero unless the
user sets it, because residuals differ from one instrument and one alignment to the next.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from interphase.errors import InvalidConditionError, MissingDataError
from interphase.results import Result

# Bounds of what a transmission electron microscope can be set to; outside them a value is a
# typo (60-300 kV instruments exist; 30-1250 kV covers SEM-STEM to high-voltage TEMs).
ENERGY_KEV_RANGE = (30.0, 1250.0)
MAX_SEMIANGLE_MRAD = 100.0  # larger apertures are not formed by any corrector in use
MAX_DETECTOR_MRAD = 500.0
MAX_ABERRATION_A = 1e8  # 1 cm: C5 of uncorrected lenses is a few mm
MAX_SOURCE_SIZE_A = 5.0


@dataclass(frozen=True)
class InstrumentPreset(Result):
    """Probe and detectors of one STEM setting. Detector ranges are (inner, outer) in mrad."""

    name: str
    energy_kev: float
    semiangle_mrad: float
    haadf_mrad: tuple[float, float]
    abf_mrad: tuple[float, float]
    bf_mrad: tuple[float, float]
    defocus_a: float = 0.0
    cs_a: float = 0.0
    c5_a: float = 0.0
    source_size_fwhm_a: float = 0.0
    citations: tuple[str, ...] = ()
    note: str = ""

    @property
    def wavelength_a(self) -> float:
        """Relativistic electron wavelength in Å."""
        m0c2_kev = 510.99895
        hc_kev_a = 12.398419843
        e = self.energy_kev
        return hc_kev_a / math.sqrt(e * (2 * m0c2_kev + e))

    def detector(self, name: str) -> tuple[float, float]:
        """(inner, outer) mrad of "haadf", "abf" or "bf"."""
        key = name.lower()
        if key not in DETECTORS:
            raise InvalidConditionError(
                f"unknown detector {name!r}: give one of {', '.join(DETECTORS)}"
            )
        return getattr(self, f"{key}_mrad")


DETECTORS = ("haadf", "abf", "bf")

_RULE = (
    "HAADF inner angle 3x the convergence semi-angle (incoherent Z-contrast), ABF from half "
    "to the full semi-angle (Findlay et al. 2010), BF inside a fifth of it"
)

PRESETS: dict[str, InstrumentPreset] = {
    p.name: p
    for p in (
        InstrumentPreset(
            name="corrected-200kv",
            energy_kev=200.0,
            semiangle_mrad=25.0,
            haadf_mrad=(75.0, 200.0),
            abf_mrad=(12.5, 25.0),
            bf_mrad=(0.0, 5.0),
            citations=("findlay2010abf", "madsen2021abtem"),
            note=f"probe-corrected 200 kV (e.g. a JEOL ARM200F class column); {_RULE}",
        ),
        InstrumentPreset(
            name="corrected-300kv",
            energy_kev=300.0,
            semiangle_mrad=22.0,
            haadf_mrad=(66.0, 200.0),
            abf_mrad=(11.0, 22.0),
            bf_mrad=(0.0, 4.4),
            citations=("findlay2010abf", "madsen2021abtem"),
            note=f"probe-corrected 300 kV (e.g. a Titan/ARM300F class column); {_RULE}",
        ),
    )
}
DEFAULT_PRESET = "corrected-200kv"


def get_preset(name: str = DEFAULT_PRESET) -> InstrumentPreset:
    """A preset by name; MissingDataError names the known ones."""
    try:
        return PRESETS[name]
    except KeyError:
        raise MissingDataError(
            f"unknown instrument preset {name!r}: known are {', '.join(PRESETS)}; or set the "
            "probe by hand (energy, convergence, detector angles)"
        ) from None


def customise(preset: InstrumentPreset, **changes: object) -> InstrumentPreset:
    """The preset with some values set by hand (None leaves a value), checked."""
    given = {k: v for k, v in changes.items() if v is not None}
    out = replace(preset, **given)
    if given:
        out = replace(out, name=f"{preset.name} (modified: {', '.join(sorted(given))})")
    check_preset(out)
    return out


def check_preset(p: InstrumentPreset) -> None:
    """Refuse probe settings no microscope has, before any simulation."""
    values = [p.energy_kev, p.semiangle_mrad, p.defocus_a, p.cs_a, p.c5_a, p.source_size_fwhm_a]
    values += [*p.haadf_mrad, *p.abf_mrad, *p.bf_mrad]
    if not all(math.isfinite(v) for v in values):
        raise InvalidConditionError("probe settings must be finite numbers")
    lo, hi = ENERGY_KEV_RANGE
    if not lo <= p.energy_kev <= hi:
        raise InvalidConditionError(
            f"beam energy {p.energy_kev:g} keV: give {lo:g}..{hi:g} keV (TEM/STEM range)"
        )
    if not 0 < p.semiangle_mrad <= MAX_SEMIANGLE_MRAD:
        raise InvalidConditionError(
            f"convergence semi-angle {p.semiangle_mrad:g} mrad: give (0, {MAX_SEMIANGLE_MRAD:g}]"
        )
    for name in DETECTORS:
        inner, outer = p.detector(name)
        if not 0 <= inner < outer <= MAX_DETECTOR_MRAD:
            raise InvalidConditionError(
                f"{name.upper()} detector {inner:g}-{outer:g} mrad: give 0 <= inner < outer "
                f"<= {MAX_DETECTOR_MRAD:g} mrad"
            )
    for label, v in (("defocus", p.defocus_a), ("Cs", p.cs_a), ("C5", p.c5_a)):
        if abs(v) > MAX_ABERRATION_A:
            raise InvalidConditionError(
                f"{label} {v:g} Å: give |{label}| <= {MAX_ABERRATION_A:g} Å (1 cm)"
            )
    if not 0 <= p.source_size_fwhm_a <= MAX_SOURCE_SIZE_A:
        raise InvalidConditionError(
            f"source size {p.source_size_fwhm_a:g} Å FWHM: give 0..{MAX_SOURCE_SIZE_A:g} Å"
        )
