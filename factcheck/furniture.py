"""Provides the page-furniture filter: mastheads, share buttons, credits, notices, calls to action
and other text that scraped news pages carry but that states nothing about the story.
"""

from __future__ import annotations

import bisect
import re

from factcheck.trie import trie_regex
from factcheck.wordscan import Vocabulary, WordScan

# Anywhere in a sentence, matched on the lower-cased text: notices, credits, contact lines and
# links never carry a claim. Each pattern comes with a word that every match of it contains; a
# pattern is only tried on a sentence that holds its word, and most sentences hold none.
_ANYWHERE: tuple[tuple[str, str], ...] = (
    ("copyright", r"copyright"),
    ("©", r"©"),
    ("all rights reserved", r"all rights reserved"),
    ("this material may not be", r"this material may not be"),
    ("javascript", r"javascript"),
    ("cookie", r"cookies?\b"),
    ("click", r"click\s+(?:here|on|the)\b"),
    ("sign", r"sign\s+(?:up|in)\b"),
    ("subscri", r"subscri(?:be|ber|ption)"),
    ("newsletter", r"newsletters?\b"),
    ("notification", r"notifications?\b"),
    ("premium", r"premium\s+clicks"),
    ("share", r"read\s+or\s+share"),
    ("share", r"share\s+this\b"),
    ("follow", r"follow\s+(?:us|him|her|[\w.]+\s+on)\b"),
    ("join", r"join\s+the\s+conversation"),
    ("check", r"check\s+back\b"),
    ("stay", r"stay\s+(?:tuned|with|up\s+to\s+date)"),
    ("developing", r"developing\s+story"),
    ("updated", r"will\sbe\supdated"),
    ("update", r"update\s+this\s+story"),
    ("updates", r"for\supdates\b"),
    ("download", r"download\s+(?:our\s+)?app"),
    ("flash", r"flash\s+player"),
    ("reach", r"reach\s+(?:him|her|them)\s+at\b"),
    ("anyone", r"anyone\s+with\s+information"),
    ("crime", r"crime\s*stoppers"),
    ("tip", r"tips?\s+line\b"),
    ("contact", r"contact\s+[\w\s.'’]{0,60}?(?:at|:)\s*\(?\d{3}"),
    # Its first digit stands apart, so that the engine skips ahead to digits.
    ("", r"\d\d{2}\)?[-.\s]\d{3}-\d{4}\b"),
    ("@", r"@[\w-]+\.[a-z]{2,}"),
    ("http", r"https?://"),
    ("www.", r"www\."),
    ("pic.twitter", r"pic\.twitter"),
    ("(@", r"\(@\w+\)"),
    ("image", r"image\s+\d+\s+of\b"),
    ("caption", r"caption\s+close"),
    ("buy", r"buy\s+(?:this\s+)?photo"),
    ("(photo", r"\(photo\b"),
    ("photo:", r"photo:"),
    ("photo", r"photos?\s+by\b"),
    ("(courtesy", r"\(courtesy"),
    ("courtesy", r"courtesy\s+of\b"),
    ("getty", r"getty\s+images"),
    ("photo", r"\bap\s+photo"),
    ("file", r"file\s+photo"),
    ("scroll", r"scroll\s+down"),
    ("report", r"report\s+an\s+error"),
    ("thank", r"thank\s+you\s+for\s+registering"),
    ("welcome", r"welcome\s+back"),
    ("print", r"print\s+friendly"),
    ("continue", r"continue\s+reading"),
    ("select", r"select\s+page"),
    ("media", r"media\s+id\b"),
    ("top", r"top\s+(?:videos|news\s+photos|stories)\b"),
    ("english", r"english\s+archive"),
    ("reports", r"reports\s+for\s+the\b"),
    ("(published", r"\(published\b"),
    ("watch", r"watch\s+(?:channel|the\s+video|live)\b"),
    ("previous", r"previous\s+coverage"),
    ("continuing", r"continuing\s+coverage"),
    ("information", r"information\s+as\s+it\b"),
    ("learn", r"we\slearn\smore"),
    ("details", r"details\s+become"),
    ("suicide", r"suicide\s+prevention\s+lifeline"),
)
# At the start: labels, bylines, related links, video lengths and datelines of updates.
_LEADING = re.compile(
    r"""(?:by\b[:\s]|related\b|read\s+more\b|more\s+(?:from|on)\b|see\s+also\b|also:|watch\b
    |video\b|raw\s+video\b|source:|advertisements?\b|photos?\b|images?\b|posted\b|published\b
    |updated?\b|created:|date:|original(?:\s+(?:story|report))?\b|staff\s+reports?\b|comments\b
    |[-—–]{1,3}\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,3}\s*$|[+•×]\s|\d{1,2}:\d{2}\b(?!\s*[ap]\.?m)
    |\[|twitter:|facebook\b|email\b|print\b|share\b|google\b|pinterest\b|pocket\b|more\s*$)""",
    re.IGNORECASE | re.VERBOSE,
)
# The same for lower-cased text (see trie.lowered): without the flag each branch is passed over
# by its first letter.
_LOWER_LEADING = re.compile(_LEADING.pattern.replace("[A-Z]", "[a-z]"), re.VERBOSE)


def _by_word(table: tuple[tuple[str, str], ...]) -> dict[str, tuple[re.Pattern[str], ...]]:
    patterns: dict[str, tuple[re.Pattern[str], ...]] = {}
    for word, pattern in table:
        patterns[word] = (*patterns.get(word, ()), re.compile(pattern))
    return patterns


_BY_WORD = _by_word(_ANYWHERE)
# A phone number has no word; it is looked for where a hyphen is.
_PHONES = _BY_WORD.pop("")
# The trie finds the longest word starting at a place; the shorter ones there are its prefixes.
_WORD_SCAN = re.compile(trie_regex(_BY_WORD))
_VOCABULARY = Vocabulary(_BY_WORD)

# A masthead or a page title: "Middle-east Arab News Opinion | Asharq Al-awsat".
_PIPE = re.compile(r"\s\|(?:\s|$)")
_SPACES = re.compile(r"\S+")


def is_furniture(text: str) -> bool:
    """True when ``text`` (a sentence or a line) is page furniture rather than story."""
    stripped = text.strip()
    if not stripped:
        return True
    lower = stripped.lower()
    return (
        _LEADING.match(stripped) is not None
        or _anywhere(lower, 0, len(lower))
        or _piped(stripped, 0, len(stripped))
    )


class Furniture:
    """The furniture test for many windows of one article, which is lower-cased once and in which
    the words of ``_ANYWHERE``'s patterns are looked for once.

    A window must begin and end beside white space (or the text's ends) for the lower-cased
    article to stand for the lower-cased window; any other window is tested on its own.
    """

    __slots__ = ("_lower", "_places", "_starts", "_text")

    def __init__(self, text: str, lower: str | None, words: WordScan | None = None) -> None:
        """``lower`` is ``trie.lowered(text)``: it keeps every window's offsets; ``words`` is the
        :class:`WordScan` of ``lower`` when the caller has it."""
        self._text = text
        self._lower = lower
        places: list[tuple[int, str]] = []
        if lower is not None and words is not None:
            places = words.places(_VOCABULARY)
        elif lower is not None:
            for word in _BY_WORD:
                at = lower.find(word)
                while at >= 0:
                    places.append((at, word))
                    at = lower.find(word, at + 1)
            places.sort()
        self._places = places
        self._starts = [at for at, _ in places]

    def covers(self, start: int, end: int) -> bool:
        """``is_furniture(text[start:end])``, without copying the window."""
        text, lower = self._text, self._lower
        if (
            lower is None
            or start >= end
            or text[start].isspace()
            or text[end - 1].isspace()
            or (start > 0 and not text[start - 1].isspace())
            or (end < len(text) and not text[end].isspace())
        ):
            return is_furniture(text[start:end])
        return (
            _LOWER_LEADING.match(lower, start, end) is not None
            or self._anywhere(start, end)
            or _piped(text, start, end)
        )

    def _anywhere(self, start: int, end: int) -> bool:
        """``_anywhere(lower, start, end)``, trying the words known to stand in the window."""
        lower, places, starts = self._lower, self._places, self._starts
        assert lower is not None
        first = bisect.bisect_left(starts, start)
        last = bisect.bisect_left(starts, end, first)
        tried: set[str] = set()
        for at, word in places[first:last]:
            if at + len(word) <= end and word not in tried:
                tried.add(word)
                if any(pattern.search(lower, start, end) for pattern in _BY_WORD[word]):
                    return True
        return _phone(lower, start, end)


def _anywhere(lower: str, start: int, end: int) -> bool:
    """True when a pattern of ``_ANYWHERE`` matches in ``lower[start:end]``."""
    tried: set[str] = set()
    found = _WORD_SCAN.search(lower, start, end)
    while found is not None:
        at, longest = found.start(), found.group()
        for size in range(1, len(longest) + 1):
            word = longest[:size]
            if word in _BY_WORD and word not in tried:
                tried.add(word)
                if any(pattern.search(lower, start, end) for pattern in _BY_WORD[word]):
                    return True
        # A word may start inside the one just found.
        found = _WORD_SCAN.search(lower, at + 1, end)
    return _phone(lower, start, end)


def _phone(lower: str, start: int, end: int) -> bool:
    return lower.find("-", start, end) >= 0 and any(
        pattern.search(lower, start, end) for pattern in _PHONES
    )


def _piped(text: str, start: int, end: int) -> bool:
    """A short line cut by a pipe, read in the trimmed ``text[start:end]``."""
    if text.find("|", start, end) < 0:
        return False
    piped = _PIPE.search(text, start, end) is not None or (
        text[start] == "|" and end > start + 1 and text[start + 1].isspace()
    )
    return piped and len(_SPACES.findall(text, start, end)) < 25
