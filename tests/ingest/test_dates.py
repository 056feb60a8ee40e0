from datetime import date

import pytest

from frenemy.ingest.dates import infer_publication_date, parse_date


@pytest.mark.parametrize(
    "text, expected, precision",
    [
        ("2005-07-16", date(2005, 7, 16), "day"),
        ("2005-07-16T10:00:00Z", date(2005, 7, 16), "day"),
        ("2012-05", date(2012, 5, 1), "month"),
        ("1998", date(1998, 1, 1), "year"),
        ("July 16, 2005", date(2005, 7, 16), "day"),
        ("16 July 2005", date(2005, 7, 16), "day"),
        ("Sept. 9, 2001", date(2001, 9, 9), "day"),
        ("March 2010", date(2010, 3, 1), "month"),
        ("Tue, 20 Nov 2019 07:00:00 GMT", date(2019, 11, 20), "day"),
    ],
)
def test_parse_date_accepts_common_forms(text, expected, precision):
    parsed = parse_date(text)
    assert (parsed.value, parsed.precision) == (expected, precision)


@pytest.mark.parametrize("text", ["yesterday", "2005-13-45", "", "soon after the war"])
def test_parse_date_refuses_what_it_cannot_read(text):
    with pytest.raises(ValueError, match="not a date"):
        parse_date(text)


def test_inferred_date_is_the_latest_past_date_mentioned():
    text = "In 1998 the two sides met. On July 16, 2005 the minister said talks had failed in March 2003."
    inferred = infer_publication_date(text, today=date(2026, 1, 1))
    assert inferred.value == date(2005, 7, 16)
    assert inferred.precision == "month"  # never claims the day it cannot know


def test_future_plans_and_horizons_do_not_count_as_the_past():
    text = "The treaty was signed in 2004. Talks will begin in October 2009. The goal is peace by 2030."
    assert infer_publication_date(text, today=date(2026, 1, 1)).value.year == 2004


def test_anchor_event_with_relative_offset_dates_the_text():
    text = "Letters found when US forces killed bin Laden a year ago were published on Thursday. In 2009 talks stalled."
    inferred = infer_publication_date(text, today=date(2026, 1, 1))
    assert inferred.value.year == 2012


def test_no_dates_means_no_inference():
    assert infer_publication_date("Nothing here says when.") is None
