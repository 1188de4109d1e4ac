"""Timing of the physical-contact engines (closed-form models: milliseconds per call).

Run: .venv/bin/python benchmarks/bench_contact.py
"""

from __future__ import annotations

import time

import numpy as np

from interphase.contact import (
    contact_vs_pressure,
    critical_stripping_current,
    dendrite_assessment,
    greenwood_williamson,
    li_creep_contact,
    particle_in_electrolyte,
)
from interphase.materials.mechanics import get_mechanics


def _time(label: str, fn, repeat: int = 20) -> None:
    fn()  # warm caches (parameter library, MP table)
    t0 = time.perf_counter()
    for _ in range(repeat):
        fn()
    dt = (time.perf_counter() - t0) / repeat
    print(f"{label:<50s} {dt * 1e3:8.3f} ms")


def main() -> None:
    pressures = np.logspace(-1, 2, 31)
    _time("GW contact, one pressure", lambda: greenwood_williamson(10.0, 0.1, 1.0, 0.5, 90.0))
    _time("LLZO|LCO contact vs 31 pressures", lambda: contact_vs_pressure("LLZO", "LCO", pressures))
    _time(
        "Li|LLZO creep contact, 31 pressures, 1 h hold",
        lambda: contact_vs_pressure("Li", "LLZO", pressures, hold_time_s=3600),
    )
    _time("Li creep flattening, 1000 times", lambda: li_creep_contact(1.0, np.logspace(0, 6, 1000)))
    _time("stripping limit, 31 pressures", lambda: critical_stripping_current(pressures, 298.15))
    _time("dendrite assessment (LPS)", lambda: dendrite_assessment("LPS"))
    lco, llzo = get_mechanics("LCO"), get_mechanics("LLZO")
    _time(
        "LCO particle in LLZO (stress, delamination)",
        lambda: particle_in_electrolyte(lco, llzo, 5.0, interfacial_toughness=1.0),
    )


if __name__ == "__main__":
    main()
