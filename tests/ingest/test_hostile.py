"""Hostile input (issue 15, items 1 and 5): whatever one file or row holds, it gets one error
naming it and the reason, every other input is still read, nothing vanishes without a word, and
only a bug prints a traceback (exit code 70).

Every hostile file is written here, in ``tmp_path``; nothing needs ../shared.
"""

from __future__ import annotations

import json
import math
import os
import random
import socket
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from spacy.language import Language

from frenemy.errors import IngestError, InternalIngestError
from frenemy.ingest import Document, iter_inputs
from tests.conftest import run_cli

GOOD = "Title: Good\nDate: 2004-05-06\n\nIran and Syria signed a defence pact in Damascus on Monday.\n"
POSIX = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs, sockets and /dev/zero are POSIX")


def _read(*paths: Path, **kw) -> tuple[list[Document], list[IngestError]]:
    items = list(iter_inputs([str(p) for p in paths], **kw))
    return [i for i in items if isinstance(i, Document)], [i for i in items if isinstance(i, IngestError)]


def _parquet(path: Path, columns: dict, **kw) -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.table(columns), path, **kw)
    return path.read_bytes()


def _damaged_parquet(path: Path) -> None:
    """A real Parquet file with bytes of its uncompressed text pages overwritten: the footer
    reads, but some cells are no longer UTF-8."""
    data = bytearray(_parquet(path, {"text": [f"Row {i} about talks in Geneva. " * 20 for i in range(40)]},
                              row_group_size=10, compression="none", use_dictionary=False))
    start = data.index(b"Row 25 about")
    data[start:start + 4] = b"\xff\xfe\xff\xfe"
    path.write_bytes(bytes(data))


def _deep_json(path: Path) -> None:
    path.write_text("[" * 100_000 + "]" * 100_000)


#: name -> (how to write it, words the one error must contain)
HOSTILE: dict[str, tuple[Callable[[Path], object], str]] = {
    "huge.txt": (lambda p: p.write_text("Title: Huge\n\n" + "word " * 210_000), "over the 1,000,000-character limit (--max-chars)"),
    "bigint.json": (lambda p: p.write_text('{"text": "a text", "n": ' + "9" * 5000 + "}"), "5,000 digits"),
    "bigint.jsonl": (lambda p: p.write_text('{"text": "a text", "n": ' + "9" * 5000 + "}\n"), "5,000 digits"),
    "deep.json": (_deep_json, "nested too deeply"),
    "deep.jsonl": (_deep_json, "nested too deeply"),
    "odd-utf16.txt": (lambda p: p.write_bytes(b"\xff\xfe" + "Hello there".encode("utf-16-le") + b"A"),
                      "UTF-16 byte-order mark but is not UTF-16"),
    "corrupt.parquet": (lambda p: p.write_bytes(b"PAR1" + random.Random(1).randbytes(3000) + b"PAR1"),
                        "not a readable Parquet file"),
    "headerless.csv": (lambda p: p.write_text("Iran and Syria signed a pact,2004-01-01\nIraq protested,2004-01-02\n"),
                       "no header row naming a 'text'"),
    "header-only.csv": (lambda p: p.write_text("text,title\n"), "header row but no rows"),
    "unbalanced.csv": (lambda p: p.write_text('text,title\n"Unbalanced quote,t1\nsecond row,t2\nthird row,t3\n'),
                       "quote opened on line 2 is never closed"),
    "ragged.csv": (lambda p: p.write_text("text,title\nfirst row,t1,extra\nsecond row,t2\n"),
                   "the row on line 2 has 3 fields where the header has 2"),
    "blank-lines.jsonl": (lambda p: p.write_text("\n \n\n"), "empty file"),
    "blank-many.jsonl": (lambda p: p.write_text(" \n" * 10_000), "holds no records"),
    "empty-list.json": (lambda p: p.write_text("[]"), "empty list: no records"),
    "no-rows.parquet": (lambda p: _parquet(p, {"text": __import__("pyarrow").array([], "string")}), "has no rows"),
    "numbers.parquet": (lambda p: _parquet(p, {"text": [1, 2, 3]}), "text column is not strings ('text' holds int64)"),
    "empty-folder": (lambda p: p.mkdir(), "folder holds no files"),
    "dangling.txt": (lambda p: p.symlink_to(p.with_name("nowhere.txt")), "dangling symbolic link"),
    "loop.txt": (lambda p: p.symlink_to(p), "symbolic link loop"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_hostile_file_is_one_error_naming_it_and_the_good_file_beside_it_is_read(tmp_path: Path, name: str):
    write, reason = HOSTILE[name]
    (tmp_path / "good.txt").write_text(GOOD)
    write(tmp_path / name)
    docs, errors = _read(tmp_path)
    assert [d.title for d in docs] == ["Good"]
    assert len(errors) == 1, [str(e) for e in errors]
    [error] = errors
    assert error.location in (str(tmp_path / name), f"{tmp_path / name}:1") and reason in error.reason, str(error)
    assert not isinstance(error, InternalIngestError) and "\n" not in str(error)


@POSIX
@pytest.mark.parametrize("kind", ["fifo", "socket", "link to /dev/zero", "link to a FIFO"])
def test_special_files_are_refused_from_their_status_without_being_opened(tmp_path: Path, kind: str):
    """A FIFO named .txt or .jsonl would block a reader for ever; /dev/zero would fill memory.
    The CLI runs with a timeout, so a blocking read fails this test instead of hanging it."""
    (tmp_path / "good.txt").write_text(GOOD)
    target = tmp_path / "special.jsonl"
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "socket":
        server = socket.socket(socket.AF_UNIX)
        server.bind(str(target))
    elif kind == "link to /dev/zero":
        target.symlink_to("/dev/zero")
    else:
        os.mkfifo(tmp_path / ".hidden-fifo")
        target.symlink_to(tmp_path / ".hidden-fifo")
    db = tmp_path / "out" / "store.duckdb"
    result = run_cli("ingest", str(tmp_path), "--db", str(db), "--no-extract", timeout=120)
    errors = [line for line in result.stderr.decode().splitlines() if line.startswith("error:")]
    assert result.returncode == 1
    assert len(errors) == 1 and errors[0].startswith(f"error: {target}: is a ") and "not a regular file" in errors[0]
    assert "1 added" in result.stderr.decode()


def test_text_fields_must_be_strings_each_bad_row_is_its_own_error(tmp_path: Path):
    feed = tmp_path / "types.jsonl"
    rows = [{"text": math.nan}, {"text": True}, {"text": 42}, {"text": {"a": 1}}, {"text": ["x"]},
            {"text": "A good row.", "title": 1984}, {"text": "\ud800 lone surrogate"}, {"text": "Another good row."},
            {"text": "Missing metadata is no error.", "title": math.nan, "author": None},
            {"text": "PLOVER's source is an actor list, not a publisher.", "source": [{"code": "ISR"}], "outlet": "Wire"}]
    feed.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    docs, errors = _read(feed)
    assert [d.text for d in docs] == ["Another good row.", "Missing metadata is no error.",
                                      "PLOVER's source is an actor list, not a publisher."]
    assert docs[1].title == "Missing metadata is no error." and docs[2].publisher == "Wire"
    reasons = {e.location.rsplit(":", 1)[1]: e.reason for e in errors}
    assert reasons == {
        "1": "'text' is NaN (a missing value), not a string",
        "2": "'text' is a boolean (true), not a string",
        "3": "'text' is a number (42), not a string",
        "4": "'text' is an object, not a string",
        "5": "'text' is a list, not a string",
        "6": "'title' is a number (1984), not a string",
        "7": "'text' is not valid Unicode (an unpaired surrogate '\\ud800' at character 1)",
    }


def test_a_damaged_parquet_file_loses_only_its_damaged_rows(tmp_path: Path):
    f = tmp_path / "damaged.parquet"
    _damaged_parquet(f)
    docs, errors = _read(f)
    assert len(docs) == 39
    [error] = errors
    assert error.location == f"{f}:26" and "not valid UTF-8" in error.reason


def test_manifest_rows_that_name_no_file_are_errors_and_the_described_file_keeps_its_metadata(tmp_path: Path):
    (tmp_path / "article.txt").write_text("Egypt and Israel met in Cairo to discuss the border crossing.\n")
    (tmp_path / "metadata.jsonl").write_text("\n".join(json.dumps(r) for r in [
        {"file": "article.txt", "title": "From the manifest"},
        {"file": "art\u0000icle.txt", "title": "NUL"},
        {"file": "missing.txt", "title": "Gone"},
    ]) + "\n")
    docs, errors = _read(tmp_path)
    assert [d.title for d in docs] == ["From the manifest"]
    assert [(e.location.rsplit(":", 1)[1], e.reason) for e in errors] == [
        ("2", "'file' contains a NUL byte, so it names no file"),
        ("3", "'file' names 'missing.txt', which does not exist beside the manifest"),
    ]


def test_a_manifest_naming_no_existing_file_is_one_error(tmp_path: Path):
    """Annotation files (events.jsonl with a ``file`` per row) describe another folder's files."""
    manifest = tmp_path / "events.jsonl"
    manifest.write_text("".join(json.dumps({"file": f"elsewhere-{i}.txt", "event": "AGREE"}) + "\n" for i in range(300)))
    docs, [error] = _read(manifest)
    assert not docs and error.location == str(manifest)
    assert error.reason == "manifest names no existing file: none of its 300 rows names a file beside it (first: " \
                           "'elsewhere-0.txt')"


def test_a_manifest_given_without_its_files_says_so(tmp_path: Path):
    (tmp_path / "a.txt").write_text("Some text.")
    manifest = tmp_path / "index.jsonl"
    manifest.write_text('{"file": "a.txt", "title": "A"}\n')
    docs, [error] = _read(manifest)
    assert not docs and error.location == str(manifest) and "describes none of the files being read" in error.reason


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS file systems refuse names that are not UTF-8")
def test_a_file_name_that_is_not_utf8_is_read_and_shown_with_its_bytes_escaped(tmp_path: Path):
    with open(os.path.join(os.fsencode(tmp_path), b"caf\xe9.txt"), "wb") as handle:
        handle.write(b"Title: Cafe\n\nFrance and Germany agreed on a joint brigade in Paris.\n")
    with open(os.path.join(os.fsencode(tmp_path), b"bad\xff.png"), "wb") as handle:
        handle.write(b"\x89PNG\r\n\x1a\n")
    docs, [error] = _read(tmp_path)
    assert [d.source_path for d in docs] == [f"{tmp_path}/caf\\xe9.txt"]
    assert error.location == f"{tmp_path}/bad\\xff.png"


def test_a_file_name_with_a_line_break_cannot_forge_an_error_line(tmp_path: Path):
    (tmp_path / "x\nerror: forged.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    _, [error] = _read(tmp_path)
    assert "\n" not in str(error) and error.location.endswith("x\\nerror: forged.png")


def test_a_looping_folder_link_is_read_once_and_said(tmp_path: Path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(GOOD)
    (tmp_path / "sub" / "up").symlink_to(tmp_path)
    docs, [error] = _read(tmp_path)
    assert len(docs) == 1 and error.location == str(tmp_path / "sub" / "up") and "a loop" in error.reason


def test_max_chars_is_a_limit_the_caller_sets(tmp_path: Path):
    (tmp_path / "a.txt").write_text("A short text of forty-two characters, yes.")
    assert len(_read(tmp_path, max_chars=42)[0]) == 1
    _, [error] = _read(tmp_path, max_chars=41)
    assert "42 characters, over the 41-character limit" in error.reason


# -- the command line ----------------------------------------------------------------------------


def _hostile_batch(root: Path) -> tuple[Path, set[str], int]:
    """Every hostile input above, and some good files, in one folder: (folder, the names that must
    get an error line, the number of good documents)."""
    folder = root / "batch"
    folder.mkdir()
    for name, (write, _) in HOSTILE.items():
        write(folder / name)
    bad = set(HOSTILE)
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "fifo.txt")
        (folder / "zero.txt").symlink_to("/dev/zero")
        bad |= {"fifo.txt", "zero.txt"}
    (folder / "types.jsonl").write_text("\n".join(json.dumps({"text": v}) for v in (math.nan, True, 42, {"a": 1}))
                                        + '\n{"text": "Turkey and Greece held talks in Athens."}\n')
    _damaged_parquet(folder / "damaged.parquet")
    (folder / "metadata.jsonl").write_text(json.dumps({"file": "art\u0000icle.txt", "title": "NUL"}) + "\n"
                                           + json.dumps({"file": "good0.txt", "title": "From the manifest"}) + "\n")
    bad |= {"types.jsonl", "damaged.parquet", "metadata.jsonl"}
    for i, line in enumerate(["Hezbollah fighters attacked an Israeli patrol near the border.",
                              "The United States sent aid to Pakistan after the floods.",
                              "Russia condemned NATO for its expansion."]):
        (folder / f"good{i}.txt").write_text(f"Date: 2006-07-1{i}\n\n{line}\n")
    (folder / "feed.csv").write_text('text,title\n"Egypt and Israel met in Cairo.",CSV row\n')
    if sys.platform != "darwin":
        with open(os.path.join(os.fsencode(folder), b"caf\xe9.txt"), "wb") as handle:
            handle.write(b"France and Germany agreed on a joint brigade in Paris.\n")
    good = 3 + 1 + 1 + (sys.platform != "darwin") + 39  # txt, csv, types.jsonl row 5, café, parquet rows
    return folder, bad, good


def test_a_hostile_batch_stores_every_good_document_and_says_why_for_every_bad_input(tmp_path: Path):
    """Issue 15's bar: exit 1, one error line per bad input (a feed's bad rows each have theirs),
    every good file stored, no traceback, and the store readable afterwards. The store lives in
    the folder being read: its own files are not inputs."""
    folder, bad, good = _hostile_batch(tmp_path)
    db = folder / "store.duckdb"
    result = run_cli("ingest", str(folder), "--db", str(db), timeout=900)
    stderr = result.stderr.decode()
    assert result.returncode == 1, stderr
    assert "Traceback" not in stderr
    errors = [line for line in stderr.splitlines() if line.startswith("error:")]
    named = [line.removeprefix(f"error: {folder}/").split(":")[0] for line in errors]
    assert set(named) == bad, stderr
    per_row = {"types.jsonl": 4, "metadata.jsonl": 1, "damaged.parquet": 1}
    assert all(named.count(n) == per_row.get(n, 1) for n in bad), stderr
    assert f"{good} added, 0 replaced, 0 already stored, {len(errors)} failed" in stderr
    info = json.loads(run_cli("db", "info", "--db", str(db), "--format", "json").stdout)
    facts = {r["key"]: r["value"] for r in info}
    assert facts["documents"] == facts["documents_extracted"] == good
    titles = {d["title"] for d in json.loads(run_cli("docs", "--db", str(db), "--format", "json").stdout)}
    assert "From the manifest" in titles and "CSV row" in titles


def test_the_store_in_the_folder_being_ingested_is_not_read(tmp_path: Path):
    (tmp_path / "a.txt").write_text(GOOD)
    db = tmp_path / "x.duckdb"
    first = run_cli("ingest", str(tmp_path), "--db", str(db), "--no-extract")
    (tmp_path / "b.txt").write_text("Title: Second\n\nIraq and Kuwait reopened their border.\n")
    second = run_cli("ingest", str(tmp_path), "--db", str(db), "--no-extract")
    assert (first.returncode, second.returncode) == (0, 0), second.stderr
    assert "1 added, 0 replaced, 1 already stored, 0 failed" in second.stderr.decode()


def test_max_chars_option_refuses_a_long_document_and_a_limit_over_the_models(tmp_path: Path):
    (tmp_path / "long.txt").write_text("Title: Long\n\n" + "Iran and Iraq talked. " * 10)
    (tmp_path / "short.txt").write_text("Title: Short\n\nIran and Iraq talked.\n")
    db = tmp_path / "store.duckdb"
    result = run_cli("ingest", str(tmp_path), "--db", str(db), "--max-chars", "100")
    lines = result.stderr.decode().splitlines()
    assert result.returncode == 1
    assert [line for line in lines if line.startswith("error:")] == [
        f"error: {tmp_path}/long.txt: text is 220 characters, over the 100-character limit (--max-chars); split it "
        "into smaller documents"]
    over = run_cli("ingest", str(tmp_path), "--db", str(db), "--max-chars", "2000000")
    assert over.returncode == 2 and "over the model's limit of 1,000,000 characters" in over.stderr.decode()


def test_extract_refuses_a_stored_text_over_max_chars_and_extracts_the_others(tmp_path: Path):
    (tmp_path / "long.txt").write_text("Title: Long\n\n" + "Iran and Iraq talked. " * 10)
    (tmp_path / "short.txt").write_text("Title: Short\n\nIran and Iraq talked.\n")
    db = tmp_path / "store.duckdb"
    assert run_cli("ingest", str(tmp_path), "--db", str(db), "--no-extract").returncode == 0
    result = run_cli("extract", "--db", str(db), "--max-chars", "100")
    errors = [line for line in result.stderr.decode().splitlines() if line.startswith("error:")]
    assert result.returncode == 1 and len(errors) == 1
    assert errors[0].startswith("error: doc_") and "220 characters, over the 100-character limit" in errors[0]
    facts = {r["key"]: r["value"] for r in json.loads(run_cli("db", "info", "--db", str(db), "--format", "json").stdout)}
    assert facts["documents_extracted"] == 1


@pytest.mark.parametrize("damage", ["random bytes", "cut in half"])
def test_a_damaged_store_is_one_error_line_naming_it(tmp_path: Path, damage: str):
    (tmp_path / "a.txt").write_text(GOOD)
    db = tmp_path / "store.duckdb"
    if damage == "random bytes":
        db.write_bytes(random.Random(2).randbytes(100_000))
    else:
        assert run_cli("ingest", str(tmp_path / "a.txt"), "--db", str(db), "--no-extract").returncode == 0
        data = db.read_bytes()
        db.write_bytes(data[: len(data) // 2])
    for command in (("ingest", str(tmp_path / "a.txt"), "--no-extract"), ("db", "info")):
        result = run_cli(*command, "--db", str(db))
        lines = result.stderr.decode().strip().splitlines()
        assert result.returncode == 1 and "Traceback" not in result.stderr.decode(), result.stderr
        assert len(lines) == 1 and lines[0].startswith(f"error: {db}: "), lines


# -- a document that breaks the analysis: a bug, isolated ----------------------------------------
#
# No real text is known to break the pipeline (that would be a bug to fix), so the failure comes
# from a real spaCy component added to a copy of the installed model: one that raises on a marker
# word, as a broken component or library would. Our own code runs unchanged.

MARKER = "PIPELINE-BREAKER"


@Language.factory("frenemy_test_breaker", default_config={"fail_to_build": False})
def _breaker(nlp: Language, name: str, fail_to_build: bool) -> Callable:
    if fail_to_build:
        raise RuntimeError("this component cannot be built")

    def breaker(doc):
        if MARKER in doc.text:
            raise RuntimeError(f"a component broke on {MARKER}")
        return doc

    return breaker


@pytest.fixture(scope="module")
def breaking_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from frenemy.nlp.model import load_model

    nlp = load_model()
    nlp.add_pipe("frenemy_test_breaker")
    path = tmp_path_factory.mktemp("model") / "breaking"
    nlp.to_disk(path)
    return path


def _folder_with_a_breaker(root: Path, count: int = 20, broken: int = 3) -> Path:
    folder = root / "docs"
    folder.mkdir()
    for i in range(count):
        word = f" {MARKER}" if i == broken else ""
        (folder / f"{i:02d}.txt").write_text(f"Title: Item {i}\n\nIran and Iraq held talks in Baghdad, round {i}.{word}\n")
    return folder


@pytest.mark.parametrize("workers", [1, 2])
def test_a_document_that_breaks_the_analysis_fails_alone_as_an_internal_error(tmp_path: Path, breaking_model: Path,
                                                                               workers: int):
    from frenemy import api

    folder = _folder_with_a_breaker(tmp_path)
    db = tmp_path / "store.duckdb"
    report = api.ingest([str(folder)], db, extraction=api.Extraction(model=str(breaking_model), workers=workers))
    assert (report.added, len(report.failed)) == (19, 1)
    [failure] = report.internal
    assert failure.location == str(folder / "03.txt") and "RuntimeError: a component broke" in failure.reason
    assert "Traceback" in failure.details and "breaker" in failure.details
    facts = api.db_info(db)
    assert facts["documents"] == facts["documents_extracted"] == 19
    again = api.ingest([str(folder)], db, extraction=api.Extraction(model=str(breaking_model)))
    assert (again.added, again.unchanged, len(again.internal)) == (0, 19, 1)  # the rerun tries it again


def test_the_cli_exits_70_with_the_traceback_when_a_document_breaks_the_analysis(tmp_path: Path, breaking_model: Path):
    from typer.testing import CliRunner

    from frenemy.cli import app

    folder = _folder_with_a_breaker(tmp_path, count=3, broken=1)
    result = CliRunner().invoke(app, ["ingest", str(folder), "--db", str(tmp_path / "s.duckdb"), "--model",
                                      str(breaking_model)])
    assert result.exit_code == 70, result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors == [f"error: {folder}/01.txt: analysis failed (RuntimeError: a component broke on {MARKER}); not "
                      "stored; this is a bug in frenemy, please report it"]
    assert "Traceback" in result.stderr and "2 added, 0 replaced, 0 already stored, 1 failed" in result.stderr


def test_an_unexpected_error_prints_its_traceback_and_exits_70(tmp_path: Path, breaking_model: Path,
                                                               monkeypatch: pytest.MonkeyPatch,
                                                               capsys: pytest.CaptureFixture[str]):
    """A model whose component cannot be built fails before any input is read: no input is to
    blame, so it is an internal error of the whole run (not exit 1, "some input failed")."""
    import shutil

    from frenemy.cli import main

    model = tmp_path / "unbuildable"
    shutil.copytree(breaking_model, model)
    config = model / "config.cfg"
    config.write_text(config.read_text().replace("fail_to_build = false", "fail_to_build = true"))
    (tmp_path / "a.txt").write_text(GOOD)
    monkeypatch.setattr(sys, "argv", ["frenemy", "ingest", str(tmp_path / "a.txt"), "--db", str(tmp_path / "s.duckdb"),
                                      "--model", str(model)])
    with pytest.raises(SystemExit) as exited:
        main()
    stderr = capsys.readouterr().err
    assert exited.value.code == 70
    assert "Traceback" in stderr and "RuntimeError: this component cannot be built" in stderr
    assert stderr.strip().splitlines()[-1].startswith("error: internal error (RuntimeError): a bug in frenemy")
