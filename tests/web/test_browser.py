"""The workbench in real headless Chromium (Debian's, driven by Playwright): home search, the dyad
page with its verdict, timeline and evidence filters, a click down to the highlighted sentence, the
network, an upload, and a hostile document whose script never runs."""

import os
import shutil

import pytest

playwright = pytest.importorskip("playwright.sync_api")

HOSTILE = (b"Title: <script>document.title='pwned'</script>Hostile\nDate: 2019-06-01\n\n"
           b"Iran arrested two al-Qaeda members in Mashhad on June 1, 2019 <script>window.pwned = 1</script> "
           b"<img src=x onerror=\"window.pwned = 2\"> <a href=\"javascript:window.pwned=3\">link</a>.\n")


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if path := shutil.which(name):
            return path
    if os.environ.get("FRENEMY_REQUIRE_BROWSER"):
        pytest.fail("FRENEMY_REQUIRE_BROWSER is set but no Chromium is installed (Debian package: chromium)")
    pytest.skip("needs Chromium (Debian package chromium; `make test` installs it where it can)")


@pytest.fixture(scope="module")
def browser():
    executable = _chromium()
    with playwright.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=executable, headless=True,
                                     args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                                           "--disable-component-update", "--disable-sync"])
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.dialogs = dialogs
    yield page
    context.close()


def test_home_search_and_dyad_page(server, page):
    page.goto(server + "/")
    page.fill("#actor-search", "Iran")
    page.wait_for_selector("#actor-results button.pick")
    assert "Iran" in page.inner_text("#actor-results")
    page.click("#actor-results button.pick")
    page.fill("#actor-b", "al-Qaeda")
    page.click("#dyad-form button")
    page.wait_for_selector("#verdict")
    assert "adversar" in page.inner_text("#verdict") and "moderate confidence" in page.inner_text("#verdict")
    assert page.locator("svg g.period").count() >= 10  # the timeline rendered, one bar per period
    total = page.locator("#evidence li").count()
    page.select_option("#evidence-filters select[name=grade]", "B")
    shown = page.locator("#evidence li:not(.hidden)").count()
    assert 0 < shown < total and f"{shown} of {total} shown" == page.inner_text("#evidence-count")


def test_an_evidence_item_opens_its_document_with_the_sentence_highlighted(server, page):
    page.goto(server + "/dyad?a=Iran&b=al-Qaeda")
    item = page.locator("#evidence li", has_text="abducted").first
    sentence = item.locator(".sent").inner_text()
    item.locator("a.open").click()
    page.wait_for_selector("#doc-text")
    target = page.locator("span.ev:target")
    assert target.count() == 1 and target.inner_text().strip()[:40] == sentence.strip()[:40]
    assert target.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(255, 245, 157)"
    assert page.locator("#doc-text mark.actor").count() > 5


def test_network_page_draws_the_graph(server, page):
    page.goto(server + "/network")
    page.wait_for_selector("#edge-count:has-text('relations')")  # (no wait_for_function: the CSP forbids eval)
    assert page.locator("#graph canvas").count() >= 1
    page.eval_on_selector("#year", "e => { e.value = e.min; e.dispatchEvent(new Event('change')); }")
    assert "relations" in page.inner_text("#edge-count")


def test_upload_through_the_browser_and_a_hostile_document_never_runs(server, page, tmp_path):
    hostile = tmp_path / "hostile.txt"
    hostile.write_bytes(HOSTILE)
    bad = tmp_path / "binary.exe"
    bad.write_bytes(b"MZ\x90\x00")
    page.goto(server + "/upload")
    page.set_input_files("#upload-files", [str(hostile), str(bad)])
    page.click("#upload-form button")
    page.wait_for_selector("#upload-result")
    result = page.inner_text("#upload-result")
    assert "1 added" in result and "binary.exe: not a supported type" in result
    page.goto(server + "/")
    page.click("#recent a >> nth=0")
    page.wait_for_selector("#doc-text")
    assert "<script>window.pwned = 1</script>" in page.inner_text("#doc-text")
    assert page.evaluate("window.pwned") is None and not page.dialogs
    assert page.title().startswith("<script>document.title='pwned'</script>Hostile")  # shown, not run
    assert page.locator("#doc-text a, #doc-text img, #doc-text script").count() == 0


def test_the_dyad_page_renders_to_a_picture(server, page, tmp_path):
    page.goto(server + "/dyad?a=Iran&b=al-Qaeda")
    page.wait_for_selector("svg g.period")
    shot = tmp_path / "dyad.png"
    page.screenshot(path=str(shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
