"""Reading documents: files, folders, globs, stdin and feeds -> ``Document`` records.

``iter_inputs`` is the entry point: it expands paths, picks a reader by extension and yields
either a :class:`Document` or an :class:`~frenemy.errors.IngestError` for each document, so a
bad file never stops the good ones.
"""

from frenemy.ingest.discover import iter_inputs
from frenemy.ingest.records import Document, Overrides

__all__ = ["Document", "Overrides", "iter_inputs"]
