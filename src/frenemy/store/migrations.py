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

MIGRATIONS.append(
    (
        "events, actor mentions, actors, extraction log",
        [
            """
            CREATE TABLE events (
                event_id VARCHAR PRIMARY KEY,
                doc_id VARCHAR NOT NULL,
                event_date DATE,
                event_date_end DATE,
                date_precision VARCHAR,
                date_basis VARCHAR,
                source_id VARCHAR NOT NULL,
                source_name VARCHAR,
                source_type VARCHAR,
                source_country VARCHAR,
                target_id VARCHAR,
                target_name VARCHAR,
                target_type VARCHAR,
                target_country VARCHAR,
                event_code VARCHAR NOT NULL,
                event_root_code VARCHAR NOT NULL,
                quad_class INTEGER NOT NULL,
                goldstein DOUBLE NOT NULL,
                polarity INTEGER NOT NULL,
                negated BOOLEAN NOT NULL,
                trigger VARCHAR,
                sentence VARCHAR,
                char_start INTEGER,
                char_end INTEGER,
                source_sector VARCHAR,
                source_agent VARCHAR,
                source_text VARCHAR,
                target_sector VARCHAR,
                target_agent VARCHAR,
                target_text VARCHAR,
                frame VARCHAR,
                date_text VARCHAR,
                report_date DATE,
                sentence_index INTEGER,
                trigger_start INTEGER,
                trigger_end INTEGER
            )
            """,
            "CREATE INDEX events_doc ON events (doc_id)",
            """
            CREATE TABLE mentions (
                doc_id VARCHAR NOT NULL,
                actor_id VARCHAR NOT NULL,
                kind VARCHAR NOT NULL,
                text VARCHAR NOT NULL,
                char_start INTEGER NOT NULL,
                char_end INTEGER NOT NULL
            )
            """,
            "CREATE INDEX mentions_doc ON mentions (doc_id)",
            """
            CREATE TABLE actors (
                actor_id VARCHAR PRIMARY KEY,
                name VARCHAR NOT NULL,
                type VARCHAR NOT NULL,
                country VARCHAR,
                sector VARCHAR,
                parent_id VARCHAR,
                aliases VARCHAR,
                origin VARCHAR NOT NULL
            )
            """,
            """
            CREATE TABLE extractions (
                doc_id VARCHAR PRIMARY KEY,
                model VARCHAR NOT NULL,
                n_events INTEGER NOT NULL,
                extracted_at TIMESTAMP NOT NULL
            )
            """,
        ],
    )
)

MIGRATIONS.append(
    (
        "attribution and commitment of events",
        [
            "ALTER TABLE events ADD COLUMN attributed_to VARCHAR",
            "ALTER TABLE events ADD COLUMN attributed_type VARCHAR",
            "ALTER TABLE events ADD COLUMN attributed_actor VARCHAR",
            "ALTER TABLE events ADD COLUMN attribution_chain VARCHAR[]",
            "ALTER TABLE events ADD COLUMN cue VARCHAR",
            "ALTER TABLE events ADD COLUMN commitment VARCHAR",
            "ALTER TABLE events ADD COLUMN commitment_chain VARCHAR[]",
            "ALTER TABLE events ADD COLUMN alleged BOOLEAN",
            "ALTER TABLE events ADD COLUMN hedged BOOLEAN",
            "ALTER TABLE events ADD COLUMN denied BOOLEAN",
            "ALTER TABLE events ADD COLUMN no_evidence BOOLEAN",
            "ALTER TABLE events ADD COLUMN hypothetical BOOLEAN",
            "ALTER TABLE events ADD COLUMN future BOOLEAN",
            "ALTER TABLE events ADD COLUMN source_reliability VARCHAR",
            "ALTER TABLE events ADD COLUMN reliability_reason VARCHAR",
            "ALTER TABLE events ADD COLUMN credibility INTEGER",
            # rows extracted before this version carry no attribution: extract them again
            "DELETE FROM extractions",
        ],
    )
)

MIGRATIONS.append(
    (
        "relationship statements (claims)",
        [
            """
            CREATE TABLE claims (
                claim_id VARCHAR PRIMARY KEY,
                doc_id VARCHAR NOT NULL,
                subject_id VARCHAR NOT NULL,
                subject_name VARCHAR,
                object_id VARCHAR NOT NULL,
                object_name VARCHAR,
                polarity INTEGER NOT NULL,
                strength DOUBLE,
                statement VARCHAR,
                attributed_to VARCHAR,
                attributed_type VARCHAR,
                attributed_actor VARCHAR,
                attribution_chain VARCHAR[],
                cue VARCHAR,
                commitment VARCHAR,
                commitment_chain VARCHAR[],
                alleged BOOLEAN,
                hedged BOOLEAN,
                denied BOOLEAN,
                no_evidence BOOLEAN,
                hypothetical BOOLEAN,
                future BOOLEAN,
                source_reliability VARCHAR,
                reliability_reason VARCHAR,
                credibility INTEGER,
                sentence VARCHAR,
                char_start INTEGER,
                char_end INTEGER,
                report_date DATE
            )
            """,
            "CREATE INDEX claims_doc ON claims (doc_id)",
            """
            CREATE VIEW sources AS
            SELECT 'src_' || substr(md5(lower(attributed_to)), 1, 16) AS source_id,
                   attributed_to AS name, mode(attributed_type) AS type, mode(attributed_actor) AS actor_id,
                   mode(source_reliability) AS reliability, mode(reliability_reason) AS reliability_reason,
                   count(*) AS n_claims, count(DISTINCT doc_id) AS documents
            FROM (
                SELECT attributed_to, attributed_type, attributed_actor, source_reliability, reliability_reason, doc_id
                FROM events
                UNION ALL
                SELECT attributed_to, attributed_type, attributed_actor, source_reliability, reliability_reason, doc_id
                FROM claims
            )
            WHERE attributed_to IS NOT NULL
            GROUP BY attributed_to
            """,
            "DELETE FROM extractions",
        ],
    )
)

MIGRATIONS.append(
    (
        "events: the named rule behind each side; a side the parse found but no actor stands for is kept",
        [
            # DuckDB alters a column only without indexes on the table
            "DROP INDEX events_doc",
            "ALTER TABLE events ALTER COLUMN source_id DROP NOT NULL",
            "CREATE INDEX events_doc ON events (doc_id)",
            "ALTER TABLE events ADD COLUMN source_basis VARCHAR",
            "ALTER TABLE events ADD COLUMN target_basis VARCHAR",
        ],
    )
)

MIGRATIONS.append(
    (
        "claims: what a statement rests on, a relationship term ('statement') or a signed predicate between "
        "two actors ('stance'); rows stored before are statements",
        [
            "ALTER TABLE claims ADD COLUMN basis VARCHAR DEFAULT 'statement'",
            "UPDATE claims SET basis = 'statement' WHERE basis IS NULL",
        ],
    )
)

#: ``frenemy.ontology.sources.source_key`` in SQL: lower case, single spaces, surrounding quotes and
#: punctuation trimmed, a leading "the" dropped.
_TRIM = " \"'“”‘’«»,.;:-–—".replace("'", "''")
_SOURCE_KEY = (f"trim(regexp_replace(trim(regexp_replace(lower(attributed_to), '\\s+', ' ', 'g'), '{_TRIM}'), "
               f"'^the ', ''), '{_TRIM}')")

MIGRATIONS.append(
    (
        "documents keep their provenance (a 'Source:' line naming where the file came from); sources are keyed "
        "by a normalised name (case, leading 'the', surrounding punctuation) and shown under their commonest spelling",
        [
            "ALTER TABLE documents ADD COLUMN provenance VARCHAR",
            "DROP VIEW sources",
            f"""
            CREATE VIEW sources AS
            WITH said AS (
                SELECT {_SOURCE_KEY} AS source_key, attributed_to, attributed_type, attributed_actor,
                       source_reliability, reliability_reason, doc_id
                FROM (
                    SELECT attributed_to, attributed_type, attributed_actor, source_reliability, reliability_reason, doc_id
                    FROM events
                    UNION ALL
                    SELECT attributed_to, attributed_type, attributed_actor, source_reliability, reliability_reason, doc_id
                    FROM claims
                )
                WHERE attributed_to IS NOT NULL
            ),
            spellings AS (
                SELECT source_key, attributed_to, count(*) AS n FROM said GROUP BY source_key, attributed_to
            )
            SELECT 'src_' || substr(md5(said.source_key), 1, 16) AS source_id,
                   any_value(display.name) AS name, mode(attributed_type) AS type, mode(attributed_actor) AS actor_id,
                   mode(source_reliability) AS reliability, mode(reliability_reason) AS reliability_reason,
                   count(*) AS n_claims, count(DISTINCT doc_id) AS documents
            FROM said
            JOIN (
                SELECT source_key, first(attributed_to ORDER BY n DESC, attributed_to) AS name FROM spellings GROUP BY source_key
            ) AS display USING (source_key)
            GROUP BY said.source_key
            """,
        ],
    )
)

SCHEMA_VERSION = len(MIGRATIONS)
