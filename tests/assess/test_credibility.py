"""Credibility counts independent origins and contradictions, never the source's grade."""

from datetime import date

from frenemy.assess.credibility import credibility


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
