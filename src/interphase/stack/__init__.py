"""Whole-cell analysis: composes the engines for every interface of a stack (DESIGN.md §2)."""

from interphase.stack.analyze import StackAnalysis, analyze
from interphase.stack.spec import StackSpec, make_stack, read_stack

__all__ = ["StackAnalysis", "StackSpec", "analyze", "make_stack", "read_stack"]
