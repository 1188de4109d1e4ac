"""Build the JSON body a Dash page posts to /_dash-update-component for one callback, from
the app's own callback map (so the tests follow the pages, not a copy of their ids)."""

from __future__ import annotations

from typing import Any


def callback_key(app: Any, first_output: str) -> str:
    """The callback whose outputs start with `first_output` ("pair-curve.figure")."""
    for key in app.callback_map:
        if key.lstrip(".").startswith(first_output):
            return key
    raise KeyError(first_output)


def body(app: Any, first_output: str, values: dict[str, Any], changed: str | None = None):
    """values: {"pair-a.value": "Li", ...}; missing inputs and states are sent as None."""
    key = callback_key(app, first_output)
    cb = app.callback_map[key]
    outputs = [o.split("@")[0] for o in key.strip(".").split("...")]

    def props(items):
        return [
            {
                "id": i["id"],
                "property": i["property"],
                "value": values.get(f"{i['id']}.{i['property']}"),
            }
            for i in items
        ]

    inputs = props(cb["inputs"])
    return {
        "output": key,
        "outputs": [{"id": o.rsplit(".", 1)[0], "property": o.rsplit(".", 1)[1]} for o in outputs],
        "inputs": inputs,
        "changedPropIds": [changed or f"{inputs[0]['id']}.{inputs[0]['property']}"],
        "state": props(cb.get("state", [])),
    }


def pair_values(
    a: Any, b: Any, potential: Any = "", atmosphere: Any = "", temperature: Any = "298.15"
):
    return {
        "pair-run.n_clicks": 1,
        "pair-a.value": a,
        "pair-b.value": b,
        "pair-potential.value": potential,
        "pair-atmosphere.value": atmosphere,
        "pair-temperature.value": temperature,
    }


def verdict_kind(response: dict) -> str | None:
    """The verdict heading's text ("verdict: passivating" -> "passivating") in a response."""

    def walk(node):
        if isinstance(node, dict):
            props = node.get("props", {})
            if props.get("id") == "pair-verdict-kind":
                return props.get("children")
            for v in (*props.values(), *node.values()):
                found = walk(v)
                if found:
                    return found
        elif isinstance(node, list):
            for v in node:
                found = walk(v)
                if found:
                    return found
        return None

    text = walk(response.get("response", {}).get("pair-verdict", {}))
    return text.split(": ", 1)[1] if text else None
