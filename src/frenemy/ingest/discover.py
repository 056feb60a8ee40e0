"""From the paths a user gives to a stream of documents (or errors), whatever the format.

Folders are read recursively (hidden files skipped), globs are expanded, ``-`` reads standard
input. JSON Lines and Parquet datasets stream, so their size is bounded by the disk, not by memory.
A JSON Lines file whose records name a ``file`` (or ``file_name``) and carry no
``text`` is a metadata manifest for the files beside it, not a feed: its titles, dates and
publishers are applied to those files (as Hugging Face's ``metadata.jsonl`` does).
"""

from __future__ import annotations

import glob
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from frenemy.errors import IngestError
from frenemy.ingest.decode import DEFAULT_MAX_BYTES, decode_text, read_bytes, refuse_binary
from frenemy.ingest.readers import iter_csv, iter_json, iter_jsonl, iter_parquet, read_html, read_text
from frenemy.ingest.records import Document, Overrides

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
FEED_SUFFIXES = JSONL_SUFFIXES | {".csv", ".json"}
PARQUET_SUFFIXES = {".parquet", ".pq"}
SUPPORTED = sorted(TEXT_SUFFIXES | HTML_SUFFIXES | FEED_SUFFIXES | PARQUET_SUFFIXES)
_MANIFEST_KEYS = ("file", "file_name", "filename", "path")

Item = Document | IngestError


def iter_inputs(
    paths: Iterable[str],
    overrides: Overrides | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Item]:
    """Yield one ``Document`` or ``IngestError`` per document found under ``paths``."""
    overrides = overrides or Overrides()
    files: list[Path] = []
    for given in paths:
        if given == "-":
            yield from _with_overrides(_read_stdin(max_bytes), overrides)
            continue
        found = _expand(given)
        if isinstance(found, IngestError):
            yield found
        else:
            files.extend(found)
    manifest_meta, manifests = _manifests(files)
    for path in _unique(files):
        if path in manifests:
            continue
        yield from _with_overrides(_read_file(path, max_bytes, manifest_meta.get(path)), overrides)


def _with_overrides(items: Iterable[Item], overrides: Overrides) -> Iterator[Item]:
    for item in items:
        yield overrides.apply(item) if isinstance(item, Document) else item


def _expand(given: str) -> list[Path] | IngestError:
    path = Path(given).expanduser()
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.is_file() and not _hidden(p.relative_to(path)))
    if path.exists() or path.is_symlink():
        return [path]
    if any(ch in given for ch in "*?["):
        matches = sorted(Path(p) for p in glob.glob(given, recursive=True) if Path(p).is_file())
        return matches or IngestError(given, "pattern matches no file")
    return IngestError(given, "no such file or directory")


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


def _unique(paths: list[Path]) -> list[Path]:
    seen: set[Path] = set()
    out = []
    for path in paths:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            out.append(path)
    return out


def _read_stdin(max_bytes: int) -> Iterator[Item]:
    data = sys.stdin.buffer.read(max_bytes + 1)
    if len(data) > max_bytes:
        yield IngestError("<stdin>", f"input over the {max_bytes:,}-byte limit (--max-bytes)")
        return
    try:
        yield read_text(decode_text(data, "<stdin>"), "<stdin>")
    except IngestError as err:
        yield err


def _read_file(path: Path, max_bytes: int, meta: dict[str, str] | None) -> Iterator[Item]:
    location = str(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        yield IngestError(location, f"unsupported file type '{suffix or '(none)'}' (supported: {', '.join(SUPPORTED)})")
        return
    if suffix in PARQUET_SUFFIXES:
        yield from iter_parquet(location, location)
        return
    if suffix in JSONL_SUFFIXES:
        yield from _stream_jsonl(path, location)
        return
    try:
        text = decode_text(read_bytes(path, max_bytes if suffix not in FEED_SUFFIXES else max(max_bytes, 1 << 31)), location)
        if suffix in TEXT_SUFFIXES:
            yield read_text(text, location, meta)
        elif suffix in HTML_SUFFIXES:
            yield read_html(text, location, meta)
        elif suffix == ".csv":
            yield from iter_csv(text, location)
        else:
            yield from iter_json(text, location)
    except IngestError as err:
        yield err


def _stream_jsonl(path: Path, location: str) -> Iterator[Item]:
    """A JSON Lines file of any size, line by line; a file that is not text at all is one error."""
    try:
        with path.open("rb") as handle:
            head = handle.read(8192)
            try:
                refuse_binary(head, location)
                if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head:
                    raise IngestError(location, "not UTF-8 (UTF-16 or binary); JSON Lines must be UTF-8")
            except IngestError as err:
                yield err
                return
            handle.seek(0)
            yield from iter_jsonl(handle, location)
    except OSError as exc:
        yield IngestError(location, f"cannot read: {exc.strerror or exc}")


def _manifests(files: list[Path]) -> tuple[dict[Path, dict[str, str]], set[Path]]:
    """Find manifest files among ``files`` and map each described file to its metadata."""
    meta: dict[Path, dict[str, str]] = {}
    manifests: set[Path] = set()
    for path in files:
        if path.suffix.lower() not in JSONL_SUFFIXES:
            continue
        records = _manifest_records(path)
        if records is None:
            continue
        manifests.add(path)
        for record in records:
            key = next(str(record[k]) for k in _MANIFEST_KEYS if record.get(k))
            meta[(path.parent / key).resolve()] = _manifest_fields(record)
    return {p: meta[p.resolve()] for p in files if p.resolve() in meta}, manifests


def _manifest_records(path: Path) -> list[dict] | None:
    """The records of a manifest, or None as soon as a line shows the file is something else
    (a feed of any size is not read whole to find out)."""
    records = []
    try:
        with path.open("rb") as handle:
            for line in handle:
                if not line.strip():
                    continue
                record = json.loads(line.decode("utf-8-sig"))
                if not (isinstance(record, dict) and "text" not in record and any(record.get(k) for k in _MANIFEST_KEYS)):
                    return None
                records.append(record)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None
    return records or None


def _manifest_fields(record: dict) -> dict[str, str]:
    from frenemy.ingest.readers import feed_value

    fields = {}
    for name in ("title", "date", "url", "author"):
        if value := feed_value(record, name):
            fields[name] = value
    for key in ("publisher", "outlet", "source"):  # an outlet's name beats a dataset's name
        if record.get(key):
            fields["publisher"] = str(record[key])
            break
    return fields
