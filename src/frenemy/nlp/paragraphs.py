"""Component ``frenemy_paragraphs``: a blank line always ends a sentence.

Titles, datelines and captions have no final full stop; without this the parser glues them to
the next paragraph's first sentence and events cross the gap. Runs before the parser, which
keeps preset sentence starts.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("frenemy_paragraphs")
def mark_paragraphs(doc: Doc) -> Doc:
    for token in doc[:-1]:
        if token.is_space and token.text.count("\n") >= 1:
            doc[token.i + 1].is_sent_start = True
    return doc
