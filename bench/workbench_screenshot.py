"""Take the README's screenshot of the workbench's dyad page.

Builds a store from ../shared/seeds and ../shared/corpus/dev, serves it, and saves the
Iran - al-Qaeda page as docs/workbench-dyad.png with Debian's Chromium through Playwright.

    python bench/workbench_screenshot.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))
    sys.path.insert(0, str(REPO / "src"))
    from playwright.sync_api import sync_playwright

    from frenemy import api
    from tests.web.conftest import serving

    db = Path(tempfile.mkdtemp()) / "workbench.duckdb"
    api.ingest([str(args.shared / "seeds"), str(args.shared / "corpus" / "dev")], db)
    with serving(db) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), headless=True, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(base + "/dyad?a=Iran&b=al-Qaeda")
        page.wait_for_selector("svg g.period")
        out = REPO / "docs" / "workbench-dyad.png"
        page.screenshot(path=str(out))
        browser.close()
    print(f"saved {out.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
