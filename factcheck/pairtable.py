"""Provides the readable listing of suggested pairs for the terminal: per pair, a line with the
relation, the score (``*`` marks a strong match), the two sources and the reason, then the two
quotes shortened; a summary line ends it.

Article text is data: quotes pass through :func:`factcheck.claimtable.safe`, so a control
character in an article cannot move the cursor, change colours or ring the bell.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from factcheck.claimtable import safe
from factcheck.model import Claim, Pair, Relation

QUOTE_WIDTH = 96
_RELATION_WIDTH = max(len(relation) for relation in Relation)


def pairs_table(pairs: Sequence[Pair], claims: Sequence[Claim], *, strong: float) -> str:
    """The pairs, most contradictory first (then by score, then id); ends with a newline."""
    by_id = {claim.id: claim for claim in claims}
    order = {Relation.CONTRADICT: 0, Relation.CHANGED: 1, Relation.AGREE: 2, Relation.RELATED: 3}
    ranked = sorted(pairs, key=lambda pair: (order[pair.relation], -pair.score, pair.id))
    lines = []
    for pair in ranked:
        a, b = by_id.get(pair.a), by_id.get(pair.b)
        mark = "*" if pair.score >= strong else " "
        lines.append(
            f"{pair.relation.value:<{_RELATION_WIDTH}}  {pair.score:5.1f}{mark} "
            f"{safe(a.source if a else '?')} ~ {safe(b.source if b else '?')}: {safe(pair.reason)}"
        )
        for claim, name in ((a, pair.a), (b, pair.b)):
            quote = _shorten(safe(claim.text), QUOTE_WIDTH) if claim else "(claim not found)"
            lines.append(f"    {safe(name)}: “{quote}”")
    counts = Counter(pair.relation for pair in pairs)
    strong_count = sum(pair.score >= strong for pair in pairs)
    summary = ", ".join(f"{counts[relation]} {relation.value}" for relation in order)
    lines.append(
        f"{len(claims)} claims, {len(pairs)} pairs ({strong_count} strong): {summary}"
        if pairs
        else f"{len(claims)} claims, no pairs suggested"
    )
    return "\n".join(lines) + "\n"


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"
