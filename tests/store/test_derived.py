"""Derived values (each event's and statement's credibility, graded against every stored report)
are repaired by the next run when a run dies between its last document and the grading.

The texts relate Iran and al-Qaeda through reports of different origins that corroborate and
contradict one another, so the grades vary (2 to 5) and a late document changes the grades of
earlier ones: a stale grade is a wrong grade, not only a missing one.
"""

from __future__ import annotations

import signal
import subprocess
import sys
from datetime import date
from pathlib import Path

import duckdb
import pytest

from frenemy.store import Store
from tests.conftest import run_cli

TEXTS = {
    "a.txt": "Title: Arrests in Tehran\nPublisher: Reuters\nDate: 2005-03-02\n\n"
             "Iran arrested dozens of al-Qaeda members in March 2005, the Interior Ministry said. "
             "Iran's foreign minister said that Iran and al-Qaeda are enemies.\n",
    "b.txt": "Title: Crackdown\nPublisher: Associated Press\nDate: 2005-03-05\n\n"
             "Iranian police detained al-Qaeda militants in March 2005, a US official said. Iran condemned al-Qaeda.\n",
    "d.txt": "Title: Talks\nPublisher: BBC\nDate: 2005-03-10\n\n"
             "Israel was attacked by Syria last week, Israeli officials said. Iran condemned al-Qaeda, according to "
             "diplomats.\n",
    # the late one: a denial that makes the earlier arrest reports contested
    "c.txt": "Title: Denial\nPublisher: Al Jazeera\nDate: 2005-03-09\n\n"
             "Iran did not arrest any al-Qaeda members, a spokesman for the group said. The Saudi interior minister "
             "said Iran is an ally of al-Qaeda. Syria attacked Israel.\n",
}

#: ``frenemy`` killed with SIGKILL the moment it would write the grades: after the last
#: document's commit, before the grading's (fault injection at that point, not a stand-in for it)
CRASH_BEFORE_GRADING = """
import os, signal, sys
from frenemy.store.db import Store

def die(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)

Store.regrade_credibility = die  # the grading (SQL) ...
Store.replace_credibility = die  # ... and the writing of grades computed in Python
sys.argv[0] = "frenemy"
from frenemy.cli import main
main()
"""


def _folder(root: Path, names: list[str]) -> Path:
    root.mkdir()
    for name in names:
        (root / name).write_text(TEXTS[name])
    return root


def _grades(db: Path) -> dict[str, list[tuple]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {
            "events": con.execute("SELECT event_id, credibility FROM events WHERE source_id IS NOT NULL "
                                  "ORDER BY event_id").fetchall(),
            "claims": con.execute("SELECT claim_id, credibility FROM claims ORDER BY claim_id").fetchall(),
        }
    finally:
        con.close()


def _ok(result) -> str:
    stderr = result.stderr.decode()
    assert result.returncode == 0, stderr
    return stderr


@pytest.fixture(scope="module")
def clean(tmp_path_factory) -> tuple[Path, dict[str, list[tuple]]]:
    """The four texts ingested in one uninterrupted run, and its grades."""
    root = tmp_path_factory.mktemp("clean")
    folder = _folder(root / "texts", list(TEXTS))
    db = root / "clean.duckdb"
    _ok(run_cli("ingest", str(folder), "--db", str(db)))
    grades = _grades(db)
    assert all(grade is not None for table in grades.values() for _, grade in table)
    assert len({grade for table in grades.values() for _, grade in table}) >= 3, grades  # the grades say something
    return folder, grades


def test_a_run_killed_before_the_grading_is_repaired_by_the_rerun(tmp_path: Path, clean):
    everything, expected = clean
    db = tmp_path / "store.duckdb"
    _ok(run_cli("ingest", str(_folder(tmp_path / "first", ["a.txt", "b.txt", "d.txt"])), "--db", str(db)))
    graded_before = _grades(db)

    killed = subprocess.run([sys.executable, "-c", CRASH_BEFORE_GRADING, "ingest", str(everything), "--db", str(db)],
                            capture_output=True, timeout=600)
    assert killed.returncode == -signal.SIGKILL, killed.stderr.decode()
    broken = _grades(db)
    assert any(grade is None for table in broken.values() for _, grade in table)  # the late document's rows
    assert broken != expected
    # and the earlier documents' grades are stale, not only the new ones missing
    before = dict(graded_before["events"])
    assert any(before[event_id] != grade for event_id, grade in expected["events"] if event_id in before)

    rerun = _ok(run_cli("ingest", str(everything), "--db", str(db)))
    assert "0 added, 0 replaced, 4 already stored" in rerun
    assert _grades(db) == expected


def test_grades_lost_in_an_older_store_are_recomputed_by_extract(tmp_path: Path, clean):
    """A store an older frenemy was killed in carries no stale mark, only rows without grades;
    ``frenemy extract`` with nothing to extract still puts them right."""
    everything, expected = clean
    db = tmp_path / "older.duckdb"
    _ok(run_cli("ingest", str(everything), "--db", str(db)))
    con = duckdb.connect(str(db))
    con.execute("UPDATE events SET credibility = NULL")
    con.execute("UPDATE claims SET credibility = NULL")
    con.execute("DELETE FROM frenemy_meta WHERE key = 'derived_stale'")
    con.close()
    assert _grades(db) != expected

    _ok(run_cli("extract", "--db", str(db)))
    assert _grades(db) == expected


def _event(event_id: str, source_id: str | None) -> dict:
    return {"event_id": event_id, "doc_id": "doc_1", "source_id": source_id, "target_id": "IRN", "event_code": "111",
            "event_root_code": "11", "quad_class": 3, "goldstein": -2.0, "polarity": -1, "negated": False,
            "commitment": "certain", "denied": False, "no_evidence": False, "attributed_to": "Reuters",
            "event_date": date(2005, 3, 1)}


def _claim(claim_id: str) -> dict:
    return {"claim_id": claim_id, "doc_id": "doc_1", "subject_id": "IRN", "object_id": "al-qaeda", "polarity": -1,
            "commitment": "certain", "denied": False, "no_evidence": False, "attributed_to": "Reuters"}


def test_every_analysis_write_marks_the_grades_stale_in_its_own_transaction(db: Path):
    with Store(db) as store:
        assert not store.derived_stale()  # an empty store has nothing to grade
        with store.transaction():
            store.write_document({"doc_id": "doc_1", "title": "T", "publisher": None, "publisher_basis": "unknown",
                                  "author": None, "url": None, "published": date(2005, 3, 1), "date_precision": "day",
                                  "date_basis": "header", "text": "Body.", "words": 1, "source_path": "x"})
            store.write_analysis("doc_1", "model", [_event("evt_1", "USA"), _event("evt_candidate", None)], [], [],
                                 [_claim("clm_1")])
        assert store.derived_stale()
        store.replace_credibility({"evt_1": 3}, {"clm_1": 3})
        assert not store.derived_stale()  # the candidate (no resolved doer) is never graded, and not missing

        with pytest.raises(RuntimeError):  # a document that does not land leaves the grades as they were
            with store.transaction():
                store.write_analysis("doc_1", "model", [], [], [], [])
                raise RuntimeError("the document failed")
        assert not store.derived_stale()

        with store.transaction():  # its rows replaced by none: no row lacks a grade, yet others may be wrong
            store.write_analysis("doc_1", "model", [], [], [], [])
        assert store.derived_stale()
        store.replace_credibility({}, {})
        assert not store.derived_stale()

        with store.transaction():
            store.write_analysis("doc_1", "model", [_event("evt_1", "USA")], [], [], [_claim("clm_1")])
        store.replace_credibility({"evt_1": 3}, {"clm_1": 3})
        store.con.execute("UPDATE claims SET credibility = NULL")  # no mark, but a grade is missing
        assert store.derived_stale()


def test_a_later_run_regrades_only_its_groups_and_a_forced_one_all(tmp_path: Path, clean):
    """The late document of a run on a graded store is graded with the groups its rows are in
    (the earlier documents' grades that it changes included); re-ingesting every document with
    ``--force`` replaces rows, so grades everything. Both end as a clean run does."""
    everything, expected = clean
    db = tmp_path / "store.duckdb"
    _ok(run_cli("ingest", str(_folder(tmp_path / "first", ["a.txt", "b.txt", "d.txt"])), "--db", str(db)))
    assert _grades(db) != expected
    _ok(run_cli("ingest", str(everything), "--db", str(db)))
    assert _grades(db) == expected
    _ok(run_cli("ingest", str(everything), "--db", str(db), "--force"))
    assert _grades(db) == expected


def test_a_batch_names_its_documents_only_when_that_is_enough(db: Path):
    from frenemy.api import _Batch

    with Store(db) as store:
        batch = _Batch(store)
        batch.wrote("doc_1", replaced=False)
        batch.wrote("doc_2", replaced=False)
        assert batch.doc_ids == {"doc_1", "doc_2"}
        batch.wrote("doc_3", replaced=True)  # the groups of its old rows are not known any more
        assert batch.doc_ids is None

        with store.transaction():  # a run killed after this commit: the next run cannot know which
            store.write_document({"doc_id": "doc_1", "title": "T", "publisher": None, "publisher_basis": "unknown",
                                  "author": None, "url": None, "published": date(2005, 3, 1), "date_precision": "day",
                                  "date_basis": "header", "text": "Body.", "words": 1, "source_path": "x"})
            store.write_analysis("doc_1", "model", [_event("evt_1", "USA")], [], [], [_claim("clm_1")])
        batch = _Batch(store)
        batch.wrote("doc_2", replaced=False)
        assert batch.doc_ids is None
        store.regrade_credibility()
        assert not store.derived_stale()
        assert store.con.execute("SELECT credibility FROM events").fetchall() == [(3,)]
