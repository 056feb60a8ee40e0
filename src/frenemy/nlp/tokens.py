"""A tokenizer that costs linear time on any input.

spaCy's tokenizer strips prefixes and suffixes from each whitespace-separated chunk one
character at a time, and each step rescans the chunk: a run of 20,000 ``<`` (a broken page, a
separator line) takes minutes. Runs of non-space characters longer than ``[long_words] max_chars``
(``sentence_cues.toml``) are cut into pieces of that length and kept as tokens of their own; the
rest of the text goes to the model's tokenizer unchanged, and the document's text is the input's,
character for character.
"""

from __future__ import annotations

import re
from functools import cache

from spacy.tokens import Doc

from frenemy.ontology.loader import toml


@cache
def _longest() -> int:
    return int(toml("sentence_cues.toml")["long_words"]["max_chars"])


@cache
def _runs() -> re.Pattern[str]:
    return re.compile(rf"\S{{{_longest() + 1},}}")


class BoundedTokenizer:
    """Wraps a spaCy tokenizer (picklable, so worker processes get it with the pipeline)."""

    def __init__(self, inner) -> None:
        self.inner = inner
        self.vocab = inner.vocab

    def __call__(self, text: str) -> Doc:
        longest, runs = _longest(), _runs()
        if runs.search(text) is None:
            return self.inner(text)
        words: list[str] = []
        spaces: list[bool] = []
        at = 0
        for run in runs.finditer(text):
            self._tokenise(text[at : run.start()], words, spaces)
            piece = run.group()
            for start in range(0, len(piece), longest):
                words.append(piece[start : start + longest])
                spaces.append(False)
            at = run.end()
            if text.startswith(" ", at):  # one following space belongs to the token, as spaCy has it
                spaces[-1], at = True, at + 1
        self._tokenise(text[at:], words, spaces)
        return Doc(self.vocab, words=words, spaces=spaces)

    def _tokenise(self, text: str, words: list[str], spaces: list[bool]) -> None:
        if text:
            for token in self.inner(text):
                words.append(token.text)
                spaces.append(bool(token.whitespace_))

    def __getattr__(self, name: str):  # rules, prefix_search ...: the model's tokenizer answers
        if name == "inner":
            raise AttributeError(name)
        return getattr(self.inner, name)
