"""Climbing-image NEB barriers of vacancy and interstitial hops with an ML potential (or EMT)
through ASE.

For one hop (site i in the home cell to site j shifted by a lattice vector, e.g. a `paths.Hop`):

1. a supercell whose perpendicular widths are all at least `min_width_a` (the defect then sits
   at least that far from its periodic images; stated in the result);
2. vacancy hop: the initial state has the atom at the end site removed (a vacancy) and the
   hopping atom at the start site; in the final state the hopping atom has moved into the
   vacancy. Interstitial hop (sites flagged ``interstitial`` by `paths.hop_paths`): the host
   supercell plus one extra ion at the start or at the end site. Both ends are relaxed at
   fixed cell (BFGS, `fmax_ev_per_a`);
3. `n_images` images between them (IDPP interpolation), climbing-image NEB (ase.mep.NEB)
   relaxed with FIRE or BFGS until the largest NEB force on any image is below
   `fmax_ev_per_a` or `max_steps` is reached (then `converged` is False, never hidden).

The defect is neutral: removing (adding) a Li atom removes (adds) Li+ and an electron, as is
usual for ML-potential NEB (the potentials carry no net charge). Barriers in eV; the profile is
the energy of each image relative to the relaxed initial state along the cumulative image-to-image
distance (Å, all atoms).
"""

from __future__ import annotations

import math
import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from interphase.errors import ComputeError, InvalidConditionError
from interphase.results import Result

if TYPE_CHECKING:
    from pymatgen.core import Structure

    from interphase.atomistic.paths import Hop, PathsResult

# Default minimum perpendicular width of the supercell (Å): a vacancy and its images then
# lie >= 8 Å apart, beyond the 5-6 Å cutoffs of CHGNet/SevenNet-0 graph convolutions.
MIN_WIDTH_A = 8.0
MAX_ATOMS = 400  # above this a CPU NEB takes hours; ask for it explicitly
OPTIMIZERS = ("FIRE", "BFGS")


@dataclass(frozen=True)
class NEBResult(Result):
    """Climbing-image NEB of one vacancy or interstitial hop (`mechanism`). Energies in eV,
    forces in eV/Å, lengths in Å.

    `barrier_forward_ev` = E(saddle) - E(initial); `barrier_reverse_ev` = E(saddle) - E(final);
    `reaction_energy_ev` = E(final) - E(initial) (so forward - reverse = reaction energy);
    `energy_initial_ev` / `energy_saddle_ev` are total supercell energies, comparable between
    hops of one structure computed with the same supercell (network barriers use them)."""

    formula: str
    potential: str
    hop_index: int | None
    site_i: int
    site_j: int
    image: tuple[int, int, int]
    mechanism: str
    supercell: tuple[int, int, int]
    n_atoms: int
    min_width_a: float  # smallest perpendicular width of the supercell
    hop_length_a: float
    barrier_forward_ev: float
    barrier_reverse_ev: float
    reaction_energy_ev: float
    energy_initial_ev: float
    energy_saddle_ev: float
    profile_distance_a: tuple[float, ...]
    profile_energy_ev: tuple[float, ...]
    n_images: int
    climbing: bool
    optimizer: str
    fmax_ev_per_a: float
    max_force_ev_per_a: float  # largest NEB force on any moving image at the end
    converged: bool
    n_steps: int
    endpoints_converged: bool
    elapsed_s: float

    @property
    def saddle_resolved(self) -> bool:
        """Whether the highest image lies inside the band. When an end is highest the band
        resolved no saddle: the hop is downhill, or flat within the band's resolution."""
        energies = self.profile_energy_ev
        return 0 < int(np.argmax(energies)) < len(energies) - 1

    @property
    def dip_ev(self) -> float:
        """Lowest moving image minus the lower end (eV); well below 0, the band passes a
        minimum deeper than both ends (an intermediate site: relax from there)."""
        energies = self.profile_energy_ev
        return float(min(energies[1:-1]) - min(energies[0], energies[-1]))

    def migration_barrier_ev(self, flat_ev: float = 0.05) -> float | None:
        """The hop's barrier for comparison with published single-hop values: the highest
        image above the lowest one (the forward barrier when the start is lowest), or None
        when the band is not a hop between two minima of one landscape: it dips more than
        `flat_ev` below both ends, or it resolved no saddle and its ends differ by more than
        `flat_ev` (a downhill relaxation from a metastable start, not a barrier)."""
        if self.dip_ev < -flat_ev:
            return None
        if not self.saddle_resolved and abs(self.reaction_energy_ev) > flat_ev:
            return None
        energies = self.profile_energy_ev
        return float(max(energies) - min(energies))


def perpendicular_widths_a(lattice: np.ndarray) -> np.ndarray:
    """Distance (Å) between opposite faces of the cell along each axis: V / |b x c| etc."""
    m = np.asarray(lattice, dtype=float)
    volume = abs(float(np.linalg.det(m)))
    return np.array(
        [volume / np.linalg.norm(np.cross(m[(k + 1) % 3], m[(k + 2) % 3])) for k in range(3)]
    )


def supercell_multiples(
    lattice: np.ndarray, min_width_a: float = MIN_WIDTH_A
) -> tuple[int, int, int]:
    """Smallest diagonal repetition whose perpendicular widths are all >= `min_width_a` Å."""
    w = perpendicular_widths_a(lattice)
    return tuple(max(1, math.ceil(min_width_a / x - 1e-9)) for x in w)  # type: ignore[return-value]


def vacancy_supercell(
    structure: Structure,
    min_width_a: float = MIN_WIDTH_A,
    supercell: Sequence[int] | None = None,
    max_atoms: int = MAX_ATOMS,
    extra_atoms: int = -1,
) -> tuple[tuple[int, int, int], float]:
    """The repeats for a point defect in `structure` (chosen from `min_width_a`, or
    `supercell` checked against it) and the supercell's smallest perpendicular width (Å).
    Refuses a supercell thinner than `min_width_a` ("cell too small") or above `max_atoms`
    atoms once the defect adds `extra_atoms` (-1: a vacancy, +1: an interstitial)."""
    lattice = structure.lattice.matrix
    if supercell is None:
        mult = supercell_multiples(lattice, min_width_a)
    else:
        mult = tuple(int(m) for m in supercell)
        if len(mult) != 3 or min(mult) < 1:
            raise InvalidConditionError("the supercell needs three positive repeats")
    width = float((perpendicular_widths_a(lattice) * np.array(mult)).min())
    if width < min_width_a - 1e-6:
        raise InvalidConditionError(
            f"cell too small for the defect: the {mult[0]}x{mult[1]}x{mult[2]} supercell is "
            f"{width:.2f} Å thick, below the {min_width_a:g} Å that keeps a vacancy or "
            "interstitial apart from its periodic images; use a larger supercell or lower "
            "--min-width"
        )
    n_atoms = len(structure) * mult[0] * mult[1] * mult[2] + extra_atoms
    if n_atoms > max_atoms:
        raise InvalidConditionError(
            f"the {mult[0]}x{mult[1]}x{mult[2]} supercell has {n_atoms} atoms, above the "
            f"{max_atoms} allowed; raise max_atoms or lower the minimum width"
        )
    return mult, width  # type: ignore[return-value]


def _check_settings(n_images: int, fmax: float, max_steps: int, min_width: float) -> None:
    if not 1 <= n_images <= 15:
        raise InvalidConditionError("the number of images must be within 1–15")
    if not (math.isfinite(fmax) and 0.001 <= fmax <= 5.0):
        raise InvalidConditionError("fmax must be within 0.001–5 eV/Å")
    if not 0 <= max_steps <= 100000:
        raise InvalidConditionError("the number of steps must be within 0–100000")
    if not (math.isfinite(min_width) and 0 < min_width <= 40):
        raise InvalidConditionError("the minimum supercell width must be within 0–40 Å")


def _endpoints(
    s: Structure,
    site_i: int,
    site_j: int,
    image: Sequence[int],
    mult: Sequence[int],
) -> tuple[Any, Any]:
    """Initial and final ASE Atoms of the hop in the supercell."""
    from interphase.atomistic.relax import structure_to_atoms

    atoms = structure_to_atoms(s)
    end_cart = atoms.positions[site_j] + np.asarray(image) @ atoms.cell.array
    sup = atoms.repeat(tuple(int(m) for m in mult))
    # ASE repeat keeps the home-cell copy of atom k at index k
    frac_end = np.linalg.solve(sup.cell.array.T, end_cart) % 1.0
    fr = sup.get_scaled_positions(wrap=True)
    d = fr - frac_end
    d -= np.rint(d)
    dist = np.linalg.norm(d @ sup.cell.array, axis=1)
    vacancy = int(np.argmin(dist))
    if dist[vacancy] > 0.05 or vacancy == site_i:
        raise InvalidConditionError(
            f"the hop {site_i}->{site_j}{tuple(image)} does not map onto two distinct sites of "
            f"the {mult[0]}x{mult[1]}x{mult[2]} supercell; enlarge it"
        )
    initial = sup.copy()
    del initial[vacancy]
    mover = site_i if site_i < vacancy else site_i - 1
    final = initial.copy()
    final.positions[mover] = end_cart  # unwrapped: the straight hop, not its periodic image
    return initial, final


def _host(s: Structure) -> Structure:
    """`s` without the sites flagged ``interstitial`` (paths.hop_paths adds them)."""
    host = s.copy()
    host.remove_sites([k for k, f in enumerate(s.site_properties["interstitial"]) if f])
    return host


def _interstitial_endpoints(
    s: Structure,
    host: Structure,
    site_i: int,
    site_j: int,
    image: Sequence[int],
    mult: Sequence[int],
) -> tuple[Any, Any]:
    """Initial and final ASE Atoms of an interstitial hop: the `host` supercell plus one
    extra ion at site_i of `s` (initial) or at its site_j shifted by `image` (final)."""
    from ase import Atoms

    from interphase.atomistic.relax import structure_to_atoms

    sup = structure_to_atoms(host).repeat(tuple(int(m) for m in mult))
    start = s.lattice.get_cartesian_coords(s.frac_coords[site_i])
    end = s.lattice.get_cartesian_coords(s.frac_coords[site_j] + np.asarray(image))
    symbol = s[site_i].specie.symbol
    initial = sup + Atoms(symbol, positions=[start])
    final = sup + Atoms(symbol, positions=[end])  # unwrapped, as for a vacancy hop
    return initial, final


def _is_interstitial(s: Structure, site: int) -> bool:
    flags = s.site_properties.get("interstitial")
    return bool(flags is not None and flags[site])


def _relax_fixed_cell(atoms: Any, fmax: float, steps: int) -> bool:
    # BFGS: an endpoint is a nearly harmonic relaxation around the defect (LiF vacancy, 63
    # atoms, CHGNet: 4 BFGS steps, 5 FIRE steps to 0.1 eV/Å)
    from ase.optimize import BFGS

    opt = BFGS(atoms, logfile=None)
    done = bool(opt.run(fmax=fmax, steps=steps)) if steps else False
    f = atoms.get_forces()
    return done or float(np.sqrt((f**2).sum(axis=1)).max()) <= fmax


def neb_barrier(
    structure: Structure | str,
    hop: Hop | tuple[int, int, Sequence[int]],
    potential: str = "chgnet",
    *,
    n_images: int = 5,
    fmax_ev_per_a: float = 0.05,
    max_steps: int = 500,
    min_width_a: float = MIN_WIDTH_A,
    supercell: Sequence[int] | None = None,
    max_atoms: int = MAX_ATOMS,
    climb: bool = True,
    optimizer: str = "FIRE",
    reverse: bool = False,
    device: str | None = None,
    calculator: Any = None,
    calculator_factory: Callable[[], Any] | None = None,
) -> NEBResult:
    """Climbing-image NEB barrier of the vacancy hop `hop` in `structure`.

    `hop` is a `paths.Hop` or (site_i, site_j, image). `supercell` (a, b, c repeats) overrides
    the size chosen from `min_width_a`; a supercell thinner than `min_width_a` is refused.
    `reverse` runs the same hop from its end site back to its start. `calculator` (one shared
    ASE calculator) or `calculator_factory` (one per image) replace `potential`'s."""
    from ase.mep import NEB
    from ase.optimize import BFGS, FIRE

    from interphase.atomistic.potentials import get_calculator, potential_info
    from interphase.atomistic.structures import load_structure

    _check_settings(n_images, fmax_ev_per_a, max_steps, min_width_a)
    if optimizer.upper() not in OPTIMIZERS:
        raise InvalidConditionError(f"optimizer {optimizer!r}: choose FIRE or BFGS")
    info = potential_info(potential)
    s = load_structure(structure).copy()
    s.remove_oxidation_states()
    if hasattr(hop, "site_i"):
        site_i, site_j, image, index = hop.site_i, hop.site_j, tuple(hop.image), hop.index
    else:
        site_i, site_j, image = int(hop[0]), int(hop[1]), tuple(int(x) for x in hop[2])
        index = None
    if not (0 <= site_i < len(s) and 0 <= site_j < len(s)) or len(image) != 3:
        raise InvalidConditionError(f"hop sites must be within 0–{len(s) - 1} with a 3-vector")
    if s[site_i].specie != s[site_j].specie:
        raise InvalidConditionError(
            f"a hop joins two sites of one element, not {s[site_i].specie} and {s[site_j].specie}"
        )
    interstitial = _is_interstitial(s, site_i)
    if interstitial != _is_interstitial(s, site_j):
        raise InvalidConditionError("a hop joins two interstitial sites or two lattice sites")
    if reverse:
        site_i, site_j, image = site_j, site_i, tuple(-x for x in image)
    host = _host(s) if interstitial else s
    mult, width = vacancy_supercell(
        host, min_width_a, supercell, max_atoms, extra_atoms=1 if interstitial else -1
    )
    t0 = time.perf_counter()
    if interstitial:
        initial, final = _interstitial_endpoints(s, host, site_i, site_j, image, mult)
    else:
        initial, final = _endpoints(s, site_i, site_j, image, mult)
    hop_length = float(np.linalg.norm(final.positions - initial.positions, axis=1).max())

    def new_calc() -> Any:
        if calculator is not None:
            return calculator
        if calculator_factory is not None:
            return calculator_factory()
        return get_calculator(info.name, device)

    # One calculator per image (the ML model itself is loaded once and shared): a shared
    # calculator caches only the last image, so ASE's energy and force queries between sweeps
    # re-run the network (LiF hop, CHGNet, 2 threads: 144 s shared, 38 s one per image); EMT
    # also keeps a neighbour list per calculator.
    shared = calculator is not None
    calc = new_calc()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            ends_ok = True
            for atoms in (initial, final):
                atoms.calc = calc if shared else new_calc()
                ends_ok &= _relax_fixed_cell(atoms, fmax_ev_per_a, max_steps)
            e0 = float(initial.get_potential_energy())
            e1 = float(final.get_potential_energy())
            images = [initial]
            for _ in range(n_images):
                im = initial.copy()
                im.calc = calc if shared else new_calc()
                images.append(im)
            images.append(final)
            band = NEB(images, climb=climb, allow_shared_calculator=shared)
            band.interpolate(method="idpp", mic=False)
            opt_cls = FIRE if optimizer.upper() == "FIRE" else BFGS
            opt = opt_cls(band, logfile=None)
            done = bool(opt.run(fmax=fmax_ev_per_a, steps=max_steps)) if max_steps else False
            energies = np.array(
                [e0, *(float(im.get_potential_energy()) for im in images[1:-1]), e1]
            )
            forces = band.get_forces().reshape(n_images, -1, 3)
        except InvalidConditionError:
            raise
        except Exception as exc:  # the calculator or ASE failed on this cell
            raise ComputeError(f"NEB failed for {s.composition.reduced_formula}: {exc}") from None
    if not np.all(np.isfinite(energies)):
        raise ComputeError("the potential returned non-finite energies along the band")
    f_max = float(np.sqrt((forces**2).sum(axis=2)).max())
    pos = np.array([im.positions for im in images])
    steps = np.linalg.norm((pos[1:] - pos[:-1]).reshape(len(images) - 1, -1), axis=1)
    dist = np.concatenate([[0.0], np.cumsum(steps)])
    rel = energies - energies[0]
    saddle = float(rel.max())
    return NEBResult(
        formula=s.composition.reduced_formula,
        potential=info.name,
        hop_index=index,
        site_i=site_i,
        site_j=site_j,
        image=tuple(int(x) for x in image),  # type: ignore[arg-type]
        mechanism="interstitial" if interstitial else "vacancy",
        supercell=mult,  # type: ignore[arg-type]
        n_atoms=len(initial),
        min_width_a=width,
        hop_length_a=hop_length,
        barrier_forward_ev=saddle,
        barrier_reverse_ev=saddle - float(rel[-1]),
        reaction_energy_ev=float(rel[-1]),
        energy_initial_ev=e0,
        energy_saddle_ev=e0 + saddle,
        profile_distance_a=tuple(float(x) for x in dist),
        profile_energy_ev=tuple(float(x) for x in rel),
        n_images=n_images,
        climbing=climb,
        optimizer=optimizer.upper(),
        fmax_ev_per_a=fmax_ev_per_a,
        max_force_ev_per_a=f_max,
        converged=done or f_max <= fmax_ev_per_a,
        n_steps=int(opt.nsteps),
        endpoints_converged=bool(ends_ok),
        elapsed_s=time.perf_counter() - t0,
    )


@dataclass(frozen=True)
class NetworkBarrier(Result):
    """Effective NEB barrier (eV) of the hop network that percolates in `dimension`.

    `barrier_ev` = highest saddle energy among the hops the network needs minus the lowest
    initial-state energy among them (vacancy energies of inequivalent sites differ); None
    when no set of the computed hops percolates in that dimension. `hops`: indices used."""

    dimension: int
    barrier_ev: float | None
    hops: tuple[int, ...]
    limiting_hop: int | None
    bvse_network_ev: float | None  # the BVSE network barrier of the same dimension
    label: str = "NEB migration barrier (not an MD activation energy)"


def network_barriers(paths: PathsResult, nebs: Sequence[NEBResult]) -> tuple[NetworkBarrier, ...]:
    """Effective 1D/2D/3D barriers from NEB results of the distinct hops of `paths`.

    Hops are added in order of their NEB saddle energy; a dimension opens when the hops added
    so far join the sites into a network periodic in that many directions. Only hops with an
    NEB result take part (all hops of one structure must share a supercell and potential)."""
    from interphase.atomistic.paths import _percolation_rank

    by_hop = {n.hop_index: n for n in nebs if n.hop_index is not None}
    if len({(n.supercell, n.potential) for n in by_hop.values()}) > 1:
        raise InvalidConditionError("network barriers need one supercell and one potential")
    mobile = sorted({k for h in paths.hops for k in (h.site_i, h.site_j)} | set(paths._mobile))
    local = {site: k for k, site in enumerate(mobile)}
    order = sorted(by_hop, key=lambda h: (by_hop[h].energy_saddle_ev, h))
    out: list[NetworkBarrier | None] = [None, None, None]
    edges: list[tuple[int, int, np.ndarray]] = []
    for step, h in enumerate(order):
        for cls, i, j, img in paths._edges:
            if cls == h:
                edges.append((local[i], local[j], np.array(img)))
        rank, members = _percolation_rank(len(mobile), edges)
        used = tuple(
            sorted(
                k
                for k in order[: step + 1]
                if local[paths.hops[k].site_i] in members or local[paths.hops[k].site_j] in members
            )
        )
        floor = min(by_hop[k].energy_initial_ev for k in used) if used else 0.0
        floor = min(
            [floor, *(by_hop[k].energy_saddle_ev - by_hop[k].barrier_reverse_ev for k in used)]
        )
        for d in range(1, rank + 1):
            if out[d - 1] is None:
                out[d - 1] = NetworkBarrier(
                    d, by_hop[h].energy_saddle_ev - floor, used, h, paths.networks[d - 1].barrier_ev
                )
    return tuple(
        net
        if net is not None
        else NetworkBarrier(d + 1, None, (), None, paths.networks[d].barrier_ev)
        for d, net in enumerate(out)
    )


@dataclass(frozen=True)
class HopBarriersResult(Result):
    """NEB barriers of distinct hops of one structure, with the paths they came from and, when
    every hop was computed, the effective 1D/2D/3D network barriers (eV)."""

    formula: str
    potential: str
    supercell: tuple[int, int, int]
    paths: Any  # paths.PathsResult
    nebs: tuple[NEBResult, ...]
    networks: tuple[NetworkBarrier, ...]  # empty when only some hops were computed
    label: str = "NEB migration barriers (not MD activation energies)"

    @property
    def mechanism(self) -> str:
        """ "vacancy" or "interstitial" (an extra ion between empty BVSE minima)."""
        return self.paths.mechanism


def hop_barriers(
    structure: Structure | str,
    potential: str = "chgnet",
    *,
    hops: Sequence[int] | None = None,
    mobile_ion: str = "Li",
    max_hop_length_a: float = 4.5,
    resolution_a: float = 0.25,
    min_width_a: float = MIN_WIDTH_A,
    supercell: Sequence[int] | None = None,
    mechanism: str = "vacancy",
    progress: Callable[[str, int, int], None] | None = None,
    **neb_options: Any,
) -> HopBarriersResult:
    """NEB of the distinct hops (`hops`: their indices; all when None) that
    `paths.hop_paths` finds in `structure` for `mechanism` ("vacancy" or "interstitial"), in
    one supercell. `neb_options` go to `neb_barrier` (n_images, fmax_ev_per_a, max_steps,
    optimizer, device, calculator ...)."""
    from interphase.atomistic.paths import hop_paths
    from interphase.atomistic.potentials import potential_info

    info = potential_info(potential)
    _check_settings(
        neb_options.get("n_images", 5),
        neb_options.get("fmax_ev_per_a", 0.05),
        neb_options.get("max_steps", 500),
        min_width_a,
    )
    if str(neb_options.get("optimizer", "FIRE")).upper() not in OPTIMIZERS:
        raise InvalidConditionError(f"optimizer {neb_options['optimizer']!r}: choose FIRE or BFGS")
    from interphase.atomistic.structures import load_structure

    s = load_structure(structure)
    extra = 1 if mechanism == "interstitial" else -1
    mult, _ = vacancy_supercell(
        s, min_width_a, supercell, neb_options.get("max_atoms", MAX_ATOMS), extra_atoms=extra
    )
    paths = hop_paths(
        s,
        mobile_ion,
        max_hop_length_a=max_hop_length_a,
        resolution_a=resolution_a,
        mechanism=mechanism,
    )
    n = len(paths.hops)
    # by default the hops NEB can take straight: a segment through a third site is two hops
    clear = [h.index for h in paths.hops if h.segment_clear]
    wanted = clear if hops is None else [int(h) for h in hops]
    for h in wanted:
        if not 0 <= h < n:
            raise InvalidConditionError(
                f"hop {h} is out of range: {paths.formula} has {n} distinct "
                f"{mobile_ion} hop{'s' if n != 1 else ''} (0–{n - 1}); `interphase paths` "
                "lists them"
            )
    s = paths._structure
    nebs = []
    for k, h in enumerate(wanted):
        if progress is not None:
            progress(f"NEB hop {h}", k, len(wanted))
        nebs.append(
            neb_barrier(
                s,
                paths.hops[h],
                info.name,
                min_width_a=min_width_a,
                supercell=mult,
                **neb_options,
            )
        )
    if progress is not None:
        progress("NEB", len(wanted), len(wanted))
    networks = network_barriers(paths, nebs) if set(clear) <= set(wanted) else ()
    return HopBarriersResult(
        formula=paths.formula,
        potential=info.name,
        supercell=mult,  # type: ignore[arg-type]
        paths=paths,
        nebs=tuple(nebs),
        networks=networks,
    )


__all__ = [
    "MIN_WIDTH_A",
    "HopBarriersResult",
    "NEBResult",
    "NetworkBarrier",
    "hop_barriers",
    "neb_barrier",
    "network_barriers",
    "perpendicular_widths_a",
    "supercell_multiples",
    "vacancy_supercell",
]
