"""Analysis of competing hypotheses (Heuer 1999, ch. 8) over the evidence on a dyad.

Hypotheses: allies, enemies, transactional, factional (``assessment.toml``). Each evidence group
is rated against each hypothesis from its class (material cooperation, an exchange, a hostile
statement, a "no evidence" finding ...) with the consistency table in ``assessment.toml``. Heuer
ranks hypotheses by the evidence *against* them: the best-supported is the one with the least
credibility-weighted inconsistency (I counts 1, II counts 2, each times the group's weight).
Diagnosticity is how differently an item rates across hypotheses (an item consistent with all of
them says nothing). The sensitivity view removes each item in turn and reports those whose loss
would change which hypothesis leads.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from frenemy.assess.evidence import EvidenceGroup, rules


@dataclass
class Hypothesis:
    name: str
    description: str
    inconsistency: float
    consistency: float
    n_inconsistent: int
    rank: int = 0


@dataclass
class MatrixRow:
    group: int
    evidence_class: str
    weight: float
    ratings: dict[str, str]
    diagnosticity: int


@dataclass
class Sensitivity:
    group: int
    leader_without: str
    explanation: str


@dataclass
class Competition:
    hypotheses: list[Hypothesis] = field(default_factory=list)
    matrix: list[MatrixRow] = field(default_factory=list)
    sensitivity: list[Sensitivity] = field(default_factory=list)

    @property
    def leader(self) -> str | None:
        return self.hypotheses[0].name if self.hypotheses else None


def _rank(rows: Sequence[MatrixRow]) -> list[Hypothesis]:
    table = rules()
    values = table["rating_values"]
    found = []
    for name, description in table["hypotheses"].items():
        against = sum(-values[r.ratings[name]] * r.weight for r in rows if values[r.ratings[name]] < 0)
        support = sum(values[r.ratings[name]] * r.weight for r in rows if values[r.ratings[name]] > 0)
        count = sum(1 for r in rows if values[r.ratings[name]] < 0)
        found.append(Hypothesis(name, description, round(against, 3), round(support, 3), count))
    found.sort(key=lambda h: (h.inconsistency, -h.consistency, h.name))
    for rank, hypothesis in enumerate(found, 1):
        hypothesis.rank = rank
    return found


def compete(groups: Sequence[EvidenceGroup]) -> Competition:
    """The ACH matrix, the ranking and the sensitivity of the ranking to single items."""
    table = rules()
    values = table["rating_values"]
    matrix = []
    for index, g in enumerate(groups):
        ratings = dict(table["ratings"][g.lead.evidence_class])
        spread = max(values[r] for r in ratings.values()) - min(values[r] for r in ratings.values())
        matrix.append(MatrixRow(index, g.lead.evidence_class, round(g.weight, 4), ratings, spread))
    ranked = _rank(matrix)
    result = Competition(ranked, sorted(matrix, key=lambda r: (-r.diagnosticity, -r.weight, r.group)))
    if len(ranked) > 1:
        for row in matrix:
            without = _rank([r for r in matrix if r is not row])
            if without and without[0].name != ranked[0].name:
                result.sensitivity.append(Sensitivity(
                    row.group, without[0].name,
                    f"without this item {without[0].name} would lead instead of {ranked[0].name}",
                ))
    return result


__all__ = ["Competition", "Hypothesis", "MatrixRow", "Sensitivity", "compete"]
