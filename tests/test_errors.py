"""One exception family: every error the package raises on purpose is an InterphaseError.

Two checks over the whole package: every module imports, and none defines an exception class
outside the family (interphase.errors); and no `raise` of a builtin exception class is left in
src/interphase outside cli/ (the CLI turns errors into exit codes itself). A private raise that
never leaves the package may stay if it is marked ``# internal: caught in <function>``, naming
the function it is raised and caught in.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import re
import textwrap
from pathlib import Path

import pytest

import interphase
from interphase.errors import InterphaseError

PACKAGE_DIR = Path(interphase.__path__[0])
BUILTIN_ERRORS = frozenset(
    {"ValueError", "KeyError", "TypeError", "RuntimeError", "LookupError", "IndexError"}
)
INTERNAL = re.compile(r"#\s*internal: caught in (\w+)")


def _module_names() -> list[str]:
    return sorted(m.name for m in pkgutil.walk_packages(interphase.__path__, "interphase."))


def _import_or_skip_optional(name: str):
    """The module, or None where it needs an optional dependency that is not installed."""
    try:
        return importlib.import_module(name)
    except ImportError as exc:
        if (exc.name or "").split(".")[0] == "interphase":  # broken inside the package
            raise
        return None


def test_every_module_imports_and_defines_only_family_exceptions():
    names = _module_names()
    assert "interphase.errors" in names and len(names) > 20
    outside = []
    for name in names:
        mod = _import_or_skip_optional(name)
        if mod is None:
            continue
        for attr, obj in vars(mod).items():
            if (
                inspect.isclass(obj)
                and issubclass(obj, BaseException)
                and not issubclass(obj, Warning)
                and obj.__module__ == name
                and not issubclass(obj, InterphaseError)
            ):
                outside.append(f"{name}.{attr}")
    assert not outside, f"exception classes outside the InterphaseError family: {outside}"


def builtin_raises(source: str, where: str = "<string>") -> list[str]:
    """`raise` statements of a builtin exception class in `source`, as "where:line: name",
    except those marked ``# internal: caught in f`` that lie inside a function `f`."""
    tree = ast.parse(source)
    lines = source.splitlines()
    functions: dict[str, list[tuple[int, int]]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            functions.setdefault(node.name, []).append((node.lineno, node.end_lineno or 0))
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Raise) or node.exc is None:
            continue
        exc = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
        if isinstance(exc, ast.Name):
            name = exc.id
        elif (
            isinstance(exc, ast.Attribute)
            and isinstance(exc.value, ast.Name)
            and exc.value.id == "builtins"
        ):
            name = exc.attr
        else:
            continue
        if name not in BUILTIN_ERRORS:
            continue
        text = "\n".join(lines[node.lineno - 1 : node.end_lineno or node.lineno])
        mark = INTERNAL.search(text)
        if mark and any(lo <= node.lineno <= hi for lo, hi in functions.get(mark.group(1), [])):
            continue
        found.append((node.lineno, f"{where}:{node.lineno}: raise {name}"))
    return [text for _, text in sorted(found)]


def test_the_scanner_flags_bare_raises_and_honours_the_marker():
    src = textwrap.dedent(
        """
        def f(x):
            if x:
                raise ValueError("x")
            raise KeyError

        def g():
            try:
                raise TypeError("t")  # internal: caught in g
            except TypeError:
                return None

        def h():
            raise IndexError(1)  # internal: caught in g

        def k():
            raise InvalidConditionError("fine") from None
        """
    )
    assert builtin_raises(src) == [
        "<string>:4: raise ValueError",
        "<string>:5: raise KeyError",
        "<string>:14: raise IndexError",  # the marker names a function it is not inside
    ]


def test_no_builtin_exception_is_raised_outside_the_cli():
    files = sorted(
        p for p in PACKAGE_DIR.rglob("*.py") if p.relative_to(PACKAGE_DIR).parts[0] != "cli"
    )
    assert PACKAGE_DIR / "errors.py" in files
    found = []
    for path in files:
        rel = path.relative_to(PACKAGE_DIR.parent).as_posix()
        found += builtin_raises(path.read_text(encoding="utf-8"), rel)
    assert not found, (
        "raise the fitting interphase.errors subclass instead (or mark a private raise that is "
        "caught inside the package `# internal: caught in <function>`):\n" + "\n".join(found)
    )


@pytest.mark.parametrize(
    ("name", "builtin"),
    [
        ("UnknownEntryError", KeyError),
        ("CitationConflictError", ValueError),
        ("MissingDataError", LookupError),
        ("InputFileError", ValueError),
    ],
)
def test_family_members_keep_their_builtin_bases(name, builtin):
    import interphase.errors as errors

    cls = getattr(errors, name)
    assert issubclass(cls, InterphaseError) and issubclass(cls, builtin)
