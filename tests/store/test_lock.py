"""Another process holding the store: readers and writers wait for it (bounded, and say so on
stderr), then go on; when the wait runs out, one line names the file and the holder.

The holder is a real process with the DuckDB file open; it lets go only when the test tells it
to, after the waiter has said it waits, so no test depends on how fast anything runs.
"""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import httpx
import pytest

from frenemy.errors import StoreLocked, UsageError
from frenemy.store import Store
from tests.conftest import run_cli

HOLDER = """
import sys, duckdb
con = duckdb.connect(sys.argv[1], read_only=sys.argv[2] == "read")
print("holding", flush=True)
sys.stdin.readline()  # until the test lets go
con.close()
"""
WAIT = 120  # seconds: a bound no test should reach; each releases the holder as soon as the waiter waits


class Holder:
    """A process holding the store's lock (``mode`` "write" or "read") until ``release()``."""

    def __init__(self, db: Path, mode: str) -> None:
        self.process = subprocess.Popen([sys.executable, "-c", HOLDER, str(db), mode], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, text=True)
        assert self.process.stdout.readline().strip() == "holding"
        self.pid = self.process.pid

    def release(self) -> None:
        if self.process.poll() is None:
            self.process.stdin.write("\n")
            self.process.stdin.flush()
            self.process.wait(timeout=WAIT)


@contextmanager
def holding(db: Path, mode: str = "write") -> Iterator[Holder]:
    holder = Holder(db, mode)
    try:
        yield holder
    finally:
        holder.release()
        if holder.process.poll() is None:
            holder.process.kill()


def _store(db: Path) -> Path:
    """A real store with one document."""
    with Store(db) as store, store.transaction():
        store.write_document({"doc_id": "doc_1", "title": "T", "publisher": None, "publisher_basis": "unknown",
                              "author": None, "url": None, "published": date(2001, 1, 1), "date_precision": "day",
                              "date_basis": "header", "text": "Body.", "words": 1, "source_path": "x"})
    return db


def _lines(stream) -> queue.Queue:
    """The lines of a child's stream as they come (read in a thread, so the test never blocks on it)."""
    lines: queue.Queue = queue.Queue()

    def pump() -> None:
        for line in iter(stream.readline, b""):
            lines.put(line.decode())
        lines.put(None)

    threading.Thread(target=pump, daemon=True).start()
    return lines


def _until(lines: queue.Queue, text: str) -> str:
    """Read lines until one contains ``text``; fail if the stream ends first."""
    seen = []
    while True:
        line = lines.get(timeout=WAIT)
        assert line is not None, f"ended without {text!r}: {''.join(seen)}"
        seen.append(line)
        if text in line:
            return line


@pytest.mark.parametrize("mode", ["write", "read"])
def test_a_writer_waits_for_the_holder_then_goes_on(db: Path, mode: str):
    _store(db)
    said: list[str] = []
    with holding(db, mode) as holder:
        def let_go(message: str) -> None:
            said.append(message)
            holder.release()

        with Store(db, lock_timeout=WAIT, on_wait=let_go) as store:
            with store.transaction():
                store.con.execute("UPDATE documents SET title = 'after the wait'")
            assert store.documents(("title",)) == [{"title": "after the wait"}]
    assert len(said) == 1
    assert said[0].startswith(f"waiting for the store lock on {db}, held by process {holder.pid} (")
    assert said[0].endswith(f"(up to {WAIT} s)")


def test_a_reader_waits_for_a_writer(db: Path):
    _store(db)
    with holding(db, "write") as holder:
        said: list[str] = []
        with Store(db, read_only=True, lock_timeout=WAIT, on_wait=lambda m: (said.append(m), holder.release())) as store:
            assert store.document_stats()["documents"] == 1
    assert said and f"process {holder.pid}" in said[0]


def test_out_of_time_is_one_line_naming_the_file_and_the_holder(db: Path):
    _store(db)
    with holding(db, "write") as holder:
        for read_only in (False, True):
            said: list[str] = []
            with pytest.raises(StoreLocked) as caught:
                Store(db, read_only=read_only, lock_timeout=0.3, on_wait=said.append)
            message = str(caught.value)
            assert "\n" not in message
            assert message.startswith(f"{db}: the store is locked by process {holder.pid} (")
            assert "gave up after 0.3 s" in message and "FRENEMY_LOCK_TIMEOUT" in message
            assert caught.value.path == str(db) and said  # it said it would wait, then stopped
        with pytest.raises(StoreLocked):  # 0: do not wait at all
            Store(db, lock_timeout=0, on_wait=pytest.fail)


def test_the_timeout_comes_from_the_environment(db: Path, monkeypatch):
    _store(db)
    monkeypatch.setenv("FRENEMY_LOCK_TIMEOUT", "0.2")
    with holding(db, "write"):
        with pytest.raises(StoreLocked, match="gave up after 0.2 s"):
            Store(db, read_only=True, on_wait=lambda message: None)
    for bad in ("soon", "-1", "nan"):
        monkeypatch.setenv("FRENEMY_LOCK_TIMEOUT", bad)
        with pytest.raises(UsageError, match="FRENEMY_LOCK_TIMEOUT"):
            Store(db)


@pytest.mark.parametrize("mode", ["write", "read"])
def test_ingest_waits_for_the_lock_and_says_so(tmp_path: Path, db: Path, mode: str):
    _store(db)
    text = tmp_path / "new.txt"
    text.write_text("Title: New\n\nThe two sides met again.\n")
    script = Path(sys.executable).with_name("frenemy")
    with holding(db, mode) as holder:
        ingest = subprocess.Popen([str(script), "ingest", str(text), "--db", str(db), "--no-extract"],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  env={**os.environ, "NO_COLOR": "1", "FRENEMY_LOCK_TIMEOUT": str(WAIT)})
        try:
            line = _until(_lines(ingest.stderr), "waiting for the store lock")
            assert f"on {db}, held by process {holder.pid} (" in line
            holder.release()
            assert ingest.wait(timeout=WAIT) == 0
        finally:
            if ingest.poll() is None:
                ingest.kill()
    with Store(db, read_only=True) as store:
        assert store.document_stats()["documents"] == 2


def test_cli_out_of_time_is_one_error_line(db: Path):
    _store(db)
    with holding(db, "write") as holder:
        result = run_cli("db", "info", "--db", str(db), env={"FRENEMY_LOCK_TIMEOUT": "0.5"})
    stderr = result.stderr.decode()
    assert result.returncode == 1 and "Traceback" not in stderr, stderr
    errors = [line for line in stderr.splitlines() if line.startswith("error:")]
    assert errors == [line for line in stderr.splitlines() if "locked" in line]
    assert len(errors) == 1 and errors[0].startswith(f"error: {db}: the store is locked by process {holder.pid} (")


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def _serve(db: Path, timeout: float) -> Iterator[tuple[str, queue.Queue]]:
    """A real ``frenemy serve`` over ``db``; yields its URL and its stderr lines."""
    port = _free_port()
    script = Path(sys.executable).with_name("frenemy")
    server = subprocess.Popen([str(script), "serve", "--db", str(db), "--port", str(port)], stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE,
                              env={**os.environ, "NO_COLOR": "1", "FRENEMY_LOCK_TIMEOUT": str(timeout)})
    try:
        lines = _lines(server.stderr)
        _until(lines, "frenemy workbench on")
        base = f"http://127.0.0.1:{port}"
        for _ in range(600):  # the line comes just before uvicorn listens
            try:
                httpx.get(base + "/static/favicon.svg", timeout=1)
                break
            except httpx.TransportError:
                threading.Event().wait(0.1)
        yield base, lines
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


def test_serve_waits_while_another_process_writes(db: Path):
    _store(db)
    with _serve(db, WAIT) as (base, lines), holding(db, "write") as holder:
        answers: queue.Queue = queue.Queue()
        threading.Thread(target=lambda: answers.put(httpx.get(base + "/api/info", timeout=WAIT)), daemon=True).start()
        line = _until(lines, "waiting for the store lock")
        assert f"held by process {holder.pid} (" in line
        holder.release()
        answer = answers.get(timeout=WAIT)
    assert answer.status_code == 200 and answer.json()["documents"] == 1


def test_serve_out_of_time_answers_503_naming_the_file(db: Path):
    _store(db)
    with _serve(db, 0.3) as (base, _), holding(db, "write") as holder:
        answer = httpx.get(base + "/api/info", timeout=WAIT)
    assert answer.status_code == 503
    assert answer.json()["error"].startswith(f"{db}: the store is locked by process {holder.pid} (")
