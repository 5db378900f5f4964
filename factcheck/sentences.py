"""Provides sentence splitting that keeps exact offsets: blocks (lines and soft-wrapped paragraphs)
are cut into sentences without being fooled by abbreviations ("Maj. Gen.", "U.S.", "J.M. Berger",
"Dec. 5"), closing quotes or list bullets.

Every span is trimmed of surrounding whitespace and of a leading list bullet, so
``text[start:end]`` is the sentence as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Titles and other abbreviations that are nearly always followed by more of the same sentence.
_TITLES = _words(
    """mr mrs ms dr prof gen maj col lt sgt capt cpl pvt adm cmdr det insp supt sen rep gov pres
    st mt ft rev hon fr sr jr no nos vs sq approx est dept gov't co corp inc ltd bros av ave blvd
    rd hwy cf fig vol ch pp ed eds mssrs messrs atty sheriff's"""
)
_MONTHS = _words("jan feb mar apr jun jul aug sep sept oct nov dec")
# US state abbreviations written in datelines ("GOODLETTSVILLE, Tenn. (WKRN)").
_STATES = _words(
    """ala ariz ark calif colo conn del fla ga ill ind kan kans ky la md mass mich minn miss mo
    mont neb nev okla ore pa tenn tex va vt wash wis wyo"""
)
# Words that start a new sentence after an ambiguous abbreviation ("in the U.S. The army ...").
_STARTERS = _words(
    """the a an he she it they we i you his her its their our this that these those there but and
    so yet however meanwhile after before in on at when while if as since police officials
    authorities"""
)

_BULLET = re.compile(r"(?:[-*+•‣◦▪–—]|\d{1,3}[.)])\s+(?=\S)")
# Tried only where one of its marks stands.
_END = re.compile(r"[.!?…][.!?…]*[\"”’'»)\]]*(?:(?=\s)|\Z)")
# What a word before a full stop is made of ("U.S", "Gov't").
_RUN = re.compile(r"[\w.’'-]*")
_RUN_TO_END = re.compile(r"(?<![\w.’'-])[\w.’'-]*\Z")
_NEXT = re.compile(r"\s+([\"“‘'«(\[]*)(\S)(\w*)")
_TERMINAL = re.compile(r"[.!?…][\"”’'»)\]]*\s*\Z")
_LINE = re.compile(r"[^\n]*\n?")


@dataclass(frozen=True, slots=True)
class Block:
    """A run of lines read as one unit: a paragraph, a heading or a list item.

    ``heading`` marks a short block that does not end as a sentence does, such as a title or a
    section name ("Change of strategy").
    """

    start: int
    end: int
    heading: bool


def split_blocks(text: str, start: int = 0, end: int | None = None) -> list[Block]:
    """Cut ``text[start:end]`` into blocks: a blank line or a line break ends a block unless the
    next line continues a wrapped sentence (it starts in lower case)."""
    stop = len(text) if end is None else end
    lines: list[tuple[int, int]] = []
    for match in _LINE.finditer(text, start, stop):
        if match.start() == match.end():
            break
        line_start, line_end = _trim(text, match.start(), match.end())
        lines.append((line_start, line_end))
    blocks: list[Block] = []
    current: tuple[int, int] | None = None
    for line_start, line_end in lines:
        if line_start >= line_end:
            if current is not None:
                blocks.append(_block(text, *current))
                current = None
            continue
        if current is not None and _continues(text, current[1], line_start):
            current = (current[0], line_end)
            continue
        if current is not None:
            blocks.append(_block(text, *current))
        current = (line_start, line_end)
    if current is not None:
        blocks.append(_block(text, *current))
    return blocks


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` spans of the sentences of ``text[start:end]``, in order."""
    spans: list[tuple[int, int]] = []
    for block in split_blocks(text, start, end):
        spans.extend(sentences_of_block(text, block.start, block.end))
    return spans


def sentences_of_block(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split one block into sentence spans."""
    spans: list[tuple[int, int]] = []
    begin = start
    for match in _ends(text, start, end):
        cut = match.end()
        if cut >= end or not _is_boundary(text, match.start(), match.group(), cut, end):
            continue
        piece = _trim(text, begin, cut)
        if piece[0] < piece[1]:
            spans.append(piece)
        begin = cut
    piece = _trim(text, begin, end)
    if piece[0] < piece[1]:
        spans.append(piece)
    return spans


def _ends(text: str, start: int, end: int) -> list[re.Match[str]]:
    """The matches of ``_END.finditer(text, start, end)``, tried only where a mark stands."""
    marks: list[int] = []
    for mark in ".!?…":
        at = text.find(mark, start, end)
        while at >= 0:
            marks.append(at)
            at = text.find(mark, at + 1, end)
    marks.sort()
    found: list[re.Match[str]] = []
    position = start
    for at in marks:
        if at >= position:
            match = _END.match(text, at, end)
            if match is not None:
                found.append(match)
                position = match.end()
    return found


def _is_boundary(text: str, mark: int, punct: str, cut: int, end: int) -> bool:
    following = _NEXT.match(text, cut, end)
    if following is None:
        return False
    opener, first, rest = following.group(1), following.group(2), following.group(3)
    if first.islower():
        return False
    if not (first.isupper() or first.isdigit() or opener or first in "\"“‘'«([$"):
        return False
    if punct[0] != "." or punct.startswith(".."):
        return True
    token = _word_before(text, max(0, mark - 40), mark)
    bare = token.strip("'’-").lower()
    starter = (first + rest).lower() in _STARTERS
    if not bare:
        return True
    if bare in _TITLES:
        return starter
    if bare in _MONTHS:
        return not first.isdigit() and starter
    if bare in _STATES:
        return starter
    if "." in bare or (len(bare) == 1 and bare.isalpha()):
        # Initials ("J.M. Berger", "J. Smith") and dotted short forms ("U.S.", "p.m.").
        return starter or bool(opener and opener[0] in '"“')
    return True


def _word_before(text: str, low: int, mark: int) -> str:
    """The run of word characters, dots, apostrophes and hyphens that ends at ``mark``, reaching
    back no further than ``low``."""
    # Usually the run starts after the last space; else it starts after the last character
    # that is not of the run.
    begin = text.rfind(" ", low, mark) + 1 or low
    run = _RUN.fullmatch(text, begin, mark) or _RUN_TO_END.search(text, begin, mark)
    assert run is not None
    return run.group()


def _continues(text: str, previous_end: int, line_start: int) -> bool:
    between = text[previous_end:line_start]
    if between.count("\n") != 1:
        return False
    first = text[line_start]
    if not first.islower():
        return False
    return _TERMINAL.search(text, max(0, previous_end - 4), previous_end) is None


def _block(text: str, start: int, end: int) -> Block:
    bullet = _BULLET.match(text, start, end)
    if bullet is not None:
        start = bullet.end()
    terminal = _TERMINAL.search(text, max(start, end - 6), end) is not None
    heading = not terminal and text.count(" ", start, end) < 14
    return Block(start, end, heading)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
