"""Who may talk to a real `frenemy serve`, and from where: Host names (DNS rebinding), origins of
writes and the upload form's CSRF token, the bearer token in a header, a cookie or (pages only,
once) the address, and errors, 5xx included, as JSON with the security headers."""

import re

import duckdb
import httpx
import pytest

from tests.conftest import run_cli
from tests.web.conftest import NOTE, copy_of, serving


@pytest.fixture(scope="module")
def small_server(small_store, tmp_path_factory):
    with serving(copy_of(small_store, tmp_path_factory.mktemp("security"))) as base:
        yield base


def _documents(base: str) -> int:
    return httpx.get(base + "/api/info", timeout=30).json()["documents"]


@pytest.mark.parametrize("host", ["evil.example", "evil.example:{port}", "127.0.0.1.evil.example:{port}",
                                  "localhost.evil.example", "0.0.0.0:{port}"])
def test_a_request_for_another_host_name_is_refused(small_server, host):
    """DNS rebinding: a hostile page whose name resolves to 127.0.0.1 still sends its own name."""
    port = small_server.rsplit(":", 1)[1]
    for path in ("/api/info", "/", "/openapi.json"):
        response = httpx.get(small_server + path, headers={"Host": host.format(port=port)}, timeout=30)
        assert response.status_code == 400 and "Host" in response.text
        assert "default-src" in response.headers["content-security-policy"]
    assert "Host" in httpx.get(small_server + "/api/info", headers={"Host": "evil.example"}, timeout=30).json()["error"]


@pytest.mark.parametrize("host", ["127.0.0.1:{port}", "localhost:{port}", "LOCALHOST.:{port}", "[::1]:{port}"])
def test_the_loopback_names_are_served(small_server, host):
    port = small_server.rsplit(":", 1)[1]
    response = httpx.get(small_server + "/api/info", headers={"Host": host.format(port=port)}, timeout=30)
    assert response.status_code == 200 and response.json()["documents"] == 4


def test_allowed_host_adds_a_name(small_store, tmp_path):
    with serving(copy_of(small_store, tmp_path), "--allowed-host", "frenemy.test", "--allowed-host",
                 "Reports.Example.org") as base:
        port = base.rsplit(":", 1)[1]
        for host in ("frenemy.test", f"frenemy.test:{port}", f"reports.example.org:{port}", f"127.0.0.1:{port}"):
            assert httpx.get(base + "/api/info", headers={"Host": host}, timeout=30).status_code == 200, host
        assert httpx.get(base + "/api/info", headers={"Host": "other.test"}, timeout=30).status_code == 400


def test_a_bad_allowed_host_is_a_usage_error(small_store):
    result = run_cli("serve", "--db", str(small_store), "--allowed-host", "not a host", "--port", "1")
    assert result.returncode == 2
    assert result.stderr.decode().strip() == "error: --allowed-host: not a host name or address: 'not a host'"


@pytest.mark.parametrize("headers", [
    {"Origin": "http://evil.example"},
    {"Origin": "null"},  # a sandboxed frame, a data: page
    {"Origin": "http://127.0.0.1:1"},  # same host, another port: another origin
    {"Referer": "http://evil.example/page.html"},
    {"Sec-Fetch-Site": "cross-site"},
    {"Sec-Fetch-Site": "same-site"},
])
def test_a_cross_origin_upload_is_refused_and_stores_nothing(small_server, headers):
    before = _documents(small_server)
    for path in ("/api/upload", "/upload"):
        response = httpx.post(small_server + path, files=[("files", NOTE)], headers=headers, timeout=60)
        assert response.status_code == 403 and "cross-origin" in response.text
        assert "default-src" in response.headers["content-security-policy"]
    assert _documents(small_server) == before


def test_a_same_origin_upload_is_taken(small_store, tmp_path):
    db = copy_of(small_store, tmp_path)
    with serving(db) as base:
        response = httpx.post(base + "/api/upload", files=[("files", NOTE)], timeout=120,
                              headers={"Origin": base, "Sec-Fetch-Site": "same-origin"})
        assert response.status_code == 200 and response.json()["added"] == 1 and _documents(base) == 5
    with duckdb.connect(str(db), read_only=True) as con:  # named as sent, not by the server's temporary path
        paths = con.execute("SELECT source_path FROM documents WHERE title = 'A note'").fetchall()
    assert paths == [("upload:note.txt",)]


def _form_token(page: str) -> str:
    return re.search(r'name="csrf" value="([0-9a-f]+)"', page)[1]


def test_the_upload_form_needs_its_csrf_token(small_store, tmp_path):
    with serving(copy_of(small_store, tmp_path)) as base:
        without = httpx.post(base + "/upload", files=[("files", NOTE)], headers={"Origin": base}, timeout=60)
        assert without.status_code == 403 and "CSRF" in without.text

        browser, other = httpx.Client(base_url=base, timeout=120), httpx.Client(base_url=base, timeout=60)
        field = _form_token(browser.get("/upload").text)
        cookie = browser.cookies["frenemy_csrf"]
        assert field != cookie and cookie not in browser.get("/upload").text  # a signature, not the cookie
        other.get("/upload")  # another browser: its own cookie, so this field is not its token
        stolen = other.post("/upload", files=[("files", NOTE)], data={"csrf": field}, headers={"Origin": base})
        assert stolen.status_code == 403 and _documents(base) == 4
        forged = browser.post("/upload", files=[("files", NOTE)], data={"csrf": cookie}, headers={"Origin": base})
        assert forged.status_code == 403 and _documents(base) == 4

        sent = browser.post("/upload", files=[("files", NOTE)], data={"csrf": field}, headers={"Origin": base})
        assert sent.status_code == 200 and "1 added" in sent.text and _documents(base) == 5
        assert _form_token(sent.text) == field  # the page it answers with can send again


def test_upload_rejects_unknown_fields_and_broken_multipart(small_server):
    extra = httpx.post(small_server + "/api/upload", files=[("files", NOTE)], data={"colour": "red"}, timeout=60)
    assert extra.status_code == 422
    assert extra.json()["error"] == "bad parameters: colour: unknown field (the form takes: files)"
    none = httpx.post(small_server + "/api/upload", files=[("other", NOTE)], timeout=60)
    assert none.status_code == 422 and "files: Field required" in none.json()["error"]
    broken = httpx.post(small_server + "/api/upload", content=b"this is no multipart body",
                        headers={"Content-Type": "multipart/form-data; boundary=xx"}, timeout=60)
    assert broken.status_code == 400 and "multipart" in broken.json()["error"]
    assert "default-src" in broken.headers["content-security-policy"]


TOKEN = "s3cret-t0ken"


@pytest.fixture(scope="module")
def guarded(small_store, tmp_path_factory):
    with serving(copy_of(small_store, tmp_path_factory.mktemp("guarded")), "--token", TOKEN) as base:
        yield base


def test_the_token_is_needed_in_the_header_or_the_cookie(guarded):
    refused = httpx.get(guarded + "/api/info", timeout=30)
    assert refused.status_code == 401 and refused.headers["www-authenticate"] == "Bearer"
    assert "default-src" in refused.headers["content-security-policy"]
    assert httpx.get(guarded + "/", timeout=30).status_code == 401
    assert httpx.get(guarded + "/api/info", headers={"Authorization": "Bearer wrong"}, timeout=30).status_code == 401
    header = httpx.get(guarded + "/api/info", headers={"Authorization": f"Bearer {TOKEN}"}, timeout=30)
    cookie = httpx.get(guarded + "/api/info", cookies={"frenemy_token": TOKEN}, timeout=30)
    assert header.status_code == cookie.status_code == 200 and header.json()["documents"] == 4
    schema = httpx.get(guarded + "/openapi.json", headers={"Authorization": f"Bearer {TOKEN}"}, timeout=30).json()
    assert schema["security"] == [{"bearer": []}, {"cookie": []}]
    assert "401" in schema["paths"]["/api/events"]["get"]["responses"]


def test_a_page_opened_with_the_token_sets_the_cookie_and_forgets_the_address(guarded):
    opened = httpx.get(guarded + f"/dyad?a=Iran&token={TOKEN}&b=al-Qaeda", timeout=60)
    assert opened.status_code == 303 and opened.headers["location"] == "/dyad?a=Iran&b=al-Qaeda"
    assert f"frenemy_token={TOKEN}" in opened.headers["set-cookie"]
    cookie = opened.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie
    assert TOKEN not in opened.text
    page = httpx.get(guarded + opened.headers["location"], cookies={"frenemy_token": TOKEN}, timeout=60)
    assert page.status_code == 200 and 'id="verdict"' in page.text and TOKEN not in page.text

    wrong = httpx.get(guarded + "/?token=not-the-t0ken", timeout=30)
    assert wrong.status_code == 401 and "not-the-t0ken" not in wrong.text


def test_the_token_in_the_address_of_an_api_call_is_refused_and_never_echoed(guarded):
    assert httpx.get(guarded + f"/api/info?token={TOKEN}", timeout=30).status_code == 401
    assert httpx.get(guarded + f"/api/events.csv?limit=1&token={TOKEN}", timeout=30).status_code == 401
    auth = {"Authorization": f"Bearer {TOKEN}"}
    stray = httpx.get(guarded + f"/api/events?limit=1&token={TOKEN}", headers=auth, timeout=30)
    assert stray.status_code == 400 and "'token'" in stray.text and TOKEN not in stray.text
    page = httpx.get(guarded + "/api/events?limit=1", headers=auth, timeout=30).json()
    assert page["next"] and "cursor=1" in page["next"] and TOKEN not in page["next"]
    csv = httpx.get(guarded + "/api/events.csv?limit=1", headers=auth, timeout=30)
    assert 'rel="next"' in csv.headers["link"] and TOKEN not in csv.headers["link"] and TOKEN not in csv.text


def test_a_server_error_is_json_with_the_security_headers(small_store, tmp_path):
    """A store damaged under the server (its documents table gone): the listing fails inside,
    and the answer is still one JSON line, no traceback, with every header."""
    db = copy_of(small_store, tmp_path)
    with duckdb.connect(str(db)) as con:
        con.execute("DROP TABLE documents CASCADE")
    with serving(db) as base:
        response = httpx.get(base + "/api/documents", timeout=30)
        assert response.status_code >= 500 and set(response.json()) == {"error", "status"}
        assert "Traceback" not in response.text and "default-src" in response.headers["content-security-policy"]
        assert response.headers["x-content-type-options"] == "nosniff"
