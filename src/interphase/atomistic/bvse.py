"""Bond-valence site energy (BVSE) maps and percolation barriers of a mobile ion.

Uses bvlain (Adams' softBV Morse-type bond-valence parameters; Chen & Adams 2017, Adams &
Rao 2011): the energy of a test Li+ on a grid in the fixed framework, and the lowest energy at
which the accessible region percolates in 1, 2 and 3 dimensions. These barriers are
systematically higher than NEB/MD activation energies but rank conductors reliably and take
seconds; use them to screen and to find paths, MD for numbers.
"""

from __future__ import annotations

import contextlib
import io
import math
import warnings
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from interphase.errors import InputFileError, InvalidConditionError, MissingDataError
from interphase.results import Result

if TYPE_CHECKING:
    from pymatgen.core import Structure


# A network whose 2D (3D) barrier lies within this of the 1D one counts as 2D (3D): BVSE
# barriers carry ~0.05 eV of grid and parameter uncertainty (resolution 0.1-0.2 A).
DIMENSION_TOLERANCE_EV = 0.05


@dataclass(frozen=True)
class BVSEResult(Result):
    """Percolation barriers (eV) of `mobile_ion` over the BVSE landscape."""

    formula: str
    mobile_ion: str
    barrier_1d_ev: float | None  # None: no percolation below the cutoff
    barrier_2d_ev: float | None
    barrier_3d_ev: float | None
    barrier_ev: float | None  # lowest percolation energy (= the 1D barrier)
    percolation_dimension: int  # highest dimension open within DIMENSION_TOLERANCE_EV of E_1D

    resolution_a: float
    energy_cutoff_ev: float
    oxidation_states: dict[str, float]
    dimension_tolerance_ev: float = 0.05  # the window that defines percolation_dimension
    method: str = "BVSE (bvlain, softBV parameters)"
    citations: tuple[str, ...] = ("chen2017softbv", "bvlain")
    _grid: Any = field(default=None, repr=False, compare=False)  # energy grid (eV), for plots
    _cell: Any = field(default=None, repr=False, compare=False)


def _oxidation_states(s: Structure, given: dict[str, float] | None) -> dict[str, float]:
    if given:
        return dict(given)
    try:  # fast: charge balance of the composition with common oxidation states
        guesses = s.composition.reduced_composition.oxi_state_guesses(max_sites=-50)
    except ValueError:
        guesses = ()
    for g in guesses:
        if all(float(v).is_integer() for v in g.values()):
            return {k: float(v) for k, v in g.items()}
    if guesses:  # mixed valence (LiMn2O4: Mn 3.5): the charge-balancing average on every site
        return {k: float(v) for k, v in guesses[0].items()}
    from pymatgen.analysis.bond_valence import BVAnalyzer

    try:  # slower: bond-valence analysis of the sites
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            dec = BVAnalyzer().get_oxi_state_decorated_structure(s)
    except ValueError:
        raise InvalidConditionError(
            f"cannot assign integer oxidation states to {s.composition.reduced_formula}; "
            "give them (e.g. Li=1,P=5,O=-2)"
        ) from None
    out: dict[str, float] = {}
    for site in dec:
        out.setdefault(site.specie.symbol, float(site.specie.oxi_state))
    return out


def bvse_barriers(
    structure: Structure | str,
    mobile_ion: str = "Li",
    *,
    resolution_a: float = 0.25,
    energy_cutoff_ev: float = 5.0,
    oxidation_states: dict[str, float] | None = None,
    r_cut_a: float = 10.0,
    empty_host: bool = False,
) -> BVSEResult:
    """BVSE map and 1D/2D/3D percolation barriers of `mobile_ion` (charge from its oxidation
    state) in `structure` (Structure, CIF path or bundled name). `empty_host`: the structure
    may lack the ion (an intercalation host such as TiO2 for interstitial Li); its charge is
    then the element's most common positive oxidation state."""
    from interphase.atomistic.structures import load_structure

    try:
        from bvlain import Lain
    except ImportError as exc:
        raise MissingDataError("BVSE needs bvlain: pip install 'interphase[atomistic]'") from exc
    if not 0.05 <= resolution_a <= 1.0:
        raise InvalidConditionError("resolution must be within 0.05–1 Å")
    s = load_structure(structure).copy()
    s.remove_oxidation_states()
    present = mobile_ion in {el.symbol for el in s.composition.elements}
    if not present and not empty_host:
        raise InvalidConditionError(f"{s.composition.reduced_formula} has no {mobile_ion}")
    ox = _oxidation_states(s, oxidation_states)
    s.add_oxidation_state_by_element(ox)
    if present:
        q = ox[mobile_ion]
    else:
        from pymatgen.core import Element

        try:
            q = next(x for x in Element(mobile_ion).common_oxidation_states if x > 0)
        except (ValueError, StopIteration):
            raise InvalidConditionError(f"{mobile_ion} is not an element with a cation") from None
    sign = "+" if q > 0 else "-"
    ion = f"{mobile_ion}{abs(round(q))}{sign}"
    calc = Lain(verbose=False)
    try:
        with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            calc.read_structure(s, oxi_check=False)
            grid = calc.bvse_distribution(
                mobile_ion=ion, r_cut=r_cut_a, resolution=resolution_a, k=100
            )
            e = calc.percolation_barriers(encut=energy_cutoff_ev)
    except (KeyError, ValueError) as exc:
        raise MissingDataError(
            f"no softBV parameters for {s.composition.reduced_formula} with oxidation states "
            f"{ox}: {exc}"
        ) from None
    except Exception as exc:  # bvlain internals
        raise InputFileError(f"BVSE failed for {s.composition.reduced_formula}: {exc}") from None

    def val(x: Any) -> float | None:
        x = float(x)
        return None if not math.isfinite(x) or x >= energy_cutoff_ev else x

    b1, b2, b3 = val(e["E_1D"]), val(e["E_2D"]), val(e["E_3D"])
    dim = 0
    if b1 is not None:
        opens = ((1, b1), (2, b2), (3, b3))
        dim = max(d for d, b in opens if b is not None and b <= b1 + DIMENSION_TOLERANCE_EV)
    return BVSEResult(
        formula=s.composition.reduced_formula,
        mobile_ion=ion,
        barrier_1d_ev=b1,
        barrier_2d_ev=b2,
        barrier_3d_ev=b3,
        barrier_ev=b1,
        percolation_dimension=dim,
        resolution_a=resolution_a,
        energy_cutoff_ev=energy_cutoff_ev,
        oxidation_states=ox,
        _grid=np.asarray(grid),
        _cell=np.asarray(s.lattice.matrix),
    )
