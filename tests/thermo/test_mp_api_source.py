"""mp-api conversion, tested on stored documents of the API's ThermoDoc schema (no network).

The documents in data/ were built from current-MP (MP2020) Li-Co-O entries in the project's
shared fixtures, in the fields the client returns (material_id, formula_pretty,
composition_reduced, formation_energy_per_atom, thermo_type), plus one R2SCAN document that
must be ignored.
"""

import json
from pathlib import Path

import pytest

from interphase.errors import DatabaseUnavailableError
from interphase.thermo.mp_api_source import MPAPIDatabase, records_from_thermo_docs
from interphase.thermo.stability import hull_analysis
from interphase.thermo.window import stability_window

DOCS = json.loads((Path(__file__).parent / "data" / "mp_api_thermo_docs_Li-Co-O.json").read_text())


def _fake_fetch(calls):
    def fetch(chemsys):
        calls.append(tuple(chemsys))
        wanted = set(chemsys)
        return [d for d in DOCS if "-".join(sorted(d["composition_reduced"])) in wanted]

    return fetch


def test_conversion_keeps_gga_documents_only():
    recs = records_from_thermo_docs(DOCS)
    assert len(recs) == len(DOCS) - 1
    assert all(mid != "mp-r2scan" for _, _, mid in recs)


def test_live_database_builds_hulls_per_system_once():
    calls = []
    db = MPAPIDatabase(_fake_fetch(calls))
    h = hull_analysis("LiCoO2", db)
    assert h.database == "mp-api"
    assert h.energy_above_hull_ev_per_atom == pytest.approx(0.0, abs=1e-9)
    best = min(d["formation_energy_per_atom"] for d in DOCS if d["formula_pretty"] == "LiCoO2")
    assert h.energy_ev_per_atom == pytest.approx(best)
    w = stability_window("LiCoO2", db)
    assert 3.0 < w.oxidation_v < 4.5
    assert len(calls) == 1  # Li-Co-O fetched once, then cached


def test_no_key_is_one_clear_error(monkeypatch, capsys):
    monkeypatch.delenv("MP_API_KEY", raising=False)
    from interphase.thermo.database import get_database

    get_database.cache_clear()
    with pytest.raises(DatabaseUnavailableError, match="MP_API_KEY"):
        get_database("mp-api")
    from interphase.cli.app import run

    assert run(["hull", "LiCoO2", "--database", "mp-api"]) == 2
    assert "MP_API_KEY" in capsys.readouterr().err
