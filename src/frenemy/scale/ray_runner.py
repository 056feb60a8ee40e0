"""The Ray runner: the same ``analyse`` on a Ray cluster (or a local Ray instance), each worker an
actor that loads the spaCy model once and writes its results as Parquet shards.

Only document records (plain data) go to the workers and only shard paths come back; no ``nlp``
object or ``Doc`` is shipped. The shard folder must be visible to the workers and the driver (a
local folder for a local instance, a shared file system for a cluster). Install with
``pip install frenemy[ray]``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from frenemy.errors import UsageError


def _ray():
    try:
        import ray
    except ImportError:
        raise UsageError("--engine ray needs Ray: pip install 'frenemy[ray]'") from None
    return ray


class _Analyser:
    """One Ray actor: the pipeline loaded once, then batch after batch."""

    def __init__(self, model: str | None, actors_files: tuple[str, ...]) -> None:
        from frenemy.nlp.pipeline import pipeline

        self.model, self.actors_files = model, actors_files
        pipeline(model, actors_files)

    def run(self, documents: list[dict[str, Any]], folder: str) -> str:
        from frenemy.nlp.pipeline import DocRecord, analyse
        from frenemy.scale.shards import write_shard

        records = [DocRecord(d["doc_id"], d["text"], d["published"], d["date_precision"], d["author"], d["publisher"])
                   for d in documents]
        analyses = analyse(records, self.model, self.actors_files)
        return str(write_shard(Path(folder), documents, analyses))


def run_ray(
    documents: Iterable[dict[str, Any]],
    folder: Path,
    workers: int = 2,
    model: str | None = None,
    actors_files: Sequence[str] = (),
    address: str | None = None,
    chunk_size: int = 16,
) -> Iterator[Path]:
    """Analyse document rows on Ray in ``workers`` actors; yields each shard as it completes."""
    ray = _ray()
    started_here = not ray.is_initialized()
    if started_here:
        options: dict[str, Any] = {"address": address} if address else {"num_cpus": max(workers, 1)}
        ray.init(include_dashboard=False, log_to_driver=False, configure_logging=False, **options)
    try:
        from ray.util import ActorPool

        remote = ray.remote(num_cpus=1)(_Analyser)
        pool = ActorPool([remote.remote(model, tuple(actors_files)) for _ in range(max(workers, 1))])
        chunks = _chunks(documents, chunk_size)
        for path in pool.map_unordered(lambda actor, chunk: actor.run.remote(chunk, str(folder)), chunks):
            yield Path(path)
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
