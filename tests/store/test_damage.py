"""A damaged store file gives one line naming it, never a DuckDB traceback: at open (random bytes,
a file cut in half) and in the middle of a query (a block overwritten after the store was made)."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

import pytest

from frenemy.errors import StoreDamaged, StoreError
from frenemy.store import Store
from tests.conftest import run_cli

WORDS = ("alpha", "beta", "gamma", "delta", "epsilon", "zeta")


def _document(i: int, rng: random.Random) -> dict:
    text = " ".join(f"{rng.choice(WORDS)}{rng.randrange(10**6)}" for _ in range(150))
    return {"doc_id": f"doc_{i:05d}", "title": f"Item {i}", "publisher": None, "publisher_basis": "unknown",
            "author": None, "url": None, "published": date(2001, 1, 1), "date_precision": "day",
            "date_basis": "header", "text": text, "words": 150, "source_path": f"{i}.txt"}


@pytest.fixture(scope="module")
def full_store(tmp_path_factory) -> bytes:
    """The bytes of a real store holding 3,000 documents (a few MB: many data blocks to damage)."""
    path = tmp_path_factory.mktemp("damage") / "full.duckdb"
    rng = random.Random(3)
    with Store(path) as store, store.transaction():
        for i in range(3000):
            store.write_document(_document(i, rng))
    return path.read_bytes()


def _assert_one_line_naming(result, path: Path) -> str:
    stderr = result.stderr.decode()
    assert result.returncode == 1, stderr
    assert "Traceback" not in stderr, stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {path}: "), stderr
    return lines[0]


def test_random_bytes_are_one_line_naming_the_file(tmp_path: Path):
    bad = tmp_path / "random.duckdb"
    bad.write_bytes(random.Random(5).randbytes(200_000))
    with pytest.raises(StoreDamaged, match="damaged or not a frenemy store") as caught:
        Store(bad, read_only=True)
    assert caught.value.path == str(bad) and "\n" not in str(caught.value)
    for command in (["docs"], ["ingest", str(tmp_path / "nothing.txt"), "--no-extract"]):
        (tmp_path / "nothing.txt").write_text("Body.")
        line = _assert_one_line_naming(run_cli(*command, "--db", str(bad)), bad)
        assert "damaged" in line
    assert bad.read_bytes() == random.Random(5).randbytes(200_000)  # and it was left as it was


def test_a_store_cut_in_half_is_one_line_naming_the_file(tmp_path: Path, full_store: bytes):
    half = tmp_path / "half.duckdb"
    half.write_bytes(full_store[: len(full_store) // 2])
    with pytest.raises(StoreDamaged) as caught:
        with Store(half, read_only=True) as store:
            store.documents(("doc_id", "text"))
    assert str(half) in str(caught.value) and "\n" not in str(caught.value)
    good = tmp_path / "good.txt"
    good.write_text("Title: Fine\n\nThe two sides met.\n")
    for command in (["docs"], ["db", "info"], ["ingest", str(good), "--no-extract"]):
        line = _assert_one_line_naming(run_cli(*command, "--db", str(half)), half)
        assert "damaged" in line, line


def test_damage_met_only_by_a_later_query_is_a_store_error(tmp_path: Path, full_store: bytes):
    """The catalogue at the start of the file is intact, so the store opens; the overwritten
    block in the middle holds document text and fails its checksum only when read."""
    middle = len(full_store) // 2
    damaged = bytearray(full_store)
    damaged[middle: middle + 65536] = random.Random(1).randbytes(65536)
    path = tmp_path / "overwritten.duckdb"
    path.write_bytes(bytes(damaged))
    with Store(path, read_only=True) as store:
        assert store.document_stats()["documents"] == 3000  # not every query meets the damage
        with pytest.raises(StoreDamaged, match="the store file is damaged") as caught:
            store.documents(("doc_id", "text"))
    assert str(caught.value).startswith(f"{path}: ") and "\n" not in str(caught.value)


def test_a_bug_of_ours_is_not_disguised_as_damage(tmp_path: Path):
    """Only failures the file causes become store errors: a wrong query keeps its DuckDB error
    (and so its traceback), so a bug is never reported as a damaged store."""
    import duckdb

    with Store(tmp_path / "fine.duckdb") as store:
        with pytest.raises(duckdb.Error) as caught:
            store.con.execute("SELECT no_such_column FROM documents").fetchall()
    assert not isinstance(caught.value, StoreError)
