"""A real `frenemy serve` process on a free loopback port, over a real store built from the seeds."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from tests.conftest import run_cli, shared_path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serving(db: Path, *extra: str):
    """Run the server until the block ends; yields its base URL."""
    port = _free_port()
    script = Path(sys.executable).with_name("frenemy")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "frenemy"]
    process = subprocess.Popen(command + ["serve", "--db", str(db), "--port", str(port), *extra],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, "NO_COLOR": "1"})
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            if process.poll() is not None:
                raise RuntimeError(process.stderr.read().decode())
            try:
                httpx.get(base + "/static/favicon.svg", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="session")
def seeds_store(tmp_path_factory) -> Path:
    """The store the issue names: the two seeds and the 40 dev articles."""
    db = tmp_path_factory.mktemp("web") / "seeds-and-dev.duckdb"
    result = run_cli("ingest", str(shared_path("seeds")), str(shared_path("corpus", "dev")), "--db", str(db))
    assert result.returncode == 0, result.stderr.decode()
    return db


@pytest.fixture(scope="module")
def server(seeds_store, tmp_path_factory):
    """A server over a copy of the seeds store (tests that upload change their copy only)."""
    db = tmp_path_factory.mktemp("served") / "store.duckdb"
    db.write_bytes(seeds_store.read_bytes())
    with serving(db) as base:
        yield base
