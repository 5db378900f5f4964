"""Provides :func:`decide`: the relations of many pairs of claims at once, array against array,
from their :class:`~factcheck.facts.Facts`, as :func:`~factcheck.compare.compare_sides` gives
them (see :mod:`factcheck.compare` for the rules), and the form each pair's reason takes.

A pair is decided here unless one claim states several numbers and the other at least one:
which of them share a measure is then left to :func:`~factcheck.compare.compare_sides`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from factcheck.facts import Codes, Facts, Indices
from factcheck.model import Relation
from factcheck.tolerance import overlap

# A relation is decided as an index into ``RELATIONS``.
RELATIONS = (Relation.AGREE, Relation.CONTRADICT, Relation.CHANGED, Relation.RELATED)
AGREE, CONTRADICT, CHANGED, RELATED = range(4)
# The forms of reasons: the two numbers of one measure, the times of one family of predicates,
# no shared measure; or compared in full, pair by pair.
NUMBERS, TIMES, UNRELATED, FULL = range(4)

Bools = npt.NDArray[np.bool_]


@dataclass(frozen=True, slots=True)
class Decided:
    """Per pair: its ``relation`` (into ``RELATIONS``; to be found for a ``FULL`` one), the
    ``form`` of its reason, and for a ``TIMES`` one, the codes of the two times compared and
    whether either is a stretch rather than when the thing happened (``spread``)."""

    relation: Codes
    form: Codes
    time_a: Codes
    time_b: Codes
    spread: Bools


def decide(facts: Facts, a: Indices, b: Indices) -> Decided:
    """The pairs of rows ``a[k]`` and ``b[k]`` of ``facts`` decided (module docstring)."""
    column = facts.columns
    count_a, count_b = column["count"][a], column["count"][b]
    same = (count_a == 1) & (count_b == 1) & _same_measure(facts, a, b)
    overlaps = overlap(column["low"][a], column["high"][a], column["low"][b], column["high"][b])
    when_a, when_b = column["when"][a], column["when"][b]
    moved = (when_a != 0) & (when_b != 0) & ~_together(facts, when_a, when_b)
    numbers = np.where(overlaps, AGREE, np.where(moved, CHANGED, CONTRADICT))
    unshared = ((count_a == 1) & (count_b == 1) & ~same) | (count_a == 0) | (count_b == 0)
    family_a = column["family"][a]
    family = (family_a != 0) & (family_a == column["family"][b])
    onset = (column["onset"][a] == 1) & (column["onset"][b] == 1)
    event_a, event_b = column["event"][a], column["event"][b]
    period_a, period_b = column["period"][a], column["period"][b]
    time_a, time_b = np.where(onset, event_a, period_a), np.where(onset, event_b, period_b)
    timed = unshared & family & (time_a != 0) & (time_b != 0)
    times = np.where(
        _together(facts, time_a, time_b),
        AGREE,
        np.where(_same_event(facts, a, b), CONTRADICT, RELATED),
    )
    relation = np.where(same, numbers, np.where(timed, times, RELATED))
    form = np.where(same, NUMBERS, np.where(timed, TIMES, np.where(unshared, UNRELATED, FULL)))
    return Decided(
        relation=relation.astype(np.int32),
        form=form.astype(np.int32),
        time_a=np.where(timed, time_a, 0).astype(np.int32),
        time_b=np.where(timed, time_b, 0).astype(np.int32),
        spread=~onset & ((period_a != event_a) | (period_b != event_b)),
    )


def _same_measure(facts: Facts, a: Indices, b: Indices) -> Bools:
    """Whether the one measure of each claim is the same (``compare._same``)."""
    column = facts.columns
    verb_a, verb_b = column["verb"][a], column["verb"][b]
    noun_a, noun_b = column["noun"][a], column["noun"][b]
    base_a, base_b = column["base"][a], column["base"][b]
    verbs = (verb_a != 0) & (verb_b != 0)
    nouns = (noun_a != 0) & (noun_b != 0)
    same: Bools = (
        (column["unit"][a] == column["unit"][b])
        & ~(verbs & (verb_a != verb_b))
        & ~(nouns & (noun_a != noun_b))
        & (verbs | nouns)
        & ~((base_a != 0) & (base_b != 0) & (base_a != base_b))
    )
    return same


def _together(facts: Facts, a: Codes, b: Codes) -> Bools:
    """Whether the times coded ``a`` and ``b`` share a day."""
    first, last = facts.first_day, facts.last_day
    together: Bools = (first[a] <= last[b]) & (first[b] <= last[a])
    return together


def _same_event(facts: Facts, a: Indices, b: Indices) -> Bools:
    """Whether both claims say the same predicate class of the same subject, in the same scope
    when both name one (``compare._same_event``)."""
    column = facts.columns
    kind_a, kind_b = column["kind"][a], column["kind"][b]
    subject_a = column["subject"][a]
    scope_a, scope_b = column["scope"][a], column["scope"][b]
    same: Bools = (
        (kind_a != 0)
        & (kind_a == kind_b)
        & (subject_a != 0)
        & (subject_a == column["subject"][b])
        & ~((scope_a != 0) & (scope_b != 0) & (scope_a != scope_b))
    )
    return same
