"""Scale-out throughput: documents/second for bare spaCy and frenemy's pipeline with 1 and 2
local processes, and frenemy on Ray with 2 workers, over the same documents; peak memory of a
process running the pipeline and of the largest local worker.

Documents: ../shared/corpus/dev repeated to --docs documents (each copy is a distinct document).
The pipeline figures are analysis only (``analyse`` over records, rows built, nothing stored), so
they compare like with like with bare ``nlp.pipe``; Ray includes writing its Parquet shards.

With ``--ingest`` it also times ``frenemy ingest --workers 2`` end to end (reading a JSON Lines
dataset, analysing, storing, grading credibility) with each engine.

    python bench/scale.py [--docs 2000] [--shared ../shared] [--skip-ray] [--ingest]
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))


def _ray(texts: list[str], workers: int) -> float:
    import ray

    from frenemy.scale.ray_runner import run_ray

    ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False, configure_logging=False)
    try:
        rows = [{"doc_id": f"d{i}", "text": t, "published": None, "date_precision": "unknown", "author": None,
                 "publisher": None} for i, t in enumerate(texts)]
        folder = Path(tempfile.mkdtemp(prefix="frenemy-shards-"))
        started = time.perf_counter()
        shards = list(run_ray(rows, folder, workers))
        elapsed = time.perf_counter() - started
        assert shards
        return elapsed
    finally:
        ray.shutdown()


def _ingest(texts: list[str], workers: int, engine: str) -> float:
    """``frenemy ingest`` end to end (read a JSON Lines dataset, analyse, store, grade
    credibility) into a new store; returns seconds."""
    import json
    import subprocess

    folder = Path(tempfile.mkdtemp(prefix="frenemy-ingest-"))
    dataset = folder / "corpus.jsonl"
    with dataset.open("w") as out:
        for i, text in enumerate(texts):
            out.write(json.dumps({"id": f"d{i}", "text": text, "publisher": "Bench Wire"}) + "\n")
    command = [str(Path(sys.executable).with_name("frenemy")), "ingest", str(dataset), "--db", str(folder / "s.duckdb"),
               "--workers", str(workers), "--engine", engine]
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def _peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def main() -> int:
    from throughput import _texts, bare_spacy, frenemy_pipeline

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--skip-ray", action="store_true")
    parser.add_argument("--ingest", action="store_true",
                        help="also time `frenemy ingest --workers 2` end to end (analysis, store, credibility)")
    args = parser.parse_args()
    base = _texts(args.shared)
    texts = [f"{t}\n\n(copy {i // len(base)})" for i, t in enumerate((base * (args.docs // len(base) + 1))[: args.docs])]
    words = sum(len(t.split()) for t in texts)
    print(f"{len(texts)} documents, {words} words")
    results = {}
    for processes in (1, 2):
        bare = bare_spacy(texts, processes)
        full = frenemy_pipeline(texts, processes)
        results[processes] = (bare, full)
        print(f"processes={processes}  bare spaCy {len(texts) / bare:6.1f} docs/s   frenemy {len(texts) / full:6.1f} docs/s"
              f"   ratio {bare / full:.2f}   ({len(texts) / full / processes:.1f} docs/s per core)")
    print(f"peak RSS: this process {_peak_rss_mb():.0f} MB (model and pipeline loaded, 1-process runs), "
          f"largest local worker process {_peak_rss_mb(resource.RUSAGE_CHILDREN):.0f} MB")
    if not args.skip_ray:
        elapsed = _ray(texts, 2)
        print(f"ray workers=2  frenemy {len(texts) / elapsed:6.1f} docs/s   ratio to bare spaCy (2 processes) "
              f"{results[2][0] / elapsed:.2f}")
    if args.ingest:
        for engine in ("local",) + (() if args.skip_ray else ("ray",)):
            elapsed = _ingest(texts, 2, engine)
            print(f"frenemy ingest --workers 2 --engine {engine} (read, analyse, store, credibility)  "
                  f"{len(texts) / elapsed:6.1f} docs/s   ratio to bare spaCy (2 processes) {results[2][0] / elapsed:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
