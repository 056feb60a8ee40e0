"""Opening the store, applying migrations, and the document queries.

One DuckDB file holds everything. Writes happen one document per transaction, so a failure or
an interrupted run never leaves half a document behind, and a rerun picks up where it stopped.

What is derived from all the reports together (each event's and statement's credibility) cannot
be computed inside a document's transaction without re-grading the whole store for every
document. Instead every analysis write marks the derived values stale in the same transaction,
and the grading clears the mark in the transaction that writes the grades: a run killed in
between leaves the mark, and the next writing run (``api._repair_derived``) regrades.

Opening waits for another process's lock and reports a damaged file in one line
(``store/connection.py``).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import duckdb

from frenemy.errors import StoreError
from frenemy.schemas import ACTOR_COLUMNS, CLAIM_COLUMNS, DOCUMENT_COLUMNS, EVENT_COLUMNS, MENTION_COLUMNS
from frenemy.store.connection import connect, lock_timeout_seconds, say_on_stderr
from frenemy.store.migrations import MIGRATIONS, SCHEMA_VERSION

DEFAULT_DB = "frenemy.duckdb"
#: ``frenemy_meta`` key present while credibility does not reflect every stored report
DERIVED_STALE = "derived_stale"


def default_db_path(db: str | os.PathLike[str] | None = None) -> Path:
    """``db`` if given, else ``$FRENEMY_DB``, else ``./frenemy.duckdb``."""
    return Path(db or os.environ.get("FRENEMY_DB") or DEFAULT_DB)


class Store:
    """A frenemy store in one DuckDB file.

    ``read_only`` opens an existing store without taking the write lock and refuses a missing
    file, so listing commands never create an empty store by mistake.

    While another process holds the file (an ingest writing, a server reading), opening waits up
    to ``lock_timeout`` seconds (default ``$FRENEMY_LOCK_TIMEOUT``, else 30), telling ``on_wait``
    (default: a line on stderr) once, then raises ``StoreLocked``. A damaged file raises
    ``StoreDamaged``, at open or at whichever later query meets the damage.
    """

    def __init__(self, path: str | os.PathLike[str] | None = None, read_only: bool = False, *,
                 lock_timeout: float | None = None, on_wait: Callable[[str], None] = say_on_stderr) -> None:
        self.path = default_db_path(path)
        if read_only and not self.path.exists():
            raise StoreError(f"{self.path}: no store here yet (run `frenemy ingest PATH --db {self.path}` first)")
        wait = lock_timeout_seconds(lock_timeout)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot open the store ({_first_line(exc)})") from None
        self.con = connect(self.path, read_only, wait, on_wait)
        self.read_only = read_only
        try:
            if read_only:
                self._check_version()
            else:
                self._migrate()
        except BaseException:
            self.con.close()  # a refused store must not stay locked by a long-lived process (the server)
            raise

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- schema -------------------------------------------------------------------------------

    def schema_version(self) -> int:
        exists = self._row("SELECT count(*) FROM information_schema.tables WHERE table_name = 'frenemy_meta'")[0]
        if not exists:
            return 0
        row = self.con.execute("SELECT value FROM frenemy_meta WHERE key = 'schema_version'").fetchone()
        return int(row[0]) if row else 0

    def _migrate(self) -> None:
        self.con.execute("CREATE TABLE IF NOT EXISTS frenemy_meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
        current = self.schema_version()
        if current > SCHEMA_VERSION:
            raise StoreError(f"{self.path}: store schema {current} is newer than this frenemy ({SCHEMA_VERSION}); upgrade frenemy")
        for version in range(current + 1, SCHEMA_VERSION + 1):
            _, statements = MIGRATIONS[version - 1]
            with self.transaction():
                for statement in statements:
                    self.con.execute(statement)
                self.con.execute(
                    "INSERT OR REPLACE INTO frenemy_meta VALUES ('schema_version', ?)", [str(version)]
                )

    def _check_version(self) -> None:
        current = self.schema_version()
        if current != SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: store schema is {current}, this frenemy expects {SCHEMA_VERSION}; "
                "run any writing command (e.g. `frenemy db migrate`) to upgrade it"
            )

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Everything inside commits together or not at all (also on Ctrl-C)."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield
            self.con.execute("COMMIT")
        except BaseException as exc:
            try:
                self.con.execute("ROLLBACK")
            except (duckdb.Error, StoreError, RuntimeError):
                pass  # a failed or interrupted COMMIT has already ended the transaction
            if _is_interrupt(exc):  # DuckDB turns Ctrl-C during a query into an error of its own
                raise KeyboardInterrupt from None
            raise

    # -- documents ----------------------------------------------------------------------------

    def has_document(self, doc_id: str) -> bool:
        try:
            return self.con.execute("SELECT 1 FROM documents WHERE doc_id = ?", [doc_id]).fetchone() is not None
        except (duckdb.Error, RuntimeError) as exc:
            if _is_interrupt(exc):
                raise KeyboardInterrupt from None
            raise

    def write_document(self, row: dict[str, Any]) -> None:
        """Insert or replace one document. Call inside ``transaction()`` with its derived rows."""
        row = {**row, "ingested_at": row.get("ingested_at") or datetime.now(timezone.utc).replace(tzinfo=None)}
        self.con.execute("DELETE FROM documents WHERE doc_id = ?", [row["doc_id"]])
        placeholders = ", ".join("?" for _ in DOCUMENT_COLUMNS)
        self.con.execute(
            f"INSERT INTO documents ({', '.join(DOCUMENT_COLUMNS)}) VALUES ({placeholders})",
            [row.get(c) for c in DOCUMENT_COLUMNS],
        )

    def documents(
        self,
        columns: tuple[str, ...],
        limit: int | None = None,
        order: str = "published",
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Documents as dicts with the given columns (names from ``schemas``), oldest first."""
        unknown = set(columns) - set(DOCUMENT_COLUMNS)
        if unknown:
            raise StoreError(f"unknown document columns: {', '.join(sorted(unknown))}")
        orders = {"published": "published NULLS LAST, doc_id", "ingested": "ingested_at DESC, doc_id"}
        sql = f"SELECT {', '.join(columns)} FROM documents ORDER BY {orders[order]}"
        params: list[Any] = []
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        if offset:
            sql += " OFFSET ?"
            params.append(offset)
        return self._dicts(sql, params)

    def document(self, doc_id: str) -> dict[str, Any] | None:
        """One document with every column, or ``None``."""
        rows = self._dicts(f"SELECT {', '.join(DOCUMENT_COLUMNS)} FROM documents WHERE doc_id = ?", [doc_id])
        return rows[0] if rows else None

    def mentions(self, doc_id: str) -> list[dict[str, Any]]:
        """A document's actor mentions, in text order."""
        return self._dicts(f"SELECT {', '.join(MENTION_COLUMNS)} FROM mentions WHERE doc_id = ? ORDER BY char_start",
                           [doc_id])

    def document_stats(self) -> dict[str, Any]:
        total, words, first, last, publishers = self._row(
            "SELECT count(*), coalesce(sum(words), 0), min(published), max(published), "
            "count(DISTINCT publisher) FROM documents"
        )
        by_basis = dict(self.con.execute("SELECT date_basis, count(*) FROM documents GROUP BY 1 ORDER BY 1").fetchall())
        return {
            "documents": total,
            "words": int(words),
            "first_published": first,
            "last_published": last,
            "publishers": publishers,
            "date_basis": by_basis,
        }

    # -- analysis rows ----------------------------------------------------------------------------

    def write_analysis(self, doc_id: str, model: str, events: list[dict], mentions: list[dict], actors: list[dict],
                       claims: list[dict] | None = None) -> None:
        """Replace one document's events and mentions, and record actors they refer to.

        Call inside the same ``transaction()`` as the document so both land or neither does.
        """
        self.con.execute("DELETE FROM events WHERE doc_id = ?", [doc_id])
        self.con.execute("DELETE FROM mentions WHERE doc_id = ?", [doc_id])
        self.con.execute("DELETE FROM claims WHERE doc_id = ?", [doc_id])
        self._insert("events", EVENT_COLUMNS, events)
        self._insert("claims", CLAIM_COLUMNS, claims or [])
        self._insert("mentions", MENTION_COLUMNS, mentions)
        if actors:
            ids = [a["actor_id"] for a in actors]
            self.con.execute(f"DELETE FROM actors WHERE actor_id IN ({', '.join('?' for _ in ids)})", ids)
            self._insert("actors", ACTOR_COLUMNS, actors)
        self.con.execute("DELETE FROM extractions WHERE doc_id = ?", [doc_id])
        self.con.execute(
            "INSERT INTO extractions VALUES (?, ?, ?, ?)",
            [doc_id, model, len(events), datetime.now(timezone.utc).replace(tzinfo=None)],
        )
        # other documents' grades may change with these rows (or with the rows they replace)
        self.con.execute("INSERT OR REPLACE INTO frenemy_meta VALUES (?, '1')", [DERIVED_STALE])

    def _insert(self, table: str, columns: tuple[str, ...], rows: list[dict]) -> None:
        if not rows:
            return
        import pyarrow as pa

        arrow = pa.table({c: [r.get(c) for r in rows] for c in columns})
        self.con.register("_frenemy_rows", arrow)
        try:
            self.con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _frenemy_rows")
        finally:
            self.con.unregister("_frenemy_rows")

    def documents_to_extract(self, model: str, force: bool) -> list[dict[str, Any]]:
        """Documents never extracted (or all, with ``force``), with what the pipeline needs."""
        where = "" if force else "WHERE e.doc_id IS NULL"
        return self._dicts(
            "SELECT d.doc_id, d.text, d.published, d.date_precision, d.author, d.publisher FROM documents d "
            f"LEFT JOIN extractions e USING (doc_id) {where} ORDER BY d.published NULLS LAST, d.doc_id",
            [],
        )

    def events(self, actors: list[str] | None = None, dyad: tuple[str, str] | None = None, since: Any = None,
               until: Any = None, limit: int | None = None, offset: int = 0, doc_id: str | None = None,
               partners: list[str] | None = None, columns: Sequence[str] = EVENT_COLUMNS) -> list[dict[str, Any]]:
        """Events, oldest first (the query is ``_event_query``'s)."""
        return self._dicts(*self._event_query(actors, dyad, since, until, limit, offset, doc_id, partners, columns))

    def event_batches(self, size: int = 20_000, **query: Any) -> Iterator[list[dict[str, Any]]]:
        """``events(**query)`` a batch of ``size`` rows at a time, so a caller that turns rows into
        something smaller never holds them all (a hot actor has hundreds of thousands)."""
        return self._dict_batches(*self._event_query(**query), size)

    def _event_query(
        self,
        actors: list[str] | None = None,
        dyad: tuple[str, str] | None = None,
        since: Any = None,
        until: Any = None,
        limit: int | None = None,
        offset: int = 0,
        doc_id: str | None = None,
        partners: list[str] | None = None,
        columns: Sequence[str] = EVENT_COLUMNS,
    ) -> tuple[str, list[Any]]:
        """The SQL of ``events``: events, oldest first; ``actors`` match either side, ``dyad`` both
        sides in either direction; ``since``/``until`` keep events whose period overlaps the range;
        with ``actors``, ``partners`` keeps only the events whose other side is one of ``partners``;
        ``columns`` (of ``EVENT_COLUMNS``) are the ones read."""
        clauses: list[str] = []
        params: list[Any] = []
        if doc_id is not None:
            clauses.append("doc_id = ?")
            params.append(doc_id)
        if actors:
            clause, values = _touching(actors, ("source_id", "target_id"), partners)
            clauses.append(clause)
            params += values
        if dyad:
            clauses.append("((source_id = ? AND target_id = ?) OR (source_id = ? AND target_id = ?))")
            params += [dyad[0], dyad[1], dyad[1], dyad[0]]
        if since is not None:
            clauses.append("coalesce(event_date_end, event_date) >= ?")
            params.append(since)
        if until is not None:
            clauses.append("event_date <= ?")
            params.append(until)
        sql = f"SELECT {', '.join(_known(columns, EVENT_COLUMNS))} FROM events"
        if clauses:
            sql += " WHERE " + " AND ".join(clauses)
        sql += " ORDER BY event_date NULLS LAST, doc_id, trigger_start, event_id"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        if offset:
            sql += " OFFSET ?"
            params.append(offset)
        return sql, params

    def events_for_export(self) -> list[dict[str, Any]]:
        """Every event with what exports cite of its document (url, publisher, title, when stored); not
        the candidates whose doer did not resolve."""
        columns = ", ".join(f"e.{c}" for c in EVENT_COLUMNS)
        return self._dicts(
            f"SELECT {columns}, d.url AS doc_url, d.publisher AS doc_publisher, d.title AS doc_title, "
            "d.ingested_at AS doc_ingested_at, d.source_path AS doc_source_path "
            "FROM events e JOIN documents d USING (doc_id) WHERE e.source_id IS NOT NULL "
            "ORDER BY e.event_date NULLS LAST, e.doc_id, e.trigger_start, e.event_id",
            [],
        )

    @staticmethod
    def events_for_export_sql() -> str:
        """``events_for_export`` as a query for DuckDB to run (``export`` writes from it without
        loading the rows into Python), with ``ord``, each row's place in that order."""
        columns = ", ".join(f"e.{c}" for c in EVENT_COLUMNS)
        return (
            f"SELECT {columns}, d.url AS doc_url, d.publisher AS doc_publisher, d.title AS doc_title, "
            "d.ingested_at AS doc_ingested_at, d.source_path AS doc_source_path, "
            "row_number() OVER (ORDER BY e.event_date NULLS LAST, e.doc_id, e.trigger_start, e.event_id) AS ord "
            "FROM events e JOIN documents d USING (doc_id) WHERE e.source_id IS NOT NULL"
        )

    def actor_listing(self) -> list[dict[str, Any]]:
        """Actors mentioned in the store with mention and document counts and the names seen."""
        return self._dicts(
            """
            SELECT a.actor_id, a.name, a.type, a.country, a.sector, a.parent_id,
                   a.origin = 'provisional' AS provisional, count(*) AS mentions, count(DISTINCT m.doc_id) AS documents,
                   string_agg(DISTINCT m.text, ' | ' ORDER BY m.text) AS names_seen
            FROM mentions m JOIN actors a USING (actor_id)
            GROUP BY ALL ORDER BY mentions DESC, a.actor_id
            """,
            [],
        )

    def introduced_actors(self, actor_id: str, word: str) -> list[dict[str, Any]]:
        """Actors the documents introduced (provisional actors, persons tied to an actor), not the
        catalogue's, with id ``actor_id`` or a name or alias containing ``word`` (case-insensitive):
        the candidates for a user-given name, which the caller matches exactly."""
        return self._dicts(
            f"SELECT {', '.join(ACTOR_COLUMNS)} FROM actors WHERE origin <> 'catalogue' "
            "AND (actor_id = ? OR contains(lower(name || '|' || coalesce(aliases, '')), ?)) ORDER BY actor_id",
            [actor_id, word.lower()],
        )

    def claims(self, dyad: tuple[str, str] | None = None, actors: list[str] | None = None,
               partners: list[str] | None = None, columns: Sequence[str] = CLAIM_COLUMNS) -> list[dict[str, Any]]:
        """Relationship statements, oldest report first (the query is ``_claim_query``'s)."""
        return self._dicts(*self._claim_query(dyad, actors, partners, columns))

    def claim_batches(self, size: int = 20_000, **query: Any) -> Iterator[list[dict[str, Any]]]:
        """``claims(**query)`` a batch of ``size`` rows at a time (as ``event_batches``)."""
        return self._dict_batches(*self._claim_query(**query), size)

    def _claim_query(self, dyad: tuple[str, str] | None = None, actors: list[str] | None = None,
               partners: list[str] | None = None, columns: Sequence[str] = CLAIM_COLUMNS) -> tuple[str, list[Any]]:
        """The SQL of ``claims``: relationship statements, oldest report first; ``dyad`` matches either order, ``actors``
        either side (and ``partners`` and ``columns`` as in ``events``)."""
        sql, clauses, params = f"SELECT {', '.join(_known(columns, CLAIM_COLUMNS))} FROM claims", [], []
        if dyad:
            clauses.append("((subject_id = ? AND object_id = ?) OR (subject_id = ? AND object_id = ?))")
            params += [dyad[0], dyad[1], dyad[1], dyad[0]]
        if actors:
            clause, values = _touching(actors, ("subject_id", "object_id"), partners)
            clauses.append(clause)
            params += values
        if clauses:
            sql += " WHERE " + " AND ".join(clauses)
        return sql + " ORDER BY report_date NULLS LAST, doc_id, char_start", params

    def document_meta(self, doc_ids: list[str] | None = None) -> dict[str, dict[str, Any]]:
        """doc_id -> title, publisher, author, url, published (what a report cites), for the given
        documents or all. The ids travel as one list value, so thousands cost one semi-join."""
        sql, params = "SELECT doc_id, title, publisher, author, url, published FROM documents", []
        if doc_ids is not None:
            if not doc_ids:
                return {}
            sql += " WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))"
            params = [list(doc_ids)]
        return {row["doc_id"]: row for row in self._dicts(sql, params)}

    def common_partners(self, actors: list[str]) -> list[str]:
        """The actors with events or statements, in either direction, with every one of ``actors``
        (the third parties of a dyad's balance check), sorted."""
        marks = ", ".join("?" for _ in actors)
        sides = " UNION ALL ".join(
            f"SELECT {mine} AS actor, {other} AS other FROM {table} WHERE {mine} IN ({marks})"
            for table, pair in (("events", ("source_id", "target_id")), ("claims", ("subject_id", "object_id")))
            for mine, other in (pair, pair[::-1]))
        sql = (f"SELECT other FROM ({sides}) WHERE other IS NOT NULL GROUP BY other "
               "HAVING count(DISTINCT actor) = ? ORDER BY other")
        return [row[0] for row in self.con.execute(sql, list(actors) * 4 + [len(set(actors))]).fetchall()]

    def credibility_inputs(self) -> list[dict[str, Any]]:
        return self._dicts(
            "SELECT event_id, source_id, target_id, event_root_code, event_date, event_date_end, negated, denied, "
            "no_evidence, commitment, attributed_to FROM events WHERE source_id IS NOT NULL",
            [],
        )

    def claim_credibility_inputs(self) -> list[dict[str, Any]]:
        return self._dicts(
            "SELECT claim_id, subject_id, object_id, polarity, report_date, denied, no_evidence, commitment, attributed_to "
            "FROM claims",
            [],
        )

    def replace_credibility(self, event_grades: dict[str, int], claim_grades: dict[str, int]) -> None:
        """Write every event's and statement's grade and clear the stale mark, in one transaction:
        a run killed before the commit leaves the old grades and the mark, never half of each."""
        with self.transaction():
            self._write_grades(event_grades, "events")
            self._write_grades(claim_grades, "claims")
            self.con.execute("DELETE FROM frenemy_meta WHERE key = ?", [DERIVED_STALE])

    def regrade_credibility(self, doc_ids: Collection[str] | None = None) -> None:
        """Grade events and statements in SQL (``assess.credibility.grades_sql``, the same grades
        as the reference ``credibility()``) and clear the stale mark, in one transaction.

        With ``doc_ids`` (the documents a run wrote, none of them replacing older rows) only the
        groups their rows belong to are graded again: a grade depends on its group alone, so no
        other can have changed. Without, every row is (after a killed run, whose documents are
        not known). Only grades that change are written."""
        import pyarrow as pa

        from frenemy.assess.credibility import origin, update_sql

        with self.transaction():
            # who each report is attributed to, as an origin: Python's rule on each distinct value
            attributions = [row[0] for row in self.con.execute(
                "SELECT attributed_to FROM events WHERE attributed_to IS NOT NULL "
                "UNION SELECT attributed_to FROM claims WHERE attributed_to IS NOT NULL"
            ).fetchall()]
            origins = pa.table({"attributed_to": pa.array(attributions, pa.string()),
                                "origin": pa.array([origin(a) for a in attributions], pa.string())})
            touched = pa.table({"doc_id": pa.array(sorted(doc_ids or ()), pa.string())})
            self.con.register("_frenemy_origins", origins)
            self.con.register("_frenemy_touched", touched)
            try:
                for table in ("events", "claims"):
                    self.con.execute(update_sql(table, touched=doc_ids is not None))
            finally:
                self.con.unregister("_frenemy_origins")
                self.con.unregister("_frenemy_touched")
            self.con.execute("DELETE FROM frenemy_meta WHERE key = ?", [DERIVED_STALE])

    def derived_stale(self) -> bool:
        """Whether credibility must be recomputed: an analysis was written since the last grading
        (the mark), or a graded row has no grade (a store a run of an older frenemy was killed
        in, or rows written around the API). Candidates whose doer did not resolve are never graded."""
        return bool(self._row(
            "SELECT EXISTS (SELECT 1 FROM frenemy_meta WHERE key = ?) "
            "OR EXISTS (SELECT 1 FROM events WHERE credibility IS NULL AND source_id IS NOT NULL) "
            "OR EXISTS (SELECT 1 FROM claims WHERE credibility IS NULL)",
            [DERIVED_STALE],
        )[0])

    def _write_grades(self, grades: dict[str, int], table: str) -> None:
        if not grades:
            return
        import pyarrow as pa

        key = {"events": "event_id", "claims": "claim_id"}[table]
        arrow = pa.table({"id": list(grades), "credibility": list(grades.values())})
        self.con.register("_frenemy_grades", arrow)
        try:
            self.con.execute(
                f"UPDATE {table} SET credibility = g.credibility FROM _frenemy_grades g WHERE {table}.{key} = g.id"
            )
        finally:
            self.con.unregister("_frenemy_grades")

    def sources(self) -> list[dict[str, Any]]:
        """Each distinct source the events are attributed to, with its type and grade."""
        return self._dicts("SELECT * FROM sources ORDER BY n_claims DESC, name", [])

    def counts(self) -> dict[str, int]:
        return {
            table: self._row(f"SELECT count(*) FROM {table}")[0]
            for table in ("documents", "events", "claims", "mentions", "actors", "extractions")
        }

    def _row(self, sql: str, params: list[Any] | None = None) -> tuple[Any, ...]:
        """The one row of an aggregate query (count, exists, min/max)."""
        row = self.con.execute(sql, params or []).fetchone()
        assert row is not None, f"an aggregate query returns one row: {sql}"
        return row

    def _dicts(self, sql: str, params: list[Any]) -> list[dict[str, Any]]:
        cursor = self.con.execute(sql, params)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]

    def _dict_batches(self, sql: str, params: list[Any], size: int) -> Iterator[list[dict[str, Any]]]:
        """The rows of ``sql`` as dicts, ``size`` at a time, read on a cursor of their own so that
        other queries may run between batches."""
        cursor = self.con.raw.cursor()
        try:
            with self.con.guard():
                cursor.execute(sql, params)
            names = [d[0] for d in cursor.description]
            while True:
                with self.con.guard():
                    rows = cursor.fetchmany(size)
                if not rows:
                    return
                yield [dict(zip(names, row)) for row in rows]
        finally:
            cursor.close()


def _known(columns: Sequence[str], table: Sequence[str]) -> Sequence[str]:
    """``columns``, refusing any the table does not have (they become SQL)."""
    unknown = set(columns) - set(table)
    if unknown:
        raise ValueError(f"unknown columns: {', '.join(sorted(unknown))}")
    return columns


def _touching(actors: list[str], sides: tuple[str, str], partners: list[str] | None) -> tuple[str, list[Any]]:
    """A WHERE clause (and its parameters) for rows with a side in ``actors``; with ``partners``,
    only those whose other side is in ``partners`` (one list value: hundreds cost one semi-join)."""
    marks = ", ".join("?" for _ in actors)
    if partners is None:
        return f"({sides[0]} IN ({marks}) OR {sides[1]} IN ({marks}))", list(actors) * 2
    clause = " OR ".join(f"({mine} IN ({marks}) AND {other} IN (SELECT unnest(?::VARCHAR[])))"
                         for mine, other in (sides, sides[::-1]))
    return f"({clause})", (list(actors) + [list(partners)]) * 2


def _is_interrupt(exc: BaseException) -> bool:
    return isinstance(exc, duckdb.InterruptException) or (
        isinstance(exc, RuntimeError) and "interrupted" in str(exc).lower()
    )


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
