"""Opening the store's DuckDB file: waiting for another process's lock, and damage in one line.

DuckDB lets one process write a file, or any number of processes read it, never both at once, and
refuses a second opener at once. frenemy's commands are short (a listing, a served page, an
ingest), so a command waits for the lock instead of failing: with backoff, for at most
``FRENEMY_LOCK_TIMEOUT`` seconds (default 30; 0 fails at once) or the ``lock_timeout`` the caller
gives, saying on stderr whom it waits for. When time runs out, ``StoreLocked`` names the file and
the process that holds it.

A truncated or overwritten file fails inside DuckDB, at open or only when a damaged block is read
much later; either way the caller gets ``StoreDamaged``, one line naming the file, never a DuckDB
traceback.
"""

from __future__ import annotations

import math
import os
import re
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb

from frenemy.errors import StoreDamaged, StoreError, StoreLocked, UsageError

LOCK_TIMEOUT_ENV = "FRENEMY_LOCK_TIMEOUT"
DEFAULT_LOCK_TIMEOUT = 30.0
_FIRST_WAIT, _LONGEST_WAIT = 0.05, 1.0  # seconds between attempts: doubling from the first to the longest

#: What DuckDB says when the file itself is bad (truncated, overwritten, not a database), as
#: opposed to a query of ours being wrong.
_DAMAGE_MARKERS = ("corrupt", "checksum", "could not read enough bytes", "not a valid duckdb database",
                   "invalidated", "failed to read", "serializ")


def lock_timeout_seconds(seconds: float | None = None) -> float:
    """How long to wait for another process's lock: ``seconds`` if given, else
    ``$FRENEMY_LOCK_TIMEOUT``, else 30."""
    if seconds is None:
        raw = os.environ.get(LOCK_TIMEOUT_ENV, "").strip()
        if not raw:
            return DEFAULT_LOCK_TIMEOUT
        try:
            seconds = float(raw)
        except ValueError:
            raise UsageError(f"{LOCK_TIMEOUT_ENV}: expected a number of seconds, got {raw!r}") from None
        where = LOCK_TIMEOUT_ENV
    else:
        where = "lock_timeout"
    if not math.isfinite(seconds) or seconds < 0:
        raise UsageError(f"{where}: expected a number of seconds of 0 or more, got {seconds!r}")
    return seconds


def say_on_stderr(message: str) -> None:
    """The default way of telling the user we wait: one line on stderr (stdout may be data)."""
    print(message, file=sys.stderr, flush=True)


def connect(path: Path, read_only: bool, timeout: float,
            on_wait: Callable[[str], None] = say_on_stderr) -> GuardedConnection:
    """Open ``path``, waiting up to ``timeout`` seconds while another process holds its lock
    (``on_wait`` is told once, when the waiting starts)."""
    deadline = time.monotonic() + timeout
    pause, told = _FIRST_WAIT, False
    while True:
        try:
            return GuardedConnection(duckdb.connect(str(path), read_only=read_only), path)
        except duckdb.Error as exc:
            if not is_lock_conflict(exc):
                raise translate(exc, path, opening=True) from None
            holder = lock_holder(str(exc))
            left = deadline - time.monotonic()
            if left <= 0:
                raise StoreLocked(
                    f"{path}: the store is locked by {holder}; gave up after {timeout:g} s (let it finish, or set "
                    f"{LOCK_TIMEOUT_ENV} to wait longer)", str(path), holder) from None
            if not told:
                on_wait(f"waiting for the store lock on {path}, held by {holder} (up to {timeout:g} s)")
                told = True
            time.sleep(min(pause, left))
            pause = min(pause * 2, _LONGEST_WAIT)
        except OSError as exc:
            raise StoreError(f"{path}: cannot open the store ({first_line(exc)})") from None


def is_lock_conflict(exc: BaseException) -> bool:
    """DuckDB refused the file because another process has it open (for writing, or we write)."""
    text = str(exc)
    return isinstance(exc, duckdb.IOException) and ("Could not set lock" in text or "Conflicting lock" in text)


def lock_holder(message: str) -> str:
    """Who holds the lock, from DuckDB's message ("Conflicting lock is held in /usr/bin/python3
    (PID 1234)"): "process 1234 (frenemy ingest)" where its command can be read, else the program
    DuckDB names."""
    found = re.search(r"held in (.*?) \(PID (\d+)\)", message)
    if not found:
        return "another process"
    program, pid = found.groups()
    return f"process {pid} ({_command(int(pid)) or Path(program).name})"


def _command(pid: int) -> str:
    """A process's program and subcommand ("frenemy serve"), without the Python interpreter that
    runs the script, or "" where /proc cannot tell. Never its other arguments: this line reaches
    stderr and, from the server, HTTP clients, and arguments may hold a token."""
    try:
        words = [w for w in Path(f"/proc/{pid}/cmdline").read_bytes().decode("utf-8", "replace").split("\0") if w]
    except OSError:
        return ""
    if len(words) > 1 and Path(words[0]).name.startswith("python") and not words[1].startswith("-"):
        words = words[1:]  # the script it runs names the command ("frenemy"), not "python3.11"
    if not words:
        return ""
    shown = [Path(words[0]).name[:40]]
    if len(words) > 1 and re.fullmatch(r"[a-z][a-z-]{0,30}", words[1]):
        shown.append(words[1])
    return "".join(ch if ch.isprintable() else "?" for ch in " ".join(shown))


def translate(exc: BaseException, path: Path, opening: bool = False) -> BaseException:
    """The error to raise for a DuckDB failure: ``StoreDamaged`` or a ``StoreError`` naming the
    file when the file is at fault, else ``exc`` itself (a bug of ours keeps its traceback)."""
    text = first_line(exc)
    if any(marker in text.lower() for marker in _DAMAGE_MARKERS):
        what = "cannot open the store: the file is damaged or not a frenemy store" if opening else \
            "the store file is damaged"
        return StoreDamaged(f"{path}: {what} ({text}); restore it from a copy, or ingest again into a new --db",
                            str(path))
    if opening:
        return StoreError(f"{path}: cannot open the store ({text})")
    if isinstance(exc, (duckdb.IOException, duckdb.FatalException)):
        return StoreError(f"{path}: cannot read or write the store file ({text})")
    return exc


def first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


class GuardedConnection:
    """A DuckDB connection whose failures caused by the file (a damaged block met in the middle of
    a query, a full disk) surface as one-line store errors naming it."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: Path) -> None:
        self.raw = con
        self.path = path

    def execute(self, sql: str, parameters: Any = None) -> GuardedResult:
        with self.guard():
            self.raw.execute(sql, parameters) if parameters is not None else self.raw.execute(sql)
        return GuardedResult(self)

    def register(self, name: str, data: Any) -> None:
        self.raw.register(name, data)

    def unregister(self, name: str) -> None:
        """Drop a registered table; quietly when a failed query aborted the transaction (DuckDB
        refuses then, and that refusal must not hide the failure that is on its way out; the
        next ``register`` of the name replaces it anyway)."""
        try:
            self.raw.unregister(name)
        except duckdb.TransactionException:
            pass

    def close(self) -> None:
        self.raw.close()

    @contextmanager
    def guard(self) -> Iterator[None]:
        """DuckDB errors the file caused become store errors; any other keeps its traceback."""
        try:
            yield
        except duckdb.Error as exc:
            found = translate(exc, self.path)
            if found is exc:
                raise
            raise found from None


class GuardedResult:
    """The result of ``GuardedConnection.execute``: its rows, read under the same guard (DuckDB
    may meet a damaged block only while fetching)."""

    def __init__(self, con: GuardedConnection) -> None:
        self._con = con

    @property
    def description(self) -> Any:
        return self._con.raw.description

    def fetchone(self) -> tuple | None:
        with self._con.guard():
            return self._con.raw.fetchone()

    def fetchall(self) -> list[tuple]:
        with self._con.guard():
            return self._con.raw.fetchall()
