"""One exception family. The CLI turns any of these into one line on stderr and exit code 2."""


class InterphaseError(Exception):
    """Root of every error the package raises on purpose (bad input, missing data, ...)."""


class UnknownMaterialError(InterphaseError, LookupError):
    """A name that is neither in the catalog nor a parseable formula."""


class FormulaParseError(InterphaseError, ValueError):
    """A formula that cannot be parsed into a composition."""


class MissingDataError(InterphaseError, LookupError):
    """The chosen database or property table lacks what the calculation needs."""


class InvalidConditionError(InterphaseError, ValueError):
    """A physical condition out of range: negative pressure, potential outside -1..7 V, ..."""


class DatabaseUnavailableError(InterphaseError, RuntimeError):
    """A database that needs a key or a network that is not there."""


class InputFileError(InterphaseError, ValueError):
    """A user file (CIF, entries CSV/JSON, trajectory) that cannot be read."""


class ComputeError(InterphaseError, RuntimeError):
    """The execution layer failed (scheduler unreachable, store unreadable)."""


class UnknownEntryError(InterphaseError, KeyError):
    """A name a result holds no entry for (e.g. a candidate absent from a coating screen)."""

    def __str__(self) -> str:  # the message itself, not KeyError's quoted repr of it
        return Exception.__str__(self)


class CitationConflictError(InterphaseError, ValueError):
    """One citation key defined twice with different content (a defect in the package data)."""
