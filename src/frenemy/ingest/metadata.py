"""Metadata inside a text: header blocks, publisher lines, agency datelines, bylines, titles.

The cue patterns are data (``ontology/data/metadata_cues.toml``); this module applies them and
reports how each value was found, so nothing is guessed silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from frenemy.ontology.loader import toml

#: Header keys we read, mapped to the Document field they fill.
HEADER_FIELDS = {
    "title": "title",
    "source": "publisher",
    "publisher": "publisher",
    "outlet": "publisher",
    "date": "date",
    "published": "date",
    "url": "url",
    "link": "url",
    "author": "author",
    "byline": "author",
}
_HEADER_LINE = re.compile(r"^([A-Za-z][A-Za-z _-]{0,24}):[ \t]*(.*?)\s*$")
_URL = re.compile(r"https?://[^\s;,]+")
_MAX_TITLE_CHARS = 200


@dataclass
class Header:
    """A header block's fields (lower-cased keys) and where the body starts."""

    fields: dict[str, str]
    body_start: int


def split_header(text: str) -> Header:
    """Read a leading block of ``Key: value`` lines ended by a blank line.

    The block counts as a header only when every line is ``Key: value`` and at least one key is
    one we know (Title, Source/Publisher, Date, URL, Author); otherwise the text has no header.
    """
    lines = text.split("\n")
    fields: dict[str, str] = {}
    offset = 0
    for i, line in enumerate(lines):
        if not line.strip():
            if fields and any(k in HEADER_FIELDS for k in fields):
                return Header(fields, offset + len(line) + 1)
            break
        m = _HEADER_LINE.match(line)
        if not m:
            break
        fields[m[1].strip().lower()] = m[2]
        offset += len(line) + 1
        if i == len(lines) - 1 and any(k in HEADER_FIELDS for k in fields):
            return Header(fields, len(text))
    return Header({}, 0)


def header_publisher(value: str) -> tuple[str, str | None]:
    """Split a ``Source:`` value such as "Agency press release, https://... ; retrieved ..."
    into the publisher's name and the first URL in it."""
    url = _URL.search(value)
    name = re.split(r",?\s*https?://|;", value, maxsplit=1)[0].strip(" ,;")
    return name, (url[0] if url else None)


@cache
def _cues() -> dict:
    return toml("metadata_cues.toml")


def _compiled(patterns: list[str]) -> list[re.Pattern[str]]:
    return [re.compile(p) for p in patterns]


def _lines(text: str, first: int | None = None, last: int | None = None) -> list[str]:
    lines = [line for line in text.split("\n") if line.strip()]
    if first is not None:
        return lines[:first]
    return lines[-last:] if last else lines


def find_publisher(text: str) -> str | None:
    """The publisher named by the text itself: a publisher line at the top, a syndication
    footer at the end, or a news-agency dateline."""
    cues = _cues()
    head = cues["publisher_lines"]
    for line in _lines(text, first=head["scan_first_lines"]):
        for pattern in _compiled(head["patterns"]):
            if m := pattern.match(line):
                return m["publisher"].strip()
    foot = cues["publisher_footers"]
    for line in reversed(_lines(text, last=foot["scan_last_lines"])):
        for pattern in _compiled(foot["patterns"]):
            if m := pattern.search(line):
                return m["publisher"].strip()
    dateline = cues["agency_datelines"]
    agency = re.compile(dateline["pattern"])
    for line in _lines(text, first=dateline["scan_first_lines"]):
        if (m := agency.match(line)) and m["agency"] in dateline["agencies"]:
            return dateline["agencies"][m["agency"]]
    return None


def find_author(text: str) -> str | None:
    """A byline near the top ("By Jane Doe") or an author biography near the end."""
    cues = _cues()["author"]
    byline, bio = re.compile(cues["byline"]), re.compile(cues["bio"])
    for line in _lines(text, first=cues["scan_first_lines"]):
        if m := byline.match(line):
            return m["author"].strip()
    for line in reversed(_lines(text, last=cues["scan_last_lines"])):
        if m := bio.match(line):
            return m["author"].strip()
    return None


def is_publisher_line(line: str) -> bool:
    return any(p.match(line) for p in _compiled(_cues()["publisher_lines"]["patterns"]))


def guess_title(text: str) -> str | None:
    """The first line when it looks like a headline (short, standing alone), else ``None``."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        line = line.strip()
        if not line or is_publisher_line(line):
            continue
        followed_by_break = i + 1 >= len(lines) or not lines[i + 1].strip()
        if len(line) <= _MAX_TITLE_CHARS and len(line.split()) <= 30 and followed_by_break:
            if not line.endswith((".", ",", ";", ":")) or line.endswith("..."):
                return line
        return None
    return None


def first_sentence_title(text: str, limit: int = 90) -> str:
    """A fallback title: the opening words of the text, marked as cut with an ellipsis."""
    flat = " ".join(text.split())
    sentence = re.split(r"(?<=[.!?])\s", flat, maxsplit=1)[0]
    if len(sentence) <= limit:
        return sentence
    return sentence[:limit].rsplit(" ", 1)[0] + "…"
