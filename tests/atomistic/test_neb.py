"""Climbing-image NEB of vacancy hops (atomistic/neb.py) on EMT fcc Al, where every check is
against an independent calculation or a symmetry:

- the barrier of the nearest-neighbour vacancy hop equals the energy of the saddle found
  without NEB: by the mirror symmetry of the fcc hop the saddle has the hopping atom at the
  midpoint, so fixing it there and relaxing all other atoms gives the saddle energy directly;
- symmetry-equivalent hops (different directions, different periodic images) give one barrier;
- with a Ni atom beside the start site the hop is asymmetric: the barrier of the reversed hop
  (a separate NEB from the other end) equals the reverse barrier of the forward one, and
  forward - reverse equals the energy difference of the separately relaxed endpoints;
- a supercell thinner than the required width is refused.

Measured: CI-NEB 0.3830 eV against the constrained saddle 0.3831 eV (EMT Al, 31 atoms).

Breaking the code on purpose: turning the climbing image off (`climb=False` as the default in
neb_barrier) gives 0.354 eV with 4 images and
test_emt_vacancy_barrier_matches_constrained_saddle fails; skipping the endpoint relaxation
gives 0.374 eV and fails it too (tolerance 0.003 eV).
"""

import numpy as np
import pytest

pytest.importorskip("ase")

from ase.build import bulk
from ase.calculators.emt import EMT
from ase.constraints import FixAtoms
from ase.optimize import BFGS
from pymatgen.io.ase import AseAtomsAdaptor

from interphase.atomistic.neb import (
    neb_barrier,
    perpendicular_widths_a,
    supercell_multiples,
)
from interphase.errors import InvalidConditionError

A_AL = 4.05  # Å, fcc Al lattice parameter (EMT's own minimum is within 0.5 %)
FMAX = 0.01  # eV/Å


def _al_cell(cu_site: int | None = None):
    atoms = bulk("Al", "fcc", a=A_AL, cubic=True)  # 4 atoms: (0,0,0), (0,½,½), (½,0,½), (½,½,0)
    s = AseAtomsAdaptor.get_structure(atoms)
    if cu_site is not None:
        s.replace(cu_site, "Cu")
    return s


@pytest.fixture(scope="module")
def al_hop():
    # an even number of images: no image sits at the saddle unless the climbing image goes there
    return neb_barrier(_al_cell(), (0, 1, (0, 0, 0)), "emt", n_images=4, fmax_ev_per_a=FMAX)


def _constrained_saddle_barrier() -> float:
    """Vacancy-hop barrier of EMT Al without NEB: the hopping atom fixed at the midpoint,
    everything else relaxed, minus the relaxed vacancy cell (same 2x2x2 supercell)."""
    sup = bulk("Al", "fcc", a=A_AL, cubic=True).repeat((2, 2, 2))
    start = sup.positions[0].copy()
    end = sup.positions[1].copy()  # nearest neighbour (0, a/2, a/2)
    vac = sup.copy()
    del vac[1]
    vac.calc = EMT()
    BFGS(vac, logfile=None).run(fmax=1e-3, steps=500)
    e0 = vac.get_potential_energy()
    sad = sup.copy()
    del sad[1]
    sad.positions[0] = 0.5 * (start + end)
    sad.set_constraint(FixAtoms(indices=[0]))
    sad.calc = EMT()
    BFGS(sad, logfile=None).run(fmax=1e-3, steps=500)
    return float(sad.get_potential_energy() - e0)


def test_emt_vacancy_barrier_matches_constrained_saddle(al_hop):
    reference = _constrained_saddle_barrier()
    assert al_hop.converged and al_hop.max_force_ev_per_a <= FMAX
    assert al_hop.barrier_forward_ev == pytest.approx(reference, abs=0.003)
    assert 0.2 < reference < 0.6  # a vacancy hop in a metal, not a numerical accident
    # a symmetric hop: both sides equal, the saddle in the middle of the profile
    assert al_hop.reaction_energy_ev == pytest.approx(0.0, abs=2e-3)
    assert 0 < int(np.argmax(al_hop.profile_energy_ev)) < len(al_hop.profile_energy_ev) - 1


def test_supercell_is_stated_and_thick_enough(al_hop):
    assert al_hop.supercell == (2, 2, 2)
    assert al_hop.n_atoms == 31  # 32 sites, one vacancy
    assert al_hop.min_width_a == pytest.approx(2 * A_AL)
    assert al_hop.hop_length_a == pytest.approx(A_AL / np.sqrt(2), rel=1e-6)
    # widths of a sheared cell: V / |b x c|
    hexagonal = np.array([[3.0, 0, 0], [-1.5, 1.5 * np.sqrt(3), 0], [0, 0, 5.0]])
    assert perpendicular_widths_a(hexagonal)[0] == pytest.approx(1.5 * np.sqrt(3))
    assert supercell_multiples(hexagonal, 8.0) == (4, 4, 2)


def test_equivalent_hops_give_equal_barriers(al_hop):
    other_direction = neb_barrier(
        _al_cell(), (0, 2, (0, 0, 0)), "emt", n_images=3, fmax_ev_per_a=FMAX
    )
    other_image = neb_barrier(
        _al_cell(), (0, 3, (-1, -1, 0)), "emt", n_images=3, fmax_ev_per_a=FMAX
    )
    for r in (other_direction, other_image):
        assert r.barrier_forward_ev == pytest.approx(al_hop.barrier_forward_ev, abs=2e-3)


def test_reverse_hop_mirrors_forward_hop():
    # one Ni in the 32-atom cell, a neighbour of the start site but not of the end site: the
    # vacancy energies at the two ends differ
    atoms = bulk("Al", "fcc", a=A_AL, cubic=True).repeat((2, 2, 2))
    ni = int(np.argmin(np.linalg.norm(atoms.positions - [1.5 * A_AL, 0, 1.5 * A_AL], axis=1)))
    atoms.symbols[ni] = "Ni"
    cell = AseAtomsAdaptor.get_structure(atoms)
    hop = (0, 1, (0, 0, 0))  # (0,0,0) -> (0, a/2, a/2)
    opts = {"n_images": 3, "fmax_ev_per_a": FMAX, "supercell": (1, 1, 1)}
    forward = neb_barrier(cell, hop, "emt", **opts)
    backward = neb_barrier(cell, hop, "emt", reverse=True, **opts)
    assert abs(forward.reaction_energy_ev) > 0.02  # the Ni makes the hop asymmetric
    assert forward.barrier_forward_ev - forward.barrier_reverse_ev == pytest.approx(
        forward.reaction_energy_ev, abs=1e-9
    )
    assert backward.reaction_energy_ev == pytest.approx(-forward.reaction_energy_ev, abs=5e-3)
    assert backward.barrier_forward_ev == pytest.approx(forward.barrier_reverse_ev, abs=0.01)
    assert backward.barrier_reverse_ev == pytest.approx(forward.barrier_forward_ev, abs=0.01)


def test_cell_too_small_is_refused():
    with pytest.raises(InvalidConditionError, match="cell too small"):
        neb_barrier(_al_cell(), (0, 1, (0, 0, 0)), "emt", supercell=(1, 1, 1))
    with pytest.raises(InvalidConditionError, match="one element"):
        neb_barrier(_al_cell(cu_site=1), (0, 1, (0, 0, 0)), "emt")


def test_published_barriers_are_sourced_and_labelled():
    from interphase.atomistic.barrier_references import (
        BARRIER_REFERENCES,
        barrier_for,
        comparison_references,
        tabulated_materials,
    )

    assert len(tabulated_materials()) >= 15
    for r in comparison_references():
        c = r.citation()  # every key resolves in the registry
        assert c.doi or c.url
        assert 0 < r.barrier_ev < 2.0
    # a hop barrier is never an Arrhenius E_a, and barrier_for never returns one
    assert all(r.is_hop_barrier for r in BARRIER_REFERENCES)
    value, label = barrier_for("Li3N")
    assert value == pytest.approx(0.004) and "not an MD activation energy" in label
    assert barrier_for("LiNbO3") is None  # no retrievable number: nothing invented
    value, label = barrier_for("LiCoO2")
    assert value == pytest.approx(0.672) and "devi2025migration" in label
    with pytest.raises(InvalidConditionError):
        type(BARRIER_REFERENCES[0])("LiF", None, "DFT-NEB", "vacancy", -0.1, None, "", "x")


def test_interstitial_hop_is_symmetric_and_adds_one_ion():
    """An extra Li between two octahedral holes of antifluorite Li2O (CHGNet, 2x2x2 primitive
    cells, reduced settings): both ends are equivalent, so the reaction energy vanishes and
    the forward and reverse barriers agree; the band holds the host plus one Li; a hop from a
    hole to a lattice site is refused."""
    pytest.importorskip("chgnet")
    from interphase.atomistic.neb import hop_barriers
    from interphase.atomistic.paths import hop_paths

    r = hop_barriers(
        "Li2O",
        "chgnet",
        hops=[0],
        mechanism="interstitial",
        min_width_a=4.0,
        resolution_a=0.4,
        n_images=1,
        fmax_ev_per_a=0.2,
        max_steps=8,  # symmetry holds at every step; convergence is not what is tested
    )
    (n,) = r.nebs
    assert r.mechanism == n.mechanism == "interstitial"
    assert n.n_atoms == 25  # 24 host atoms + the interstitial
    assert abs(n.reaction_energy_ev) < 2e-3
    assert n.barrier_forward_ev == pytest.approx(n.barrier_reverse_ev, abs=2e-3)
    assert n.barrier_forward_ev > 0.05
    paths = hop_paths("Li2O", mechanism="interstitial", resolution_a=0.4)
    lattice_li = next(
        k
        for k, f in enumerate(paths._structure.site_properties["interstitial"])
        if not f and paths._structure[k].specie.symbol == "Li"
    )
    with pytest.raises(InvalidConditionError, match="two interstitial sites"):
        neb_barrier(paths._structure, (paths._mobile[0], lattice_li, (0, 0, 0)), "chgnet")


def test_migration_barrier_only_for_a_hop_between_two_minima(al_hop):
    """The comparison barrier is the forward barrier of a symmetric hop; a band that dips
    below both ends (an intermediate site) or runs downhill with no saddle is no barrier."""
    from dataclasses import replace

    assert al_hop.saddle_resolved
    assert al_hop.migration_barrier_ev() == pytest.approx(al_hop.barrier_forward_ev)
    dips = replace(al_hop, profile_energy_ev=(0.0, 0.05, -0.3, 0.05, 0.0))
    assert dips.dip_ev == pytest.approx(-0.3) and dips.migration_barrier_ev() is None
    downhill = replace(
        al_hop, profile_energy_ev=(0.0, -0.1, -0.3, -0.4, -0.5), reaction_energy_ev=-0.5
    )
    assert not downhill.saddle_resolved and downhill.migration_barrier_ev() is None
    flat = replace(al_hop, profile_energy_ev=(0.0, -0.004, -0.01, -0.004, 0.0))
    assert flat.migration_barrier_ev() == pytest.approx(0.01)
