"""Provides the calendar behind date normalisation: month, weekday, number and holiday names, the
calendar units (day, ISO week, month, quarter, year, decade) as inclusive intervals of dates, and
the named parts of a unit ("early", "mid", "late", "the first half").

Every function here is pure arithmetic on :class:`datetime.date`; units are the members of
:class:`~factcheck.model.Precision`.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from factcheck.model import Precision

Interval = tuple[datetime.date, datetime.date]

ONE_DAY = datetime.timedelta(days=1)

# Keyed by the first three letters, which tell every month and weekday apart.
MONTHS: dict[str, int] = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
        start=1,
    )
}

WEEKDAYS: dict[str, int] = {
    name: number for number, name in enumerate(("mon", "tue", "wed", "thu", "fri", "sat", "sun"))
}

# Counts as articles write them; vague ones are a range, and every use takes the widest reading.
COUNTS: dict[str, tuple[int, int]] = {
    "a": (1, 1),
    "an": (1, 1),
    "one": (1, 1),
    "two": (2, 2),
    "three": (3, 3),
    "four": (4, 4),
    "five": (5, 5),
    "six": (6, 6),
    "seven": (7, 7),
    "eight": (8, 8),
    "nine": (9, 9),
    "ten": (10, 10),
    "eleven": (11, 11),
    "twelve": (12, 12),
    "fifteen": (15, 15),
    "twenty": (20, 20),
    "thirty": (30, 30),
    "a couple of": (2, 2),
    "couple of": (2, 2),
    "a few": (2, 4),
    "few": (2, 4),
    "several": (3, 7),
    "a dozen": (12, 12),
    "dozen": (12, 12),
}

# Fixed-date holidays only: movable feasts (Easter, Ramadan) need tables this module does not keep.
HOLIDAYS: dict[str, tuple[int, int]] = {
    "new year day": (1, 1),
    "new years day": (1, 1),
    "new years eve": (12, 31),
    "new year eve": (12, 31),
    "christmas": (12, 25),
    "christmas day": (12, 25),
    "christmas eve": (12, 24),
    "valentines day": (2, 14),
    "valentine day": (2, 14),
    "halloween": (10, 31),
}

_ORDER = (
    Precision.DAY,
    Precision.WEEK,
    Precision.MONTH,
    Precision.QUARTER,
    Precision.YEAR,
    Precision.DECADE,
)


def coarser(a: Precision, b: Precision) -> Precision:
    """The coarser of two precisions (a year is coarser than a month)."""
    return a if _ORDER.index(a) >= _ORDER.index(b) else b


def hull(a: Interval, b: Interval) -> Interval:
    """The smallest interval holding both."""
    return min(a[0], b[0]), max(a[1], b[1])


def month_end(year: int, month: int) -> datetime.date:
    """The last day of a month."""
    if month == 12:
        return datetime.date(year, 12, 31)
    return datetime.date(year, month + 1, 1) - ONE_DAY


def add_months(day: datetime.date, months: int) -> datetime.date:
    """``day`` moved by whole months, kept inside the target month (Jan 31 + 1 month = Feb 28)."""
    year, index = divmod(day.year * 12 + day.month - 1 + months, 12)
    return datetime.date(year, index + 1, min(day.day, month_end(year, index + 1).day))


def shift(day: datetime.date, unit: Precision, count: int) -> datetime.date:
    """``day`` moved by ``count`` units (negative goes back)."""
    if unit is Precision.DAY:
        return day + datetime.timedelta(days=count)
    if unit is Precision.WEEK:
        return day + datetime.timedelta(weeks=count)
    months = {Precision.MONTH: 1, Precision.QUARTER: 3, Precision.YEAR: 12, Precision.DECADE: 120}
    return add_months(day, months[unit] * count)


def unit_of(day: datetime.date, unit: Precision) -> Interval:
    """The calendar unit holding ``day``: its ISO week (Monday to Sunday), month, quarter, ..."""
    if unit is Precision.DAY:
        return day, day
    if unit is Precision.WEEK:
        monday = day - datetime.timedelta(days=day.weekday())
        return monday, monday + datetime.timedelta(days=6)
    if unit is Precision.MONTH:
        return day.replace(day=1), month_end(day.year, day.month)
    if unit is Precision.QUARTER:
        first = (day.month - 1) // 3 * 3 + 1
        return datetime.date(day.year, first, 1), month_end(day.year, first + 2)
    if unit is Precision.YEAR:
        return datetime.date(day.year, 1, 1), datetime.date(day.year, 12, 31)
    decade = day.year - day.year % 10
    return datetime.date(decade, 1, 1), datetime.date(decade + 9, 12, 31)


def unit_shifted(day: datetime.date, unit: Precision, count: int) -> Interval:
    """The calendar unit ``count`` units away from the one holding ``day`` (-1: the previous)."""
    return unit_of(shift(unit_of(day, unit)[0], unit, count), unit)


# Parts of a unit as (first, last) offsets: months of a year, days of a month or week, years of a
# decade. A year's "early" and "late" are its first and last quarter, matching "the beginning of
# the year" = January to March; "mid" is the two middle quarters.
_PARTS: dict[Precision, dict[str, tuple[int, int]]] = {
    Precision.YEAR: {"early": (1, 3), "mid": (4, 9), "late": (10, 12), "first half": (1, 6)}
    | {"second half": (7, 12)},
    Precision.QUARTER: {"early": (0, 0), "mid": (1, 1), "late": (2, 2)},
    Precision.MONTH: {"early": (1, 10), "mid": (11, 20), "late": (21, 31)},
    Precision.WEEK: {"early": (0, 2), "mid": (1, 3), "late": (3, 6)},
    Precision.DECADE: {"early": (0, 3), "mid": (3, 6), "late": (6, 9)},
}

PART_PRECISION: dict[Precision, Precision] = {
    Precision.YEAR: Precision.QUARTER,
    Precision.QUARTER: Precision.MONTH,
    Precision.MONTH: Precision.WEEK,
    Precision.WEEK: Precision.DAY,
    Precision.DAY: Precision.DAY,
    Precision.DECADE: Precision.YEAR,
}


def part_of(interval: Interval, unit: Precision, part: str) -> Interval:
    """The named part of a calendar unit: ``early``, ``mid``, ``late``, ``first half`` or
    ``second half`` (halves apply to years only; any other part of a day is the day)."""
    first, last = interval
    low, high = _PARTS.get(unit, {}).get(part, (0, 0))
    if unit is Precision.YEAR:
        return datetime.date(first.year, low, 1), month_end(first.year, high)
    if unit is Precision.QUARTER:
        start = add_months(first, low)
        return start, month_end(start.year, start.month)
    if unit is Precision.MONTH:
        return first.replace(day=low), first.replace(day=min(high, last.day))
    if unit is Precision.WEEK:
        return first + datetime.timedelta(days=low), first + datetime.timedelta(days=high)
    if unit is Precision.DECADE:
        return datetime.date(first.year + low, 1, 1), datetime.date(first.year + high, 12, 31)
    return interval


def weekday_before(day: datetime.date, weekday: int, *, inclusive: bool) -> datetime.date:
    """The latest ``weekday`` (Monday = 0) before ``day``, or on it when ``inclusive``."""
    back = (day.weekday() - weekday) % 7
    if back == 0 and not inclusive:
        back = 7
    return day - datetime.timedelta(days=back)


def weekday_after(day: datetime.date, weekday: int) -> datetime.date:
    """The earliest ``weekday`` (Monday = 0) after ``day``."""
    ahead = (weekday - day.weekday()) % 7 or 7
    return day + datetime.timedelta(days=ahead)


def business_days_from(day: datetime.date, count: int) -> datetime.date:
    """The ``count``-th Monday-to-Friday day after ``day`` (before it when ``count`` < 0)."""
    step = ONE_DAY if count >= 0 else -ONE_DAY
    remaining = abs(count)
    while remaining:
        day += step
        if day.weekday() < 5:
            remaining -= 1
    return day


def quarter(year: int, number: int) -> Interval:
    """Quarter ``number`` (1-4) of ``year``."""
    return datetime.date(year, 3 * number - 2, 1), month_end(year, 3 * number)


def month_or_day(month: int, day: int | None) -> Callable[[int], Interval]:
    """For a year, the month (``day`` None) or the one day; raises ValueError for Feb 30."""

    def make(year: int) -> Interval:
        if day is None:
            return datetime.date(year, month, 1), month_end(year, month)
        return datetime.date(year, month, day), datetime.date(year, month, day)

    return make


def occurrence(make: Callable[[int], Interval], limit: datetime.date, mode: str) -> Interval:
    """A yearly time (a month, a day, a season) the text gives without a year, for publication
    day ``limit``. ``mode`` ``"latest"``: the latest that starts on or before ``limit``;
    ``"last"``: the latest that ends before it; ``"next"``: the earliest that starts after it.
    Raises ValueError when no nearby year has it (February 30)."""
    years = (
        range(limit.year, limit.year + 9)
        if mode == "next"
        else range(limit.year, limit.year - 9, -1)
    )
    for year in years:
        try:
            first, last = make(year)
        except ValueError:
            continue
        if (
            (mode == "latest" and first <= limit)
            or (mode == "last" and last < limit)
            or (mode == "next" and first > limit)
        ):
            return first, last
    raise ValueError(f"no year near {limit.year} has that date")
