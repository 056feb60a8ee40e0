"""Admiralty information credibility (1-6) for each event, from the other reports in the store.

Credibility is about the information, not the source: it counts how many *independent* origins
(different attributed sources, or the same words in different documents are one origin) report
the same thing, and how many contradict it. The source's reliability grade is not used here,
and credibility is not used to grade sources.

1 confirmed by other sources · 2 probably true · 3 possibly true · 4 doubtful ·
5 improbable · 6 truth cannot be judged (Admiralty / NATO scale, ../shared/lexicons/admiralty_scale.json)
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any


def _key(row: dict[str, Any]) -> tuple:
    if "claim_id" in row:  # a statement about a dyad, in either order
        return tuple(sorted((row["subject_id"], row["object_id"])))
    return row["source_id"], row["target_id"], row["event_root_code"]


def _overlap(a: dict[str, Any], b: dict[str, Any]) -> bool:
    if "claim_id" in a:  # statements characterise the relationship as of their report; compare within 2 years
        if a["report_date"] is None or b["report_date"] is None:
            return True
        return abs((a["report_date"] - b["report_date"]).days) <= 730
    a0, a1 = a["event_date"], a["event_date_end"] or a["event_date"]
    b0, b1 = b["event_date"], b["event_date_end"] or b["event_date"]
    if a0 is None or b0 is None:
        return True
    return a0 <= b1 and b0 <= a1


def _affirms(row: dict[str, Any]) -> bool | int:
    """An event's stance: it happened or not. A statement's stance: the sign it gives the relationship."""
    if "claim_id" in row:
        # polarity already carries the statement's own negation ("not one of alliance"); a denial by
        # the speaker ("X denies any alliance") turns it round
        sign = row["polarity"] * (-1 if row["denied"] else 1)
        return -1 if row["no_evidence"] else sign
    return not (row["negated"] or row["denied"] or row["no_evidence"]) and row["commitment"] != "unknown"


def _origin(row: dict[str, Any]) -> str:
    """What makes a report independent: who it is attributed to (a wire story reprinted by two
    papers is one origin; two papers quoting the same minister is one origin too)."""
    return " ".join((row.get("attributed_to") or "").lower().split())


def credibility(rows: Iterable[dict[str, Any]]) -> dict[str, int]:
    """event_id (or claim_id) -> credibility 1..6 for every row of the events (or claims) table."""
    groups: dict[tuple, list[dict[str, Any]]] = defaultdict(list)
    rows = list(rows)
    for row in rows:
        groups[_key(row)].append(row)
    grades: dict[str, int] = {}
    for row in rows:
        row_id = row.get("claim_id") or row["event_id"]
        if row["commitment"] == "unknown" and not (row["denied"] or row["no_evidence"]):
            grades[row_id] = 6
            continue
        mine = _origin(row)
        stance = _affirms(row)
        agree, disagree = set(), set()
        for other in groups[_key(row)]:
            if other is row or not _overlap(row, other) or _origin(other) == mine:
                continue
            if other["commitment"] == "unknown" and not (other["denied"] or other["no_evidence"]):
                continue
            (agree if _affirms(other) == stance else disagree).add(_origin(other))
        grades[row_id] = _grade(len(agree), len(disagree))
    return grades


def _grade(corroborations: int, contradictions: int) -> int:
    if contradictions and not corroborations:
        return 5
    if contradictions:
        return 4
    if corroborations >= 2:
        return 1
    if corroborations == 1:
        return 2
    return 3


__all__ = ["credibility"]
