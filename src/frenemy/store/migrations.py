"""Forward-only schema migrations. Each step runs in one transaction with its version bump.

To change the schema, append a step; never edit a released one. ``SCHEMA_VERSION`` is the
number of steps.
"""

from __future__ import annotations

MIGRATIONS: list[tuple[str, list[str]]] = [
    (
        "documents table",
        [
            """
            CREATE TABLE documents (
                doc_id VARCHAR PRIMARY KEY,
                title VARCHAR,
                publisher VARCHAR,
                publisher_basis VARCHAR NOT NULL,
                author VARCHAR,
                url VARCHAR,
                published DATE,
                date_precision VARCHAR NOT NULL,
                date_basis VARCHAR NOT NULL,
                text VARCHAR NOT NULL,
                words INTEGER NOT NULL,
                source_path VARCHAR,
                ingested_at TIMESTAMP NOT NULL
            )
            """,
        ],
    ),
]

SCHEMA_VERSION = len(MIGRATIONS)
