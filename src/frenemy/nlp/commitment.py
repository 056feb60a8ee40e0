"""The commitment of any predicate of a text: how sure the text is that it happened.

This is the event pipeline's own mechanism (``Attributor.attribute``), applied to a token the
caller names by character offsets instead of one the event coder found, so that what
``bench/eval_commitment.py`` measures on standard factuality data is what the stored events get.
The value is FactBank's (certain / probable / possible / unknown, positive or negative); the
score puts it on the -3..+3 factuality scale of the UW and MEANTIME corpora. Both come from the
learned model over the rules' reading (``frenemy.nlp.factuality``; ``FRENEMY_COMMITMENT=rules``
for the rules alone), with the rules' own beside them.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Token

from frenemy.errors import UsageError
from frenemy.nlp.arguments import ArgumentResolver
from frenemy.nlp.attribution import Attribution, Attributor, value_score
from frenemy.ontology.actors import load_catalogue

#: Gold factuality to frenemy's value (../shared/eval/factuality/README.md): >= 2.5 certain,
#: [1, 2.5) probable, (0, 1) possible, 0 unknown, and the same bands below 0 for the negatives.
BANDS = ((2.5, "certain"), (1.0, "probable"), (1e-9, "possible"))


def value_of_score(score: float) -> str:
    """frenemy's commitment value for a factuality score in [-3, 3]."""
    if abs(score) < 1e-9:
        return "unknown"
    for floor, name in BANDS:
        if abs(score) >= floor:
            return name + ("-negative" if score < 0 else "")
    return "unknown"


def predicate_token(doc: Doc, start: int, end: int) -> Token:
    """The token that heads the characters [start, end) of the document."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        raise UsageError(f"no token at characters {start}..{end} of the text ({len(doc.text)} characters)")
    return span.root


def attribute_token(doc: Doc, token: Token) -> Attribution:
    """The attribution of ``token`` as the pipeline would make it: the document's sentences up to
    the token's are read first, for the quotations and speakers they open. The learned model
    (``frenemy.nlp.factuality``) reads every predicate here, not only the author's cue-less ones
    as for stored events (``guide=False``); ``rules_value`` keeps what the rules said."""
    attributor = Attributor(ArgumentResolver(doc, load_catalogue()), guide=False)
    for sentence in doc.sents:
        attributor.note_sentence(sentence)
        if sentence.end > token.i:
            break
    result = attributor.attribute(token, False, None)
    attributor.finish([result])
    return result


def commitment_at(doc: Doc, start: int, end: int) -> dict[str, Any]:
    """The commitment of the predicate at characters [start, end) of a parsed document."""
    token = predicate_token(doc, start, end)
    result = attribute_token(doc, token)
    immediate = result.chain[-1] if result.chain else None
    return {
        "predicate": token.text,
        "start": token.idx,
        "end": token.idx + len(token.text),
        "value": result.value,
        "commitment": result.commitment,
        "polarity": result.polarity,
        "score": result.score,
        "cues": list(result.cues),
        "basis": result.basis,
        "rules_value": result.rules_value or result.value,
        "rules_score": value_score(result.rules_value) if result.rules_value else result.score,
        "source": immediate.name if immediate else None,
        "chain": [s.name for s in result.chain],
        "commitment_chain": result.chain_values,
        **{flag: getattr(result, flag) for flag in
           ("alleged", "hedged", "negated", "denied", "no_evidence", "hypothetical", "future")},
    }
