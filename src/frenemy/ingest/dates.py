"""Publication dates: parse the ones given, infer the missing ones from the text.

A date given in a header, feed column or ``--date`` is parsed strictly (a bad one is an error,
never a guess). A document with no date gets one inferred from the dates it mentions and the
well-known events it dates itself against ("killed ... a year ago"), and is marked
``inferred-from-text`` so nobody mistakes the estimate for metadata.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from frenemy.ontology.anchors import anchor_events

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))

_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_MDY = re.compile(rf"\b({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.IGNORECASE)
_DMY = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH_RE})\.?,?\s+(\d{{4}})\b", re.IGNORECASE)
_MY = re.compile(rf"\b({_MONTH_RE})\.?,?\s+(\d{{4}})\b", re.IGNORECASE)
_ISO_IN_TEXT = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_YEAR_IN_TEXT = re.compile(r"(?<![\d,.$£€-])\b(1[89]\d\d|20\d\d)\b(?!s\b|'s\b|[\d,-]\d)")
_HORIZON_CUE = re.compile(r"\b(?:by|until|till|through|before|to|in the year)\s+(?:the\s+end\s+of\s+)?$", re.IGNORECASE)
_FUTURE_SENTENCE = re.compile(
    r"\b(?:will|shall|'ll|would|due to|expected to|scheduled|planned|plans? to|next|upcoming|deadline|set to)\b",
    re.IGNORECASE,
)
_AGO = re.compile(
    r"\b(a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+(year|month|week|day)s?\s+ago\b"
    r"|\blast\s+(year|month|week)\b",
    re.IGNORECASE,
)
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
                 "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|\n|$)")


@dataclass(frozen=True)
class DateValue:
    """A date with its precision (day, month or year)."""

    value: date
    precision: str


def parse_date(text: str) -> DateValue:
    """Parse a date given as metadata: ISO (with or without time), ``YYYY-MM``, ``YYYY``,
    ``July 16, 2005`` or ``16 July 2005``. Raises ``ValueError`` with the reason otherwise."""
    raw = text.strip()
    try:
        return _parse_known_forms(raw)
    except ValueError:  # a form we know with impossible values, e.g. 2005-13-45
        raise ValueError(f"not a date: {raw!r} (impossible day or month)") from None
    except LookupError:
        raise ValueError(f"not a date: {raw!r} (use YYYY-MM-DD, YYYY-MM, YYYY or 'July 16, 2005')") from None


def _parse_known_forms(raw: str) -> DateValue:
    if m := _ISO.match(raw):
        return DateValue(date(int(m[1]), int(m[2]), int(m[3])), "day")
    if m := _ISO_MONTH.match(raw):
        return DateValue(date(int(m[1]), int(m[2]), 1), "month")
    if m := _YEAR.match(raw):
        return DateValue(date(int(m[1]), 1, 1), "year")
    if (m := _MDY.fullmatch(raw)) is not None:
        return DateValue(date(int(m[3]), _MONTHS[m[1].lower()], int(m[2])), "day")
    if (m := _DMY.fullmatch(raw)) is not None:
        return DateValue(date(int(m[3]), _MONTHS[m[2].lower()], int(m[1])), "day")
    if (m := _MY.fullmatch(raw)) is not None:
        return DateValue(date(int(m[2]), _MONTHS[m[1].lower()], 1), "month")
    try:  # RFC 2822 and other machine formats found in feeds
        from email.utils import parsedate_to_datetime

        return DateValue(parsedate_to_datetime(raw).date(), "day")
    except (TypeError, ValueError, IndexError):
        raise LookupError(raw) from None


def infer_publication_date(text: str, today: date | None = None) -> DateValue | None:
    """Estimate when a text was written: the latest moment it refers to as past.

    Candidates are the explicit dates it mentions and the anchor events it names (shifted by
    "a year ago" and the like in the same sentence). Dates after ``today`` and dates introduced
    as horizons ("by 2030") are ignored. Returns ``None`` when the text dates nothing.
    """
    today = today or datetime.now().date()
    candidates = [c for c in _explicit_dates(text) + _anchored_dates(text) if c.value <= today]
    if not candidates:
        return None
    rank = {"day": 0, "month": 1, "year": 2}
    best = max(candidates, key=lambda c: (_latest_day(c), -rank[c.precision]))
    # The text only shows it was written on or after this date: never claim a day.
    return DateValue(best.value, "month") if best.precision == "day" else best


def _latest_day(value: DateValue) -> date:
    """The last day a value can stand for: "2010" may be any day of 2010."""
    if value.precision == "year":
        return date(value.value.year, 12, 31)
    if value.precision == "month":
        last = calendar.monthrange(value.value.year, value.value.month)[1]
        return value.value.replace(day=last)
    return value.value


def _explicit_dates(text: str) -> list[DateValue]:
    found: list[DateValue] = []
    taken: list[tuple[int, int]] = []

    def add(m: re.Match[str], value: date | None, precision: str) -> None:
        if value is None or any(s <= m.start() < e for s, e in taken):
            return
        taken.append(m.span())
        if not _HORIZON_CUE.search(text[max(0, m.start() - 24) : m.start()]) and not _in_future_sentence(text, m):
            found.append(DateValue(value, precision))

    for m in _ISO_IN_TEXT.finditer(text):
        add(m, _safe_date(int(m[1]), int(m[2]), int(m[3])), "day")
    for m in _MDY.finditer(text):
        add(m, _safe_date(int(m[3]), _MONTHS[m[1].lower()], int(m[2])), "day")
    for m in _DMY.finditer(text):
        add(m, _safe_date(int(m[3]), _MONTHS[m[2].lower()], int(m[1])), "day")
    for m in _MY.finditer(text):
        add(m, _safe_date(int(m[2]), _MONTHS[m[1].lower()], 1), "month")
    for m in _YEAR_IN_TEXT.finditer(text):
        add(m, _safe_date(int(m[1]), 1, 1), "year")
    return found


def _in_future_sentence(text: str, m: re.Match[str]) -> bool:
    """Dates in sentences about plans ("talks will begin in October 2005") are not the past."""
    start = max(text.rfind(".", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
    ends = [i for i in (text.find(".", m.end()), text.find("\n", m.end())) if i >= 0]
    return bool(_FUTURE_SENTENCE.search(text[start : min(ends) if ends else len(text)]))


def _anchored_dates(text: str) -> list[DateValue]:
    found: list[DateValue] = []
    for sentence in _SENTENCE.findall(text):
        for anchor in anchor_events():
            if not anchor.pattern.search(sentence):
                continue
            ago = _AGO.search(sentence)
            if ago is None:
                found.append(DateValue(anchor.when, anchor.precision))
                continue
            amount = 1 if ago[3] else _NUMBER_WORDS.get(ago[1].lower()) or int(ago[1])
            unit = (ago[2] or ago[3]).lower()
            found.append(DateValue(_shift(anchor.when, amount, unit), "month" if unit != "year" else "year"))
    return found


def _shift(start: date, amount: int, unit: str) -> date:
    if unit == "year":
        return _safe_date(start.year + amount, start.month, min(start.day, 28)) or start
    if unit == "month":
        month = start.month - 1 + amount
        return date(start.year + month // 12, month % 12 + 1, min(start.day, 28))
    return start + timedelta(days=amount * (7 if unit == "week" else 1))


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
