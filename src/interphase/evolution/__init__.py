"""Structural evolution over time: interphase growth (this release: Li-metal interphases by
Wagner's parabolic law with sourced or estimated conductivities)."""

from interphase.evolution.growth import GrowthResult, li_interphase_growth

__all__ = ["GrowthResult", "li_interphase_growth"]
