"""Many claims' features as id arrays: the same names, in the same order, as claim by claim."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from factcheck.aliases import DEFAULT_ENTITIES
from factcheck.corpus import read_corpus
from factcheck.features import Features, Lexicon, claim_features, normalise
from factcheck.featuretable import collect
from factcheck.model import Claim, Entity, Precision, Quantity, TimeSpan
from factcheck.naming import (
    Names,
    codes,
    distinct_rows,
    expand,
    first_of_each,
    interleave,
)
from factcheck.pipeline import extract_all
from factcheck.structure import structure_names
from factcheck.wordtable import RUN, read_words

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
MONTHS = TimeSpan("from March to May 2015", 0, 22, "2015-03-01", "2015-05-31", Precision.MONTH)
YEAR = TimeSpan("in 2014", 0, 7, "2014-01-01", "2014-12-31", Precision.YEAR)


def quantity(value: float | None, noun: str | None = None, unit: str | None = None) -> Quantity:
    return Quantity(
        text="", start=0, end=0, value=value, low=value, high=value, unit=unit, noun=noun
    )


def made(number: int, text: str, **fields: object) -> Claim:
    return Claim(
        id=f"s{number % 3}:{number}",
        source=f"s{number % 3}",
        start=0,
        end=len(text),
        text=text,
        **fields,
    )  # type: ignore[arg-type]


HAND_MADE = [
    made(0, ""),
    made(1, "the of and"),
    made(
        2, "Ünïcode façade in Mosul — 40% of ISIS fighters, ISIS said", entities=("isis", "mosul")
    ),
    made(
        3,
        "nul\x00byte 12 12 twelve % deaths",
        quantities=(quantity(12.0, "deaths"), quantity(12.0, "people")),
    ),
    made(
        4,
        "A|B met C in Raqqa",
        subject="a|b",
        predicate="captured",
        scope="raqqa",
        entities=("a|b", "raqqa", "raqqa", "c"),
        time=MONTHS,
        quantities=(quantity(None, "troops"), quantity(3.5, unit="km")),
    ),
    made(
        5,
        "A met B|C in Raqqa",
        subject="a",
        predicate="captured",
        scope="raqqa",
        entities=("a", "b|c", "raqqa"),
        time=YEAR,
    ),
    made(
        6,
        "Sinjar fell",
        subject="",
        predicate="",
        scope="sinjar",
        entities=("sinjar",),
        time=MONTHS,
    ),
]
ENTITIES = [
    *DEFAULT_ENTITIES,
    Entity(id="raqqa", aliases=("Raqqa",), kind="place"),
    Entity(id="a|b", aliases=("A|B",), kind="group"),
]


def seed_claims() -> list[Claim]:
    corpus = read_corpus([SEEDS], SEEDS.parent)
    articles = [replace(a, source=replace(a.source, published="2016-01")) for a in corpus.articles]
    return extract_all(articles, DEFAULT_ENTITIES)


@pytest.mark.parametrize("which", ["seeds", "hand-made"])
def test_ids_name_what_each_claim_holds_in_its_order(which: str) -> None:
    claims = seed_claims() if which == "seeds" else HAND_MADE
    lexicon = Lexicon.build(ENTITIES)
    names = Names(spell=True)
    features = collect(claims, lexicon, names)
    named = {number: name for name, number in names.ids.items()}
    assert _partition(collect(claims, lexicon)) == _partition(features)
    assert features.count == len(claims)
    for name in ("held_by", "compound_by", "matches_by"):
        assert np.all(np.diff(getattr(features, name)) >= 0), name
    for at, one in enumerate(claims):
        held = [named[i] for i in features.held[features.held_by == at].tolist()]
        compound = [named[i] for i in features.compound[features.compound_by == at].tolist()]
        matches = [named[i] for i in features.matches[features.matches_by == at].tolist()]
        places = features.places[features.matches_by == at].tolist()
        expected_held, expected_matches = claim_features(one, lexicon)
        _, expected_compound, keyed = structure_names(one, lexicon.places)
        assert sorted(held) == expected_held
        assert compound == expected_compound
        assert matches == [name for name, _ in keyed] and sorted(matches) == expected_matches
        assert [named.get(p, "") for p in places] == [f"@{p}" if p else "" for _, p in keyed]
        dropped = {w for e in one.entities for w in lexicon.aliases.get(e, ())}
        words = list(dict.fromkeys(w for w in normalise(one.text) if w not in dropped))
        assert held[: len(words)] == words


def _partition(features: Features) -> list[list[int]]:
    """The features as numbers in order of first appearance: equal where the ids are equal."""
    every = np.concatenate([features.held, features.compound, features.matches, features.places])
    seen: dict[int, int] = {0: -1}
    numbers = [seen.setdefault(i, len(seen)) for i in every.tolist()]
    return [numbers, features.held_by.tolist(), features.compound_by.tolist()]


@pytest.mark.parametrize("spell", [False, True])
def test_joined_names_have_equal_ids_exactly_when_they_read_alike(spell: bool) -> None:
    names = Names(spell=spell)
    assert [names.id("a"), names.id("b"), names.id("a")] == [1, 2, 1]
    first = (np.array([0, 1, 0, 2, 3]), ["x", "y", "z", "x"])
    second = (np.array([1, 0, 1, 0, 1]), ["x", "y"])
    ids = names.joined("p:", [first, second]).tolist()
    assert ids[0] == ids[2] == ids[4] and len({ids[0], ids[1], ids[3]}) == 3
    assert min(ids) > 2 and names.count == 5
    assert names.joined("q:", [first, second]).min() > 5


def test_names_built_from_parts_that_read_alike_share_an_id() -> None:
    names = Names()
    # ("a|b", "c") and ("a", "b|c") both read "p:a|b|c".
    ids = names.joined("p:", [(np.array([0, 1]), ["a|b", "a"]), (np.array([1, 0]), ["b|c", "c"])])
    assert ids[0] == ids[1] == names.ids["p:a|b|c"]


@pytest.mark.parametrize("widths", [(3, 5), (40, 40)])
def test_distinct_rows_are_each_rows_combination(widths: tuple[int, int]) -> None:
    rng = np.random.default_rng(1)
    columns = [rng.integers(0, 4, 50) << (width - 2) for width in widths]
    distinct, inverse = distinct_rows(columns)
    rows = list(zip(*(column.tolist() for column in distinct), strict=True))
    assert len(set(rows)) == len(rows)
    assert [rows[at] for at in inverse.tolist()] == list(
        zip(*(c.tolist() for c in columns), strict=True)
    )


def test_codes_number_values_by_first_appearance() -> None:
    numbers, distinct = codes(["b", None, "a", "b", None])
    assert numbers.tolist() == [0, 1, 2, 0, 1] and distinct == ["b", None, "a"]


def test_expand_repeats_rows_into_their_flat_places() -> None:
    owner, at = expand(np.array([7, 8, 9]), np.array([2, 0, 3]), np.array([10, 0, 4]))
    assert owner.tolist() == [7, 7, 9, 9, 9]
    assert at.tolist() == [10, 11, 4, 5, 6]


def test_interleave_lays_out_owner_by_owner_list_by_list() -> None:
    first = (np.array([0, 0, 2]), np.array([1, 2, 3]))
    second = (np.array([0, 1, 2, 2]), np.array([10, 11, 12, 13]))
    values, owners = interleave(4, [first, second])
    assert values.tolist() == [1, 2, 10, 11, 3, 12, 13]
    assert owners.tolist() == [0, 0, 0, 1, 2, 2, 2]


def test_first_of_each_keeps_an_owners_first_of_a_value() -> None:
    keep = first_of_each(np.array([0, 0, 0, 1, 1]), np.array([5, 6, 5, 5, 5]))
    assert keep.tolist() == [True, True, False, True, False]


@pytest.mark.parametrize("workers", [1, 2])
def test_words_of_texts_read_in_runs_are_those_read_at_once(
    monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    texts = ["Mosul fell", "", "façade 40% of x", "the", "Mosul x x fell", "nul\x00byte"] * 7
    nothing = (np.zeros(0, np.int64), np.zeros(0, np.int64))

    def read(run: int) -> list[list[str]]:
        monkeypatch.setattr("factcheck.wordtable.RUN", run)
        names = Names()
        owner, ids = read_words(texts, names, nothing, nothing, workers=workers, least=0)
        named = {number: name for name, number in names.ids.items()}
        return [[named[i] for i in ids[owner == at].tolist()] for at in range(len(texts))]

    once = read(RUN)
    assert once == read(4)
    assert once == [list(dict.fromkeys(normalise(text))) for text in texts]


def test_words_drop_their_own_claims_aliases_and_keep_what_is_added_once() -> None:
    names = Names()
    mosul, fell, extra = names.id("mosul"), names.id("fall"), names.id("k:count|")
    dropped = (np.array([0, 2]), np.array([mosul, fell]))
    added = (np.array([1, 2, 2]), np.array([extra, extra, extra]))
    owner, ids = read_words(["Mosul fell", "Mosul fell", "Mosul fell"], names, dropped, added)
    assert owner.tolist() == [0, 1, 1, 1, 2, 2]
    assert ids.tolist() == [fell, mosul, fell, extra, mosul, extra]
