"""The answer for a pair, through the CLI on a real store: the seeds' Iran - al-Qaeda assessment,
the report formats, the network exports, and bad input."""

import json
import xml.etree.ElementTree as ET

import pytest

from tests.conftest import run_cli, shared_path


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("seeds") / "seeds.duckdb"
    result = run_cli("ingest", str(shared_path("seeds")), "--db", str(db))
    assert result.returncode == 0, result.stderr.decode()
    return db


@pytest.fixture(scope="module")
def seeds_report(seeds_db):
    out = run_cli("dyad", "Iran", "al Qaeda", "--db", str(seeds_db), "--format", "json")
    assert out.returncode == 0, out.stderr.decode()
    return json.loads(out.stdout)


def _period(report, name):
    return next(p for p in report["timeline"] if p["period"] == name)


def test_seeds_verdict_is_more_enemies_than_allies_with_moderate_confidence(seeds_report):
    verdict = seeds_report["verdict"]
    assert verdict["label"] in {"adversarial", "hostile"}
    assert verdict["confidence"] == "moderate"
    assert -1 <= verdict["low"] <= verdict["score"] < 0 and verdict["score"] <= verdict["high"] <= 1
    assert verdict["likelihood"] in {"likely", "very likely", "almost certain"}
    assert "adversaries" in verdict["statement"] or "hostile" in verdict["statement"]
    assert len(verdict["drivers"]) == 3


def test_seeds_timeline_sudan_then_contested_2001_then_hostility_with_exchanges(seeds_report):
    nineties = [_period(seeds_report, str(y)) for y in range(1990, 2000)]
    assert all(p["score"] > 0 and p["n_cooperative"] >= 1 and p["n_conflictual"] == 0 for p in nineties)
    y2001 = _period(seeds_report, "2001")
    assert y2001["n_cooperative"] >= 1 and y2001["n_conflictual"] >= 1 and y2001["contested"]
    later = [_period(seeds_report, str(y)) for y in range(2002, 2013)]
    assert sum(p["label"] in {"adversarial", "hostile"} for p in later) >= 7
    assert all(p["score"] < 0.15 for p in later)
    assert any(p["n_transactional"] >= 1 for p in later if p["period"] in {"2009", "2010"})
    assert any(p["label"] == "transactional" for p in later if p["period"] in {"2009", "2010"})


def test_seeds_hypotheses_rank_transactional_above_allies(seeds_report):
    ranks = {h["name"]: h["rank"] for h in seeds_report["hypotheses"]}
    assert set(ranks) == {"allies", "enemies", "transactional", "factional"}
    assert ranks["transactional"] < ranks["allies"] and ranks["enemies"] < ranks["allies"]
    scores = {h["name"]: h["inconsistency"] for h in seeds_report["hypotheses"]}
    assert scores["allies"] == max(scores.values())
    assert seeds_report["ach_matrix"] and all({"allies", "enemies"} <= set(r["ratings"]) for r in seeds_report["ach_matrix"])


def test_seeds_contradictions_name_the_defector_against_the_commission_and_the_treasury_against_the_ctc(seeds_report):
    pairs = [(c["a"]["attributed_to"] or "", c["b"]["attributed_to"] or "", c["kind"]) for c in seeds_report["contradictions"]]
    assert any("Zakeri" in a and "commission" in b.lower() and kind == "assertion vs no evidence" for a, b, kind in pairs)
    assert any({"Treasury", "Combating Terrorism Center"} <= {w for side in (a, b) for w in ("Treasury", "Combating Terrorism Center") if w in side}
               for a, b, _ in pairs)
    zakeri = next(c for c in seeds_report["contradictions"] if "Zakeri" in (c["a"]["attributed_to"] or ""))
    assert zakeri["a"]["source_reliability"] == "D" and zakeri["b"]["source_reliability"] == "B"


def test_seeds_balance_names_the_united_states_friendship_predicted_enmity_observed(seeds_report):
    usa = next(t for t in seeds_report["balance"] if t["third_party_id"] == "USA")
    assert usa["sign_a"] == -1 and usa["sign_b"] == -1
    assert usa["predicted"] == 1 and usa["observed"] == -1
    assert usa["balanced_strong"] is False and usa["balanced_weak"] is True


def test_every_evidence_item_traces_to_its_sentence(seeds_report, seeds_db):
    docs = {d["doc_id"]: d for d in json.loads(run_cli("docs", "--db", str(seeds_db), "--format", "json").stdout)}
    assert seeds_report["evidence"]
    for item in seeds_report["evidence"]:
        assert item["doc_id"] in docs and item["sentence"] and item["char_end"] > item["char_start"]
        assert (item.get("event_id") or item.get("claim_id"))
        assert {"polarity", "weight", "source_reliability", "credibility", "commitment", "attributed_to"} <= set(item)
    counted = [e for e in seeds_report["evidence"] if e["weight"] > 0]
    assert len({e["group"] for e in counted}) == seeds_report["stats"]["groups"]


def test_as_of_uses_only_what_was_known_then(seeds_db):
    out = run_cli("dyad", "Iran", "al-Qaeda", "--db", str(seeds_db), "--format", "json", "--as-of", "2006-01-01")
    report = json.loads(out.stdout)
    assert report["evidence"] and all(e["report_date"] <= "2006-01-01" for e in report["evidence"])
    assert all(p["start"] <= "2006-01-01" for p in report["timeline"])


def test_markdown_and_text_reports(seeds_db, tmp_path):
    md = tmp_path / "report.md"
    assert run_cli("dyad", "Iran", "al-Qaeda", "--db", str(seeds_db), "--format", "md", "--out", str(md)).returncode == 0
    text = md.read_text()
    for heading in ("## Timeline", "## Competing hypotheses", "## Contradictions", "## The enemy of my enemy", "## Evidence"):
        assert heading in text
    shown = run_cli("dyad", "Iran", "al-Qaeda", "--db", str(seeds_db), "--by", "quarter")
    assert shown.returncode == 0 and b"Verdict" in shown.stdout and b"-Q" in shown.stdout


def test_network_exports_open_in_networkx(seeds_db, tmp_path):
    nx = pytest.importorskip("networkx")
    for fmt, reader in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        path = tmp_path / f"net.{fmt}"
        out = run_cli("network", "--db", str(seeds_db), "--format", fmt, "--out", str(path))
        assert out.returncode == 0, out.stderr.decode()
        graph = reader(path)
        assert graph.has_edge("IRN", "al-qaeda")
    data = json.loads(run_cli("network", "--db", str(seeds_db)).stdout)
    edge = next(e for e in data["edges"] if {e["source"], e["target"]} == {"IRN", "al-qaeda"})
    assert edge["sign"] == -1 and edge["start"] < edge["end"] and edge["spells"]
    gexf = ET.parse(tmp_path / "net.gexf").getroot()
    assert gexf.find("{http://gexf.net/1.3}graph").get("mode") == "dynamic"
    dynamic = nx.read_gexf(tmp_path / "net.gexf")  # as Gephi reads it: dated spells with a signed score each
    assert dynamic.graph["mode"] == "dynamic"
    spells = dynamic.edges["IRN", "al-qaeda"]
    assert spells["start"] == edge["start"][:10] and spells["end"] >= spells["start"]
    assert {sign for sign, _, _ in spells["sign"]} <= {-1, 0, 1} and any(sign == -1 for sign, _, _ in spells["sign"])
    assert all(start <= end for _, start, end in spells["score"]) and len(spells["score"]) == len(spells["sign"])


@pytest.mark.parametrize("args, code, message", [
    (("dyad", "Iran", "Narnia"), 1, b"unknown actor 'Narnia'"),  # as for `events --dyad`
    (("dyad", "Iran", "Tehran"), 2, b"same actor"),
    (("dyad", "Iran", "al-Qaeda", "--as-of", "someday"), 2, b"--as-of"),
    (("dyad", "Iran", "al-Qaeda", "--by", "decade"), 2, b"--by"),
    (("dyad", "Iran", "al-Qaeda", "--format", "pdf"), 2, b"--format"),
    (("network", "--format", "dot"), 2, b"--format"),
])
def test_bad_input_gets_one_line(seeds_db, args, code, message):
    out = run_cli(*args, "--db", str(seeds_db))
    assert out.returncode == code and message in out.stderr
    assert len(out.stderr.decode().strip().splitlines()) == 1


def test_out_file_is_written_whole_or_not_at_all(seeds_db, tmp_path):
    target = tmp_path / "missing-dir" / "report.json"
    out = run_cli("dyad", "Iran", "al-Qaeda", "--db", str(seeds_db), "--format", "json", "--out", str(target))
    assert out.returncode == 2 and b"--out" in out.stderr and not target.exists()
    assert not list(tmp_path.glob("**/*.partial"))


def test_a_pair_without_evidence_says_insufficient_evidence_and_gives_no_score(seeds_db):
    report = json.loads(run_cli("dyad", "Japan", "Brazil", "--db", str(seeds_db), "--format", "json").stdout)
    verdict = report["verdict"]
    assert verdict["label"] == "insufficient evidence" and "cannot judge" in verdict["statement"]
    assert verdict["score"] is None and verdict["probability"] is None  # not 0.00 "mixed"
    assert report["timeline"] == [] and report["evidence"] == []
    text = run_cli("dyad", "Japan", "Brazil", "--db", str(seeds_db))
    assert text.returncode == 0 and "insufficient evidence" in text.stdout.decode() and "+0.00" not in text.stdout.decode()


def test_a_misspelt_name_exits_1_with_close_names_on_one_line(seeds_db):
    out = run_cli("dyad", "Irann", "al-Qaeda", "--db", str(seeds_db))
    err = out.stderr.decode().strip()
    assert out.returncode == 1 and len(err.splitlines()) == 1
    assert err.startswith("error: unknown actor 'Irann'; did you mean Iran") and err.endswith("?")
    introduced = run_cli("dyad", "al-Qaeda", "Hamid Reza Zakery", "--db", str(seeds_db))  # a person the documents name
    assert introduced.returncode == 1 and b"did you mean Hamid Reza Zakeri" in introduced.stderr


def test_names_as_users_type_them(seeds_db):
    out = run_cli("dyad", "Iranian government", "Yemeni al-Qaeda", "--db", str(seeds_db), "--format", "json")
    assert out.returncode == 0, out.stderr.decode()
    dyad = json.loads(out.stdout)["dyad"]
    assert (dyad["a"]["id"], dyad["b"]["id"]) == ("IRN", "aqap")
