"""Train the stance model of ``frenemy.nlp.stance`` (the sign between two mentions) and write its weights.

    python scripts/train_stance.py [--shared ../shared] [--margin 0.4] [--no-sentence-words] [--out PATH]

Data: the ``tune`` half (``bench/splits.py``) of ``eval/plv_train.jsonl``, real news sentences
with a marked source and target and the gold QuadClass (research use; the sentences are not
copied anywhere, only feature weights are written, names never among them). The answer is
cooperation (QuadClass 1-2) or conflict (3-4) between the heads of the two marked phrases; a
second model, on the same features, tells material (QuadClass 2, 4) from verbal (1, 3), so that
a stance can be coded as an event of its QuadClass. Logistic models with an L2 penalty are fitted
by Adagrad: deterministic, seconds on a CPU. The
``untouched`` half is read only to print the held-out accuracy, never to fit or choose.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "scripts"))

from splits import SEED, part  # noqa: E402
from train_receivers import _inside, spans  # noqa: E402

from frenemy.nlp.pipeline import pipeline  # noqa: E402
from frenemy.nlp.stance import MODEL_FILE, pair_features  # noqa: E402
from frenemy.ontology.loader import data_path  # noqa: E402


def _head(doc, span: tuple[int, int]):
    inside = [t for t in doc if _inside(t, span)]
    return min(inside, key=lambda t: sum(_inside(a, span) for a in t.ancestors)) if inside else None


def instances(shared: Path, model: str | None, sentence_words: bool) -> dict[str, list[tuple[list[str], int]]]:
    """(features, gold QuadClass) of every marked pair, by split part."""
    rows = [json.loads(line) for line in (shared / "eval" / "plv_train.jsonl").open() if line.strip()]
    nlp = pipeline(model)
    lexicon = nlp.get_pipe("frenemy_events").lexicon
    texts = sorted({r["text"] for r in rows})
    docs = dict(zip(texts, nlp.pipe(texts)))
    found: dict[str, list[tuple[list[str], int]]] = {"tune": [], "untouched": []}
    for row in rows:
        gold = spans(row["marked"])
        if "s" not in gold or "t" not in gold:
            continue
        doc = docs[row["text"]]
        source, target = _head(doc, gold["s"]), _head(doc, gold["t"])
        if source is None or target is None or source.i == target.i:
            continue
        found[part(row["text"])].append((pair_features(source, target, lexicon, sentence_words), row["quad_class"]))
    return found


def train(data: list[tuple[list[str], int]], epochs: int = 30, rate: float = 0.2, l2: float = 0.01) -> dict[str, float]:
    weights: dict[str, float] = {}
    squares: dict[str, float] = {}
    for _ in range(epochs):
        for feats, label in data:
            g = _probability(weights, feats) - label
            for f in feats:
                grad = g + l2 * weights.get(f, 0.0)
                squares[f] = squares.get(f, 0.0) + grad * grad
                weights[f] = weights.get(f, 0.0) - rate * grad / math.sqrt(squares[f] + 1e-8)
    return {f: round(w, 4) for f, w in sorted(weights.items()) if abs(w) >= 1e-4}


def _probability(weights: dict[str, float], feats: list[str]) -> float:
    z = sum(weights.get(f, 0.0) for f in feats)
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))


def accuracy(data, weights, margin: float = 0.0) -> tuple[float, int]:
    """Share right among the instances where the model clears ``margin``, and how many those are."""
    sure = [(p, y) for p, y in ((_probability(weights, f), y) for f, y in data) if abs(2 * p - 1) >= margin]
    return (sum((p > 0.5) == bool(y) for p, y in sure) / len(sure) if sure else 0.0), len(sure)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default=str(ROOT.parent / "shared"))
    parser.add_argument("--model", default=None)
    parser.add_argument("--margin", type=float, default=0.4,
                        help="how far from even (|2p-1|) the model must be for its reading to count")
    parser.add_argument("--no-sentence-words", dest="sentence_words", action="store_false",
                        help="read only the path between the two mentions, not the rest of the sentence")
    parser.add_argument("--out", default=str(data_path(MODEL_FILE)))
    args = parser.parse_args()
    quads = instances(Path(args.shared), args.model, args.sentence_words)
    data = {p: [(f, int(q in (1, 2))) for f, q in rows] for p, rows in quads.items()}
    material = {p: [(f, int(q in (2, 4))) for f, q in rows] for p, rows in quads.items()}
    weights = train(data["tune"])
    train_accuracy, _ = accuracy(data["tune"], weights)
    material_weights = train(material["tune"])
    model = {
        "about": "Weights of the stance model (frenemy.nlp.stance), written by scripts/train_stance.py.",
        "provenance": {
            "data": "eval/plv_train.jsonl (real news sentences with a marked source and target and gold QuadClass; "
                    f"research use), the 'tune' half of bench/splits.py (seed {SEED!r}); the 'untouched' half is not fitted on",
            "answer": "cooperation (QuadClass 1-2) or conflict (3-4) between the heads of the marked source and target; "
                      "material_weights: material (QuadClass 2, 4) rather than verbal (1, 3)",
            "features": "frenemy.nlp.stance.pair_features: words on the parse path, CAMEO codes and sentiment on it"
                        + (", content words of the sentence" if args.sentence_words else "") + "; names never",
            "trained": date.today().isoformat(),
            "instances": len(data["tune"]),
            "train_accuracy": round(train_accuracy, 3),
            "material_train_accuracy": round(accuracy(material["tune"], material_weights)[0], 3),
        },
        "margin": args.margin,
        "sentence_words": args.sentence_words,
        "weights": weights,
        "material_weights": material_weights,
    }
    Path(args.out).write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    held, n = accuracy(data["untouched"], weights)
    sure, m = accuracy(data["untouched"], weights, args.margin)
    print(f"{len(data['tune'])} instances; train accuracy {train_accuracy:.3f}; untouched {held:.3f} (n={n}), "
          f"where the margin is cleared {sure:.3f} (n={m}); material against verbal: untouched "
          f"{accuracy(material['untouched'], material_weights)[0]:.3f}; {len(weights)} weights -> {args.out}")


if __name__ == "__main__":
    main()
