"""One set of output formats for every listing command (like sqlite-utils' ``--csv/--nl/-t``).

``table`` is for people (rich); ``csv``, ``jsonl``, ``json`` and ``parquet`` are for programs
and keep native types: booleans stay booleans, dates are ISO strings, nulls are nulls.

A table shows at most ``TABLE_ROWS`` (1,000) rows and says how many it left out (a terminal table
of a million rows helps nobody and takes minutes to lay out); every other format writes all rows.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any, TextIO

from frenemy.errors import UsageError
from frenemy.schemas import LISTING_FORMATS

_CELL_LIMIT = 60
TABLE_ROWS = 1000  # rows a ``table`` shows; the other formats write every row


def render_rows(rows: Sequence[dict[str, Any]], columns: Sequence[str], fmt: str, out: Path | None = None) -> None:
    """Write ``rows`` (only ``columns``, in that order) as ``fmt`` to ``out`` or standard output."""
    if fmt not in LISTING_FORMATS:
        raise UsageError(f"--format: unknown format {fmt!r} (choose from {', '.join(LISTING_FORMATS)})")
    if fmt == "parquet":
        if out is None:
            raise UsageError("--format parquet needs --out FILE")
        _write_parquet(rows, columns, out)
        return
    if out is None:
        _write_text(rows, columns, fmt, sys.stdout)
        return
    tmp = out.with_name(out.name + ".partial")
    with tmp.open("w", encoding="utf-8", newline="") as handle:
        _write_text(rows, columns, fmt, handle)
    tmp.replace(out)  # never leave a half-written output file under the real name


def _write_text(rows: Sequence[dict[str, Any]], columns: Sequence[str], fmt: str, handle: TextIO) -> None:
    if fmt == "table":
        _write_table(rows, columns, handle)
    elif fmt == "csv":
        writer = csv.writer(handle)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_csv_cell(row.get(c)) for c in columns])
    elif fmt == "jsonl":
        for row in rows:
            handle.write(json.dumps({c: _json_value(row.get(c)) for c in columns}, ensure_ascii=False) + "\n")
    else:
        json.dump([{c: _json_value(row.get(c)) for c in columns} for row in rows], handle, ensure_ascii=False, indent=2)
        handle.write("\n")


def _write_table(rows: Sequence[dict[str, Any]], columns: Sequence[str], handle: TextIO, limit: int | None = None) -> None:
    """A rich table of the first ``limit`` (default ``TABLE_ROWS``) rows, and the count of all."""
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=False, header_style="bold")
    for column in columns:
        table.add_column(column, overflow="fold")
    shown = rows[:TABLE_ROWS] if limit is None else rows[:limit]
    for row in shown:
        table.add_row(*(_table_cell(row.get(c)) for c in columns))
    console = Console(file=handle, width=None if handle.isatty() else 200)
    console.print(table)
    total = f"{len(rows)} row{'s' if len(rows) != 1 else ''}"
    if len(shown) < len(rows):
        total += (f" ({len(shown):,} shown, {len(rows) - len(shown):,} left out; "
                  "--format csv, jsonl, json or parquet writes them all)")
    console.print(total, style="dim")


def _json_value(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_json_value(v) for v in value]
    return value


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(_json_value(value), ensure_ascii=False)
    return str(_json_value(value))


def _table_cell(value: Any) -> str:
    from rich.markup import escape

    if isinstance(value, datetime):
        value = value.replace(microsecond=0)
    text = _csv_cell(value).replace("\n", " ")
    return escape(text if len(text) <= _CELL_LIMIT else text[: _CELL_LIMIT - 1] + "…")


def _write_parquet(rows: Sequence[dict[str, Any]], columns: Sequence[str], out: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table({c: [row.get(c) for row in rows] for c in columns})
    tmp = out.with_name(out.name + ".partial")
    pq.write_table(table, tmp)
    tmp.replace(out)


def write_output(text: str, out: Path | None) -> None:
    """Write a rendered report to ``out`` (whole or not at all) or to standard output."""
    if out is None:
        sys.stdout.write(text)
        return
    tmp = out.with_name(out.name + ".partial")
    try:
        tmp.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"--out {out}: {exc.strerror or exc}") from None
    tmp.replace(out)


def json_default(value: Any) -> Any:
    """``json.dumps(default=...)`` for dates and sets in report data."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def to_text(rows: Sequence[dict[str, Any]], columns: Sequence[str], fmt: str) -> str:
    """The rendering as a string (for the API and tests)."""
    buffer = io.StringIO()
    _write_text(rows, columns, fmt, buffer)
    return buffer.getvalue()
