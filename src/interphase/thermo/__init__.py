"""Chemical contact: entry sources, hulls, pseudo-binary reactions, windows, verdicts."""

from interphase.thermo.database import Database, get_database
from interphase.thermo.hull import HullPoint, LinearHull

__all__ = ["Database", "HullPoint", "LinearHull", "get_database"]
