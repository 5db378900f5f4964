"""Provides :class:`Facts`: what comparing needs of many claims, each read once into columns,
and :func:`decide`: the relation of many pairs at once, array against array, where each claim
states exactly one number and the two measure the same thing.

A claim's facts are those of its :class:`~factcheck.compare.Side`: its as-of time, its predicate
class and, when it states one number, that number's interval, centre and rule, its measure
(unit, class of noun, base) and how it reads in a reason. Strings are held as codes into tables
(code 0 for none), so :func:`decide` is a handful of array tests that give what
:func:`~factcheck.compare.compare_sides` gives for such pairs. Reading the claims runs in worker
processes (:mod:`factcheck.forking`) from ``PARALLEL_FROM`` claims on.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from factcheck.compare import measure_of, predicate_class
from factcheck.forking import fork_map, usable_cores
from factcheck.model import Claim, Quantity, Relation, Source
from factcheck.reasons import amount, centre, noted
from factcheck.tolerance import When, as_of

PARALLEL_FROM = 20_000
CHUNK = 1 << 16
# What :func:`decide` gives: an index into ``RELATIONS``, or ``FULL`` for a pair it leaves to
# :func:`~factcheck.compare.compare_sides`.
RELATIONS = (Relation.AGREE, Relation.CONTRADICT, Relation.CHANGED, Relation.RELATED)
AGREE, CONTRADICT, CHANGED = 0, 1, 2
FULL = -1

Indices = npt.NDArray[np.int64]
Codes = npt.NDArray[np.int32]
Floats = npt.NDArray[np.float64]
# The coded columns, each with its table of values.
# "unit" is the measure's ("" for a count), "written" the quantity's own (``None`` for a count).
CODED = ("when", "verb", "unit", "noun", "base", "rule", "written")
# A claim's count of measures, low, high, centre, stated amount, and a code per ``CODED``.
_Row = tuple[int, float, float, float, str, int, int, int, int, int, int, int]


@dataclass(frozen=True, slots=True)
class Facts:
    """The facts of ``claims`` (ascending positions), one row each: ``count`` of measures, and of
    a claim with exactly one, ``low``/``high`` (its interval), ``centre`` (NaN for none) and the
    codes of ``coded`` (``CODED``, each into ``tables``) and ``stated`` (how it reads). Time
    codes index ``first_day``/``last_day`` (ordinal days; 0 for no time)."""

    claims: Indices
    count: Codes
    low: Floats
    high: Floats
    centre: Floats
    coded: dict[str, Codes]
    tables: dict[str, list[Hashable]]
    stated: list[str]
    first_day: Indices
    last_day: Indices

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
    spans = [(0, len(positions))]
    if len(positions) >= least and count > 1:
        size = max(1, min(CHUNK, -(-len(positions) // count)))
        spans = [
            (start, min(start + size, len(positions))) for start in range(0, len(positions), size)
        ]
    parts = fork_map(_read_span, (claims, sources, positions), spans, workers=count)
    return _join(positions, parts)


# One span as read: counts, low/high/centre, each coded column with its table, stated amounts.
_Part = tuple[Codes, Floats, Floats, Floats, dict[str, tuple[Codes, list[Hashable]]], list[str]]


def _read_span(
    work: tuple[Sequence[Claim], Mapping[str, Source], Indices], span: tuple[int, int]
) -> _Part:
    claims, sources, positions = work
    reader = _Reader(sources)
    rows = [reader.read(claims[at]) for at in positions[span[0] : span[1]].tolist()]
    size = len(rows)
    count = np.fromiter((row[0] for row in rows), np.int32, size)
    low, high, middle = (np.fromiter((row[k] for row in rows), np.float64, size) for k in (1, 2, 3))
    coded = {
        name: (
            np.fromiter((row[5 + k] for row in rows), np.int32, size),
            list(reader.tables[name]),
        )
        for k, name in enumerate(CODED)
    }
    return count, low, high, middle, coded, [row[4] for row in rows]


# What a quantity gives a row: itself (for its hedge), low, high, centre, amount, and the codes
# of its unit, noun, base, rule and written unit.
_Said = tuple[Quantity, float, float, float, str, int, int, int, int, int]


class _Reader:
    """Reads claims into rows as :class:`~factcheck.compare.Side` reads them, each time, each
    predicate and each quantity once however many claims state it (claims of one event tend to
    state the same number in other words), with codes into its own tables."""

    def __init__(self, sources: Mapping[str, Source]) -> None:
        self.sources = sources
        self.tables: dict[str, dict[Hashable, int]] = {name: {None: 0} for name in CODED}
        self.times: dict[tuple[int, str | None], tuple[When | None, int]] = {}
        self.verbs: dict[str | None, int] = {}
        self.said: dict[Hashable, _Said | None] = {}

    def read(self, claim: Claim) -> _Row:
        """The claim's count of measures, low, high, centre, stated amount and codes."""
        source = self.sources.get(claim.source)
        published = source.published if source is not None else None
        # The time object stands for its value: an equal time of another object merely misses.
        moment = self.times.get((id(claim.time), published))
        if moment is None:
            when = as_of(claim, source or Source(id=claim.source, path="", sha256=""))
            moment = self.times[(id(claim.time), published)] = (when, self._code("when", when))
        verb = self.verbs.get(claim.predicate)
        if verb is None:
            kind = predicate_class(claim.predicate) if claim.predicate else None
            verb = self.verbs[claim.predicate] = self._code("verb", kind or None)
        said = [found for q in claim.quantities if (found := self._quantity(q)) is not None]
        if len(said) != 1:
            return len(said), math.nan, math.nan, math.nan, "", moment[1], verb, 0, 0, 0, 0, 0
        quantity, low, high, point, written, unit, noun, base, rule, plain = said[0]
        stated = noted(written, quantity, moment[0])
        return 1, low, high, point, stated, moment[1], verb, unit, noun, base, rule, plain

    def _quantity(self, quantity: Quantity) -> _Said | None:
        q = quantity
        # Equal numbers of other signs (0.0 and -0.0) read differently: zeros are not shared.
        key = None
        if q.value != 0 and q.low != 0 and q.high != 0:
            key = (q.text, q.value, q.low, q.high, q.unit, q.noun, q.approx, q.hedge, q.base)
            if key in self.said:
                return self.said[key]
        found = None
        measure = measure_of(quantity)
        if measure is not None:
            span, unit, noun, base = measure[1:]
            point = centre(quantity, span)
            found = (
                quantity,
                span.low,
                span.high,
                math.nan if point is None else point,
                amount(quantity),
                self._code("unit", unit),
                self._code("noun", noun or None),
                self._code("base", base),
                self._code("rule", span.rule),
                self._code("written", quantity.unit),
            )
        if key is not None:
            self.said[key] = found
        return found

    def _code(self, name: str, value: Hashable) -> int:
        return _code(self.tables[name], value)


def _code(table: dict[Hashable, int], value: Hashable) -> int:
    code = table.get(value)
    if code is None:
        code = table[value] = len(table)
    return code


def _join(positions: Indices, parts: Sequence[_Part]) -> Facts:
    """The spans read, in order, as one :class:`Facts`, each column's codes into one table."""
    coded: dict[str, Codes] = {}
    tables: dict[str, list[Hashable]] = {}
    for name in CODED:
        known: dict[Hashable, int] = {None: 0}
        pieces = []
        for part in parts:
            codes, values = part[4][name]
            remap = np.fromiter((_code(known, value) for value in values), np.int32, len(values))
            pieces.append(remap[codes])
        coded[name] = np.concatenate(pieces) if pieces else np.zeros(0, np.int32)
        tables[name] = list(known)
    whens = tables["when"]
    first_day = np.array([w.first.toordinal() if isinstance(w, When) else 0 for w in whens])
    last_day = np.array([w.last.toordinal() if isinstance(w, When) else 0 for w in whens])
    return Facts(
        claims=np.asarray(positions, dtype=np.int64),
        count=np.concatenate([part[0] for part in parts]),
        low=np.concatenate([part[1] for part in parts]),
        high=np.concatenate([part[2] for part in parts]),
        centre=np.concatenate([part[3] for part in parts]),
        coded=coded,
        tables=tables,
        stated=[said for part in parts for said in part[5]],
        first_day=first_day.astype(np.int64),
        last_day=last_day.astype(np.int64),
    )


def decide(facts: Facts, a: Indices, b: Indices) -> Codes:
    """For the pairs of rows ``a[k]`` and ``b[k]``: ``AGREE``, ``CONTRADICT`` or ``CHANGED`` where
    each states one number and the two share their measure (see :mod:`factcheck.compare`), else
    ``FULL``."""
    code = facts.coded
    verb_a, verb_b = code["verb"][a], code["verb"][b]
    noun_a, noun_b = code["noun"][a], code["noun"][b]
    base_a, base_b = code["base"][a], code["base"][b]
    verbs = (verb_a != 0) & (verb_b != 0)
    nouns = (noun_a != 0) & (noun_b != 0)
    same = (
        (facts.count[a] == 1)
        & (facts.count[b] == 1)
        & (code["unit"][a] == code["unit"][b])
        & ~(verbs & (verb_a != verb_b))
        & ~(nouns & (noun_a != noun_b))
        & (verbs | nouns)
        & ~((base_a != 0) & (base_b != 0) & (base_a != base_b))
    )
    overlap = (facts.low[a] <= facts.high[b]) & (facts.low[b] <= facts.high[a])
    when_a, when_b = code["when"][a], code["when"][b]
    together = (facts.first_day[when_a] <= facts.last_day[when_b]) & (
        facts.first_day[when_b] <= facts.last_day[when_a]
    )
    moved = (when_a != 0) & (when_b != 0) & ~together
    relation = np.where(overlap, AGREE, np.where(moved, CHANGED, CONTRADICT))
    decided: Codes = np.where(same, relation, FULL).astype(np.int32)
    return decided
