"""Provides the pipeline from articles to claims and pairs, and the merge of a fresh run into a
ledger that keeps every id, verdict and note.

Merging never drops a reviewer's work: reviews are kept as they are, a reviewed pair that is no
longer suggested (its claims changed or disappeared) is kept and marked stale, and claims of
sources that were not re-read stay as recorded. A pair nobody reviewed that is no longer
suggested holds nothing worth keeping and is removed.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from factcheck.aliases import DEFAULT_ENTITIES
from factcheck.entities import EntityIndex
from factcheck.extract import extract_claims
from factcheck.match import match_claims
from factcheck.model import Article, Claim, Entity, Ledger, Pair, Source
from factcheck.workshare import share_work

Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class Changes:
    """What a merge changed, by id."""

    added_sources: tuple[str, ...] = ()
    changed_sources: tuple[str, ...] = ()
    added_claims: tuple[str, ...] = ()
    changed_claims: tuple[str, ...] = ()
    removed_claims: tuple[str, ...] = ()
    added_pairs: tuple[str, ...] = ()
    changed_pairs: tuple[str, ...] = ()
    removed_pairs: tuple[str, ...] = ()
    stale_pairs: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        """True when the merge changed nothing."""
        return not any(getattr(self, name) for name in self.__slots__)

    def summary(self) -> list[str]:
        """One line per kind of change, e.g. ``claims: 3 added, 1 changed``."""
        lines = []
        for kind, parts in (
            ("sources", (("added", self.added_sources), ("changed", self.changed_sources))),
            (
                "claims",
                (
                    ("added", self.added_claims),
                    ("changed", self.changed_claims),
                    ("removed", self.removed_claims),
                ),
            ),
            (
                "pairs",
                (
                    ("added", self.added_pairs),
                    ("changed", self.changed_pairs),
                    ("removed", self.removed_pairs),
                    ("marked stale", self.stale_pairs),
                ),
            ),
        ):
            said = [f"{len(ids)} {verb}" for verb, ids in parts if ids]
            if said:
                lines.append(f"{kind}: {', '.join(said)}")
        return lines


def entity_table(ledger: Ledger) -> tuple[Entity, ...]:
    """The ledger's alias table, or the default one for a ledger that has none yet."""
    return ledger.entities or DEFAULT_ENTITIES


def extract_all(
    articles: Sequence[Article],
    entities: Iterable[Entity],
    progress: Progress | None = None,
    *,
    jobs: int | None = None,
) -> list[Claim]:
    """Extract the claims of every article, in article order, reporting ``(done, total)`` as
    articles finish.

    ``jobs`` caps the processes that extract; by default every available core is used once the
    corpus holds at least ``POOL_MIN_CHARS`` characters, since starting helpers and sending claims
    back costs more than it saves on a few articles. This process extracts too, alongside
    ``jobs - 1`` forked helpers (:mod:`factcheck.workshare`) that inherit the articles and the
    compiled alias table instead of receiving them; where ``fork`` is missing, or with one core or
    ``jobs=1``, everything runs in this process. The output is the same either way.
    """
    index = EntityIndex.build(entities)
    workers = _workers(articles, jobs)
    if workers <= 1:
        claims: list[Claim] = []
        for done, article in enumerate(articles, start=1):
            claims.extend(extract_claims(article, index))
            if progress is not None:
                progress(done, len(articles))
        return claims
    size = max(1, min(_CHUNK, len(articles) // (4 * workers)))
    chunks = [(first, min(first + size, len(articles))) for first in range(0, len(articles), size)]
    done = 0

    def extract_chunk(chunk: int) -> list[Claim]:
        first, last = chunks[chunk]
        return [
            claim for article in articles[first:last] for claim in extract_claims(article, index)
        ]

    def finished(chunk: int) -> None:
        nonlocal done
        first, last = chunks[chunk]
        done += last - first
        if progress is not None:
            progress(done, len(articles))

    found = share_work(extract_chunk, len(chunks), workers, finished)
    return [claim for chunk_claims in found for claim in chunk_claims]


POOL_MIN_CHARS = 300_000
"""Characters of article text below which ``extract_all`` stays in one process: about a third of
a second of work, where forking helpers and gathering their claims would save little or nothing."""
# Articles per piece of work: enough to keep the traffic between processes low, few enough that
# the last pieces of a small corpus still spread over the processes.
_CHUNK = 16


def _workers(articles: Sequence[Article], jobs: int | None) -> int:
    if jobs is not None and jobs <= 1:
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    workers = min(cores or 1, jobs or cores or 1, len(articles))
    if jobs is None and sum(len(article.text) for article in articles) < POOL_MIN_CHARS:
        return 1
    return workers


def refresh(
    ledger: Ledger, articles: Sequence[Article], progress: Progress | None = None
) -> tuple[Ledger, Changes]:
    """Re-read ``articles`` into ``ledger``: extract, match across all claims, merge."""
    entities = entity_table(ledger)
    fresh_claims = extract_all(articles, entities, progress)
    refreshed = {article.source.id for article in articles}
    kept_claims = [claim for claim in ledger.claims if claim.source not in refreshed]
    claims = sorted([*kept_claims, *fresh_claims], key=lambda claim: claim.id)
    sources = {source.id: source for source in ledger.sources}
    sources.update((article.source.id, article.source) for article in articles)
    pairs = match_claims(claims, sources, entities=entities)
    return merge(ledger, list(sources.values()), entities, claims, pairs)


def merge(
    ledger: Ledger,
    sources: Sequence[Source],
    entities: Sequence[Entity],
    claims: Sequence[Claim],
    pairs: Sequence[Pair],
) -> tuple[Ledger, Changes]:
    """Fold a fresh run into ``ledger``: new ids arrive without a verdict, old ones keep theirs."""
    old_sources = {source.id: source for source in ledger.sources}
    old_claims = {claim.id: claim for claim in ledger.claims}
    old_pairs = {pair.id: pair for pair in ledger.pairs}
    new_claims = {claim.id: claim for claim in claims}
    new_pairs = {pair.id: pair for pair in pairs}

    reviewed = {review.pair for review in ledger.reviews}
    merged_pairs = dict(new_pairs)
    stale = []
    removed = []
    for pair_id, pair in old_pairs.items():
        if pair_id in new_pairs:
            continue
        if pair_id not in reviewed:
            removed.append(pair_id)
            continue
        merged_pairs[pair_id] = replace(pair, stale=True)
        if not pair.stale:
            stale.append(pair_id)

    changes = Changes(
        added_sources=_added(old_sources, {source.id: source for source in sources}),
        changed_sources=_changed(old_sources, {source.id: source for source in sources}),
        added_claims=_added(old_claims, new_claims),
        changed_claims=_changed(old_claims, new_claims),
        removed_claims=tuple(sorted(set(old_claims) - set(new_claims))),
        added_pairs=_added(old_pairs, new_pairs),
        changed_pairs=_changed(old_pairs, new_pairs),
        removed_pairs=tuple(sorted(removed)),
        stale_pairs=tuple(sorted(stale)),
    )
    merged = replace(
        ledger,
        sources=tuple(sorted(sources, key=lambda source: source.id)),
        entities=tuple(sorted(entities, key=lambda entity: entity.id)),
        claims=tuple(sorted(claims, key=lambda claim: claim.id)),
        pairs=tuple(merged_pairs[pair_id] for pair_id in sorted(merged_pairs)),
    )
    return merged, changes


def _added(old: Mapping[str, object], new: Mapping[str, object]) -> tuple[str, ...]:
    return tuple(sorted(set(new) - set(old)))


def _changed(old: Mapping[str, object], new: Mapping[str, object]) -> tuple[str, ...]:
    return tuple(sorted(key for key in set(new) & set(old) if new[key] != old[key]))
