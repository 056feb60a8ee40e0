"""Per-article dyad signs on the dev corpus against the careful readings in tests/data
(guide: tests/data/DEV_DYAD_READINGS.md). bench/eval_dyads.py prints the full figures and every
disagreement; this test guards against regressions with a floor below the measured figure."""

import json
from pathlib import Path

import pytest

from frenemy import api
from frenemy.errors import UnknownActor
from tests.conftest import REPO, shared_path

READINGS = REPO / "tests" / "data" / "dev_dyad_readings.jsonl"
FLOOR = 0.80  # measured 46/53 = 0.868 when this floor was set


def _readings():
    return [json.loads(line) for line in READINGS.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_readings_are_well_formed_and_name_every_listed_dyad():
    index = [json.loads(line) for line in shared_path("corpus", "dev", "index.jsonl").read_text().splitlines() if line.strip()]
    listed = {(row["file"], a, b) for row in index for a, b in row["dyads"]}
    readings = _readings()
    assert {(r["file"], r["a"], r["b"]) for r in readings} == listed
    assert all(r["sign"] in {"+", "-", "0"} and (not r["clear"] or r["sign"] != "0") and r["why"] for r in readings)


@pytest.fixture(scope="module")
def dev_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("dev") / "dev.duckdb"
    report = api.ingest([str(shared_path("corpus", "dev"))], db)
    assert report.ok
    return db


def test_per_article_signs_match_the_careful_reading(dev_db):
    docs = {Path(d["source_path"]).name: d["doc_id"] for d in _documents(dev_db)}
    clear = [r for r in _readings() if r["clear"]]
    agree = 0
    for r in clear:
        try:
            score = api.assess(dev_db, r["a"], r["b"], documents=[docs[r["file"]]]).verdict.score
        except UnknownActor:
            continue
        if score is None:  # insufficient evidence: a miss
            continue
        agree += ("+" if score > 0 else "-" if score < 0 else "0") == r["sign"]
    assert agree / len(clear) >= FLOOR, f"{agree}/{len(clear)}"


def _documents(db):
    from frenemy.store import Store

    with Store(db, read_only=True) as store:
        return store.documents(("doc_id", "source_path"))
