"""From evidence groups to a score in [-1, 1], its uncertainty, a label and ICD-203 words.

score = sum(sign x intensity x weight) / (sum(intensity x weight) + prior) over groups (one per
happening, weighted by independent origins). The prior keeps thin evidence near 0. The uncertainty
is a 90% bootstrap interval over the groups: with few independent reports, dropping or repeating
one moves the score a lot, and the interval says so. The likelihood of a judgement ("adversarial or
worse") is the share of resamples that reach it, worded with the ICD-203 scale; confidence rests on
how many independent origins there are, how many are graded A or B, and how much they contradict
each other.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

from frenemy.assess.evidence import EvidenceGroup, rules


@dataclass(frozen=True)
class Score:
    value: float
    low: float
    high: float
    cooperative: int
    conflictual: int
    transactional: int
    mass: float

    @property
    def uncertainty(self) -> float:
        """Half the width of the 90% interval."""
        return round((self.high - self.low) / 2, 3)


def raw_score(groups: Sequence[EvidenceGroup]) -> float:
    prior = rules()["scoring"]["prior"]
    total = sum(g.mass for g in groups)
    return sum(g.polarity * g.mass for g in groups) / (total + prior) if groups else 0.0


def score(groups: Sequence[EvidenceGroup], resamples: int | None = None, seed: int = 0) -> Score:
    """The score of a set of groups with its bootstrap interval (deterministic for a given input)."""
    value = raw_score(groups)
    draws = _resampled(groups, resamples, seed)
    low, high = (draws[int(0.05 * (len(draws) - 1))], draws[int(0.95 * (len(draws) - 1))]) if draws else (value, value)
    return Score(
        value=round(value, 3), low=round(min(low, value), 3), high=round(max(high, value), 3),
        cooperative=sum(1 for g in groups if g.polarity > 0 and not g.lead.transactional),
        conflictual=sum(1 for g in groups if g.polarity < 0),
        transactional=sum(1 for g in groups if g.lead.transactional),
        mass=round(sum(g.mass for g in groups), 4),
    )


def _resampled(groups: Sequence[EvidenceGroup], resamples: int | None, seed: int) -> list[float]:
    """Scores of ``resamples`` bootstrap resamples of the groups, sorted (deterministic per seed)."""
    if not groups:
        return []
    n = resamples if resamples is not None else rules()["scoring"]["resamples"]
    prior = rules()["scoring"]["prior"]
    signed = [g.polarity * g.mass for g in groups]
    mass = [g.mass for g in groups]
    rng = random.Random(seed)
    draws = []
    for _ in range(n):
        picks = rng.choices(range(len(groups)), k=len(groups))
        draws.append(sum(signed[i] for i in picks) / (sum(mass[i] for i in picks) + prior))
    return sorted(draws)


def label(value: float, groups: Sequence[EvidenceGroup]) -> str:
    """allied / cooperative / mixed or transactional / adversarial / hostile."""
    for row in rules()["labels"]:
        if value <= row["upto"]:
            name = row["name"]
            break
    if name == "mixed" and transactional_share(groups) >= rules()["transactional"]["share"]:
        return "transactional"
    return name


def transactional_share(groups: Sequence[EvidenceGroup]) -> float:
    total = sum(g.mass for g in groups)
    return sum(g.mass for g in groups if g.lead.transactional) / total if total else 0.0


def label_phrase(name: str) -> str:
    if name == "transactional":
        return rules()["transactional"]["phrase"]
    return next(row["phrase"] for row in rules()["labels"] if row["name"] == name)


def label_band(name: str) -> tuple[float, float]:
    """The score range a label covers (transactional shares mixed's)."""
    lower = -1.0
    for row in rules()["labels"]:
        if row["name"] == name or (name == "transactional" and row["name"] == "mixed"):
            return lower, row["upto"]
        lower = row["upto"]
    raise KeyError(name)


def likelihood(groups: Sequence[EvidenceGroup], name: str, seed: int = 0) -> float:
    """Share of bootstrap resamples whose score falls on the judgement's side: at or beyond the
    label's band for the two sides ("adversarial" counts hostile resamples too), inside it for mixed."""
    draws = _resampled(groups, None, seed)
    if not draws:
        return 0.5
    low, high = label_band(name)
    if high <= label_band("mixed")[0]:
        hits = sum(1 for d in draws if d <= high)
    elif low >= label_band("mixed")[1]:
        hits = sum(1 for d in draws if d > low)
    else:
        hits = sum(1 for d in draws if low < d <= high)
    return hits / len(draws)


def likelihood_term(probability: float) -> tuple[str, str]:
    """ICD-203 term and its range for a probability (0..1)."""
    percent = probability * 100
    chosen = rules()["likelihood"][0]
    for row in rules()["likelihood"]:
        if percent >= row["from"]:
            chosen = row
    return chosen["term"], chosen["range"]


def confidence(origins: int, reliable_origins: int, contradiction_share: float) -> str:
    """ICD-203 confidence from the quantity, quality and agreement of independent sourcing."""
    for level in ("high", "moderate"):
        need = rules()["confidence"][level]
        if (origins >= need["min_origins"] and reliable_origins >= need["min_reliable_origins"]
                and contradiction_share <= need["max_contradiction_share"]):
            return level
    return "low"


__all__ = ["Score", "confidence", "label", "label_phrase", "likelihood", "likelihood_term", "raw_score", "score",
           "transactional_share"]
