"""Provides word-trie regular expressions: many alternatives compiled so that the engine walks
shared prefixes once, instead of trying every alternative at every position of the text; the
lower-cased text that such patterns scan fastest; and the characters a pattern's match may start
with.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

# The standard library's parser of regular expressions, which typeshed does not describe.
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any

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


def first_characters(pattern: str) -> frozenset[str] | None:
    """The characters a match of ``pattern`` (compiled without flags) may start with, or
    ``None`` when that is not known or a match may be empty: a look-around or a word boundary is
    passed over as if it always held, so the set may hold more than can start a match, never
    less."""
    found, empty = _first(_parser.parse(pattern, 0).data)
    return None if found is None or empty else frozenset(found)


def _first(items: Sequence[tuple[Any, Any]]) -> tuple[set[str] | None, bool]:
    """The first characters of a parsed sequence, and whether it may match nothing."""
    found: set[str] = set()
    for op, arg in items:
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue
        if op is sre.LITERAL:
            found.add(chr(arg))
            return found, False
        if op is sre.IN:
            for kind, value in arg:
                if kind is sre.LITERAL:
                    found.add(chr(value))
                elif kind is sre.RANGE and value[1] - value[0] < 128:
                    found.update(map(chr, range(value[0], value[1] + 1)))
                else:
                    return None, False
            return found, False
        if op is sre.SUBPATTERN:
            if arg[1] or arg[2]:
                return None, False
            alternatives = [arg[3].data]
        elif op is sre.BRANCH:
            alternatives = [alternative.data for alternative in arg[1]]
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            alternatives = [arg[2].data]
        else:
            return None, False
        empty = op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and arg[0] == 0
        for alternative in alternatives:
            part, part_empty = _first(alternative)
            if part is None:
                return None, False
            found |= part
            empty = empty or part_empty
        if not empty:
            return found, False
    return found, True
