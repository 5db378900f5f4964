"""Provides the tolerances that turn what an article writes into the interval it can mean: for a
number, the values it allows once hedges, rounding, ranges and bounds are applied; for a time,
the dates it covers.

Numbers (``Quantity``):

- a hedged value ("about", "around", "approximately", "some", "near", "roughly", ...; any
  quantity marked ``approx``): ±10% of the value;
- an exact value: ±1% for rounding, or half a step of the last digit written when that is more
  ("1.5 million" allows ±50,000; "129" allows ±0.5). "45.000" and "45,000" are the same number
  once parsed, so they never differ;
- a range ("15,000 to 20,000") or a vague amount ("dozens"): its bounds, each with the rounding
  above (and the hedge, when there is one);
- a bound ("over 126", "at least 5", "fewer than 10"): one-sided, open on the other side.

Two numbers agree when their intervals overlap.

Times (``TimeSpan`` or the publication date): an interval of dates. A claim's *event* time is
when it says the thing happened or began ("since 2011" began in 2011); its *period* is the whole
stretch it speaks of ("since 2015" runs from 2015 to publication, "in recent months" is its
window); its *as-of* time is when the value it states held: the event time, except that a state
reached "since" or "after" a time holds at publication, and a claim without a time is read as of
its source's publication date.
"""

from __future__ import annotations

import calendar
import datetime
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from factcheck.model import Claim, Quantity, Source, TimeSpan

HEDGE_TOLERANCE = 0.10
ROUNDING_TOLERANCE = 0.01

_DIGITS = re.compile(r"\d(?:[\d.,\u00a0\u202f ]*\d)?")
_SEPARATOR = re.compile(r"[.,\u00a0\u202f ]")
_LOWER_BOUNDS = ("since", "after", "from")
_UPPER_BOUNDS = ("until", "before", "by")


@dataclass(frozen=True, slots=True)
class Allowed:
    """The values a quantity allows, ``low``/``high`` infinite on an open side, and the rule
    that gave them ("±10% hedge", "±1% rounding", "range", "at least", ...)."""

    low: float
    high: float
    rule: str

    def overlaps(self, other: Allowed) -> bool:
        """True when some value is allowed by both (:func:`overlap`)."""
        return bool(overlap(self.low, self.high, other.low, other.high))


def overlap(low_a: Any, high_a: Any, low_b: Any, high_b: Any) -> Any:
    """Whether the intervals share more than an end, or one is a single value the other holds;
    of numbers or of arrays, element by element (``False`` where one is NaN).

    An interval from rounding holds one of its ends only: "2" and "3" allow 1.5 to 2.5 and 2.5
    to 3.5, and 2.5 rounds to one of them, not both, so two counts a step apart never agree.
    """
    inside = (low_a < high_b) & (low_b < high_a) & (low_a < high_a) & (low_b < high_b)
    point_a = (low_a == high_a) & (low_b <= low_a) & (low_a <= high_b)
    point_b = (low_b == high_b) & (low_a <= low_b) & (low_b <= high_a)
    return inside | point_a | point_b


@dataclass(frozen=True, slots=True)
class When:
    """An inclusive interval of dates, how it was written, and whether it is the publication
    date standing in for a time the claim does not state."""

    first: datetime.date
    last: datetime.date
    label: str
    published: bool = False

    def overlaps(self, other: When) -> bool:
        """True when the two intervals share a day."""
        return self.first <= other.last and other.first <= self.last


@lru_cache(maxsize=1 << 16)
def allowed(quantity: Quantity) -> Allowed | None:
    """The interval of values ``quantity`` allows, or ``None`` when it states no number."""
    low, high = quantity.low, quantity.high
    if low is None and high is None:
        if quantity.value is None:
            return None
        low = high = quantity.value
    hedged = quantity.approx and low is not None and high is not None
    if low is not None and high is not None:
        rule = "range" if low != high else "exact"
        low_margin = _margin(quantity, low, hedged)
        high_margin = low_margin if high == low else _margin(quantity, high, hedged)
        if hedged:
            rule = f"±{HEDGE_TOLERANCE:.0%} hedge" if rule == "exact" else "range, ±10% hedge"
        elif rule == "exact":
            rule = _rounding_rule(quantity, low, low_margin)
        return Allowed(low - low_margin, high + high_margin, rule)
    bound = quantity.hedge or ("at least" if high is None else "at most")
    if low is not None:
        return Allowed(low - _margin(quantity, low, hedged=False), math.inf, bound)
    assert high is not None
    return Allowed(-math.inf, high + _margin(quantity, high, hedged=False), bound)


def written_step(quantity: Quantity, value: float) -> float:
    """The place value of the last digit written for ``value`` (``0.0`` for a number written in
    words): 1 for "129" and for "45.000" meaning 45,000, 0.1 for "33.3", 100,000 for
    "1.5 million"."""
    if value == 0:
        return 0.0
    for digits in _DIGITS.finditer(quantity.text):
        whole = float(_SEPARATOR.sub("", digits.group()))
        if whole == 0:
            continue
        scale = abs(value) / whole
        exponent = round(math.log10(scale))
        if math.isclose(scale, 10.0**exponent, rel_tol=1e-6):
            return float(10.0**exponent)
    return 0.0


def event_time(claim: Claim) -> When | None:
    """When the claim says its thing happened, or ``None`` when it states no resolved time."""
    return span_time(claim.time)


@lru_cache(maxsize=1 << 16)
def span_time(span: TimeSpan | None) -> When | None:
    """When a stated time says a thing happened: "since 2011" happened in 2011, "until March"
    in March; ``None`` for no time or one that cannot be resolved."""
    if span is None or not span.resolved or (span.first is None and span.last is None):
        return None
    qualifier = (span.qualifier or "").lower()
    if span.first is not None and (qualifier in _LOWER_BOUNDS or span.last is None):
        first = _date(span.first, start=True)
        last = _unit_end(first, span)
        if span.last is not None:
            last = min(last, _date(span.last, start=False))
    elif span.last is not None and (qualifier in _UPPER_BOUNDS or span.first is None):
        last = _date(span.last, start=False)
        first = _unit_start(last, span)
        if span.first is not None:
            first = max(first, _date(span.first, start=True))
    else:
        assert span.first is not None and span.last is not None
        first, last = _date(span.first, start=True), _date(span.last, start=False)
    return When(first, last, span.text.strip())


def period(claim: Claim) -> When | None:
    """The stretch of time the claim speaks of, or ``None`` when it states no resolved time."""
    return span_period(claim.time)


@lru_cache(maxsize=1 << 16)
def span_period(span: TimeSpan | None) -> When | None:
    """The stretch a stated time covers: "since 2015" (published 2016-09) runs from 2015-01-01
    to 2016-09-30, where :func:`span_time` gives only its start; other times as ``span_time``."""
    stated = span_time(span)
    if stated is None or span is None or span.last is None:
        return stated
    if (span.qualifier or "").lower() not in _LOWER_BOUNDS:
        return stated
    last = max(stated.last, _date(span.last, start=False))
    return When(stated.first, last, stated.label)


def as_of(claim: Claim, source: Source) -> When | None:
    """When the value the claim states held (see the module docstring), or ``None`` when
    neither the claim nor its source says."""
    return span_as_of(claim.time, source.published)


@lru_cache(maxsize=1 << 16)
def span_as_of(span: TimeSpan | None, published: str | None) -> When | None:
    """:func:`as_of` of a claim stating ``span`` in a source published on ``published``."""
    qualifier = (span.qualifier or "").lower() if span is not None else ""
    stated = span_time(span)
    if stated is not None and qualifier not in _LOWER_BOUNDS:
        return stated
    if published:
        return When(_date(published, start=True), _date(published, start=False), published, True)
    return None


def publication(source: Source) -> When | None:
    """The source's publication date as an interval, or ``None`` when it has none."""
    if not source.published:
        return None
    return When(
        _date(source.published, start=True),
        _date(source.published, start=False),
        source.published,
        published=True,
    )


@lru_cache(maxsize=1 << 12)
def label(when: When) -> str:
    """The interval at its natural precision: ``2015``, ``2015-11``, ``2015-11-20`` or
    ``2015-11-16..2015-11-22``."""
    first, last = when.first, when.last
    if first == last:
        return first.isoformat()
    if first.day == 1 and last == _month_end(first):
        return first.strftime("%Y-%m")
    if (first.month, first.day, last.month, last.day) == (1, 1, 12, 31) and first.year == last.year:
        return str(first.year)
    return f"{first.isoformat()}..{last.isoformat()}"


def distance(earlier: When, later: When) -> str:
    """How far apart two times are, in the coarsest unit that fits: "3 years", "10 months",
    "12 days"."""
    a, b = (later, earlier) if later.first < earlier.first else (earlier, later)
    months = (b.first.year - a.first.year) * 12 + b.first.month - a.first.month
    whole_years = (a.first.month, a.first.day, b.first.month, b.first.day) == (1, 1, 1, 1)
    if months >= 24 or (whole_years and months >= 12):
        years = round(months / 12)
        return f"{years} year{'s' if years != 1 else ''}"
    if months >= 2 or (months == 1 and (b.first - a.first).days >= 28):
        return f"{months} month{'s' if months != 1 else ''}"
    days = max((b.first - a.last).days, (b.first - a.first).days)
    return f"{days} day{'s' if days != 1 else ''}"


def _margin(quantity: Quantity, value: float, hedged: bool) -> float:
    if hedged:
        return abs(value) * HEDGE_TOLERANCE
    return max(abs(value) * ROUNDING_TOLERANCE, written_step(quantity, value) / 2)


def _rounding_rule(quantity: Quantity, value: float, margin: float) -> str:
    if margin > abs(value) * ROUNDING_TOLERANCE:
        return f"±{_number(margin)} as written"
    return f"±{ROUNDING_TOLERANCE:.0%} rounding"


def _number(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".")


@lru_cache(maxsize=1 << 12)
def _date(iso: str, *, start: bool) -> datetime.date:
    if len(iso) >= 10:
        return datetime.date.fromisoformat(iso[:10])
    parts = [int(part) for part in iso.split("-")]
    year = parts[0]
    month = parts[1] if len(parts) > 1 else (1 if start else 12)
    day = 1 if start else calendar.monthrange(year, month)[1]
    return datetime.date(year, month, day)


def _month_end(day: datetime.date) -> datetime.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def _unit_end(first: datetime.date, span: TimeSpan) -> datetime.date:
    unit = span.precision.value
    if unit == "day":
        return first
    if unit == "week":
        return first + datetime.timedelta(days=6)
    if unit == "month":
        return _month_end(first)
    if unit == "quarter":
        month = first.month + 2 - (first.month - 1) % 3
        return _month_end(first.replace(month=month, day=1))
    if unit == "year":
        return datetime.date(first.year, 12, 31)
    return datetime.date(first.year - first.year % 10 + 9, 12, 31)


def _unit_start(last: datetime.date, span: TimeSpan) -> datetime.date:
    unit = span.precision.value
    if unit == "day":
        return last
    if unit == "week":
        return last - datetime.timedelta(days=6)
    if unit == "month":
        return last.replace(day=1)
    if unit == "quarter":
        return last.replace(month=last.month - (last.month - 1) % 3, day=1)
    if unit == "year":
        return datetime.date(last.year, 1, 1)
    return datetime.date(last.year - last.year % 10, 1, 1)
