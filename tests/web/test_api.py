"""The HTTP API against a real server process: same answers as the CLI, paging, formats,
errors as JSON (never a 500 on user input), security headers, tokens and uploads."""

import csv
import io
import json
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.conftest import run_cli
from tests.web.conftest import _free_port


def test_dyad_is_the_same_json_as_the_cli(server, seeds_store):
    api = httpx.get(server + "/api/dyad", params={"a": "Iran", "b": "al Qaeda"}, timeout=60).json()
    cli = json.loads(run_cli("dyad", "Iran", "al Qaeda", "--db", str(seeds_store), "--format", "json").stdout)
    assert api == cli and api["verdict"]["label"] in {"adversarial", "hostile"}


def test_events_page_with_next_cursors_and_cover_all_rows(server, seeds_store):
    cli = [json.loads(line) for line in run_cli("events", "--dyad", "Iran", "al-Qaeda", "--db", str(seeds_store),
                                                "--format", "jsonl").stdout.decode().splitlines()]
    seen, url, pages = [], server + "/api/events?dyad=Iran,al-Qaeda&limit=4", 0
    while url:
        page = httpx.get(url, timeout=30).json()
        assert len(page["rows"]) <= 4 and page["total"] == len(cli)
        seen += page["rows"]
        url, pages = page["next"], pages + 1
    assert pages == -(-len(cli) // 4) and [r["event_id"] for r in seen] == [r["event_id"] for r in cli]


def test_csv_and_jsonl_variants(server):
    text = httpx.get(server + "/api/events.csv?dyad=Iran,al-Qaeda&limit=3", timeout=30)
    assert text.headers["content-type"].startswith("text/csv") and 'rel="next"' in text.headers["link"]
    rows = list(csv.DictReader(io.StringIO(text.text)))
    assert len(rows) == 3 and rows[0]["event_id"].startswith("evt_")
    lines = httpx.get(server + "/api/documents.jsonl?limit=1000", timeout=30).text.splitlines()
    assert len(lines) == 42 and all(json.loads(line)["doc_id"] for line in lines)


def test_actor_search_and_documents(server):
    found = httpx.get(server + "/api/actors", params={"q": "qaeda"}, timeout=30).json()["rows"]
    assert [r["actor_id"] for r in found][:1] == ["al-qaeda"]
    doc_id = httpx.get(server + "/api/documents", timeout=30).json()["rows"][0]["doc_id"]
    doc = httpx.get(f"{server}/api/documents/{doc_id}", timeout=30).json()
    assert doc["text"] and doc["mentions"] and doc["events"] and all(e["doc_id"] == doc_id for e in doc["events"])


@pytest.mark.parametrize("path, status, words", [
    ("/api/dyad?a=Iran&b=Narnia", 404, "unknown actor 'Narnia'"),
    ("/api/dyad?a=Iran&b=al-Qaeda&as_of=someday", 422, "as_of: expected a date"),
    ("/api/dyad?a=Iran&b=al-Qaeda&as_of=2005-02-29", 422, "as_of: expected a date"),  # no such day
    ("/api/dyad?a=Iran&b=al-Qaeda&by=decade", 422, "by: Input should be"),
    ("/api/dyad?a=Iran", 422, "b: Field required"),
    ("/api/dyad?a=Iran&b=Tehran", 400, "same actor"),
    ("/api/events?limit=0", 422, "limit"),
    ("/api/events?limit=abc", 422, "limit"),
    ("/api/events?cursor=%00%ff", 422, "cursor"),
    ("/api/events?dyad=Iran", 422, "dyad: expected two actors"),
    ("/api/events?dyad=Iran,", 404, "unknown actor ''"),
    ("/api/events?since=2005-13-45", 422, "since: expected a date"),
    ("/api/events?colour=red", 400, "unknown parameter 'colour'"),
    ("/api/events.csv?colour=red", 400, "unknown parameter 'colour'"),  # errors are JSON on every variant
    ("/api/documents/nope", 404, "no document 'nope'"),
    ("/api/network?as_of=yesterday-ish", 422, "as_of: expected a date"),
    ("/api/nowhere", 404, "no page or endpoint at /api/nowhere"),
])
def test_bad_input_is_a_clear_4xx_json_error(server, path, status, words):
    response = httpx.get(server + path, timeout=30)
    assert response.status_code == status and words in response.json()["error"]
    assert response.headers["content-type"] == "application/json"
    assert "default-src" in response.headers["content-security-policy"]


def test_every_response_carries_the_security_headers(server):
    for path in ("/", "/api/info", "/api/dyad?a=Iran&b=Narnia", "/static/app.js", "/docs"):
        headers = httpx.get(server + path, timeout=30).headers
        assert "script-src 'self'" in headers["content-security-policy"] and headers["x-content-type-options"] == "nosniff"


def test_openapi_schema_and_offline_docs_page(server):
    schema = httpx.get(server + "/openapi.json", timeout=30).json()
    assert {"/api/dyad", "/api/events", "/api/events.csv", "/api/network", "/api/upload"} <= set(schema["paths"])
    page = httpx.get(server + "/docs", timeout=30).text
    assert "/api/dyad" in page and "cdn" not in page.lower()


def test_upload_follows_the_ingest_rules(server):
    before = httpx.get(server + "/api/dyad", params={"a": "Iran", "b": "al-Qaeda"}, timeout=60).json()
    good = ("note.txt", b"Title: Test note\nDate: 2019-05-01\n\nIran arrested five al-Qaeda members in Tehran on May 1, 2019.\n")
    result = httpx.post(server + "/api/upload", files=[("files", good), ("files", ("tool.exe", b"MZ\x90\x00"))], timeout=120).json()
    assert result["added"] == 1 and result["failed"] == 1 and "tool.exe: not a supported type" in result["errors"][0]
    again = httpx.post(server + "/api/upload", files=[("files", good)], timeout=60).json()
    assert again["added"] == 0 and again["unchanged"] == 1
    empty = httpx.post(server + "/api/upload", files=[("files", ("empty.txt", b""))], timeout=60).json()
    assert empty["failed"] == 1 and empty["errors"][0].startswith("empty.txt")
    events = httpx.get(server + "/api/events", params={"dyad": "Iran,al-Qaeda", "since": "2019"}, timeout=30).json()
    assert any(e["event_date"].startswith("2019-05") for e in events["rows"])
    after = httpx.get(server + "/api/dyad", params={"a": "Iran", "b": "al-Qaeda"}, timeout=60).json()
    assert len(after["evidence"]) > len(before["evidence"])  # no stale assessment after the store changed


def test_serving_beyond_loopback_without_a_token_warns(seeds_store):
    script = Path(sys.executable).with_name("frenemy")
    process = subprocess.Popen([str(script), "serve", "--db", str(seeds_store), "--host", "0.0.0.0", "--port",
                                str(_free_port())], stderr=subprocess.PIPE, stdout=subprocess.PIPE)
    time.sleep(3)
    process.terminate()
    _, err = process.communicate(timeout=10)
    assert b"warning: serving on 0.0.0.0 without authentication" in err
