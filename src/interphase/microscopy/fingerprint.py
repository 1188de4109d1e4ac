"""Structure fingerprints that tell the review's phases apart, from a model or an image.

Cathodes (Li + transition metal + anion): the cation order is the Bragg-Williams long-range
order parameter of the Li/TM occupancy on the cation sites, η = max_G |Σ_j s_j e^{2πi G·r_j}| /
Σ_j |s_j| with s_j = x_j - <x> (x = 1 for a TM, 0 for Li), searched over the reciprocal lattice
vectors up to |G| = G_MAX (an ordering of cation planes at least D_MIN_A apart). η = 1 for the
layered R-3m order (Li and TM planes alternate), ≈ 0 for a fully cation-mixed rock-salt; the
planes that G* sorts as Li planes give the TM occupancy of the Li layer. Tetrahedral cations
(4 anions within CN_CUTOFF_A) mark a spinel. Along the depth of a model the same analysis per
slab finds ordering domains: a change of ordering direction is a twin (orientation-variant)
boundary, the same direction with the phase shifted by π an antiphase boundary.

Garnets (Li-La-Zr-O): the tetragonality c/a of the La-Zr-O framework's conventional cell and
whether Li orders on the framework's sites (the full model keeps the framework's space group).

Images: the layer-contrast profile across the layers of a simulated or measured image.
Thresholds are choices of this module, stated beside each constant.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from interphase.errors import InvalidConditionError, MissingDataError
from interphase.results import Result

if TYPE_CHECKING:
    from pymatgen.core import Structure

    from interphase.microscopy.stem import StemImage

ANIONS = frozenset({"O", "S", "Se", "F", "Cl", "Br", "I", "N"})
D_MIN_A = 1.8  # closest cation planes considered (rock-salt oxides: 2.0-2.4 Å)
G_MAX = 1 / (2 * D_MIN_A)  # Å^-1, ordering vector of alternating planes D_MIN_A apart
CN_CUTOFF_A = 2.5  # cation-anion bond length limit (Li-O 1.9-2.3 Å, TM-O 1.9-2.1 Å)
TET_SPINEL_FRACTION = 0.15  # LiMn2O4: 1/3 of the cations tetrahedral; layered/rock-salt: 0
LAYERED_ETA = 0.5  # η above this: layered; below: cation-mixed (rock-salt-like)
TETRAGONAL_CA = 0.01  # |c/a - 1| above this: tetragonal (t-LLZO 0.96, c-LLZO 1.00)
SAME_DIRECTION_DEG = 10.0
MIN_SLAB_SITES = 12


@dataclass(frozen=True)
class CationOrder(Result):
    """Li/TM order of a cathode model (or of one slab of it). Occupancies are fractions."""

    formula: str
    phase: str  # "layered (R-3m-like)", "rock-salt (Fm-3m-like, cation-mixed)", "spinel-like"
    order_parameter: float  # η, 0..1
    ordering_hkl: tuple[int, int, int]  # G* in the reciprocal basis of the model's cell
    li_layer_tm_occupancy: float
    tm_layer_li_occupancy: float
    tetrahedral_fraction: float
    n_cations: int
    phase_rad: float = 0.0


@dataclass(frozen=True)
class DomainBoundary(Result):
    """A boundary between two slabs of a model along its depth."""

    kind: str  # "twin" (ordering direction changes) or "antiphase" (phase shift ≈ π)
    depth_nm: float
    angle_deg: float
    phase_shift_rad: float


@dataclass(frozen=True)
class DepthProfile(Result):
    """Cation order slab by slab along one cell axis, and the boundaries found."""

    formula: str
    axis: int
    slab_nm: float
    depth_nm: tuple[float, ...]
    slabs: tuple[CationOrder, ...]
    boundaries: tuple[DomainBoundary, ...]


@dataclass(frozen=True)
class GarnetFingerprint(Result):
    """Cubic vs tetragonal garnet (LLZO)."""

    formula: str
    phase: str  # "tetragonal" or "cubic"
    lattice_abc_a: tuple[float, float, float]  # framework conventional cell
    c_over_a: float
    framework_space_group: str
    model_space_group: str
    li_ordered: bool  # Li keeps the framework's symmetry (ordered Li sublattice)
    li_coordination: dict[int, int] = field(default_factory=dict)  # O neighbours → count
    min_li_li_a: float = 0.0


@dataclass(frozen=True)
class LayerContrast(Result):
    """Layer contrast of an image across its layers: for each pair of neighbouring layers
    (Å from the image origin along `axis`) |I1 - I2| / (I1 + I2) of their mean intensities."""

    axis: str  # "x" or "y" of the image
    layer_positions_a: tuple[float, ...]
    layer_intensity: tuple[float, ...]
    contrast: tuple[float, ...]  # between layer k and k+1, at their midpoint
    contrast_depth_a: tuple[float, ...]
    mean_contrast: float
    profile: np.ndarray = field(repr=False, default_factory=lambda: np.zeros(0))


def _cations(structure: Structure) -> tuple[np.ndarray, np.ndarray, list[int]]:
    """Fractional coordinates and TM flags of Li and transition-metal sites, and indices."""
    idx, is_tm = [], []
    for i, site in enumerate(structure):
        el = site.specie
        sym = getattr(el, "symbol", str(el))
        if sym == "Li" or getattr(el, "is_transition_metal", False):
            idx.append(i)
            is_tm.append(sym != "Li")
    if not idx:
        raise MissingDataError("the model has no Li or transition-metal sites")
    return structure.frac_coords[idx], np.array(is_tm, dtype=float), idx


def _g_candidates(structure: Structure) -> np.ndarray:
    """Integer hkl (half space) with 0 < |G| <= G_MAX, sorted by |G| then indices."""
    lat = structure.lattice
    bounds = [max(1, math.ceil(G_MAX * length)) for length in lat.abc]
    rng = [np.arange(-b, b + 1) for b in bounds]
    hkl = np.array(np.meshgrid(*rng, indexing="ij")).reshape(3, -1).T
    recip = lat.reciprocal_lattice_crystallographic.matrix
    g = np.linalg.norm(hkl @ recip, axis=1)
    keep = (g > 1e-9) & (g <= G_MAX + 1e-9)
    first = np.array([next((v for v in row if v != 0), 0) for row in hkl])
    keep &= first > 0
    hkl, g = hkl[keep], g[keep]
    order = np.lexsort((hkl[:, 2], hkl[:, 1], hkl[:, 0], np.round(g, 9)))
    return hkl[order]


def _order(frac: np.ndarray, x: np.ndarray, hkl: np.ndarray) -> tuple[float, int, float]:
    """(η, index of G*, phase of F(G*)); ties go to the shortest G."""
    s = x - x.mean()
    norm = np.abs(s).sum()
    if norm < 1e-9:
        return 0.0, 0, 0.0
    f = (s[None, :] * np.exp(2j * np.pi * hkl @ frac.T)).sum(axis=1) / norm
    mag = np.abs(f)
    k = int(np.argmax(mag >= mag.max() - 1e-6))
    return float(mag[k]), k, float(np.angle(f[k]))


def _tetrahedral_fraction(structure: Structure, idx: list[int]) -> float:
    centers, points, _, _ = structure.get_neighbor_list(
        CN_CUTOFF_A, sites=[structure[i] for i in idx]
    )
    anion = np.array([structure[int(p)].specie.symbol in ANIONS for p in points], dtype=bool)
    cn = np.bincount(centers[anion], minlength=len(idx)) if anion.any() else np.zeros(len(idx))
    return float(np.mean((cn > 0) & (cn <= 4)))


def _classify(eta: float, tet: float) -> str:
    if tet >= TET_SPINEL_FRACTION:
        return "spinel-like (tetrahedral cations)"
    if eta >= LAYERED_ETA:
        return "layered (R-3m-like)"
    return "rock-salt (Fm-3m-like, cation-mixed)"


def _occupancies(
    frac: np.ndarray, x: np.ndarray, g: np.ndarray, phase: float
) -> tuple[float, float]:
    c = np.cos(2 * np.pi * frac @ g - phase)
    li_planes, tm_planes = c < 0, c > 0
    li_occ = float(x[li_planes].mean()) if li_planes.any() else 0.0
    tm_occ = float(1 - x[tm_planes].mean()) if tm_planes.any() else 0.0
    return li_occ, tm_occ


def cation_order(structure: Structure) -> CationOrder:
    """Layered vs rock-salt vs spinel fingerprint of a cathode model (Li + TM + anions)."""
    frac, x, idx = _cations(structure)
    single = not 0 < x.mean() < 1  # only Li or only TM (NiO): no Li/TM order to find
    hkl = np.array([[0, 0, 0]]) if single else _g_candidates(structure)
    eta, k, phase = (0.0, 0, 0.0) if single else _order(frac, x, hkl)
    tet = _tetrahedral_fraction(structure, idx)
    li_occ, tm_occ = (0.0, 0.0) if single else _occupancies(frac, x, hkl[k], phase)
    return CationOrder(
        formula=structure.composition.reduced_formula,
        phase=_classify(eta, tet),
        order_parameter=eta,
        ordering_hkl=tuple(int(v) for v in hkl[k]),
        li_layer_tm_occupancy=li_occ,
        tm_layer_li_occupancy=tm_occ,
        tetrahedral_fraction=tet,
        n_cations=len(idx),
        phase_rad=phase,
    )


def depth_profile(structure: Structure, *, axis: int = 2, slab_nm: float = 1.0) -> DepthProfile:
    """Cation order in slabs `slab_nm` thick along cell axis `axis` (0, 1, 2), with twin and
    antiphase boundaries between neighbouring slabs (the model is periodic: the last slab
    borders the first)."""
    if axis not in (0, 1, 2):
        raise InvalidConditionError(f"axis {axis}: give 0, 1 or 2 (a, b or c of the cell)")
    length_nm = structure.lattice.abc[axis] / 10
    if not (math.isfinite(slab_nm) and 0.2 <= slab_nm <= length_nm):
        raise InvalidConditionError(
            f"slab {slab_nm:g} nm: give 0.2 nm up to the cell length {length_nm:.2f} nm"
        )
    frac, x, idx = _cations(structure)
    if not (0 < x.mean() < 1):
        raise MissingDataError("a depth profile of cation order needs both Li and TM sites")
    hkl = _g_candidates(structure)
    recip = structure.lattice.reciprocal_lattice_crystallographic.matrix
    n = max(1, round(length_nm / slab_nm))
    edges = np.linspace(0, 1, n + 1)
    pos = np.mod(frac[:, axis], 1.0)
    slabs, depths, gs = [], [], []
    tet_all = _tetrahedral_fraction(structure, idx)
    for lo, hi in itertools.pairwise(edges):
        m = (pos >= lo) & (pos < hi)
        if m.sum() < MIN_SLAB_SITES:
            raise InvalidConditionError(
                f"slabs of {slab_nm:g} nm hold fewer than {MIN_SLAB_SITES} cations: use "
                "thicker slabs"
            )
        eta, k, phase = _order(frac[m], x[m], hkl)
        li_occ, tm_occ = _occupancies(frac[m], x[m], hkl[k], phase)
        slabs.append(
            CationOrder(
                formula=structure.composition.reduced_formula,
                phase=_classify(eta, tet_all),
                order_parameter=eta,
                ordering_hkl=tuple(int(v) for v in hkl[k]),
                li_layer_tm_occupancy=li_occ,
                tm_layer_li_occupancy=tm_occ,
                tetrahedral_fraction=tet_all,
                n_cations=int(m.sum()),
                phase_rad=phase,
            )
        )
        depths.append(float((lo + hi) / 2 * length_nm))
        gs.append(hkl[k])
    boundaries = []
    for i in range(n if n > 1 else 0):
        j = (i + 1) % n
        a, b = slabs[i], slabs[j]
        if min(a.order_parameter, b.order_parameter) < LAYERED_ETA:
            continue
        ga, gb = gs[i] @ recip, gs[j] @ recip
        cos = abs(ga @ gb) / (np.linalg.norm(ga) * np.linalg.norm(gb))
        angle = math.degrees(math.acos(min(1.0, cos)))
        depth = float(edges[i + 1] * length_nm) if j else 0.0
        if angle > SAME_DIRECTION_DEG and not _equivalent(gs[i], gs[j], frac):
            boundaries.append(DomainBoundary("twin", depth, angle, 0.0))
            continue
        # the same ordering: compare phases on the same G (equivalent Gs differ by a
        # reciprocal vector of the cation sublattice, which leaves the phase unchanged)
        shift = abs((b.phase_rad - a.phase_rad + math.pi) % (2 * math.pi) - math.pi)
        if shift > math.pi / 2:
            boundaries.append(DomainBoundary("antiphase", depth, angle, shift))
    return DepthProfile(
        formula=structure.composition.reduced_formula,
        axis=axis,
        slab_nm=length_nm / n,
        depth_nm=tuple(depths),
        slabs=tuple(slabs),
        boundaries=tuple(boundaries),
    )


def _equivalent(h1: np.ndarray, h2: np.ndarray, frac: np.ndarray) -> bool:
    """G1 ≡ ±G2 modulo the reciprocal lattice of the cation sublattice (same ordering)."""
    for d in (h1 - h2, h1 + h2):
        if np.allclose(np.cos(2 * np.pi * frac @ d), 1.0, atol=1e-3):
            return True
    return False


def garnet_fingerprint(structure: Structure, *, symprec: float = 0.3) -> GarnetFingerprint:
    """Cubic vs tetragonal LLZO-type garnet: framework (La, Zr, O ...) tetragonality and Li
    order. `symprec` (Å) is spglib's tolerance; MD snapshots need about 0.3 Å."""
    from pymatgen.symmetry.analyzer import SpacegroupAnalyzer

    symbols = {el.symbol for el in structure.composition.elements}
    if "Li" not in symbols or not ({"La", "Zr"} & symbols):
        raise MissingDataError(
            f"{structure.composition.reduced_formula} is not a Li-La-Zr garnet model"
        )
    if not (math.isfinite(symprec) and 0.001 <= symprec <= 1.0):
        raise InvalidConditionError(f"symprec {symprec:g} Å: give 0.001..1 Å")
    frame = structure.copy()
    frame.remove_species(["Li"])
    try:
        sga = SpacegroupAnalyzer(frame, symprec=symprec)
        conv = sga.get_conventional_standard_structure()
        frame_group = sga.get_space_group_symbol()
    except Exception:  # spglib gives up on strongly distorted frames: fall back on the cell
        conv, frame_group = frame, "unknown"
    a, b, c = conv.lattice.abc
    angles = conv.lattice.angles
    if max(abs(x - 90) for x in angles) > 1.0:
        raise MissingDataError(
            "the framework has no orthogonal conventional cell: cannot measure c/a"
        )
    # the unique axis is the one that differs most from the other two
    lengths = sorted([a, b, c])
    unique = lengths[0] if lengths[1] - lengths[0] > lengths[2] - lengths[1] else lengths[2]
    others = [x for x in (a, b, c) if x != unique] or [unique]
    ratio = unique / float(np.mean(others))
    try:
        full_group = SpacegroupAnalyzer(structure, symprec=symprec).get_space_group_symbol()
    except Exception:
        full_group = "unknown"
    li = [i for i, s in enumerate(structure) if s.specie.symbol == "Li"]
    centers, points, _, _ = structure.get_neighbor_list(
        CN_CUTOFF_A, sites=[structure[i] for i in li]
    )
    is_o = np.array([structure[int(p)].specie.symbol == "O" for p in points], dtype=bool)
    cn = np.bincount(centers[is_o], minlength=len(li)) if is_o.any() else np.zeros(len(li))
    dm = structure.distance_matrix[np.ix_(li, li)] + np.eye(len(li)) * 1e9
    return GarnetFingerprint(
        formula=structure.composition.reduced_formula,
        phase="tetragonal" if abs(ratio - 1) > TETRAGONAL_CA else "cubic",
        lattice_abc_a=(float(a), float(b), float(c)),
        c_over_a=float(ratio),
        framework_space_group=frame_group,
        model_space_group=full_group,
        li_ordered=full_group == frame_group and frame_group != "unknown",
        li_coordination={int(k): int(v) for k, v in enumerate(np.bincount(cn)) if v},
        min_li_li_a=float(dm.min()) if len(li) > 1 else float("nan"),
    )


def layer_contrast(
    image: StemImage | np.ndarray,
    layer_positions_a: list[float] | tuple[float, ...],
    *,
    axis: str = "y",
    sampling_a: float | None = None,
    half_width_a: float = 0.4,
) -> LayerContrast:
    """Mean intensity of each layer (a band `half_width_a` either side of its position) of
    an image whose layers run across `axis`, and the contrast of neighbouring layers."""
    arr = np.asarray(image.image if hasattr(image, "image") else image, dtype=float)
    if axis not in ("x", "y"):
        raise InvalidConditionError(f"axis {axis!r}: give x or y")
    if sampling_a is None:
        if not hasattr(image, "sampling_a"):
            raise MissingDataError("give the pixel size (sampling_a, Å) of a plain array")
        sampling_a = image.sampling_a[1] if axis == "y" else image.sampling_a[0]
    profile = arr.mean(axis=1) if axis == "y" else arr.mean(axis=0)
    coords = np.arange(profile.size) * sampling_a
    length = profile.size * sampling_a
    positions = sorted(float(p) % length for p in layer_positions_a)
    if len(positions) < 2:
        raise InvalidConditionError("give at least two layer positions")
    intensity = []
    for p in positions:
        d = np.abs((coords - p + length / 2) % length - length / 2)
        band = d <= max(half_width_a, sampling_a / 2 + 1e-9)
        intensity.append(float(profile[band].mean()))
    contrast, mids = [], []
    for k in range(len(positions) - 1):
        i1, i2 = intensity[k], intensity[k + 1]
        contrast.append(abs(i1 - i2) / (i1 + i2) if i1 + i2 > 0 else 0.0)
        mids.append((positions[k] + positions[k + 1]) / 2)
    return LayerContrast(
        axis=axis,
        layer_positions_a=tuple(positions),
        layer_intensity=tuple(intensity),
        contrast=tuple(contrast),
        contrast_depth_a=tuple(mids),
        mean_contrast=float(np.mean(contrast)),
        profile=profile,
    )


def cation_layers(columns: Any, axis: str = "y", tol_a: float = 0.3) -> list[tuple[float, str]]:
    """(position in Å, most frequent element) of the cation layers of a simulation's
    projected columns (`StemSimulation.columns_xy_a`), columns merged within `tol_a`."""
    k = 2 if axis == "y" else 1
    cols = sorted((c[k], c[0]) for c in columns if c[0] not in ANIONS)
    layers: list[list[tuple[float, str]]] = []
    for v, el in cols:
        if layers and v - layers[-1][-1][0] <= tol_a:
            layers[-1].append((v, el))
        else:
            layers.append([(v, el)])
    out = []
    for group in layers:
        names = [el for _, el in group]
        out.append(
            (float(np.mean([v for v, _ in group])), max(sorted(set(names)), key=names.count))
        )
    return out


def cation_layers_a(columns: Any, axis: str = "y", tol_a: float = 0.3) -> list[float]:
    """Positions (Å) of the cation layers of a simulation's projected columns."""
    return [pos for pos, _ in cation_layers(columns, axis, tol_a)]
