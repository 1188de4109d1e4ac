"""Binding and serving: loopback unless the caller says otherwise, a threaded WSGI server
(each request its own thread, so one user's computation does not hold up another's page),
and one log line per server error."""

from __future__ import annotations

import ipaddress
import logging
import socket
from pathlib import Path
from typing import Any

from interphase.errors import InvalidConditionError

log = logging.getLogger("interphase.web")

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8050


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and names that resolve only to them ("localhost")."""
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, None)
    except (OSError, UnicodeError):
        return False
    addrs = {info[4][0] for info in infos}
    return bool(addrs) and all(ipaddress.ip_address(a.split("%")[0]).is_loopback for a in addrs)


def check_bind(host: str, port: int, allow_remote: bool) -> None:
    """Refuse, in one line, an address a browser on another machine could reach unless
    `allow_remote`, and ports outside 0..65535 (0: any free port)."""
    if not isinstance(host, str) or not host.strip() or len(host) > 253:
        raise InvalidConditionError("--host: give an address such as 127.0.0.1")
    if not 0 <= port <= 65535:
        raise InvalidConditionError(f"--port {port}: give 0 (any free port) to 65535")
    if not is_loopback(host) and not allow_remote:
        raise InvalidConditionError(
            f"--host {host} is not a loopback address: the app has no authentication, so "
            "binding where other machines can reach it needs --allow-remote"
        )


def make_server(
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    allow_remote: bool = False,
    store_dir: str | Path | None = None,
    with_app: bool = True,
) -> Any:
    """A bound, not yet serving, threaded server of the app (`.serve_forever()`,
    `.shutdown()`, `.server_port`); `with_app=False` binds only (no app, no workers), to
    check an address."""
    from werkzeug.serving import make_server as werkzeug_server

    from interphase.web.app import create_app

    check_bind(host, port, allow_remote)
    try:
        server = werkzeug_server(host, port, None, threaded=True)
    except OSError as exc:
        raise InvalidConditionError(
            f"cannot listen on {host}:{port}: {exc.strerror or exc}; give another --port"
        ) from None
    except (socket.gaierror, UnicodeError):
        raise InvalidConditionError(f"cannot listen on {host!r}: unknown address") from None
    if with_app:  # bound first: a refused port starts no workers
        server.app = create_app(store_dir).server
    return server


def close_server(server: Any) -> None:
    """Stop listening and stop the app's worker processes."""
    from interphase.web.app import close_app

    server.server_close()
    if server.app is not None:
        close_app(server.app.config["interphase_dash"])


def configure_logging(level: int = logging.INFO) -> None:
    """Server errors (with tracebacks) and requests on stderr."""
    logging.basicConfig(level=level, format="%(asctime)s %(name)s %(levelname)s %(message)s")
