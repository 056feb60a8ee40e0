"""The DuckDB store: schema, migrations and queries. The only package that writes SQL."""

from frenemy.store.db import Store, default_db_path

__all__ = ["Store", "default_db_path"]
