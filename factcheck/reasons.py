"""Provides the wording of the reasons :mod:`factcheck.compare` gives: amounts as written once
normalised ("about 1,500", "15,000–20,000", "at least 5"), the difference between two numbers
with the rule that allowed it, and how far apart two times are.
"""

from __future__ import annotations

import math

from factcheck.model import Claim, Quantity
from factcheck.tolerance import Allowed, When, distance, label


def stated(quantity: Quantity, when: When | None) -> str:
    hedge = quantity.hedge if quantity.hedge and quantity.approx else None
    return f"{amount(quantity)}{notes(hedge, when)}"


def notes(hedge: str | None, when: When | None) -> str:
    """What a stated amount adds in brackets: the hedge of an approximate quantity and the
    time."""
    said = [hedge] if hedge else []
    if when is not None:
        said.append(_time_note(when))
    return f" ({'; '.join(said)})" if said else ""


def amount(quantity: Quantity) -> str:
    unit = quantity.unit
    if quantity.low is not None and quantity.high is not None and quantity.low != quantity.high:
        return f"{_number(quantity.low)}–{_number(quantity.high)}{_unit(unit)}"
    if quantity.value is not None:
        return f"{_number(quantity.value)}{_unit(unit)}"
    bound = quantity.low if quantity.low is not None else quantity.high
    word = quantity.hedge or ("at least" if quantity.low is not None else "at most")
    return f"{word} {_number(bound or 0.0)}{_unit(unit)}"


def _unit(unit: str | None) -> str:
    if unit is None:
        return ""
    return unit if unit == "%" else f" {unit}"


def _number(value: float) -> str:
    if abs(value) >= 1000 or value == int(value):
        return f"{value:,.0f}" if value == round(value) else f"{value:,.1f}"
    return f"{value:.1f}"


def difference(qa: Quantity, qb: Quantity, range_a: Allowed, range_b: Allowed) -> str:
    point_a, point_b = centre(qa, range_a), centre(qb, range_b)
    if point_a is None or point_b is None:
        return "bounds overlap" if range_a.overlaps(range_b) else "bounds do not meet"
    return gap(point_a, point_b, qa.unit)


def gap(point_a: float, point_b: float, unit: str | None) -> str:
    """How far ``point_b`` lies from ``point_a``, in points for shares (``unit`` ``%``), else
    in ``unit`` and as a share of ``point_a``."""
    delta = point_b - point_a
    if delta == 0 and point_a and unit != "%":
        return f"+0{_unit(unit)} (+0%)"
    sign = "+" if delta >= 0 else "−"
    if unit == "%":
        return f"{sign}{_number(abs(delta))} pts"
    relative = f" ({sign}{abs(delta) / abs(point_a):.0%})" if point_a else ""
    return f"{sign}{_number(abs(delta))}{_unit(unit)}{relative}"


def centre(quantity: Quantity, span: Allowed) -> float | None:
    """The point a quantity names: its value, else the middle of a closed interval."""
    if quantity.value is not None:
        return quantity.value
    if math.isinf(span.low) or math.isinf(span.high):
        return None
    return (span.low + span.high) / 2


def widest(range_a: Allowed, range_b: Allowed) -> str:
    width_a, width_b = range_a.high - range_a.low, range_b.high - range_b.low
    if range_a.rule == range_b.rule:
        return range_a.rule
    return range_a.rule if width_a >= width_b else range_b.rule


def _time_note(when: When) -> str:
    if when.published:
        return f"as of publication {label(when)}"
    return label(when)


def time_stated(when: When) -> str:
    return f"{when.label} ({label(when)})" if when.label else label(when)


def times(when_a: When | None, when_b: When | None) -> str:
    if when_a is None or when_b is None:
        return "time unknown"
    if when_a.overlaps(when_b):
        return "same time"
    return f"{distance(when_a, when_b)} apart"


def unrelated_reason(a: Claim, b: Claim) -> str:
    if a.quantities and b.quantities:
        return f"no shared measure: {measured(a)} vs {measured(b)}"
    return "same topic, nothing comparable"


def measured(claim: Claim) -> str:
    """What the claim's first quantity counts, in words: its amount, noun and predicate."""
    return counted(claim.quantities[0], claim.predicate)


def counted(quantity: Quantity, predicate: str | None) -> str:
    """What ``quantity`` counts, in words, in a claim of ``predicate``: its amount, noun and
    predicate."""
    parts = [amount(quantity)]
    if quantity.noun:
        parts.append(quantity.noun)
    if predicate:
        parts.append(f"({predicate})")
    return " ".join(parts)
