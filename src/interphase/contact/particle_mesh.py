"""Finite-volume meshes of a cathode particle with contact patches on its surface.

Three geometries:

- ``circle``: a 2-D circular cross-section on an n x n Cartesian grid (cells whose centre lies
  inside the circle are active); the staircase boundary carries the true arc length, each
  boundary face weighted by |n_face . n_circle| and the total rescaled to 2 pi R;
- ``square``: a 2-D square cross-section of side 2R on an n x n grid (exact boundary);
- ``sphere``: an axisymmetric 3-D sphere on an (r, theta) spherical-polar grid, n x n cells
  (exact volumes and surface areas).

2-D meshes are per unit depth (1 cm); every result is intensive, so the depth cancels.

Contact patches cover a fraction of the surface. In 2-D, `n_patches` equal patches are centred
on the rays at angles offset + 2 pi k / n_patches (on the square: where the ray meets the
boundary; the patch length is measured along the perimeter). On the sphere the patches must be
axisymmetric: one patch is a cap at the north pole; n >= 2 patches are two polar caps plus
n - 2 equatorial bands, each of area fraction phi / n, the caps anchored at the poles and the
bands centred in n equal-area zones (equal steps in z = cos theta). A face partly covered by a
patch gets the covered share of its area, so the contact area is a continuous function of the
contact fraction.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from interphase.errors import InvalidConditionError

GEOMETRIES = ("circle", "square", "sphere")


@dataclass(frozen=True)
class ParticleMesh:
    """Cell volumes, interior faces and contact faces of one particle (lengths in cm).

    `face_i`, `face_j`, `face_t_cm`: interior faces between cells i and j with
    transmissibility area / distance. `contact_cell`, `contact_area_cm2`: boundary faces in
    contact (partial faces carry their covered area). `image_index`: for each pixel of the
    map (shape `image_shape`) the cell index, or -1 outside the particle.
    """

    geometry: str
    radius_cm: float
    n: int
    volume_cm3: np.ndarray
    face_i: np.ndarray
    face_j: np.ndarray
    face_t_cm: np.ndarray
    contact_cell: np.ndarray
    contact_area_cm2: np.ndarray
    surface_area_cm2: float
    image_shape: tuple[int, int]
    image_index: np.ndarray

    @property
    def n_cells(self) -> int:
        return int(self.volume_cm3.size)

    @property
    def total_volume_cm3(self) -> float:
        return float(self.volume_cm3.sum())

    @property
    def contact_area_total_cm2(self) -> float:
        return float(self.contact_area_cm2.sum())

    def to_image(self, values: np.ndarray) -> np.ndarray:
        """Cell values as a 2-D map (NaN outside the particle)."""
        out = np.full(self.image_index.shape, np.nan)
        inside = self.image_index >= 0
        out[inside] = values[self.image_index[inside]]
        return out.reshape(self.image_shape)


def _overlap(a0: np.ndarray, a1: np.ndarray, b0: float, b1: float, period: float | None):
    """Length of the overlap of intervals [a0, a1] (arrays) with [b0, b1], periodic or not."""
    shifts = (-1.0, 0.0, 1.0) if period else (0.0,)
    total = np.zeros_like(a0)
    for k in shifts:
        lo = np.maximum(a0, b0 + k * (period or 0.0))
        hi = np.minimum(a1, b1 + k * (period or 0.0))
        total += np.clip(hi - lo, 0.0, None)
    return total


def _square_arc(px: np.ndarray, py: np.ndarray, r: float) -> np.ndarray:
    """Arc length from (R, 0) counter-clockwise of points on the square of half-side R."""
    tol = 1e-9 * r
    s = np.empty_like(px)
    right = np.abs(px - r) < tol
    top = (np.abs(py - r) < tol) & ~right
    left = (np.abs(px + r) < tol) & ~top
    bottom = ~(right | top | left)
    s[right] = np.mod(py[right], 8 * r)
    s[top] = r + (r - px[top])
    s[left] = 3 * r + (r - py[left])
    s[bottom] = 5 * r + (px[bottom] + r)
    return s


def _patch_intervals_2d(
    contact_fraction: float, n_patches: int, offset_rad: float, geometry: str, r: float
) -> list[tuple[float, float]]:
    """Patch intervals in perimeter fraction (0..1, periodic)."""
    half = contact_fraction / (2 * n_patches)
    out = []
    for k in range(n_patches):
        th = offset_rad + 2 * math.pi * k / n_patches
        if geometry == "circle":
            c = (th / (2 * math.pi)) % 1.0
        else:
            m = max(abs(math.cos(th)), abs(math.sin(th)))
            p = np.array([r * math.cos(th) / m]), np.array([r * math.sin(th) / m])
            c = float(_square_arc(p[0], p[1], r)[0]) / (8 * r)
        out.append((c - half, c + half))
    return out


def _patch_intervals_sphere(contact_fraction: float, n_patches: int) -> list[tuple[float, float]]:
    """Patch intervals in z = cos(theta) in [-1, 1] (area on a sphere is uniform in z)."""
    w = 2.0 * contact_fraction / n_patches
    if n_patches == 1:
        return [(1.0 - w, 1.0)]
    out = [(1.0 - w, 1.0), (-1.0, -1.0 + w)]
    zone = 2.0 / n_patches
    for k in range(1, n_patches - 1):
        centre = 1.0 - zone * (k + 0.5)
        out.append((centre - w / 2, centre + w / 2))
    return out


def build_mesh(
    geometry: str,
    n: int,
    radius_um: float,
    contact_fraction: float,
    n_patches: int,
    patch_offset_deg: float = 0.0,
) -> ParticleMesh:
    """The mesh of `geometry` with n cells per direction and the contact faces."""
    if geometry not in GEOMETRIES:
        raise InvalidConditionError(
            f"unknown particle geometry {geometry!r}; use one of {', '.join(GEOMETRIES)}"
        )
    if n < 4:
        raise InvalidConditionError("the grid needs at least 4 cells per direction")
    if not 0.0 < contact_fraction <= 1.0:
        raise InvalidConditionError(f"contact fraction must lie in (0, 1], got {contact_fraction}")
    if n_patches < 1:
        raise InvalidConditionError("the number of contact patches must be at least 1")
    if not radius_um > 0:
        raise InvalidConditionError("the particle radius must be positive")
    r = radius_um * 1e-4
    if geometry == "sphere":
        return _sphere_mesh(n, r, contact_fraction, n_patches)
    return _cartesian_mesh(geometry, n, r, contact_fraction, n_patches, patch_offset_deg)


def _cartesian_mesh(
    geometry: str, n: int, r: float, phi: float, n_patches: int, offset_deg: float
) -> ParticleMesh:
    h = 2 * r / n
    c = -r + (np.arange(n) + 0.5) * h
    cx, cy = np.meshgrid(c, c, indexing="ij")
    if geometry == "circle":
        active = cx**2 + cy**2 <= r**2
    else:
        active = np.ones((n, n), dtype=bool)
    index = -np.ones((n, n), dtype=np.int64)
    index[active] = np.arange(int(active.sum()))
    n_cells = int(active.sum())
    volume = np.full(n_cells, h * h)  # per unit depth (1 cm)

    fi, fj = [], []
    for a, b in ((index[:-1, :], index[1:, :]), (index[:, :-1], index[:, 1:])):
        m = (a >= 0) & (b >= 0)
        fi.append(a[m])
        fj.append(b[m])
    face_i = np.concatenate(fi)
    face_j = np.concatenate(fj)
    face_t = np.ones(face_i.size)  # area h x 1 over distance h

    # boundary faces: active cell whose neighbour in direction d is inactive or off-grid
    padded = np.zeros((n + 2, n + 2), dtype=bool)
    padded[1:-1, 1:-1] = active
    cells, mx, my, nx, ny = [], [], [], [], []
    for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1)):
        nb = padded[1 + dx : n + 1 + dx, 1 + dy : n + 1 + dy]
        m = active & ~nb
        cells.append(index[m])
        mx.append(cx[m] + dx * h / 2)
        my.append(cy[m] + dy * h / 2)
        nx.append(np.full(int(m.sum()), float(dx)))
        ny.append(np.full(int(m.sum()), float(dy)))
    bcell = np.concatenate(cells)
    bmx, bmy = np.concatenate(mx), np.concatenate(my)
    bnx, bny = np.concatenate(nx), np.concatenate(ny)
    tx, ty = -bny, bnx  # tangent (counter-clockwise for an outward normal)

    if geometry == "circle":
        rm = np.hypot(bmx, bmy)
        w = h * np.abs(bnx * bmx / rm + bny * bmy / rm)
        perimeter = 2 * math.pi * r
        w *= perimeter / w.sum()
        a0 = np.arctan2(bmy - ty * h / 2, bmx - tx * h / 2)
        a1 = np.arctan2(bmy + ty * h / 2, bmx + tx * h / 2)
        da = np.angle(np.exp(1j * (a1 - a0)))
        s0 = np.mod(np.minimum(a0, a0 + da), 2 * math.pi) / (2 * math.pi)
        s1 = s0 + np.abs(da) / (2 * math.pi)
    else:
        w = np.full(bcell.size, h)
        perimeter = 8 * r
        smid = _square_arc(bmx, bmy, r) / perimeter
        s0 = smid - 0.5 * h / perimeter
        s1 = smid + 0.5 * h / perimeter

    intervals = _patch_intervals_2d(phi, n_patches, math.radians(offset_deg), geometry, r)
    frac = np.zeros(bcell.size)
    length = s1 - s0
    for b0, b1 in intervals:
        ov = _overlap(s0, s1, b0, b1, 1.0)
        with np.errstate(invalid="ignore", divide="ignore"):
            part = np.where(length > 0, ov / np.where(length > 0, length, 1.0), 0.0)
        # faces seen edge-on from the centre (zero angular length): midpoint test
        smid = 0.5 * (s0 + s1)
        edge_on = length <= 0
        if edge_on.any():
            inside = _overlap(smid, smid + 1e-12, b0, b1, 1.0) > 0
            part = np.where(edge_on & inside, 1.0, part)
        frac += part
    frac = np.clip(frac, 0.0, 1.0)
    area = w * frac
    if area.sum() > 0:
        area *= phi * perimeter / area.sum()
    keep = area > 0
    return ParticleMesh(
        geometry=geometry,
        radius_cm=r,
        n=n,
        volume_cm3=volume,
        face_i=face_i,
        face_j=face_j,
        face_t_cm=face_t,
        contact_cell=bcell[keep],
        contact_area_cm2=area[keep],
        surface_area_cm2=perimeter,
        image_shape=(n, n),
        image_index=index.ravel(),
    )


def _sphere_mesh(n: int, r: float, phi: float, n_patches: int) -> ParticleMesh:
    nr = nt = n
    re = np.linspace(0.0, r, nr + 1)
    te = np.linspace(0.0, math.pi, nt + 1)
    ze = np.cos(te)
    dr = r / nr
    dt = math.pi / nt
    idx = np.arange(nr * nt).reshape(nr, nt)
    vol = (2 * math.pi / 3) * np.outer(re[1:] ** 3 - re[:-1] ** 3, ze[:-1] - ze[1:])

    # radial faces between (i, j) and (i + 1, j) at r_{i+1}
    rad_area = 2 * math.pi * np.outer(re[1:-1] ** 2, ze[:-1] - ze[1:])
    rad_i, rad_j = idx[:-1, :], idx[1:, :]
    rad_t = rad_area / dr
    # polar faces between (i, j) and (i, j + 1) at theta_{j+1}
    rc = 0.5 * (re[1:] + re[:-1])
    pol_area = math.pi * np.outer(re[1:] ** 2 - re[:-1] ** 2, np.sin(te[1:-1]))
    pol_t = pol_area / (rc[:, None] * dt)
    pol_i, pol_j = idx[:, :-1], idx[:, 1:]

    face_i = np.concatenate([rad_i.ravel(), pol_i.ravel()])
    face_j = np.concatenate([rad_j.ravel(), pol_j.ravel()])
    face_t = np.concatenate([rad_t.ravel(), pol_t.ravel()])

    z_lo, z_hi = ze[1:], ze[:-1]
    surf = 2 * math.pi * r**2 * (z_hi - z_lo)
    frac = np.zeros(nt)
    for b0, b1 in _patch_intervals_sphere(phi, n_patches):
        frac += _overlap(z_lo, z_hi, b0, b1, None) / (z_hi - z_lo)
    frac = np.clip(frac, 0.0, 1.0)
    area = surf * frac
    keep = area > 0
    return ParticleMesh(
        geometry="sphere",
        radius_cm=r,
        n=n,
        volume_cm3=vol.ravel(),
        face_i=face_i,
        face_j=face_j,
        face_t_cm=face_t,
        contact_cell=idx[-1, :][keep],
        contact_area_cm2=area[keep],
        surface_area_cm2=4 * math.pi * r**2,
        image_shape=(nr, nt),
        image_index=idx.ravel(),
    )
