"""Uploads: the rules of ``frenemy ingest``, with the slow part outside the store's write lock.

Reading and analysing (spaCy) a document takes seconds; writing its rows takes milliseconds. So
an upload reads its files, asks the store (shared, read lock) which documents it already holds,
analyses the rest with no lock held, and only then takes the write lock, a batch at a time, to
store them. Readers wait for the writes, never for the analysis.
"""

from __future__ import annotations

import logging
import tempfile
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from frenemy import api
from frenemy.errors import IngestError, one_line
from frenemy.ingest import Document, iter_inputs

UPLOAD_MAX_BYTES = 10 * 1024 * 1024
UPLOAD_SUFFIXES = (".txt", ".md", ".html", ".htm", ".jsonl", ".csv", ".json")
BATCH = 16  # documents analysed, then written under one hold of the write lock
log = logging.getLogger("frenemy.web")


class StoreLock:
    """Readers share the store, an upload writes alone (DuckDB will not open one file read-only
    and read-write at once in a process)."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._readers = 0
        self._writing = False

    @contextmanager
    def read(self) -> Iterator[None]:
        with self._cond:
            self._cond.wait_for(lambda: not self._writing)
            self._readers += 1
        try:
            yield
        finally:
            with self._cond:
                self._readers -= 1
                self._cond.notify_all()

    @contextmanager
    def write(self) -> Iterator[None]:
        with self._cond:
            self._cond.wait_for(lambda: not self._writing and self._readers == 0)
            self._writing = True
        try:
            yield
        finally:
            with self._cond:
                self._writing = False
                self._cond.notify_all()


@dataclass(frozen=True)
class UploadedFile:
    """One file as the client sent it: its name (untrusted) and its first bytes."""

    name: str
    data: bytes
    truncated: bool = False  # more than UPLOAD_MAX_BYTES were sent


class Uploads:
    """Stores uploads into one store. One upload analyses at a time (a spaCy pipeline is not
    meant to be shared between threads); reads go on meanwhile."""

    def __init__(self, db: Path, lock: StoreLock) -> None:
        self.db = db
        self.lock = lock
        self._analysing = threading.Lock()

    def ingest(self, files: Sequence[UploadedFile]) -> dict[str, Any]:
        """The upload report: counts, and one error line per file or row that was not stored."""
        errors: list[str] = []
        report = api.IngestReport()
        with tempfile.TemporaryDirectory(prefix="frenemy-upload-") as folder:
            saved = self._save(files, Path(folder), errors)
            docs = self._read(saved, report, errors)
            docs = self._new(docs, report)
            with self._analysing:
                self._analyse_and_store(docs, report, errors)
        return {"added": report.added, "unchanged": report.unchanged, "failed": len(errors), "errors": errors}

    @staticmethod
    def _save(files: Sequence[UploadedFile], folder: Path, errors: list[str]) -> dict[Path, str]:
        """Write acceptable files under safe names in a private folder: saved path -> given name."""
        saved: dict[Path, str] = {}
        for upload in files:
            name = Path(upload.name or "upload.txt").name.replace("\x00", "") or "upload.txt"
            if not name.lower().endswith(UPLOAD_SUFFIXES):
                errors.append(f"{one_line(name)}: not a supported type ({', '.join(UPLOAD_SUFFIXES)})")
            elif upload.truncated:
                errors.append(f"{one_line(name)}: larger than {UPLOAD_MAX_BYTES // (1024 * 1024)} MB")
            else:
                target = folder / f"{len(saved)}-{name}"
                target.write_bytes(upload.data)
                saved[target] = name
        return saved

    @staticmethod
    def _read(saved: dict[Path, str], report: api.IngestReport, errors: list[str]) -> list[Document]:
        """Documents read by the ingest readers; each unreadable file or row becomes an error
        line naming the file as the user called it (never our temporary path)."""
        docs: list[Document] = []
        by_path = {str(p): n for p, n in saved.items()}
        for item in iter_inputs(list(by_path), max_bytes=UPLOAD_MAX_BYTES):
            if isinstance(item, IngestError):
                report.failed.append(item)
                errors.append(f"{_given_name(item.location, by_path)}: {item.reason}")
            else:
                item.source_path = f"upload:{_given_name(item.source_path, by_path)}"
                docs.append(item)
        return docs

    def _new(self, docs: list[Document], report: api.IngestReport) -> list[Document]:
        """The documents the store does not hold yet, each text once (a short shared read)."""
        if not docs:
            return []
        from frenemy.store import Store

        fresh: dict[str, Document] = {}
        with self.lock.read(), Store(self.db, read_only=True) as store:
            for doc in docs:
                if doc.doc_id in fresh or store.has_document(doc.doc_id):
                    report.unchanged += 1
                else:
                    fresh[doc.doc_id] = doc
        return list(fresh.values())

    def _analyse_and_store(self, docs: list[Document], report: api.IngestReport, errors: list[str]) -> None:
        if not docs:
            return
        from frenemy.store import Store

        extraction = api.Extraction()
        label = extraction.model_label()
        for start in range(0, len(docs), BATCH):
            batch = docs[start : start + BATCH]
            analysed = _analyse(extraction, batch, errors)  # no lock held: the slow part
            with self.lock.write(), Store(self.db) as store:
                for doc, analysis in analysed:
                    # api's own write: the same document row, rows and counts as `frenemy ingest`
                    api._store_item(store, doc, False, report, analysis, label)
        with self.lock.write(), Store(self.db) as store:  # a no-op unless a write left the grades stale
            api._repair_derived(store)


def _analyse(extraction: api.Extraction, batch: list[Document], errors: list[str]) -> list[tuple[Document, Any]]:
    """Each document with its analysis, as ``frenemy ingest`` isolates them: should the batch fail,
    each document is analysed alone, so one that the pipeline cannot take gets an error line and
    the others are still stored."""
    analysed = []
    for doc, analysis in api._isolated_analyses(batch, api.document_record, lambda d: d.source_path, extraction):
        if isinstance(analysis, IngestError):
            log.error("analysing %s failed\n%s", doc.source_path, getattr(analysis, "details", "") or "")
            errors.append(f"{doc.source_path.removeprefix('upload:')}: {analysis.reason}")
        else:
            analysed.append((doc, analysis))
    return analysed


def _given_name(location: str, by_path: dict[str, str]) -> str:
    """``location`` (a saved path, maybe with ``:row``) under the name the client gave the file."""
    for path, name in by_path.items():
        if location.startswith(path):
            return one_line(name + location[len(path):])
    return one_line(Path(location).name.split("-", 1)[-1])


__all__ = ["StoreLock", "UPLOAD_MAX_BYTES", "UPLOAD_SUFFIXES", "UploadedFile", "Uploads"]
