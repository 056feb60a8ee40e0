"""A learned reading of how committed a text is to a predicate, over the rules' own reading.

The rules of ``frenemy.nlp.attribution`` decide commitment from cue words in the predicate's
clause; where no cue speaks they say "certain". Readers of news are less sure than that of much
of what a sentence mentions without asserting it (a noun event in a purpose clause, an
infinitive under "expects", a "would" future), and annotated speaker-commitment data (UW,
MEANTIME) record how much less. This model takes the rules' reading (value, flags, source
category, cue words) and the predicate's place in the parse (part of speech, dependency,
auxiliaries, the clause it sits in, the reporting or attitude verb that governs it) and gives a
distribution over frenemy's seven values; the value is its most likely class and the score the
expected factuality over the classes' centres. Weights: ``ontology/data/commitment_model.json``,
written by ``scripts/train_commitment.py``; ``FRENEMY_COMMITMENT=rules`` leaves the rules alone.

Where it decides: ``frenemy.api.commitment`` (the datasets' question: how committed the author
is). Stored events keep the rules: the datasets put "will" futures at probable or certain, the
attribution guide at unknown with a ``future`` flag, and an event's chain stores its innermost
source's commitment, not the author's; even confined to the author's own cue-less verbs the
model lowered our attribution figure (0.790 -> 0.785) and left the tune dyads unchanged.
"""

from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Token

from frenemy.ontology.loader import data_path

MODEL_FILE = "commitment_model.json"
#: The values the model chooses between, in the order of the factuality scale.
CLASSES = ("certain", "probable", "possible", "unknown", "possible-negative", "probable-negative", "certain-negative")
#: The rules' flags given to the model as features.
FLAGS = ("alleged", "hedged", "negated", "denied", "no_evidence", "hypothetical", "future")
#: Flags whose rule reading stands everywhere, ``frenemy.api.commitment`` too: the data hold too
#: few no-evidence scopes to learn from, and "no evidence that X" must never read as X.
HARD_READINGS = ("no_evidence",)
_CLAUSE_DEPS = {"ccomp", "xcomp", "advcl", "relcl", "acl", "conj", "pcomp", "csubj", "parataxis"}


def predicate_features(token: Token, result) -> list[str]:
    """The model's features for the predicate ``token`` and the rules' ``Attribution`` of it: the
    rules' reading, cue words of the lexicons, the predicate's place in the parse and clause, and
    the words around it (``lexical_features``; the training script keeps a word only where it is
    seen with at least ``MIN_WORD_COUNT`` predicates, so that nothing is learned of one sentence)."""
    from frenemy.nlp.attribution import _controlling_frame, _cues, _inside_quote
    from frenemy.ontology.cameo import frames

    verbs, table = _cues()["verbs"], frames()
    innermost = result.chain[-1] if result.chain else None
    rule = result.value
    feats = ["bias", f"rule={rule}", f"polarity={result.polarity}",
             f"source={innermost.category if innermost else 'author'}", f"chain={min(len(result.chain), 2)}"]
    feats += [f"flag={flag}" for flag in FLAGS if getattr(result, flag)]
    feats += sorted({f"cue={c.lower()}" for c in result.cues if c and len(c.split()) <= 2 and c.lower() in _cue_words()})
    feats += [f"pos={token.pos_}", f"tag={token.tag_}", f"dep={token.dep_}", f"head_pos={token.head.pos_}",
              f"rule={rule}&tag={token.tag_}", f"rule={rule}&dep={token.dep_}", f"pos={token.pos_}&dep={token.dep_}"]
    verb = token if token.pos_ in {"VERB", "AUX"} or token.dep_ == "ROOT" else token.head
    for holder, tag in ((token, "aux"), (verb, "verb_aux")):
        for child in holder.children:
            if child.dep_ in {"aux", "auxpass", "neg"} or child.tag_ == "MD":
                feats.append(f"{tag}={child.lower_}")
            if child.dep_ == "mark":
                feats.append(f"mark={child.lower_}")
            if child.dep_ == "nsubj" and child.pos_ == "PRON":
                feats.append(f"subject={child.lower_ if child.lower_ in {'i', 'we', 'you'} else 'pronoun'}")
    if any(c.tag_ == "MD" for c in (*token.children, *verb.children)):
        feats.append("modal")
    if token.pos_ in {"NOUN", "PROPN"}:
        feats.append("noun_event")
        feats += [f"noun_det={c.lower_}" for c in token.children if c.dep_ == "det"]
    feats += [f"has={c.dep_}" for c in token.children if c.dep_ in {"nsubj", "nsubjpass", "dobj", "poss", "prep", "agent"}]
    if token.lemma_.lower() in verbs:
        feats.append(f"self_reporting={verbs[token.lemma_.lower()]}")
    feats += _clause_features(token, verbs, table)
    frame = _controlling_frame(token)
    if frame is not None:
        feats.append(f"frame={frame}")
    if _inside_quote(token):
        feats.append("quoted")
    if token.sent.text.rstrip().endswith("?"):
        feats.append("question_sentence")
    return feats + lexical_features(token)


#: A word feature enters the model only if at least this many training predicates have it.
MIN_WORD_COUNT = 3
LEXICAL_PREFIX = "w:"
_WORD_DEPS = {"aux", "neg", "advmod", "mark", "det"}


def lexical_features(token: Token) -> list[str]:
    """Words that say how sure a text is of a predicate beyond the cue lexicons: the predicate's own
    lemma ("plan", "proposal", "allegation"), its head's, the function words and adverbs on it and its
    head ("nearly", "once"), the three words before it, and the lemmas of the content words that
    govern it (three up). With them (``bench/eval_commitment.py``, untouched halves): UW accuracy
    0.753 -> 0.766, r 0.780 -> 0.805; MEANTIME 0.824 -> 0.834, r 0.471 -> 0.483; on the dev splits
    UW 0.702 -> 0.715, MEANTIME 0.815 -> 0.836."""
    head = token.head
    feats = [f"lemma={token.lemma_.lower()}", f"head={head.lemma_.lower()}"]
    feats += [f"child={c.dep_}:{c.lemma_.lower()}" for c in token.children if c.dep_ in _WORD_DEPS]
    feats += [f"hchild={c.dep_}:{c.lemma_.lower()}" for c in head.children if c.dep_ in _WORD_DEPS - {"det"}]
    feats += [f"left={t.lower_}" for t in token.doc[max(token.sent.start, token.i - 3) : token.i]]
    feats += [f"anc={a.lemma_.lower()}" for a in list(token.ancestors)[:3] if a.pos_ in {"VERB", "NOUN", "ADJ"}]
    return [LEXICAL_PREFIX + f for f in feats]


def _clause_features(token: Token, verbs: dict[str, str], table: dict) -> list[str]:
    """Where the predicate's clause hangs: the dependencies up to the root (two levels), whether
    it is under a reporting verb, and the lemma and class of the verb that governs it when that
    verb reports, believes or controls."""
    feats, node, depth = [], token, 0
    governed = False
    while node.head.i != node.i and depth < 4:
        depth += 1
        if depth <= 2:
            feats.append(f"up{depth}={node.dep_}")
        if node.dep_ in _CLAUSE_DEPS:
            feats.append(f"in={node.dep_}")
        head = node.head
        lemma = head.lemma_.lower()
        if not governed and head.pos_ in {"VERB", "AUX", "ADJ", "NOUN"} and (lemma in verbs or lemma in table):
            governed = True
            feats.append(f"governor={lemma}")
            feats.append(f"governor_tag={head.tag_}")
            if lemma in verbs:
                feats.append(f"under_reporting={verbs[lemma]}")
            if lemma in table:
                feats.append(f"under_frame={table[lemma].name}")
            if head.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in head.children):
                feats.append("governor_passive")
        node = head
    feats.append(f"depth={depth}")
    if depth == 0:
        feats.append("root")
    return feats


@cache
def _cue_words() -> frozenset[str]:
    """Every word of the cue lexicons (the only words the model may read)."""
    from frenemy.nlp.attribution import _cues
    from frenemy.ontology.cameo import negation_cues

    cues = _cues()
    words: set[str] = set(cues["verbs"]) | set(cues["nouns"])
    for section in ("hedges", "hearsay", "modality", "no_evidence"):
        for entry in cues[section].values():
            words |= {w.lower() for w in entry} if isinstance(entry, list) else set()
    negators, negating_verbs = negation_cues()
    return frozenset(words | set(negators) | set(negating_verbs) | {"not", "n't", "no", "never", "if", "?"})


@dataclass
class CommitmentModel:
    """A multinomial logistic model over ``CLASSES``; ``centres`` place each class on -3..+3."""

    weights: dict[str, dict[str, float]]  # feature -> class -> weight
    centres: dict[str, float]

    def distribution(self, feats: list[str]) -> dict[str, float]:
        scores = {c: 0.0 for c in CLASSES}
        for feat in feats:
            for cls, weight in self.weights.get(feat, {}).items():
                scores[cls] += weight
        top = max(scores.values())
        exps = {c: math.exp(s - top) for c, s in scores.items()}
        total = sum(exps.values())
        return {c: e / total for c, e in exps.items()}

    def predict(self, feats: list[str]) -> tuple[str, float]:
        """The most likely value and the expected score."""
        probs = self.distribution(feats)
        best = max(CLASSES, key=lambda c: probs[c])
        return best, sum(p * self.centres[c] for c, p in probs.items())


@cache
def load_commitment_model() -> CommitmentModel | None:
    """The shipped model; none with ``FRENEMY_COMMITMENT=rules`` (the training script and
    comparisons) or without its file: the rules alone decide then."""
    path = data_path(MODEL_FILE)
    if os.environ.get("FRENEMY_COMMITMENT", "learned") == "rules" or not path.exists():
        return None
    model = json.loads(path.read_text(encoding="utf-8"))
    return CommitmentModel(model["weights"], model["centres"])


def apply_model(token: Token, result) -> None:
    """Replace the rules' commitment of ``result`` with the model's, keeping the rules' value in
    ``rules_value``. A no-evidence scope (``HARD_READINGS``) keeps the rules' reading. Stored
    events never come here (see the module's note)."""
    model = load_commitment_model()
    if model is None:
        return
    result.rules_value = result.value
    if any(getattr(result, flag) for flag in HARD_READINGS):
        return
    value, score = model.predict(predicate_features(token, result))
    negative = value.endswith("-negative")
    result.commitment = value.removesuffix("-negative")
    result.polarity = "negative" if negative else "positive"
    result.learned_score = score
    result.basis = "learned"
