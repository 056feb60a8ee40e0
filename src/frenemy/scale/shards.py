"""Parquet shards: what a worker hands back, durable on disk until the store has it.

A shard is a folder with one Parquet file per table (documents, events, claims, mentions,
actors) for one batch of documents. It is written under ``<name>.partial`` and renamed when
complete, so a folder without the suffix is always whole. The driver stores a shard's documents
(each in its own transaction, keyed by content hash) and then deletes the shard; after a crash,
the shards left behind are stored first and their documents are not analysed again.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from frenemy.nlp.pipeline import Analysis
from frenemy.schemas import ACTOR_COLUMNS, CLAIM_COLUMNS, DOCUMENT_COLUMNS, EVENT_COLUMNS, MENTION_COLUMNS

TABLES = {"documents": DOCUMENT_COLUMNS, "events": EVENT_COLUMNS, "claims": CLAIM_COLUMNS,
          "mentions": MENTION_COLUMNS, "actors": ACTOR_COLUMNS}


def shard_name(doc_ids: Sequence[str]) -> str:
    """A shard's name from its documents: the same batch always lands in the same shard."""
    return "shard-" + hashlib.sha256("\n".join(sorted(doc_ids)).encode()).hexdigest()[:20]


def write_shard(folder: Path, documents: Sequence[dict[str, Any]], analyses: Sequence[Analysis]) -> Path:
    """Write one batch (document rows and their analyses) as a complete shard; returns its path."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    final = folder / shard_name([d["doc_id"] for d in documents])
    partial = final.with_name(final.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    tables = {"documents": list(documents), "events": [], "claims": [], "mentions": [], "actors": []}
    for analysis in analyses:
        for table in ("events", "claims", "mentions", "actors"):
            tables[table] += getattr(analysis, table)
    for table, rows in tables.items():
        columns = TABLES[table]
        pq.write_table(pa.table({c: [r.get(c) for r in rows] for c in columns}) if rows else pa.table(
            {c: pa.array([], type=pa.null()) for c in columns}), partial / f"{table}.parquet")
    if final.exists():  # the same batch finished before (a rerun): keep one copy
        shutil.rmtree(partial)
    else:
        partial.rename(final)
    return final


def read_shard(path: Path) -> list[tuple[dict[str, Any], Analysis]]:
    """(document row, its analysis) for every document of a shard, in shard order."""
    import pyarrow.parquet as pq

    tables = {t: pq.read_table(path / f"{t}.parquet").to_pylist() for t in TABLES}
    by_doc: dict[str, Analysis] = {d["doc_id"]: Analysis(d["doc_id"]) for d in tables["documents"]}
    for table in ("events", "claims", "mentions"):
        for row in tables[table]:
            getattr(by_doc[row["doc_id"]], table).append(row)
    actors = list({a["actor_id"]: a for a in tables["actors"]}.values())  # one row per actor
    result = []
    for document in tables["documents"]:
        analysis = by_doc[document["doc_id"]]
        analysis.actors = actors  # actors are upserted by id; every document may refer to any of them
        result.append((document, analysis))
    return result


def complete_shards(folder: Path) -> list[Path]:
    """Shards waiting to be stored (whole ones only), oldest first."""
    if not folder.exists():
        return []
    return sorted((p for p in folder.iterdir() if p.is_dir() and not p.name.endswith(".partial")),
                  key=lambda p: p.stat().st_mtime)


def partial_shards(folder: Path) -> list[Path]:
    """Shards a worker was still writing when the run stopped (never stored: their batch is redone)."""
    return sorted(p for p in folder.iterdir() if p.name.endswith(".partial")) if folder.exists() else []


def remove(paths: Iterable[Path]) -> None:
    for path in paths:
        shutil.rmtree(path, ignore_errors=True)


__all__ = ["complete_shards", "partial_shards", "read_shard", "remove", "shard_name", "write_shard"]
