"""A learned chooser of an event's receiver among the noun phrases of its sentence.

The side rules of ``nlp.events`` name a receiver where the parse puts one (an object, a "to" or
"against" phrase, a location). Real news puts the receiver in many more places, and which phrase a
coder takes for it is a convention better learned than written down: "imposed a curfew in parts of
Kashmir" (the place, not the curfew), "raising money for X's Senate bid", "attended a summit in the
United Kingdom". This module scores every candidate phrase of the sentence with a linear model over
structural features only (the dependency path from the trigger, entity type, whether it resolves to
an actor, word distance, the event's CAMEO root; no word of the training text), and picks the best
(a conditional logit: a softmax over the sentence's candidates).

The weights are trained by ``scripts/train_receivers.py`` on the ``tune`` half of
``eval/plv_train.jsonl`` only (see ``bench/splits.py``) and shipped in
``ontology/data/receiver_model.json`` with their provenance; nothing is downloaded at run time.
"""

from __future__ import annotations

import json
import math
import os
from functools import lru_cache

from dataclasses import replace

from spacy.tokens import Token

from frenemy.nlp.arguments import ArgActor, ArgumentResolver, could_be_actor, unresolved
from frenemy.ontology.cameo import code_info
from frenemy.ontology.loader import data_path

MODEL_FILE = "receiver_model.json"
#: Words that head no receiver: dates, numbers, quantities.
_NOT_RECEIVERS = {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"}
#: Dependencies by which a word is part of another noun phrase, not a phrase of its own.
_INSIDE = {"compound", "det", "poss", "nummod", "quantmod", "flat", "case", "punct", "prt", "aux", "neg"}
_MAX_PATH = 4


def candidates(trigger: Token, source_i: int) -> list[Token]:
    """The heads of the noun phrases in the trigger's sentence that could receive the event, and
    the place or people modifiers inside them ("tariffs on Brazilian goods" gives "goods" and
    "Brazilian"); not the trigger, not the doer's own phrase."""
    sentence = trigger.sent
    source = trigger.doc[source_i] if 0 <= source_i < len(trigger.doc) else None
    found = []
    for token in sentence:
        if token.i == trigger.i or token.ent_type_ in _NOT_RECEIVERS or token.is_punct:
            continue
        head_of_phrase = token.pos_ in {"NOUN", "PROPN", "PRON"} and token.dep_ not in _INSIDE
        modifier = token.dep_ in {"amod", "compound"} and token.ent_type_ in {"NORP", "GPE"}
        if not (head_of_phrase or modifier):
            continue
        if source is not None and _inside_phrase_of(token, source):
            continue
        found.append(token)
    return found


def _inside_phrase_of(token: Token, head: Token) -> bool:
    """Whether ``token`` is ``head`` or a modifier within its noun phrase ("Sri Lankan" in "Sri
    Lankan Tamil rebels"), not a phrase of its own hung on it."""
    while True:
        if token.i == head.i:
            return True
        if token.dep_ not in {"compound", "amod", "poss", "flat", "nmod", "appos"} or token.head.i == token.i:
            return False
        token = token.head


def _path(trigger: Token, token: Token) -> str:
    """The dependency path from the trigger up to the lowest common ancestor and down to the
    candidate, prepositions named: "dobj", "prep:in>pobj", "^nsubj|dobj"."""
    up = [trigger, *trigger.ancestors]
    up_index = {t.i: n for n, t in enumerate(up)}
    down = []
    node = token
    while node.i not in up_index:
        down.append(node)
        if node.head.i == node.i:
            return "unconnected"
        node = node.head
    climb = up[: up_index[node.i]]
    steps = [f"^{t.dep_}" for t in climb]
    steps += [f"{t.dep_}:{t.lower_}" if t.dep_ in {"prep", "agent", "dative"} else t.dep_ for t in reversed(down)]
    if len(steps) > _MAX_PATH:
        steps = steps[:2] + ["..."] + steps[-1:]
    return "|".join(steps) or "self"


def _distance(n: int) -> str:
    return "1" if n <= 1 else "2" if n == 2 else "3-4" if n <= 4 else "5-8" if n <= 8 else "9+"


def features(trigger: Token, token: Token, source_i: int, code: str, resolves: bool, actor_like: bool,
             rule_chosen: bool, rank_after: int) -> list[str]:
    """The features of one candidate receiver (strings; a linear model weighs each)."""
    path = _path(trigger, token)
    first = path.split("|")[0]
    entity = token.ent_type_ or "-"
    side = "after" if token.i > trigger.i else "before"
    quad = f"q{code_info(code).quad_class}"
    feats = [
        "bias", f"path={path}", f"first={first}", f"ent={entity}", f"pos={token.pos_}", f"dep={token.dep_}",
        f"side={side}", f"dist={_distance(abs(token.i - trigger.i))}", f"trigger={trigger.pos_}",
        f"resolves={resolves}", f"actor_like={actor_like}", f"rule={rule_chosen}",
        f"rank_after={min(rank_after, 3)}", f"{quad}|first={first}", f"{quad}|ent={entity}",
        f"{quad}|resolves={resolves}", f"trigger={trigger.pos_}|first={first}", f"ent={entity}|first={first}",
        f"resolves={resolves}|side={side}", f"after_source={token.i > source_i}",
    ]
    if rule_chosen:
        feats.append(f"rule|{quad}")
    return feats


@lru_cache(maxsize=1)
def load_chooser() -> "ReceiverChooser":
    """The chooser with the shipped weights; without them (or with ``FRENEMY_RECEIVERS=rules``, as
    the training script and the comparison in ``bench/eval_events.py`` run) the rules alone decide."""
    path = data_path(MODEL_FILE)
    if os.environ.get("FRENEMY_RECEIVERS", "learned") == "rules" or not path.exists():
        return ReceiverChooser({}, 1.0)
    model = json.loads(path.read_text(encoding="utf-8"))
    return ReceiverChooser(model["weights"], model["threshold"])


def score(feats: list[str], weights: dict[str, float]) -> float:
    return sum(weights.get(f, 0.0) for f in feats)


def softmax(values: list[float]) -> list[float]:
    top = max(values)
    exps = [math.exp(v - top) for v in values]
    total = sum(exps)
    return [e / total for e in exps]


def resolve_phrase(resolver: ArgumentResolver, token: Token) -> ArgActor | None:
    """The actor a candidate phrase stands for: its head, else the actor that owns or names it
    ("Kenya's relief effort", "a Brazilian court decision", "Pakistani girls") or that it is of
    ("parts of Kashmir")."""
    found = resolver.resolve(token)
    if found is not None:
        return found
    inner = [c for c in token.children if c.dep_ == "poss" or (c.dep_ in {"amod", "compound"} and c.ent_type_)]
    inner += [g for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    for other in inner:
        found = resolver.resolve(other)
        if found is not None:
            return replace(found, token_i=token.i)
    return None


def scored_candidates(trigger: Token, source_i: int, code: str, rule_tokens: set[int], resolver: ArgumentResolver,
                      weights: dict[str, float]) -> list[tuple[Token, list[str], float]]:
    """Each candidate receiver of a trigger with its features and its probability."""
    found = candidates(trigger, source_i)
    if not found:
        return []
    out = []
    after = 0
    for token in found:
        if token.i > trigger.i:
            after += 1
        resolved = resolve_phrase(resolver, token) is not None
        feats = features(trigger, token, source_i, code, resolved, could_be_actor(token), token.i in rule_tokens,
                         after if token.i > trigger.i else 9)
        out.append((token, feats))
    probs = softmax([score(f, weights) for _, f in out])
    return [(t, f, p) for (t, f), p in zip(out, probs)]


class ReceiverChooser:
    """Chooses the receiver of a coded event the side rules left without one, or with one no
    actor stands for, where the model prefers another phrase of the sentence
    (``target_basis = "learned"``). A receiver the rules resolved to an actor is kept."""

    def __init__(self, weights: dict[str, float], threshold: float) -> None:
        self.weights = weights
        self.threshold = threshold  # how sure the model must be to give a receiver to an event the rules left without

    def __call__(self, events: list, resolver: ArgumentResolver) -> list:
        if not self.weights:
            return events
        groups: dict[tuple, list] = {}
        for event in events:
            groups.setdefault((event.trigger.i, event.source.token_i, event.source.actor_id, event.code), []).append(event)
        out = []
        for group in groups.values():
            out.extend(self._rechoose(group, resolver))
        return out

    def _rechoose(self, group: list, resolver: ArgumentResolver) -> list:
        first = group[0]
        if first.source.token_i < 0:
            return group
        named = [e.target for e in group if e.target is not None and not e.target.default]
        rule_tokens = {t.token_i for t in named}
        scored = scored_candidates(first.trigger, first.source.token_i, first.code, rule_tokens, resolver, self.weights)
        if not scored:
            return group
        best, _, probability = max(scored, key=lambda x: x[2])
        if best.i in rule_tokens:
            return group
        if any(e.target is not None and e.target.resolved for e in group):
            return group  # a receiver the rules resolved stands (overriding them lost events on every set)
        if not any(e.target is not None for e in group) and probability < self.threshold:
            return group
        chosen = []
        for token in resolver.with_conjuncts(best):
            actor = resolve_phrase(resolver, token)
            source = first.source
            if actor is not None and (actor.actor_id, actor.agent_id, actor.sector) != (source.actor_id, source.agent_id, source.sector):
                chosen.append(replace(actor, basis="learned"))
        if not chosen:
            if not could_be_actor(best):
                return group  # a thing or a sum is never kept as a side ("gave euros to promote investment")
            chosen = [unresolved(best)]
        return [replace(first, target=target) for target in chosen]
