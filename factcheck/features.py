"""Provides how the matcher sees a claim: its features, the normalised words of its text and the
structure the extractor found, plus compound blocking keys and structural match keys.

Words. The claim's text is lowercased and cut into words; stop words and reporting verbs
("said", "according") are dropped; every number is masked as ``#`` (digits, "%", number words
and fractions, so "40%" and "a third" look alike); the words of the aliases of the claim's own
entities are dropped and the canonical ids stand in for them (so "ISIS" and "the Islamic State"
look alike); each word is stemmed crudely (a few irregular verbs, one suffix, at most six
letters).

Structure. Each entity id (``@``), the subject (``s:``), scope (``c:``), predicate class
(``p:``) and family (``f:``), the months or years the stated time covers (``t:``), and per
quantity its kind (``k:``, unit and counted noun) and its stated value keyed by predicate
family, subject and kind (``v:`` and ``w:``: a value weighs double, so "129 people" killed in
both says much while a differing number costs a pair little; numbers are masked only in the
words).

Compound keys, for blocking only: subject and predicate (``sp:``), scope and predicate family
(``cf:``), each pair of entities (``ee:``).

Match keys. Two reports of one event may be worded quite differently, so the structure also
yields keys that say so outright: ``ev:`` a place entity, the predicate family and a month or
year of the stated time ("Sinjar", "lost control", "2015-11"); ``fr:`` subject, predicate
class and scope together. :mod:`factcheck.signature` decides which of them count.

Features are kept as 64-bit hashes of their names, flat in numpy arrays, so that a million
claims fit in memory; :func:`claim_features` gives the names of one claim's features.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from factcheck.compare import noun_class, predicate_class, predicate_family
from factcheck.model import Claim, Entity, TimeSpan
from factcheck.tolerance import span_time


def _words(text: str) -> list[str]:
    """The words of a whitespace-separated list."""
    return text.split()


MAX_MONTHS = 3

STOP_WORDS = frozenset(
    _words("""a about above according across after again against all almost along already also
    although am among an and another any are as at be because been before being below
    between both but by can could did do does doing down during each either even ever
    every few for from further had has have having he her here hers him his how however i
    if in into is it its itself just last least less like many may me might more most
    much must my near nearly no nor not now of off on once one only or other our ours out
    over own per rather reported reports said same say says she should since so some such
    than that the their theirs them then there these they this those though through thus
    to told too under until up upon us very via was we were what when where whether which
    while who whom whose why will with within without would yet you your""")
)
NUMBER_WORDS = frozenset(
    _words("""zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen
    fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy
    eighty ninety hundred hundreds thousand thousands million millions billion billions
    trillion dozen dozens half halves third thirds quarter quarters fifth fifths tenth
    tenths percent pct percentage""")
)
IRREGULAR = {
    "lost": "lose",
    "fell": "fall",
    "fallen": "fall",
    "took": "take",
    "taken": "take",
    "won": "win",
    "began": "begin",
    "begun": "begin",
    "held": "hold",
    "fought": "fight",
    "left": "leave",
    "led": "lead",
    "men": "man",
    "women": "woman",
    "people": "person",
    "children": "child",
    "dead": "die",
    "died": "die",
    "death": "die",
    "deaths": "die",
}
_SUFFIXES = ("ing", "ed", "es", "s", "e")
# "isis", "campus", "press": a final "s" that is no plural.
_KEEP_S = ("ss", "us", "is")
_WORD = re.compile(r"[^\W_]+|%")
_NUMBER = "#"
_STEM_LENGTH = 6
_PLACE = "place"

Hashes = npt.NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class Lexicon:
    """What the matcher takes from the alias table: the normalised words of each entity's names
    (masked in favour of its id) and the ids of places."""

    aliases: Mapping[str, frozenset[str]]
    places: frozenset[str]

    @classmethod
    def build(cls, entities: Iterable[Entity]) -> Lexicon:
        """Read an alias table."""
        cache: dict[str, str] = {}
        aliases: dict[str, frozenset[str]] = {}
        places: set[str] = set()
        for entity in entities:
            names = (entity.id.replace("-", " ").replace("_", " "), *entity.aliases)
            aliases[entity.id] = frozenset(
                word for name in names for word in normalise(name, cache) if word != _NUMBER
            )
            if entity.kind == _PLACE:
                places.add(entity.id)
        return cls(aliases, frozenset(places))


@dataclass(frozen=True, slots=True)
class Features:
    """The features of many claims as flat arrays of name hashes, each with the position of the
    claim that holds it (a claim holds a name at most once per kind): ``held`` the scored
    features, ``compound`` the compound keys, ``matches`` the match keys with, for an ``ev:``
    key, the hash of its place's ``@`` feature in ``places`` (0 for ``fr:``)."""

    count: int
    held: Hashes
    held_by: Hashes
    compound: Hashes
    compound_by: Hashes
    matches: Hashes
    matches_by: Hashes
    places: Hashes


def normalise(text: str, cache: dict[str, str] | None = None) -> list[str]:
    """The words of ``text`` as the matcher compares them, in order (module docstring); runs of
    numbers collapse into one ``#``.

    ``cache`` maps a lowercased word to its normal form ("" for a dropped word); pass the same
    dict for many texts to normalise each distinct word once.
    """
    memo = {} if cache is None else cache
    words: list[str] = []
    for raw in _WORD.findall(text.lower()):
        word = memo.get(raw)
        if word is None:
            word = memo[raw] = _normal_word(raw)
        if word and not (word == _NUMBER and words and words[-1] == _NUMBER):
            words.append(word)
    return words


def claim_features(claim: Claim, lexicon: Lexicon) -> tuple[list[str], list[str]]:
    """The names of the claim's scored features and of its match keys, each sorted."""
    dropped: set[str] = set()
    for entity in claim.entities:
        dropped |= lexicon.aliases.get(entity, frozenset())
    words = {word for word in normalise(claim.text) if word not in dropped}
    structure, _, matches = _structure(claim, lexicon.places)
    return sorted(words.union(structure)), sorted(name for name, _ in matches)


def collect(claims: Sequence[Claim], lexicon: Lexicon) -> Features:
    """The features of ``claims``, by position."""
    words: dict[str, int] = {}
    aliases: dict[str, frozenset[int]] = {}
    held, held_by = array("q"), array("q")
    compound, compound_by = array("q"), array("q")
    matches, matches_by, places = array("q"), array("q"), array("q")
    for position, claim in enumerate(claims):
        raws = _WORD.findall(claim.text.lower())
        try:
            mine = set(map(words.__getitem__, raws))
        except KeyError:
            for raw in raws:
                if raw not in words:
                    word = _normal_word(raw)
                    words[raw] = hash(word) if word else 0
            mine = set(map(words.__getitem__, raws))
        mine.discard(0)
        for entity in claim.entities:
            dropped = aliases.get(entity)
            if dropped is None:
                names = lexicon.aliases.get(entity, frozenset())
                dropped = aliases[entity] = frozenset(map(hash, names))
            mine -= dropped
        structure, extra, keyed = _structure(claim, lexicon.places)
        mine.update(map(hash, structure))
        held.extend(mine)
        held_by.extend([position] * len(mine))
        compound.extend(map(hash, extra))
        compound_by.extend([position] * len(extra))
        for name, place in keyed:
            matches.append(hash(name))
            matches_by.append(position)
            places.append(hash(f"@{place}") if place else 0)
    return Features(
        len(claims),
        *(
            np.frombuffer(part, dtype=np.int64) if len(part) else np.zeros(0, np.int64)
            for part in (held, held_by, compound, compound_by, matches, matches_by, places)
        ),
    )


def _structure(
    claim: Claim, places: frozenset[str]
) -> tuple[list[str], list[str], list[tuple[str, str]]]:
    """The names of a claim's structural features, compound keys and match keys (each match
    key with its place, or "" for ``fr:``)."""
    kind = predicate_class(claim.predicate) if claim.predicate else ""
    family = predicate_family(claim.predicate) if claim.predicate else ""
    subject, scope = claim.subject, claim.scope
    structure = [f"@{entity}" for entity in claim.entities]
    if subject:
        structure.append(f"s:{subject}")
    if kind:
        structure += [f"p:{kind}", f"f:{family}"]
    if scope:
        structure.append(f"c:{scope}")
    periods = _periods(claim.time)
    structure += [f"t:{period}" for period in periods]
    for quantity in claim.quantities:
        measure = f"{quantity.unit or 'count'}|{noun_class(quantity.noun) or ''}"
        structure.append(f"k:{measure}")
        if quantity.value is not None:
            value = f"{family}|{subject or ''}|{measure}|{quantity.value:.4g}"
            structure += [f"v:{value}", f"w:{value}"]
    entities = sorted(set(claim.entities))
    extra = [f"sp:{subject}|{kind}"] if subject and kind else []
    extra += [f"cf:{scope}|{family}"] if scope and family else []
    extra += [
        f"ee:{first}|{second}"
        for index, first in enumerate(entities)
        for second in entities[index + 1 :]
    ]
    keyed = [
        (f"ev:{place}|{family}|{period}", place)
        for place in entities
        if family and place in places
        for period in periods
    ]
    if subject and kind and scope:
        keyed.append((f"fr:{subject}|{kind}|{scope}", ""))
    return sorted(set(structure)), extra, keyed


def _normal_word(raw: str) -> str:
    if raw == "%" or raw in NUMBER_WORDS or any(char.isdigit() for char in raw):
        return _NUMBER
    if raw in STOP_WORDS:
        return ""
    word = IRREGULAR.get(raw, raw)
    if not word.endswith(_KEEP_S):
        for suffix in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                word = word[: -len(suffix)]
                break
    return word[:_STEM_LENGTH]


@lru_cache(maxsize=1 << 12)
def _periods(span: TimeSpan | None) -> tuple[str, ...]:
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
