"""Score attribution and commitment against the hand-annotated set in tests/data.

tests/data/attribution_gold.jsonl holds events and relationship statements from
../shared/corpus/dev annotated by hand (guide: tests/data/ATTRIBUTION_GUIDE.md). Each gold
event is matched to an extracted event of the same document whose sentence overlaps the gold
sentence and whose trigger matches the gold trigger. On the matched items it prints:

- source accuracy: the immediate source agrees (the author's voice, or the same named source,
  compared by the last word of the name, e.g. "Foreign Minister Younis" ~ "Younis");
- commitment accuracy: the FactBank value agrees (certain / probable / possible / unknown,
  positive or negative);
- flag agreement for alleged, hedged, denied, no_evidence, hypothetical, future.

Coverage (how many gold items were extracted at all) is printed too; relationship statements
are scored once the statement extractor exists.

    python bench/eval_attribution.py [--shared ../shared] [--errors]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FLAGS = ("alleged", "hedged", "denied", "no_evidence", "hypothetical", "future")


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9 ]", "", text.lower().replace("’", "'")).strip()


def _last_word(name: str) -> str:
    words = [w for w in _norm(name).split() if w not in {"the", "a", "an", "s"}]
    return words[-1] if words else ""


def same_source(gold: str, ours: str, ours_is_voice: bool) -> bool:
    if gold.upper() == "AUTHOR":
        return ours_is_voice
    if ours_is_voice:
        return False
    g, o = _norm(gold), _norm(ours)
    return _last_word(gold) == _last_word(ours) or (g and o and (g in o or o in g))


def gold_value(item: dict) -> str:
    if item["commitment"] == "unknown":
        return "unknown"
    return item["commitment"] + ("-negative" if item["polarity"] == "negative" else "")


def _match(item: dict, events: list[dict]) -> dict | None:
    sentence, trigger = _norm(item["sentence"]), _norm(item["trigger"])
    for event in events:
        ours = _norm(event["sentence"])
        if not (sentence in ours or ours in sentence or sentence[:60] in ours):
            continue
        t = _norm(event["trigger"])
        if t.startswith(trigger) or trigger.startswith(t.split()[0] if t else "@") or trigger in t:
            return event
    return None


def run(shared: Path, gold_path: Path, show_errors: bool) -> dict:
    from frenemy.ingest import Document, iter_inputs
    from frenemy.nlp.pipeline import DocRecord, analyse

    gold = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    files = sorted({g["file"] for g in gold})
    docs = {}
    for item in iter_inputs([str(shared / "corpus" / "dev" / f) for f in files] + [str(shared / "corpus" / "dev")]):
        if isinstance(item, Document):
            docs.setdefault(Path(item.source_path).name, item)
    records = [DocRecord(d.doc_id, d.text, d.published, d.date_precision, d.author, d.publisher) for d in docs.values()]
    by_file = {name: a.events for name, a in zip(docs, analyse(records))}
    totals = {"events": 0, "statements": 0, "matched": 0, "source_ok": 0, "commitment_ok": 0}
    flag_ok = {f: 0 for f in FLAGS}
    for item in gold:
        if item["kind"] != "event":
            totals["statements"] += 1
            continue
        totals["events"] += 1
        event = _match(item, by_file.get(item["file"], []))
        if event is None:
            if show_errors:
                print(f"NOT EXTRACTED {item['file']}: {item['trigger']} :: {item['sentence'][:120]}")
            continue
        totals["matched"] += 1
        voice = len(event["attribution_chain"]) == 1
        source_ok = same_source(item["attributed_to"], event["attributed_to"], voice)
        commitment_ok = gold_value(item) == event["commitment"]
        totals["source_ok"] += source_ok
        totals["commitment_ok"] += commitment_ok
        for flag in FLAGS:
            flag_ok[flag] += (flag in item["flags"]) == bool(event[flag])
        if show_errors and not (source_ok and commitment_ok):
            print(f"{'SOURCE' if not source_ok else ''} {'COMMIT' if not commitment_ok else ''} gold=({item['attributed_to']}, "
                  f"{gold_value(item)}, {item['flags']}) ours=({event['attributed_to']}, {event['commitment']}) "
                  f"{item['trigger']} :: {item['sentence'][:110]}")
    matched = totals["matched"] or 1
    return {
        **totals,
        "coverage": totals["matched"] / (totals["events"] or 1),
        "source_accuracy": totals["source_ok"] / matched,
        "commitment_accuracy": totals["commitment_ok"] / matched,
        "flag_agreement": {f: n / matched for f, n in flag_ok.items()},
    }


def run_on_gold_triggers(shared: Path, gold_path: Path, show_errors: bool) -> dict:
    """Attribution applied at each gold trigger (events and statements alike), so that what is
    measured is attribution and commitment, not whether the event coder found the event."""
    from frenemy.ingest import Document, iter_inputs
    from frenemy.nlp.arguments import ArgumentResolver
    from frenemy.nlp.attribution import Attributor
    from frenemy.nlp.pipeline import pipeline
    from frenemy.ontology.actors import load_catalogue

    gold = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    docs = {Path(d.source_path).name: d for d in iter_inputs([str(shared / "corpus" / "dev")]) if isinstance(d, Document)}
    nlp, catalogue = pipeline(), load_catalogue()
    totals = {"items": 0, "located": 0, "source_ok": 0, "commitment_ok": 0}
    for name in sorted({g["file"] for g in gold}):
        document = docs[name]
        doc = nlp(document.text)
        attributor = Attributor(ArgumentResolver(doc, catalogue))
        voice = document.author or document.publisher or "the author"
        items = [g for g in gold if g["file"] == name]
        for sentence in doc.sents:
            attributor.note_sentence(sentence)
            for item in items:
                gold_text, ours_text = _norm(item["sentence"]), _norm(sentence.text)
                # our sentence may be the gold one without its dateline ("HANOI, Vietnam (AP) -- ...")
                if item.get("_done") or not (gold_text[:50] in ours_text or (
                        len(ours_text) > 30 and ours_text[:50] in gold_text and item["trigger"] in sentence.text)):
                    continue
                item["_done"] = True
                totals["items"] += 1
                at = sentence.text.find(item["trigger"])
                token = sentence.char_span(at, at + len(item["trigger"]), alignment_mode="expand") if at >= 0 else None
                if token is None:
                    continue
                totals["located"] += 1
                trigger = token.root
                negated = any(c.dep_ == "neg" for c in trigger.children)
                result = attributor.attribute(trigger, negated, None)
                ours = result.chain[-1].name if result.chain else voice
                source_ok = same_source(item["attributed_to"], ours, not result.chain)
                commitment_ok = gold_value(item) == result.value
                totals["source_ok"] += source_ok
                totals["commitment_ok"] += commitment_ok
                if show_errors and not (source_ok and commitment_ok):
                    print(f"[trigger] {'SOURCE' if not source_ok else ''} {'COMMIT' if not commitment_ok else ''} "
                          f"gold=({item['attributed_to']}, {gold_value(item)}) ours=({ours}, {result.value}) "
                          f"{item['trigger']} :: {item['sentence'][:100]}")
    located = totals["located"] or 1
    return {**totals, "source_accuracy": totals["source_ok"] / located, "commitment_accuracy": totals["commitment_ok"] / located}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--gold", type=Path, default=REPO / "tests" / "data" / "attribution_gold.jsonl")
    parser.add_argument("--errors", action="store_true")
    args = parser.parse_args()
    if not (args.shared / "corpus" / "dev").is_dir():
        sys.exit(f"error: {args.shared / 'corpus' / 'dev'} not found (pass --shared)")
    t = run_on_gold_triggers(args.shared, args.gold, args.errors)
    print(f"attribution at the gold triggers: {t['located']} of {t['items']} items located")
    print(f"source accuracy {t['source_accuracy']:.3f}   commitment accuracy {t['commitment_accuracy']:.3f}")
    r = run(args.shared, args.gold, args.errors)
    print(f"end to end: gold items: {r['events']} events, {r['statements']} relationship statements (statements not matched yet)")
    print(f"events extracted and matched: {r['matched']} ({r['coverage']:.2f} coverage)")
    print(f"source accuracy {r['source_accuracy']:.3f}   commitment accuracy {r['commitment_accuracy']:.3f}   (on matched events)")
    print("flag agreement: " + ", ".join(f"{f} {v:.2f}" for f, v in r["flag_agreement"].items()))


if __name__ == "__main__":
    main()
