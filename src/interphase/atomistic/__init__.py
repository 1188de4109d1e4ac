"""Atomistic engines: ML interatomic potentials (CHGNet, SevenNet-0) through ASE, MD for
transport, diffusion analysis with uncertainties, bond-valence site energies, interface models.

Heavy dependencies (torch, chgnet, ase, bvlain) are imported inside functions, so importing this
package is cheap; install them with ``pip install "interphase[atomistic]"``.
"""

from __future__ import annotations

__all__ = [
    "arrhenius_fit",
    "build_interface",
    "bvse_barriers",
    "diffusion_from_trajectory",
    "load_structure",
    "mlip_formation_energy",
    "relax",
    "run_md",
]


def __getattr__(name: str):  # lazy re-exports
    import importlib

    where = {
        "arrhenius_fit": "diffusion",
        "diffusion_from_trajectory": "diffusion",
        "bvse_barriers": "bvse",
        "build_interface": "interfaces",
        "load_structure": "structures",
        "mlip_formation_energy": "entries",
        "relax": "relax",
        "run_md": "md",
    }
    if name in where:
        return getattr(importlib.import_module(f"{__name__}.{where[name]}"), name)
    raise AttributeError(name)
