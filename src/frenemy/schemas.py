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
    "provenance",
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

#: Who says an event or statement and how sure (issue "Extraction II"); shared by events and claims.
ATTRIBUTION_COLUMNS = (
    "attributed_to",
    "attributed_type",
    "attributed_actor",
    "attribution_chain",
    "cue",
    "commitment",
    "commitment_chain",
    "alleged",
    "hedged",
    "denied",
    "no_evidence",
    "hypothetical",
    "future",
    "source_reliability",
    "reliability_reason",
    "credibility",
)

#: The ``events`` table and ``frenemy events`` listing: the issue's contract columns first.
EVENT_COLUMNS: tuple[str, ...] = (
    "event_id",
    "doc_id",
    "event_date",
    "event_date_end",
    "date_precision",
    "date_basis",
    "source_id",
    "source_name",
    "source_type",
    "source_country",
    "target_id",
    "target_name",
    "target_type",
    "target_country",
    "event_code",
    "event_root_code",
    "quad_class",
    "goldstein",
    "polarity",
    "negated",
    "trigger",
    "sentence",
    "char_start",
    "char_end",
    # beyond the contract: who exactly, and where exactly
    "source_sector",
    "source_agent",
    "source_text",
    "target_sector",
    "target_agent",
    "target_text",
    "source_basis",
    "target_basis",
    "frame",
    "date_text",
    "report_date",
    "sentence_index",
    "trigger_start",
    "trigger_end",
)
EVENT_COLUMNS += ATTRIBUTION_COLUMNS

#: Actor mentions found in documents (for ``frenemy actors`` and highlighting).
MENTION_COLUMNS = ("doc_id", "actor_id", "kind", "text", "char_start", "char_end")

#: Actors referenced by the store: catalogue actors and persons found in documents.
ACTOR_COLUMNS = ("actor_id", "name", "type", "country", "sector", "parent_id", "aliases", "origin")

#: What ``frenemy actors`` lists.
ACTOR_LISTING = ("actor_id", "name", "type", "country", "sector", "parent_id", "provisional", "mentions", "documents",
                 "names_seen")

#: What ``frenemy sources`` lists.
SOURCE_LISTING = ("source_id", "name", "type", "actor_id", "reliability", "reliability_reason", "n_claims", "documents")

#: The ``claims`` table: statements that characterise a relationship ("allies", "hostile").
CLAIM_COLUMNS = (
    "claim_id",
    "doc_id",
    "subject_id",
    "subject_name",
    "object_id",
    "object_name",
    "polarity",
    "strength",
    "statement",
    *ATTRIBUTION_COLUMNS,
    "sentence",
    "char_start",
    "char_end",
    "report_date",
    "basis",  # "statement" (a relationship term) or "stance" (a signed predicate between two actors)
)
