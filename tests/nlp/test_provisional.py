"""Open-world actors: named organisations, groups and persons the catalogue does not hold."""

import json
from datetime import date

from frenemy.nlp.pipeline import DocRecord, analyse
from tests.conftest import run_cli

TEXT = (
    "The Free Kivu Brigades attacked soldiers of the Democratic Republic of Congo near Beni on Tuesday, the army said. "
    "The Congolese army accused the Free Kivu Brigades of killing 12 civilians. "
    "Later the Free Kivu Brigades kidnapped two Congolese officials."
)


def _analysis(text: str):
    [analysis] = analyse([DocRecord("t", text, date(2019, 5, 2))])
    return analysis


def test_an_unknown_armed_group_is_a_provisional_actor_under_every_repetition_of_its_name():
    analysis = _analysis(TEXT)
    actors = {a["actor_id"]: a for a in analysis.actors}
    group = actors["prov:free-kivu-brigades"]
    assert group["origin"] == "provisional" and group["type"] == "armed_group" and group["sector"] == "REB"
    pairs = {(e["source_id"], e["target_id"], e["event_root_code"]) for e in analysis.events}
    # the tagger names the group only once; its two other mentions are found by the name
    assert ("prov:free-kivu-brigades", "COD", "19") in pairs
    assert ("COD", "prov:free-kivu-brigades", "11") in pairs
    assert ("prov:free-kivu-brigades", "COD", "18") in pairs


def test_a_group_without_a_home_state_has_no_domestic_victims():
    # "killing 12 civilians": civilians of a state are that state's; a provisional group has no home
    analysis = _analysis(TEXT)
    assert not any(e["source_id"] == e["target_id"] for e in analysis.events)


def test_an_organisation_named_after_a_country_is_its_own_actor_of_that_country():
    analysis = _analysis("The American Association of Rural Pharmacists is suing the FBI for records about the surveillance program.")
    actors = {a["actor_id"]: a for a in analysis.actors}
    aclu = next(a for a in actors.values() if a["name"] == "American Association of Rural Pharmacists")
    assert aclu["origin"] == "provisional" and aclu["country"] == "USA" and aclu["type"] == "ngo"
    assert any(e["source_id"] == aclu["actor_id"] and e["target_id"] for e in analysis.events)


def test_a_catalogue_actor_is_never_made_provisional():
    analysis = _analysis("Hamas fighters fired rockets at Israel on Monday.")
    assert all(a["origin"] != "provisional" for a in analysis.actors if a["actor_id"] in {"hamas", "ISR"})
    assert not any(a["actor_id"].startswith("prov:hamas") for a in analysis.actors)


def test_a_people_describing_a_group_is_not_the_group():
    # "Darfur rebels" are Sudan's rebels in CAMEO's reading, not an actor called Darfur
    analysis = _analysis("The Sudanese government has accused Darfur rebels of violating a ceasefire.")
    assert not any((e["target_id"] or "").startswith("prov:darfur") for e in analysis.events)


def test_actors_lists_provisional_actors_and_dyad_answers_for_one(tmp_path):
    source = tmp_path / "kivu.txt"
    source.write_text("Title: Clashes\nDate: 2019-05-02\n\n" + TEXT + "\n", encoding="utf-8")
    db = str(tmp_path / "s.duckdb")
    assert run_cli("ingest", str(source), "--db", db).returncode == 0
    listed = [json.loads(line) for line in run_cli("actors", "--db", db, "--format", "jsonl").stdout.decode().splitlines()]
    row = next(r for r in listed if r["actor_id"] == "prov:free-kivu-brigades")
    assert row["provisional"] is True and row["mentions"] == 3
    assert all(r["provisional"] is False for r in listed if r["actor_id"] == "COD")
    out = run_cli("dyad", "Free Kivu Brigades", "DR Congo", "--db", db, "--format", "json")
    assert out.returncode == 0, out.stderr.decode()
    report = json.loads(out.stdout)
    assert report["verdict"]["score"] < 0
    by_id = run_cli("events", "--actor", "prov:free-kivu-brigades", "--db", db, "--format", "jsonl")
    rows = [json.loads(line) for line in by_id.stdout.decode().splitlines()]
    assert by_id.returncode == 0 and len(rows) >= 3
    assert all("prov:free-kivu-brigades" in (r["source_id"], r["target_id"]) for r in rows)
    unknown = run_cli("dyad", "Free Kivu Army", "DR Congo", "--db", db)
    assert unknown.returncode != 0 and "unknown actor" in unknown.stderr.decode()


def test_a_candidate_event_is_listed_but_never_relates_a_pair(tmp_path):
    source = tmp_path / "regime.txt"
    source.write_text("Title: Arrests\nDate: 2011-06-01\n\nThe regime arrested three Hamas members in Damascus. "
                      "Egypt condemned Hamas on Tuesday.\n", encoding="utf-8")
    db = str(tmp_path / "s.duckdb")
    assert run_cli("ingest", str(source), "--db", db).returncode == 0
    listed = [json.loads(line) for line in run_cli("events", "--db", db, "--format", "jsonl").stdout.decode().splitlines()]
    candidate = next(e for e in listed if e["event_root_code"] == "17")
    assert candidate["source_id"] is None and candidate["source_basis"] == "unresolved" and candidate["target_id"] == "hamas"
    table = run_cli("events", "--db", db).stdout.decode()
    assert "The regime (unresolved)" in table and "Egypt" in table
    network = run_cli("network", "--db", db, "--format", "json")
    assert network.returncode == 0, network.stderr.decode()
    edges = json.loads(network.stdout)["edges"]
    assert {(e["source"], e["target"]) for e in edges} == {("EGY", "hamas")}
    exported = tmp_path / "gdelt.csv"
    assert run_cli("export", "--profile", "native", "--format", "csv", "--db", db, "--out", str(exported)).returncode == 0
    assert "unresolved" not in exported.read_text(encoding="utf-8")
