"""Provides the matcher: pairs of claims from different sources that speak of the same thing,
found by blocking, scored with ``rapidfuzz`` and each compared into a :class:`Pair`.

The score (0-100) is the weighted Dice coefficient of the two claims' features: normalised
words with numbers masked, entity ids, structure and stated values, rare features weighing
more (see :mod:`factcheck.features` and :mod:`factcheck.signature`), computed from
``rapidfuzz``'s Indel distance between signatures. Two claims that share a structural match key
(the same uncommon place, kind of event and month; or the same subject, predicate and scope)
score at least ``EVENT_SCORE`` however they are worded. Below ``suggest`` (default
``DEFAULT_SUGGEST``) a pair is not suggested; at or above ``strong`` (default
``DEFAULT_STRONG``) it is a strong match. The defaults come from ``benchmarks/matching.py`` (see
its section in ``benchmarks/README.md``); ``EVENT_SCORE`` lies between them, so a structural
match alone is suggested but never strong.

Blocking. Scoring all pairs is quadratic and news has hot entities, so a claim is scored only
against claims that share one of its blocking keys (see :mod:`factcheck.signature`). The key
entries are sorted by key and, within a key, by the claims' rarest keys. A block of at most
``PAIR_BLOCK`` claims is scored in full, pair by pair (``rapidfuzz.process.cpdist``); a bigger
(hot) block in chunks of ``WINDOW`` entries, each against itself and the next chunk
(``rapidfuzz.process.cdist``), which scores each claim against its ``WINDOW`` neighbours in that
order: a sorted neighbourhood. The work grows with claims x keys x ``WINDOW``: linearly in the
number of claims.

Many claims. The claims' features are read here with array operations (see
:mod:`factcheck.featuretable`), their words split in forked worker processes, one per core
(:mod:`factcheck.forking`), from byte strings made for them, so that no worker touches a
claim; comparing the pairs found is pure Python and, from some twenty thousand pairs, runs in
worker processes too, and so do the big blocks once they fill ``PARALLEL_BATCHES`` batches of
``BATCH`` entries; the result is the same as in one process. The cycle collector is paused
meanwhile: nothing matching allocates forms a cycle.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from rapidfuzz import process
from rapidfuzz.distance import Indel

from factcheck.claimfields import read_fields
from factcheck.collector import paused
from factcheck.errors import UsageError
from factcheck.features import Lexicon
from factcheck.forking import fork_map
from factcheck.model import Claim, Entity, Pair, Source
from factcheck.naming import objects
from factcheck.pairing import pair_claims
from factcheck.signature import Keys, Signatures, signatures

DEFAULT_SUGGEST = 40.0
DEFAULT_STRONG = 60.0
EVENT_SCORE = 50.0
WINDOW = 32
PAIR_BLOCK = 8
BATCH = 1 << 14
PARALLEL_BATCHES = 8

Indices = npt.NDArray[np.int64]
Scores = npt.NDArray[np.float32]
Bools = npt.NDArray[np.bool_]
# Per claim: its signature (in an array, to be picked from), its length and its padding.
Scoring = tuple[npt.NDArray[np.object_], Indices, Indices]
Found = tuple[Indices, Indices, Scores]


def match_claims(
    claims: Sequence[Claim],
    sources: Mapping[str, Source],
    *,
    suggest: float = DEFAULT_SUGGEST,
    strong: float = DEFAULT_STRONG,
    entities: Iterable[Entity] | None = None,
) -> list[Pair]:
    """Suggest pairs of claims from different sources that speak of the same thing, each with
    its relation and reason, sorted by pair id. ``entities`` is the alias table (default: the
    built-in one) whose words the canonical ids stand in for; a claim whose source is missing
    from ``sources`` is read without a publication date."""
    check_thresholds(suggest, strong)
    if entities is None:
        from factcheck.aliases import DEFAULT_ENTITIES

        entities = DEFAULT_ENTITIES
    # Matching allocates millions of objects without cycles (features, signatures, pairs); the
    # cycle collector would scan them and the claims over and over for nothing, and in the
    # forked workers it would write to every object they inherit, copying its memory.
    with paused():
        return _match(claims, sources, suggest, entities)


def _match(
    claims: Sequence[Claim],
    sources: Mapping[str, Source],
    suggest: float,
    entities: Iterable[Entity],
) -> list[Pair]:
    """:func:`match_claims` with thresholds checked and the alias table chosen."""
    ordered = sorted(claims, key=lambda claim: claim.id)
    fields = read_fields(ordered)
    packed = signatures(ordered, Lexicon.build(entities), fields=fields)
    # Sources coded in order of first appearance: the groups of group_numbers.
    first, second, scores = blocked_pairs(packed, fields.source_code, suggest)
    del packed
    return pair_claims(ordered, sources, first, second, scores, fields=fields)


def check_thresholds(suggest: float, strong: float) -> None:
    """Refuse thresholds outside 0-100 or a strong threshold below the suggest one."""
    if not 0 <= suggest <= strong <= 100:
        raise UsageError(
            f"thresholds must satisfy 0 <= suggest <= strong <= 100 (got {suggest:g} and "
            f"{strong:g})",
            hint=f"the defaults are --suggest {DEFAULT_SUGGEST:g} --strong {DEFAULT_STRONG:g}",
        )


def group_numbers(labels: Sequence[str]) -> list[int]:
    """A number per distinct label, in order of first appearance (sources become groups)."""
    numbers: dict[str, int] = {}
    return [numbers.setdefault(label, len(numbers)) for label in labels]


def blocked_pairs(packed: Signatures, groups: Sequence[int] | Indices, cutoff: float) -> Found:
    """Pairs ``(i, j)``, ``i < j``, of different ``groups`` that share a blocking key and score at
    least ``cutoff``: index arrays sorted by ``(i, j)`` and their scores (module docstring)."""
    group = np.asarray(groups, dtype=np.int64)
    if len(packed.keys.key) == 0:
        return _unique([], len(groups))
    owner, key, event = _block_order(packed.keys, len(groups))
    starts = np.flatnonzero(np.r_[True, key[1:] != key[:-1]])
    sizes = np.diff(np.r_[starts, len(key)])
    # A block of one claim, or of claims of one source, can yield no pair.
    mixed = np.minimum.reduceat(group[owner], starts) != np.maximum.reduceat(group[owner], starts)
    size = np.repeat(np.where(mixed, sizes, 0), sizes)
    position = np.arange(len(key)) - np.repeat(starts, sizes)
    small = (size > 1) & (size <= PAIR_BLOCK)
    big = size > PAIR_BLOCK
    scoring = (objects(packed.text), _lengths(packed), packed.padding)
    found = [
        _small_blocks(
            scoring,
            group,
            owner=owner[small],
            event=event[small],
            left=position[small] - size[small],
            cutoff=cutoff,
        ),
        _big_blocks(
            scoring, group, owner=owner[big], key=key[big], event=event[big], cutoff=cutoff
        ),
    ]
    return _unique(found, len(groups))


def _block_order(keys: Keys, count: int) -> tuple[Indices, Indices, Bools]:
    """The key entries (owner, key, whether a match key) sorted by key, then by the owners' rank.
    A claim is under a key at most once, so key and rank order the entries fully: both and the
    match flag are packed into one integer, whose plain sort is several times quicker than
    ``lexsort``; were a claim under a key twice, ``lexsort`` keeps such entries in order."""
    rank = keys.rank
    if (int(keys.key.max()) + 1) * count < 1 << 61:
        packed = (keys.key * count + rank[keys.owner]) << 1 | keys.event
        packed.sort()
        joint = packed >> 1
        if not (joint[1:] == joint[:-1]).any():
            by_rank = np.empty(count, dtype=np.int64)
            by_rank[rank] = np.arange(count, dtype=np.int64)
            key, at = np.divmod(joint, count)
            return by_rank[at], key, (packed & 1).astype(np.bool_)
    order = np.lexsort((keys.owner, rank[keys.owner], keys.key))
    return keys.owner[order], keys.key[order], keys.event[order]


def _small_blocks(
    scoring: Scoring,
    group: Indices,
    *,
    owner: Indices,
    event: npt.NDArray[np.bool_],
    left: Indices,
    cutoff: float,
) -> Found:
    """Every pair within blocks of at most ``PAIR_BLOCK`` claims, scored pair by pair; ``left``
    is each entry's position in its block minus the block's size (so ``-1`` for the last)."""
    count = len(group)
    found = []
    for step in range(1, PAIR_BLOCK):
        at = np.flatnonzero(left + step < 0)
        first, second = owner[at], owner[at + step]
        apart = group[first] != group[second]
        low, high = np.minimum(first, second)[apart], np.maximum(first, second)[apart]
        # A pair and, in its lowest bit, whether it lacks the boost.
        found.append((low * count + high) << 1 | ~event[at][apart])
    # One score per pair; a pair that shares a match key anywhere keeps the boost.
    packed = np.concatenate(found)
    del found
    packed.sort()
    codes = packed >> 1
    keep = np.r_[True, codes[1:] != codes[:-1]] if len(codes) else np.zeros(0, np.bool_)
    codes, boost = codes[keep], (packed[keep] & 1) == 0
    del packed
    first, second = codes // count, codes % count
    if len(first) == 0:
        return first, second, np.zeros(0, dtype=np.float32)
    scores = _scores(scoring, first, second, boost)
    hit = scores >= cutoff
    return first[hit], second[hit], scores[hit]


def _big_blocks(
    scoring: Scoring,
    group: Indices,
    *,
    owner: Indices,
    key: Indices,
    event: Bools,
    cutoff: float,
) -> Found:
    """Blocks of more than ``PAIR_BLOCK`` claims, in chunks of ``WINDOW`` against the next,
    ``BATCH`` entries at a time; in worker processes from ``PARALLEL_BATCHES`` batches on."""
    # The workers read the signatures from one string: reading the claims' own strings would
    # write their reference counts and so copy their pages into every worker.
    joined = "".join(scoring[0].tolist())
    big = _Big(scoring, owner, key, event, group[owner], joined, np.cumsum(scoring[1]), cutoff)
    starts = list(range(0, len(owner), BATCH))
    workers = None if len(starts) >= PARALLEL_BATCHES else 1
    return _unique(fork_map(_big_batch, big, starts, workers=workers), len(group))


@dataclass(frozen=True, slots=True)
class _Big:
    """The entries of the big blocks, in order: claim, key, whether a match key and source;
    with the scores, the claims' signatures one after the other in ``joined`` (each ending at
    its ``ends``) and the cutoff."""

    scoring: Scoring
    owner: Indices
    key: Indices
    event: Bools
    source: Indices
    joined: str
    ends: Indices
    cutoff: float


def _big_batch(big: _Big, start: int) -> Found:
    """The pairs found in the ``BATCH`` entries from ``start``: each chunk's distances in one
    ``cdist``, then the pairs of an entry and a later one of the same block within its reach,
    of different sources."""
    owner, key, source = big.owner, big.key, big.source
    stop = min(start + BATCH, len(owner))
    # The signatures of the entries within reach of this batch, from ``start``.
    held = owner[start : min(stop + 2 * WINDOW, len(owner))]
    ends = big.ends[held]
    texts = [
        big.joined[first:last]
        for first, last in zip((ends - big.scoring[1][held]).tolist(), ends.tolist(), strict=True)
    ]
    distance = np.zeros((-(-(stop - start) // WINDOW), WINDOW, 2 * WINDOW), dtype=np.int32)
    for chunk, low in enumerate(range(start, stop, WINDOW)):
        high, reach = min(low + WINDOW, stop), min(low + 2 * WINDOW, len(owner))
        distance[chunk, : high - low, : reach - low] = process.cdist(
            texts[low - start : high - start],
            texts[low - start : reach - start],
            scorer=Indel.distance,
            dtype=np.int32,
        )
    rows = np.arange(start, stop)
    firsts, seconds = [], []
    for step in range(1, 2 * WINDOW):
        at = rows[(rows % WINDOW < 2 * WINDOW - step) & (rows + step < len(owner))]
        keep = (key[at] == key[at + step]) & (source[at] != source[at + step])
        firsts.append(at[keep])
        seconds.append(at[keep] + step)
    at, to = np.concatenate(firsts), np.concatenate(seconds)
    first, second = owner[at], owner[to]
    between = distance[(at - start) // WINDOW, at % WINDOW, to - at + at % WINDOW]
    scores = _scores(big.scoring, first, second, big.event[at], between)
    hit = scores >= big.cutoff
    return first[hit], second[hit], scores[hit]


def _scores(
    scoring: Scoring,
    first: Indices,
    second: Indices,
    boost: Bools,
    distance: npt.NDArray[np.int32] | None = None,
) -> Scores:
    """The scores of pairs ``(first[k], second[k])``, at least ``EVENT_SCORE`` where ``boost``,
    from the signatures' Indel ``distance`` (computed here when not given)."""
    if len(first) == 0:
        return np.zeros(0, dtype=np.float32)
    texts, length, padding = scoring
    if distance is None:
        distance = process.cpdist(
            texts[first], texts[second], scorer=Indel.distance, dtype=np.int32, workers=-1
        )
    total = length[first] + length[second] + padding[first] + padding[second]
    shared2 = length[first] + length[second] - distance
    scores = (100.0 * shared2 / np.maximum(total, 1)).astype(np.float32)
    boosted: Scores = np.where(boost, np.maximum(scores, np.float32(EVENT_SCORE)), scores)
    return boosted


def exhaustive_pairs(
    packed: Signatures, groups: Sequence[int], cutoff: float, chunk: int = 1024
) -> Found:
    """Every pair ``(i, j)``, ``i < j``, of different ``groups`` scoring at least ``cutoff``: the
    quadratic reference that blocking is measured against."""
    group = np.asarray(groups, dtype=np.int64)
    count = len(groups)
    events = packed.event
    has_event = np.fromiter(map(bool, events), dtype=np.bool_, count=count)
    found: list[Found] = []
    for start in range(0, count, chunk):
        rows, cols = slice(start, min(start + chunk, count)), slice(start, count)
        scores = _dice(
            packed.text[rows],
            packed.text[cols],
            packed.padding[rows],
            packed.padding[cols],
            workers=-1,
        )
        if has_event[rows].any() and has_event[cols].any():
            distance = process.cdist(
                events[rows], events[cols], scorer=Indel.distance, dtype=np.int32, workers=-1
            )
            lengths = np.fromiter(map(len, events[rows]), np.int32)[:, None] + np.fromiter(
                map(len, events[cols]), np.int32
            )
            # Sorted distinct keys share one when the distance is less than both lengths.
            shared = (distance < lengths) & has_event[rows, None] & has_event[None, cols]
            scores = np.where(shared, np.maximum(scores, np.float32(EVENT_SCORE)), scores)
        at_row, at_col = np.nonzero(scores >= cutoff)
        first, second = at_row + start, at_col + start
        valid = (second > first) & (group[first] != group[second])
        found.append((first[valid], second[valid], scores[at_row[valid], at_col[valid]]))
    return _unique(found, count)


def _dice(
    rows: Sequence[str],
    cols: Sequence[str],
    row_padding: Indices,
    col_padding: Indices,
    workers: int = 1,
) -> Scores:
    """Weighted Dice scores (0-100) of signatures ``rows`` against ``cols``, padding counted in
    the totals (see :mod:`factcheck.signature`)."""
    distance = process.cdist(rows, cols, scorer=Indel.distance, dtype=np.int32, workers=workers)
    row_length = np.fromiter(map(len, rows), dtype=np.int64, count=len(rows))
    col_length = np.fromiter(map(len, cols), dtype=np.int64, count=len(cols))
    shared2 = row_length[:, None] + col_length[None, :] - distance
    total = (row_length + row_padding)[:, None] + (col_length + col_padding)[None, :]
    scores: Scores = (100.0 * shared2 / np.maximum(total, 1)).astype(np.float32)
    return scores


def _lengths(packed: Signatures) -> Indices:
    return np.fromiter(map(len, packed.text), dtype=np.int64, count=len(packed.text))


def _unique(found: Sequence[Found], size: int) -> Found:
    """The pairs found, each once with its best score, sorted by ``(i, j)``."""
    parts = [part for part in found if len(part[0])]
    if not parts:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty.copy(), np.zeros(0, dtype=np.float32)
    first = np.concatenate([part[0] for part in parts]).astype(np.int64)
    second = np.concatenate([part[1] for part in parts]).astype(np.int64)
    scores = np.concatenate([part[2] for part in parts])
    base = max(size, 1)
    codes = np.minimum(first, second) * base + np.maximum(first, second)
    order = np.lexsort((-scores, codes))
    codes, scores = codes[order], scores[order]
    keep = np.r_[True, codes[1:] != codes[:-1]]
    return codes[keep] // base, codes[keep] % base, scores[keep]
