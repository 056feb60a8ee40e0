"""Per-article dyad signs against careful readings, on two corpora, split into tune and untouched.

- ``dev``: tests/data/dev_dyad_readings.jsonl (our readings of ../shared/corpus/dev; guide:
  tests/data/DEV_DYAD_READINGS.md): a sign (+, -, 0) per listed dyad and whether it is clear. The
  corpus is ingested once; each dyad is assessed from its article's evidence only.
- ``dev2``: ../shared/eval/dev2/labels.jsonl, an independent reader's labels of
  ../shared/corpus/dev2, scored as eval/dev2/README.md says the held-out sets are: each article is
  ingested alone, with its date, into a store of its own; the names tried are the canonical name,
  then the article's aliases (eval/dev2/actors.jsonl) in order; a pair is clear when the label is
  hostile or cooperative with |score| >= 0.5; no score (unresolved names, insufficient evidence)
  is a miss.

Every set is split by document (bench/splits.py). Printed per set and part: sign accuracy on the
clear pairs, the share of clear pairs answered ``insufficient evidence`` and with a name that did
not resolve, the accuracy where frenemy answered; then a reliability table of the estimative
likelihood: for every pair answered with a sided or mixed verdict, the stated probability band
against how often the readers agree with the verdict's side.

    python bench/eval_dyads.py [--shared ../shared] [--sets dev,dev2] [--errors]

``--errors`` lists the disagreements on the tune half only.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
from splits import PARTS, part  # noqa: E402

SIDE = {"allied": "+", "cooperative": "+", "adversarial": "-", "hostile": "-", "mixed": "0", "transactional": "0"}


@dataclass
class Judged:
    corpus: str
    file: str
    a: str
    b: str
    sign: str  # the reader's: + - 0
    clear: bool
    score: float | None  # None: no answer (insufficient evidence, or a name that did not resolve)
    label: str
    probability: float | None
    unresolved: str = ""
    why: str = ""

    @property
    def ours(self) -> str:
        if self.score is None:
            return "none"
        return "+" if self.score > 0 else "-" if self.score < 0 else "0"


def _assess(api, db: Path, names_a: list[str], names_b: list[str], documents=None):
    """The first pair of names that both resolve, assessed; or the name that did not resolve."""
    from frenemy.errors import UnknownActor

    failure = ""
    for a in names_a:
        for b in names_b:
            try:
                return api.assess(db, a, b, documents=documents), ""
            except UnknownActor as exc:
                failure = str(exc)
    return None, failure


def _judged(corpus: str, file: str, a: str, b: str, sign: str, clear: bool, result, failure: str, why: str) -> Judged:
    if result is None:
        return Judged(corpus, file, a, b, sign, clear, None, "unresolved", None, failure, why)
    v = result.verdict
    return Judged(corpus, file, a, b, sign, clear, v.score, v.label, v.probability, "", why)


def run_dev(api, shared: Path) -> list[Judged]:
    readings = [json.loads(line) for line in (REPO / "tests" / "data" / "dev_dyad_readings.jsonl").open()]
    db = Path(tempfile.mkdtemp()) / "dev.duckdb"
    api.ingest([str(shared / "corpus" / "dev")], db)
    docs = {Path(d["source_path"]).name: d["doc_id"] for d in _documents(db)}
    out = []
    for r in readings:
        result, failure = _assess(api, db, [r["a"]], [r["b"]], documents=[docs[r["file"]]])
        out.append(_judged("dev", r["file"], r["a"], r["b"], r["sign"], r["clear"], result, failure, r["why"]))
    return out


def run_dev2(api, shared: Path) -> list[Judged]:
    labels = [json.loads(line) for line in (shared / "eval" / "dev2" / "labels.jsonl").open() if line.strip()]
    aliases = {row["file"]: row["aliases"] for row in map(json.loads, (shared / "eval" / "dev2" / "actors.jsonl").open())}
    index = {row["file"]: row for row in map(json.loads, (shared / "corpus" / "dev2" / "index.jsonl").open())}
    folder = Path(tempfile.mkdtemp())
    stores: dict[str, Path] = {}
    out = []
    for r in labels:
        if r["label"] == "unclear":
            continue
        db = stores.get(r["file"])
        if db is None:
            db = stores[r["file"]] = folder / f"{r['file']}.duckdb"
            api.ingest([str(shared / "corpus" / "dev2" / r["file"])], db, date=index.get(r["file"], {}).get("date"))
        names = aliases.get(r["file"], {})
        a, b = r["dyad"]
        result, failure = _assess(api, db, [a, *names.get(a, [])], [b, *names.get(b, [])])
        sign = {"hostile": "-", "cooperative": "+"}.get(r["label"], "0")
        clear = sign != "0" and abs(r["score"]) >= 0.5
        out.append(_judged("dev2", r["file"], a, b, sign, clear, result, failure, " | ".join(r["evidence"])[:200]))
    return out


def report(rows: list[Judged], show_errors: bool) -> dict:
    results: dict = {}
    for corpus in sorted({r.corpus for r in rows}):
        for p in PARTS:
            chosen = [r for r in rows if r.corpus == corpus and part(r.file) == p]
            clear = [r for r in chosen if r.clear]
            n = len(clear) or 1
            answered = [r for r in clear if r.score is not None and r.label != "insufficient evidence"]
            figures = {
                "pairs": len(chosen), "clear": len(clear),
                "sign_accuracy": sum(r.ours == r.sign for r in clear) / n,
                "insufficient": sum(r.label == "insufficient evidence" for r in clear) / n,
                "unresolved": sum(r.label == "unresolved" for r in clear) / n,
                "accuracy_where_answered": sum(r.ours == r.sign for r in answered) / len(answered) if answered else 0.0,
                "zero_score": sum(r.score == 0 for r in clear) / n,
            }
            results[f"{corpus}/{p}"] = figures
            print(f"{corpus:5} {p:9} clear={figures['clear']:3} sign accuracy={figures['sign_accuracy']:.3f} "
                  f"insufficient={figures['insufficient']:.3f} unresolved={figures['unresolved']:.3f} "
                  f"score 0.00={figures['zero_score']:.3f} accuracy where answered={figures['accuracy_where_answered']:.3f} "
                  f"({len(answered)} answered)")
    for p in PARTS:
        table = calibration([r for r in rows if part(r.file) == p])
        print(f"calibration ({p}, both corpora): stated likelihood band -> readers agree with the verdict's side")
        for band, (n, agree) in table.items():
            print(f"  {band:28} n={n:3}  agree={agree / n if n else 0:.2f}")
        results[f"calibration/{p}"] = {band: {"n": n, "agree": round(agree / n, 3) if n else None} for band, (n, agree) in table.items()}
    if show_errors:
        for r in rows:
            if part(r.file) == "tune" and r.clear and r.ours != r.sign:
                print(f"[{r.corpus}] {r.file} {r.a} - {r.b}: read {r.sign} ours {r.ours} ({r.label}, "
                      f"{'' if r.score is None else f'{r.score:+.2f}'}) {r.unresolved} :: {r.why}")
    return results


def calibration(rows: list[Judged]) -> dict[str, tuple[int, int]]:
    """Per estimative band: verdicts stated in it, and how many the reader agrees with (the
    reader's sign is the verdict's side: + for cooperative or allied, - for adversarial or
    hostile, 0 for mixed)."""
    from frenemy.assess.score import likelihood_term

    table: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for r in rows:
        if r.probability is None or r.label not in SIDE:
            continue
        term, span = likelihood_term(r.probability)
        cell = table[f"{term} ({span})"]
        cell[0] += 1
        cell[1] += SIDE[r.label] == r.sign
    order = {f"{t} ({s})": n for n, (t, s) in enumerate(_terms())}
    return {band: tuple(v) for band, v in sorted(table.items(), key=lambda kv: order.get(kv[0], 99))}


def _terms() -> list[tuple[str, str]]:
    from frenemy.assess.evidence import rules

    return [(row["term"], row["range"]) for row in rules()["likelihood"]]


def _documents(db: Path) -> list[dict]:
    from frenemy.store import Store

    with Store(db, read_only=True) as store:
        return store.documents(("doc_id", "source_path"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--sets", default="dev,dev2", help="comma-separated: dev, dev2")
    parser.add_argument("--errors", action="store_true", help="list the disagreements on the tune half")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    sys.path.insert(0, str(REPO / "src"))
    from frenemy import api

    sets = set(args.sets.split(","))
    rows = (run_dev(api, args.shared) if "dev" in sets else []) + (run_dev2(api, args.shared) if "dev2" in sets else [])
    results = report(rows, args.errors)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
