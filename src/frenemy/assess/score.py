"""From evidence groups to a score in [-1, 1], its uncertainty, a label and ICD-203 words.

score = sum(sign x intensity x weight) / (sum(intensity x weight) + prior) over groups (one per
happening, weighted by independent origins). The prior keeps thin evidence near 0. The uncertainty
is a 90% bootstrap interval over the groups: with few independent reports, dropping or repeating
one moves the score a lot, and the interval says so. The likelihood of a judgement ("adversarial or
worse") is a posterior probability over independent origins with a prior (one or two origins cannot
make it "very likely"), worded with the ICD-203 scale; confidence rests on
how many independent origins there are, how many are graded A or B, and how much they contradict
each other.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy

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
    """Scores of ``resamples`` bootstrap resamples of the groups, sorted (deterministic per seed).

    Each resample draws len(groups) groups with replacement, as ``random.Random(seed).choices``
    does, in blocks of resamples at once: NumPy's legacy Mersenne Twister seeded with the same key
    yields the same doubles as ``random.Random``, and a running sum adds left to right as ``sum``
    did before Python 3.12, so the draws are bit for bit those of that loop
    (``tests/assess/test_scale.py``), at C speed and in bounded memory (``_BLOCK`` draws at a time).
    """
    n = resamples if resamples is not None else rules()["scoring"]["resamples"]
    if not groups or n <= 0:
        return []
    prior = rules()["scoring"]["prior"]
    signed = numpy.array([g.polarity * g.mass for g in groups], dtype=float)
    mass = numpy.array([g.mass for g in groups], dtype=float)
    size = len(groups)
    rng = numpy.random.RandomState(_seed_key(seed))
    draws: list[float] = []
    block = max(1, _BLOCK // size)
    for done in range(0, n, block):
        picks = numpy.floor(rng.random_sample((min(block, n - done), size)) * float(size)).astype(numpy.intp)
        totals = numpy.cumsum(signed[picks], axis=1)[:, -1] / (numpy.cumsum(mass[picks], axis=1)[:, -1] + prior)
        draws += totals.tolist()
    return sorted(draws)


#: bootstrap draws held in memory at once (8 bytes each, a few arrays of them)
_BLOCK = 1 << 20


def _seed_key(seed: int) -> list[int]:
    """The key ``random.Random(seed)`` seeds its Mersenne Twister with: |seed| in 32-bit words."""
    value, words = abs(seed), []
    while value:
        words.append(value & 0xFFFFFFFF)
        value >>= 32
    return words or [0]


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


def likelihood(groups: Sequence[EvidenceGroup], name: str) -> float:
    """The posterior probability that the judgement holds, from a Beta model of the share of
    independent origins that report the pair cooperating. Each origin counts once (its reports'
    cooperative share of its evidence mass, times its best weight), so one article's author
    reporting ten meetings is one voice, not ten; the prior (``[posterior] prior`` pseudo-origins on
    each side) keeps one or two origins from reaching "very likely". A sided judgement holds when
    that share is on its side of one half; "mixed" when it is within ``mixed_band`` of one half."""
    coop, conf = origin_counts(groups)
    prior = rules()["posterior"]["prior"]
    a, b = prior + coop, prior + conf
    low, high = label_band(name)
    if high <= label_band("mixed")[0]:
        return beta_cdf(0.5, a, b)
    if low >= label_band("mixed")[1]:
        return 1.0 - beta_cdf(0.5, a, b)
    band = rules()["posterior"]["mixed_band"]
    return beta_cdf(0.5 + band, a, b) - beta_cdf(0.5 - band, a, b)


def origin_counts(groups: Sequence[EvidenceGroup]) -> tuple[float, float]:
    """(cooperative, conflictual) pseudo-counts: each independent origin splits its best weight by
    the signed evidence mass it reports."""
    mass: dict[str, list[float]] = {}
    weight: dict[str, float] = {}
    for g in groups:
        for item in g.items:
            tally = mass.setdefault(item.origin, [0.0, 0.0])
            tally[0 if g.polarity > 0 else 1] += g.intensity * item.weight
            weight[item.origin] = max(weight.get(item.origin, 0.0), min(item.weight, 1.0))
    coop = conf = 0.0
    for origin, (plus, minus) in mass.items():
        if plus + minus > 0:
            coop += weight[origin] * plus / (plus + minus)
            conf += weight[origin] * minus / (plus + minus)
    return coop, conf


def beta_cdf(x: float, a: float, b: float, steps: int = 2000) -> float:
    """P(X <= x) for X ~ Beta(a, b) with a, b >= 1 (Simpson's rule on the density; no SciPy)."""
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    log_norm = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b)

    def density(t: float) -> float:
        if t <= 0.0 or t >= 1.0:
            return math.exp(log_norm) if (t <= 0.0 and a == 1) or (t >= 1.0 and b == 1) else 0.0
        return math.exp(log_norm + (a - 1) * math.log(t) + (b - 1) * math.log(1 - t))

    h = x / steps
    total = density(0.0) + density(x)
    for k in range(1, steps):
        total += (4 if k % 2 else 2) * density(k * h)
    return min(1.0, max(0.0, total * h / 3))


def likelihood_term(probability: float) -> tuple[str, str]:
    """ICD-203 term and its range for a probability (0..1)."""
    percent = probability * 100
    chosen = rules()["likelihood"][0]
    for row in rules()["likelihood"]:
        if percent >= row["from"]:
            chosen = row
    return chosen["term"], chosen["range"]


def confidence(origins: int, reliable_origins: int, contradiction_share: float, weak_share: float = 0.0) -> str:
    """ICD-203 confidence from the quantity, quality and agreement of independent sourcing, one
    level lower when weak (stance) evidence carries much of the weight."""
    levels = ("high", "moderate", "low")
    found = "low"
    for level in levels[:2]:
        need = rules()["confidence"][level]
        if (origins >= need["min_origins"] and reliable_origins >= need["min_reliable_origins"]
                and contradiction_share <= need["max_contradiction_share"]):
            found = level
            break
    if weak_share >= rules()["confidence"]["weak"]["share"]:
        found = levels[min(levels.index(found) + 1, 2)]
    return found


def weak_share(groups: Sequence[EvidenceGroup]) -> float:
    """The share of the evidence mass that rests on weak evidence classes (stance)."""
    weak = set(rules()["confidence"]["weak"]["classes"])
    total = sum(g.mass for g in groups)
    return sum(g.mass for g in groups if g.lead.evidence_class in weak) / total if total else 0.0


__all__ = ["Score", "beta_cdf", "confidence", "label", "label_phrase", "likelihood", "likelihood_term", "origin_counts",
           "raw_score", "score", "weak_share",
           "transactional_share"]
