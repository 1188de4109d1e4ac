"""ML-potential MD of a stack's ion-conducting layers (`interphase analyze --md`): for each
electrolyte or coating with a bundled structure, an MD campaign (atomistic.campaign: CHGNet or
SevenNet, one run per temperature, results stored and resumed) and the Arrhenius
extrapolation of its Li+ conductivity to 300 K with its 95 % interval, beside the
literature value the transport level uses. The MD never changes the grades: it is a second
opinion, with its own uncertainty, on the numbers they rest on."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from interphase.errors import InterphaseError, InvalidConditionError
from interphase.results import Result
from interphase.stack.grades import NotComputed
from interphase.stack.spec import StackSpec

DEFAULT_TEMPERATURES_K = (800.0, 1000.0, 1200.0)
DEFAULT_STEPS = 2000


@dataclass(frozen=True)
class MDSettings(Result):
    temperatures_k: tuple[float, ...] = DEFAULT_TEMPERATURES_K
    n_steps: int = DEFAULT_STEPS
    potential: str = "chgnet"
    timestep_fs: float = 2.0
    seed: int = 0

    def __post_init__(self) -> None:
        if not self.temperatures_k or any(not 100 <= t <= 3000 for t in self.temperatures_k):
            raise InvalidConditionError("MD temperatures must lie within 100..3000 K")
        if not 1 <= self.n_steps <= 10_000_000:
            raise InvalidConditionError("MD steps must lie within 1..1e7")
        if not 0 < self.timestep_fs <= 5.0:
            raise InvalidConditionError("the MD timestep must lie in (0, 5] fs")
        try:
            from interphase.atomistic.potentials import potential_info
        except ImportError:
            return  # reported when the MD is asked to run
        potential_info(self.potential)  # refuses unknown names


@dataclass(frozen=True)
class LayerMD(Result):
    """One layer's MD: the structure used, D and conductivity from the Arrhenius fit (None
    with fewer than two temperatures or failed runs, see `note`), the literature value."""

    layer: str
    structure: str
    temperatures_k: tuple[float, ...]
    ea_ev: float | None
    conductivity_300k_s_cm: float | None
    conductivity_300k_ci95_s_cm: tuple[float, float] | None
    literature_s_cm: float | None
    literature_source: str
    failures: dict[str, str]
    note: str


def layers_md(
    spec: StackSpec, settings: MDSettings, out_dir: Path, progress=None
) -> tuple[tuple[LayerMD, ...], tuple[NotComputed, ...]]:
    """MD of every electrolyte/coating layer with a bundled structure; the store and the
    trajectories go under `out_dir` (md.db, md/)."""
    try:
        from interphase.atomistic.campaign import MDCampaignSpec, run_md_campaign
        from interphase.atomistic.structures import bundled_structure_path
    except ImportError as exc:
        return (), (
            NotComputed(
                "MD",
                f"the atomistic extras are not installed ({exc})",
                "pip install 'interphase[atomistic]'",
            ),
        )
    from interphase.stack.physical import mechanics

    out, missing = [], []
    cspec = MDCampaignSpec(
        n_steps=settings.n_steps,
        out_dir=str(out_dir / "md"),
        timestep_fs=settings.timestep_fs,
        seed=settings.seed,
        potential=settings.potential,
    )
    for layer in spec.layers:
        if layer.position not in ("electrolyte", "coating"):
            continue
        path = bundled_structure_path(layer.name)
        if path is None:
            missing.append(
                NotComputed(
                    f"MD of {layer.name}",
                    "no bundled structure",
                    "run interphase md-batch on a CIF of it",
                )
            )
            continue
        try:
            res = run_md_campaign(
                [str(path)],
                list(settings.temperatures_k),
                cspec,
                store=out_dir / "md.db",
                workers=0,
                progress=progress,
            )
        except InterphaseError as exc:
            missing.append(NotComputed(f"MD of {layer.name}", str(exc)))
            continue
        arr, note = None, ""
        if res.transport:
            t = res.transport[0]
            arr, note = t.arrhenius, t.note
        if arr is None and not note:
            note = "an Arrhenius fit needs runs at two or more temperatures"
        try:  # the value the transport level uses: the user's where given
            lit = mechanics(layer.name, spec).li_conductivity_s_cm
        except InterphaseError:
            lit = None
        out.append(
            LayerMD(
                layer=layer.name,
                structure=path.name,
                temperatures_k=settings.temperatures_k,
                ea_ev=None if arr is None else arr["ea_ev"],
                conductivity_300k_s_cm=None if arr is None else arr["conductivity_extrap_s_cm"],
                conductivity_300k_ci95_s_cm=None
                if arr is None or arr["conductivity_extrap_ci95_s_cm"] is None
                else tuple(arr["conductivity_extrap_ci95_s_cm"]),
                literature_s_cm=None if lit is None else lit.value,
                literature_source="" if lit is None else lit.source,
                failures=res.failures,
                note=note,
            )
        )
    return tuple(out), tuple(missing)
