"""Provides :func:`read_words`: the normalised words of many claims' texts (see
:mod:`factcheck.features`) as feature ids, each claim's in order and each once.

The texts are cut into words a run of claims at a time: each text lowered and its non-word
characters blanked (ASCII texts from their bytes, others with the word pattern), the run's
texts joined with a separator word into one byte string, which is split once. Each distinct word
of a run is normalised once (and remembered for later runs). From ``least`` texts on, the runs
are split in forked worker processes (:mod:`factcheck.forking`), which read only the joined
byte strings, never the claims, and give back each run's words as numbers into the run's list
of normal forms; dropping a claim's alias words and repeats are then array operations here.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from factcheck.features import ASCII_WORDS, WORD, normal_word
from factcheck.forking import fork_map
from factcheck.naming import Bools, Ints, Names, first_of_each, interleave

RUN = 1 << 14
PARALLEL_FROM = 20_000
_SEPARATOR = b"\x00"

# A run's words: the text each is from, its number in the run's normal forms (from 1), and
# those normal forms.
Cut = tuple[Ints, Ints, list[str]]


def read_words(
    texts: Sequence[str],
    names: Names,
    dropped: tuple[Ints, Ints],
    added: tuple[Ints, Ints],
    *,
    workers: int | None = None,
    least: int = PARALLEL_FROM,
) -> tuple[Ints, Ints]:
    """Per text, the ids (from ``names``) of its words as they come, less stop words and the
    ids ``dropped`` for it, followed by the ids ``added`` for it, each id once: owners and ids.
    ``dropped`` and ``added`` are ``(owners, ids)`` in order of owner. The runs are split in
    ``workers`` processes (default: one per usable core) from ``least`` texts on."""
    blobs = [blanked(texts[start : start + RUN]) for start in range(0, len(texts), RUN)]
    count = 1 if len(texts) < least else workers
    cuts = fork_map(_cut_run, (blobs, {}), range(len(blobs)), workers=count)
    del blobs
    aliases = np.zeros(int(dropped[1].max(initial=0)) + 1, dtype=np.bool_)
    aliases[dropped[1]] = True
    owners, ids = [], []
    for number, (cut_owner, local, normals) in enumerate(cuts):
        start = number * RUN
        stop = min(start + RUN, len(texts))
        table = np.array([0, *map(names.id, normals)], dtype=np.int64)
        owner, word = cut_owner, table[local]
        gone = _aliases(owner, word, aliases, _run_of(dropped, start, stop))
        if len(gone):
            keep = np.ones(len(word), dtype=np.bool_)
            keep[gone] = False
            owner, word = owner[keep], word[keep]
        word, owner = interleave(stop - start, [(owner, word), _run_of(added, start, stop)])
        first = first_of_each(owner, word)
        owners.append((owner[first] + start).astype(np.int32))
        ids.append(word[first].astype(np.int32))
    empty = np.zeros(0, dtype=np.int32)
    return np.concatenate([empty, *owners]), np.concatenate([empty, *ids])


def _run_of(rows: tuple[Ints, Ints], start: int, stop: int) -> tuple[Ints, Ints]:
    """The rows (in order of owner) of owners ``start`` to ``stop``, owners counted from
    ``start``."""
    low, high = np.searchsorted(rows[0], [start, stop]).tolist()
    return rows[0][low:high] - start, rows[1][low:high]


def _aliases(owner: Ints, word: Ints, aliases: Bools, dropped: tuple[Ints, Ints]) -> Ints:
    """Which of the words are among the ids ``dropped`` for their owner (``aliases`` marks the
    ids dropped for any)."""
    maybe = np.flatnonzero(aliases[np.minimum(word, len(aliases) - 1)])
    maybe = maybe[word[maybe] < len(aliases)]
    if len(maybe) == 0:
        return maybe
    pairs = np.sort(dropped[0] << 32 | dropped[1])
    keys = owner[maybe] << 32 | word[maybe]
    at = np.minimum(np.searchsorted(pairs, keys), max(len(pairs) - 1, 0))
    found = pairs[at] == keys if len(pairs) else np.zeros(len(keys), dtype=np.bool_)
    gone: Ints = maybe[found]
    return gone


def blanked(texts: Sequence[str]) -> bytes:
    """The texts lowered, their non-word characters blanked, joined by a separator word."""
    pieces = [
        text.encode().translate(ASCII_WORDS)
        if text.isascii()
        else " ".join(WORD.findall(text.lower())).encode()
        for text in texts
    ]
    return b" \x00 ".join(pieces).replace(b"%", b" % ")


def cut(blob: bytes, memo: dict[bytes, str]) -> Cut:
    """The words of a run's :func:`blanked` texts, stop words left out. ``memo`` maps a word to
    its normal form; pass the same dict for many runs to normalise each word once."""
    words = blob.split()
    numbers: dict[str, int] = {"": 0}
    local = {_SEPARATOR: -1}
    for word in dict.fromkeys(words):
        if word not in local:
            normal = memo.get(word)
            if normal is None:
                normal = memo[word] = normal_word(word.decode())
            local[word] = numbers.setdefault(normal, len(numbers))
    found = np.fromiter(map(local.__getitem__, words), dtype=np.int32, count=len(words))
    owner = np.cumsum(found < 0, dtype=np.int32)
    kept = found > 0
    del numbers[""]
    return owner[kept].astype(np.int64), found[kept].astype(np.int64), list(numbers)


def _cut_run(work: tuple[list[bytes], dict[bytes, str]], number: int) -> Cut:
    blobs, memo = work
    return cut(blobs[number], memo)
