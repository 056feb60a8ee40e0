"""Score event extraction on the human-coded development sets in ../shared/eval.

plover_dev.jsonl: actor pair (source country -> target country, or no target) + QuadClass.
petrarch_gsr_dev.jsonl: actor pair + CAMEO root code + QuadClass.

Actors are compared as CAMEO-style codes: a state's ISO 3166 alpha-3 code (what we store as
source_country/target_country), IGO for international organisations, NGO for
non-governmental ones, IMG for transnational armed groups. The gold files use a few CAMEO
country codes that differ from ISO (JAP, ITL); those are mapped. "---" in the gold (actor not
coded) matches any actor. Prints precision, recall, F1 and QuadClass accuracy on matched pairs;
``--errors`` lists the misses and false alarms for error analysis.

    python bench/eval_events.py [--shared ../shared] [--errors] [--model NAME]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import date
from pathlib import Path

CAMEO_TO_ISO = {"JAP": "JPN", "ITL": "ITA", "UK": "GBR", "ROM": "ROU", "SER": "SRB", "BOS": "BIH", "PAL": "PSE"}


def actor_code(country: str | None, actor_type: str | None) -> str | None:
    if actor_type == "igo":
        return "IGO"
    if actor_type == "ngo":
        return "NGO"
    if country:
        return country
    if actor_type == "armed_group":
        return "IMG"
    return None


def gold_code(code: str | None) -> str | None:
    if not code:
        return None
    code = code[:3]
    return CAMEO_TO_ISO.get(code, code)


def predicted(analysis, plover_quads: bool) -> set[tuple]:
    """(source, target, QuadClass, root) of each non-negated event. On the PLOVER set the
    QuadClass is PLOVER's for the code (PLOVER moves 081-083 to verbal cooperation and 16 to
    verbal conflict); elsewhere it is CAMEO/GDELT's."""
    from frenemy.ontology.cameo import code_info

    out = set()
    for e in analysis.events:
        s = actor_code(e["source_country"], e["source_type"])
        t = actor_code(e["target_country"], e["target_type"]) if e["target_id"] else None
        quad = (code_info(e["event_code"]).plover_quad if plover_quads else None) or e["quad_class"]
        if s is not None and not e["negated"]:
            out.add((s, t, quad, e["event_root_code"]))
    return out


def _same(gold: str | None, pred: str | None) -> bool:
    return gold == "---" or gold == pred


def score(rows: list[dict], analyses: list, gold_pairs, use_root: bool, show_errors: bool, name: str) -> dict:
    tp = fp = fn = 0
    quad_hits = quad_total = 0
    for row, analysis in zip(rows, analyses):
        gold = gold_pairs(row)
        pred = predicted(analysis, plover_quads=not use_root)
        matched_pred = set()
        for g in gold:
            hit = next((p for p in pred if _same(g[0], p[0]) and _same(g[1], p[1]) and p[2] == g[2]
                        and (not use_root or p[3] == g[3]) and p not in matched_pred), None)
            pair_hit = next((p for p in pred if _same(g[0], p[0]) and _same(g[1], p[1])), None)
            if pair_hit is not None:
                quad_total += 1
                quad_hits += pair_hit[2] == g[2] or (hit is not None)
            if hit is not None:
                tp += 1
                matched_pred.add(hit)
            else:
                fn += 1
                if show_errors:
                    print(f"[{name}] MISS gold={g} pred={sorted(pred, key=str)} :: {row['text'][:160]}")
        extra = pred - matched_pred
        fp += len(extra)
        if show_errors and extra:
            print(f"[{name}] FALSE {sorted(extra, key=str)} :: {row['text'][:160]}")
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f, "tp": tp, "fp": fp, "fn": fn,
            "quad_accuracy_on_matched_pairs": quad_hits / quad_total if quad_total else 0.0, "matched_pairs": quad_total}


def plover_gold(row: dict) -> set[tuple]:
    sources = [gold_code(s["code"]) for s in row["source"]]
    targets = [gold_code(t["code"]) for t in row["target"]]
    q = row["quad_class"]
    if row.get("reciprocal") and not targets:
        return {(a, b, q, None) for a in sources for b in sources if a != b} or {(a, None, q, None) for a in sources}
    return {(s, t, q, None) for s in sources for t in (targets or [None])}


def petrarch_gold(row: dict) -> set[tuple]:
    return {(gold_code(e["source"]), gold_code(e["target"]), e["quad_class"], e["code"][:2]) for e in row.get("events", [])}


def _date(value: str | None) -> date | None:
    from frenemy.ingest.dates import parse_date

    try:
        return parse_date(value).value if value else None
    except ValueError:
        return None


def run(shared: Path, model: str | None, show_errors: bool) -> dict:
    from frenemy.nlp.pipeline import DocRecord, analyse

    results = {}
    for name, filename, gold, use_root in (
        ("plover_dev", "plover_dev.jsonl", plover_gold, False),
        ("petrarch_gsr_dev", "petrarch_gsr_dev.jsonl", petrarch_gold, True),
    ):
        rows = [json.loads(line) for line in (shared / "eval" / filename).read_text().splitlines() if line.strip()]
        rows = [r for r in rows if r.get("evaluate", True) and r.get("active", True)]
        records = [DocRecord(r["id"], r["text"], _date(r.get("date"))) for r in rows]
        started = time.perf_counter()
        analyses = analyse(records, model)
        elapsed = time.perf_counter() - started
        results[name] = score(rows, analyses, gold, use_root, show_errors, name)
        results[name]["sentences"] = len(rows)
        results[name]["seconds"] = round(elapsed, 2)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared")
    parser.add_argument("--model", default=None)
    parser.add_argument("--errors", action="store_true")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not (args.shared / "eval").is_dir():
        sys.exit(f"error: {args.shared / 'eval'} not found (pass --shared)")
    results = run(args.shared, args.model, args.errors)
    if args.json:
        print(json.dumps(results, indent=2))
        return
    for name, r in results.items():
        target = "pair+QuadClass" if name == "plover_dev" else "pair+root+QuadClass"
        print(f"{name:18} {target:20} P={r['precision']:.3f} R={r['recall']:.3f} F1={r['f1']:.3f} "
              f"(tp={r['tp']} fp={r['fp']} fn={r['fn']}) QuadClass acc on matched pairs={r['quad_accuracy_on_matched_pairs']:.3f} "
              f"(n={r['matched_pairs']}) sentences={r['sentences']} {r['seconds']}s")


if __name__ == "__main__":
    main()
