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

import sys
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
        for row, leader in zip(matrix, _leaders_without(matrix)):
            if leader != ranked[0].name:
                result.sensitivity.append(Sensitivity(
                    row.group, leader, f"without this item {leader} would lead instead of {ranked[0].name}",
                ))
    return result


def _leaders_without(matrix: Sequence[MatrixRow]) -> list[str]:
    """The hypothesis that would lead without each row in turn, as ``_rank`` of the other rows says.

    Re-ranking n - 1 rows n times is quadratic. Instead each hypothesis's sums drop the row's term
    from the totals. ``_rank`` reads its sums rounded to 3 decimals, and a float sum computed in
    another order differs from its sum by less than ``_slack``, so the rounded sum is one of the
    roundings of the two ends of that slack (a sum the row takes no part in is exactly the total).
    When one hypothesis leads whichever of those values hold, it is ``_rank``'s leader; otherwise
    (sums on a rounding boundary that decide the lead) that row is ranked the slow way.
    O(rows x hypotheses).
    """
    table = rules()
    values = table["rating_values"]
    names = list(table["hypotheses"])
    against = {h: [-values[r.ratings[h]] * r.weight if values[r.ratings[h]] < 0 else 0.0 for r in matrix] for h in names}
    support = {h: [values[r.ratings[h]] * r.weight if values[r.ratings[h]] > 0 else 0.0 for r in matrix] for h in names}
    totals = {h: (sum(against[h]), sum(support[h])) for h in names}
    leaders = []
    for k, row in enumerate(matrix):
        bounds = {h: (_rounded_without(totals[h][0], against[h][k], len(matrix)),
                      _rounded_without(totals[h][1], support[h][k], len(matrix))) for h in names}
        leader = _sure_leader(bounds)
        leaders.append(leader if leader is not None else _rank([r for r in matrix if r is not row])[0].name)
    return leaders


def _rounded_without(total: float, term: float, n: int) -> tuple[float, float]:
    """The least and greatest value round(sum of the other terms, 3) can have."""
    if not term:  # the row adds nothing to this sum (or adds 0.0, which changes no float)
        return round(total, 3), round(total, 3)
    rest, slack = total - term, _slack(total, n)
    return round(rest - slack, 3), round(rest + slack, 3)


def _slack(total: float, n: int) -> float:
    """A bound on how far two float sums of the same n non-negative terms (in any order, one of
    them less a term) can differ: a few units in the last place of the total per term."""
    return 4 * (n + 2) * sys.float_info.epsilon * total


def _sure_leader(bounds: dict[str, tuple[tuple[float, float], tuple[float, float]]]) -> str | None:
    """The hypothesis ``_rank`` puts first for every value its rounded sums can take, if one is
    (ranked by least inconsistency, then most consistency, then name)."""
    for name, ((_, against_high), (support_low, _)) in bounds.items():
        worst = (against_high, -support_low, name)
        if all(worst < (a_low, -s_high, other) for other, ((a_low, _), (_, s_high)) in bounds.items() if other != name):
            return name
    return None


__all__ = ["Competition", "Hypothesis", "MatrixRow", "Sensitivity", "compete"]
