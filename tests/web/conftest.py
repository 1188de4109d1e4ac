"""Fixtures of the web tests: a live server in a thread (port 0, a temporary result store)
and, when Debian's chromium and Playwright are there, a headless browser driving it."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"  # screenshots (git-ignored)


@pytest.fixture(scope="module")
def live_server(tmp_path_factory):
    """(base url, server): the app served on 127.0.0.1 at a free port."""
    pytest.importorskip("dash", reason="the web extra is not installed")
    from interphase.web.server import close_server, make_server

    store = tmp_path_factory.mktemp("store")
    server = make_server("127.0.0.1", 0, store_dir=store)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", server
    server.shutdown()
    close_server(server)


def _browser_missing() -> str | None:
    if not Path(CHROMIUM).exists() and shutil.which("chromium") is None:
        return f"no Chromium at {CHROMIUM} (scripts/install_browser.sh installs Debian's)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed (pip install 'interphase[web]')"
    return None


@pytest.fixture(scope="module")
def browser():
    reason = _browser_missing()
    if reason:
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    exe = CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, args=["--no-sandbox"])
        yield b
        b.close()


@pytest.fixture(scope="module")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
