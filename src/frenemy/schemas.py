"""Column names and orders of every table: one contract for store, export, CLI and API.

Adding a column means adding it here first; the store's migrations, the listings and the
exports all read these tuples, so they cannot drift apart.
"""

from __future__ import annotations

#: How a document's publication date was obtained.
DATE_BASES = ("given", "metadata", "header", "html", "inferred-from-text", "unknown")

#: How a document's publisher was obtained.
PUBLISHER_BASES = ("given", "metadata", "header", "html", "text-line", "unknown")

#: Precision of a date value.
DATE_PRECISIONS = ("day", "month", "year", "range", "unknown")

#: The ``documents`` table, in storage order.
DOCUMENT_COLUMNS = (
    "doc_id",
    "title",
    "publisher",
    "publisher_basis",
    "author",
    "url",
    "published",
    "date_precision",
    "date_basis",
    "text",
    "words",
    "source_path",
    "ingested_at",
)

#: What ``frenemy docs`` lists (``text`` is added for ``--format jsonl``).
DOCUMENT_LISTING = (
    "doc_id",
    "title",
    "publisher",
    "author",
    "url",
    "published",
    "date_basis",
    "words",
    "ingested_at",
)

#: Formats every listing command accepts.
LISTING_FORMATS = ("table", "csv", "jsonl", "json", "parquet")
