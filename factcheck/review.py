"""Provides the review session: the queue of suggested pairs, the cursor, each reviewer's verdicts,
undo, skip, filters, progress and disagreements.

Pure: no terminal, no files and no clock; every timestamp is passed in. The session is what the
review app shows and changes; each change returns the record (a :class:`~factcheck.model.Review`
or a :class:`Retraction`) that the caller makes durable.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from factcheck.errors import UsageError
from factcheck.model import Claim, Ledger, Pair, Relation, Review, Source, Verdict
from factcheck.reviewfilter import Filter, parse_filter

# Contradictions come first because they are what a fact-checker is there to settle; agreements
# and mere relatedness can wait.
RELATION_ORDER = {
    Relation.CONTRADICT: 0,
    Relation.CHANGED: 1,
    Relation.AGREE: 2,
    Relation.RELATED: 3,
}


@dataclass(frozen=True, slots=True)
class Retraction:
    """Withdraws one review: the pair, the reviewer, the timestamp of the review withdrawn and when
    it was withdrawn (ISO 8601 UTC); ``restores`` is the reviewer's earlier review of the pair,
    which stands again."""

    pair: str
    reviewer: str
    timestamp: str
    at: str
    restores: Review | None = None


Record = Review | Retraction


@dataclass(frozen=True, slots=True)
class Progress:
    """What the header shows: the reviewer's pairs decided, all pairs, contradictions the reviewer
    has not decided yet, and pairs where reviewers' latest verdicts differ."""

    reviewed: int
    total: int
    open_contradictions: int
    disagreements: int


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the queue."""

    pair: Pair
    a: Claim
    b: Claim
    outlet_a: str
    outlet_b: str
    subject: str
    mine: Verdict | None
    others: tuple[Review, ...]
    disagreement: bool


@dataclass(slots=True)
class _Counts:
    decided_contradictions: int = 0
    contradictions: int = 0
    disagreements: set[str] = field(default_factory=set)


class ReviewSession:
    """One reviewer's pass over a ledger's pairs.

    The queue orders pairs by relation (contradictions first), then by score, then by id; the
    view is the queue narrowed by the filter and is recomputed only when the filter changes, so
    rows never jump while the reviewer works. Verdicts of every reviewer are kept; for each
    reviewer the latest (by timestamp) counts.
    """

    def __init__(self, ledger: Ledger, reviewer: str) -> None:
        self.reviewer = reviewer
        self.sources: dict[str, Source] = {source.id: source for source in ledger.sources}
        self.claims: dict[str, Claim] = {claim.id: claim for claim in ledger.claims}
        self.pairs: dict[str, Pair] = {pair.id: pair for pair in ledger.pairs}
        self.order: tuple[str, ...] = tuple(
            pair.id
            for pair in sorted(
                ledger.pairs,
                key=lambda p: (RELATION_ORDER[p.relation], p.stale, -p.score, p.id),
            )
        )
        self._reviews: dict[str, dict[str, list[Review]]] = {}
        self._mine: dict[str, Verdict] = {}
        self._retracted: set[tuple[str, str, str]] = set()
        self._counts = _Counts(
            contradictions=sum(p.relation is Relation.CONTRADICT for p in ledger.pairs)
        )
        self._undo: list[Review] = []
        self._haystacks: dict[str, str] = {}
        self._by_source: dict[str, tuple[Claim, ...]] | None = None
        self.filter_text = ""
        self._filter = Filter()
        self.view: tuple[str, ...] = self.order
        self._positions: dict[str, int] = {pid: i for i, pid in enumerate(self.view)}
        self.cursor = 0
        for review in ledger.reviews:
            self._add(review)
        self.cursor = self._first_undecided(0, 1) or 0

    @property
    def current(self) -> Pair | None:
        """The selected pair, or ``None`` when the view is empty."""
        return self.pairs[self.view[self.cursor]] if self.view else None

    @property
    def can_undo(self) -> bool:
        """Whether this session has a change to take back."""
        return bool(self._undo)

    def claim(self, claim_id: str) -> Claim:
        """The claim with that id, or a placeholder naming the missing id."""
        found = self.claims.get(claim_id)
        return found or Claim(claim_id, "", 0, 0, f"(claim {claim_id} is not in the ledger)")

    def source(self, source_id: str) -> Source | None:
        """The source with that id, if the ledger has it."""
        return self.sources.get(source_id)

    def claims_of(self, source_id: str) -> tuple[Claim, ...]:
        """Every claim of one source, in reading order."""
        if self._by_source is None:
            grouped: dict[str, list[Claim]] = {}
            for claim in self.claims.values():
                grouped.setdefault(claim.source, []).append(claim)
            self._by_source = {
                key: tuple(sorted(found, key=lambda c: (c.start, c.end, c.id)))
                for key, found in grouped.items()
            }
        return self._by_source.get(source_id, ())

    def row(self, index: int) -> Row:
        """The queue line at ``index`` of the view."""
        pair = self.pairs[self.view[index]]
        a, b = self.claim(pair.a), self.claim(pair.b)
        latest = self.latest(pair.id)
        mine = latest.get(self.reviewer)
        others = tuple(review for name, review in sorted(latest.items()) if name != self.reviewer)
        return Row(
            pair,
            a,
            b,
            self._outlet(a),
            self._outlet(b),
            a.subject or b.subject or a.predicate or b.predicate or "",
            mine.verdict if mine else None,
            others,
            pair.id in self._counts.disagreements,
        )

    def latest(self, pair_id: str) -> dict[str, Review]:
        """Each reviewer's latest review of a pair."""
        return {name: found[-1] for name, found in self._reviews.get(pair_id, {}).items() if found}

    def verdict(self, pair_id: str) -> Verdict | None:
        """This reviewer's latest verdict on a pair."""
        return self._mine.get(pair_id)

    def note(self, pair_id: str) -> str:
        """This reviewer's current note on a pair."""
        mine = self.latest(pair_id).get(self.reviewer)
        return mine.note if mine else ""

    def progress(self) -> Progress:
        """Counts for the header."""
        counts = self._counts
        return Progress(
            reviewed=len(self._mine),
            total=len(self.pairs),
            open_contradictions=counts.contradictions - counts.decided_contradictions,
            disagreements=len(counts.disagreements),
        )

    def move(self, delta: int) -> None:
        """Move the cursor by ``delta`` rows, stopping at either end."""
        if self.view:
            self.cursor = min(max(self.cursor + delta, 0), len(self.view) - 1)

    def go(self, index: int) -> None:
        """Put the cursor on row ``index`` (negative counts from the end)."""
        if self.view:
            self.cursor = index % len(self.view) if index < 0 else min(index, len(self.view) - 1)

    def next_undecided(self, step: int = 1) -> bool:
        """Move to the next (``step=1``) or previous (``-1``) row this reviewer has not decided."""
        found = self._first_undecided(self.cursor + step, step)
        if found is None:
            return False
        self.cursor = found
        return True

    def has_undecided(self, step: int) -> bool:
        """Whether :meth:`next_undecided` would move."""
        return self._first_undecided(self.cursor + step, step) is not None

    def skip(self) -> None:
        """Leave the selected pair undecided and go on to the next undecided one."""
        if not self.next_undecided(1):
            self.move(1)

    def decide(self, verdict: Verdict, timestamp: str) -> Review:
        """Record this reviewer's verdict on the selected pair and go on to the next undecided one.

        A note already on the pair is carried over to the new verdict.
        """
        pair = self._selected()
        review = Review(pair.id, self.reviewer, verdict, timestamp, self.note(pair.id))
        self._add(review)
        self._undo.append(review)
        self.skip()
        return review

    @property
    def note_target(self) -> str | None:
        """The pair a note goes to: the selected pair when this reviewer decided it, else the
        pair of this session's latest verdict (so "x" then "n" notes the verdict just made)."""
        pair = self.current
        if pair is not None and pair.id in self._mine:
            return pair.id
        return next((r.pair for r in reversed(self._undo) if r.pair in self._mine), None)

    def annotate(self, text: str, timestamp: str) -> Review | None:
        """Set this reviewer's note on :attr:`note_target` (a new review with the same verdict);
        ``None`` when there is no target or the note is unchanged."""
        target = self.note_target
        mine = self.latest(target).get(self.reviewer) if target else None
        text = text.strip()
        if target is None or mine is None or text == mine.note:
            return None
        review = Review(target, self.reviewer, mine.verdict, timestamp, text)
        self._add(review)
        self._undo.append(review)
        return review

    def undo(self, at: str) -> Retraction | None:
        """Take back this session's latest verdict or note and select its pair again."""
        if not self._undo:
            return None
        review = self._undo.pop()
        found = self._reviews[review.pair][review.reviewer]
        found.remove(review)
        self._retracted.add((review.pair, review.reviewer, review.timestamp))
        self._recount(review.pair)
        if review.pair in self._positions:
            self.cursor = self._positions[review.pair]
        restores = found[-1] if found else None
        return Retraction(review.pair, review.reviewer, review.timestamp, at, restores)

    def set_filter(self, query: str) -> int:
        """Narrow the view to the pairs matching ``query``; returns how many match.

        The cursor stays on the selected pair when it still matches, else goes to the first row.
        """
        parsed = parse_filter(query)
        selected = self.current
        self._filter = parsed
        self.filter_text = query.strip()
        self.view = tuple(pid for pid in self.order if self._matches(pid, parsed))
        self._positions = {pid: i for i, pid in enumerate(self.view)}
        self.cursor = self._positions.get(selected.id, 0) if selected else 0
        return len(self.view)

    def refilter(self) -> int:
        """Apply the current filter again, so rows that stopped matching leave the view."""
        return self.set_filter(self.filter_text)

    def absorb(self, reviews: Iterable[Review]) -> bool:
        """Take in the reviews found on disk: other reviewers' replace what the session knew of
        them; this reviewer's are added unless this session retracted them. Returns whether
        anything changed."""
        incoming: dict[str, dict[str, list[Review]]] = {}
        for review in reviews:
            incoming.setdefault(review.pair, {}).setdefault(review.reviewer, []).append(review)
        changed: set[str] = set()
        for pair_id in set(incoming) | set(self._reviews):
            known = self._reviews.get(pair_id, {})
            fresh = incoming.get(pair_id, {})
            for name in set(known) | set(fresh):
                before = known.get(name, [])
                if name == self.reviewer:
                    keys = {(r.pair, r.reviewer, r.timestamp) for r in before}
                    extra = [
                        r
                        for r in fresh.get(name, [])
                        if (r.pair, r.reviewer, r.timestamp) not in keys | self._retracted
                    ]
                    after = sorted(before + extra, key=lambda r: r.timestamp)
                else:
                    after = sorted(fresh.get(name, []), key=lambda r: r.timestamp)
                if after != before:
                    self._reviews.setdefault(pair_id, {})[name] = after
                    changed.add(pair_id)
        for pair_id in changed:
            self._recount(pair_id)
        return bool(changed)

    def _selected(self) -> Pair:
        pair = self.current
        if pair is None:
            raise UsageError("no pair is selected", hint="clear the filter with '/' then enter")
        return pair

    def _add(self, review: Review) -> None:
        found = self._reviews.setdefault(review.pair, {}).setdefault(review.reviewer, [])
        found.append(review)
        found.sort(key=lambda r: r.timestamp)
        self._recount(review.pair)

    def _recount(self, pair_id: str) -> None:
        pair = self.pairs.get(pair_id)
        if pair is None:
            return
        latest = self.latest(pair_id)
        mine = latest.get(self.reviewer)
        was = pair_id in self._mine
        if mine is None:
            self._mine.pop(pair_id, None)
        else:
            self._mine[pair_id] = mine.verdict
        if pair.relation is Relation.CONTRADICT:
            self._counts.decided_contradictions += (mine is not None) - was
        if len({review.verdict for review in latest.values()}) > 1:
            self._counts.disagreements.add(pair_id)
        else:
            self._counts.disagreements.discard(pair_id)

    def _first_undecided(self, start: int, step: int) -> int | None:
        index = start
        while 0 <= index < len(self.view):
            if self.view[index] not in self._mine:
                return index
            index += step
        return None

    def _outlet(self, claim: Claim) -> str:
        source = self.sources.get(claim.source)
        if source is None:
            return claim.source or "?"
        return source.outlet or source.title or source.id

    def _matches(self, pair_id: str, wanted: Filter) -> bool:
        pair = self.pairs[pair_id]
        if wanted.relations and pair.relation not in wanted.relations:
            return False
        if wanted.verdicts:
            mine = self._mine.get(pair_id)
            state = mine.value if mine else "none"
            if state not in wanted.verdicts and not ("any" in wanted.verdicts and mine):
                return False
        latest = self.latest(pair_id)
        if "disagreement" in wanted.flags and pair_id not in self._counts.disagreements:
            return False
        if "contested" in wanted.flags and len(latest) < 2:
            return False
        if "stale" in wanted.flags and not pair.stale:
            return False
        if any(name not in latest for name in wanted.reviewers):
            return False
        a, b = self.claim(pair.a), self.claim(pair.b)
        outlets = f"{self._outlet(a)}\n{self._outlet(b)}".casefold()
        if any(outlet not in outlets for outlet in wanted.outlets):
            return False
        if wanted.words:
            haystack = self._haystack(pair, a, b, outlets)
            return all(word in haystack for word in wanted.words)
        return True

    def _haystack(self, pair: Pair, a: Claim, b: Claim, outlets: str) -> str:
        found = self._haystacks.get(pair.id)
        if found is None:
            parts: Sequence[str | None] = (
                pair.id,
                pair.reason,
                outlets,
                a.text,
                b.text,
                a.subject,
                b.subject,
                a.attributed_to,
                b.attributed_to,
            )
            found = "\n".join(part for part in parts if part).casefold()
            self._haystacks[pair.id] = found
        return found
