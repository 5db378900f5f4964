"""Provides the date finder: it scans text for the words a date phrase can start with, tries
the recognizers of :mod:`factcheck.nameddates` and :mod:`factcheck.relativedates` there and keeps
the longest phrase, then joins ranges ("between 2005 and 2017", "from October to December 2015")
and one-sided bounds ("since 2015", "until 2016", "after last week").
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import replace

from factcheck import nameddates, relativedates
from factcheck.calendar import (
    MONTHS,
    Interval,
    coarser,
    hull,
    month_or_day,
)
from factcheck.datephrases import (
    NO_DAY,
    Expr,
    Handler,
    Rule,
    lookback,
)
from factcheck.wordscan import Vocabulary, WordScan

_QUALIFIERS = {
    "since": "since",
    "until": "until",
    "till": "until",
    "up to": "until",
    "up until": "until",
    "no later than": "until",
    "before": "before",
    "prior to": "before",
    "earlier than": "before",
    "after": "after",
    "later than": "after",
}
# Each pattern matches the first letter of its word before looking back for the word's start
# and at that letter, so that the engine skips ahead to those letters.
_QUALIFIER = re.compile(
    r"(?P<q>[SsUuTtBbPpAaLlEeNn](?<!\w.)(?:(?<=[Ss])ince|(?<=[Uu])ntil|(?<=[Tt])ill"
    r"|(?<=[Uu])p\s+(?:to|until)|(?<=[Bb])efore|(?<=[Pp])rior\s+to|(?<=[Aa])fter"
    r"|(?<=[Ll])ater\s+than|(?<=[Ee])arlier\s+than|(?<=[Nn])o\s+later\s+than))\s+(?:the\s+)?\Z"
)
_CONNECTOR = re.compile(r"\s*(?P<word>-|–|—|to|until|till|through|and)\s*")
_RANGE_OPENER = re.compile(r"(?P<word>[BbFf](?<!\w.)(?:(?<=[Bb])etween|(?<=[Ff])rom))\s+\Z")
_NOT_AFTER_NUMBER = frozenset("$£€#.,/-:+")


# Where a scan stopped: start, end, the word and which of ``_TRIGGERS`` found it.
Trigger = tuple[int, int, str, int]


def find(text: str, low: int, high: int, triggers: Sequence[Trigger] | None = None) -> list[Expr]:
    """The date phrases of ``text[low:high]``: found, joined into ranges and bounded.
    ``triggers`` are ``scan(text, low, high)`` when the caller has them."""
    if triggers is None:
        triggers = scan(text, low, high)
    return _bound(text, _join_ranges(text, _read(text, low, high, triggers), low), low)


def scan(text: str, low: int, high: int, words: WordScan | None = None) -> list[Trigger]:
    """The places in ``text[low:high]`` where a date phrase may start, in text order. ``words``
    is the :class:`WordScan` of ``trie.lowered(text)`` when the caller has it."""
    searched = _TRIGGERS[:_LOWER] if words is None else _TRIGGERS[:_CAPITAL]
    triggers = [
        (hit.start(), hit.end(), hit[0], number)
        for number, pattern in enumerate(searched)
        for hit in pattern.finditer(text, low, high)
    ]
    if words is None:
        triggers.extend(_lower_words(text, low, high, None))
    else:
        places = words.places(_VOCABULARY)
        triggers.extend(_written(text, low, high, places, _CAPITAL))
        lower = [(at, word) for at, word in places if word in _LOWER_SET]
        triggers.extend(_written(text, low, high, lower, _LOWER))
    triggers.sort()
    return triggers


def _lower_words(text: str, low: int, high: int, words: WordScan | None) -> list[Trigger]:
    """What ``_TRIGGERS[_LOWER].finditer(text, low, high)`` finds, from the places of each word."""
    if words is None:
        stop = min(high, len(text))
        places = [(at, word) for word in _LOWER_WORDS for at in _occurrences(text, word, low, stop)]
    else:
        places = [(at, word) for at, word in words.places(_VOCABULARY) if word in _LOWER_SET]
    return _written(text, low, high, places, _LOWER)


def _written(
    text: str, low: int, high: int, places: Sequence[tuple[int, str]], number: int
) -> list[Trigger]:
    """What ``_TRIGGERS[number].finditer(text, low, high)`` finds (``number`` is ``_CAPITAL``
    or ``_LOWER``), from ``places`` of its words lower-cased in the lower-cased text: at each
    place the longest word written so that a word boundary ends it, and no place inside one
    found."""
    high = min(high, len(text))
    longest: dict[int, str] = {}
    for at, word in places:
        end = at + len(word)
        if at < low or end > high:
            continue
        written = word.capitalize() if number == _CAPITAL else word
        if not text.startswith(written, at):
            continue
        if (end == high or not _is_word(text[end])) and len(word) > len(longest.get(at, "")):
            longest[at] = written
    found: list[Trigger] = []
    floor = low
    for at in sorted(longest):
        if at >= floor:
            word = longest[at]
            floor = at + len(word)
            found.append((at, floor, word, number))
    return found


def _occurrences(text: str, word: str, low: int, high: int) -> list[int]:
    found = []
    at = text.find(word, low, high)
    while at >= 0:
        found.append(at)
        at = text.find(word, at + 1, high)
    return found


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def confirmed(text: str, triggers: Sequence[Trigger], high: int) -> bool:
    """True when ``triggers``, found in a longer text and all starting before ``high``, are
    what :func:`scan` finds when stopped at ``high``: a number's look-ahead, or a word's
    boundary at ``high``, may have read past it."""
    for at, end, _, number in triggers:
        if end > high:
            return False
        if number == 0 or end == high:
            hit = _TRIGGERS[number].match(text, at, high)
            if hit is None or hit.end() != end:
                return False
    return True


def _read(text: str, low: int, high: int, triggers: Sequence[Trigger]) -> list[Expr]:
    found: list[Expr] = []
    for at, _, word, _ in triggers:
        floor = found[-1].end if found else low
        if at < floor or _blocked(text, at, floor):
            continue
        key = (
            ("####" if word.isdigit() and len(word) == 4 else "#")
            if word[0].isdigit()
            else word.lower()
        )
        best = _longest(_FORMS[key], text, at, (low, high, floor))
        if best is not None:
            found.append(best)
    return found


def _blocked(text: str, at: int, floor: int) -> bool:
    if at <= floor:
        return False
    before = text[at - 1]
    return before.isalnum() or before == "_" or (text[at].isdigit() and before in _NOT_AFTER_NUMBER)


def _longest(
    forms: tuple[tuple[re.Pattern[str], Handler], ...],
    text: str,
    at: int,
    bounds: tuple[int, int, int],
) -> Expr | None:
    low, high, floor = bounds
    best: Expr | None = None
    for pattern, handler in forms:
        found = pattern.match(text, at, high)
        if found is None:
            continue
        try:
            expr = handler(found, text, floor, low)
        except (ValueError, OverflowError, KeyError):
            expr = None
        if expr is not None and (best is None or expr.end - expr.start > best.end - best.start):
            best = expr
    return best


def _join_ranges(text: str, exprs: list[Expr], low: int) -> list[Expr]:
    joined: list[Expr] = []
    for expr in exprs:
        if joined:
            merged = _range(text, joined[-1], expr, joined[-2].end if len(joined) > 1 else low)
            if merged is not None:
                joined[-1] = merged
                continue
        joined.append(expr)
    return joined


def _range(text: str, first: Expr, second: Expr, floor: int) -> Expr | None:
    connector = _CONNECTOR.fullmatch(text, first.end, second.start)
    if connector is None or first.qualifier or second.qualifier:
        return None
    opener = _RANGE_OPENER.search(lookback(text, first.start, floor))
    if connector["word"] == "and" and (opener is None or opener["word"].lower() != "between"):
        return None
    head, tail = first.rule, second.rule
    relative = first.relative or second.relative
    # An end without its year takes the other end's: "from October to December 2015".
    if first.yearless is not None:
        head = _in_year_of(first.yearless, tail, before=True)
        relative = second.relative
    elif second.yearless is not None:
        tail = _in_year_of(second.yearless, head, before=False)
        relative = first.relative
    if not relative and head(NO_DAY, NO_DAY)[0] > tail(NO_DAY, NO_DAY)[1]:
        return None
    start = first.start - len(opener[0]) if opener is not None else first.start
    return Expr(
        start=start,
        end=second.end,
        precision=coarser(first.precision, second.precision),
        rule=lambda day, limit: hull(head(day, limit), tail(day, limit)),
        relative=relative,
    )


def _in_year_of(yearless: tuple[int, int | None], other: Rule, *, before: bool) -> Rule:
    make = month_or_day(*yearless)

    def rule(day: datetime.date, limit: datetime.date) -> Interval:
        edge = other(day, limit)
        if before:
            own = make(edge[0].year)
            return own if own[0] <= edge[0] else make(edge[0].year - 1)
        own = make(edge[1].year)
        return own if own[1] >= edge[1] else make(edge[1].year + 1)

    return rule


def _bound(text: str, exprs: list[Expr], low: int) -> list[Expr]:
    bounded = []
    floor = low
    for expr in exprs:
        before = lookback(text, expr.start, floor)
        found = None if expr.qualifier else _QUALIFIER.search(before)
        if found is None:
            bounded.append(expr)
        else:
            word = " ".join(found["q"].lower().split())
            start = expr.start - len(before) + found.start("q")
            bounded.append(replace(expr, start=start, qualifier=_QUALIFIERS[word]))
        floor = expr.end
    return bounded


def _trie(words: list[str]) -> str:
    """A regular expression matching exactly ``words``, factored by common prefixes so that the
    engine tries few branches at each position of the text."""
    groups: dict[str, list[str]] = {}
    for word in words:
        if word:
            groups.setdefault(word[0], []).append(word[1:])
    branches = [re.escape(first) + _trie(rest) for first, rest in sorted(groups.items())]
    if not branches:
        return ""
    optional = "?" if "" in words else ""
    if len(branches) == 1 and not optional:
        return branches[0]
    return f"(?:{'|'.join(branches)}){optional}"


# Each form: the words a scan stops at ("#" for a number of one or two digits, "####" for a
# year), its pattern (matched where the scan stopped) and its handler.
_TABLE = nameddates.FORMS + relativedates.FORMS
_FORMS: dict[str, tuple[tuple[re.Pattern[str], Handler], ...]] = {
    key: tuple(
        (re.compile(pattern), handler) for words, pattern, handler in _TABLE if key in words.split()
    )
    for key in {word for words, _, _ in _TABLE for word in words.split()}
}
_WORDS = sorted(key for key in _FORMS if key[0].isalpha())
_LOWER_WORDS = [word for word in _WORDS if word[0] != "q" and word[:3] not in MONTHS]
_LOWER_SET = frozenset(_LOWER_WORDS)
# Every trigger word lower-cased, for the capitalised ones and the lower-case ones.
_VOCABULARY = Vocabulary(_WORDS)
# Three scans, each starting with a literal so that the engine skips ahead quickly: numbers that
# may be a day or a year, capitalised trigger words, lower-case ones.
_MONTH_START = _trie(sorted({name.capitalize() for name in MONTHS} | set(MONTHS)))
# A number of one or two digits starts a date only before a separator, a month, "of", "day",
# "to" or "and" ("13/11/2015", "14 December", "15th day of", "13-14 November").
_DAY_NEXT = (
    r"(?:st|nd|rd|th)?(?=[/.\-–—]\d|\s*[-–—]\s*\d|\s+(?:of|day|to|and)\b"
    rf"|(?:[/\-]|\s+)(?:{_MONTH_START}))"
)
_TRIGGERS = (
    # The first digit is matched before the branches look back at it, so that the engine skips
    # ahead to digits instead of trying every branch at every position.
    re.compile(
        rf"[0-9](?:(?<=1)(?:[89]\d\d(?!\d)|\d?{_DAY_NEXT})"
        rf"|(?<=2)(?:0\d\d(?!\d)|100(?!\d)|\d?{_DAY_NEXT})|(?<=[03-9])\d?{_DAY_NEXT})"
    ),
    re.compile(f"(?:{_trie([word.capitalize() for word in _WORDS])})\\b"),
    re.compile(f"(?:{_trie(_LOWER_WORDS)})\\b"),
)
# Which of ``_TRIGGERS`` find the capitalised and the lower-case words: :func:`scan` looks for
# the latter from the places of each word, and for both so when it has a WordScan.
_CAPITAL = 1
_LOWER = 2
