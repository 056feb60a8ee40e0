"""Statements that characterise a relationship directly: "allies", "a fairly hostile
relationship", "largely antagonistic", "bargaining chips", "found no evidence that X ...".

A sentence makes a statement when it holds a relationship term (data:
``ontology/data/relationship_cues.toml``) and names a dyad. The dyad comes from the actors of
the term's own clause; a clause that names fewer than two ("the two are largely antagonistic",
"the relationship is not one of alliance") speaks of the document's main dyad, the two actors it
mentions most. Polarity is the term's, flipped by negation; strength is scaled by degree words.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Span, Token

from frenemy.nlp.arguments import ArgActor, ArgumentResolver
from frenemy.nlp.attribution import Attribution, Attributor
from frenemy.ontology.loader import toml

_POLARITY = {"positive": 1, "negative": -1, "transactional": 0}


@dataclass
class Statement:
    sentence: Span
    term: Token
    phrase: str
    subject: ArgActor
    object: ArgActor
    polarity: int
    strength: float
    attribution: Attribution | None = None
    basis: str = "statement"  # or "stance" (frenemy.nlp.stance)


@cache
def _cues() -> dict:
    return toml("relationship_cues.toml")


def _terms() -> dict[str, tuple[int, float]]:
    cues = _cues()
    return {lemma: (_POLARITY[k], cues[k]["strength"]) for k in _POLARITY for lemma in cues[k]["lemmas"]}


def _phrases() -> list[tuple[str, int, float]]:
    cues = _cues()
    found = [(p.lower(), _POLARITY[k], cues[k]["strength"]) for k in _POLARITY for p in cues[k].get("phrases", [])]
    return sorted(found, key=lambda f: -len(f[0]))


def main_dyad(doc: Doc, resolver: ArgumentResolver) -> tuple[ArgActor, ArgActor] | None:
    """The two actors a document mentions most (by represented actor)."""
    return resolver.main_pair()


class StatementFinder:
    def __init__(self, doc: Doc, resolver: ArgumentResolver, attributor: Attributor) -> None:
        self.doc = doc
        self.resolver = resolver
        self.attributor = attributor
        self._main = None
        self.terms = _terms()
        self.phrases = _phrases()
        self.degree = _cues()["degree"]
        self.no_evidence = toml("attribution_cues.toml")["no_evidence"]["phrases"]

    @property
    def main(self):
        if self._main is None:
            self._main = main_dyad(self.doc, self.resolver) or ()
        return self._main

    def find(self, sentence: Span) -> list[Statement]:
        found = []
        for term, phrase, polarity, strength, alternative in self._terms_in(sentence):
            negated = self._denied(sentence, term, phrase)
            if negated:
                polarity = -polarity
            attribution = None
            for dyad in self._dyads(sentence, term):
                statement = Statement(sentence, term, phrase, dyad[0], dyad[1], polarity, round(strength, 2))
                attribution = attribution or self.attributor.attribute(term, negated, None)
                if alternative:  # "whether the two are friends or enemies": asked, not asserted
                    attribution.commitment = "unknown"
                statement.attribution = attribution
                found.append(statement)
        return found

    def _dyads(self, sentence: Span, term: Token) -> list[tuple[ArgActor, ArgActor]]:
        """'Both Iran and Syria remain adversaries of Israel': each of a coordinated group with the
        actor the clause sets against them; otherwise the one dyad of ``_dyad``."""
        actors = self._clause_actors(term)
        group = [a for a, t in actors if t.i == actors[0][1].i or _coordinated(actors[0][1], t)] if actors else []
        others = [a for a, t in actors if all(a.actor_id != g.actor_id for g in group)]
        if len(group) > 1 and others:
            return [(g, others[0]) for g in group]
        main = self.main
        if group and not others and len(main) == 2 and _group_subject(term) and not (
            {g.actor_id for g in group} & {m.actor_id for m in main}
        ):  # "Both are engaged in acts against mutual enemies such as X and Y": each of the pair against each
            return [(m, g) for m in main for g in group]
        dyad = self._dyad(sentence, term)
        return [dyad] if dyad is not None else []

    def _clause_actors(self, term: Token) -> list[tuple[ArgActor, Token]]:
        """The actors the term's clause names, each with the head token of its mention (so that
        "Iran and al-Qaeda" are seen as coordinated through "Qaeda", not "al")."""
        actors: list[tuple[ArgActor, Token]] = []
        for token in _clause(term):
            if token.i in self.resolver.token_mention:
                arg = self.resolver.resolve(token)
                if arg is not None and all(a.actor_id != arg.actor_id for a, _ in actors):
                    actors.append((arg, self._mention_head(token)))
        return actors

    def _mention_head(self, token: Token) -> Token:
        mention = self.resolver.mentions[self.resolver.token_mention[token.i]]
        inside = range(mention.start, mention.end)
        return next((t for t in self.doc[mention.start : mention.end] if t.head.i not in inside or t.head.i == t.i), token)

    def _terms_in(self, sentence: Span):
        """Every relationship term of the sentence: phrases first, then single words outside them."""
        lower = sentence.text.lower()
        taken: list[tuple[int, int]] = []
        found = []
        for phrase, polarity, strength in self.phrases:
            at = lower.find(phrase)
            if at >= 0 and not any(s <= at < e for s, e in taken):
                span = sentence.char_span(at, at + len(phrase), alignment_mode="expand")
                if span is not None:
                    taken.append((at, at + len(phrase)))
                    found.append((span.root, sentence.text[at : at + len(phrase)], polarity, strength, False))
        for phrase in self.no_evidence:
            at = lower.find(phrase)
            if at >= 0 and not any(s <= at < e for s, e in taken):  # "found no evidence that X was involved"
                span = sentence.char_span(at, at + len(phrase), alignment_mode="expand")
                if span is not None:
                    taken.append((at, at + len(phrase)))
                    found.append((span.root, sentence.text[at : at + len(phrase)], 1, 1.0, False))
        for token in sentence:
            hit = _lookup(token, self.terms)
            offset = token.idx - sentence.start_char
            if hit is None or token.pos_ not in {"NOUN", "ADJ", "PROPN"} or any(s <= offset < e for s, e in taken):
                continue
            if token.i in self.resolver.token_mention:  # part of an actor's name ("the US-led coalition")
                continue
            polarity, strength = hit
            if _rejected_alternative(token, self.terms):  # "more rivals than partners": the partners lose
                continue
            opposite = [c for c in token.conjuncts if (_lookup(c, self.terms) or (polarity,))[0] != polarity]
            if opposite:  # "allies or enemies?": a question of which, not a statement
                if any(c.i < token.i for c in opposite):
                    continue
                polarity = 0
            degree = next((self.degree[c.lower_] for c in token.children if c.lower_ in self.degree), 1.0)
            found.append((token, _phrase(token), polarity, strength * degree, bool(opposite)))
        return found

    def _denied(self, sentence: Span, term: Token, phrase: str) -> bool:
        if any(w in phrase.lower().split() for w in ("not", "no", "never")):
            return False  # the phrase carries its own negation ("not on good terms")
        window = sentence.doc[max(sentence.start, term.left_edge.i - 5) : term.left_edge.i]
        words = [t.lower_ for t in window]
        if "but" in words:  # "not X but Y": the negation stays with X
            words = words[len(words) - words[::-1].index("but") :]
        before = " " + " ".join(words) + " "
        return any(f" {n} " in before for n in _cues()["negators"]["phrases"])

    def _dyad(self, sentence: Span, term: Token) -> tuple[ArgActor, ArgActor] | None:
        clause = _clause(term)
        actors = self._clause_actors(term)
        pair_as_subject = len(actors) >= 2 and _coordinated(actors[0][1], actors[1][1])
        if any(c.dep_ == "poss" for c in term.children) and not pair_as_subject and not any(
            c.dep_ in {"appos", "compound"} and c.i in self.resolver.token_mention for c in term.children
        ):  # "U.S. officials and their allies": one side's allies, unnamed (not "its ally Syria", not
            return None  # "Iran and Syria reaffirmed their alliance")
        if len(actors) >= 2 and not _coordinated(actors[0][1], actors[1][1]):
            return actors[0][0], actors[1][0]
        partners = [g for c in term.children if c.dep_ == "prep" and c.lower_ in {"of", "with", "between", "to", "against"}
                    for g in c.children if g.dep_ == "pobj"]
        if partners and all(g.pos_ == "NOUN" and self.resolver.resolve(g) is None for g in partners):
            return None  # "an alliance of seven groups", "an ally of rebel factions": the other side is named, no actor
        anaphoric = any(t.lemma_.lower() in _cues()["dyad_anaphors"]["lemmas"] for t in clause) or sentence.start == 0
        main = self.main
        if len(main) < 2:
            return None
        if len(actors) == 1 and actors[0][1].head.i == term.i and actors[0][1].dep_ in {"amod", "compound", "poss", "nmod"}:
            return None  # "to counterbalance American partners": the partners of one actor, others unnamed
        if actors and (len(actors) == 1 or _coordinated(actors[0][1], actors[1][1])):
            one = actors[0][0]  # one side named: the other is the document's other main actor
            other = main[1] if main[0].actor_id == one.actor_id else main[0]
            return (one, other) if other.actor_id != one.actor_id and (anaphoric or one.actor_id in {m.actor_id for m in main}) else None
        return (main[0], main[1]) if anaphoric else None


def _lookup(token: Token, terms: dict) -> tuple[int, float] | None:
    """A term by lemma, also for headline capitals the tagger leaves unlemmatised ("Enemies")."""
    lower = token.lower_
    for key in (token.lemma_.lower(), lower, lower[:-3] + "y" if lower.endswith("ies") else lower[:-1]):
        if key in terms:
            return terms[key]
    return None


def _rejected_alternative(token: Token, terms: dict) -> bool:
    """B in "more A than B" / "A rather than B" when A is a relationship term of the other sign."""
    doc = token.doc
    before = [t for t in doc[max(token.sent.start, token.i - 4) : token.i]]
    if not any(t.lower_ == "than" for t in before):
        return False
    hit = _lookup(token, terms)
    assert hit is not None, "called only for a relationship term"
    mine = hit[0]
    return any((other := _lookup(t, terms)) is not None and other[0] != mine for t in before)


def _group_subject(term: Token) -> bool:
    """The term's clause has "both" or "the two" for its subject: the pair spoken of as one side."""
    subjects = {"nsubj", "nsubjpass"}
    lemmas = set(_cues()["group_anaphors"]["lemmas"])
    return any(t.lemma_.lower() in lemmas and (t.dep_ in subjects or t.head.dep_ in subjects) for t in _clause(term))


def _coordinated(a: Token, b: Token) -> bool:
    """'Iran or Hezbollah': two actors on the same side of the statement."""
    return b in a.conjuncts or a in b.conjuncts


def _clause(term: Token) -> list[Token]:
    """The tokens of the smallest clause around the term, without the parts that say who speaks
    ("according to ...", a reporting subject) or describe something else (relative and adverbial
    clauses, coordinated clauses) unless the term is inside them."""
    node = term
    while node.pos_ not in {"VERB", "AUX"} and node.head.i != node.i:
        node = node.head
    excluded: set[int] = set()
    extra: list[Token] = []
    if node.dep_ == "conj" and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in node.children):
        extra = [t for c in node.head.children if c.dep_ in {"nsubj", "nsubjpass"} for t in c.subtree]  # shared subject
    for child in node.children:
        inside = child.left_edge.i <= term.i <= child.right_edge.i
        if inside:
            continue
        if child.dep_ in {"advcl", "relcl", "acl", "conj", "parataxis", "ccomp"} or (
            child.dep_ == "prep" and child.lower_ in {"according", "from", "in", "across", "throughout", "inside", "at"}
        ):  # (where something happens names places, not parties: "From Afghanistan to Libya, X are wary of Y")
            excluded.update(t.i for t in child.subtree)
    for token in node.subtree:  # a clause inside a phrase describes its head: "an alliance of groups fighting X"
        if (token.dep_ in {"relcl", "acl", "advcl"} and token.i != node.i and token.head.i != term.i
                and not token.left_edge.i <= term.i <= token.right_edge.i):  # ("no evidence that X ...": the term's own)
            excluded.update(t.i for t in token.subtree)
    return extra + [t for t in node.subtree if t.i not in excluded]


def _phrase(token: Token) -> str:
    words = [t for t in token.subtree if abs(t.i - token.i) <= 4]
    return token.doc[words[0].i : words[-1].i + 1].text if words else token.text
