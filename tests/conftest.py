"""Shared test setup: non-interactive plotting backend, no progress bars."""

import os

os.environ.setdefault("MPLBACKEND", "Agg")
os.environ.setdefault("INTERPHASE_QUIET", "1")
