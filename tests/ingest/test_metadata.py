from frenemy.ingest.metadata import find_author, find_publisher, guess_title, split_header


def test_header_block_is_read_and_body_starts_after_it():
    text = "Title: A headline\nPublisher: Gazette\nDate: 2001-02-03\n\nBody text here.\n"
    header = split_header(text)
    assert header.fields == {"title": "A headline", "publisher": "Gazette", "date": "2001-02-03"}
    assert text[header.body_start :] == "Body text here.\n"


def test_prose_with_a_colon_is_not_a_header():
    text = "Note: this is the first sentence of an article.\nIt goes on.\n\nMore."
    assert split_header(text).fields == {}


def test_publisher_line_at_top_is_read():
    text = "- The Daily Planet - https://planet.example -\n\nHeadline\n\nBody."
    assert find_publisher(text) == "The Daily Planet"
    assert guess_title(text) == "Headline"


def test_syndication_footer_is_read():
    text = "Headline\n\nBody.\n\nThis article was originally published on Global Courier.\n"
    assert find_publisher(text) == "Global Courier"


def test_agency_dateline_names_the_agency():
    assert find_publisher("Title\n\nBEIRUT, Lebanon (AP) _ Guerrillas attacked.") == "Associated Press"


def test_unknown_agency_code_is_not_guessed():
    assert find_publisher("Title\n\nBEIRUT, Lebanon (XYZ) _ Guerrillas attacked.") is None


def test_byline_and_bio_give_the_author():
    assert find_author("Headline\n\nBy Jane Q Doe\n\nText.") == "Jane Q Doe"
    assert find_author("Text.\n\nJohn Roe is Cairo correspondent for The Courier.") == "John Roe"


def test_a_long_first_paragraph_is_not_a_title():
    text = "Israel launched air raids across the West Bank on Tuesday, piling pressure on the leadership.\n\nMore."
    assert guess_title(text) is None


# -- "Source:" lines: a publisher only when they look like one (issue 14) ------------------------

from frenemy.ingest.metadata import header_publisher, looks_like_publisher  # noqa: E402


def test_a_file_provenance_source_line_names_no_publisher():
    value = "Sample texts, GitHub repo someone/speeches (commit abc123), speeches.zip -> speeches/1999-address.txt"
    assert header_publisher(value) == (None, None)
    assert not looks_like_publisher("Open Speech Corpus")
    assert not looks_like_publisher("archive/2001/speech.txt")


def test_an_original_label_names_no_publisher_but_keeps_its_url():
    assert header_publisher("Original: https://agency.example/reports/2019 . Copied from a mirror") == (
        None, "https://agency.example/reports/2019")


def test_a_real_publisher_before_its_url_is_still_the_publisher():
    assert header_publisher("Harbour Town Gazette, https://gazette.example/a ; retrieved 2020-01-01") == (
        "Harbour Town Gazette", "https://gazette.example/a")
    assert header_publisher("Ministry of Ports press release, https://ports.example/pr/7") == (
        "Ministry of Ports press release", "https://ports.example/pr/7")


def test_the_publisher_is_kept_and_the_file_description_after_it_dropped():
    assert header_publisher("The Fisheries Inquiry Report (May 3, 2010), plain text; from a mirror")[0] == (
        "The Fisheries Inquiry Report (May 3, 2010)")


def test_an_outlet_of_the_catalogue_is_a_publisher_whatever_its_words():
    assert looks_like_publisher("Reuters") and looks_like_publisher("The Associated Press")
