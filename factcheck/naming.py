"""Provides :class:`Names`, feature names as small integer ids, and the array helpers that
:mod:`factcheck.featuretable` assembles many claims' features with: ids of names built from
combinations of parts, ragged lists expanded, and per-claim lists interleaved.

A name gets its id when first seen, counting from 1 (0 stands for no feature). Two names have the
same id exactly when they are the same string, so ids can stand in for the names wherever only
equality counts. A name made of parts joined by a separator is known by the distinct
combinations of its parts' codes, found with array operations, and is built only when some part
holds the separator (then two combinations may read alike).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

Ints = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]


SEPARATOR = "|"
# Codes and the strings they stand for.
Column = tuple[Ints, Sequence[str]]


class Names:
    """Feature names and their ids. ``spell``: build every name made of parts, so that all
    names can be read back from ``ids``, not only those whose parts hold the separator."""

    def __init__(self, *, spell: bool = False) -> None:
        self.ids: dict[str, int] = {}
        self.count = 0
        self.spell = spell

    def id(self, name: str) -> int:
        """The id of ``name``, given now if it has none."""
        found = self.ids.get(name)
        if found is None:
            self.count += 1
            found = self.ids[name] = self.count
        return found

    def joined(self, prefix: str, columns: Sequence[Column]) -> Ints:
        """Per row, the id of ``prefix`` followed by the rows' strings of ``columns`` joined by
        ``SEPARATOR``; a prefix is given to one call only. Where no string holds the
        separator, the parts alone tell names apart: each distinct combination of them gets
        the next id, and no name is built."""
        if len(columns[0][0]) == 0:
            return np.zeros(0, dtype=np.int64)
        plain = [_distinct_strings(codes, strings) for codes, strings in columns]
        distinct, inverse = distinct_rows([codes for codes, _ in plain])
        ambiguous = any(SEPARATOR in text for _, strings in plain for text in strings)
        if ambiguous or self.spell:
            texts = [
                [strings[at] for at in column.tolist()]
                for column, (_, strings) in zip(distinct, plain, strict=True)
            ]
            numbers = [
                self.id(prefix + SEPARATOR.join(parts)) for parts in zip(*texts, strict=True)
            ]
            return np.array(numbers, dtype=np.int64)[inverse]
        first = self.count + 1
        self.count += len(distinct[0])
        return inverse + first


def _distinct_strings(codes: Ints, strings: Sequence[str]) -> Column:
    """``codes`` renumbered so that equal strings have one code."""
    distinct = list(dict.fromkeys(strings))
    if len(distinct) == len(strings):
        return codes, strings
    index = {text: at for at, text in enumerate(distinct)}
    table = np.array([index[text] for text in strings], dtype=np.int64)
    return table[codes], distinct


def distinct_rows(parts: Sequence[Ints]) -> tuple[list[Ints], Ints]:
    """The distinct rows of the columns ``parts`` (non-negative codes), as columns, and each
    row's index among them."""
    widths = [max(1, int(part.max(initial=0)).bit_length()) for part in parts]
    if sum(widths) <= 62:
        packed = np.zeros(len(parts[0]), dtype=np.int64)
        for part, width in zip(parts, widths, strict=True):
            packed <<= width
            packed |= part
        unique, inverse = np.unique(packed, return_inverse=True)
        columns = []
        for width in reversed(widths):
            columns.append(unique & ((1 << width) - 1))
            unique = unique >> width
        return columns[::-1], inverse.reshape(-1)
    stacked = np.stack(parts, axis=1)
    unique, inverse = np.unique(stacked, axis=0, return_inverse=True)
    return list(unique.T), inverse.reshape(-1)


def objects(items: Sequence[Any]) -> npt.NDArray[np.object_]:
    """``items`` as an array of references, to be picked from by index arrays."""
    array = np.empty(len(items), dtype=object)
    array[:] = items
    return array


def codes(values: Sequence[Any]) -> tuple[Ints, list[Any]]:
    """A code per value, in order of first appearance, and the distinct values."""
    distinct = list(dict.fromkeys(values))
    index = {value: at for at, value in enumerate(distinct)}
    numbers = np.fromiter(map(index.__getitem__, values), dtype=np.int64, count=len(values))
    return numbers, distinct


def expand(owner: Ints, counts: Ints, starts: Ints) -> tuple[Ints, Ints]:
    """Row ``k`` repeated ``counts[k]`` times: the repeated owners and, for each copy, its place
    ``starts[k] + copy`` in a flat list (ragged lists laid end to end)."""
    total = int(counts.sum())
    repeated = np.repeat(owner, counts)
    heads = np.cumsum(counts) - counts
    at = np.arange(total, dtype=np.int64) - np.repeat(heads - starts, counts)
    return repeated, at


def interleave(
    count: int, parts: Sequence[tuple[Ints, Ints]], dtype: type[np.signedinteger[Any]] = np.int64
) -> tuple[npt.NDArray[Any], npt.NDArray[Any]]:
    """Lists of ``(owner, value)`` rows, each in order of owner, laid out owner by owner: an
    owner's rows from the first list, then from the second, and so on; returns the values and
    their owners, as ``dtype``."""
    sizes = [np.bincount(owner, minlength=count) for owner, _ in parts]
    total = np.sum(sizes, axis=0, dtype=np.int64) if sizes else np.zeros(count, np.int64)
    base = np.cumsum(total) - total
    size = int(total.sum())
    values = np.zeros(size, dtype=dtype)
    owners = np.zeros(size, dtype=dtype)
    for (owner, value), counted in zip(parts, sizes, strict=True):
        heads = np.cumsum(counted) - counted
        at = base[owner] + np.arange(len(owner), dtype=np.int64) - heads[owner]
        values[at], owners[at] = value, owner
        base = base + counted
    return values, owners


def first_of_each(owner: Ints, value: Ints) -> Bools:
    """Which rows hold the first of their value for their owner (rows in order of owner; owners
    and values non-negative)."""
    size = len(owner)
    if size == 0:
        return np.zeros(0, dtype=np.bool_)
    widths = [int(part.max()).bit_length() for part in (owner, value)]
    place = max(1, (size - 1).bit_length())
    keep = np.zeros(size, dtype=np.bool_)
    if sum(widths) + place > 63:
        _, first = np.unique(owner << widths[1] | value, return_index=True)
        keep[first] = True
        return keep
    # Owner, value and row in one integer: a plain sort puts each pair's first row first.
    packed = (owner << widths[1] | value) << place | np.arange(size, dtype=np.int64)
    packed.sort()
    pair = packed >> place
    heads = np.empty(size, dtype=np.bool_)
    heads[0] = True
    np.not_equal(pair[1:], pair[:-1], out=heads[1:])
    keep[packed[heads] & ((1 << place) - 1)] = True
    return keep
