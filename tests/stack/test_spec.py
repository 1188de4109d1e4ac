"""Stack specification: resolution, the refusals of impossible stacks, TOML files."""

from pathlib import Path

import pytest

from interphase.errors import InputFileError, InvalidConditionError, UnknownMaterialError
from interphase.stack import make_stack, read_stack

EXAMPLES = Path(__file__).parents[2] / "examples" / "stacks"


def test_interfaces_of_an_uncoated_and_a_coated_stack():
    s = make_stack("NCM811", "Li6PS5Cl", "Li")
    assert [i.label for i in s.interfaces] == ["NCM811 | Li6PS5Cl", "Li6PS5Cl | Li"]
    assert [i.side for i in s.interfaces] == ["cathode", "anode"]
    assert s.cutoff_v == (3.0, 4.3)  # the catalog's range of NCM811
    c = make_stack("NCM811", "Li6PS5Cl", "Li", "LiNbO3", cutoff_v=(2.8, 4.25))
    assert [i.label for i in c.interfaces] == [
        "NCM811 | LiNbO3",
        "LiNbO3 | Li6PS5Cl",
        "Li6PS5Cl | Li",
    ]
    # cathode-side interfaces see the cut-offs, the anode side sees Li metal
    assert c.interfaces[1].potential_v == (2.8, 4.25)
    assert c.interfaces[2].potential_v == (0.0, 0.0)


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        (dict(cathode="NCM811", electrolyte="LLZO", anode="LCO"), "not an anode"),  # two cathodes
        (dict(cathode="Li", electrolyte="LLZO", anode="Li"), "not a cathode"),  # two anodes
        (dict(cathode="LCO", electrolyte="LLZO", coating="Li7La3Zr2O12"), "is the electrolyte"),
        (
            dict(cathode="LCO", electrolyte="LLZO", anode="graphite", cutoff_v=(0.2, 4.2)),
            "no voltage",
        ),
        (dict(cathode="LCO", electrolyte="LLZO", cutoff_v=(4.2, 3.0)), "lower must be below"),
        (dict(cathode="LCO", electrolyte="LLZO", pressure_mpa=0.0), "stack pressure"),
        (dict(cathode="LCO", electrolyte="LLZO", pressure_mpa=float("nan")), "stack pressure"),
        (dict(cathode="LCO", electrolyte="LLZO", temperature_k=500.0), "melting point of Li"),
        (dict(cathode="LCO", electrolyte="LLZO", atmosphere="neon"), "atmosphere"),
        (dict(cathode="LCO", electrolyte=""), "empty"),
    ],
)
def test_impossible_stacks_are_refused(kwargs, words):
    kwargs.setdefault("anode", "Li")
    with pytest.raises(InvalidConditionError, match=words):
        make_stack(**kwargs)


def test_unknown_material():
    with pytest.raises(UnknownMaterialError):
        make_stack("NCM811", "Unobtainium", "Li")


def test_example_files_read(tmp_path):
    files = sorted(EXAMPLES.glob("*.toml"))
    assert len(files) >= 4
    specs = [read_stack(f) for f in files]
    air = next(s for s in specs if s.atmosphere == "air")
    assert air.processing_temperature_k == 973
    bad = tmp_path / "bad.toml"
    bad.write_text('cathode = "LCO"\nelectrolyte = "LLZO"\ncolour = "blue"\n')
    with pytest.raises(InputFileError, match="unknown key"):
        read_stack(bad)
    bad.write_text('cathode = "LCO"\nelectrolyte = "LLZO"\n[params.LCO]\npoisson_ratio = 0.7\n')
    with pytest.raises(InvalidConditionError, match="poisson_ratio"):
        read_stack(bad)
    bad.write_text("cathode = ")
    with pytest.raises(InputFileError, match="not valid TOML"):
        read_stack(bad)
    with pytest.raises(InputFileError, match="does not exist"):
        read_stack(tmp_path / "missing.toml")
