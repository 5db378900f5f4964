"""Provides what the date recognizers share: :class:`Expr`, a date phrase found in text with the
rule that resolves it, the regular-expression pieces for years, days, months, weekdays, counts and
units, and small readers and constructors the recognizers of :mod:`factcheck.nameddates` and
:mod:`factcheck.relativedates` build on.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass

from factcheck.calendar import (
    COUNTS,
    MONTHS,
    Interval,
    month_or_day,
    occurrence,
)
from factcheck.model import Precision

Rule = Callable[[datetime.date, datetime.date], Interval]


@dataclass(frozen=True, slots=True)
class Expr:
    """A date phrase: its span, precision and the rule that resolves it.

    ``rule(day, limit)`` is the interval for anchor day ``day``; ``limit``, the publication's
    last day, picks the year of a month or day written without one. ``relative`` is False when
    the rule needs neither. ``yearless`` keeps such a month (and day) so that a range can give it
    the year of its other end ("from October to December 2015").
    """

    start: int
    end: int
    precision: Precision
    rule: Rule
    relative: bool
    qualifier: str | None = None
    yearless: tuple[int, int | None] | None = None


# A handler reads the match, the text, the end of the previous phrase (a phrase may not reach
# back over it) and the start of the scanned part (context words may be read back to it).
Handler = Callable[[re.Match[str], str, int, int], "Expr | None"]
YEAR = r"(?:1[89]\d\d|20\d\d|2100)"
DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
# An abbreviation may end in a full stop ("Dec."), which then belongs to the month.
MONTH = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|Jun(?:e|\.)?"
    r"|Jul(?:y|\.)?|Aug(?:ust|\.)?|Sep(?:tember|t\.?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?"
    r"|Dec(?:ember|\.)?)(?![A-Za-z])"
)
ANY_MONTH = re.sub(r"(?<=[(|:])([A-Z])", lambda m: f"[{m[1]}{m[1].lower()}]", MONTH)
WEEKDAY = r"(?:[Mm]on|[Tt]ues|[Ww]ednes|[Tt]hurs|[Ff]ri|[Ss]atur|[Ss]un)day\b"
NUM = (
    r"(?:\d{1,3}|a\s+couple\s+of|couple\s+of|a\s+few|a\s+dozen|an?|one|two|three|four|five|six"
    r"|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|few|several|dozen)\b"
)
UNIT = (
    r"(?:(?:business|working)\s+days?|work\s*days?|days?|weeks?|fortnights?|months?|quarters?"
    r"|years?|decades?)\b"
)
END = r"(?![\w%]|[.,/:-]\d)"
LOOKBACK = 40
RELATIVE_WORD = re.compile(r"\b(?P<rel>[Ll]ast|[Nn]ext|[Tt]his|[Cc]oming|[Pp]revious)\s+\Z")
THE = re.compile(r"\b[Tt]he\s+\Z")
MONTH_WORDS = (
    "jan january feb february mar march apr april may jun june jul july aug august sep sept"
    " september oct october nov november dec december"
)
WEEKDAY_WORDS = "monday tuesday wednesday thursday friday saturday sunday"
NO_DAY = datetime.date(2000, 1, 1)


def lookback(text: str, start: int, floor: int) -> str:
    """The few characters before ``start``, never reaching back over ``floor``."""
    return text[max(floor, start - LOOKBACK) : start]


def fixed(interval: Interval) -> Rule:
    """The rule of a date that needs no anchor."""
    return lambda day, limit: interval


def absolute_expr(found: re.Match[str], interval: Interval, precision: Precision) -> Expr:
    """The phrase ``found`` as a date that needs no anchor."""
    return Expr(found.start(), found.end(), precision, fixed(interval), relative=False)


def relative_expr(found: re.Match[str], rule: Rule, precision: Precision, start: int = -1) -> Expr:
    """The phrase ``found`` (from ``start`` when a word before it belongs to it) as a date
    resolved by ``rule``."""
    return Expr(found.start() if start < 0 else start, found.end(), precision, rule, relative=True)


def read_month(token: str) -> int:
    """The number of a month name or abbreviation."""
    return MONTHS[token[:3].lower()]


def read_day(token: str) -> int:
    """The number of a day of the month, ordinal or not ("14th")."""
    return int(token.rstrip("stndrh"))


def year_interval(token: str) -> Interval:
    """A written year as its interval."""
    year = int(token)
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def month_interval(year: int, month: int) -> Interval:
    """A month of a year as its interval."""
    return month_or_day(month, None)(year)


def read_count(token: str) -> tuple[int, int]:
    """A count as the lowest and highest number it may mean ("a few": 2 to 4)."""
    word = " ".join(token.lower().split())
    return (int(word), int(word)) if word.isdigit() else COUNTS[word]


def read_unit(token: str) -> tuple[Precision, int, bool]:
    """A unit word as (unit, how many of it, counted in business days)."""
    word = " ".join(token.lower().split()).rstrip("s")
    if word.startswith(("business", "working", "work")):
        return Precision.DAY, 1, True
    if word == "fortnight":
        return Precision.WEEK, 2, False
    return Precision(word), 1, False


def yearless_expr(
    found: re.Match[str],
    make: Callable[[int], Interval],
    precision: Precision,
    text: str,
    floor: int,
) -> Expr:
    """A month, day, holiday or season without its year, read with "last"/"next"/"this"."""
    word = RELATIVE_WORD.search(lookback(text, found.start(), floor))
    mode = "latest"
    start = found.start()
    if word is not None:
        mode = {"last": "last", "previous": "last", "next": "next", "coming": "next"}.get(
            word["rel"].lower(), "latest"
        )
        start -= len(word[0])
    return Expr(
        start,
        found.end(),
        precision,
        lambda day, limit: occurrence(make, limit, mode),
        relative=True,
    )
