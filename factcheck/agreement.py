"""Provides inter-reviewer agreement: per-reviewer counts, Cohen's kappa for two reviewers and
Krippendorff's alpha (nominal) for any number, on the pairs that two or more reviewers decided,
each reviewer counted with their latest verdict.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from itertools import permutations
from typing import TypeVar

from factcheck.model import Ledger, Review, Verdict

T = TypeVar("T", bound=Hashable)


@dataclass(frozen=True, slots=True)
class ReviewerCounts:
    """How many pairs one reviewer decided, and how."""

    reviewer: str
    pairs: int
    verdicts: tuple[tuple[Verdict, int], ...]


@dataclass(frozen=True, slots=True)
class Agreement:
    """The agreement report of a ledger.

    ``shared`` counts pairs with verdicts of two or more reviewers, ``disagreements`` those among
    them whose latest verdicts differ, and ``raters`` names the reviewers of those pairs.
    ``kappa`` is set when exactly two reviewers share pairs, ``alpha`` whenever any pair is
    shared; either is ``None`` when undefined (every verdict the same, so no disagreement could
    be told from chance).
    """

    total: int
    reviewed: int
    shared: int
    disagreements: int
    reviewers: tuple[ReviewerCounts, ...]
    raters: tuple[str, ...]
    kappa: float | None
    alpha: float | None


def latest_verdicts(reviews: Iterable[Review]) -> dict[str, dict[str, Verdict]]:
    """Pair id → reviewer → that reviewer's latest verdict (ties broken by verdict name)."""
    latest: dict[tuple[str, str], Review] = {}
    for review in reviews:
        key = (review.pair, review.reviewer)
        known = latest.get(key)
        if known is None or (review.timestamp, review.verdict) > (known.timestamp, known.verdict):
            latest[key] = review
    table: dict[str, dict[str, Verdict]] = {}
    for (pair, reviewer), review in sorted(latest.items()):
        table.setdefault(pair, {})[reviewer] = review.verdict
    return table


def cohen_kappa(ratings: Sequence[tuple[T, T]]) -> float | None:
    """Cohen's kappa of two raters' paired ratings; ``None`` when chance agreement is total."""
    if not ratings:
        return None
    n = len(ratings)
    observed = sum(first == second for first, second in ratings) / n
    firsts = Counter(first for first, _ in ratings)
    seconds = Counter(second for _, second in ratings)
    expected = sum(firsts[c] * seconds[c] for c in firsts) / (n * n)
    if expected >= 1.0:
        return None
    return (observed - expected) / (1.0 - expected)


def krippendorff_alpha(units: Iterable[Sequence[T]]) -> float | None:
    """Krippendorff's alpha for nominal data: each unit lists the values its coders gave (missing
    values left out); units with fewer than two values are not pairable and are skipped.
    ``None`` when no pairable values differ in expectation (one value throughout)."""
    coincidences: defaultdict[tuple[T, T], float] = defaultdict(float)
    for values in units:
        if len(values) < 2:
            continue
        weight = 1.0 / (len(values) - 1)
        for first, second in permutations(values, 2):
            coincidences[(first, second)] += weight
    totals: defaultdict[T, float] = defaultdict(float)
    for (first, _), weight in coincidences.items():
        totals[first] += weight
    n = sum(totals.values())
    observed = sum(w for (first, second), w in coincidences.items() if first != second)
    expected = sum(totals[c] * totals[k] for c in totals for k in totals if c != k)
    if n <= 1 or expected == 0:
        return None
    return 1.0 - (n - 1) * observed / expected


def measure(ledger: Ledger) -> Agreement:
    """The agreement report of a ledger's reviews."""
    table = latest_verdicts(ledger.reviews)
    per_reviewer: dict[str, Counter[Verdict]] = {}
    for verdicts in table.values():
        for reviewer, verdict in verdicts.items():
            per_reviewer.setdefault(reviewer, Counter())[verdict] += 1
    counts = tuple(
        ReviewerCounts(
            name,
            sum(found.values()),
            tuple((verdict, found[verdict]) for verdict in Verdict),
        )
        for name, found in sorted(per_reviewer.items())
    )
    shared = {pair: verdicts for pair, verdicts in table.items() if len(verdicts) >= 2}
    units = [tuple(verdicts.values()) for _, verdicts in sorted(shared.items())]
    sharing = sorted({name for verdicts in shared.values() for name in verdicts})
    kappa = None
    if len(sharing) == 2:
        first, second = sharing
        kappa = cohen_kappa([(verdicts[first], verdicts[second]) for verdicts in shared.values()])
    return Agreement(
        total=len(ledger.pairs),
        reviewed=len(table),
        shared=len(shared),
        disagreements=sum(len(set(unit)) > 1 for unit in units),
        reviewers=counts,
        raters=tuple(sharing),
        kappa=kappa,
        alpha=krippendorff_alpha(units),
    )


def format_report(report: Agreement) -> str:
    """The report as a plain-text table and summary lines."""
    verdicts = [verdict.value for verdict in Verdict]
    width = max([len("reviewer"), *(len(r.reviewer) for r in report.reviewers)])
    header = f"{'reviewer':<{width}}  {'pairs':>6}" + "".join(f"  {v:>10}" for v in verdicts)
    lines = [header]
    for counts in report.reviewers:
        cells = "".join(f"  {n:>10}" for _, n in counts.verdicts)
        lines.append(f"{counts.reviewer:<{width}}  {counts.pairs:>6}{cells}")
    if not report.reviewers:
        lines.append("(no verdicts yet)")
    lines += [
        "",
        f"pairs: {report.total}; with a verdict: {report.reviewed}; "
        f"decided by two or more reviewers: {report.shared}; "
        f"where they disagree: {report.disagreements}",
    ]
    if report.shared == 0:
        lines.append("agreement: needs two reviewers deciding the same pairs")
        return "\n".join(lines) + "\n"
    if len(report.raters) == 2:
        first, second = report.raters
        lines.append(
            f"Cohen's kappa ({first} and {second}): {_number(report.kappa)} "
            f"(on {_pairs(report.shared)})"
        )
    lines.append(
        f"Krippendorff's alpha (nominal): {_number(report.alpha)} (on {report.shared} pairs)"
    )
    return "\n".join(lines) + "\n"


def _number(value: float | None) -> str:
    return "undefined (every verdict the same)" if value is None else f"{value:.3f}"


def _pairs(count: int) -> str:
    return f"{count} pair" if count == 1 else f"{count} pairs"
