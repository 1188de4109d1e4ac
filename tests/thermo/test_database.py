"""The shipped table against its own decomposition-energy column (Bartel et al. 2020)."""

import gzip
import json
from pathlib import Path

import numpy as np
import pytest
from pymatgen.core import Composition

from interphase.thermo.database import decomposition_energy_column, get_database
from interphase.thermo.stability import hull_analysis


def test_table_reproduces_its_decomposition_energies():
    col = decomposition_energy_column()
    li = sorted(f for f in col if "Li" in Composition(f).as_dict() and len(Composition(f)) <= 4)
    rng = np.random.default_rng(2020)
    sample = rng.choice(li, size=40, replace=False)
    db = get_database("mp")
    worst = 0.0
    for f in sample:
        ours = hull_analysis(str(f), db).decomposition_energy_ev_per_atom
        worst = max(worst, abs(ours - col[f]))
    assert worst < 0.002, f"largest deviation {worst * 1000:.2f} meV/atom"


def test_databases_are_separate_and_report_provenance():
    mp, oq = get_database("mp"), get_database("oqmd")
    assert mp.info.licence == oq.info.licence == "CC BY 4.0"
    assert "jain2013" in mp.info.citations and "saal2013" in oq.info.citations
    # OQMD lacks LGPS (data README); MP has it
    assert mp.energy_of("Li10GeP2S12") is not None
    assert oq.energy_of("Li10GeP2S12") is None
    # junk rows (|dH| > 5 eV/atom) were dropped
    assert np.abs(oq.energies).max() <= 5.0


def test_user_entries_join_the_hull(tmp_path):
    path = tmp_path / "entries.csv"
    path.write_text("formula,e_form_per_atom\nLi5La3Zr2O12,-3.5\n")
    from interphase.thermo.database import read_user_entries

    db = get_database("mp").with_user_entries(read_user_entries(path), "user:entries.csv")
    res = hull_analysis("Li5La3Zr2O12", db)
    assert res.energy_source == "database"
    assert res.energy_ev_per_atom == pytest.approx(-3.5)
    assert "user:entries.csv" in db.labels


def test_pymatgen_entry_list_becomes_formation_energies():
    from monty.json import MontyDecoder
    from pymatgen.analysis.phase_diagram import PhaseDiagram

    from interphase.thermo.database import read_user_entries

    # current-MP (MP2020) Li-O ComputedStructureEntries with total energies and elements
    path = Path(__file__).parent / "data" / "mp2020_Li-O_entries.json.gz"
    recs = read_user_entries(path)
    raw = json.loads(gzip.decompress(path.read_bytes()))
    pd = PhaseDiagram(MontyDecoder().process_decoded(raw))
    li2o = min(
        (e for e in pd.all_entries if e.composition.reduced_formula == "Li2O"),
        key=lambda e: e.energy_per_atom,
    )
    ours = min(v for k, v in recs if Composition(k).reduced_formula == "Li2O")
    assert ours == pytest.approx(pd.get_form_energy_per_atom(li2o), abs=1e-9)


def test_user_entries_are_labelled_in_reaction_output(tmp_path):
    from interphase.thermo.database import read_user_entries
    from interphase.thermo.reaction import pseudo_binary

    path = tmp_path / "mine.csv"
    # a hypothetical very stable Li-Zr-O phase: it must appear among the products, labelled
    path.write_text("formula,e_form_per_atom\nLi4ZrO4,-3.9\n")
    db = get_database("mp").with_user_entries(read_user_entries(path), "user:mine.csv")
    res = pseudo_binary("Li2O", "ZrO2", db)
    assert any("Li4ZrO4" in k.products for k in res.kinks)
    assert any("Li4ZrO4" in f and "user:mine.csv" in f for f in res.flags)
