"""Score event extraction on the human-coded development sets in ../shared/eval and corpus/dev2.

Every set is split once by document (bench/splits.py) into ``tune`` and ``untouched``; each
figure is printed for both parts. ``--errors`` lists misses on ``tune`` only: the untouched part
is measured, never read.

plover_dev.jsonl: actor pair (source country -> target country, or no target) + QuadClass.
petrarch_gsr_dev.jsonl: actor pair + CAMEO root code + QuadClass.
plv_train.jsonl: real news sentences with a marked source and target: a gold pair is found when
  an event's source side (its text or actor name) overlaps the marked source and its target side
  the marked target; reported as directed pair found, and pair + QuadClass (CAMEO's, as stored).
corpus/dev2 with eval/dev2/events.jsonl: an independent reader's events, scored as
  eval/dev2/README.md says the held-out sets are: an event whose sentence contains the key, whose
  polarity is the sign and whose sides match the two actors (through the article's aliases).
For PLV and dev2 the same figure is also given counting only events whose two sides both resolved to
an actor (an unresolved side keeps its words, which the text match may still accept).
Per rule basis (the frame and the basis of each side), the events produced and those that match gold.

Actors are compared as CAMEO-style codes: a state's ISO 3166 alpha-3 code (what we store as
source_country/target_country), IGO for international organisations, NGO for
non-governmental ones, IMG for transnational armed groups. The gold files use a few CAMEO
country codes that differ from ISO (JAP, ITL); those are mapped. "---" in the gold (actor not
coded) matches any actor. Prints precision, recall, F1 and QuadClass accuracy on matched pairs;
``--errors`` lists the misses and false alarms for error analysis.

    python bench/eval_events.py [--shared ../shared] [--sets plv,dev2,...] [--errors] [--model NAME]

``FRENEMY_RECEIVERS=rules`` measures the side rules without the learned receiver chooser
(``frenemy.nlp.receivers``, trained on the ``tune`` half of plv_train only).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from splits import PARTS, part  # noqa: E402

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


def _norm(text: str | None) -> str:
    return " ".join((text or "").lower().replace("\u2019", "'").split())


def _basis(event: dict) -> str:
    """The rules that made an event: its frame and how each side was found."""
    return f"frame={event.get('frame') or '-'} src={event.get('source_basis') or '-'} tgt={event.get('target_basis') or '-'}"


def _both_resolved(event: dict) -> bool:
    return event.get("source_basis") != "unresolved" and event.get("target_basis") != "unresolved"


def _got(events: list[dict], column: str) -> str:
    """What the coder found in a sentence, for an error line."""
    return "; ".join(f"{e['source_text']}->{e['target_text']} {e['event_code']} {column}={e[column]}" for e in events) or "no event"


class Tally:
    """Counts per split part, and per rule basis the events produced and those matching gold."""

    def __init__(self) -> None:
        self.counts: dict[str, Counter] = {p: Counter() for p in PARTS}
        self.basis_made: Counter = Counter()
        self.basis_hit: Counter = Counter()

    def add(self, which: str, **counts: int) -> None:
        self.counts[which].update(counts)

    def bases(self, events: list[dict], hits: list[dict]) -> None:
        self.basis_made.update(_basis(e) for e in events)
        self.basis_hit.update(_basis(e) for e in {id(h): h for h in hits}.values())


# -- PLV: sentences with a marked source and target -------------------------------------------------

def _side_matches(event: dict, side: str, span: str) -> bool:
    """An event side names the marked span: its text or actor name overlaps it."""
    span = _norm(span)
    for value in (event.get(f"{side}_text"), event.get(f"{side}_name")):
        value = _norm(value)
        if len(value) > 1 and (value in span or (len(span) > 3 and span in value)):
            return True
    return False


def run_plv(shared: Path, model: str | None, show_errors: bool) -> dict:
    from frenemy.nlp.pipeline import DocRecord, analyse

    rows = [json.loads(line) for line in (shared / "eval" / "plv_train.jsonl").open() if line.strip()]
    texts = sorted({r["text"] for r in rows})
    index = {t: n for n, t in enumerate(texts)}
    started = time.perf_counter()
    analyses = analyse([DocRecord(f"plv:{n}", t) for n, t in enumerate(texts)], model)
    tally = Tally()
    for row in rows:
        which = part(row["text"])
        events = analyses[index[row["text"]]].events
        pairs = [e for e in events if _side_matches(e, "source", row["source"]) and _side_matches(e, "target", row["target"])]
        quads = [e for e in pairs if e["quad_class"] == row["quad_class"]]
        resolved = [e for e in quads if _both_resolved(e)]
        reverse = [e for e in events if _side_matches(e, "source", row["target"]) and _side_matches(e, "target", row["source"])]
        source_only = [e for e in events if _side_matches(e, "source", row["source"])]
        tally.add(which, gold=1, pair=bool(pairs), pair_quad=bool(quads), pair_quad_resolved=bool(resolved), reversed=bool(reverse) and not pairs,
                  source_only=bool(source_only) and not pairs, any_event=bool(events))
        tally.bases(events, quads)
        if show_errors and which == "tune" and not quads:
            print(f"[plv] MISS q{row['quad_class']} {row['plover_root']} :: {row['marked'][:220]} :: got {_got(events, 'quad_class')}")
    result = {}
    for p, c in tally.counts.items():
        n = c["gold"] or 1
        result[p] = {"gold": c["gold"], "pair_quad_recall": c["pair_quad"] / n, "pair_found": c["pair"] / n,
                     "pair_quad_recall_resolved_sides": c["pair_quad_resolved"] / n,
                     "quad_right_where_found": c["pair_quad"] / c["pair"] if c["pair"] else 0.0,
                     "reversed_only": c["reversed"] / n, "source_only": c["source_only"] / n, "any_event": c["any_event"] / n}
    result["seconds"] = round(time.perf_counter() - started, 1)
    result["bases"] = _bases(tally)
    return result


# -- dev2: an independent reader's events in 70 articles ---------------------------------------------

def _actor_matches(event: dict, side: str, names: list[str], iso3: str | None) -> bool:
    """eval/dev2/README.md: a side matches when its name, text, id or country equals an alias or the
    ISO3 code, or contains it / is contained in it (aliases longer than 3 characters)."""
    values = [_norm(event.get(f"{side}_{k}")) for k in ("name", "text", "id", "country")]
    values = [v for v in values if v]
    aliases = [_norm(a) for a in names] + ([_norm(iso3)] if iso3 else [])
    for alias in aliases:
        for value in values:
            if value == alias or (len(alias) > 3 and (alias in value or (len(value) > 3 and value in alias))):
                return True
    return False


def run_dev2(shared: Path, model: str | None, show_errors: bool) -> dict:
    from frenemy.ingest.readers import read_text
    from frenemy.nlp.pipeline import DocRecord, analyse

    corpus, ev = shared / "corpus" / "dev2", shared / "eval" / "dev2"
    index = {r["file"]: r for r in map(json.loads, (corpus / "index.jsonl").open())}
    aliases = {r["file"]: r for r in map(json.loads, (ev / "actors.jsonl").open())}
    gold = [json.loads(line) for line in (ev / "events.jsonl").open()]
    files = sorted({g["file"] for g in gold})
    records = []
    for name in files:
        doc = read_text((corpus / name).read_text(encoding="utf-8"), name)
        published = _date(index.get(name, {}).get("date")) or doc.published
        records.append(DocRecord(name, doc.text, published, "day", doc.author, doc.publisher))
    started = time.perf_counter()
    analyses = dict(zip(files, analyse(records, model)))
    tally = Tally()
    for g in gold:
        which = part(g["file"])
        names, iso = aliases[g["file"]]["aliases"], aliases[g["file"]]["iso3"]
        key = _norm(g["key"])
        events = [e for e in analyses[g["file"]].events if key in _norm(e["sentence"])]

        def side(e: dict, role: str, actor: str) -> bool:
            return _actor_matches(e, role, names.get(actor, [actor]), iso.get(actor))

        both = [e for e in events if (side(e, "source", g["src"]) and side(e, "target", g["tgt"]))
                or (side(e, "source", g["tgt"]) and side(e, "target", g["src"]))]
        found = [e for e in both if e["polarity"] == g["sign"]]
        resolved = [e for e in found if _both_resolved(e)]
        directed = [e for e in found if side(e, "source", g["src"]) and side(e, "target", g["tgt"])]
        one = [e for e in events if any(side(e, r, a) for r in ("source", "target") for a in (g["src"], g["tgt"]))]
        tally.add(which, gold=1, found=bool(found), found_resolved=bool(resolved), directed=bool(directed), both_any_sign=bool(both),
                  one_side=bool(one) and not both, no_event=not events)
        tally.bases(events, found)
        if show_errors and which == "tune" and not found:
            print(f"[dev2] MISS {g['src']}->{g['tgt']} {g['sign']:+d} :: {g['file']} :: {g['key']} :: got {_got(events, 'polarity')}")
    result = {}
    for p, c in tally.counts.items():
        n = c["gold"] or 1
        result[p] = {"gold": c["gold"], "found": c["found"] / n, "found_resolved_sides": c["found_resolved"] / n,
                     "directed": c["directed"] / n,
                     "both_actors_any_sign": c["both_any_sign"] / n, "one_side_only": c["one_side"] / n,
                     "no_event_in_sentence": c["no_event"] / n}
    result["seconds"] = round(time.perf_counter() - started, 1)
    result["bases"] = _bases(tally)
    return result


def _bases(tally: Tally) -> dict:
    return {b: {"made": n, "hit": tally.basis_hit[b]} for b, n in tally.basis_made.most_common()}


# -- the older sentence sets --------------------------------------------------------------------------

def run_sentence_sets(shared: Path, model: str | None, show_errors: bool) -> dict:
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
        for which in PARTS:
            chosen = [(r, a) for r, a in zip(rows, analyses) if part(r["text"]) == which]
            scored = score([r for r, _ in chosen], [a for _, a in chosen], gold, use_root, show_errors and which == "tune", name)
            scored["sentences"] = len(chosen)
            results.setdefault(name, {})[which] = scored
        results[name]["seconds"] = round(elapsed, 2)
    return results


SETS = ("plover", "plv", "dev2")


def run(shared: Path, model: str | None, show_errors: bool, sets: tuple[str, ...] = SETS) -> dict:
    results = {}
    if "plover" in sets:
        results.update(run_sentence_sets(shared, model, show_errors))
    if "plv" in sets:
        results["plv_train"] = run_plv(shared, model, show_errors)
    if "dev2" in sets:
        results["dev2_events"] = run_dev2(shared, model, show_errors)
    return results


def _print(results: dict, show_bases: bool) -> None:
    for name, r in results.items():
        for which in PARTS:
            x = r[which]
            if name in {"plover_dev", "petrarch_gsr_dev"}:
                target = "pair+QuadClass" if name == "plover_dev" else "pair+root+QuadClass"
                print(f"{name:17} {which:9} {target:19} P={x['precision']:.3f} R={x['recall']:.3f} F1={x['f1']:.3f} "
                      f"(tp={x['tp']} fp={x['fp']} fn={x['fn']}) n={x['sentences']}")
            elif name == "plv_train":
                print(f"{name:17} {which:9} pair+QuadClass recall={x['pair_quad_recall']:.3f} "
                      f"(both sides resolved {x['pair_quad_recall_resolved_sides']:.3f}) pair found={x['pair_found']:.3f} "
                      f"quad right where found={x['quad_right_where_found']:.3f} reversed only={x['reversed_only']:.3f} "
                      f"source only={x['source_only']:.3f} any event={x['any_event']:.3f} n={x['gold']}")
            else:
                print(f"{name:17} {which:9} found (both actors, sign)={x['found']:.3f} "
                      f"(both sides resolved {x['found_resolved_sides']:.3f}) directed={x['directed']:.3f} "
                      f"both actors any sign={x['both_actors_any_sign']:.3f} one side only={x['one_side_only']:.3f} "
                      f"no event in sentence={x['no_event_in_sentence']:.3f} n={x['gold']}")
        if show_bases and "bases" in r:
            for basis, c in r["bases"].items():
                print(f"    {basis:60} made={c['made']:5} matching gold={c['hit']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared")
    parser.add_argument("--model", default=None)
    parser.add_argument("--sets", default=",".join(SETS), help=f"comma-separated, of {', '.join(SETS)}")
    parser.add_argument("--errors", action="store_true", help="list misses on the tune part")
    parser.add_argument("--bases", action="store_true", help="events made and matching gold per rule basis")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not (args.shared / "eval").is_dir():
        sys.exit(f"error: {args.shared / 'eval'} not found (pass --shared)")
    sets = tuple(s.strip() for s in args.sets.split(",") if s.strip())
    unknown = [s for s in sets if s not in SETS]
    if unknown:
        sys.exit(f"error: --sets: unknown {', '.join(unknown)} (one of {', '.join(SETS)})")
    results = run(args.shared, args.model, args.errors, sets)
    if args.json:
        print(json.dumps(results, indent=2))
        return
    _print(results, args.bases)


if __name__ == "__main__":
    main()
