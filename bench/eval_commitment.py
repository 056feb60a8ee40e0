"""Score the commitment of predicates against standard speaker-commitment (factuality) data.

../shared/eval/factuality/{UW,MEANTIME}/{train,dev}.jsonl hold sentences (tokens joined by
spaces) whose predicates carry a gold factuality in [-3, 3]. Each predicate is given to the
mechanism the pipeline uses for events (``frenemy.nlp.commitment.commitment_at``, which calls
``Attributor.attribute``: the rules, then the learned model of ``frenemy.nlp.factuality``) by its
character offsets, and for tune, untouched (the two halves of
train, ``bench/splits.py``) and dev of each corpus this prints:

- mapped accuracy: our value equals the gold score's mapped value (README of the data: >= 2.5
  certain, [1, 2.5) probable, (0, 1) possible, 0 unknown, the same bands below 0 negative);
- Pearson r between our numeric score and the gold score;
- the same two for the rules alone (``FRENEMY_COMMITMENT=rules`` makes the first pair equal them);
- the majority-class baseline (the most frequent mapped gold value of that split, r undefined).

The data give no document key: ``file_idx`` is unique to each sentence (and consecutive
sentences come from different articles), so a sentence is split by its text, which keeps the
few repeated sentences on one side. ``--errors`` prints misses on the tune halves only.

    python bench/eval_commitment.py [--shared ../shared] [--errors] [--corpus UW] [--limit N]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

from splits import part  # noqa: E402

CORPORA = ("UW", "MEANTIME")
PARTS = ("tune", "untouched", "dev")


@dataclass
class Item:
    """One gold predicate, with what we made of it."""

    corpus: str
    part: str
    text: str
    start: int
    end: int
    gold: float
    ours: dict | None = None


def read_items(folder: Path, corpus: str, split: str, limit: int | None = None) -> list[tuple[str, list[Item]]]:
    """(sentence text, its items) for one file; train sentences fall to tune or untouched."""
    sentences = []
    lines = (folder / corpus / f"{split}.jsonl").read_text(encoding="utf-8").splitlines()
    for line in lines[:limit] if limit else lines:
        row = json.loads(line)
        tokens = row["text"].split(" ")
        offsets, at = [], 0
        for token in tokens:
            offsets.append(at)
            at += len(token) + 1
        where = "dev" if split == "dev" else part(row["text"])
        items = [Item(corpus, where, row["text"], offsets[t["span1"][0]],
                      offsets[t["span1"][1] - 1] + len(tokens[t["span1"][1] - 1]), float(t["label"]))
                 for t in row["targets"]]
        sentences.append((row["text"], items))
    return sentences


def score_items(sentences: list[tuple[str, list[Item]]], batch_size: int = 64) -> None:
    """Parse the sentences with the project's pipeline and give each item our commitment."""
    from frenemy.nlp.commitment import commitment_at
    from frenemy.nlp.pipeline import pipeline

    nlp = pipeline()
    with nlp.select_pipes(disable=["frenemy_events"]):  # events do not enter a predicate's commitment
        for doc, (_, items) in zip(nlp.pipe((s for s, _ in sentences), batch_size=batch_size), sentences):
            for item in items:
                item.ours = commitment_at(doc, item.start, item.end)


def pearson(xs: list[float], ys: list[float]) -> float:
    n = len(xs)
    if n < 2:
        return float("nan")
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys))
    sxx, syy = sum((x - mx) ** 2 for x in xs), sum((y - my) ** 2 for y in ys)
    return sxy / (sxx * syy) ** 0.5 if sxx and syy else float("nan")


def figures(items: list[Item]) -> dict:
    """Mapped accuracy, Pearson r and the majority baseline of scored items."""
    from frenemy.nlp.commitment import value_of_score

    gold = [value_of_score(i.gold) for i in items]
    ours = [i.ours["value"] for i in items]
    majority, count = Counter(gold).most_common(1)[0] if gold else ("-", 0)
    n = len(items) or 1
    rules = [i.ours["rules_value"] for i in items]
    return {
        "n": len(items),
        "accuracy": sum(g == o for g, o in zip(gold, ours)) / n,
        "pearson": pearson([i.ours["score"] for i in items], [i.gold for i in items]),
        "rules_accuracy": sum(g == o for g, o in zip(gold, rules)) / n,
        "rules_pearson": pearson([i.ours["rules_score"] for i in items], [i.gold for i in items]),
        "majority": majority,
        "majority_accuracy": count / n,
    }


def evaluate(folder: Path, corpora: Iterable[str] = CORPORA, limit: int | None = None) -> dict[tuple[str, str], dict]:
    """Figures by (corpus, part), and the scored items under key ("items", corpus)."""
    results: dict = {}
    for corpus in corpora:
        sentences = read_items(folder, corpus, "train", limit) + read_items(folder, corpus, "dev", limit)
        score_items(sentences)
        items = [i for _, found in sentences for i in found]
        results[("items", corpus)] = items
        for name in PARTS:
            results[(corpus, name)] = figures([i for i in items if i.part == name])
    return results


def errors(items: list[Item]) -> Iterator[str]:
    """Misses on the tune half (never untouched or dev)."""
    from frenemy.nlp.commitment import value_of_score

    for item in items:
        if item.part != "tune" or value_of_score(item.gold) == item.ours["value"]:
            continue
        marked = f"{item.text[:item.start]}[[{item.text[item.start:item.end]}]]{item.text[item.end:]}"
        yield (f"{item.corpus} gold={item.gold:+.1f} {value_of_score(item.gold)} ours={item.ours['value']} "
               f"cues={item.ours['cues']} :: {marked}")


def _basis() -> str:
    from frenemy.nlp.factuality import load_commitment_model

    return "the learned model over the rules" if load_commitment_model() else "the rules (FRENEMY_COMMITMENT=rules)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--corpus", choices=CORPORA, action="append")
    parser.add_argument("--limit", type=int, help="first N sentences of each file")
    parser.add_argument("--errors", action="store_true", help="list misses on the tune halves")
    args = parser.parse_args()
    folder = args.shared / "eval" / "factuality"
    if not folder.is_dir():
        sys.exit(f"error: {folder} not found (pass --shared)")
    results = evaluate(folder, args.corpus or CORPORA, args.limit)
    print(f"{'corpus':9} {'part':10} {'n':>5} {'accuracy':>9} {'pearson':>8}   {'rules acc':>9} {'rules r':>8}   "
          "majority (accuracy)")
    for corpus in args.corpus or CORPORA:
        for name in PARTS:
            f = results[(corpus, name)]
            print(f"{corpus:9} {name:10} {f['n']:5d} {f['accuracy']:9.3f} {f['pearson']:8.3f}   "
                  f"{f['rules_accuracy']:9.3f} {f['rules_pearson']:8.3f}   {f['majority']} ({f['majority_accuracy']:.3f})")
    print(f"(accuracy, pearson: what frenemy.api.commitment returns ({_basis()}); rules: the rules alone)")
    if args.errors:
        for corpus in args.corpus or CORPORA:
            for line in errors(results[("items", corpus)]):
                print(line)


if __name__ == "__main__":
    main()
