"""Provides the records of a review session as journal lines (one JSON object a line) and their
folding into a ledger, which keeps one review per pair and reviewer: the latest.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from factcheck.errors import LedgerError
from factcheck.model import Ledger, Review, Verdict
from factcheck.review import Record, Retraction


def encode(record: Record) -> bytes:
    """One JSON line for a record."""
    return (json.dumps(_fields(record), ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")


def _fields(record: Record) -> dict[str, object]:
    if isinstance(record, Retraction):
        data: dict[str, object] = {
            "kind": "retract",
            "pair": record.pair,
            "reviewer": record.reviewer,
            "timestamp": record.timestamp,
            "at": record.at,
        }
        if record.restores is not None:
            data["restores"] = _fields(record.restores)
        return data
    return {
        "kind": "review",
        "pair": record.pair,
        "reviewer": record.reviewer,
        "verdict": record.verdict.value,
        "timestamp": record.timestamp,
        "note": record.note,
    }


def _review(item: dict[str, Any]) -> Review:
    return Review(
        item["pair"],
        item["reviewer"],
        Verdict(item["verdict"]),
        item["timestamp"],
        item.get("note", ""),
    )


def decode(data: bytes, where: str) -> list[Record]:
    """Records of complete lines; a last line without its newline (a write cut short) is ignored."""
    records: list[Record] = []
    for number, line in enumerate(data.split(b"\n")[:-1], start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            if item["kind"] == "retract":
                restores = item.get("restores")
                records.append(
                    Retraction(
                        item["pair"],
                        item["reviewer"],
                        item["timestamp"],
                        item["at"],
                        _review(restores) if restores is not None else None,
                    )
                )
            else:
                records.append(_review(item))
        except (ValueError, KeyError, TypeError):
            raise LedgerError(
                "journal line is not a verdict record",
                path=where,
                line=number,
                hint="move the file aside to review without it",
            ) from None
    return records


def apply(ledger: Ledger, records: Iterable[Record]) -> Ledger:
    """Fold records into a ledger, which keeps one review per pair and reviewer: the latest.

    A review replaces the reviewer's earlier one; a retraction removes the review it names and
    puts back the one it restores. Returns ``ledger`` itself when nothing changes; reviews are
    kept sorted by pair and reviewer.
    """
    reviews: dict[tuple[str, str], Review] = {}
    for review in ledger.reviews:
        _put(reviews, review)
    before = dict(reviews)
    for record in records:
        key = (record.pair, record.reviewer)
        if isinstance(record, Retraction):
            held = reviews.get(key)
            if held is not None and held.timestamp == record.timestamp:
                del reviews[key]
                if record.restores is not None:
                    reviews[key] = record.restores
        else:
            _put(reviews, record)
    if reviews == before and len(reviews) == len(ledger.reviews):
        return ledger
    return replace(ledger, reviews=tuple(reviews[key] for key in sorted(reviews)))


def _put(reviews: dict[tuple[str, str], Review], review: Review) -> None:
    key = (review.pair, review.reviewer)
    held = reviews.get(key)
    if held is None or review.timestamp >= held.timestamp:
        reviews[key] = review
