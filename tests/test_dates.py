"""Date normalisation against a publication date (Thursday 2022-03-03)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geomap.dates import find_dates, publication_event_date
from geomap.model import EventDate

PUBLISHED = date(2022, 3, 3)  # a Thursday
SAMPLE = Path(__file__).resolve().parents[1] / "seeds" / "000_62c23869d16e3724.txt"


def one(text: str, published: date | None = PUBLISHED) -> EventDate:
    """The single date expression in ``text``."""
    found = find_dates(text, published)
    assert len(found) == 1, found
    start, end, ev = found[0]
    assert text[start:end] == ev.text
    return ev


def values(text: str, published: date | None = PUBLISHED) -> list[str]:
    return [ev.value for _, _, ev in find_dates(text, published)]


@pytest.mark.parametrize(("text", "value", "expr"), [
    ("a Ukrainian governor said Thursday, as", "2022-03-03", "Thursday"),
    ("talks Thursday afternoon.", "2022-03-03", "Thursday afternoon"),
    ("227 civilian deaths as of Wednesday, including", "2022-03-02", "Wednesday"),
    ("The vote is on Monday.", "2022-02-28", "Monday"),
    ("It happened on Friday.", "2022-02-25", "Friday"),
    ("It happened last Thursday.", "2022-02-24", "last Thursday"),
    ("Shelling began today.", "2022-03-03", "today"),
    ("Shelling began yesterday morning.", "2022-03-02", "yesterday morning"),
    ("Sirens sounded last night.", "2022-03-02", "last night"),
    ("Explosions are expected tonight.", "2022-03-03", "tonight"),
    ("Said this morning.", "2022-03-03", "this morning"),
    ("on March 3", "2022-03-03", "March 3"),
    ("on Thursday, March 3, 2022, troops", "2022-03-03", "Thursday, March 3, 2022"),
    ("3 March 2022", "2022-03-03", "3 March 2022"),
    ("the 24th of February", "2022-02-24", "24th of February"),
    ("on Feb. 24 Russia invaded", "2022-02-24", "Feb. 24"),
    ("a report dated 2022-03-03.", "2022-03-03", "2022-03-03"),
])
def test_day_expressions(text, value, expr):
    ev = one(text)
    assert (ev.value, ev.precision, ev.text) == (value, "day", expr)
    assert ev.start == ev.end == date.fromisoformat(value)


def test_year_less_day_goes_to_the_latest_year_not_beyond_next_week():
    assert one("On December 28 troops moved.").value == "2021-12-28"
    assert one("The summit on January 5", date(2021, 12, 30)).value == "2022-01-05"
    # Written in March, April 15 is last April's, as "in May" is last May.
    assert one("Fighting broke out on April 15", date(2024, 3, 10)).value == "2023-04-15"
    assert one("Talks resume on March 14", date(2024, 3, 10)).value == "2024-03-14"


def test_holidays_on_a_fixed_day():
    assert one("On Christmas Day, a missile hit the city.", date(2023, 12, 27)).value == (
        "2023-12-25")
    assert one("Shelling on New Year's Eve killed two.", date(2024, 1, 2)).value == (
        "2023-12-31")
    assert one("Fighting resumed on Orthodox Christmas.", date(2023, 1, 9)).value == (
        "2023-01-07")
    assert one("A strike on Christmas hit the town.", date(2024, 1, 3)).text == "Christmas"
    assert find_dates("Christmas shopping fell.", date(2023, 12, 27)) == []
    assert find_dates("Halloween costumes sold out.", date(2023, 11, 2)) == []
    assert one("A strike on Halloween hit the town.", date(2023, 11, 2)).value == "2023-10-31"
    assert find_dates("On Christmas Day, a missile hit the city.", None) == []


@pytest.mark.parametrize(("text", "value", "start", "end"), [
    ("in March", "2022-03", "2022-03-01", "2022-03-31"),
    ("in May", "2021-05", "2021-05-01", "2021-05-31"),  # most recent May not after March
    ("since early February", "2022-02", "2022-02-01", "2022-02-28"),
    ("last March", "2021-03", "2021-03-01", "2021-03-31"),
    ("captured it in July last year", "2021-07", "2021-07-01", "2021-07-31"),
    ("in May this year", "2022-05", "2022-05-01", "2022-05-31"),
    ("March 2022", "2022-03", "2022-03-01", "2022-03-31"),
    ("in February 2020", "2020-02", "2020-02-01", "2020-02-29"),
    ("recognized them last month.", "2022-02", "2022-02-01", "2022-02-28"),
    ("this month", "2022-03", "2022-03-01", "2022-03-31"),
    ("earlier this month", "2022-03", "2022-03-01", "2022-03-03"),
])
def test_month_expressions(text, value, start, end):
    ev = one(text)
    assert (ev.value, ev.precision, ev.start.isoformat(), ev.end.isoformat()) == (
        value, "month", start, end)


@pytest.mark.parametrize(("text", "value", "start", "end"), [
    ("spelled out by Putin last week, include", "2022-02-21", "2022-02-21", "2022-02-27"),
    ("Earlier this week, Ukraine lifted", "2022-02-28", "2022-02-28", "2022-03-03"),
    ("this week", "2022-02-28", "2022-02-28", "2022-03-06"),
    ("two weeks ago", "2022-02-14", "2022-02-14", "2022-02-20"),
    ("over the weekend", "2022-02-21", "2022-02-26", "2022-02-27"),
])
def test_week_expressions(text, value, start, end):
    ev = one(text)
    assert (ev.value, ev.precision, ev.start.isoformat(), ev.end.isoformat()) == (
        value, "week", start, end)
    assert date.fromisoformat(ev.value).weekday() == 0  # valued by its Monday


@pytest.mark.parametrize(("text", "value"), [
    # a weekday of last week is that day of the calendar week before (PUBLISHED is a
    # Thursday), not last week's Monday nor this week's day
    ("On Wednesday last week, gunmen shot", "2022-02-23"),
    ("Earlier last week, on Thursday, a convoy was ambushed", "2022-02-24"),
    ("last week Monday", "2022-02-21"),
    ("on Monday of last week", "2022-02-21"),
])
def test_a_weekday_of_last_week(text, value):
    ev = one(text)
    assert (ev.value, ev.precision) == (value, "day")


@pytest.mark.parametrize(("text", "value"), [
    ("Russia annexed the Crimean Peninsula from Ukraine in 2014 and", "2014"),
    ("fighting since 2014, when", "2014"),
    ("until 1991.", "1991"),
    ("in early 2014", "2014"),
    ("by the end of 2023", "2023"),
    ("last year", "2021"),
    ("A strike in 2019 killed five.", "2019"),
])
def test_year_expressions(text, value):
    ev = one(text)
    assert (ev.value, ev.precision) == (value, "year")
    assert ev.start == date(int(value), 1, 1) and ev.end == date(int(value), 12, 31)


@pytest.mark.parametrize(("text", "first", "last"), [
    ("Between 2008 and 2011, clashes around the temple killed 28 people.", 2008, 2011),
    ("From 2014 to 2016 he served in Donetsk.", 2014, 2016),
])
def test_a_range_of_years_runs_from_the_first_to_the_end_of_the_last(text, first, last):
    ev = one(text)
    assert (ev.value, ev.precision) == (str(first), "year")
    assert ev.start == date(first, 1, 1) and ev.end == date(last, 12, 31)


@pytest.mark.parametrize("text", [
    "between 1990 and 2000 troops",
    "a port city of nearly 300,000",
    "more than 1,500 have been wounded",
    "1500 troops crossed",
    "a force of 2000 troops",
    "by 2000 people",
    "by 2000 armed men",
    "in 1900 hundred-year-old",
    "in 2000 red shirts",
    "2,000 refugees",
    "within 20 miles of the city",
    "the 2014-15 season",
    "in 1850",
    "he may go and march on",
    "The March on Washington",
    "call 2022-13-45 now",
    "February 30",
])
def test_not_dates(text):
    assert find_dates(text, PUBLISHED) == []


def test_relative_expressions_need_a_publication_date():
    text = "On Thursday, last week and in March; in 2014 and on 3 March 2022."
    assert values(text, None) == ["2014", "2022-03-03"]
    assert values(text) == ["2022-03-03", "2022-02-21", "2022-03", "2014", "2022-03-03"]


def test_offsets_and_overlaps():
    text = "Thursday, March 3, 2022 and then Friday"
    found = find_dates(text, PUBLISHED)
    assert [(s, e) for s, e, _ in found] == [(0, 23), (33, 39)]
    assert [ev.value for *_, ev in found] == ["2022-03-03", "2022-02-25"]


def test_datetime_publication_is_accepted():
    assert one("said Thursday", datetime(2022, 3, 3, 18, 30)).value == "2022-03-03"


def test_publication_event_date():
    ev = publication_event_date(PUBLISHED)
    assert ev == EventDate("2022-03-03", "day", PUBLISHED, PUBLISHED, None)


def test_sample_article_dates():
    text = SAMPLE.read_text(encoding="utf-8")
    found = {ev.text: ev.value for _, _, ev in find_dates(text, PUBLISHED)}
    assert found["Thursday"] == "2022-03-03"
    assert found["Thursday afternoon"] == "2022-03-03"
    assert found["Wednesday"] == "2022-03-02"
    assert found["last week"] == "2022-02-21"
    assert found["last month"] == "2022-02"
    assert found["2014"] == "2014"
    assert found["Earlier this week"] == "2022-02-28"
    assert "300,000" not in found and "1,500" not in found


@settings(max_examples=300, deadline=None)
@given(st.text(), st.one_of(st.none(), st.dates()))
def test_never_raises(text, published):
    for start, end, ev in find_dates(text, published):
        assert 0 <= start < end <= len(text)
        assert ev.start <= ev.end


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(
    ["in", "on", "March", "May", "2014", "Thursday", "last", "week", "31", "Feb.", "of",
     "29", "2100", "1899", ",", "yesterday", "ago", "two", "9999-12-31", "0001-01-01",
     "earlier", "this", "year", "month", "next", "the", "weekend"]), max_size=12),
    st.sampled_from([None, date(1, 1, 1), date(9999, 12, 31), date(2024, 2, 29)]))
def test_never_raises_on_date_like_words(words, published):
    text = " ".join(words)
    for start, end, ev in find_dates(text, published):
        assert text[start:end] == ev.text
