"""Loading the package's data files: CSV and TOML with ``#`` comment headers."""

from __future__ import annotations

import csv
import tomllib
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any


def data_path(name: str) -> Path:
    """Path of a data file shipped in ``frenemy/ontology/data``."""
    return Path(str(resources.files("frenemy.ontology") / "data" / name))


def read_csv_rows(path: Path) -> list[dict[str, str]]:
    """Rows of a CSV whose leading ``#`` lines are comments (meaning and provenance)."""
    with path.open(encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(lines)]


@cache
def table(name: str) -> tuple[dict[str, str], ...]:
    """A shipped CSV table, parsed once per process."""
    return tuple(read_csv_rows(data_path(name)))


@cache
def toml(name: str) -> dict[str, Any]:
    """A shipped TOML file, parsed once per process."""
    with data_path(name).open("rb") as handle:
        return tomllib.load(handle)
