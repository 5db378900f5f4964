"""Provides :class:`Names`, feature names as small integer ids, and the array helpers that
:mod:`factcheck.featuretable` assembles many claims' features with: ids of names built from
combinations of parts, ragged lists expanded, and per-claim lists interleaved.

A name gets its id when first seen, counting from 1 (0 stands for no feature). Two names have the
same id exactly when they are the same string, so ids can stand in for the names wherever only
equality counts. A name made of parts is built and looked up once per distinct combination of
the parts' codes, not once per claim.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

Ints = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]


class Names:
    """Feature names and their ids."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}

    def id(self, name: str) -> int:
        """The id of ``name``, given now if it has none."""
        return self.ids.setdefault(name, len(self.ids) + 1)

    def combined(self, parts: Sequence[Ints], name: Callable[..., str | None]) -> Ints:
        """Per row of the code arrays ``parts``, the id of ``name(*codes)`` (0 where it is
        ``None``), ``name`` called once per distinct combination of codes."""
        if len(parts[0]) == 0:
            return np.zeros(0, dtype=np.int64)
        distinct, inverse = distinct_rows(parts)
        made = list(map(name, *(column.tolist() for column in distinct)))
        ids, give = self.ids, self.ids.setdefault
        numbers = [0 if text is None else give(text, len(ids) + 1) for text in made]
        return np.array(numbers, dtype=np.int64)[inverse]


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


def interleave(count: int, parts: Sequence[tuple[Ints, Ints]]) -> tuple[Ints, Ints]:
    """Lists of ``(owner, value)`` rows, each in order of owner, laid out owner by owner: an
    owner's rows from the first list, then from the second, and so on; returns the values and
    their owners."""
    sizes = [np.bincount(owner, minlength=count) for owner, _ in parts]
    total = np.sum(sizes, axis=0, dtype=np.int64) if sizes else np.zeros(count, np.int64)
    base = np.cumsum(total) - total
    size = int(total.sum())
    values = np.zeros(size, dtype=np.int64)
    owners = np.zeros(size, dtype=np.int64)
    for (owner, value), counted in zip(parts, sizes, strict=True):
        heads = np.cumsum(counted) - counted
        at = base[owner] + np.arange(len(owner), dtype=np.int64) - heads[owner]
        values[at], owners[at] = value, owner
        base = base + counted
    return values, owners


def first_of_each(owner: Ints, value: Ints) -> Bools:
    """Which rows hold the first of their value for their owner (rows in order of owner)."""
    if len(owner) == 0:
        return np.zeros(0, dtype=np.bool_)
    key = owner << 32 | value
    _, first = np.unique(key, return_index=True)
    keep = np.zeros(len(owner), dtype=np.bool_)
    keep[first] = True
    return keep
