"""Provides the JSON form of claims shared by ``factcheck extract --json`` and
``factcheck match --json``: plain dicts of JSON types, every field present, ``null`` when unknown.
"""

from __future__ import annotations

import json
import re

from factcheck.model import Claim, Quantity, Source, TimeSpan

# json escapes C0 controls itself; these others act on terminals or reorder what a reader sees
# (C1 controls such as U+009B CSI, bidirectional overrides and isolates, line separators).
INERT = re.compile("[\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def dumps(payload: object) -> str:
    """``payload`` as indented, key-sorted JSON in readable UTF-8, every character that
    could steer a terminal written as a ``\\u`` escape (valid JSON: they occur only in strings).
    """
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, indent=2)
    return INERT.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def claim_to_json(claim: Claim, source: Source) -> dict[str, object]:
    """The JSON object of one claim of ``source``."""
    return {
        "id": claim.id,
        "source": claim.source,
        "path": source.path,
        "entry": source.entry,
        "start": claim.start,
        "end": claim.end,
        "text": claim.text,
        "subject": claim.subject,
        "predicate": claim.predicate,
        "scope": claim.scope,
        "attributed_to": claim.attributed_to,
        "entities": list(claim.entities),
        "time": time_to_json(claim.time) if claim.time is not None else None,
        "quantities": [quantity_to_json(quantity) for quantity in claim.quantities],
    }


def time_to_json(time: TimeSpan) -> dict[str, object]:
    """The JSON object of a time span."""
    return {
        "text": time.text,
        "start": time.start,
        "end": time.end,
        "first": time.first,
        "last": time.last,
        "precision": str(time.precision),
        "relative": time.relative,
        "resolved": time.resolved,
        "qualifier": time.qualifier,
    }


def quantity_to_json(quantity: Quantity) -> dict[str, object]:
    """The JSON object of a quantity."""
    return {
        "text": quantity.text,
        "start": quantity.start,
        "end": quantity.end,
        "value": quantity.value,
        "low": quantity.low,
        "high": quantity.high,
        "unit": quantity.unit,
        "original_unit": quantity.original_unit,
        "noun": quantity.noun,
        "approx": quantity.approx,
        "hedge": quantity.hedge,
        "base": quantity.base,
    }
