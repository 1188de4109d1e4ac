"""Ranking: hard filters, then Pareto layers, then a weighted score inside each layer.

Objectives (all to be made as large as possible, all ≤ 0 or capped):
- reactivity with the electrode: most exothermic reaction energy (eV/atom) — by default the
  worse of the two ends of the electrode's range (`electrode_end="worst"`; "high" or "low"
  pick one end);
- reactivity with the electrolyte (eV/atom);
- window margin (V), capped at WINDOW_CAP_V (beyond it, a wider window does not help).

Candidates that pass every hard filter are sorted into non-dominated layers (layer 1 = the
Pareto front). Inside a layer, and for `order="score"` overall, the weighted penalty
    score = w_electrode·|E_electrode|/0.1 eV + w_electrolyte·|E_electrolyte|/0.1 eV
            + w_window·(cap − margin)/1 V
orders them (lower is better). Rejected candidates follow, fewest failed criteria first.
"""

from __future__ import annotations

from dataclasses import dataclass

from interphase.coatings.evaluate import WINDOW_CAP_V
from interphase.errors import InvalidConditionError

REACTION_SCALE_EV = 0.1
WINDOW_SCALE_V = 1.0
DEFAULT_WEIGHTS = {"electrode": 1.0, "electrolyte": 1.0, "window": 1.0}


@dataclass(frozen=True)
class Objectives:
    electrode_ev_per_atom: float
    electrolyte_ev_per_atom: float
    window_margin_v: float


MAX_WEIGHT = 1e6  # weights are relative: beyond this, a typo (and the scores overflow)


def parse_weights(text: str | None) -> dict[str, float]:
    """ "electrode=1,electrolyte=2,window=0.5" → weights (missing ones keep the default)."""
    w = dict(DEFAULT_WEIGHTS)
    if not text:
        return w
    for part in text.split(","):
        if "=" not in part:
            raise InvalidConditionError(
                f"cannot read weights {text!r}: use e.g. electrode=1,electrolyte=1,window=0.5"
            )
        k, v = (s.strip() for s in part.split("=", 1))
        if k not in w:
            raise InvalidConditionError(f"unknown weight {k!r}: use {', '.join(w)}")
        try:
            x = float(v)
        except ValueError:
            raise InvalidConditionError(f"weight {k}={v!r} is not a number") from None
        if not 0 <= x <= MAX_WEIGHT:  # NaN fails this too
            raise InvalidConditionError(
                f"weight {k}={v}: give a number from 0 to {MAX_WEIGHT:g} (weights are relative)"
            )
        w[k] = x
    return w


def objectives(entry: dict, electrode_end: str = "worst") -> Objectives | None:
    re_, rs, w = (
        entry.get("reaction_electrode"),
        entry.get("reaction_electrolyte"),
        entry.get("window"),
    )
    if not re_ or not rs or not w:
        return None
    if electrode_end == "worst":
        e = re_["energy_ev_per_atom"]
    elif electrode_end in ("low", "high"):
        e = re_[electrode_end]["energy_ev_per_atom"]
    else:
        raise InvalidConditionError(f"electrode end {electrode_end!r}: use worst, low or high")
    return Objectives(e, rs["energy_ev_per_atom"], min(w["margin_v"], WINDOW_CAP_V))


def score(o: Objectives, weights: dict[str, float]) -> float:
    return (
        weights["electrode"] * -o.electrode_ev_per_atom / REACTION_SCALE_EV
        + weights["electrolyte"] * -o.electrolyte_ev_per_atom / REACTION_SCALE_EV
        + weights["window"] * (WINDOW_CAP_V - o.window_margin_v) / WINDOW_SCALE_V
    )


def _vec(o: Objectives) -> tuple[float, float, float]:
    return (o.electrode_ev_per_atom, o.electrolyte_ev_per_atom, o.window_margin_v)


def _dominates(a: tuple, b: tuple, tol: float = 1e-9) -> bool:
    return all(x >= y - tol for x, y in zip(a, b, strict=True)) and any(
        x > y + tol for x, y in zip(a, b, strict=True)
    )


def pareto_layers(objs: list[Objectives]) -> list[int]:
    """Non-dominated sorting: layer number (1 = front) of each point."""
    vecs = [_vec(o) for o in objs]
    layer = [0] * len(vecs)
    left = set(range(len(vecs)))
    k = 0
    while left:
        k += 1
        front = {i for i in left if not any(_dominates(vecs[j], vecs[i]) for j in left if j != i)}
        for i in front:
            layer[i] = k
        left -= front
    return layer


def rank_entries(
    entries: list[dict],
    weights: dict[str, float] | None = None,
    order: str = "pareto",
    electrode_end: str = "worst",
) -> list[dict]:
    """Entries (task results) sorted best first, each with rank, layer, score added."""
    if order not in ("pareto", "score"):
        raise InvalidConditionError(f"order {order!r}: use pareto or score")
    weights = weights or DEFAULT_WEIGHTS
    passing, rejected = [], []
    for e in entries:
        o = objectives(e, electrode_end)
        (rejected if e.get("rejected") or o is None else passing).append((e, o))
    layers = pareto_layers([o for _, o in passing])
    rows = []
    for (e, o), layer in zip(passing, layers, strict=True):
        s = score(o, weights)
        key = (0, layer if order == "pareto" else 0, s, e["formula"])
        rows.append((key, {**e, "pareto_layer": layer, "score": s}))
    for e, o in rejected:
        s = score(o, weights) if o is not None else None
        key = (1, len(e.get("rejected", ())), s if s is not None else float("inf"), e["formula"])
        rows.append((key, {**e, "pareto_layer": None, "score": s}))
    rows.sort(key=lambda kv: kv[0])
    out = []
    for i, (_, e) in enumerate(rows, 1):
        e["rank"] = i
        e["passes"] = not e.get("rejected") and e["pareto_layer"] is not None
        e["explanation"] = explain(e)
        out.append(e)
    return out


def explain(e: dict) -> str:
    """Why a candidate ranks where it does, in one paragraph."""
    parts = []
    if e.get("rejected"):
        parts.append("rejected — " + "; ".join(e["rejected"]))
    elif e.get("pareto_layer") == 1:
        parts.append("on the Pareto front (no candidate is better on every criterion)")
    elif e.get("pareto_layer"):
        parts.append(f"Pareto layer {e['pareto_layer']} (dominated by a candidate above)")
    w = e.get("window")
    if w:
        ox = "unbounded" if w["oxidation_v"] is None else f"{w['oxidation_v']:.2f} V"
        red = "stable vs Li" if w["reduction_v"] is None else f"{w['reduction_v']:.2f} V"
        parts.append(f"window {red} – {ox} (margin {w['margin_v']:+.2f} V)")
    re_ = e.get("reaction_electrode")
    if re_:
        lo, hi = re_["low"], re_["high"]
        parts.append(
            f"electrode reaction {lo['energy_ev_per_atom'] * 1000:.0f} (low) / "
            f"{hi['energy_ev_per_atom'] * 1000:.0f} (top) meV/atom"
            + (f" → {', '.join(hi['products'])}" if hi.get("products") else "")
        )
    rs = e.get("reaction_electrolyte")
    if rs:
        parts.append(
            f"electrolyte reaction {rs['energy_ev_per_atom'] * 1000:.0f} meV/atom"
            + (f" → {', '.join(rs['products'])}" if rs["energy_ev_per_atom"] < -1e-6 else "")
        )
    tr = e.get("li_transport") or {}
    if tr.get("kind") == "literature":
        parts.append(f"Li+ {tr['value_s_cm']:.1g} S/cm ({tr['source']})")
    elif tr.get("kind") == "barrier":
        parts.append(f"Li hop barrier {tr['barrier_ev']:.2f} eV ({tr['conditions']})")
    else:
        parts.append("Li+ transport unknown")
    bv = e.get("li_bvse") or {}
    if bv.get("kind") == "bvse":
        if bv["barrier_ev"] is None or not bv["percolation_dimension"]:
            parts.append("BVSE: no percolating Li path")
        else:
            parts.append(
                f"BVSE Li barrier {bv['barrier_ev']:.2f} eV ({bv['percolation_dimension']}D"
                + (f"; {bv['caution']})" if bv.get("caution") else ")")
            )
    flags = list(e.get("flags", ())) + list((e.get("practicality") or {}).get("flags", ()))
    if flags:
        parts.append("flags: " + "; ".join(flags))
    return ". ".join(parts)
