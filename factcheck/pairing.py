"""Provides :func:`pair_claims`: many pairs of claims as :class:`Pair`, each with its stable id,
relation and reason, and :func:`compare_pairs`, the relation and reason alone.

Each claim in some pair is read once (:mod:`factcheck.facts`); then, span by span of pairs, the
pairs are decided array against array (:mod:`factcheck.decision`) but those with several numbers
a side, which :func:`~factcheck.compare.compare_sides` compares one by one, and their reasons
are worded from the pieces read per claim (:mod:`factcheck.wording`). Both steps run in worker
processes (:mod:`factcheck.forking`) when there are enough claims or pairs to repay starting
them; the pairs are made here, in their order, then sorted by id.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from factcheck.claimfields import Fields, read_fields
from factcheck.decision import RELATIONS
from factcheck.facts import Codes, read_facts
from factcheck.forking import fork_map, usable_cores
from factcheck.model import Claim, Pair, Relation, Source
from factcheck.naming import objects
from factcheck.wording import Paired, word

PARALLEL_FROM = 20_000
# Pairs per chunk at most, so that no worker holds the words of too many at once.
CHUNK = 1 << 16

Compared = tuple[Relation, str]
# Positions of claims, one per pair.
Positions = Sequence[int] | npt.NDArray[np.int64]
# Per span of pairs: pair ids and their digests (when asked), relation codes, reasons.
_Span = tuple[list[str], bytes, Codes, list[str]]


def pair_id(a: str, b: str) -> str:
    """A stable id for the pair of claims ``a`` and ``b``, the same in either order."""
    return f"p-{_digest(a.encode(), b.encode()).hex()}"


def _digest(a: bytes, b: bytes) -> bytes:
    """The digest of a pair of claim ids in UTF-8 (which sorts as the ids do)."""
    first, second = (a, b) if a <= b else (b, a)
    return hashlib.blake2b(first + b"\n" + second, digest_size=8).digest()


def pair_claims(
    claims: Sequence[Claim],
    sources: Mapping[str, Source],
    first: Positions,
    second: Positions,
    scores: Sequence[float] | npt.NDArray[np.floating[Any]],
    *,
    fields: Fields | None = None,
    workers: int | None = None,
    least: int = PARALLEL_FROM,
) -> list[Pair]:
    """The pairs of ``claims[first[k]]`` and ``claims[second[k]]`` scored ``scores[k]``, each
    compared, sorted by pair id; in ``workers`` processes as :func:`compare_pairs`. ``fields``
    are the claims' fields when already read."""
    fields = read_fields(claims) if fields is None else fields
    parts = _compare(
        claims, sources, first, second, fields=fields, workers=workers, least=least, named=True
    )
    ids = [key for part in parts for key in part[0]]
    relations = _concatenate([part[2] for part in parts]).tolist()
    reasons = [reason for part in parts for reason in part[3]]
    # The claims' ids and the rounded scores, picked as references to one object per value.
    names = objects(fields.ids)
    said = np.asarray(scores)
    distinct, inverse = np.unique(said, return_inverse=True)
    rounded = objects([round(score, 1) for score in distinct.tolist()])[inverse.reshape(-1)]
    # Made in the order of the pairs, so that the claims are read in order, then sorted.
    pairs = [
        Pair(key, a, b, RELATIONS[relation], score, reason)
        for key, a, b, relation, score, reason in zip(
            ids,
            names[np.asarray(first, dtype=np.int64)].tolist(),
            names[np.asarray(second, dtype=np.int64)].tolist(),
            relations,
            rounded.tolist(),
            reasons,
            strict=True,
        )
    ]
    # A hex id sorts as its digest read as a big-endian number.
    digests = np.frombuffer(b"".join(part[1] for part in parts), dtype=">u8")
    ordered: list[Pair] = objects(pairs)[np.argsort(digests, kind="stable")].tolist()
    return ordered


def compare_pairs(
    claims: Sequence[Claim],
    sources: Mapping[str, Source],
    first: Positions,
    second: Positions,
    *,
    workers: int | None = None,
    least: int = PARALLEL_FROM,
) -> list[Compared]:
    """``compare`` of ``claims[first[k]]`` and ``claims[second[k]]`` for every ``k``, in order;
    in ``workers`` processes (default: one per usable core) once there are ``least`` pairs. A
    claim whose source is missing from ``sources`` is read without a publication date."""
    parts = _compare(
        claims,
        sources,
        first,
        second,
        fields=read_fields(claims),
        workers=workers,
        least=least,
        named=False,
    )
    return [
        (RELATIONS[code], reason)
        for part in parts
        for code, reason in zip(part[2].tolist(), part[3], strict=True)
    ]


def _compare(
    claims: Sequence[Claim],
    sources: Mapping[str, Source],
    first: Positions,
    second: Positions,
    *,
    fields: Fields,
    workers: int | None,
    least: int,
    named: bool,
) -> list[_Span]:
    """The pairs compared, in spans of consecutive pairs: in ``workers`` processes from
    ``least`` pairs on, in as many spans as workers, or more so that none holds more than
    ``CHUNK``."""
    at_a, at_b = np.asarray(first, dtype=np.int64), np.asarray(second, dtype=np.int64)
    paired = np.zeros(len(claims), dtype=np.bool_)
    paired[at_a] = True
    paired[at_b] = True
    facts = read_facts(fields, sources, np.flatnonzero(paired))
    work = Paired(claims, sources, facts, at_a, at_b)
    count = usable_cores() if workers is None else workers
    total = len(at_a)
    if total < least:
        return [_word_span((work, named), (0, total))]
    size = max(1, min(CHUNK, -(-total // max(count, 1))))
    spans = [(start, min(start + size, total)) for start in range(0, total, size)]
    return fork_map(_word_span, (work, named), spans, workers=count)


def _word_span(work: tuple[Paired, bool], span: tuple[int, int]) -> _Span:
    """The pairs ``span`` covers, worded; with their ids when asked."""
    pairs, named = work
    start, stop = span
    relations, reasons = word(pairs, start, stop)
    ids: list[str] = []
    digests = b""
    if named:
        names, ends = pairs.facts.names, pairs.facts.name_ends
        a, b = pairs.facts.rows(pairs.first[start:stop]), pairs.facts.rows(pairs.second[start:stop])
        starts = np.concatenate([[0], ends[:-1]])
        found = [
            _digest(names[from_a:to_a], names[from_b:to_b])
            for from_a, to_a, from_b, to_b in zip(
                starts[a].tolist(),
                ends[a].tolist(),
                starts[b].tolist(),
                ends[b].tolist(),
                strict=True,
            )
        ]
        ids = [f"p-{digest.hex()}" for digest in found]
        digests = b"".join(found)
    return ids, digests, relations, reasons


def _concatenate(parts: list[Codes]) -> Codes:
    if not parts:
        return np.zeros(0, dtype=np.int32)
    joined: Codes = np.concatenate(parts)
    return joined
