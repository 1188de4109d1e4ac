"""Structural evolution over time and cycles: interphase growth (Wagner's law with sourced,
given or estimated conductivities), the space-charge layer, and a stack's interfacial
resistance and capacity over charge-discharge cycles."""

from interphase.evolution.cycling import StackEvolution, build_model, evolve_stack
from interphase.evolution.growth import GrowthResult, li_interphase_growth

__all__ = ["GrowthResult", "StackEvolution", "build_model", "evolve_stack", "li_interphase_growth"]
