import pytest

from interphase.coatings.practicality import practicality
from interphase.coatings.ranking import Objectives, pareto_layers, parse_weights, score
from interphase.errors import InvalidConditionError


def test_pareto_layers():
    objs = [
        Objectives(0.0, 0.0, 1.0),  # front
        Objectives(-0.1, 0.0, 1.0),  # dominated by 0
        Objectives(-0.2, -0.1, 0.5),  # dominated by 0 and 1
        Objectives(-0.3, 0.0, 2.0),  # front (widest window)
    ]
    assert pareto_layers(objs) == [1, 2, 3, 1]


def test_weights():
    w = parse_weights("window=0,electrolyte=2")
    assert w == {"electrode": 1.0, "electrolyte": 2.0, "window": 0.0}
    assert score(Objectives(-0.1, -0.05, 0.0), w) == pytest.approx(1.0 + 2 * 0.5)
    for bad in ("foo=1", "window", "window=-1", "window=x"):
        with pytest.raises(InvalidConditionError):
            parse_weights(bad)


def test_practicality_flags():
    p = practicality("LiTaO3")
    assert p.scarcest_element == "Ta" and p.min_abundance_ppm == 2.0
    assert not any(f.startswith("toxic") for f in p.flags)
    assert any("Cd" in f for f in practicality("LiCdPO4").flags)
    assert any("scarce: Te" in f for f in practicality("Li2TeO3").flags)


def test_candidate_file_with_cif(tmp_path):
    from importlib import resources

    from interphase.coatings.candidates import read_candidate_file
    from interphase.errors import InputFileError

    cif = resources.files("interphase").joinpath("data", "structures", "LiNbO3_R3c.cif")
    p = tmp_path / "c.txt"
    p.write_text(f"LiPO3\n{cif}  # a structure\nLLZO\n")
    cands = read_candidate_file(p)
    assert [c.formula for c in cands] == ["LiPO3", "LiNbO3", "Li7La3Zr2O12"]
    assert cands[1].name == "LiNbO3_R3c" and cands[2].name == "LLZO"
    (tmp_path / "e.txt").write_text("# none\n")
    with pytest.raises(InputFileError, match="empty"):
        read_candidate_file(tmp_path / "e.txt")
