"""Provides what decides which numbers of a clause measure what it claims: a count that points
back at places, a distance that locates, a figure of speech, an age, what is only conditional or
expected, and the one victim a sentence counts without writing a number.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import replace

from factcheck.model import Quantity
from factcheck.trie import trie_branches
from factcheck.wordscan import Vocabulary, WordScan

# The first letter is matched before the look back for a word start, so that the engine skips
# ahead to an "a" or an "o" instead of trying the pattern everywhere.
_VICTIM = re.compile(
    r"(?-i:[aAoO])(?<!\w.)(?:(?<=a)n?|(?<=o)ne)\s+(?:[\w’'-]+\s+){0,3}?"
    r"(?P<noun>man|woman|boy|girl|teen|teenager|person|victim|child|toddler|infant|baby|officer"
    r"|student|customer|driver|bystander|father|mother|son|daughter|resident|motorist|clerk"
    r"|employee|deputy)\b",
    re.IGNORECASE,
)
_AGE = re.compile(r"(?:year|month|week|day)s?[- ]old", re.IGNORECASE)
_AGE_AFTER = re.compile(r"[- ]?(?:year|month|week|day)s?[- ]old", re.IGNORECASE)
# "Syed Farook, 28,", "Shaun Smith, 29;", "Leroy Monsalvatge, 22 —": an age set off by commas.
_AGE_APPOSITION = re.compile(r", \d{1,3}(?:[,.;:)]| [—–])")
# "Three other men, ages 25, 26, and 33", "aged 28 and 22": the ages listed after "ages";
# "all in their 20's", "a man in his early 30s": the decade of life they are in.
_AGES_BEFORE = re.compile(
    r"\bage[sd]?\s+(?:\d{1,3}(?:\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+))*\Z"
    r"|\bin\s+(?:their|his|her)\s+(?:(?:early|mid|late)[- ]?\s*)?\Z",
    re.IGNORECASE,
)
# "unless they are killed", "even if it loses control", "hope that in the next year …", "will
# from now on be surrounded", "need to prevent the group from controlling": a condition, a
# forecast, a wish or a demand runs to the next comma and says what might happen, not what did.
_UNREAL = re.compile(
    r"\b(?:if|unless|lest|will(?!\s+of\b)|would|could|might|shall|must|should|ought\s+to"
    r"|needs?\s+to|hope[sd]?|hoping|expect(?:s|ed|ing)?|predict\w*|forecast\w*|likely\s+to"
    r"|going\s+to|plan(?:s|ned)?\s+to|vow(?:s|ed)?\s+to|threaten(?:s|ed)?\s+to|prospects?\s+of)\b"
    r"[^,;]*\Z",
    re.IGNORECASE,
)
# What every cue of ``_UNREAL`` holds once lower-cased: the stem of one of its words, or a trace
# of the letters that match an ASCII letter when case is ignored but lower-case to something else
# ("İ" lower-cases to "i" and a combining dot; "ı" and "ſ" stay as they are).
_UNREAL_STEMS = re.findall(
    r"\S+",
    "if unless lest will would could might shall must should ought need hop expect predict "
    "forecast likely going plan vow threaten prospect \u0307 \u0130 \u0131 \u017f \u212a",
)
_UNREAL_STEM = re.compile(trie_branches(_UNREAL_STEMS))
_STEMS = Vocabulary(_UNREAL_STEMS)
# "the two countries", "both main cities": a count that points back at places already named.
_PLACE_COUNT = re.compile(
    r"(?:countries|nations|states|cities|towns|villages|provinces|regions|fronts|sides)\Z",
    re.IGNORECASE,
)
_POINTER = re.compile(r"\b(?:the|these|those|both|all)\s+\Z", re.IGNORECASE)
# "(69 km west of Bagdad)", "some 2,500 miles away": a distance that places something.
_LOCATING = re.compile(
    r"\s+(?:away\b|(?:(?:north|south)(?:[- ]?(?:east|west))?|east|west)(?:ern)?\s+of\b"
    r"|(?:from|outside|off|short\s+of)\s)",
    re.IGNORECASE,
)
_LENGTHS = frozenset({"km", "m", "mi"})
_FIGURES = frozenset({180.0, 360.0})


def is_unreal(text: str, start: int, position: int) -> bool:
    """True when what stands at ``position`` is conditional, expected, wished or demanded."""
    position = max(start, position)
    # No cue reaches past a comma or a semicolon, so the search starts after the last one.
    cut = max(text.rfind(",", start, position), text.rfind(";", start, position))
    low = max(start, cut + 1)
    if _UNREAL_STEM.search(text[low:position].lower()) is None:
        return False
    return _UNREAL.search(text, low, position) is not None


class UnrealScan:
    """:func:`is_unreal` for one article, whose lower-cased text is searched once for the stems of
    the cues: a cue is looked for only where a stem starts inside the window."""

    __slots__ = ("_ends", "_starts", "_text")

    def __init__(self, text: str, lower: str | None, words: WordScan | None = None) -> None:
        """``lower`` is ``trie.lowered(text)``; without it every question is searched anew.
        ``words`` is the :class:`WordScan` of ``lower`` when the caller has it."""
        self._text = text
        stems: list[tuple[int, int]] = []
        if lower is not None and words is not None:
            stems = [(at, at + len(stem)) for at, stem in words.places(_STEMS)]
        elif lower is not None:
            for stem in _UNREAL_STEMS:
                at = lower.find(stem)
                while at >= 0:
                    stems.append((at, at + len(stem)))
                    at = lower.find(stem, at + 1)
            stems.sort()
        self._starts: list[int] | None = None if lower is None else [at for at, _ in stems]
        self._ends = [end for _, end in stems]

    def is_unreal(self, start: int, position: int) -> bool:
        """``is_unreal(text, start, position)``."""
        text, starts = self._text, self._starts
        if starts is None:
            return is_unreal(text, start, position)
        position = max(start, position)
        cut = max(text.rfind(",", start, position), text.rfind(";", start, position))
        low = max(start, cut + 1)
        ends = self._ends
        # A cue starts where its stem does.
        for index in range(bisect.bisect_left(starts, low), len(starts)):
            at = starts[index]
            if at >= position:
                return False
            if ends[index] <= position and _UNREAL.match(text, at, position) is not None:
                return True
        return False


def not_a_measure(text: str, start: int, quantity: Quantity) -> bool:
    """True for a number that names or places what the claim is about rather than measuring it:
    "the two countries" points back at places, "69 km west of Bagdad" locates one, and "besieged
    360 degrees" or "a 180-degree turn" is a figure of speech, not an angle."""
    if quantity.unit == "deg" and quantity.value in _FIGURES:
        return True
    if quantity.unit is None and quantity.noun and _PLACE_COUNT.search(quantity.noun):
        return _POINTER.search(text, max(start, quantity.start - 12), quantity.start) is not None
    return quantity.unit in _LENGTHS and _LOCATING.match(text, quantity.end) is not None


def counts_people(text: str, quantities: Sequence[Quantity]) -> bool:
    """True when some quantity is a bare count that is not an age."""
    return any(quantity.unit is None and not is_age(text, quantity) for quantity in quantities)


def is_age(text: str, quantity: Quantity) -> bool:
    """True for an age ("a 23-year-old man", "Syed Farook, 28,", "ages 25, 26 and 33") rather
    than a count."""
    if _AGE.search(quantity.text) or _AGE_AFTER.match(text, quantity.end):
        return True
    return _bare_age(text, quantity)


def as_age(text: str, quantity: Quantity) -> Quantity:
    """A bare number that is an age written without "years old" ("Syed Farook, 28,", "ages 25,
    26 and 33") in years, as "a 28-year-old" reads; any other quantity as it is."""
    if quantity.unit is not None or quantity.noun is not None or not _bare_age(text, quantity):
        return quantity
    return replace(quantity, unit="year")


def _bare_age(text: str, quantity: Quantity) -> bool:
    if _AGE_APPOSITION.match(text, quantity.start - 2, quantity.end + 2) is not None:
        return True
    return _AGES_BEFORE.search(text, max(0, quantity.start - 40), quantity.start) is not None


def single_victim(text: str, start: int, trigger: int) -> Quantity | None:
    """ "A 23-year-old man was shot and killed" counts one victim though it writes no number."""
    found = None
    for match in _VICTIM.finditer(text, start, trigger):
        found = match
    if found is None:
        return None
    return Quantity(
        text=found.group(),
        start=found.start(),
        end=found.end(),
        value=1.0,
        low=1.0,
        high=1.0,
        noun=found.group("noun").lower(),
    )
