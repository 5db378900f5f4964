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

- ``agree``: each value of one claim (of either) is paired with a value of the same measure in
  the other, one whose interval it overlaps where there is one, and every pair overlaps,
  sharing more than an end ("2" and "3" allow 1.5-2.5 and 2.5-3.5, which only touch: counts a
  step apart never agree);
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

import re
from collections.abc import Mapping
from functools import lru_cache

from factcheck.model import Claim, Quantity, Relation, Source
from factcheck.reasons import (
    difference,
    stated,
    time_stated,
    times,
    unrelated_reason,
    widest,
)
from factcheck.tolerance import Allowed, allowed, as_of, distance, event_time, period


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
    return compare_sides(Side(a, source_a), Side(b, source_b))


class Side:
    """What comparing needs of one claim, worked out once however many pairs it is in: when its
    value held, its predicate class, and each quantity that states a number with the interval
    it allows, its measure and how it reads in a reason."""

    __slots__ = ("claim", "measures", "stated", "verb", "when")

    def __init__(self, claim: Claim, source: Source) -> None:
        self.claim = claim
        self.when = as_of(claim, source)
        self.verb = _verb(claim)
        self.measures = _measures(claim)
        self.stated = tuple([stated(measure[0], self.when) for measure in self.measures])


# A quantity that states a number: it, the interval it allows, its unit ("" for a count), the
# class of its noun and its base in plain words (``None`` when it names none).
Measure = tuple[Quantity, Allowed, str, str | None, str | None]


def compare_sides(a: Side, b: Side) -> tuple[Relation, str]:
    """:func:`compare` of two claims read into :class:`Side`. With several values of a measure,
    the claims agree when every value of one side meets its value on the other, whichever side
    that is, so the relation does not depend on the order of the two."""
    shared = _shared(a, b)
    if shared:
        apart = _apart(a, b, shared)
        if apart is not None:
            # Every value of ``b`` may meet its partner even where one of ``a`` meets none.
            back = [(at_a, at_b) for at_b, at_a in _shared(b, a)]
            if _apart(a, b, back) is None:
                shared, apart = back, None
        at_a, at_b = shared[0] if apart is None else apart
        qa, range_a = a.measures[at_a][:2]
        qb, range_b = b.measures[at_b][:2]
        said = f"{a.stated[at_a]} vs {b.stated[at_b]}: {difference(qa, qb, range_a, range_b)}"
        rule, timing = widest(range_a, range_b), times(a.when, b.when)
        if apart is None:
            return Relation.AGREE, f"{said}, within {rule}; {timing}"
        moved = a.when is not None and b.when is not None and not a.when.overlaps(b.when)
        relation = Relation.CHANGED if moved else Relation.CONTRADICT
        return relation, f"{said}, outside {rule}; {timing}"
    if _same_family(a.claim, b.claim):
        return _compare_times(a.claim, b.claim)
    return Relation.RELATED, unrelated_reason(a.claim, b.claim)


def _compare_times(a: Claim, b: Claim) -> tuple[Relation, str]:
    """Two claims of one family compared by when they say it happened (module docstring)."""
    onsets = _onset(a) and _onset(b)
    time_a, time_b = (event_time(a), event_time(b)) if onsets else (period(a), period(b))
    if time_a is not None and time_b is not None:
        said = f"{time_stated(time_a)} vs {time_stated(time_b)}"
        if time_a.overlaps(time_b):
            spread = time_a != event_time(a) or time_b != event_time(b)
            return Relation.AGREE, f"{said}: {'periods overlap' if spread else 'same time'}"
        apart = f"{distance(time_a, time_b)} apart"
        if _same_event(a, b):
            return Relation.CONTRADICT, f"{said}: {apart}"
        return Relation.RELATED, f"{said}: {apart}, but not the same predicate and subject"
    return Relation.RELATED, unrelated_reason(a, b)


def _onset(claim: Claim) -> bool:
    """True when the claim dates the start of a state: taking control ("seized … since 2011",
    "offensives in 2014 gave … control") begins a hold, so its time is when the hold began.
    Losing ground is a process, and its time is only a stretch within which it happened."""
    return claim.predicate is not None and predicate_class(claim.predicate) in ONSETS


def shared_measures(a: Claim, b: Claim) -> list[tuple[Quantity, Quantity, Allowed, Allowed]]:
    """The quantities of ``a`` each paired with a quantity of ``b`` of the same measure (the
    first that allows a common value, or else the first), with the intervals they allow."""
    measures_a, measures_b = _measures(a), _measures(b)
    found = []
    for at_a, at_b in _matching(_verb(a), measures_a, _verb(b), measures_b):
        (qa, range_a, *_), (qb, range_b, *_) = measures_a[at_a], measures_b[at_b]
        found.append((qa, qb, range_a, range_b))
    return found


def same_measure(a: Claim, qa: Quantity, b: Claim, qb: Quantity) -> bool:
    """True when ``qa`` in ``a`` and ``qb`` in ``b`` measure the same thing (module docstring)."""
    span = Allowed(0.0, 0.0, "")
    return _same(_verb(a), _measure(qa, span), _verb(b), _measure(qb, span))


def _apart(a: Side, b: Side, shared: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The first of the ``shared`` measures whose intervals do not overlap, if any."""
    for at_a, at_b in shared:
        if not a.measures[at_a][1].overlaps(b.measures[at_b][1]):
            return at_a, at_b
    return None


def _shared(a: Side, b: Side) -> list[tuple[int, int]]:
    return _matching(a.verb, a.measures, b.verb, b.measures)


def _matching(
    verb_a: str | None,
    measures_a: tuple[Measure, ...],
    verb_b: str | None,
    measures_b: tuple[Measure, ...],
) -> list[tuple[int, int]]:
    """Each measure of ``a`` by position with the position of the first of ``b`` that matches
    and allows a value it allows, or else of the first that matches: "ages 25 and 26" and "a
    25-year-old and a 26-year-old" pair 25 with 25 and 26 with 26."""
    found = []
    for at_a, measure_a in enumerate(measures_a):
        matching = [
            at_b
            for at_b, measure_b in enumerate(measures_b)
            if _same(verb_a, measure_a, verb_b, measure_b)
        ]
        meeting = [at_b for at_b in matching if measure_a[1].overlaps(measures_b[at_b][1])]
        if matching:
            found.append((at_a, (meeting or matching)[0]))
    return found


def _same(verb_a: str | None, a: Measure, verb_b: str | None, b: Measure) -> bool:
    if a[2] != b[2]:
        return False
    if verb_a and verb_b and verb_a != verb_b:
        return False
    noun_a, noun_b = a[3], b[3]
    if noun_a and noun_b and noun_a != noun_b:
        return False
    if not (verb_a and verb_b) and not (noun_a and noun_b):
        return False
    return not (a[4] is not None and b[4] is not None and a[4] != b[4])


def _verb(claim: Claim) -> str | None:
    return predicate_class(claim.predicate) if claim.predicate else None


def _measures(claim: Claim) -> tuple[Measure, ...]:
    found = []
    for quantity in claim.quantities:
        measure = measure_of(quantity)
        if measure is not None:
            found.append(measure)
    return tuple(found)


def measure_of(quantity: Quantity) -> Measure | None:
    """What comparing reads of a quantity, or ``None`` when it states no number."""
    span = allowed(quantity)
    return None if span is None else _measure(quantity, span)


def _measure(quantity: Quantity, span: Allowed) -> Measure:
    base = _plain(quantity.base) if quantity.base else None
    return quantity, span, quantity.unit or "", noun_class(quantity.noun), base


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


def _plain(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))
