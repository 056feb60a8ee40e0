"""The Python API: what the CLI, the web app and notebooks all call.

Every function takes the store path (or ``None`` for ``$FRENEMY_DB`` / ``./frenemy.duckdb``)
and returns plain data or typed records, never rich output.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from frenemy.errors import IngestError, UsageError
from frenemy.ingest import Document, Overrides, iter_inputs
from frenemy.ingest.dates import parse_date
from frenemy.ingest.decode import DEFAULT_MAX_BYTES
from frenemy.schemas import DOCUMENT_COLUMNS, DOCUMENT_LISTING
from frenemy.store import Store
from frenemy.store.migrations import SCHEMA_VERSION

DbPath = str | os.PathLike[str] | None


@dataclass
class IngestReport:
    """What an ingest run did: counts, and one error per input that could not be read."""

    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    failed: list[IngestError] = field(default_factory=list)
    interrupted: bool = False
    db_path: Path | None = None

    @property
    def ok(self) -> bool:
        return not self.failed and not self.interrupted


def ingest(
    paths: Iterable[str],
    db: DbPath = None,
    *,
    publisher: str | None = None,
    date: str | None = None,
    url: str | None = None,
    force: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_item: Callable[[Document | IngestError, str], None] | None = None,
) -> IngestReport:
    """Read documents from ``paths`` into the store, one transaction per document.

    A document already stored (same content hash) is left alone unless ``force``. Unreadable
    inputs are collected in ``report.failed`` and never stop the others. ``on_item`` is called
    with each document or error and what happened to it ("added", "replaced", "unchanged",
    "failed"), e.g. to drive a progress bar. Ctrl-C stops after rolling back the current
    document; running the same call again finishes the job.
    """
    overrides = _overrides(publisher, date, url)
    report = IngestReport()
    with Store(db) as store:
        report.db_path = store.path
        try:
            for item in iter_inputs(paths, overrides, max_bytes):
                outcome = _store_item(store, item, force, report)
                if on_item:
                    on_item(item, outcome)
        except KeyboardInterrupt:
            report.interrupted = True
    return report


def _overrides(publisher: str | None, date: str | None, url: str | None) -> Overrides:
    parsed = None
    if date:
        try:
            parsed = parse_date(date)
        except ValueError as exc:
            raise UsageError(f"--date: {exc}") from None
    return Overrides(
        publisher=publisher,
        published=parsed.value if parsed else None,
        date_precision=parsed.precision if parsed else "day",
        url=url,
    )


def _store_item(store: Store, item: Document | IngestError, force: bool, report: IngestReport) -> str:
    if isinstance(item, IngestError):
        report.failed.append(item)
        return "failed"
    exists = store.has_document(item.doc_id)
    if exists and not force:
        report.unchanged += 1
        return "unchanged"
    row = {c: getattr(item, c, None) for c in DOCUMENT_COLUMNS}
    with store.transaction():
        store.write_document(row)
    if exists:
        report.replaced += 1
        return "replaced"
    report.added += 1
    return "added"


def documents(db: DbPath = None, *, with_text: bool = False, limit: int | None = None) -> list[dict[str, Any]]:
    """Stored documents (the ``frenemy docs`` columns, plus ``text`` if asked), oldest first."""
    columns = DOCUMENT_LISTING + (("text",) if with_text else ())
    with Store(db, read_only=True) as store:
        return store.documents(columns, limit=limit)


def db_info(db: DbPath = None) -> dict[str, Any]:
    """Counts and facts about a store."""
    with Store(db, read_only=True) as store:
        stats = store.document_stats()
        size = store.path.stat().st_size if store.path.exists() else 0
        return {"path": str(store.path), "schema_version": SCHEMA_VERSION, "bytes": size, **stats}
