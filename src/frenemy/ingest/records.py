"""The record every reader produces, and its deterministic id."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date

_SPACE = re.compile(r"\s+")


def document_id(text: str) -> str:
    """Content hash of the text with whitespace normalised: the same text always gets the same id.

    Metadata is deliberately left out, so the same article read from a feed and from a file is
    one document, and re-ingesting it is a no-op.
    """
    normal = _SPACE.sub(" ", text).strip()
    return "doc_" + hashlib.sha256(normal.encode("utf-8")).hexdigest()[:20]


@dataclass
class Document:
    """One document read from an input, with its metadata and how each field was obtained."""

    text: str
    source_path: str
    title: str | None = None
    publisher: str | None = None
    publisher_basis: str = "unknown"
    author: str | None = None
    url: str | None = None
    published: date | None = None
    date_precision: str = "unknown"
    date_basis: str = "unknown"
    provenance: str | None = None  # where the file came from ("Source: NLTK data, GitHub repo ..."), not who published it
    doc_id: str = field(init=False)

    def __post_init__(self) -> None:
        self.doc_id = document_id(self.text)

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True)
class Overrides:
    """Metadata given on the command line (``--publisher``, ``--date``, ``--url``) for every input."""

    publisher: str | None = None
    published: date | None = None
    date_precision: str = "day"
    url: str | None = None

    def apply(self, doc: Document) -> Document:
        if self.publisher:
            doc.publisher, doc.publisher_basis = self.publisher, "given"
        if self.published:
            doc.published, doc.date_precision, doc.date_basis = self.published, self.date_precision, "given"
        if self.url:
            doc.url = self.url
        return doc
