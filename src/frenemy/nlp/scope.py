"""What the clause that holds a predicate says about it: negation, evidence, hearsay, questions.

Each function reads the parse around one predicate token and returns the cue word that decided
(or ``None``), so that the commitment records why. Scope is the clause: the predicate, its
auxiliaries and the verbs it hangs from through control ("failed to", "did not try to") and
copulas ("was not happy"), never the rest of the sentence. The words are data
(``ontology/data/attribution_cues.toml`` and the ``[negation]`` section of ``cameo_frames.toml``).
"""

from __future__ import annotations

from spacy.tokens import Token

#: Dependencies by which a negating word binds the word it hangs from.
_NEGATING_DEPS = {"neg", "advmod", "det", "preconj", "cc", "npadvmod"}
#: Subjects that negate their verb: "nobody was hurt", "nothing happened".
_SUBJECTS = {"nsubj", "nsubjpass", "expl"}


def direct_negation(token: Token, negators: frozenset[str]) -> str | None:
    """A negating word on the token itself: "not", "never", "nor", "no attack", "nobody was hurt",
    "no troops were killed"."""
    for child in token.children:
        word = child.lower_
        if child.dep_ == "neg" or (word in negators and child.dep_ in _NEGATING_DEPS):
            if child.dep_ == "cc" and word not in {"nor", "neither"}:
                continue
            return word
        if child.dep_ in _SUBJECTS and token.pos_ in {"VERB", "AUX"}:
            if word in negators:
                return word
            det = next((d.lower_ for d in child.children if d.dep_ == "det" and d.lower_ in negators), None)
            if det is not None:
                return det
    return None


def clause_negation(token: Token, negators: frozenset[str], negating_verbs: frozenset[str],
                    reporting: dict[str, str], constructions: dict) -> str | None:
    """The word that negates the predicate within its clause, or ``None``.

    Climbs from the predicate through copulas ("was not happy"), nominal objects and subjects
    of a negated verb ("did not make an offer", "no attack took place"), "without" ("left
    without paying") and control verbs ("did not try to hide", "failed to stop"), and stops at
    a reporting verb: "did not say that X attacked" leaves the attack uncommitted, not denied."""
    cue = direct_negation(token, negators)
    if cue is not None:
        return cue
    near = next((c.lower_ for c in token.children if c.dep_ == "advmod" and c.lower_ in constructions["near_miss"]), None)
    if near is not None and token.pos_ == "VERB":  # "nearly broke the record": it did not
        return near
    node = token
    for _ in range(4):
        head = node.head
        if head.i == node.i:
            return None
        if node.dep_ in {"pcomp", "pobj"} and head.lower_ == "without":
            return "without"
        if node.dep_ in {"pcomp", "pobj"} and head.lower_ == "from" and head.head.lemma_.lower() in constructions["preventing"]:
            return head.head.lower_  # "prevented the crowd from storming"
        if node.dep_ in {"pcomp", "pobj"} and (
                (head.lower_ == "of" and head.head.lower_ == "instead") or (head.lower_ == "than" and any(
                    c.lower_ == "rather" for c in (*head.children, *head.head.children)))):
            return "instead" if head.lower_ == "of" else "rather than"
        if node.dep_ in {"acomp", "attr", "dobj", "nsubjpass"} and head.pos_ in {"AUX", "VERB"} and (
                node.pos_ in {"ADJ", "NOUN"}) and not reporting.get(head.lemma_.lower()):
            return direct_negation(head, negators)
        if node.dep_ != "xcomp" or reporting.get(head.lemma_.lower()):
            return None
        if head.lemma_.lower() in negating_verbs:
            return head.lemma_.lower()
        cue = direct_negation(head, negators)
        if cue is not None:
            return cue
        node = head
    return None


def no_evidence(token: Token, nouns: set[str], verbs: set[str], negators: frozenset[str]) -> str | None:
    """A lack of evidence over the predicate: "found no evidence that X", "nor have we seen
    evidence indicating that X", "there is nothing to suggest that X", "could not confirm X"."""
    child = token
    for ancestor in token.ancestors:
        lemma = ancestor.lemma_.lower()
        if lemma in nouns and ancestor.pos_ in {"NOUN", "PRON"}:
            det = next((c.lower_ for c in ancestor.children if c.dep_ == "det" and c.lower_ in negators), None)
            if det is not None:
                return f"{det} {ancestor.lower_}"
            head = ancestor.head
            if ancestor.dep_ in {"dobj", "attr", "nsubj", "nsubjpass"} and head.i != ancestor.i:
                cue = direct_negation(head, negators)
                if cue is not None:
                    return f"{cue} {head.lower_} {ancestor.lower_}"
        if lemma in {"nothing", "none"} and any(t.lemma_.lower() in verbs for t in _between(token, ancestor)):
            return f"{ancestor.lower_} {next(t.lower_ for t in _between(token, ancestor) if t.lemma_.lower() in verbs)}"
        if lemma in verbs and child.dep_ in {"ccomp", "dobj", "xcomp"}:
            cue = direct_negation(ancestor, negators)
            if cue is not None:
                return f"{cue} {ancestor.lower_}"
        child = ancestor
    return None


def _between(token: Token, ancestor: Token) -> list[Token]:
    """The heads from ``token`` up to (not including) ``ancestor``."""
    found, node = [], token.head
    while node.i != ancestor.i and node.head.i != node.i:
        found.append(node)
        node = node.head
    return found


def hearsay(token: Token, reporting: dict[str, str], raising: set[str]) -> tuple[str, str] | None:
    """A passive report with no one named: "is said to have met", "is believed to be", "was
    reported to have fled". Returns (cue, category of the reporting verb)."""
    node = token
    for _ in range(3):
        head = node.head
        if head.i == node.i or node.dep_ not in {"xcomp", "ccomp"}:
            return None
        lemma = head.lemma_.lower()
        if lemma in raising and any(c.dep_ in {"nsubjpass", "auxpass"} for c in head.children) and not any(
                c.dep_ == "agent" for c in head.children):
            return head.lower_, reporting.get(lemma, "neutral")
        node = head
    return None


def question(token: Token) -> bool:
    """The predicate's sentence asks a question (and the predicate is not quoted from outside it)."""
    return token.sent.text.rstrip().rstrip("\"”' ").endswith("?")
