"""Provides the ``up-to-date`` rule of ``factcheck check``: re-running extraction and matching on
the recorded sources would add or change nothing, as a lock-file check does.

The rule reads each source through the check's context (once, inside the repository) and runs
the same merge ``factcheck update`` runs, so its finding says exactly what ``update`` would change.
Sources that cannot be read are left to the provenance rule.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from factcheck import pipeline, store
from factcheck.check import Context
from factcheck.errors import FactcheckError
from factcheck.lines import top_level_line
from factcheck.model import Article
from factcheck.report import Finding

RULE = "up-to-date"
SHOWN = 5


def up_to_date(context: Context) -> Iterator[Finding]:
    """Findings when ``factcheck update`` would change the ledger."""
    articles = []
    for index, source in enumerate(context.ledger.sources):
        try:
            article = context.article(index)
        except FactcheckError:
            continue
        if article is not None:
            fresh = replace(source, sha256=article.source.sha256)
            articles.append(Article(fresh, article.text))
    if not articles:
        return
    _, changes = pipeline.refresh(context.ledger, articles)
    if changes.empty:
        return
    summary = "; ".join(changes.summary())
    claims_changed = (changes.changed_claims, changes.removed_claims)
    pairs_changed = (changes.changed_pairs, changes.removed_pairs, changes.stale_pairs)
    examples = [
        *(f"source {source_id} would be added" for source_id in changes.added_sources),
        *(f"source {source_id} would be re-recorded" for source_id in changes.changed_sources),
        *(f"claim {claim_id} would be added" for claim_id in changes.added_claims),
        *(f"claim {claim_id} would change" for claim_id in changes.changed_claims),
        *(f"claim {claim_id} would be removed" for claim_id in changes.removed_claims),
        *(f"pair {pair_id} would be added" for pair_id in changes.added_pairs),
        *(f"pair {pair_id} would change" for pair_id in changes.changed_pairs),
        *(f"pair {pair_id} would be removed" for pair_id in changes.removed_pairs),
        *(f"pair {pair_id} would be marked stale" for pair_id in changes.stale_pairs),
    ]
    shown = ", ".join(examples[:SHOWN]) + (", ..." if len(examples) > SHOWN else "")
    first = next(
        (("claims", ids[0]) for ids in claims_changed if ids),
        next((("pairs", ids[0]) for ids in pairs_changed if ids), None),
    )
    line = store.line_of(context.loaded, *first) if first else None
    if line is None:
        line = top_level_line(context.loaded.text, "claims")
    yield Finding(
        context.display,
        line,
        RULE,
        f"the ledger is not up to date with its sources: {summary} ({shown})",
        "run 'factcheck update' and commit the result",
    )
