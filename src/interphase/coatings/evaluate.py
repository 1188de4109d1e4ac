"""Every criterion of one coating candidate for one electrode | electrolyte pair.

Conventions (docs/coatings.md):
- window: `stability_window(..., convention="on-hull")`; the candidate's own metastability is
  criterion 1, not counted again. Margin = min(oxidation − top of the electrode's range,
  bottom of the range − reduction) in V; an unbounded side counts as `WINDOW_CAP_V`.
- both reactions use the mutual reaction energy (`ReactionResult.mutual`: each reactant first
  at its own equilibrium under the same conditions; Richards et al. 2016, Xiao et al. 2019),
  eV per atom of the reactants; each stored reaction says so in its "basis" key.
- reactivity with the electrode: open-Li pseudo-binary at both ends of the electrode's range,
  so the number is the mixing reaction only (the candidate's own decomposition at that
  potential is the window criterion). Li metal as electrode: the closed Li + coating reaction.
- reactivity with the electrolyte: closed pseudo-binary, mutual; Li6PS5Cl lies 83 meV/atom
  above the MP hull and would otherwise add its own decomposition to every candidate alike.
- cheap filters first: database candidates that are metals, outside the energy window, or whose
  window misses the range are not reacted (reported "skipped"); named candidates always are.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from functools import cache

from interphase.errors import InterphaseError
from interphase.materials import Material, Role, get_material
from interphase.materials.electronic import electronic_character
from interphase.thermo.conditions import Conditions
from interphase.thermo.database import Database, get_database
from interphase.thermo.reactant import resolve_reactant
from interphase.thermo.reaction import pseudo_binary
from interphase.thermo.systems import elements_of
from interphase.thermo.window import stability_window

WINDOW_CAP_V = 2.0  # V: an unbounded (or very wide) side of the window counts as this margin
SCHEMA = 2  # bump when a stored task result changes meaning (new run key); 2: mutual,
# energies per atom of the reactants


@dataclass(frozen=True)
class ScreeningSpec:
    """What a screening run compares against; its `run_key` names the results in the store."""

    electrode: str
    electrode_formula: str
    electrode_role: str  # cathode | anode
    potential_range_v: tuple[float, float]
    potential_source: str
    electrolyte: str
    electrolyte_formula: str
    database: str = "mp"
    ehull_max_ev_per_atom: float = 0.025
    full: bool = False  # react every candidate, even those rejected by cheap filters
    bvse: bool = False  # BVSE Li barrier for candidates with a bundled structure (atomistic)

    @property
    def run_key(self) -> str:
        import hashlib
        import json

        d = {
            "schema": SCHEMA,
            "electrode": self.electrode_formula,
            "range": list(self.potential_range_v),
            "electrolyte": self.electrolyte_formula,
            "database": self.database,
            "ehull": round(self.ehull_max_ev_per_atom, 6),
            "full": self.full,
        }
        if self.bvse:  # only when asked, so stores written before the option keep their keys
            d["bvse"] = True
        return hashlib.sha1(json.dumps(d, sort_keys=True).encode()).hexdigest()[:16]

    def to_dict(self) -> dict:
        from dataclasses import asdict

        return asdict(self)


def make_spec(
    electrode: str,
    electrolyte: str,
    role: str | None = None,
    potential_range_v: tuple[float, float] | None = None,
    database: str = "mp",
    ehull_max_ev_per_atom: float = 0.025,
    full: bool = False,
    bvse: bool = False,
) -> ScreeningSpec:
    """Resolve names (UnknownMaterialError on bad ones) and the electrode's potential range."""
    from interphase.errors import InvalidConditionError

    em = get_material(electrode)
    sm = get_material(electrolyte)
    role = role or (em.role.value if em.role.value in ("cathode", "anode") else None)
    if role not in ("cathode", "anode"):
        raise InvalidConditionError(
            f"{electrode!r} is not a catalog electrode: pass --cathode or --anode with a "
            "catalog electrode, or give its potential range"
        )
    rng = potential_range_v or em.potential_range_v
    if rng is None:
        raise InvalidConditionError(f"no operating potential range known for {electrode!r}")
    lo, hi = (float(v) for v in rng)
    if not (math.isfinite(lo) and math.isfinite(hi) and -1.0 <= lo <= hi <= 7.0):
        raise InvalidConditionError(
            f"potential range {lo:g},{hi:g} V: give LOW,HIGH with LOW <= HIGH within -1..7 V vs "
            "Li/Li+"
        )
    db = get_database(database)
    resolve_reactant(em, db)
    resolve_reactant(sm, db)
    return ScreeningSpec(
        electrode=em.name,
        electrode_formula=em.formula,
        electrode_role=role,
        potential_range_v=(float(rng[0]), float(rng[1])),
        potential_source=em.potential_source,
        electrolyte=sm.name,
        electrolyte_formula=sm.formula,
        database=database,
        ehull_max_ev_per_atom=ehull_max_ev_per_atom,
        full=full,
        bvse=bvse,
    )


def _reaction(result) -> dict:
    m = result.mutual.most_exothermic
    return {
        "energy_ev_per_atom": min(float(m.energy_ev_per_atom), 0.0),
        "x": float(m.x),
        "reaction": m.reaction,
        "products": list(m.products),
        "basis": "mutual, eV per atom of the reactants",
    }


def evaluate_candidate(spec: ScreeningSpec, payload: dict) -> dict:
    """All criteria of one candidate as a JSON-ready dict (stored as the task result)."""
    t0 = time.perf_counter()
    db = get_database(spec.database)
    formula = payload["formula"]
    named = payload.get("source", "database") != "database"
    mat = _material(payload)
    out: dict = {
        "formula": formula,
        "name": payload.get("name") or formula,
        "source": payload.get("source", "database"),
        "rejected": [],
        "flags": [],
    }
    # 1. phase stability
    r = resolve_reactant(mat, db)
    ehull = payload.get("energy_above_hull_ev_per_atom")
    if ehull is None:
        ehull = r.energy_above_hull_ev_per_atom
    out["energy_above_hull_ev_per_atom"] = float(ehull)
    out["energy_source"] = r.energy_source
    if r.hull_estimated:
        out["flags"].append("no database entry: hull-estimated energy, stability unknown")
    elif ehull > spec.ehull_max_ev_per_atom + 1e-12:
        out["rejected"].append(
            f"phase stability: {1000 * ehull:.0f} meV/atom above hull "
            f"(limit {1000 * spec.ehull_max_ev_per_atom:.0f})"
        )
    # 4. electronic insulation (cheap)
    ec = electronic_character(formula)
    out["electronic"] = {"kind": ec.kind, "pbe_gap_ev": ec.pbe_gap_ev, "reason": ec.reason}
    if ec.kind == "metal":
        out["rejected"].append(f"electronic: metal ({ec.reason})")
    elif ec.kind == "semiconductor":
        out["flags"].append(f"small band gap: {ec.reason}")
    elif ec.kind == "unknown":
        out["flags"].append("band gap unknown")
    # 2. window
    lo, hi = spec.potential_range_v
    if ec.kind == "metal" and not named and not spec.full:
        out["window"] = None
    else:
        w = stability_window(formula, db, convention="on-hull")
        red, ox = w.reduction_v, w.oxidation_v
        m_ox = WINDOW_CAP_V if ox is None else min(ox - hi, WINDOW_CAP_V)
        m_red = WINDOW_CAP_V if red is None else min(lo - red, WINDOW_CAP_V)
        out["window"] = {
            "reduction_v": red,
            "oxidation_v": ox,
            "oxidation_margin_v": m_ox,
            "reduction_margin_v": m_red,
            "margin_v": min(m_ox, m_red),
            "reduction_products": list(w.reduction_products),
            "oxidation_products": list(w.oxidation_products),
        }
        if m_ox < 0:
            out["rejected"].append(
                f"window: oxidised at {ox:.2f} V, {-m_ox:.2f} V below the top of charge {hi:g} V"
            )
        if m_red < 0:
            out["rejected"].append(
                f"window: reduced at {red:.2f} V, {-m_red:.2f} V above the bottom {lo:g} V"
            )
    # 3. reactions (expensive): skipped for rejected database candidates
    out["reaction_electrode"] = None
    out["reaction_electrolyte"] = None
    if named or spec.full or not out["rejected"]:
        out["reaction_electrode"] = _electrode_reactions(spec, formula, db)
        out["reaction_electrolyte"] = _electrolyte_reaction(spec, formula, db)
    # 5. Li+ transport: a measured conductivity, else a published hop barrier (labelled a
    # barrier: composition-level candidates have no structure to compute one)
    q = mat.li_conductivity_s_cm if mat.from_catalog else None
    out["li_transport"] = (
        {
            "kind": "literature",
            "value_s_cm": q.value,
            "source": q.source,
            "conditions": q.conditions,
        }
        if q is not None
        else _published_barrier(formula)
    )
    if "Li" not in formula_elements(formula):
        out["flags"].append("no Li: Li+ transport only through defects or amorphous films")
    elif spec.bvse:
        out["li_bvse"] = bvse_of_bundled(formula)
    # 6. practicality
    from interphase.coatings.practicality import practicality

    out["practicality"] = practicality(
        formula, mat.deposition if mat.from_catalog else ()
    ).to_dict()
    out["seconds"] = time.perf_counter() - t0
    return out


def formula_elements(formula: str) -> set[str]:
    from interphase.thermo.database import parse_simple

    return set(parse_simple(formula))


@cache
def _catalog_by_formula() -> dict[str, Material]:
    from interphase.materials import all_materials

    out: dict[str, Material] = {}
    for m in all_materials():
        out.setdefault(m.composition.reduced_formula, m)
    return out


def _material(payload: dict) -> Material:
    """The catalog entry of this composition, else a plain formula (no catalog scan: the
    catalog's formula matching costs ~8 ms a call, too much for thousands of candidates)."""
    formula = payload["formula"]
    hit = _catalog_by_formula().get(formula)
    if hit is not None:
        return hit
    if payload.get("name") and payload.get("source", "database") != "database":
        m = get_material(payload["name"])
        if m.composition.reduced_formula == formula:
            return m
    return Material(name=formula, formula=formula, role=Role.OTHER, from_catalog=False)


def _electrode_reactions(spec: ScreeningSpec, formula: str, db: Database) -> dict:
    lo, hi = spec.potential_range_v
    if elements_of(resolve_reactant(spec.electrode_formula, db).composition) == {"Li"}:
        res = _reaction(pseudo_binary(spec.electrode_formula, formula, db, None))
        return {"low": res, "high": res, "energy_ev_per_atom": res["energy_ev_per_atom"]}
    if _same(formula, spec.electrode_formula):
        zero = {"energy_ev_per_atom": 0.0, "x": 1.0, "reaction": "same compound", "products": []}
        return {"low": zero, "high": zero, "energy_ev_per_atom": 0.0}
    ends = {}
    for label, v in (("low", lo), ("high", hi)):
        try:
            res = pseudo_binary(spec.electrode_formula, formula, db, Conditions(potential_v=v))
            ends[label] = _reaction(res)
        except InterphaseError as exc:  # e.g. the candidate is only Li at this potential
            ends[label] = {"energy_ev_per_atom": 0.0, "error": str(exc)}
    ends["energy_ev_per_atom"] = min(
        ends["low"]["energy_ev_per_atom"], ends["high"]["energy_ev_per_atom"]
    )
    return ends


def _same(a: str, b: str) -> bool:
    from pymatgen.core import Composition

    return Composition(a).fractional_composition.almost_equals(
        Composition(b).fractional_composition, atol=1e-6
    )


def _electrolyte_reaction(spec: ScreeningSpec, formula: str, db: Database):
    """Closed pseudo-binary, mutual energy (see the module docstring)."""
    if _same(formula, spec.electrolyte_formula):
        return {"energy_ev_per_atom": 0.0, "x": 1.0, "reaction": "same compound", "products": []}
    return _reaction(pseudo_binary(formula, spec.electrolyte_formula, db, None))


def bvse_of_bundled(formula: str) -> dict:
    """BVSE Li barrier and percolation dimension of the bundled crystal structure of `formula`
    (interphase.atomistic.bvse, bvlain), or why there is none: most screening candidates are
    compositions without a structure, and bvlain comes with the atomistic extra."""
    from interphase.atomistic.bvse import bvse_barriers
    from interphase.atomistic.structures import bundled_cell_flagged, bundled_structure_path
    from interphase.errors import InterphaseError

    path = bundled_structure_path(formula)
    if path is None:
        return {"kind": "no structure", "reason": "no bundled crystal structure"}
    try:
        r = bvse_barriers(path)
    except InterphaseError as exc:  # bvlain missing, oxidation states not assignable
        return {"kind": "unavailable", "reason": str(exc)}
    out = {
        "kind": "bvse",
        "barrier_ev": r.barrier_ev,
        "percolation_dimension": r.percolation_dimension,
        "method": f"{r.method} on the bundled cell {path.name}",
    }
    if bundled_cell_flagged(path):
        out["caution"] = "bundled cell flagged in SOURCES.md: lattice unverified"
    return out


def _published_barrier(formula: str) -> dict:
    """The li_transport entry of a candidate without a measured conductivity: a published
    single-hop barrier where atomistic.barrier_references has one, else unknown."""
    from interphase.atomistic.barrier_references import barrier_for

    found = barrier_for(formula)
    if found is None:
        return {"kind": "unknown", "value_s_cm": None, "source": None, "conditions": ""}
    barrier, label = found
    return {
        "kind": "barrier",
        "value_s_cm": None,
        "barrier_ev": barrier,
        "source": label.rsplit("[", 1)[-1].split("]")[0] if "[" in label else label,
        "conditions": label,
    }
