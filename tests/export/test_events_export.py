"""Exports re-read with pandas match the store: GDELT 2.0 and ICEWS columns and dtypes, the i2
link table, native rows; bad options and unwritable paths fail cleanly."""

import json

import pandas as pd
import pytest

from frenemy.export.events import GDELT_COLUMNS, I2_COLUMNS, ICEWS_COLUMNS, pandas_dtypes
from tests.conftest import run_cli, shared_path


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    db = tmp_path_factory.mktemp("export") / "seeds.duckdb"
    assert run_cli("ingest", str(shared_path("seeds")), "--db", str(db)).returncode == 0
    return db


@pytest.fixture(scope="module")
def events(store):
    """The stored events an export carries: every one whose doer resolved (a candidate with an
    unresolved doer is listed by ``frenemy events`` but exported by no profile)."""
    out = run_cli("events", "--db", str(store), "--format", "jsonl")
    rows = [json.loads(line) for line in out.stdout.decode().splitlines()]
    assert any(r["source_id"] is None for r in rows)  # the store does hold candidates
    return [r for r in rows if r["source_id"] is not None]


def _export(store, tmp_path, profile, fmt):
    path = tmp_path / f"{profile}.{fmt}"
    result = run_cli("export", "--db", str(store), "--profile", profile, "--format", fmt, "--out", str(path))
    assert result.returncode == 0, result.stderr.decode()
    return path


def test_gdelt_parquet_has_gdelts_columns_types_and_counts(store, events, tmp_path):
    frame = pd.read_parquet(_export(store, tmp_path, "gdelt", "parquet"))
    assert list(frame.columns) == GDELT_COLUMNS and len(GDELT_COLUMNS) == 61
    assert str(frame["SQLDATE"].dtype) == "int64" and str(frame["GoldsteinScale"].dtype) == "float64"
    assert all(isinstance(code, str) and len(code) >= 3 for code in frame["EventCode"])
    assert frame["GLOBALEVENTID"].is_unique
    assert frame["NumMentions"].sum() == len(events)  # every report counted once, reports of one event merged
    assert len(frame) == len({(e["source_id"], e["target_id"], e["event_code"], e["event_date"]) for e in events})
    arrests = frame[(frame.Actor1CountryCode == "IRN") & (frame.Actor2KnownGroupCode == "AL-QAEDA")
                    & (frame.EventRootCode == "17")]
    assert len(arrests) and set(arrests.QuadClass) == {4} and (arrests.SQLDATE >= 20010911).all()


def test_gdelt_csv_reads_back_the_same_with_the_documented_dtypes(store, tmp_path):
    parquet = pd.read_parquet(_export(store, tmp_path, "gdelt", "parquet"))
    frame = pd.read_csv(_export(store, tmp_path, "gdelt", "csv"), dtype=pandas_dtypes("gdelt"))
    assert list(frame["EventCode"]) == list(parquet["EventCode"]) and frame["EventCode"].str.startswith("0").any()
    assert list(frame["GLOBALEVENTID"]) == list(parquet["GLOBALEVENTID"])


def test_icews_columns_and_values(store, events, tmp_path):
    frame = pd.read_csv(_export(store, tmp_path, "icews", "tsv"), sep="\t", dtype=pandas_dtypes("icews"))
    assert list(frame.columns) == ICEWS_COLUMNS and len(frame) == len(events)
    row = frame[frame["Event ID"] == events[0]["event_id"]].iloc[0]
    assert row["CAMEO Code"] == events[0]["event_code"] and row["Story ID"] == events[0]["doc_id"]
    assert row["Intensity"] == events[0]["goldstein"] and row["Event Text"]
    assert "Iran" in set(frame["Target Country"].dropna()) | set(frame["Source Country"].dropna())


def test_i2_link_table_and_native_rows(store, events, tmp_path):
    links = pd.read_csv(_export(store, tmp_path, "i2", "csv"), dtype="string")
    assert list(links.columns) == I2_COLUMNS and len(links) == len(events)
    assert {"Iran", "al-Qaeda"} <= set(links["Entity1"]) and links["Link Type"].str.match(r"^\d{3,4} ").all()
    native = [json.loads(line) for line in _export(store, tmp_path, "native", "jsonl").read_text().splitlines()]
    assert [r["event_id"] for r in native] == [e["event_id"] for e in events]
    assert native[0]["attribution_chain"] == events[0]["attribution_chain"]


@pytest.mark.parametrize("args, words", [
    (("--profile", "acled"), b"--profile"),
    (("--format", "xlsx"), b"--format"),
])
def test_bad_options_exit_2(store, tmp_path, args, words):
    result = run_cli("export", "--db", str(store), "--out", str(tmp_path / "x"), *args)
    assert result.returncode == 2 and words in result.stderr and not (tmp_path / "x").exists()


def test_an_unwritable_path_leaves_nothing_behind(store, tmp_path):
    target = tmp_path / "missing" / "events.csv"
    result = run_cli("export", "--db", str(store), "--out", str(target))
    assert result.returncode == 2 and b"--out" in result.stderr
    assert not target.exists() and not list(tmp_path.rglob("*.partial"))
