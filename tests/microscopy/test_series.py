"""Evolution series: the layer contrast of LiCoO2 [100] HAADF falls as Co enters the Li layer.

With a fraction x of Li exchanged, the Li and Co layers hold 1-x and x Co, so their contrast
goes to zero at x = 0.5 (both layers alike, up to the random draw).

Breaking the code on purpose: reading the contrast at the O columns instead of the cation
layers (fingerprint.cation_layers_a without the anion filter) flattens the x = 0 contrast
below 0.5 and test_layer_contrast_falls_with_mixing fails.
"""

from __future__ import annotations

import pytest

from interphase.errors import InvalidConditionError
from interphase.microscopy.series import (
    save_animation,
    save_strip,
    stem_series,
    trajectory_frames,
)


def test_layer_contrast_falls_with_mixing(mixing_series):
    c = [f.contrast.mean_contrast for f in mixing_series.frames]
    assert c[0] > 0.5
    assert c[0] > c[1] > c[2]
    assert c[2] < 0.25
    eta = [f.order.order_parameter for f in mixing_series.frames]
    assert eta[0] == pytest.approx(1) and eta[1] == pytest.approx(0.5, abs=0.05)


def test_strip_png_and_animation(mixing_series, tmp_path):
    from PIL import Image

    out = save_strip(mixing_series, tmp_path / "strip.png")
    assert out.stat().st_size > 10_000
    gif = save_animation(mixing_series, tmp_path / "series.gif")
    with Image.open(gif) as im:
        assert im.n_frames == len(mixing_series.frames)


def test_series_limits():
    with pytest.raises(InvalidConditionError):
        stem_series([])


def test_trajectory_frames(tmp_path):
    from ase.build import bulk
    from ase.io import write

    frames = []
    for k in range(5):
        a = bulk("Cu", "fcc", a=3.6 + 0.01 * k)
        frames.append(a)
    write(tmp_path / "run.extxyz", frames)
    got = trajectory_frames(tmp_path / "run.extxyz", every=2)
    assert [round(s.lattice.a * 2**0.5, 3) for s in got] == [3.6, 3.62, 3.64]


def test_intensity_profile_across_an_interface(coarse_preset, coarse):
    """A LiF | NiO interface model (atomistic.interfaces.build_interface) seen edge-on along
    [100]: across the interface every Ni layer is brighter in HAADF than every Li layer
    (Z 28 vs 3), so the profile tells the two sides apart layer by layer."""
    from interphase.atomistic.interfaces import build_interface
    from interphase.microscopy.fingerprint import cation_layers, layer_contrast
    from interphase.microscopy.stem import simulate_stem

    model = build_interface("LiF", "NiO", max_area_a2=60)
    sim = simulate_stem(model.structure, "1,0,0", preset=coarse_preset, thickness_nm=0.85, **coarse)
    layers = cation_layers(sim.columns_xy_a, axis="y")
    prof = layer_contrast(sim.images[0], [p for p, _ in layers], axis="y")
    ni = [i for (_, el), i in zip(layers, prof.layer_intensity, strict=True) if el == "Ni"]
    li = [i for (_, el), i in zip(layers, prof.layer_intensity, strict=True) if el == "Li"]
    assert ni and li and min(ni) > 2 * max(li)
