"""User overrides of source grades: a CSV with columns name,type,reliability,reason."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from frenemy.errors import UsageError
from frenemy.ontology.loader import read_csv_rows, toml

GRADES = ("A", "B", "C", "D", "E", "F")


@dataclass(frozen=True)
class SourceGrade:
    type: str | None
    reliability: str
    reason: str


#: Characters trimmed from both ends of a source's name before it is keyed.
SOURCE_NAME_TRIM = " \"'“”‘’«»,.;:-–—"


def source_key(name: str) -> str:
    """The key one source is stored and graded under: lower case, single spaces, no surrounding
    quotes or punctuation, no leading "the" ("The U.S. Department of the Treasury" and "the U.S.
    Department of the Treasury" are one source). The store's ``sources`` view computes the same
    key in SQL (``store/migrations.py``); a test holds the two together."""
    key = " ".join(name.lower().split()).strip(SOURCE_NAME_TRIM)
    if key.startswith("the "):
        key = key[4:].strip(SOURCE_NAME_TRIM)
    return key


_key = source_key


def load_source_grades(path: str | Path) -> dict[str, SourceGrade]:
    """name (case-insensitive) -> grade; a bad row is a one-line error naming file and row.

    Read once per file version: ingest calls this for every batch."""
    path = Path(path)
    if not path.is_file():
        raise UsageError(f"--sources: {path}: no such file")
    return _load(path, path.stat().st_mtime_ns)


@cache
def _load(path: Path, _version: int) -> dict[str, SourceGrade]:
    types = set(toml("source_types.toml"))
    grades: dict[str, SourceGrade] = {}
    for number, row in enumerate(read_csv_rows(path), start=2):
        name, grade = row.get("name", ""), (row.get("reliability") or "").upper()
        if not name or grade not in GRADES:
            raise UsageError(f"{path}:{number}: needs a name and a reliability grade A-F (columns name,type,reliability,reason)")
        kind = row.get("type") or None
        if kind and kind not in types:
            raise UsageError(f"{path}:{number}: unknown source type {kind!r} (one of {', '.join(sorted(types))})")
        grades[_key(name)] = SourceGrade(kind, grade, row.get("reason") or f"graded {grade} by {path.name}")
    return grades


def apply_source_grades(rows: list[dict], grades: dict[str, SourceGrade]) -> None:
    """Replace the default grade of events attributed to a source the user graded."""
    for row in rows:
        grade = grades.get(_key(row.get("attributed_to") or ""))
        if grade is not None:
            row["source_reliability"], row["reliability_reason"] = grade.reliability, grade.reason
            if grade.type:
                row["attributed_type"] = grade.type
