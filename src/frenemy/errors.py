"""The exception hierarchy: every error a user can meet says what went wrong and where.

Modelled on httpx: one base class, a few specific ones, messages a user can act on. Each
message is a single line; ``str(err)`` is what the CLI prints after ``error:``.
"""

from __future__ import annotations


class FrenemyError(Exception):
    """Base of every error frenemy raises on purpose."""


def one_line(text: str, limit: int = 300) -> str:
    """``text`` made safe to print as (part of) one line of a terminal: line breaks and other
    control characters escaped, bytes of a file name that were not UTF-8 (surrogate escapes)
    shown as ``\\xNN``, and cut to ``limit`` characters. Input is hostile: a file name or a
    CSV row may carry a newline or a terminal escape sequence."""
    out = "".join(ch if ch.isprintable() else _escaped(ch) for ch in text)
    return out if len(out) <= limit else out[: limit - 1] + "…"


def _escaped(ch: str) -> str:
    if "\udc80" <= ch <= "\udcff":  # a byte of a file name that was not UTF-8 (os.fsdecode's surrogateescape)
        return f"\\x{ord(ch) - 0xDC00:02x}"
    return ch.encode("unicode_escape").decode("ascii")


class IngestError(FrenemyError):
    """A file, row or stream could not be read as a document.

    ``location`` names the file (and row, for feeds) so the user knows which input failed; both
    it and ``reason`` are kept to one printable line, whatever the input held.
    """

    def __init__(self, location: str, reason: str) -> None:
        self.location = one_line(location, limit=1000)
        self.reason = one_line(reason)
        super().__init__(f"{self.location}: {self.reason}")


class InternalIngestError(IngestError):
    """Reading or analysing one input failed in a way frenemy does not expect: a bug.

    The input still gets its one ``error:`` line and the others are still stored, but the run
    ends with its own exit code (70) and ``details`` (the traceback) is printed, so a bug is never
    mistaken for "some inputs were bad".
    """

    def __init__(self, location: str, reason: str, details: str = "") -> None:
        super().__init__(location, reason)
        self.details = details


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


class StoreLocked(StoreError):
    """Another process held the store's lock for longer than we were willing to wait.

    ``path`` is the store file and ``holder`` the process that held it (as DuckDB reports it), so
    the user can tell which command to wait for or stop.
    """

    def __init__(self, message: str, path: str = "", holder: str = "") -> None:
        self.path = path
        self.holder = holder
        super().__init__(message)


class StoreDamaged(StoreError):
    """The store file is not a readable DuckDB database (truncated, overwritten, not a store).

    ``path`` names the file; the message says what DuckDB found, in one line.
    """

    def __init__(self, message: str, path: str = "") -> None:
        self.path = path
        super().__init__(message)
