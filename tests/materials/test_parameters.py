"""User-supplied parameters: parsed, bounded, merged, and labelled where they are used."""

import pytest

from interphase.errors import InputFileError, InvalidConditionError
from interphase.materials.mechanics import get_mechanics
from interphase.materials.parameters import (
    USER_SOURCE,
    parse_param,
    parse_params,
    read_param_file,
)


def test_parse_and_apply_labels_the_value_user():
    p = parse_params(["NCM811.youngs_modulus_gpa=200", "ncm811.poisson_ratio=0.3"])
    m = p.apply(get_mechanics("NCM811"))
    assert m.youngs_modulus_gpa.value == 200 and m.youngs_modulus_gpa.source == USER_SOURCE
    assert m.poisson_ratio.value == 0.3  # material names match case-insensitively
    # the library's own sourced values are kept where the user gave nothing
    assert m.volume_change_fraction.source == get_mechanics("NCM811").volume_change_fraction.source


def test_later_values_win():
    a = parse_params(["LCO.poisson_ratio=0.2"])
    b = parse_params(["LCO.poisson_ratio=0.25"])
    assert a.merged(b).for_material("LCO") == {"poisson_ratio": 0.25}


@pytest.mark.parametrize(
    "text",
    [
        "LCO.poisson_ratio=0.5000001",  # above the thermodynamic limit 0.5
        "LCO.poisson_ratio=-1",
        "LCO.youngs_modulus_gpa=0",
        "LCO.youngs_modulus_gpa=nan",
        "LCO.youngs_modulus_gpa=inf",
        "LCO.volume_change_fraction=0.9",
        "LCO.colour=3",
        "LCO.youngs_modulus_gpa=abc",
        "youngs_modulus_gpa=3",
        "LCO.youngs_modulus_gpa",
    ],
)
def test_bad_parameters_refused(text):
    with pytest.raises(InvalidConditionError):
        parse_param(text)


def test_parameter_file(tmp_path):
    f = tmp_path / "p.toml"
    f.write_text("[NCM811]\nyoungs_modulus_gpa = 200\npoisson_ratio = 0.3\n")
    assert read_param_file(f).for_material("NCM811") == {
        "youngs_modulus_gpa": 200.0,
        "poisson_ratio": 0.3,
    }
    f.write_text("[NCM811]\nyoungs_modulus_gpa = 'stiff'\n")
    with pytest.raises(InputFileError, match="not a number"):
        read_param_file(f)
    f.write_text("youngs_modulus_gpa = 200\n")
    with pytest.raises(InputFileError, match="must be a table"):
        read_param_file(f)
