"""Answers a server shares: one computation per question and store content, served as bytes,
kept across writes that change nothing, and several worker processes (`serve --workers`)."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from frenemy import api
from frenemy.web.cache import SharedAnswers
from tests.conftest import run_cli
from tests.web.conftest import NOTE, REPORTS, copy_of, serving


def test_concurrent_askers_of_one_key_share_one_computation_and_its_answer():
    answers = SharedAnswers(8)
    started = threading.Barrier(10)

    def slow() -> object:
        time.sleep(0.3)
        return object()

    def ask() -> object:
        started.wait()
        return answers.get(("dyad", "iran", "al-qaeda"), slow)

    with ThreadPoolExecutor(10) as pool:
        got = list(pool.map(lambda _: ask(), range(10)))
    assert answers.computed == 1
    assert all(g is got[0] for g in got)


def test_a_failed_computation_reaches_every_waiter_and_is_not_remembered():
    answers = SharedAnswers(8)

    def broken() -> object:
        raise ValueError("store went away")

    with pytest.raises(ValueError, match="went away"):
        answers.get("k", broken)
    assert answers.get("k", lambda: 42) == 42
    assert answers.get("k", lambda: 43) == 42  # remembered now
    assert answers.computed == 1


def test_the_least_recently_used_answer_goes_first_when_full():
    answers = SharedAnswers(2)
    answers.get("a", lambda: 1)
    answers.get("b", lambda: 2)
    answers.get("a", lambda: 0)  # "a" used again
    answers.get("c", lambda: 3)  # "b" goes
    assert (answers.get("a", lambda: 10), answers.get("c", lambda: 30)) == (1, 3)
    assert answers.get("b", lambda: 20) == 20


def test_the_store_version_changes_with_content_not_with_a_write_that_adds_nothing(small_store, tmp_path):
    db = copy_of(small_store, tmp_path)
    folder = tmp_path / "reports"
    folder.mkdir()
    name, text = next(iter(REPORTS.items()))
    (folder / name).write_text(text, encoding="utf-8")
    before, stat = api.store_version(db), db.stat().st_mtime_ns
    result = run_cli("ingest", str(folder), "--db", str(db))
    assert result.returncode == 0 and b"0 added" in result.stdout + result.stderr
    assert api.store_version(db) == before
    (folder / NOTE[0]).write_bytes(NOTE[1])
    assert run_cli("ingest", str(folder), "--db", str(db)).returncode == 0
    assert db.stat().st_mtime_ns != stat
    assert api.store_version(db) != before


def test_two_worker_processes_answer_the_same_bytes_as_the_cli(small_store, tmp_path):
    db = copy_of(small_store, tmp_path)
    cli = run_cli("dyad", "Iran", "al-Qaeda", "--db", str(db), "--format", "json")
    assert cli.returncode == 0, cli.stderr.decode()
    with serving(db, "--workers", "2") as base:
        with ThreadPoolExecutor(6) as pool:
            replies = list(pool.map(lambda _: httpx.get(base + "/api/dyad", params={"a": "Iran", "b": "al-Qaeda"},
                                                        timeout=120), range(6)))
    assert {r.status_code for r in replies} == {200}
    assert len({r.content for r in replies}) == 1
    assert replies[0].json() == httpx.Response(200, content=cli.stdout).json()
