"""Provides :func:`collect`: the features of many claims (see :mod:`factcheck.features`) as flat
arrays of feature ids, read in one process with array operations.

Each claim's fields are read once into columns of codes (:mod:`factcheck.claimfields`; its
texts and entities here): the distinct subjects, predicates, scopes, entities, times and
quantities are few beside the claims, so each part's
names are built once per distinct value (or combination, for names made of several parts) and
spread to the claims by index. The texts are cut into words a run of claims at a time (see
:mod:`factcheck.wordtable`). A claim's features are listed in a fixed order: its words as they
come and the names of its quantities, each once, then its entities, subject, predicate, scope
and times; its compound keys subject and predicate, scope and family, then its pairs of
entities; its match keys ``ev:`` by place and period, then ``fr:``.

Working here, on the claims' own process, leaves the claims untouched by any forked worker, whose
every read of a Python object would write its reference count and so copy its memory page.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import chain
from operator import attrgetter
from typing import Any

import numpy as np

from factcheck.claimfields import Fields, column, read_fields
from factcheck.compare import noun_class, predicate_class, predicate_family
from factcheck.features import Features, Lexicon
from factcheck.forking import release_free_memory
from factcheck.model import Claim
from factcheck.naming import Bools, Column, Ints, Names, codes, expand, interleave
from factcheck.structure import time_periods
from factcheck.wordtable import read_words


def collect(
    claims: Sequence[Claim],
    lexicon: Lexicon,
    names: Names | None = None,
    *,
    fields: Fields | None = None,
) -> Features:
    """The features of ``claims``, by position, their names as ids (module docstring) given by
    ``names`` (default: a new :class:`Names`); ``fields`` are the claims' fields when already
    read (see :mod:`factcheck.claimfields`)."""
    count = len(claims)
    names = Names() if names is None else names
    fields = read_fields(claims) if fields is None else fields
    texts, entities = column(claims, "text"), column(claims, "entities")
    frame = _Frames(
        (fields.subject_code, fields.subjects),
        (fields.predicate_code, fields.predicates),
        (fields.scope_code, fields.scopes),
        names,
    )
    people = _Entities(entities, names, lexicon)
    times = _Times(fields, names)
    amounts = _amounts(fields, names, frame)
    del entities
    mine = read_words(texts, names, people.dropped(), amounts)
    del texts
    # Each step below frees what the one before built; the freed pages go back at once rather
    # than stay counted until the next fork.
    release_free_memory()
    small = np.int32
    held_parts = [mine, people.held(), frame.held(), times.held(count)]
    del mine
    held, held_by = interleave(count, held_parts, small)
    del held_parts
    release_free_memory()
    compound, compound_by = interleave(count, [frame.compound(), people.pairs(names)], small)
    matches, matches_by, places = _matches(count, names, frame, people, times)
    release_free_memory()
    return Features(
        count,
        held=held,
        held_by=held_by,
        compound=compound,
        compound_by=compound_by,
        matches=matches.astype(small),
        matches_by=matches_by.astype(small),
        places=places.astype(small),
    )


class _Frames:
    """Subject, predicate and scope of each claim, as codes, with their features' ids."""

    def __init__(
        self,
        by_subject: Coded,
        by_predicate: Coded,
        by_scope: Coded,
        names: Names,
    ) -> None:
        self.count = len(by_subject[0])
        self.subject, subjects = by_subject
        predicate_code, predicates = by_predicate
        self.scope, scopes = by_scope
        kinds = [predicate_class(p) if p else "" for p in predicates]
        families = [predicate_family(p) if p else "" for p in predicates]
        family_code, self.families = codes(families)
        kind_code, self.kinds = codes(kinds)
        self.family = family_code[predicate_code]
        self.kind = kind_code[predicate_code]
        self.subjects = [subject or "" for subject in subjects]
        self.scopes = [scope or "" for scope in scopes]

        def named(prefix: str, values: Sequence[str | None]) -> Ints:
            return np.array(
                [names.id(f"{prefix}{value}") if value else 0 for value in values],
                dtype=np.int64,
            )

        has_kind = _truthy((self.kind, self.kinds))
        self.s = named("s:", subjects)[self.subject]
        self.p = np.where(has_kind, named("p:", self.kinds)[self.kind], 0)
        self.f = np.where(has_kind, named("f:", self.families)[self.family], 0)
        self.c = named("c:", scopes)[self.scope]
        subject = (self.subject, self.subjects)
        kind, family = (self.kind, self.kinds), (self.family, self.families)
        scope = (self.scope, self.scopes)
        has_subject, has_family, has_scope = _truthy(subject), _truthy(family), _truthy(scope)
        self.sp = _joined(names, "sp:", has_subject & has_kind, [subject, kind])
        self.cf = _joined(names, "cf:", has_scope & has_family, [scope, family])
        self.fr = _joined(names, "fr:", has_subject & has_kind & has_scope, [subject, kind, scope])

    def held(self) -> tuple[Ints, Ints]:
        return _columns(self.count, [self.s, self.p, self.f, self.c])

    def compound(self) -> tuple[Ints, Ints]:
        return _columns(self.count, [self.sp, self.cf])


def _truthy(column: Column) -> Bools:
    """Per row, whether its string is not empty."""
    codes, strings = column
    return np.array([bool(text) for text in strings], dtype=np.bool_)[codes]


def _joined(names: Names, prefix: str, valid: Bools | None, columns: Sequence[Column]) -> Ints:
    """:meth:`Names.joined` of the rows where ``valid`` (all when ``None``), 0 elsewhere."""
    if valid is None:
        return names.joined(prefix, columns)
    ids = np.zeros(len(valid), dtype=np.int64)
    if valid.any():
        ids[valid] = names.joined(prefix, [(codes[valid], strings) for codes, strings in columns])
    return ids


def _columns(count: int, columns: Sequence[Ints]) -> tuple[Ints, Ints]:
    """Per claim, the non-zero ids of ``columns`` in column order: owners and ids."""
    table = np.stack(columns, axis=1) if columns else np.zeros((count, 0), np.int64)
    owner, column = np.nonzero(table)
    return owner.astype(np.int64), table[owner, column]


class _Entities:
    """Each claim's distinct entities in sorted order (``owner``, ``entity`` as a code that sorts
    as the ids do), with their ``@`` features and whether each is a place."""

    def __init__(self, lists: Sequence[tuple[str, ...]], names: Names, lexicon: Lexicon) -> None:
        flat = list(chain.from_iterable(lists))
        self.ids = sorted(set(flat))
        index = {entity: at for at, entity in enumerate(self.ids)}
        entity = np.fromiter(map(index.__getitem__, flat), dtype=np.int64, count=len(flat))
        sizes = np.fromiter(map(len, lists), dtype=np.int64, count=len(lists))
        owner = np.repeat(np.arange(len(lists), dtype=np.int64), sizes)
        key = np.sort(owner << 32 | entity)
        key = key[np.r_[True, key[1:] != key[:-1]]] if len(key) else key
        self.owner, self.entity = key >> 32, key & 0xFFFFFFFF
        self.at = np.array([names.id(f"@{name}") for name in self.ids], dtype=np.int64)
        self.place = np.array([name in lexicon.places for name in self.ids], dtype=np.bool_)
        self.aliases = [
            np.array(sorted(names.id(word) for word in lexicon.aliases.get(name, ())), np.int64)
            for name in self.ids
        ]

    def held(self) -> tuple[Ints, Ints]:
        return self.owner, self.at[self.entity]

    def dropped(self) -> tuple[Ints, Ints]:
        """The words each claim drops (its entities' aliases): owners and word ids, by owner."""
        counts = np.array([len(words) for words in self.aliases], dtype=np.int64)
        flat = np.concatenate([np.zeros(0, np.int64), *self.aliases])
        starts = np.cumsum(counts) - counts
        owner, at = expand(self.owner, counts[self.entity], starts[self.entity])
        return owner, flat[at]

    def pairs(self, names: Names) -> tuple[Ints, Ints]:
        """The ``ee:`` keys of each claim's pairs of entities, in order of the pairs."""
        firsts, seconds = [], []
        row = np.arange(len(self.owner), dtype=np.int64)
        alive = row
        step = 1
        while len(alive):
            alive = alive[alive + step < len(row)]
            alive = alive[self.owner[alive + step] == self.owner[alive]]
            firsts.append(alive)
            seconds.append(alive + step)
            step += 1
        first = np.concatenate([np.zeros(0, np.int64), *firsts])
        second = np.concatenate([np.zeros(0, np.int64), *seconds])
        order = np.lexsort((second, first))
        first, second = first[order], second[order]
        key = _joined(
            names, "ee:", None, [(self.entity[first], self.ids), (self.entity[second], self.ids)]
        )
        return self.owner[first], key


class _Times:
    """Each claim's stated time as a code, with the periods it covers and their ``t:`` ids."""

    def __init__(self, fields: Fields, names: Names) -> None:
        value, distinct = codes(fields.times)
        self.code = value[fields.time_code]
        self.periods = [time_periods(span) for span in distinct]
        self.sizes = np.array([len(periods) for periods in self.periods], dtype=np.int64)
        flat = [period for periods in self.periods for period in periods]
        period_code, self.period_names = codes(flat)
        self.period_flat = period_code
        self.ids = np.array([names.id(f"t:{period}") for period in flat], dtype=np.int64)
        self.starts = np.cumsum(self.sizes) - self.sizes

    def held(self, count: int) -> tuple[Ints, Ints]:
        owner, at = self.spread(np.arange(count, dtype=np.int64))
        return owner, self.ids[at]

    def spread(self, claim: Ints) -> tuple[Ints, Ints]:
        """Each of ``claim`` repeated once per period of its time: the claims and the periods'
        places in the flat lists."""
        code = self.code[claim]
        return expand(claim, self.sizes[code], self.starts[code])


def _amounts(fields: Fields, names: Names, frame: _Frames) -> tuple[Ints, Ints]:
    """The ``k:``, ``v:`` and ``w:`` ids of each claim's quantities, in order: owners and ids."""
    owner, quantity = fields.owner, fields.quantity
    distinct = fields.quantities
    units, nouns, numbers = zip(*map(_MEASURE, distinct), strict=True) if distinct else ((), (), ())
    flat = len(quantity) > 0
    # Read once per distinct quantity, coded in order of first appearance as the quantities are.
    unit, unit_names = _spread(codes(units), quantity)
    noun, noun_names = _spread(codes(nouns), quantity)
    value, values = _spread(codes(numbers), quantity)
    unit_texts = [name or "count" for name in unit_names]
    noun_texts = [noun_class(name) or "" for name in noun_names]
    kind = _joined(names, "k:", None, [(unit, unit_texts), (noun, noun_texts)])
    texts, stated = _distinct_shown(values)
    columns = [
        (frame.family[owner], frame.families),
        (frame.subject[owner], frame.subjects),
        (unit, unit_texts),
        (noun, noun_texts),
        (texts[value], stated),
    ]
    has_value = texts[value] >= 0 if flat else np.zeros(0, dtype=np.bool_)
    v = _joined(names, "v:", has_value, columns)
    w = _joined(names, "w:", has_value, columns)
    table = np.stack([kind, v, w], axis=1)
    row, column = np.nonzero(table)
    return owner[row], table[row, column]


_MEASURE = attrgetter("unit", "noun", "value")
# Codes and the values they stand for.
Coded = tuple[Ints, Sequence[str | None]]


def _spread(coded: tuple[Ints, list[Any]], quantity: Ints) -> tuple[Ints, list[Any]]:
    """Codes of the distinct quantities as codes of each quantity."""
    code, distinct = coded
    return code[quantity], distinct


def _matches(
    count: int, names: Names, frame: _Frames, people: _Entities, times: _Times
) -> tuple[Ints, Ints, Ints]:
    """The match keys of each claim (``ev:`` for each place and period, then ``fr:``), their
    owners, and for each the id of its place's ``@`` feature (0 for ``fr:``)."""
    is_place = people.place[people.entity] & (frame.family[people.owner] != _no_family(frame))
    place_owner, place = people.owner[is_place], people.entity[is_place]
    row = np.arange(len(place_owner), dtype=np.int64)
    code = times.code[place_owner]
    repeated, at = expand(row, times.sizes[code], times.starts[code])
    owner, place = place_owner[repeated], place[repeated]
    period = times.period_flat[at]
    columns = [
        (place, people.ids),
        (frame.family[owner], frame.families),
        (period, times.period_names),
    ]
    event = _joined(names, "ev:", None, columns)
    fr_owner = np.flatnonzero(frame.fr).astype(np.int64)
    matches, matches_by = interleave(count, [(owner, event), (fr_owner, frame.fr[fr_owner])])
    held_place, _ = interleave(
        count, [(owner, people.at[place]), (fr_owner, np.zeros(len(fr_owner), np.int64))]
    )
    return matches, matches_by, held_place


def _distinct_shown(values: Sequence[float | None]) -> tuple[Ints, list[str]]:
    """Per distinct value, the code of its text as names show it (-1 for ``None``), and those
    texts."""
    shown = [None if number is None else f"{number:.4g}" for number in values]
    texts = list(dict.fromkeys(text for text in shown if text is not None))
    index = {text: at for at, text in enumerate(texts)}
    codes = [-1 if text is None else index[text] for text in shown]
    return np.array(codes, dtype=np.int64), texts


def _no_family(frame: _Frames) -> int:
    """The code of the empty family, or -1 when every claim has one."""
    return frame.families.index("") if "" in frame.families else -1
