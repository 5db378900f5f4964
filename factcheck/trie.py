"""Provides word-trie regular expressions: many alternatives compiled so that the engine walks
shared prefixes once, instead of trying every alternative at every position of the text; and the
lower-cased text that such patterns scan fastest.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_Trie = dict[str, "_Trie"]


def trie_regex(words: Iterable[str]) -> str:
    """A regex source matching any of ``words`` (literally); longer words win at one position."""
    root: _Trie = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _source(root) or "(?!)"


def _source(trie: _Trie) -> str:
    options = [re.escape(char) + _source(trie[char]) for char in sorted(trie) if char]
    if not options:
        return ""
    body = options[0] if len(options) == 1 else "(?:" + "|".join(options) + ")"
    return f"(?:{body})?" if "" in trie else body


def lowered(text: str) -> str | None:
    """``text.lower()`` when it lower-cases one character for one, else ``None``.

    A case-sensitive pattern of lower-case ASCII then matches the result exactly where the same
    pattern compiled with ``re.IGNORECASE`` matches ``text``, at the same offsets, and matching
    without the flag is several times faster. "İ" widens when lower-cased; dotless "ı" and long
    "ſ" keep their own lower case yet match "i" and "s" when case is ignored.
    """
    lower = text.lower()
    if len(lower) != len(text) or "ı" in text or "ſ" in text:
        return None
    return lower
