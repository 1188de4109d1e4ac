"""Contact vs pressure for material pairs."""

import numpy as np
import pytest

from interphase.citations import cite
from interphase.contact.anode import critical_stripping_current, dendrite_assessment
from interphase.contact.pressure import contact_vs_pressure
from interphase.errors import InvalidConditionError, MissingDataError


def test_ceramic_pair_uses_gw_and_resistance_falls():
    r = contact_vs_pressure("LLZO", "LCO", [1, 10, 100])
    assert r.model == "greenwood-williamson"
    assert np.all(np.diff(r.contact_fraction) > 0)
    assert np.all(np.diff(r.total_asr_ohm_cm2) < 0)
    assert r.composite_modulus_gpa == pytest.approx(1 / (0.934 / 149.8 + 0.9424 / 191.0), rel=1e-3)
    assert set(r.sources) >= {"greenwood1966", "ni2012", "murugan2007"}


def test_li_pair_is_plastic_and_reaches_full_contact():
    r = contact_vs_pressure("Li", "LLZO", [0.5, 1.0, 5.0])
    assert r.model == "plastic"
    assert r.contact_fraction[0] == pytest.approx(0.5 / 2.4)
    assert r.contact_fraction[-1] == 1.0
    crept = contact_vs_pressure("Li", "LLZO", [0.5], hold_time_s=3600)
    assert crept.contact_fraction[0] > r.contact_fraction[0]


def test_bad_pairs():
    with pytest.raises(InvalidConditionError):
        contact_vs_pressure("LLZO", "LCO", [-1])
    with pytest.raises(MissingDataError, match="conductivity"):
        contact_vs_pressure("LCO", "graphite", [1])


def test_every_cited_key_resolves():
    results = [
        contact_vs_pressure("LLZO", "LCO", [1.0]),
        contact_vs_pressure("Li", "LPS", [1.0], hold_time_s=10),
        critical_stripping_current([1.0]),
    ]
    keys = [k for r in results for k in r.sources]
    d = dendrite_assessment("LPS")
    keys += list(d.monroe_newman.sources) + list(d.flaw.sources)
    for k in keys:
        assert cite(k).key == k
