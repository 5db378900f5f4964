"""Provides the reviewer rules of ``factcheck check``: ``verdicts`` (one verdict per reviewer and
pair, and no contradiction between claims that agree verdicts link) and ``unreviewed`` (under
``--strict``: every suggested contradiction reviewed, no stale pair).
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterator

from factcheck.checkcontext import Context
from factcheck.model import Relation, Review, Verdict
from factcheck.report import Finding


def verdicts(context: Context) -> Iterator[Finding]:
    """One verdict per reviewer and pair; taking each pair's latest verdict, claims linked by
    ``agree`` verdicts are never judged to ``contradict`` each other.
    """
    ledger = context.ledger
    given: dict[tuple[str, str], int] = {}
    latest: dict[str, int] = {}
    for index, review in enumerate(ledger.reviews):
        key = (review.pair, review.reviewer)
        if key in given:
            earlier = ledger.reviews[given[key]]
            yield context.finding(
                "verdicts",
                f"{review.reviewer!r} gave two verdicts on pair {review.pair!r} "
                f"({earlier.verdict} at {earlier.timestamp}, {review.verdict} at "
                f"{review.timestamp})",
                "keep one: remove the other review",
                section="reviews",
                index=index,
                field="verdict",
            )
        given.setdefault(key, index)
        current = latest.get(review.pair)
        if current is None or _when(review) >= _when(ledger.reviews[current]):
            latest[review.pair] = index
    pairs = {pair.id: pair for pair in ledger.pairs}
    agree: dict[str, list[tuple[str, str]]] = defaultdict(list)
    groups = _UnionFind()
    contradicting: list[int] = []
    for pair_id, index in sorted(latest.items()):
        pair = pairs.get(pair_id)
        verdict = ledger.reviews[index].verdict
        if pair is None:
            continue
        if verdict is Verdict.AGREE:
            groups.union(pair.a, pair.b)
            agree[pair.a].append((pair.b, pair.id))
            agree[pair.b].append((pair.a, pair.id))
        elif verdict is Verdict.CONTRADICT:
            contradicting.append(index)
    for index in contradicting:
        review = ledger.reviews[index]
        pair = pairs[review.pair]
        if groups.find(pair.a) != groups.find(pair.b):
            continue
        chain = ", ".join(repr(link) for link in _chain(agree, pair.a, pair.b))
        yield context.finding(
            "verdicts",
            f"pair {pair.id!r} is judged contradict, but its claims {pair.a!r} and {pair.b!r} "
            f"are linked by agree verdicts on {chain}",
            "one of these verdicts is wrong: change it with 'factcheck review'",
            section="reviews",
            index=index,
            field="verdict",
        )


def unreviewed(context: Context) -> Iterator[Finding]:
    """Under ``--strict``: every suggested contradiction has a verdict, and no pair is stale."""
    reviewed = {review.pair for review in context.ledger.reviews}
    for index, pair in enumerate(context.ledger.pairs):
        if pair.stale:
            yield context.finding(
                "unreviewed",
                f"pair {pair.id!r} is stale: its claims changed or left the sources",
                "review what replaced it, then remove the pair and its reviews",
                section="pairs",
                index=index,
                field="stale",
            )
        elif pair.relation is Relation.CONTRADICT and pair.id not in reviewed:
            yield context.finding(
                "unreviewed",
                f"pair {pair.id!r} suggests a contradiction that no one has reviewed",
                "give it a verdict with 'factcheck review'",
                section="pairs",
                index=index,
                field="relation",
            )


def _when(review: Review) -> tuple[str, str]:
    return (review.timestamp, review.reviewer)


def _chain(links: dict[str, list[tuple[str, str]]], start: str, goal: str) -> list[str]:
    """Pair ids along a shortest path of agree links from ``start`` to ``goal``."""
    previous: dict[str, tuple[str, str]] = {}
    queue = deque([start])
    seen = {start}
    while queue:
        node = queue.popleft()
        if node == goal:
            break
        for neighbour, pair_id in sorted(links.get(node, ())):
            if neighbour not in seen:
                seen.add(neighbour)
                previous[neighbour] = (node, pair_id)
                queue.append(neighbour)
    path: list[str] = []
    node = goal
    while node in previous:
        node, pair_id = previous[node]
        path.append(pair_id)
    return path[::-1]


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, item: str) -> str:
        root = item
        while self.parent.get(root, root) != root:
            root = self.parent[root]
        while item != root:
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, first: str, second: str) -> None:
        a, b = self.find(first), self.find(second)
        if a != b:
            self.parent[max(a, b)] = min(a, b)
