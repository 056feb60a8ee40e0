"""The store's content version: a fingerprint of what answers are computed from.

A server remembers answers per store version. The file's size and time are not a version: a run
that adds nothing (every document already stored) still writes the file, and would empty every
cache. The fingerprint is the XOR of the hashes of every row of the tables an answer reads,
with their counts; it changes exactly when a row is added, removed or changed. It costs one scan
(about 10 ms for a thousand events), so callers recompute it only when the file's (size, time)
changes (``VersionWatch``).
"""

from __future__ import annotations

import threading
from pathlib import Path

import duckdb

from frenemy.store.connection import GuardedConnection

#: Tables an assessment, a listing or a network reads.
CONTENT_TABLES = ("documents", "events", "claims", "actors")


def content_version(con: GuardedConnection | duckdb.DuckDBPyConnection) -> str:
    """A fingerprint of every row of ``CONTENT_TABLES`` (hex)."""
    parts = ", ".join(f"(SELECT count(*) || ':' || coalesce(bit_xor(hash(t)), 0) FROM {name} t)" for name in CONTENT_TABLES)
    row = con.execute(f"SELECT {parts}").fetchone()
    assert row is not None, "a SELECT of scalar subqueries without FROM always gives one row"
    return "-".join(str(v) for v in row)


class VersionWatch:
    """The content version of one store file, recomputed (by ``compute``) only when the file's
    size or modification time has changed since the last look."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._stat: tuple[int, int] | None = None
        self._version: str | None = None
        self._lock = threading.Lock()

    def current(self, compute) -> str:
        """The version now; ``compute()`` gives the fingerprint when the file changed."""
        stat = self.path.stat()
        now = (stat.st_mtime_ns, stat.st_size)
        with self._lock:
            if now == self._stat and self._version is not None:
                return self._version
        version = compute()
        with self._lock:
            self._stat, self._version = now, version
        return version


__all__ = ["CONTENT_TABLES", "VersionWatch", "content_version"]
