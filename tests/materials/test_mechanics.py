"""Mechanics parameter library: sources, lookups, MP table."""

import pytest

from interphase.citations import cite
from interphase.errors import MissingDataError, UnknownMaterialError
from interphase.materials.mechanics import (
    MP_FORMULAS,
    composite_modulus_gpa,
    get_mechanics,
    li_volume_strain,
    mechanics_names,
    mp_elastic_moduli,
)

CATALOG_NAMES = {
    "Li", "graphite", "LCO", "NCM811", "NCM523", "LNMO", "LFP", "LLZO", "LGPS", "LPS",
    "Li6PS5Cl", "LAGP", "LATP", "LiPON", "Li3InCl6", "Al2O3", "LiNbO3", "PEO",
}  # fmt: skip


def test_every_catalog_name_is_present_and_every_source_has_a_doi():
    assert set(mechanics_names()) == CATALOG_NAMES
    assert set(MP_FORMULAS) == CATALOG_NAMES
    for name in mechanics_names():
        for key in get_mechanics(name).citation_keys():
            c = cite(key)
            assert c.doi or c.url, f"{key} has neither DOI nor URL"


def test_catalog_values_are_merged_not_duplicated():
    # conductivities live in the catalog; the mechanics record shows them with their source
    assert get_mechanics("LLZO").li_conductivity_s_cm.source == "murugan2007"
    assert get_mechanics("garnet").name == "LLZO"  # a catalog alias
    assert get_mechanics("Li3PS4").name == "LPS"  # a catalog formula
    empty = get_mechanics("LLTO")  # in the catalog, no mechanics here
    with pytest.raises(MissingDataError, match="LLTO"):
        empty.require("youngs_modulus_gpa")


def test_values_are_physical():
    for name in mechanics_names():
        p = get_mechanics(name)
        for q in (p.youngs_modulus_gpa, p.shear_modulus_gpa, p.bulk_modulus_gpa):
            if q is not None:
                assert q.value > 0
                if q.low is not None:
                    assert q.low <= q.value <= q.high
        if p.poisson_ratio is not None:
            assert 0 < p.poisson_ratio.value < 0.5


def test_li_values():
    li = get_mechanics("li")
    assert li.value("shear_modulus_gpa") == pytest.approx(2.83)
    assert 0.7 < li.value("yield_strength_mpa") < 0.9
    assert li.value("whisker_growth_stress_mpa") == 130.0
    assert li.value("submicron_yield_strength_mpa") == 244.0
    assert li.value("molar_volume_cm3_mol") == pytest.approx(13.0, abs=0.1)
    # isotropic consistency of the sourced E, G, nu: E = 2 G (1 + nu)
    assert li.value("youngs_modulus_gpa") == pytest.approx(
        2 * li.value("shear_modulus_gpa") * (1 + li.value("poisson_ratio")), rel=0.01
    )


def test_missing_property_message_names_material_and_property():
    with pytest.raises(MissingDataError) as info:
        get_mechanics("PEO").require("shear_modulus_gpa")
    msg = str(info.value)
    assert "PEO" in msg and "shear_modulus_gpa" in msg and "\n" not in msg
    with pytest.raises(UnknownMaterialError):
        get_mechanics("unobtainium")


def test_volume_strain_window():
    lco = get_mechanics("LCO")
    assert li_volume_strain(lco, 0.0, 1.0) == pytest.approx(0.02)
    assert li_volume_strain(lco, 0.0, 0.5) == pytest.approx(0.01)
    assert li_volume_strain(get_mechanics("NCM811"), 0, 1) < 0


def test_composite_modulus_symmetric():
    a, b = get_mechanics("LLZO"), get_mechanics("LCO")
    assert composite_modulus_gpa(a, b) == pytest.approx(composite_modulus_gpa(b, a))


def test_mp_table_beside_literature():
    li = mp_elastic_moduli("Li")
    assert li.n_rows >= 2 and li.sources == ("dunn2020", "jain2013")
    assert 2 < li.shear_modulus_gpa < 10  # PBE ideal crystal vs 2.83 GPa measured
    lps = mp_elastic_moduli("LPS")
    assert lps.formula == "Li3PS4"
    assert lps.shear_modulus_gpa == pytest.approx(
        get_mechanics("LPS").value("shear_modulus_gpa"), rel=0.2
    )
    with pytest.raises(MissingDataError):
        mp_elastic_moduli("NCM811")
    with pytest.raises(MissingDataError):
        mp_elastic_moduli("LiCoO2")
