"""The local web app (`interphase serve`): pages over the same engines and stack layer as the
CLI, served from this machine with no CDN (Dash, plotly). `create_app` builds the app;
`server.make_server` binds it (loopback unless told otherwise)."""

from __future__ import annotations

from interphase.web.app import create_app
from interphase.web.server import check_bind, make_server

__all__ = ["check_bind", "create_app", "make_server"]
