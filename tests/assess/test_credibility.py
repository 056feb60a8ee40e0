"""Credibility counts independent origins and contradictions, never the source's grade; the store's
SQL grading gives every row the grade of the Python reference."""

import itertools
import random
from datetime import date
from pathlib import Path

import pytest

from frenemy import api
from frenemy.assess.credibility import credibility
from frenemy.store import Store
from tests.conftest import shared_path


def _row(event_id, attributed_to, doc="d1", negated=False, denied=False, no_evidence=False, commitment="certain",
         start=date(2005, 7, 1), end=date(2005, 7, 31), root="17", grade="C"):
    return {"event_id": event_id, "source_id": "IRN", "target_id": "al-qaeda", "event_root_code": root,
            "event_date": start, "event_date_end": end, "negated": negated, "denied": denied,
            "no_evidence": no_evidence, "commitment": commitment, "attributed_to": attributed_to,
            "source_reliability": grade}


def test_single_report_is_possibly_true():
    assert credibility([_row("a", "Reuters")]) == {"a": 3}


def test_independent_confirmation_raises_credibility_repetition_does_not():
    rows = [_row("a", "Reuters"), _row("b", "Reuters", doc="d2"), _row("c", "the minister", doc="d3")]
    grades = credibility(rows)
    assert grades["a"] == 2  # one independent origin (the minister); the Reuters reprint does not count
    rows.append(_row("d", "the commission", doc="d4"))
    assert credibility(rows)["a"] == 1


def test_contradiction_lowers_credibility():
    rows = [_row("a", "a defector"), _row("b", "the commission", no_evidence=True)]
    grades = credibility(rows)
    assert grades["a"] == 5 and grades["b"] == 5
    rows.append(_row("c", "a second witness"))
    assert credibility(rows)["a"] == 4


def test_other_periods_and_futures_do_not_count():
    rows = [_row("a", "Reuters"), _row("b", "AP", start=date(2010, 1, 1), end=date(2010, 1, 31)),
            _row("c", "AFP", commitment="unknown")]
    grades = credibility(rows)
    assert grades["a"] == 3 and grades["c"] == 6


def test_the_grade_of_a_source_does_not_move_credibility():
    low = credibility([_row("a", "x", grade="E"), _row("b", "y", grade="E")])
    high = credibility([_row("a", "x", grade="A"), _row("b", "y", grade="A")])
    assert low == high


def _claim(claim_id, attributed_to, polarity=-1, no_evidence=False, commitment="certain", year=2012):
    return {"claim_id": claim_id, "subject_id": "IRN", "object_id": "al-qaeda", "polarity": polarity,
            "report_date": date(year, 5, 1), "denied": False, "no_evidence": no_evidence,
            "commitment": commitment, "attributed_to": attributed_to}


def test_statements_are_graded_by_dyad_and_sign():
    rows = [_claim("a", "the report"), _claim("b", "an expert"), _claim("c", "the treasury", polarity=1)]
    grades = credibility(rows)
    assert grades["a"] == 4 and grades["c"] == 5
    assert credibility([_claim("a", "x"), _claim("b", "y", year=2001)])["a"] == 3  # a decade apart: not the same claim


# -- the SQL grading (what the store runs) gives the reference's grade to every row ---------------

_stores = itertools.count()


def _stored_event(row: dict) -> dict:
    """A hand-made event with the store's other required columns."""
    return {"doc_id": "d1", "event_code": row["event_root_code"] + "0", "quad_class": 4, "goldstein": -5.0,
            "polarity": -1, **row}


def _stored_claim(row: dict) -> dict:
    return {"doc_id": "d1", "subject_name": row["subject_id"], "object_name": row["object_id"], "strength": 1.0,
            "statement": "allies", **row}


def _sql(tmp_path: Path, events: list[dict] = (), claims: list[dict] = ()) -> dict[str, int]:
    """The grades ``Store.regrade_credibility`` writes for these rows, after checking that they
    are the reference's (``credibility()`` of the same rows read back) for every row."""
    with Store(tmp_path / f"grades{next(_stores)}.duckdb") as store:
        with store.transaction():
            store.write_analysis("d1", "test", [_stored_event(r) for r in events], [], [],
                                 [_stored_claim(c) for c in claims])
        store.regrade_credibility()
        grades = dict(store.con.execute(
            "SELECT event_id, credibility FROM events WHERE source_id IS NOT NULL "
            "UNION ALL SELECT claim_id, credibility FROM claims").fetchall())
        assert not store.derived_stale()
        reference = {**credibility(store.credibility_inputs()), **credibility(store.claim_credibility_inputs())}
    assert grades == reference
    return grades


def test_sql_overlap_of_dates_and_spans(tmp_path):
    july = _row("a", "Reuters")
    touching = _row("b", "AP", start=date(2005, 7, 31), end=date(2005, 8, 10))  # shares the 31st: overlaps
    after = _row("c", "AFP", start=date(2005, 8, 11), end=date(2005, 8, 11))  # the day after b's end: apart
    no_end = _row("d", "BBC", start=date(2005, 7, 15), end=None)  # a day, no end
    grades = _sql(tmp_path, [july, touching, after, no_end])
    assert grades == {"a": 1, "b": 2, "c": 3, "d": 2}


def test_sql_a_report_without_date_overlaps_everything(tmp_path):
    rows = [_row("a", "Reuters", start=None, end=None), _row("b", "AP", start=date(1990, 1, 1), end=None),
            _row("c", "AFP", start=date(2020, 1, 1), end=date(2020, 2, 1)),
            _row("d", "BBC", start=None, end=date(2020, 1, 1))]  # an end alone is no date either
    assert _sql(tmp_path, rows) == {"a": 1, "b": 1, "c": 1, "d": 1}


def test_sql_same_origin_never_counts(tmp_path):
    rows = [_row("a", "Reuters"), _row("b", "  REUTERS ", doc="d2"), _row("c", "reuters\u00a0", doc="d3"),
            _row("d", None), _row("e", "", doc="d2"),  # no attribution: one origin of its own
            # Python's lower() gives a final sigma where DuckDB's does not, and dots a capital I
            _row("f", "ΟΔΥΣΣΕΥΣ Press"), _row("g", "οδυσσευς press"), _row("h", "İzmir  desk"),
            _row("i", "i\u0307zmir desk")]
    grades = _sql(tmp_path, rows)
    # four origins besides Reuters: '' (no attribution), odysseus press, izmir desk
    assert set(grades.values()) == {1}


def test_sql_denials_and_missing_evidence_contradict(tmp_path):
    rows = [_row("a", "a defector"), _row("b", "the commission", no_evidence=True),
            _row("c", "the ministry", denied=True), _row("d", "a witness", negated=True),
            _row("e", "the embassy", denied=True, commitment="unknown")]  # a denial is judged, unknown or not
    grades = _sql(tmp_path, rows)
    assert grades["a"] == 5 and grades["b"] == 4  # b: agreed by c, d, e, contradicted by a


def test_sql_unknown_commitment_is_graded_6_and_counts_for_no_one(tmp_path):
    rows = [_row("a", "Reuters"), _row("b", "AP", commitment="unknown"), _row("c", "AFP", commitment="unknown"),
            _row("d", "BBC", commitment=None)]
    assert _sql(tmp_path, rows) == {"a": 2, "b": 6, "c": 6, "d": 2}


def test_sql_groups_by_doer_receiver_and_root_code(tmp_path):
    rows = [_row("a", "Reuters"), _row("b", "AP", root="18"), {**_row("c", "AFP"), "target_id": None},
            {**_row("d", "BBC"), "target_id": None}, {**_row("e", "CNN"), "source_id": "USA"},
            {**_row("f", "NYT"), "source_id": None}]  # a candidate whose doer did not resolve: never counted
    assert _sql(tmp_path, rows) == {"a": 3, "b": 3, "c": 2, "d": 2, "e": 3}


def test_sql_statements_pair_either_order_within_730_days(tmp_path):
    rows = [_claim("a", "the report"), {**_claim("b", "an expert"), "subject_id": "al-qaeda", "object_id": "IRN"},
            {**_claim("c", "the treasury", polarity=1), "report_date": date(2014, 5, 1)},  # 730 days after a
            {**_claim("d", "a think tank", polarity=1), "report_date": date(2014, 5, 2)},  # 731 days: too late
            {**_claim("e", "an envoy"), "report_date": None},
            _claim("f", "a minister", polarity=1, no_evidence=True),  # "no evidence they are allies": negative
            {**_claim("g", "a spokesman", polarity=1), "denied": True},  # "denies they are allies": negative
            _claim("h", "a rumour", commitment="unknown"),
            _claim("i", "a neutral voice", polarity=0), _claim("j", "a neutral voice", polarity=1)]
    grades = _sql(tmp_path, claims=rows)
    assert grades["h"] == 6 and grades["a"] == 4 and grades["d"] == 4


@pytest.mark.parametrize("seed", range(4))
def test_sql_equals_the_reference_on_random_rows(tmp_path, seed):
    """Small groups of reports whose every field is drawn from a few values (NULLs, shared days
    and spans, origins alike but for case and spacing): every rule meets every other."""
    pick = random.Random(seed)
    actors = ["IRN", "USA", "RUS", "SYR", "ISR", "IRQ", "SAU", "al-qaeda"]
    days = [None, date(2005, 1, 1), date(2005, 1, 3), date(2005, 2, 1), date(2006, 12, 31), date(2007, 1, 2),
            date(2007, 1, 1)]
    by = [None, "", "Reuters", " reuters", "AP", "the  Minister", "the minister", "ΣΟΣ", "σος", "an official"]
    flag = [False, False, False, True, None]
    events = [{"event_id": f"e{n}", "source_id": pick.choice(actors), "target_id": pick.choice(actors[:3] + [None]),
               "event_root_code": pick.choice(["17", "04"]), "event_date": pick.choice(days),
               "event_date_end": pick.choice(days), "negated": pick.random() < .15, "denied": pick.choice(flag),
               "no_evidence": pick.choice(flag),
               "commitment": pick.choice(["certain", "certain", "unknown", "possible", None]),
               "attributed_to": pick.choice(by)} for n in range(300)]
    claims = [{"claim_id": f"c{n}", "subject_id": pick.choice(actors), "object_id": pick.choice(actors),
               "polarity": pick.choice([-1, 0, 1, 1]), "report_date": pick.choice(days), "denied": pick.choice(flag),
               "no_evidence": pick.choice(flag), "commitment": pick.choice(["certain", "certain", "unknown", None]),
               "attributed_to": pick.choice(by)} for n in range(300)]
    grades = _sql(tmp_path, events, claims)  # compares with the reference
    assert set(grades.values()) == {1, 2, 3, 4, 5, 6}


@pytest.fixture(scope="module")
def real_store(tmp_path_factory) -> Path:
    """The seeds, then a few dev documents about the same actors in a second run (whose grading is
    the incremental one: only the groups of the second run's rows)."""
    seeds = shared_path("seeds")
    dev = [shared_path("corpus", "dev", name) for name in (
        "msv_big5-05_iran.txt", "msv_big5-09_iran.txt", "msv_big5-05_iraq-1.txt", "msv_big5-17_russia-2.txt",
        "msv_chaos_north-korea-1.txt", "msv_chaos_north-korea-4.txt")]
    db = tmp_path_factory.mktemp("real") / "real.duckdb"
    assert api.ingest([str(seeds)], db).added == 2
    calls: list = []
    regrade = Store.regrade_credibility

    def spy(store: Store, doc_ids=None) -> None:
        calls.append(doc_ids)
        regrade(store, doc_ids)

    Store.regrade_credibility = spy
    try:
        assert api.ingest([str(p) for p in dev], db).added == len(dev)
    finally:
        Store.regrade_credibility = regrade
    assert len(calls) == 1 and len(calls[0]) == len(dev)  # graded only the groups of the dev documents' rows
    return db


def _reference_and_stored(db: Path) -> tuple[dict[str, int], dict[str, int]]:
    with Store(db, read_only=True) as store:
        reference = {**credibility(store.credibility_inputs()), **credibility(store.claim_credibility_inputs())}
        stored = dict(store.con.execute(
            "SELECT event_id, credibility FROM events WHERE source_id IS NOT NULL "
            "UNION ALL SELECT claim_id, credibility FROM claims").fetchall())
    return reference, stored


def test_sql_grades_of_real_documents_equal_the_reference(real_store: Path):
    reference, stored = _reference_and_stored(real_store)
    assert len(reference) > 400 and len(set(reference.values())) >= 5  # the grades say something
    assert stored == reference  # after the incremental grading of the second run


def test_sql_full_regrade_of_real_documents_equals_the_reference(real_store: Path, tmp_path: Path):
    db = tmp_path / "copy.duckdb"
    db.write_bytes(real_store.read_bytes())
    with Store(db) as store:
        store.con.execute("UPDATE events SET credibility = NULL")
        store.con.execute("UPDATE claims SET credibility = NULL")
        store.regrade_credibility()
    reference, stored = _reference_and_stored(db)
    assert stored == reference
