"""The exception hierarchy: every error a user can meet says what went wrong and where.

Modelled on httpx: one base class, a few specific ones, messages a user can act on. Each
message is a single line; ``str(err)`` is what the CLI prints after ``error:``.
"""

from __future__ import annotations


class FrenemyError(Exception):
    """Base of every error frenemy raises on purpose."""


class IngestError(FrenemyError):
    """A file, row or stream could not be read as a document.

    ``location`` names the file (and row, for feeds) so the user knows which input failed.
    """

    def __init__(self, location: str, reason: str) -> None:
        self.location = location
        self.reason = reason
        super().__init__(f"{location}: {reason}")


class StoreError(FrenemyError):
    """The DuckDB store cannot be opened, migrated or written."""


class ModelNotFound(FrenemyError):
    """No trained spaCy pipeline is installed under the requested or default names."""


class UnknownActor(FrenemyError):
    """A name given by the user does not resolve to any actor in the catalogue.

    ``name`` is the name as given and ``suggestions`` the close names the message ends with
    ("unknown actor 'Irann'; did you mean Iran, Iraq?"), for a caller that shows them otherwise.
    """

    def __init__(self, message: str, name: str | None = None, suggestions: tuple[str, ...] = ()) -> None:
        self.name = name
        self.suggestions = tuple(suggestions)
        super().__init__(message)


class UsageError(FrenemyError):
    """An option or argument value is invalid (bad date, unknown format, ...)."""


class UnknownDocument(FrenemyError):
    """No document in the store has the requested id."""
