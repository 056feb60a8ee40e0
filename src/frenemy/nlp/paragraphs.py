"""Component ``frenemy_paragraphs``: a blank line always ends a sentence, and an initialism does not.

Titles, datelines and captions have no final full stop; without this the parser glues them to
the next paragraph's first sentence and events cross the gap. "U.S." inside a sentence ("warned
the U.S. And other countries", as wire copy capitalises it) is not a sentence end. A dateline
("HANOI, Vietnam (AP) —") is a sentence of its own, or its place becomes the subject. Runs before
the parser, which keeps preset sentence starts.
"""

from __future__ import annotations

import re
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from frenemy.nlp.doctext import doc_text
from frenemy.ontology.loader import toml

_INITIALISM = re.compile(r"^(?:[A-Z]\.){2,}$")


@cache
def _openers() -> frozenset[str]:
    return frozenset(toml("sentence_cues.toml")["initialisms"]["openers"])


@cache
def _dateline() -> re.Pattern[str]:
    return re.compile(toml("sentence_cues.toml")["datelines"]["pattern"], re.MULTILINE)


def _after_datelines(doc: Doc) -> list[int]:
    """Token indexes where a paragraph's text starts after its dateline."""
    starts = []
    text = doc_text(doc)
    for token in doc:
        if token.i == 0 or (doc[token.i - 1].is_space and "\n" in doc[token.i - 1].text):
            match = _dateline().match(text, token.idx)
            if match and match.end() < len(text):
                span = doc.char_span(match.end(), match.end() + 1, alignment_mode="expand")
                if span is not None and span.start > token.i:
                    starts.append(span.start)
    return starts


@Language.component("frenemy_paragraphs")
def mark_paragraphs(doc: Doc) -> Doc:
    for token in doc[:-1]:
        nxt = doc[token.i + 1]
        if token.is_space and token.text.count("\n") >= 1:
            nxt.is_sent_start = True
        elif _INITIALISM.match(token.text) and not nxt.is_space and nxt.text not in _openers() and (
            nxt.is_alpha and not nxt.is_sent_start
        ):
            nxt.is_sent_start = False
    for start in _after_datelines(doc):
        doc[start].is_sent_start = True
    return doc
