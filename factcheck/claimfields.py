"""Provides :func:`read_fields`: the fields of many claims that the matcher reads, each read
once, a column at a time, as codes into their distinct values.

Reading a field of a million claims touches a million objects spread over the heap, so it is
done once here and shared: the features (:mod:`factcheck.featuretable`) and the facts that
comparing reads (:mod:`factcheck.facts`) are both built from these columns, each distinct value
once. A time is coded by its object (claims of one article share their time objects); a
quantity by what it reads as (``QUANTITY_KEY``), so that claims of one event that state the same
number in other words share it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain
from operator import attrgetter
from typing import Any

import numpy as np

from factcheck.model import Claim, Quantity, TimeSpan
from factcheck.naming import Ints, codes

# What makes two quantities read alike, zeros aside: equal numbers of other signs (0.0 and -0.0)
# read differently, so the signs of zeros are added.
QUANTITY_KEY = attrgetter("text", "value", "low", "high", "unit", "noun", "approx", "hedge", "base")


@dataclass(frozen=True, slots=True)
class Fields:
    """The claims' fields by position: ``ids``; codes (``*_code``) into the distinct sources,
    subjects, predicates, scopes and times; per claim its number of quantities (``sizes``), and
    per quantity, claim after claim, its claim (``owner``) and its code into ``quantities``, one
    of each reading."""

    count: int
    ids: list[str]
    source_code: Ints
    sources: list[str]
    subject_code: Ints
    subjects: list[str | None]
    predicate_code: Ints
    predicates: list[str | None]
    scope_code: Ints
    scopes: list[str | None]
    time_code: Ints
    times: list[TimeSpan | None]
    sizes: Ints
    owner: Ints
    quantity: Ints
    quantities: list[Quantity]


def read_fields(claims: Sequence[Claim]) -> Fields:
    """The fields of ``claims`` (module docstring)."""
    source_code, sources = codes(column(claims, "source"))
    subject_code, subjects = codes(column(claims, "subject"))
    predicate_code, predicates = codes(column(claims, "predicate"))
    scope_code, scopes = codes(column(claims, "scope"))
    spans = column(claims, "time")
    # A time object stands for its value: an equal time of another object is read again.
    time_code, _ = codes(list(map(id, spans)))
    times = [spans[at] for at in first_places(time_code)]
    del spans
    lists = column(claims, "quantities")
    sizes = np.fromiter(map(len, lists), dtype=np.int64, count=len(lists))
    flat: list[Quantity] = list(chain.from_iterable(lists))
    del lists
    quantity, quantities = _distinct(flat)
    return Fields(
        count=len(claims),
        ids=column(claims, "id"),
        source_code=source_code,
        sources=sources,
        subject_code=subject_code,
        subjects=subjects,
        predicate_code=predicate_code,
        predicates=predicates,
        scope_code=scope_code,
        scopes=scopes,
        time_code=time_code,
        times=times,
        sizes=sizes,
        owner=np.repeat(np.arange(len(claims), dtype=np.int64), sizes),
        quantity=quantity,
        quantities=quantities,
    )


def first_places(code: Ints) -> list[int]:
    """For each code in ``code`` (numbered from 0), the first place it appears."""
    places: list[int] = np.unique(code, return_index=True)[1].tolist()
    return places


def column(claims: Sequence[Claim], name: str) -> list[Any]:
    """Field ``name`` of each claim."""
    return list(map(attrgetter(name), claims))


def _distinct(flat: Sequence[Quantity]) -> tuple[Ints, list[Quantity]]:
    """A code per quantity, the same for quantities that read alike, and the first quantity of
    each code, in order of first appearance."""
    keys = list(map(QUANTITY_KEY, flat))
    # Each quantity's first place among those that read alike: one lookup a quantity (the
    # many distinct keys make a second costly).
    seen: dict[tuple[Any, ...], int] = {}
    first = np.fromiter(
        map(seen.setdefault, keys, range(len(keys))), dtype=np.int64, count=len(keys)
    )
    del seen
    places = np.unique(first)
    zeroed = np.array([0 in keys[at][1:4] for at in places.tolist()], dtype=np.bool_)
    if zeroed.any():
        signed: dict[tuple[Any, ...], int] = {}
        for at in np.flatnonzero(np.isin(first, places[zeroed])).tolist():
            first[at] = signed.setdefault((keys[at], _negative_zeros(flat[at])), at)
    places, code = np.unique(first, return_inverse=True)
    return code.reshape(-1), [flat[at] for at in places.tolist()]


def _negative_zeros(quantity: Quantity) -> int:
    """Which of value, low and high are negative zeros, as bits."""
    bits = 0
    for bit, number in enumerate((quantity.value, quantity.low, quantity.high)):
        if number is not None and number == 0 and math.copysign(1.0, number) < 0:
            bits |= 1 << bit
    return bits
