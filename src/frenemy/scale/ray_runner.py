"""The Ray runner: the same ``analyse`` on Ray Data, on a cluster or a local Ray instance.

Document records (plain data) go into a Ray Data dataset, a window at a time; ``map_batches``
runs them through a pool of actors, each of which loads the spaCy model once and writes every
batch's results as a Parquet shard. Only shard paths come back; no ``nlp`` object or ``Doc`` is
shipped. The shard folder must be visible to the workers and the driver (a local folder for a
local instance, a shared file system for a cluster). Install with ``pip install frenemy[ray]``.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from frenemy.errors import UsageError

#: Documents per Ray Data dataset: the driver holds one window at a time, and the actor pool
#: (one model load per worker) is started once per window.
WINDOW = 4096


def _ray():
    try:
        import ray
        import ray.data  # noqa: F401  (the extra installs ray[data])
    except ImportError:
        raise UsageError("--engine ray needs Ray Data: pip install 'frenemy[ray]'") from None
    return ray


class ShardWriter:
    """One Ray Data actor: the pipeline loaded once, then batch after batch, each written as a shard."""

    def __init__(self, model: str | None, actors_files: tuple[str, ...], folder: str) -> None:
        from frenemy.nlp.pipeline import pipeline

        self.model, self.actors_files, self.folder = model, actors_files, Path(folder)
        pipeline(model, actors_files)

    def __call__(self, batch: Any) -> dict[str, list[str]]:
        from frenemy.nlp.pipeline import DocRecord, analyse
        from frenemy.scale.shards import write_shard

        documents = batch.to_pylist()
        records = [DocRecord(d["doc_id"], d["text"], d["published"], d["date_precision"], d["author"], d["publisher"])
                   for d in documents]
        analyses = analyse(records, self.model, self.actors_files)
        return {"shard": [str(write_shard(self.folder, documents, analyses))]}


def run_ray(
    documents: Iterable[dict[str, Any]],
    folder: Path,
    workers: int = 2,
    model: str | None = None,
    actors_files: Sequence[str] = (),
    address: str | None = None,
    chunk_size: int = 16,
    window: int = WINDOW,
) -> Iterator[Path]:
    """Analyse document rows on Ray Data with ``workers`` actors (0: one per CPU of the cluster, or
    of this machine for a local instance); yields each shard as it completes."""
    ray = _ray()
    started_here = not ray.is_initialized()
    if started_here:
        options: dict[str, Any] = {"address": address} if address else {"num_cpus": workers or os.cpu_count() or 1}
        ray.init(include_dashboard=False, log_to_driver=False, configure_logging=False, **options)
    workers = workers or max(int(ray.cluster_resources().get("CPU", 1)), 1)
    logging.getLogger("ray.data").setLevel(logging.ERROR)
    ray.data.DataContext.get_current().enable_progress_bars = False
    try:
        for rows in _chunks(documents, window):
            dataset = ray.data.from_items(rows).map_batches(
                ShardWriter, fn_constructor_args=(model, tuple(actors_files), str(folder)), batch_size=chunk_size,
                batch_format="pyarrow", compute=ray.data.ActorPoolStrategy(size=workers), num_cpus=1)
            for row in dataset.iter_rows():
                yield Path(row["shard"])
    finally:
        if started_here:
            ray.shutdown()


def _chunks(documents: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for document in documents:
        batch.append(document if isinstance(document, dict) else asdict(document))
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


__all__ = ["run_ray"]
