"""frenemy: are two actors friend or foe, how has that changed, and how do we know?

The flow is read -> analyse -> store -> assess -> show, one package per stage:
``ingest`` (readers), ``nlp`` (spaCy components), ``ontology`` (our knowledge tables),
``store`` (DuckDB), ``assess`` (dyad judgements), ``report``/``export``/``web`` (showing and
sharing) and ``scale`` (running many documents). ``frenemy.api`` is the public Python surface.
"""

__version__ = "0.1.0"
