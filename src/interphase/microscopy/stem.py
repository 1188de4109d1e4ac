"""HAADF, ABF and BF STEM images by multislice (abTEM), on CPU or GPU.

One multislice run feeds every requested detector. The potential sampling follows from the
largest outer detector angle (abTEM's anti-aliasing keeps 2/3 of the reciprocal grid, so the
grid must reach that angle); the scan sampling defaults to the probe's Nyquist sampling.
Frozen phonons need the rms thermal displacement: there is no default for it, since it
depends on the material and the temperature (Debye-Waller factors). A finite source is a
Gaussian blur of the image (FWHM in Å); dose noise is Poisson at a dose in e/Å^2.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from interphase.errors import InvalidConditionError, MissingDataError
from interphase.microscopy.orient import OrientedCell, orient_structure
from interphase.microscopy.presets import (
    DEFAULT_PRESET,
    DETECTORS,
    InstrumentPreset,
    check_preset,
    get_preset,
)
from interphase.results import Result

if TYPE_CHECKING:
    from pymatgen.core import Structure

MAX_FROZEN_PHONONS = 200
MAX_SIGMA_A = 0.5  # rms thermal displacement; above it the crystal has melted
MAX_DOSE = 1e9  # e/Å^2; far beyond any beam-sensitive or robust specimen
MIN_SCAN_SAMPLING_A, MAX_SCAN_SAMPLING_A = 0.01, 5.0
MIN_POTENTIAL_SAMPLING_A, MAX_POTENTIAL_SAMPLING_A = 0.005, 0.5
MAX_SCAN_POSITIONS = 1_000_000
MAX_GRID_POINTS = 8192**2
DEVICES = ("cpu", "gpu")
ALIAS_FRACTION = 2 / 3  # abTEM's anti-aliasing aperture


@dataclass(frozen=True)
class StemImage(Result):
    """One simulated image. `image[iy, ix]`: x along the first in-plane cell vector, y along
    the second (Å); intensity as the fraction of the incident probe reaching the detector
    (or counts per pixel after dose noise)."""

    detector: str
    detector_mrad: tuple[float, float]
    image: np.ndarray = field(repr=False)
    sampling_a: tuple[float, float]
    extent_a: tuple[float, float]
    formula: str
    zone: tuple[int, int, int]
    thickness_a: float
    settings: dict[str, Any] = field(default_factory=dict)
    citations: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        d = super().to_dict()
        d["shape"] = list(self.image.shape)
        d["mean"] = float(self.image.mean())
        d["min"] = float(self.image.min())
        d["max"] = float(self.image.max())
        return d


@dataclass(frozen=True)
class StemSimulation(Result):
    """Images of one specimen from one multislice run, with the specimen they show."""

    images: tuple[StemImage, ...]
    cell: OrientedCell
    preset: InstrumentPreset
    wall_time_s: float
    columns_xy_a: tuple[tuple[str, float, float], ...] = field(default=(), repr=False)

    def get(self, detector: str) -> StemImage:
        for im in self.images:
            if im.detector == detector.lower():
                return im
        raise MissingDataError(
            f"no {detector} image: simulated were {', '.join(i.detector for i in self.images)}"
        )


def nyquist_sampling_a(preset: InstrumentPreset) -> float:
    """Scan sampling that resolves every frequency the probe carries: λ / (4 α), Å."""
    return preset.wavelength_a / (4 * preset.semiangle_mrad * 1e-3)


def potential_sampling_for(preset: InstrumentPreset, outer_mrad: float) -> float:
    """Coarsest potential sampling (Å) whose anti-aliased grid reaches `outer_mrad`, 2 % spare."""
    return ALIAS_FRACTION * preset.wavelength_a / (2 * outer_mrad * 1e-3) / 1.02


def check_stem_settings(
    *,
    frozen_phonons: int,
    sigma_a: float | None,
    dose_e_per_a2: float | None,
    scan_sampling_a: float | None,
    potential_sampling_a: float | None,
    slice_thickness_a: float,
    device: str,
    seed: int = 0,
) -> None:
    """Refuse settings out of range before any work."""
    if not 0 <= seed < 2**32:
        raise InvalidConditionError(f"seed {seed}: give 0..{2**32 - 1}")
    if not 0 <= frozen_phonons <= MAX_FROZEN_PHONONS:
        raise InvalidConditionError(
            f"frozen phonons {frozen_phonons}: give 0 (static lattice) to {MAX_FROZEN_PHONONS}"
        )
    if frozen_phonons and sigma_a is None:
        raise MissingDataError(
            "frozen phonons need the rms thermal displacement of the atoms (Å, from the "
            "Debye-Waller factor of the material at its temperature): give it (--sigma)"
        )
    if sigma_a is not None and not (math.isfinite(sigma_a) and 0 < sigma_a <= MAX_SIGMA_A):
        raise InvalidConditionError(f"rms displacement {sigma_a:g} Å: give (0, {MAX_SIGMA_A:g}]")
    if dose_e_per_a2 is not None and not (
        math.isfinite(dose_e_per_a2) and 0 < dose_e_per_a2 <= MAX_DOSE
    ):
        raise InvalidConditionError(f"dose {dose_e_per_a2:g} e/Å^2: give (0, {MAX_DOSE:g}]")
    for label, v, lo, hi in (
        ("scan sampling", scan_sampling_a, MIN_SCAN_SAMPLING_A, MAX_SCAN_SAMPLING_A),
        (
            "potential sampling",
            potential_sampling_a,
            MIN_POTENTIAL_SAMPLING_A,
            MAX_POTENTIAL_SAMPLING_A,
        ),
    ):
        if v is not None and not (math.isfinite(v) and lo <= v <= hi):
            raise InvalidConditionError(f"{label} {v:g} Å: give {lo:g}..{hi:g} Å")
    if not (math.isfinite(slice_thickness_a) and 0.2 <= slice_thickness_a <= 20):
        raise InvalidConditionError(f"slice thickness {slice_thickness_a:g} Å: give 0.2..20 Å")
    if device not in DEVICES:
        raise InvalidConditionError(f"device {device!r}: give one of {', '.join(DEVICES)}")
    if device == "gpu":
        try:
            import cupy  # noqa: F401
        except ImportError:
            raise MissingDataError(
                "device gpu needs CuPy and a CUDA GPU (pip install cupy-cuda12x)"
            ) from None


def simulate_stem(
    structure: Structure | OrientedCell,
    zone: tuple[int, int, int] | str = (0, 0, 1),
    *,
    detectors: Sequence[str] = ("haadf",),
    preset: InstrumentPreset | str = DEFAULT_PRESET,
    thickness_nm: float = 5.0,
    probe_window_a: float = 20.0,
    scan_sampling_a: float | None = None,
    potential_sampling_a: float | None = None,
    slice_thickness_a: float = 2.0,
    frozen_phonons: int = 0,
    sigma_a: float | None = None,
    dose_e_per_a2: float | None = None,
    seed: int = 0,
    device: str = "cpu",
    scan_extent_a: tuple[float, float] | None = None,
    progress_bar: bool = False,
) -> StemSimulation:
    """Images of `structure` seen along `zone` (or of an already oriented cell).

    The scan covers one oriented cell (the model); the potential repeats it in plane to at
    least `probe_window_a` so that the probe does not wrap onto itself. Raises
    InvalidConditionError for settings out of range and when the wanted detector angles
    exceed what the potential sampling can reach. `scan_extent_a` scans only a window
    (x, y) from the cell origin (a zoom, or a timing sample), at most the model cell;
    `progress_bar` lets abTEM draw its own bar on stderr (the CLI sets it on a terminal)."""
    import time

    p = get_preset(preset) if isinstance(preset, str) else preset
    check_preset(p)
    names = [d.lower() for d in detectors]
    for d in names:
        p.detector(d)
    if not names:
        raise InvalidConditionError(f"give at least one detector of {', '.join(DETECTORS)}")
    check_stem_settings(
        frozen_phonons=frozen_phonons,
        sigma_a=sigma_a,
        dose_e_per_a2=dose_e_per_a2,
        scan_sampling_a=scan_sampling_a,
        potential_sampling_a=potential_sampling_a,
        slice_thickness_a=slice_thickness_a,
        device=device,
        seed=seed,
    )
    if not (math.isfinite(probe_window_a) and 0 <= probe_window_a <= 500):
        raise InvalidConditionError(f"probe window {probe_window_a:g} Å: give 0..500 Å")
    if isinstance(structure, OrientedCell):
        cell = structure
        if probe_window_a > min(np.diag(cell.atoms.cell.array)[:2]):
            cell = _tile(cell, probe_window_a)
    else:
        cell = orient_structure(
            structure, zone, thickness_nm=thickness_nm, min_extent_a=probe_window_a
        )
    outer = max(p.detector(d)[1] for d in names)
    needed = potential_sampling_for(p, outer)
    sampling = potential_sampling_a if potential_sampling_a is not None else needed
    if sampling > needed * 1.001:
        raise InvalidConditionError(
            f"potential sampling {sampling:g} Å reaches only "
            f"{ALIAS_FRACTION * p.wavelength_a / (2 * sampling) * 1e3:.0f} mrad, below the "
            f"{outer:g} mrad outer detector angle: give at most {needed:.4f} Å or a smaller "
            "outer angle"
        )
    unit = np.array(cell.extent_a)
    if scan_extent_a is not None:
        window = np.array(scan_extent_a, dtype=float)
        if window.shape != (2,) or not np.all(np.isfinite(window)) or np.any(window <= 0):
            raise InvalidConditionError("scan extent: give two positive lengths in Å")
        unit = np.minimum(unit, window)
    field_a = np.diag(cell.atoms.cell.array)[:2]
    gpts = np.ceil(field_a / sampling).astype(int)
    if gpts.prod() > MAX_GRID_POINTS:
        raise InvalidConditionError(
            f"a {gpts[0]} x {gpts[1]} grid exceeds {MAX_GRID_POINTS} points; coarsen the "
            "potential sampling or shrink the probe window"
        )
    scan_step = scan_sampling_a if scan_sampling_a is not None else nyquist_sampling_a(p)
    n_scan = np.maximum(1, np.round(unit / scan_step)).astype(int)
    if n_scan.prod() > MAX_SCAN_POSITIONS:
        raise InvalidConditionError(
            f"{n_scan.prod()} probe positions exceed {MAX_SCAN_POSITIONS}; coarsen the scan"
        )
    start = time.perf_counter()
    arrays = _run_abtem(
        cell,
        p,
        names,
        gpts=tuple(int(g) for g in gpts),
        unit=unit,
        n_scan=n_scan,
        slice_thickness_a=slice_thickness_a,
        frozen_phonons=frozen_phonons,
        sigma_a=sigma_a,
        seed=seed,
        device=device,
        progress_bar=progress_bar,
    )
    scan_sampling = tuple(float(u / n) for u, n in zip(unit, n_scan, strict=True))
    rng = np.random.default_rng(seed)
    images = []
    settings = {
        "energy_kev": p.energy_kev,
        "semiangle_mrad": p.semiangle_mrad,
        "defocus_a": p.defocus_a,
        "cs_a": p.cs_a,
        "c5_a": p.c5_a,
        "source_size_fwhm_a": p.source_size_fwhm_a,
        "potential_sampling_a": float(sampling),
        "slice_thickness_a": slice_thickness_a,
        "frozen_phonons": frozen_phonons,
        "sigma_a": sigma_a,
        "dose_e_per_a2": dose_e_per_a2,
        "seed": seed,
        "device": device,
        "preset": p.name,
    }
    for name, arr in zip(names, arrays, strict=True):
        arr = np.asarray(arr, dtype=float).T  # abTEM: [x, y] → image rows along y
        if p.source_size_fwhm_a > 0:
            arr = _blur(arr, p.source_size_fwhm_a, scan_sampling)
        if dose_e_per_a2 is not None:
            arr = _dose_noise(arr, dose_e_per_a2, scan_sampling, rng)
        images.append(
            StemImage(
                detector=name,
                detector_mrad=p.detector(name),
                image=arr,
                sampling_a=scan_sampling,
                extent_a=(float(unit[0]), float(unit[1])),
                formula=cell.formula,
                zone=cell.zone,
                thickness_a=cell.thickness_a,
                settings=settings,
                citations=p.citations,
            )
        )
    return StemSimulation(
        images=tuple(images),
        cell=cell,
        preset=p,
        wall_time_s=time.perf_counter() - start,
        columns_xy_a=_columns(cell, unit),
    )


def _tile(cell: OrientedCell, window_a: float) -> OrientedCell:
    """`cell` with its whole field repeated in plane to at least `window_a`."""
    from dataclasses import replace

    field_a = np.diag(cell.atoms.cell.array)[:2]
    reps = [max(1, math.ceil(window_a / f - 1e-9)) for f in field_a]
    atoms = cell.atoms * (reps[0], reps[1], 1)
    return replace(
        cell,
        repeats=(cell.repeats[0] * reps[0], cell.repeats[1] * reps[1], cell.repeats[2]),
        n_atoms=len(atoms),
        atoms=atoms,
    )


def _run_abtem(
    cell: OrientedCell,
    p: InstrumentPreset,
    names: list[str],
    *,
    gpts: tuple[int, int],
    unit: np.ndarray,
    n_scan: np.ndarray,
    slice_thickness_a: float,
    frozen_phonons: int,
    sigma_a: float | None,
    seed: int,
    device: str,
    progress_bar: bool = False,
) -> list[np.ndarray]:
    try:
        import abtem
    except ImportError as exc:  # pragma: no cover - abtem is in the microscopy extra
        raise MissingDataError(
            "STEM simulation needs abTEM: pip install 'interphase[microscopy]'"
        ) from exc
    abtem.config.set({"device": device})
    atoms = cell.atoms
    if frozen_phonons:
        atoms = abtem.FrozenPhonons(atoms, num_configs=frozen_phonons, sigmas=sigma_a, seed=seed)
    potential = abtem.Potential(
        atoms, gpts=gpts, slice_thickness=slice_thickness_a, projection="infinite", device=device
    )
    import contextlib
    import sys

    # dask's bar writes to stdout: keep stdout for the command's table or JSON
    to_stderr = contextlib.redirect_stdout(sys.stderr) if progress_bar else contextlib.nullcontext()
    # build the slices once: a lazy potential is rebuilt for every batch of probe positions
    with to_stderr:
        potential = potential.build().compute(progress_bar=progress_bar)
    probe = abtem.Probe(
        energy=p.energy_kev * 1e3,
        semiangle_cutoff=p.semiangle_mrad,
        aberrations={"C10": -p.defocus_a, "C30": p.cs_a, "C50": p.c5_a},
        device=device,
    )
    probe.grid.match(potential)
    scan = abtem.GridScan(
        start=(0.0, 0.0), end=(float(unit[0]), float(unit[1])), gpts=tuple(int(n) for n in n_scan)
    )
    dets = [abtem.AnnularDetector(inner=p.detector(n)[0], outer=p.detector(n)[1]) for n in names]
    try:
        measured = probe.scan(potential, scan=scan, detectors=dets)
        if not isinstance(measured, list):
            measured = [measured]
        with contextlib.redirect_stdout(sys.stderr) if progress_bar else contextlib.nullcontext():
            computed = abtem.stack(measured).compute(progress_bar=progress_bar)
    except RuntimeError as exc:  # abTEM's own range checks (angles beyond the grid)
        raise InvalidConditionError(f"abTEM refused the settings: {exc}") from None
    arr = np.asarray(computed.array)
    if hasattr(arr, "get"):  # CuPy
        arr = arr.get()
    return [arr[k] for k in range(len(names))]


def _blur(arr: np.ndarray, fwhm_a: float, sampling: tuple[float, float]) -> np.ndarray:
    from scipy.ndimage import gaussian_filter

    sigma = fwhm_a / (2 * math.sqrt(2 * math.log(2)))
    return gaussian_filter(arr, sigma=(sigma / sampling[1], sigma / sampling[0]), mode="wrap")


def _dose_noise(
    arr: np.ndarray, dose: float, sampling: tuple[float, float], rng: np.random.Generator
) -> np.ndarray:
    """Counts per pixel: Poisson draws of the expected electrons reaching the detector."""
    electrons = dose * sampling[0] * sampling[1]
    return rng.poisson(np.clip(arr, 0, None) * electrons).astype(float)


def _columns(cell: OrientedCell, unit: np.ndarray) -> tuple[tuple[str, float, float], ...]:
    """Projected atomic columns of one oriented cell: (element, x, y) in Å, merged within
    0.1 Å, the most frequent element named first when a column is mixed."""
    atoms = cell.atoms
    xy = np.mod(atoms.positions[:, :2], unit)
    keys: dict[tuple[int, int], list[str]] = {}
    for (x, y), sym in zip(xy, atoms.get_chemical_symbols(), strict=True):
        k = (
            round(x / 0.1) % max(1, round(unit[0] / 0.1)),
            round(y / 0.1) % max(1, round(unit[1] / 0.1)),
        )
        keys.setdefault(k, []).append(sym)
    out = []
    for (ix, iy), syms in sorted(keys.items()):
        top = max(set(syms), key=syms.count)
        out.append((top, ix * 0.1, iy * 0.1))
    return tuple(out)


def save_image(image: StemImage, path: Path | str, *, scale_bar_nm: float | None = None) -> Path:
    """Write `image` as PNG (grey map with a scale bar) or TIFF (float32 data with its pixel
    size in the ImageJ calibration, plus a scale bar burnt into a second, 8-bit page)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in {".png", ".tif", ".tiff"}:
        raise InvalidConditionError(
            f"cannot write image {path.name!r}: use a .png, .tif or .tiff file name"
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    rendered = _render_with_bar(_for_display(image) if suffix == ".png" else image, scale_bar_nm)
    if suffix == ".png":
        import matplotlib.image as mpimg

        mpimg.imsave(path, rendered, cmap="gray", vmin=0, vmax=255)
    else:
        import tifffile

        px_nm = image.sampling_a[0] / 10
        tifffile.imwrite(
            path,
            np.stack([image.image.astype(np.float32), rendered.astype(np.float32)]),
            imagej=True,
            resolution=(1 / px_nm, 1 / (image.sampling_a[1] / 10)),
            metadata={"unit": "nm", "axes": "ZYX", "Labels": ["data", "with scale bar"]},
        )
    return path


DISPLAY_MIN_PX = 512  # a PNG's shorter side; the TIFF keeps the simulated pixels


def _for_display(image: StemImage) -> StemImage:
    """`image` interpolated (cubic spline) so that its shorter side has at least
    DISPLAY_MIN_PX pixels: a scan of a few nm at the probe's Nyquist step is tens of pixels."""
    factor = math.ceil(DISPLAY_MIN_PX / max(1, min(image.image.shape)))
    if factor <= 1:
        return image
    from dataclasses import replace

    from scipy.ndimage import zoom

    return replace(
        image,
        image=zoom(image.image.astype(float), factor, order=3, mode="grid-wrap"),
        sampling_a=(image.sampling_a[0] / factor, image.sampling_a[1] / factor),
    )


def _render_with_bar(image: StemImage, bar_nm: float | None) -> np.ndarray:
    """The image scaled to 0..255 with a white bar (and a black rim) near the lower left."""
    arr = image.image.astype(float)
    lo, hi = float(arr.min()), float(arr.max())
    out = (arr - lo) / (hi - lo) * 255 if hi > lo else np.zeros_like(arr)
    width_nm = image.extent_a[0] / 10
    if bar_nm is None:  # a round length near a fifth of the width
        raw = width_nm / 5
        mag = 10 ** math.floor(math.log10(raw))
        bar_nm = max(m * mag for m in (1, 2, 5) if m * mag <= raw) if raw > 0 else width_nm
    n = max(1, round(bar_nm * 10 / image.sampling_a[0]))
    ny, nx = out.shape
    h = max(1, ny // 40)
    y0, x0 = ny - 2 * h - 1, max(1, nx // 20)
    if x0 + n < nx and y0 > 0:
        out[y0 - 1 : y0 + h + 1, x0 - 1 : x0 + n + 1] = 0
        out[y0 : y0 + h, x0 : x0 + n] = 255
    return out
