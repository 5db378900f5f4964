"""Provides the comparison of two matched claims: a relation (agree, contradict, changed,
related) and a one-line reason that shows the arithmetic.

Only quantities of the same measure are compared: the same unit, the same predicate class (see
``PREDICATES``: "lost", "fell" and "recaptured" are one class, "seized" and "captured" another,
"has" a third), the same kind of thing counted when both say (see ``NOUNS``: "fighters" and
"troops" are one kind, "sorties" another), and the same base when two fractions both name one.
At least the predicate or the noun must be known on both sides. So "seized about a third of
Iraqi territory" and "lost 40% of their territory" are different measures, and so are
"45,000 fighters lost" and "15,000 to 20,000 troops" (what remains), or "50,000 sorties" and
"50,000 killed": such pairs are ``related``, never a contradiction.

Each number allows an interval (see :mod:`factcheck.tolerance`: ±10% for a hedge, ±1% or the
written precision for an exact number, ranges and bounds as written). For the shared measures:

- ``agree``: every pair of intervals overlaps;
- ``changed``: some pair does not overlap, and the claims hold at different times (as-of times
  that do not overlap), so the later may update the earlier;
- ``contradict``: some pair does not overlap at the same or an unknown time.

Without a shared measure, two claims whose predicates are of one family (see ``FAMILIES``: a
place "fell", was "captured" or "recaptured") and that both state when it happened are
compared by date like numbers. What is compared depends on what the times say. Taking control
begins a hold (see ``ONSETS``), so when both claims take control, each time dates the start
("since 2011" is 2011, "offensives in 2014" is 2014). Otherwise each time is the stretch the
claim speaks of: "since 2015" runs to publication, and a loss "in recent months" within it is
no conflict. Overlapping times ``agree``; disjoint times ``contradict`` when the predicate
class, the subject and the scope (when both say) are the same ("since 2011" against "in 2014"
for when control was taken), else they stay ``related`` with the gap in the reason. Anything
else is ``related``.

A claim without a time of its own is read as of its source's publication date, and the reason
says "as of publication".
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from functools import lru_cache

from factcheck.model import Claim, Quantity, Relation, Source
from factcheck.tolerance import (
    Allowed,
    When,
    allowed,
    as_of,
    distance,
    event_time,
    label,
    period,
)


def _words(text: str) -> list[str]:
    """The words of a whitespace-separated list."""
    return text.split()


PREDICATES: Mapping[str, str] = {
    **dict.fromkeys(("territory lost",), "territory lost"),
    **dict.fromkeys(("territory seized",), "territory seized"),
    **dict.fromkeys(("territory held", "controls"), "territory held"),
    **dict.fromkeys(("fighters lost",), "fighters lost"),
    **dict.fromkeys(
        (
            "lost control",
            *_words("""fell withdrew defeated lose lost losing loses loss losses fall fallen
            falls withdraw cede ceded abandon abandoned surrender surrendered retreat
            retreated"""),
        ),
        "lost control",
    ),
    **dict.fromkeys(
        _words("""recaptured recapture retake retook retaken regain regained liberate liberated
        expel expelled reconquer reconquered"""),
        "recaptured",
    ),
    **dict.fromkeys(
        _words("""captured capture seize seized conquer conquered take took taken overrun overran
        wrest wrested occupy occupied"""),
        "captured",
    ),
    **dict.fromkeys(
        _words("troops have has had number numbers numbered count counts field fields"),
        "troops",
    ),
    **dict.fromkeys(
        _words("""killed kill kills killing die died dies dead death deaths slay slain murder
        murdered"""),
        "killed",
    ),
    **dict.fromkeys(
        _words("""injured injure injures injuring wound wounded wounds hurt hospitalized
        hospitalised"""),
        "injured",
    ),
    **dict.fromkeys(
        _words("attacked attack attacks strike struck strikes bomb bombed"), "attacked"
    ),
    **dict.fromkeys(_words("arrested arrest arrests detain detained"), "arrested"),
}
# Places change hands: one side loses what the other captures, so these agree on a date, but
# only the same predicate said of the same subject can contradict on one.
FAMILIES: Mapping[str, str] = dict.fromkeys(("lost control", "recaptured", "captured"), "control")
# Taking control starts a hold: such a claim dates its start, and two starts conflict when apart.
ONSETS = frozenset({"territory seized", "captured"})
NOUNS: Mapping[str, str] = {
    **dict.fromkeys(
        _words("""fighter fighters troop troops militant militants soldier soldiers combatant
        combatants caliph caliphs terrorist terrorists jihadist jihadists member members recruit
        recruits gunman gunmen"""),
        "fighters",
    ),
    **dict.fromkeys(
        _words("""people person persons civilian civilians victim victims resident residents citizen
        citizens man men woman women"""),
        "people",
    ),
    **dict.fromkeys(_words("territory territories land lands area areas ground"), "territory"),
}
_WORD = re.compile(r"[a-z]+")


@lru_cache(maxsize=4096)
def predicate_class(predicate: str) -> str:
    """The class of a predicate: the extractor's name or a verb mapped through ``PREDICATES``
    ("recapture" -> "recaptured", "lost" -> "lost control"), else its last word."""
    plain = " ".join(_WORD.findall(predicate.lower()))
    if plain in PREDICATES:
        return PREDICATES[plain]
    words = plain.split()
    for word in reversed(words):
        if word in PREDICATES:
            return PREDICATES[word]
    return words[-1] if words else ""


def predicate_family(predicate: str) -> str:
    """The family of a predicate's class: "captured", "recaptured" and "lost control" are one."""
    kind = predicate_class(predicate)
    return FAMILIES.get(kind, kind)


@lru_cache(maxsize=4096)
def noun_class(noun: str | None) -> str | None:
    """The kind of thing a noun counts ("troops" -> "fighters"), else its last word."""
    if not noun:
        return None
    words = _WORD.findall(noun.lower())
    for word in reversed(words):
        if word in NOUNS:
            return NOUNS[word]
    return words[-1].removesuffix("s") if words else None


def compare(a: Claim, b: Claim, source_a: Source, source_b: Source) -> tuple[Relation, str]:
    """The relation between two claims and a one-line reason with the arithmetic."""
    measures = shared_measures(a, b)
    when_a, when_b = as_of(a, source_a), as_of(b, source_b)
    if measures:
        for qa, qb, range_a, range_b in measures:
            if not range_a.overlaps(range_b):
                moved = when_a is not None and when_b is not None and not when_a.overlaps(when_b)
                relation = Relation.CHANGED if moved else Relation.CONTRADICT
                gap = _difference(qa, qb, range_a, range_b)
                outside = _widest(range_a, range_b)
                reason = (
                    f"{_stated(qa, when_a)} vs {_stated(qb, when_b)}: {gap}, outside {outside}"
                    f"; {_times(when_a, when_b)}"
                )
                return relation, reason
        qa, qb, range_a, range_b = measures[0]
        within = _widest(range_a, range_b)
        gap = _difference(qa, qb, range_a, range_b)
        reason = (
            f"{_stated(qa, when_a)} vs {_stated(qb, when_b)}: {gap}, within {within}"
            f"; {_times(when_a, when_b)}"
        )
        return Relation.AGREE, reason
    if _same_family(a, b):
        return _compare_times(a, b)
    return Relation.RELATED, _unrelated_reason(a, b)


def _compare_times(a: Claim, b: Claim) -> tuple[Relation, str]:
    """Two claims of one family compared by when they say it happened (module docstring)."""
    onsets = _onset(a) and _onset(b)
    time_a, time_b = (event_time(a), event_time(b)) if onsets else (period(a), period(b))
    if time_a is not None and time_b is not None:
        stated = f"{_time_stated(time_a)} vs {_time_stated(time_b)}"
        if time_a.overlaps(time_b):
            spread = time_a != event_time(a) or time_b != event_time(b)
            return Relation.AGREE, f"{stated}: {'periods overlap' if spread else 'same time'}"
        apart = f"{distance(time_a, time_b)} apart"
        if _same_event(a, b):
            return Relation.CONTRADICT, f"{stated}: {apart}"
        return Relation.RELATED, f"{stated}: {apart}, but not the same predicate and subject"
    return Relation.RELATED, _unrelated_reason(a, b)


def _onset(claim: Claim) -> bool:
    """True when the claim dates the start of a state: taking control ("seized … since 2011",
    "offensives in 2014 gave … control") begins a hold, so its time is when the hold began.
    Losing ground is a process, and its time is only a stretch within which it happened."""
    return claim.predicate is not None and predicate_class(claim.predicate) in ONSETS


def shared_measures(a: Claim, b: Claim) -> list[tuple[Quantity, Quantity, Allowed, Allowed]]:
    """The quantities of ``a`` each paired with the first quantity of ``b`` of the same measure,
    with the intervals they allow."""
    found = []
    for qa in a.quantities:
        range_a = allowed(qa)
        if range_a is None:
            continue
        for qb in b.quantities:
            range_b = allowed(qb)
            if range_b is not None and same_measure(a, qa, b, qb):
                found.append((qa, qb, range_a, range_b))
                break
    return found


def same_measure(a: Claim, qa: Quantity, b: Claim, qb: Quantity) -> bool:
    """True when ``qa`` in ``a`` and ``qb`` in ``b`` measure the same thing (module docstring)."""
    if (qa.unit or "") != (qb.unit or ""):
        return False
    verb_a = predicate_class(a.predicate) if a.predicate else None
    verb_b = predicate_class(b.predicate) if b.predicate else None
    if verb_a and verb_b and verb_a != verb_b:
        return False
    noun_a, noun_b = noun_class(qa.noun), noun_class(qb.noun)
    if noun_a and noun_b and noun_a != noun_b:
        return False
    if not (verb_a and verb_b) and not (noun_a and noun_b):
        return False
    return not (qa.base and qb.base and _plain(qa.base) != _plain(qb.base))


def _same_family(a: Claim, b: Claim) -> bool:
    if not (a.predicate and b.predicate):
        return False
    return predicate_family(a.predicate) == predicate_family(b.predicate)


def _same_event(a: Claim, b: Claim) -> bool:
    if not (a.predicate and b.predicate and a.subject and a.subject == b.subject):
        return False
    if a.scope and b.scope and a.scope != b.scope:
        return False
    return predicate_class(a.predicate) == predicate_class(b.predicate)


@lru_cache(maxsize=1 << 16)
def _stated(quantity: Quantity, when: When | None) -> str:
    notes = [quantity.hedge] if quantity.hedge and quantity.approx else []
    if when is not None:
        notes.append(_time_note(when))
    suffix = f" ({'; '.join(notes)})" if notes else ""
    return f"{_amount(quantity)}{suffix}"


def _amount(quantity: Quantity) -> str:
    unit = quantity.unit
    if quantity.low is not None and quantity.high is not None and quantity.low != quantity.high:
        return f"{_number(quantity.low)}–{_number(quantity.high)}{_unit(unit)}"
    if quantity.value is not None:
        return f"{_number(quantity.value)}{_unit(unit)}"
    bound = quantity.low if quantity.low is not None else quantity.high
    word = quantity.hedge or ("at least" if quantity.low is not None else "at most")
    return f"{word} {_number(bound or 0.0)}{_unit(unit)}"


def _unit(unit: str | None) -> str:
    if unit is None:
        return ""
    return unit if unit == "%" else f" {unit}"


def _number(value: float) -> str:
    if abs(value) >= 1000 or value == int(value):
        return f"{value:,.0f}" if value == round(value) else f"{value:,.1f}"
    return f"{value:.1f}"


def _difference(qa: Quantity, qb: Quantity, range_a: Allowed, range_b: Allowed) -> str:
    point_a, point_b = _centre(qa, range_a), _centre(qb, range_b)
    if point_a is None or point_b is None:
        return "bounds overlap" if range_a.overlaps(range_b) else "bounds do not meet"
    delta = point_b - point_a
    sign = "+" if delta >= 0 else "−"
    if qa.unit == "%":
        return f"{sign}{_number(abs(delta))} pts"
    relative = f" ({sign}{abs(delta) / abs(point_a):.0%})" if point_a else ""
    return f"{sign}{_number(abs(delta))}{_unit(qa.unit)}{relative}"


def _centre(quantity: Quantity, span: Allowed) -> float | None:
    if quantity.value is not None:
        return quantity.value
    if math.isinf(span.low) or math.isinf(span.high):
        return None
    return (span.low + span.high) / 2


def _widest(range_a: Allowed, range_b: Allowed) -> str:
    width_a, width_b = range_a.high - range_a.low, range_b.high - range_b.low
    if range_a.rule == range_b.rule:
        return range_a.rule
    return range_a.rule if width_a >= width_b else range_b.rule


def _time_note(when: When) -> str:
    if when.published:
        return f"as of publication {label(when)}"
    return label(when)


def _time_stated(when: When) -> str:
    return f"{when.label} ({label(when)})" if when.label else label(when)


def _times(when_a: When | None, when_b: When | None) -> str:
    if when_a is None or when_b is None:
        return "time unknown"
    if when_a.overlaps(when_b):
        return "same time"
    return f"{distance(when_a, when_b)} apart"


def _unrelated_reason(a: Claim, b: Claim) -> str:
    if a.quantities and b.quantities:
        return f"no shared measure: {_measure(a)} vs {_measure(b)}"
    return "same topic, nothing comparable"


def _measure(claim: Claim) -> str:
    quantity = claim.quantities[0]
    parts = [_amount(quantity)]
    if quantity.noun:
        parts.append(quantity.noun)
    if claim.predicate:
        parts.append(f"({claim.predicate})")
    return " ".join(parts)


def _plain(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))
