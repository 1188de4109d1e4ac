"""ML-potential entries: energies of new structures put on the embedded database's reference.

The formation energy per atom is

    E_f = (E_MLIP(compound) - sum_i n_i mu_i^MLIP) / N

with every elemental reference mu_i relaxed with the same potential (bulk metals and metalloids in
their ground-state structure, O2/N2/F2/Cl2/H2 as molecules in a 10 Å box, S as a 10_3 helical
chain, P as black phosphorus). CHGNet learned MPtrj energies corrected with
MaterialsProject2020Compatibility; SevenNet-0 learned the raw PBE/PBE+U totals (measured here: its
uncorrected E_f of Li2O, LiF, Li2S, Li3PO4 sit 0.23-0.34 eV/atom above mp2019, LiCoO2 0.88, the
size of the MP2020 anion and U corrections), so for it the compound's MP2020 adjustments (anion,
and GGA/GGA+U mixing for U metals in oxides and fluorides) are added here. Either way the formation
energies are on the MP2020 reference; the embedded table (mp2019) uses the legacy
MaterialsProjectCompatibility (anion corrections differ by up to ~0.15 eV per S atom). The results
are labelled as ML-potential entries and carry the potential's known error; never mix them into a
hull without that label.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from interphase.errors import MissingDataError
from interphase.results import Result

if TYPE_CHECKING:
    from pymatgen.core import Structure

MOLECULES: dict[str, float] = {"H": 0.74, "N": 1.10, "O": 1.21, "F": 1.42, "Cl": 1.99}  # bond, Å


@dataclass(frozen=True)
class MLIPFormationEnergy(Result):
    """Formation energy of a structure from an ML potential (eV/atom), labelled as such."""

    formula: str
    energy_ev_per_atom: float  # relaxed total energy of the compound per atom
    formation_energy_ev_per_atom: float
    potential: str
    reference_note: str
    known_error_ev_per_atom: float  # the potential's test-set energy MAE
    elemental_mu_ev_per_atom: dict[str, float] = field(default_factory=dict)
    correction_scheme: str = ""
    relaxed: bool = True
    label: str = "ML-potential entry"
    citations: tuple[str, ...] = ()
    correction_ev_per_atom: float = 0.0  # MP2020 adjustments added (raw-energy potentials only)

    def to_entry(self) -> Any:
        """A pymatgen ComputedEntry on the formation-energy reference of the embedded table
        (elements at 0, energy = E_f x atoms), labelled with the potential."""
        from pymatgen.core import Composition
        from pymatgen.entries.computed_entries import ComputedEntry

        comp = Composition(self.formula)
        return ComputedEntry(
            comp,
            self.formation_energy_ev_per_atom * comp.num_atoms,
            entry_id=f"mlip-{self.potential}-{self.formula}",
            data={
                "source": self.label,
                "potential": self.potential,
                "known_error_ev_per_atom": self.known_error_ev_per_atom,
            },
        )


def element_reference_structure(symbol: str) -> tuple[Structure, bool]:
    """Reference structure for an element and whether its cell should be relaxed."""
    import numpy as np
    from pymatgen.core import Element, Lattice, Structure

    if symbol in MOLECULES:
        d = MOLECULES[symbol]
        lat = Lattice.cubic(10.0)
        return Structure(
            lat, [symbol, symbol], [[0, 0, 0], [d, 0, 0]], coords_are_cartesian=True
        ), False
    if symbol == "S":
        # 10_3 helix (fibrous sulfur): 10 atoms in 3 turns, S-S 2.06 Å; chains on a square grid
        n, c, r = 10, 13.8, 0.945
        coords = [
            [
                r * math.cos(2 * math.pi * 3 * k / n),
                r * math.sin(2 * math.pi * 3 * k / n),
                c * k / n,
            ]
            for k in range(n)
        ]
        lat = Lattice.tetragonal(4.6, c)
        coords = (np.array(coords) + np.array([2.3, 2.3, 0.0])).tolist()
        return Structure(lat, ["S"] * n, coords, coords_are_cartesian=True), True
    if symbol == "P":  # black phosphorus, Brown & Rundqvist (1965)
        return Structure.from_spacegroup(
            "Cmce", Lattice.orthorhombic(3.3136, 10.478, 4.3763), ["P"], [[0, 0.10168, 0.08056]]
        ), True
    if symbol == "C":
        from interphase.atomistic.structures import bundled_structure

        return bundled_structure("C"), True
    try:
        from ase.build import bulk
        from pymatgen.io.ase import AseAtomsAdaptor

        atoms = bulk(symbol)
    except Exception:
        raise MissingDataError(
            f"no elemental reference structure for {symbol}: its ground state is not a simple "
            "bulk form; ML-potential formation energies with it are not available"
        ) from None
    Element(symbol)
    return AseAtomsAdaptor.get_structure(atoms), True


# mu_i^MLIP in eV/atom, computed here with `element_reference_structure` + `relax` (FIRE,
# fmax 0.02 eV/Å, cell relaxed for solids) by `python -m interphase.atomistic.entries chgnet`
# (CHGNet 0.3.0 bundled weights, CPU, torch 2.13), and the same for SevenNet-0 (sevenn 0.13.0,
# `... entries sevennet <elements>`, 2026-11-26). Relaxing them takes minutes on a laptop (the S
# helix alone about 3), so they are stored; `recompute=True` redoes them.
PRECOMPUTED_MU: dict[str, dict[str, float]] = {
    "chgnet": {
        "Al": -3.66435,
        "Ba": -1.88303,
        "C": -9.18062,
        "Ca": -1.97027,
        "Cl": -1.8485,
        "Co": -7.02921,
        "Cr": -9.54107,
        "Cu": -4.08353,
        "F": -2.02347,
        "Fe": -8.35667,
        "Ge": -4.45668,
        "H": -3.33383,
        "In": -2.70057,
        "La": -4.89546,
        "Li": -1.88028,
        "Mg": -1.59623,
        "Mo": -10.69621,
        "N": -8.33513,
        "Na": -1.28893,
        "Nb": -10.02598,
        "Ni": -5.74662,
        "O": -4.81863,
        "P": -5.40452,
        "S": -4.1528,
        "Sc": -6.27524,
        "Si": -5.31382,
        "Sn": -3.95721,
        "Sr": -1.66548,
        "Ta": -11.85163,
        "Ti": -7.81774,
        "V": -9.07745,
        "W": -12.76263,
        "Y": -6.44459,
        "Zn": -1.26308,
        "Zr": -8.51009,
    },
    "sevennet": {
        "Al": -3.71953,
        "Ba": -1.82394,
        "C": -9.21695,
        "Ca": -1.99224,
        "Cl": -1.7102,
        "Co": -7.07304,
        "Cr": -9.50497,
        "Cu": -4.0962,
        "F": -1.92266,
        "Fe": -8.36571,
        "Ge": -4.57758,
        "H": -3.32261,
        "In": -2.71617,
        "La": -4.91955,
        "Li": -1.91504,
        "Mg": -1.60453,
        "Mo": -10.68405,
        "N": -8.24159,
        "Na": -1.30691,
        "Nb": -10.09429,
        "Ni": -5.76843,
        "O": -4.89837,
        "P": -5.37834,
        "S": -4.10747,
        "Sc": -6.28789,
        "Si": -5.40298,
        "Sn": -3.95584,
        "Sr": -1.67583,
        "Ta": -11.83795,
        "Ti": -7.81859,
        "V": -9.08159,
        "W": -12.76036,
        "Y": -6.45045,
        "Zn": -1.25593,
        "Zr": -8.57101,
    },
}


@cache
def _computed_reference(symbol: str, potential: str, device: str | None) -> float:
    from interphase.atomistic.relax import relax

    s, relax_cell = element_reference_structure(symbol)
    res = relax(
        s, potential, relax_cell=relax_cell, fmax_ev_per_a=0.02, max_steps=400, device=device
    )
    return res.energy_ev_per_atom


def elemental_reference(
    symbol: str, potential: str = "chgnet", device: str | None = None, recompute: bool = False
) -> float:
    """mu_i^MLIP: relaxed energy per atom (eV/atom) of the element's reference structure
    (stored value when there is one, unless `recompute`)."""
    from interphase.atomistic.potentials import potential_info

    name = potential_info(potential).name
    table = PRECOMPUTED_MU.get(name, {})
    if not recompute and symbol in table:
        return table[symbol]
    return _computed_reference(symbol, name, device)


def mlip_formation_energy(
    structure: Structure | str,
    potential: str = "chgnet",
    *,
    relax_structure: bool = True,
    device: str | None = None,
    max_steps: int = 300,
    fmax_ev_per_a: float = 0.05,
) -> MLIPFormationEnergy:
    """Formation energy per atom of `structure` (a Structure, CIF path or bundled name) from the
    ML potential, on the MLIP's own elemental references (see module docstring)."""
    from interphase.atomistic.potentials import potential_info
    from interphase.atomistic.relax import relax
    from interphase.atomistic.structures import load_structure

    s = load_structure(structure)
    info = potential_info(potential)
    res = relax(
        s,
        info.name,
        relax_cell=relax_structure,
        max_steps=max_steps if relax_structure else 0,
        fmax_ev_per_a=fmax_ev_per_a,
        device=device,
    )
    comp = res.structure.composition
    mu = {el.symbol: elemental_reference(el.symbol, info.name, device) for el in comp.elements}
    e_ref = sum(comp[el] * mu[el.symbol] for el in comp.elements)
    corr = 0.0 if info.trained_on_corrected else mp2020_correction_ev(res.structure)
    ef = (res.energy_ev + corr - e_ref) / comp.num_atoms
    note = (
        f"E_f from {info.model}; elemental references relaxed with the same potential "
        "(molecules in a 10 Å box for H, N, O, F, Cl). Energies follow "
        f"{info.correction_scheme}; the embedded mp2019 table uses the legacy "
        "MaterialsProjectCompatibility, so compare within the stated error."
    )
    return MLIPFormationEnergy(
        formula=comp.reduced_formula,
        energy_ev_per_atom=res.energy_ev_per_atom,
        formation_energy_ev_per_atom=float(ef),
        potential=info.name,
        reference_note=note,
        known_error_ev_per_atom=info.energy_mae_ev_per_atom,
        elemental_mu_ev_per_atom=dict(sorted(mu.items())),
        correction_scheme=info.correction_scheme,
        relaxed=relax_structure,
        citations=(info.citation,),
        correction_ev_per_atom=corr / comp.num_atoms,
    )


def mp2020_correction_ev(structure: Structure) -> float:
    """MaterialsProject2020Compatibility's total adjustment (eV) for a compound computed as MP
    would: PBE+U with MP's U values for the U metals when O or F is present, plain PBE
    otherwise (so an elemental cell gets none). Anion corrections use the structure to tell
    oxide from peroxide; pymatgen's compatibility code does the work (POTCAR check off)."""
    import warnings

    from pymatgen.entries.computed_entries import ComputedStructureEntry

    compat = _mp2020()
    symbols = {el.symbol for el in structure.composition.elements}
    anion = next((a for a in ("F", "O") if a in symbols), None)  # MP's U table keys
    hubbards = {el: u for el, u in compat.u_settings.get(anion, {}).items() if el in symbols}
    entry = ComputedStructureEntry(
        structure,
        0.0,
        parameters={"run_type": "GGA+U" if hubbards else "GGA", "hubbards": hubbards},
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "no oxide_type": the structure is given instead
        return float(sum(a.value for a in compat.get_adjustments(entry)))


if __name__ == "__main__":  # regenerate PRECOMPUTED_MU
    import sys

    pot = sys.argv[1] if len(sys.argv) > 1 else "chgnet"
    els = sys.argv[2:] or sorted(PRECOMPUTED_MU.get(pot, {}))
    print({el: round(elemental_reference(el, pot, recompute=True), 5) for el in els})


@cache
def _mp2020() -> Any:
    """One MaterialsProject2020Compatibility (it reads its YAML tables when built)."""
    from pymatgen.entries.compatibility import MaterialsProject2020Compatibility

    return MaterialsProject2020Compatibility(check_potcar=False)
