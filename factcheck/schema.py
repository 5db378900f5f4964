"""Provides the mapping between the ledger's values and the plain data of ``claims.yaml``: one
direction validates field by field and reports problems with where they are, the other writes the
canonical, lean form (ids sorted, default values left out).

``factcheck/claims.schema.json`` states the same rules as a JSON Schema for editors and
``check-jsonschema``; a test keeps the two in step.
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Mapping
from typing import Any

from factcheck import fields
from factcheck.fields import Problem
from factcheck.model import (
    Claim,
    Entity,
    Ledger,
    Pair,
    Precision,
    Quantity,
    Relation,
    Review,
    Source,
    TimeSpan,
    Verdict,
)
from factcheck.yamlio import NotPlainData

__all__ = ["SECTIONS", "TOP_LEVEL", "Problem", "build", "field_names", "review_order", "to_data"]

SECTIONS = ("sources", "entities", "claims", "pairs", "reviews")
TOP_LEVEL = ("version", *SECTIONS)


def build(data: Mapping[Any, Any]) -> tuple[Ledger, tuple[Problem, ...]]:
    """Turn parsed plain data into a :class:`Ledger`; entries that do not fit are left out and
    reported. The caller has already checked ``version``.
    """
    problems: list[Problem] = []
    for key in data:
        if not isinstance(key, fields.SCALARS):
            raise NotPlainData(key)
        if key not in TOP_LEVEL:
            problems.append(
                Problem(
                    "",
                    None,
                    str(key),
                    f"unknown top-level key {fields.SHOW.repr(key)}",
                    f"a ledger has only {', '.join(TOP_LEVEL)}; remove or rename it",
                )
            )
    sources = _section(data, "sources", _source, problems)
    entities = _section(data, "entities", _entity, problems)
    claims = _section(data, "claims", _claim, problems)
    pairs = _section(data, "pairs", _pair, problems)
    reviews = _section(data, "reviews", _review, problems)
    ledger = Ledger(sources=sources, entities=entities, claims=claims, pairs=pairs, reviews=reviews)
    return ledger, tuple(problems)


def to_data(ledger: Ledger) -> dict[str, object]:
    """The canonical plain data of ``ledger``: fixed key order, sorted entries, no defaults."""
    return {
        "version": ledger.version,
        "sources": [_lean(item) for item in sorted(ledger.sources, key=_by_id)],
        "entities": [_lean(item) for item in sorted(ledger.entities, key=_by_id)],
        "claims": [_lean(item) for item in sorted(ledger.claims, key=_by_id)],
        "pairs": [_lean(item) for item in sorted(ledger.pairs, key=_by_id)],
        "reviews": [_lean(item) for item in sorted(ledger.reviews, key=review_order)],
    }


def review_order(review: Review) -> tuple[str, str, str]:
    """Reviews sort by pair, reviewer and time."""
    return (review.pair, review.reviewer, review.timestamp)


def _by_id(item: Source | Entity | Claim | Pair) -> str:
    return item.id


_REQUIRED = object()
_FIELDS: dict[type, tuple[tuple[str, object], ...]] = {
    cls: tuple(
        (f.name, _REQUIRED if f.default is dataclasses.MISSING else f.default)
        for f in dataclasses.fields(cls)
    )
    for cls in (Source, Entity, Claim, Pair, Review, TimeSpan, Quantity)
}


def _lean(value: Any) -> dict[str, object]:
    out: dict[str, object] = {}
    for name, default in _FIELDS[type(value)]:
        item = getattr(value, name)
        if item is None or item == default:
            continue
        if isinstance(item, tuple):
            item = [_lean(part) if dataclasses.is_dataclass(part) else part for part in item]
        elif isinstance(item, enum.Enum):
            item = item.value
        elif dataclasses.is_dataclass(item):
            item = _lean(item)
        out[name] = item
    return out


def field_names(cls: type) -> tuple[str, ...]:
    """The field names of one ledger value type, in their canonical order."""
    return tuple(name for name, _ in _FIELDS[cls])


_ALLOWED = {cls: frozenset(field_names(cls)) for cls in _FIELDS}


def _section(
    data: Mapping[Any, Any], section: str, convert: Any, problems: list[Problem]
) -> tuple[Any, ...]:
    raw = data.get(section)
    if raw is None:
        return ()
    if not isinstance(raw, list):
        problems.append(
            Problem(
                section,
                None,
                None,
                f"`{section}` must be a list of entries, not {fields.kind_of(raw)}",
                f"write each entry on its own '- ' line under `{section}:`",
            )
        )
        return ()
    out = []
    for index, item in enumerate(raw):
        if not isinstance(item, dict):
            problems.append(
                Problem(
                    section,
                    index,
                    None,
                    f"{section} entry {index + 1} must be a mapping of fields, "
                    f"not {fields.kind_of(item)}",
                    "write the entry as `- id: ...` followed by its fields",
                )
            )
            continue
        reader = fields.FieldReader(item, section, index, problems)
        value = convert(reader)
        if not reader.bad:
            out.append(value)
    return tuple(out)


def _source(entry: fields.FieldReader) -> Source:
    entry.known(_ALLOWED[Source])
    return Source(
        id=entry.ident("id"),
        path=entry.text("path", required=True, pattern=fields.ID),
        sha256=entry.text("sha256", required=True, pattern=fields.SHA256),
        entry=entry.ident("entry", required=False),
        title=entry.text("title"),
        outlet=entry.text("outlet"),
        url=entry.text("url"),
        published=entry.text("published", pattern=fields.PUBLISHED),
        language=entry.text("language"),
    )


def _entity(entry: fields.FieldReader) -> Entity:
    entry.known(_ALLOWED[Entity])
    return Entity(id=entry.ident("id"), aliases=entry.idents("aliases"), kind=entry.text("kind"))


def _claim(entry: fields.FieldReader) -> Claim:
    entry.known(_ALLOWED[Claim])
    start, end = entry.offset("start"), entry.offset("end")
    entry.span(start, end)
    time = None
    raw_time = entry.raw.get("time")
    if raw_time is not None:
        nested = entry.nested("time", raw_time)
        time = _time(nested) if nested is not None else None
    quantities: list[Quantity] = []
    raw_quantities = entry.raw.get("quantities")
    if raw_quantities is not None and not isinstance(raw_quantities, list):
        entry.fail(
            "quantities",
            f"{entry.label}: `quantities` must be a list, not {fields.kind_of(raw_quantities)}",
            "write each quantity as a '- text: ...' entry under `quantities:`",
        )
    for number, raw in enumerate(raw_quantities or ()):
        nested = entry.nested(f"quantities.{number}", raw)
        if nested is not None:
            quantities.append(_quantity(nested))
    return Claim(
        id=entry.ident("id"),
        source=entry.ident("source"),
        start=start,
        end=end,
        text=entry.text("text", required=True),
        subject=entry.text("subject"),
        predicate=entry.text("predicate"),
        scope=entry.text("scope"),
        attributed_to=entry.text("attributed_to"),
        time=time,
        quantities=tuple(quantities),
        entities=entry.idents("entities"),
    )


def _time(entry: fields.FieldReader) -> TimeSpan:
    entry.known(_ALLOWED[TimeSpan])
    start, end = entry.offset("start"), entry.offset("end")
    entry.span(start, end)
    first = entry.text("first", pattern=fields.DATE)
    last = entry.text("last", pattern=fields.DATE)
    if first is not None and last is not None and last < first:
        entry.fail(
            "last",
            f"{entry.label}: `time.last` ({last}) is before `time.first` ({first})",
            "swap them",
        )
    return TimeSpan(
        text=entry.text("text", required=True),
        start=start,
        end=end,
        first=first,
        last=last,
        precision=entry.choice("precision", Precision),
        relative=entry.flag("relative", False),
        resolved=entry.flag("resolved", True),
        qualifier=entry.text("qualifier"),
    )


def _quantity(entry: fields.FieldReader) -> Quantity:
    entry.known(_ALLOWED[Quantity])
    start, end = entry.offset("start"), entry.offset("end")
    entry.span(start, end)
    low, high = entry.number("low"), entry.number("high")
    if low is not None and high is not None and high < low:
        entry.fail("high", f"{entry.label}: `{entry.prefix}high` is below `low`", "swap them")
    return Quantity(
        text=entry.text("text", required=True),
        start=start,
        end=end,
        value=entry.number("value"),
        low=low,
        high=high,
        unit=entry.text("unit"),
        original_unit=entry.text("original_unit"),
        noun=entry.text("noun"),
        approx=entry.flag("approx", False),
        hedge=entry.text("hedge"),
        base=entry.text("base"),
    )


def _pair(entry: fields.FieldReader) -> Pair:
    entry.known(_ALLOWED[Pair])
    return Pair(
        id=entry.ident("id"),
        a=entry.ident("a"),
        b=entry.ident("b"),
        relation=entry.choice("relation", Relation),
        score=entry.number("score", required=True),
        reason=entry.text("reason", required=True),
        stale=entry.flag("stale", False),
    )


def _review(entry: fields.FieldReader) -> Review:
    entry.known(_ALLOWED[Review])
    return Review(
        pair=entry.ident("pair"),
        reviewer=entry.ident("reviewer"),
        verdict=entry.choice("verdict", Verdict),
        timestamp=entry.text("timestamp", required=True, pattern=fields.TIMESTAMP),
        note=entry.text("note") or "",
    )
