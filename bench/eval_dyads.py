"""Per-article dyad signs against a careful reading of each dev article.

tests/data/dev_dyad_readings.jsonl gives, for every dyad listed in
../shared/corpus/dev/index.jsonl, the sign a careful reader gives the pair *as that article
portrays it* (+ cooperative, - conflictual, 0 mixed) and whether the reading is clear (guide:
tests/data/DEV_DYAD_READINGS.md). This script ingests the dev corpus into a fresh store (or
uses --db), assesses each listed dyad from that article's evidence only, and prints:

- agreement on clear cases: our sign (+ for cooperative/allied, - for adversarial/hostile, 0
  otherwise, including no evidence and actors we cannot resolve) equals the reading;
- the same with the raw sign of the score (any non-zero score), to show what the "mixed" band costs;
- with --errors, every disagreement of the raw sign, with our score and the evidence count.

    python bench/eval_dyads.py [--shared ../shared] [--db STORE] [--errors]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--db", type=Path, help="store with the dev corpus already ingested")
    parser.add_argument("--errors", action="store_true", help="print every disagreement")
    args = parser.parse_args()
    sys.path.insert(0, str(REPO / "src"))
    from frenemy import api
    from frenemy.errors import UnknownActor

    corpus = args.shared / "corpus" / "dev"
    readings = [json.loads(line) for line in (REPO / "tests" / "data" / "dev_dyad_readings.jsonl").open()]
    db = args.db
    if db is None:
        db = Path(tempfile.mkdtemp()) / "dev.duckdb"
        api.ingest([str(corpus)], db)
    docs = {Path(d["source_path"]).name: d["doc_id"] for d in _documents(db)}
    clear = agree = agree_raw = 0
    rows = []
    for r in readings:
        try:
            result = api.assess(db, r["a"], r["b"], documents=[docs[r["file"]]])
        except UnknownActor as exc:  # counted as a miss: the reader named an actor we cannot resolve
            print(f"{r['file']}: {exc}")
            clear += r["clear"]
            rows.append((r, "0", "0", 0.0, 0))
            continue
        v = result.verdict
        ours = {"allied": "+", "cooperative": "+", "adversarial": "-", "hostile": "-"}.get(v.label, "0")
        raw = "+" if v.score > 0 else "-" if v.score < 0 else "0"
        if r["clear"]:
            clear += 1
            agree += ours == r["sign"]
            agree_raw += raw == r["sign"]
        rows.append((r, raw, ours, v.score, result.stats["groups"]))
    print(f"dyads read: {len(readings)}; clear: {clear}")
    print(f"clear cases where our sign matches the reading: {agree}/{clear} = {agree / clear:.3f}")
    print(f"with the raw sign of the score: {agree_raw}/{clear} = {agree_raw / clear:.3f}")
    unclear = [(r, o) for r, o, _, _, _ in rows if not r["clear"]]
    print(f"unclear readings, raw sign matched (not scored): {sum(o == r['sign'] for r, o in unclear)}/{len(unclear)}")
    if args.errors:  # disagreements of the raw sign
        for r, raw, ours, score, n in rows:
            if raw != r["sign"]:
                flag = "CLEAR" if r["clear"] else "     "
                print(f"{flag} {r['file']} {r['a']} - {r['b']}: read {r['sign']} ours {raw} (label sign {ours}, "
                      f"{score:+.2f}, {n} reports) :: {r['why']}")
    return 0


def _documents(db: Path) -> list[dict]:
    from frenemy.store import Store

    with Store(db, read_only=True) as store:
        return store.documents(("doc_id", "source_path"))


if __name__ == "__main__":
    raise SystemExit(main())
