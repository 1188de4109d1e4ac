"""Physical contact: real contact area under stack pressure, constriction resistance,
chemo-mechanical stress and delamination, and the Li-metal anode (voids and dendrites).

Engines only: plain inputs with units in their names, frozen results with `to_dict()`.
See docs/contact.md for the equations, validity ranges and sources.
"""

from interphase.contact.anode import (
    calibrate_stress_transfer,
    critical_stripping_current,
    dendrite_assessment,
    flaw_penetration,
    monroe_newman,
    monroe_newman_ratio,
    pressure_for_stripping_current,
)
from interphase.contact.area import (
    greenwood_williamson,
    hertz_contact,
    li_creep_contact,
    persson_contact_fraction,
    plastic_contact_fraction,
)
from interphase.contact.chemomechanics import (
    film_delamination,
    misfit_sphere,
    particle_in_electrolyte,
)
from interphase.contact.constriction import (
    greenwood_cluster_resistance_ohm,
    interface_resistance,
    spot_constriction_resistance_ohm,
)
from interphase.contact.pressure import contact_vs_pressure

__all__ = [
    "calibrate_stress_transfer",
    "contact_vs_pressure",
    "critical_stripping_current",
    "dendrite_assessment",
    "film_delamination",
    "flaw_penetration",
    "greenwood_cluster_resistance_ohm",
    "greenwood_williamson",
    "hertz_contact",
    "interface_resistance",
    "li_creep_contact",
    "misfit_sphere",
    "monroe_newman",
    "monroe_newman_ratio",
    "particle_in_electrolyte",
    "persson_contact_fraction",
    "plastic_contact_fraction",
    "pressure_for_stripping_current",
    "spot_constriction_resistance_ohm",
]
