"""The DuckDB-written export and the DuckDB-aggregated network give exactly what the row-by-row
Python paths (``export.events.rows``/``write``, ``balance.network(gather(...))``) give."""

import pyarrow.parquet as pq
import pytest

from frenemy import api
from frenemy.assess.balance import network as build
from frenemy.assess.evidence import gather
from frenemy.export.events import columns, rows, write
from frenemy.export.graph import render
from frenemy.ontology.actors import load_catalogue
from frenemy.store.db import Store
from tests.conftest import run_cli, shared_path


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    db = tmp_path_factory.mktemp("sqlpaths") / "seeds.duckdb"
    assert run_cli("ingest", str(shared_path("seeds")), "--db", str(db)).returncode == 0
    return db


@pytest.mark.parametrize("profile", ["gdelt", "icews", "i2", "native"])
def test_export_is_the_row_by_row_output(store, tmp_path, profile):
    names = {a.actor_id: a.name for a in load_catalogue().actors.values() if a.is_state}
    with Store(store, read_only=True) as s:
        table = rows(profile, s.events_for_export(), names)
    for fmt in ("csv", "tsv", "jsonl", "parquet"):
        old, new = tmp_path / f"old.{fmt}", tmp_path / f"new.{fmt}"
        write(table, columns(profile), fmt, old)
        assert api.export(store, profile, fmt, new) == (len(table) if fmt != "parquet" else len(table))
        if fmt == "parquet":
            a, b = pq.read_table(old), pq.read_table(new)
            assert a.schema == b.schema and a.equals(b)
        else:
            assert old.read_bytes() == new.read_bytes()


@pytest.mark.parametrize("as_of", [None, "2003-03-20", "2011-06-01"])
def test_network_is_balance_network_of_gather(store, as_of):
    from frenemy.ingest.dates import parse_date

    when = parse_date(as_of).value if as_of else None
    with Store(store, read_only=True) as s:
        old = build(gather([e for e in s.events() if e["source_id"]], s.claims(), when))
    new = api.network(store, as_of=as_of)
    assert (new.edges or as_of) and new.nodes == old.nodes and new.edges == old.edges
    for fmt in ("json", "graphml", "gexf"):
        assert render(new, fmt) == render(old, fmt)
