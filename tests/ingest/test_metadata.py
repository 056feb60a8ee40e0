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
