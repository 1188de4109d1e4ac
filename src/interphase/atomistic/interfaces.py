"""Coherent interface models and their analysis along MD.

`build_interface` matches two lattices with the Zur–McGill algorithm (pymatgen ZSLGenerator,
CoherentInterfaceBuilder), strains the film onto the substrate within `strain_limit`, and stacks
slabs periodically (two interfaces per cell, both with the same gap, no vacuum).
`analyse_interface_trajectory` gives element density profiles across the interface over time,
Li crossings of the interface planes and the change of local coordination and site symmetry
near them.
Lengths in nm for profiles (DESIGN units), Å for gaps and cut-offs; densities in atoms/nm^3.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from interphase.atomistic.local_environment import LocalEnvironment, local_environment
from interphase.errors import InvalidConditionError, MissingDataError
from interphase.results import Result

if TYPE_CHECKING:
    from pymatgen.core import Structure

# Bounds of the interface search. The lattice-match search (ZSL) grows steeply with the area:
# LiF on LiF takes ~4 s up to 200 Å^2, ~14 s up to 400 Å^2, ~45 s up to 600 Å^2 and hours up
# to 10^4 Å^2; a 400 Å^2 match of two 2-layer slabs already holds about the default
# max_atoms (200), so a larger search finds nothing that could be built.
MAX_AREA_A2 = 400.0
MAX_LAYERS = 20  # per slab
MAX_MIN_IN_PLANE_A = 50.0
INTERFACE_API_NAMES = {
    "strain_limit": "strain_limit",
    "max_area_a2": "max_area_a2",
    "layers": "layers",
    "min_in_plane_a": "min_in_plane_a",
}


def check_interface_settings(
    *,
    strain_limit: float = 0.05,
    max_area_a2: float = 60.0,
    layers: tuple[int, ...] = (2,),
    min_in_plane_a: float = 8.0,
    names: dict[str, str] | None = None,
) -> None:
    """Refuse search settings out of range before any work; `names` maps the keywords to
    the names used in the messages (the CLI's flags)."""
    n = INTERFACE_API_NAMES | (names or {})
    if not 0 < strain_limit <= 0.2:
        raise InvalidConditionError(
            f"{n['strain_limit']} {strain_limit:g}: give a fraction within (0, 0.2]"
        )
    if not 0 < max_area_a2 <= MAX_AREA_A2:
        raise InvalidConditionError(
            f"{n['max_area_a2']} {max_area_a2:g} Å^2: give (0, {MAX_AREA_A2:g}] Å^2 (the "
            "search grows steeply with the area, and a larger match would exceed the atom "
            "limit of the model)"
        )
    for k in layers:
        if not 1 <= k <= MAX_LAYERS:
            raise InvalidConditionError(f"{n['layers']} {k}: give 1..{MAX_LAYERS} layers per slab")
    if not 0 <= min_in_plane_a <= MAX_MIN_IN_PLANE_A:
        raise InvalidConditionError(
            f"{n['min_in_plane_a']} {min_in_plane_a:g} Å: give 0..{MAX_MIN_IN_PLANE_A:g} Å"
        )


@dataclass(frozen=True)
class InterfaceModel(Result):
    """A periodic substrate|film|substrate... cell. Strains are fractions (0.02 = 2 %)."""

    substrate: str
    film: str
    substrate_miller: tuple[int, int, int]
    film_miller: tuple[int, int, int]
    termination: tuple[str, str]
    n_atoms: int
    area_a2: float
    max_strain: float  # largest |principal in-plane strain| imposed on the film
    von_mises_strain: float
    strain_limit: float
    gap_a: float
    n_substrate_atoms: int
    n_candidates: int  # matches found within the limits
    relaxed: bool = False
    energy_ev: float | None = None
    energy_initial_ev: float | None = None
    structure: Any = field(default=None, repr=False)
    substrate_indices: tuple[int, ...] = field(default=(), repr=False)

    def to_dict(self) -> dict[str, Any]:
        d = super().to_dict()
        d["structure"] = self.structure.as_dict() if self.structure is not None else None
        return d


def build_interface(
    substrate: Structure | str,
    film: Structure | str,
    *,
    substrate_miller: tuple[int, int, int] = (1, 0, 0),
    film_miller: tuple[int, int, int] = (1, 0, 0),
    strain_limit: float = 0.05,
    max_area_a2: float = 60.0,
    substrate_layers: int = 2,
    film_layers: int = 2,
    gap_a: float = 2.0,
    termination: int = 0,
    max_atoms: int = 200,
    min_in_plane_a: float = 8.0,
) -> InterfaceModel:
    """The smallest-area coherent interface of `film` on `substrate` (Structures, CIF paths or
    bundled names) whose in-plane strain stays within `strain_limit`, repeated in plane until both
    in-plane vectors are at least `min_in_plane_a` long (short periodic images make an ML
    potential's neighbour lists explode and the model unphysical)."""
    import warnings

    from pymatgen.analysis.interfaces.coherent_interfaces import CoherentInterfaceBuilder
    from pymatgen.analysis.interfaces.zsl import ZSLGenerator

    from interphase.atomistic.structures import load_structure

    check_interface_settings(
        strain_limit=strain_limit,
        max_area_a2=max_area_a2,
        layers=(substrate_layers, film_layers),
        min_in_plane_a=min_in_plane_a,
    )
    if not 0.5 < gap_a <= 20:
        raise InvalidConditionError(f"interface gap {gap_a:g} Å: give more than 0.5, up to 20 Å")
    sub = load_structure(substrate)
    fil = load_structure(film)
    zsl = ZSLGenerator(
        max_area_ratio_tol=0.09,
        max_area=max_area_a2,
        max_length_tol=strain_limit,
        max_angle_tol=0.01,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            cib = CoherentInterfaceBuilder(
                substrate_structure=sub,
                film_structure=fil,
                film_miller=film_miller,
                substrate_miller=substrate_miller,
                zslgen=zsl,
            )
        except Exception as exc:
            raise MissingDataError(f"cannot cut the slabs: {exc}") from None
        if not cib.zsl_matches or not cib.terminations:
            raise MissingDataError(
                f"no lattice match of {fil.composition.reduced_formula}{list(film_miller)} on "
                f"{sub.composition.reduced_formula}{list(substrate_miller)} within "
                f"{strain_limit:.0%} strain and {max_area_a2:g} Å^2; raise the limits"
            )
        if not 0 <= termination < len(cib.terminations):
            raise InvalidConditionError(
                f"termination index {termination} out of range (0..{len(cib.terminations) - 1})"
            )
        term = cib.terminations[termination]
        chosen = None
        for iface in cib.get_interfaces(
            term,
            gap=gap_a,
            vacuum_over_film=gap_a,
            film_thickness=film_layers,
            substrate_thickness=substrate_layers,
            in_layers=True,
        ):
            strain = np.asarray(iface.interface_properties["strain"])
            if np.max(np.abs(np.linalg.eigvalsh(strain))) <= strain_limit + 1e-9:
                chosen = iface
                break
    if chosen is None:
        raise MissingDataError("no interface within the strain limit")
    import math

    from pymatgen.core import Structure as _S

    sub_set = set(int(i) for i in chosen.substrate_indices)
    plain = _S(
        chosen.lattice,
        chosen.species,
        chosen.frac_coords,
        site_properties={
            "slab": ["substrate" if i in sub_set else "film" for i in range(len(chosen))]
        },
    )
    a, b, _ = plain.lattice.abc
    mult = [max(1, math.ceil(min_in_plane_a / a)), max(1, math.ceil(min_in_plane_a / b)), 1]
    if len(plain) * mult[0] * mult[1] > max_atoms:
        raise InvalidConditionError(
            f"the smallest matching interface has {len(plain) * mult[0] * mult[1]} atoms "
            f"(> max_atoms={max_atoms}); lower min_in_plane_a or raise max_atoms"
        )
    plain.make_supercell(mult)
    dm = plain.distance_matrix + np.eye(len(plain)) * 99
    if dm.min() < 0.8:
        raise MissingDataError(f"interface model has atoms {dm.min():.2f} Å apart; raise the gap")
    sub_idx = tuple(i for i, p in enumerate(plain.site_properties["slab"]) if p == "substrate")
    strain = np.asarray(chosen.interface_properties["strain"])
    return InterfaceModel(
        substrate=sub.composition.reduced_formula,
        film=fil.composition.reduced_formula,
        substrate_miller=tuple(substrate_miller),
        film_miller=tuple(film_miller),
        termination=tuple(term),
        n_atoms=len(plain),
        area_a2=float(np.linalg.norm(np.cross(plain.lattice.matrix[0], plain.lattice.matrix[1]))),
        max_strain=float(np.max(np.abs(np.linalg.eigvalsh(strain)))),
        von_mises_strain=float(chosen.interface_properties["von_mises_strain"]),
        strain_limit=strain_limit,
        gap_a=gap_a,
        n_substrate_atoms=len(sub_idx),
        n_candidates=len(cib.zsl_matches),
        structure=plain,
        substrate_indices=sub_idx,
    )


def relax_interface(
    model: InterfaceModel,
    potential: str = "chgnet",
    *,
    max_steps: int = 100,
    fmax_ev_per_a: float = 0.05,
    device: str | None = None,
    calculator: Any = None,
) -> InterfaceModel:
    """Relax the atoms of an interface model (cell fixed: the in-plane cell is the substrate's,
    the normal length the built one)."""
    import dataclasses

    from interphase.atomistic.potentials import get_calculator
    from interphase.atomistic.relax import relax, structure_to_atoms

    calc = calculator or get_calculator(potential, device)
    atoms = structure_to_atoms(model.structure)
    atoms.calc = calc
    e0 = float(atoms.get_potential_energy())
    res = relax(
        model.structure,
        potential,
        relax_cell=False,
        max_steps=max_steps,
        fmax_ev_per_a=fmax_ev_per_a,
        device=device,
        calculator=calc,
    )
    return dataclasses.replace(
        model, relaxed=True, energy_ev=res.energy_ev, energy_initial_ev=e0, structure=res.structure
    )


@dataclass(frozen=True)
class InterfaceDynamics(Result):
    """Density profiles (atoms/nm^3 per element, per time block), Li crossings and
    coordination near the interfaces, from an interface trajectory."""

    species: str
    z_nm: tuple[float, ...]  # bin centres along the normal
    block_times_ps: tuple[float, ...]  # middle of each time block
    density_profiles: dict[str, list[list[float]]]  # element -> [block][bin]
    interface_planes_nm: tuple[float, float]
    crossings: int
    crossings_into_substrate: int
    crossings_into_film: int
    crossing_events: tuple[tuple[float, int, str], ...]  # (time ps, atom index, "into ...")
    coordination_near_initial: float | None
    coordination_near_final: float | None
    coordination_bulk_initial: float | None
    coordination_bulk_final: float | None
    near_window_a: float
    # site symmetry of the same atoms (tetrahedral/octahedral order parameters and classes)
    environment_near_initial: LocalEnvironment | None = None
    environment_near_final: LocalEnvironment | None = None
    environment_bulk_initial: LocalEnvironment | None = None
    environment_bulk_final: LocalEnvironment | None = None


def analyse_interface_trajectory(
    path: str | Path,
    substrate_indices: tuple[int, ...] | list[int],
    *,
    species: str = "Li",
    n_bins: int = 60,
    n_blocks: int = 4,
    near_window_a: float = 4.0,
    coordination_cutoff_scale: float = 1.3,
) -> InterfaceDynamics:
    """Analyse an MD trajectory of an interface model (`substrate_indices` from the model).

    Two planes are located from the initial frame: midway between the top of the substrate and
    the bottom of the film, and across the periodic boundary. An atom of `species` crosses when
    the slab it sits in (by its position between the planes) changes between frames.
    Coordination and site symmetry (`local_environment`): neighbours of another element within
    `coordination_cutoff_scale` x the sum of covalent radii (ASE natural cut-offs), their
    number and the tetrahedral/octahedral order parameters of their polyhedron, for the
    `species` atoms within `near_window_a` of a plane vs the others, in the first and the last
    frame."""
    from interphase.atomistic.diffusion import read_trajectory

    frames, meta = read_trajectory(path)
    first = frames[0]
    n = len(first)
    sub_mask = np.zeros(n, bool)
    sub_idx = [i for i in substrate_indices if 0 <= i < n]
    if not sub_idx:
        raise InvalidConditionError("substrate_indices do not match the trajectory's atoms")
    sub_mask[sub_idx] = True
    cell = np.asarray(first.cell)
    normal = np.cross(cell[0], cell[1])
    normal /= np.linalg.norm(normal)
    thickness = float(abs(cell[2] @ normal))
    zf = np.array([f.get_scaled_positions(wrap=True)[:, 2] for f in frames])  # (F, N)
    # planes from the first frame (substrate occupies a contiguous fractional range)
    zs = np.sort(zf[0, sub_mask])
    gaps = np.diff(np.concatenate([zs, zs[:1] + 1]))
    k = int(np.argmax(gaps))
    sub_hi, sub_lo = zs[k], zs[(k + 1) % len(zs)]
    film_z = zf[0, ~sub_mask]

    def mid(a: float, others: np.ndarray, up: bool) -> float:
        d = (others - a) % 1.0 if up else (a - others) % 1.0
        nearest = float(d.min()) if len(d) else 0.0
        return (a + nearest / 2) % 1.0 if up else (a - nearest / 2) % 1.0

    p1 = mid(sub_hi, film_z, True)  # top of substrate → film
    p2 = mid(sub_lo, film_z, False)  # bottom of substrate (periodic) ← film

    def in_substrate(z: np.ndarray) -> np.ndarray:
        return ((z - p2) % 1.0) < ((p1 - p2) % 1.0)

    symbols = np.array(first.get_chemical_symbols())
    mob = np.where(symbols == species)[0]
    if len(mob) == 0:
        raise MissingDataError(f"no {species} atoms in the trajectory")
    dt_ps = (
        float(
            meta.get(
                "frame_interval_fs", meta.get("timestep_fs", 1.0) * meta.get("save_interval", 1)
            )
        )
        / 1000.0
    )
    side = in_substrate(zf[:, mob])  # (F, M)
    events = []
    for f in range(1, len(frames)):
        changed = np.where(side[f] != side[f - 1])[0]
        for c in changed:
            events.append(
                (round(f * dt_ps, 6), int(mob[c]), "into substrate" if side[f, c] else "into film")
            )
    # density profiles by element and time block
    edges = np.linspace(0, 1, n_bins + 1)
    area_nm2 = float(np.linalg.norm(np.cross(cell[0], cell[1]))) / 100.0
    bin_vol_nm3 = area_nm2 * thickness / 10.0 / n_bins
    blocks = np.array_split(np.arange(len(frames)), max(1, min(n_blocks, len(frames))))
    profiles: dict[str, list[list[float]]] = {}
    for el in sorted(set(symbols.tolist())):
        sel = symbols == el
        prof = []
        for b in blocks:
            h = np.histogram(zf[b][:, sel].ravel(), bins=edges)[0] / len(b) / bin_vol_nm3
            prof.append([float(x) for x in h])
        profiles[el] = prof

    # coordination and site symmetry near the planes vs away from them
    def environments(frame: Any) -> tuple[LocalEnvironment | None, LocalEnvironment | None]:
        z = frame.get_scaled_positions(wrap=True)[:, 2]
        dist = (
            np.minimum(np.abs((z - p1 + 0.5) % 1.0 - 0.5), np.abs((z - p2 + 0.5) % 1.0 - 0.5))
            * thickness
        )
        near = [i for i in mob if dist[i] <= near_window_a]
        bulk = [i for i in mob if dist[i] > near_window_a]
        return (
            local_environment(frame, near, cutoff_scale=coordination_cutoff_scale),
            local_environment(frame, bulk, cutoff_scale=coordination_cutoff_scale),
        )

    near0, bulk0 = environments(frames[0])
    near1, bulk1 = environments(frames[-1])

    def cn(env: LocalEnvironment | None) -> float | None:
        return env.mean_coordination if env else None

    z_nm = (edges[:-1] + edges[1:]) / 2 * thickness / 10.0
    into_sub = sum(1 for e in events if e[2] == "into substrate")
    return InterfaceDynamics(
        species=species,
        z_nm=tuple(float(x) for x in z_nm),
        block_times_ps=tuple(float(np.mean(b) * dt_ps) for b in blocks),
        density_profiles=profiles,
        interface_planes_nm=(float(p1 * thickness / 10), float(p2 * thickness / 10)),
        crossings=len(events),
        crossings_into_substrate=into_sub,
        crossings_into_film=len(events) - into_sub,
        crossing_events=tuple(events),
        coordination_near_initial=cn(near0),
        coordination_near_final=cn(near1),
        coordination_bulk_initial=cn(bulk0),
        coordination_bulk_final=cn(bulk1),
        near_window_a=near_window_a,
        environment_near_initial=near0,
        environment_near_final=near1,
        environment_bulk_initial=bulk0,
        environment_bulk_final=bulk1,
    )
