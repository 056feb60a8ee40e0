"""Anchor events: well-known dated events that texts mention instead of giving a date."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from frenemy.ontology.loader import table


@dataclass(frozen=True)
class AnchorEvent:
    anchor_id: str
    when: date
    precision: str
    pattern: re.Pattern[str]
    description: str


@cache
def anchor_events() -> tuple[AnchorEvent, ...]:
    return tuple(
        AnchorEvent(
            row["anchor_id"],
            date.fromisoformat(row["date"]),
            row["precision"],
            re.compile(row["patterns"], re.IGNORECASE),
            row["description"],
        )
        for row in table("anchor_events.csv")
    )
