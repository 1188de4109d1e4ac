"""Published Li-ion transport values that the MD benchmark compares against.

Every number below was read in the cited source's own text (for most, its abstract) and is kept
with the conditions that text states; what the text leaves open is None, never filled in from
memory. The table is short on purpose: values that could not be retrieved and checked (e.g. the
AIMD numbers of Mo, Ong & Ceder 2012 for LGPS, the nanoporous beta-Li3PS4 values of Liu et al.
2013, any AIMD value for Li3PS4 or LLZO, a measured E_a of cubic LLZO) are left out rather
than guessed; docs/atomistic.md lists them.

Units: activation energies in eV, conductivities in S/cm, temperatures in K.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pymatgen.core import Composition

from interphase.citations import Citation, cite
from interphase.errors import InvalidConditionError
from interphase.results import Result

Method = Literal["AIMD", "experiment", "uMLIP-MD"]
METHODS: tuple[str, ...] = ("AIMD", "experiment", "uMLIP-MD")


@dataclass(frozen=True)
class TransportReference(Result):
    """One published Li-ion transport value with its conditions and source.

    `material` is the formula as the source reports it (dopants, phase and processing go in
    `conditions`). `ea_ev` is the Arrhenius activation energy (eV) and `ea_std_ev` its stated
    uncertainty; `sigma_300k_s_cm` is the Li+ conductivity (S/cm) at 300 K, extrapolated for MD
    and measured at the room temperature the source states for experiments. Either value is None
    when the source text does not give it. `temperature_range_k` is the (low, high) range the
    source simulated or measured, in K, when stated.
    """

    material: str
    method: Method
    ea_ev: float | None
    ea_std_ev: float | None
    sigma_300k_s_cm: float | None
    temperature_range_k: tuple[float, float] | None
    conditions: str
    citation_key: str

    def __post_init__(self) -> None:
        if self.method not in METHODS:
            raise InvalidConditionError(f"method {self.method!r} is not one of {METHODS}")
        for name in ("ea_ev", "ea_std_ev", "sigma_300k_s_cm"):
            value = getattr(self, name)
            if value is not None and not value > 0:
                raise InvalidConditionError(f"{name} must be positive, got {value}")
        if self.ea_ev is None and self.sigma_300k_s_cm is None:
            raise InvalidConditionError("a reference needs an activation energy or a conductivity")
        if self.temperature_range_k is not None:
            low, high = self.temperature_range_k
            if not 0 < low < high:
                raise InvalidConditionError(f"bad temperature range {self.temperature_range_k} K")

    @property
    def reduced_formula(self) -> str:
        """Reduced formula of `material` (pymatgen), the key `references_for` matches on."""
        return Composition(self.material).reduced_formula

    def citation(self) -> Citation:
        """The source of this value, from the citation registry."""
        return cite(self.citation_key)


TRANSPORT_REFERENCES: tuple[TransportReference, ...] = (
    TransportReference(
        material="Li10GeP2S12",
        method="AIMD",
        ea_ev=0.18,
        ea_std_ev=None,
        sigma_300k_s_cm=None,
        temperature_range_k=None,
        conditions="tetragonal LGPS, Car-Parrinello MD in NVT and NPT; the orthorhombic phase "
        "gives 0.23 eV in the same work; sigma(300 K), temperatures and cell size not "
        "retrieved",
        citation_key="materzanini2020",
    ),
    TransportReference(
        material="Li10GeP2S12",
        method="experiment",
        ea_ev=None,
        ea_std_ev=None,
        sigma_300k_s_cm=1.2e-2,
        temperature_range_k=None,
        conditions="12 mS/cm at room temperature (abstract); bulk vs total and Ea not retrieved",
        citation_key="kamaya2011",
    ),
    TransportReference(
        material="Li10GeP2S12",
        method="experiment",
        ea_ev=0.22,
        ea_std_ev=None,
        sigma_300k_s_cm=1e-2,
        temperature_range_k=None,
        conditions="tetragonal LGPS; conductivity stated as ~1e-2 S/cm (order of magnitude), "
        "Ea ~0.22 eV of nearly isotropic Li hopping in the bulk lattice (impedance, 7Li PFG NMR, "
        "relaxometry)",
        citation_key="kuhn2013lgps",
    ),
    TransportReference(
        material="Li6PS5Cl",
        method="experiment",
        ea_ev=0.22,
        ea_std_ev=None,
        sigma_300k_s_cm=2.0e-4,
        temperature_range_k=None,
        conditions="liquid-phase (acetonitrile/ethanol) synthesis, heated at 180 C; measuring "
        "temperature of the conductivity not stated in the abstract (room temperature assumed); "
        "below typical solid-state-synthesised argyrodite values",
        citation_key="roseronavarro2023",
    ),
    TransportReference(
        material="Li3PS4",
        method="experiment",
        ea_ev=0.24,
        ea_std_ev=None,
        sigma_300k_s_cm=1.0e-4,
        temperature_range_k=None,
        conditions="beta-Li3PS4 (the Li-disordered high-temperature phase), 7Li PFG NMR: "
        "D = 9e-10 cm^2/s at 298 K; sigma estimated from D and matching impedance of pellets. "
        "The ordered gamma phase that ships here conducts about 3 orders of magnitude less "
        "(gobet2014), with no number retrieved",
        citation_key="stoffler2018",
    ),
    TransportReference(
        material="Li7La3Zr2O12",
        method="experiment",
        ea_ev=None,
        ea_std_ev=None,
        sigma_300k_s_cm=3e-4,
        temperature_range_k=None,
        conditions="cubic garnet, sintered pellet, total conductivity at 25 °C (the catalog's "
        "value); E_a not retrieved here",
        citation_key="murugan2007",
    ),
)


def references_for(formula_or_name: str) -> tuple[TransportReference, ...]:
    """The references whose material has the reduced formula of `formula_or_name`.

    Names and aliases resolve through the materials catalog ("LGPS", "argyrodite"); any other
    parseable formula is matched as is. An empty tuple means nothing is tabulated for it.
    Raises UnknownMaterialError for a name that is neither in the catalog nor a formula.
    """
    from interphase.materials.catalog import get_material

    target = get_material(formula_or_name).reduced_formula
    return tuple(r for r in TRANSPORT_REFERENCES if r.reduced_formula == target)


__all__ = ["METHODS", "TRANSPORT_REFERENCES", "TransportReference", "references_for"]
