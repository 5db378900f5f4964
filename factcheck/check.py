"""Provides the consistency rules ``factcheck check`` runs over a ledger, the CI gate.

A rule is a callable ``(Context) -> Iterable[Finding]``. The built-in rules are ``schema``,
``references``, ``provenance`` and ``verdicts``, plus ``unreviewed`` under ``--strict``; more can
be passed as ``extra``. Schema problems stop the run after the schema rule: the other rules
assume well-formed entries. A source file that cannot be read at all raises
:class:`~factcheck.errors.LedgerError` (exit 2): the ledger cannot be checked without it.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from factcheck import corpus, store
from factcheck.errors import CorpusError, LedgerError
from factcheck.model import Article, Claim, Relation, Review, Source, Verdict
from factcheck.report import (
    Finding,
    format_github,
    format_json,
    format_text,
    quote,
    render,
    sort_key,
)

__all__ = [
    "RULES",
    "Context",
    "Finding",
    "Rule",
    "format_github",
    "format_json",
    "format_text",
    "render",
    "run_checks",
]


class Context:
    """What a rule sees: the ledger as loaded, where it lives, and its sources' texts, each file
    read (and hashed) at most once.
    """

    def __init__(self, survey: store.Survey, path: Path) -> None:
        self.survey = survey
        self.loaded = survey.loaded
        self.ledger = survey.loaded.ledger
        self.path = path
        self.display = str(path)
        self.root = path.parent
        self._files: dict[str, dict[str | None, Article]] = {}
        self._places: dict[str, Path] = {}

    def line(self, section: str, index: int, field: str | None = None) -> int | None:
        """1-based line of the ``index``-th entry of ``section`` (or of its dotted ``field``)."""
        return store.line_at(self.loaded, section, index, field)

    def finding(
        self,
        rule: str,
        message: str,
        hint: str,
        *,
        section: str,
        index: int,
        field: str | None = None,
    ) -> Finding:
        """A finding that points at an entry (or one of its fields) of this ledger."""
        return Finding(self.display, self.line(section, index, field), rule, message, hint)

    def locate(self, index: int) -> Path:
        """The file of source ``index``; raises :class:`CorpusError` when its recorded path is
        absolute, climbs out with ``..`` or leads outside the repository through a link.
        """
        source = self.ledger.sources[index]
        if source.path not in self._places:
            try:
                place = corpus.resolve_inside(source.path, self.root, where=self.display)
            except CorpusError as err:
                err.line = self.line("sources", index, "path")
                raise
            self._places[source.path] = place
        return self._places[source.path]

    def article(self, index: int) -> Article | None:
        """The article of source ``index`` as it is on disk now; ``None`` when its JSONL entry is
        gone. Raises :class:`LedgerError` when the file cannot be read.
        """
        source = self.ledger.sources[index]
        if source.path not in self._files:
            self._files[source.path] = self._read(source, index)
        return self._files[source.path].get(source.entry)

    def _read(self, source: Source, index: int) -> dict[str | None, Article]:
        try:
            full = self.locate(index)
            if source.entry is None:
                return {None: corpus.read_article(full, self.root)}
            articles, _ = corpus.read_jsonl(full, self.root)
        except CorpusError as err:
            raise LedgerError(
                f"source {source.id!r}: {source.path}: {err.message}",
                path=self.display,
                line=self.line("sources", index, "path"),
                hint=f"restore {source.path}, or remove the source and its claims "
                "and run 'factcheck update'",
            ) from None
        return {article.source.entry: article for article in articles}


Rule = Callable[[Context], Iterable[Finding]]


def run_checks(path: Path, *, strict: bool = False, extra: Sequence[Rule] = ()) -> list[Finding]:
    """Check the ledger at ``path``; findings in file order. Unreadable input raises."""
    context = Context(store.survey_file(path), path)
    findings = list(schema_rule(context))
    if not findings:
        rules = [*RULES, *((unreviewed,) if strict else ()), *extra]
        for rule in rules:
            findings.extend(rule(context))
    return sorted(findings, key=sort_key)


def schema_rule(context: Context) -> Iterator[Finding]:
    """Types, required fields, known enum values and known keys."""
    for problem in context.survey.problems:
        line = store.problem_line(context.survey, problem)
        yield Finding(context.display, line, "schema", problem.message, problem.hint)


def references(context: Context) -> Iterator[Finding]:
    """Ids are unique; claims name known sources, pairs known claims, reviews known pairs."""
    ledger = context.ledger
    for section in ("sources", "entities", "claims", "pairs"):
        seen: dict[str, int] = {}
        for index, entry in enumerate(getattr(ledger, section)):
            if entry.id in seen:
                yield context.finding(
                    "references",
                    f"{section} entries {seen[entry.id] + 1} and {index + 1} share the id "
                    f"{entry.id!r}",
                    "give each entry its own id",
                    section=section,
                    index=index,
                    field="id",
                )
            seen.setdefault(entry.id, index)
    sources = {source.id for source in ledger.sources}
    claims = {claim.id for claim in ledger.claims}
    for index, claim in enumerate(ledger.claims):
        if claim.source not in sources:
            yield context.finding(
                "references",
                f"claim {claim.id!r} names the source {claim.source!r}, which is not in `sources`",
                "add the source or fix the claim's `source`",
                section="claims",
                index=index,
                field="source",
            )
    linked: dict[frozenset[str], str] = {}
    for index, pair in enumerate(ledger.pairs):
        for side in ("a", "b"):
            claim_id = getattr(pair, side)
            # A stale pair keeps its verdicts after its claims left the sources; --strict flags it.
            if claim_id not in claims and not pair.stale:
                yield context.finding(
                    "references",
                    f"pair {pair.id!r} names the claim {claim_id!r}, which is not in `claims`",
                    f"fix `{side}` or remove the pair",
                    section="pairs",
                    index=index,
                    field=side,
                )
        key = frozenset((pair.a, pair.b))
        if pair.a == pair.b:
            yield context.finding(
                "references",
                f"pair {pair.id!r} pairs the claim {pair.a!r} with itself",
                "a pair links two different claims; remove it",
                section="pairs",
                index=index,
                field="b",
            )
        elif key in linked:
            yield context.finding(
                "references",
                f"pairs {linked[key]!r} and {pair.id!r} link the same two claims",
                "keep one pair and move its reviews to it",
                section="pairs",
                index=index,
            )
        linked.setdefault(key, pair.id)
    pairs = {pair.id for pair in ledger.pairs}
    for index, review in enumerate(ledger.reviews):
        if review.pair not in pairs:
            yield context.finding(
                "references",
                f"{review.reviewer!r} reviewed the pair {review.pair!r}, which is not in `pairs`",
                "fix `pair` or remove the review",
                section="reviews",
                index=index,
                field="pair",
            )


def provenance(context: Context) -> Iterator[Finding]:
    """Each source is a readable file inside the repository with the recorded hash, and each
    quote (of a claim, its quantities and its time) is the recorded span of the source's text.
    """
    ledger = context.ledger
    by_source: dict[str, list[int]] = defaultdict(list)
    for index, claim in enumerate(ledger.claims):
        by_source[claim.source].append(index)
    for index, source in enumerate(ledger.sources):
        try:
            context.locate(index)
        except CorpusError as err:
            yield context.finding(
                "provenance", err.message, err.hint, section="sources", index=index, field="path"
            )
            continue
        article = context.article(index)
        where = source.path + (f"#{source.entry}" if source.entry else "")
        if article is None:
            yield context.finding(
                "provenance",
                f"source {source.id!r}: {source.path} has no entry with the id {source.entry!r}",
                "restore the entry or fix `entry`",
                section="sources",
                index=index,
                field="entry",
            )
            continue
        changed = article.source.sha256 != source.sha256
        if changed:
            yield context.finding(
                "provenance",
                f"source {source.id!r}: {where} changed since it was recorded "
                f"(sha256 {source.sha256[:12]}…, now {article.source.sha256[:12]}…)",
                "check the claims that moved, then run 'factcheck update' to record the new text",
                section="sources",
                index=index,
                field="sha256",
            )
        for claim_index in by_source.get(source.id, ()):
            yield from _claim_spans(context, claim_index, article.text, where, changed)


def _claim_spans(
    context: Context, index: int, text: str, where: str, changed: bool
) -> Iterator[Finding]:
    claim: Claim = context.ledger.claims[index]
    spans = [(f"claim {claim.id!r}", "", claim.text, claim.start, claim.end)]
    if claim.time is not None:
        time = claim.time
        spans.append((f"the time of claim {claim.id!r}", "time.", time.text, time.start, time.end))
    for number, quantity in enumerate(claim.quantities):
        spans.append(
            (
                f"quantity {number + 1} of claim {claim.id!r}",
                f"quantities.{number}.",
                quantity.text,
                quantity.start,
                quantity.end,
            )
        )
    for label, prefix, quoted, start, end in spans:
        if text[start:end] == quoted:
            continue
        found = _nearest(text, quoted, start)
        if found is not None:
            moved = f"{found}:{found + len(quoted)}"
            message = (
                f"{label}: {where} changed and the quote {quote(quoted)} moved from "
                f"{start}:{end} to {moved}"
                if changed
                else f"{label}: the quote {quote(quoted)} is not at {start}:{end} of {where} "
                f"but at {moved}"
            )
            hint = f"set `{prefix}start: {found}` and `{prefix}end: {found + len(quoted)}`"
            if changed:
                hint = "run 'factcheck update', or " + hint
            field = prefix + ("start" if found != start else "end")
        else:
            message = (
                f"{label}: {where} changed and no longer contains the quote {quote(quoted)}"
                if changed
                else f"{label}: the quote {quote(quoted)} is not in {where}; "
                f"{start}:{end} reads {quote(text[start:end])}"
            )
            hint = (
                "run 'factcheck update' to extract the claims again, or restore the article"
                if changed
                else "write the quote exactly as the article has it"
            )
            field = prefix + "text"
        yield context.finding(
            "provenance", message, hint, section="claims", index=index, field=field
        )


def _nearest(text: str, quoted: str, near: int) -> int | None:
    if not quoted:
        return None
    best: int | None = None
    found = text.find(quoted)
    while found >= 0:
        if best is None or abs(found - near) < abs(best - near):
            best = found
        if found > near:
            break
        found = text.find(quoted, found + 1)
    return best


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


RULES: tuple[Rule, ...] = (references, provenance, verdicts)


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
