"""The discrete particle model: residual and sparse Jacobian of the finite-volume,
BDF-discretised equations (transport with D at the face-mean Li fraction, Butler-Volmer
contact current, Li balance q, galvanostatic current constraint), and the material functions
they use. The equations are listed in `interphase.contact.particle`; the time integration that
drives this model is in `particle_integrate` and `particle_newton`."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from interphase.constants import FARADAY_C_MOL, GAS_CONSTANT_J_MOL_K
from interphase.contact.particle_mesh import ParticleMesh
from interphase.materials.electrodes import ElectrodeParameters

_EXP_CLIP = 300.0
_X_EPS = 1e-9
# the converged-iterate test also checks block means of the residual over this many blocks
# per direction (errors in smooth modes, which GMRES resolves least well)
_RESIDUAL_BLOCKS = 8


class _Model:
    """Residual and Jacobian of the BDF-discretised particle equations.

    Unknowns u = [x_0 .. x_{N-1}, q, (V)]: Li fractions, Li fraction that left (particle
    average), and the particle potential in galvanostatic mode.
    """

    def __init__(
        self,
        mesh: ParticleMesh,
        electrode: ElectrodeParameters,
        *,
        i0_ref_a_cm2: float,
        temperature_k: float,
        applied_current_a: float | None,
        hold_potential_v: float | None,
        diffusivity_cm2_s: float | None,
    ) -> None:
        self.mesh = mesh
        self.el = electrode
        self.n = mesh.n_cells
        self.galvanostatic = applied_current_a is not None
        self.i_app = applied_current_a or 0.0
        self.v_hold = hold_potential_v
        self.i0_ref = i0_ref_a_cm2
        self.f = FARADAY_C_MOL / (GAS_CONSTANT_J_MOL_K * temperature_k)
        self.alpha = electrode.transfer_coefficient
        self.cmax = electrode.max_li_concentration_mol_cm3.value
        self.d_const = diffusivity_cm2_s
        self.vol = mesh.volume_cm3
        self.vtot = mesh.total_volume_cm3
        self.fi, self.fj, self.ft = mesh.face_i, mesh.face_j, mesh.face_t_cm
        self.bc, self.ba = mesh.contact_cell, mesh.contact_area_cm2
        self.size = self.n + (2 if self.galvanostatic else 1)
        self.iq = self.n
        self.iv = self.n + 1
        self.i_scale = abs(self.i_app) if self.galvanostatic and self.i_app else 1.0
        self._rows_flux = np.concatenate([self.fi, self.fi, self.fj, self.fj])
        self._cols_flux = np.concatenate([self.fi, self.fj, self.fj, self.fi])
        self._pattern: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None
        # the unknowns whose Jacobian rows and columns depend on the state when D is constant
        self.state_block = np.concatenate([np.unique(self.bc), np.arange(self.n, self.size)])
        # a constant D (given, or a material without D(x)) makes the transport linear: the
        # face transmissibilities t D and the Jacobian's transport entries are computed once
        probe = np.linspace(0.0, 1.0, 21)
        if self.d_const is None and not np.any(electrode.ddiffusivity_dx(probe)):
            self.d_const = float(electrode.diffusivity_fn_cm2_s(0.5))
        self._face_td = None if self.d_const is None else self.ft * self.d_const
        # coarse blocks of cells (from the image grid) for the smooth part of the residual
        width = max(1, mesh.n // _RESIDUAL_BLOCKS)
        img = mesh.image_index.reshape(mesh.image_shape)
        ii, jj = np.nonzero(img >= 0)
        key = np.empty(self.n, dtype=np.int64)
        key[img[ii, jj]] = (ii // width) * (mesh.n // width + 1) + jj // width
        self.block = np.unique(key, return_inverse=True)[1]
        self.block_vol = np.bincount(self.block, self.vol)
        self._flux_data: np.ndarray | None = None

    # ---- material functions ---------------------------------------------------------------
    def diff(self, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        if self.d_const is not None:
            return np.full_like(x, self.d_const), np.zeros_like(x)
        return self.el.diffusivity_fn_cm2_s(x), self.el.ddiffusivity_dx(x)

    def _i0(self, xs: np.ndarray) -> np.ndarray:
        xc = np.clip(xs, _X_EPS, 1 - _X_EPS)
        return self.i0_ref * np.sqrt(xc * (1 - xc)) / 0.5

    def _butler_volmer(self, eta: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """exp(a f eta) - exp(-(1 - a) f eta) and its derivative in eta."""
        a = self.alpha
        ea = np.exp(np.clip(a * self.f * eta, -_EXP_CLIP, _EXP_CLIP))
        ec = np.exp(np.clip(-(1 - a) * self.f * eta, -_EXP_CLIP, _EXP_CLIP))
        return ea - ec, self.f * (a * ea + (1 - a) * ec)

    def current_density(self, xs: np.ndarray, v: float) -> np.ndarray:
        """Contact current density (A/cm^2) per contact face."""
        bv, _ = self._butler_volmer(v - self.el.ocv_v(xs))
        return self._i0(xs) * bv

    def kinetics(self, xs: np.ndarray, v: float):
        """Contact current density (A/cm^2) and its derivatives in x and V, per contact face."""
        xc = np.clip(xs, _X_EPS, 1 - _X_EPS)
        s = np.sqrt(xc * (1 - xc))
        i0 = self.i0_ref * s / 0.5
        di0 = self.i0_ref / 0.5 * (1 - 2 * xc) / (2 * s)
        di0 = np.where((xs <= _X_EPS) | (xs >= 1 - _X_EPS), 0.0, di0)
        bv, dbv = self._butler_volmer(v - self.el.ocv_v(xs))
        i = i0 * bv
        di_dv = i0 * dbv
        di_dx = di0 * bv - i0 * dbv * self.el.docv_dx_v(xs)
        return i, di_dx, di_dv

    def potential(self, u: np.ndarray) -> float:
        return float(u[self.iv]) if self.galvanostatic else float(self.v_hold)  # type: ignore[arg-type]

    def contact_current_a(self, u: np.ndarray) -> float:
        return float(np.dot(self.ba, self.current_density(u[self.bc], self.potential(u))))

    def solve_potential(self, x: np.ndarray, v_guess: float) -> float:
        """Particle potential that carries the applied current at Li fractions x."""
        xs = x[self.bc]
        i0, ocv = self._i0(xs), self.el.ocv_v(xs)  # fixed while V is iterated
        lo, hi = v_guess - 2.0, v_guess + 2.0
        v = v_guess
        for _ in range(200):
            bv, dbv = self._butler_volmer(v - ocv)
            i, di_dv = i0 * bv, i0 * dbv
            g = float(np.dot(self.ba, i)) - self.i_app
            if abs(g) <= 1e-13 * max(abs(self.i_app), 1e-30):
                return v
            if g > 0:
                hi = min(hi, v)
            else:
                lo = max(lo, v)
            dg = float(np.dot(self.ba, di_dv))
            step = v - g / dg if dg > 0 else 0.5 * (lo + hi)
            v = step if lo < step < hi else 0.5 * (lo + hi)
            if hi - lo < 1e-12:
                return v
        return v

    def project_galvanostatic(self, u: np.ndarray, a0_h: float, rhs: np.ndarray) -> None:
        """Make a converged galvanostatic iterate satisfy its linear invariants exactly: q
        the BDF integral of the applied current (at the exact current the q equation no
        longer involves x or V), the Li balance (the mean Li fraction moves with q), and the
        current constraint (V re-solved for the shifted x). Without it the Newton tolerance
        left a one-signed q residual that added up over the run (4e-5 of the window)."""
        n = self.n
        q = (rhs[self.iq] + self.i_app / (FARADAY_C_MOL * self.cmax * self.vtot)) / a0_h
        u[:n] -= q - u[self.iq]  # vtot = sum of cell volumes: a uniform shift conserves Li
        u[self.iq] = q
        u[self.iv] = self.solve_potential(u[:n], float(u[self.iv]))

    # ---- residual and Jacobian ------------------------------------------------------------
    def residual(self, u: np.ndarray, a0_h: float, rhs: np.ndarray) -> np.ndarray:
        """G(u) = a0/h u - rhs - f(u) on the differential rows; the constraint on the last."""
        n = self.n
        x = u[:n]
        v = self.potential(u)
        if self._face_td is not None:
            td = self._face_td
        else:
            d, _ = self.diff(0.5 * (x[self.fi] + x[self.fj]))
            td = self.ft * d
        flux = td * (x[self.fj] - x[self.fi])  # cm^3/s of Li fraction, i <- j
        # per face, added to one cell and taken from the other: the Li balance stays exact
        inflow = np.bincount(self.fi, flux, n) - np.bincount(self.fj, flux, n)
        i = self.current_density(x[self.bc], v)
        out_rate = self.ba * i / (FARADAY_C_MOL * self.cmax)
        sink = np.bincount(self.bc, out_rate, n)
        g = np.empty(self.size)
        g[:n] = a0_h * x - rhs[:n] - (inflow - sink) / self.vol
        g[self.iq] = a0_h * u[self.iq] - rhs[self.iq] - out_rate.sum() / self.vtot
        if self.galvanostatic:
            g[self.iv] = (float(np.dot(self.ba, i)) - self.i_app) / self.i_scale
        return g

    def _flux_jacobian(self, x: np.ndarray) -> np.ndarray:
        """Jacobian entries of the transport term, at (_rows_flux, _cols_flux)."""
        xi, xj = x[self.fi], x[self.fj]
        xm = 0.5 * (xi + xj)
        d, dd = self.diff(xm)
        # flux F = t D(xm) (xj - xi): dF/dxi = t (dd/2 (xj - xi) - D), dF/dxj = t (dd/2 (...) + D)
        dfi = self.ft * (0.5 * dd * (xj - xi) - d)
        dfj = self.ft * (0.5 * dd * (xj - xi) + d)
        # rows: cell i gets +F/vol_i, cell j gets -F/vol_j; G = ... - inflow/vol
        vi, vj = self.vol[self.fi], self.vol[self.fj]
        return np.concatenate(
            [
                -dfi / vi,  # (i, i)
                -dfj / vi,  # (i, j)
                dfj / vj,  # (j, j)
                dfi / vj,  # (j, i)
            ]
        )

    def jacobian(self, u: np.ndarray, a0_h: float) -> sp.csc_matrix:
        n = self.n
        x = u[:n]
        v = self.potential(u)
        rows = [self._rows_flux]
        cols = [self._cols_flux]
        vals = [self._flux_jacobian(x) if self._flux_data is None else np.zeros(0)]
        # diagonal a0/h on differential rows
        diag_idx = np.arange(n + 1)
        rows.append(diag_idx)
        cols.append(diag_idx)
        vals.append(np.full(n + 1, a0_h))
        # contact terms
        _, di_dx, di_dv = self.kinetics(x[self.bc], v)
        k = FARADAY_C_MOL * self.cmax
        bc = self.bc
        rows.append(bc)
        cols.append(bc)
        vals.append(self.ba * di_dx / (k * self.vol[bc]))
        rows.append(np.full(bc.size, self.iq))
        cols.append(bc)
        vals.append(-self.ba * di_dx / (k * self.vtot))
        if self.galvanostatic:
            iv = self.iv
            rows += [bc, np.full(bc.size, self.iq), np.full(bc.size, iv), np.array([iv])]
            cols += [np.full(bc.size, iv), np.full(bc.size, iv), bc, np.array([iv])]
            vals += [
                self.ba * di_dv / (k * self.vol[bc]),
                -self.ba * di_dv / (k * self.vtot),
                self.ba * di_dx / self.i_scale,
                np.array([float(np.dot(self.ba, di_dv)) / self.i_scale]),
            ]
        if self._pattern is None:
            self._pattern = self._csc_pattern(np.concatenate(rows), np.concatenate(cols))
        inv, indices, indptr = self._pattern
        nf = self._rows_flux.size
        if self._flux_data is None:
            flux_data = np.bincount(inv[:nf], vals[0], indices.size)
            if self.d_const is not None:  # state-independent: keep it
                self._flux_data = flux_data
        else:
            flux_data = self._flux_data
        data = flux_data + np.bincount(inv[nf:], np.concatenate(vals[1:]), indices.size)
        return sp.csc_matrix((data, indices, indptr), shape=(self.size, self.size))

    def _csc_pattern(self, rows: np.ndarray, cols: np.ndarray):
        """The fixed CSC pattern of the Jacobian and the map entry -> position (duplicates
        summed), so that each assembly is one bincount instead of COO -> CSC."""
        key = cols.astype(np.int64) * self.size + rows
        uniq, inv = np.unique(key, return_inverse=True)
        indices = (uniq % self.size).astype(np.int32)
        counts = np.bincount(uniq // self.size, minlength=self.size)
        indptr = np.concatenate([[0], np.cumsum(counts)]).astype(np.int32)
        return inv, indices, indptr
