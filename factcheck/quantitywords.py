"""Provides the words and patterns around a number in news text: the anchors a quantity starts
from, hedges and bounds before it ("about", "more than", "between"), ranges, bounds and shares
after it ("5 to 10", "or more", "one in five"), and the counted noun ("126 key places").

Patterns that look behind a number are written backwards and matched against the reversed text
before it: one anchored match instead of a search over a window.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple

from factcheck.numbers import (
    NUMBER_WORDS,
    VULGAR_FRACTIONS,
    Reading,
)
from factcheck.trie import trie_regex
from factcheck.units import Unit
from factcheck.wordscan import Vocabulary, WordScan

BLANKS = r"[ \t\u00a0]+"


def word_list(text: str) -> list[str]:
    """The words of a whitespace-separated list."""
    return text.split()


def _cased(words: Iterable[str]) -> list[str]:
    return [form for w in words for form in (w, w.capitalize(), w.upper())]


def backwards(phrases: Iterable[str]) -> str:
    """A trie regex of ``phrases`` spelled backwards, for matching the reversed text that ends
    where a number starts: one anchored match instead of a search over a window."""
    return trie_regex(p[::-1] for p in phrases).replace(r"\ ", BLANKS)


def behind(pattern: re.Pattern[str], text: str, lo: int, pos: int) -> re.Match[str] | None:
    """``pattern`` (written backwards) matched against the 48 characters before ``pos``; the
    match covers ``text[pos - m.end():pos]``."""
    return pattern.match(text[max(lo, pos - 48) : pos][::-1])


_ARTICLE_UNITS = word_list(
    """year month week day decade century hour minute mile kilometre kilometer metre meter foot ton
    tonne pound dollar euro"""
)
_ARTICLE_PHRASES = [f"{a} {u}" for a in ("a", "an", "A", "An") for u in _ARTICLE_UNITS]
_PERCENT_PHRASES = [f"{p} of" for p in _cased(["percent", "percents", "per cent", "per cents"])]
# One alternation: every extra branch would cost a pass at every position of the text. What the
# match is (digits, a number word, "a year" after a hedge, "per cent of 210") is told apart after.
_ANCHOR_WORDS = trie_regex(
    _cased(sorted(NUMBER_WORDS)) + _ARTICLE_PHRASES + _PERCENT_PHRASES
).replace(r"\ ", r"[ \t]+")
ANCHOR = re.compile(rf"[\d{VULGAR_FRACTIONS}][\d.,]*|\b(?:{_ANCHOR_WORDS})\b")
# The same anchors past a window's first place, each word found from the character before it: the
# search stops only at characters that are no ASCII letter (a set it tests quickly), the rest of
# the pattern checks that the one it stopped at is a digit or stands before a word.
_ANCHOR_AFTER = re.compile(
    rf"[^A-Za-z_](?:(?<=[\d{VULGAR_FRACTIONS}])[\d.,]*|(?<=\W)(?P<word>(?:{_ANCHOR_WORDS})\b))"
)


def anchors(text: str, lo: int, hi: int) -> Iterator[re.Match[str]]:
    """The matches of ``ANCHOR.finditer(text, lo, hi)``, found faster."""
    pos = lo
    m = ANCHOR.match(text, lo, hi)
    if m is not None:
        yield m
        pos = m.end()
    for found in _ANCHOR_AFTER.finditer(text, pos, hi):
        if found.group("word") is None:
            yield found
            continue
        m = ANCHOR.match(text, found.start("word"), hi)
        assert m is not None
        yield m


def _heads(words: Iterable[str]) -> list[str]:
    """The first four letters of each word, leaving out those that start with another."""
    heads = sorted({word[:4] for word in words})
    return [head for head in heads if not any(head.startswith(h) for h in heads if h != head)]


# Every anchor word, lower-cased, starts with one of these: a number word's head, an article
# and its blank, or "per" of "percent of".
_WORD_HEADS = [*_heads(NUMBER_WORDS), "a ", "a\t", "an ", "an\t", "per"]
_HEADS = Vocabulary(_WORD_HEADS)
# An ASCII digit run, or a character past ASCII (a digit or a fraction there sends the article
# back to the search sentence by sentence); a set the engine tests quickly.
_DIGITS_OR_WIDE = re.compile("[0-9\u0080-\U0010ffff](?:(?<=[0-9])[0-9]*)?")


def anchor_places(text: str, lower: str | None, words: WordScan | None = None) -> list[int] | None:
    """Where in ``text`` an anchor may start, sorted, for :func:`anchors_at`: each run of ASCII
    digits and each word start in ``lower`` (``trie.lowered(text)``) that holds the head of an
    anchor word; ``None`` without ``lower`` or when ``text`` writes a digit or a fraction past
    ASCII. ``words`` is the :class:`WordScan` of ``lower`` when the caller has it."""
    if lower is None:
        return None
    places = []
    if words is None:
        for run in _DIGITS_OR_WIDE.finditer(text):
            char = run.group()[0]
            if char <= "9":
                places.append(run.start())
            elif char.isdecimal() or char in VULGAR_FRACTIONS:
                return None
    else:
        if any(text[at].isdecimal() or text[at] in VULGAR_FRACTIONS for at in words.wide()):
            return None
        places = words.digit_runs()
    if words is None:
        heads = [(at, head) for head in _WORD_HEADS for at in _occurrences(lower, head)]
    else:
        heads = words.places(_HEADS)
    for at, _ in heads:
        if at == 0 or not (text[at - 1].isalnum() or text[at - 1] == "_"):
            places.append(at)
    places.sort()
    return places


def _occurrences(text: str, word: str) -> list[int]:
    found = []
    at = text.find(word)
    while at >= 0:
        found.append(at)
        at = text.find(word, at + 1)
    return found


def anchors_at(text: str, lo: int, hi: int, places: Sequence[int]) -> Iterator[re.Match[str]]:
    """The matches of ``ANCHOR.finditer(text, lo, hi)``, tried only at ``lo`` and at ``places``
    (``anchor_places(text, ...)``): a digit that starts no run is taken in by the match of the
    one before it, unless it stands at ``lo``."""
    pos = lo
    first = bisect.bisect_left(places, lo)
    m = None
    if lo < hi and ((first < len(places) and places[first] == lo) or text[lo].isdecimal()):
        m = ANCHOR.match(text, lo, hi)
    if m is not None:
        yield m
        pos = m.end()
        first = bisect.bisect_left(places, pos, first)
    for index in range(first, bisect.bisect_left(places, hi, first)):
        at = places[index]
        if at >= pos:
            m = ANCHOR.match(text, at, hi)
            if m is not None:
                yield m
                pos = m.end()


# What may stand right before a number and what it does: a hedge ("approx"), a lower or upper
# bound, a near-miss ("nearly": an upper bound that is also approximate), an exact marker, or the
# start of a range.
_PREFIX_PHRASES = {
    "approx": "about|around|some|roughly|approximately|approx.|approx|near|an estimated|"
    "estimated|circa|ca.|close to|in the region of|on the order of|of the order of|"
    "an approximate|approximate|give or take",
    "low": "over|more than|greater than|larger than|bigger than|higher than|above|at least|"
    "no less than|no fewer than|not less than|not fewer than|upwards of|upward of|in excess of|"
    "exceeding|exceeds|exceeded|surpassing|surpass|surpasses|surpassed|topping|topped|"
    "a minimum of|minimum of|just over|well over|well above|as few as|as little as|"
    "more than or equal to|greater than or equal to|equal to or more than|"
    "equal to or greater than",
    "high": "under|less than|fewer than|lower than|smaller than|below|up to|at most|no more than|"
    "not more than|no greater than|as many as|as much as|a maximum of|maximum of|just under|"
    "just below|well under|well below|less than or equal to|fewer than or equal to|"
    "equal to or less than|equal to or fewer than",
    "nearly": "nearly|almost|just short of|just shy of",
    "exact": "exactly|precisely|equal to|equals|equaling|equalling|equaling to|equalling to",
    "between": "between",
    "from": "from",
}
PREFIXES = {p: kind for kind, ps in _PREFIX_PHRASES.items() for p in ps.split("|")}
_SYMBOLS = {">": "low", ">=": "low", "≥": "low", "<": "high", "<=": "high", "≤": "high"}
PREFIXES.update(_SYMBOLS)
PREFIX_BEFORE = re.compile(
    rf"[ \t\u00a0]*(?:({backwards(p for p in PREFIXES if p[0].isalpha())})(?![A-Za-z])"
    rf"|({backwards(_SYMBOLS)})(?![<>=]))",
    re.IGNORECASE,
)
LEFT_BEFORE = re.compile(
    rf"{BLANKS}(?:({backwards(['a few', 'several', 'many', 'minus', 'negative'])})|(n?a))"
    r"(?![A-Za-z])",
    re.IGNORECASE,
)
_CHANGE_VERBS = word_list(
    """rise rises risen rising rose fall falls fell fallen falling increase increases increased
    increasing decrease decreases decreased decreasing drop drops dropped dropping grow grows
    grew grown growing jump jumps jumped jumping climb climbs climbed climbing decline declines
    declined declining cut cuts cutting raise raises raised raising reduce reduces reduced
    reducing slash slashes slashed slashing boost boosts boosted boosting lower lowers lowered
    lowering shrink shrinks shrank shrunk shrinking soar soars soared soaring plunge plunges
    plunged plunging surge surges surged surging go goes went gone going up down change changes
    changed changing revise revises revised revising move moves moved moving swing swings swung
    swinging"""
)
CHANGE_BEFORE = re.compile(
    rf"{BLANKS}(?:[A-Za-z]+{BLANKS}){{0,2}}?(?:{backwards(_CHANGE_VERBS)})(?![A-Za-z])",
    re.IGNORECASE,
)

# What may follow a number.
SCORE = re.compile(r"[ \t]?[-–][ \t]?(\d{1,3})(?![\d.,%])")
RANGE_AFTER = re.compile(r"[ \t]*([-–—])[ \t]*|[ \t]+(to|through|thru|and|or)[ \t]+")
MORE = frozenset({"more", "greater", "higher", "above", "over", "upwards", "+", "plus"})
BOUND_AFTER = re.compile(
    r"[ \t]+(?:or|and)[ \t]+(more|greater|higher|above|over|upwards|less|fewer|lower|below|under)"
    r"(?![ \t]+than)(?:[ \t]+or[ \t]+equal(?:[ \t]+to)?)?(?![A-Za-z])"
    r"|[ \t]+or[ \t]+equal[ \t]+to(?:[ \t]+(?:it|that))?(?![A-Za-z])"
    r"|(\+)(?![\d\w])|-?[ \t]?(plus)(?![ \t]*\d)(?![A-Za-z])"
    r"|[ \t]+(or[ \t]+so|more[ \t]+or[ \t]+less|give[ \t]+or[ \t]+take)(?![A-Za-z])",
    re.IGNORECASE,
)
AND_BOUND = re.compile(r"[ \t]+(?:and|but)[ \t]+", re.IGNORECASE)
BACK_REFERENCE = re.compile(r"[ \t]+of[ \t]+(?:that|this|it|those|these|them)\b", re.IGNORECASE)
SHARE_OF = re.compile(r"[ \t]+(?:in|out[ \t]+of)[ \t]+(?=[\dA-Za-z])")
OF = re.compile(r"[ \t]+of[ \t]+")
AGO = re.compile(r"[ \t]+(?:ago|earlier)\b", re.IGNORECASE)
INCH = re.compile(r"[ \t]+(\d{1,2})[ \t]*(?:in\b|inches\b|\")")
CURRENCY_SKIP = re.compile(r"(?:US|A|C|HK|NZ)?[$£€¥₹]|[A-Z]{3}[ ]?")
_NOUN_WORD = r"[ \t]+([A-Za-z][A-Za-z'’\-]*)"
_NOUN = re.compile(_NOUN_WORD)
_NOUN_WORDS = re.compile(rf"{_NOUN_WORD}(?:{_NOUN_WORD}(?:{_NOUN_WORD})?)?")
SCALE_END = re.compile(
    r"(?:thousand|million|billion|trillion|lakh|crore|bn|mn|tn|m|k)\Z", re.IGNORECASE
)
SHARE_DENOMINATORS = frozenset({2, 3, 4, 5, 6, 8, 10, 16, 100})
POWERS_OF_TEN = frozenset({10.0, 100.0, 1e3, 1e4, 1e5, 1e6})
PERCENT = Unit("%", 1.0, "percent")
FRACTION_SHARE = Unit("%", 100.0, "percent")
FEET = frozenset({"ft", "foot", "feet"})

STOPWORDS = frozenset(
    word_list(
        """the a an of in on at to from by with for and or but nor as is are was were be been being
        am has have had having will would can could may might must shall should do does did that
        which who whom whose what when where while why how this these those it its their his her
        our your my they them we he she i you us him than then per each every more less most
        least ago later earlier before after since during until into onto over under about
        around between through across against among amid not no so such very also only just
        still already all some any other another there here if whether because although though
        out up down off away back said says say told tell remains remain became become including
        include includes like near within without toward towards via according whereas yet else
        ever never again too quite own same both either neither"""
    )
)
_IRREGULAR_PLURALS = frozenset(
    word_list(
        """people men women children police personnel staff cattle livestock militia fish sheep
        deer aircraft teeth mice geese data media clergy youth"""
    )
)


class Part(NamedTuple):
    """One number as written, with its currency or unit: ``value`` is in the written unit.

    Named tuples here and in :mod:`factcheck.numberwords`: several are built per number found, and
    a frozen dataclass costs twice as much to build.
    """

    reading: Reading
    start: int
    end: int
    value: float | None
    unit: Unit | None = None
    written_unit: str | None = None


class Prefix(NamedTuple):
    """The hedge, bound or range word right before a number."""

    phrase: str
    kind: str
    start: int


def anchor_kind(m: re.Match[str]) -> str:
    """What an anchor starts: a "number", an "article" before a unit, or a reversed "percent"."""
    found = m.group()
    if found[-1] == "f" and found[-2:] == "of":
        return "percent"
    if (found[0] in "aA" and not found[1:2].isalpha()) or found[:3] in ("an ", "An ", "an\t"):
        return "article"
    return "number"


def ordinal_use(text: str, reading: Reading, end: int, hi: int) -> bool:
    """ "a third time", "a fifth straight day": an article and an ordinal before a noun rank;
    "a third of", "a third said" share."""
    if not reading.words or text[reading.start : reading.start + 2].lower() not in ("a ", "an"):
        return False
    following = _NOUN.match(text, end, hi)
    return following is not None and following.group(1).lower() not in STOPWORDS


def norm(phrase: str) -> str:
    """A phrase in lower case with single blanks: "More  than" -> "more than"."""
    return " ".join(phrase.split()).lower()


def _is_plural(word: str) -> bool:
    lower = word.lower()
    if lower in _IRREGULAR_PLURALS:
        return True
    return len(lower) > 2 and lower.endswith("s") and not lower.endswith(("ss", "us", "is", "'s"))


def plural_follows(text: str, pos: int, hi: int) -> bool:
    """Whether a plural noun follows at ``pos`` ("5m people")."""
    m = _NOUN.match(text, pos, hi)
    return m is not None and m.group(1).lower() not in STOPWORDS and _is_plural(m.group(1))


def noun_span(text: str, pos: int, hi: int, value: float) -> tuple[str, int] | None:
    """What is counted after a number, and where it ends: up to three words, the last one a
    plural noun ("126 key places", "2,000 terrorists"), or a singular one after one."""
    m = _NOUN_WORDS.match(text, pos, hi)
    if m is None:
        return None
    words: list[tuple[str, int]] = []
    for group in (1, 2, 3):
        word = m.group(group)
        if word is None:
            break
        lower = word.lower()
        # "US soldiers": capitals make an abbreviation of what would be a stopword.
        stop = lower in STOPWORDS and not (len(word) > 1 and word.isupper())
        if stop or lower in NUMBER_WORDS or word.endswith("-"):
            break
        words.append((word, m.end(group)))
    last = len(words) - 1
    while last >= 0 and not _is_plural(words[last][0]):
        last -= 1
    if last < 0 and value == 1 and words:
        first = words[0][0]
        if first[0].islower() and not first.endswith(("ed", "ing", "ly")):
            last = 0
    if last < 0:
        return None
    return " ".join(w for w, _ in words[: last + 1]), words[last][1]
