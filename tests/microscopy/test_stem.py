"""STEM image physics: HAADF ~ Z^1.7 for single atoms, columns where the projection puts
them, dose and source-size bookkeeping, refused settings.

Breaking the code on purpose: dropping the transpose of abTEM's [x, y] array in
stem.simulate_stem puts the Co columns of LiCoO2 off their projected positions
(test_columns_match_projection fails); removing the rounding of thickness repeats in
orient_structure leaves the single-atom cells empty of thickness (the Z fit fails).
"""

from __future__ import annotations

import numpy as np
import pytest
from pymatgen.core import Lattice, Structure

from interphase.errors import InvalidConditionError, MissingDataError
from interphase.microscopy.presets import customise, get_preset
from interphase.microscopy.stem import _blur, _dose_noise, save_image, simulate_stem

pytest.importorskip("abtem")


def test_haadf_single_atoms_rise_as_z_to_about_1_7():
    """Integrated HAADF (75-200 mrad, 200 kV) of one atom in a 5 x 5 Å cell: the scattering
    cross-section. The exponent is about 1.7 for single atoms and columns (Pennycook; 1.64
    measured by Krivanek et al. 2010 for 58-200 mrad, `krivanek2010adf`); accepted 1.5-2.0."""
    z, signal = [], []
    for el in ("C", "Si", "Cu", "Ag", "Au"):
        s = Structure(Lattice.orthorhombic(5, 5, 10), [el], [[0, 0, 0]])
        sim = simulate_stem(
            s,
            (0, 0, 1),
            thickness_nm=1.0,
            probe_window_a=0,
            scan_sampling_a=0.5,
            slice_thickness_a=10,
        )
        z.append(s[0].specie.Z)
        signal.append(sim.images[0].image.mean())
    slope = np.polyfit(np.log(z), np.log(signal), 1)[0]
    assert 1.5 < slope < 2.0, slope
    assert all(np.diff(signal) > 0)


def test_columns_match_projection(mixing_series):
    """Every Co column of ordered LiCoO2 [100] sits within one scan step of an image maximum,
    and the brightest maxima are exactly the Co columns (Z 27 vs 8 and 3)."""
    frame = mixing_series.frames[0]
    img = frame.image
    arr = img.image
    sx, sy = img.sampling_a
    ny, nx = arr.shape
    peaks = []
    for iy in range(ny):
        for ix in range(nx):
            window = [arr[(iy + dy) % ny, (ix + dx) % nx] for dy in (-1, 0, 1) for dx in (-1, 0, 1)]
            if arr[iy, ix] >= max(window) and arr[iy, ix] > 0.5 * arr.max():
                peaks.append((ix * sx, iy * sy))
    from interphase.microscopy.orient import orient_structure

    cell = orient_structure(_unit_model(), (0, 0, 1), thickness_nm=0.3)
    ext = np.array(cell.extent_a)
    co = [a.position[:2] % ext for a in cell.atoms if a.symbol == "Co"]
    co = np.unique(np.round(np.array(co), 2), axis=0)
    step = max(sx, sy)
    for c in co:
        d = [np.linalg.norm((np.array(p) - c + ext / 2) % ext - ext / 2) for p in peaks]
        assert min(d) <= step, (c, min(d))
    assert len(peaks) == len(co)


def _unit_model():
    from interphase.atomistic.structures import load_structure
    from interphase.microscopy.orient import oriented_structure

    s = oriented_structure(load_structure("LiCoO2"), "1,0,0")
    s.make_supercell([2, 1, 1])
    return s


def test_dose_noise_keeps_the_mean_and_poisson_variance():
    rng = np.random.default_rng(1)
    arr = np.full((200, 200), 0.02)
    counts = _dose_noise(arr, 1e4, (0.2, 0.2), rng)
    expected = 0.02 * 1e4 * 0.04  # fraction x dose x pixel area = 8 electrons
    assert counts.mean() == pytest.approx(expected, rel=0.02)
    assert counts.var() == pytest.approx(expected, rel=0.05)


def test_source_size_blur_conserves_intensity():
    rng = np.random.default_rng(2)
    arr = rng.random((40, 30))
    out = _blur(arr, 0.8, (0.2, 0.25))
    assert out.sum() == pytest.approx(arr.sum(), rel=1e-9)
    assert out.std() < arr.std()


def test_png_and_tiff_carry_the_scale(mixing_series, tmp_path):
    from interphase.microscopy.compare import read_image

    img = mixing_series.frames[0].image
    import matplotlib.image as mpimg

    from interphase.microscopy.stem import DISPLAY_MIN_PX

    png = mpimg.imread(save_image(img, tmp_path / "a.png"))
    # the PNG is interpolated for display (tens of scan pixels otherwise), same aspect ratio
    assert min(png.shape[:2]) >= DISPLAY_MIN_PX
    ratio = png.shape[0] / png.shape[1]
    assert ratio == pytest.approx(img.image.shape[0] / img.image.shape[1], rel=0.05)
    back = read_image(save_image(img, tmp_path / "a.tif"))
    assert back.sampling_a == pytest.approx(img.sampling_a[0], rel=1e-6)
    assert back.sampling_y_a == pytest.approx(img.sampling_a[1], rel=1e-6)
    assert back.image.shape == img.image.shape
    assert np.allclose(back.image, img.image, rtol=1e-6)


@pytest.mark.parametrize(
    "changes",
    [
        {"semiangle_mrad": 1e3},
        {"energy_kev": -1.0},
        {"haadf_mrad": (200.0, 100.0)},
        {"cs_a": 1e12},
        {"source_size_fwhm_a": 50.0},
    ],
)
def test_absurd_probe_settings_are_refused(changes):
    with pytest.raises(InvalidConditionError):
        customise(get_preset(), **changes)


def test_grid_too_coarse_for_the_detector_is_refused():
    s = Structure(Lattice.cubic(4), ["Si"], [[0, 0, 0]])
    with pytest.raises(InvalidConditionError, match="reaches only"):
        simulate_stem(s, (0, 0, 1), potential_sampling_a=0.2, probe_window_a=0)


def test_frozen_phonons_need_a_displacement():
    s = Structure(Lattice.cubic(4), ["Si"], [[0, 0, 0]])
    with pytest.raises(MissingDataError, match="rms thermal displacement"):
        simulate_stem(s, (0, 0, 1), frozen_phonons=4)


def test_presets_cite_their_sources():
    from interphase.citations import cite_all
    from interphase.microscopy.presets import PRESETS

    for p in PRESETS.values():
        assert cite_all(p.citations)
        assert 3 * p.semiangle_mrad == pytest.approx(p.haadf_mrad[0])  # incoherent HAADF
        assert p.abf_mrad == pytest.approx((p.semiangle_mrad / 2, p.semiangle_mrad))


def test_probe_window_tiles_without_overlap():
    """Tiling an already repeated field for the probe window keeps the areal density of
    atoms and the shortest distance (Ni-O 2.08 Å in NiO)."""
    from interphase.atomistic.structures import load_structure
    from interphase.microscopy.orient import orient_structure
    from interphase.microscopy.stem import _tile

    cell = orient_structure(load_structure("NiO"), "1,0,0", thickness_nm=0.5, min_extent_a=6)
    big = _tile(cell, 20.0)
    area = np.prod(np.diag(cell.atoms.cell.array)[:2])
    big_area = np.prod(np.diag(big.atoms.cell.array)[:2])
    assert big.n_atoms / big_area == pytest.approx(cell.n_atoms / area)
    d = big.atoms.get_all_distances(mic=True)
    np.fill_diagonal(d, np.inf)
    assert d.min() == pytest.approx(2.084, abs=0.01)
