"""The nonlinear solve of one time step of the particle model: Newton's method on the
sparse Jacobian, each update by right-preconditioned GMRES with the Li balance made exact,
the factorisation behind the preconditioner re-used across steps and refreshed by counted
(deterministic) criteria, and the converged-iterate tests."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from interphase.constants import FARADAY_C_MOL
from interphase.contact.particle_model import _Model
from interphase.contact.particle_preconditioner import (
    _CORRECTION_MAX,
    _Preconditioner,
    _SingularJacobian,
    _state_block_last,
)

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
