"""Provides the consistency rules ``factcheck check`` runs over a ledger, the CI gate.

A rule is a callable ``(Context) -> Iterable[Finding]``. The built-in rules are ``schema``,
``references``, ``provenance`` and ``verdicts``, plus ``unreviewed`` under ``--strict``; more can
be passed as ``extra``. Schema problems stop the run after the schema rule: the other rules
assume well-formed entries. A source file that cannot be read at all raises
:class:`~factcheck.errors.LedgerError` (exit 2): the ledger cannot be checked without it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from factcheck import store
from factcheck.checkcontext import Context, Rule
from factcheck.provenance import provenance
from factcheck.report import (
    Finding,
    format_github,
    format_json,
    format_text,
    render,
    sort_key,
)
from factcheck.verdictrules import unreviewed, verdicts

__all__ = [
    "RULES",
    "Context",
    "Finding",
    "Rule",
    "format_github",
    "format_json",
    "format_text",
    "provenance",
    "render",
    "run_checks",
    "unreviewed",
    "verdicts",
]


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


RULES: tuple[Rule, ...] = (references, provenance, verdicts)
