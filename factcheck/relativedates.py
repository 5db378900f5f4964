"""Provides the recognizers of dates counted from the publication date: "last week", "next
year", "the past two weeks", "in recent months", "two years ago", "within 9 months",
"yesterday", "last Thursday" and weekday names. What each one means is documented in
:mod:`factcheck.dates`.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import replace

from factcheck.calendar import (
    ONE_DAY,
    WEEKDAYS,
    Interval,
    business_days_from,
    coarser,
    hull,
    shift,
    unit_of,
    unit_shifted,
    weekday_after,
    weekday_before,
)
from factcheck.datephrases import (
    LOOKBACK,
    NUM,
    RELATIVE_WORD,
    THE,
    UNIT,
    WEEKDAY,
    WEEKDAY_WORDS,
    Expr,
    Handler,
    Rule,
    lookback,
    read_count,
    read_unit,
    relative_expr,
)
from factcheck.model import Precision

_DIRECTION_WORDS = "last past previous next coming this current"
_SPAN_OPENER = re.compile(
    r"\b(?:[Ii]n|[Oo]ver|[Dd]uring|[Ww]ithin|[Ff]or|[Tt]hroughout|[Oo]f)\s+the\s+\Z"
)
_NOT_A_WEEKDAY_BEFORE = re.compile(
    r"\b(?:Black|Good|Super|Cyber|Ash|Holy|Maundy|Palm|Easter|Bloody|Giving|Mail\s+on)\s+\Z"
)
_NOT_A_WEEKDAY_AFTER = re.compile(
    r"\s+(?:Times|Telegraph|Express|Mirror|Post|Herald|Mail|Star|Tribune|Independent|Observer"
    r"|Sport|School|Night\s+Live)\b"
)
_ON = re.compile(r"\b[Oo]n\s+\Z")
_NEWSPAPER_TODAY = re.compile(r"\bUSA\s+\Z")
_AMOUNT = re.compile(rf"(?P<num>{NUM})\s+(?P<unit>{UNIT})", re.IGNORECASE)
_MORE_THAN = re.compile(r"\b(?:[Mm]ore\s+than|[Oo]ver|[Aa]t\s+least)\s+\Z")
_SHIFTED = re.compile(
    rf"\b(?P<num>{NUM})\s+(?P<unit>{UNIT})\s+(?P<dir>ago|from\s+(?:now|today)"
    r"|after\s+today|before\s+today|hence)\Z"
)
_COUNT_BEFORE = re.compile(rf"\b(?P<num>{NUM})\s+\Z")
_DAY_BEFORE = re.compile(r"\b[Tt]he\s+day\s+(?:before|after)\s+\Z")
_OFFSETS = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1, "night": -1}


def _week_weekday(found: re.Match[str], text: str, floor: int, low: int) -> Expr | None:
    step = {"last": -1, "previous": -1, "next": 1}.get(found["rel"].lower(), 0)
    weekday = WEEKDAYS[found["wd"][:3].lower()]

    def rule(day: datetime.date, limit: datetime.date) -> Interval:
        target = unit_shifted(day, Precision.WEEK, step)[0] + datetime.timedelta(days=weekday)
        return target, target

    return relative_expr(found, rule, Precision.DAY)


def _weekday(found: re.Match[str], text: str, floor: int, low: int) -> Expr | None:
    before = lookback(text, found.start(), floor)
    if _NOT_A_WEEKDAY_BEFORE.search(before) or _NOT_A_WEEKDAY_AFTER.match(text, found.end()):
        return None
    word = RELATIVE_WORD.search(before)
    if found["wd"][0].islower() and word is None and not _ON.search(before):
        return None
    weekday = WEEKDAYS[found["wd"][:3].lower()]
    start = found.start()
    if found["rel"] is not None:
        step = {"last": -1, "previous": -1, "next": 1}.get(found["rel"].lower(), 0)

        def rule(day: datetime.date, limit: datetime.date) -> Interval:
            target = unit_shifted(day, Precision.WEEK, step)[0] + datetime.timedelta(days=weekday)
            return target, target

        return relative_expr(found, rule, Precision.DAY)
    mode = word["rel"].lower() if word is not None else "on"
    if word is not None:
        start -= len(word[0])

    def pick(day: datetime.date, limit: datetime.date) -> Interval:
        if mode in ("last", "previous"):
            target = weekday_before(day, weekday, inclusive=False)
        elif mode in ("next", "coming"):
            target = weekday_after(day, weekday)
        elif mode == "this":
            target = unit_of(day, Precision.WEEK)[0] + datetime.timedelta(days=weekday)
        else:
            target = weekday_before(day, weekday, inclusive=True)
        return target, target

    return relative_expr(found, pick, Precision.DAY, start)


def _calendar(found: re.Match[str], text: str, floor: int, low: int) -> Expr | None:
    rel = found["rel"].lower()
    words = found["unit"].lower().split()
    unit = Precision.WEEK if words[-1] == "weekend" else Precision(words[-1])
    before = lookback(text, found.start(), floor)
    with_the = THE.search(before) is not None
    if with_the and rel in ("next", "coming"):
        # "the next year" counts from publication only after "in", "over", ...; alone it is
        # usually counted from an event of the story ("the next year, they ...").
        if _SPAN_OPENER.search(before) is None:
            return None
        rolling = True
    elif with_the and rel == "previous":
        return None
    else:
        rolling = rel == "past" or (rel == "last" and with_the)
    if rolling and unit is not Precision.QUARTER and len(words) == 1 and words[0] != "weekend":
        forward = rel in ("next", "coming")
        return relative_expr(found, _rolling([(unit, 1, False)], forward), unit)
    step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(rel, 0)

    def rule(day: datetime.date, limit: datetime.date) -> Interval:
        first, last = unit_shifted(day, unit, step)
        if words[-1] == "weekend":
            return first + datetime.timedelta(days=5), last
        if len(words) > 1:
            return first, first + datetime.timedelta(days=4)
        return first, last

    return relative_expr(found, rule, unit)


def _rolling(amounts: list[tuple[Precision, int, bool]], forward: bool) -> Rule:
    """The window of ``amounts`` before ``day`` (to the day before it) or after it (from the next
    day, or the next business day when counted in business days)."""
    if len(amounts) == 1 and amounts[0][0] is Precision.QUARTER and not amounts[0][2]:
        count = amounts[0][1]
        if forward:
            return lambda day, limit: (
                unit_shifted(day, Precision.QUARTER, 1)[0],
                unit_shifted(day, Precision.QUARTER, count)[1],
            )
        return lambda day, limit: (
            unit_shifted(day, Precision.QUARTER, -count)[0],
            unit_shifted(day, Precision.QUARTER, -1)[1],
        )
    sign = 1 if forward else -1

    def rule(day: datetime.date, limit: datetime.date) -> Interval:
        edge = day
        for unit, count, business in amounts:
            if business:
                edge = business_days_from(edge, sign * count)
            else:
                edge = shift(edge, unit, sign * count)
        if not forward:
            return edge, day - ONE_DAY
        business = amounts[0][2]
        return (business_days_from(day, 1) if business else day + ONE_DAY), edge

    return rule


def _amounts(phrase: str) -> list[tuple[Precision, int, bool]]:
    amounts = []
    for found in _AMOUNT.finditer(phrase):
        unit, size, business = read_unit(found["unit"])
        amounts.append((unit, read_count(found["num"])[1] * size, business))
    return amounts


def _finest(amounts: list[tuple[Precision, int, bool]]) -> Precision:
    finest = amounts[0][0]
    for unit, _, _ in amounts:
        finest = unit if coarser(unit, finest) is finest else finest
    return finest


def _window(found: re.Match[str], text: str, floor: int, low: int) -> Expr | None:
    amounts = _amounts(found["amount"])
    forward = found["dir"].lower() in ("next", "coming")
    return relative_expr(found, _rolling(amounts, forward), _finest(amounts))


def _window_after_count(found: re.Match[str], text: str, floor: int, low: int) -> Expr | None:
    """The window of "the 3 next weeks", whose count stands before the word the scan stops at."""
    count = _COUNT_BEFORE.search(text, max(floor, found.start() - LOOKBACK), found.start())
    if count is None:
        return None
    unit, size, business = read_unit(found["unit"])
    amounts = [(unit, read_count(count["num"])[1] * size, business)]
    forward = found["dir"].lower() in ("next", "coming")
    return relative_expr(found, _rolling(amounts, forward), unit, count.start())


def _plural_window(found: re.Match[str], text: str, floor: int, low: int) -> Expr | None:
    before = lookback(text, found.start(), floor)
    if found["dir"] is not None and not (THE.search(before) or _SPAN_OPENER.search(before)):
        return None
    unit, _, _ = read_unit(found["unit"])
    forward = (found["dir"] or "").lower() in ("next", "coming")
    return relative_expr(found, _rolling([(unit, 6, False)], forward), unit)


def _shifted(trigger: re.Match[str], text: str, floor: int, low: int) -> Expr | None:
    """A date counted from publication ("two years ago", "3 days from now"), read back from the
    last word, where the scan stops."""
    found = _SHIFTED.search(text, max(floor, trigger.end() - 2 * LOOKBACK), trigger.end())
    if found is None:
        return None
    unit, size, business = read_unit(found["unit"])
    fewest, most = read_count(found["num"])
    sign = -1 if found["dir"].lower().split()[0] in ("ago", "before") else 1
    bound = _MORE_THAN.search(lookback(text, found.start(), floor))
    exact = business or unit is Precision.DAY or bound is not None

    def rule(day: datetime.date, limit: datetime.date) -> Interval:
        ends = []
        for count in (fewest * size, most * size):
            if business:
                ends.append(business_days_from(day, sign * count))
            else:
                ends.append(shift(day, unit, sign * count))
        if exact:
            return min(ends), max(ends)
        return hull(unit_of(ends[0], unit), unit_of(ends[1], unit))

    if bound is None:
        return relative_expr(found, rule, unit)
    expr = relative_expr(found, rule, Precision.DAY, found.start() - len(bound[0]))
    return replace(expr, qualifier="after" if sign > 0 else "before")


def _within(found: re.Match[str], text: str, floor: int, low: int) -> Expr | None:
    unit, size, business = read_unit(found["unit"])
    count = read_count(found["num"])[1] * size
    if found["dir"] is not None and found["dir"].lower() in ("last", "past"):
        return relative_expr(found, _rolling([(unit, count, business)], False), unit)

    def rule(day: datetime.date, limit: datetime.date) -> Interval:
        if business:
            return day, business_days_from(day, count)
        return day, shift(day, unit, count) - ONE_DAY

    return relative_expr(found, rule, unit)


def _simple(found: re.Match[str], text: str, floor: int, low: int) -> Expr | None:
    before = lookback(text, found.start(), floor)
    start = found.start()
    if found["word"] is not None:
        if _NEWSPAPER_TODAY.search(before):
            return None
        offset = _OFFSETS[found["word"].lower()]
        pair = _DAY_BEFORE.search(before)
        if pair is not None and offset:
            offset *= 2
            start -= len(pair[0])
    else:
        offset = _OFFSETS.get((found["part"] or "").lower(), 0)

    def rule(day: datetime.date, limit: datetime.date) -> Interval:
        target = day + offset * ONE_DAY
        return target, target

    return relative_expr(found, rule, Precision.DAY, start)


# Handlers of phrases that end in the word the scan stops at ("two years ago") look back from it.
FORMS: tuple[tuple[str, str, Handler], ...] = (
    (
        "last previous next this",
        r"(?P<rel>[Ll]ast|[Pp]revious|[Nn]ext|[Tt]his)\s+week\s*[-–—,]\s*(?:on\s+)?"
        rf"(?P<wd>{WEEKDAY})",
        _week_weekday,
    ),
    (
        WEEKDAY_WORDS,
        rf"(?P<wd>{WEEKDAY})(?:\s+(?:morning|afternoon|evening|night))?"
        r"(?:,?\s+(?P<rel>next|last|this|previous)\s+week\b)?",
        _weekday,
    ),
    (
        _DIRECTION_WORDS,
        r"(?P<rel>[Ll]ast|[Pp]ast|[Pp]revious|[Nn]ext|[Cc]oming|[Tt]his|[Cc]urrent)\s+"
        r"(?P<unit>(?:working|work|business)\s+week|week(?:end)?|month|quarter|year|decade)"
        r"\b(?!\s+of\b|-)",
        _calendar,
    ),
    (
        _DIRECTION_WORDS,
        r"(?P<dir>[Ll]ast|[Pp]ast|[Pp]revious|[Nn]ext|[Cc]oming)\s+"
        rf"(?P<amount>{NUM}\s+{UNIT}(?:(?:,|,?\s+and)\s+{NUM}\s+{UNIT})*)(?!\s+of\b)",
        _window,
    ),
    (
        _DIRECTION_WORDS,
        rf"(?P<dir>next|last|past|coming)\s+(?P<unit>{UNIT})",
        _window_after_count,
    ),
    (
        f"{_DIRECTION_WORDS} recent",
        r"(?:(?P<dir>[Ll]ast|[Pp]ast|[Nn]ext|[Cc]oming)|[Rr]ecent)\s+"
        r"(?P<unit>days|weeks|months|years|decades)\b(?!\s+of\b)",
        _plural_window,
    ),
    ("ago hence now today", r"\w+", _shifted),
    (
        "within",
        r"[Ww]ithin\s+(?:the\s+)?(?:(?P<dir>next|coming|last|past)\s+)?"
        rf"(?P<num>{NUM})\s+(?P<unit>{UNIT})",
        _within,
    ),
    (
        "yesterday today tonight tomorrow this last",
        r"(?:(?P<word>[Yy]esterday|[Tt]oday|[Tt]onight|[Tt]omorrow)"
        r"|[Tt]his\s+(?:morning|afternoon|evening)|[Ll]ast\s+(?P<part>night))\b",
        _simple,
    ),
)
