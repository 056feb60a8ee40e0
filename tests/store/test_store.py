from datetime import date
from pathlib import Path

import duckdb
import pytest

from frenemy.errors import StoreError
from frenemy.schemas import DOCUMENT_COLUMNS
from frenemy.store import Store
from frenemy.store.migrations import SCHEMA_VERSION


def _row(doc_id="doc_1", text="Body."):
    return {"doc_id": doc_id, "title": "T", "publisher": None, "publisher_basis": "unknown", "author": None, "url": None,
            "published": date(2001, 1, 1), "date_precision": "day", "date_basis": "header", "text": text, "words": 1,
            "source_path": "x"}


def test_new_store_is_at_current_schema_with_all_columns(db: Path):
    with Store(db) as store:
        assert store.schema_version() == SCHEMA_VERSION
        columns = [r[0] for r in store.con.execute("DESCRIBE documents").fetchall()]
    assert tuple(columns) == DOCUMENT_COLUMNS


def test_failed_transaction_leaves_nothing(db: Path):
    with Store(db) as store:
        with pytest.raises(RuntimeError):
            with store.transaction():
                store.write_document(_row())
                raise RuntimeError("boom")
        assert not store.has_document("doc_1")
        with store.transaction():
            store.write_document(_row())
        assert store.has_document("doc_1")


def test_read_only_refuses_missing_and_older_stores(tmp_path: Path):
    with pytest.raises(StoreError, match="no store here yet"):
        Store(tmp_path / "missing.duckdb", read_only=True)
    old = tmp_path / "old.duckdb"
    duckdb.connect(str(old)).close()
    with pytest.raises(StoreError, match="schema is 0"):
        Store(old, read_only=True)
    with Store(old) as store:  # a writing open migrates forward
        assert store.schema_version() == SCHEMA_VERSION


def test_newer_store_is_refused(db: Path):
    with Store(db) as store:
        store.con.execute("UPDATE frenemy_meta SET value = '999' WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match="newer than this frenemy"):
        Store(db)


def test_unopenable_file_is_a_store_error(tmp_path: Path):
    bad = tmp_path / "bad.duckdb"
    bad.write_bytes(b"not a database at all" * 100)
    with pytest.raises(StoreError, match="cannot open the store"):
        Store(bad)
