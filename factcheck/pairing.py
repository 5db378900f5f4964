"""Provides :func:`pair_claims`: many pairs of claims as :class:`Pair`, each with its stable id,
relation and reason, and :func:`compare_pairs`, the relation and reason alone; both computed in
worker processes (:mod:`factcheck.forking`) when there are enough pairs to repay starting them.

Comparing is pure Python and, past a hundred thousand claims, the larger part of matching.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from operator import attrgetter
from typing import TypeVar

from factcheck.compare import Side, compare_sides
from factcheck.forking import fork_map, usable_cores
from factcheck.model import Claim, Pair, Relation, Source

PARALLEL_FROM = 20_000
# Pairs per chunk at most: each chunk reads each of its claims once (a claim is in few pairs,
# spread over the list), so the fewer the chunks, the fewer the readings.
CHUNK = 1 << 16

Compared = tuple[Relation, str]
_Work = tuple[Sequence[Claim], Mapping[str, Source]]
Done = TypeVar("Done")


def pair_id(a: str, b: str) -> str:
    """A stable id for the pair of claims ``a`` and ``b``, the same in either order."""
    first, second = sorted((a, b))
    digest = hashlib.blake2b(f"{first}\n{second}".encode(), digest_size=8).hexdigest()
    return f"p-{digest}"


def pair_claims(
    claims: Sequence[Claim],
    sources: Mapping[str, Source],
    first: Sequence[int],
    second: Sequence[int],
    scores: Sequence[float],
    *,
    workers: int | None = None,
    least: int = PARALLEL_FROM,
) -> list[Pair]:
    """The pairs of ``claims[first[k]]`` and ``claims[second[k]]`` scored ``scores[k]``, each
    compared, sorted by pair id; in ``workers`` processes as :func:`compare_pairs`."""
    found = _spread(_pair_span, (claims, sources), (first, second), workers=workers, least=least)
    pairs = [
        Pair(key, claims[i].id, claims[j].id, relation, round(score, 1), reason)
        for i, j, score, (key, relation, reason) in zip(first, second, scores, found, strict=True)
    ]
    pairs.sort(key=attrgetter("id"))
    return pairs


def compare_pairs(
    claims: Sequence[Claim],
    sources: Mapping[str, Source],
    first: Sequence[int],
    second: Sequence[int],
    *,
    workers: int | None = None,
    least: int = PARALLEL_FROM,
) -> list[Compared]:
    """``compare`` of ``claims[first[k]]`` and ``claims[second[k]]`` for every ``k``, in order;
    in ``workers`` processes (default: one per usable core) once there are ``least`` pairs. A
    claim whose source is missing from ``sources`` is read without a publication date."""
    return _spread(_compare_span, (claims, sources), (first, second), workers=workers, least=least)


def _spread(
    function: Callable[[_Work, tuple[Sequence[int], Sequence[int]]], list[Done]],
    work: _Work,
    pairs: tuple[Sequence[int], Sequence[int]],
    *,
    workers: int | None,
    least: int,
) -> list[Done]:
    """``function`` over the pairs in worker processes from ``least`` pairs on, in as many
    chunks as workers, or more so that none holds more than ``CHUNK``."""
    first, second = pairs
    count = usable_cores() if workers is None else workers
    if len(first) < least:
        return function(work, (first, second))
    size = max(1, min(CHUNK, -(-len(first) // max(count, 1))))
    chunks = [
        (first[start : start + size], second[start : start + size])
        for start in range(0, len(first), size)
    ]
    parts = fork_map(function, work, chunks, workers=count)
    return [done for part in parts for done in part]


def _pair_span(
    work: _Work, span: tuple[Sequence[int], Sequence[int]]
) -> list[tuple[str, Relation, str]]:
    claims = work[0]
    return [
        (pair_id(claims[i].id, claims[j].id), relation, reason)
        for i, j, (relation, reason) in zip(*span, _compare_span(work, span), strict=True)
    ]


def _compare_span(work: _Work, span: tuple[Sequence[int], Sequence[int]]) -> list[Compared]:
    claims, sources = work
    sides: dict[int, Side] = {}
    found = []
    for i, j in zip(*span, strict=True):
        a, b = sides.get(i), sides.get(j)
        if a is None:
            a = sides[i] = _side(sources, claims[i])
        if b is None:
            b = sides[j] = _side(sources, claims[j])
        found.append(compare_sides(a, b))
    return found


def _side(sources: Mapping[str, Source], claim: Claim) -> Side:
    return Side(claim, sources.get(claim.source) or Source(id=claim.source, path="", sha256=""))
