"""Provides :class:`Facts`: what comparing needs of many claims, each claim read once into
columns, and :func:`read_facts`, which reads them (in worker processes, :mod:`factcheck.forking`,
from ``PARALLEL_FROM`` claims on).

A claim's facts are those :func:`~factcheck.compare.compare_sides` reads: its as-of time, the
time it says its thing happened (event) and the stretch it speaks of (period), its predicate's
class and family and whether it begins a hold, its subject and scope, the number of quantities
that state a number and, when there is exactly one, that number's interval, centre and rule,
its measure (unit, class of noun, base) and how it reads in a reason. Values are held as codes
into one table (code 0 for none), so that pairs are decided by comparing codes
(:mod:`factcheck.decision`).
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

import numpy as np
import numpy.typing as npt

from factcheck.compare import ONSETS, measure_of, predicate_class, predicate_family
from factcheck.forking import fork_map, usable_cores
from factcheck.model import Claim, Quantity, Source
from factcheck.reasons import amount, centre, notes
from factcheck.tolerance import When, as_of, event_time, period

PARALLEL_FROM = 20_000
# Claims read into rows before the rows become columns.
_BLOCK = 1 << 14

Indices = npt.NDArray[np.int64]
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
NAMES = (*CODED, *FLOATS, *PLAIN)


@dataclass(frozen=True, slots=True)
class Facts:
    """The facts of ``claims`` (ascending positions), one row each: ``columns`` by the names of
    ``CODED`` (codes into ``values``), ``FLOATS`` (NaN where a claim has not exactly one
    measure, or no centre) and ``PLAIN``; ``stated``, how the one measure reads; and per code,
    the ordinal ``first_day`` and ``last_day`` of a time (0 for other values); and the claims'
    ids in UTF-8, one after the other in ``names``, each ending at its ``name_ends``: reading
    them there leaves the claims untouched, and with them the memory a worker shares."""

    claims: Indices
    columns: dict[str, npt.NDArray[Any]]
    values: list[Hashable]
    stated: list[str]
    first_day: Indices
    last_day: Indices
    names: bytes
    name_ends: Indices

    def rows(self, positions: Indices) -> Indices:
        """The rows of the claims at ``positions`` (each of them read)."""
        found: Indices = np.searchsorted(self.claims, positions)
        return found


def read_facts(
    claims: Sequence[Claim],
    sources: Mapping[str, Source],
    positions: Indices,
    *,
    workers: int | None = None,
    least: int = PARALLEL_FROM,
) -> Facts:
    """The facts of ``claims[k]`` for each ``k`` in ``positions`` (ascending, distinct); in
    ``workers`` processes (default: one per usable core) from ``least`` claims on. A claim whose
    source is missing from ``sources`` is read without a publication date."""
    count = usable_cores() if workers is None else workers
    if len(positions) < max(least, 1) or count < 2:
        return _join(positions, [_read_span((claims, sources, positions), (0, len(positions)))])
    # One span a worker: what a reader has read once it need not read again. The claims are
    # dealt out in the order they lie in memory (CPython's ``id``), so that a worker, whose
    # reading writes the reference counts of the objects it touches, copies only the pages of
    # its own share of the claims rather than nearly all of them.
    order = np.argsort(
        np.fromiter(map(id, map(claims.__getitem__, positions.tolist())), dtype=np.int64),
        kind="stable",
    )
    size = max(1, -(-len(positions) // count))
    ends = range(size, len(positions) + size, size)
    spans = [(end - size, min(end, len(positions))) for end in ends]
    dealt = positions[order]
    facts = _join(dealt, fork_map(_read_span, (claims, sources, dealt), spans, workers=count))
    rows = np.empty_like(order)
    rows[order] = np.arange(len(order))
    return _take(facts, rows, positions)


# One span as read: its columns, its stated amounts, the values its codes stand for, and the
# claims' ids in UTF-8 with their lengths.
_Part = tuple[dict[str, npt.NDArray[Any]], list[str], list[Hashable], bytes, Indices]


def _read_span(
    work: tuple[Sequence[Claim], Mapping[str, Source], Indices], span: tuple[int, int]
) -> _Part:
    claims, sources, positions = work
    reader = _Reader(sources)
    pieces: dict[str, list[npt.NDArray[Any]]] = {name: [] for name in NAMES}
    stated: list[str] = []
    names: list[bytes] = []
    # A block of rows at a time becomes columns, so that the rows never all exist at once.
    for start in range(span[0], span[1], _BLOCK):
        at = positions[start : min(start + _BLOCK, span[1])].tolist()
        read = list(zip(*[reader.read(claims[k]) for k in at], strict=True))
        for name, values in zip(NAMES, read, strict=False):
            pieces[name].append(np.array(values, dtype=np.float64 if name in FLOATS else np.int32))
        stated += read[-2]
        names += read[-1]
    columns: dict[str, npt.NDArray[Any]] = {
        name: np.concatenate(parts)
        if parts
        else np.array([], np.float64 if name in FLOATS else np.int32)
        for name, parts in pieces.items()
    }
    lengths = np.fromiter(map(len, names), dtype=np.int64, count=len(names))
    return columns, stated, list(reader.values), b"".join(names), lengths


# What a quantity gives a row: its hedge (when approximate), its amount, low, high and centre,
# and the codes of its unit, noun, base, rule and written unit.
_Said = tuple[str | None, str, tuple[float, float, float], tuple[int, int, int, int, int]]
_NO_NUMBERS = (math.nan, math.nan, math.nan)
_NO_CODES = (0, 0, 0, 0, 0)
_UNREAD = object()


class _Reader:
    """Reads claims into rows as :class:`~factcheck.compare.Side` and the comparison read
    them, each time, predicate and quantity once however many claims state it (claims of one
    event tend to state the same number in other words), coding values into its own table."""

    def __init__(self, sources: Mapping[str, Source]) -> None:
        self.sources = sources
        self.values: dict[Hashable, int] = {None: 0}
        self._times: dict[tuple[int, str | None], tuple[When | None, int, int, int]] = {}
        self._predicates: dict[str | None, tuple[int, int, int, int]] = {}
        self._said: dict[Hashable, _Said | None] = {}
        self._notes: dict[tuple[str | None, int], str] = {}

    def read(self, claim: Claim) -> tuple[Any, ...]:
        """The claim's row: a value per name of ``NAMES``, its stated amount and its id in
        UTF-8."""
        source = self.sources.get(claim.source)
        published = source.published if source is not None else None
        # A time object stands for its value: an equal time of another object merely misses.
        times = self._times.get((id(claim.time), published))
        if times is None:
            when = as_of(claim, source or Source(id=claim.source, path="", sha256=""))
            times = self._times[(id(claim.time), published)] = (
                when,
                self._code(when),
                self._code(event_time(claim)),
                self._code(period(claim)),
            )
        predicate = self._predicates.get(claim.predicate)
        if predicate is None:
            predicate = self._predicates[claim.predicate] = self._predicate(claim.predicate)
        said = [found for q in claim.quantities if (found := self._quantity(q)) is not None]
        numbers, codes, stated = _NO_NUMBERS, _NO_CODES, ""
        if len(said) == 1:
            hedge, written, numbers, codes = said[0]
            suffix = self._notes.get((hedge, times[1]))
            if suffix is None:
                suffix = self._notes[(hedge, times[1])] = notes(hedge, times[0])
            stated = written + suffix
        values = self.values
        subject, scope = claim.subject or None, claim.scope or None
        return (
            *times[1:],
            *predicate[:3],
            values[subject] if subject in values else self._code(subject),
            values[scope] if scope in values else self._code(scope),
            *codes,
            *numbers,
            len(said),
            predicate[3],
            len(claim.quantities),
            stated,
            claim.id.encode(),
        )

    def _predicate(self, predicate: str | None) -> tuple[int, int, int, int]:
        """Codes of the class (where there is a predicate), of the class as a measure reads it
        (none when falsy) and of the family; and whether it begins a hold."""
        if not predicate:
            return 0, 0, 0, 0
        kind = predicate_class(predicate)
        family = predicate_family(predicate)
        return self._code(kind), self._code(kind or None), self._code(family), int(kind in ONSETS)

    def _quantity(self, quantity: Quantity) -> _Said | None:
        q = quantity
        # Equal numbers of other signs (0.0 and -0.0) read differently: zeros are not shared.
        key = None
        if q.value != 0 and q.low != 0 and q.high != 0:
            key = (q.text, q.value, q.low, q.high, q.unit, q.noun, q.approx, q.hedge, q.base)
            known = self._said.get(key, _UNREAD)
            if known is not _UNREAD:
                return cast("_Said | None", known)
        found = None
        measure = measure_of(quantity)
        if measure is not None:
            span, unit, noun, base = measure[1:]
            point = centre(quantity, span)
            found = (
                quantity.hedge if quantity.hedge and quantity.approx else None,
                amount(quantity),
                (span.low, span.high, math.nan if point is None else point),
                (
                    self._code(unit),
                    self._code(noun or None),
                    self._code(base),
                    self._code(span.rule),
                    self._code(quantity.unit),
                ),
            )
        if key is not None:
            self._said[key] = found
        return found

    def _code(self, value: Hashable) -> int:
        code = self.values.get(value)
        if code is None:
            code = self.values[value] = len(self.values)
        return code


def _join(positions: Indices, parts: Sequence[_Part]) -> Facts:
    """The spans read, in order, as one :class:`Facts`, their codes into one table."""
    known: dict[Hashable, int] = {None: 0}
    remaps = []
    for _, _, values, _, _ in parts:
        remaps.append(np.array([known.setdefault(v, len(known)) for v in values], np.int32))
    columns: dict[str, npt.NDArray[Any]] = {}
    for name in NAMES:
        pieces = [
            remap[part[0][name]] if name in CODED else part[0][name]
            for part, remap in zip(parts, remaps, strict=True)
        ]
        columns[name] = np.concatenate(pieces)
    values = list(known)
    first_day = [v.first.toordinal() if isinstance(v, When) else 0 for v in values]
    last_day = [v.last.toordinal() if isinstance(v, When) else 0 for v in values]
    return Facts(
        claims=np.asarray(positions, dtype=np.int64),
        columns=columns,
        values=values,
        stated=[said for part in parts for said in part[1]],
        first_day=np.array(first_day, dtype=np.int64),
        last_day=np.array(last_day, dtype=np.int64),
        names=b"".join(part[3] for part in parts),
        name_ends=np.cumsum(np.concatenate([part[4] for part in parts])),
    )


def _take(facts: Facts, rows: Indices, positions: Indices) -> Facts:
    """The ``rows`` of ``facts``, in that order, as the facts of ``positions``."""
    lengths = np.diff(facts.name_ends, prepend=0)
    taken = lengths[rows]
    ends = np.cumsum(taken)
    # Each byte of the new names is the byte this far along in the old ones.
    shift = np.repeat(facts.name_ends[rows] - ends, taken)
    names = np.frombuffer(facts.names, dtype=np.uint8)[np.arange(len(shift)) + shift]
    return Facts(
        claims=np.asarray(positions, dtype=np.int64),
        columns={name: column[rows] for name, column in facts.columns.items()},
        values=facts.values,
        stated=[facts.stated[row] for row in rows.tolist()],
        first_day=facts.first_day,
        last_day=facts.last_day,
        names=names.tobytes(),
        name_ends=ends,
    )
