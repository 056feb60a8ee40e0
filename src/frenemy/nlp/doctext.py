"""A document's text, joined once.

spaCy's ``Doc.text`` joins every token's text on each call, so code that slices the text around
many tokens would pay for the whole document each time; the text never changes once tokenised.
"""

from __future__ import annotations

from spacy.tokens import Doc

_KEY = "frenemy_text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed on first use and kept in ``doc.user_data``."""
    text = doc.user_data.get(_KEY)
    if text is None:
        text = doc.user_data[_KEY] = doc.text
    return text
