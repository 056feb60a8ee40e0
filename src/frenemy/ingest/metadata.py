"""Metadata inside a text: header blocks, publisher lines, agency datelines, bylines, titles.

The cue patterns are data (``ontology/data/metadata_cues.toml``); this module applies them and
reports how each value was found, so nothing is guessed silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from frenemy.ontology.loader import table, toml

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
    one we know (Title, Source/Publisher, Date, URL, Author, or a provenance key such as
    Original or Retrieved); otherwise the text has no header.
    """
    lines = text.split("\n")
    fields: dict[str, str] = {}
    offset = 0
    for i, line in enumerate(lines):
        if not line.strip():
            if fields and any(k in HEADER_FIELDS or is_provenance_key(k) for k in fields):
                return Header(fields, offset + len(line) + 1)
            break
        m = _HEADER_LINE.match(line)
        if not m:
            break
        fields[m[1].strip().lower()] = m[2]
        offset += len(line) + 1
        if i == len(lines) - 1 and any(k in HEADER_FIELDS or is_provenance_key(k) for k in fields):
            return Header(fields, len(text))
    return Header({}, 0)


def header_publisher(value: str) -> tuple[str | None, str | None]:
    """Split a ``Source:`` value such as "Agency press release, https://... ; retrieved ..."
    into the publisher's name and the first URL in it. The name is the first segment before the
    first URL or ";" that looks like a publisher (see ``looks_like_publisher``); a value that only
    tells where the file came from ("NLTK data, GitHub repo ...", "Original: https://...") names
    none."""
    url = _URL.search(value)
    head = re.split(r",?\s*https?://|;", value, maxsplit=1)[0]
    name = next((s for s in _segments(head) if looks_like_publisher(s)), None)
    return name, (url[0] if url else None)


def is_provenance_key(key: str) -> bool:
    """A header key whose value tells where the file came from ("Original", "Retrieved", "Licence")."""
    return key.strip().lower() in _provenance()["keys"]


def looks_like_publisher(segment: str) -> bool:
    """Whether a header segment names a publisher: an outlet of the actor catalogue, or a short
    organisation-like name that is not a path, URL, repository, dataset, licence or file
    description (cue words in ``metadata_cues.toml``, ``[header_provenance]``)."""
    text = " ".join(segment.split()).strip(" ,;.-–—")
    lowered = text.lower()
    if not text:
        return False
    if lowered.removeprefix("the ") in _outlets():
        return True
    cues = _provenance()
    if text.endswith(":") or _URL.search(text) or _PATH.search(text) or "->" in text or "\\" in text:
        return False
    if any(re.match(rf"{re.escape(label)}\b", lowered) for label in cues["labels"]):
        return False
    if cues["marks"].search(lowered) or cues["extension"].search(lowered):
        return False
    name = re.sub(r"\s*\([^()]*\)\s*$", "", text)  # "The X Report (July 22, 2004)": a date aside
    return len(name.split()) <= cues["max_words"] and (name[:1].isupper() or name[:1].isdigit())


def _segments(head: str) -> list[str]:
    """The comma-separated parts of a header value, keeping commas inside brackets."""
    parts: list[str] = []
    depth = 0
    current: list[str] = []
    for char in head:
        depth += (char in "([") - (char in ")]")
        if char == "," and depth <= 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return [p.strip() for p in parts if p.strip()]


_PATH = re.compile(r"[A-Za-z_~.-][\w.~-]*/[\w./~-]+")


@cache
def _provenance() -> dict:
    cues = dict(_cues()["header_provenance"])
    words = "|".join(re.escape(w) for w in cues["words"])
    cues["marks"] = re.compile(rf"(?<![\w-])(?:{words})(?![\w-])")
    cues["extension"] = re.compile(rf"\w\.(?:{'|'.join(cues['extensions'])})\b")
    cues["keys"] = frozenset(cues["keys"])
    return cues


@cache
def _outlets() -> frozenset[str]:
    """Names and aliases of the news outlets in the actor catalogue (sector MED), lower-cased."""
    names = set(_cues()["agency_datelines"]["agencies"].values())
    for row in table("actors.csv"):
        if row.get("sector") == "MED":
            names |= {row["name"], *filter(None, row.get("aliases", "").split("|"))}
    return frozenset(n.lower().removeprefix("the ") for n in names)


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
