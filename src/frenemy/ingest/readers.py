"""One reader per format. Each turns bytes into ``Document`` records or says why it cannot.

Readers fill what the input states (header, feed columns, HTML metadata) and ``complete``
fills the rest from the text, recording for every field how it was obtained.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime, time
from typing import Any, BinaryIO

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
_SURROGATE = re.compile("[\ud800-\udfff]")


def read_text(text: str, location: str, meta: dict[str, str] | None = None, max_chars: int | None = None) -> Document:
    """A plain-text or Markdown document, with an optional ``Key: value`` header block."""
    header = split_header(text)
    body = text[header.body_start :]
    if not body.strip():
        raise IngestError(location, "no text after the header block")
    refuse_long(body.strip("\n"), location, max_chars)
    doc = Document(text=body.strip("\n"), source_path=location)
    fields = {HEADER_FIELDS[k]: v for k, v in header.fields.items() if k in HEADER_FIELDS and v}
    _apply_fields(doc, fields, "header", location)
    provenance = [f"{k.capitalize()}: {v}" for k, v in header.fields.items() if v and is_provenance_key(k)]
    if provenance:
        doc.provenance = "\n".join(filter(None, [doc.provenance, *provenance]))
    if meta:
        _apply_fields(doc, meta, "metadata", location, fill_only=True)
    return complete(doc)


def read_html(raw: str, location: str, meta: dict[str, str] | None = None, max_chars: int | None = None) -> Document:
    """An HTML page: main text and metadata by trafilatura, publication date by htmldate.

    Truncated or malformed pages keep whatever text can be recovered; a page with no text at
    all is an error.
    """
    from frenemy.ingest.html import extract_html

    page = extract_html(raw)
    if not page.text.strip():
        raise IngestError(location, "HTML page has no readable text")
    refuse_long(page.text, location, max_chars)
    doc = Document(text=page.text, source_path=location)
    _apply_fields(doc, page.fields, "html", location)
    if meta:
        _apply_fields(doc, meta, "metadata", location, fill_only=True)
    return complete(doc)


def iter_jsonl(lines: Iterable[str | bytes], location: str, max_chars: int | None = None) -> Iterator[Document | IngestError]:
    """A JSON Lines feed, line by line (a file of any size streams through): one document per
    line; a bad line is an error for that line only. Byte lines must be UTF-8, as JSON is. A feed
    with no record at all (only blank lines) is an error, never a silent nothing."""
    records = 0
    for number, line in enumerate(lines, start=1):
        where = f"{location}:{number}"
        if isinstance(line, bytes):
            try:
                line = line.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                records += 1
                yield IngestError(where, f"line is not UTF-8 (byte {exc.start + 1}); JSON Lines must be UTF-8")
                continue
        if not line.strip():
            continue
        records += 1
        try:
            record = load_json(line, where)
        except IngestError as err:
            yield err
            continue
        yield _feed_record(record, where, max_chars)
    if not records:
        yield IngestError(location, "JSON Lines file holds no records (only blank lines)")


def load_json(text: str, where: str) -> Any:
    """Parse JSON, turning every way hostile JSON fails in Python (syntax, a number of more than
    4,300 digits, nesting deeper than the interpreter's stack) into one ``IngestError``."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise IngestError(where, f"not valid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})") from None
    except RecursionError:
        raise IngestError(where, "JSON nested too deeply to read (thousands of levels of [ or {)") from None
    except ValueError as exc:  # int('9' * 5000): Python refuses integers of more than 4,300 digits
        digits = re.search(r"value has (\d+) digits", str(exc))
        size = f"{int(digits[1]):,} digits" if digits else "too many digits"
        raise IngestError(where, f"JSON holds a number of {size}, over Python's 4,300-digit limit") from None


def iter_parquet(source: str | BinaryIO, location: str, batch_rows: int = 512,
                 max_chars: int | None = None) -> Iterator[Document | IngestError]:
    """A Parquet dataset file with the feed columns (``text`` and optionally title, date, url,
    publisher, author), read a batch at a time; one document per row. Date and timestamp columns
    are taken as dates. A damaged row group is one error and the others are still read; a cell
    that is not valid UTF-8 is an error for its row."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        table = pq.ParquetFile(source)
        names = table.schema_arrow.names
        sizes = [table.metadata.row_group(i).num_rows for i in range(table.num_row_groups)]
    except (pa.ArrowException, OSError, ValueError) as exc:
        yield IngestError(location, f"not a readable Parquet file ({_first_line(exc)})")
        return
    lowered = {n.strip().lower(): n for n in names}
    wanted = [lowered[c] for cols in FEED_COLUMNS.values() for c in cols if c in lowered]
    text_columns = [lowered[c] for c in FEED_COLUMNS["text"] if c in lowered]
    if not text_columns:
        yield IngestError(location, f"Parquet file has no 'text' (or 'body'/'content') column (columns: {', '.join(names)})")
        return
    types = {c: table.schema_arrow.field(c).type for c in text_columns}
    if not any(_is_text_type(t) for t in types.values()):
        described = ", ".join(f"'{c}' holds {t}" for c, t in types.items())
        yield IngestError(location, f"Parquet text column is not strings ({described})")
        return
    if not sum(sizes):
        yield IngestError(location, "Parquet file has no rows")
        return
    first = 0
    for group, size in enumerate(sizes):
        yield from _parquet_group(table, group, first, size, wanted, location, batch_rows, max_chars)
        first += size


def _parquet_group(table: Any, group: int, first: int, size: int, columns: list[str], location: str,
                   batch_rows: int, max_chars: int | None) -> Iterator[Document | IngestError]:
    """The rows of one row group, numbered from ``first + 1``; damage stops this group only."""
    import pyarrow as pa

    number = first
    try:
        for batch in table.iter_batches(batch_size=batch_rows, row_groups=[group], columns=columns):
            for record in _batch_records(batch):
                number += 1
                where = f"{location}:{number}"
                if isinstance(record, str):
                    yield IngestError(where, record)
                else:
                    yield _feed_record({k: _plain(v) for k, v in record.items()}, where, max_chars)
    except (pa.ArrowException, OSError, ValueError) as exc:
        last = first + size
        yield IngestError(f"{location}:{number + 1}", f"rows {number + 1:,}-{last:,} (row group {group + 1} of "
                                                      f"{table.num_row_groups}) are unreadable ({_first_line(exc)})")


def _batch_records(batch: Any) -> Iterator[dict[str, Any] | str]:
    """A record batch as dicts; where a cell cannot be converted (bytes that are not UTF-8 in a
    damaged file), each row is converted alone so only the bad ones fail, each as the reason."""
    import pyarrow as pa

    try:
        yield from batch.to_pylist()
        return
    except (UnicodeDecodeError, pa.ArrowException):
        pass
    for index in range(batch.num_rows):
        try:
            yield batch.slice(index, 1).to_pylist()[0]
        except (UnicodeDecodeError, pa.ArrowException) as exc:
            yield f"damaged row: a value is not valid UTF-8 text ({_first_line(exc)})"


def _is_text_type(kind: Any) -> bool:
    import pyarrow as pa

    if pa.types.is_dictionary(kind):
        kind = kind.value_type
    return pa.types.is_string(kind) or pa.types.is_large_string(kind) or pa.types.is_null(kind) or (
        hasattr(pa.types, "is_string_view") and pa.types.is_string_view(kind))


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def _plain(value: Any) -> Any:
    """A Parquet cell as a feed value: dates and timestamps in ISO form (midnight drops its time)."""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() and value.tzinfo is None else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def iter_csv(text: str, location: str, max_chars: int | None = None) -> Iterator[Document | IngestError]:
    """A CSV feed with a header row: one document per row.

    The whole file is parsed before any row is taken, strictly: an unbalanced quote (which would
    swallow the rest of the file into one field), a row with more or fewer fields than the header,
    a first row naming no text column (a CSV without a header) or a header with no rows make the
    file one error, rather than a handful of fragments stored as documents.
    """
    rows = _csv_rows(text, location)
    header = [name.strip().lower() for name in rows[0][1]]
    if not any(column in header for column in FEED_COLUMNS["text"]):
        first = ", ".join(repr(name) for name in rows[0][1][:6])
        raise IngestError(location, f"CSV has no header row naming a 'text' (or 'body'/'content') column (first row: {first})")
    if len(rows) == 1:
        raise IngestError(location, "CSV has a header row but no rows")
    for line, row in rows[1:]:
        if len(row) != len(header):
            raise IngestError(location, f"malformed CSV: the row on line {line:,} has {len(row)} fields where the header has "
                                        f"{len(header)} (a stray quote or separator?); no row of the file was read")
    for line, row in rows[1:]:
        yield _feed_record(dict(zip(rows[0][1], row)), f"{location}:{line}", max_chars)


def _csv_rows(text: str, location: str) -> list[tuple[int, list[str]]]:
    """Every non-blank row of a CSV text with the line it starts on; any syntax error is an
    ``IngestError`` for the whole file."""
    csv.field_size_limit(1 << 30)
    reader = csv.reader(io.StringIO(text), strict=True)
    rows: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for row in reader:
            if row:
                rows.append((start, row))
            start = reader.line_num + 1
    except csv.Error as exc:
        hint = f"a quote opened on line {start:,} is never closed" if "end of data" in str(exc) else f"{exc}, line {start:,}"
        raise IngestError(location, f"malformed CSV ({hint}); no row of the file was read") from None
    if not rows:
        raise IngestError(location, "CSV holds no rows (only blank lines)")
    return rows


def iter_json(text: str, location: str, max_chars: int | None = None) -> Iterator[Document | IngestError]:
    """A JSON file holding one record or a list of records (same columns as the feeds)."""
    data = load_json(text, location)
    records = data if isinstance(data, list) else [data]
    if not records:
        raise IngestError(location, "JSON file holds an empty list: no records")
    for index, record in enumerate(records):
        yield _feed_record(record, f"{location}[{index}]", max_chars)


def feed_fields(record: dict[str, Any], where: str) -> dict[str, str]:
    """The feed fields of a record (``text``, ``title``, ``date``, ``url``, ``publisher``,
    ``author``), each under the first of its accepted column names (case-insensitive) that holds
    a value.

    Text must be a string: a number, ``true``, NaN, an object or a list where the text belongs is
    an error for the record, never a document reading "42", "True" or "{'a': 1}". So is a number or
    boolean in a metadata field. An object or list under a metadata name is another field that
    shares the name (PLOVER's ``source`` is a list of actors, not a publisher): that column is
    skipped. Null (and NaN, the missing value of a pandas-written column) counts as absent. A
    string that is not valid Unicode (an unpaired surrogate from a JSON escape) is an error, as
    the store could not hold it.
    """
    lowered = {str(k).strip().lower(): v for k, v in record.items()}
    fields: dict[str, str] = {}
    for name, columns in FEED_COLUMNS.items():
        if name == "id":
            continue
        for column in columns:
            value = lowered.get(column)
            if value is None or (isinstance(value, float) and math.isnan(value) and name != "text"):
                continue
            if isinstance(value, dict | list | tuple) and name != "text":
                continue
            if not isinstance(value, str):
                raise IngestError(where, f"'{column}' is {_describe(value)}, not a string")
            if not value.strip():
                continue
            if bad := _SURROGATE.search(value):
                raise IngestError(where, f"'{column}' is not valid Unicode (an unpaired surrogate {bad[0]!r} at character "
                                         f"{bad.start() + 1:,})")
            fields[name] = value
            break
    return fields


def _describe(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"a boolean ({str(value).lower()})"
    if isinstance(value, float) and math.isnan(value):
        return "NaN (a missing value)"
    if isinstance(value, int | float):
        return f"a number ({value!r:.40})"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, bytes | bytearray):
        return "binary data"
    return f"a {type(value).__name__}"


def _feed_record(record: Any, where: str, max_chars: int | None = None) -> Document | IngestError:
    if not isinstance(record, dict):
        return IngestError(where, f"expected an object with a 'text' field, got {_describe(record)}")
    try:
        fields = feed_fields(record, where)
        text = fields.pop("text", None)
        if text is None or len(text.strip()) < _MIN_TEXT_CHARS:
            return IngestError(where, "row has no 'text' (or 'body'/'content') value")
        refuse_long(text.strip(), where, max_chars)
        doc = Document(text=text.strip(), source_path=where)
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
        publisher, url = header_publisher(value) if basis == "header" else (value, None)
        if publisher:
            doc.publisher, doc.publisher_basis = publisher, basis
        if basis == "header" and publisher != value:  # the rest of a "Source:" line tells where the file came from
            doc.provenance = f"Source: {value}"
        doc.url = doc.url or url
    if fields.get("date") and not (fill_only and doc.published):
        try:
            parsed = parse_date(fields["date"])
        except ValueError as exc:
            raise IngestError(where, f"bad date field: {exc}") from None
        doc.published, doc.date_precision, doc.date_basis = parsed.value, parsed.precision, basis


def refuse_long(text: str, where: str, max_chars: int | None) -> None:
    """Refuse a text longer than ``max_chars`` before any work is spent on it: the model cannot
    analyse it in one piece (spaCy's E088), so it is one error naming the document, not a crash."""
    if max_chars is not None and len(text) > max_chars:
        raise IngestError(where, f"text is {len(text):,} characters, over the {max_chars:,}-character limit "
                                 "(--max-chars); split it into smaller documents")


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
