"""Pair-page update latency of `interphase serve` on the embedded data.

Target: a pair page updates within 1 s of a control change. Starts the app on a free port
and prints, for a few pairs, the time from a potential change to the answer:
- "http": the callback request a browser posts, timed on the client (server work, JSON and
  the round trip; no rendering), each potential seen for the first time (no cache hit);
- "browser": headless Debian chromium through Playwright, from pressing Enter in the
  potential box to the new energies on the page (rendering included), when both exist.
The ratio is the median over the 1 s target. Run: python benchmarks/bench_web.py
"""

from __future__ import annotations

import json
import statistics
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

PAIRS = [("LCO", "LLZO"), ("NCM811", "Li6PS5Cl"), ("LNMO", "LLZO")]
POTENTIALS = ("3.1", "3.3", "3.6", "3.9", "4.15")
TARGET_S = 1.0


def _body(app, a: str, b: str, potential: str) -> bytes:
    key = next(k for k in app.callback_map if k.lstrip(".").startswith("pair-curve.figure"))
    cb = app.callback_map[key]
    values = {
        "pair-run.n_clicks": 1,
        "pair-a.value": a,
        "pair-b.value": b,
        "pair-potential.value": potential,
        "pair-atmosphere.value": "",
        "pair-temperature.value": "298.15",
    }

    def props(items):
        return [
            {
                "id": i["id"],
                "property": i["property"],
                "value": values.get(f"{i['id']}.{i['property']}"),
            }
            for i in items
        ]

    outs = [o.split("@")[0] for o in key.strip(".").split("...")]
    return json.dumps(
        {
            "output": key,
            "outputs": [{"id": o.rsplit(".", 1)[0], "property": o.rsplit(".", 1)[1]} for o in outs],
            "inputs": props(cb["inputs"]),
            "changedPropIds": ["pair-potential.value"],
            "state": props(cb["state"]),
        }
    ).encode()


def _http(base: str, app) -> list[float]:
    times = []
    for a, b in PAIRS:
        _post(base, _body(app, a, b, "3.0"))  # warm this pair's hull in a worker
        for v in POTENTIALS:
            t0 = time.perf_counter()
            _post(base, _body(app, a, b, v))
            times.append(time.perf_counter() - t0)
    return times


def _post(base: str, data: bytes) -> None:
    req = urllib.request.Request(
        base + "/_dash-update-component", data=data, headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(req, timeout=60) as r:
        r.read()


def _browser(base: str) -> list[float] | None:
    if not Path("/usr/bin/chromium").exists():
        return None
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    times = []
    with sync_playwright() as p:
        br = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        page = br.new_page()
        for a, b in PAIRS:
            page.goto(f"{base}/pair?a={a}&b={b}&potential=3.05")
            page.wait_for_selector("#pair-verdict-kind", timeout=60000)
            for v in POTENTIALS:
                v = f"{float(v) + 0.02:g}"  # not seen by the http pass: no cache hit
                old = page.inner_text("#pair-energies")
                page.fill("#pair-potential", v)
                t0 = time.perf_counter()
                page.press("#pair-potential", "Enter")
                page.wait_for_function(
                    "o => document.querySelector('#pair-energies').innerText !== o", arg=old
                )
                times.append(time.perf_counter() - t0)
        br.close()
    return times


def _line(name: str, times: list[float]) -> str:
    med = statistics.median(times)
    return (
        f"{name:8s} n={len(times):2d}  median {med * 1000:6.0f} ms  max {max(times) * 1000:6.0f} ms"
        f"  median/target {med / TARGET_S:.2f}"
    )


def main() -> None:
    import logging

    from interphase.web.server import close_server, make_server

    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # no line per request

    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        server = make_server("127.0.0.1", 0, store_dir=tmp)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_port}"
        app = server.app.config["interphase_dash"]
        _post(base, _body(app, "Li", "LLZO", ""))  # the workers are warm after this
        print(f"start-up to first answer: {time.perf_counter() - t0:.1f} s")
        print(_line("http", _http(base, app)))
        b = _browser(base)
        print(_line("browser", b) if b else "browser  skipped (no /usr/bin/chromium or playwright)")
        server.shutdown()
        close_server(server)


if __name__ == "__main__":
    main()
