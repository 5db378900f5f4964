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
    return _source(_build(words)) or "(?!)"


def trie_branches(words: Iterable[str]) -> str:
    """``trie_regex(words)`` as a bare alternation whose every branch starts with a literal
    character: searched on its own, such a pattern lets the engine skip each place whose
    character starts no branch, which the grouped form does not. No word may be empty."""
    root = _build(words)
    if not root or "" in root:
        raise ValueError("trie_branches needs words, none of them empty")
    return "|".join(_options(root))


def _build(words: Iterable[str]) -> _Trie:
    root: _Trie = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return root


def _options(trie: _Trie) -> list[str]:
    return [re.escape(char) + _source(trie[char]) for char in sorted(trie) if char]


def _source(trie: _Trie) -> str:
    options = _options(trie)
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
