"""The CLI through its installed entry point, on real files and a real DuckDB file."""

from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from frenemy.cli import app
from frenemy.ingest.records import document_id
from tests.conftest import run_cli


def _commands(typer_app, prefix=()):
    import typer.main

    group = typer.main.get_command(typer_app)
    stack = [(prefix, group)]
    while stack:
        path, command = stack.pop()
        yield path
        for name, sub in getattr(command, "commands", {}).items():
            stack.append((path + (name,), sub))


def test_every_command_has_help():
    commands = list(_commands(app))
    assert ("ingest",) in commands and ("db", "info") in commands
    for path in commands:
        result = run_cli(*path, "--help")
        assert result.returncode == 0, path
        out = result.stdout.decode()
        assert "Usage" in out and len(out.split("\n")) > 3, path
        if path:  # every command documents itself in a sentence
            import typer.main

            command = typer.main.get_command(app)
            for part in path:
                command = command.commands[part]
            assert command.help and len(command.help) > 15, path


def test_python_dash_m_runs():
    result = subprocess.run([sys.executable, "-m", "frenemy", "--version"], capture_output=True)
    assert result.returncode == 0 and result.stdout.decode().startswith("frenemy ")


def _mixed_folder(root: Path) -> Path:
    folder = root / "mixed"
    folder.mkdir()
    (folder / "good.txt").write_text("Title: Good one\nDate: 2004-05-06\n\nThe two sides signed a ceasefire.\n")
    (folder / "latin.txt").write_bytes("Title: Déclaration\n\nLe ministre a déclaré à Genève que la négociation reprendrait.\n".encode("latin-1"))
    (folder / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (folder / "random.txt").write_bytes(bytes((i * 7919 + 13) % 256 for i in range(4096)))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "cut.html").write_text("<html><head><title>Cut page</title></head><body><p>Ministers met in Oslo on Monday and agreed to talk again.</p><p>Then the conn")
    (folder / "feed.jsonl").write_text('{"text": "Feed row about talks.", "title": "Feed good", "date": "2010-01-02"}\n{"title": "no text here"}\nthis is not json\n')
    return folder


def test_mixed_folder_good_files_go_in_bad_ones_get_a_line_each(tmp_path: Path, db: Path):
    folder = _mixed_folder(tmp_path)
    result = run_cli("ingest", str(folder), "--db", str(db))
    assert result.returncode == 1
    errors = [line for line in result.stderr.decode().splitlines() if line.startswith("error:")]
    reasons = {re.search(r"/mixed/([^:]+)", line)[1]: line for line in errors}
    assert set(reasons) == {"picture.png", "random.txt", "empty.txt", "feed.jsonl"}
    assert len([e for e in errors if "feed.jsonl" in e]) == 2
    assert "binary" in reasons["random.txt"] and "empty file" in reasons["empty.txt"]

    listing = json.loads(run_cli("docs", "--db", str(db), "--format", "json").stdout)
    titles = sorted(d["title"] for d in listing)
    assert titles == ["Cut page", "Déclaration", "Feed good", "Good one"]
    info = json.loads(run_cli("db", "info", "--db", str(db), "--format", "json").stdout)
    assert {r["key"]: r["value"] for r in info}["documents"] == 4

    again = run_cli("ingest", str(folder), "--db", str(db))
    assert again.returncode == 1
    assert "0 added, 0 replaced, 4 already stored, 5 failed" in again.stderr.decode()


def test_stdin_and_overrides(db: Path):
    result = run_cli("ingest", "-", "--db", str(db), "--publisher", "Desk", "--date", "2020-02-02", stdin="Ministers met.\n")
    assert result.returncode == 0, result.stderr
    [row] = json.loads(run_cli("docs", "--db", str(db), "--format", "json").stdout)
    assert (row["publisher"], row["published"], row["date_basis"]) == ("Desk", "2020-02-02", "given")


def test_bad_date_option_is_a_usage_error(db: Path, tmp_path: Path):
    (tmp_path / "a.txt").write_text("Text.")
    result = run_cli("ingest", str(tmp_path / "a.txt"), "--db", str(db), "--date", "last week")
    assert result.returncode == 2
    assert result.stderr.decode().strip().startswith("error: --date: not a date")
    assert not db.exists() or not json.loads(run_cli("docs", "--db", str(db), "--format", "json").stdout)


def test_listing_formats(tmp_path: Path, db: Path):
    (tmp_path / "a.txt").write_text("Title: A\nDate: 2001-01-01\n\nBody one.\n")
    run_cli("ingest", str(tmp_path / "a.txt"), "--db", str(db))
    csv_out = run_cli("docs", "--db", str(db), "--format", "csv").stdout.decode().splitlines()
    assert csv_out[0] == "doc_id,title,publisher,author,url,published,date_basis,words,ingested_at"
    jsonl = [json.loads(line) for line in run_cli("docs", "--db", str(db), "--format", "jsonl").stdout.decode().splitlines()]
    assert jsonl[0]["text"] == "Body one." and jsonl[0]["doc_id"] == document_id("Body one.")
    parquet = tmp_path / "docs.parquet"
    assert run_cli("docs", "--db", str(db), "--format", "parquet", "--out", str(parquet)).returncode == 0
    import pyarrow.parquet as pq

    assert pq.read_table(parquet).column("title").to_pylist() == ["A"]
    table = run_cli("docs", "--db", str(db)).stdout.decode()
    assert "Body one" not in table and " A " in table
    missing = run_cli("docs", "--db", str(tmp_path / "none.duckdb"))
    assert missing.returncode == 1 and "no store here yet" in missing.stderr.decode()


def test_force_reprocesses(tmp_path: Path, db: Path):
    f = tmp_path / "a.txt"
    f.write_text("Body.")
    run_cli("ingest", str(f), "--db", str(db))
    result = run_cli("ingest", str(f), "--db", str(db), "--force")
    assert "0 added, 1 replaced" in result.stderr.decode()


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL])
def test_interrupted_run_leaves_a_consistent_store_and_a_rerun_finishes(tmp_path: Path, db: Path, sig):
    folder = tmp_path / "many"
    folder.mkdir()
    count = 4000
    filler = "The ministers met again and agreed to meet next month. " * 30
    for i in range(count):
        (folder / f"{i:05d}.txt").write_text(f"Title: Item {i}\n\nDocument number {i} says so. {filler}\n")
    script = Path(sys.executable).with_name("frenemy")
    proc = subprocess.Popen([str(script), "ingest", str(folder), "--db", str(db), "--no-extract"], stderr=subprocess.PIPE)
    deadline = time.time() + 60
    while not db.exists() and time.time() < deadline:
        time.sleep(0.05)
    time.sleep(1.0)
    proc.send_signal(sig)
    proc.wait(timeout=60)
    stderr = proc.stderr.read().decode()
    if sig == signal.SIGINT and proc.returncode != 0:
        assert proc.returncode == 130 and "run the same command again" in stderr, stderr
    con = duckdb.connect(str(db))
    rows = con.execute("SELECT doc_id, text, title FROM documents").fetchall()
    con.close()
    assert all(doc_id == document_id(text) and title for doc_id, text, title in rows)
    stored = len(rows)
    assert stored < count or proc.returncode == 0
    rerun = run_cli("ingest", str(folder), "--db", str(db), "--no-extract")
    assert rerun.returncode == 0
    assert f"{count - stored} added, 0 replaced, {stored} already stored" in rerun.stderr.decode()
