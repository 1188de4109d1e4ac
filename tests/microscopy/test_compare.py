"""The comparison picks the model an "experimental" image was made from.

The experiment is the x = 0.25 cation-mixed LiCoO2 [100] image, tiled 2 x 2, shifted by a
non-integer number of cells, with Poisson noise at 50 counts at the brightest pixel, written
as a calibrated TIFF and read back. Candidates: x = 0, 0.25 and 0.5.

Breaking the code on purpose: dropping the fold of the image onto the model cell in
compare.align (correlating at shift 0 only) makes the shifted image match x = 0.5 better
and test_picks_the_right_model fails.
"""

from __future__ import annotations

import numpy as np
import pytest

from interphase.errors import InputFileError, MissingDataError
from interphase.microscopy.compare import compare_images, read_image
from interphase.microscopy.stem import save_image


def _experiment(frame, tmp_path, seed=7):
    from dataclasses import replace

    rng = np.random.default_rng(seed)
    arr = np.roll(np.tile(frame.image.image, (2, 2)), (5, 3), axis=(0, 1))
    noisy = rng.poisson(arr / arr.max() * 50).astype(float)
    img = replace(frame.image, image=noisy, extent_a=tuple(2 * e for e in frame.image.extent_a))
    return read_image(save_image(img, tmp_path / "experiment.tif"))


def test_picks_the_right_model(mixing_series, tmp_path):
    exp = _experiment(mixing_series.frames[1], tmp_path)
    models = {f.label: f.image for f in mixing_series.frames}
    res = compare_images(exp, models)
    assert res.best == "x = 0.25", res.scores
    assert res.margin > 0.1  # measured 0.17-0.18 for noise seeds 7, 8, 9
    # the shift found is the one applied: 5 rows, 3 columns (modulo the cell)
    top = res.scores[0]
    s = mixing_series.frames[1].image.sampling_a
    assert top.shift_a == pytest.approx((3 * s[0], 5 * s[1]), abs=1e-9)


def test_identical_image_scores_one(mixing_series):
    from interphase.microscopy.compare import ExperimentalImage

    img = mixing_series.frames[0].image
    exp = ExperimentalImage(
        "same", img.sampling_a[0], img.image.shape, img.image, img.sampling_a[1]
    )
    res = compare_images(exp, {"self": img})
    assert res.scores[0].score == pytest.approx(1.0, abs=1e-9)
    assert res.scores[0].shift_a == (0.0, 0.0)


def test_png_needs_a_pixel_size(tmp_path):
    import matplotlib.image as mpimg

    path = tmp_path / "a.png"
    mpimg.imsave(path, np.random.default_rng(0).random((32, 32)), cmap="gray")
    with pytest.raises(MissingDataError, match="pixel size"):
        read_image(path)
    assert read_image(path, pixel_size_a=0.2).shape == (32, 32)
    with pytest.raises(InputFileError):
        read_image(tmp_path / "missing.dm4")
    (tmp_path / "bad.dm3").write_bytes(b"not a dm3 file")
    with pytest.raises(InputFileError):
        read_image(tmp_path / "bad.dm3", pixel_size_a=0.1)
