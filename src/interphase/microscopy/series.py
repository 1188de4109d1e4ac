"""Images of a sequence of models (an evolution series) with the layer contrast vs depth.

`stem_series` images any list of models (cation-mixing steps, frames of an interface MD run
read with `load_structure`); `cation_mixing_series` builds the mixing steps of a layered
cathode itself: the cell is oriented once, repeated to the thickness, and Li/TM exchanged
in nested random draws (models.mix_cations), so that every image shows the same specimen
with more mixing. The layer contrast is read at the cation layers of the oriented model.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from interphase.errors import InvalidConditionError
from interphase.microscopy.fingerprint import (
    CationOrder,
    LayerContrast,
    cation_layers_a,
    cation_order,
    layer_contrast,
)
from interphase.microscopy.models import mix_cations
from interphase.microscopy.stem import StemImage, simulate_stem
from interphase.results import Result

if TYPE_CHECKING:
    from pymatgen.core import Structure

MAX_FRAMES = 50
MAX_IN_PLANE = 10


@dataclass(frozen=True)
class SeriesFrame(Result):
    label: str
    image: StemImage = field(repr=False)
    contrast: LayerContrast
    order: CationOrder | None


@dataclass(frozen=True)
class StemSeries(Result):
    detector: str
    zone: tuple[int, int, int]
    frames: tuple[SeriesFrame, ...]


def stem_series(
    models: Sequence[Structure],
    labels: Sequence[str] | None = None,
    *,
    zone: tuple[int, int, int] | str = (0, 0, 1),
    detector: str = "haadf",
    layer_axis: str = "y",
    **stem_options: Any,
) -> StemSeries:
    """One image per model (same settings), its layer-contrast profile and, for cathodes,
    its cation order."""
    if not 1 <= len(models) <= MAX_FRAMES:
        raise InvalidConditionError(f"give 1..{MAX_FRAMES} models, got {len(models)}")
    labels = list(labels) if labels is not None else [f"frame {k}" for k in range(len(models))]
    if len(labels) != len(models):
        raise InvalidConditionError("give one label per model")
    frames = []
    for label, model in zip(labels, models, strict=True):
        sim = simulate_stem(model, zone, detectors=(detector,), **stem_options)
        img = sim.images[0]
        layers = cation_layers_a(sim.columns_xy_a, axis=layer_axis)
        contrast = layer_contrast(img, layers, axis=layer_axis)
        try:
            order = cation_order(model)
        except Exception:  # models without Li/TM sites (an electrolyte frame): no order
            order = None
        frames.append(SeriesFrame(label, img, contrast, order))
    return StemSeries(detector=detector, zone=frames[0].image.zone, frames=tuple(frames))


def trajectory_frames(path: Path | str, *, every: int = 1) -> list[Structure]:
    """Frames of an MD trajectory (extxyz, ASE .traj) as Structures, every `every`-th one, at
    most MAX_FRAMES: the models of an interface MD run for `stem_series`."""
    from pymatgen.io.ase import AseAtomsAdaptor

    from interphase.errors import InputFileError

    path = Path(path)
    if not 1 <= every <= 10**6:
        raise InvalidConditionError(f"every {every}: give 1..1000000")
    if not path.is_file():
        raise InputFileError(f"trajectory {str(path)!r} does not exist")
    try:
        from ase.io import read

        frames = read(str(path), index=f"::{every}")
    except Exception as exc:  # ASE raises many kinds for unreadable files
        raise InputFileError(f"cannot read trajectory {path.name!r}: {exc}") from None
    if len(frames) > MAX_FRAMES:
        raise InvalidConditionError(
            f"{len(frames)} frames exceed {MAX_FRAMES}: raise `every` to thin the trajectory"
        )
    return [AseAtomsAdaptor.get_structure(f) for f in frames]


def cation_mixing_series(
    structure: Structure,
    fractions: Sequence[float],
    *,
    zone: tuple[int, int, int] | str = (1, 0, 0),
    thickness_nm: float = 2.0,
    in_plane: tuple[int, int] = (1, 1),
    seed: int = 0,
    detector: str = "haadf",
    **stem_options: Any,
) -> StemSeries:
    """Images of `structure` (a layered cathode) with increasing TM occupancy of the Li
    layer (`fractions`, 0..0.5 for LiMO2), seen along `zone`."""
    from interphase.microscopy.orient import oriented_structure

    if len(in_plane) != 2 or not all(1 <= int(n) <= MAX_IN_PLANE for n in in_plane):
        raise InvalidConditionError(f"in-plane repeats {in_plane}: give two of 1..{MAX_IN_PLANE}")
    unit = oriented_structure(structure, zone)
    reps = max(1, round(thickness_nm * 10 / unit.lattice.c))
    unit.make_supercell([in_plane[0], in_plane[1], reps])
    models = [mix_cations(unit, x, seed=seed) for x in fractions]
    labels = [f"x = {x:g}" for x in fractions]
    return stem_series(
        models,
        labels,
        zone=(0, 0, 1),
        detector=detector,
        thickness_nm=unit.lattice.c / 10,
        **stem_options,
    )


def save_strip(series: StemSeries, path: Path | str) -> Path:
    """The images side by side (one scale for all) over the layer contrast against depth."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    from interphase.microscopy.stem import _render_with_bar

    path = Path(path)
    n = len(series.frames)
    fig = plt.figure(figsize=(2.2 * n + 1, 6.5))
    grid = fig.add_gridspec(2, n, height_ratios=[2.2, 1])
    for k, frame in enumerate(series.frames):
        ax = fig.add_subplot(grid[0, k])
        ax.imshow(_render_with_bar(frame.image, None), cmap="gray", origin="lower")
        ax.set_title(frame.label, fontsize=9)
        ax.set_xticks([])
        ax.set_yticks([])
    ax = fig.add_subplot(grid[1, :])
    for frame in series.frames:
        c = frame.contrast
        ax.plot([d / 10 for d in c.contrast_depth_a], c.contrast, "o-", label=frame.label)
    ax.set_xlabel("depth across the layers (nm)")
    ax.set_ylabel("layer contrast |I1-I2|/(I1+I2)")
    ax.legend(fontsize=8, ncol=min(n, 5))
    fig.suptitle(f"{series.detector.upper()} along {list(series.zone)}")
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=150, bbox_inches="tight")
    plt.close(fig)
    return path


def save_animation(series: StemSeries, path: Path | str, *, fps: float = 2.0) -> Path:
    """The frames as an animated GIF (one image per model, its label as the title)."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt
    from matplotlib.animation import FuncAnimation, PillowWriter

    from interphase.microscopy.stem import _render_with_bar

    path = Path(path)
    if path.suffix.lower() != ".gif":
        raise InvalidConditionError(f"cannot write animation {path.name!r}: use a .gif name")
    if not 0.1 <= fps <= 60:
        raise InvalidConditionError(f"fps {fps:g}: give 0.1..60 frames per second")
    frames = [_render_with_bar(f.image, None) for f in series.frames]
    fig, ax = plt.subplots(figsize=(4, 4 * frames[0].shape[0] / frames[0].shape[1] + 0.4))
    shown = ax.imshow(frames[0], cmap="gray", origin="lower", vmin=0, vmax=255)
    ax.set_xticks([])
    ax.set_yticks([])

    def draw(k: int) -> list[Any]:
        shown.set_data(frames[k])
        ax.set_title(series.frames[k].label)
        return [shown]

    anim = FuncAnimation(fig, draw, frames=len(frames), blit=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    anim.save(path, writer=PillowWriter(fps=fps))
    plt.close(fig)
    return path
