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

from functools import cache
from importlib import resources

from spacy.tokens import Span, Token

from frenemy.nlp.arguments import ArgActor, ArgumentResolver
from frenemy.nlp.statements import Statement, _lookup, _terms
from frenemy.ontology.cameo import Lexicon, code_info
from frenemy.ontology.loader import toml

#: Parts of speech that can carry the relation between two actors.
_PREDICATES = {"VERB", "NOUN", "ADJ"}
_ARGUMENTS = {"nsubj", "nsubjpass", "dobj", "iobj", "dative", "poss", "attr", "oprd"}
#: Prepositions whose object is a party to the predicate, not its place, time or topic.
_PARTY_PREPS = {"with", "against", "to", "toward", "towards", "for", "on", "upon", "by", "between", "of", "from"}


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
    valence = sentiment().get(token.lower_, sentiment().get(token.lemma_.lower(), 0.0))
    return (1 if valence > 0 else -1) if abs(valence) >= settings()["sentiment_threshold"] else 0


class StanceFinder:
    def __init__(self, resolver: ArgumentResolver, lexicon: Lexicon, negators: frozenset[str]) -> None:
        self.resolver = resolver
        self.lexicon = lexicon
        self.terms = _terms()
        self.negators = negators

    def find(self, sentence: Span, related: set[frozenset[str]]) -> list[Statement]:
        """Stances between the actors of ``sentence`` that ``related`` (pairs of actor ids already
        related by an event or a statement of the sentence) does not hold."""
        actors = self._actors(sentence)
        found = []
        for n, (a, head_a) in enumerate(actors):
            for b, head_b in actors[n + 1 :]:
                pair = frozenset((a.actor_id, b.actor_id))
                if len(pair) < 2 or pair in related:
                    continue
                reading = self._reading(head_a, head_b)
                if reading is None:
                    continue
                predicate, polarity = reading
                first, second = (a, b) if head_a.i < head_b.i else (b, a)
                found.append(Statement(sentence, predicate, _words(predicate), first, second, polarity, 1.0,
                                       basis="stance"))
                related.add(pair)
        return found

    def _actors(self, sentence: Span) -> list[tuple[ArgActor, Token]]:
        seen: dict[str, tuple[ArgActor, Token]] = {}
        for token in sentence:
            if token.i not in self.resolver.token_mention:
                continue
            mention = self.resolver.mentions[self.resolver.token_mention[token.i]]
            inside = range(mention.start, mention.end)
            if token.head.i in inside and token.head.i != token.i:
                continue  # not the mention's head
            arg = self.resolver.resolve(token)
            if arg is not None and arg.actor_id not in seen:
                seen[arg.actor_id] = (arg, token)
        actors = list(seen.values())
        return actors if len(actors) <= settings()["max_actors"] else []  # more is a list, not a relation

    def _reading(self, a: Token, b: Token) -> tuple[Token, int] | None:
        """The signed predicate where the two mentions' chains of governing predicates first meet
        ("X's feud with Y", "X backs Y", "X vowed to defeat Y", "X's commitment to securing Y")."""
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
        if meet.pos_ not in _PREDICATES:
            return None
        sign = self._sign(meet)
        if not sign:
            return None
        return meet, -sign if self.negated(meet) else sign

    def _sign(self, token: Token) -> int:
        hit = _lookup(token, self.terms)
        if hit is not None and token.pos_ in {"NOUN", "ADJ"}:
            return hit[0]
        pos = "VERB" if token.pos_ == "VERB" else "NOUN"
        preps = {c.lower_ for c in token.children if c.dep_ in {"prep", "prt", "agent"}}
        objects = {c.lemma_.lower() for c in token.children if c.dep_ in {"dobj", "pobj", "attr", "compound", "amod"}}
        entry = self.lexicon.lookup(token.lemma_.lower(), pos, preps, objects)
        if entry is not None:
            return code_info(entry.code).polarity
        return sentiment_sign(token)

    def negated(self, token: Token) -> bool:
        return any(c.dep_ == "neg" or c.lower_ in self.negators for c in token.children)


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
        if node.dep_ == "xcomp" or (node.dep_ == "pcomp" and node.head.lower_ in _PARTY_PREPS):
            node = node.head if node.dep_ == "xcomp" else node.head.head
        else:
            node = _predicate_of(node) if node.pos_ == "NOUN" else None
    return found


def _coordinated(a: Token, b: Token) -> bool:
    return b in a.conjuncts or a in b.conjuncts


def _words(token: Token) -> str:
    """The predicate with its particle or preposition and negation ("working against", "not help")."""
    words = [c for c in token.children if c.dep_ in {"neg", "prt"} or (c.dep_ == "prep" and c.i == token.i + 1)]
    span = sorted([token, *words], key=lambda t: t.i)
    return " ".join(t.text for t in span)
