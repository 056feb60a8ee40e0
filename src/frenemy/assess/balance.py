"""Structural balance: "the enemy of my enemy is my friend", checked against the evidence.

For a dyad A-B and each third party C with evidence on both A-C and B-C, the signs of A-C and B-C
(from their scores, + or - beyond ``[balance] sign_threshold``, else 0) give what balance predicts
for A-B. Strong balance (Heider; Cartwright & Harary 1956): the product of the two signs. Weak
balance (Davis 1967) also allows a triad of three enemies, so two negative ties allow A-B to be
either. The evidence on A-B says what is observed; a triad is balanced when observed and predicted
agree.

Also the signed network of every pair with evidence, for ``frenemy network``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from frenemy.assess.evidence import Evidence, group, rules
from frenemy.assess.score import score


def sign(value: float) -> int:
    threshold = rules()["balance"]["sign_threshold"]
    return 1 if value >= threshold else -1 if value <= -threshold else 0


@dataclass
class Triad:
    third_party_id: str
    third_party: str
    score_a: float
    score_b: float
    sign_a: int
    sign_b: int
    predicted: int | None
    allowed_weak: list[int]
    observed: int
    balanced_strong: bool | None
    balanced_weak: bool | None
    n_a: int
    n_b: int

    def to_dict(self) -> dict:
        return dict(self.__dict__)


def by_pair(items: Iterable[Evidence]) -> dict[frozenset[str], list[Evidence]]:
    pairs: dict[frozenset[str], list[Evidence]] = defaultdict(list)
    for item in items:
        if item.source_id and item.target_id and item.source_id != item.target_id:
            pairs[frozenset((item.source_id, item.target_id))].append(item)
    return pairs


def _names(items: Iterable[Evidence]) -> dict[str, str]:
    names: dict[str, str] = {}
    for e in items:
        names.setdefault(e.source_id, e.source_name)
        names.setdefault(e.target_id, e.target_name)
    return names


def triads(a_id: str, b_id: str, observed_score: float, items: Sequence[Evidence]) -> list[Triad]:
    """One triad per third party with evidence on both sides, the best evidenced first."""
    pairs = by_pair(items)
    names = _names(items)
    observed = sign(observed_score)
    found = []
    thirds = {x for p in pairs if a_id in p for x in p} & {x for p in pairs if b_id in p for x in p}
    for third in sorted(thirds - {a_id, b_id}):
        groups_a = group(pairs[frozenset((a_id, third))])
        groups_b = group(pairs[frozenset((b_id, third))])
        if not groups_a or not groups_b:
            continue
        score_a, score_b = score(groups_a, resamples=0).value, score(groups_b, resamples=0).value
        sa, sb = sign(score_a), sign(score_b)
        predicted = sa * sb if sa and sb else None
        allowed = [] if predicted is None else ([1, -1] if sa == sb == -1 else [predicted])
        found.append(Triad(
            third, names.get(third, third), score_a, score_b, sa, sb, predicted, allowed, observed,
            None if predicted is None or not observed else observed == predicted,
            None if predicted is None or not observed else observed in allowed,
            len(groups_a), len(groups_b),
        ))
    found.sort(key=lambda t: (t.predicted is None, -(t.n_a + t.n_b), t.third_party))
    return found


@dataclass
class Edge:
    source: str
    target: str
    score: float
    sign: int
    weight: float
    n_evidence: int
    start: date | None
    end: date | None
    spells: list[dict] = field(default_factory=list)  # per year: {start, end, score, sign}


@dataclass
class Network:
    nodes: dict[str, str]  # actor id -> name
    edges: list[Edge]


def network(items: Sequence[Evidence]) -> Network:
    """Signed, dated edges between every pair of actors with evidence."""
    names = _names(items)
    edges = []
    for pair, members in sorted(by_pair(items).items(), key=lambda kv: sorted(kv[0])):
        groups = group(members)
        if not groups:
            continue
        s = score(groups, resamples=0)
        dates = [d for g in groups for d in g.span if d]
        yearly: dict[int, list] = defaultdict(list)
        for g in groups:
            if g.span[0]:
                yearly[g.span[0].year].append(g)
        spells = []
        for year in sorted(yearly):
            value = score(yearly[year], resamples=0).value
            spells.append({"start": date(year, 1, 1), "end": date(year, 12, 31), "score": value, "sign": sign(value)})
        source, target = sorted(pair)
        edges.append(Edge(source, target, s.value, sign(s.value), round(s.mass, 4), len(groups),
                          min(dates) if dates else None, max(dates) if dates else None, spells))
    used = {x for e in edges for x in (e.source, e.target)}
    return Network({k: v for k, v in names.items() if k in used}, edges)


__all__ = ["Edge", "Network", "Triad", "by_pair", "network", "sign", "triads"]
