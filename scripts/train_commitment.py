"""Train the commitment model of ``frenemy.nlp.factuality`` and write its weights.

    python scripts/train_commitment.py [--shared ../shared] [--out PATH]

Data: the ``tune`` halves (``bench/splits.py``, by sentence text) of the train files of the UW
and MEANTIME speaker-commitment sets in ``eval/factuality/`` (research use; the sentences are
not copied anywhere, only weights of general features are written: the rules' reading, the
predicate's place in the parse, cue words of our lexicons, governing reporting or control verbs,
and words around the predicate that at least ``MIN_WORD_COUNT`` training predicates share).
The answer is the gold factuality's mapped value (the data's README:
>= 2.5 certain, [1, 2.5) probable, (0, 1) possible, 0 unknown, the same bands below 0 negative).
The rules run alone (``FRENEMY_COMMITMENT=rules``). A multinomial logistic model with an L2
penalty is fitted by Adagrad in a fixed order: deterministic, about a minute on a CPU. Each
class's centre is its mean gold score on the same data. The ``untouched`` halves and the dev
splits are never read here: ``bench/eval_commitment.py`` measures the result on them.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from collections import Counter
from datetime import date
from pathlib import Path

os.environ["FRENEMY_COMMITMENT"] = "rules"
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from eval_commitment import CORPORA, read_items  # noqa: E402
from splits import SEED  # noqa: E402

from frenemy.nlp.commitment import attribute_token, predicate_token, value_of_score  # noqa: E402
from frenemy.nlp.factuality import CLASSES, LEXICAL_PREFIX, MIN_WORD_COUNT, MODEL_FILE, predicate_features  # noqa: E402
from frenemy.nlp.pipeline import pipeline  # noqa: E402
from frenemy.ontology.loader import data_path  # noqa: E402

Instance = tuple[list[str], str, float]  # features, gold value, gold score


def instances(folder: Path, parts: tuple[str, ...] = ("tune",), model: str | None = None) -> dict[str, list[Instance]]:
    """Features and gold of every predicate of the train files' ``parts``, by corpus."""
    nlp = pipeline(model)
    found: dict[str, list[Instance]] = {}
    for corpus in CORPORA:
        sentences = [(text, [i for i in items if i.part in parts]) for text, items in read_items(folder, corpus, "train")]
        sentences = [(text, items) for text, items in sentences if items]
        found[corpus] = []
        with nlp.select_pipes(disable=["frenemy_events"]):
            for doc, (_, items) in zip(nlp.pipe((t for t, _ in sentences), batch_size=64), sentences):
                for item in items:
                    token = predicate_token(doc, item.start, item.end)
                    feats = predicate_features(token, attribute_token(doc, token))
                    found[corpus].append((feats, value_of_score(item.gold), item.gold))
    return found


def common_words_only(data: list[Instance]) -> list[Instance]:
    """The instances with every word feature seen fewer than ``MIN_WORD_COUNT`` times removed."""
    counts = Counter(f for feats, _, _ in data for f in set(feats) if f.startswith(LEXICAL_PREFIX))
    keep = {f for f, n in counts.items() if n >= MIN_WORD_COUNT}
    return [([f for f in feats if not f.startswith(LEXICAL_PREFIX) or f in keep], gold, score) for feats, gold, score in data]


def train(data: list[Instance], epochs: int = 30, rate: float = 0.02, l2: float = 0.01,
          average: bool = True) -> dict[str, dict[str, float]]:
    """Softmax regression over ``CLASSES`` by Adagrad, instances in their given order; the
    weights returned are the mean of each epoch's (steadier than the last epoch's alone)."""
    weights: dict[str, dict[str, float]] = {}
    squares: dict[str, dict[str, float]] = {}
    sums: dict[str, dict[str, float]] = {}
    for _ in range(epochs):
        for feats, gold, _ in data:
            probs = _distribution(weights, feats)
            for feat in feats:
                row, sq = weights.setdefault(feat, {}), squares.setdefault(feat, {})
                for cls in CLASSES:
                    g = probs[cls] - (1.0 if cls == gold else 0.0) + l2 * row.get(cls, 0.0)
                    sq[cls] = sq.get(cls, 0.0) + g * g
                    row[cls] = row.get(cls, 0.0) - rate * g / math.sqrt(sq[cls] + 1e-8)
        for feat, row in weights.items():
            total = sums.setdefault(feat, {})
            for cls, w in row.items():
                total[cls] = total.get(cls, 0.0) + w
    if average:
        weights = {f: {c: w / epochs for c, w in row.items()} for f, row in sums.items()}
    rounded = {f: {c: round(w, 4) for c, w in sorted(row.items()) if abs(w) >= 1e-4} for f, row in sorted(weights.items())}
    return {f: row for f, row in rounded.items() if row}


def _distribution(weights: dict[str, dict[str, float]], feats: list[str]) -> dict[str, float]:
    scores = dict.fromkeys(CLASSES, 0.0)
    for feat in feats:
        for cls, w in weights.get(feat, {}).items():
            scores[cls] += w
    top = max(scores.values())
    exps = {c: math.exp(s - top) for c, s in scores.items()}
    total = sum(exps.values())
    return {c: e / total for c, e in exps.items()}


def centres(data: list[Instance]) -> dict[str, float]:
    """Each class's mean gold score (its band's middle where the data have none)."""
    fallback = {"certain": 3.0, "probable": 1.8, "possible": 0.6, "unknown": 0.0}
    found = {}
    for cls in CLASSES:
        scores = [score for _, gold, score in data if gold == cls]
        base = fallback[cls.removesuffix("-negative")] * (-1 if cls.endswith("-negative") else 1)
        found[cls] = round(sum(scores) / len(scores), 3) if scores else base
    return found


def accuracy(data: list[Instance], weights: dict[str, dict[str, float]]) -> float:
    right = 0
    for feats, gold, _ in data:
        probs = _distribution(weights, feats)
        right += max(CLASSES, key=lambda c: probs[c]) == gold
    return right / len(data) if data else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default=str(ROOT.parent / "shared"))
    parser.add_argument("--model", default=None)
    parser.add_argument("--out", default=str(data_path(MODEL_FILE)))
    args = parser.parse_args()
    by_corpus = instances(Path(args.shared) / "eval" / "factuality", model=args.model)
    data = common_words_only([row for corpus in CORPORA for row in by_corpus[corpus]])
    weights = train(data)
    rules_right = sum(any(f == f"rule={gold}" for f in feats) for feats, gold, _ in data)
    model = {
        "about": "Weights of the commitment model (frenemy.nlp.factuality), written by scripts/train_commitment.py.",
        "provenance": {
            "data": "eval/factuality UW and MEANTIME train.jsonl (speaker-commitment annotation of news sentences; "
                    f"research use), the 'tune' half of bench/splits.py (seed {SEED!r}); "
                    "the 'untouched' half and the dev splits are not read",
            "answer": "the gold factuality's mapped value (>= 2.5 certain, [1, 2.5) probable, (0, 1) possible, "
                      "0 unknown, the same bands below 0 negative)",
            "features": "frenemy.nlp.factuality.predicate_features: the rules' reading and flags, source category, "
                        "cue words of our lexicons, part of speech, dependencies, auxiliaries, clause, governing "
                        f"reporting or control verb; words around the predicate seen with at least {MIN_WORD_COUNT} "
                        "training predicates",
            "trained": date.today().isoformat(),
            "instances": {corpus: len(by_corpus[corpus]) for corpus in CORPORA},
            "classes": dict(sorted(Counter(gold for _, gold, _ in data).items())),
            "train_accuracy": round(accuracy(data, weights), 3),
            "rules_right_on_train": round(rules_right / len(data), 3) if data else 0.0,
        },
        "centres": centres(data),
        "weights": weights,
    }
    Path(args.out).write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print(f"{len(data)} instances; train accuracy {model['provenance']['train_accuracy']} "
          f"(the rules {model['provenance']['rules_right_on_train']}); {len(weights)} features -> {args.out}")


if __name__ == "__main__":
    main()
