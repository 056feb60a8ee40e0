"""Stance evidence: a sentence that names two actors and relates them through a predicate whose
reading is clearly cooperative or conflictual, where no coded event or relationship statement
already relates them ("Iran's support for Hezbollah fighters", "the US has been working against
Iran's nuclear ambitions", "X's bitter feud with Y").

The predicate is where the two mentions' chains of governing predicates first meet: each mention
is an argument (subject, object, possessor, object of a party preposition) of a predicate, which
may in turn be an argument or complement of another, up to three deep. A word lower on one chain
relates only that actor: in "Syria's support for Hezbollah angered Israel", Syria and Hezbollah
meet at "support", Syria and Israel at "angered" (not "support"); "Russia backs Serbia in its
dispute with Kosovo" relates nothing to Kosovo (a place or topic is no party). Its sign comes
from a relationship term (``relationship_cues.toml``), else a CAMEO trigger of our verb and noun
dictionary (``cameo_lexicon.csv``, its QuadClass sign; plain statements and near-zero Goldstein
weights are neutral and skipped), else the VADER sentiment lexicon where its valence is strong
(``relationship_cues.toml`` ``[stance]``). Negation turns the sign round. A stance is stored
as a statement (``claims``) with ``basis = 'stance'``; the assessment weighs it below coded events
(``assessment.toml``, ``[weights.basis]``) and names it as its own evidence class.
"""

from __future__ import annotations

import json
import math
import os
from dataclasses import replace
from functools import cache
from importlib import resources

from spacy.tokens import Span, Token

from frenemy.nlp.arguments import RELATIONAL, ArgActor, ArgumentResolver
from frenemy.nlp.statements import Statement, _lookup, _terms
from frenemy.ontology.cameo import Lexicon, code_info
from frenemy.ontology.loader import data_path, toml

MODEL_FILE = "stance_model.json"

#: Parts of speech that can carry the relation between two actors.
_PREDICATES = {"VERB", "NOUN", "ADJ"}
_ARGUMENTS = {"nsubj", "nsubjpass", "dobj", "iobj", "dative", "poss", "attr", "oprd"}
#: Prepositions whose object is a party to the predicate, not its place, time or topic.
_PLACE_PREPS = {"in", "at", "near", "inside", "outside", "across", "around", "within", "throughout", "into", "through",
                "over", "under", "beyond", "via"}
_PARTY_PREPS = {"with", "alongside", "against", "to", "toward", "towards", "for", "on", "upon", "by", "between", "of", "from"}


@cache
def settings() -> dict:
    return toml("relationship_cues.toml")["stance"]


@cache
def sentiment() -> dict[str, float]:
    """The VADER lexicon's mean valence per word (-4..+4), read from the installed package's data
    file (empty if the package is missing: the CAMEO and relationship lexicons still sign)."""
    try:
        text = (resources.files("vaderSentiment") / "vader_lexicon.txt").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        return {}
    found = {}
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) >= 2:
            try:
                found[parts[0]] = float(parts[1])
            except ValueError:
                continue
    return found


def sentiment_sign(token: Token) -> int:
    """+1 or -1 where the sentiment lexicon reads the word (or its lemma) strongly either way, else 0."""
    valence = _valence(token)
    return (1 if valence > 0 else -1) if abs(valence) >= settings()["sentiment_threshold"] else 0


class StanceFinder:
    def __init__(self, resolver: ArgumentResolver, lexicon: Lexicon, negators: frozenset[str]) -> None:
        self.resolver = resolver
        self.lexicon = lexicon
        self.terms = _terms()
        self.negators = negators
        self._codes: dict[int, str | None] = {}  # CAMEO code per token, for the model's features
        self._sentences: dict[int, list[str]] = {}  # the model's sentence features, for the current sentence

    def _code(self, token: Token) -> str | None:
        if token.i not in self._codes:
            self._codes[token.i] = cameo_code(token, self.lexicon)
        return self._codes[token.i]

    def find(self, sentence: Span, related: set[frozenset[str]]) -> list[Statement]:
        """Stances between the actors of ``sentence`` that ``related`` (pairs of actor ids already
        related by an event or a statement of the sentence) does not hold. An actor named twice
        is related through its mention nearest the other in the parse ("US officers say British
        officers are working with the US Marines": the Marines, not the officers who say)."""
        mentions = self._mentions(sentence)
        ids = list(dict.fromkeys(arg.actor_id for arg, _ in mentions))
        if len(ids) > settings()["max_actors"]:
            return []  # more is a list, not a relation
        found = []
        for n, x in enumerate(ids):
            for y in ids[n + 1 :]:
                pair = frozenset((x, y))
                if pair in related:
                    continue
                options = sorted(((a, ha, b, hb) for a, ha in mentions if a.actor_id == x
                                  for b, hb in mentions if b.actor_id == y),
                                 key=lambda o: (len(_path(o[1], o[3])), abs(o[1].i - o[3].i)))
                reading, chosen = None, options[0]
                for option in options:
                    reading = self._reading(option[1], option[3])
                    if reading is not None:
                        chosen = option
                        break
                a, head_a, b, head_b = chosen
                reading = reading or self._learned(head_a, head_b)
                if reading is None:
                    continue
                predicate, polarity, strength = reading
                first, second = (a, b) if head_a.i < head_b.i else (b, a)
                found.append(Statement(sentence, predicate, _words(predicate), first, second, polarity, strength,
                                       basis="stance"))
                related.add(pair)
        return found

    def as_event(self, stance: Statement) -> tuple[ArgActor, ArgActor, str] | None:
        """(source, target, CAMEO code) of a stance read as an event, or none where the two are
        not separate parties (one noun phrase: "Al-Qaeda frontman Abu Musab al-Zarqawi") or one
        is a setting ("in the West Bank city of Hebron"). The source is the mention named first,
        unless it is the passive subject ("X was attacked by Y"); the code is the predicate's own
        where our dictionary gives it the stance's sign and the model's QuadClass, else the
        general code of that QuadClass (``[stance] generic_codes``)."""
        first, second = stance.subject, stance.object
        doc = stance.sentence.doc
        top_a, top_b = _phrase_top(doc[first.token_i]), _phrase_top(doc[second.token_i])
        if top_a.i == top_b.i or _place(top_a) or _place(top_b) or stance.strength < settings()["event_strength"]:
            return None
        if doc[first.token_i].dep_ == "nsubjpass":
            first, second = second, first
        model = load_stance_model()
        material = model is not None and model.material(self._features(doc[first.token_i], doc[second.token_i], model)) > 0.5
        quad = (2 if material else 1) if stance.polarity > 0 else (4 if material else 3)
        code = self._code(stance.term)
        if code is None or code_info(code).quad_class != quad:
            code = settings()["generic_codes"][str(quad)]
        return replace(first, basis="stance"), replace(second, basis="stance"), code

    def _mentions(self, sentence: Span) -> list[tuple[ArgActor, Token]]:
        """Every mention head of the sentence that resolves to an actor, with its actor."""
        found = []
        for token in sentence:
            if token.i not in self.resolver.token_mention:
                continue
            mention = self.resolver.mentions[self.resolver.token_mention[token.i]]
            inside = range(mention.start, mention.end)
            if token.head.i in inside and token.head.i != token.i:
                continue  # not the mention's head
            arg = self.resolver.resolve(token)
            if arg is not None:
                found.append((arg, token))
        return found

    def _learned(self, a: Token, b: Token) -> tuple[Token, int, float] | None:
        """The sign the trained model reads between two mentions of a sentence that no signed word
        relates, where it is sure enough (``StanceModel.margin``); its strength is how sure. The
        mentions need not be arguments of one predicate: a reader takes "X's forces struggled
        after Y's forces ended their mission" as a relation too (requiring the chains to meet left
        the untouched and tune figures where the signed words alone had them), but a place is no
        party (requiring each to be an argument of some predicate lost pairs on tune)."""
        model = load_stance_model()
        if model is None or _coordinated(a, b) or _place(a) or _place(b) or _whose(a) or _whose(b):
            return None  # "arrested three members in Damascus" relates no Syria
        top = self._meet(a, b) or _common_ancestor(a, b)
        if top is None:
            return None
        probability = model.probability(self._features(a, b, model))
        strength = abs(2 * probability - 1)
        if strength < model.margin:
            return None
        return top, 1 if probability > 0.5 else -1, min(round(strength, 2), 0.99)  # 1.0: a signed word

    def _features(self, a: Token, b: Token, model: StanceModel) -> list[str]:
        """``pair_features`` of two mentions, with the CAMEO codes and the sentence's words read once
        per token and per sentence."""
        feats = path_features(a, b, self._code)
        if model.sentence_words:
            if a.sent.start not in self._sentences:
                self._sentences = {a.sent.start: sentence_features(a.sent)}
            feats += self._sentences[a.sent.start]
        return feats

    def _reading(self, a: Token, b: Token) -> tuple[Token, int, float] | None:
        """The signed predicate where the two mentions' chains of governing predicates first meet
        ("X's feud with Y", "X backs Y", "X vowed to defeat Y", "X's commitment to securing Y")."""
        meet = self._meet(a, b)
        if meet is None:
            return None
        sign = self._sign(meet)
        if not sign:
            return None
        return meet, -sign if self.negated(meet) else sign, 1.0

    def _meet(self, a: Token, b: Token) -> Token | None:
        """The predicate that relates two mentions: where their chains of governing predicates
        first meet, or the verb a control verb there governs; none for coordinated mentions or
        where the chains never meet (a place, a time, a topic, a clause of its own)."""
        if _coordinated(a, b):
            return None  # "Iran and Syria": on one side, not related by the clause
        chain_a, chain_b = _governors(a), _governors(b)
        reached = {p.i for p in chain_a}
        meet = next((p for p in chain_b if p.i in reached), None)
        if meet is None:
            return None
        below = [c[n - 1] for c in (chain_a, chain_b) for n, p in enumerate(c) if p.i == meet.i and n > 0]
        governed = [p for p in below if p.dep_ == "xcomp"]
        if governed:  # "X vowed to defeat Y": the subject of a control verb does what it governs
            meet = governed[0]
        return meet if meet.pos_ in _PREDICATES else None

    def _sign(self, token: Token) -> int:
        hit = _lookup(token, self.terms)
        if hit is not None and token.pos_ in {"NOUN", "ADJ"}:
            return hit[0]
        code = cameo_code(token, self.lexicon)
        if code is not None:
            return code_info(code).polarity
        return sentiment_sign(token)

    def negated(self, token: Token) -> bool:
        return any(c.dep_ == "neg" or c.lower_ in self.negators for c in token.children)


def cameo_code(token: Token, lexicon: Lexicon) -> str | None:
    """The CAMEO code our verb and noun dictionary gives a word, with its prepositions and objects."""
    pos = "VERB" if token.pos_ == "VERB" else "NOUN"
    preps = {c.lower_ for c in token.children if c.dep_ in {"prep", "prt", "agent"}}
    objects = {c.lemma_.lower() for c in token.children if c.dep_ in {"dobj", "pobj", "attr", "compound", "amod"}}
    entry = lexicon.lookup(token.lemma_.lower(), pos, preps, objects)
    return entry.code if entry is not None else None


class StanceModel:
    """A logistic model of the sign between two mentions of a sentence (cooperation against
    conflict), trained by ``scripts/train_stance.py`` on real news sentences whose source and
    target an annotator marked. Its features are those of ``pair_features``; its weights and the
    margin it must clear are in ``ontology/data/stance_model.json``."""

    def __init__(self, weights: dict[str, float], margin: float, sentence_words: bool,
                 material_weights: dict[str, float] | None = None) -> None:
        self.weights = weights
        self.margin = margin
        self.sentence_words = sentence_words
        self.material_weights = material_weights or {}

    def probability(self, feats: list[str]) -> float:
        """How likely the two are related by cooperation rather than conflict."""
        return _logistic(sum(self.weights.get(f, 0.0) for f in feats))

    def material(self, feats: list[str]) -> float:
        """How likely the relation is a deed (QuadClass 2 or 4) rather than words (1 or 3)."""
        return _logistic(sum(self.material_weights.get(f, 0.0) for f in feats))


def _logistic(z: float) -> float:
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))


@cache
def load_stance_model() -> StanceModel | None:
    """The shipped model; none with ``FRENEMY_STANCE=rules`` (the training script and comparisons)
    or without its file: signed words alone then decide."""
    path = data_path(MODEL_FILE)
    if os.environ.get("FRENEMY_STANCE", "learned") == "rules" or not path.exists():
        return None
    model = json.loads(path.read_text(encoding="utf-8"))
    return StanceModel(model["weights"], model["margin"], model["sentence_words"], model.get("material_weights"))


def _common_ancestor(a: Token, b: Token) -> Token | None:
    above = {t.i for t in (a, *a.ancestors)}
    return next((t for t in (b, *b.ancestors) if t.i in above), None)


def _path(a: Token, b: Token) -> list[Token]:
    """The words between two mentions in the parse, up from ``a`` to where they meet and down to
    ``b``, the mentions themselves left out."""
    top = _common_ancestor(a, b)
    if top is None:
        return []
    up = [t for t in (a, *a.ancestors)]
    down = [t for t in (b, *b.ancestors)]
    up = up[1 : [t.i for t in up].index(top.i)]
    down = down[1 : [t.i for t in down].index(top.i)]
    return [*up, *([top] if top.i not in (a.i, b.i) else []), *down]


def _word(token: Token) -> str:
    """A word as a feature: its lemma, but a name only as "a name" (the model learns how actors are
    related, not which actors)."""
    return "NAME" if _is_name(token) else token.lemma_.lower()


def _is_name(token: Token) -> bool:
    """A proper name, an entity, or a capitalised word inside the sentence ("Palestinian")."""
    return (token.pos_ == "PROPN" or bool(token.ent_type_)
            or (token.text[:1].isupper() and token.i != token.sent.start and not token.is_upper))


def pair_features(a: Token, b: Token, lexicon: Lexicon, sentence_words: bool = True) -> list[str]:
    """What the stance model reads between two mention heads: the words on the parse path between
    them (prepositions by name), where the path meets, the CAMEO code and sentiment of each word
    on it, negation on it, and (with ``sentence_words``) the other content words of the sentence
    and their summed sentiment."""
    return path_features(a, b, lambda t: cameo_code(t, lexicon)) + (sentence_features(a.sent) if sentence_words else [])


def path_features(a: Token, b: Token, code_of) -> list[str]:
    """The path part of ``pair_features``; ``code_of`` gives a word's CAMEO code or None."""
    feats = ["bias"]
    top = _common_ancestor(a, b)
    if top is not None:
        feats.append(f"meet={_word(top)}")
    for token in _path(a, b):
        if token.pos_ in {"DET", "PUNCT", "ADP", "CCONJ", "PART"}:
            feats.append(f"function={token.lower_}")
            continue
        feats.append(f"path={_word(token)}")
        valence = _valence(token)
        if abs(valence) >= 1.0:
            feats.append("path_sentiment=" + ("+" if valence > 0 else "-"))
        if any(c.dep_ == "neg" for c in token.children):
            feats.append("negated")
        code = code_of(token)
        if code is not None:
            info = code_info(code)
            feats += [f"path_polarity={info.polarity:+d}", f"path_quad={info.quad_class}"]
    return feats


def sentence_features(sentence: Span) -> list[str]:
    """The sentence part of ``pair_features``: its content words other than names, and the sign
    of their summed sentiment."""
    feats = []
    total = 0.0
    for token in sentence:
        if token.is_stop or token.is_punct or _is_name(token):
            continue
        feats.append(f"word={token.lemma_.lower()}")
        total += _valence(token)
    feats.append("sentence_sentiment=" + ("+" if total > 1 else "-" if total < -1 else "0"))
    return feats


def _valence(token: Token) -> float:
    return sentiment().get(token.lower_, sentiment().get(token.lemma_.lower(), 0.0))


def _predicate_of(token: Token) -> Token | None:
    """The word a mention is an argument of; a name modifying a noun stands for it ("Hezbollah
    fighters"); a conjunct is an argument of what its first conjunct is ("X and Y condemned Z")."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    if token.dep_ in {"compound", "amod", "nmod"} and token.head.pos_ in {"NOUN", "PROPN"}:
        token = token.head
    if token.dep_ in _ARGUMENTS:
        return token.head
    if (token.dep_ == "pobj" and token.head.dep_ in {"prep", "agent", "dative"} and token.head.lower_ in _PARTY_PREPS
            and token.head.head.i != token.head.i):  # "feud with Y", not "arrested in Damascus" (a place)
        return token.head.head
    return None


def _governors(token: Token, depth: int = 3) -> list[Token]:
    """The predicates a mention is an argument of, and those that predicate is in turn an argument
    or complement of ("defeat" then "vowed" in "vowed to defeat Y"; "securing" then "commitment"
    in "commitment to securing Y"), up to ``depth``; a clause of its own (ccomp, advcl, relcl)
    ends the chain."""
    found: list[Token] = []
    node = _predicate_of(token)
    while node is not None and len(found) < depth:
        found.append(node)
        if node.lemma_.lower() in RELATIONAL:
            break  # "Syria's neighbours condemned X": what the neighbours do is not Syria's
        if node.dep_ == "xcomp" or (node.dep_ == "pcomp" and node.head.lower_ in _PARTY_PREPS):
            node = node.head if node.dep_ == "xcomp" else node.head.head
        else:
            node = _predicate_of(node) if node.pos_ == "NOUN" else None
    return found


def _place(token: Token) -> bool:
    """A mention that is where something happens ("in Damascus", "across Iraq"), or in a setting
    put before the clause's subject ("From Afghanistan to Libya, US officials are concerned"), not who."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    if token.dep_ == "pobj" and token.head.lower_ in _PLACE_PREPS:
        return True
    prep = next((t for t in token.ancestors if t.dep_ == "prep" and t.head.pos_ in {"VERB", "AUX"}), None)
    if prep is None:
        return False
    subjects = [c.i for c in prep.head.children if c.dep_ in {"nsubj", "nsubjpass", "expl"}]
    return bool(subjects) and prep.i < min(subjects)


def _phrase_top(token: Token) -> Token:
    """The head of the whole noun phrase a mention is part of: up through modifiers, appositions
    and "of" ("the West Bank city of Hebron" -> "city")."""
    while token.head.i != token.i:
        if token.dep_ in {"compound", "appos", "poss", "amod", "nmod", "flat", "npadvmod"}:
            token = token.head
        elif token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.pos_ in {"NOUN", "PROPN"}:
            token = token.head.head
        else:
            break
    return token


def _whose(token: Token) -> bool:
    """The possessor of a relational noun ("Syria's neighbours"): it says whose they are, and
    what they do is not its own."""
    return token.dep_ == "poss" and token.head.lemma_.lower() in RELATIONAL


def _coordinated(a: Token, b: Token) -> bool:
    return b in a.conjuncts or a in b.conjuncts


def _words(token: Token) -> str:
    """The predicate with its particle or preposition and negation ("working against", "not help")."""
    words = [c for c in token.children if c.dep_ in {"neg", "prt"} or (c.dep_ == "prep" and c.i == token.i + 1)]
    span = sorted([token, *words], key=lambda t: t.i)
    return " ".join(t.text for t in span)
