"""Distinct mobile-ion hops on the BVSE map and the networks they form in 1, 2 and 3 dimensions.

The landscape is the bond-valence site energy grid of `bvse.bvse_barriers` (bvlain); this
module adds the path geometry that the percolation barriers alone do not give:

- hops: pairs of mobile-ion sites closer than `max_hop_length_a`, grouped into symmetry classes
  by the space-group operations of the cell (spglib, symprec 0.1 Å); the class size per unit
  cell is the hop's multiplicity;
- profile: for each distinct hop, the minimax path on the grid (the path whose highest point is
  the lowest possible) inside a box around the straight hop, and the BVSE energy along it;
- networks: the hops added in order of their saddle energy until the sites they join form a
  component that repeats with 1, 2 and 3 independent lattice translations (a periodic
  union-find); the last hop added is the one that limits transport in that dimension.

Energies are relative to the grid's global minimum, as bvlain's percolation barriers are, so a
network barrier is comparable with `BVSEResult.barrier_1d_ev` etc.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from interphase.errors import InvalidConditionError
from interphase.results import Result

if TYPE_CHECKING:
    from pymatgen.core import Structure

    from interphase.atomistic.bvse import BVSEResult

# Box margin around the straight hop (Å): wide enough for curved paths (the olivine b-axis hop
# bows ~0.5 Å) and for a pass through an interstitial pocket, narrow enough that a path cannot
# detour through a third site.
PATH_MARGIN_A = 1.5
# An endpoint is the lowest grid point within this of the crystallographic site (Å): sites sit
# off the grid by up to half a spacing, and the BVSE minimum may be displaced from the site.
SITE_SNAP_A = 0.6
# A path point this close to a third mobile-ion site (Å) means the path runs through it.
PASS_SITE_A = 0.6
# A straight hop closer than this to a framework atom (Å) runs through it (Li-O bonds are
# ~2 Å): NEB would start from a collision, so such hops are not run by default.
FRAMEWORK_CLEARANCE_A = 1.0
# Among minimax paths, the one with the least integral of (E + floor) ds (eV·Å): the floor keeps
# the path from wandering for energy gains of less than ~0.1 eV.
PATH_ENERGY_FLOOR_EV = 0.1
# An interstitial site is a BVSE grid minimum at least this far from every framework atom
# (Å), nearer it is a collision ...
INTERSTITIAL_CLEARANCE_A = 1.5
# ... and at least this far from every occupied mobile-ion site: the BVSE map has no
# mobile-mobile repulsion, so it puts minima 1.6-1.85 Å from an occupied NASICON M1 site,
# where no second ion fits (the shortest Li-Li distance of ordered Li compounds is ~2.1 Å,
# alpha-Li3N); nearer, the extra ion would push the other off (a split or interstitialcy
# configuration, not modelled) ...
INTERSTITIAL_MOBILE_CLEARANCE_A = 1.9
# ... and at most this far above the grid's global minimum (eV): higher pockets are passed
# through, not occupied.
INTERSTITIAL_MAX_EV = 1.0
# A further grid minimum within this (Å) of a site already found (or of its images) is part
# of that site's pocket, not a new site.
INTERSTITIAL_MERGE_A = 1.2


@dataclass(frozen=True)
class Hop(Result):
    """One symmetry class of hops between mobile-ion sites.

    `site_i`/`site_j` are indices into the structure; the representative hop runs from site_i in
    the home cell to site_j shifted by the lattice vector `image`. Energies in eV relative to the
    BVSE grid's global minimum (`saddle_ev`) or to the hop's own start/end (`barrier_*_ev`);
    `profile_distance_a` (Å, along the path) and `profile_energy_ev` (eV) give the profile."""

    index: int
    site_i: int
    site_j: int
    image: tuple[int, int, int]
    wyckoff_i: str
    wyckoff_j: str
    length_a: float  # straight-line site-to-site distance
    multiplicity: int  # hops of this class per unit cell
    saddle_ev: float  # BVSE maximum along the path (above the global minimum)
    barrier_forward_ev: float  # saddle - energy at the start
    barrier_reverse_ev: float  # saddle - energy at the end
    path_length_a: float
    direct: bool  # False: the BVSE path runs through a third site (a sum of shorter hops)
    segment_clear: bool  # the straight segment avoids third sites and framework atoms
    profile_distance_a: tuple[float, ...]
    profile_energy_ev: tuple[float, ...]


@dataclass(frozen=True)
class InterstitialSite(Result):
    """One symmetry orbit of empty BVSE minima: a representative position (fractional), its
    energy above the grid's global minimum (eV), the number of sites per cell, and the
    distance to the nearest atom of the structure (Å)."""

    index: int
    frac_coords: tuple[float, float, float]
    energy_ev: float
    multiplicity: int
    nearest_atom_a: float


@dataclass(frozen=True)
class Network(Result):
    """The hops a percolating network of `dimension` needs and its limiting barrier (eV).

    `barrier_ev` is the highest saddle among `hops` (hop indices), None when no set of hops
    within `max_hop_length_a` percolates in that dimension; `bvse_percolation_ev` is the grid
    percolation barrier of bvse.py for the same dimension, for comparison."""

    dimension: int
    barrier_ev: float | None
    hops: tuple[int, ...]
    limiting_hop: int | None
    bvse_percolation_ev: float | None


@dataclass(frozen=True)
class PathsResult(Result):
    """Distinct hops of `mobile_ion` with BVSE profiles and the 1D/2D/3D networks."""

    formula: str
    mobile_ion: str
    space_group: str
    n_mobile_sites: int
    hops: tuple[Hop, ...]
    networks: tuple[Network, ...]
    resolution_a: float
    max_hop_length_a: float
    bvse: Any  # BVSEResult the profiles were read from
    # "vacancy": hops between occupied sites; "interstitial": an extra ion between the empty
    # BVSE minima of `interstitials` (the host's own ions stay in place)
    mechanism: str = "vacancy"
    interstitials: tuple[InterstitialSite, ...] = ()
    method: str = "BVSE grid minimax paths (bvlain, softBV parameters)"
    citations: tuple[str, ...] = ("chen2017softbv", "bvlain")
    _structure: Any = None  # the pymatgen Structure (for NEB and plots)
    _mobile: tuple[int, ...] = ()  # structure indices of the mobile-ion sites
    _edges: tuple = ()  # (hop index, site i, site j, image) of every hop of every class

    def network(self, dimension: int) -> Network:
        return self.networks[dimension - 1]


def periodic_grid(bvse: BVSEResult) -> np.ndarray:
    """The BVSE energy grid (eV, minimum 0) without bvlain's duplicated end planes.

    bvlain samples each axis with linspace(0, 1, n), so index n-1 repeats index 0; dropping
    it leaves a periodic grid with point k at fractional coordinate k/(n-1)."""
    g = np.asarray(bvse._grid, dtype=float)
    g = g[:-1, :-1, :-1]
    return g - np.nanmin(g)


def _box_path(
    grid: np.ndarray, lattice: np.ndarray, frac_a: np.ndarray, frac_b: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Minimax grid path from frac_a to frac_b (unwrapped fractional coordinates): its
    Cartesian points (Å) and energies (eV)."""
    from scipy import ndimage
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import dijkstra

    n = np.array(grid.shape)
    ua, ub = frac_a * n, frac_b * n
    spacing = np.linalg.norm(lattice, axis=1) / n  # Å per index along each axis
    margin = np.ceil(PATH_MARGIN_A / spacing).astype(int)
    lo = np.floor(np.minimum(ua, ub)).astype(int) - margin
    hi = np.ceil(np.maximum(ua, ub)).astype(int) + margin
    axes = [np.arange(lo[k], hi[k] + 1) for k in range(3)]
    idx = np.stack(np.meshgrid(*axes, indexing="ij"), axis=-1)  # unwrapped integer indices
    energy = grid[idx[..., 0] % n[0], idx[..., 1] % n[1], idx[..., 2] % n[2]]
    cart = (idx / n) @ lattice

    def endpoint(u: np.ndarray) -> tuple[int, ...]:
        d = np.linalg.norm(cart - (u / n) @ lattice, axis=-1)
        near = d <= max(SITE_SNAP_A, 0.75 * float(spacing.max()))
        masked = np.where(near, energy, np.inf)
        return tuple(int(x) for x in np.unravel_index(np.argmin(masked), energy.shape))

    start, end = endpoint(ua), endpoint(ub)
    connectivity = ndimage.generate_binary_structure(3, 3)
    levels = np.unique(energy)
    low = int(np.searchsorted(levels, max(energy[start], energy[end])))
    high = len(levels) - 1
    while low < high:  # smallest level at which start and end share a component
        mid = (low + high) // 2
        labels, _ = ndimage.label(energy <= levels[mid], structure=connectivity)
        if labels[start] == labels[end]:
            high = mid
        else:
            low = mid + 1
    mask = energy <= levels[low]
    flat = np.flatnonzero(mask.ravel())
    number = -np.ones(mask.size, dtype=np.int64)
    number[flat] = np.arange(len(flat))
    number = number.reshape(mask.shape)
    rows, cols, weights = [], [], []
    shape = np.array(mask.shape)
    pts = np.argwhere(mask)
    for off in np.argwhere(np.ones((3, 3, 3))) - 1:
        if tuple(off) <= (0, 0, 0):  # each undirected edge once
            continue
        q = pts + off
        ok = np.all((q >= 0) & (q < shape), axis=1)
        p, q = pts[ok], q[ok]
        keep = mask[q[:, 0], q[:, 1], q[:, 2]]
        p, q = p[keep], q[keep]
        length = np.linalg.norm((off / n) @ lattice)
        e_mean = 0.5 * (energy[tuple(p.T)] + energy[tuple(q.T)])
        rows.append(number[tuple(p.T)])
        cols.append(number[tuple(q.T)])
        weights.append(length * (e_mean + PATH_ENERGY_FLOOR_EV))
    graph = coo_matrix(
        (np.concatenate(weights), (np.concatenate(rows), np.concatenate(cols))),
        shape=(len(flat), len(flat)),
    ).tocsr()
    _, pred = dijkstra(graph, directed=False, indices=number[start], return_predecessors=True)
    node, chain = int(number[end]), []
    while node >= 0:
        chain.append(node)
        node = int(pred[node])
    chain.reverse()
    cells = np.array(np.unravel_index(flat[chain], mask.shape)).T
    return cart[tuple(cells.T)], energy[tuple(cells.T)]


def hop_profile(
    bvse: BVSEResult, frac_a: np.ndarray, frac_b: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """BVSE profile of the hop from `frac_a` to `frac_b` (fractional, b unwrapped): distance
    along the minimax grid path (Å) and energy above the global grid minimum (eV)."""
    dist, energy, _ = _profile(bvse, frac_a, frac_b)
    return dist, energy


def _profile(
    bvse: BVSEResult, frac_a: np.ndarray, frac_b: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    grid = periodic_grid(bvse)
    lattice = np.asarray(bvse._cell, dtype=float)
    points, energy = _box_path(grid, lattice, np.asarray(frac_a), np.asarray(frac_b))
    steps = np.linalg.norm(np.diff(points, axis=0), axis=1)
    return np.concatenate([[0.0], np.cumsum(steps)]), energy, points


def _segment(s: Structure, frac_a: np.ndarray, frac_b: np.ndarray) -> tuple[np.ndarray, ...]:
    """Points (Å) every 0.1 Å along the straight hop and their distance from its start."""
    a, b = s.lattice.get_cartesian_coords(frac_a), s.lattice.get_cartesian_coords(frac_b)
    t = np.linspace(0.0, 1.0, max(3, int(np.linalg.norm(b - a) / 0.1)))
    return a + t[:, None] * (b - a), t * np.linalg.norm(b - a)


def _passes_site(
    s: Structure,
    sites: list[int],
    points: np.ndarray,
    dist: np.ndarray,
    radius_a: float = PASS_SITE_A,
) -> bool:
    """Whether the path (away from its ends) comes within `radius_a` of any of `sites`: a
    third mobile-ion site (then it is two hops, not one) or a framework atom."""
    inner = points[(dist > SITE_SNAP_A) & (dist < dist[-1] - SITE_SNAP_A)]
    if len(inner) == 0:
        return False
    frac = s.lattice.get_fractional_coords(inner)
    for k in sites:
        d = frac - s.frac_coords[k]
        d -= np.rint(d)
        if np.linalg.norm(d @ s.lattice.matrix, axis=1).min() < radius_a:
            return True
    return False


def _segment_clear(s: Structure, mobile: list[int], frac_a: np.ndarray, frac_b: np.ndarray) -> bool:
    """Whether the straight hop avoids third mobile sites and every framework atom by
    FRAMEWORK_CLEARANCE_A: the start of an NEB band that does not run through an anion."""
    points, dist = _segment(s, frac_a, frac_b)
    framework = [k for k in range(len(s)) if k not in set(mobile)]
    return not (
        _passes_site(s, mobile, points, dist)
        or _passes_site(s, framework, points, dist, FRAMEWORK_CLEARANCE_A)
    )


def _site_index(frac: np.ndarray, fracs: np.ndarray, tol: float = 0.02) -> tuple[int, np.ndarray]:
    d = fracs - frac
    shift = np.rint(d)
    err = np.abs(d - shift).max(axis=1)
    k = int(np.argmin(err))
    return (k, -shift[k]) if err[k] < tol else (-1, np.zeros(3))


def _candidate_hops(
    s: Structure, mobile: list[int], max_len: float
) -> list[tuple[int, int, tuple[int, int, int], float]]:
    """Unordered mobile-mobile pairs (i, j, image, length) within `max_len` Å, each once."""
    fr = s.frac_coords
    out = []
    for i in mobile:
        for nb in s.get_neighbors(s[i], max_len):
            j = nb.index
            if j not in mobile or nb.nn_distance < 1e-6:
                continue
            image = tuple(int(x) for x in np.rint(nb.frac_coords - fr[j]))
            if j < i or (i == j and image < (0, 0, 0)):  # the reverse orientation is kept
                continue
            out.append((i, j, image, float(nb.nn_distance)))
    return sorted(set(out), key=lambda h: (round(h[3], 4), h[0], h[1], h[2]))


def _classes(s: Structure, pairs: list, ops: list) -> list[int]:
    """Symmetry class label of each pair (union of pairs that a space-group operation maps
    onto each other, in either direction)."""
    fr = s.frac_coords
    key = {}
    for k, (i, j, img, _) in enumerate(pairs):
        key[(i, j, img)] = k
        key[(j, i, tuple(-x for x in img))] = k
    parent = list(range(len(pairs)))

    def root(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for k, (i, j, img, _) in enumerate(pairs):
        a, b = fr[i], fr[j] + np.array(img)
        for op in ops:
            a2, b2 = op.operate(a), op.operate(b)
            ia, shift_a = _site_index(a2, fr)
            ib, shift_b = _site_index(b2, fr)
            if ia < 0 or ib < 0:
                continue
            image = tuple(int(x) for x in np.rint(shift_b - shift_a))
            other = key.get((ia, ib, image))
            if other is not None:
                parent[root(other)] = root(k)
    return [root(k) for k in range(len(pairs))]


def _percolation_rank(n_sites: int, edges: list[tuple[int, int, np.ndarray]]) -> tuple[int, set]:
    """Highest rank of the translation lattice of any component of the periodic graph, and
    the sites of that component (periodic union-find: each node keeps the lattice vector to
    its root)."""
    parent = list(range(n_sites))
    vec = [np.zeros(3, dtype=int) for _ in range(n_sites)]
    cycles: dict[int, list[np.ndarray]] = {i: [] for i in range(n_sites)}

    def find(i: int) -> tuple[int, np.ndarray]:
        if parent[i] == i:
            return i, np.zeros(3, dtype=int)
        r, w = find(parent[i])
        parent[i], vec[i] = r, vec[i] + w
        return r, vec[i]

    for i, j, image in edges:
        ri, wi = find(i)
        rj, wj = find(j)
        t = wj + image - wi  # (ri, 0) is joined to (rj, t)
        if ri != rj:
            parent[ri], vec[ri] = rj, t
            cycles[rj].extend(cycles.pop(ri))
        elif np.any(t):
            cycles[ri].append(t)
    best, members = 0, set()
    for r, ts in cycles.items():
        rank = int(np.linalg.matrix_rank(np.array(ts))) if ts else 0
        if rank > best or not members:
            best, members = rank, {i for i in range(n_sites) if find(i)[0] == r}
    return best, members


def hop_paths(
    structure: Structure | str,
    mobile_ion: str = "Li",
    *,
    max_hop_length_a: float = 4.5,
    resolution_a: float = 0.25,
    bvse: BVSEResult | None = None,
    mechanism: str = "vacancy",
) -> PathsResult:
    """Distinct hops of `mobile_ion` with their BVSE profiles and the 1D/2D/3D networks.

    `structure`: Structure, CIF path or bundled name. `max_hop_length_a`: longest site-to-site
    distance (Å) considered a direct hop. `bvse`: a BVSEResult of the same structure to reuse
    (computed at `resolution_a` otherwise). `mechanism`: "vacancy" (hops between the occupied
    sites) or "interstitial" (an extra ion hopping between the empty BVSE minima, which are
    added to the returned `_structure` with the site property ``interstitial``)."""
    from interphase.atomistic.bvse import bvse_barriers
    from interphase.atomistic.structures import load_structure

    if not (math.isfinite(max_hop_length_a) and 1.0 <= max_hop_length_a <= 8.0):
        raise InvalidConditionError("the longest hop must be within 1–8 Å")
    if mechanism not in ("vacancy", "interstitial"):
        raise InvalidConditionError(f"mechanism {mechanism!r}: choose vacancy or interstitial")
    s = load_structure(structure).copy()
    s.remove_oxidation_states()
    bv = bvse or bvse_barriers(
        s, mobile_ion, resolution_a=resolution_a, empty_host=mechanism == "interstitial"
    )
    formula = s.composition.reduced_formula  # the host's, before interstitial sites join
    wyckoffs, ops, group = _symmetry(s)
    interstitials: tuple[InterstitialSite, ...] = ()
    if mechanism == "interstitial":
        interstitials, orbits = interstitial_sites(s, bv, ops, mobile_ion)
        if not interstitials:
            raise InvalidConditionError(
                f"{formula} has no empty BVSE minimum within "
                f"{INTERSTITIAL_MAX_EV:g} eV of the lowest with room for an extra "
                f"{mobile_ion} (≥ {INTERSTITIAL_CLEARANCE_A:g} Å from the framework, "
                f"≥ {INTERSTITIAL_MOBILE_CLEARANCE_A:g} Å from the {mobile_ion} sites): no "
                "interstitial site to hop between"
            )
        host = len(s)
        s.add_site_property("interstitial", [False] * host)
        for orbit in orbits:
            for frac in orbit:
                s.append(mobile_ion, frac, properties={"interstitial": True})
        mobile = list(range(host, len(s)))
        wyckoffs = _symmetry(s)[0]
        what = "interstitial sites"
    else:
        mobile = [k for k, site in enumerate(s) if site.specie.symbol == mobile_ion]
        what = "sites"
    pairs = _candidate_hops(s, mobile, max_hop_length_a)
    if not pairs:
        raise InvalidConditionError(
            f"no two {mobile_ion} {what} of {formula} lie within "
            f"{max_hop_length_a:g} Å; raise the longest hop length"
            + ("" if mechanism == "interstitial" else " or try the interstitial mechanism")
        )
    labels = _classes(s, pairs, ops)
    order = sorted(set(labels), key=lambda c: (pairs[c][3], c))
    fr = s.frac_coords
    hops: list[Hop] = []
    for number, c in enumerate(order):
        i, j, img, length = pairs[c]
        dist, energy, points = _profile(bv, fr[i], fr[j] + np.array(img))
        saddle = float(energy.max())
        hops.append(
            Hop(
                index=number,
                site_i=i,
                site_j=j,
                image=img,
                wyckoff_i=wyckoffs[i],
                wyckoff_j=wyckoffs[j],
                length_a=length,
                multiplicity=labels.count(c),
                saddle_ev=saddle,
                barrier_forward_ev=saddle - float(energy[0]),
                barrier_reverse_ev=saddle - float(energy[-1]),
                path_length_a=float(dist[-1]),
                direct=not _passes_site(s, mobile, points, dist),
                segment_clear=_segment_clear(s, mobile, fr[i], fr[j] + np.array(img)),
                profile_distance_a=tuple(float(x) for x in dist),
                profile_energy_ev=tuple(float(x) for x in energy),
            )
        )
    networks = _networks(s, mobile, pairs, labels, order, hops, bv)
    return PathsResult(
        formula=formula,
        mobile_ion=mobile_ion,
        space_group=group,
        n_mobile_sites=len(mobile),
        hops=tuple(hops),
        networks=networks,
        resolution_a=bv.resolution_a,
        max_hop_length_a=max_hop_length_a,
        bvse=bv,
        mechanism=mechanism,
        interstitials=interstitials,
        _structure=s,
        _mobile=tuple(mobile),
        _edges=tuple(
            (order.index(lab), i, j, img) for (i, j, img, _), lab in zip(pairs, labels, strict=True)
        ),
    )


def _symmetrize(frac: np.ndarray, ops: list, lattice: Any, spacing_a: float) -> np.ndarray:
    """`frac` moved onto its site symmetry: the mean of its images under the operations that
    map it within sqrt(3) grid spacings of itself (a grid minimum lies up to half a diagonal
    from the special position, so its images up to a whole diagonal from each other)."""
    near = []
    for op in ops:
        d = op.operate(frac) - frac
        d -= np.rint(d)
        if np.linalg.norm(lattice.get_cartesian_coords(d)) < math.sqrt(3) * spacing_a + 0.05:
            near.append(d)
    return (frac + np.mean(near, axis=0)) % 1.0


def _orbit(frac: np.ndarray, ops: list, lattice: Any) -> np.ndarray:
    """The distinct images of `frac` in the home cell under `ops`."""
    out: list[np.ndarray] = []
    for op in ops:
        p = op.operate(frac) % 1.0
        for q in out:
            d = p - q
            d -= np.rint(d)
            if np.linalg.norm(lattice.get_cartesian_coords(d)) < 0.05:
                break
        else:
            out.append(p)
    return np.array(out)


def interstitial_sites(
    structure: Structure,
    bvse: BVSEResult,
    ops: list,
    mobile_ion: str = "Li",
    *,
    clearance_a: float = INTERSTITIAL_CLEARANCE_A,
    max_energy_ev: float = INTERSTITIAL_MAX_EV,
) -> tuple[tuple[InterstitialSite, ...], list[np.ndarray]]:
    """Empty BVSE minima of `structure` grouped into symmetry orbits (lowest energy first),
    and each orbit's positions (fractional, home cell).

    A minimum counts when it lies at least `clearance_a` Å from every framework atom,
    INTERSTITIAL_MOBILE_CLEARANCE_A from every occupied mobile-ion site, and at most
    `max_energy_ev` above the grid's global minimum (module constants give the reasons)."""
    from scipy import ndimage

    grid = periodic_grid(bvse)
    n = np.array(grid.shape)
    low = (ndimage.minimum_filter(grid, size=3, mode="wrap") == grid) & (grid <= max_energy_ev)
    idx = np.argwhere(low)
    order = np.argsort(grid[tuple(idx.T)])
    lattice = structure.lattice
    kept: list[tuple[np.ndarray, float, np.ndarray]] = []  # site, energy, orbit
    taken: list[np.ndarray] = []  # every orbit member found so far
    for k in order:
        frac = idx[k] / n
        energy = float(grid[tuple(idx[k])])
        if taken:
            d = np.array(taken) - frac
            d -= np.rint(d)
            if np.linalg.norm(d @ lattice.matrix, axis=1).min() < INTERSTITIAL_MERGE_A:
                continue  # the same pocket, or a symmetry image of a kept site
        site = _symmetrize(frac, ops, lattice, float((lattice.abc / n).max()))
        cart = lattice.get_cartesian_coords(site)
        orbit = _orbit(site, ops, lattice)
        taken.extend(orbit)
        near = structure.get_sites_in_sphere(cart, INTERSTITIAL_MOBILE_CLEARANCE_A)
        if any(nb.nn_distance < clearance_a or nb.specie.symbol == mobile_ion for nb in near):
            continue
        kept.append((site, energy, orbit))
    sites = tuple(
        InterstitialSite(
            number,
            tuple(float(x) for x in site),  # type: ignore[arg-type]
            energy,
            len(orbit),
            min(
                (
                    float(nb.nn_distance)
                    for nb in structure.get_sites_in_sphere(lattice.get_cartesian_coords(site), 6.0)
                ),
                default=6.0,
            ),
        )
        for number, (site, energy, orbit) in enumerate(kept)
    )
    return sites, [orbit for _, _, orbit in kept]


def _symmetry(s: Structure) -> tuple[list[str], list, str]:
    """Wyckoff letters, space-group operations and the group's name (spglib, 0.1 Å)."""
    from pymatgen.symmetry.analyzer import SpacegroupAnalyzer

    try:
        sga = SpacegroupAnalyzer(s, symprec=0.1)
        wyckoffs = list(sga.get_symmetry_dataset().wyckoffs)
        ops = sga.get_symmetry_operations()
        group = f"{sga.get_space_group_symbol()} ({sga.get_space_group_number()})"
    except Exception:  # spglib gives up on some distorted cells: no symmetry, every hop distinct
        from pymatgen.core.operations import SymmOp

        wyckoffs, ops, group = ["?"] * len(s), [SymmOp.from_rotation_and_translation()], "P1"
    return wyckoffs, ops, group


def _networks(
    s: Structure,
    mobile: list[int],
    pairs: list,
    labels: list[int],
    order: list[int],
    hops: list[Hop],
    bv: BVSEResult,
) -> tuple[Network, ...]:
    """Add hop classes by rising saddle until the network percolates in 1, 2, 3 dimensions."""
    local = {site: k for k, site in enumerate(mobile)}
    # every hop takes part: a path through a third site is still a path on the map
    by_saddle = sorted(range(len(hops)), key=lambda h: (hops[h].saddle_ev, h))
    grid_bvse = (bv.barrier_1d_ev, bv.barrier_2d_ev, bv.barrier_3d_ev)
    out: list[Network | None] = [None, None, None]
    edges: list[tuple[int, int, np.ndarray]] = []
    for step, h in enumerate(by_saddle):
        c = order[h]
        for (i, j, img, _), lab in zip(pairs, labels, strict=True):
            if lab == c:
                edges.append((local[i], local[j], np.array(img)))
        rank, members = _percolation_rank(len(mobile), edges)
        used = tuple(
            sorted(
                k
                for k in by_saddle[: step + 1]
                if local[hops[k].site_i] in members or local[hops[k].site_j] in members
            )
        )
        for d in range(1, rank + 1):
            if out[d - 1] is None:
                out[d - 1] = Network(d, hops[h].saddle_ev, used, h, grid_bvse[d - 1])
    return tuple(
        net if net is not None else Network(d + 1, None, (), None, grid_bvse[d])
        for d, net in enumerate(out)
    )


__all__ = [
    "Hop",
    "InterstitialSite",
    "Network",
    "PathsResult",
    "hop_paths",
    "hop_profile",
    "interstitial_sites",
    "periodic_grid",
]
