"""Event time: when an event happened, kept apart from when it was reported.

Each event gets a period (``start..end``, inclusive), its precision and how it was obtained. The
time expressions of its sentence are found with precompiled regexes (no spaCy: this runs on every
event of every article); the one closest to the trigger wins, and one in the same clause beats any
across ";", a dash or ", but/and/while ...". It is resolved against the report date, the previous
dated event of the document, or a well-known anchor event ("after 9/11"). A sentence that says
nothing gives the report date marked ``document-date``, never mistaken for a stated date.

Choices where English is vague (each one is tested in tests/nlp/test_timex.py):

* early/mid/late (or the beginning/middle/end of) a year: Jan-Apr/May-Aug/Sep-Dec; of a month:
  days 1-10/11-20/21-end; of a decade: years 0-3/4-6/7-9. Seasons are northern meteorological
  (spring Mar-May ...); "winter of 2004" is Dec 2003-Feb 2004, the winter holding January 2004.
* A month, day or weekday without a year is the latest one on or before the report date ("last"
  strictly before, "next" the first after, "this March" the report's year). Future tense is not
  special-cased. "last/this/next week" is a Monday-Sunday week; "overnight" the day before and
  the report day; "recently" the 30 days up to it (recent days 7, months 182, years 3*365).
* Shifts ("two years later") keep the coarser of the unit's precision (days and weeks: day,
  months: month, years: the whole year) and the base's; a coarse base widens the result.
* "later/earlier that year", "then", "the following year" need ``previous``; without it only
  "N units earlier/before" falls back to the report date (a moment before the report is
  meaningful, "two years later" than nothing is not) and the others say nothing.
* Anchors: "after/since/following/in the wake of X" is X..report date (X + 1 year without one);
  "before/prior to/ahead of X" the year up to the day before X; "on/during X", or a trigger inside
  the mention, X itself; "N units after X" X shifted; a mention with no cue dates nothing.
  "since <date>" (explicit or relative) likewise runs to the report date.
"""

from __future__ import annotations

import calendar
import re
import string
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cache, lru_cache
from typing import Any

# ingest's month and number tables (private names imported on purpose: one table for the package).
from frenemy.ingest.dates import _MONTHS, _NUMBER_WORDS
from frenemy.ontology.anchors import AnchorEvent, anchor_events


@dataclass(frozen=True)
class EventTime:
    """When an event happened: ``start..end`` inclusive, how precise, and how we know."""

    start: date  # first day of the period
    end: date  # last day (== start for a day)
    precision: str  # "day" | "month" | "year" | "range"
    basis: str  # "explicit" | "relative-to-document" | "relative-to-event" | "anchor-event" | "document-date"
    text: str | None  # the time expression used, or None for document-date


@dataclass(frozen=True)
class _Ctx:
    report: EventTime | None  # the report period
    previous: EventTime | None
    trigger: tuple[int, int]


Handler = Callable[[Any, _Ctx, str], EventTime | None]
Mention = tuple[int, int, Handler, Any]  # start, end, resolver, what the resolver reads
Finder = Callable[[str, str], Iterator[Mention]]  # (sentence, its ASCII-lowercased copy) -> mentions
_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)  # keeps every offset


def _lc(pattern: str) -> re.Pattern[str]:
    """Compile for ASCII-lowercased text: CPython's engine is several times slower with IGNORECASE."""
    if re.search(r"\\[A-Z]", pattern):  # \S, \W ... would change meaning when lowercased
        return re.compile(pattern, re.IGNORECASE)
    return re.compile(pattern.lower().replace("(?p<", "(?P<"))


_DAY = timedelta(days=1)
_RANK = {"day": 0, "month": 1, "year": 2}
_UNIT_PRECISION = {"day": "day", "week": "day", "month": "month", "year": "year"}
_NUMBERS = {**_NUMBER_WORDS, "eleven": 11, "twelve": 12, "fifteen": 15, "eighteen": 18, "twenty": 20}
_NUM = r"\d{1,3}|" + "|".join(sorted(_NUMBERS, key=len, reverse=True))
_UNIT = r"(?P<unit>day|week|month|year)s?"
_FULL_MON = "|".join(calendar.month_name[1:])
_ABBR_MON = "|".join(sorted({k.capitalize() for k in _MONTHS} - set(calendar.month_name), key=len, reverse=True))
_MON = rf"(?:(?:{_FULL_MON})\b|(?:{_ABBR_MON})\b\.?)"  # any case: only used next to digits
_CAP_MON = rf"(?-i:{_MON})"  # without digits, capitalised only: "may" is a verb
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAY_RE = "|".join(_WEEKDAYS)
_YEAR = r"(?:1[89]|20)\d\d"
_SINCE = r"(?:\b(?P<rel>since)\s+)?"
_PARTS = r"early|mid|late|the\s+(?:beginning|start|middle|end)\s+of"
_PART_REQ = rf"(?P<part>{_PARTS})[\s-]+"
_PART = rf"(?:{_PART_REQ})?"
_PART_INDEX = {"early": 0, "beginning": 0, "start": 0, "mid": 1, "middle": 1, "late": 2, "end": 2}
_SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
_DOC_WORDS = {"yesterday": (-1, -1), "last night": (-1, -1), "overnight": (-1, 0), "today": (0, 0), "tonight": (0, 0),
              "this morning": (0, 0), "this afternoon": (0, 0), "this evening": (0, 0), "tomorrow": (1, 1),
              "recently": (-30, 0), "lately": (-30, 0), "in recent days": (-7, 0), "in recent weeks": (-30, 0),
              "in recent months": (-182, 0), "in recent years": (-1095, 0)}  # fmt: skip
_BACKWARD = {"earlier", "before", "previously", "previous", "preceding", "prior", "ago"}
_CLAUSE_BREAK = re.compile(r";|,\s+(?:but|and|while|whereas|although|though|yet|so|because)\b|\s[—–]\s|\s--\s")
_NOT_A_YEAR_AFTER = _lc(
    r"\s*(?:%|per\s*cent|percent|GMT|UTC|hours?\b|hrs\b)|\s+(?:more\s+|other\s+|new\s+)?(?:people|persons|troops|"
    r"soldiers|police(?:men)?|officers|members|fighters|militants|civilians|men|women|children|refugees|prisoners|"
    r"protesters|workers|deaths|dead|casualties|votes|seats|tons|tonnes|km|kilometres|kilometers|miles|dollars|"
    r"euros|pounds|cases|times|rockets|missiles|homes|houses)\b"
)
_NOT_A_YEAR_BEFORE = _lc(
    r"\b(?:Section|Resolution|Article|Chapter|No\.?|Number|Flight|Route|Room|Law|Decree|about|some|nearly|almost|"
    r"over|around|approximately|roughly)\s+$"
)
_ANCHOR_CUES = {"after": "after", "following": "after", "since": "after", "in the wake of": "after",
                "in the aftermath of": "after", "before": "before", "prior to": "before", "ahead of": "before",
                "in the run-up to": "before", "until": "before", "on": "on", "in": "on", "during": "on",
                "at the time of": "on"}  # fmt: skip
_CUE_WORDS = "|".join(sorted((k.replace(" ", r"\s+") for k in _ANCHOR_CUES), key=len, reverse=True))
_ANCHOR_CUE = _lc(  # the cue just before an anchor mention, across at most three other words
    rf"(?:\b(?P<n>{_NUM})\s+{_UNIT}\s+)?\b(?P<cue>{_CUE_WORDS})\s+(?P<fill>(?:(?!(?:{_CUE_WORDS})\b)[\w'’.-]+\s+){{0,3}})$"
)
_YEAR_NOUN = _lc(rf"\bthe\s+(?P<y>{_YEAR})\s+(?P<noun>[a-z]{{3,}})\b")


def _period(d: date, precision: str) -> tuple[date, date]:
    """The whole month or year a date stands for at the given precision."""
    if precision == "year":
        return date(d.year, 1, 1), date(d.year, 12, 31)
    if precision == "month":
        return d.replace(day=1), d.replace(day=calendar.monthrange(d.year, d.month)[1])
    return d, d


def _make(start: date, end: date, basis: str, text: str | None) -> EventTime:
    """Name the precision from the bounds, so that it can never disagree with them."""
    start, end = min(start, end), max(start, end)
    precision = "day" if start == end else "range"
    for unit in ("month", "year"):
        precision = unit if (start, end) == _period(start, unit) else precision
    return EventTime(start, end, precision, basis, text)


def _add(d: date, n: int, unit: str) -> date:
    """Calendar arithmetic; a month end stays in its month (31 January + 1 month = end of February)."""
    if unit in ("day", "week"):
        return d + timedelta(days=n * (7 if unit == "week" else 1))
    y, m = divmod(d.year * 12 + d.month - 1 + n * (12 if unit == "year" else 1), 12)
    return date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def _week(d: date) -> tuple[date, date]:
    return d - timedelta(days=d.weekday()), d + timedelta(days=6 - d.weekday())


def _widen(t: EventTime, precision: str) -> EventTime:
    """Coarsen to whole months or years: a report dated to the month cannot say which day 'yesterday' was."""
    if precision not in ("month", "year") or _RANK.get(t.precision, -1) >= _RANK[precision]:
        return t
    return _make(_period(t.start, precision)[0], _period(t.end, precision)[1], t.basis, t.text)


def _shift(base: EventTime, n: int, unit: str, basis: str, text: str) -> EventTime:
    """Move a period by n units, claiming no more precision than the unit or the base has."""
    precision = max(_UNIT_PRECISION[unit], base.precision if base.precision in _RANK else "day", key=_RANK.__getitem__)
    return _widen(_make(_add(base.start, n, unit), _add(base.end, n, unit), basis, text), precision)


def _month(name: str) -> int:
    return _MONTHS[name.lower().rstrip(".")]


def _number(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBERS[word.lower()]


def _part(start: date, end: date, part: str | None, unit: str) -> tuple[date, date]:
    """The early, middle or late third of a year, month or decade (see the module docstring)."""
    if not part:
        return start, end
    words = part.lower().split()
    k = _PART_INDEX[words[1] if words[0] == "the" else words[0]]
    if unit == "year":
        return date(start.year, 4 * k + 1, 1), _period(date(start.year, 4 * k + 4, 1), "month")[1]
    if unit == "month":
        return start.replace(day=10 * k + 1), end if k == 2 else start.replace(day=10 * k + 10)
    first, last = ((0, 3), (4, 6), (7, 9))[k]
    return date(start.year + first, 1, 1), date(start.year + last, 12, 31)


def _recent_year(month: int, day: int | None, ref: date, mode: str) -> int:
    """Year of the latest month (or month/day) on or before ``ref``; "last" strictly before, "next" after."""
    key, now = (month, day or 0), (ref.month, ref.day if day else 0)
    if mode == "next":
        return ref.year + (key <= now)
    if mode == "this":
        return ref.year
    return ref.year - (key >= now if mode == "last" else key > now)


def _span(y: int, month: int | None, day: int | None) -> tuple[date, date] | None:
    try:
        if day and month:
            return date(y, month, day), date(y, month, day)
        return _period(date(y, month or 1, 1), "month" if month else "year")
    except ValueError:  # 30 February and the like
        return None


# --- resolvers: (match or payload, context, the matched text) -> EventTime | None --------------------


def _explicit(m: re.Match[str], ctx: _Ctx, text: str) -> EventTime | None:
    """Expressions that carry their year: full dates, month and year, seasons, years, decades."""
    g = m.groupdict()
    if g.get("dec"):
        start = date(int(g["dec"]) * 10, 1, 1)
        return _make(*_part(start, date(start.year + 9, 12, 31), g["part"], "decade"), "explicit", text)
    y = int(g["y"])
    if g.get("season"):
        first = _SEASONS[g["season"].lower()]
        start = date(y - (first == 12), first, 1)
        return _make(start, _period(_add(start, 2, "month"), "month")[1], "explicit", text)
    month = int(g["m"]) if g.get("m") else _month(g["mon"]) if g.get("mon") else None
    if month is None and (
        _NOT_A_YEAR_BEFORE.search(m.string, max(0, m.start("y") - 16), m.start("y"))
        or _NOT_A_YEAR_AFTER.match(m.string, m.end())
    ):
        return None  # a count, a label or a clock time, not a year
    span = _span(y, month, int(g["d"]) if g.get("d") else None)
    return span and _make(*_part(*span, g.get("part"), "month" if month else "year"), "explicit", text)


def _point(text: str) -> tuple[int | None, int | None, int | None] | None:
    """(year, month, day) of one end of a range; any of them may be missing."""
    for pattern in _POINTS:
        if p := pattern.fullmatch(text):
            g = {k: v for k, v in p.groupdict().items() if v}
            return (int(g["y"]) if "y" in g else None, _month(g["mon"]) if "mon" in g else None,
                    int(g["d"]) if "d" in g else None)  # fmt: skip
    return None


def _range(m: re.Match[str], ctx: _Ctx, text: str) -> EventTime | None:
    """"between October 2000 and February 2001", "from March to May 2004", "2009-2011"."""
    a, b = _point(m["a"]), _point(m["b"])
    if a is None or b is None or (b[1] is None and _NOT_A_YEAR_AFTER.match(m.string, m.end())):
        return None  # "between 1900 and 2000 people" counts, it does not date
    basis, (ya, ma, da), (yb, mb, db) = "explicit", a, b
    ka, kb = (ma or 0, da or 0), (mb or 13, db or 32)
    if ya is None and yb is None:  # "from March to May": the latest such stretch before the report
        if ctx.report is None or mb is None:
            return None
        basis, yb = "relative-to-document", _recent_year(mb, db, ctx.report.end, "")
    ya = ya if ya is not None else yb - (ka > kb)  # type: ignore[operator]
    yb = yb if yb is not None else ya + (kb < ka)
    first, last = _span(ya, ma, da), _span(yb, mb, db)
    return _make(first[0], last[1], basis, text) if first and last else None


def _no_year(m: re.Match[str], ctx: _Ctx, text: str) -> EventTime | None:
    """"on July 28", "last March", "in late May": the year comes from the report date."""
    if ctx.report is None:
        return None
    g = m.groupdict()
    month, day = _month(g.get("mon") or g["mon2"]), int(g.get("d") or g.get("d2") or 0) or None
    span = _span(_recent_year(month, day, ctx.report.end, (g["rel"] or "").lower()), month, day)
    part = g.get("part") or g.get("part2")
    return _make(*_part(*span, part, "month"), "relative-to-document", text) if span else None


def _weekday(m: re.Match[str], ctx: _Ctx, text: str) -> EventTime | None:
    if ctx.report is None:
        return None
    ref, wd, rel = ctx.report.end, _WEEKDAYS.index(m["wd"]), (m["rel"] or "").lower()
    if rel == "next":
        d = ref + timedelta(days=(wd - ref.weekday()) % 7 or 7)
    else:  # news convention: the latest such day on or before the report ("last": strictly before)
        d = ref - timedelta(days=(ref.weekday() - wd) % 7 or (7 if rel == "last" else 0))
    return _make(d, d, "relative-to-document", text)


def _doc_word(m: re.Match[str], ctx: _Ctx, text: str) -> EventTime | None:
    """"yesterday", "overnight", "recently": fixed day offsets from the report date."""
    if ctx.report is None:
        return None
    before, after = _DOC_WORDS[" ".join(m[0].lower().split())]
    return _make(ctx.report.start + before * _DAY, ctx.report.end + after * _DAY, "relative-to-document", text)


def _doc_unit(m: re.Match[str], ctx: _Ctx, text: str) -> EventTime | None:
    """"last week", "next month", "last year", "the past two years"."""
    r, rel, unit = ctx.report, m["rel"].lower(), m["unit"].lower()
    if r is None or (unit == "day" and not m["n"]):
        return None  # "the last day of the talks" is no date
    sign = 1 if rel in ("next", "coming") else 0 if rel == "this" else -1
    if m["the"] or m["n"] or rel == "past":  # a stretch ending (or starting) at the report
        n = _number(m["n"]) if m["n"] else 1
        start, end = (r.start, _add(r.end, n, unit)) if sign > 0 else (_add(r.start, -n, unit), r.end)
        return _make(start, end, "relative-to-document", text)
    if unit == "week":
        return _make(*_week(r.start + timedelta(days=7 * sign)), "relative-to-document", text)
    return _shift(r, sign, unit, "relative-to-document", text)


def _this_that(m: re.Match[str], ctx: _Ctx, text: str) -> EventTime | None:
    """"earlier this year" (the report's year), "later that month", "that day", "the same year"."""
    doc = m["which"].lower() == "this"  # "that", "the same": the previous event
    base, basis = (ctx.report, "relative-to-document") if doc else (ctx.previous, "relative-to-event")
    if base is None:
        return None
    unit, side = m["unit"].lower(), (m["side"] or "").lower()
    if base.precision not in _RANK or _RANK[base.precision] > _RANK[_UNIT_PRECISION[unit]]:
        start, end = base.start, base.end  # "that day" of an event known to the month: the month
    else:
        start, end = _week(base.start) if unit == "week" else _period(base.start, _UNIT_PRECISION[unit])
    return _make(base.end if side == "later" else start, base.start if side == "earlier" else end, basis, text)


def _offset(m: re.Match[str], ctx: _Ctx, text: str) -> EventTime | None:
    """"15 months earlier", "a week later", "two years ago", "the following year", "the day before"."""
    direction = (m["dir"] or m["dir2"] or m["dir3"]).lower()
    unit = (m["unit"] or m["unit2"] or m["unit3"]).lower()
    if direction in ("before", "after", "on") and m.string[m.end() :].strip()[:1] not in ("", ",", ".", ";", ":", ")"):
        return None  # "three days after the vote": relative to an event we cannot date
    n, sign = _number(m["n"]) if m["n"] else 1, -1 if direction in _BACKWARD else 1
    base, basis = ctx.previous, "relative-to-event"
    if direction == "ago" or (base is None and sign < 0 and m["n"]):
        base, basis = ctx.report, "relative-to-document"
    if base is None:
        return None
    t = _shift(base, sign * n, unit, basis, text)
    if unit == "week" and not m["n"] and t.precision == "day":
        t = _make(*_week(t.start), basis, text)  # "the following week": the whole week
    return t


def _then(m: re.Match[str], ctx: _Ctx, text: str) -> EventTime | None:
    """"at the time": the previous event's time; "since then" and a sequential "then" ("and then
    traded him"): from the previous event on, up to the report (or a year on without one)."""
    p = ctx.previous
    if p is None:
        return None
    if (m["rel"] or "").lower() == "since" or text.strip().lower() == "then":
        end = max(ctx.report.end, p.end) if ctx.report else _add(p.end, 1, "year")
        return _make(p.start, end, "relative-to-event", text)
    return replace(p, basis="relative-to-event", text=text)


def _anchor(payload: tuple[AnchorEvent, re.Match[str] | None, int, int], ctx: _Ctx, text: str) -> EventTime | None:
    anchor, cue, a_start, a_end = payload
    at = _make(*_period(anchor.when, anchor.precision), "anchor-event", text)
    kind = _ANCHOR_CUES[" ".join(cue["cue"].lower().split())] if cue else None
    if kind is None or kind == "on":  # a bare mention dates only the event it names
        return at if kind or a_start <= ctx.trigger[0] <= a_end + 1 else None  # "the 9/11 attacks"
    if cue and cue["n"]:
        return _shift(at, _number(cue["n"]) * (-1 if kind == "before" else 1), cue["unit"].lower(), at.basis, text)
    if kind == "before":
        return _make(_add(at.start, -1, "year"), at.start - _DAY, "anchor-event", text)
    end = ctx.report.end if ctx.report and ctx.report.end >= at.start else _add(at.start, 1, "year") - _DAY
    return _make(at.start, end, "anchor-event", text)


# --- finding the expressions of a sentence --------------------------------------------------------


@cache
def _anchor_patterns() -> tuple[tuple[re.Pattern[str], AnchorEvent], ...]:
    """The table's patterns, compiled for lowercased text."""
    return tuple((_lc(a.pattern.pattern), a) for a in anchor_events())


@cache
def _anchor_by_year_noun() -> dict[tuple[int, str], AnchorEvent | None]:
    """("the 2003 invasion") -> the one anchor of 2003 whose description says "invasion" (None if several)."""
    index: dict[tuple[int, str], AnchorEvent | None] = {}
    for a in anchor_events():
        for word in set(re.findall(r"[a-z]{3,}", a.description.lower())) - {"the", "and", "start", "end", "first"}:
            index[(a.when.year, word)] = a if index.get((a.when.year, word), a) is a else None
    return index


def _anchor_mentions(sentence: str, lower: str) -> Iterator[Mention]:
    found = [(m.start(), m.end(), a) for pattern, a in _anchor_patterns() for m in pattern.finditer(lower)]
    for m in _YEAR_NOUN.finditer(lower):
        if anchor := _anchor_by_year_noun().get((int(m["y"]), m["noun"].lower())):
            found.append((m.start(), m.end(), anchor))
    for start, end, anchor in found:
        cue = _ANCHOR_CUE.search(lower, max(0, start - 80), start)
        if cue and cue["cue"] in ("on", "in") and cue["fill"]:
            cue = None  # "a report on the invasion of Iraq" is not "on 9/11"
        yield (cue.start() if cue else start), end, _anchor, (anchor, cue, start, end)


def _regex(pattern: str, handler: Handler, cased: bool = False) -> Finder:
    """A finder reading the lowercased sentence, or the sentence itself when case matters ("May")."""
    compiled = re.compile(pattern) if cased else _lc(pattern)
    return lambda text, lower: ((m.start(), m.end(), handler, m) for m in compiled.finditer(text if cased else lower))


_POINTS = [_lc(p) for p in (
    rf"(?P<mon>{_MON})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?(?:\s+(?P<y>\d{{4}}))?",
    rf"(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_MON})(?:,?\s+(?P<y>\d{{4}}))?",
    rf"(?P<mon>{_MON})(?:,?\s+(?P<y>\d{{4}}))?",
    rf"(?P<y>{_YEAR})",
)]  # fmt: skip
_POINT = "(?:" + "|".join(re.sub(r"\(\?P<\w+>", "(?:", p.pattern) for p in _POINTS) + ")"
_DAY_NUM = r"(?P<d>\d{1,2})(?:st|nd|rd|th)?"
_CUE_PART = rf"(?i:{_PARTS})"
_OFFSET = (
    rf"\b(?:(?P<n>{_NUM})\s+{_UNIT}\s+(?P<dir>later|earlier|afterwards?|previously|before|after|on|ago)"
    r"|the\s+(?P<dir2>following|next|previous|preceding|prior)\s+(?P<unit2>day|week|month|year)"
    r"|the\s+(?P<unit3>day|week|month|year)\s+(?P<dir3>before|after))\b"
)

# Order matters: a span taken by an earlier finder is not read again by a later one.
_FINDERS: list[Finder] = [
    _regex(rf"\b(?:between|from)\s+(?:the\s+)?(?P<a>{_POINT})\s*(?:and|to|until|till|through|-|–)\s*"
           rf"(?:the\s+)?(?P<b>{_POINT})(?!\d)", _range),  # fmt: skip
    _regex(rf"\b(?P<a>{_YEAR})\s*[-–]\s*(?P<b>{_YEAR})\b(?!-\d)", _range),
    _regex(rf"{_SINCE}\b(?P<y>\d{{4}})-(?P<m>\d{{2}})-(?P<d>\d{{2}})\b", _explicit),
    _regex(rf"{_SINCE}(?:(?:{_WEEKDAY_RE}),?\s+)?(?P<mon>{_MON})\s+{_DAY_NUM},?\s+(?P<y>\d{{4}})\b", _explicit),
    _regex(rf"{_SINCE}(?:(?:{_WEEKDAY_RE}),?\s+)?(?:the\s+)?{_DAY_NUM}\s+(?:of\s+)?(?P<mon>{_MON}),?\s+(?P<y>\d{{4}})\b",
           _explicit),  # fmt: skip
    _anchor_mentions,
    _regex(rf"{_SINCE}\b{_PART}(?P<mon>{_MON}),?\s+(?P<y>\d{{4}})\b", _explicit),
    _regex(rf"{_SINCE}\b(?:the\s+)?(?P<season>spring|summer|autumn|fall|winter)\s+(?:of\s+)?(?P<y>{_YEAR})\b", _explicit),
    _regex(rf"{_SINCE}\b(?:the\s+)?{_PART}(?P<dec>(?:1[89]|20)\d)0'?s\b", _explicit),
    _regex(rf"{_SINCE}\b(?:{_PART_REQ}|(?<![\d,.$£€#/-]))(?P<y>{_YEAR})\b(?![\d,]\d|s\b|-\d)", _explicit),
    _regex(r"\b(?:(?P<side>earlier|later)\s+)?(?P<which>this|that|(?:that|the)\s+same)\s+(?P<unit>day|week|month|year)\b",
           _this_that),  # fmt: skip
    _regex(_OFFSET, _offset),
    _regex(r"\b(?:(?P<rel>since|until|by)\s+then|at\s+(?:the|that)\s+time|then)\b(?!-)", _then),
    _regex(r"\b(?:" + "|".join(k.replace(" ", r"\s+") for k in _DOC_WORDS) + r")\b", _doc_word),
    _regex(rf"\b(?P<the>the\s+)?(?P<rel>last|past|this|next|coming)\s+(?:(?P<n>{_NUM})\s+)?{_UNIT}\b", _doc_unit),
    _regex(rf"(?:\b(?P<rel>(?i:last|this|next|since|on|until|by))\s+)?\b(?:(?P<mon>{_CAP_MON})\.?\s+{_DAY_NUM}"
           rf"|(?:(?i:the)\s+)?(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:(?i:of)\s+)?(?P<mon2>{_CAP_MON}))\b",
           _no_year, cased=True),  # fmt: skip
    _regex(rf"(?:\b(?P<rel>(?i:in|last|this|next|since|until|by|during|from))\s+(?:(?P<part>{_CUE_PART})[\s-]+)?"
           rf"|\b(?P<part2>{_CUE_PART})[\s-]+)(?P<mon>{_FULL_MON})\b", _no_year, cased=True),  # fmt: skip
    _regex(rf"(?:\b(?P<rel>(?i:last|this|next|on|since|until|by|late|early))\s+)?\b(?P<wd>{_WEEKDAY_RE})"
           r"(?:\s+(?i:morning|afternoon|evening|night))?\b", _weekday, cased=True),  # fmt: skip
]


@lru_cache(maxsize=4096)
def _mentions(sentence: str) -> tuple[Mention, ...]:
    """Every time expression of a sentence, earliest first: read once for all of its events."""
    found: list[Mention] = []
    lower = sentence.translate(_ASCII_LOWER)
    for finder in _FINDERS:
        found += [f for f in finder(sentence, lower) if all(f[1] <= s or f[0] >= e for s, e, *_ in found)]
    return tuple(sorted(found, key=lambda f: (f[0], f[1])))


def _distance(sentence: str, start: int, end: int, trigger_start: int, trigger_end: int) -> int:
    """Characters between expression and trigger; another clause costs more than any sentence is long."""
    if start < trigger_end and trigger_start < end:
        return 0
    a, b = (end, trigger_start) if end <= trigger_start else (trigger_end, start)
    return b - a + (_CLAUSE_COST if _CLAUSE_BREAK.search(sentence, a, b) else 0)


_CLAUSE_COST = 100_000


def _narrowed(chosen: EventTime, explicit: list[EventTime]) -> EventTime:
    """"In 2003, after the US invaded Iraq, X offered": an anchor range ("after the invasion")
    narrowed by an explicit date of the same clause that falls inside it ("in 2003")."""
    if chosen.basis != "anchor-event":
        return chosen
    for other in explicit:
        start, end = max(chosen.start, other.start), min(chosen.end, other.end)
        if start <= end and (end - start) < (chosen.end - chosen.start):
            return _make(start, end, "explicit", f"{other.text}; {chosen.text}")
    return chosen


def resolve_event_time(
    sentence: str,
    trigger_start: int,
    trigger_end: int,
    report_date: date | None,
    report_precision: str = "day",
    previous: EventTime | None = None,
) -> EventTime | None:
    """The time of the event whose trigger is ``sentence[trigger_start:trigger_end]``.

    ``previous`` is the time of the document's previous dated event ("15 months earlier").
    Returns the report date (``document-date``) when the sentence says nothing usable, and None
    only when it says nothing and there is no report date either.
    """
    report = None
    if report_date is not None:
        report = _make(*_period(report_date, report_precision), "relative-to-document", None)
    ctx = _Ctx(report, previous, (trigger_start, trigger_end))
    best: tuple[int, EventTime] | None = None
    explicit: list[tuple[int, EventTime]] = []
    for start, end, handler, payload in _mentions(sentence):
        score = _distance(sentence, start, end, trigger_start, trigger_end)
        if best is not None and score >= best[0] and not (handler is _explicit and score < _CLAUSE_COST):
            continue  # ties go to the earlier expression
        try:
            found = handler(payload, ctx, sentence[start:end])
        except (ValueError, OverflowError):  # arithmetic past year 9999 and the like: no date
            continue
        if found is None:
            continue
        if report and isinstance(payload, re.Match) and (payload.groupdict().get("rel") or "").lower() == "since":
            found = _make(found.start, max(found.end, report.end), found.basis, found.text)  # "since 2003"
        if report and found.basis == "relative-to-document":
            found = _widen(found, report.precision)
        if found.basis == "explicit" and score < _CLAUSE_COST:
            explicit.append((score, found))
        if best is None or score < best[0]:
            best = (score, found)
    if best is not None:
        return _narrowed(best[1], [e for _, e in explicit])
    return replace(report, basis="document-date") if report else None
