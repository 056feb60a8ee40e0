"""Throughput of the full extraction pipeline against bare spaCy parsing of the same text.

Documents: ../shared/corpus/dev (40 articles), and the same texts repeated to ~500 documents.
For 1 and 2 processes, prints documents/second for bare ``nlp.pipe`` with the trained model
and for frenemy's pipeline (model + our components + row building), and their ratio.

    python bench/throughput.py [--shared ../shared] [--repeat 500] [--processes 1 2]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path


def _texts(shared: Path) -> list[str]:
    from frenemy.ingest import Document, iter_inputs

    return [d.text for d in iter_inputs([str(shared / "corpus" / "dev")]) if isinstance(d, Document)]


def bare_spacy(texts: list[str], processes: int) -> float:
    from frenemy.nlp.model import load_model

    nlp = load_model(None)
    started = time.perf_counter()
    for _ in nlp.pipe(texts, n_process=processes, batch_size=16):
        pass
    return time.perf_counter() - started


def frenemy_pipeline(texts: list[str], processes: int) -> float:
    from frenemy.nlp.pipeline import DocRecord
    from frenemy.scale.local import run_local

    records = [DocRecord(f"d{i}", t) for i, t in enumerate(texts)]
    started = time.perf_counter()
    n = sum(1 for _ in run_local(records, workers=processes))
    assert n == len(records)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared")
    parser.add_argument("--repeat", type=int, default=500, help="documents in the repeated set")
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    base = _texts(args.shared)
    sets = {"dev (40 docs)": base, f"repeated ({args.repeat} docs)": (base * (args.repeat // len(base) + 1))[: args.repeat]}
    words = {name: sum(len(t.split()) for t in texts) for name, texts in sets.items()}
    for name, texts in sets.items():
        for processes in args.processes:
            bare = bare_spacy(texts, processes)
            full = frenemy_pipeline(texts, processes)
            print(f"{name:22} processes={processes}  bare spaCy {len(texts) / bare:7.1f} docs/s "
                  f"({words[name] / bare:8.0f} words/s)   frenemy {len(texts) / full:7.1f} docs/s "
                  f"({words[name] / full:8.0f} words/s)   ratio {bare / full:.2f}")


if __name__ == "__main__":
    main()
