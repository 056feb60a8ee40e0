"""Bytes -> text: detect binaries and decode any common encoding, or say why not."""

from __future__ import annotations

from pathlib import Path

from charset_normalizer import from_bytes

from frenemy.errors import IngestError

#: Default largest file read as one document (bytes).
DEFAULT_MAX_BYTES = 20 * 1024 * 1024

_MAGIC = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"%PDF": "a PDF file (convert it to text first)",
    b"PK\x03\x04": "a ZIP archive (or an Office document)",
    b"\x1f\x8b": "a gzip archive",
    b"\x7fELF": "an executable",
}


def read_bytes(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """Read a file, refusing what is too large or unreadable with a one-line reason."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise IngestError(str(path), f"file is {size:,} bytes, over the {max_bytes:,}-byte limit (--max-bytes)")
        return path.read_bytes()
    except PermissionError:
        raise IngestError(str(path), "permission denied") from None
    except IsADirectoryError:
        raise IngestError(str(path), "is a directory") from None
    except OSError as exc:
        raise IngestError(str(path), f"cannot read: {exc.strerror or exc}") from None


def decode_text(data: bytes, location: str) -> str:
    """Decode bytes as text, detecting the encoding; binaries and empty input are errors."""
    refuse_binary(data, location)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16")
    elif b"\x00" in data[:8192]:
        raise IngestError(location, "binary file (contains NUL bytes), not text")
    else:
        text = _decode_8bit(data, location)
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise IngestError(location, "no text after decoding (only whitespace)")
    _refuse_control_noise(text, location)
    return text


def refuse_binary(head: bytes, location: str) -> None:
    """Refuse, from its first bytes, a file that is empty or a known binary format."""
    for magic, what in _MAGIC.items():
        if head.startswith(magic):
            raise IngestError(location, f"binary file ({what}), not text")
    if not head.strip():
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
