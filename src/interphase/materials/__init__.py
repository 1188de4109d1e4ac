"""Catalog of named materials: composition, role, potentials and parameters with sources."""

from interphase.materials.catalog import all_materials, get_material
from interphase.materials.material import Material, Quantity, Role
from interphase.materials.parse import parse_composition

__all__ = ["Material", "Quantity", "Role", "all_materials", "get_material", "parse_composition"]
