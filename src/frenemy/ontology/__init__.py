"""Our knowledge tables: CAMEO codes, actor catalogue, cue lexicons, anchor events.

Every table is a data file under ``ontology/data`` with a header comment on its meaning and
provenance; the loaders here only parse and index them.
"""
