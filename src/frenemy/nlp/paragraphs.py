"""Component ``frenemy_paragraphs``: a blank line always ends a sentence, and an initialism does not.

Titles, datelines and captions have no final full stop; without this the parser glues them to
the next paragraph's first sentence and events cross the gap. "U.S." inside a sentence ("warned
the U.S. And other countries", as wire copy capitalises it) is not a sentence end. A dateline
("HANOI, Vietnam (AP) —") is a sentence of its own, or its place becomes the subject. Runs before
the parser, which keeps preset sentence starts. A run of text with no known sentence end is cut
before ``[long_runs] max_tokens`` tokens (at its last full stop, else clause mark, else comma), so
that no sentence costs more than a bounded amount per token, whatever the input.
"""

from __future__ import annotations

import re
from functools import cache
from typing import cast

import numpy

from spacy.language import Language
from spacy.attrs import SENT_START
from spacy.tokens import Doc
from thinc.types import Ints2d

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
    """Preset sentence starts, written once as an array: spaCy's ``is_sent_start`` setter checks
    the whole document each time, which made this step quadratic in the number of paragraphs."""
    # 1 a start, -1 not a start, 0 left to the parser (to_array gives -1 as an unsigned integer)
    starts = [1 if v == 1 else -1 if v else 0 for v in doc.to_array([SENT_START]).tolist()]
    for token in doc[:-1]:
        nxt = token.i + 1
        if token.is_space and "\n" in token.text:
            starts[nxt] = 1
        elif _INITIALISM.match(token.text) and not doc[nxt].is_space and doc[nxt].text not in _openers() and (
            doc[nxt].is_alpha and starts[nxt] != 1
        ):
            starts[nxt] = -1
    for start in _after_datelines(doc):
        starts[start] = 1
    _cut_long_runs(doc, starts)
    if len(doc):
        # cast: spaCy's stub wants thinc's Ints2d, which a plain 2-d numpy array is at run time
        doc.from_array([SENT_START], cast(Ints2d, numpy.asarray(starts, dtype="int64").astype("uint64").reshape(-1, 1)))
    return doc


@cache
def _long_runs() -> tuple[int, tuple[frozenset[str], ...]]:
    table = toml("sentence_cues.toml")["long_runs"]
    return table["max_tokens"], tuple(frozenset(table[k]) for k in ("final", "clause", "weak"))


def _cut_long_runs(doc: Doc, starts: list[int]) -> None:
    """Start a sentence before every ``max_tokens`` tokens without a preset start, after the best
    mark of the window (linear: each token is looked at a bounded number of times)."""
    limit, marks = _long_runs()
    last = 0
    for i in range(1, len(doc)):
        if starts[i] == 1:
            last = i
        elif i - last >= limit:
            window = range(i, last + limit // 4, -1)
            cut = next((j for kind in marks for j in window if doc[j - 1].text in kind), i)
            starts[cut] = 1
            last = cut
