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
claims fit in memory; :func:`claim_features` gives the names of one claim's features (named part
by part in :mod:`factcheck.structure`). Python salts its string hashes per process, so a claim's
features are listed in an order that does not depend on them (words as they come, then the
structure): whatever depends on the order in which features first appear stays the same from
run to run. Runs of claims read apart (in worker processes, which share the salt) are joined
with :func:`join`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from factcheck.model import Claim, Entity, TimeSpan
from factcheck.structure import (
    amount_names,
    entity_names,
    frame_names,
    measure,
    structure_names,
    time_periods,
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
_WORD = re.compile(r"[^\W_]+|%")
# The same words for ASCII text, read from its bytes: letters lowered, digits kept, "%" set apart,
# anything else a space.
_ASCII_WORDS = bytes(
    char + 32 if 65 <= char <= 90 else char if chr(char).isalnum() or char == 37 else 32
    for char in range(128)
) + bytes(32 for _ in range(128))
_NUMBER = "#"
_STEM_LENGTH = 6
_PLACE = "place"

Hashes = npt.NDArray[np.int64]
Positions = npt.NDArray[np.int32]


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
    held_by: Positions
    compound: Hashes
    compound_by: Positions
    matches: Hashes
    matches_by: Positions
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
    structure, _, matches = structure_names(claim, lexicon.places)
    return sorted(words.union(structure)), sorted(name for name, _ in matches)


def collect(claims: Sequence[Claim], lexicon: Lexicon) -> Features:
    """The features of ``claims``, by position.

    Claims share most of their structure (entities, subject, predicate, scope, time), so each
    distinct part is named and hashed once. A claim's features are listed in a fixed order (its
    words as they come, then its structure) so that nothing depends on the hashes' values.
    """
    words: dict[str | bytes, int] = {}
    by_entities: dict[tuple[str, ...], _EntityPart] = {}
    by_frame: dict[tuple[str | None, str | None, str | None], _FramePart] = {}
    by_time: dict[TimeSpan | None, tuple[tuple[str, ...], tuple[int, ...]]] = {}
    by_amount: dict[tuple[str, str, str | None, str | None, float | None], tuple[int, ...]] = {}
    held: list[int] = []
    compound: list[int] = []
    matches: list[int] = []
    places: list[int] = []
    held_count: list[int] = []
    compound_count: list[int] = []
    matches_count: list[int] = []
    for claim in claims:
        raws = _raw_words(claim.text)
        try:
            mine = dict.fromkeys(map(words.__getitem__, raws))
        except KeyError:
            for raw in raws:
                if raw not in words:
                    word = _normal_word(raw if isinstance(raw, str) else raw.decode())
                    words[raw] = hash(word) if word else 0
            mine = dict.fromkeys(map(words.__getitem__, raws))
        entity = by_entities.get(claim.entities)
        if entity is None:
            entity = by_entities[claim.entities] = _entity_part(claim.entities, lexicon)
        for dropped in entity.dropped:
            mine.pop(dropped, None)
        mine.pop(0, None)
        frame_key = (claim.subject, claim.predicate, claim.scope)
        frame = by_frame.get(frame_key)
        if frame is None:
            frame = by_frame[frame_key] = _frame_part(*frame_key)
        periods, period_hashes = by_time.get(claim.time) or by_time.setdefault(
            claim.time, _time_part(claim.time)
        )
        for quantity in claim.quantities:
            amount_key = (frame.family, claim.subject or "", *measure(quantity))
            amount = by_amount.get(amount_key)
            if amount is None:
                amount = by_amount[amount_key] = tuple(map(hash, amount_names(*amount_key)))
            mine.update(dict.fromkeys(amount))
        start = len(held)
        held.extend(mine)
        held.extend(entity.held)
        held.extend(frame.held)
        held.extend(period_hashes)
        held_count.append(len(held) - start)
        compound.extend(frame.compound)
        compound.extend(entity.compound)
        compound_count.append(len(frame.compound) + len(entity.compound))
        start = len(matches)
        if frame.family and periods:
            for place, place_hash in entity.places:
                for period in periods:
                    matches.append(hash(f"ev:{place}|{frame.family}|{period}"))
                    places.append(place_hash)
        if frame.match:
            matches.append(frame.match)
            places.append(0)
        matches_count.append(len(matches) - start)
    positions = np.arange(len(claims), dtype=np.int32)
    return Features(
        len(claims),
        held=_hashes(held),
        held_by=np.repeat(positions, _hashes(held_count)),
        compound=_hashes(compound),
        compound_by=np.repeat(positions, _hashes(compound_count)),
        matches=_hashes(matches),
        matches_by=np.repeat(positions, _hashes(matches_count)),
        places=_hashes(places),
    )


def join(parts: Sequence[Features]) -> Features:
    """The features of consecutive runs of claims as those of all of them."""
    offsets = np.cumsum([0, *(part.count for part in parts)], dtype=np.int32)

    def positions(name: str) -> Positions:
        return np.concatenate(
            [getattr(part, name) + offset for part, offset in zip(parts, offsets, strict=False)]
        )

    return Features(
        int(offsets[-1]),
        held=np.concatenate([part.held for part in parts]),
        held_by=positions("held_by"),
        compound=np.concatenate([part.compound for part in parts]),
        compound_by=positions("compound_by"),
        matches=np.concatenate([part.matches for part in parts]),
        matches_by=positions("matches_by"),
        places=np.concatenate([part.places for part in parts]),
    )


def _hashes(part: list[int]) -> Hashes:
    return np.array(part, dtype=np.int64)


@dataclass(frozen=True, slots=True)
class _EntityPart:
    """What a claim's entities give, hashed: alias words to drop, ``@`` features, ``ee:`` keys,
    and its places (each with the hash of its ``@`` feature)."""

    dropped: frozenset[int]
    held: tuple[int, ...]
    compound: tuple[int, ...]
    places: tuple[tuple[str, int], ...]


@dataclass(frozen=True, slots=True)
class _FramePart:
    """What a claim's subject, predicate and scope give, hashed: the predicate family, scored
    features, compound keys and the ``fr:`` match key (0 for none)."""

    family: str
    held: tuple[int, ...]
    compound: tuple[int, ...]
    match: int


def _entity_part(entities: tuple[str, ...], lexicon: Lexicon) -> _EntityPart:
    names = entity_names(entities)
    dropped = frozenset(
        hash(word) for entity in entities for word in lexicon.aliases.get(entity, frozenset())
    )
    places = tuple(
        (entity, hash(f"@{entity}")) for entity in sorted(set(entities)) if entity in lexicon.places
    )
    return _EntityPart(dropped, tuple(map(hash, names[0])), tuple(map(hash, names[1])), places)


def _frame_part(subject: str | None, predicate: str | None, scope: str | None) -> _FramePart:
    family, held, compound, match = frame_names(subject, predicate, scope)
    return _FramePart(
        family, tuple(map(hash, held)), tuple(map(hash, compound)), hash(match) if match else 0
    )


def _time_part(span: TimeSpan | None) -> tuple[tuple[str, ...], tuple[int, ...]]:
    periods = time_periods(span)
    return periods, tuple(hash(f"t:{period}") for period in periods)


def _raw_words(text: str) -> list[str] | list[bytes]:
    """The words of ``text`` lowercased, as bytes when it is ASCII (quicker to cut)."""
    if text.isascii():
        return text.encode().translate(_ASCII_WORDS).replace(b"%", b" % ").split()
    return _WORD.findall(text.lower())


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
