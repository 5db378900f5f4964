"""Provides :func:`word`: the reasons of pairs of claims decided at once
(:mod:`factcheck.decision`), worded pair by pair from pieces read once per claim
(:mod:`factcheck.facts`) or once per pair of times, in the words
:func:`~factcheck.compare.compare_sides` gives them; pairs left undecided are compared in full.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from factcheck.compare import Side, compare_sides
from factcheck.decision import (
    AGREE,
    CONTRADICT,
    NUMBERS,
    RELATIONS,
    TIMES,
    UNRELATED,
    Decided,
    decide,
)
from factcheck.facts import Codes, Facts, Indices
from factcheck.model import Claim, Relation, Source
from factcheck.reasons import gap, time_stated, times
from factcheck.tolerance import When, distance


@dataclass(frozen=True, slots=True)
class Paired:
    """Pairs of claims, by the positions of each pair's claims in ``claims`` (``first``,
    ``second``), with the claims' ``facts``."""

    claims: Sequence[Claim]
    sources: Mapping[str, Source]
    facts: Facts
    first: Indices
    second: Indices


def word(pairs: Paired, start: int, stop: int) -> tuple[Codes, list[str]]:
    """The relations (into ``RELATIONS``) and reasons of pairs ``start`` to ``stop``, decided
    (:func:`~factcheck.decision.decide`) and worded."""
    column, values = pairs.facts.columns, pairs.facts.values
    a, b = pairs.facts.rows(pairs.first[start:stop]), pairs.facts.rows(pairs.second[start:stop])
    decided = decide(pairs.facts, a, b)
    relations = decided.relation
    rule_a, rule_b = column["rule"][a], column["rule"][b]
    wider = (column["high"][a] - column["low"][a]) >= (column["high"][b] - column["low"][b])
    rules = np.where((rule_a == rule_b) | wider, rule_a, rule_b).tolist()
    pieces = _Pieces(pairs, decided, start)
    texts = pairs.facts.texts
    from_a, to_a = pairs.facts.text_bounds(column["stated"][a])
    from_b, to_b = pairs.facts.text_bounds(column["stated"][b])
    reasons = []
    rows = zip(
        range(start, stop),
        a.tolist(),
        b.tolist(),
        relations.tolist(),
        decided.form.tolist(),
        rules,
        column["centre"][a].tolist(),
        column["centre"][b].tolist(),
        (column["when"][a].astype(np.int64) * len(values) + column["when"][b]).tolist(),
        column["written"][a].tolist(),
        from_a,
        to_a,
        from_b,
        to_b,
        strict=True,
    )
    said = pieces.said
    for (
        at,
        row_a,
        row_b,
        relation,
        form,
        rule,
        point_a,
        point_b,
        when,
        unit,
        start_a,
        end_a,
        start_b,
        end_b,
    ) in rows:
        if form == NUMBERS:
            agree = relation == AGREE
            if math.isnan(point_a) or math.isnan(point_b):
                apart = "bounds overlap" if agree else "bounds do not meet"
            else:
                apart = gap(point_a, point_b, values[unit])
            timing = said.get(when) or pieces.times(when)
            reasons.append(
                f"{texts[start_a:end_a]} vs {texts[start_b:end_b]}: {apart}, "
                f"{'within' if agree else 'outside'} {values[rule]}; {timing}"
            )
        elif form == TIMES:
            reasons.append(pieces.when(at, relation))
        elif form == UNRELATED:
            reasons.append(pieces.unrelated(at, row_a, row_b))
        else:
            found, reason = pieces.full(at)
            relations[at - start] = RELATIONS.index(found)
            reasons.append(reason)
    return relations, reasons


class _Pieces:
    """The pieces of reasons, each worded once: times and pairs of times, and claims read in
    full."""

    def __init__(self, pairs: Paired, decided: Decided, start: int) -> None:
        self.pairs = pairs
        self.values = pairs.facts.values
        self.decided = decided
        self.start = start
        self.said: dict[int, str] = {}
        self._stated: dict[int, str] = {}
        self._apart: dict[tuple[int, int], str] = {}
        self._sides: dict[int, Side] = {}

    def times(self, both: int) -> str:
        """How the as-of times coded ``a`` and ``b`` stand to each other, for ``both`` the code
        of ``a`` times the number of values plus that of ``b``; kept in ``said``."""
        a, b = divmod(both, len(self.values))
        found = self.said[both] = times(self._time(a), self._time(b))
        return found

    def when(self, at: int, relation: int) -> str:
        """The reason of pair ``at``, decided by its times."""
        decided, here = self.decided, at - self.start
        a, b = int(decided.time_a[here]), int(decided.time_b[here])
        said = f"{self._said(a)} vs {self._said(b)}"
        if relation == AGREE:
            return f"{said}: {'periods overlap' if decided.spread[here] else 'same time'}"
        apart = self._apart.get((a, b))
        if apart is None:
            apart = self._apart[(a, b)] = f"{distance(self._when(a), self._when(b))} apart"
        if relation == CONTRADICT:
            return f"{said}: {apart}"
        return f"{said}: {apart}, but not the same predicate and subject"

    def unrelated(self, at: int, row_a: int, row_b: int) -> str:
        """The reason of pair ``at``, whose claims share no measure."""
        facts = self.pairs.facts
        quantities, measured = facts.columns["quantities"], facts.columns["measured"]
        if not (quantities[row_a] and quantities[row_b]):
            return "same topic, nothing comparable"
        first, second = facts.text(measured[row_a]), facts.text(measured[row_b])
        return f"no shared measure: {first} vs {second}"

    def full(self, at: int) -> tuple[Relation, str]:
        """The relation and reason of pair ``at``, compared in full."""
        return compare_sides(self._side(self.pairs.first[at]), self._side(self.pairs.second[at]))

    def _said(self, code: int) -> str:
        found = self._stated.get(code)
        if found is None:
            found = self._stated[code] = time_stated(self._when(code))
        return found

    def _side(self, position: np.int64) -> Side:
        at = int(position)
        side = self._sides.get(at)
        if side is None:
            claim = self.pairs.claims[at]
            source = self.pairs.sources.get(claim.source)
            source = source or Source(id=claim.source, path="", sha256="")
            side = self._sides[at] = Side(claim, source)
        return side

    def _time(self, code: int) -> When | None:
        value = self.values[code]
        return value if isinstance(value, When) else None

    def _when(self, code: int) -> When:
        value = self.values[code]
        assert isinstance(value, When)
        return value
