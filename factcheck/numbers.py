"""Provides number reading for news text: digits under any separator convention, number words,
fractions, scale words, vague amounts and the per-article separator style.

Separators are decided per number: ``1,234.5`` and ``2.000,352`` are unambiguous, ``2,357`` and
``45.000`` are read with the article's :class:`NumberStyle`. Word numbers follow English grammar
("two hundred and six", "twenty-one trillion and three hundred"); a phrase ending in an ordinal is
a fraction ("two-thirds", "one hundred thirty-fifths" = 100/35).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple


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


class Reading(NamedTuple):
    """A number phrase read at ``text[start:end]`` (a named tuple: one is made per number on the
    scanning path, where a frozen dataclass costs twice as much to build).

    ``value`` is ``None`` for a vague amount, whose bounds are ``low``/``high``. ``share`` marks a
    fraction of a whole without an integer part ("a third", "3/4"): its value is on the 0-1 scale.
    ``digits`` keeps a bare integer written in digits (no separators, words or scale) so that
    callers can tell years and identifiers apart. ``words`` is true when no digit was read;
    ``slash`` marks a written fraction such as ``3/4``, which callers accept only in context.
    """

    start: int
    end: int
    value: float | None
    share: bool = False
    digits: str | None = None
    words: bool = False
    low: float | None = None
    high: float | None = None
    slash: bool = False


# Word classes: unit digit, teen, tens, hundred, scale, dozen, ordinal, "and", article, digits.
_U, _T, _D, _H, _S, _Z, _O, _AND, _ART, _N = range(10)


def _words(text: str) -> list[str]:
    """The words of a whitespace-separated list."""
    return text.split()


_CARDINALS: dict[str, tuple[int, float]] = {}
for _i, _w in enumerate(_words("zero one two three four five six seven eight nine")):
    _CARDINALS[_w] = (_U, float(_i))
for _i, _w in enumerate(
    _words("ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen")
):
    _CARDINALS[_w] = (_T, float(10 + _i))
for _i, _w in enumerate(_words("twenty thirty forty fifty sixty seventy eighty ninety")):
    _CARDINALS[_w] = (_D, float(20 + 10 * _i))
_CARDINALS["hundred"] = (_H, 100.0)
_SCALE_WORDS = {
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "lakh": 1e5,
    "lakhs": 1e5,
    "crore": 1e7,
    "crores": 1e7,
}
for _w, _v in _SCALE_WORDS.items():
    _CARDINALS[_w] = (_S, _v)
# Indian and international scales do not mix in one number: "2 crore and 5 million" is two.
_INDIAN_SCALES = frozenset({1e5, 1e7})
_MIXED_SCALES = frozenset({1e5, 1e7, 1e6, 1e9, 1e12})
_CARDINALS["dozen"] = (_Z, 12.0)
_CARDINALS["dozens"] = (_Z, 12.0)
_CARDINALS["and"] = (_AND, 0.0)
_CARDINALS["a"] = (_ART, 1.0)
_CARDINALS["an"] = (_ART, 1.0)

# Ordinals usable as denominators, with the cardinal each stands for.
_ORDINAL_ROOTS = {
    "third": (_U, 3.0),
    "fourth": (_U, 4.0),
    "fifth": (_U, 5.0),
    "sixth": (_U, 6.0),
    "seventh": (_U, 7.0),
    "eighth": (_U, 8.0),
    "ninth": (_U, 9.0),
    "tenth": (_T, 10.0),
    "eleventh": (_T, 11.0),
    "twelfth": (_T, 12.0),
    "thirteenth": (_T, 13.0),
    "fourteenth": (_T, 14.0),
    "fifteenth": (_T, 15.0),
    "sixteenth": (_T, 16.0),
    "seventeenth": (_T, 17.0),
    "eighteenth": (_T, 18.0),
    "nineteenth": (_T, 19.0),
    "twentieth": (_D, 20.0),
    "thirtieth": (_D, 30.0),
    "fortieth": (_D, 40.0),
    "fiftieth": (_D, 50.0),
    "sixtieth": (_D, 60.0),
    "seventieth": (_D, 70.0),
    "eightieth": (_D, 80.0),
    "ninetieth": (_D, 90.0),
    "hundredth": (_H, 100.0),
    "thousandth": (_S, 1e3),
    "millionth": (_S, 1e6),
    "billionth": (_S, 1e9),
    "trillionth": (_S, 1e12),
}
_ORDINALS: dict[str, tuple[int, float]] = {}
for _w, _c in _ORDINAL_ROOTS.items():
    _ORDINALS[_w] = _c
    _ORDINALS[_w + "s"] = _c
# "first" and "second" are denominators only at the end of a compound ("a twenty-first"): alone,
# nobody writes 1/2 as "one second", and "two seconds" is a time.
_COMPOUND_ONLY = {"first": 1.0, "firsts": 1.0, "second": 2.0, "seconds": 2.0}
for _w, _v in _COMPOUND_ONLY.items():
    _ORDINALS[_w] = (_U, _v)
# "half" and "quarter" never take part in a compound denominator; the sentinel kind keeps them out.
_SIMPLE_DENOMINATORS = {"half": 2.0, "halves": 2.0, "quarter": 4.0, "quarters": 4.0}
for _w, _v in _SIMPLE_DENOMINATORS.items():
    _ORDINALS[_w] = (-1, _v)

_VAGUE_PLURALS = {
    "tens": 10.0,
    "dozens": 12.0,
    "scores": 20.0,
    "hundreds": 100.0,
    "thousands": 1e3,
    "millions": 1e6,
    "billions": 1e9,
    "trillions": 1e12,
}

NUMBER_WORDS: frozenset[str] = frozenset(
    [w for w in _CARDINALS if w not in ("and", "a", "an")]
    + [w for w in _ORDINALS if w not in _COMPOUND_ONLY]
    + list(_VAGUE_PLURALS)
)
"""Every word that can start or carry a number phrase (lower case)."""

ORDINAL_WORDS: frozenset[str] = frozenset(
    w for w, (kind, _) in _ORDINALS.items() if kind != -1 and w not in _COMPOUND_ONLY
)
"""Ordinals that are a fraction only after a numerator ("a third", "two fifths"); alone they
rank ("third biggest city")."""

_VULGAR = {
    "½": 1 / 2,
    "⅓": 1 / 3,
    "⅔": 2 / 3,
    "¼": 1 / 4,
    "¾": 3 / 4,
    "⅕": 1 / 5,
    "⅖": 2 / 5,
    "⅗": 3 / 5,
    "⅘": 4 / 5,
    "⅙": 1 / 6,
    "⅚": 5 / 6,
    "⅛": 1 / 8,
    "⅜": 3 / 8,
    "⅝": 5 / 8,
    "⅞": 7 / 8,
}
VULGAR_FRACTIONS = "".join(_VULGAR)

# Group separators that can only group: no-break, narrow no-break and thin space.
_HARD_SPACES = "\u00a0\u202f\u2009"
_DIGITS = re.compile(
    rf"\d{{1,3}}(?:[{_HARD_SPACES}]\d{{3}})+(?:[.,]\d+)?(?![\d])"
    r"|\d+(?:[.,]\d+)*"
    r"|\.\d+(?![.,]?\d)"
)
_SPACED_DIGITS = re.compile(r"\d{1,3}(?: \d{3})+(?:,\d+)?(?![\d.,]?\d)")
_INDIAN = re.compile(r"\d{1,2}(?:,\d{2})+,\d{3}")
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
_WORD = re.compile(r"([ \t\u00a0]*)(?:([-\u2010\u2011])[ \t\u00a0]*)?([A-Za-z]+)")
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
_HALF_OF_SCALE = re.compile(r"[ \t]+an?[ \t]+(dozen|hundred|thousand|million|billion|trillion)\b")
_OVER = re.compile(r"[ \t]+over[ \t]+")
_GLUED_WORD = re.compile(r"-[A-Za-z]")
_PLAIN_INTEGER = re.compile(r"\d{1,6}(?![\d.,])")
_POINT = re.compile(r"[ \t]+point(?=[ \t]+[A-Za-z])", re.IGNORECASE)
_VAGUE = re.compile(
    r"(tens|dozens|scores|hundreds|thousands|millions|billions|trillions)"
    r"(?:[ \t]+(?:of[ \t]+)?(thousands|millions|billions))?(?![A-Za-z])",
    re.IGNORECASE,
)
_FEW = re.compile(
    r"(several|a[ \t]+few|many)[ \t]+(hundred|thousand|million|billion)(?![A-Za-z])",
    re.IGNORECASE,
)
_SIGN_WORD = re.compile(r"(minus|negative)[ \t]+", re.IGNORECASE)


class _Tok(NamedTuple):
    """A word (or the leading digits) of a number phrase: its class, value and place."""

    kind: int
    value: float
    start: int
    end: int
    hyphen: bool = False
    ordinal_of: int = -1
    plural: bool = False


def detect_style(text: str) -> NumberStyle:
    """Read the article's separator convention from the numbers it writes unambiguously."""
    return _detect_style(text)


# Starts with a digit, not a look-behind, so that the engine skips ahead to digits quickly.
_STYLE_TOKEN = re.compile(
    rf"\d+(?:[.,{_HARD_SPACES}]\d+)+(?!\d)(?:[ ]?(million|billion|bn|trillion|%))?"
)


@lru_cache(maxsize=16)
def _detect_style(text: str) -> NumberStyle:
    comma_decimal = point_decimal = comma_groups = dot_groups = dot_ambiguous = hard = 0
    dot_zeros = 0
    for m in _STYLE_TOKEN.finditer(text):
        token = m.group().split(" ")[0]
        if any(c in token for c in _HARD_SPACES):
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


_DROP_HARD_SPACES = str.maketrans("", "", _HARD_SPACES + " ")


def digits_value(token: str, style: NumberStyle, *, before_scale: bool = False) -> float | None:
    """Value of a digit token such as ``1,234.5``, ``45.000`` or ``2.000,352``; ``None`` when the
    separators cannot belong to one number (``192.168.1.2``).

    ``before_scale``: a scale word follows ("2.345 million"), so a lone ``.ddd`` is a decimal.
    """
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


def read_number(
    text: str, pos: int, end: int, style: NumberStyle, *, money: bool = False
) -> Reading | None:
    """Read the number phrase that starts exactly at ``pos`` (not past ``end``).

    ``money``: a currency symbol precedes, so ``5m`` and ``3b`` are millions and billions.
    """
    sign = 1.0
    start = pos
    m = _SIGN_WORD.match(text, pos, end)
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
    elif c in _VULGAR:
        reading = Reading(pos, pos + 1, _VULGAR[c], share=True)
    else:
        reading = _read_words(text, pos, end)
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
        m = _DIGITS.match(text, pos, end)
    if m is None:
        return None
    token, stop = m.group(), m.end()
    scale_m = _ABBREVIATED_SCALE.match(text, stop, end)
    word_scale = _scale_word_at(text, stop, end)
    value = digits_value(token, style, before_scale=bool(scale_m or word_scale))
    if value is None:
        return None
    plain = token.isdigit()
    if stop < end and text[stop] in VULGAR_FRACTIONS and plain:
        return Reading(pos, stop + 1, value + _VULGAR[text[stop]])
    after = _AFTER_DIGITS.match(text, stop, end)
    if after is not None:
        continued = _continue_digits(after, pos, value, plain)
        if continued is not None:
            return None if continued.value is None else continued
    if scale_m and (money or scale_m.group(1) not in _MONEY_ONLY_SCALES):
        return Reading(pos, scale_m.end(), value * _ABBREVIATED_VALUES[scale_m.group(1)])
    if word_scale or (plain and value < 1000):
        phrase = _read_words(text, pos, end, first=_Tok(_N, value, pos, stop))
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


def _scale_word_at(text: str, pos: int, end: int) -> bool:
    m = _WORD.match(text, pos, end)
    if m is None or m.group(2):
        return False
    kind = _CARDINALS.get(m.group(3).lower(), (-1, 0.0))[0]
    return kind in (_S, _H, _Z)


def _tokens(text: str, pos: int, end: int, first: _Tok | None) -> list[_Tok]:
    """The run of number words from ``pos``: cardinals, ordinals, "and", articles, and digits
    after "and" ("3 hundred and 21"). The run stops after an ordinal unless a scale follows."""
    toks: list[_Tok] = []
    if first is not None:
        toks.append(first)
        pos = first.end
    while pos < end:
        m = _WORD.match(text, pos, end)
        if m is None:
            if toks and toks[-1].kind in (_AND, _S):
                n = _DIGITS.match(text, pos + 1, end) if text[pos] in " \t" else None
                # After a scale, digits go on only before a smaller scale ("2 crore 50 lakh");
                # after "and", only when they end the number ("3 hundred and 21").
                if n and (toks[-1].kind == _S) != _scale_word_at(text, n.end(), end):
                    n = None
                if n and n.group().isdigit():
                    toks.append(_Tok(_N, float(n.group()), n.start(), n.end()))
                    pos = n.end()
                    continue
            break
        if m.group(1) == "" and m.group(2) is None and toks:
            break
        word = m.group(3).lower()
        hyphen = m.group(2) is not None
        kind, value = _CARDINALS.get(word, (-2, 0.0))
        ordinal_of = -1
        if kind == -2:
            ordinal = _ORDINALS.get(word)
            # "a third-party vendor", "half-brother": an ordinal glued to a word is an adjective.
            if ordinal is None or _GLUED_WORD.match(text, m.end(), end):
                break
            if word in _COMPOUND_ONLY and not (toks and toks[-1].kind == _D):
                break
            kind, value, ordinal_of = _O, ordinal[1], ordinal[0]
        if kind == _ART and toks and toks[-1].kind != _AND:
            break
        if kind == _AND and (not toks or hyphen):
            break
        if toks and toks[-1].kind == _O and kind != _S:
            break
        if hyphen and not toks:
            break
        plural = word.endswith("s") or word == "halves"
        toks.append(_Tok(kind, value, m.start(3), m.end(3), hyphen, ordinal_of, plural))
        pos = m.end()
    while toks and toks[-1].kind in (_AND, _ART):
        toks.pop()
    return toks


def _cardinal(toks: list[_Tok], i: int, j: int, ordinal: _Tok | None = None) -> tuple[float, int]:
    """Longest well-formed cardinal in ``toks[i:j]`` (then ``ordinal`` read as its cardinal):
    its value and the index after it (``i`` when none)."""
    seq = toks[i:j] if ordinal is None else [*toks[i:j], ordinal]
    total = group = 0.0
    state = "start"
    last_scale = math.inf
    hundred = False
    best = (0.0, i)
    for k, tok in enumerate(seq):
        kind, value = tok.kind, tok.value
        following = seq[k + 1].kind if k + 1 < len(seq) else -1
        if kind == _AND:
            if state not in ("hundred", "scale"):
                break
            state = "and"
            continue
        if kind == _U:
            if state in ("start", "hundred", "scale", "and") or (state == "tens" and value > 0):
                group += value
                state = "unit"
            else:
                break
        elif kind in (_T, _D):
            if state not in ("start", "hundred", "scale", "and"):
                break
            group += value
            state = "tens" if kind == _D else "unit"
        elif kind == _N:
            if state == "start":
                group, state = value, "unit"
            elif state in ("hundred", "scale", "and") and value.is_integer() and value < 100:
                # Digits after "and" end the number: "3 hundred and 21", not "... and 5 million";
                # after a scale a smaller scale may follow: "2 crore 50 lakh".
                group += value
                state = "last" if state == "and" else "unit"
            else:
                break
        elif kind == _ART:
            # "a" counts as one only before "hundred", "million" or "dozen".
            if state != "start" or following not in (_H, _S, _Z):
                break
            group, state = 1.0, "article"
            continue
        elif kind == _H:
            if state == "start" and following == _S:
                group, hundred, state = 100.0, True, "hundred"
            elif state in ("unit", "tens", "article") and not hundred and 0 < group < 1000:
                group *= 100
                hundred, state = True, "hundred"
            else:
                break
        elif kind == _S:
            mixed = {value, last_scale} <= _MIXED_SCALES and (value in _INDIAN_SCALES) != (
                last_scale in _INDIAN_SCALES
            )
            if state in ("unit", "tens", "hundred", "article") and group > 0 and value < last_scale:
                if mixed:
                    break
                total += group * value
                group, hundred, last_scale, state = 0.0, False, value, "scale"
            else:
                break
        elif kind == _Z:
            if state in ("unit", "tens", "article") and not hundred and total == 0:
                group *= 12
                state = "dozen"
            else:
                break
        else:
            break
        best = (total + group, i + k + 1)
    return best


def _fraction(toks: list[_Tok], i: int, k: int) -> float | None:
    """Value of numerator ``toks[i:k]`` over the denominator that ends in ordinal ``toks[k]``.

    The denominator is the longest well-formed ordinal phrase that leaves a well-formed numerator:
    "one hundred thirty-fifths" is 100/35 and "one hundred thirty-two fifths" 132/5. A compound
    like "ninety-five" is never split.
    """
    last = toks[k]
    if i == k:
        return 0.5 if last.ordinal_of == -1 and last.value == 2.0 and not last.plural else None
    compound_only = last.ordinal_of == _U and last.value in (1.0, 2.0)
    for d in range(i + 1, k + 1):
        if (last.ordinal_of == -1 and d != k) or (compound_only and d == k):
            continue
        if toks[d].hyphen and toks[d - 1].kind == _D:
            continue
        if d < k and toks[d].kind in (_H, _S):
            continue
        if d == k and (last.ordinal_of in (-1, _H, _S)):
            denominator = last.value
        else:
            as_cardinal = _Tok(last.ordinal_of, last.value, last.start, last.end)
            denominator, n = _cardinal(toks, d, k, as_cardinal)
            if n != k + 1 or denominator == 0:
                continue
        if d == i + 1 and toks[i].kind == _ART:
            numerator = 1.0
        else:
            numerator, n = _cardinal(toks, i, d)
            if n != d or numerator <= 0:
                continue
        # "twenty-fifth anniversary" is an ordinal: more than one needs a plural denominator.
        if numerator > 1 and not last.plural:
            continue
        return numerator / denominator
    return None


def _read_words(
    text: str, pos: int, end: int, first: _Tok | None = None, *, whole: bool = False
) -> Reading | None:
    """The word phrase at ``pos`` (after the digits ``first`` when given); ``whole``: an
    integer only, as the denominator of "one over twenty" is (and never itself a fraction)."""
    few = _FEW.match(text, pos, end) if first is None else None
    if few:
        base = _SCALE_WORDS.get(few.group(2).lower(), 100.0)
        lead = few.group(1).lower()
        if lead.startswith("a"):
            low, high = 2 * base, 5 * base
        else:
            low, high = (3 if lead == "several" else 2) * base, 10 * base - 1
        return Reading(pos, few.end(), None, words=True, low=low, high=high)
    vague = _VAGUE.match(text, pos, end) if first is None else None
    if vague:
        base = _VAGUE_PLURALS[vague.group(1).lower()]
        times = _VAGUE_PLURALS[vague.group(2).lower()] if vague.group(2) else 1.0
        low, high = 2 * base, 10 * base - 1
        if base == 12.0:
            low, high = 24.0, 99.0
        elif base == 20.0:
            low, high = 40.0, 99.0
        if vague.group(2):
            low, high = low * times, (high + 1) * times - 1
        return Reading(pos, vague.end(), None, words=True, low=low, high=high)
    toks = _tokens(text, pos, end, first)
    if not toks:
        return None
    words = first is None
    ordinal_at = next((k for k, t in enumerate(toks) if t.kind == _O), None)
    if ordinal_at is not None:
        # A number run that ends in an ordinal but is no fraction is an ordinal ("twenty-fifth").
        return _read_fraction(text, toks, ordinal_at, end, words)
    value, n = _cardinal(toks, 0, len(toks))
    if n == 0:
        return None
    stop = toks[n - 1].end
    if words and n == 1 and toks[0].kind == _S:
        return None
    point = _POINT.match(text, stop, end)
    if point and value.is_integer():
        decimals = _decimal_digits(_tokens(text, point.end(), end, None))
        if decimals:
            digits, last = decimals
            return Reading(pos, last, value + float("0." + digits), words=words)
    if whole:
        return Reading(pos, stop, value, words=words)
    over = _OVER.match(text, stop, end)
    below = _integer_at(text, over.end(), end) if over and value.is_integer() else None
    if _divides(value, below) and below is not None and _ends_phrase(text, below.end, end):
        return Reading(pos, below.end, value / (below.value or 1.0), share=True, words=words)
    return Reading(pos, stop, value, words=words)


def _divides(value: float, below: Reading | None) -> bool:
    """ "one over twenty": a whole number over a larger one."""
    if below is None or below.value is None or below.share:
        return False
    return below.value.is_integer() and below.value > value > 0


def _integer_at(text: str, pos: int, end: int) -> Reading | None:
    """A whole number written in plain digits or in words at ``pos``."""
    m = _PLAIN_INTEGER.match(text, pos, end)
    if m:
        return Reading(pos, m.end(), float(m.group()), digits=m.group())
    return _read_words(text, pos, end, whole=True)


def _ends_phrase(text: str, pos: int, end: int) -> bool:
    """No word follows: "1 over 3" is a fraction, "won 1 over 3 rivals" is not."""
    m = _WORD.match(text, pos, end)
    return m is None or (m.group(1) == "" and m.group(2) is None)


def _decimal_digits(toks: list[_Tok]) -> tuple[str, int] | None:
    """ "zero three" -> "03", "seventy-one" -> "71": the digits spoken after "point"."""
    digits = ""
    last = 0
    k = 0
    while k < len(toks):
        tok = toks[k]
        if tok.kind == _U:
            digits += str(int(tok.value))
        elif tok.kind in (_T, _D):
            value = int(tok.value)
            if (
                tok.kind == _D
                and k + 1 < len(toks)
                and toks[k + 1].kind == _U
                and toks[k + 1].hyphen
            ):
                value += int(toks[k + 1].value)
                k += 1
            digits += str(value)
        else:
            break
        last = toks[k].end
        k += 1
    return (digits, last) if digits else None


def _read_fraction(text: str, toks: list[_Tok], k: int, end: int, words: bool) -> Reading | None:
    scale = toks[k + 1].value if k + 1 < len(toks) and toks[k + 1].kind == _S else None
    stop = toks[k + 1].end if scale else toks[k].end
    for a in range(k - 1, 0, -1):
        if toks[a].kind != _AND:
            continue
        whole, n = _cardinal(toks, 0, a)
        if n != a:
            continue
        part = _fraction(toks, a + 1, k)
        # A mixed number ends in a proper fraction; "one hundred and thirty fifths" is 130/5.
        if part is None or part >= 1:
            continue
        last = toks[a - 1]
        if scale is not None:
            inner = max((t.value for t in toks[:a] if t.kind == _S), default=0.0)
            value = whole + part * scale if inner > scale else (whole + part) * scale
        elif last.kind == _S and last.value >= 1e3:
            value = whole + part * last.value
        else:
            value = whole + part
        return Reading(toks[0].start, stop, value, words=words)
    part = _fraction(toks, 0, k)
    if part is None and k == 0 and scale is not None and toks[0].ordinal_of == -1:
        part = 1 / toks[0].value
    if part is None:
        return None
    if scale is not None:
        return Reading(toks[0].start, stop, part * scale, words=words)
    half = _HALF_OF_SCALE.match(text, stop, end)
    if half and part < 1:
        multiplier = _CARDINALS[half.group(1).lower()][1]
        return Reading(toks[0].start, half.end(), part * multiplier, words=words)
    return Reading(toks[0].start, stop, part, share=part <= 1, words=words)


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
