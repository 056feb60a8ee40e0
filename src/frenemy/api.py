"""The Python API: what the CLI, the web app and notebooks all call.

Every function takes the store path (or ``None`` for ``$FRENEMY_DB`` / ``./frenemy.duckdb``)
and returns plain data or typed records, never rich output.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from frenemy.errors import IngestError, InternalIngestError, UsageError
from frenemy.ingest import Document, Overrides, iter_inputs
from frenemy.ingest.dates import parse_date
from frenemy.ingest.decode import DEFAULT_MAX_BYTES, DEFAULT_MAX_CHARS
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

    @property
    def internal(self) -> list[InternalIngestError]:
        """The failures that are bugs of frenemy rather than bad input (each with its traceback)."""
        return [e for e in self.failed if isinstance(e, InternalIngestError)]


@dataclass(frozen=True)
class Extraction:
    """How to analyse documents: which spaCy model and which extra actor files, or not at all."""

    enabled: bool = True
    model: str | None = None
    actors_files: tuple[str, ...] = ()
    sources_file: str | None = None
    batch_size: int = 16
    workers: int = 1  # local worker processes or Ray actors; 0: 1 locally, every CPU on Ray
    engine: str = "local"  # or "ray"
    address: str | None = None  # Ray cluster address; None starts a local Ray instance

    def stream(self, records: Iterable[Any]) -> Iterator[Any]:
        """Analyses of ``records`` in order, on ``workers`` local processes, reading ``records``
        only as far as the workers need (a corpus of any size streams through)."""
        from frenemy.scale.local import run_local

        grade = self.grader()
        for analysis in run_local(records, max(self.workers, 1), self.model, self.actors_files, self.batch_size):
            yield grade(analysis)

    def grader(self) -> Callable[[Any], Any]:
        """A function applying the ``--sources`` grades (read once, here) to an analysis's rows."""
        if not self.sources_file:
            return lambda analysis: analysis
        from frenemy.ontology.sources import apply_source_grades, load_source_grades

        grades = load_source_grades(self.sources_file)

        def grade(analysis: Any) -> Any:
            apply_source_grades(analysis.events, grades)
            apply_source_grades(analysis.claims, grades)
            return analysis

        return grade

    def model_label(self) -> str:
        from frenemy.nlp.model import model_name
        from frenemy.nlp.pipeline import pipeline

        return model_name(pipeline(self.model, self.actors_files))


def ingest(
    paths: Iterable[str],
    db: DbPath = None,
    *,
    publisher: str | None = None,
    date: str | None = None,
    url: str | None = None,
    force: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_chars: int = DEFAULT_MAX_CHARS,
    extraction: Extraction | None = None,
    on_item: Callable[[Document | IngestError, str], None] | None = None,
) -> IngestReport:
    """Read documents from ``paths`` into the store and extract their events.

    Each document and its extracted rows are written in one transaction. A document already
    stored (same content hash) is left alone unless ``force``. Unreadable inputs (and texts over
    ``max_chars`` characters) are collected in ``report.failed`` and never stop the others; so is
    a document whose analysis fails, as an ``InternalIngestError`` (a bug, listed in
    ``report.internal``), and it is not stored. The store's own files are never read as inputs,
    even in a folder being ingested. ``on_item`` is called with each document or
    error and what happened to it ("added", "replaced", "unchanged", "failed"), e.g. to drive a
    progress bar. Ctrl-C stops after rolling back the current document; running the same call
    again finishes the job.
    """
    overrides = _overrides(publisher, date, url)
    extraction = extraction or Extraction()
    if extraction.engine not in {"local", "ray"}:
        raise UsageError(f"--engine: expected local or ray, got {extraction.engine!r}")
    label = extraction.model_label() if extraction.enabled else ""
    _check_max_chars(max_chars, extraction)
    on_ray = extraction.enabled and extraction.engine == "ray"
    report = IngestReport()
    with Store(db) as store:
        report.db_path = store.path
        batch = _Batch(store)
        on_item = batch.watching(on_item)
        try:
            inputs = iter_inputs(paths, overrides, max_bytes, max_chars, exclude=_store_files(store))
            todo = _to_analyse(store, inputs, force, extraction.enabled, report, on_item)
            if on_ray:  # shards a crashed run analysed but did not store; half-written ones are dropped
                from frenemy.scale.shards import partial_shards, remove

                remove(partial_shards(_shard_folder(store)))
                _store_shards(store, _shard_folder(store), extraction.grader(), label, report, on_item)
                _store_via_ray(store, todo, extraction, label, report, on_item)
            else:
                _store_analysed(store, todo, extraction, label, report, on_item)
            _repair_derived(store, batch.doc_ids)  # also when nothing was added: a killed run's grades are redone
        except KeyboardInterrupt:
            report.interrupted = True
    return report


def _shard_folder(store: Store) -> Path:
    return store.path.with_name(store.path.name + ".shards")


def _store_files(store: Store) -> list[Path]:
    """The store's own files (the database, DuckDB's write-ahead log and spill folder, our Ray
    shards): never inputs, even when the store lives in the folder being ingested."""
    return [store.path, *(store.path.with_name(store.path.name + suffix) for suffix in (".wal", ".tmp", ".shards"))]


def _check_max_chars(max_chars: int, extraction: Extraction) -> None:
    """Refuse a ``--max-chars`` the model could not honour: spaCy refuses a text longer than its
    ``nlp.max_length`` (E088), so a larger limit would only move the failure to the analysis."""
    if max_chars < 1:
        raise UsageError(f"--max-chars: expected a number of characters of 1 or more, got {max_chars}")
    if extraction.enabled:
        from frenemy.nlp.pipeline import pipeline

        limit = pipeline(extraction.model, extraction.actors_files).max_length
        if max_chars > limit:
            raise UsageError(f"--max-chars: {max_chars:,} is over the model's limit of {limit:,} characters "
                             "(spaCy's max_length); split longer texts into several documents")


def _to_analyse(store: Store, items: Iterable[Document | IngestError], force: bool, enabled: bool, report: IngestReport,
                on_item: Callable[[Document | IngestError, str], None] | None) -> Iterator[Document]:
    """The documents that need analysing, as they are read; every other item (an error, a
    document already stored, any document when extraction is off) is recorded on the way."""
    seen: set[str] = set()
    for item in items:
        if enabled and isinstance(item, Document) and (force or not store.has_document(item.doc_id)):
            if item.doc_id not in seen:  # the same text twice in one run is analysed once
                seen.add(item.doc_id)
                yield item
            continue
        outcome = _store_item(store, item, force, report)
        if on_item:
            on_item(item, outcome)


def _store_analysed(store: Store, docs: Iterable[Document], extraction: Extraction, label: str, report: IngestReport,
                    on_item: Callable[[Document | IngestError, str], None] | None) -> None:
    """Analyse in local processes (or this one), storing each document with its rows in its own
    transaction as its analysis arrives. A document whose analysis fails is not stored: it is
    reported as an internal error (the run goes on with the others)."""
    for doc, analysis in _isolated_analyses(docs, document_record, lambda doc: doc.source_path, extraction):
        if isinstance(analysis, IngestError):
            item, outcome = analysis, _store_item(store, analysis, True, report)
        else:
            item, outcome = doc, _store_item(store, doc, True, report, analysis, label)
        if on_item:
            on_item(item, outcome)


def document_record(doc: Document) -> Any:
    """The analysis input (``DocRecord``) of a read document."""
    from frenemy.nlp.pipeline import DocRecord

    return DocRecord(doc.doc_id, doc.text, doc.published, doc.date_precision, doc.author, doc.publisher)


def _isolated_analyses(items: Iterable[Any], record: Callable[[Any], Any], location: Callable[[Any], str],
                       extraction: Extraction) -> Iterator[tuple[Any, Any]]:
    """Each item with its analysis, in order, or with an ``InternalIngestError`` when analysing it
    raised. Analysis runs in batches, so when a batch fails its items are analysed again one at a
    time in this process: only the document that breaks the pipeline fails, and the stream goes on
    with the rest. (Hostile text that is merely long is refused before, by ``--max-chars``.)"""
    import dataclasses
    import traceback
    from collections import deque

    pending = iter(items)
    alone = dataclasses.replace(extraction, workers=1)
    while True:
        waiting: deque[Any] = deque()
        reading_failed: list[BaseException] = []

        def records() -> Iterator[Any]:
            while True:
                try:
                    item = next(pending)
                except StopIteration:
                    return
                except Exception as exc:  # reading failed, not the analysis: raised once the batch is done
                    reading_failed.append(exc)
                    return
                waiting.append(item)
                yield record(item)

        stream = extraction.stream(records())
        failure: Exception | None = None
        while True:
            try:
                analysis = next(stream)
            except StopIteration:
                break
            except Exception as exc:  # noqa: BLE001 - some document of the batch broke the pipeline; found below
                failure = exc
                break
            yield waiting.popleft(), analysis
        if reading_failed:
            raise reading_failed[0]
        if failure is None:
            return
        if not waiting:  # nothing to blame it on (the model did not load, ...): not a document's fault
            raise failure
        for item in list(waiting):  # the failed batch, one by one
            try:
                [analysis] = list(alone.stream([record(item)]))
            except Exception as exc:  # noqa: BLE001 - isolate the document; the traceback goes to the report
                analysis = InternalIngestError(location(item), f"analysis failed ({type(exc).__name__}: {exc}); not stored; "
                                               "this is a bug in frenemy, please report it", traceback.format_exc())
            yield item, analysis


def _store_via_ray(store: Store, docs: Iterable[Document], extraction: Extraction, label: str, report: IngestReport,
                   on_item: Callable[[Document | IngestError, str], None] | None) -> None:
    """Analyse on Ray; each shard is stored as it arrives, then deleted."""
    from frenemy.scale.ray_runner import run_ray

    folder = _shard_folder(store)
    rows = ({c: getattr(d, c, None) for c in DOCUMENT_COLUMNS} for d in docs)
    first = next(rows, None)
    if first is None:
        return
    folder.mkdir(parents=True, exist_ok=True)
    grade = extraction.grader()
    for shard in run_ray(itertools.chain([first], rows), folder, extraction.workers, extraction.model,
                         extraction.actors_files, extraction.address, extraction.batch_size):
        _store_shards(store, folder, grade, label, report, on_item, [shard])


def _store_shards(store: Store, folder: Path, grade: Callable[[Any], Any], label: str, report: IngestReport,
                  on_item: Callable[[Document | IngestError, str], None] | None, shards: list[Path] | None = None) -> None:
    from frenemy.scale.shards import complete_shards, read_shard, remove

    for shard in shards if shards is not None else complete_shards(folder):
        for document, analysis in read_shard(shard):
            exists = store.has_document(document["doc_id"])
            with store.transaction():
                store.write_document(document)
                store.write_analysis(document["doc_id"], label, *_tables(grade(analysis)))
            if exists:
                report.replaced += 1
            else:
                report.added += 1
            if on_item:
                on_item(_as_document(document), "replaced" if exists else "added")
        remove([shard])


def _as_document(row: dict[str, Any]) -> Document:
    from dataclasses import fields

    values: dict[str, Any] = {f.name: row.get(f.name) for f in fields(Document) if f.init}
    return Document(**values)


def _tables(analysis: Any) -> tuple:
    return analysis.events, analysis.mentions, analysis.actors, analysis.claims


def _update_credibility(store: Store, doc_ids: Collection[str] | None = None) -> None:
    """Re-grade events' and statements' credibility against all the reports now in the store, in
    SQL: every row, or with ``doc_ids`` only the groups those documents' rows belong to (the
    others' grades cannot have changed). The grades of both tables land in one transaction with
    the store's stale mark cleared. ``assess.credibility.credibility`` is the reference the SQL
    reproduces."""
    store.regrade_credibility(doc_ids)


def _repair_derived(store: Store, doc_ids: Collection[str] | None = None) -> bool:
    """Bring what is derived from all stored reports together (credibility) up to date if any
    write since the last grading left it stale, and say whether it did.

    Every writing run calls this at its end, also when it added nothing: a run killed after its
    last document's commit but before the grading leaves the store stale, and the next run,
    which finds every document already stored, is what puts it right. ``doc_ids``
    (``_Batch.doc_ids``) limits the grading to the groups of those documents' rows; None grades
    every row."""
    if not store.derived_stale():
        return False
    _update_credibility(store, doc_ids)
    return True


class _Batch:
    """The documents one run writes, so that its end regrades only the groups their rows are in.

    ``doc_ids`` is None (grade every row) when the store was already stale as the run began (a
    killed run wrote documents no one listed) or when the run replaced a document's rows (the
    groups of the old rows went with them)."""

    def __init__(self, store: Store) -> None:
        self.stale_before = store.derived_stale()
        self.added: set[str] = set()
        self.replaced = False

    def wrote(self, doc_id: str, replaced: bool) -> None:
        """Called once a document's transaction has committed."""
        if replaced:
            self.replaced = True
        else:
            self.added.add(doc_id)

    def watching(self, on_item: Callable[[Document | IngestError, str], None] | None
                 ) -> Callable[[Document | IngestError, str], None]:
        """``on_item`` recording each document the ingest stored ("added", "replaced") on the way."""
        def seen(item: Document | IngestError, outcome: str) -> None:
            if outcome in {"added", "replaced"} and isinstance(item, Document):
                self.wrote(item.doc_id, outcome == "replaced")
            if on_item:
                on_item(item, outcome)

        return seen

    @property
    def doc_ids(self) -> set[str] | None:
        return None if self.stale_before or self.replaced else self.added


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


def _store_item(store: Store, item: Document | IngestError, force: bool, report: IngestReport,
                analysis: Any = None, label: str = "") -> str:
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
        if analysis is not None:
            store.write_analysis(item.doc_id, label, analysis.events, analysis.mentions, analysis.actors, analysis.claims)
    if exists:
        report.replaced += 1
        return "replaced"
    report.added += 1
    return "added"


def documents(db: DbPath = None, *, with_text: bool = False, limit: int | None = None, offset: int = 0,
              newest_first: bool = False) -> list[dict[str, Any]]:
    """Stored documents (the ``frenemy docs`` columns, plus ``text`` if asked), oldest first (or
    last ingested first)."""
    columns = DOCUMENT_LISTING + (("text",) if with_text else ())
    with Store(db, read_only=True) as store:
        return store.documents(columns, limit=limit, offset=offset, order="ingested" if newest_first else "published")


def document(db: DbPath, doc_id: str) -> dict[str, Any]:
    """One document with its text, actor mentions, events and statements (for reading it with its
    evidence marked); ``UnknownDocument`` if the store has none by that id."""
    from frenemy.errors import UnknownDocument

    with Store(db, read_only=True) as store:
        found = store.document(doc_id)
        if found is None:
            raise UnknownDocument(f"no document {doc_id!r} in {store.path}")
        found["mentions"] = store.mentions(doc_id)
        found["events"] = store.events(doc_id=doc_id)
        found["claims"] = [c for c in store.claims() if c["doc_id"] == doc_id]
        return found


def db_info(db: DbPath = None) -> dict[str, Any]:
    """Counts and facts about a store."""
    with Store(db, read_only=True) as store:
        stats = store.document_stats()
        counts = store.counts()
        size = store.path.stat().st_size if store.path.exists() else 0
        return {
            "path": str(store.path), "schema_version": SCHEMA_VERSION, "bytes": size, **stats,
            "events": counts["events"], "claims": counts["claims"], "actor_mentions": counts["mentions"],
            "actors": counts["actors"],
            "documents_extracted": counts["extractions"],
        }


@dataclass
class ExtractReport:
    """What an extract run did: documents extracted, events found, and one error per stored
    document that could not be extracted (too long, or a failure of the analysis)."""

    documents: int = 0
    events: int = 0
    interrupted: bool = False
    failed: list[IngestError] = field(default_factory=list)

    @property
    def internal(self) -> list[InternalIngestError]:
        """The failures that are bugs of frenemy (each with its traceback)."""
        return [e for e in self.failed if isinstance(e, InternalIngestError)]


def extract(db: DbPath = None, *, force: bool = False, extraction: Extraction | None = None,
            on_doc: Callable[[str], None] | None = None, max_chars: int = DEFAULT_MAX_CHARS) -> ExtractReport:
    """(Re-)run extraction over stored documents: those never extracted, or all with ``force``.

    A stored text over ``max_chars`` characters (stored with ``--no-extract``) is not analysed and
    is reported in ``report.failed``, as is a document whose analysis fails; the others go on."""
    from frenemy.nlp.pipeline import DocRecord

    extraction = extraction or Extraction()
    label = extraction.model_label()
    _check_max_chars(max_chars, extraction)
    report = ExtractReport()
    with Store(db) as store:
        batch = _Batch(store)
        todo = store.documents_to_extract(label, force)
        try:
            fitting = []
            for row in todo:
                if len(row["text"]) > max_chars:
                    report.failed.append(IngestError(row["doc_id"], f"text is {len(row['text']):,} characters, over the "
                                                                    f"{max_chars:,}-character limit (--max-chars); not extracted"))
                else:
                    fitting.append(row)

            def record(row: dict[str, Any]) -> DocRecord:
                return DocRecord(row["doc_id"], row["text"], row["published"], row["date_precision"], row["author"],
                                 row["publisher"])

            for _, analysis in _isolated_analyses(fitting, record, lambda row: row["doc_id"], extraction):
                if isinstance(analysis, IngestError):
                    report.failed.append(analysis)
                    continue
                with store.transaction():
                    store.write_analysis(analysis.doc_id, label, *_tables(analysis))
                batch.wrote(analysis.doc_id, replaced=force)
                report.documents += 1
                report.events += len(analysis.events)
                if on_doc:
                    on_doc(analysis.doc_id)
            _repair_derived(store, batch.doc_ids)  # also when nothing was extracted: a killed run's grades are redone
        except KeyboardInterrupt:
            report.interrupted = True
    return report


def commitment(text: str, start: int, end: int, *, model: str | None = None) -> dict[str, Any]:
    """How committed ``text`` is to the predicate at characters [start, end): the value the
    pipeline gives its events (``value``: certain / probable / possible / unknown, ``-negative``
    when denied or negated), a ``score`` on the -3..+3 factuality scale, the ``cues`` that decided
    it, and who says so (``source``, ``chain``; none: the text's own voice)."""
    from frenemy.nlp.commitment import commitment_at
    from frenemy.nlp.pipeline import pipeline

    if not 0 <= start < end <= len(text):
        raise UsageError(f"characters {start}..{end} are not a span of a text of {len(text)} characters")
    return commitment_at(pipeline(model)(text), start, end)


def resolve_actor(name: str, actors_files: Iterable[str] = ()):
    """A user-given name ("al Qaeda", "Tehran", "IRN") -> catalogue actor, or ``UnknownActor``."""
    from frenemy.ontology.actors import load_catalogue

    return load_catalogue(tuple(actors_files)).resolve(name)


def _actor_id(store: Store, name: str, actors_files: tuple[str, ...]) -> str:
    """The id the rows carry for a user-given name: a catalogue actor, else an actor the documents
    introduced (a provisional actor), else ``UnknownActor`` with the close names of both."""
    from frenemy.ontology.actors import load_catalogue

    catalogue = load_catalogue(actors_files)
    actor = catalogue.lookup(name, loose=False)
    if actor is not None:
        return actor.actor_id
    found = _introduced(store, actors_files)(name)
    if found is not None:
        return found.actor_id
    actor = catalogue.lookup(name)  # a surname alone, a state-qualified name
    if actor is None:
        raise catalogue.unknown(name, _introduced_names(store))
    return actor.actor_id


def _introduced_names(store: Store) -> list[str]:
    """Every name and alias of the actors the documents introduced (for "did you mean" hints; read
    only when a name resolves to nothing)."""
    rows = store.introduced_actors("", "")  # an empty word is in every name
    return [n for r in rows for n in (r["name"], *(r.get("aliases") or "").split("|")) if n]


def _introduced(store: Store, actors_files: tuple[str, ...]):
    """A lookup of user-given names among the actors the documents introduced; it reads the store
    only for a name the catalogue does not know, and only the rows that contain its longest word."""
    from frenemy.assess.scope import introduced_scope
    from frenemy.ontology.actors import normalize_name

    def lookup(name: str):
        words = normalize_name(name).split() or [name]
        return introduced_scope(store.introduced_actors(name, max(words, key=len)), name, actors_files)

    return lookup


def events(
    db: DbPath = None,
    *,
    actor: str | None = None,
    dyad: tuple[str, str] | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int | None = None,
    offset: int = 0,
    actors_files: Iterable[str] = (),
) -> list[dict[str, Any]]:
    """Stored events, filtered by actor, dyad (either direction) and date range."""
    files = tuple(actors_files)
    with Store(db, read_only=True) as store:
        actor_ids = [_actor_id(store, actor, files)] if actor else None
        dyad_ids = (_actor_id(store, dyad[0], files), _actor_id(store, dyad[1], files)) if dyad else None
        return store.events(actor_ids, dyad_ids, _date_option("--since", since), _date_option("--until", until), limit,
                            offset)


def claims(db: DbPath = None, *, dyad: tuple[str, str] | None = None, actors_files: Iterable[str] = ()) -> list[dict[str, Any]]:
    """Statements that characterise a relationship, with who makes them and how sure."""
    files = tuple(actors_files)
    with Store(db, read_only=True) as store:
        dyad_ids = (_actor_id(store, dyad[0], files), _actor_id(store, dyad[1], files)) if dyad else None
        return store.claims(dyad_ids)


def sources(db: DbPath = None) -> list[dict[str, Any]]:
    """Every source the events are attributed to: type, Admiralty grade and reason, claim count."""
    with Store(db, read_only=True) as store:
        return store.sources()


def actors(db: DbPath = None) -> list[dict[str, Any]]:
    """Actors mentioned in the store, most mentioned first, with the names they were seen under."""
    with Store(db, read_only=True) as store:
        return store.actor_listing()


def assess(db: DbPath, a: str, b: str, *, as_of: str | None = None, by: str = "auto",
           actors_files: Iterable[str] = (), documents: Iterable[str] | None = None):
    """Friend or foe? The ``DyadAssessment`` of actors ``a`` and ``b`` (any of their names) from
    the evidence in the store, as known on ``as_of`` (default: everything), optionally only from
    the given ``documents`` (doc ids)."""
    from frenemy.assess.dyad import assess_dyad
    from frenemy.assess.evidence import columns
    from frenemy.assess.scope import relabel, scopes_of
    from frenemy.assess.timeline import PERIODS

    if by not in PERIODS:
        raise UsageError(f"--by: expected one of {', '.join(PERIODS)}, got {by!r}")
    when = _date_option("--as-of", as_of)
    with Store(db, read_only=True) as store:
        a_scope, b_scope = scopes_of(a, b, tuple(actors_files), _introduced(store, tuple(actors_files)),
                                     lambda: _introduced_names(store))
        scopes, keep = (a_scope, b_scope), None if documents is None else set(documents)

        def rows(batches: Iterable[list[dict]], table: str) -> Iterator[dict]:
            for batch in batches:
                yield from relabel([r for r in batch if keep is None or r["doc_id"] in keep], table, scopes)

        # the rows between the two actors' ids, whole; of the rows with third parties only those of
        # the balance check's candidates (actors with evidence on both sides), without the text only
        # a listed item shows, and read a batch at a time as evidence is made of them
        ids = sorted({a_scope.actor_id, b_scope.actor_id})
        thirds = [p for p in store.common_partners(ids) if p not in ids]
        sides = ("source_agent", "target_agent")  # what ``relabel`` reads besides the evidence's columns
        own_events = list(rows([store.events(ids, partners=ids, columns=columns("events", sides))], "events"))
        own_claims = list(rows([store.claims(actors=ids, partners=ids, columns=columns("claims"))], "claims"))
        pair = {a_scope.key, b_scope.key}  # only the pair's own items show a document's title and publisher
        cited = {r["doc_id"] for r in own_events if {r["source_id"], r["target_id"]} == pair}
        cited |= {r["doc_id"] for r in own_claims if {r["subject_id"], r["object_id"]} == pair}
        meta = store.document_meta(sorted(cited))
        third_events = rows(store.event_batches(actors=ids, partners=thirds, columns=columns("events", sides, False)),
                            "events")
        third_claims = rows(store.claim_batches(actors=ids, partners=thirds, columns=columns("claims", (), False)),
                            "claims")
        return assess_dyad((a_scope.key, a_scope.name), (b_scope.key, b_scope.name), itertools.chain(own_events, third_events),
                           itertools.chain(own_claims, third_claims), meta=meta, as_of=when, by=by)


def network(db: DbPath = None, *, as_of: str | None = None):
    """The signed, dated network of every pair of actors with evidence (``frenemy network``)."""
    from frenemy.assess.network_sql import network as build

    when = _date_option("--as-of", as_of)
    with Store(db, read_only=True) as store:  # a candidate with an unresolved doer relates no pair
        return build(store.con, when)  # ``balance.network(gather(...))``, aggregated in DuckDB


def export(db: DbPath, profile: str, fmt: str, out: str | os.PathLike[str]) -> int:
    """Write every stored event in an exchange layout (``gdelt``, ``icews``, ``i2``, ``native``)
    as csv, tsv, jsonl or parquet; returns the number of rows written."""
    from frenemy.export.events import FORMATS, PROFILES, export_store
    from frenemy.ontology.actors import load_catalogue

    if profile not in PROFILES:
        raise UsageError(f"--profile: unknown profile {profile!r} (choose from {', '.join(PROFILES)})")
    if fmt not in FORMATS:
        raise UsageError(f"--format: unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    names = {a.actor_id: a.name for a in load_catalogue().actors.values() if a.is_state} if profile == "icews" else {}
    with Store(db, read_only=True) as store:  # DuckDB computes the columns and writes the file
        return export_store(store.con, store.events_for_export_sql(), profile, fmt, Path(out), names)


def _date_option(option: str, value: str | None):
    if value is None:
        return None
    try:
        return parse_date(value).value
    except ValueError as exc:
        raise UsageError(f"{option}: {exc}") from None


def store_version(db: DbPath = None) -> str:
    """A fingerprint of the store's content (``frenemy.store.version``): equal as long as no
    document, event, statement or actor was added, removed or changed."""
    from frenemy.store.version import content_version

    with Store(db, read_only=True) as store:
        return content_version(store.con)
