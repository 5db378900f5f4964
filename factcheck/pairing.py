"""Provides :func:`pair_claims`: many pairs of claims as :class:`Pair`, each with its stable id,
relation and reason, and :func:`compare_pairs`, the relation and reason alone.

Each claim is read once (:mod:`factcheck.facts`); the pairs whose claims each state one number
of one measure are decided all at once, array against array, and the rest pair by pair with
:func:`~factcheck.compare.compare_sides`. The reasons are then worded pair by pair from the
pieces read per claim, in worker processes (:mod:`factcheck.forking`) when there are enough
pairs to repay starting them.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from factcheck.compare import Side, compare_sides
from factcheck.facts import (
    AGREE,
    FULL,
    RELATIONS,
    Codes,
    Facts,
    Indices,
    decide,
    read_facts,
)
from factcheck.forking import fork_map, usable_cores
from factcheck.model import Claim, Pair, Relation, Source
from factcheck.reasons import gap, times

PARALLEL_FROM = 20_000
# Pairs per chunk at most, so that no worker holds the words of too many at once.
CHUNK = 1 << 16

Compared = tuple[Relation, str]
# Per span of pairs: pair ids and their digests (when asked), relation codes, reasons.
_Span = tuple[list[str], bytes, Codes, list[str]]


def pair_id(a: str, b: str) -> str:
    """A stable id for the pair of claims ``a`` and ``b``, the same in either order."""
    return f"p-{_digest(a, b).hex()}"


def _digest(a: str, b: str) -> bytes:
    first, second = (a, b) if a <= b else (b, a)
    return hashlib.blake2b(f"{first}\n{second}".encode(), digest_size=8).digest()


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
    parts = _compare(claims, sources, first, second, workers=workers, least=least, named=True)
    ids = [key for part in parts for key in part[0]]
    relations = _concatenate([part[2] for part in parts]).tolist()
    reasons = [reason for part in parts for reason in part[3]]
    # A hex id sorts as its digest read as a big-endian number.
    digests = np.frombuffer(b"".join(part[1] for part in parts), dtype=">u8")
    order = np.argsort(digests, kind="stable").tolist()
    return [
        Pair(
            ids[k],
            claims[first[k]].id,
            claims[second[k]].id,
            RELATIONS[relations[k]],
            round(scores[k], 1),
            reasons[k],
        )
        for k in order
    ]


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
    parts = _compare(claims, sources, first, second, workers=workers, least=least, named=False)
    return [
        (RELATIONS[code], reason)
        for part in parts
        for code, reason in zip(part[2].tolist(), part[3], strict=True)
    ]


@dataclass(frozen=True, slots=True)
class _Work:
    """What wording the pairs needs, shared with the workers: the claims, their sources and
    facts, each pair's claims (positions and rows of ``facts``) and :func:`decide` of it."""

    claims: Sequence[Claim]
    sources: Mapping[str, Source]
    facts: Facts
    first: Indices
    second: Indices
    rows_a: Indices
    rows_b: Indices
    decided: Codes
    named: bool


def _compare(
    claims: Sequence[Claim],
    sources: Mapping[str, Source],
    first: Sequence[int],
    second: Sequence[int],
    *,
    workers: int | None,
    least: int,
    named: bool,
) -> list[_Span]:
    """The pairs compared, in spans of consecutive pairs: in ``workers`` processes from
    ``least`` pairs on, in as many spans as workers, or more so that none holds more than
    ``CHUNK``."""
    at_a, at_b = np.asarray(first, dtype=np.int64), np.asarray(second, dtype=np.int64)
    positions = np.unique(np.concatenate([at_a, at_b]))
    facts = read_facts(claims, sources, positions, workers=workers, least=least)
    rows_a, rows_b = facts.rows(at_a), facts.rows(at_b)
    decided = decide(facts, rows_a, rows_b)
    work = _Work(claims, sources, facts, at_a, at_b, rows_a, rows_b, decided, named)
    count = usable_cores() if workers is None else workers
    total = len(at_a)
    if total < least:
        return [_word_span(work, (0, total))]
    size = max(1, min(CHUNK, -(-total // max(count, 1))))
    spans = [(start, min(start + size, total)) for start in range(0, total, size)]
    return fork_map(_word_span, work, spans, workers=count)


def _word_span(work: _Work, span: tuple[int, int]) -> _Span:
    """The pairs ``span`` covers: decided ones worded from their claims' facts, the others
    compared in full; with their ids when ``work.named``."""
    start, stop = span
    facts, code = work.facts, work.facts.coded
    a, b = work.rows_a[start:stop], work.rows_b[start:stop]
    rule_a, rule_b = code["rule"][a], code["rule"][b]
    wider = (facts.high[a] - facts.low[a]) >= (facts.high[b] - facts.low[b])
    rule = np.where((rule_a == rule_b) | wider, rule_a, rule_b).tolist()
    rules, whens, units = facts.tables["rule"], facts.tables["when"], facts.tables["written"]
    stated = facts.stated
    relations = work.decided[start:stop].copy()
    said: dict[tuple[int, int], str] = {}
    sides: dict[int, Side] = {}
    reasons = []
    columns = zip(
        a.tolist(),
        b.tolist(),
        relations.tolist(),
        rule,
        facts.centre[a].tolist(),
        facts.centre[b].tolist(),
        code["when"][a].tolist(),
        code["when"][b].tolist(),
        code["written"][a].tolist(),
        strict=True,
    )
    for k, (row_a, row_b, decided, pick, point_a, point_b, when_a, when_b, unit) in enumerate(
        columns
    ):
        if decided == FULL:
            i, j = int(work.first[start + k]), int(work.second[start + k])
            relation, reason = compare_sides(_side(work, sides, i), _side(work, sides, j))
            relations[k] = RELATIONS.index(relation)
            reasons.append(reason)
            continue
        agree = decided == AGREE
        if math.isnan(point_a) or math.isnan(point_b):
            apart = "bounds overlap" if agree else "bounds do not meet"
        else:
            apart = gap(point_a, point_b, units[unit])
        timing = said.get((when_a, when_b))
        if timing is None:
            timing = said[(when_a, when_b)] = times(whens[when_a], whens[when_b])
        reasons.append(
            f"{stated[row_a]} vs {stated[row_b]}: {apart}, "
            f"{'within' if agree else 'outside'} {rules[pick]}; {timing}"
        )
    ids: list[str] = []
    digests = b""
    if work.named:
        claims = work.claims
        found = [
            _digest(claims[i].id, claims[j].id)
            for i, j in zip(
                work.first[start:stop].tolist(), work.second[start:stop].tolist(), strict=True
            )
        ]
        ids = [f"p-{digest.hex()}" for digest in found]
        digests = b"".join(found)
    return ids, digests, relations, reasons


def _side(work: _Work, sides: dict[int, Side], at: int) -> Side:
    side = sides.get(at)
    if side is None:
        claim = work.claims[at]
        source = work.sources.get(claim.source) or Source(id=claim.source, path="", sha256="")
        side = sides[at] = Side(claim, source)
    return side


def _concatenate(parts: list[Codes]) -> Codes:
    if not parts:
        return np.zeros(0, dtype=np.int32)
    joined: Codes = np.concatenate(parts)
    return joined
