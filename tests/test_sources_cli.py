"""Sources that are sources (issue 14), through the real CLI on a real DuckDB file: provenance
header lines are not publishers, pronouns are not sources, and spellings of one name are one source."""

import json

import duckdb
import pytest

from frenemy.ontology.sources import source_key
from frenemy.store.migrations import _SOURCE_KEY
from tests.conftest import run_cli


def _sources(db):
    out = run_cli("sources", "--db", str(db), "--format", "json")
    assert out.returncode == 0, out.stderr.decode()
    return json.loads(out.stdout)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("sources") / "texts"
    folder.mkdir()
    (folder / "speech.txt").write_text(
        "Title: Address to the assembly\nSource: Speech texts, GitHub repo someone/speeches (branch main), data/address.txt\n"
        "Date: 1999-05-05\n\nThe prime minister said that Chile had seized two Peruvian boats.\n")
    (folder / "report.txt").write_text(
        "Title: Fisheries report\nSource: Original: https://ports.example/report . Copied from a mirror\nDate: 2001-02-03\n\n"
        "The Ministry of Fisheries said that Peru had expelled a Chilean diplomat.\n\n"
        "Later, the Ministry of Fisheries said that Chile had recalled its ambassador from Lima.\n\n"
        "It said Peru had closed its border with Chile.\n")
    (folder / "wire.txt").write_text(
        "Title: Boats seized\nSource: Harbour Town Gazette, https://gazette.example/boats\nDate: 2002-03-04\n\n"
        "Chile seized two Peruvian boats on Monday.\n")
    db = folder.parent / "store.duckdb"
    result = run_cli("ingest", str(folder), "--db", str(db))
    assert result.returncode == 0, result.stderr.decode()
    return db


def test_provenance_lines_are_kept_but_are_not_publishers(store):
    with duckdb.connect(str(store), read_only=True) as con:
        rows = dict(con.execute("SELECT title, publisher FROM documents").fetchall())
        provenance = dict(con.execute("SELECT title, provenance FROM documents").fetchall())
    assert rows["Address to the assembly"] is None and rows["Fisheries report"] is None
    assert rows["Boats seized"] == "Harbour Town Gazette"
    assert "GitHub repo someone/speeches" in provenance["Address to the assembly"]
    assert provenance["Fisheries report"].startswith("Source: Original:")
    names = " ".join(s["name"] for s in _sources(store)).lower()
    assert "github" not in names and "original" not in names and "speech texts" not in names


def test_a_real_publisher_speaks_for_its_own_text(store):
    [gazette] = [s for s in _sources(store) if s["name"] == "Harbour Town Gazette"]
    assert gazette["type"] == "journalist_publisher"


def test_case_and_article_variants_are_one_source(store):
    ministry = [s for s in _sources(store) if source_key(s["name"]) == "ministry of fisheries"]
    assert len(ministry) == 1, ministry
    assert ministry[0]["n_claims"] >= 2 and ministry[0]["name"] in {"The Ministry of Fisheries", "the Ministry of Fisheries"}


def test_no_source_is_a_pronoun(store):
    names = {s["name"].lower() for s in _sources(store)}
    assert names and not names & {"it", "its", "they", "we", "he", "she", "i"}


@pytest.mark.parametrize("name", ["The U.S. Department of Fisheries", "the U.S. Department of Fisheries",
                                  "  “The  Ministry,” ", "Theodore Roe", "Ministry of Ports (MoP)", "«AFP»", "the"])
def test_the_store_keys_sources_as_python_does(name):
    with duckdb.connect() as con:
        sql = con.execute(f"SELECT {_SOURCE_KEY} FROM (SELECT ? AS attributed_to)", [name]).fetchone()[0]
    assert sql == source_key(name)
    assert source_key("The U.S. Department of Fisheries") == source_key("the U.S. Department of Fisheries.")
