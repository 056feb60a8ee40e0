"""Readers on real files built in temporary folders."""

from datetime import date
from pathlib import Path

import pytest

from frenemy.errors import IngestError
from frenemy.ingest import Document, Overrides, iter_inputs
from frenemy.ingest.decode import decode_text


def _read(*paths, **kw):
    return list(iter_inputs([str(p) for p in paths], **kw))


def test_text_with_header_block(tmp_path: Path):
    f = tmp_path / "a.txt"
    f.write_text("Title: Talks resume\nSource: Example Wire, https://wire.example/a ; archived\nDate: 2010-03-04\nAuthor: A. Writer\n\nBody of the story.\n")
    [doc] = _read(f)
    assert isinstance(doc, Document)
    assert (doc.title, doc.publisher, doc.url, doc.author) == ("Talks resume", "Example Wire", "https://wire.example/a", "A. Writer")
    assert (doc.published, doc.date_basis, doc.publisher_basis) == (date(2010, 3, 4), "header", "header")
    assert doc.text == "Body of the story."


def test_text_without_metadata_gets_inferred_date_and_title(tmp_path: Path):
    f = tmp_path / "b.md"
    f.write_text("Ministers meet\n\nThe ministers met on 3 May 2011 and again in June 2011.\n")
    [doc] = _read(f)
    assert doc.title == "Ministers meet"
    assert doc.published == date(2011, 6, 1)
    assert doc.date_basis == "inferred-from-text"


def test_bad_header_date_is_an_error_not_a_guess(tmp_path: Path):
    f = tmp_path / "c.txt"
    f.write_text("Title: X\nDate: sometime\n\nBody.\n")
    [err] = _read(f)
    assert isinstance(err, IngestError) and "bad date" in str(err) and "c.txt" in str(err)


def test_overrides_win_and_are_marked_given(tmp_path: Path):
    f = tmp_path / "d.txt"
    f.write_text("Title: X\nDate: 2001-01-01\n\nBody.\n")
    [doc] = _read(f, overrides=Overrides(publisher="Mine", published=date(2002, 2, 2), url="http://x"))
    assert (doc.publisher, doc.publisher_basis, doc.published, doc.date_basis, doc.url) == ("Mine", "given", date(2002, 2, 2), "given", "http://x")


def test_html_main_text_title_and_date(tmp_path: Path):
    f = tmp_path / "p.html"
    body = " ".join(["Diplomats from both countries met in Geneva to discuss the dispute."] * 8)
    f.write_text(
        "<html><head><title>Geneva talks</title><meta property='article:published_time' content='2019-11-20'>"
        "<script>var x = 1;</script></head><body><nav>Home | About</nav>"
        f"<article><h1>Geneva talks</h1><p>{body}</p></article></body></html>"
    )
    [doc] = _read(f)
    assert "Diplomats from both countries" in doc.text and "var x" not in doc.text
    assert doc.title == "Geneva talks"
    assert (doc.published, doc.date_basis) == (date(2019, 11, 20), "html")


def test_truncated_html_keeps_the_text_it_has(tmp_path: Path):
    f = tmp_path / "t.html"
    f.write_text("<html><head><title>Cut off</title></head><body><p>The first paragraph survived intact.</p><p>The second was cut in the mid")
    [doc] = _read(f)
    assert "first paragraph survived" in doc.text and "second was cut" in doc.text


def test_jsonl_feed_good_row_missing_text_and_broken_line(tmp_path: Path):
    f = tmp_path / "feed.jsonl"
    f.write_text('{"text": "A good row.", "title": "T", "date": "2003-04-05", "publisher": "P"}\n{"title": "no text"}\nnot json at all\n')
    items = _read(f)
    docs = [i for i in items if isinstance(i, Document)]
    errors = [str(i) for i in items if isinstance(i, IngestError)]
    assert [d.title for d in docs] == ["T"] and docs[0].date_basis == "metadata"
    assert any("feed.jsonl:2" in e and "no 'text'" in e for e in errors)
    assert any("feed.jsonl:3" in e and "not valid JSON" in e for e in errors)


def test_csv_feed_columns_case_insensitive(tmp_path: Path):
    f = tmp_path / "feed.csv"
    f.write_text('Text,Title,Date,URL\n"First, with comma.",One,2001-01-01,http://a\n,Empty,2001-01-01,\n')
    items = _read(f)
    assert isinstance(items[0], Document) and items[0].text == "First, with comma." and items[0].url == "http://a"
    assert isinstance(items[1], IngestError) and "feed.csv:3" in str(items[1])


def test_manifest_gives_metadata_to_sibling_files_and_is_not_a_document(tmp_path: Path):
    (tmp_path / "a.txt").write_text("Some article text without a date.")
    (tmp_path / "index.jsonl").write_text('{"file": "a.txt", "title": "Manifest title", "date": "1999-09-09", "outlet": "Wire"}\n')
    [doc] = _read(tmp_path)
    assert (doc.title, doc.publisher, doc.published, doc.date_basis) == ("Manifest title", "Wire", date(1999, 9, 9), "metadata")


@pytest.mark.parametrize(
    "name, data, reason",
    [
        ("img.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "unsupported file type '.png'"),
        ("photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "binary file (a PNG image)"),
        ("noise.txt", bytes(range(256)) * 40, "binary file"),
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\n ", "empty file"),
        ("data.xyz", b"hello", "unsupported file type '.xyz'"),
    ],
)
def test_bad_files_get_a_one_line_reason(tmp_path: Path, name, data, reason):
    f = tmp_path / name
    f.write_bytes(data)
    [err] = _read(f)
    assert isinstance(err, IngestError) and reason in str(err) and name in str(err) and "\n" not in str(err)


def test_size_limit(tmp_path: Path):
    f = tmp_path / "big.txt"
    f.write_text("word " * 1000)
    [err] = _read(f, max_bytes=100)
    assert "over the 100-byte limit" in str(err)


def test_missing_path_and_empty_glob(tmp_path: Path):
    items = _read(tmp_path / "nope.txt", str(tmp_path / "*.none"))
    assert [type(i) for i in items] == [IngestError, IngestError]
    assert "no such file" in str(items[0]) and "matches no file" in str(items[1])


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252", "utf-16"])
def test_non_utf8_text_is_decoded(encoding):
    text = "Le ministre français a déclaré à Genève que l'accord était signé. " * 5
    assert decode_text(text.encode(encoding), "x.txt").startswith("Le ministre français a déclaré")


def _parquet(path: Path, columns: dict) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.table(columns), path, row_group_size=2)
    return path


def test_parquet_dataset_one_document_per_row(tmp_path: Path):
    from datetime import datetime

    f = _parquet(tmp_path / "corpus.parquet", {
        "id": ["a", "b", "c"],
        "Text": ["Iran expelled the ambassador.", "  ", "The two leaders met in Geneva."],
        "headline": ["One", "Two", "Three"],
        "published": [date(2003, 4, 5), date(2004, 1, 1), None],
        "timestamp_col": [datetime(2001, 1, 1), None, None],
        "outlet": ["Wire", None, "Daily"],
    })
    items = _read(f)
    docs = [i for i in items if isinstance(i, Document)]
    errors = [str(i) for i in items if isinstance(i, IngestError)]
    assert [(d.title, d.publisher, d.published, d.date_basis) for d in docs] == [
        ("One", "Wire", date(2003, 4, 5), "metadata"), ("Three", "Daily", None, "unknown")]
    assert docs[0].source_path.endswith("corpus.parquet:1") and docs[1].source_path.endswith("corpus.parquet:3")
    assert len(errors) == 1 and "corpus.parquet:2" in errors[0] and "no 'text'" in errors[0]


def test_parquet_timestamps_are_dates(tmp_path: Path):
    from datetime import datetime

    f = _parquet(tmp_path / "t.parquet", {"text": ["Talks resumed."], "date": [datetime(2010, 3, 4)]})
    [doc] = _read(f)
    assert (doc.published, doc.date_precision) == (date(2010, 3, 4), "day")


@pytest.mark.parametrize(
    "columns, data, reason",
    [
        ({"title": ["no body"]}, None, "no 'text' (or 'body'/'content') column (columns: title)"),
        (None, b"PAR1 this is not parquet at all", "not a readable Parquet file"),
    ],
)
def test_bad_parquet_gets_a_one_line_reason(tmp_path: Path, columns, data, reason):
    f = tmp_path / "bad.parquet"
    _parquet(f, columns) if columns else f.write_bytes(data)
    [err] = _read(f)
    assert isinstance(err, IngestError) and reason in str(err) and "bad.parquet" in str(err) and "\n" not in str(err)


def test_jsonl_streams_and_a_non_utf8_line_is_an_error_for_that_line(tmp_path: Path):
    f = tmp_path / "feed.jsonl"
    f.write_bytes('\ufeff{"text": "First row."}\n'.encode() + '{"text": "Caf\u00e9 row."}\n'.encode("latin-1")
                  + b'{"text": "Third row."}\r\n')
    items = _read(f)
    assert [d.text for d in items if isinstance(d, Document)] == ["First row.", "Third row."]
    [err] = [str(i) for i in items if isinstance(i, IngestError)]
    assert "feed.jsonl:2" in err and "not UTF-8" in err


def test_utf16_jsonl_is_refused_whole(tmp_path: Path):
    f = tmp_path / "wide.jsonl"
    f.write_bytes('{"text": "A row."}\n'.encode("utf-16"))
    [err] = _read(f)
    assert isinstance(err, IngestError) and "wide.jsonl" in str(err) and "must be UTF-8" in str(err)


def test_a_provenance_source_line_is_kept_as_provenance_not_publisher(tmp_path: Path):
    f = tmp_path / "speech.txt"
    f.write_text("Title: An address\nSource: Speech texts, GitHub repo someone/speeches (branch main), data/address.txt\n"
                 "Date: 1999-05-05\n\nThe minister spoke to the assembly.\n")
    [doc] = _read(f)
    assert doc.publisher is None and doc.publisher_basis == "unknown"
    assert doc.provenance == "Source: Speech texts, GitHub repo someone/speeches (branch main), data/address.txt"


def test_an_original_header_line_is_provenance(tmp_path: Path):
    f = tmp_path / "report.txt"
    f.write_text("Title: A report\nOriginal: https://agency.example/report\nSource: Original: https://agency.example/report\n\n"
                 "The agency published its findings.\n")
    [doc] = _read(f)
    assert doc.publisher is None
    assert doc.url == "https://agency.example/report"
    assert "Original: https://agency.example/report" in doc.provenance.splitlines()
