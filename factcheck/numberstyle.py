"""Provides the separator convention of an article and the value of a digit token under it.

Separators are decided per number: ``1,234.5`` and ``2.000,352`` are unambiguous, ``2,357`` and
``45.000`` are read with the article's :class:`NumberStyle`, which :func:`detect_style` reads from
the numbers the article writes unambiguously.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True, slots=True)
class NumberStyle:
    """How an article writes ambiguous numbers.

    ``decimal_comma``: ``2,357`` is 2.357 (German, most of Europe); otherwise 2357.
    ``dot_groups``: ``2.357`` is 2357; otherwise 2.357. ``45.000`` is read as 45000 either way.
    ``space_groups``: a plain space may group thousands (``20 000``); no-break and thin spaces
    always may.
    """

    decimal_comma: bool = False
    dot_groups: bool = False
    space_groups: bool = False


ENGLISH = NumberStyle()
GERMAN = NumberStyle(decimal_comma=True, dot_groups=True, space_groups=True)


# Group separators that can only group: no-break, narrow no-break and thin space.
HARD_SPACES = "\u00a0\u202f\u2009"
DIGIT_TOKEN = re.compile(
    rf"\d{{1,3}}(?:[{HARD_SPACES}]\d{{3}})+(?:[.,]\d+)?(?![\d])"
    r"|\d+(?:[.,]\d+)*"
    r"|\.\d+(?![.,]?\d)"
)
_INDIAN = re.compile(r"\d{1,2}(?:,\d{2})+,\d{3}")


def detect_style(text: str) -> NumberStyle:
    """Read the article's separator convention from the numbers it writes unambiguously."""
    return _detect_style(text)


# The look-behinds follow the first character, not before it, so that the engine skips ahead
# quickly to ASCII digits and characters past ASCII (a set it tests without a look-up), then
# checks that the one it stopped at is a digit; the second keeps the scan from retrying every
# later digit of a run, where no token can start.
_STYLE_TOKEN = re.compile(
    rf"[^\x00-/:-\x7f](?<=\d)(?<!\d\d)\d*+(?:[.,{HARD_SPACES}]\d+)+(?!\d)"
    r"(?:[ ]?(million|billion|bn|trillion|%))?"
)


def _separated_digits(text: str) -> bool:
    """Whether a digit, a separator and a digit stand in a row in ``text``, as in every token of
    ``_STYLE_TOKEN``: most articles write no such number, and their separators are few."""
    stop = len(text) - 1
    for mark in ".," + HARD_SPACES:
        at = text.find(mark, 1, stop)
        while at >= 0:
            if text[at - 1].isdecimal() and text[at + 1].isdecimal():
                return True
            at = text.find(mark, at + 1, stop)
    return False


@lru_cache(maxsize=16)
def _detect_style(text: str) -> NumberStyle:
    if not _separated_digits(text):
        return ENGLISH
    comma_decimal = point_decimal = comma_groups = dot_groups = dot_ambiguous = hard = 0
    dot_zeros = 0
    for m in _STYLE_TOKEN.finditer(text):
        token = m.group().split(" ")[0]
        if any(c in token for c in HARD_SPACES):
            hard += 1
            token = token.translate(_DROP_HARD_SPACES)
        has_dot, has_comma = "." in token, "," in token
        if has_dot and has_comma:
            if token.rfind(",") > token.rfind("."):
                comma_decimal += 1
            else:
                point_decimal += 1
            continue
        if not (has_dot or has_comma):
            continue
        mark = "." if has_dot else ","
        parts = token.split(mark)
        if len(parts) > 2:
            if all(len(p) == 3 for p in parts[1:]):
                if mark == ",":
                    comma_groups += 1
                else:
                    dot_groups += 1
            continue
        if len(parts[1]) != 3 or parts[0] == "0":
            if mark == ",":
                comma_decimal += 1
            else:
                point_decimal += 1
        elif mark == "." and m.group(1):
            point_decimal += 1
        elif mark == ".":
            dot_ambiguous += 1
            dot_zeros += parts[1] == "000"
    # Dot groups ("1.234.567") alone do not make "2,000" a decimal: a decimal comma must be seen.
    decimal_comma = comma_decimal > point_decimal + comma_groups
    # One "4.800" proves nothing; "45.000" or two d.ddd numbers without a decimal point do.
    dots = dot_groups > 0 or dot_zeros > 0 or dot_ambiguous > 1
    return NumberStyle(
        decimal_comma=decimal_comma,
        dot_groups=decimal_comma or (point_decimal == 0 and dots),
        space_groups=decimal_comma or hard > 0,
    )


_DROP_HARD_SPACES = str.maketrans("", "", HARD_SPACES + " ")


def digits_value(token: str, style: NumberStyle, *, before_scale: bool = False) -> float | None:
    """Value of a digit token such as ``1,234.5``, ``45.000`` or ``2.000,352``; ``None`` when the
    separators cannot belong to one number (``192.168.1.2``).

    ``before_scale``: a scale word follows ("2.345 million"), so a lone ``.ddd`` is a decimal.
    """
    if token.isdigit():
        return float(token)
    token = token.translate(_DROP_HARD_SPACES)
    if token.startswith("."):
        return float("0" + token)
    has_dot, has_comma = "." in token, "," in token
    if not (has_dot or has_comma):
        return float(token)
    if has_dot and has_comma:
        decimal = "," if token.rfind(",") > token.rfind(".") else "."
        group = "." if decimal == "," else ","
        head, _, tail = token.rpartition(decimal)
        if group in tail or decimal in head or not _valid_groups(head, group):
            return None
        return float(head.replace(group, "") + "." + tail)
    mark = "." if has_dot else ","
    parts = token.split(mark)
    if len(parts) > 2:
        return float("".join(parts)) if _valid_groups(token, mark) else None
    head, tail = parts
    if len(tail) != 3 or head == "0" or len(head) > 3:
        return float(head + "." + tail)
    if mark == ",":
        thousands = not style.decimal_comma
    else:
        thousands = style.decimal_comma or (
            not before_scale and (style.dot_groups or tail == "000")
        )
    return float(head + tail) if thousands else float(head + "." + tail)


def _valid_groups(token: str, mark: str) -> bool:
    parts = token.split(mark)
    if len(parts) == 1:
        return True
    if 1 <= len(parts[0]) <= 3 and all(len(p) == 3 for p in parts[1:]):
        return True
    return mark == "," and _INDIAN.fullmatch(token) is not None
