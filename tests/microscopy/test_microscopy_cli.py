"""The stem, fingerprint and stem-compare commands: tables, JSON, one-line errors.

Breaking the code on purpose: removing the length check of orient.parse_zone makes
"--zone 1,0" an internal error (exit 1) and test_bad_input_is_one_line fails.
"""

from __future__ import annotations

import json

import pytest

from interphase.cli.app import run

pytest.importorskip("abtem")

TINY = ["--zone", "0,0,1", "--thickness", "0.3", "--scan-sampling", "1", "--probe-window", "0"]


def test_stem_json_and_image(tmp_path, capsys):
    out = tmp_path / "li.tif"
    assert (
        run(
            [
                "stem",
                "Li",
                *TINY,
                "--detector",
                "haadf",
                "--detector",
                "abf",
                "--json",
                "--image",
                str(out),
            ]
        )
        == 0
    )
    data = json.loads(capsys.readouterr().out)
    dets = [im["detector"] for im in data["images"]]
    assert dets == ["haadf", "abf"] and out.stat().st_size > 0
    # ABF collects inside the bright-field cone: most of the probe reaches it
    assert data["images"][1]["mean"] > data["images"][0]["mean"]


def test_fingerprint_tables(capsys):
    assert run(["fingerprint", "LiCoO2", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["order"]["phase"].startswith("layered")
    assert run(["fingerprint", "LLZO"]) == 0
    assert "tetragonal" in capsys.readouterr().out


@pytest.mark.parametrize(
    "argv",
    [
        ["stem", "LiCoO2", "--zone", "1,0"],
        ["stem", "LiCoO2", "--zone", "x,y,z"],
        ["stem", "LiFePO4", "--zone", "0,1,0"],
        ["stem", "LiCoO2", "--zone", "13,1,0"],
        ["stem", "LiCoO2", "--semiangle", "1000"],
        ["stem", "LiCoO2", "--energy", "5"],
        ["stem", "LiCoO2", "--detector-angles", "200,100"],
        ["stem", "LiCoO2", "--detector", "eels"],
        ["stem", "LiCoO2", "--frozen-phonons", "4"],
        ["stem", "Li", *TINY, "--device", "gpu"],
        ["fingerprint", "Li"],
        ["fingerprint", "LiCoO2", "--slab", "0.5"],
        ["stem-compare", "missing.png", "LiCoO2"],
    ],
)
def test_bad_input_is_one_line(argv, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("interphase: error:") and err.count("\n") == 1, err


def test_stem_compare_png_needs_pixel_size(tmp_path, capsys):
    import matplotlib.image as mpimg
    import numpy as np

    path = tmp_path / "exp.png"
    mpimg.imsave(path, np.random.default_rng(0).random((40, 40)), cmap="gray")
    assert run(["stem-compare", str(path), "LiCoO2"]) == 2
    assert "pixel size" in capsys.readouterr().err


def test_stem_compare_end_to_end(tmp_path, capsys):
    """An image of bcc Li (tiled 4 x 4, Poisson noise) is matched to Li, not to LiF."""
    from dataclasses import replace

    import numpy as np

    from interphase.atomistic.structures import load_structure
    from interphase.microscopy.stem import save_image, simulate_stem

    sim = simulate_stem(
        load_structure("Li"), (0, 0, 1), thickness_nm=0.3, scan_sampling_a=1, probe_window_a=0
    )
    img = sim.images[0]
    arr = np.tile(img.image, (4, 4))
    noisy = np.random.default_rng(3).poisson(arr / arr.max() * 200).astype(float)
    exp = replace(img, image=noisy, extent_a=tuple(4 * e for e in img.extent_a))
    path = save_image(exp, tmp_path / "exp.tif")
    plot = tmp_path / "cmp.png"
    argv = ["stem-compare", str(path), "Li", "LiF", *TINY, "--json", "--plot", str(plot)]
    assert run(argv) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["best"] == "Li" and data["margin"] > 0.1
    assert plot.stat().st_size > 0
