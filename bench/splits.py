"""One fixed split of every development set into ``tune`` and ``untouched``, by document.

Errors are looked at on ``tune`` only; ``untouched`` is measured and reported, never read. A
document (an article, or for sentence sets the sentence text, so that two pairs of one sentence
fall on the same side) goes to ``tune`` when the first byte of a SHA-256 of the seed and its key
is even. The seed is fixed here once; changing it would spend the untouched half.
"""

from __future__ import annotations

import hashlib

SEED = "frenemy-split-2026-12"
PARTS = ("tune", "untouched")


def part(key: str) -> str:
    """``tune`` or ``untouched`` for a document key (file name, or sentence text)."""
    digest = hashlib.sha256(f"{SEED}:{key}".encode()).digest()
    return PARTS[digest[0] % 2]
