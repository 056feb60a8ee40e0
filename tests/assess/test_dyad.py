"""The assessment's parts on hand-built rows: weights, merging, score, timeline, hypotheses,
contradictions, balance and scopes. Each test states a property a wrong implementation breaks."""

from datetime import date

import pytest

from frenemy.assess.balance import network, triads
from frenemy.assess.contradictions import contradictions
from frenemy.assess.dyad import assess_dyad
from frenemy.assess.evidence import from_claim, from_event, gather, group
from frenemy.assess.hypotheses import compete
from frenemy.assess.scope import Scope, relabel, split_state
from frenemy.assess.score import beta_cdf, confidence, label, likelihood_term, origin_counts, score
from frenemy.assess.timeline import period_of, timeline
from tests.assess.rows import claim, event

D = date(2005, 7, 16)


def test_weight_follows_commitment_grade_credibility_and_flags():
    strong = from_event(event("IRN", "AQ", "173", D, grade="A", credibility=1))
    weak = from_event(event("IRN", "AQ", "173", D, grade="D", credibility=3, alleged=True))
    planned = from_event(event("IRN", "AQ", "173", D, grade="A", credibility=1, commitment="unknown"))
    assert strong.weight == 1.0 and weak.weight < planned.weight < strong.weight
    assert strong.polarity == -1 and strong.intensity == 0.5 and strong.evidence_class == "material_conflict"


def test_negated_denied_and_questions_are_listed_but_do_not_count():
    assert from_event(event("IRN", "AQ", "173", D, negated=True)).weight == 0
    assert "denied" in from_event(event("IRN", "AQ", "173", D, denied=True)).set_aside
    question = from_claim(claim("IRN", "AQ", 0, D, statement="friends or foes", sentence="friends or foes?"))
    assert question.weight == 0 and question.set_aside


def test_a_no_evidence_finding_counts_against_the_claim_it_answers_and_denials_turn_statements_round():
    finding = from_claim(claim("IRN", "AQ", 1, D, no_evidence=True, commitment="unknown"))
    assert finding.polarity == -1 and finding.weight > 0 and finding.evidence_class == "no_evidence_of_cooperation"
    assert from_claim(claim("IRN", "AQ", 1, D, denied=True)).polarity == -1
    assert from_claim(claim("IRN", "AQ", -1, D, commitment="certain-negative")).polarity == -1  # negation is in polarity


def test_reports_of_one_happening_merge_and_only_independent_origins_add_weight():
    same = [event("IRN", "AQ", "173", D, by="Minister"), event("AQ", "IRN", "173", date(2005, 7, 1), date(2005, 7, 31),
            by="minister"), event("IRN", "AQ", "173", D, by="Minister", doc="d2")]
    groups = group(gather(same, []))
    assert len(groups) == 1 and groups[0].weight == pytest.approx(from_event(same[0]).weight)
    other = group(gather(same + [event("IRN", "AQ", "173", D, by="Wire service")], []))
    assert len(other) == 1 and other[0].weight > groups[0].weight and len(other[0].origins) == 2
    years_apart = group(gather([event("IRN", "AQ", "173", D), event("IRN", "AQ", "173", date(2009, 1, 1))], []))
    assert len(years_apart) == 2
    long_span = group(gather([event("IRN", "AQ", "173", date(2001, 9, 11), date(2012, 5, 1)), event("IRN", "AQ", "173", D)], []))
    assert len(long_span) == 2  # a detention over a decade is not the same as one day's arrests


def test_a_symmetric_event_coded_both_ways_from_one_sentence_is_one_item():
    a = event("IRN", "AQ", "040", D)
    b = dict(a, event_id="mirror", source_id="AQ", target_id="IRN")
    assert len(gather([a, b], [])) == 1


def test_score_label_and_interval():
    hostile = group(gather([event("IRN", "AQ", c, D, by=f"s{i}") for i, c in enumerate(("173", "181", "190", "174"))], []))
    s = score(hostile)
    assert -1 < s.value < -0.5 and s.low <= s.value <= s.high and label(s.value, hostile) == "hostile"
    thin = group(gather([event("IRN", "AQ", "173", D, grade="D")], []))
    assert -0.5 < score(thin).value < 0  # one weak report cannot make a hostile verdict
    swaps = group(gather([event("IRN", "AQ", "0841", D), event("AQ", "IRN", "173", date(2006, 1, 1), by="x")], []))
    assert label(score(swaps).value, swaps) == "transactional"
    assert score([]).value == 0


def test_estimative_terms_and_confidence_come_from_the_tables():
    assert likelihood_term(0.9) == ("very likely", "80-95%") and likelihood_term(0.5)[0] == "roughly even chance"
    assert likelihood_term(0.02)[0] == "almost no chance"
    assert confidence(10, 6, 0.05) == "high" and confidence(4, 1, 0.3) == "moderate" and confidence(2, 0, 0) == "low"
    assert confidence(10, 6, 0.4) == "moderate"  # strong disagreement caps confidence


def test_timeline_periods_spans_and_turning_points():
    assert period_of(date(2001, 9, 11), "quarter") == ("2001-Q3", date(2001, 7, 1), date(2001, 9, 30))
    assert period_of(date(2000, 2, 3), "month")[2] == date(2000, 2, 29)
    rows = [event("IRN", "AQ", "054", date(1991, 1, 1), date(1993, 12, 31)), event("IRN", "AQ", "173", date(2002, 1, 1)),
            event("IRN", "AQ", "057", date(2002, 6, 1), by="other")]
    unit, periods, points = timeline(group(gather(rows, [])), "auto")
    assert unit == "year" and [p.period for p in periods] == ["1991", "1992", "1993", "2002"]
    assert periods[-1].contested and periods[-1].n_cooperative == 1 and periods[-1].n_conflictual == 1
    assert points and points[0].period == "2002" and points[0].before == "cooperative"


def test_ach_ranks_by_inconsistency_and_finds_pivotal_items():
    hostile = [event("IRN", "AQ", c, D, by=f"s{i}") for i, c in enumerate(("173", "181", "190"))]
    comp = compete(group(gather(hostile, [claim("IRN", "AQ", -1, D)])))
    ranks = {h.name: h.rank for h in comp.hypotheses}
    assert ranks["enemies"] == 1 and ranks["allies"] == 4
    deals = [event("IRN", "AQ", "0841", D), event("AQ", "IRN", "0841", date(2009, 1, 1), by="b"),
             event("IRN", "AQ", "173", date(2003, 1, 1), by="c")]
    comp = compete(group(gather(deals, [])))
    assert comp.leader == "transactional"
    assert all(row.diagnosticity == max(r.diagnosticity for r in comp.matrix) for row in comp.matrix[:1])
    pivotal = compete(group(gather([event("IRN", "AQ", "060", D), event("IRN", "AQ", "0841", date(2009, 1, 1), by="b")], [])))
    assert pivotal.sensitivity  # with two items, losing either changes the leader


def test_contradictions_between_different_origins_only():
    deal = claim("IRN", "AQ", 1, D, by="Treasury", statement="secret deal")
    rival = claim("IRN", "AQ", -1, D, by="Research center", statement="not one of alliance")
    again = claim("IRN", "AQ", -1, D, by="Treasury", statement="hostile")
    found = contradictions(gather([], [deal, rival, again]))
    kinds = [(c.a.attributed_to, c.b.attributed_to, c.kind) for c in found]
    assert ("Treasury", "Research center", "opposite statements") in kinds
    assert not any(a == b for a, b, _ in kinds)
    meeting = event("IRN", "AQ", "040", date(2001, 1, 1), by="Defector", grade="D", alleged=True)
    nothing = claim("IRN", "AQ", 1, date(2004, 7, 1), by="Commission", no_evidence=True, statement="no evidence")
    later = claim("IRN", "AQ", 1, date(2000, 1, 1), by="Commission", no_evidence=True, statement="no evidence")
    found = contradictions(gather([meeting], [nothing, later]))
    assert [(c.a.attributed_to, c.b.report_date, c.kind) for c in found] == [("Defector", date(2004, 7, 1), "assertion vs no evidence")]
    denial = event("IRN", "AQ", "173", D, by="Iran", denied=True)
    assert contradictions(gather([event("IRN", "AQ", "173", D, by="Wire"), denial], []))[0].kind == "assertion vs denial"


def test_balance_strong_and_weak():
    rows = [event("IRN", "USA", "190", D, by="a"), event("AQ", "USA", "190", D, by="b"), event("IRN", "AQ", "173", D, by="c"),
            event("IRN", "SYR", "057", D, by="d"), event("AQ", "SYR", "190", D, by="e")]
    items = gather(rows, [])
    found = {t.third_party_id: t for t in triads("IRN", "AQ", -0.6, [e for e in items if {e.source_id, e.target_id} != {"IRN", "AQ"}])}
    usa, syria = found["USA"], found["SYR"]
    assert (usa.predicted, usa.observed, usa.balanced_strong, usa.balanced_weak) == (1, -1, False, True)
    assert (syria.predicted, syria.allowed_weak, syria.balanced_strong) == (-1, [-1], True)
    net = network(items)
    assert {(e.source, e.target, e.sign) for e in net.edges} >= {("AQ", "IRN", -1), ("IRN", "SYR", 1)}


def test_scopes_split_a_state_from_its_rebels_and_a_body_from_its_state():
    rows = [dict(event("SYR", "SYR", "190", D), source_sector="REB", target_sector="MIL"),
            dict(event("SYR", "TUR", "042", D), source_sector="GOV", target_sector=None)]
    whole, rebels = split_state(Scope("SYR", "Syria"), Scope("SYR", "Syrian rebels", sector="REB"), {"REB", "INS"})
    relabelled = relabel(rows, "events", (whole, rebels))
    assert (relabelled[0]["source_id"], relabelled[0]["target_id"]) == ("SYR/REB", "SYR")
    assert relabelled[1]["source_id"] == "SYR"
    result = assess_dyad((whole.key, "Syria"), (rebels.key, "Syrian rebels"), relabelled, [])
    assert result.verdict.label in {"adversarial", "hostile"} and len(result.evidence) == 1
    ministry = Scope("IRN", "MOIS", agent="irn-mois")
    rows = [dict(event("IRN", "AQ", "173", D), source_agent="irn-mois"), dict(event("IRN", "AQ", "042", D), source_agent=None)]
    assert [r["source_id"] for r in relabel(rows, "events", (ministry,))] == ["IRN/irn-mois", "IRN/other"]


def test_one_or_two_origins_never_make_a_verdict_very_likely_however_many_reports():
    one = [event("IRN", "SYR", "057", date(2010, 1, d), by="Author", grade="A", credibility=1) for d in range(1, 11)]
    verdict = assess_dyad(("IRN", "Iran"), ("SYR", "Syria"), one, []).verdict
    assert verdict.label in {"cooperative", "allied"} and verdict.likelihood == "likely" and verdict.probability < 0.8
    two = one + [event("SYR", "IRN", "057", date(2010, 2, 1), by="Syrian minister", grade="A", credibility=1)]
    assert assess_dyad(("IRN", "Iran"), ("SYR", "Syria"), two, []).verdict.probability < 0.8
    many = [event("IRN", "SYR", "057", date(2010, 3, n), by=f"Official {n}", grade="A", credibility=1, doc=f"d{n}")
            for n in range(1, 9)]
    assert assess_dyad(("IRN", "Iran"), ("SYR", "Syria"), many, []).verdict.probability >= 0.95


def test_the_posterior_likelihood_is_a_beta_probability():
    assert abs((1 - beta_cdf(0.5, 4, 3)) - 0.65625) < 1e-6 and abs(beta_cdf(0.5, 3, 3) - 0.5) < 1e-9
    assert origin_counts([]) == (0.0, 0.0)


def test_a_pair_with_no_evidence_is_insufficient_evidence_without_a_score():
    verdict = assess_dyad(("IRN", "Iran"), ("BRA", "Brazil"), [event("IRN", "SYR", "057", date(2010, 1, 1))], []).verdict
    assert verdict.label == "insufficient evidence" and verdict.score is None and verdict.probability is None


def test_an_event_under_a_no_evidence_scope_counts_against_the_cooperation_it_names():
    finding = from_event(event("IRQ", "alqaeda", "060", date(2004, 7, 22), commitment="unknown", no_evidence=True,
                               by="A commission"))
    assert finding.evidence_class == "no_evidence_of_cooperation" and finding.polarity == -1 and finding.weight > 0
    plain = from_event(event("IRQ", "alqaeda", "060", date(2004, 7, 22)))
    assert plain.evidence_class != "no_evidence_of_cooperation" and plain.polarity == 1
