"""Event time resolution: explicit dates, dates relative to the report or to the previous event,
anchor events, the closest-expression preference and the document-date fallback.

All sentences are invented generic news sentences. The report date is Wednesday 16 June 2010
unless a test says otherwise.
"""

from dataclasses import FrozenInstanceError
from datetime import date

import pytest

from frenemy.nlp.timex import EventTime, resolve_event_time
from frenemy.ontology.anchors import anchor_events

REPORT = date(2010, 6, 16)  # a Wednesday
D = date.fromisoformat


def when(sentence: str, trigger: str, report: date | None = REPORT, **kwargs) -> EventTime | None:
    start = sentence.index(trigger)
    return resolve_event_time(sentence, start, start + len(trigger), report, **kwargs)


def span(t: EventTime | None) -> tuple[str, str, str, str]:
    assert t is not None
    return t.start.isoformat(), t.end.isoformat(), t.precision, t.basis


def anchor_day(anchor_id: str) -> date:
    return next(a.when for a in anchor_events() if a.anchor_id == anchor_id)


PREVIOUS = EventTime(D("2003-03-20"), D("2003-03-20"), "day", "explicit", "20 March 2003")


# --- explicit ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, trigger, start, end, precision, text",
    [
        ("On July 16, 2005, the army shelled the port.", "shelled", "2005-07-16", "2005-07-16", "day", "July 16, 2005"),
        ("Troops withdrew from the border on 16 July 2005.", "withdrew", "2005-07-16", "2005-07-16", "day", "16 July 2005"),
        ("Monday, Sept. 5, 2005, the envoy arrived.", "arrived", "2005-09-05", "2005-09-05", "day", "Monday, Sept. 5, 2005"),
        ("The embassy reopened on 2007-04-02 after repairs.", "reopened", "2007-04-02", "2007-04-02", "day", "2007-04-02"),
        ("The ceasefire collapsed in March 2010.", "collapsed", "2010-03-01", "2010-03-31", "month", "March 2010"),
        ("The ceasefire collapsed in 2003.", "collapsed", "2003-01-01", "2003-12-31", "year", "2003"),
        ("Relations between the two states soured in the 1990s.", "soured", "1990-01-01", "1999-12-31", "range", "the 1990s"),
        ("Guerrillas first appeared in the early 1980s.", "appeared", "1980-01-01", "1983-12-31", "range", "the early 1980s"),
        ("Border clashes continued between October 2000 and February 2001.", "clashes", "2000-10-01", "2001-02-28",
         "range", "between October 2000 and February 2001"),
        ("The blockade lasted from 2009 to 2011.", "blockade", "2009-01-01", "2011-12-31", "range", "from 2009 to 2011"),
        ("Talks ran between December and February 2001.", "Talks", "2000-12-01", "2001-02-28", "range",
         "between December and February 2001"),
        ("Prices rose in early 2005.", "rose", "2005-01-01", "2005-04-30", "range", "early 2005"),
        ("Prices rose in mid-2005.", "rose", "2005-05-01", "2005-08-31", "range", "mid-2005"),
        ("Prices rose by the end of 2005.", "rose", "2005-09-01", "2005-12-31", "range", "the end of 2005"),
        ("Prices rose in late March 2010.", "rose", "2010-03-21", "2010-03-31", "range", "late March 2010"),
        ("The offensive began in the spring of 2004.", "began", "2004-03-01", "2004-05-31", "range", "the spring of 2004"),
        ("The offensive stalled in the winter of 2004.", "stalled", "2003-12-01", "2004-02-29", "range",
         "the winter of 2004"),
        ("The two leaders will meet in 2025.", "meet", "2025-01-01", "2025-12-31", "year", "2025"),  # future: no special case
    ],
)
def test_explicit_expressions(sentence, trigger, start, end, precision, text):
    t = when(sentence, trigger)
    assert span(t) == (start, end, precision, "explicit")
    assert t.text == text


def test_since_an_explicit_date_runs_to_the_report_date():
    assert span(when("Violence has risen since 2003.", "risen")) == ("2003-01-01", "2010-06-16", "range", "explicit")


# --- relative to the document ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, report, expected",
    [
        ("Rebels attacked the garrison on July 28.", D("2010-09-15"), "2010-07-28"),  # earlier in the report's year
        ("Rebels attacked the garrison on July 28.", D("2010-03-10"), "2009-07-28"),  # would be after: year before
        ("Rebels attacked the garrison on 28 July.", D("2010-03-10"), "2009-07-28"),
        ("Rebels attacked the garrison on July 28.", D("2010-07-28"), "2010-07-28"),  # the report day itself
        ("Rebels attacked the garrison last July 28.", D("2010-07-28"), "2009-07-28"),  # "last": strictly before
    ],
)
def test_month_and_day_without_a_year_take_the_latest_before_the_report(sentence, report, expected):
    assert span(when(sentence, "attacked", report)) == (expected, expected, "day", "relative-to-document")


@pytest.mark.parametrize(
    "sentence, start, end",
    [
        ("Rebels attacked the garrison in March.", "2010-03-01", "2010-03-31"),  # the report's own month
        ("Rebels attacked the garrison last March.", "2009-03-01", "2009-03-31"),
        ("Rebels attacked the garrison in May.", "2009-05-01", "2009-05-31"),
        ("Rebels attacked the garrison in late February.", "2010-02-21", "2010-02-28"),
    ],
)
def test_month_without_a_year(sentence, start, end):
    assert span(when(sentence, "attacked", D("2010-03-10")))[:2] == (start, end)


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("The minister resigned on Monday.", "2010-06-14"),
        ("The minister resigned on Wednesday.", "2010-06-16"),  # the report's weekday: the report day
        ("The minister resigned on Thursday.", "2010-06-10"),
        ("The minister resigned last Wednesday.", "2010-06-09"),
        ("The minister resigned late Sunday.", "2010-06-13"),
        ("The minister will resign next Friday.", "2010-06-18"),
    ],
)
def test_weekdays_are_the_latest_on_or_before_the_report(sentence, expected):
    assert span(when(sentence, "resign")) == (expected, expected, "day", "relative-to-document")


@pytest.mark.parametrize(
    "sentence, start, end, precision",
    [
        ("Gunmen stormed the ministry yesterday.", "2010-06-15", "2010-06-15", "day"),
        ("Gunmen stormed the ministry today.", "2010-06-16", "2010-06-16", "day"),
        ("Gunmen will storm the ministry tomorrow, police fear.", "2010-06-17", "2010-06-17", "day"),
        ("Gunmen stormed the ministry last night.", "2010-06-15", "2010-06-15", "day"),
        ("Gunmen stormed the ministry overnight.", "2010-06-15", "2010-06-16", "range"),
        ("Gunmen stormed the ministry last week.", "2010-06-07", "2010-06-13", "range"),
        ("Gunmen stormed the ministry this week.", "2010-06-14", "2010-06-20", "range"),
        ("Gunmen stormed the ministry last month.", "2010-05-01", "2010-05-31", "month"),
        ("Gunmen stormed the ministry last year.", "2009-01-01", "2009-12-31", "year"),
        ("Gunmen may storm the ministry next year.", "2011-01-01", "2011-12-31", "year"),
        ("Gunmen stormed the ministry two months ago.", "2010-04-01", "2010-04-30", "month"),
        ("Gunmen stormed the ministry three days ago.", "2010-06-13", "2010-06-13", "day"),
        ("Gunmen stormed the ministry a year ago.", "2009-01-01", "2009-12-31", "year"),
        ("Gunmen stormed the ministry earlier this year.", "2010-01-01", "2010-06-16", "range"),
        ("Gunmen stormed the ministry earlier this month.", "2010-06-01", "2010-06-16", "range"),
        ("Gunmen stormed the ministry recently.", "2010-05-17", "2010-06-16", "range"),
        ("Gunmen stormed the ministry in recent days.", "2010-06-09", "2010-06-16", "range"),
        ("Gunmen stormed ministries over the past two years.", "2008-06-16", "2010-06-16", "range"),
    ],
)
def test_expressions_relative_to_the_report_date(sentence, start, end, precision):
    assert span(when(sentence, "storm")) == (start, end, precision, "relative-to-document")


@pytest.mark.parametrize("sentence", ["Gunmen stormed the ministry yesterday.", "Gunmen stormed it on Monday.",
                                      "Gunmen stormed it on July 28.", "Gunmen stormed it two months ago."])
def test_report_relative_expressions_need_a_report_date(sentence):
    assert when(sentence, "stormed", None) is None


def test_a_report_dated_to_the_month_cannot_name_the_day():
    t = when("Gunmen stormed the ministry yesterday.", "stormed", D("2010-06-01"), report_precision="month")
    assert span(t) == ("2010-05-01", "2010-06-30", "range", "relative-to-document")  # 31 May .. 29 June, widened


# --- relative to the previous event -------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, start, end, precision",
    [
        ("Fifteen months earlier, the rebels had signed a truce.", "2001-12-01", "2001-12-31", "month"),
        ("Two years later, the rebels signed a truce.", "2005-01-01", "2005-12-31", "year"),
        ("The following year the rebels signed a truce.", "2004-01-01", "2004-12-31", "year"),
        ("The next day the rebels signed a truce.", "2003-03-21", "2003-03-21", "day"),
        ("The day before, the rebels signed a truce.", "2003-03-19", "2003-03-19", "day"),
        ("A week later the rebels signed a truce.", "2003-03-27", "2003-03-27", "day"),
        ("The rebels then signed a truce.", "2003-03-20", "2010-06-16", "range"),  # after the previous event
        ("At the time the rebels signed a truce.", "2003-03-20", "2003-03-20", "day"),
        ("Later that year the rebels signed a truce.", "2003-03-20", "2003-12-31", "range"),
        ("Earlier that month the rebels signed a truce.", "2003-03-01", "2003-03-20", "range"),
        ("The rebels have signed three truces since then.", "2003-03-20", "2010-06-16", "range"),
    ],
)
def test_expressions_relative_to_the_previous_event(sentence, start, end, precision):
    assert span(when(sentence, "signed", previous=PREVIOUS)) == (start, end, precision, "relative-to-event")


def test_a_shift_never_claims_more_precision_than_the_previous_event_has():
    march = EventTime(D("2003-03-01"), D("2003-03-31"), "month", "explicit", "March 2003")
    t = when("A week later the rebels signed a truce.", "signed", previous=march)
    assert span(t) == ("2003-03-01", "2003-04-30", "range", "relative-to-event")  # 8 March .. 7 April, by month


def test_earlier_without_a_previous_event_counts_back_from_the_report():
    t = when("Fifteen months earlier, the rebels had signed a truce.", "signed")
    assert span(t) == ("2009-03-01", "2009-03-31", "month", "relative-to-document")


@pytest.mark.parametrize("sentence", ["Two years later, the rebels signed a truce.", "The rebels then signed a truce.",
                                      "The next day the rebels signed a truce.", "Later that year the rebels signed."])
def test_later_without_a_previous_event_falls_back_to_the_document_date(sentence):
    assert span(when(sentence, "signed")) == ("2010-06-16", "2010-06-16", "day", "document-date")


def test_an_offset_from_an_undatable_event_is_not_taken_from_the_previous_one():
    t = when("Three days after the vote, the rebels signed a truce.", "signed", previous=PREVIOUS)
    assert t.basis == "document-date"


# --- anchor events -------------------------------------------------------------------------------


def test_after_an_anchor_runs_from_it_to_the_report_date():
    t = when("Attacks on pipelines multiplied after 9-11.", "multiplied")
    assert (t.start, t.end, t.precision, t.basis) == (anchor_day("september-11"), REPORT, "range", "anchor-event")
    assert t.text == "after 9-11"


def test_after_an_anchor_without_a_report_date_covers_a_year():
    t = when("Attacks on pipelines multiplied after 9-11.", "multiplied", None)
    assert (t.start, t.end) == (D("2001-09-11"), D("2002-09-10"))


@pytest.mark.parametrize(
    "sentence, anchor_id",
    [
        ("Security budgets grew after the attacks of September 11.", "september-11"),
        ("Security budgets have grown since the invasion of Iraq.", "iraq-invasion-2003"),
        ("Security budgets grew in the wake of the killing of Osama bin Laden.", "bin-laden-killed"),
    ],
)
def test_since_and_in_the_wake_of_read_like_after(sentence, anchor_id):
    t = when(sentence, "grew" if "grew" in sentence else "grown", D("2012-01-10"))
    assert (t.start, t.end, t.basis) == (anchor_day(anchor_id), D("2012-01-10"), "anchor-event")


def test_before_an_anchor_is_the_year_up_to_the_day_before_it():
    t = when("The militia was founded before the 2003 invasion.", "founded")
    assert span(t) == ("2002-03-20", "2003-03-19", "range", "anchor-event")
    assert t.text == "before the 2003 invasion"


def test_a_number_of_units_after_an_anchor_shifts_it():
    t = when("The militia was founded two years after the invasion of Iraq.", "founded")
    assert span(t) == ("2005-01-01", "2005-12-31", "year", "anchor-event")


@pytest.mark.parametrize(
    "sentence, trigger",
    [("The hijackers struck on 9/11.", "struck"), ("The 9/11 attacks changed the region.", "attacks")],
)
def test_on_an_anchor_or_naming_it_gives_its_own_date(sentence, trigger):
    assert span(when(sentence, trigger)) == ("2001-09-11", "2001-09-11", "day", "anchor-event")


@pytest.mark.parametrize(
    "sentence, trigger",
    [("The senator opposed the invasion of Iraq.", "opposed"),
     ("A report on the invasion of Iraq was published.", "published")],
)
def test_an_anchor_mentioned_without_a_time_cue_dates_nothing(sentence, trigger):
    assert when(sentence, trigger).basis == "document-date"


# --- choosing among several expressions and the fallback -----------------------------------------


@pytest.mark.parametrize(
    "trigger, expected",
    [("withdrew", "2003-01-01"), ("returned", "2008-01-01")],
)
def test_the_expression_closest_to_the_trigger_wins(trigger, expected):
    sentence = "The army withdrew from the valley in 2003 and the rebels returned in 2008."
    assert when(sentence, trigger).start == D(expected)


def test_an_expression_in_the_same_clause_beats_a_nearer_one_across_a_semicolon():
    sentence = "In 2001 the government, under pressure from donors and neighbours, signed the accord; in 2004 it lapsed."
    assert when(sentence, "signed").start == D("2001-01-01")  # "in 2004" is nearer but in the next clause
    assert when(sentence, "lapsed").start == D("2004-01-01")


def test_numbers_that_are_not_years_are_ignored():
    sentence = ("Some 3,000 members and 200,000 troops under Section 110 received $2000 each, "
                "while 2000 soldiers and 1990 police waited at 1900 GMT as turnout rose 2005%.")  # fmt: skip
    assert when(sentence, "waited").basis == "document-date"


@pytest.mark.parametrize(
    "sentence",
    ["Officials may meet the envoy soon.", "The then-president met the envoy.", "The envoy met the March organisers."],
)
def test_words_that_only_look_like_times_are_ignored(sentence):
    assert when(sentence, "me", previous=PREVIOUS).basis == "document-date"


def test_nothing_said_gives_the_report_date_with_its_precision():
    t = when("The two parties exchanged prisoners.", "exchanged", D("2010-06-01"), report_precision="month")
    assert t == EventTime(D("2010-06-01"), D("2010-06-30"), "month", "document-date", None)
    assert span(when("The two parties exchanged prisoners.", "exchanged")) == ("2010-06-16", "2010-06-16", "day",
                                                                                 "document-date")  # fmt: skip


def test_nothing_said_and_no_report_date_gives_none():
    assert when("The two parties exchanged prisoners.", "exchanged", None) is None


def test_results_are_deterministic_frozen_and_consistent():
    sentence = "Rebels seized the town in May 2004, and the army retook it the following year."
    first = [when(sentence, trigger, previous=PREVIOUS) for trigger in ("seized", "retook")]
    assert first == [when(sentence, trigger, previous=PREVIOUS) for trigger in ("seized", "retook")]
    assert span(first[0]) == ("2004-05-01", "2004-05-31", "month", "explicit")
    assert span(first[1]) == ("2004-01-01", "2004-12-31", "year", "relative-to-event")
    with pytest.raises(FrozenInstanceError):
        first[0].start = REPORT  # type: ignore[misc]
