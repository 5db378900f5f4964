"""Provides the vocabulary of numbers written in words (cardinals, scales, ordinals usable as
denominators, vague plurals, vulgar fractions) with the word classes the phrase reader sorts them
into; and :class:`Reading`, what reading a number phrase yields.
"""

from __future__ import annotations

from typing import NamedTuple


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
UNIT, TEEN, TENS, HUNDRED, SCALE, DOZEN, ORDINAL, AND, ARTICLE, DIGITS = range(10)


def _words(text: str) -> list[str]:
    """The words of a whitespace-separated list."""
    return text.split()


CARDINALS: dict[str, tuple[int, float]] = {}
for _i, _w in enumerate(_words("zero one two three four five six seven eight nine")):
    CARDINALS[_w] = (UNIT, float(_i))
for _i, _w in enumerate(
    _words("ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen")
):
    CARDINALS[_w] = (TEEN, float(10 + _i))
for _i, _w in enumerate(_words("twenty thirty forty fifty sixty seventy eighty ninety")):
    CARDINALS[_w] = (TENS, float(20 + 10 * _i))
CARDINALS["hundred"] = (HUNDRED, 100.0)
SCALE_WORDS = {
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "lakh": 1e5,
    "lakhs": 1e5,
    "crore": 1e7,
    "crores": 1e7,
}
for _w, _v in SCALE_WORDS.items():
    CARDINALS[_w] = (SCALE, _v)
# Indian and international scales do not mix in one number: "2 crore and 5 million" is two.
INDIAN_SCALES = frozenset({1e5, 1e7})
MIXED_SCALES = frozenset({1e5, 1e7, 1e6, 1e9, 1e12})
CARDINALS["dozen"] = (DOZEN, 12.0)
CARDINALS["dozens"] = (DOZEN, 12.0)
CARDINALS["and"] = (AND, 0.0)
CARDINALS["a"] = (ARTICLE, 1.0)
CARDINALS["an"] = (ARTICLE, 1.0)

# Ordinals usable as denominators, with the cardinal each stands for.
_ORDINAL_ROOTS = {
    "third": (UNIT, 3.0),
    "fourth": (UNIT, 4.0),
    "fifth": (UNIT, 5.0),
    "sixth": (UNIT, 6.0),
    "seventh": (UNIT, 7.0),
    "eighth": (UNIT, 8.0),
    "ninth": (UNIT, 9.0),
    "tenth": (TEEN, 10.0),
    "eleventh": (TEEN, 11.0),
    "twelfth": (TEEN, 12.0),
    "thirteenth": (TEEN, 13.0),
    "fourteenth": (TEEN, 14.0),
    "fifteenth": (TEEN, 15.0),
    "sixteenth": (TEEN, 16.0),
    "seventeenth": (TEEN, 17.0),
    "eighteenth": (TEEN, 18.0),
    "nineteenth": (TEEN, 19.0),
    "twentieth": (TENS, 20.0),
    "thirtieth": (TENS, 30.0),
    "fortieth": (TENS, 40.0),
    "fiftieth": (TENS, 50.0),
    "sixtieth": (TENS, 60.0),
    "seventieth": (TENS, 70.0),
    "eightieth": (TENS, 80.0),
    "ninetieth": (TENS, 90.0),
    "hundredth": (HUNDRED, 100.0),
    "thousandth": (SCALE, 1e3),
    "millionth": (SCALE, 1e6),
    "billionth": (SCALE, 1e9),
    "trillionth": (SCALE, 1e12),
}
ORDINALS: dict[str, tuple[int, float]] = {}
for _w, _c in _ORDINAL_ROOTS.items():
    ORDINALS[_w] = _c
    ORDINALS[_w + "s"] = _c
# "first" and "second" are denominators only at the end of a compound ("a twenty-first"): alone,
# nobody writes 1/2 as "one second", and "two seconds" is a time.
COMPOUND_ONLY = {"first": 1.0, "firsts": 1.0, "second": 2.0, "seconds": 2.0}
for _w, _v in COMPOUND_ONLY.items():
    ORDINALS[_w] = (UNIT, _v)
# "half" and "quarter" never take part in a compound denominator; the sentinel kind keeps them out.
_SIMPLE_DENOMINATORS = {"half": 2.0, "halves": 2.0, "quarter": 4.0, "quarters": 4.0}
for _w, _v in _SIMPLE_DENOMINATORS.items():
    ORDINALS[_w] = (-1, _v)

VAGUE_PLURALS = {
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
    [w for w in CARDINALS if w not in ("and", "a", "an")]
    + [w for w in ORDINALS if w not in COMPOUND_ONLY]
    + list(VAGUE_PLURALS)
)
"""Every word that can start or carry a number phrase (lower case)."""

ORDINAL_WORDS: frozenset[str] = frozenset(
    w for w, (kind, _) in ORDINALS.items() if kind != -1 and w not in COMPOUND_ONLY
)
"""Ordinals that are a fraction only after a numerator ("a third", "two fifths"); alone they
rank ("third biggest city")."""

VULGAR = {
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
VULGAR_FRACTIONS = "".join(VULGAR)


class Token(NamedTuple):
    """A word (or the leading digits) of a number phrase: its class, value and place."""

    kind: int
    value: float
    start: int
    end: int
    hyphen: bool = False
    ordinal_of: int = -1
    plural: bool = False
