"""interphase: solid-solid interfaces of all-solid-state lithium batteries.

Layers (arrows point down only): faces (cli, report) → stack → engines (thermo, contact, ...)
→ materials, compute, citations. See DESIGN.md in the project's shared folder.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("interphase")
except PackageNotFoundError:  # running from a source tree without install
    __version__ = "0.0.0"

__all__ = ["__version__"]
