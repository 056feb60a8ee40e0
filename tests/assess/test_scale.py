"""The assessment's scalable algorithms give exactly what the plain quadratic ones gave.

Contradictions (a join instead of every pair), grouping (open groups instead of every group of a
key), the hypotheses' sensitivity (totals less a row instead of re-ranking) and the bootstrap
(NumPy blocks instead of a Python loop) are each checked against the plain version, kept here as
the definition, on random evidence built to hit the edge cases: shared origins, equal strengths,
undated items, dates on window edges, weights on rounding boundaries."""

from __future__ import annotations

import functools
import operator
import random
from datetime import date, timedelta

import pytest

from frenemy.assess import contradictions as contra
from frenemy.assess import score as scoring
from frenemy.assess.dyad import assess_dyad
from frenemy.assess.evidence import EvidenceGroup, gather, group, rules
from frenemy.assess.hypotheses import _rank, compete
from tests.assess.rows import claim, event

CODES = ("042", "043", "057", "061", "0841", "111", "112", "173", "181", "190")
ORIGINS = ("Minister", "Wire", "Analyst", "Commission", "Defector", None)


def _random_rows(rnd: random.Random, n_events: int, n_claims: int, pairs=(("IRN", "AQ"),)) -> tuple[list, list]:
    start = date(2000, 1, 1)

    def when() -> date | None:
        return None if rnd.random() < 0.08 else start + timedelta(days=rnd.choice((0, 30, 365, 729, 730, 731)) + rnd.randrange(2000))

    events, claims = [], []
    for _ in range(n_events):
        a, b = rnd.choice(pairs)
        if rnd.random() < 0.5:
            a, b = b, a
        first = when()
        last = None if first is None or rnd.random() < 0.6 else first + timedelta(days=rnd.choice((0, 10, 200, 400, 3000)))
        flags = {f: rnd.random() < 0.1 for f in ("negated", "denied", "hypothetical", "no_evidence", "alleged", "hedged")}
        row = event(a, b, rnd.choice(CODES), first, last, by=rnd.choice(ORIGINS), grade=rnd.choice("ABCDF"),
                    credibility=rnd.randint(1, 6), doc=f"d{rnd.randrange(6)}", **flags)
        row["event_date_end"] = last if last else first
        row["report_date"] = when()
        events.append(row)
    for _ in range(n_claims):
        a, b = rnd.choice(pairs)
        flags = {f: rnd.random() < 0.12 for f in ("denied", "no_evidence", "hypothetical", "alleged")}
        claims.append(claim(a, b, rnd.choice((1, 1, -1, -1, 0)), when(), by=rnd.choice(ORIGINS),
                            grade=rnd.choice("ABCF"), credibility=rnd.randint(1, 6),
                            strength=rnd.choice((0.5, 1.0)), doc=f"d{rnd.randrange(6)}", **flags))
    return events, claims


# ---- the plain versions (what the code did before it scaled) ----------------------------------

def _plain_kind(a, b):
    if a.origin == b.origin:
        return None
    if a.kind == b.kind == "claim" and not (a.no_evidence or b.no_evidence) and a.weight and b.weight:
        if a.polarity * b.polarity == -1 and contra._within(a, b, contra.STATEMENT_WINDOW_DAYS):
            return "opposite statements"
    for finding, other in ((a, b), (b, a)):
        if (finding.kind == "claim" and finding.no_evidence and finding.weight and other.weight
                and not other.no_evidence and not other.transactional):
            if other.polarity == -finding.polarity and (other.date is None or finding.report_date is None
                                                         or other.date <= finding.report_date):
                return "assertion vs no evidence"
    for denial, other in ((a, b), (b, a)):
        if denial.kind == other.kind == "event" and denial.set_aside and not other.set_aside and other.weight:
            if (denial.code or "")[:2] == (other.code or "")[:2] and contra._overlap(denial, other):
                return "assertion vs denial"
    return None


def _plain_contradictions(items, limit):
    found = []
    relevant = [e for e in items if e.weight > 0 or (e.kind == "event" and e.set_aside and "hypothetical" not in e.set_aside)]
    for i, a in enumerate(relevant):
        for b in relevant[i + 1:]:
            kind = _plain_kind(a, b)
            if kind:
                first, second = (b, a) if (a.no_evidence or a.set_aside) else (a, b)
                found.append((first.id, second.id, kind))
    strength = {}
    for e in items:
        strength[e.id] = e
    found.sort(key=lambda f: -contra.Contradiction(strength[f[0]], strength[f[1]], f[2], "").strength)
    return found[:limit]


def _plain_group(items):
    table = rules()["scoring"]
    groups, keyed = [], {}
    for item in items:
        if item.weight <= 0:
            continue
        pair = frozenset((item.source_id, item.target_id))
        key = ("event", pair, (item.code or "")[:2], item.polarity) if item.kind == "event" else (
            "claim", pair, item.polarity, item.origin)
        for index in keyed.get(key, []):
            lead = max(groups[index], key=lambda e: (e.weight, e.intensity))
            if item.kind == "claim" or _plain_same(lead, item, table):
                groups[index].append(item)
                break
        else:
            keyed.setdefault(key, []).append(len(groups))
            groups.append([item])
    return [[e.id for e in g] for g in groups]


def _plain_same(lead, item, table):
    a0, a1 = lead.date, lead.date_end or lead.date
    b0, b1 = item.date, item.date_end or item.date
    if a0 is None or b0 is None:
        return a0 is None and b0 is None and lead.doc_id == item.doc_id
    overlap = (min(a1, b1) - max(a0, b0)).days + 1
    if overlap <= 0:
        return False
    widths = sorted(((a1 - a0).days + 1, (b1 - b0).days + 1))
    if overlap == widths[0] and widths[1] <= table["merge_max_days"]:
        return True
    return overlap / ((max(a1, b1) - min(a0, b0)).days + 1) >= table["same_span_overlap"]


def _plain_bootstrap(groups, n, seed):
    prior = rules()["scoring"]["prior"]
    signed, mass = [g.polarity * g.mass for g in groups], [g.mass for g in groups]
    rng, draws = random.Random(seed), []
    for _ in range(n):
        picks = rng.choices(range(len(groups)), k=len(groups))
        draws.append(_left_to_right(signed[i] for i in picks) / (_left_to_right(mass[i] for i in picks) + prior))
    return sorted(draws)


def _left_to_right(values):
    """``sum`` of floats as Python 3.11 adds them (3.12 compensates)."""
    return functools.reduce(operator.add, values, 0)


# ---- the checks -----------------------------------------------------------------------------------

@pytest.mark.parametrize("seed", range(12))
def test_contradictions_are_the_strongest_pairs_of_the_pairwise_definition_in_its_order(seed, monkeypatch):
    rnd = random.Random(seed)
    items = gather(*_random_rows(rnd, rnd.randint(0, 60), rnd.randint(0, 60)))
    for limit in (3, 50, 10_000):
        monkeypatch.setattr(contra, "LIMIT", limit)
        found = [(c.a.id, c.b.id, c.kind) for c in contra.contradictions(items)]
        assert found == _plain_contradictions(items, limit)


def test_contradictions_in_input_order_when_items_are_not_sorted_by_date():
    rnd = random.Random(99)
    items = gather(*_random_rows(rnd, 50, 50))
    rnd.shuffle(items)
    assert [(c.a.id, c.b.id, c.kind) for c in contra.contradictions(items)] == _plain_contradictions(items, contra.LIMIT)


@pytest.mark.parametrize("seed", range(12))
def test_groups_are_those_of_matching_every_group_of_the_key(seed):
    rnd = random.Random(seed)
    items = gather(*_random_rows(rnd, rnd.randint(0, 120), rnd.randint(0, 40), (("IRN", "AQ"), ("IRN", "USA"))))
    assert [[e.id for e in g.items] for g in group(items)] == _plain_group(items)
    assert all(e.group == -1 or e in group(items)[e.group].items for e in items)
    rnd.shuffle(items)  # not in date order: no group may be closed early
    assert [[e.id for e in g.items] for g in group(items)] == _plain_group(items)


@pytest.mark.parametrize("seed", range(8))
def test_sensitivity_is_that_of_re_ranking_without_each_item(seed):
    rnd = random.Random(seed)
    size = rnd.randint(1, 5) if seed % 2 else rnd.randint(1, 80)  # few items: losing one can change the lead
    groups = group(gather(*_random_rows(rnd, size, rnd.randint(0, 3 if seed % 2 else 30))))
    comp = compete(groups)
    matrix = sorted(comp.matrix, key=lambda r: r.group)
    plain = [(row.group, _rank([r for r in matrix if r is not row])[0].name) for row in matrix]
    assert [(s.group, s.leader_without) for s in comp.sensitivity] == [
        (g, name) for g, name in plain if name != comp.hypotheses[0].name]


def test_sensitivity_on_sums_that_sit_on_a_rounding_boundary():
    """Weights of 0.0005 steps put the sums on x.xxx5, where only the exact float decides."""
    rnd = random.Random(5)
    groups = group(gather(*_random_rows(rnd, 40, 20)))
    comp = compete(groups)
    for row in comp.matrix:
        row.weight = rnd.choice((0.0005, 0.0015, 0.0025, 0.1235, 0.0))
    matrix = sorted(comp.matrix, key=lambda r: r.group)
    from frenemy.assess.hypotheses import _leaders_without
    assert _leaders_without(matrix) == [_rank([r for r in matrix if r is not row])[0].name for row in matrix]


@pytest.mark.parametrize("seed", (0, 1, 7, 2**40 + 3, -5))
def test_bootstrap_draws_are_those_of_random_choices(seed, monkeypatch):
    rnd = random.Random(seed)
    groups = group(gather(*_random_rows(rnd, 60, 30)))
    assert scoring._resampled(groups, 400, seed) == _plain_bootstrap(groups, 400, seed)
    monkeypatch.setattr(scoring, "_BLOCK", 7)  # blocks of one resample, and of several
    assert scoring._resampled(groups, 50, seed) == _plain_bootstrap(groups, 50, seed)


def test_a_report_lists_a_page_of_a_long_evidence_list_and_says_how_many_there_are():
    events, claims = _random_rows(random.Random(3), 40, 40)
    result = assess_dyad(("IRN", "Iran"), ("AQ", "al-Qaeda"), events, claims)
    full = result.to_dict()
    assert "evidence_page" not in full and len(full["evidence"]) == len(result.evidence) > 12
    page = result.to_dict(evidence_offset=5, evidence_limit=10)
    assert [e["event_id" if "event_id" in e else "claim_id"] for e in page["evidence"]] == [e.id for e in result.evidence[5:15]]
    assert page["evidence_page"] == {"offset": 5, "limit": 10, "listed": 10, "total": len(result.evidence)}
    assert {k: v for k, v in page.items() if not k.startswith("evidence")} == {
        k: v for k, v in full.items() if not k.startswith("evidence")}


def test_empty_inputs():
    assert contra.contradictions([]) == [] and group([]) == [] and scoring._resampled([], 10, 0) == []
    assert compete([]).sensitivity == [] and isinstance(EvidenceGroup().items, list)
