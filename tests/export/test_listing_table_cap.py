"""The terminal table shows at most TABLE_ROWS rows and says how many it left out; other formats
write every row."""

from frenemy.report import listing


def test_table_caps_rows_and_says_how_many_it_left_out():
    rows = [{"n": i} for i in range(25)]
    text = listing.to_text(rows, ["n"], "table")
    assert "25 rows" in text and "left out" not in text
    import io

    buffer = io.StringIO()
    listing._write_table(rows, ["n"], buffer, limit=10)
    out = buffer.getvalue()
    assert "25 rows (10 shown, 15 left out" in out and " 9 " in out and " 10 " not in out


def test_default_cap_and_other_formats_unaffected(monkeypatch):
    monkeypatch.setattr(listing, "TABLE_ROWS", 3)
    rows = [{"n": i} for i in range(5)]
    assert "5 rows (3 shown, 2 left out" in listing.to_text(rows, ["n"], "table")
    assert listing.to_text(rows, ["n"], "csv").splitlines() == ["n", "0", "1", "2", "3", "4"]
    assert len(listing.to_text(rows, ["n"], "jsonl").splitlines()) == 5
