"""Provides the date normaliser: the dates an article states, absolute ("14 December 2015", "in
2014", "the 1990s") or relative ("last month", "two years ago"), each turned into an inclusive
interval of ISO dates with a precision, anchored on the article's publication date.

How relative dates resolve, for an anchor day ``d`` (the publication day):

- "last/next/this week|month|quarter|year|decade" are calendar units (ISO weeks, Monday to
  Sunday): "last month" on 2015-12-10 is November 2015, "last week" the ISO week before ``d``'s.
- "the last/past two weeks", "over the past year" are the whole days before ``d``, as in
  Recognizers-Text and analytics tools ("last 7 days" leaves today out): ``[d - 14 days,
  d - 1]``; "the next 3 weeks" the days after it: ``[d + 1, d + 21 days]``; "within 9 months"
  starts on ``d``: ``[d, d + 9 months - 1 day]``. Quarters are always calendar quarters ("the
  last 2 quarters" are the two before ``d``'s quarter).
- "recent months", "the last years": the six units before ``d`` (``[d - 6 months, d - 1]``).
- "N units ago" is the calendar unit holding ``d - N units`` ("two years ago" in July 2016 is
  2014); days are exact. "a few" counts 2 to 4, "several" 3 to 7, and the interval covers all.
- "last Thursday" is the latest Thursday before ``d``, "next Thursday" the first after it,
  "this Thursday" the one in ``d``'s week, a bare "Thursday" the latest on or before ``d``.
- A month or day without a year ("in October", "Dec. 14") is the latest one that starts on or
  before the publication's last day (the nearest past one, even for a date the article
  schedules); "next October" the first after it, "last October" the latest that ended before
  it.
- "early/mid/late" (and "the beginning/middle/end of") a year are its first quarter, its two
  middle quarters and its last quarter; of a month days 1-10, 11-20 and 21 to the end; of a
  decade its years 0-3, 3-6 and 6-9. "earlier this year" runs from 1 January to ``d``.
- "since X" runs from the start of X to ``d``; "after X" from the end of X (a day counts as a
  point, so "after 14 December" starts that day) to ``d``, or is open (``last`` None) when that
  start is after ``d``; "until X" and "before X" are open at the start (``first`` None). "more
  than two weeks ago" is before the exact day ``d - 14 days``.
- Seasons are the northern meteorological ones (spring is March to May, winter December to
  February); "winter 2014" spans both winters that touch 2014. "1/2/2015" spans both its
  readings (2 January to 1 February).
- A publication date coarser than a day ("2015-11") stands for every day in it: a relative date
  is the hull of its resolutions on the first and the last of those days ("last week" in
  2015-11 is 2015-10-19 to 2015-11-29, since 1 November 2015 is a Sunday), and its precision
  becomes the publication's when that hull is wider than the date's own unit.
- Durations are not dates: "for the first time in two years", "more than a year of battles" and
  "a fortnight later" (counted from an event, not from publication) are left out.
- Without a publication date a relative date keeps ``first``/``last`` None and ``resolved``
  False; "since 2015" keeps its known start.
"""

from __future__ import annotations

import bisect
import datetime
import functools
import itertools
import re
from collections.abc import Callable

from factcheck import datefinder, datephrases
from factcheck.calendar import ONE_DAY, Interval, coarser
from factcheck.model import Precision, TimeSpan
from factcheck.wordscan import WordScan

Rule = Callable[[datetime.date, datetime.date], Interval]
Anchor = tuple[datetime.date, datetime.date, Precision]

_PUBLISHED = re.compile(r"\A(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?\Z")


# Cached: the extractor calls find_dates once per sentence with the same publication date.
@functools.lru_cache(maxsize=256)
def parse_published(value: str) -> tuple[datetime.date, datetime.date, Precision]:
    """The inclusive interval a publication date stands for: ``"2015"`` is the whole year,
    ``"2015-11"`` the month, ``"2015-11-20"`` the day.

    Raises :class:`ValueError` naming the value when it is none of those or not a real date.
    """
    found = _PUBLISHED.match(value)
    if found is None:
        raise ValueError(f"publication date {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(part) if part else None for part in found.groups())
    assert year is not None
    try:
        if month is None:
            return datetime.date(year, 1, 1), datetime.date(year, 12, 31), Precision.YEAR
        first = datetime.date(year, month, day or 1)
        if day is not None:
            return first, first, Precision.DAY
        next_month = datetime.date(year + month // 12, month % 12 + 1, 1)
        return first, next_month - ONE_DAY, Precision.MONTH
    except ValueError as error:
        raise ValueError(f"publication date {value!r} is not a calendar date: {error}") from None


def find_dates(
    text: str, published: str | None, start: int = 0, end: int | None = None
) -> list[TimeSpan]:
    """Every date stated in ``text[start:end]``, sorted and non-overlapping, with offsets into
    the full ``text``. ``published`` (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or None) anchors the
    relative ones; a malformed ``published`` raises :class:`ValueError`, any text is accepted.
    """
    anchor = parse_published(published) if published is not None else None
    low, high, _ = slice(start, end).indices(len(text))
    return _spans(text, datefinder.find(text, low, max(low, high)), anchor)


class DateScan:
    """Where date phrases may start in one article, found in one pass; ``within`` equals
    :func:`find_dates` for any window. A malformed ``published`` raises :class:`ValueError`
    here, whether or not a window is ever asked for."""

    __slots__ = ("_anchor", "_published", "_reach", "_starts", "_text", "_triggers")

    def __init__(
        self,
        text: str,
        published: str | None,
        start: int = 0,
        end: int | None = None,
        *,
        words: WordScan | None = None,
    ) -> None:
        """``words`` is the :class:`WordScan` of ``trie.lowered(text)`` when the caller has it."""
        self._text = text
        self._published = published
        self._anchor = parse_published(published) if published is not None else None
        stop = len(text) if end is None else end
        self._triggers = datefinder.scan(text, start, stop, words)
        self._starts = [trigger[0] for trigger in self._triggers]
        # How far the triggers up to each one reach: a window that one of them runs into is
        # scanned on its own.
        self._reach = list(itertools.accumulate((trigger[1] for trigger in self._triggers), max))

    def any_within(self, low: int, high: int) -> bool:
        """False when ``within(low, high)`` is surely empty."""
        starts = self._starts
        first = bisect.bisect_left(starts, low)
        return (
            (first < len(starts) and starts[first] < high)
            or (first > 0 and self._reach[first - 1] > low)
            or self._cuts_word(high)
        )

    def _cuts_word(self, high: int) -> bool:
        """Whether ``high`` falls inside a word: a window stopped there may end a date phrase that
        the whole text continues ("Thursday" of "Thursday0"), which no scan of it has found."""
        text = self._text
        if not 0 < high < len(text):
            return False
        before, after = text[high - 1], text[high]
        return (before.isalnum() or before == "_") and (after.isalnum() or after == "_")

    def within(self, low: int, high: int) -> list[TimeSpan]:
        """The dates of ``text[low:high]``, as :func:`find_dates`."""
        starts = self._starts
        first = bisect.bisect_left(starts, low)
        last = bisect.bisect_left(starts, high, first)
        text = self._text
        if (first > 0 and self._reach[first - 1] > low) or self._cuts_word(high):
            return find_dates(text, self._published, low, high)
        if first == last:
            return []
        triggers = self._triggers[first:last]
        if not datefinder.confirmed(text, triggers, high):
            return find_dates(text, self._published, low, high)
        return _spans(text, datefinder.find(text, low, high, triggers), self._anchor)


def _spans(text: str, exprs: list[datephrases.Expr], anchor: Anchor | None) -> list[TimeSpan]:
    spans = []
    for expr in exprs:
        span = _resolve(text, expr, anchor)
        if span is not None:
            spans.append(span)
    return spans


def _resolve(text: str, expr: datephrases.Expr, anchor: Anchor | None) -> TimeSpan | None:
    relative = expr.relative or expr.qualifier in ("since", "after")
    first: datetime.date | None = None
    last: datetime.date | None = None
    precision = expr.precision
    resolved = False
    if anchor is not None or not expr.relative:
        days = (anchor[0], anchor[1]) if anchor is not None else (datephrases.NO_DAY,)
        limit = anchor[1] if anchor is not None else datephrases.NO_DAY
        try:
            intervals = [expr.rule(day, limit) for day in days]
            bounds = [
                _qualify(expr, interval, day) for day, interval in zip(days, intervals, strict=True)
            ]
        except (ValueError, OverflowError):
            return None
        firsts = [bound[0] for bound in bounds]
        lasts = [bound[1] for bound in bounds]
        first = None if None in firsts else min(day for day in firsts if day is not None)
        last = None if None in lasts else max(day for day in lasts if day is not None)
        resolved = anchor is not None or not relative
        if not resolved:
            last = None
        elif anchor is not None and expr.relative and intervals[0] != intervals[-1]:
            precision = coarser(precision, anchor[2])
    return TimeSpan(
        text=text[expr.start : expr.end],
        start=expr.start,
        end=expr.end,
        first=None if first is None else first.isoformat(),
        last=None if last is None else last.isoformat(),
        precision=precision,
        relative=relative,
        resolved=resolved,
        qualifier=expr.qualifier,
    )


def _qualify(
    expr: datephrases.Expr, interval: Interval, day: datetime.date
) -> tuple[datetime.date | None, datetime.date | None]:
    first, last = interval
    point = expr.precision is Precision.DAY
    if expr.qualifier == "since":
        return first, day if first <= day else None
    if expr.qualifier == "after":
        begin = first if point else last + ONE_DAY
        return begin, day if begin <= day else None
    if expr.qualifier == "until":
        return None, last
    if expr.qualifier == "before":
        return None, last if point else first - ONE_DAY
    return first, last
