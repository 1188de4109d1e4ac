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

The model is split by idea over these modules (this one is the public entry and re-exports):
`particle_results` (result records), `particle_mesh` (meshes and contact patches),
`particle_model` (residual and Jacobian), `particle_preconditioner` (corrected SuperLU
factorisation), `particle_newton` (Newton-GMRES solve of one step), `particle_integrate`
(adaptive BDF2 with stop events), `particle_simulate` (the `simulate_particle` driver) and
`particle_sweep` (`sweep_contact_fraction`).

All engines here are silent; `progress`, when given, is called with the fraction done.
"""

from __future__ import annotations

from interphase.contact.particle_results import ContactSweepResult, ParticleResult
from interphase.contact.particle_simulate import FAST_KINETICS_FACTOR as FAST_KINETICS_FACTOR
from interphase.contact.particle_simulate import OPERATIONS as OPERATIONS
from interphase.contact.particle_simulate import simulate_particle
from interphase.contact.particle_sweep import sweep_contact_fraction

__all__ = [
    "ContactSweepResult",
    "ParticleResult",
    "simulate_particle",
    "sweep_contact_fraction",
]
