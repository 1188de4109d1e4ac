"""Distinct Li hops on the BVSE map (atomistic/paths.py) against what bvse.py already reports
and against symmetry:

- the maximum of each hop's BVSE profile is its saddle, and the network built from the hops
  percolates at the barrier bvse.py reports for that dimension, within PERCOLATION_TOL_EV
  (bvlain bisects its percolation energy to 0.01 eV; the paths are exact on the same grid but
  start from the grid point nearest a site);
- multiplicities count hops per cell exactly (rock-salt LiF: 4 Li x 12 nearest neighbours / 2
  = 24; olivine LiFePO4: 4 Li x 2 channel neighbours / 2 = 4);
- symmetry-equivalent hops have equal saddles within the grid tolerance (the grid is not
  commensurate with every symmetry operation);
- olivine conducts in one dimension: no 2D network opens within the hop cutoff.

Breaking the code on purpose: counting each pair in both orientations in _candidate_hops
(dropping its `j < i` filter) doubles the multiplicities and
test_multiplicities_count_hops_per_cell fails (LiF: 48 instead of 24).
"""

import numpy as np
import pytest

pytest.importorskip("bvlain")

from interphase.atomistic.paths import hop_paths, hop_profile
from interphase.errors import InvalidConditionError

PERCOLATION_TOL_EV = 0.025
RESOLUTION_A = 0.3  # Å; coarser than the 0.25 default to keep the suite fast


@pytest.fixture(scope="module")
def lfp():
    return hop_paths("LiFePO4", resolution_a=RESOLUTION_A)


@pytest.fixture(scope="module")
def li3n():
    return hop_paths("Li3N", resolution_a=RESOLUTION_A)


@pytest.fixture(scope="module")
def lif():
    return hop_paths("LiF", resolution_a=RESOLUTION_A)


def test_profile_maximum_is_the_saddle(lfp, li3n):
    for paths in (lfp, li3n):
        for h in paths.hops:
            e = np.array(h.profile_energy_ev)
            assert e.max() == pytest.approx(h.saddle_ev)
            assert h.barrier_forward_ev == pytest.approx(h.saddle_ev - e[0])
            assert h.barrier_reverse_ev == pytest.approx(h.saddle_ev - e[-1])
            d = np.array(h.profile_distance_a)
            assert np.all(np.diff(d) > 0) and h.path_length_a >= h.length_a - 2 * RESOLUTION_A


def test_network_matches_bvse_percolation(lfp, li3n, lif):
    compared = 0
    for paths in (lfp, li3n, lif):
        for net in paths.networks:
            if net.barrier_ev is None or net.bvse_percolation_ev is None:
                continue
            compared += 1
            assert net.barrier_ev == pytest.approx(net.bvse_percolation_ev, abs=PERCOLATION_TOL_EV)
            limiting = paths.hops[net.limiting_hop]
            assert limiting.saddle_ev == pytest.approx(net.barrier_ev)
            assert all(paths.hops[h].saddle_ev <= net.barrier_ev + 1e-12 for h in net.hops)
    assert compared >= 6
    # Li3N: the Li2N layers (2D) open below the 3D network, as bvse.py finds
    assert li3n.network(2).barrier_ev < li3n.network(3).barrier_ev


def test_olivine_is_one_dimensional(lfp):
    assert lfp.network(1).barrier_ev is not None
    assert lfp.network(2).barrier_ev is None  # no inter-channel hop within 4.5 Å
    channel = lfp.hops[lfp.network(1).limiting_hop]
    b = lfp._structure.lattice.b
    assert channel.length_a < 0.55 * b  # the zig-zag hop along b (Pnma), half a b-period apart


def test_multiplicities_count_hops_per_cell(lfp, lif):
    assert lif.hops[0].multiplicity == 24
    assert lif.hops[0].length_a == pytest.approx(lif._structure.lattice.a / np.sqrt(2))
    assert lfp.hops[lfp.network(1).limiting_hop].multiplicity == 4
    for paths in (lfp, lif):
        assert sum(h.multiplicity for h in paths.hops) == len(paths._edges)


def test_equivalent_hops_have_equal_saddles(lfp, li3n):
    for paths in (lfp, li3n):
        s = paths._structure
        for h in paths.hops:
            saddles = [
                hop_profile(paths.bvse, s.frac_coords[i], s.frac_coords[j] + np.array(img))[1].max()
                for cls, i, j, img in paths._edges
                if cls == h.index
            ]
            assert max(saddles) - min(saddles) <= PERCOLATION_TOL_EV


def test_bad_input_is_refused():
    with pytest.raises(InvalidConditionError, match="has no Li"):
        hop_paths("Al2O3", resolution_a=0.5)
    with pytest.raises(InvalidConditionError, match="longest hop"):
        hop_paths("LiF", max_hop_length_a=0.5, resolution_a=0.5)
    with pytest.raises(InvalidConditionError, match="within"):
        hop_paths("LiF", max_hop_length_a=1.5, resolution_a=0.5)


def test_interstitial_sites_are_the_empty_polyhedra():
    """Empty BVSE minima land on the crystallographic holes: in antifluorite Li2S the
    octahedral 4b holes (4 per cell), a*sqrt(3)/4 from their eight Li; the same hole in the
    primitive Li2O cell (one per cell); in NASICON LiTi2(PO4)3 the empty M2 cavity, resolved
    at the default 0.25 Å grid as a pair of 36f minima about 1 Å apart across its two-fold
    axis, joined by a hop of a few meV (the split M2 position). Rock-salt LiF has no room:
    its tetrahedral holes are 1.74 Å from four Li, nearer than
    INTERSTITIAL_MOBILE_CLEARANCE_A.

    Breaking the code on purpose: INTERSTITIAL_MOBILE_CLEARANCE_A = 1.0 (instead of 1.9) lets
    minima crowd the occupied Li sites; this test and the LiF refusal below both fail."""
    li2s = hop_paths("Li2S", mechanism="interstitial", resolution_a=RESOLUTION_A)
    a = li2s._structure.lattice.a
    (site,) = li2s.interstitials
    assert site.multiplicity == 4
    assert site.nearest_atom_a == pytest.approx(a * np.sqrt(3) / 4, abs=0.02)
    assert np.allclose(np.array(site.frac_coords) * 2 % 1, 0.0, atol=0.01)  # (½,½,½) + fcc
    li2o = hop_paths("Li2O", mechanism="interstitial", resolution_a=RESOLUTION_A)
    a_conv = li2o._structure.lattice.a * np.sqrt(2)  # the primitive fcc cell
    (site,) = li2o.interstitials
    assert site.multiplicity == 1
    assert site.nearest_atom_a == pytest.approx(a_conv * np.sqrt(3) / 4, abs=0.02)
    ltp = hop_paths("LiTi2(PO4)3", mechanism="interstitial")
    assert [s.multiplicity for s in ltp.interstitials] == [36]
    pair = ltp.hops[0]
    assert pair.length_a < 1.2 and pair.multiplicity == 18 and pair.barrier_forward_ev < 0.05
    # the extra sites are flagged; the host's own Li are not among the mobile sites
    flags = ltp._structure.site_properties["interstitial"]
    assert sum(flags) == 36 and all(flags[k] for k in ltp._mobile)


def test_interstitial_mechanism_refusals():
    with pytest.raises(InvalidConditionError, match="vacancy or interstitial"):
        hop_paths("LiF", mechanism="knock-off", resolution_a=0.5)
    with pytest.raises(InvalidConditionError, match="no interstitial site"):
        hop_paths("Li3N", mechanism="interstitial", resolution_a=0.5)
    with pytest.raises(InvalidConditionError, match="no interstitial site"):
        hop_paths("LiF", mechanism="interstitial", resolution_a=0.5)
    with pytest.raises(InvalidConditionError, match="interstitial mechanism"):
        hop_paths("LiTi2(PO4)3", resolution_a=0.5)  # M1 sites 6 Å apart: no vacancy hop


def test_rutile_channel_and_mixed_valence_spinel():
    """Li in Li-free rutile TiO2 (an empty host, Li+ from its common oxidation state) moves
    along the open c channel: the 1D network is hops of c/2 and the 2D one opens only more
    than 1 eV higher (the channels are isolated). Mixed-valence LiMn2O4 gets the charge-
    balancing Mn 3.5+ on every site, and its one distinct vacancy hop is 8a-8a, a*sqrt(3)/4.

    Breaking the code on purpose: without `empty_host` TiO2 is refused ("has no Li")."""
    rutile = hop_paths("TiO2", mechanism="interstitial", resolution_a=RESOLUTION_A)
    c = rutile._structure.lattice.c
    one, two = rutile.networks[0], rutile.networks[1]
    assert {round(rutile.hops[h].length_a, 2) for h in one.hops} == {round(c / 2, 2)}
    assert two.barrier_ev > one.barrier_ev + 1.0
    spinel = hop_paths("LiMn2O4", resolution_a=RESOLUTION_A)
    assert spinel.bvse.oxidation_states["Mn"] == pytest.approx(3.5)
    (hop,) = spinel.hops
    a = spinel._structure.lattice.a
    assert hop.length_a == pytest.approx(a * np.sqrt(3) / 4, abs=1e-3)
