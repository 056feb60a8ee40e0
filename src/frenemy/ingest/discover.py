"""From the paths a user gives to a stream of documents (or errors), whatever the format.

Folders are read recursively (hidden files skipped), globs are expanded, ``-`` reads standard
input. JSON Lines and Parquet datasets stream, so their size is bounded by the disk, not by memory.
A JSON Lines file whose records name a ``file`` (or ``file_name``) and carry no
``text`` is a metadata manifest for the files beside it, not a feed: its titles, dates and
publishers are applied to those files (as Hugging Face's ``metadata.jsonl`` does).

Every input is isolated: whatever one file or row holds, it yields documents or one
``IngestError`` each, never an exception that would stop the others, and never nothing without
saying why (an empty folder, a dangling link, a FIFO, a feed of no rows each get an error).
"""

from __future__ import annotations

import csv
import glob
import os
import sys
import traceback
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TypeVar

from frenemy.errors import IngestError, InternalIngestError, one_line
from frenemy.ingest.decode import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_CHARS,
    check_regular,
    decode_text,
    open_regular,
    read_bytes,
    refuse_binary,
)
from frenemy.ingest.readers import feed_fields, iter_csv, iter_json, iter_jsonl, iter_parquet, load_json, read_html, read_text
from frenemy.ingest.records import Document, Overrides

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
FEED_SUFFIXES = JSONL_SUFFIXES | {".csv", ".json"}
PARQUET_SUFFIXES = {".parquet", ".pq"}
SUPPORTED = sorted(TEXT_SUFFIXES | HTML_SUFFIXES | FEED_SUFFIXES | PARQUET_SUFFIXES)
_MANIFEST_KEYS = ("file", "file_name", "filename", "path")
#: Exceptions hostile input can raise inside a reader (deep nesting, huge numbers, bad bytes, a
#: file that vanishes): an error for that input, not a bug.
_INPUT_FAILURES = (RecursionError, MemoryError, ValueError, UnicodeError, OSError, csv.Error)

Item = Document | IngestError
_T = TypeVar("_T")


def iter_inputs(
    paths: Iterable[str],
    overrides: Overrides | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_chars: int = DEFAULT_MAX_CHARS,
    exclude: Iterable[str | os.PathLike[str]] = (),
) -> Iterator[Item]:
    """Yield one ``Document`` or ``IngestError`` per document found under ``paths``.

    ``max_chars`` refuses a longer text (the model cannot analyse it in one piece); files named
    in ``exclude`` (the store's own files) are skipped when a folder or glob reaches them.
    """
    overrides = overrides or Overrides()
    skip = {os.path.realpath(p) for p in exclude}
    files: list[Path] = []
    for given in paths:
        if given == "-":
            yield from _with_overrides(_isolated("<stdin>", _read_stdin(max_bytes, max_chars)), overrides)
            continue
        for found in _expand(given, skip):
            if isinstance(found, IngestError):
                yield found
            else:
                files.append(found)
    files = _unique(files)
    manifest_meta, manifests = _manifests(files)
    for path in files:
        if path in manifests:
            yield from manifests[path]
            continue
        items = _read_file(path, max_bytes, max_chars, manifest_meta.get(_real(path)))
        yield from _with_overrides(_isolated(display_path(path), items), overrides)


def display_path(path: str | os.PathLike[str]) -> str:
    """A path as it is shown and stored: bytes of a name that are not UTF-8 as ``\\xNN`` and
    control characters escaped, so a hostile file name can neither break a line of output nor the
    store (which holds only valid UTF-8)."""
    return one_line(os.fspath(path), limit=4096)


def _with_overrides(items: Iterable[Item], overrides: Overrides) -> Iterator[Item]:
    for item in items:
        yield overrides.apply(item) if isinstance(item, Document) else item


def _isolated(location: str, items: Iterator[_T]) -> Iterator[_T | IngestError]:
    """Every item of one input, and one error in place of whatever it raises, so a bad file never
    stops the run. An exception no hostile input should cause is a bug: its error carries the
    traceback and makes the run end with its own exit code."""
    try:
        yield from items
    except IngestError as err:
        yield err
    except _INPUT_FAILURES as exc:
        message = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        yield IngestError(location, f"cannot be read ({type(exc).__name__}{': ' + message if message else ''})")
    except Exception as exc:  # noqa: BLE001 - isolate the input; the traceback goes to the report
        yield InternalIngestError(location, f"internal error while reading ({type(exc).__name__}: {exc}); this is a bug "
                                            "in frenemy, please report it", traceback.format_exc())


def _expand(given: str, skip: set[str]) -> list[Path | IngestError]:
    path = Path(given).expanduser()
    if path.is_dir():
        return _folder_files(path, skip)
    if path.exists() or path.is_symlink():
        return [path]
    if any(ch in given for ch in "*?["):
        matches = sorted(glob.glob(given, recursive=True))
        found: list[Path | IngestError] = []
        for match in matches:
            if os.path.realpath(match) in skip:
                continue
            found.extend(_folder_files(Path(match), skip) if os.path.isdir(match) else [Path(match)])
        return found or [IngestError(given, "pattern matches no file")]
    return [IngestError(given, "no such file or directory")]


def _folder_files(folder: Path, skip: set[str]) -> list[Path | IngestError]:
    """Every file under ``folder`` but hidden ones and the store's own, sorted, including those
    that are no regular file (dangling links, FIFOs, devices) so each gets its own error rather
    than vanishing. Linked folders are followed, except one that leads back to a folder already
    being read (a loop). A folder with nothing to read, at any depth, is an error."""
    found: list[Path | IngestError] = []
    visited: set[str] = set()

    def walk(directory: Path) -> None:
        real = os.path.realpath(directory)
        if real in visited:
            found.append(IngestError(display_path(directory), "symbolic link to a folder already read (a loop, or a "
                                                              "second link to it); not read again"))
            return
        visited.add(real)
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError as exc:
            found.append(IngestError(display_path(directory), f"cannot list the folder: {exc.strerror or exc}"))
            return
        before, hidden = len(found), 0
        for entry in entries:
            if entry.name.startswith("."):
                hidden += 1
            elif os.path.realpath(entry.path) in skip:
                continue
            elif _is_dir(entry):
                walk(Path(entry.path))
            else:
                found.append(Path(entry.path))
        if len(found) == before and not any(os.path.realpath(e.path) in skip for e in entries):
            found.append(IngestError(display_path(directory), "folder holds no files" + (
                f" (only {hidden} hidden one{'s' * (hidden > 1)}, which are skipped)" if hidden else "")))

    walk(folder)
    return found


def _is_dir(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()  # follows links; a dangling or looping link is not a folder
    except OSError:
        return False


def _real(path: Path) -> str:
    return os.path.realpath(path)


def _unique(paths: list[Path]) -> list[Path]:
    seen: set[str] = set()
    out = []
    for path in paths:
        key = _real(path)
        if key not in seen:
            seen.add(key)
            out.append(path)
    return out


def _read_stdin(max_bytes: int, max_chars: int) -> Iterator[Item]:
    data = sys.stdin.buffer.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise IngestError("<stdin>", f"input over the {max_bytes:,}-byte limit (--max-bytes)")
    yield read_text(decode_text(data, "<stdin>"), "<stdin>", max_chars=max_chars)


def _read_file(path: Path, max_bytes: int, max_chars: int, meta: dict[str, str] | None) -> Iterator[Item]:
    location = display_path(path)
    check_regular(path, location)  # before anything is opened: a FIFO would block, /dev/zero never end
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise IngestError(location, f"unsupported file type '{suffix or '(none)'}' (supported: {', '.join(SUPPORTED)})")
    if suffix in PARQUET_SUFFIXES:
        with open_regular(path, location) as handle:
            yield from iter_parquet(handle, location, max_chars=max_chars)
        return
    if suffix in JSONL_SUFFIXES:
        yield from _stream_jsonl(path, location, max_chars)
        return
    text = decode_text(read_bytes(path, max_bytes if suffix not in FEED_SUFFIXES else max(max_bytes, 1 << 31), location),
                       location)
    if suffix in TEXT_SUFFIXES:
        yield read_text(text, location, meta, max_chars)
    elif suffix in HTML_SUFFIXES:
        yield read_html(text, location, meta, max_chars)
    elif suffix == ".csv":
        yield from iter_csv(text, location, max_chars)
    else:
        yield from iter_json(text, location, max_chars)


def _stream_jsonl(path: Path, location: str, max_chars: int) -> Iterator[Item]:
    """A JSON Lines file of any size, line by line; a file that is not text at all is one error."""
    with open_regular(path, location) as handle:
        head = handle.read(8192)
        refuse_binary(head, location, whole=len(head) < 8192)
        if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head:
            raise IngestError(location, "not UTF-8 (UTF-16 or binary); JSON Lines must be UTF-8")
        handle.seek(0)
        yield from iter_jsonl(handle, location, max_chars)


def _manifests(files: list[Path]) -> tuple[dict[str, dict[str, str]], dict[Path, list[IngestError]]]:
    """Find manifest files among ``files``: the metadata they give each described file (by real
    path), and each manifest with the errors of its rows (a row naming no existing file, a NUL in
    a name, a value that is not a string) and of itself when it describes none of the inputs."""
    inputs = {_real(p) for p in files}
    meta: dict[str, dict[str, str]] = {}
    manifests: dict[Path, list[IngestError]] = {}
    for path in files:
        if path.suffix.lower() not in JSONL_SUFFIXES:
            continue
        records = _manifest_records(path)
        if records is not None:
            manifests[path] = list(_isolated(display_path(path), _manifest_errors(path, records, inputs, meta)))
    return meta, manifests


def _manifest_errors(manifest: Path, records: list[tuple[int, dict]], inputs: set[str],
                     meta: dict[str, dict[str, str]]) -> Iterator[IngestError]:
    """Record in ``meta`` what each row of a manifest gives its file, yielding an error for each
    row that names no file (one for the whole manifest when none of its rows does: it describes
    another folder), and one when it describes none of the inputs."""
    location = display_path(manifest)
    described, errors, missing = 0, [], []
    for number, record in records:
        try:
            target, fields = _manifest_entry(manifest, record, f"{location}:{number}")
        except _Missing as err:
            missing.append(err)
            continue
        except IngestError as err:
            errors.append(err)
            continue
        meta[target] = fields
        described += target in inputs
    if missing and len(missing) == len(records):
        rows = f"none of its {len(records):,} rows names a file beside it (first: {missing[0].name!r})" if len(records) > 1 \
            else f"its one row names {missing[0].name!r}, which is not beside it"
        yield IngestError(location, f"manifest names no existing file: {rows}")
        return
    yield from sorted([*errors, *missing], key=lambda e: int(e.location.rsplit(":", 1)[1]))
    if not described and not errors and not missing:
        yield IngestError(location, "manifest describes none of the files being read (give the files or their folder too)")


class _Missing(IngestError):
    """A manifest row naming a file that does not exist (``name`` as the row gives it)."""

    def __init__(self, location: str, reason: str, name: str) -> None:
        super().__init__(location, reason)
        self.name = display_path(name)


def _manifest_entry(manifest: Path, record: dict, where: str) -> tuple[str, dict[str, str]]:
    """The real path of the file a manifest row names, and the metadata it gives that file."""
    name = next(record[k] for k in _MANIFEST_KEYS if record.get(k))
    key = next(k for k in _MANIFEST_KEYS if record.get(k))
    if not isinstance(name, str):
        raise IngestError(where, f"'{key}' is not a file name (a {type(name).__name__})")
    if "\x00" in name:
        raise IngestError(where, f"'{key}' contains a NUL byte, so it names no file")
    target = manifest.parent / name
    if not os.path.lexists(target):
        raise _Missing(where, f"'{key}' names {display_path(name)!r}, which does not exist beside the manifest", name)
    return _real(target), _manifest_fields(record, where)


def _manifest_records(path: Path) -> list[tuple[int, dict]] | None:
    """The numbered records of a manifest, or None as soon as a line shows the file is something
    else (a feed of any size is not read whole to find out; a file that is not even JSON is left
    for the feed reader to report)."""
    records = []
    try:
        with open_regular(path, str(path)) as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                record = load_json(line.decode("utf-8-sig"), str(path))
                if not (isinstance(record, dict) and "text" not in record and any(record.get(k) for k in _MANIFEST_KEYS)):
                    return None
                records.append((number, record))
    except (IngestError, OSError, UnicodeDecodeError):
        return None
    return records or None


def _manifest_fields(record: dict, where: str) -> dict[str, str]:
    """A manifest row's metadata: the feed fields it names (an outlet's name beats a dataset's)."""
    fields = feed_fields({k: v for k, v in record.items() if k.lower() not in _MANIFEST_KEYS}, where)
    fields.pop("text", None)
    return fields
