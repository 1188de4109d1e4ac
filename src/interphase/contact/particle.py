"""A cathode particle fed through point contacts with a solid electrolyte.

Transient Li diffusion in a 2-D cross-section (circle or square, Cartesian grid) or an
axisymmetric sphere (r, theta), with Butler-Volmer exchange only on contact patches of the
surface. Galvanostatic (C-rate, stopped at a cut-off voltage) or potentiostatic (stopped when
the current has decayed or at a time limit). This is the review's LiNi0.5Mn1.5O4 | LLZO case:
uneven contact -> uneven delithiation; the volume pushed below a Li-fraction threshold is the
volume where transition-metal migration may block Li channels.

Equations (x = c / c_max the Li fraction; i the anodic current density, Li leaving the
particle; V the particle potential vs Li/Li+ at the electrolyte side of the contact):

    dx/dt = div(D(x) grad x)                          in the particle
    -D(x) c_max dx/dn = i / F                         on contact patches, 0 elsewhere
    i = i0(x) [exp(a F eta / RT) - exp(-(1 - a) F eta / RT)],   eta = V - U(x)
    i0(x) = i0_ref sqrt(x (1 - x)) / 0.5
    galvanostatic: sum over patches of i dA = I (C-rate x capacity of the Li-fraction window)

Finite volumes (two-point fluxes, D at the face-mean Li fraction) give a differential-algebraic
system in (x, q, V), q the Li fraction that left the particle, integrated by variable-step
BDF2 (first step backward Euler) with Newton's method on the sparse Jacobian; the linear
systems are solved by GMRES preconditioned with a re-used SuperLU factorisation
(scipy.sparse.linalg.splu), corrected exactly (Woodbury) for the Jacobian block of the contact
cells, q and V. See docs/particle.md.

All engines here are silent; `progress`, when given, is called with the fraction done.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, replace

import numpy as np
import scipy.sparse as sp
from scipy.linalg import lu_factor, lu_solve
from scipy.sparse.linalg import spilu, splu

try:  # BLAS threads only add overhead on the GMRES vector operations of this size
    from threadpoolctl import threadpool_limits
except ImportError:  # pragma: no cover - optional
    threadpool_limits = None

from interphase.constants import FARADAY_C_MOL, GAS_CONSTANT_J_MOL_K
from interphase.contact.particle_mesh import GEOMETRIES, ParticleMesh, build_mesh
from interphase.errors import ComputeError, InvalidConditionError
from interphase.materials.electrodes import ElectrodeParameters, get_electrode
from interphase.results import Result

OPERATIONS = ("charge", "discharge")
# when no exchange-current density is known, i0 is set to this multiple of the mean contact
# current density at the applied rate: the fast-kinetics (near-Nernstian) limit
FAST_KINETICS_FACTOR = 100.0
_EXP_CLIP = 300.0
_X_EPS = 1e-9
# re-use a factorisation while the step's a0/h stays within this ratio of the one it was built
# for, and until GMRES has spent this many LU solves beyond one iteration per Newton update
# since it was built (about the cost of a factorisation at 200 x 200; counted, not timed, so
# that results are deterministic)
_LU_LO, _LU_HI = 0.02, 50.0
_LU_EXTRA_SOLVES = 30
# GMRES relative residual (inexact Newton: the Newton test and the residual test decide
# convergence; the Li balance is enforced exactly in each Newton update)
_GM_TOL = 1e-3
# Newton iterations before the step is cut (with exact linear solves it converges in 1-2)
_NEWTON_MAX = 6
# lower bound on the remembered contraction rate used to accept a first Newton update
_RATE_FLOOR = 1e-3
# largest state block (contact cells + 2) corrected exactly in the preconditioner (dense)
_CORRECTION_MAX = 400
# the converged-iterate test also checks block means of the residual over this many blocks
# per direction (errors in smooth modes, which GMRES resolves least well)
_RESIDUAL_BLOCKS = 8


@dataclass(frozen=True)
class ParticleResult(Result):
    """Outcome of one particle run.

    `frames` are Li-fraction maps (NaN outside the particle) at `frame_times_s`: for 2-D
    geometries indexed [ix, iy] over the square [-R, R]^2; for the sphere indexed [ir, itheta]
    (r from 0 to R, theta from 0 to pi). `capacity_fraction` is the Li moved, as a fraction of
    the material's practical Li-fraction window; `over_delithiated_fraction` the volume fraction
    whose Li fraction fell below `threshold_li_fraction` at any time of the run (None when no
    threshold is known). `conservation_error_relative` compares the Li lost from the particle
    with the integrated contact current.
    """

    material: str
    geometry: str
    operation: str
    mode: str
    contact_fraction: float
    contact_fraction_mesh: float
    n_patches: int
    c_rate: float | None
    hold_potential_v: float | None
    radius_um: float
    grid: int
    temperature_k: float
    diffusivity_cm2_s: float
    exchange_current_density_ma_cm2: float
    kinetics: str
    cutoff_v: float | None
    termination: str
    time_s: float
    capacity_fraction: float
    capacity_mah_g: float
    li_fraction_mean_initial: float
    li_fraction_mean_final: float
    li_fraction_min: float
    li_fraction_max: float
    threshold_li_fraction: float | None
    threshold_source: str
    over_delithiated_fraction: float | None
    li_initial_mol: float
    li_final_mol: float
    li_through_contacts_mol: float
    conservation_error_relative: float
    n_steps: int
    n_factorizations: int
    time_trace_s: tuple[float, ...]
    potential_trace_v: tuple[float, ...]
    current_density_trace_ma_cm2: tuple[float, ...]
    frame_times_s: tuple[float, ...]
    frames: tuple[np.ndarray, ...]
    citations: tuple[str, ...]
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class ContactSweepResult(Result):
    """Capacity and over-delithiation against contact fraction (same conditions otherwise)."""

    material: str
    geometry: str
    operation: str
    c_rate: float | None
    n_patches: int
    grid: int
    contact_fraction: tuple[float, ...]
    capacity_fraction: tuple[float, ...]
    capacity_mah_g: tuple[float, ...]
    over_delithiated_fraction: tuple[float | None, ...]
    time_s: tuple[float, ...]
    termination: tuple[str, ...]
    threshold_li_fraction: float | None
    citations: tuple[str, ...]


# ---------------------------------------------------------------------------------------------
# the discrete model


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


# ---------------------------------------------------------------------------------------------
# time integration

_SPLU_OPTIONS = {
    # the pattern is symmetric and the diagonal dominant (a0/h + diffusion, the BV terms on the
    # contact rows): symmetric mode keeps a symmetric ordering (about 40 % fewer non-zeros in
    # L + U, 2x faster factorisation and solves than the unsymmetric mode)
    "diag_pivot_thresh": 0.01,
    "options": {"SymmetricMode": True},
}


class _SingularJacobian(ComputeError):
    """SuperLU found the Jacobian exactly singular: the step is cut."""


class _Preconditioner:
    """A SuperLU factorisation P of the Jacobian at one state, corrected exactly for the
    state-dependent block of the Jacobian J it is applied to.

    With a constant diffusivity J depends on the state only in the rows and columns S of the
    contact cells, q and V (Butler-Volmer terms, current constraint). With S ordered last the
    trailing blocks of the factors give G = (P^-1)_SS = (L22 U22)^-1 at no cost, and
    J = P + E_S dJ E_S^T (dJ = J_SS - P_SS) is inverted by the Woodbury identity with two LU
    solves: z = P^-1 r, y = (I + G dJ)^-1 z_S, x = P^-1 (r - E_S dJ y). Without it GMRES
    needed 3-11 iterations once the contact state had moved (the OCV slope changes the
    contact entries a hundredfold along the window); with it, one. What changes outside S
    (the step size, a diffusivity D(x)) is left to GMRES.
    """

    def __init__(self, jac: sp.csc_matrix, order: np.ndarray | None, s_idx: np.ndarray) -> None:
        self.order = order
        self.s_idx = s_idx
        self.n_solves = 0
        self._g: np.ndarray | None = None
        self._k: tuple | None = None
        self._dj = np.zeros((0, 0))
        try:
            if order is None:  # SuperLU's fill-reducing ordering, no correction
                self.lu = splu(jac, permc_spec="MMD_AT_PLUS_A", **_SPLU_OPTIONS)
                return
            self.lu = splu(jac[order][:, order].tocsc(), permc_spec="NATURAL", **_SPLU_OPTIONS)
        except RuntimeError as exc:  # exactly singular (e.g. at a wild predictor)
            raise _SingularJacobian(str(exc)) from exc
        m, n = s_idx.size, jac.shape[0]
        tail = np.arange(n - m, n)
        if np.array_equal(self.lu.perm_r[-m:], tail) and np.array_equal(self.lu.perm_c[-m:], tail):
            l22 = self.lu.L[-m:, -m:].toarray()
            u22 = self.lu.U[-m:, -m:].toarray()
            self._g = np.linalg.inv(l22 @ u22)
        else:  # SuperLU pivoted into the trailing block: solve for it instead
            unit = np.zeros((n, m))
            unit[tail, np.arange(m)] = 1.0
            self._g = self.lu.solve(unit)[-m:]
        self._p_ss = self._block(jac)

    def _block(self, jac: sp.csc_matrix) -> np.ndarray:
        return jac[self.s_idx][:, self.s_idx].toarray()

    def update(self, jac: sp.csc_matrix) -> None:
        """Prepare the correction for `jac`, the matrix of the next linear solves."""
        if self._g is None:
            return
        dj = self._block(jac) - self._p_ss
        self._dj = dj
        self._k = lu_factor(np.eye(dj.shape[0]) + self._g @ dj) if dj.any() else None

    def solve(self, r: np.ndarray) -> np.ndarray:
        if self.order is None:
            self.n_solves += 1
            return self.lu.solve(r)
        rp = r[self.order]
        zp = self.lu.solve(rp)
        self.n_solves += 1
        if self._k is not None:
            m = self.s_idx.size
            y = lu_solve(self._k, zp[-m:])
            rp[-m:] -= self._dj @ y
            zp = self.lu.solve(rp)
            self.n_solves += 1
        x = np.empty_like(zp)
        x[self.order] = zp
        return x


def _state_block_last(jac: sp.csc_matrix, s_idx: np.ndarray) -> np.ndarray | None:
    """A fill-reducing order with the state block last: SuperLU's MMD(A^T + A) order for the
    whole Jacobian (an incomplete factorisation that drops nearly everything computes the same
    order at a fifth of the cost of the complete one), S moved to the end. None if it fails."""
    try:
        ilu = spilu(jac, permc_spec="MMD_AT_PLUS_A", drop_tol=1.0, fill_factor=1.0, **_SPLU_OPTIONS)
    except RuntimeError:
        return None
    mmd = np.argsort(ilu.perm_c)
    return np.concatenate([mmd[~np.isin(mmd, s_idx)], s_idx])


@dataclass
class _Integrator:
    model: _Model
    tol: float
    n_lu: int = 0
    n_solves: int = 0
    _lu: _Preconditioner | None = None
    _lu_a0h: float = 0.0
    _order: np.ndarray | None = None
    _extra_solves: int = 0
    _rate: float = 1.0
    _basis: np.ndarray | None = None
    _zbasis: np.ndarray | None = None

    def _factor(self, u: np.ndarray, a0_h: float) -> None:
        m = self.model
        jac = m.jacobian(u, a0_h)
        s_idx = m.state_block
        if self._order is None and s_idx.size <= _CORRECTION_MAX:
            self._order = _state_block_last(jac, s_idx)
        lu = _Preconditioner(jac, self._order, s_idx)
        if self._lu is not None:
            self.n_solves += self._lu.n_solves
        self._lu = lu
        self._lu_a0h = a0_h
        self.n_lu += 1
        self._extra_solves = 0

    def _needs_factor(self, a0_h_steady: float) -> bool:
        if self._lu is None or self._extra_solves > _LU_EXTRA_SOLVES:
            return True
        return not (_LU_LO < a0_h_steady / self._lu_a0h < _LU_HI)

    def lu_solves(self) -> int:
        return self.n_solves + (self._lu.n_solves if self._lu is not None else 0)

    def newton(
        self, u0: np.ndarray, a0_h: float, rhs: np.ndarray, a0_h_steady: float
    ) -> np.ndarray | None:
        """Solve G(u) = 0 by Newton's method from the predictor u0. The Jacobian is
        re-assembled at every iterate (cheaper than one LU solve); the linear systems are
        solved by GMRES preconditioned with a re-used factorisation (`_Preconditioner`),
        built for `a0_h_steady` (the value of the following constant steps) and refreshed
        when the step size has moved too far or GMRES needs many iterations. None when
        Newton does not converge."""
        try:
            return self._newton(u0, a0_h, rhs, a0_h_steady)
        except _SingularJacobian:
            return None

    def _newton(
        self, u0: np.ndarray, a0_h: float, rhs: np.ndarray, a0_h_steady: float
    ) -> np.ndarray | None:
        m = self.model
        if self._needs_factor(a0_h_steady):
            self._factor(u0, a0_h_steady)
        u = u0.copy()
        prev = math.inf
        g = m.residual(u, a0_h, rhs)
        for _ in range(_NEWTON_MAX):
            if not np.all(np.isfinite(g)):
                return None
            jac = m.jacobian(u, a0_h)
            du = self._newton_update(jac, g, a0_h, u, a0_h_steady)
            if du is None:
                return None
            u += du
            size = float(np.max(np.abs(du[: m.n + 1])))
            if m.galvanostatic:
                size = max(size, abs(float(du[m.iv])) * 1e-2)
            # diverging: growing updates, or one larger than the whole Li-fraction range (or
            # a 100 V jump of the potential); the step is cut
            if not math.isfinite(size) or size > min(2.0 * prev, 1.0):
                return None
            # contraction rate; on the first iterate the last one measured, so that a small
            # first update (a good predictor) can end the iteration
            rate = size / prev if prev < math.inf else self._rate
            if prev < math.inf:
                self._rate = max(rate, _RATE_FLOOR)
            small = size < 1e-11 or (rate < 0.9 and size * rate / (1 - rate) < 0.03 * self.tol)
            if small and m.galvanostatic:
                # project first: the current constraint, the most nonlinear equation, is
                # then exact, and the residual test often passes without another iteration
                m.project_galvanostatic(u, a0_h, rhs)
            g = m.residual(u, a0_h, rhs)
            if small and self._residual_ok(g, jac.diagonal(), a0_h):
                return u
            prev = size
        return None

    def _newton_update(
        self, jac: sp.csc_matrix, g: np.ndarray, a0_h: float, u: np.ndarray, a0_h_steady: float
    ) -> np.ndarray | None:
        """The Newton correction -J^-1 g (GMRES), with the Li balance made exact."""
        m = self.model
        assert self._lu is not None
        self._lu.update(jac)
        before = self._lu.n_solves
        du, info, n_it = self._linear_solve(jac, -g, self._lu)
        # the LU solves beyond one GMRES iteration: the price of a stale factorisation
        self._extra_solves += (self._lu.n_solves - before) * (n_it - 1) // max(n_it, 1)
        if info != 0 or n_it > 12:
            self._factor(u, a0_h_steady)
            self._lu.update(jac)
            du, info, n_it = self._linear_solve(jac, -g, self._lu)
            if info != 0:
                return None
        # the Li balance vol . G_x + vtot G_q is linear in u with slope a0/h: fix the q
        # component so that it holds exactly whatever the GMRES tolerance
        n = m.n
        bal_g = float(np.dot(m.vol, g[:n])) + m.vtot * float(g[m.iq])
        du[m.iq] = -bal_g / (a0_h * m.vtot) - float(np.dot(m.vol, du[:n])) / m.vtot
        return du

    def _residual_ok(self, g: np.ndarray, diag: np.ndarray, a0_h: float) -> bool:
        """The converged iterate satisfies the equations to within a small fraction of the
        error tolerance, measured in Li fraction (volts for V):
        - each x and q residual divided by its Jacobian diagonal (the local correction it
          asks for: errors that vary from cell to cell);
        - block means of the x residual divided by a0/h (smooth errors, on which the
          diffusion barely acts; GMRES leaves its largest errors there, and the original
          per-cell form of this test, over-strict for rough errors, cost 1-2 more Newton
          iterations per step);
        - the current-constraint residual (relative current error) divided by dG_V/dV
          (against 5 tol), and the Li fraction it would move over the step."""
        m = self.model
        if not np.all(np.isfinite(g)):
            return False
        limit = 0.03 * self.tol
        n = m.n
        if float(np.max(np.abs(g[:n] / diag[:n]))) >= limit:
            return False
        if abs(float(g[m.iq] / diag[m.iq])) >= limit:
            return False
        block_mean = np.bincount(m.block, m.vol * g[:n]) / m.block_vol
        if float(np.max(np.abs(block_mean))) / a0_h >= limit:
            return False
        if m.galvanostatic:
            gv = abs(float(g[m.iv]))
            q_rate = m.i_scale / (FARADAY_C_MOL * m.cmax * m.vtot)  # dq/dt per unit of gv
            return gv / abs(float(diag[m.iv])) < 5.0 * limit and gv * q_rate / a0_h < limit
        return True

    def _linear_solve(
        self, jac: sp.csc_matrix, b: np.ndarray, lu: _Preconditioner
    ) -> tuple[np.ndarray, int, int]:
        """Right-preconditioned GMRES (no restart, at most 30 iterations, relative residual
        `_GM_TOL`). Returns (x, info, iterations)."""
        maxit = 30
        n = b.size
        if self._basis is None or self._basis.shape[1] != n:
            self._basis = np.empty((maxit + 1, n))
            self._zbasis = np.empty((maxit, n))
        v, z = self._basis, self._zbasis
        beta = float(np.linalg.norm(b))
        if beta == 0.0:
            return np.zeros(n), 0, 0
        hess = np.zeros((maxit + 1, maxit))
        v[0] = b / beta
        y = np.zeros(0)
        k = 0
        res = beta
        for k in range(maxit):
            z[k] = lu.solve(v[k])
            w = jac @ z[k]
            h = v[: k + 1] @ w
            w -= h @ v[: k + 1]
            h2 = v[: k + 1] @ w  # second Gram-Schmidt pass
            w -= h2 @ v[: k + 1]
            hess[: k + 1, k] = h + h2
            hn = float(np.linalg.norm(w))
            hess[k + 1, k] = hn
            rhs = np.zeros(k + 2)
            rhs[0] = beta
            y = np.linalg.lstsq(hess[: k + 2, : k + 1], rhs, rcond=None)[0]
            res = float(np.linalg.norm(hess[: k + 2, : k + 1] @ y - rhs))
            if res <= _GM_TOL * beta or hn <= 1e-300:
                break
            v[k + 1] = w / hn
        x = y @ z[: k + 1]
        info = 0 if res <= _GM_TOL * beta or hn <= 1e-300 else 1
        return x, info, k + 1


def _accepted_step_factor(err: float) -> float:
    """Next step size over this one: the usual 0.9 err^(-1/3) (third-order error), rounded
    down to 1, 1.5, 2 or 4, so that steps are kept while the error allows no clear gain and a
    factorisation serves many steps."""
    factor = 0.9 * max(err, 1e-12) ** (-1.0 / 3.0)
    for grow in (4.0, 2.0, 1.5):
        if factor >= grow:
            return grow
    return 1.0


def _rejected_step_factor(err: float, n_reject: int) -> float:
    """Step size cut after a rejected error test. A repeated rejection cuts at least by
    half: across the kinks of a tabulated OCV the error does not fall as h^3, and cuts of
    ~10 % were rejected again and again."""
    if n_reject == 1:
        return max(0.2, 0.9 * err ** (-1.0 / 3.0))
    return max(0.2, min(0.5, 0.9 * err**-0.5))


def _find_stop(
    model: _Model,
    t_old: float,
    u_old: np.ndarray,
    t: float,
    u: np.ndarray,
    cutoff_v: float | None,
    charging: bool,
    window_stop_q: float | None,
    window_label: str,
    current_stop_a: float | None,
    previous: tuple[float, float] | None = None,
) -> tuple[float, str | None]:
    """The earliest stop condition met in the step (t_old, t], with its time, or (t, None).
    `previous` is (time, potential) of the accepted point before t_old, for the cut-off."""
    candidates: list[tuple[float, str]] = []
    if cutoff_v is not None:
        v_old, v_now = model.potential(u_old), model.potential(u)
        crossed = v_now >= cutoff_v if charging else v_now <= cutoff_v
        if crossed:
            w = _crossing(t_old, v_old, t, v_now, cutoff_v, previous)
            candidates.append((t_old + w * (t - t_old), "cut-off voltage"))
    sgn = 1.0 if charging else -1.0
    q_new, q_old = sgn * u[model.iq], sgn * u_old[model.iq]
    if window_stop_q is not None and q_new >= window_stop_q:
        w = (window_stop_q - q_old) / (q_new - q_old) if q_new != q_old else 1.0
        candidates.append((t_old + min(max(w, 0.0), 1.0) * (t - t_old), window_label))
    if current_stop_a is not None and abs(model.contact_current_a(u)) <= current_stop_a:
        candidates.append((t, "current below threshold"))
    if not candidates:
        return t, None
    t_stop, stop = min(candidates)
    return t_stop, stop


def _crossing(
    t1: float, v1: float, t2: float, v2: float, level: float, previous: tuple[float, float] | None
) -> float:
    """Fraction of the step (t1, t2] where V reaches `level`: on the parabola through the
    previous point and the step's ends when there is one (V bends sharply towards the end of
    the window, and the chord crossed up to 25 s early), else on the chord."""
    h = t2 - t1
    slope = (v2 - v1) / h if h > 0 else 0.0
    w = 1.0 if v2 == v1 else (level - v1) / (v2 - v1)
    if previous is not None and previous[0] < t1 and h > 0:
        t0, v0 = previous
        c = (slope - (v1 - v0) / (t1 - t0)) / (t2 - t0)  # second divided difference
        # v1 + s slope + c s (s - h) = level, s in [0, h]
        roots = np.roots([c, slope - c * h, v1 - level]) if c != 0.0 else np.array([])
        real = [float(r.real) / h for r in roots if abs(r.imag) < 1e-12 * h]
        inside = [r for r in real if 0.0 <= r <= 1.0]
        if inside:
            w = min(inside, key=lambda r: abs(r - w))
    return min(max(w, 0.0), 1.0)


def _interp_state(t: float, ta: float, ua: np.ndarray, tb: float, ub: np.ndarray) -> np.ndarray:
    w = 0.0 if tb == ta else (t - ta) / (tb - ta)
    return (1 - w) * ua + w * ub


def _run(model: _Model, u0: np.ndarray, **kwargs):
    """`_integrate` with single-threaded BLAS (the vectors are too short for threads to pay;
    on 2 cores OpenBLAS threads doubled the wall time)."""
    if threadpool_limits is None:
        return _integrate(model, u0, **kwargs)
    with threadpool_limits(limits=1, user_api="blas"):
        return _integrate(model, u0, **kwargs)


def _integrate(
    model: _Model,
    u0: np.ndarray,
    *,
    t_end: float,
    h0: float,
    tol: float,
    cutoff_v: float | None,
    charging: bool,
    current_stop_a: float | None,
    window_stop_q: float | None,
    window_label: str,
    frame_times: Sequence[float] | None,
    progress: Callable[[float], None] | None,
):
    """Integrate to a stop condition. Returns the stored states and bookkeeping."""
    integ = _Integrator(model, tol)
    n = model.n
    t = 0.0
    u = u0.copy()
    hist_t = [t]
    hist_u = [u.copy()]
    xmin = u[:n].copy()
    trace = [(t, model.potential(u), model.contact_current_a(u))]
    stored: list[tuple[float, np.ndarray]] = [(0.0, u[:n].astype(np.float32))]
    requested = sorted(frame_times) if frame_times is not None else None
    req_frames: list[tuple[float, np.ndarray]] = []
    h = h0
    h_prev = None
    termination = "time limit"
    n_steps = 0
    n_reject = 0
    n_event = 0
    while t < t_end * (1 - 1e-12):
        h = min(h, t_end - t)
        if h_prev is None:
            a0, rhs_u = 1.0, u
            u_pred = u
        else:
            w = h / h_prev
            a0 = (1 + 2 * w) / (1 + w)
            rhs_u = (1 + w) * u - (w * w / (1 + w)) * hist_u[-2]
            u_pred = u + w * (u - hist_u[-2])
            if len(hist_u) >= 3:
                t0, t1, t2 = hist_t[-3], hist_t[-2], hist_t[-1]
                tn = t + h
                l0 = (tn - t1) * (tn - t2) / ((t0 - t1) * (t0 - t2))
                l1 = (tn - t0) * (tn - t2) / ((t1 - t0) * (t1 - t2))
                l2 = (tn - t0) * (tn - t1) / ((t2 - t0) * (t2 - t1))
                u_pred = l0 * hist_u[-3] + l1 * hist_u[-2] + l2 * u
        a0_h = a0 / h
        rhs = rhs_u / h
        guess = u_pred.copy()
        guess[:n] = np.clip(guess[:n], 0.0, 1.0)
        if model.galvanostatic:
            # a consistent predictor: the potential that carries the current at the predicted
            # Li fractions (extrapolated, V can be tens of mV off, far into the exponential
            # Butler-Volmer regime, and Newton needed 2-3 more iterations)
            guess[model.iv] = model.solve_potential(guess[:n], float(guess[model.iv]))
        a0_h_steady = (1.0 if h_prev is None else 1.5) / h
        u_new = integ.newton(guess, a0_h, rhs, a0_h_steady)
        if u_new is None:
            n_reject += 1
            if n_reject > 60 or h < 1e-12 * t_end:
                raise ComputeError(
                    f"particle model: time step collapsed at t = {t:.4g} s (Newton failure)"
                )
            h *= 0.25
            continue
        # local error estimate against the predictor
        if h_prev is None:
            err = 0.0
        else:
            const = 2.0 / 9.0 if len(hist_u) >= 3 else 0.5
            ex = float(np.max(np.abs(u_new[:n] - u_pred[:n]))) * const / tol
            err = ex
            if model.galvanostatic:
                ev = abs(float(u_new[model.iv] - u_pred[model.iv])) * const / (5.0 * tol)
                err = max(err, ev)
        if err > 1.0 and h_prev is not None:
            n_reject += 1
            h *= _rejected_step_factor(err, n_reject)
            continue
        previous = (hist_t[-2], model.potential(hist_u[-2])) if len(hist_u) >= 2 else None
        t_stop, stop = _find_stop(
            model,
            t,
            u,
            t + h,
            u_new,
            cutoff_v,
            charging,
            window_stop_q,
            window_label,
            current_stop_a,
            previous,
        )
        if stop == "cut-off voltage" and n_event < 10 and t_stop - t < 0.75 * h:
            # a long step past the cut-off: land a step a little past the estimated crossing
            # (V bends up, so the estimate tends to be early), so that the crossing falls in
            # the last part of a short step
            n_event += 1
            h = 1.25 * (t_stop - t)
            continue
        n_reject = 0
        t_old, u_old = t, u
        t = t + h
        u = u_new
        n_steps += 1
        hist_t.append(t)
        hist_u.append(u)
        if len(hist_u) > 3:
            hist_t.pop(0)
            hist_u.pop(0)
        # requested frames inside (t_old, t]
        if requested is not None:
            while requested and requested[0] <= t + 1e-12 * t_end:
                tf = requested.pop(0)
                req_frames.append((tf, _interp_state(tf, t_old, u_old, t, u)[:n].copy()))
        v_now = model.potential(u)
        i_now = model.contact_current_a(u)
        if stop is not None:
            u = _interp_state(t_stop, t_old, u_old, t, u)
            t = t_stop
            v_now = model.potential(u)
            # the interpolated state is off the Butler-Volmer curve (its current was 5 % to
            # 8x off); a galvanostatic current is the applied one at any time
            i_now = model.i_app if model.galvanostatic else model.contact_current_a(u)
        xmin = np.minimum(xmin, u[:n])
        trace.append((t, v_now, i_now))
        stored.append((t, u[:n].astype(np.float32)))
        if progress is not None:
            progress(min(t / t_end, 1.0))
        if stop is not None:
            termination = stop
            break
        # next step size: kept or grown by a few fixed factors (`_accepted_step_factor`)
        first = h_prev is None
        h_prev = h
        if not first:  # the first step has no error estimate: keep its size
            h *= _accepted_step_factor(err)
    return {
        "t": t,
        "u": u,
        "xmin": xmin,
        "trace": trace,
        "stored": stored,
        "requested": req_frames,
        "termination": termination,
        "n_steps": n_steps,
        "n_lu": integ.n_lu,
        "n_lu_solves": integ.lu_solves(),
    }


# ---------------------------------------------------------------------------------------------
# public API


def _resolve_electrode(material: str | ElectrodeParameters) -> ElectrodeParameters:
    return material if isinstance(material, ElectrodeParameters) else get_electrode(material)


def simulate_particle(
    material: str | ElectrodeParameters = "LNMO",
    *,
    contact_fraction: float,
    n_patches: int = 4,
    geometry: str = "circle",
    grid: int = 60,
    radius_um: float = 2.5,
    operation: str = "charge",
    c_rate: float | None = 1.0,
    hold_potential_v: float | None = None,
    duration_s: float | None = None,
    cutoff_v: float | None = None,
    exchange_current_ma_cm2: float | None = None,
    diffusivity_cm2_s: float | None = None,
    threshold_li_fraction: float | None = None,
    initial_li_fraction: float | None = None,
    capacity_limit_fraction: float | None = None,
    temperature_k: float = 298.15,
    patch_offset_deg: float = 0.0,
    n_frames: int = 6,
    frame_times_s: Sequence[float] | None = None,
    tol: float = 2e-3,
    progress: Callable[[float], None] | None = None,
) -> ParticleResult:
    """Charge or discharge one cathode particle through contact patches.

    Galvanostatic when `hold_potential_v` is None: the current is `c_rate` times the charge
    of the material's Li-fraction window per hour, and the run stops at `cutoff_v` (default:
    the material's cut-off for `operation`) or when the window is exhausted. Potentiostatic
    when `hold_potential_v` is given: the run stops when the current falls below C/50 or at
    `duration_s` (default 1 h).

    `exchange_current_ma_cm2` (at x = 0.5) overrides the material's value; with neither, the
    fast-kinetics limit is used (noted in the result). `diffusivity_cm2_s` replaces D(x) by a
    constant. `threshold_li_fraction` sets the over-delithiation threshold (the material's
    transition-metal-migration Li fraction when it has a sourced one). `frame_times_s` asks
    for maps at given times; otherwise `n_frames` maps evenly spaced in time are kept.
    `capacity_limit_fraction` also stops a galvanostatic run once that fraction of the
    Li-fraction window has been moved (to compare particles at equal charge passed).
    """
    el = _resolve_electrode(material)
    if operation not in OPERATIONS:
        raise InvalidConditionError(f"operation must be 'charge' or 'discharge', got {operation!r}")
    if geometry not in GEOMETRIES:
        raise InvalidConditionError(
            f"unknown particle geometry {geometry!r}; use one of {', '.join(GEOMETRIES)}"
        )
    if not (isinstance(contact_fraction, int | float) and 0.0 < contact_fraction <= 1.0):
        raise InvalidConditionError(f"contact fraction must lie in (0, 1], got {contact_fraction}")
    potentiostatic = hold_potential_v is not None
    if not potentiostatic:
        if c_rate is None or not c_rate > 0 or not math.isfinite(c_rate):
            raise InvalidConditionError(f"C-rate must be a positive number, got {c_rate}")
    elif not 0.0 < hold_potential_v < 7.0:  # type: ignore[operator]
        raise InvalidConditionError("hold potential must lie within 0..7 V vs Li/Li+")
    if not temperature_k > 0:
        raise InvalidConditionError("temperature must be positive (K)")
    if exchange_current_ma_cm2 is not None and not exchange_current_ma_cm2 > 0:
        raise InvalidConditionError("exchange-current density must be positive (mA/cm^2)")
    if diffusivity_cm2_s is not None and not diffusivity_cm2_s > 0:
        raise InvalidConditionError("diffusivity must be positive (cm^2/s)")
    if threshold_li_fraction is not None and not 0.0 < threshold_li_fraction < 1.0:
        raise InvalidConditionError("Li-fraction threshold must lie in (0, 1)")
    if capacity_limit_fraction is not None and not 0.0 < capacity_limit_fraction <= 1.0:
        raise InvalidConditionError("capacity limit must lie in (0, 1] (fraction of the window)")
    if grid > 400:
        raise InvalidConditionError("grid above 400 cells per direction is not supported")

    mesh = build_mesh(geometry, grid, radius_um, contact_fraction, n_patches, patch_offset_deg)
    charging = operation == "charge"
    x_lo, x_hi = el.li_fraction_window
    x0 = initial_li_fraction
    if x0 is None:
        x0 = x_hi if charging else x_lo
    if not 0.0 < x0 < 1.0:
        raise InvalidConditionError("initial Li fraction must lie in (0, 1)")
    cmax = el.max_li_concentration_mol_cm3.value
    vtot = mesh.total_volume_cm3
    window_charge_c = FARADAY_C_MOL * cmax * vtot * (x_hi - x_lo)
    one_c_current_a = window_charge_c / 3600.0
    contact_area = mesh.contact_area_total_cm2
    notes: list[str] = []

    if potentiostatic:
        i_app = None
        kin_scale = one_c_current_a
    else:
        i_app = (1.0 if charging else -1.0) * c_rate * one_c_current_a  # type: ignore[operator]
        kin_scale = abs(i_app)
    if exchange_current_ma_cm2 is not None:
        i0_ref = exchange_current_ma_cm2 * 1e-3
        kinetics = "Butler-Volmer, user exchange-current density"
    elif el.exchange_current_density_ma_cm2 is not None:
        i0_ref = el.exchange_current_density_ma_cm2.value * 1e-3
        kinetics = "Butler-Volmer, library exchange-current density (liquid-electrolyte value)"
        notes.append(
            "the library exchange-current density was measured against a liquid electrolyte; "
            "a solid-electrolyte contact has its own (pass --exchange-current)"
        )
    else:
        i0_ref = FAST_KINETICS_FACTOR * kin_scale / contact_area
        kinetics = "fast-kinetics limit (no sourced exchange-current density)"
        notes.append(
            f"{el.name} has no sourced exchange-current density: i0 set to "
            f"{FAST_KINETICS_FACTOR:g}x the mean contact current density (diffusion-limited case)"
        )

    threshold_source = ""
    if threshold_li_fraction is None and el.tm_migration_li_fraction is not None:
        threshold_li_fraction = el.tm_migration_li_fraction.value
        threshold_source = el.tm_migration_li_fraction.source
    elif threshold_li_fraction is not None:
        threshold_source = "user"
    elif charging:
        notes.append(
            f"no sourced Li fraction for transition-metal migration in {el.name}: give "
            "--threshold to get the over-delithiated volume fraction"
        )

    model = _Model(
        mesh,
        el,
        i0_ref_a_cm2=i0_ref,
        temperature_k=temperature_k,
        applied_current_a=i_app,
        hold_potential_v=hold_potential_v,
        diffusivity_cm2_s=diffusivity_cm2_s,
    )
    u0 = np.zeros(model.size)
    u0[: mesh.n_cells] = x0
    d_ref = diffusivity_cm2_s or float(el.diffusivity_fn_cm2_s(np.array(x0)))
    if potentiostatic:
        t_end = duration_s if duration_s is not None else 3600.0
        cut = None
        current_stop = one_c_current_a / 50.0
        window_q = None
        window_label = ""
        h0 = 1e-6 * min(t_end, mesh.radius_cm**2 / d_ref)
    else:
        t_nominal = 3600.0 / c_rate  # type: ignore[operator]
        t_end = duration_s if duration_s is not None else 1.05 * t_nominal
        cut = (
            cutoff_v
            if cutoff_v is not None
            else (el.cutoff_charge_v if charging else el.cutoff_discharge_v)
        )
        current_stop = None
        # Li fraction that may leave (charge) or enter (discharge) before the window ends
        window_q = (x0 - x_lo) if charging else (x_hi - x0)
        window_label = "Li-fraction window exhausted"
        if capacity_limit_fraction is not None:
            limit_q = capacity_limit_fraction * (x_hi - x_lo)
            if limit_q < window_q:
                window_q, window_label = limit_q, "capacity limit reached"
        v_guess = float(el.ocv_v(np.array(x0)))
        u0[model.iv] = model.solve_potential(u0[: mesh.n_cells], v_guess)
        h0 = 1e-3 * t_nominal
        if (charging and u0[model.iv] >= cut) or (not charging and u0[model.iv] <= cut):
            raise InvalidConditionError(
                f"the particle starts beyond the cut-off ({u0[model.iv]:.3f} V vs {cut:.3f} V):"
                " lower the C-rate or raise the contact fraction"
            )
    if frame_times_s is not None and any(tf < 0 for tf in frame_times_s):
        raise InvalidConditionError("frame times must be non-negative")

    run = _run(
        model,
        u0,
        t_end=t_end,
        h0=h0,
        tol=tol,
        cutoff_v=cut,
        charging=charging,
        current_stop_a=current_stop,
        window_stop_q=window_q,
        window_label=window_label,
        frame_times=frame_times_s,
        progress=progress,
    )
    u_end = run["u"]
    n = mesh.n_cells
    x_end = u_end[:n]
    vol = mesh.volume_cm3
    li0 = float(cmax * np.dot(vol, u0[:n]))
    li1 = float(cmax * np.dot(vol, x_end))
    q_end = float(u_end[model.iq])
    li_through = q_end * cmax * vtot
    cons = abs((li0 - li1) - li_through) / li0
    moved = abs(float(np.dot(vol, x_end - u0[:n]))) / vtot
    cap_frac = moved / (x_hi - x_lo)
    cap_mah_g = moved * el.specific_capacity_per_li_mah_g

    over = None
    if threshold_li_fraction is not None:
        over = float(np.dot(vol, run["xmin"] < threshold_li_fraction) / vtot)

    if frame_times_s is not None:
        frames = run["requested"]
    else:
        frames = _pick_frames(run["stored"], run["t"], max(n_frames, 2))
    frame_t = tuple(float(tf) for tf, _ in frames)
    frame_maps = tuple(mesh.to_image(np.asarray(xf, dtype=float)) for _, xf in frames)

    trace = run["trace"]
    tt = tuple(float(a) for a, _, _ in trace)
    vv = tuple(float(b) for _, b, _ in trace)
    jj = tuple(float(c) / contact_area * 1e3 for _, _, c in trace)

    keys = list(el.citation_keys())
    return ParticleResult(
        material=el.name,
        geometry=geometry,
        operation=operation,
        mode="potentiostatic" if potentiostatic else "galvanostatic",
        contact_fraction=float(contact_fraction),
        contact_fraction_mesh=contact_area / mesh.surface_area_cm2,
        n_patches=n_patches,
        c_rate=None if potentiostatic else float(c_rate),  # type: ignore[arg-type]
        hold_potential_v=hold_potential_v,
        radius_um=radius_um,
        grid=grid,
        temperature_k=temperature_k,
        diffusivity_cm2_s=d_ref,
        exchange_current_density_ma_cm2=i0_ref * 1e3,
        kinetics=kinetics,
        cutoff_v=cut,
        termination=run["termination"],
        time_s=float(run["t"]),
        capacity_fraction=cap_frac,
        capacity_mah_g=cap_mah_g,
        li_fraction_mean_initial=float(np.dot(vol, u0[:n]) / vtot),
        li_fraction_mean_final=float(np.dot(vol, x_end) / vtot),
        li_fraction_min=float(x_end.min()),
        li_fraction_max=float(x_end.max()),
        threshold_li_fraction=threshold_li_fraction,
        threshold_source=threshold_source,
        over_delithiated_fraction=over,
        li_initial_mol=li0,
        li_final_mol=li1,
        li_through_contacts_mol=li_through,
        conservation_error_relative=cons,
        n_steps=run["n_steps"],
        n_factorizations=run["n_lu"],
        time_trace_s=tt,
        potential_trace_v=vv,
        current_density_trace_ma_cm2=jj,
        frame_times_s=frame_t,
        frames=frame_maps,
        citations=tuple(keys),
        notes=tuple(notes),
    )


def _pick_frames(
    stored: list[tuple[float, np.ndarray]], t_end: float, n_frames: int
) -> list[tuple[float, np.ndarray]]:
    """`n_frames` states evenly spaced in time (linear interpolation between steps)."""
    times = np.array([s[0] for s in stored])
    out = []
    for tf in np.linspace(0.0, t_end, n_frames):
        k = int(np.searchsorted(times, tf))
        if k <= 0:
            out.append((float(tf), stored[0][1]))
        elif k >= len(stored):
            out.append((float(tf), stored[-1][1]))
        else:
            ta, xa = stored[k - 1]
            tb, xb = stored[k]
            w = 0.0 if tb == ta else (tf - ta) / (tb - ta)
            out.append((float(tf), (1 - w) * xa + w * xb))
    return out


def _sweep_one(kwargs: dict) -> ParticleResult:
    res = simulate_particle(**kwargs)
    return replace(res, frames=(), frame_times_s=())


def sweep_contact_fraction(
    contact_fractions: Sequence[float],
    material: str | ElectrodeParameters = "LNMO",
    *,
    max_workers: int | None = None,
    progress: Callable[[float], None] | None = None,
    **kwargs,
) -> ContactSweepResult:
    """Run `simulate_particle` for each contact fraction (other arguments shared), in
    parallel processes when `max_workers` != 1 (default: the number of CPUs)."""
    fractions = [float(f) for f in contact_fractions]
    if not fractions:
        raise InvalidConditionError("no contact fractions to sweep")
    for f in fractions:
        if not 0.0 < f <= 1.0:
            raise InvalidConditionError(f"contact fraction must lie in (0, 1], got {f}")
    el = _resolve_electrode(material)
    kwargs.pop("progress", None)
    jobs = [dict(kwargs, material=el, contact_fraction=f, n_frames=2) for f in fractions]
    workers = max_workers if max_workers is not None else (os.cpu_count() or 1)
    results: list[ParticleResult | None] = [None] * len(jobs)
    if workers <= 1 or len(jobs) == 1:
        for k, job in enumerate(jobs):
            results[k] = _sweep_one(job)
            if progress is not None:
                progress((k + 1) / len(jobs))
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures = {pool.submit(_sweep_one, job): k for k, job in enumerate(jobs)}
            for done, fut in enumerate(as_completed(futures), start=1):
                results[futures[fut]] = fut.result()
                if progress is not None:
                    progress(done / len(jobs))
    res = [r for r in results if r is not None]
    if len(res) != len(jobs):
        raise ComputeError("sweep: some runs returned no result")
    first = res[0]
    return ContactSweepResult(
        material=first.material,
        geometry=first.geometry,
        operation=first.operation,
        c_rate=first.c_rate,
        n_patches=first.n_patches,
        grid=first.grid,
        contact_fraction=tuple(fractions),
        capacity_fraction=tuple(r.capacity_fraction for r in res),
        capacity_mah_g=tuple(r.capacity_mah_g for r in res),
        over_delithiated_fraction=tuple(r.over_delithiated_fraction for r in res),
        time_s=tuple(r.time_s for r in res),
        termination=tuple(r.termination for r in res),
        threshold_li_fraction=first.threshold_li_fraction,
        citations=first.citations,
    )


__all__ = [
    "ContactSweepResult",
    "ParticleResult",
    "simulate_particle",
    "sweep_contact_fraction",
]
