"""A real `frenemy serve` process on a free loopback port, over a real store: the seeds (when
../shared is there) or a few short reports written here."""

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


#: Four short reports, enough for every listing to have rows, a dyad with evidence, and a network.
REPORTS = {
    "iran-hosts.txt": "Title: Iran hosts al-Qaeda leaders\nDate: 2015-03-02\nPublisher: Test Wire\n\n"
                      "Iran allowed senior al-Qaeda leaders to live in Tehran in 2015, a US official said. "
                      "The official said Iran had released five al-Qaeda members in exchange for an Iranian diplomat.\n",
    "iran-arrests.txt": "Title: Iran arrests militants\nDate: 2019-05-01\nPublisher: Daily Test\n\n"
                        "Iran arrested five al-Qaeda members in Mashhad on May 1, 2019, the Iranian intelligence "
                        "ministry said. Iran accused al-Qaeda of plotting attacks on Iranian cities.\n",
    "sanctions.md": "Title: Sanctions on Tehran\nDate: 2018-11-05\nPublisher: Test Wire\n\n"
                    "The United States imposed new sanctions on Iran on Monday. Iran condemned the United States "
                    "and said it would not negotiate under pressure.\n",
    "hezbollah.txt": "Title: Hezbollah and Israel\nDate: 2006-07-14\nPublisher: Daily Test\n\n"
                     "Israel attacked Hezbollah positions in southern Lebanon. Iran praised Hezbollah and "
                     "promised to support the group.\n",
}

#: One more report, for uploads.
NOTE = ("note.txt", b"Title: A note\nDate: 2021-02-03\n\nIran accused al-Qaeda of an attack in Zahedan on "
                    b"February 3, 2021.\n")


@pytest.fixture(scope="session")
def small_store(tmp_path_factory) -> Path:
    """A store of the four reports above, ingested by the real command (model and all)."""
    folder = tmp_path_factory.mktemp("reports")
    for name, text in REPORTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    db = tmp_path_factory.mktemp("small") / "small.duckdb"
    result = run_cli("ingest", str(folder), "--db", str(db))
    assert result.returncode == 0, result.stderr.decode()
    return db


def copy_of(store: Path, folder: Path) -> Path:
    """A copy of ``store`` that a test may change."""
    db = folder / "store.duckdb"
    db.write_bytes(store.read_bytes())
    return db
