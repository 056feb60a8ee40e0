"""The HTML report in real headless Chromium: it renders, and text from documents that looks like
markup (``<script>``, ``<img onerror>``) is shown as text and never runs."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import run_cli

HOSTILE = """Title: <script>document.title='pwned-title'</script> Iran and al-Qaeda
Publisher: <img src=x onerror="document.body.setAttribute('data-pwned','title')">
Date: 2005-07-20

Iran arrested dozens of al-Qaeda members on July 16, 2005 <script>document.body.setAttribute('data-pwned','script')</script>.

Al-Qaeda kidnapped an Iranian diplomat in 2008 <img src=x onerror="document.body.setAttribute('data-pwned','img')">.

Iran later released al-Qaeda detainees in exchange for the diplomat.
"""


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        path = shutil.which(name)
        if path:
            return path
    if os.environ.get("FRENEMY_REQUIRE_BROWSER"):
        pytest.fail("FRENEMY_REQUIRE_BROWSER is set but no Chromium is installed (Debian package: chromium)")
    pytest.skip("needs Chromium (Debian package chromium; `make test` installs it where it can)")


def _render(browser: str, page: Path, tmp_path: Path) -> str:
    """The DOM after Chromium has loaded the page and run whatever it would run."""
    command = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}",
               "--virtual-time-budget=2000", "--dump-dom", page.as_uri()]
    done = subprocess.run(command, capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    return done.stdout.decode()


def test_html_report_renders_in_chromium_and_shows_markup_as_text(tmp_path):
    browser = _chromium()
    source = tmp_path / "hostile.txt"
    source.write_text(HOSTILE, encoding="utf-8")
    db = tmp_path / "store.duckdb"
    assert run_cli("ingest", str(source), "--db", str(db)).returncode == 0
    page = tmp_path / "report.html"
    out = run_cli("dyad", "Iran", "al-Qaeda", "--db", str(db), "--format", "html", "--out", str(page))
    assert out.returncode == 0, out.stderr.decode()
    html = page.read_text()
    assert "<script" not in html.lower() and "<img" not in html.lower()  # escaped, never markup
    dom = _render(browser, page, tmp_path)
    assert "data-pwned" not in dom.split("<body", 1)[1].split(">", 1)[0]  # nothing ran
    assert "pwned-title" not in dom.split("<title>", 1)[1].split("</title>", 1)[0] or "&lt;script" in dom
    assert "&lt;script&gt;document.body.setAttribute" in dom  # the document's text, shown as text
    assert "&lt;img src=x onerror=" in dom
    assert 'id="verdict"' in dom and "<svg" in dom and 'class="period"' in dom  # the report and its chart rendered
    assert 'id="evidence"' in dom and dom.count("<li id=") >= 2
