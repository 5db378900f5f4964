"""Provides what the matcher scores and blocks on, computed from the features of all the claims
matched together (see :mod:`factcheck.features`): a weighted signature string per claim, the
structural match keys that count, and the blocking keys.

Weights. A feature held by more than ``HOT_SHARE`` of the claims (and more than ``HOT_FLOOR``)
says nothing and is left out. The others weigh 3, 2 or 1 as they get commoner (held by at most
a hundredth of that limit, a tenth, or more); a feature held by one claim alone weighs 1, since
it cannot be shared and only lengthens its claim. The weights are document frequencies over the
claims matched together, so scores shift a little as a corpus grows.

Signature. Each shared feature becomes one character, repeated by its weight, and a claim's
signature is those characters sorted; its features held by no other claim are only counted, as
``padding``. Scoring two signatures with ``rapidfuzz``'s Indel distance then gives their
weighted Dice coefficient: twice the shared weight over the total weight (padding included).
Should more shared features exist than Unicode has characters (past a million), the latest
ones are counted as padding.

Match keys count only when at most ``EVENT_BLOCK`` claims hold them (held by more, a key names a
topic, not an event) and, for ``ev:``, when its place is not common (held by at most
``SMALL_BLOCK`` claims or a tenth of the hot limit).

Blocking keys. A claim is blocked under every feature or compound key held by at most
``SMALL_BLOCK`` claims, under its ``KEYS_PER_CLAIM`` rarest ones and under its match keys; never
under a hot one or one that no other claim holds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from factcheck.claimfields import Fields
from factcheck.features import Features, Lexicon
from factcheck.featuretable import collect
from factcheck.forking import fork_map, release_free_memory
from factcheck.model import Claim

HOT_SHARE = 0.05
HOT_FLOOR = 20
SMALL_BLOCK = 16
EVENT_BLOCK = 4
KEYS_PER_CLAIM = 4
PARALLEL_FROM = 20_000
CLAIMS_AT_ONCE = 1 << 16
FEATURES_AT_ONCE = 1 << 22

Indices = npt.NDArray[np.signedinteger[Any]]
_FIRST_POINT = 0x100
_POINT_BITS = 21
_SURROGATES = 0xD800
_SYMBOLS = 0x110000 - _FIRST_POINT - 0x800


@dataclass(frozen=True, slots=True)
class Keys:
    """Blocking keys as parallel arrays: claim ``owner[k]`` is blocked under key ``key[k]``, a
    match key when ``event[k]``; ``rank`` orders the claims by their rarest keys, so that within
    a big block neighbours are alike."""

    owner: Indices
    key: Indices
    rank: Indices
    event: npt.NDArray[np.bool_]


@dataclass(frozen=True, slots=True)
class Signatures:
    """Per claim, by position: its signature, its padding (weight of features no other claim
    holds), its counted match keys as a sorted string, and the blocking keys of all."""

    text: list[str]
    padding: Indices
    event: list[str]
    keys: Keys


def signatures(
    claims: Sequence[Claim],
    lexicon: Lexicon,
    *,
    fields: Fields | None = None,
    workers: int | None = None,
    least: int | None = None,
) -> Signatures:
    """The signatures and keys of ``claims``, by position (module docstring); those of runs of
    claims built in ``workers`` processes (default: one per usable core) from ``least`` claims
    on. ``fields`` are the claims' fields when already read."""
    # The features are dropped once prepared, before the workers are forked.
    prepared = _prepared(collect(claims, lexicon, fields=fields))
    return _built(*prepared, workers=workers, least=least)


def pack(features: Features, *, workers: int | None = None, least: int | None = None) -> Signatures:
    """The signatures and keys of claims from their features (module docstring), those of runs
    of claims built in ``workers`` processes from ``least`` claims on."""
    return _built(*_prepared(features), workers=workers, least=least)


def _prepared(features: Features) -> tuple[_Run, Indices, Indices]:
    """What the runs of claims are built from, and the counted match keys (dense ids) with their
    claims."""
    count = features.count
    limit = max(HOT_FLOOR, HOT_SHARE * count)
    unique, first, inverse, held = _unique([features.held, features.compound, features.matches])
    # Dense ids in order of first appearance, so nothing depends on the order names got ids in.
    dense = np.empty(len(unique), dtype=np.int32)
    dense[np.argsort(first, kind="stable")] = np.arange(len(unique), dtype=np.int32)
    del first
    release_free_memory()
    split_at = (len(features.held), len(features.held) + len(features.compound))
    own, compound, matches = np.split(inverse, split_at)
    place_held = np.zeros(len(features.places), dtype=np.int64)
    if len(unique):
        at = np.clip(np.searchsorted(unique, features.places), 0, len(unique) - 1)
        found = (features.places != 0) & (unique[at] == features.places)
        place_held = np.where(found, held[at], 0)
    counted = (held[matches] >= 2) & (held[matches] <= EVENT_BLOCK)
    counted &= place_held <= max(SMALL_BLOCK, limit / 10)
    run = _Run(
        count,
        own,
        features.held_by,
        compound,
        features.compound_by,
        held=held,
        dense=dense,
        number=_numbers(own, held=held, dense=dense, limit=limit),
        limit=limit,
    )
    return run, dense[matches[counted]], features.matches_by[counted]


def _built(
    run: _Run,
    event_ids: Indices,
    event_by: Indices,
    *,
    workers: int | None = None,
    least: int | None = None,
) -> Signatures:
    """The signatures and keys of the claims of ``run`` with counted match keys ``event_ids``
    held by claims ``event_by``."""
    count = run.count
    if count < (PARALLEL_FROM if least is None else least):
        workers = 1
    parts = fork_map(_run, run, range(0, count, CLAIMS_AT_ONCE), workers=workers)
    del run
    text = [text for part in parts for text in part[0]]
    padding = _joined([part[1] for part in parts], np.int64)
    event_index = np.searchsorted(np.unique(event_ids), event_ids)
    event = _strings(count, event_index, event_by, np.ones(len(event_ids), dtype=np.int64))
    return Signatures(
        text=text,
        padding=padding,
        event=event,
        keys=_keys(count, parts, events=(event_ids, event_by)),
    )


def _unique(parts: Sequence[Indices]) -> tuple[Indices, Indices, Indices, Indices]:
    """Like ``np.unique`` of ``parts`` joined (feature ids, small non-negative integers), with
    index, inverse and counts (both as ``int32``)."""
    every = np.concatenate(parts)
    if len(every) == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty.astype(np.int32), empty.astype(np.int32)
    counts = np.bincount(every)
    unique = np.flatnonzero(counts)
    rank = np.zeros(len(counts), dtype=np.int32)
    rank[unique] = np.arange(len(unique), dtype=np.int32)
    first = np.full(len(counts), len(every), dtype=np.int64)
    for start in range(0, len(every), FEATURES_AT_ONCE):
        stop = min(start + FEATURES_AT_ONCE, len(every))
        np.minimum.at(first, every[start:stop], np.arange(start, stop, dtype=np.int64))
    return unique, first[unique], rank[every], counts[unique].astype(np.int32)


def _numbers(own: Indices, *, held: Indices, dense: Indices, limit: float) -> Indices:
    """For each feature id, its number among the shared features (those that go into
    signatures), in the order of their ids; ``-1`` for the others."""
    used = np.zeros(len(dense), dtype=np.bool_)
    for start in range(0, len(own), FEATURES_AT_ONCE):
        part = own[start : start + FEATURES_AT_ONCE]
        times = held[part]
        used[dense[part[(times >= 2) & (times <= limit)]]] = True
    return np.cumsum(used, dtype=np.int64) - 1


@dataclass(frozen=True, slots=True)
class _Run:
    """What the signatures and blocking keys of a run of claims are made from: the claims'
    scored features and compound keys (as ids into ``held``, with their claims, in order of
    claims), how many claims hold each, their dense ids and their numbers as symbols."""

    count: int
    own: Indices
    own_by: Indices
    compound: Indices
    compound_by: Indices
    held: Indices
    dense: Indices
    number: Indices
    limit: float


# A run's signatures and padding, and its blocking keys: owners, keys and rarest-key table.
_RunDone = tuple[list[str], Indices, Indices, Indices, Indices]


def _run(run: _Run, start: int) -> _RunDone:
    """The signatures, padding and blocking keys of the ``CLAIMS_AT_ONCE`` claims from
    ``start``."""
    claims = min(CLAIMS_AT_ONCE, run.count - start)
    low, high = np.searchsorted(run.own_by, [start, start + claims]).tolist()
    mine = run.own_by[low:high] - start
    times = run.held[run.own[low:high]]
    shared = (times >= 2) & (times <= run.limit)
    index = run.number[run.dense[run.own[low:high]]]
    alone = (times == 1) | (shared & (index >= _SYMBOLS))
    shared &= index < _SYMBOLS
    weight = np.full(len(times), 3, dtype=np.int8)
    weight[times * 100.0 > run.limit] = 2
    weight[(times * 10.0 > run.limit) | (times <= 1)] = 1
    padding = np.bincount(mine[alone], minlength=claims).astype(np.int64)
    texts = _strings(claims, index[shared], mine[shared], weight[shared])
    near, far = np.searchsorted(run.compound_by, [start, start + claims]).tolist()
    symbol = np.concatenate([run.own[low:high], run.compound[near:far]])
    owner = np.concatenate([run.own_by[low:high], run.compound_by[near:far]])
    times = run.held[symbol]
    usable = (times >= 2) & (times <= run.limit)
    key, owner, times = run.dense[symbol[usable]], owner[usable], times[usable]
    owner, times, key = _sorted_triples(owner - start, times.astype(np.int64), key)
    owner += start
    place = np.arange(len(owner)) - np.searchsorted(owner, owner, side="left")
    chosen = (place < KEYS_PER_CLAIM) | (times <= SMALL_BLOCK)
    rarest = place < KEYS_PER_CLAIM
    table = np.full((claims, KEYS_PER_CLAIM), -1, dtype=np.int32)
    table[owner[rarest] - start, place[rarest]] = key[rarest]
    return texts, padding, owner[chosen].astype(np.int32), key[chosen].astype(np.int32), table


def _sorted_triples(first: Indices, second: Indices, third: Indices) -> tuple[Indices, ...]:
    """The triples ``(first[k], second[k], third[k])`` of non-negative integers, sorted. When
    they fit in 63 bits they are packed into one integer each and sorted as such, several times
    quicker than ``lexsort``."""
    widths = [int(part.max(initial=0)).bit_length() for part in (second, third)]
    if int(first.max(initial=0)).bit_length() + sum(widths) > 63:
        order = np.lexsort((third, second, first))
        return first[order], second[order], third[order]
    packed = (first.astype(np.int64) << sum(widths)) | (second << widths[1]) | third
    packed.sort()
    return (
        packed >> sum(widths),
        (packed >> widths[1]) & ((1 << widths[0]) - 1),
        packed & ((1 << widths[1]) - 1),
    )


def _joined(parts: Sequence[Indices], dtype: type[np.signedinteger[Any]]) -> Indices:
    return np.concatenate([np.zeros(0, dtype=dtype), *parts]).astype(dtype)


def _strings(count: int, index: Indices, owner: Indices, weight: Indices) -> list[str]:
    """Per claim, the characters of symbols ``index`` it holds, each repeated ``weight`` times,
    sorted."""
    points = index + _FIRST_POINT
    points = np.where(points >= _SURROGATES, points + 0x800, points)
    points, owner = np.repeat(points, weight), np.repeat(owner, weight)
    # Owner above code point in one integer: a plain sort orders both.
    codes = (owner.astype(np.int64) << _POINT_BITS) | points
    codes.sort()
    codes &= (1 << _POINT_BITS) - 1
    joined = codes.astype("<u4").tobytes().decode("utf-32-le")
    del codes
    ends = np.cumsum(np.bincount(owner, minlength=count)).tolist()
    starts = [0, *ends[:-1]][:count]
    return [joined[start:end] for start, end in zip(starts, ends, strict=True)]


def _keys(count: int, parts: Sequence[_RunDone], *, events: tuple[Indices, Indices]) -> Keys:
    """The blocking keys of the runs of claims, then the match keys ``events``."""
    event_key, event_owner = events
    owner = np.concatenate([*(part[2] for part in parts), event_owner], dtype=np.int64)
    key = np.concatenate([*(part[3] for part in parts), event_key], dtype=np.int64)
    event = np.zeros(len(key), dtype=np.bool_)
    event[len(key) - len(event_key) :] = True
    table = np.concatenate([np.zeros((0, KEYS_PER_CLAIM), dtype=np.int32), *(p[4] for p in parts)])
    rank = np.empty(count, dtype=np.int64)
    rank[np.lexsort(table.T[::-1])] = np.arange(count, dtype=np.int64)
    return Keys(owner=owner, key=key, rank=rank, event=event)
