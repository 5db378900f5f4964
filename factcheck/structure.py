"""Provides the names of the structural features of a claim, part by part, for
:mod:`factcheck.features` (which describes them): its entities, its subject, predicate and
scope, its stated time and its quantities, and its match keys.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from factcheck.compare import noun_class, predicate_class, predicate_family
from factcheck.model import Claim, Quantity, TimeSpan
from factcheck.tolerance import span_time

MAX_MONTHS = 3


def structure_names(
    claim: Claim, places: frozenset[str]
) -> tuple[list[str], list[str], list[tuple[str, str]]]:
    """The names of a claim's structural features, compound keys and match keys (each match
    key with its place, or "" for ``fr:``)."""
    entity_held, entity_compound = entity_names(claim.entities)
    family, frame_held, frame_compound, match = frame_names(
        claim.subject, claim.predicate, claim.scope
    )
    periods = time_periods(claim.time)
    structure = [*entity_held, *frame_held, *(f"t:{period}" for period in periods)]
    for quantity in claim.quantities:
        structure += amount_names(family, claim.subject or "", *measure(quantity))
    keyed = [
        (f"ev:{place}|{family}|{period}", place)
        for place in sorted(set(claim.entities))
        if family and place in places
        for period in periods
    ]
    if match:
        keyed.append((match, ""))
    return sorted(set(structure)), [*frame_compound, *entity_compound], keyed


def entity_names(entities: Sequence[str]) -> tuple[list[str], list[str]]:
    """The ``@`` features and ``ee:`` keys of a claim's entities."""
    distinct = sorted(set(entities))
    pairs = [
        f"ee:{first}|{second}"
        for index, first in enumerate(distinct)
        for second in distinct[index + 1 :]
    ]
    return [f"@{entity}" for entity in distinct], pairs


def frame_names(
    subject: str | None, predicate: str | None, scope: str | None
) -> tuple[str, list[str], list[str], str]:
    """The predicate family, the features and compound keys of subject, predicate and scope,
    and the ``fr:`` match key ("" for none)."""
    kind = predicate_class(predicate) if predicate else ""
    family = predicate_family(predicate) if predicate else ""
    held = [f"s:{subject}"] if subject else []
    if kind:
        held += [f"p:{kind}", f"f:{family}"]
    if scope:
        held.append(f"c:{scope}")
    compound = [f"sp:{subject}|{kind}"] if subject and kind else []
    compound += [f"cf:{scope}|{family}"] if scope and family else []
    match = f"fr:{subject}|{kind}|{scope}" if subject and kind and scope else ""
    return family, held, compound, match


def measure(quantity: Quantity) -> tuple[str | None, str | None, float | None]:
    return quantity.unit, quantity.noun, quantity.value


def amount_names(
    family: str, subject: str, unit: str | None, noun: str | None, value: float | None
) -> list[str]:
    """The ``k:`` feature of a quantity and, when it states a value, its ``v:`` and ``w:``."""
    measure = f"{unit or 'count'}|{noun_class(noun) or ''}"
    if value is None:
        return [f"k:{measure}"]
    named = f"{family}|{subject}|{measure}|{value:.4g}"
    return [f"k:{measure}", f"v:{named}", f"w:{named}"]


@lru_cache(maxsize=1 << 12)
def time_periods(span: TimeSpan | None) -> tuple[str, ...]:
    """The months a stated time covers, or its years when that is more than ``MAX_MONTHS``
    months; nothing for a longer or unstated time."""
    when = span_time(span)
    if when is None:
        return ()
    first = when.first.year * 12 + when.first.month - 1
    months = when.last.year * 12 + when.last.month - first
    if months <= MAX_MONTHS:
        return tuple(
            f"{(first + step) // 12}-{(first + step) % 12 + 1:02d}" for step in range(months)
        )
    years = when.last.year - when.first.year + 1
    if years <= MAX_MONTHS:
        return tuple(str(when.first.year + step) for step in range(years))
    return ()
