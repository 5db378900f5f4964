"""Provides the part of an article the review app shows around a quote: its paragraph, clipped
when long, with the front matter left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from factcheck.corpus import body_start

_PARAGRAPH_BREAK = re.compile(r"\r?\n[ \t]*\r?\n")


@dataclass(frozen=True, slots=True)
class Excerpt:
    """The part of an article shown around a quote: usually its paragraph, clipped when long."""

    start: int
    end: int
    clipped_start: bool
    clipped_end: bool


def excerpt_bounds(text: str, start: int, end: int, *, limit: int = 900) -> Excerpt:
    """The paragraph around ``text[start:end]`` (front matter left out), clipped to about
    ``limit`` characters."""
    low = body_start(text)
    low = low if low <= start else 0
    for found in _PARAGRAPH_BREAK.finditer(text, 0, start):
        low = found.end()
    found_after = _PARAGRAPH_BREAK.search(text, end)
    high = found_after.start() if found_after else len(text)
    clipped_start = clipped_end = False
    margin = max(0, (limit - (end - start)) // 2)
    if start - low > margin:
        cut = text.rfind(" ", low, start - margin)
        low, clipped_start = (cut + 1 if cut >= 0 else start - margin), True
    if high - end > margin:
        cut = text.find(" ", end + margin, high)
        high, clipped_end = (cut if cut >= 0 else end + margin), True
    return Excerpt(low, high, clipped_start, clipped_end)
