"""The relationship period by period: a score per year, quarter or month, with counts of
cooperative, conflictual and transactional evidence, and the turning points between periods.

A group counts in every period its date span touches, at full weight: an event dated only to "the
1990s" or a detention that lasted "from 9/11 until the report" is evidence about each year of
that span. A period is *contested* when both sides have weight there and the lesser is at least a
third of the greater.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from frenemy.assess.evidence import EvidenceGroup
from frenemy.assess.score import label, raw_score, score

PERIODS = ("year", "quarter", "month", "auto")


@dataclass
class Period:
    period: str
    start: date
    end: date
    score: float
    low: float
    high: float
    n_cooperative: int
    n_conflictual: int
    n_transactional: int
    label: str
    contested: bool
    evidence: list[int] = field(default_factory=list)  # group indexes
    highlights: list[str] = field(default_factory=list)


@dataclass
class TurningPoint:
    period: str
    before: str
    after: str
    description: str


def choose_unit(groups: Sequence[EvidenceGroup], by: str) -> str:
    """``auto``: years for spans over four years, quarters over a year, else months."""
    if by != "auto":
        return by
    dates = [d for g in groups for d in g.span if d]
    if not dates:
        return "year"
    days = (max(dates) - min(dates)).days
    return "year" if days > 4 * 366 else "quarter" if days > 366 else "month"


def period_of(day: date, unit: str) -> tuple[str, date, date]:
    """(name, first day, last day) of the period holding ``day``."""
    if unit == "year":
        return str(day.year), date(day.year, 1, 1), date(day.year, 12, 31)
    if unit == "quarter":
        q = (day.month - 1) // 3
        start = date(day.year, 3 * q + 1, 1)
        return f"{day.year}-Q{q + 1}", start, _month_end(date(day.year, 3 * q + 3, 1))
    start = date(day.year, day.month, 1)
    return f"{day.year}-{day.month:02d}", start, _month_end(start)


def _month_end(day: date) -> date:
    nxt = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return nxt - timedelta(days=1)


def _periods_touched(start: date, end: date, unit: str) -> list[tuple[str, date, date]]:
    found, day = [], start
    while day <= end:
        found.append(period_of(day, unit))
        day = found[-1][2] + timedelta(days=1)
    return found


def timeline(groups: Sequence[EvidenceGroup], by: str = "auto") -> tuple[str, list[Period], list[TurningPoint]]:
    """(unit, periods with evidence in time order, turning points)."""
    unit = choose_unit(groups, by)
    buckets: dict[str, tuple[date, date, list[int]]] = {}
    for index, g in enumerate(groups):
        start, end = g.span
        if start is None:
            continue
        for name, first, last in _periods_touched(start, max(end or start, start), unit):
            buckets.setdefault(name, (first, last, []))[2].append(index)
    periods = []
    for name, (first, last, members) in sorted(buckets.items(), key=lambda kv: kv[1][0]):
        chosen = [groups[i] for i in members]
        s = score(chosen, resamples=100)
        positive = sum(g.mass for g in chosen if g.polarity > 0)
        negative = sum(g.mass for g in chosen if g.polarity < 0)
        contested = min(positive, negative) >= max(positive, negative) / 3 > 0
        top = sorted(chosen, key=lambda g: -g.mass)
        periods.append(Period(
            period=name, start=first, end=last, score=s.value, low=s.low, high=s.high,
            n_cooperative=s.cooperative, n_conflictual=s.conflictual, n_transactional=s.transactional,
            label=label(raw_score(chosen), chosen), contested=contested, evidence=members,
            highlights=_distinct(g.lead.what.lower() for g in top)[:3],
        ))
    return unit, periods, turning_points(periods)


def _distinct(words) -> list[str]:
    seen: list[str] = []
    for word in words:
        if word and word not in seen:
            seen.append(word)
    return seen


def _side(period: Period) -> str:
    if period.label in {"allied", "cooperative"}:
        return "cooperation"
    if period.label in {"adversarial", "hostile"}:
        return "conflict"
    return period.label  # mixed or transactional


def turning_points(periods: Sequence[Period]) -> list[TurningPoint]:
    """Where the relationship changes side from one period with evidence to the next."""
    points = []
    for before, after in zip(periods, periods[1:]):
        if _side(before) != _side(after):
            points.append(TurningPoint(
                period=after.period, before=before.label, after=after.label,
                description=f"from {after.period}: {after.label} ({', '.join(after.highlights)})",
            ))
    return points


__all__ = ["PERIODS", "Period", "TurningPoint", "choose_unit", "period_of", "timeline", "turning_points"]
