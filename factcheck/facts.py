"""Provides :class:`Facts`: what comparing needs of many claims, each claim read once into
columns, and :func:`read_facts`, which reads them in this process with array operations.

A claim's facts are those :func:`~factcheck.compare.compare_sides` reads: its as-of time, the
time it says its thing happened (event) and the stretch it speaks of (period), its predicate's
class and family and whether it begins a hold, its subject and scope, the number of quantities
that state a number and, when there is exactly one, that number's interval, centre and rule,
its measure (unit, class of noun, base) and how it reads in a reason. Values are held as codes
into one table (code 0 for none), so that pairs are decided by comparing codes
(:mod:`factcheck.decision`).

The facts are built from the claims' fields as :func:`~factcheck.claimfields.read_fields` reads
them, with array operations: the distinct times, predicates, subjects and quantities are few
beside the claims, so each is read once and spread to its claims by index. Nothing here reads a
claim, so the workers that word reasons from the facts share the claims' memory untouched.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import numpy as np
import numpy.typing as npt

from factcheck.claimfields import Fields
from factcheck.compare import ONSETS, measure_of, predicate_class, predicate_family
from factcheck.model import Quantity, Source
from factcheck.naming import codes, expand
from factcheck.reasons import amount, centre, counted, notes
from factcheck.tolerance import When, span_as_of, span_period, span_time

Indices = npt.NDArray[np.int64]
Value = TypeVar("Value", bound=Hashable)
Codes = npt.NDArray[np.int32]
Floats = npt.NDArray[np.float64]
# Coded columns: the as-of, event and period times; the predicate's class where the claim has
# one ("kind"), and as a measure reads it, falsy for none ("verb"); its family; subject and
# scope; and of a claim's one measure, its unit ("" for a count), class of noun, base, rule and
# the quantity's own unit ("written", ``None`` for a count).
CODED = (
    *("when", "event", "period", "kind", "verb", "family", "subject", "scope"),
    *("unit", "noun", "base", "rule", "written"),
)
FLOATS = ("low", "high", "centre")
# Plain columns: how many quantities state a number, whether the predicate begins a hold, how
# many quantities the claim has.
PLAIN = ("count", "onset", "quantities")
# Columns of codes into ``texts``: how the claim's one measure reads in a reason ("" where it has
# not exactly one), and what its first quantity counts ("" where it has none).
WORDED = ("stated", "measured")
NAMES = (*CODED, *FLOATS, *PLAIN, *WORDED)


@dataclass(frozen=True, slots=True)
class Facts:
    """The facts of ``claims`` (ascending positions), one row each: ``columns`` by the names of
    ``CODED`` (codes into ``values``), ``FLOATS`` (NaN where a claim has not exactly one
    measure, or no centre), ``PLAIN`` and ``WORDED`` (codes of texts, one after the other in
    ``texts``, each ending at its ``text_ends``: reading them there leaves the strings of other
    processes untouched); and per code,
    the ordinal ``first_day`` and ``last_day`` of a time (0 for other values); and the claims'
    ids in UTF-8, one after the other in ``names``, each ending at its ``name_ends``: reading
    them there leaves the claims untouched, and with them the memory a worker shares."""

    claims: Indices
    columns: dict[str, npt.NDArray[Any]]
    values: list[Hashable]
    texts: str
    text_ends: Indices
    first_day: Indices
    last_day: Indices
    names: bytes
    name_ends: Indices

    def rows(self, positions: Indices) -> Indices:
        """The rows of the claims at ``positions`` (each of them read)."""
        found: Indices = np.searchsorted(self.claims, positions)
        return found

    def text(self, code: int) -> str:
        """The text coded ``code``."""
        return self.texts[int(self.text_ends[code - 1]) if code else 0 : int(self.text_ends[code])]

    def text_bounds(self, codes: Codes) -> tuple[list[int], list[int]]:
        """Where the texts coded ``codes`` start and end in ``texts``."""
        ends = self.text_ends[codes]
        starts = np.where(codes > 0, self.text_ends[np.maximum(codes - 1, 0)], 0)
        return starts.tolist(), ends.tolist()


def read_facts(fields: Fields, sources: Mapping[str, Source], positions: Indices) -> Facts:
    """The facts of the claims at ``positions`` (ascending, distinct) of those ``fields`` were
    read from. A claim whose source is missing from ``sources`` is read without a publication
    date."""
    table: _Table[Hashable] = _Table(None)
    columns: dict[str, npt.NDArray[Any]] = {}
    when = _times(fields, positions, sources, table, columns)
    predicate = fields.predicate_code[positions]
    read = np.array([_predicate(table, p) for p in fields.predicates], dtype=np.int32).reshape(
        -1, 4
    )
    for at, name in enumerate(("kind", "verb", "family", "onset")):
        columns[name] = read[predicate, at]
    columns["subject"] = _nullable(table, fields.subjects)[fields.subject_code[positions]]
    columns["scope"] = _nullable(table, fields.scopes)[fields.scope_code[positions]]
    texts: _Table[str] = _Table("")
    _quantities(fields, positions, columns, table=table, when=when, texts=texts)
    values = list(table.index)
    names, name_ends = _names([fields.ids[k] for k in positions.tolist()])
    return Facts(
        claims=np.asarray(positions, dtype=np.int64),
        columns={name: columns[name] for name in NAMES},
        values=values,
        texts="".join(texts.index),
        text_ends=np.cumsum(np.fromiter(map(len, texts.index), dtype=np.int64)),
        first_day=np.array([_day(v, "first") for v in values], dtype=np.int64),
        last_day=np.array([_day(v, "last") for v in values], dtype=np.int64),
        names=names,
        name_ends=name_ends,
    )


class _Table(Generic[Value]):
    """Values and their codes, in order of first coding; code 0 for ``first``."""

    def __init__(self, first: Value) -> None:
        self.index: dict[Value, int] = {first: 0}

    def code(self, value: Value) -> int:
        return self.index.setdefault(value, len(self.index))

    def codes(self, values: Sequence[Value]) -> Codes:
        index = self.index
        return np.array(
            [index.setdefault(value, len(index)) for value in values], dtype=np.int32
        ).reshape(-1)


def _nullable(table: _Table[Hashable], values: Sequence[str | None]) -> Codes:
    """The codes of ``values``, an empty one coded as none."""
    return table.codes([value or None for value in values])


def _times(
    fields: Fields,
    positions: Indices,
    sources: Mapping[str, Source],
    table: _Table[Hashable],
    columns: dict[str, npt.NDArray[Any]],
) -> tuple[Indices, list[When | None]]:
    """Fill the ``when``, ``event`` and ``period`` columns; return each claim's as-of time as a
    code into the list returned with it."""
    span = fields.time_code[positions]
    published_code, published = codes([_published(sources, name) for name in fields.sources])
    both = span * len(published) + published_code[fields.source_code[positions]]
    pairs, as_of = np.unique(both, return_inverse=True)
    whens = [
        span_as_of(fields.times[at // len(published)], published[at % len(published)])
        for at in pairs.tolist()
    ]
    columns["when"] = table.codes(whens)[as_of.reshape(-1)]
    columns["event"] = table.codes(list(map(span_time, fields.times)))[span]
    columns["period"] = table.codes(list(map(span_period, fields.times)))[span]
    return as_of.reshape(-1), whens


def _published(sources: Mapping[str, Source], name: str) -> str | None:
    source = sources.get(name)
    return source.published if source is not None else None


def _predicate(table: _Table[Hashable], predicate: str | None) -> tuple[int, int, int, int]:
    """Codes of the class (where there is a predicate), of the class as a measure reads it
    (none when falsy) and of the family; and whether it begins a hold."""
    if not predicate:
        return 0, 0, 0, 0
    kind = predicate_class(predicate)
    family = predicate_family(predicate)
    return table.code(kind), table.code(kind or None), table.code(family), int(kind in ONSETS)


def _quantities(
    fields: Fields,
    positions: Indices,
    columns: dict[str, npt.NDArray[Any]],
    *,
    table: _Table[Hashable],
    when: tuple[Indices, list[When | None]],
    texts: _Table[str],
) -> None:
    """Fill the columns of the claims' one measure, the counts and the ``WORDED`` columns."""
    count = len(positions)
    sizes = fields.sizes[positions]
    starts = (np.cumsum(fields.sizes) - fields.sizes)[positions]
    owner, at = expand(np.arange(count, dtype=np.int64), sizes, starts)
    # The quantities these claims state, each reading once.
    used, code = np.unique(fields.quantity[at], return_inverse=True)
    code = code.reshape(-1)
    distinct = [fields.quantities[k] for k in used.tolist()]
    said = [_said(q) for q in distinct]
    states = np.array([found is not None for found in said], dtype=np.bool_)[code]
    stating = np.bincount(owner[states], minlength=count)
    columns["count"] = stating.astype(np.int32)
    columns["quantities"] = sizes.astype(np.int32)
    # Each claim with exactly one measure, and that measure's quantity.
    one = states & (stating[owner] == 1)
    holder, measure = owner[one], code[one]
    numbers = np.full((len(said), 3), math.nan)
    coded = np.zeros((len(said), 5), dtype=np.int32)
    for place, found in enumerate(said):
        if found is not None:
            numbers[place] = found[2]
            coded[place] = [table.code(value) for value in found[3]]
    for place, name in enumerate(FLOATS):
        columns[name] = np.full(count, math.nan)
        columns[name][holder] = numbers[measure, place]
    for place, name in enumerate(("unit", "noun", "base", "rule", "written")):
        columns[name] = np.zeros(count, dtype=np.int32)
        columns[name][holder] = coded[measure, place]
    columns["stated"] = np.zeros(count, dtype=np.int32)
    columns["stated"][holder] = _stated(said, measure, when[0][holder], when[1], texts)
    has = np.flatnonzero(sizes)
    first = code[(np.cumsum(sizes) - sizes)[has]]
    predicate = fields.predicate_code[positions][has]
    columns["measured"] = np.zeros(count, dtype=np.int32)
    columns["measured"][has] = _counted(distinct, first, predicate, fields.predicates, texts)


def _stated(
    said: Sequence[_Said | None],
    measure: Indices,
    as_of: Indices,
    whens: list[When | None],
    texts: _Table[str],
) -> Codes:
    """How each ``measure`` reads at its ``as_of`` time (codes into ``whens``), with its hedge
    and that time, as codes into ``texts``."""
    combos, inverse = np.unique(measure * len(whens) + as_of, return_inverse=True)
    notes_of: dict[tuple[str | None, int], str] = {}
    worded = []
    for combo in combos.tolist():
        found = said[combo // len(whens)]
        assert found is not None
        hedge, written = found[0], found[1]
        at = combo % len(whens)
        suffix = notes_of.get((hedge, at))
        if suffix is None:
            suffix = notes_of[(hedge, at)] = notes(hedge, whens[at])
        worded.append(written + suffix)
    found_codes: Codes = texts.codes(worded)[inverse.reshape(-1)]
    return found_codes


def _counted(
    distinct: Sequence[Quantity],
    quantity: Indices,
    predicate: Indices,
    predicates: Sequence[str | None],
    texts: _Table[str],
) -> Codes:
    """What each ``quantity`` (codes into ``distinct``) counts in a claim of its ``predicate``
    (codes into ``predicates``), as codes into ``texts``."""
    size = max(len(predicates), 1)
    combos, inverse = np.unique(quantity * size + predicate, return_inverse=True)
    worded = [counted(distinct[combo // size], predicates[combo % size]) for combo in combos]
    found: Codes = texts.codes(worded)[inverse.reshape(-1)]
    return found


# What a quantity gives a row: its hedge (when approximate), its amount, low, high and centre,
# and its unit, noun, base, rule and written unit.
_Said = tuple[str | None, str, tuple[float, float, float], tuple[Hashable, ...]]


def _said(quantity: Quantity) -> _Said | None:
    measure = measure_of(quantity)
    if measure is None:
        return None
    span, unit, noun, base = measure[1:]
    point = centre(quantity, span)
    return (
        quantity.hedge if quantity.hedge and quantity.approx else None,
        amount(quantity),
        (span.low, span.high, math.nan if point is None else point),
        (unit, noun or None, base, span.rule, quantity.unit),
    )


def _names(ids: Sequence[str]) -> tuple[bytes, Indices]:
    """The ids in UTF-8 one after the other, and where each ends."""
    joined = "".join(ids)
    names = joined.encode()
    if len(names) == len(joined):
        lengths = np.fromiter(map(len, ids), dtype=np.int64, count=len(ids))
    else:
        lengths = np.fromiter((len(name.encode()) for name in ids), dtype=np.int64, count=len(ids))
    return names, np.cumsum(lengths)


def _day(value: Hashable, end: str) -> int:
    return getattr(value, end).toordinal() if isinstance(value, When) else 0
