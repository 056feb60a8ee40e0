"""Contradictions between sources about one dyad, shown side by side with their grades.

Three kinds, always between different origins (a source does not contradict itself by repeating):

- ``opposite statements``: one source calls the relationship friendly, another hostile, within
  two years of each other ("secret deal" against "not one of alliance");
- ``assertion vs no evidence``: a source asserts cooperation (or hostility) that another source's
  finding of "no evidence" answers, reported no later than that finding (a defector's claimed
  meetings against a commission that "found no evidence");
- ``assertion vs denial``: an event one source reports and another denies or says did not
  happen, on overlapping dates.

The strongest ``LIMIT`` are kept, ties in the items' order. A hot pair has 10^4 items and 10^8
pairs, so pairs are never all compared: each kind is a join (``_JOINS``). The items that can be
the later side of a join are filed by what the earlier side must match (the sign, the CAMEO root)
and by their strength class, in input order. An item's partners after it are read off its files,
strongest class first, skipping the rest of a date window and a run of its own origin in one step
each; a best-first heap over all items yields pairs strongest first and stops at ``LIMIT``. Work
is about O(n log n + LIMIT x files) instead of O(n^2), and the result is what comparing every pair
and sorting stably by strength gave.
"""

from __future__ import annotations

import heapq
from bisect import bisect_right
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from frenemy.assess.evidence import Evidence

STATEMENT_WINDOW_DAYS = 730
LIMIT = 50
#: what a set-aside item (weight 0) brings to a contradiction's strength
UNWEIGHTED = 0.3


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
        return _strength(self.a.weight or UNWEIGHTED, self.a.intensity, self.b.weight or UNWEIGHTED, self.b.intensity)

    def to_dict(self) -> dict:
        return {
            "a": _ref(self.a), "b": _ref(self.b), "kind": self.kind, "explanation": self.explanation,
            "same_document": self.same_document,
        }


def _strength(weight_a: float, intensity_a: float, weight_b: float, intensity_b: float) -> float:
    return min(weight_a, weight_b) * min(intensity_a, intensity_b)


def _ref(e: Evidence) -> dict:
    return {f"{e.kind}_id": e.id, "doc_id": e.doc_id, "attributed_to": e.attributed_to,
            "source_reliability": e.source_reliability, "credibility": e.credibility, "what": e.what,
            "polarity": e.polarity, "date": e.date.isoformat() if e.date else None, "sentence": e.sentence,
            "char_start": e.char_start, "char_end": e.char_end}


def _says(e: Evidence) -> str:
    grade = f" ({e.source_reliability})" if e.source_reliability else ""
    return f"{e.attributed_to or e.publisher or 'the document'}{grade}: \u201c{e.what}\u201d"


def _within(a: Evidence, b: Evidence, days: int) -> bool:
    if a.report_date is None or b.report_date is None:
        return True
    return abs((a.report_date - b.report_date).days) <= days


def _overlap(a: Evidence, b: Evidence) -> bool:
    if a.date is None or b.date is None:
        return True
    return a.date <= (b.date_end or b.date) and b.date <= (a.date_end or a.date)


def _answers(finding: Evidence, other: Evidence) -> bool:
    """A "no evidence" finding answers what was asserted no later than it was reported."""
    return other.date is None or finding.report_date is None or other.date <= finding.report_date


# Who can take part, and on which side.
def _statement(e: Evidence) -> bool:
    return e.kind == "claim" and not e.no_evidence and bool(e.weight) and e.polarity in (1, -1)


def _finding(e: Evidence) -> bool:
    return e.kind == "claim" and e.no_evidence and bool(e.weight)


def _assertion(e: Evidence) -> bool:
    return bool(e.weight) and not e.no_evidence and not e.transactional


def _denial(e: Evidence) -> bool:
    return e.kind == "event" and bool(e.set_aside)


def _reported(e: Evidence) -> bool:
    return e.kind == "event" and not e.set_aside and bool(e.weight)


def _root(e: Evidence) -> str:
    return (e.code or "")[:2]


@dataclass(frozen=True)
class _Join:
    """One way an earlier item (``left``) and a later one (``right``) contradict: a right item whose
    ``key`` is the left item's ``wants``, from another origin, at dates ``timely(left, right)``
    accepts. No right item whose ``when`` is after ``latest(left)`` is timely (None: no bound)."""

    kind: str
    left: Callable[[Evidence], bool]
    right: Callable[[Evidence], bool]
    wants: Callable[[Evidence], Hashable]
    key: Callable[[Evidence], Hashable]
    timely: Callable[[Evidence, Evidence], bool]
    when: Callable[[Evidence], date | None]
    latest: Callable[[Evidence], date | None]


def _report_date(e: Evidence) -> date | None:
    return e.report_date


def _event_date(e: Evidence) -> date | None:
    return e.date


def _no_bound(e: Evidence) -> None:
    return None


def _window_end(e: Evidence) -> date | None:
    return e.report_date + timedelta(days=STATEMENT_WINDOW_DAYS) if e.report_date is not None else None


def _span_end(e: Evidence) -> date | None:
    return (e.date_end or e.date) if e.date is not None else None


_JOINS = (
    _Join("opposite statements", _statement, _statement, lambda e: -e.polarity, lambda e: e.polarity,
          lambda a, b: _within(a, b, STATEMENT_WINDOW_DAYS), _report_date, _window_end),
    _Join("assertion vs no evidence", _finding, _assertion, lambda e: -e.polarity, lambda e: e.polarity,
          _answers, _event_date, _report_date),
    _Join("assertion vs no evidence", _assertion, _finding, lambda e: e.polarity, lambda e: -e.polarity,
          lambda a, b: _answers(b, a), _report_date, _no_bound),
    _Join("assertion vs denial", _denial, _reported, _root, _root, _overlap, _event_date, _span_end),
    _Join("assertion vs denial", _reported, _denial, _root, _root, _overlap, _event_date, _span_end),
)


def _class(e: Evidence) -> tuple[float, float]:
    """What an item brings to the strength of any contradiction it is in."""
    return (e.weight or UNWEIGHTED, e.intensity)


class _File:
    """The right items of one join with one key and one strength class, in input order, with what
    lets a search skip: per slot, the next slot of another origin, and (when ``when`` rises along
    the file, undated last) where the undated items start."""

    def __init__(self, join: _Join, strength_class: tuple[float, float], entries: list[tuple[int, Evidence]]) -> None:
        self.join, self.strength_class = join, strength_class
        self.positions = [p for p, _ in entries]
        self.items = [e for _, e in entries]
        self.whens = [join.when(e) for e in self.items]
        n = len(self.items)
        self.next_other = [n] * n
        for slot in range(n - 2, -1, -1):
            same = self.items[slot].origin == self.items[slot + 1].origin
            self.next_other[slot] = self.next_other[slot + 1] if same else slot + 1
        dated = [w for w in self.whens if w is not None]
        rising = all(w is not None for w in self.whens[:len(dated)]) and all(x <= y for x, y in zip(dated, dated[1:]))
        self.undated = len(dated) if rising else None

    def first(self, slot: int, left: Evidence, latest: date | None) -> int:
        """The first slot from ``slot`` on that contradicts ``left`` (``len`` when none)."""
        n, join = len(self.items), self.join
        while slot < n:
            when = self.whens[slot]
            if latest is not None and self.undated is not None and when is not None and when > latest:
                slot = self.undated  # the rest of the window is too late; the undated are always timely
                continue
            item = self.items[slot]
            if item.origin == left.origin:
                slot = self.next_other[slot]
            elif join.timely(left, item):
                return slot
            else:
                slot += 1
        return n


@dataclass(slots=True)
class _Cursor:
    """Where one item's search of one file stands: the partner found (None: no more) and its slot."""

    file: _File
    latest: date | None
    slot: int
    position: int | None = None

    def seek(self, slot: int, item: Evidence) -> None:
        self.slot = self.file.first(slot, item, self.latest)
        self.position = self.file.positions[self.slot] if self.slot < len(self.file.items) else None


class _Level:
    """The partners of one item among files of one strength: cursors merged in input order."""

    def __init__(self, position: int, item: Evidence, files: list[_File]) -> None:
        self.item = item
        self.cursors = []
        for file in files:
            cursor = _Cursor(file, file.join.latest(item), 0)
            cursor.seek(bisect_right(file.positions, position), item)
            self.cursors.append(cursor)

    def head(self) -> _Cursor | None:
        """The cursor holding the earliest partner not yet taken."""
        live = [c for c in self.cursors if c.position is not None]
        return min(live, key=lambda c: c.position or 0) if live else None


def _levels(item: Evidence, files: dict[tuple[int, Hashable], dict[tuple[float, float], _File]],
            known: dict[tuple, list[tuple[float, list[_File]]]]) -> list[tuple[float, list[_File]]]:
    """An item's candidate files grouped by the strength of a contradiction with them, strongest
    first (the same for every item of one strength class with the same joins and keys: ``known``)."""
    wanted = tuple((index, join.wants(item)) for index, join in enumerate(_JOINS) if join.left(item))
    signature = (_class(item), wanted)
    if signature not in known:
        weight, intensity = _class(item)
        by_strength: dict[float, list[_File]] = {}
        for key in wanted:
            for file in files.get(key, {}).values():
                by_strength.setdefault(_strength(weight, intensity, *file.strength_class), []).append(file)
        known[signature] = sorted(by_strength.items(), key=lambda kv: -kv[0])
    return known[signature]


def contradictions(items: Sequence[Evidence]) -> list[Contradiction]:
    """Contradicting pairs, the strongest first (at most ``LIMIT``); ties in the items' order."""
    relevant = [e for e in items if e.weight > 0 or (e.kind == "event" and e.set_aside and "hypothetical" not in e.set_aside)]
    entries: dict[tuple[int, Hashable], dict[tuple[float, float], list[tuple[int, Evidence]]]] = {}
    for position, e in enumerate(relevant):
        for index, join in enumerate(_JOINS):
            if join.right(e):
                entries.setdefault((index, join.key(e)), {}).setdefault(_class(e), []).append((position, e))
    files = {k: {c: _File(_JOINS[k[0]], c, rows) for c, rows in by_class.items()} for k, by_class in entries.items()}
    known: dict[tuple, list[tuple[float, list[_File]]]] = {}
    levels = [_levels(e, files, known) for e in relevant]
    # heap entries: (-strength, left position, right position or -1 for "not searched yet", level index)
    heap = [(-found[0][0], position, -1, 0) for position, found in enumerate(levels) if found]
    heapq.heapify(heap)
    open_levels: dict[tuple[int, int], _Level] = {}
    found: list[Contradiction] = []
    while heap and len(found) < LIMIT:
        strength, position, partner, index = heapq.heappop(heap)
        if partner < 0:
            level = open_levels[position, index] = _Level(position, relevant[position], levels[position][index][1])
            if index + 1 < len(levels[position]):
                heapq.heappush(heap, (-levels[position][index + 1][0], position, -1, index + 1))
        else:
            level = open_levels[position, index]
            cursor = level.head()
            assert cursor is not None and cursor.position == partner
            found.append(_contradiction(relevant[position], relevant[partner], cursor.file.join.kind))
            cursor.seek(cursor.slot + 1, level.item)
        head = level.head()
        if head is not None and head.position is not None:
            heapq.heappush(heap, (strength, position, head.position, index))
        else:
            del open_levels[position, index]
    return found


def _contradiction(a: Evidence, b: Evidence, kind: str) -> Contradiction:
    first, second = (b, a) if (a.no_evidence or a.set_aside) else (a, b)  # the assertion first
    return Contradiction(first, second, kind, f"{_says(first)} \u2014 against \u2014 {_says(second)}")


__all__ = ["Contradiction", "contradictions"]
