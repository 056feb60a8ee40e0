"""Train the receiver chooser of ``frenemy.nlp.receivers`` and write its weights.

    python scripts/train_receivers.py [--shared ../shared] [--threshold 0.5] [--out PATH]

Data: the ``tune`` half (``bench/splits.py``) of ``eval/plv_train.jsonl``, real news sentences
with a marked source and target (research use; the sentences are not copied anywhere, only
weights of structural features are written). The coder runs with the rules alone
(``FRENEMY_RECEIVERS=rules``); for every event whose doer lies in the marked source, the
candidates of its sentence are listed and the one heading the marked target is the answer. A
conditional logit (softmax over one event's candidates) with an L2 penalty is fitted by Adagrad;
deterministic, a few seconds on a CPU. The ``untouched`` half is never read here: it is how
``bench/eval_events.py`` measures the result.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import sys
from datetime import date
from pathlib import Path

os.environ["FRENEMY_RECEIVERS"] = "rules"
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from splits import SEED, part  # noqa: E402

from frenemy.nlp.arguments import ArgumentResolver  # noqa: E402
from frenemy.nlp.pipeline import pipeline  # noqa: E402
from frenemy.nlp.receivers import MODEL_FILE, scored_candidates  # noqa: E402
from frenemy.ontology.loader import data_path  # noqa: E402

TAG = re.compile(r"</?[st]>")


def spans(marked: str) -> dict[str, tuple[int, int]]:
    """Character spans of the marked source (``s``) and target (``t``) in the untagged text."""
    found, plain, opened = {}, 0, {}
    position = 0
    for match in TAG.finditer(marked):
        plain += match.start() - position
        position = match.end()
        tag = match.group()
        if tag.startswith("</"):
            found[tag[2]] = (opened[tag[2]], plain)
        else:
            opened[tag[1]] = plain
    return found


def _inside(token, span: tuple[int, int]) -> bool:
    return span[0] <= token.idx and token.idx + len(token.text) <= span[1] + 1


def instances(shared: Path, model: str | None) -> list[tuple[list[list[str]], int]]:
    rows = [json.loads(line) for line in (shared / "eval" / "plv_train.jsonl").open() if line.strip()]
    rows = [r for r in rows if part(r["text"]) == "tune"]
    texts = sorted({r["text"] for r in rows})
    nlp = pipeline(model)
    catalogue = nlp.get_pipe("frenemy_events").catalogue
    docs = dict(zip(texts, nlp.pipe(texts)))
    found = []
    for row in rows:
        gold = spans(row["marked"])
        if "s" not in gold or "t" not in gold:
            continue
        doc = docs[row["text"]]
        resolver = ArgumentResolver(doc, catalogue)
        seen = set()
        for event in doc._.frenemy_events:  # the chooser sees coded events only, not stances read as events
            if event.frame == "stance" or event.source.token_i < 0 or not _inside(doc[event.source.token_i], gold["s"]):
                continue
            key = (event.trigger.i, event.source.token_i)
            if key in seen:
                continue
            seen.add(key)
            rule_tokens = {e.target.token_i for e in doc._.frenemy_events if e.target is not None and not e.target.default
                           and (e.trigger.i, e.source.token_i) == key}
            scored = scored_candidates(event.trigger, event.source.token_i, event.code, rule_tokens, resolver, {})
            inside = [n for n, (t, _, _) in enumerate(scored) if _inside(t, gold["t"])]
            if not inside:
                continue
            # the answer heads the marked phrase: of the candidates in it, the one fewest of whose
            # ancestors are in it too
            answer = min(inside, key=lambda n: sum(_inside(a, gold["t"]) for a in scored[n][0].ancestors))
            found.append(([f for _, f, _ in scored], answer))
    return found


def train(data: list[tuple[list[list[str]], int]], epochs: int = 20, rate: float = 0.3, l2: float = 0.01) -> dict[str, float]:
    weights: dict[str, float] = {}
    squares: dict[str, float] = {}
    for _ in range(epochs):
        for cands, answer in data:
            scores = [sum(weights.get(f, 0.0) for f in feats) for feats in cands]
            top = max(scores)
            exps = [math.exp(s - top) for s in scores]
            total = sum(exps)
            grads: dict[str, float] = {}
            for n, feats in enumerate(cands):
                g = exps[n] / total - (1.0 if n == answer else 0.0)
                for f in feats:
                    grads[f] = grads.get(f, 0.0) + g
            for f, g in grads.items():
                g += l2 * weights.get(f, 0.0)
                squares[f] = squares.get(f, 0.0) + g * g
                weights[f] = weights.get(f, 0.0) - rate * g / math.sqrt(squares[f] + 1e-8)
    return {f: round(w, 4) for f, w in sorted(weights.items()) if abs(w) >= 1e-4}


def accuracy(data, weights) -> float:
    right = 0
    for cands, answer in data:
        scores = [sum(weights.get(f, 0.0) for f in feats) for feats in cands]
        right += scores.index(max(scores)) == answer
    return right / len(data) if data else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default=str(ROOT.parent / "shared"))
    parser.add_argument("--model", default=None)
    parser.add_argument("--threshold", type=float, default=0.3,
                        help="probability the model needs to give a receiver to an event the rules left without one")
    parser.add_argument("--out", default=str(data_path(MODEL_FILE)))
    args = parser.parse_args()
    data = instances(Path(args.shared), args.model)
    rule_right = sum(any(f == "rule=True" for f in cands[answer]) for cands, answer in data)
    weights = train(data)
    model = {
        "about": "Weights of the receiver chooser (frenemy.nlp.receivers), written by scripts/train_receivers.py.",
        "provenance": {
            "data": "eval/plv_train.jsonl (real news sentences with a marked source and target; research use), "
                    f"the 'tune' half of bench/splits.py (seed {SEED!r}); the 'untouched' half is not read",
            "features": "structural only (dependency path, entity type, resolution, distance, CAMEO quad); no words",
            "trained": date.today().isoformat(),
            "instances": len(data),
            "train_accuracy": round(accuracy(data, weights), 3),
            "rules_right_on_train": round(rule_right / len(data), 3) if data else 0.0,
        },
        "threshold": args.threshold,
        "weights": weights,
    }
    Path(args.out).write_text(json.dumps(model, indent=1, sort_keys=False) + "\n", encoding="utf-8")
    print(f"{len(data)} instances; train accuracy {model['provenance']['train_accuracy']} "
          f"(the rules' choice {model['provenance']['rules_right_on_train']}); {len(weights)} weights -> {args.out}")


if __name__ == "__main__":
    main()
