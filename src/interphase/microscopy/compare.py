"""Compare an experimental image with simulated models: scale, align, score, pick the best.

The experimental image is read from PNG (no calibration: the pixel size must be given),
TIFF or DM3/DM4 (calibration read by rosettasciio), resampled to the model's sampling, and
aligned to each model by cross-correlation. A model image is one periodic cell, so the
correlation over every shift within that cell is exact: the experimental image is folded onto
the cell (pixels summed by position modulo the cell) and correlated with the model by FFT. The
score is the Pearson correlation of the whole experimental image with the aligned, tiled model
(1 = identical up to brightness and contrast). Orientation and scale are taken as calibrated:
rotation and magnification errors are not searched.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from interphase.errors import InputFileError, InvalidConditionError, MissingDataError
from interphase.microscopy.stem import StemImage
from interphase.results import Result

UNIT_TO_A = {"nm": 10.0, "Å": 1.0, "A": 1.0, "angstrom": 1.0, "pm": 0.01, "µm": 1e4, "um": 1e4}
MIN_PIXELS = 16  # per side, after resampling
MAX_PIXELS = 8192  # per side


@dataclass(frozen=True)
class ExperimentalImage(Result):
    """A measured image: intensities [row, column] and the pixel size in Å (along the
    columns, x; `sampling_y_a` along the rows when the pixels are not square)."""

    source: str
    sampling_a: float
    shape: tuple[int, int]
    image: np.ndarray = field(repr=False)
    sampling_y_a: float | None = None

    def to_dict(self) -> dict[str, Any]:
        d = super().to_dict()
        d.pop("image", None)
        return d


@dataclass(frozen=True)
class ModelScore(Result):
    label: str
    score: float  # Pearson r of image and aligned model, -1..1
    shift_a: tuple[float, float]  # (x, y) of the model origin in the image


@dataclass(frozen=True)
class Comparison(Result):
    """Scores of every model, best first."""

    image: str
    sampling_a: tuple[float, float]  # of the best model
    scores: tuple[ModelScore, ...]
    best: str
    margin: float  # best score minus the runner-up's
    aligned: dict[str, np.ndarray] = field(default_factory=dict, repr=False)
    resampled: np.ndarray = field(default_factory=lambda: np.zeros((0, 0)), repr=False)

    def to_dict(self) -> dict[str, Any]:
        d = super().to_dict()
        d.pop("aligned", None)
        d.pop("resampled", None)
        return d


def read_image(path: Path | str, *, pixel_size_a: float | None = None) -> ExperimentalImage:
    """An image from PNG/TIFF/DM3/DM4; `pixel_size_a` overrides (or, for PNG, supplies)
    the calibration. Colour images are averaged to grey; a TIFF stack gives its first page."""
    path = Path(path)
    if not path.is_file():
        raise InputFileError(f"image file {str(path)!r} does not exist or is not a file")
    if pixel_size_a is not None and not (
        math.isfinite(pixel_size_a) and 0.001 < pixel_size_a < 1e4
    ):
        raise InvalidConditionError(f"pixel size {pixel_size_a:g} Å: give 0.001..10000 Å")
    suffix = path.suffix.lower()
    scale: tuple[float, float] | None = None
    if suffix == ".png":
        import matplotlib.image as mpimg

        try:
            data = np.asarray(mpimg.imread(path), dtype=float)
        except Exception as exc:  # PIL/matplotlib raise many kinds for a damaged file
            raise InputFileError(f"cannot read {path.name!r} as PNG: {exc}") from None
    elif suffix in {".tif", ".tiff", ".dm3", ".dm4"}:
        data, scale = _read_rsciio(path, suffix)
    else:
        raise InputFileError(
            f"cannot read {path.name!r}: give a .png, .tif/.tiff, .dm3 or .dm4 image"
        )
    if data.ndim == 3:
        data = data[..., :3].mean(axis=-1) if data.shape[-1] in (3, 4) else data[0]
    if data.ndim != 2 or min(data.shape) < MIN_PIXELS:
        raise InputFileError(f"{path.name!r} is not a 2D image of at least {MIN_PIXELS} pixels")
    if not np.all(np.isfinite(data)):
        raise InputFileError(f"{path.name!r} holds NaN or infinite pixels")
    if pixel_size_a is not None:
        scale = (pixel_size_a, pixel_size_a)
    if scale is None:
        raise MissingDataError(
            f"{path.name!r} carries no pixel size: give it (--pixel-size, Å per pixel)"
        )
    return ExperimentalImage(
        source=str(path),
        sampling_a=float(scale[0]),
        shape=tuple(data.shape),
        image=data,
        sampling_y_a=float(scale[1]) if abs(scale[1] - scale[0]) > 1e-12 else None,
    )


def _read_rsciio(path: Path, suffix: str) -> tuple[np.ndarray, tuple[float, float] | None]:
    """Data and (x, y) pixel size in Å, or None when the file names no length unit."""
    try:
        if suffix in {".dm3", ".dm4"}:
            from rsciio.digitalmicrograph import file_reader
        else:
            from rsciio.tiff import file_reader
    except ImportError:  # pragma: no cover - rosettasciio is in the microscopy extra
        raise MissingDataError(
            "reading TIFF/DM3/DM4 needs rosettasciio: pip install 'interphase[microscopy]'"
        ) from None
    try:
        signals = file_reader(str(path))
    except Exception as exc:  # the readers raise many kinds for damaged files
        raise InputFileError(f"cannot read {path.name!r}: {exc}") from None
    sig = signals[0]
    data = np.asarray(sig["data"], dtype=float)
    axes = [a for a in sig.get("axes", []) if a.get("navigate") is not True] or sig["axes"]
    scale = None
    if len(axes) >= 2:
        found = []
        for ax in (axes[-1], axes[-2]):  # columns (x), then rows (y)
            unit = str(ax.get("units", "") or "") or _imagej_unit(path, suffix)
            if unit in UNIT_TO_A and ax.get("scale"):
                found.append(float(ax["scale"]) * UNIT_TO_A[unit])
        scale = (found[0], found[1]) if len(found) == 2 else None
    if data.ndim == 3:
        data = data[0]
    return data, scale


def _imagej_unit(path: Path, suffix: str) -> str:
    """The length unit an ImageJ TIFF names in its description (rosettasciio leaves it)."""
    if suffix not in {".tif", ".tiff"}:
        return ""
    import tifffile

    try:
        with tifffile.TiffFile(path) as tif:
            meta = tif.imagej_metadata or {}
    except Exception:  # not readable as TIFF after all: no unit
        return ""
    unit = str(meta.get("unit", ""))
    return {"micron": "µm", "\\u00B5m": "µm"}.get(unit, unit)


def _resample(experiment: ExperimentalImage, to_a: tuple[float, float]) -> np.ndarray:
    from scipy.ndimage import zoom

    image = experiment.image
    sy = experiment.sampling_y_a or experiment.sampling_a
    factors = (sy / to_a[1], experiment.sampling_a / to_a[0])
    shape = [round(n * f) for n, f in zip(image.shape, factors, strict=True)]
    if min(shape) < MIN_PIXELS or max(shape) > MAX_PIXELS:
        raise InvalidConditionError(
            f"resampled to the model's pixel size the image would be {shape[0]} x {shape[1]} "
            f"pixels; give an image of {MIN_PIXELS}..{MAX_PIXELS} pixels per side at that scale"
        )
    return zoom(image, factors, order=1, mode="nearest", grid_mode=False)


def align(image: np.ndarray, model: np.ndarray) -> tuple[tuple[int, int], np.ndarray, float]:
    """Best shift (rows, columns) of the periodic `model` cell under `image` (same pixel
    size), the tiled aligned model, and the Pearson correlation at that shift."""
    ny, nx = model.shape
    h, w = image.shape
    e = image - image.mean()
    folded = np.zeros((ny, nx))
    rows, cols = np.indices(image.shape)
    np.add.at(folded, (rows % ny, cols % nx), e)
    m = model - model.mean()
    corr = np.real(np.fft.ifft2(np.fft.fft2(folded) * np.conj(np.fft.fft2(m))))
    dy, dx = np.unravel_index(int(np.argmax(corr)), corr.shape)
    tiled = np.roll(m, (dy, dx), axis=(0, 1))
    tiled = np.tile(tiled, (math.ceil(h / ny), math.ceil(w / nx)))[:h, :w]
    denom = np.linalg.norm(e) * np.linalg.norm(tiled - tiled.mean())
    r = float((e * (tiled - tiled.mean())).sum() / denom) if denom > 0 else 0.0
    return (int(dy), int(dx)), tiled + model.mean(), r


def compare_images(experiment: ExperimentalImage, models: Mapping[str, StemImage]) -> Comparison:
    """Score `experiment` against each simulated model; `resampled` and `sampling_a` of the
    result are those of the best model."""
    if not models:
        raise InvalidConditionError("give at least one model image to compare with")
    scores, aligned = [], {}
    resampled = np.zeros((0, 0))
    for label, m in models.items():
        # each model keeps its own cell, so each gets the image at its own pixel size
        resampled = _resample(experiment, m.sampling_a)
        (dy, dx), tiled, r = align(resampled, m.image)
        scores.append(ModelScore(label, r, (dx * m.sampling_a[0], dy * m.sampling_a[1])))
        aligned[label] = tiled
    scores.sort(key=lambda s: -s.score)
    margin = scores[0].score - scores[1].score if len(scores) > 1 else float("nan")
    best = models[scores[0].label]
    resampled = _resample(experiment, best.sampling_a)
    return Comparison(
        image=experiment.source,
        sampling_a=(float(best.sampling_a[0]), float(best.sampling_a[1])),
        scores=tuple(scores),
        best=scores[0].label,
        margin=float(margin),
        aligned=aligned,
        resampled=resampled,
    )
