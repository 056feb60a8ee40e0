"""Bytes -> text: open only regular files, detect binaries and decode any common encoding, or
say why not."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO

from charset_normalizer import from_bytes

from frenemy.errors import IngestError

#: Default largest file read as one document (bytes).
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
#: Default longest document text (characters). spaCy refuses longer texts (E088) because its
#: parser and entity recogniser need memory in proportion to the text; ``--max-chars`` changes it
#: up to the model's own ``nlp.max_length``.
DEFAULT_MAX_CHARS = 1_000_000

_SPECIAL_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)

_MAGIC = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"%PDF": "a PDF file (convert it to text first)",
    b"PK\x03\x04": "a ZIP archive (or an Office document)",
    b"\x1f\x8b": "a gzip archive",
    b"\x7fELF": "an executable",
}


def check_regular(path: Path, location: str) -> os.stat_result:
    """The file's status if it is a regular file (directly or through symbolic links), else an
    ``IngestError`` saying what it is. Nothing is opened: reading a FIFO would block for ever and
    a device such as /dev/zero never ends, so those are refused from their status alone."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            raise IngestError(location, f"dangling symbolic link (its target {os.readlink(path)!r} does not exist)") from None
        raise IngestError(location, "no such file") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise IngestError(location, "symbolic link loop (the link leads back to itself)") from None
        if exc.errno == errno.EACCES:
            raise IngestError(location, "permission denied") from None
        raise IngestError(location, f"cannot read: {exc.strerror or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        raise IngestError(location, "is a directory")
    if not stat.S_ISREG(info.st_mode):
        what = next((name for test, name in _SPECIAL_KINDS if test(info.st_mode)), "a special file")
        via = f" (a symbolic link to {os.path.realpath(path)})" if os.path.islink(path) else ""
        raise IngestError(location, f"is {what}{via}, not a regular file; not read")
    return info


def open_regular(path: Path, location: str) -> BinaryIO:
    """Open a regular file for reading, refusing anything else (see ``check_regular``). The
    open does not block and the opened file is checked again, so a file swapped for a FIFO or a
    device between the check and the open is refused too."""
    check_regular(path, location)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except PermissionError:
        raise IngestError(location, "permission denied") from None
    except OSError as exc:
        raise IngestError(location, f"cannot read: {exc.strerror or exc}") from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise IngestError(location, "is not a regular file (it changed while being opened); not read")
    return os.fdopen(fd, "rb")


def read_bytes(path: Path, max_bytes: int = DEFAULT_MAX_BYTES, location: str | None = None) -> bytes:
    """Read a regular file, refusing what is too large, special or unreadable with a one-line reason."""
    location = location or str(path)
    with open_regular(path, location) as handle:
        try:
            size = os.fstat(handle.fileno()).st_size
            if size > max_bytes:
                raise IngestError(location, f"file is {size:,} bytes, over the {max_bytes:,}-byte limit (--max-bytes)")
            data = handle.read(max_bytes + 1)
        except OSError as exc:
            raise IngestError(location, f"cannot read: {exc.strerror or exc}") from None
    if len(data) > max_bytes:  # it grew while being read
        raise IngestError(location, f"file is over the {max_bytes:,}-byte limit (--max-bytes)")
    return data


def decode_text(data: bytes, location: str) -> str:
    """Decode bytes as text, detecting the encoding; binaries and empty input are errors."""
    refuse_binary(data, location)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise IngestError(location, f"starts with a UTF-16 byte-order mark but is not UTF-16 ({exc.reason} at byte "
                                        f"{exc.start:,} of {len(data):,}): truncated or mislabelled") from None
    elif b"\x00" in data[:8192]:
        raise IngestError(location, "binary file (contains NUL bytes), not text")
    else:
        text = _decode_8bit(data, location)
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise IngestError(location, "no text after decoding (only whitespace)")
    _refuse_control_noise(text, location)
    return text


def refuse_binary(head: bytes, location: str, whole: bool = True) -> None:
    """Refuse, from its first bytes, a file that is empty or a known binary format. ``whole``
    says ``head`` is the whole file: only then is a blank head an empty file (a long file may be
    blank at first and hold text further on)."""
    for magic, what in _MAGIC.items():
        if head.startswith(magic):
            raise IngestError(location, f"binary file ({what}), not text")
    if whole and not head.strip():
        raise IngestError(location, "empty file")


def _decode_8bit(data: bytes, location: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise IngestError(location, "binary or undecodable file: no text encoding fits")
    return str(best)


def _refuse_control_noise(text: str, location: str) -> None:
    """Random bytes sometimes decode in some 8-bit code page; real text has few control characters."""
    sample = text[:20000]
    controls = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\n\t\f\v") or 0x7F <= ord(ch) < 0xA0)
    if controls > max(3, len(sample) // 100):
        raise IngestError(location, f"binary file ({controls} control characters in the first {len(sample)}), not text")
