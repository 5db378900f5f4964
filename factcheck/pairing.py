"""Provides :func:`compare_pairs`: the relation and reason of many pairs of claims, computed in
worker processes (:mod:`factcheck.forking`) when there are enough pairs to repay starting them.

Comparing is pure Python and, past a hundred thousand claims, the larger part of matching.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from factcheck.compare import Side, compare_sides
from factcheck.forking import fork_map, usable_cores
from factcheck.model import Claim, Relation, Source

PARALLEL_FROM = 20_000
CHUNK = 4_096

Compared = tuple[Relation, str]
_Work = tuple[Sequence[Claim], Mapping[str, Source]]


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
    count = usable_cores() if workers is None else workers
    work = (claims, sources)
    if len(first) < least:
        return _compare_span(work, (first, second))
    chunks = [
        (first[start : start + CHUNK], second[start : start + CHUNK])
        for start in range(0, len(first), CHUNK)
    ]
    parts = fork_map(_compare_span, work, chunks, workers=count)
    return [compared for part in parts for compared in part]


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
