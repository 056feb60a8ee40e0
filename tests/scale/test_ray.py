"""The Ray runner on a real local Ray instance: the same rows as local worker processes, and a
rerun after a crash that left shards behind stores each row exactly once."""

import json
import shutil

import pytest

from tests.conftest import run_cli, shared_path

pytest.importorskip("ray")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """Ten dev articles with their manifest rows (enough for several shards of 4)."""
    folder = tmp_path_factory.mktemp("corpus")
    dev = shared_path("corpus", "dev")
    rows = [json.loads(line) for line in (dev / "index.jsonl").read_text().splitlines() if line.strip()][:10]
    for row in rows:
        shutil.copy(dev / row["file"], folder / row["file"])
    (folder / "index.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    return folder


def _events(db):
    out = run_cli("events", "--db", str(db), "--format", "jsonl")
    assert out.returncode == 0, out.stderr.decode()
    return sorted(json.dumps(json.loads(line), sort_keys=True) for line in out.stdout.decode().splitlines())


def test_ray_and_local_workers_give_identical_events(corpus, tmp_path):
    local, on_ray = tmp_path / "local.duckdb", tmp_path / "ray.duckdb"
    assert run_cli("ingest", str(corpus), "--db", str(local), "--workers", "2").returncode == 0
    result = run_cli("ingest", str(corpus), "--db", str(on_ray), "--engine", "ray")  # one actor per CPU
    assert result.returncode == 0, result.stderr.decode()[-2000:]
    events = _events(local)
    assert events and _events(on_ray) == events
    assert not list((tmp_path / "ray.duckdb.shards").iterdir())  # every shard stored, then removed


def test_a_rerun_after_a_crash_stores_left_shards_once(corpus, tmp_path):
    from frenemy.ingest import Document, iter_inputs
    from frenemy.nlp.pipeline import DocRecord, analyse
    from frenemy.scale.shards import write_shard
    from frenemy.schemas import DOCUMENT_COLUMNS

    db = tmp_path / "store.duckdb"
    folder = tmp_path / "store.duckdb.shards"
    docs = [d for d in iter_inputs([str(corpus)]) if isinstance(d, Document)][:4]
    rows = [{c: getattr(d, c, None) for c in DOCUMENT_COLUMNS} for d in docs]
    analyses = analyse([DocRecord(d.doc_id, d.text, d.published, d.date_precision, d.author, d.publisher) for d in docs])
    write_shard(folder, rows[:2], analyses[:2])  # a whole shard the crashed run never stored
    broken = write_shard(folder, rows[2:], analyses[2:])
    broken.rename(broken.with_name(broken.name + ".partial"))  # and one it was still writing
    result = run_cli("ingest", str(corpus), "--db", str(db), "--engine", "ray", "--workers", "2")
    assert result.returncode == 0, result.stderr.decode()[-2000:]
    reference = tmp_path / "reference.duckdb"
    assert run_cli("ingest", str(corpus), "--db", str(reference)).returncode == 0
    events = _events(db)
    assert len(events) == len(set(events)) and events == _events(reference)
    assert not list(folder.iterdir())  # stored shards removed, the half-written one dropped
    again = run_cli("ingest", str(corpus), "--db", str(db), "--engine", "ray")
    assert again.returncode == 0 and b"0 added" in again.stderr and _events(db) == events


def test_a_parquet_dataset_on_ray_gives_the_events_of_the_same_rows_as_json_lines_locally(corpus, tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [json.loads(line) for line in (corpus / "index.jsonl").read_text().splitlines()]
    records = [{"text": (corpus / r["file"]).read_text(), "title": r.get("title"), "date": r.get("date"),
                "publisher": r.get("outlet")} for r in rows]
    pq.write_table(pa.table({k: [r[k] for r in records] for k in records[0]}), tmp_path / "corpus.parquet", row_group_size=3)
    (tmp_path / "corpus.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    on_ray, local = tmp_path / "ray.duckdb", tmp_path / "local.duckdb"
    result = run_cli("ingest", str(tmp_path / "corpus.parquet"), "--db", str(on_ray), "--engine", "ray", "--workers", "2")
    assert result.returncode == 0, result.stderr.decode()[-2000:]
    assert f"{len(records)} added".encode() in result.stderr
    assert run_cli("ingest", str(tmp_path / "corpus.jsonl"), "--db", str(local), "--workers", "2").returncode == 0
    events = _events(local)
    assert events and _events(on_ray) == events
