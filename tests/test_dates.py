"""Tests for the date normaliser: absolute and relative dates, anchoring on the publication date,
coarse publication dates, bounds, ranges, things that are not dates, the seed articles, and the
calendar arithmetic underneath."""

from __future__ import annotations

import datetime
import itertools
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck import datefinder
from factcheck.calendar import (
    MONTHS,
    add_months,
    business_days_from,
    month_or_day,
    occurrence,
    part_of,
    unit_of,
    unit_shifted,
)
from factcheck.dates import DateScan, find_dates, parse_published
from factcheck.model import Precision, TimeSpan
from factcheck.trie import lowered
from factcheck.wordscan import WordScan

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
DAY, WEEK, MONTH, QUARTER, YEAR, DECADE = (
    Precision.DAY,
    Precision.WEEK,
    Precision.MONTH,
    Precision.QUARTER,
    Precision.YEAR,
    Precision.DECADE,
)


def only(text: str, published: str | None) -> TimeSpan:
    """The one date of ``text``; fails when there are none or several."""
    spans = find_dates(text, published)
    assert len(spans) == 1, [span.text for span in spans]
    return spans[0]


def summary(span: TimeSpan) -> tuple[str, str | None, str | None, Precision]:
    return span.text, span.first, span.last, span.precision


@pytest.mark.parametrize(
    ("value", "first", "last", "precision"),
    [
        ("2015", "2015-01-01", "2015-12-31", YEAR),
        ("2015-11", "2015-11-01", "2015-11-30", MONTH),
        ("2016-02", "2016-02-01", "2016-02-29", MONTH),
        ("2015-12", "2015-12-01", "2015-12-31", MONTH),
        ("2015-11-20", "2015-11-20", "2015-11-20", DAY),
    ],
)
def test_parse_published_gives_the_interval(
    value: str, first: str, last: str, precision: Precision
) -> None:
    low, high, found = parse_published(value)
    assert (low.isoformat(), high.isoformat(), found) == (first, last, precision)


@pytest.mark.parametrize(
    "value", ["", "15", "2015-1", "2015/11/20", "2015-13", "2015-02-30", "20 Nov 2015", " 2015"]
)
def test_parse_published_rejects_other_forms_naming_the_value(value: str) -> None:
    with pytest.raises(ValueError, match="publication date"):
        parse_published(value)


# Publication 2015-11-20 (a Friday) unless the row says otherwise.
ABSOLUTE = [
    ("It happened in 2014.", "2014", "2014-01-01", "2014-12-31", YEAR),
    ("Back in 2014, the group", "2014", "2014-01-01", "2014-12-31", YEAR),
    ("2014, the year it began.", "2014", "2014-01-01", "2014-12-31", YEAR),
    ("October 2015 was hard.", "October 2015", "2015-10-01", "2015-10-31", MONTH),
    ("On 14 December 2015 they met.", "14 December 2015", "2015-12-14", "2015-12-14", DAY),
    ("On December 14, 2015 they met.", "December 14, 2015", "2015-12-14", "2015-12-14", DAY),
    (
        "On Friday, Nov. 13, 2015 they met.",
        "Friday, Nov. 13, 2015",
        "2015-11-13",
        "2015-11-13",
        DAY,
    ),
    ("On the 14th of December 2015", "14th of December 2015", "2015-12-14", "2015-12-14", DAY),
    ("Archive 2005 -2017", "2005 -2017", "2005-01-01", "2017-12-31", YEAR),
    ("the 2014-15 season", "2014-15", "2014-01-01", "2015-12-31", YEAR),
    ("in mid-2014 the group", "mid-2014", "2014-04-01", "2014-09-30", QUARTER),
    ("in early 2015 the group", "early 2015", "2015-01-01", "2015-03-31", QUARTER),
    ("in late October 2014", "late October 2014", "2014-10-21", "2014-10-31", WEEK),
    ("in the 1990s", "1990s", "1990-01-01", "1999-12-31", DECADE),
    ("in the early 1990s", "early 1990s", "1990-01-01", "1993-12-31", YEAR),
    ("the end of 2015", "end of 2015", "2015-10-01", "2015-12-31", QUARTER),
    ("the first half of 2016", "first half of 2016", "2016-01-01", "2016-06-30", QUARTER),
    ("the first quarter of 2014", "first quarter of 2014", "2014-01-01", "2014-03-31", QUARTER),
    ("sales in Q3 2015", "Q3 2015", "2015-07-01", "2015-09-30", QUARTER),
    ("on 2015-11-13 at noon", "2015-11-13", "2015-11-13", "2015-11-13", DAY),
    ("on 13/11/2015 at noon", "13/11/2015", "2015-11-13", "2015-11-13", DAY),
    ("on 11/13/2015 at noon", "11/13/2015", "2015-11-13", "2015-11-13", DAY),
    ("on 13.11.2015 at noon", "13.11.2015", "2015-11-13", "2015-11-13", DAY),
    ("between 22/Jan/2019 and", "22/Jan/2019", "2019-01-22", "2019-01-22", DAY),
    ("Is this valid? 12-2015", "12-2015", "2015-12-01", "2015-12-31", MONTH),
    ("the summer of 2014", "summer of 2014", "2014-06-01", "2014-08-31", QUARTER),
    ("on Christmas Day 2014", "Christmas Day 2014", "2014-12-25", "2014-12-25", DAY),
]


@pytest.mark.parametrize(("text", "said", "first", "last", "precision"), ABSOLUTE)
def test_absolute_dates(text: str, said: str, first: str, last: str, precision: Precision) -> None:
    span = only(text, "2015-11-20")
    assert summary(span) == (said, first, last, precision)
    assert not span.relative
    assert span.resolved


def test_both_readings_of_an_ambiguous_numeric_date_stay_possible() -> None:
    assert summary(only("on 1/2/2015 at noon", None)) == (
        "1/2/2015",
        "2015-01-02",
        "2015-02-01",
        MONTH,
    )


# Publication 2015-11-20, a Friday.
RELATIVE = [
    ("It fell in October.", "October", "2015-10-01", "2015-10-31", MONTH),
    ("It starts in December.", "December", "2014-12-01", "2014-12-31", MONTH),
    ("It fell in November.", "November", "2015-11-01", "2015-11-30", MONTH),
    ("It will come in October next year.", "October next year", "2016-10-01", "2016-10-31", MONTH),
    ("We met last October.", "last October", "2015-10-01", "2015-10-31", MONTH),
    ("We met last November.", "last November", "2014-11-01", "2014-11-30", MONTH),
    ("We meet next October.", "next October", "2016-10-01", "2016-10-31", MONTH),
    ("On Dec. 14 they met.", "Dec. 14", "2014-12-14", "2014-12-14", DAY),
    ("On Dec 14 they met.", "Dec 14", "2014-12-14", "2014-12-14", DAY),
    ("On Nov. 13 they met.", "Nov. 13", "2015-11-13", "2015-11-13", DAY),
    ("It ends next 6th of April.", "next 6th of April", "2016-04-06", "2016-04-06", DAY),
    ("They left last month.", "last month", "2015-10-01", "2015-10-31", MONTH),
    ("They left last week.", "last week", "2015-11-09", "2015-11-15", WEEK),
    ("They left last Thursday.", "last Thursday", "2015-11-19", "2015-11-19", DAY),
    ("They left last Friday.", "last Friday", "2015-11-13", "2015-11-13", DAY),
    ("They left on Friday.", "Friday", "2015-11-20", "2015-11-20", DAY),
    ("Police said Thursday", "Thursday", "2015-11-19", "2015-11-19", DAY),
    ("They leave next Monday.", "next Monday", "2015-11-23", "2015-11-23", DAY),
    ("They leave this Monday.", "this Monday", "2015-11-16", "2015-11-16", DAY),
    ("on previous week - Monday", "previous week - Monday", "2015-11-09", "2015-11-09", DAY),
    (
        "on Wednesday evening next week",
        "Wednesday evening next week",
        "2015-11-25",
        "2015-11-25",
        DAY,
    ),
    ("They left last year.", "last year", "2014-01-01", "2014-12-31", YEAR),
    ("It grew this year.", "this year", "2015-01-01", "2015-12-31", YEAR),
    ("It grows next year.", "next year", "2016-01-01", "2016-12-31", YEAR),
    ("It grows next quarter.", "next quarter", "2016-01-01", "2016-03-31", QUARTER),
    ("It happened two years ago.", "two years ago", "2013-01-01", "2013-12-31", YEAR),
    ("It happened a year ago.", "a year ago", "2014-01-01", "2014-12-31", YEAR),
    ("It happened a few years ago.", "a few years ago", "2011-01-01", "2013-12-31", YEAR),
    ("It happened three days ago.", "three days ago", "2015-11-17", "2015-11-17", DAY),
    ("It happens 10 days from now.", "10 days from now", "2015-11-30", "2015-11-30", DAY),
    ("It happened yesterday.", "yesterday", "2015-11-19", "2015-11-19", DAY),
    ("It happens today.", "today", "2015-11-20", "2015-11-20", DAY),
    ("It happens tomorrow.", "tomorrow", "2015-11-21", "2015-11-21", DAY),
    ("It happened last night.", "last night", "2015-11-19", "2015-11-19", DAY),
    (
        "It was the day before yesterday.",
        "the day before yesterday",
        "2015-11-18",
        "2015-11-18",
        DAY,
    ),
    ("at the beginning of the year", "beginning of the year", "2015-01-01", "2015-03-31", QUARTER),
    ("late last year", "late last year", "2014-10-01", "2014-12-31", QUARTER),
    ("earlier this year", "earlier this year", "2015-01-01", "2015-11-20", YEAR),
    ("later this month", "later this month", "2015-11-20", "2015-11-30", MONTH),
    ("in recent months", "recent months", "2015-05-20", "2015-11-19", MONTH),
    ("The last two weeks have", "last two weeks", "2015-11-06", "2015-11-19", WEEK),
    ("over the last couple of months", "last couple of months", "2015-09-20", "2015-11-19", MONTH),
    ("over the past year", "past year", "2014-11-20", "2015-11-19", YEAR),
    ("the last year has been", "last year", "2014-11-20", "2015-11-19", YEAR),
    ("in the next year", "next year", "2015-11-21", "2016-11-20", YEAR),
    ("in the past few weeks", "past few weeks", "2015-10-23", "2015-11-19", WEEK),
    ("the 3 next weeks", "3 next weeks", "2015-11-21", "2015-12-11", WEEK),
    ("the next 4 business days", "next 4 business days", "2015-11-23", "2015-11-26", DAY),
    ("within 9 months", "within 9 months", "2015-11-20", "2016-08-19", MONTH),
    ("the last 2 quarters", "last 2 quarters", "2015-04-01", "2015-09-30", QUARTER),
    ("last weekend", "last weekend", "2015-11-14", "2015-11-15", WEEK),
    ("this working week", "this working week", "2015-11-16", "2015-11-20", WEEK),
    ("New Year's Eve", "New Year's Eve", "2014-12-31", "2014-12-31", DAY),
    ("last winter", "last winter", "2014-12-01", "2015-02-28", QUARTER),
]


@pytest.mark.parametrize(("text", "said", "first", "last", "precision"), RELATIVE)
def test_relative_dates_anchor_on_the_publication_day(
    text: str, said: str, first: str, last: str, precision: Precision
) -> None:
    span = only(text, "2015-11-20")
    assert summary(span) == (said, first, last, precision)
    assert span.relative
    assert span.resolved


# A coarse publication date stands for each of its days: the date covers them all.
COARSE = [
    ("just last month", "2015-12", ("last month", "2015-11-01", "2015-11-30", MONTH)),
    ("which fell in October", "2015-12", ("October", "2015-10-01", "2015-10-31", MONTH)),
    ("last week", "2015-11", ("last week", "2015-10-19", "2015-11-29", MONTH)),
    ("Last Thursday, the army", "2017-09", ("Last Thursday", "2017-08-31", "2017-09-28", MONTH)),
    ("The last two weeks have", "2016-09", ("last two weeks", "2016-08-18", "2016-09-29", MONTH)),
    (
        "at the beginning of the year",
        "2017-09",
        ("beginning of the year", "2017-01-01", "2017-03-31", QUARTER),
    ),
    ("in recent months", "2016-07", ("recent months", "2016-01-01", "2016-07-30", MONTH)),
    ("last year", "2015-11", ("last year", "2014-01-01", "2014-12-31", YEAR)),
    ("last month", "2015", ("last month", "2014-12-01", "2015-11-30", YEAR)),
    ("On Dec. 14 they met", "2015-12", ("Dec. 14", "2015-12-14", "2015-12-14", DAY)),
]


@pytest.mark.parametrize(("text", "published", "expected"), COARSE)
def test_coarse_publication_dates_widen_relative_dates(
    text: str, published: str, expected: tuple[str, str, str, Precision]
) -> None:
    assert summary(only(text, published)) == expected


BOUNDED = [
    ("since 2015", "since 2015", "2015-01-01", "2015-11-20", "since"),
    (
        "since January of this year",
        "since January of this year",
        "2015-01-01",
        "2015-11-20",
        "since",
    ),
    ("until 2016", "until 2016", None, "2016-12-31", "until"),
    ("before 2014", "before 2014", None, "2013-12-31", "before"),
    ("prior to March", "prior to March", None, "2015-02-28", "before"),
    ("after 2014", "after 2014", "2015-01-01", "2015-11-20", "after"),
    ("after last week", "after last week", "2015-11-16", "2015-11-20", "after"),
    ("later than 2018", "later than 2018", "2019-01-01", None, "after"),
    (
        "after the 15th day of next month",
        "after the 15th day of next month",
        "2015-12-15",
        None,
        "after",
    ),
    ("more than 2 weeks after today", "more than 2 weeks after today", "2015-12-04", None, "after"),
    ("more than two weeks ago", "more than two weeks ago", None, "2015-11-06", "before"),
]


@pytest.mark.parametrize(("text", "said", "first", "last", "qualifier"), BOUNDED)
def test_bounds_keep_their_qualifier_and_open_side(
    text: str, said: str, first: str | None, last: str | None, qualifier: str
) -> None:
    span = only(text, "2015-11-20")
    assert (span.text, span.first, span.last, span.qualifier) == (said, first, last, qualifier)
    assert span.resolved


# Publication 2015-11-20, except for the range that ends "yesterday".
RANGES = [
    (
        "between 2005 and 2017",
        "2015-11-20",
        ("between 2005 and 2017", "2005-01-01", "2017-12-31", YEAR),
    ),
    ("from 2010 to 2014", "2015-11-20", ("2010 to 2014", "2010-01-01", "2014-12-31", YEAR)),
    (
        "from October to December 2015",
        "2015-11-20",
        ("from October to December 2015", "2015-10-01", "2015-12-31", MONTH),
    ),
    (
        "between January through June of 2015",
        "2015-11-20",
        ("between January through June of 2015", "2015-01-01", "2015-06-30", MONTH),
    ),
    (
        "between March 3 and March 9",
        "2015-11-20",
        ("between March 3 and March 9", "2015-03-03", "2015-03-09", DAY),
    ),
    (
        "November 13-14, 2015",
        "2015-11-20",
        ("November 13-14, 2015", "2015-11-13", "2015-11-14", DAY),
    ),
    ("13–14 November 2015", "2015-11-20", ("13–14 November 2015", "2015-11-13", "2015-11-14", DAY)),
    (
        "between 22/Jan/2019 and yesterday",
        "2020-05-06",
        ("between 22/Jan/2019 and yesterday", "2019-01-22", "2020-05-05", DAY),
    ),
]


@pytest.mark.parametrize(("text", "published", "expected"), RANGES)
def test_ranges_join_their_ends(
    text: str, published: str, expected: tuple[str, str, str, Precision]
) -> None:
    assert summary(only(text, published)) == expected


def test_years_joined_by_and_without_between_stay_two_dates() -> None:
    spans = find_dates("in 2014 and 2015", "2015-11-20")
    assert [(span.text, span.first) for span in spans] == [
        ("2014", "2014-01-01"),
        ("2015", "2015-01-01"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Mosul, the third biggest city in Iraq",
        "some 2,500 miles away in Paris",
        "The city is besieged 360 degrees",
        "Banishing near 2,000 terrorists",
        "Media ID: 55345953",
        "for the first time they have attacked",
        "for the first time in two years",
        "After more than a year of bloody battles",
        "Select Page",
        "attacks that left 129 people dead",
        "ISIS may attack. May God help them.",
        "They March on the capital.",
        "Sat down. Sun rises.",
        "Theresa May said so",
        "The Sunday Times and Black Friday sales",
        "USA Today reported",
        "a fortnight later they left",
        "The next day, they fled. The next year was hard.",
        "the end of ISIS, the start of the war",
        "the fall of Mosul",
        "rose to 2015 people and 2000 troops",
        "This may take longer than expected.",
        "Past performance is not indicative of future returns.",
    ],
)
def test_not_dates(text: str) -> None:
    assert find_dates(text, "2015-11-20") == []


def test_relative_dates_without_publication_stay_unresolved() -> None:
    spans = find_dates("In 2014 it grew; last month it fell; since 2015 it shrank.", None)
    assert [(s.text, s.first, s.last, s.relative, s.resolved) for s in spans] == [
        ("2014", "2014-01-01", "2014-12-31", False, True),
        ("last month", None, None, True, False),
        ("since 2015", "2015-01-01", None, True, False),
    ]


def test_scanning_part_of_a_text_gives_offsets_into_the_whole() -> None:
    text = "In 2014 it grew. Last month it fell. Since 2015 it shrank."
    start = text.index("Last")
    end = text.index("Since")
    spans = find_dates(text, "2015-11-20", start, end)
    assert [(span.text, span.start) for span in spans] == [("Last month", start)]
    assert text[spans[0].start : spans[0].end] == spans[0].text


# Publication dates as the brief gives them for the seed articles.
SEED_EXPECTATIONS = [
    (
        "000_563ba91b96e602f7.txt",
        "2017-09",
        "Back in 2014",
        ("2014", "2014-01-01", "2014-12-31", None),
    ),
    (
        "000_563ba91b96e602f7.txt",
        "2017-09",
        "Last Thursday",
        ("Last Thursday", "2017-08-31", "2017-09-28", None),
    ),
    (
        "000_563ba91b96e602f7.txt",
        "2017-09",
        "Last year",
        ("Last year", "2016-01-01", "2016-12-31", None),
    ),
    (
        "000_563ba91b96e602f7.txt",
        "2017-09",
        "at the beginning of the year",
        ("beginning of the year", "2017-01-01", "2017-03-31", None),
    ),
    (
        "000_563ba91b96e602f7.txt",
        "2017-09",
        "Over the last couple of months",
        ("last couple of months", "2017-07-01", "2017-09-29", None),
    ),
    (
        "000_563ba91b96e602f7.txt",
        "2017-09",
        "in the next year",
        ("next year", "2017-09-02", "2018-09-30", None),
    ),
    (
        "001_31fd84cbd806a696.txt",
        "2015-12",
        "which fell in October",
        ("October", "2015-10-01", "2015-10-31", None),
    ),
    (
        "001_31fd84cbd806a696.txt",
        "2015-12",
        "just last month",
        ("last month", "2015-11-01", "2015-11-30", None),
    ),
    (
        "001_31fd84cbd806a696.txt",
        "2015-12",
        "Archive 2005 -2017",
        ("2005 -2017", "2005-01-01", "2017-12-31", None),
    ),
    (
        "002_982672ba60860e58.txt",
        "2016-07",
        "offensives in 2014",
        ("2014", "2014-01-01", "2014-12-31", None),
    ),
    (
        "002_982672ba60860e58.txt",
        "2016-07",
        "countries in recent months",
        ("recent months", "2016-01-01", "2016-07-30", None),
    ),
    (
        "002_982672ba60860e58.txt",
        "2016-07",
        "over the past year",
        ("past year", "2015-07-01", "2016-07-30", None),
    ),
    (
        "002_982672ba60860e58.txt",
        "2016-07",
        "just two years ago",
        ("two years ago", "2014-01-01", "2014-12-31", None),
    ),
    (
        "003_1efb293d15d836de.txt",
        "2016-09",
        "since 2011",
        ("since 2011", "2011-01-01", "2016-09-30", "since"),
    ),
    (
        "003_1efb293d15d836de.txt",
        "2016-09",
        "Since 2015",
        ("Since 2015", "2015-01-01", "2016-09-30", "since"),
    ),
    ("003_1efb293d15d836de.txt", "2016-09", "In 2014", ("2014", "2014-01-01", "2014-12-31", None)),
    (
        "003_1efb293d15d836de.txt",
        "2016-09",
        "After last week",
        ("After last week", "2016-08-29", "2016-09-30", "after"),
    ),
    (
        "003_1efb293d15d836de.txt",
        "2016-09",
        "The last two weeks",
        ("last two weeks", "2016-08-18", "2016-09-29", None),
    ),
    (
        "004_2cee8ff8bae27df3.txt",
        "2015-11",
        "militants last week",
        ("last week", "2015-10-19", "2015-11-29", None),
    ),
    (
        "004_2cee8ff8bae27df3.txt",
        "2015-11",
        "Baiji in October",
        ("October", "2015-10-01", "2015-10-31", None),
    ),
    (
        "004_2cee8ff8bae27df3.txt",
        "2015-11",
        "At its peak last year",
        ("last year", "2014-01-01", "2014-12-31", None),
    ),
]


@pytest.mark.parametrize(("name", "published", "context", "expected"), SEED_EXPECTATIONS)
def test_seed_articles(
    name: str,
    published: str,
    context: str,
    expected: tuple[str, str, str, str | None],
) -> None:
    text = (SEEDS / name).read_text(encoding="utf-8")
    at = text.index(context)
    spans = [s for s in find_dates(text, published) if at <= s.start < at + len(context)]
    assert [(s.text, s.first, s.last, s.qualifier) for s in spans] == [expected]


SEED_DATES = [
    (
        "000_563ba91b96e602f7.txt",
        "2017-09",
        [
            "2014",
            "last couple of months",
            "Last Thursday",
            "beginning of the year",
            "next year",
            "Last year",
        ],
    ),
    (
        "001_31fd84cbd806a696.txt",
        "2015-12",
        ["2005 -2017", "recent months", "recent months", "October", "last month"],
    ),
    (
        "002_982672ba60860e58.txt",
        "2016-07",
        ["recent months", "2014", "past year", "recent months", "two years ago"],
    ),
    (
        "003_1efb293d15d836de.txt",
        "2016-09",
        [
            "since 2011",
            "last year",
            "last two weeks",
            "2014",
            "After last week",
            "last years",
            "Since 2015",
        ],
    ),
    (
        "004_2cee8ff8bae27df3.txt",
        "2015-11",
        ["last week", "last year", "October", "recent months"],
    ),
]


@pytest.mark.parametrize(("name", "published", "said"), SEED_DATES)
def test_seed_articles_have_these_dates_and_no_others(
    name: str, published: str, said: list[str]
) -> None:
    text = (SEEDS / name).read_text(encoding="utf-8")
    assert [span.text for span in find_dates(text, published)] == said


@pytest.mark.parametrize(
    ("day", "months", "moved"),
    [
        ("2015-01-31", 1, "2015-02-28"),
        ("2016-01-31", 1, "2016-02-29"),
        ("2015-03-31", -1, "2015-02-28"),
        ("2015-11-20", -12, "2014-11-20"),
        ("2015-11-20", 2, "2016-01-20"),
    ],
)
def test_add_months_stays_inside_the_target_month(day: str, months: int, moved: str) -> None:
    assert add_months(datetime.date.fromisoformat(day), months).isoformat() == moved


@pytest.mark.parametrize(
    ("day", "unit", "count", "first", "last"),
    [
        ("2015-11-01", WEEK, 0, "2015-10-26", "2015-11-01"),
        ("2015-11-01", WEEK, -1, "2015-10-19", "2015-10-25"),
        ("2015-11-30", WEEK, -1, "2015-11-23", "2015-11-29"),
        ("2015-11-20", QUARTER, 1, "2016-01-01", "2016-03-31"),
        ("2015-03-31", MONTH, -1, "2015-02-01", "2015-02-28"),
        ("2015-11-20", DECADE, -1, "2000-01-01", "2009-12-31"),
    ],
)
def test_calendar_units_shift_whole_units(
    day: str, unit: Precision, count: int, first: str, last: str
) -> None:
    low, high = unit_shifted(datetime.date.fromisoformat(day), unit, count)
    assert (low.isoformat(), high.isoformat()) == (first, last)


@pytest.mark.parametrize(
    ("unit", "part", "first", "last"),
    [
        (YEAR, "early", "2014-01-01", "2014-03-31"),
        (YEAR, "mid", "2014-04-01", "2014-09-30"),
        (YEAR, "late", "2014-10-01", "2014-12-31"),
        (YEAR, "second half", "2014-07-01", "2014-12-31"),
        (MONTH, "late", "2014-02-21", "2014-02-28"),
        (WEEK, "early", "2014-02-03", "2014-02-05"),
        (DECADE, "late", "2016-01-01", "2019-12-31"),
    ],
)
def test_parts_of_units(unit: Precision, part: str, first: str, last: str) -> None:
    whole = unit_of(
        datetime.date(2014, 2, 5) if unit is not DECADE else datetime.date(2014, 1, 1), unit
    )
    low, high = part_of(whole, unit, part)
    assert (low.isoformat(), high.isoformat()) == (first, last)


@pytest.mark.parametrize(
    ("month", "day", "limit", "mode", "first"),
    [
        (12, 14, "2015-11-20", "latest", "2014-12-14"),
        (11, 20, "2015-11-20", "latest", "2015-11-20"),
        (11, 20, "2015-11-20", "last", "2014-11-20"),
        (11, 20, "2015-11-20", "next", "2016-11-20"),
        (2, 29, "2015-11-20", "latest", "2012-02-29"),
        (10, None, "2015-10-31", "last", "2014-10-01"),
    ],
)
def test_occurrence_of_a_date_written_without_its_year(
    month: int, day: int | None, limit: str, mode: str, first: str
) -> None:
    found = occurrence(month_or_day(month, day), datetime.date.fromisoformat(limit), mode)
    assert found[0].isoformat() == first


def test_occurrence_refuses_a_day_no_year_has() -> None:
    with pytest.raises(ValueError, match="no year"):
        occurrence(month_or_day(2, 30), datetime.date(2015, 11, 20), "latest")


@pytest.mark.parametrize(
    ("day", "count", "moved"),
    [
        ("2018-08-20", 4, "2018-08-24"),
        ("2018-08-24", 1, "2018-08-27"),
        ("2018-08-27", -1, "2018-08-24"),
    ],
)
def test_business_days_skip_weekends(day: str, count: int, moved: str) -> None:
    assert business_days_from(datetime.date.fromisoformat(day), count).isoformat() == moved


_WORDS = st.sampled_from(
    [
        "in",
        "since",
        "last",
        "next",
        "the",
        "of",
        "2014",
        "2015",
        "-",
        "May",
        "may",
        "October",
        "14",
        "Dec.",
        "Thursday",
        "week",
        "weeks",
        "year",
        "ago",
        "two",
        "a",
        "few",
        "between",
        "and",
        "to",
        "from",
        "early",
        "mid-",
        "1990s",
        "recent",
        "months",
        "within",
        "today",
        "after",
        "until",
        ",",
        ".",
        "\n",
        "31",
        "02",
        "/",
        "Q4",
        "quarter",
        "end",
        "first",
        "day",
        "0001",
        "999",
        "decades",
        "9999",
        "Christmas",
        "summer",
        "2100",
        "1800",
    ]
)
_TEXTS = st.one_of(
    st.text(max_size=200),
    st.lists(_WORDS, max_size=30).map(" ".join),
    st.lists(_WORDS, max_size=30).map("".join),
)
_PUBLISHED = st.one_of(
    st.none(),
    st.dates(min_value=datetime.date(1, 1, 1), max_value=datetime.date(9999, 12, 31)).flatmap(
        lambda day: st.sampled_from([day.isoformat(), day.isoformat()[:7], day.isoformat()[:4]])
    ),
)


@settings(max_examples=500, deadline=None)
@given(
    text=_TEXTS,
    published=_PUBLISHED,
    start=st.integers(-5, 210),
    end=st.none() | st.integers(-5, 210),
)
def test_any_text_gives_ordered_spans_inside_it_as_if_cut_out(
    text: str, published: str | None, start: int, end: int | None
) -> None:
    spans = find_dates(text, published, start, end)
    low, high, _ = slice(start, end).indices(len(text))
    previous_end = low
    for span in spans:
        assert previous_end <= span.start < span.end <= max(low, high)
        assert text[span.start : span.end] == span.text
        assert span.first is None or span.last is None or span.first <= span.last
        previous_end = span.end
    alone = find_dates(text[low:high], published) if high > low else []
    assert [(s.text, s.start + low, s.first, s.last) for s in alone] == [
        (s.text, s.start, s.first, s.last) for s in spans
    ]


@settings(max_examples=500, deadline=None)
@given(
    text=_TEXTS,
    published=_PUBLISHED,
    cuts=st.lists(st.integers(0, 210), min_size=2, max_size=8),
)
def test_one_scan_of_the_text_gives_each_window_what_find_dates_gives(
    text: str, published: str | None, cuts: list[int]
) -> None:
    lower = lowered(text)
    scans = [DateScan(text, published)]
    if lower is not None:
        scans.append(DateScan(text, published, words=WordScan(lower)))
    points = sorted(min(cut, len(text)) for cut in cuts)
    for low, high in itertools.pairwise(points):
        for scan in scans:
            assert scan.within(low, high) == find_dates(text, published, low, high)
            assert scan.any_within(low, high) or not scan.within(low, high)


@pytest.mark.parametrize(
    ("text", "window"),
    [
        ("0" * 86 + ":Thursday0", "0" * 86 + ":Thursday"),
        ("Fighting resumed on Thursdays.", "Fighting resumed on Thursday"),
        ("It fell on 14 December2015 or so.", "It fell on 14 December"),
        ("Bought 19990 rifles.", "Bought 1999"),
    ],
)
def test_a_window_that_cuts_a_word_reads_as_find_dates(text: str, window: str) -> None:
    """A window may end a date phrase inside a word that the whole text's scan never matched."""
    scan = DateScan(text, "2015-11-20")
    high = len(window)
    assert scan.within(0, high) == find_dates(text, "2015-11-20", 0, high)
    assert scan.any_within(0, high) or not scan.within(0, high)


_DATE_PIECES = st.sampled_from(
    [
        "last",
        "late",
        "later",
        "lately",
        "ago",
        "Chicago",
        "weekend",
        "now",
        "know",
        "today",
        "mid",
        "middle",
        "this",
        "thisx",
        "valentine",
        "valentines",
        "_",
        "5",
        " ",
        "-",
        "é",
        "x",
    ]
)


@settings(max_examples=300, deadline=None)
@given(
    text=st.lists(_DATE_PIECES, max_size=20).map("".join),
    low=st.integers(0, 30),
    high=st.integers(0, 120),
)
def test_lower_case_trigger_words_are_those_the_pattern_finds(
    text: str, low: int, high: int
) -> None:
    pattern = datefinder._TRIGGERS[datefinder._LOWER]
    found = [
        (hit.start(), hit.end(), hit[0], datefinder._LOWER)
        for hit in pattern.finditer(text, low, high)
    ]
    assert datefinder._lower_words(text, low, high, None) == found
    lower = lowered(text)
    if lower is not None:
        assert datefinder._lower_words(text, low, high, WordScan(lower)) == found


@settings(max_examples=300, deadline=None)
@given(
    text=st.lists(
        st.sampled_from(["Last", "LAST", "last", "Monday", "Mid", "Middle", "Q1", "q1", "Sept",
                         "January", "x", " ", "5", "_", "é"]),
        max_size=20,
    ).map("".join),
    low=st.integers(0, 30),
    high=st.integers(0, 120),
)  # fmt: skip
def test_trigger_words_from_a_word_scan_are_those_the_patterns_find(
    text: str, low: int, high: int
) -> None:
    lower = lowered(text)
    assert lower is not None
    assert datefinder.scan(text, low, high, WordScan(lower)) == datefinder.scan(text, low, high)


_MONTH_START = "|".join(f"[{name[0].upper()}{name[0]}]{name[1:]}" for name in MONTHS)
_DAY_NEXT = (
    r"(?:st|nd|rd|th)?(?=[/.\-–—]\d|\s*[-–—]\s*\d|\s+(?:of|day|to|and)\b"
    rf"|(?:[/\-]|\s+)(?:{_MONTH_START}))"
)
_NUMBER_TRIGGER = re.compile(
    rf"[0-9](?:(?<=1)(?:[89]\d\d(?!\d)|\d?{_DAY_NEXT})"
    rf"|(?<=2)(?:0\d\d(?!\d)|100(?!\d)|\d?{_DAY_NEXT})|(?<=[03-9])\d?{_DAY_NEXT})"
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["1", "12", "2015", "1999", "5th", " ", "  ", "-", "/", ".", "Jan", "jan",
                         "June", "Sept", "of", "day", "and", "x", "–"]),
        max_size=15,
    ).map("".join)
)  # fmt: skip
def test_number_triggers_with_months_as_a_trie(text: str) -> None:
    found = [m.span() for m in datefinder._TRIGGERS[0].finditer(text)]
    assert found == [m.span() for m in _NUMBER_TRIGGER.finditer(text)]
