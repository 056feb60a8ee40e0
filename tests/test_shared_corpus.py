"""Acceptance on ../shared: the seeds and the dev corpus go in with sensible titles and dates."""

import json
from datetime import date

from tests.conftest import run_cli, shared_path


def test_seeds_and_dev_corpus_store_42_documents_once(db):
    seeds, dev = shared_path("seeds"), shared_path("corpus", "dev")
    first = run_cli("ingest", str(seeds), str(dev), "--db", str(db))
    assert first.returncode == 0, first.stderr.decode()
    docs = json.loads(run_cli("docs", "--db", str(db), "--format", "json").stdout)
    assert len(docs) == 42
    assert all(d["title"] and d["published"] for d in docs)
    seed_docs = [d for d in docs if d["date_basis"] == "inferred-from-text"]
    years = sorted(date.fromisoformat(d["published"]).year for d in seed_docs)
    assert years == [2005, 2012]
    assert all(4 <= date.fromisoformat(d["published"]).month <= 9 for d in seed_docs)  # mid-year
    index = {json.loads(line)["title"] for line in (dev / "index.jsonl").read_text().splitlines()}
    assert len({d["title"] for d in docs} & index) >= 30
    again = run_cli("ingest", str(seeds), str(dev), "--db", str(db))
    assert "0 added, 0 replaced, 42 already stored, 0 failed" in again.stderr.decode()


def test_public_domain_headers_are_read(db):
    folder = shared_path("corpus", "public-domain")
    assert run_cli("ingest", str(folder), "--db", str(db)).returncode == 0
    docs = json.loads(run_cli("docs", "--db", str(db), "--format", "json").stdout)
    assert len(docs) == len(list(folder.glob("*.txt")))
    assert all(d["date_basis"] == "header" for d in docs)
    assert all(d["published"] == p.name[:10] for d, p in zip(docs, sorted(folder.glob("*.txt"))))
