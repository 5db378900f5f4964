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

:func:`claim_features` gives the names of one claim's features (named part by part in
:mod:`factcheck.structure`); :func:`factcheck.featuretable.collect` gives those of many claims as
ids, flat in numpy arrays (:class:`Features`), so that a million claims fit in memory. A claim's
features are listed in a fixed order (its words as they come and its quantities, then the rest
of its structure), so whatever depends on the order in which features first appear stays the
same from run to run.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from factcheck.model import Claim, Entity
from factcheck.structure import (
    structure_names,
)


def _words(text: str) -> list[str]:
    """The words of a whitespace-separated list."""
    return text.split()


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
WORD = re.compile(r"[^\W_]+|%")
# The same words for ASCII text, read from its bytes: letters lowered, digits kept, "%" set apart,
# anything else a space.
ASCII_WORDS = bytes(
    char + 32 if 65 <= char <= 90 else char if chr(char).isalnum() or char == 37 else 32
    for char in range(128)
) + bytes(32 for _ in range(128))
_NUMBER = "#"
_STEM_LENGTH = 6
_PLACE = "place"

Ids = npt.NDArray[np.int32]


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
    """The features of many claims as flat arrays of name ids (equal ids for equal names, counting
    from 1), each with the position of the claim that holds it (a claim holds a name at most
    once per kind), in order of claims: ``held`` the scored features, ``compound`` the compound
    keys, ``matches`` the match keys with, for an ``ev:`` key, the id of its place's ``@``
    feature in ``places`` (0 for ``fr:``)."""

    count: int
    held: Ids
    held_by: Ids
    compound: Ids
    compound_by: Ids
    matches: Ids
    matches_by: Ids
    places: Ids


def normalise(text: str, cache: dict[str, str] | None = None) -> list[str]:
    """The words of ``text`` as the matcher compares them, in order (module docstring); runs of
    numbers collapse into one ``#``.

    ``cache`` maps a lowercased word to its normal form ("" for a dropped word); pass the same
    dict for many texts to normalise each distinct word once.
    """
    memo = {} if cache is None else cache
    words: list[str] = []
    for raw in WORD.findall(text.lower()):
        word = memo.get(raw)
        if word is None:
            word = memo[raw] = normal_word(raw)
        if word and not (word == _NUMBER and words and words[-1] == _NUMBER):
            words.append(word)
    return words


def claim_features(claim: Claim, lexicon: Lexicon) -> tuple[list[str], list[str]]:
    """The names of the claim's scored features and of its match keys, each sorted."""
    dropped: set[str] = set()
    for entity in claim.entities:
        dropped |= lexicon.aliases.get(entity, frozenset())
    words = {word for word in normalise(claim.text) if word not in dropped}
    structure, _, matches = structure_names(claim, lexicon.places)
    return sorted(words.union(structure)), sorted(name for name, _ in matches)


def normal_word(raw: str) -> str:
    """The normal form of a lowercased word: ``#`` for a number, "" for a dropped word."""
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
