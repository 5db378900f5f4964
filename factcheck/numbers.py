"""Provides number reading for news text: digits under any separator convention, number words,
fractions, scale words and vague amounts.

This module reads digit tokens (powers, written fractions, abbreviated scales such as "5m") and
hands number words to :mod:`factcheck.numberphrases`; the separator style lives in
:mod:`factcheck.numberstyle` and the vocabulary in :mod:`factcheck.numberwords`. The public names
of those modules are re-exported here.
"""

from __future__ import annotations

import math
import re

from factcheck.numberphrases import read_words, scale_word_at
from factcheck.numberstyle import (
    DIGIT_TOKEN,
    ENGLISH,
    GERMAN,
    NumberStyle,
    detect_style,
    digits_value,
)
from factcheck.numberwords import (
    DIGITS,
    NUMBER_WORDS,
    ORDINAL_WORDS,
    VULGAR,
    VULGAR_FRACTIONS,
    Reading,
    Token,
)

__all__ = [
    "ENGLISH",
    "GERMAN",
    "NUMBER_WORDS",
    "ORDINAL_WORDS",
    "VULGAR_FRACTIONS",
    "NumberStyle",
    "Reading",
    "detect_style",
    "digits_value",
    "parse_number",
    "read_number",
]

_SPACED_DIGITS = re.compile(r"\d{1,3}(?: \d{3})+(?:,\d+)?(?![\d.,]?\d)")
# What may continue a digit token, in one pattern so that a plain number costs one failed match:
# a power ("1.1^23", "12.32e+14", "6.23x10^-4"), a written fraction ("3/4") or the fraction of a
# mixed number ("2 1/4").
_AFTER_DIGITS = re.compile(
    r"\^(?P<power>[+-]?\d+(?:\.\d+)?)"
    r"|[eE](?P<exponent>[+-]?\d{1,3})(?![A-Za-z\d])"
    r"|[ ]?[x×*][ ]?10\^(?P<times_ten>[+-]?\d+)"
    r"|/(?P<denominator>\d{1,3})(?![\d/])"
    r"|[ \t]+(?P<numerator>\d{1,2})/(?P<of>\d{1,2})(?![\d/])"
)
_ABBREVIATED_SCALE = re.compile(r"[ \u00a0]?(bn|bln|mn|mln|m|b|tn|trn|k|K)(?![A-Za-z\d])")
_MONEY_ONLY_SCALES = frozenset({"m", "b"})
_ABBREVIATED_VALUES = {
    "bn": 1e9,
    "bln": 1e9,
    "b": 1e9,
    "mn": 1e6,
    "mln": 1e6,
    "m": 1e6,
    "tn": 1e12,
    "trn": 1e12,
    "k": 1e3,
    "K": 1e3,
}
_SIGN_WORD = re.compile(r"(minus|negative)[ \t]+", re.IGNORECASE)
# The letters ``_SIGN_WORD`` may start with; looked at before the pattern is tried.
_SIGN_INITIALS = frozenset("mMnN")


def read_number(
    text: str, pos: int, end: int, style: NumberStyle, *, money: bool = False
) -> Reading | None:
    """Read the number phrase that starts exactly at ``pos`` (not past ``end``).

    ``money``: a currency symbol precedes, so ``5m`` and ``3b`` are millions and billions.
    """
    sign = 1.0
    start = pos
    m = _SIGN_WORD.match(text, pos, end) if text[pos : pos + 1] in _SIGN_INITIALS else None
    if m:
        sign, pos = -1.0, m.end()
    elif pos < end and text[pos] in "-−+":
        sign = -1.0 if text[pos] != "+" else 1.0
        pos += 1
    if pos >= end:
        return None
    c = text[pos]
    if c.isdigit() or (c == "." and pos + 1 < end and text[pos + 1].isdigit()):
        reading = _read_digits(text, pos, end, style, money)
    elif c in VULGAR:
        reading = Reading(pos, pos + 1, VULGAR[c], share=True)
    else:
        reading = read_words(text, pos, end)
    if reading is None:
        return None
    # "1e400" or a run of 400 digits overflows to infinity: no number anyone states.
    if reading.value is not None and not math.isfinite(reading.value):
        return None
    if start == reading.start:
        return reading
    if reading.value is None:
        return None
    return Reading(
        start,
        reading.end,
        sign * reading.value,
        share=reading.share,
        words=reading.words,
        slash=reading.slash,
    )


def _read_digits(text: str, pos: int, end: int, style: NumberStyle, money: bool) -> Reading | None:
    m = None
    if style.space_groups:
        m = _SPACED_DIGITS.match(text, pos, end)
    if m is None:
        m = DIGIT_TOKEN.match(text, pos, end)
    if m is None:
        return None
    token, stop = m.group(), m.end()
    scale_m = _ABBREVIATED_SCALE.match(text, stop, end)
    word_scale = scale_word_at(text, stop, end)
    value = digits_value(token, style, before_scale=bool(scale_m or word_scale))
    if value is None:
        return None
    plain = token.isdigit()
    if stop < end and text[stop] in VULGAR_FRACTIONS and plain:
        return Reading(pos, stop + 1, value + VULGAR[text[stop]])
    after = _AFTER_DIGITS.match(text, stop, end)
    if after is not None:
        continued = _continue_digits(after, pos, value, plain)
        if continued is not None:
            return None if continued.value is None else continued
    if scale_m and (money or scale_m.group(1) not in _MONEY_ONLY_SCALES):
        return Reading(pos, scale_m.end(), value * _ABBREVIATED_VALUES[scale_m.group(1)])
    if word_scale or (plain and value < 1000):
        phrase = read_words(text, pos, end, first=Token(DIGITS, value, pos, stop))
        if phrase is not None and phrase.end > stop:
            return Reading(pos, phrase.end, phrase.value, phrase.share)
    return Reading(pos, stop, value, digits=token if plain else None)


def _continue_digits(after: re.Match[str], pos: int, value: float, plain: bool) -> Reading | None:
    """The number a digit token and what continues it make; a reading without a value when they
    make none (an overflowing power, a zero denominator); ``None`` when the token stands alone."""
    found = after.groupdict()
    try:
        if found["power"] is not None:
            return Reading(pos, after.end(), value ** float(found["power"]))
        if found["exponent"] or found["times_ten"]:
            exponent = int(found["exponent"] or found["times_ten"])
            return Reading(pos, after.end(), value * 10.0**exponent)
    except (OverflowError, ZeroDivisionError):
        return Reading(pos, after.end(), None)
    if not plain:
        return None
    if found["denominator"] is not None:
        denominator = int(found["denominator"])
        if denominator == 0:
            return Reading(pos, after.end(), None)
        return Reading(pos, after.end(), value / denominator, share=True, slash=True)
    numerator, denominator = int(found["numerator"]), int(found["of"])
    if 0 < numerator < denominator:
        return Reading(pos, after.end(), value + numerator / denominator)
    return None


def parse_number(s: str, style: NumberStyle | None = None) -> float | None:
    """Value of ``s`` when the whole of it (surrounding blanks aside) is one number phrase:
    "2.5 million" -> 2500000.0, "two-thirds" -> 0.666..., "45.000" -> 45000.0 (with the style
    read from ``s`` itself unless given); ``None`` otherwise, never an exception."""
    s = s.strip()
    if not s:
        return None
    style = style or detect_style(s)
    try:
        reading = read_number(s, 0, len(s), style, money=False)
    except (ValueError, OverflowError, ZeroDivisionError):
        return None
    if reading is None or reading.end != len(s) or reading.value is None:
        return None
    if math.isnan(reading.value):
        return None
    return reading.value
