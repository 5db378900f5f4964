"""Provides the recognizers of dates that name the calendar: "14 December 2015", "Dec. 14",
"October 2015", "in October", "2005-2017", "the 1990s", "mid-2014", "the end of last year", "Q3
2015", "Christmas Day", "the summer of 2014" and plain years after a date-like word ("in 2014").

A month or day without its year takes it from the publication date (see :mod:`factcheck.dates`).
Words that are also ordinary words need a date-like neighbour: a year is four digits from 1800
to 2100 after "in", "since", "of", ... or opening a sentence before a comma; a month name alone
needs such a word too and a capital, so "ISIS may attack" has no date.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import replace

from factcheck.calendar import (
    HOLIDAYS,
    PART_PRECISION,
    Interval,
    hull,
    month_or_day,
    occurrence,
    part_of,
    quarter,
    unit_shifted,
)
from factcheck.datephrases import (
    ANY_MONTH,
    DAY,
    END,
    MONTH,
    MONTH_WORDS,
    RELATIVE_WORD,
    THE,
    WEEKDAY,
    WEEKDAY_WORDS,
    YEAR,
    Expr,
    Handler,
    Rule,
    absolute_expr,
    fixed,
    lookback,
    month_interval,
    read_day,
    read_month,
    relative_expr,
    year_interval,
    yearless_expr,
)
from factcheck.model import Precision

_BASE = (
    r"(?:(?:(?P<b_rel>this|last|next|current|previous|past)\s+|the\s+)"
    r"(?P<b_unit>year|month|week|quarter|decade)\b|(?P<b_today>today)\b"
    rf"|(?P<b_mon>{MONTH})(?:,?\s+(?P<b_my>{YEAR})(?!\w))?"
    rf"|(?P<b_dec>1[89]\d0|20\d0)'?s\b|(?P<b_y>{YEAR}){END})"
)
_YEAR_CONTEXT = re.compile(
    r"(?:\b(?:[Ii]n|[Ss]ince|[Bb]y|[Oo]f|[Ff]rom|[Uu]ntil|[Tt]ill|[Bb]efore|[Aa]fter|[Dd]uring"
    r"|[Bb]etween|[Aa]round|[Cc]irca|[Tt]hroughout|[Tt]hrough|year|[Ee]arly|[Ll]ate|[Mm]id|than"
    r"|[Ss]ummer|[Ww]inter|[Ss]pring|[Aa]utumn|[Ff]all|[Pp]rior\s+to|[Uu]p\s+(?:to|until))"
    rf"|{YEAR},?\s+(?:and|or|to|through|until|till))\s+\Z|\b[Mm]id-\Z"
)
_SENTENCE_START = re.compile(r"(?:\A|[.!?][\"'”’)]?\s+|\n\s*)\Z")
_MONTH_CONTEXT = re.compile(
    r"(?:\b(?:[Ii]n|[Ss]ince|[Bb]y|[Uu]ntil|[Tt]ill|[Bb]efore|[Aa]fter|[Dd]uring|[Ff]rom|[Tt]hrough"
    r"|[Tt]hroughout|of|[Ee]arly|[Mm]id|[Ll]ate|[Ll]ast|[Nn]ext|[Tt]his|[Cc]oming|[Bb]etween"
    r"|[Aa]round|than|[Pp]rior\s+to|[Uu]p\s+(?:to|until))"
    rf"|{MONTH},?\s+(?:and|or|to|through|until|till))\s+\Z|\b[Mm]id-\Z"
)
_HOLIDAY_CONTEXT = re.compile(r"\b(?:[Aa]t|[Oo]n|[Oo]ver)\s+\Z")
_NOT_A_YEAR_AFTER = re.compile(
    r"\s*(?:%|percent|per\s+cent|km|kilomet\w*|miles|metres|meters|people|soldiers|troops|fighters"
    r"|men|women|children|dollars|euros|pounds|times|hours|votes)\b"
)
_REL = r"(?P<rel>[Tt]his|[Ll]ast|[Nn]ext|[Tt]he|[Pp]revious)"


def _iso(found: re.Match[str], text: str, floor: int, low: int) -> Expr | None:
    day = datetime.date(int(found["y"]), int(found["m"]), int(found["d"]))
    return absolute_expr(found, (day, day), Precision.DAY)


def _numeric(found: re.Match[str], text: str, floor: int, low: int) -> Expr | None:
    first, second, year = int(found["a"]), int(found["b"]), int(found["y"])
    readings = []
    for month, day in ((second, first), (first, second)):
        try:
            readings.append(datetime.date(year, month, day))
        except ValueError:
            continue
        if found["sep"] == ".":
            break
    if not readings:
        return None
    # Both readings of "1/2/2015" stay possible: the interval spans them.
    earliest, latest = min(readings), max(readings)
    precision = Precision.DAY if earliest == latest else Precision.MONTH
    return absolute_expr(found, (earliest, latest), precision)


def _day_month_year(found: re.Match[str], text: str, floor: int, low: int) -> Expr | None:
    day = datetime.date(int(found["y"]), read_month(found["m"]), int(found["d"]))
    return absolute_expr(found, (day, day), Precision.DAY)


def _numeric_month(found: re.Match[str], text: str, floor: int, low: int) -> Expr | None:
    return absolute_expr(found, month_interval(int(found["y"]), int(found["m"])), Precision.MONTH)


def _year_range(found: re.Match[str], text: str, floor: int, low: int) -> Expr | None:
    first, second = int(found["a"]), found["b"]
    if len(second) == 2:
        last = first - first % 100 + int(second)
        if last <= first:
            if found["sep"].strip() == "-" and 1 <= int(second) <= 12:
                return absolute_expr(found, month_interval(first, int(second)), Precision.MONTH)
            return None
    else:
        last = int(second)
    if last <= first:
        return None
    interval = datetime.date(first, 1, 1), datetime.date(last, 12, 31)
    return absolute_expr(found, interval, Precision.YEAR)


def _decade(found: re.Match[str], text: str, floor: int, low: int) -> Expr | None:
    year = int(found["y"])
    interval = datetime.date(year, 1, 1), datetime.date(year + 9, 12, 31)
    if found["mod"] is None:
        return absolute_expr(found, interval, Precision.DECADE)
    part = found["mod"].lower()
    return absolute_expr(found, part_of(interval, Precision.DECADE, part), Precision.YEAR)


def _base(found: re.Match[str]) -> tuple[Rule, Precision, bool] | None:
    """The unit a part or a modifier applies to: (rule, its unit, whether it is relative)."""
    if found["b_unit"] is not None:
        unit = Precision(found["b_unit"])
        step = {"last": -1, "previous": -1, "past": -1, "next": 1}.get(found["b_rel"] or "", 0)
        return (lambda day, limit: unit_shifted(day, unit, step)), unit, True
    if found["b_today"] is not None or found.groupdict().get("b_day") is not None:
        return (lambda day, limit: (day, day)), Precision.DAY, True
    if found["b_mon"] is not None:
        month = read_month(found["b_mon"])
        if found["b_my"] is None:
            make = month_or_day(month, None)
            return (lambda day, limit: occurrence(make, limit, "latest")), Precision.MONTH, True
        return fixed(month_interval(int(found["b_my"]), month)), Precision.MONTH, False
    if found["b_dec"] is not None:
        year = int(found["b_dec"])
        decade = datetime.date(year, 1, 1), datetime.date(year + 9, 12, 31)
        return fixed(decade), Precision.DECADE, False
    if found["b_y"] is not None:
        return fixed(year_interval(found["b_y"])), Precision.YEAR, False
    return None


_PART_WORDS = {"beginning": "early", "start": "early", "middle": "mid", "end": "late"}
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "final": 4, "last": 4}


def _part(found: re.Match[str], text: str, floor: int, low: int) -> Expr | None:
    base = _base(found)
    if base is None:
        return None
    rule, unit, relative = base
    words = found["part"].lower().split()
    if words[-1] == "quarter":
        if unit is not Precision.YEAR:
            return None
        number = _ORDINALS[words[0]]
        return Expr(
            found.start(),
            found.end(),
            Precision.QUARTER,
            lambda day, limit: quarter(rule(day, limit)[0].year, number),
            relative,
        )
    part = _PART_WORDS.get(words[0], " ".join(words))
    if words[-1] == "half" and unit is not Precision.YEAR:
        return None
    return Expr(
        found.start(),
        found.end(),
        PART_PRECISION[unit],
        lambda day, limit: part_of(rule(day, limit), unit, part),
        relative,
    )


def _quarter(found: re.Match[str], text: str, floor: int, low: int) -> Expr | None:
    number = int(found["n"]) if found["n"] else _ORDINALS[found["ord"].lower()]
    year = found["y"] or found["y2"]
    if year is not None:
        return absolute_expr(found, quarter(int(year), number), Precision.QUARTER)
    return yearless_expr(found, lambda year: quarter(year, number), Precision.QUARTER, text, floor)


def _modifier(found: re.Match[str], text: str, floor: int, low: int) -> Expr | None:
    base = _base(found)
    if base is None:
        return None
    rule, unit, relative = base
    word = found["mod"].lower()
    if word in ("earlier", "later"):

        def around(day: datetime.date, limit: datetime.date) -> Interval:
            first, last = rule(day, limit)
            if not first <= day <= last:
                return part_of((first, last), unit, "early" if word == "earlier" else "late")
            return (first, day) if word == "earlier" else (day, last)

        return Expr(found.start(), found.end(), unit, around, relative=True)
    return Expr(
        found.start(),
        found.end(),
        PART_PRECISION[unit],
        lambda day, limit: part_of(rule(day, limit), unit, word),
        relative,
    )


def _day_range(found: re.Match[str], text: str, floor: int, low: int) -> Expr | None:
    month, first, last = read_month(found["m"]), read_day(found["d1"]), read_day(found["d2"])
    if first >= last:
        return None
    if found["y"] is not None:
        year = int(found["y"])
        interval = datetime.date(year, month, first), datetime.date(year, month, last)
        return absolute_expr(found, interval, Precision.DAY)

    def make(year: int) -> Interval:
        return datetime.date(year, month, first), datetime.date(year, month, last)

    return yearless_expr(found, make, Precision.DAY, text, floor)


def _day_month(found: re.Match[str], text: str, floor: int, low: int) -> Expr | None:
    day = read_day(found["d"])
    if found.groupdict().get("rel") is not None:
        if found["d"].isdigit() and not THE.search(lookback(text, found.start(), floor)):
            return None
        step = {"next": 1, "last": -1}.get(found["rel"].lower(), 0)

        def of_month(anchor: datetime.date, limit: datetime.date) -> Interval:
            target = unit_shifted(anchor, Precision.MONTH, step)[0].replace(day=day)
            return target, target

        return relative_expr(found, of_month, Precision.DAY)
    month_token = found["m"]
    if found["y"] is not None:
        date = datetime.date(int(found["y"]), read_month(month_token), day)
        return absolute_expr(found, (date, date), Precision.DAY)
    if month_token[0].islower():
        return None
    expr = yearless_expr(
        found, month_or_day(read_month(month_token), day), Precision.DAY, text, floor
    )
    return replace(expr, yearless=(read_month(month_token), day))


def _month_year(found: re.Match[str], text: str, floor: int, low: int) -> Expr | None:
    return absolute_expr(
        found, month_interval(int(found["y"]), read_month(found["m"])), Precision.MONTH
    )


def _month_of_year(found: re.Match[str], text: str, floor: int, low: int) -> Expr | None:
    month = read_month(found["m"])
    step = {"last": -1, "next": 1}.get(found["rel"].lower(), 0)

    def rule(day: datetime.date, limit: datetime.date) -> Interval:
        return month_interval(day.year + step, month)

    return relative_expr(found, rule, Precision.MONTH)


def _month_alone(found: re.Match[str], text: str, floor: int, low: int) -> Expr | None:
    if not _MONTH_CONTEXT.search(lookback(text, found.start(), low)):
        return None
    month = read_month(found["m"])
    expr = yearless_expr(found, month_or_day(month, None), Precision.MONTH, text, floor)
    return replace(expr, yearless=(month, None))


def _holiday(found: re.Match[str], text: str, floor: int, low: int) -> Expr | None:
    name = " ".join(re.sub(r"['’]", "", found["name"]).lower().split())
    month, day = HOLIDAYS[name]
    if found["y"] is not None:
        date = datetime.date(int(found["y"]), month, day)
        return absolute_expr(found, (date, date), Precision.DAY)
    before = lookback(text, found.start(), low)
    if name == "christmas" and not (
        found["name"][0].isupper()
        and (_MONTH_CONTEXT.search(before) or _HOLIDAY_CONTEXT.search(before))
    ):
        return None
    return yearless_expr(found, month_or_day(month, day), Precision.DAY, text, floor)


_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11)}


def _season_of(name: str) -> Callable[[int], Interval]:
    def make(year: int) -> Interval:
        if name == "winter":
            return datetime.date(year - 1, 12, 1), month_or_day(2, None)(year)[1]
        first, last = _SEASONS[name]
        return datetime.date(year, first, 1), month_or_day(last, None)(year)[1]

    return make


def _season(found: re.Match[str], text: str, floor: int, low: int) -> Expr | None:
    name = found["name"].lower()
    make = _season_of(name)
    if found["y"] is not None:
        if name == "fall" and found["name"][0] == "f" and not found["of"]:
            return None
        year = int(found["y"])
        if name == "winter":
            return absolute_expr(found, hull(make(year), make(year + 1)), Precision.YEAR)
        return absolute_expr(found, make(year), Precision.QUARTER)
    if not RELATIVE_WORD.search(lookback(text, found.start(), floor)):
        return None
    return yearless_expr(found, make, Precision.QUARTER, text, floor)


def _year(found: re.Match[str], text: str, floor: int, low: int) -> Expr | None:
    before = lookback(text, found.start(), low)
    if not _YEAR_CONTEXT.search(before) and not (
        _SENTENCE_START.search(before) and text.startswith(",", found.end())
    ):
        return None
    if _NOT_A_YEAR_AFTER.match(text, found.end()):
        return None
    return absolute_expr(found, year_interval(found["y"]), Precision.YEAR)


FORMS: tuple[tuple[str, str, Handler], ...] = (
    ("####", rf"(?P<y>{YEAR})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?![\w-])", _iso),
    (
        "#",
        rf"(?P<a>\d{{1,2}})(?P<sep>[/.])(?P<b>\d{{1,2}})[/.](?P<y>{YEAR})(?![\w]|[./-]\d)",
        _numeric,
    ),
    ("#", rf"(?P<d>\d{{1,2}})[/-](?P<m>{ANY_MONTH})[/-](?P<y>{YEAR})\b", _day_month_year),
    ("#", rf"(?P<m>0?[1-9]|1[0-2])[/-](?P<y>{YEAR})(?![\w]|[./-]\d)", _numeric_month),
    (
        "####",
        rf"(?P<a>{YEAR})(?P<sep>\s*(?:-|–|—|to|through|until)\s*)(?P<b>{YEAR}|\d\d){END}",
        _year_range,
    ),
    (
        "#### early mid late",
        r"(?:(?P<mod>[Ee]arly|[Mm]id|[Ll]ate)[-\s]+)?(?P<y>1[89]\d0|20\d0)'?s\b",
        _decade,
    ),
    (
        "beginning start middle end first second third fourth final last",
        r"(?P<part>[Bb]eginning|[Ss]tart|[Mm]iddle|[Ee]nd|(?:[Ff]irst|[Ss]econd)\s+half"
        r"|(?:[Ff]irst|[Ss]econd|[Tt]hird|[Ff]ourth|[Ff]inal|[Ll]ast)\s+quarter)"
        rf"\s+of\s+(?:the\s+)?{_BASE}",
        _part,
    ),
    (
        "first second third fourth q1 q2 q3 q4",
        r"(?P<ord>[Ff]irst|[Ss]econd|[Tt]hird|[Ff]ourth)\s+quarter\b(?!\s+of\b)"
        rf"(?:,?\s+(?P<y>{YEAR})(?!\w))?|Q(?P<n>[1-4])\s*(?:of\s+)?(?P<y2>{YEAR})(?!\w)",
        _quarter,
    ),
    (
        "early mid late earlier later",
        r"(?P<mod>[Ee]arly|[Mm]id|[Ll]ate|[Ee]arlier|[Ll]ater)(?:-|\s+)(?:in\s+)?"
        rf"(?:the\s+day\b(?P<b_day>)|{_BASE})",
        _modifier,
    ),
    (
        "#",
        rf"(?P<d1>{DAY})\s*(?:-|–|—|to|and)\s*(?P<d2>{DAY})\s+(?:of\s+)?(?P<m>{MONTH})"
        rf"(?:,?\s+(?P<y>{YEAR})(?!\w))?",
        _day_range,
    ),
    (
        MONTH_WORDS,
        rf"(?P<m>{MONTH})\s+(?P<d1>{DAY})\s*(?:-|–|—|to|and)\s*(?P<d2>{DAY}){END}"
        rf"(?:,?\s+(?P<y>{YEAR})(?!\w))?",
        _day_range,
    ),
    (
        "#",
        rf"(?P<d>{DAY})(?:\s+day)?\s+(?:of\s+)?(?:{_REL}\s+month\b"
        rf"|(?P<m>{ANY_MONTH})(?:,?\s+(?P<y>{YEAR})(?!\w))?)",
        _day_month,
    ),
    (
        f"{MONTH_WORDS} {WEEKDAY_WORDS}",
        rf"(?:{WEEKDAY},?\s+)?(?P<m>{MONTH})\s+(?:the\s+)?(?P<d>{DAY}){END}"
        rf"(?!\s*(?:%|percent))(?:,?\s+(?P<y>{YEAR})(?!\w))?",
        _day_month,
    ),
    (MONTH_WORDS, rf"(?P<m>{MONTH}),?\s+(?:of\s+)?(?P<y>{YEAR}){END}", _month_year),
    (
        MONTH_WORDS,
        rf"(?P<m>{MONTH}),?\s+(?:of\s+)?(?P<rel>this|last|next)\s+year\b",
        _month_of_year,
    ),
    (MONTH_WORDS, rf"(?P<m>{MONTH})", _month_alone),
    (
        "new christmas valentine valentines halloween",
        r"(?P<name>[Nn]ew\s+[Yy]ear(?:['’]?s)?\s+(?:[Dd]ay|[Ee]ve)|[Cc]hristmas"
        r"(?:\s+(?:[Dd]ay|[Ee]ve))?|[Vv]alentine(?:['’]?s)?\s+[Dd]ay|[Hh]alloween)\b"
        rf"(?:,?\s+(?P<y>{YEAR})(?!\w))?",
        _holiday,
    ),
    (
        "spring summer autumn fall winter",
        r"(?P<name>[Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all|[Ww]inter)\b"
        rf"(?:\s+(?P<of>of\s+)?(?P<y>{YEAR})(?!\w))?",
        _season,
    ),
    ("####", rf"(?P<y>{YEAR}){END}", _year),
)
