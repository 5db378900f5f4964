"""Provides the ``provenance`` rule of ``factcheck check``: each source is a readable file inside
the repository with the recorded hash, and each quote is the recorded span of its source's text.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from factcheck.checkcontext import Context
from factcheck.errors import CorpusError
from factcheck.model import Claim
from factcheck.report import Finding, quote


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
        where = source.location
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
