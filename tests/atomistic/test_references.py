"""Tests for atomistic/references.py: the published transport values and their lookup."""

from __future__ import annotations

import pytest

from interphase.atomistic.references import (
    METHODS,
    TRANSPORT_REFERENCES,
    TransportReference,
    references_for,
)
from interphase.citations import cite
from interphase.errors import InvalidConditionError, UnknownMaterialError


def test_every_citation_key_resolves_and_is_locatable():
    for ref in TRANSPORT_REFERENCES:
        c = cite(ref.citation_key)
        assert ref.citation() == c
        assert c.doi or c.url, f"{ref.citation_key} has neither DOI nor URL"


def test_values_are_physical():
    for ref in TRANSPORT_REFERENCES:
        assert ref.method in METHODS
        assert ref.ea_ev is not None or ref.sigma_300k_s_cm is not None
        if ref.ea_ev is not None:
            assert 0 < ref.ea_ev < 1.0, ref
        if ref.sigma_300k_s_cm is not None:
            # superionic sulfides reach ~1e-2 S/cm; nothing here may exceed liquids by 10x
            assert 1e-8 < ref.sigma_300k_s_cm < 1e-1, ref
        assert ref.conditions.strip()


def test_references_are_unique():
    keys = [(r.material, r.method, r.citation_key, r.ea_ev) for r in TRANSPORT_REFERENCES]
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize("query", ["Li10GeP2S12", "LGPS", "Li20Ge2P4S24"])
def test_lgps_lookup_by_formula_alias_and_multiple(query):
    refs = references_for(query)
    assert {r.citation_key for r in refs} == {"materzanini2020", "kamaya2011", "kuhn2013lgps"}
    assert all(r.reduced_formula == "Li10Ge(PS6)2" for r in refs)


def test_argyrodite_lookup_and_empty_result():
    assert [r.citation_key for r in references_for("argyrodite")] == ["roseronavarro2023"]
    assert references_for("Li2S") == ()


def test_unknown_name_raises():
    with pytest.raises(UnknownMaterialError):
        references_for("not-a-material")


@pytest.mark.parametrize(
    "bad",
    [
        {"method": "DFT"},
        {"ea_ev": -0.1},
        {"sigma_300k_s_cm": 0.0},
        {"ea_ev": None, "sigma_300k_s_cm": None},
        {"temperature_range_k": (900.0, 600.0)},
    ],
)
def test_validation_rejects_bad_entries(bad):
    fields = {
        "material": "Li10GeP2S12",
        "method": "AIMD",
        "ea_ev": 0.2,
        "ea_std_ev": None,
        "sigma_300k_s_cm": None,
        "temperature_range_k": None,
        "conditions": "test",
        "citation_key": "materzanini2020",
    }
    with pytest.raises(InvalidConditionError):
        TransportReference(**{**fields, **bad})


def test_to_dict_is_plain():
    d = TRANSPORT_REFERENCES[0].to_dict()
    assert d["material"] == "Li10GeP2S12"
    assert d["temperature_range_k"] is None or isinstance(d["temperature_range_k"], list)


# No sanity test relating sigma(300 K) to Ea: none of the retrieved sources gives the
# conductivity at two temperatures (each gives one room-temperature value and an Ea), so an
# Arrhenius consistency check would need an invented prefactor.
