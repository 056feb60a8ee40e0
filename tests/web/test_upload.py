"""Uploads through a real server: one file the pipeline cannot take costs that file only."""

import httpx

from tests.web.conftest import NOTE, copy_of, serving


def test_a_text_too_long_to_analyse_is_one_error_line_and_the_rest_is_stored(small_store, tmp_path):
    """Over spaCy's 1,000,000 characters: once a 500 for the whole upload."""
    huge = ("huge.txt", ("Iran and Iraq talked. " * 60_000).encode())
    with serving(copy_of(small_store, tmp_path)) as base:
        response = httpx.post(base + "/api/upload", files=[("files", huge), ("files", NOTE)], timeout=300)
        assert response.status_code == 200, response.text
        report = response.json()
        assert report["added"] == 1 and report["failed"] == 1 and report["errors"][0].startswith("huge.txt: ")
        titles = [d["title"] for d in httpx.get(base + "/api/documents", timeout=30).json()["rows"]]
        assert "A note" in titles and len(titles) == 5
