"""Provides :class:`Words`: the normalised words of many claims' texts (see
:mod:`factcheck.features`) as feature ids, a run of claims at a time.

A run's texts are cut into words in one go: each text lowered and its non-word characters
blanked (ASCII texts from their bytes, others with the word pattern), the texts joined with a
separator word, and the whole split once. Each distinct word is normalised once; the words are
then ids, and dropping stop words, a claim's alias words and repeats are array operations.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from factcheck.features import ASCII_WORDS, WORD, normal_word
from factcheck.naming import Ints, Names, first_of_each

RUN = 1 << 15
_SEPARATOR = b"\x00"


class Words:
    """Words already seen, by their lowered text, with their ids (0 for a dropped word)."""

    def __init__(self, names: Names) -> None:
        self.names = names
        self.seen: dict[bytes, int] = {_SEPARATOR: -1}

    def read(
        self,
        texts: Sequence[str],
        dropped: tuple[Ints, Ints],
        added: tuple[Ints, Ints],
    ) -> tuple[Ints, Ints]:
        """Per text, its word ids as they come, less stop words and the ids ``dropped`` for it,
        followed by the ids ``added`` for it, each id once: owners and ids. ``dropped`` and
        ``added`` are ``(owners, ids)`` in order of owner."""
        drop_owner, drop_id = dropped
        aliases = np.zeros(int(drop_id.max(initial=0)) + 1, dtype=np.bool_)
        aliases[drop_id] = True
        owners, ids = [], []
        for start in range(0, len(texts), RUN):
            stop = min(start + RUN, len(texts))
            owner, word = self.cut(texts[start:stop])
            owner += start
            low, high = np.searchsorted(drop_owner, [start, stop]).tolist()
            maybe = np.flatnonzero(aliases[np.minimum(word, len(aliases) - 1)])
            maybe = maybe[word[maybe] < len(aliases)]
            pairs = drop_owner[low:high] << 32 | drop_id[low:high]
            gone = maybe[np.isin(owner[maybe] << 32 | word[maybe], pairs)]
            keep = np.ones(len(word), dtype=np.bool_)
            keep[gone] = False
            low, high = np.searchsorted(added[0], [start, stop]).tolist()
            owner = np.concatenate([owner[keep], added[0][low:high]])
            word = np.concatenate([word[keep], added[1][low:high]])
            first = first_of_each(owner, word)
            owner, word = owner[first], word[first]
            order = np.argsort(owner, kind="stable")
            owners.append(owner[order])
            ids.append(word[order])
        empty = np.zeros(0, dtype=np.int64)
        return np.concatenate([empty, *owners]), np.concatenate([empty, *ids])

    def cut(self, texts: Sequence[str]) -> tuple[Ints, Ints]:
        """The ids of the kept words of ``texts`` (stop words left out), in order, with the
        position of the text each is from."""
        pieces = [
            text.encode().translate(ASCII_WORDS)
            if text.isascii()
            else " ".join(WORD.findall(text.lower())).encode()
            for text in texts
        ]
        words = b" \x00 ".join(pieces).replace(b"%", b" % ").split()
        seen = self.seen
        for new in set(words).difference(seen):
            normal = normal_word(new.decode())
            seen[new] = self.names.id(normal) if normal else 0
        found = np.fromiter(map(seen.__getitem__, words), dtype=np.int64, count=len(words))
        owner = np.cumsum(found < 0, dtype=np.int64)
        kept = found > 0
        return owner[kept], found[kept]
