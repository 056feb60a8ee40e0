"""The answer for a pair of actors: verdict, timeline, competing hypotheses, contradictions and
the balance check, every figure traceable to the evidence items (and so to sentences).

``assess_dyad`` is pure: rows in (events and claims touching either actor, document metadata),
a ``DyadAssessment`` out. ``frenemy.api.assess`` reads the rows from the store.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from frenemy.assess.balance import Triad, by_pair, triads
from frenemy.assess.contradictions import Contradiction, contradictions
from frenemy.assess.evidence import Evidence, EvidenceGroup, gather, group
from frenemy.assess.hypotheses import Competition, compete
from frenemy.assess.score import (Score, confidence, label, label_phrase, likelihood, likelihood_term, score,
                                  transactional_share, weak_share)
from frenemy.assess.timeline import Period, TurningPoint, timeline

RELIABLE_GRADES = ("A", "B")


#: The label of a pair with no usable evidence: no score, no likelihood (never 0.00 "mixed").
INSUFFICIENT = "insufficient evidence"

#: Evidence items ``to_dict`` lists by default: far above any pair of the development corpora (a
#: few hundred), so only a hot pair of a large store (tens of thousands) gets a page, and then
#: ``evidence_page`` says which items were listed out of how many (docs/assessment.md).
EVIDENCE_PAGE = 5000


@dataclass
class Verdict:
    label: str
    score: float | None  # None: insufficient evidence
    low: float | None
    high: float | None
    uncertainty: float | None
    probability: float | None
    likelihood: str
    likelihood_range: str
    confidence: str
    statement: str
    drivers: list[int] = field(default_factory=list)  # group indexes, strongest first


@dataclass
class DyadAssessment:
    a_id: str
    a_name: str
    b_id: str
    b_name: str
    as_of: date | None
    unit: str
    evidence: list[Evidence]
    groups: list[EvidenceGroup]
    overall: Score
    verdict: Verdict
    periods: list[Period]
    turning_points: list[TurningPoint]
    competition: Competition
    contradictions: list[Contradiction]
    balance: list[Triad]
    stats: dict[str, Any]

    @property
    def window(self) -> tuple[date | None, date | None]:
        dates = [d for g in self.groups for d in g.span if d]
        return (min(dates), max(dates)) if dates else (None, None)

    def group_ref(self, index: int) -> dict[str, Any]:
        lead = self.groups[index].lead
        return {f"{lead.kind}_id": lead.id, "what": lead.what, "attributed_to": lead.attributed_to,
                "date": lead.date.isoformat() if lead.date else None}

    def to_dict(self, evidence_offset: int = 0, evidence_limit: int | None = EVIDENCE_PAGE) -> dict[str, Any]:
        """The JSON contract of ``frenemy dyad --format json`` and ``/api/dyad``.

        ``evidence`` lists the items from ``evidence_offset``, at most ``evidence_limit`` of them
        (None: all); when that is not all of them, ``evidence_page`` says which and how many there
        are (the figures and references elsewhere always rest on every item)."""
        start, end = self.window
        comp = self.competition
        stop = None if evidence_limit is None else evidence_offset + evidence_limit
        page = self.evidence[evidence_offset:stop]
        paging = {} if len(page) == len(self.evidence) else {"evidence_page": {
            "offset": evidence_offset, "limit": evidence_limit, "listed": len(page), "total": len(self.evidence)}}
        return {
            "dyad": {"a": {"id": self.a_id, "name": self.a_name}, "b": {"id": self.b_id, "name": self.b_name},
                     "as_of": self.as_of, "window": {"start": start, "end": end}, "by": self.unit},
            "verdict": {**asdict(self.verdict), "drivers": [self.group_ref(i) for i in self.verdict.drivers]},
            "stats": self.stats,
            "timeline": [
                {**{k: v for k, v in asdict(p).items() if k not in {"evidence"}},
                 "evidence": [self.group_ref(i) for i in p.evidence]}
                for p in self.periods
            ],
            "turning_points": [asdict(t) for t in self.turning_points],
            "evidence": [e.to_dict() for e in page],
            **paging,
            "hypotheses": [asdict(h) for h in comp.hypotheses],
            "ach_matrix": [{**asdict(r), "evidence": self.group_ref(r.group)} for r in comp.matrix],
            "sensitivity": [{**asdict(s), "evidence": self.group_ref(s.group)} for s in comp.sensitivity],
            "contradictions": [c.to_dict() for c in self.contradictions],
            "balance": [t.to_dict() for t in self.balance],
        }


def assess_dyad(a: tuple[str, str], b: tuple[str, str], events: Iterable[dict[str, Any]],
                claims: Iterable[dict[str, Any]], *, meta: dict[str, dict[str, Any]] | None = None,
                as_of: date | None = None, by: str = "auto") -> DyadAssessment:
    """Assess the dyad ``a``-``b`` (each ``(actor_id, name)``) from event and claim rows that
    touch either actor (rows about third parties feed the balance check). The rows are read once,
    in order, so they may come a batch at a time."""
    items = gather(events, claims, as_of, meta)
    pairs = by_pair(items)
    mine = pairs.get(frozenset((a[0], b[0])), [])
    groups = group(mine)
    overall = score(groups)
    name = label(overall.value, groups)
    unit, periods, points = timeline(groups, by)
    competition = compete(groups)
    found = contradictions(mine)
    verdict = _verdict(a[1], b[1], name, overall, groups, mine)
    own = {id(e) for e in mine}
    balance = triads(a[0], b[0], overall.value, [e for e in items if id(e) not in own])
    return DyadAssessment(
        a_id=a[0], a_name=a[1], b_id=b[0], b_name=b[1], as_of=as_of, unit=unit, evidence=mine, groups=groups,
        overall=overall, verdict=verdict, periods=periods, turning_points=points, competition=competition,
        contradictions=found, balance=balance, stats=_stats(mine, groups, overall),
    )


def _stats(items: Sequence[Evidence], groups: Sequence[EvidenceGroup], overall: Score) -> dict[str, Any]:
    counted = [e for e in items if e.weight > 0]
    return {
        "items": len(items), "counted": len(counted), "set_aside": len(items) - len(counted),
        "groups": len(groups), "documents": len({e.doc_id for e in counted}),
        "origins": len({e.origin for e in counted}),
        "reliable_origins": len({e.origin for e in counted if (e.source_reliability or "")[:1] in RELIABLE_GRADES}),
        "n_cooperative": overall.cooperative, "n_conflictual": overall.conflictual,
        "n_transactional": overall.transactional, "transactional_share": round(transactional_share(groups), 3),
    }


def _verdict(a: str, b: str, name: str, overall: Score, groups: Sequence[EvidenceGroup],
             items: Sequence[Evidence]) -> Verdict:
    if not groups:
        return Verdict(INSUFFICIENT, None, None, None, None, None, "cannot judge", "", "low",
                       f"Insufficient evidence: nothing in the store relates {a} and {b}; we cannot judge their "
                       "relationship.")
    probability = likelihood(groups, name)
    term, span = likelihood_term(probability)
    total = sum(g.mass for g in groups)
    side = 1 if overall.value > 0 else -1
    dissent = sum(g.mass for g in groups if g.polarity == -side) / total if total else 0.0
    counted = [e for e in items if e.weight > 0]
    origins = {e.origin for e in counted}
    reliable = {e.origin for e in counted if (e.source_reliability or "")[:1] in RELIABLE_GRADES}
    weak = weak_share(groups)
    level = confidence(len(origins), len(reliable), dissent, weak)
    if name in {"mixed", "transactional"}:
        drivers = sorted(range(len(groups)), key=lambda i: -groups[i].mass)[:3]
    else:
        drivers = sorted((i for i in range(len(groups)) if groups[i].polarity == side),
                         key=lambda i: -groups[i].mass)[:3]
    starts = [d for g in groups for d in g.span if d]
    window = f" ({min(starts).year}\u2013{max(starts).year})" if starts else ""
    statement = (
        f"It is {term} ({span}) that {a} and {b} have been {label_phrase(name)}{window}; {level} confidence. "
        f"Score {overall.value:+.2f} (90% interval {overall.low:+.2f} to {overall.high:+.2f}) from "
        f"{len(groups)} independent reports by {len(origins)} sources in {len({e.doc_id for e in counted})} documents"
        f" ({overall.cooperative} cooperative, {overall.conflictual} conflictual, {overall.transactional} transactional)."
    )
    if weak > 0:
        statement += f" {weak:.0%} of the weight rests on stance evidence (a sentence read for how it relates the two, not a coded event)."
    if drivers:
        statement += " Most weight: " + "; ".join(_driver_text(groups[i]) for i in drivers) + "."
    return Verdict(name, overall.value, overall.low, overall.high, overall.uncertainty, round(probability, 3), term,
                   span, level, statement, drivers)


def _driver_text(g: EvidenceGroup) -> str:
    lead = g.lead
    when = lead.date.isoformat()[:7] if lead.date else "undated"
    grade = f", {lead.source_reliability}" if lead.source_reliability else ""
    more = f" and {len(g.origins) - 1} more" if len(g.origins) > 1 else ""
    return f"{lead.source_name} {lead.what} {lead.target_name} ({when}; {lead.attributed_to or 'the document'}{grade}{more})"


__all__ = ["INSUFFICIENT", "DyadAssessment", "Verdict", "assess_dyad"]
