"""One reader per format. Each turns bytes into ``Document`` records or says why it cannot.

Readers fill what the input states (header, feed columns, HTML metadata) and ``complete``
fills the rest from the text, recording for every field how it was obtained.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from datetime import date, datetime, time
from typing import Any

from frenemy.errors import IngestError
from frenemy.ingest.dates import infer_publication_date, parse_date
from frenemy.ingest.metadata import (
    HEADER_FIELDS,
    find_author,
    find_publisher,
    first_sentence_title,
    guess_title,
    header_publisher,
    is_provenance_key,
    split_header,
)
from frenemy.ingest.records import Document

#: Feed columns accepted for each Document field (first present wins).
FEED_COLUMNS = {
    "text": ("text", "body", "content"),
    "title": ("title", "headline"),
    "date": ("date", "published", "publication_date", "pubdate", "date_approx"),
    "url": ("url", "link"),
    "publisher": ("publisher", "outlet", "source"),
    "author": ("author", "byline"),
    "id": ("id", "doc_id", "guid"),
}
_MIN_TEXT_CHARS = 1


def read_text(text: str, location: str, meta: dict[str, str] | None = None) -> Document:
    """A plain-text or Markdown document, with an optional ``Key: value`` header block."""
    header = split_header(text)
    body = text[header.body_start :]
    if not body.strip():
        raise IngestError(location, "no text after the header block")
    doc = Document(text=body.strip("\n"), source_path=location)
    fields = {HEADER_FIELDS[k]: v for k, v in header.fields.items() if k in HEADER_FIELDS and v}
    _apply_fields(doc, fields, "header", location)
    provenance = [f"{k.capitalize()}: {v}" for k, v in header.fields.items() if v and is_provenance_key(k)]
    if provenance:
        doc.provenance = "\n".join(filter(None, [doc.provenance, *provenance]))
    if meta:
        _apply_fields(doc, meta, "metadata", location, fill_only=True)
    return complete(doc)


def read_html(raw: str, location: str, meta: dict[str, str] | None = None) -> Document:
    """An HTML page: main text and metadata by trafilatura, publication date by htmldate.

    Truncated or malformed pages keep whatever text can be recovered; a page with no text at
    all is an error.
    """
    from frenemy.ingest.html import extract_html

    page = extract_html(raw)
    if not page.text.strip():
        raise IngestError(location, "HTML page has no readable text")
    doc = Document(text=page.text, source_path=location)
    _apply_fields(doc, page.fields, "html", location)
    if meta:
        _apply_fields(doc, meta, "metadata", location, fill_only=True)
    return complete(doc)


def iter_jsonl(lines: Iterable[str | bytes], location: str) -> Iterator[Document | IngestError]:
    """A JSON Lines feed, line by line (a file of any size streams through): one document per
    line; a bad line is an error for that line only. Byte lines must be UTF-8, as JSON is."""
    for number, line in enumerate(lines, start=1):
        where = f"{location}:{number}"
        if isinstance(line, bytes):
            try:
                line = line.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                yield IngestError(where, f"line is not UTF-8 (byte {exc.start + 1}); JSON Lines must be UTF-8")
                continue
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield IngestError(where, f"not valid JSON ({exc.msg} at column {exc.colno})")
            continue
        yield _feed_record(record, where, location)


def iter_parquet(path: str, location: str, batch_rows: int = 512) -> Iterator[Document | IngestError]:
    """A Parquet dataset file with the feed columns (``text`` and optionally title, date, url,
    publisher, author), read a row group batch at a time; one document per row. Date and
    timestamp columns are taken as dates."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        table = pq.ParquetFile(path)
        names = table.schema_arrow.names
    except (pa.ArrowException, OSError) as exc:
        yield IngestError(location, f"not a readable Parquet file ({str(exc).splitlines()[0]})")
        return
    lowered = {n.strip().lower(): n for n in names}
    wanted = [lowered[c] for cols in FEED_COLUMNS.values() for c in cols if c in lowered]
    if not any(c in lowered for c in FEED_COLUMNS["text"]):
        yield IngestError(location, f"Parquet file has no 'text' (or 'body'/'content') column (columns: {', '.join(names)})")
        return
    number = 0
    try:
        for batch in table.iter_batches(batch_size=batch_rows, columns=wanted):
            for record in batch.to_pylist():
                number += 1
                yield _feed_record({k: _plain(v) for k, v in record.items()}, f"{location}:{number}", location)
    except (pa.ArrowException, OSError) as exc:
        yield IngestError(f"{location}:{number + 1}", f"unreadable Parquet data ({str(exc).splitlines()[0]})")


def _plain(value: Any) -> Any:
    """A Parquet cell as a feed value: dates and timestamps in ISO form (midnight drops its time)."""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() and value.tzinfo is None else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def iter_csv(text: str, location: str) -> Iterator[Document | IngestError]:
    """A CSV feed with a header row: one document per row."""
    csv.field_size_limit(1 << 30)
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames:
        yield IngestError(location, "CSV has no header row")
        return
    try:
        for record in reader:
            yield _feed_record(record, f"{location}:{reader.line_num}", location)
    except csv.Error as exc:
        yield IngestError(f"{location}:{reader.line_num}", f"malformed CSV ({exc})")


def iter_json(text: str, location: str) -> Iterator[Document | IngestError]:
    """A JSON file holding one record or a list of records (same columns as the feeds)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield IngestError(location, f"not valid JSON ({exc.msg} at line {exc.lineno})")
        return
    records = data if isinstance(data, list) else [data]
    for index, record in enumerate(records):
        yield _feed_record(record, f"{location}[{index}]", location)


def feed_value(record: dict[str, Any], field: str) -> str | None:
    """The value of a feed field under any of its accepted column names (case-insensitive)."""
    lowered = {str(k).strip().lower(): v for k, v in record.items()}
    for column in FEED_COLUMNS[field]:
        value = lowered.get(column)
        if value is not None and str(value).strip():
            return str(value)
    return None


def _feed_record(record: Any, where: str, location: str) -> Document | IngestError:
    if not isinstance(record, dict):
        return IngestError(where, f"expected an object with a 'text' field, got {type(record).__name__}")
    text = feed_value(record, "text")
    if text is None or len(text.strip()) < _MIN_TEXT_CHARS:
        return IngestError(where, "row has no 'text' (or 'body'/'content') value")
    doc = Document(text=text.strip(), source_path=where)
    fields = {f: v for f in ("title", "date", "url", "publisher", "author") if (v := feed_value(record, f))}
    try:
        _apply_fields(doc, fields, "metadata", where)
    except IngestError as err:
        return err
    return complete(doc)


def _apply_fields(doc: Document, fields: dict[str, str], basis: str, where: str, fill_only: bool = False) -> None:
    """Copy title/publisher/author/url/date into ``doc``, recording ``basis`` for the date and
    publisher. With ``fill_only`` only empty fields are filled."""
    for name in ("title", "author", "url"):
        if fields.get(name) and not (fill_only and getattr(doc, name)):
            setattr(doc, name, fields[name].strip())
    if fields.get("publisher") and not (fill_only and doc.publisher):
        value = fields["publisher"].strip()
        name, url = header_publisher(value) if basis == "header" else (value, None)
        if name:
            doc.publisher, doc.publisher_basis = name, basis
        if basis == "header" and name != value:  # the rest of a "Source:" line tells where the file came from
            doc.provenance = f"Source: {value}"
        doc.url = doc.url or url
    if fields.get("date") and not (fill_only and doc.published):
        try:
            parsed = parse_date(fields["date"])
        except ValueError as exc:
            raise IngestError(where, f"bad date field: {exc}") from None
        doc.published, doc.date_precision, doc.date_basis = parsed.value, parsed.precision, basis


def complete(doc: Document) -> Document:
    """Fill what the input did not state from the text itself, saying how."""
    if not doc.title:
        doc.title = guess_title(doc.text) or first_sentence_title(doc.text)
    if not doc.publisher and (publisher := find_publisher(doc.text)):
        doc.publisher, doc.publisher_basis = publisher, "text-line"
    if not doc.author:
        doc.author = find_author(doc.text)
    if doc.published is None and (inferred := infer_publication_date(doc.text)):
        doc.published, doc.date_precision, doc.date_basis = inferred.value, inferred.precision, "inferred-from-text"
    return doc
