"""The local runner: ``analyse`` in N worker processes, each loading the model once.

Records go out and rows come back; no ``nlp`` object or ``Doc`` crosses a process boundary.
With one worker everything runs in this process.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor

from frenemy.nlp.pipeline import Analysis, DocRecord, analyse

_SETTINGS: dict = {}
#: Chunks queued per worker: enough to keep every worker busy while results are stored.
_INFLIGHT_PER_WORKER = 3


def _init_worker(model: str | None, actors_files: tuple[str, ...]) -> None:
    from frenemy.nlp.pipeline import pipeline

    _SETTINGS.update(model=model, actors_files=actors_files)
    pipeline(model, actors_files)  # load once, before the first batch


def _run_chunk(records: Sequence[DocRecord]) -> list[Analysis]:
    return analyse(records, _SETTINGS["model"], _SETTINGS["actors_files"])


def run_local(
    records: Iterable[DocRecord],
    workers: int = 1,
    model: str | None = None,
    actors_files: Iterable[str] = (),
    chunk_size: int = 16,
) -> Iterator[Analysis]:
    """Analyses in input order, streaming: ``records`` is read only as far as the workers need."""
    files = tuple(actors_files)
    if workers <= 1:
        batch: list[DocRecord] = []
        for record in records:
            batch.append(record)
            if len(batch) >= chunk_size:
                yield from analyse(batch, model, files)
                batch = []
        if batch:
            yield from analyse(batch, model, files)
        return
    chunks = _chunks(records, chunk_size)
    # Where fork exists the model is loaded here once and the workers inherit it, as spaCy's own
    # nlp.pipe(n_process=...) does; elsewhere each spawned worker loads it in its initializer.
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    if method == "fork":
        from frenemy.nlp.pipeline import pipeline

        pipeline(model, files)
    context = multiprocessing.get_context(method)
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker, initargs=(model, files)) as pool:
        # A bounded number of chunks in flight (Executor.map would read the whole input first).
        inflight: deque[Future[list[Analysis]]] = deque()
        for chunk in chunks:
            inflight.append(pool.submit(_run_chunk, chunk))
            if len(inflight) >= workers * _INFLIGHT_PER_WORKER:
                yield from inflight.popleft().result()
        while inflight:
            yield from inflight.popleft().result()


def _chunks(records: Iterable[DocRecord], size: int) -> Iterator[list[DocRecord]]:
    batch: list[DocRecord] = []
    for record in records:
        batch.append(record)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
