"""Extraction through the CLI on a real DuckDB file: the seeds' Iran-al-Qaeda events."""

import json

import pytest

from tests.conftest import run_cli, shared_path


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("seeds") / "seeds.duckdb"
    result = run_cli("ingest", str(shared_path("seeds")), "--db", str(db))
    assert result.returncode == 0, result.stderr.decode()
    return db


def _events(db, *args):
    out = run_cli("events", "--db", str(db), "--format", "jsonl", *args)
    assert out.returncode == 0, out.stderr.decode()
    return [json.loads(line) for line in out.stdout.decode().splitlines()]


def _has(events, source, target, root, year=None):
    return any(
        e["source_id"] == source and e["target_id"] == target and e["event_root_code"] == root
        and (year is None or int(e["event_date"][:4]) <= year <= int(e["event_date_end"][:4]))
        for e in events
    )


def test_seed_dyad_events_have_direction_polarity_and_year(seeds_db):
    events = _events(seeds_db, "--dyad", "Iran", "al Qaeda")
    assert _has(events, "IRN", "al-qaeda", "17", 2005)  # arrested and deported, July 2005
    assert _has(events, "IRN", "al-qaeda", "17", 2002)  # detentions after 9/11
    assert _has(events, "al-qaeda", "IRN", "18", 2008)  # the diplomat's abduction, dated by another report of it
    assert _has(events, "IRN", "al-qaeda", "08", 2009)  # releases
    assert _has(events, "al-qaeda", "IRN", "08", 2010)  # the diplomat traded back: "then", after the abduction
    assert _has(events, "IRN", "al-qaeda", "06", 2001)  # alleged involvement in the planning (past perfect)
    assert _has(events, "IRN", "al-qaeda", "04", 2001) and _has(events, "al-qaeda", "IRN", "04", 2001)  # meetings
    assert _has(events, "IRN", "al-qaeda", "05", 1995)  # the 1990s relationship in Sudan
    assert all(e["polarity"] == (-1 if e["quad_class"] >= 3 else 1) for e in events if e["event_root_code"] != "01")
    us = _events(seeds_db, "--dyad", "Iran", "United States")
    assert _has(us, "IRN", "USA", "07", 2001)  # assistance to the coalition
    assert _has(us, "IRN", "USA", "03", 2003)  # the offer to trade detainees


def test_every_event_traces_to_its_sentence(seeds_db):
    docs = {d["doc_id"]: d["text"] for d in map(json.loads, run_cli("docs", "--db", str(seeds_db), "--format", "jsonl").stdout.decode().splitlines())}
    events = _events(seeds_db)
    assert len(events) > 20
    for e in events:
        text = docs[e["doc_id"]]
        assert text[e["char_start"] : e["char_end"]] == e["sentence"]
        assert text[e["trigger_start"] : e["trigger_end"]] == e["trigger"]
        assert e["event_code"].isdigit() and e["event_code"].startswith(e["event_root_code"])
        assert isinstance(e["negated"], bool) and e["date_basis"] and e["report_date"]


def test_event_filters(seeds_db):
    all_events = _events(seeds_db, "--actor", "Tehran")
    assert all("IRN" in (e["source_id"], e["target_id"]) for e in all_events)
    since = _events(seeds_db, "--actor", "Iran", "--since", "2005-01-01", "--until", "2005-12-31")
    assert since and all(e["event_date_end"] >= "2005-01-01" and e["event_date"] <= "2005-12-31" for e in since)
    bad = run_cli("events", "--db", str(seeds_db), "--dyad", "Iran", "Hezbolah party")
    assert bad.returncode == 1 and "unknown actor" in bad.stderr.decode() and "did you mean" in bad.stderr.decode()
    bad_date = run_cli("events", "--db", str(seeds_db), "--since", "someday")
    assert bad_date.returncode == 2 and "--since" in bad_date.stderr.decode()


def test_actors_listing(seeds_db):
    rows = json.loads(run_cli("actors", "--db", str(seeds_db), "--format", "json").stdout)
    by_id = {r["actor_id"]: r for r in rows}
    assert by_id["al-qaeda"]["documents"] == 2
    seen = by_id["al-qaeda"]["names_seen"]
    assert "al Qaeda" in seen and "Al-Qa’ida" in seen
    persons = [r for r in rows if r["type"] == "person" and r["actor_id"].startswith("person:")]
    assert any(p["parent_id"] == "IRN" and p["sector"] for p in persons)  # a minister tied to Iran by title
    assert any(p["parent_id"] == "al-qaeda" for p in persons)  # "an al Qaeda official called ..."


def test_extract_reruns_idempotently(seeds_db):
    before = _events(seeds_db)
    result = run_cli("extract", "--db", str(seeds_db), "--force")
    assert result.returncode == 0
    assert [e["event_id"] for e in _events(seeds_db)] == [e["event_id"] for e in before]
    assert "0 documents extracted" in run_cli("extract", "--db", str(seeds_db)).stderr.decode()


def test_missing_model_says_how_to_install_one(tmp_path):
    doc = tmp_path / "a.txt"
    doc.write_text("Iran arrested al-Qaeda members.")
    result = run_cli("ingest", str(doc), "--db", str(tmp_path / "x.duckdb"), "--model", str(tmp_path / "no-such-model"))
    err = result.stderr.decode().strip()
    assert result.returncode == 1 and err.startswith("error: spaCy model") and "pip install" in err
    assert len(err.splitlines()) == 1


def test_user_actor_file_on_the_command_line(tmp_path):
    doc = tmp_path / "a.txt"
    doc.write_text("Title: T\nDate: 2020-01-01\n\nThe Zorblat Front attacked Chad on Monday.\n")
    actors = tmp_path / "mine.csv"
    actors.write_text("actor_id,name,type,country,sector,parent_id,aliases\nzorblat,Zorblat Front,armed_group,,REB,,Zorblat\n")
    db = tmp_path / "x.duckdb"
    assert run_cli("ingest", str(doc), "--db", str(db), "--actors", str(actors)).returncode == 0
    events = _events(db, "--dyad", "Zorblat Front", "Chad", "--actors", str(actors))
    assert [(e["source_id"], e["target_id"], e["event_root_code"]) for e in events] == [("zorblat", "TCD", "19")]


def test_seed_sources_are_graded_and_attributed(seeds_db):
    sources = {s["name"]: s for s in json.loads(run_cli("sources", "--db", str(seeds_db), "--format", "json").stdout)}
    assert sources["Zakeri"]["type"] == "defector_informant"
    assert sources["Zakeri"]["reliability"] > sources["the CTC report"]["reliability"]  # D is worse than B
    assert sources["Ali Younesi"]["type"] == "official_statement" and sources["Ali Younesi"]["actor_id"] == "IRN"
    assert all(s["reliability"] in "ABCDEF" and s["reliability_reason"] for s in sources.values())
    events = _events(seeds_db, "--dyad", "Iran", "al Qaeda")
    meetings = [e for e in events if e["trigger"] == "meetings"]
    assert meetings and all(e["alleged"] and e["attribution_chain"][-2:] == ["Timmerman's book", "Zakeri"] for e in meetings)
    arrests = [e for e in events if e["trigger"] == "arrested"]
    assert arrests[0]["attributed_actor"] == "IRN" and arrests[0]["cue"] == "announced"
    assert all(1 <= e["credibility"] <= 6 for e in events)


def test_user_source_grades_override_the_defaults(tmp_path):
    doc = tmp_path / "a.txt"
    doc.write_text("Title: T\nDate: 2020-01-01\n\nA defector, John Roe, claims that Iran armed the Taliban.\n")
    grades = tmp_path / "grades.csv"
    grades.write_text("name,type,reliability,reason\nJohn Roe,defector_informant,B,vetted by our desk\n")
    db = tmp_path / "x.duckdb"
    assert run_cli("ingest", str(doc), "--db", str(db), "--sources", str(grades)).returncode == 0
    [source] = [s for s in json.loads(run_cli("sources", "--db", str(db), "--format", "json").stdout) if s["name"] == "John Roe"]
    assert (source["reliability"], source["reliability_reason"]) == ("B", "vetted by our desk")
    bad = tmp_path / "bad.csv"
    bad.write_text("name,type,reliability,reason\nJohn Roe,,Z,\n")
    result = run_cli("ingest", str(doc), "--db", str(tmp_path / "y.duckdb"), "--sources", str(bad))
    assert result.returncode == 2 and "bad.csv:2" in result.stderr.decode()


def test_seed_relationship_statements(seeds_db):
    claims = json.loads(run_cli("claims", "--db", str(seeds_db), "--dyad", "Iran", "al Qaeda", "--format", "json").stdout)
    by_phrase = {c["statement"]: c for c in claims}
    assert any("alliance" in c["statement"] and c["polarity"] == -1 and "Combating Terrorism Center" in c["attributed_to"]
               for c in claims)  # "a US analysis", then named as the CTC's report
    assert any("Enemies" in c["statement"] and c["polarity"] == -1 for c in claims)  # the headline's comparison
    hostile = next(c for c in claims if "hostile" in c["statement"])
    assert hostile["polarity"] == -1 and hostile["attributed_to"] == "Riedel"
    deal = by_phrase["secret deal"]
    assert deal["polarity"] == 1 and "Treasury" in deal["attributed_to"] and deal["alleged"]
    finding = by_phrase["no evidence"]
    assert finding["no_evidence"] and "commission" in finding["attributed_to"].lower()
    assert any(c["hedged"] and c["attributed_to"] == "Shahvar" for c in claims)
