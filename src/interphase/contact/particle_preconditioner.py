"""The preconditioner of the particle model's linear systems: a re-usable SuperLU
factorisation of the Jacobian, corrected exactly (Woodbury) for the state-dependent block of
the contact cells, q and V, and the fill-reducing ordering that puts that block last."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from scipy.linalg import lu_factor, lu_solve
from scipy.sparse.linalg import spilu, splu

from interphase.errors import ComputeError

# largest state block (contact cells + 2) corrected exactly in the preconditioner (dense)
_CORRECTION_MAX = 400

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
