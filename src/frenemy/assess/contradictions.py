"""Contradictions between sources about one dyad, shown side by side with their grades.

Three kinds, always between different origins (a source does not contradict itself by repeating):

- ``opposite statements``: one source calls the relationship friendly, another hostile, within
  two years of each other ("secret deal" against "not one of alliance");
- ``assertion vs no evidence``: a source asserts cooperation (or hostility) that another source's
  finding of "no evidence" answers, reported no later than that finding (a defector's claimed
  meetings against a commission that "found no evidence");
- ``assertion vs denial``: an event one source reports and another denies or says did not
  happen, on overlapping dates.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from frenemy.assess.evidence import Evidence

STATEMENT_WINDOW_DAYS = 730
LIMIT = 50


@dataclass
class Contradiction:
    a: Evidence
    b: Evidence
    kind: str
    explanation: str

    @property
    def same_document(self) -> bool:
        return self.a.doc_id == self.b.doc_id

    @property
    def strength(self) -> float:
        return min(self.a.weight or 0.3, self.b.weight or 0.3) * min(self.a.intensity, self.b.intensity)

    def to_dict(self) -> dict:
        return {
            "a": _ref(self.a), "b": _ref(self.b), "kind": self.kind, "explanation": self.explanation,
            "same_document": self.same_document,
        }


def _ref(e: Evidence) -> dict:
    return {f"{e.kind}_id": e.id, "doc_id": e.doc_id, "attributed_to": e.attributed_to,
            "source_reliability": e.source_reliability, "credibility": e.credibility, "what": e.what,
            "polarity": e.polarity, "date": e.date.isoformat() if e.date else None, "sentence": e.sentence,
            "char_start": e.char_start, "char_end": e.char_end}


def _says(e: Evidence) -> str:
    grade = f" ({e.source_reliability})" if e.source_reliability else ""
    return f"{e.attributed_to or e.publisher or 'the document'}{grade}: \u201c{e.what}\u201d"


def _kind(a: Evidence, b: Evidence) -> str | None:
    if a.origin == b.origin:
        return None
    if a.kind == b.kind == "claim" and not (a.no_evidence or b.no_evidence) and a.weight and b.weight:
        if a.polarity * b.polarity == -1 and _within(a, b, STATEMENT_WINDOW_DAYS):
            return "opposite statements"
    for finding, other in ((a, b), (b, a)):
        if (finding.kind == "claim" and finding.no_evidence and finding.weight and other.weight
                and not other.no_evidence and not other.transactional):
            answered = -finding.polarity
            if other.polarity == answered and (other.date is None or finding.report_date is None
                                               or other.date <= finding.report_date):
                return "assertion vs no evidence"
    for denial, other in ((a, b), (b, a)):
        if denial.kind == other.kind == "event" and denial.set_aside and not other.set_aside and other.weight:
            if (denial.code or "")[:2] == (other.code or "")[:2] and _overlap(denial, other):
                return "assertion vs denial"
    return None


def _within(a: Evidence, b: Evidence, days: int) -> bool:
    if a.report_date is None or b.report_date is None:
        return True
    return abs((a.report_date - b.report_date).days) <= days


def _overlap(a: Evidence, b: Evidence) -> bool:
    if a.date is None or b.date is None:
        return True
    return a.date <= (b.date_end or b.date) and b.date <= (a.date_end or a.date)


def contradictions(items: Sequence[Evidence]) -> list[Contradiction]:
    """Contradicting pairs, the strongest first (at most ``LIMIT``)."""
    found = []
    relevant = [e for e in items if e.weight > 0 or (e.kind == "event" and e.set_aside and "hypothetical" not in e.set_aside)]
    for i, a in enumerate(relevant):
        for b in relevant[i + 1:]:
            kind = _kind(a, b)
            if kind:
                first, second = (b, a) if (a.no_evidence or a.set_aside) else (a, b)  # the assertion first
                found.append(Contradiction(first, second, kind, f"{_says(first)} \u2014 against \u2014 {_says(second)}"))
    found.sort(key=lambda c: -c.strength)
    return found[:LIMIT]


__all__ = ["Contradiction", "contradictions"]
