"""Provides the places of many words in one text, looked for together: every three characters of
the text are read as one number and looked up at once in a table of the words' first three
characters, and only the places that pass are compared with the words that start that way.

Searching a news article for each of some sixty words one after the other reads it sixty times;
this reads it once. A word shorter than three characters or with a character past ASCII among
its first three is still searched for on its own.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

# ASCII characters keep their code, every other character is numbered 128, so no key of a text
# holding one there equals a word's key.
_BASE = 129
_TABLE = np.zeros(_BASE**3, dtype=np.uint8)
_BITS: list[int] = []


def _key(head: str) -> int:
    first, second, third = (ord(char) for char in head)
    return (first * _BASE + second) * _BASE + third


class Vocabulary:
    """Words to be found together by :meth:`WordScan.places`; at most eight vocabularies exist,
    each made once when its module is loaded."""

    __slots__ = ("_bit", "_heads", "_single")

    def __init__(self, words: Iterable[str]) -> None:
        if len(_BITS) == 8:
            raise ValueError("at most eight vocabularies")
        self._bit = 1 << len(_BITS)
        _BITS.append(self._bit)
        heads: dict[str, list[str]] = {}
        single: list[str] = []
        for word in dict.fromkeys(words):
            if len(word) >= 3 and word[:3].isascii():
                heads.setdefault(word[:3], []).append(word)
            elif word:
                single.append(word)
        for head in heads:
            _TABLE[_key(head)] |= self._bit
        self._heads = {head: tuple(group) for head, group in heads.items()}
        self._single = tuple(single)


class WordScan:
    """One text read for the words of every :class:`Vocabulary` made before it."""

    __slots__ = ("_flags", "_places", "_symbols", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        codes = np.minimum(codes, 128)
        self._symbols = codes
        keys = codes[:-2] * (_BASE * _BASE)
        keys += codes[1:-1] * _BASE
        keys += codes[2:]
        # The places where a word of some vocabulary may start, and which vocabularies.
        flags = _TABLE.take(keys)
        self._places = flags.nonzero()[0]
        self._flags = flags[self._places]

    def places(self, vocabulary: Vocabulary) -> list[tuple[int, str]]:
        """Every ``(position, word)`` where a word of ``vocabulary`` stands in the text, sorted;
        words may overlap. The same as searching for each word with ``str.find``."""
        text = self._text
        heads = vocabulary._heads
        found: list[tuple[int, str]] = []
        for at in self._places[(self._flags & vocabulary._bit) != 0].tolist():
            for word in heads[text[at : at + 3]]:
                if text.startswith(word, at):
                    found.append((at, word))
        for word in vocabulary._single:
            at = text.find(word)
            while at >= 0:
                found.append((at, word))
                at = text.find(word, at + 1)
        found.sort()
        return found

    def digit_runs(self) -> list[int]:
        """Where the runs of ASCII digits of the text start."""
        digits = (self._symbols >= 48) & (self._symbols <= 57)
        starts = digits.copy()
        starts[1:] &= ~digits[:-1]
        found: list[int] = starts.nonzero()[0].tolist()
        return found

    def wide(self) -> list[int]:
        """Where the text holds a character past ASCII."""
        found: list[int] = (self._symbols == 128).nonzero()[0].tolist()
        return found
