"""Provides the readable listing of claims for the terminal: one aligned row per claim with its
id, source, subject, predicate, quantities in short form ("≈45000 caliphs"), time ("2015-11")
and the quote shortened.

Article text is data: control characters are replaced so a quote cannot move the cursor,
change colours or ring the bell.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from factcheck.model import Claim, Precision, Quantity, TimeSpan

QUOTE_WIDTH = 72
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_SPACE = re.compile(r"\s+")
_HEADER = ("id", "source", "subject", "predicate", "quantities", "time", "quote")
_WIDTHS = (None, 24, 18, 16, 32, 12, None)


def claims_table(claims: Sequence[Claim]) -> str:
    """The claims as an aligned table, ordered by source and position; ends with a newline."""
    ordered = sorted(claims, key=lambda claim: (claim.source, claim.start, claim.id))
    rows = [_HEADER] + [_row(claim) for claim in ordered]
    widths = [
        min(max(len(row[column]) for row in rows), limit or 10**6)
        for column, limit in enumerate(_WIDTHS)
    ]
    lines = []
    for row in rows:
        cells = [_fit(cell, width) for cell, width in zip(row, widths, strict=True)]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines) + "\n"


def safe(text: str) -> str:
    """``text`` on one line with every control character shown as ``?``."""
    return _CONTROL.sub("?", _SPACE.sub(" ", text)).strip()


def quantity_short(quantity: Quantity) -> str:
    """ "≈45000 caliphs", "15000-20000 troops", ">60000 km2", "40%"."""
    if quantity.value is not None:
        amount = _number(quantity.value)
    elif quantity.low is not None and quantity.high is not None:
        amount = f"{_number(quantity.low)}-{_number(quantity.high)}"
    elif quantity.low is not None:
        amount = f">={_number(quantity.low)}"
    elif quantity.high is not None:
        amount = f"<={_number(quantity.high)}"
    else:
        amount = quantity.text
    if quantity.approx:
        amount = "≈" + amount
    if quantity.unit == "%":
        amount += "%"
    elif quantity.unit:
        amount += f" {quantity.unit}"
    if quantity.noun:
        amount += f" {quantity.noun}"
    return safe(amount)


def time_short(time: TimeSpan) -> str:
    """ "2015-11", "since 2015", or the words as written when they cannot be anchored."""
    if time.first is None or time.last is None:
        return safe(time.text)
    first = _at_precision(time.first, time.precision)
    last = _at_precision(time.last, time.precision)
    shown = first if first == last else f"{first}..{last}"
    return f"{time.qualifier} {shown}" if time.qualifier else shown


def _row(claim: Claim) -> tuple[str, ...]:
    quantities = ", ".join(quantity_short(quantity) for quantity in claim.quantities)
    return (
        safe(claim.id),
        safe(claim.source),
        safe(claim.subject or "-"),
        safe(claim.predicate or "-"),
        quantities or "-",
        time_short(claim.time) if claim.time is not None else "-",
        _shorten(safe(claim.text), QUOTE_WIDTH),
    )


def _at_precision(iso: str, precision: Precision) -> str:
    if precision in (Precision.YEAR, Precision.DECADE):
        return iso[:4]
    if precision in (Precision.MONTH, Precision.QUARTER):
        return iso[:7]
    return iso


def _number(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


def _fit(cell: str, width: int) -> str:
    return _shorten(cell, width).ljust(width)


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"
