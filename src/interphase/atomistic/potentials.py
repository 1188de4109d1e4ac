"""Universal ML interatomic potentials as ASE calculators (weights ship in their wheels).

- ``"chgnet"`` (default): CHGNet 0.3.0 (Deng et al. 2023), trained on MPtrj, whose energies are
  the Materials Project GGA/GGA+U energies with the MaterialsProject2020Compatibility
  corrections applied. Weights are bundled in the ``chgnet`` wheel: no network is needed.
- ``"sevennet"``: SevenNet-0 (Park et al. 2024), also trained on MPtrj; weights bundled in the
  ``sevenn`` wheel.

The model runs on a GPU when ``torch.cuda.is_available()`` and on the CPU otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from interphase.errors import InvalidConditionError, MissingDataError


@dataclass(frozen=True)
class PotentialInfo:
    """What a potential is and how well it is known to reproduce its training reference."""

    name: str
    model: str
    training_set: str
    correction_scheme: str
    energy_mae_ev_per_atom: float  # test-set MAE reported by the authors
    citation: str  # key in the citation registry
    # True: the model learned MP2020-corrected totals; False: raw PBE/PBE+U totals, so
    # compound energies need MaterialsProject2020Compatibility's adjustments (entries.py)
    trained_on_corrected: bool = True


POTENTIALS: dict[str, PotentialInfo] = {
    "chgnet": PotentialInfo(
        name="chgnet",
        model="CHGNet 0.3.0 (bundled weights)",
        training_set="MPtrj (Materials Project relaxation trajectories, PBE/PBE+U)",
        correction_scheme="MaterialsProject2020Compatibility (energies trained on MP2020-corrected "
        "totals)",
        energy_mae_ev_per_atom=0.030,
        citation="deng2023chgnet",
    ),
    "sevennet": PotentialInfo(
        name="sevennet",
        model="SevenNet-0 (7net-0, bundled weights)",
        training_set="MPtrj (Materials Project relaxation trajectories, PBE/PBE+U)",
        correction_scheme="MaterialsProject2020Compatibility, applied by interphase (SevenNet-0 "
        "learned the raw MPtrj PBE/PBE+U totals)",
        energy_mae_ev_per_atom=0.030,
        citation="park2024sevennet",
        trained_on_corrected=False,
    ),
    "emt": PotentialInfo(
        name="emt",
        model="ASE EMT (Cu, Ni, Al, Ag, Au, Pd, Pt only) — for testing the machinery, not science",
        training_set="none (effective-medium fit to elemental metals)",
        correction_scheme="none",
        energy_mae_ev_per_atom=float("nan"),
        citation="jacobsen1996emt",
    ),
}


def potential_info(potential: str) -> PotentialInfo:
    key = potential.lower().replace("-", "").replace("_", "")
    if key in {"sevennet0", "7net0", "7net"}:
        key = "sevennet"
    if key not in POTENTIALS:
        raise InvalidConditionError(
            f"unknown potential {potential!r}: choose one of {', '.join(POTENTIALS)}"
        )
    return POTENTIALS[key]


def default_device() -> str:
    """ "cuda" when a GPU is visible to torch, else "cpu"."""
    try:
        import torch
    except ImportError:
        return "cpu"

    return "cuda" if torch.cuda.is_available() else "cpu"


def check_device(device: str) -> None:
    """Refuse a device this torch cannot use (a CUDA request on a CPU-only build)."""
    if device == "cpu":
        return
    if not device.startswith("cuda"):
        raise InvalidConditionError(f"device {device!r}: use cpu or cuda")
    try:
        import torch
    except ImportError:
        raise MissingDataError("no torch installed: pip install 'interphase[atomistic]'") from None
    if not torch.cuda.is_available():
        raise InvalidConditionError(
            f"device {device!r}: this torch build sees no CUDA GPU; use --device cpu (or leave "
            "--device out)"
        )


@cache
def _chgnet_model(device: str) -> Any:
    try:
        from chgnet.model import CHGNet
    except ImportError as exc:
        raise MissingDataError(
            "the CHGNet potential needs the atomistic extra: pip install 'interphase[atomistic]'"
        ) from exc
    import contextlib
    import io

    with contextlib.redirect_stdout(io.StringIO()):  # CHGNet prints its parameter count
        return CHGNet.load(model_name="0.3.0", use_device=device, verbose=False)


@cache
def _chgnet_calculator_class() -> type:
    """CHGNet's ASE calculator, asking the model only for what ASE requested.

    The stock calculator always predicts energy, forces, stress and magmoms; the stress is a
    second backward pass through the network, so MD (forces only) runs about 1.5x faster when
    it is skipped. Stress is still computed whenever ASE asks for it (relaxations of the cell)."""
    from chgnet.model.dynamics import CHGNetCalculator

    class ForcesOnDemandCHGNetCalculator(CHGNetCalculator):
        def calculate(self, atoms=None, properties=None, system_changes=None, task=None):  # type: ignore[override]
            props = properties or ["energy", "forces", "stress", "magmoms"]
            if task is None:
                task = "e" + ("f" if "forces" in props or "stress" in props else "")
                task += "s" if "stress" in props else ""
                task += "m" if "magmoms" in props else ""
            super().calculate(atoms, props, system_changes, task=task)

    return ForcesOnDemandCHGNetCalculator


def get_calculator(potential: str = "chgnet", device: str | None = None) -> Any:
    """An ASE calculator for `potential` ("chgnet" or "sevennet") on `device` (auto if None).

    The model is loaded once per process and device and shared between calculators.
    """
    info = potential_info(potential)
    dev = device or default_device()
    check_device(dev)
    if info.name == "chgnet":
        import contextlib
        import io

        model = _chgnet_model(dev)
        with contextlib.redirect_stdout(io.StringIO()):  # CHGNet announces its device
            return _chgnet_calculator_class()(
                model=model, use_device=dev, on_isolated_atoms="ignore"
            )
    if info.name == "emt":
        from ase.calculators.emt import EMT

        return EMT()
    try:
        from sevenn.calculator import SevenNetCalculator
    except ImportError as exc:
        raise MissingDataError(
            "SevenNet-0 needs the sevenn package: pip install sevenn (with torch==2.13.0 kept)"
        ) from exc
    return SevenNetCalculator(model="7net-0", device=dev)


def available_potentials() -> tuple[str, ...]:
    """Potentials whose packages are importable here."""
    import importlib.util

    out = []
    if importlib.util.find_spec("chgnet") is not None:
        out.append("chgnet")
    if importlib.util.find_spec("sevenn") is not None:
        out.append("sevennet")
    return tuple(out)
