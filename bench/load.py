"""Load on the HTTP API: N concurrent clients for S seconds on loopback.

Builds (or uses) a store from ../shared/seeds and ../shared/corpus/dev, starts `frenemy serve`,
and runs N threads that each loop over a mix of requests (mostly /api/dyad for pairs in the
store, plus events pages, actor search and documents) for S seconds. Prints requests, errors
(any non-2xx or transport error) and latency percentiles per endpoint.

    python bench/load.py [--clients 50] [--seconds 30] [--db STORE] [--shared ../shared]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PAIRS = [("Iran", "al-Qaeda"), ("Iran", "United States"), ("Israel", "Hezbollah"), ("North Korea", "United States"),
         ("Russia", "United States"), ("Pakistan", "Afghanistan")]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--db", type=Path)
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))
    sys.path.insert(0, str(REPO / "src"))
    import httpx

    from frenemy import api
    from tests.web.conftest import serving

    db = args.db
    if db is None:
        db = Path(tempfile.mkdtemp()) / "load.duckdb"
        api.ingest([str(args.shared / "seeds"), str(args.shared / "corpus" / "dev")], db)
    latencies: dict[str, list[float]] = defaultdict(list)
    errors: list[str] = []
    lock = threading.Lock()

    def client(base: str, index: int, until: float) -> None:
        with httpx.Client(base_url=base, timeout=60) as http:
            n = index
            while time.monotonic() < until:
                a, b = PAIRS[n % len(PAIRS)]
                kind = ("dyad", "dyad", "dyad", "events", "actors", "documents")[n % 6]
                path, params = {
                    "dyad": ("/api/dyad", {"a": a, "b": b}),
                    "events": ("/api/events", {"dyad": f"{a},{b}", "limit": 50}),
                    "actors": ("/api/actors", {"q": a[:3]}),
                    "documents": ("/api/documents", {"limit": 20}),
                }[kind]
                start = time.perf_counter()
                try:
                    response = http.get(path, params=params)
                    ok = 200 <= response.status_code < 300
                    problem = None if ok else f"{path} {response.status_code} {response.text[:120]}"
                except httpx.HTTPError as exc:
                    problem = f"{path} {type(exc).__name__}: {exc}"
                elapsed = time.perf_counter() - start
                with lock:
                    latencies[kind].append(elapsed)
                    if problem:
                        errors.append(problem)
                n += 1

    with serving(db) as base:
        until = time.monotonic() + args.seconds
        threads = [threading.Thread(target=client, args=(base, i, until)) for i in range(args.clients)]
        started = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.monotonic() - started
    total = sum(len(v) for v in latencies.values())
    print(f"{args.clients} clients, {wall:.1f} s: {total} requests ({total / wall:.1f}/s), {len(errors)} errors")
    for kind, values in sorted(latencies.items()):
        values.sort()
        p = lambda q: values[min(len(values) - 1, int(q * len(values)))] * 1000  # noqa: E731
        print(f"  {kind:10s} n={len(values):5d}  p50 {p(0.5):7.0f} ms  p95 {p(0.95):7.0f} ms  max {values[-1] * 1000:7.0f} ms"
              f"  mean {statistics.mean(values) * 1000:7.0f} ms")
    for problem in errors[:10]:
        print("  error:", problem)
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
