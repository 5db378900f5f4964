"""Matching claims across sources: normalisation, features, scores, blocking, and the seeds."""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from factcheck import match, signature
from factcheck.aliases import DEFAULT_ENTITIES
from factcheck.compare import predicate_class, shared_measures
from factcheck.corpus import read_corpus
from factcheck.errors import UsageError
from factcheck.features import Lexicon, claim_features, normalise
from factcheck.featuretable import collect
from factcheck.match import (
    EVENT_SCORE,
    blocked_pairs,
    check_thresholds,
    exhaustive_pairs,
    group_numbers,
    match_claims,
)
from factcheck.model import Claim, Entity, Pair, Precision, Quantity, Relation, Source, TimeSpan
from factcheck.pairing import compare_pairs, pair_id
from factcheck.pipeline import extract_all
from factcheck.signature import EVENT_BLOCK, signatures

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
PUBLISHED = {
    "000": "2017-09",
    "001": "2015-12",
    "002": "2016-07",
    "003": "2016-09",
    "004": "2015-11",
}
LEXICON = Lexicon.build(DEFAULT_ENTITIES)


def claim(
    id_: str,
    text: str,
    *,
    entities: tuple[str, ...] = (),
    subject: str | None = None,
    predicate: str | None = None,
    scope: str | None = None,
    time: TimeSpan | None = None,
    quantities: tuple[Quantity, ...] = (),
) -> Claim:
    """A hand-made claim whose source is the part of ``id_`` before the colon."""
    return Claim(
        id=id_,
        source=id_.split(":", 1)[0],
        start=0,
        end=len(text),
        text=text,
        subject=subject,
        predicate=predicate,
        scope=scope,
        time=time,
        quantities=quantities,
        entities=entities,
    )


def month(text: str, iso: str) -> TimeSpan:
    return TimeSpan(text, 0, len(text), f"{iso}-01", f"{iso}-28", Precision.MONTH)


def sources_of(claims: list[Claim]) -> dict[str, Source]:
    return {c.source: Source(id=c.source, path=f"{c.source}.txt", sha256="") for c in claims}


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("ISIS has lost 40% of its territory", ["isis", "los", "#", "territ"]),
        ("it lost about a third of that", ["los", "#"]),
        ("Officials said 45.000 fighters were killed", ["offici", "#", "fighte", "kill"]),
        ("The city fell in October", ["city", "fall", "octobe"]),
        ("two hundred and six people", ["#", "person"]),
    ],
)
def test_normalise_drops_stop_words_masks_numbers_and_stems(text: str, words: list[str]) -> None:
    assert normalise(text) == words


def test_a_third_and_forty_percent_look_alike_once_masked() -> None:
    assert normalise("lost 40% of its territory") == normalise("lost a third of its territory")


def test_aliases_give_way_to_the_canonical_id() -> None:
    isis = claim("a:1", "ISIS lost Baiji", entities=("baiji", "isis"))
    islamic_state = claim("b:1", "The Islamic State lost Beiji", entities=("baiji", "isis"))
    assert claim_features(isis, LEXICON) == claim_features(islamic_state, LEXICON)
    assert "@isis" in claim_features(isis, LEXICON)[0]


def test_values_weigh_double_and_carry_their_measure() -> None:
    killed = claim(
        "a:1",
        "129 people were killed",
        predicate="killed",
        quantities=(Quantity("129 people", 0, 10, 129.0, 129.0, 129.0, noun="people"),),
    )
    features, _ = claim_features(killed, LEXICON)
    assert "v:killed||count|people|129" in features
    assert "w:killed||count|people|129" in features
    assert "#" in features


def test_match_keys_name_place_event_and_month() -> None:
    fell = claim(
        "a:1",
        "Sinjar fell last month",
        entities=("sinjar",),
        subject="isis",
        predicate="fell",
        scope="sinjar",
        time=month("last month", "2015-11"),
    )
    _, matches = claim_features(fell, LEXICON)
    assert matches == ["ev:sinjar|control|2015-11", "fr:isis|lost control|sinjar"]


@pytest.mark.parametrize(("a", "b"), [("x:1", "y:2"), ("003:abc", "004:def"), ("b", "a")])
def test_pair_id_is_stable_and_order_independent(a: str, b: str) -> None:
    assert pair_id(a, b) == pair_id(b, a)
    assert pair_id(a, b).startswith("p-")
    assert pair_id(a, b) != pair_id(a, b + "x")


@pytest.mark.parametrize(("suggest", "strong"), [(-1.0, 50.0), (60.0, 50.0), (40.0, 101.0)])
def test_thresholds_out_of_order_are_refused(suggest: float, strong: float) -> None:
    with pytest.raises(UsageError) as err:
        check_thresholds(suggest, strong)
    assert "--suggest" in str(err.value)


PARAPHRASES = [
    claim("s1:1", "Kurdish forces recaptured the town of Sinjar from the militants on Friday"),
    claim("s2:1", "On Friday Kurdish forces recaptured Sinjar town from the militants"),
    claim("s3:1", "Kurdish forces recaptured the town of Sinjar on Friday, officials said"),
    claim("s1:2", "Kurdish forces recaptured the town of Sinjar from militants"),
    claim("s2:2", "The price of bread in Cairo doubled over the winter"),
]


def test_pairs_are_across_sources_ordered_and_sorted() -> None:
    pairs = match_claims(PARAPHRASES, sources_of(PARAPHRASES))
    assert pairs
    assert [pair.id for pair in pairs] == sorted(pair.id for pair in pairs)
    for pair in pairs:
        assert pair.a < pair.b
        assert pair.a.split(":")[0] != pair.b.split(":")[0]
        assert 0 <= pair.score <= 100
        assert pair.score == round(pair.score, 1)
        assert pair.id == pair_id(pair.a, pair.b)
    found = {(pair.a, pair.b) for pair in pairs}
    assert ("s1:1", "s2:1") in found
    assert ("s1:1", "s1:2") not in found
    assert not any("s2:2" in pair for pair in found)


def test_matching_is_deterministic_whatever_the_input_order() -> None:
    shuffled = PARAPHRASES[::-1]
    first = match_claims(PARAPHRASES, sources_of(PARAPHRASES))
    assert match_claims(shuffled, sources_of(shuffled)) == first


def test_a_higher_suggest_threshold_keeps_a_subset() -> None:
    loose = match_claims(PARAPHRASES, sources_of(PARAPHRASES), suggest=20, strong=60)
    tight = match_claims(PARAPHRASES, sources_of(PARAPHRASES), suggest=80, strong=90)
    assert {pair.id for pair in tight} < {pair.id for pair in loose}
    assert all(pair.score >= 80 for pair in tight)


def test_a_shared_event_is_suggested_however_it_is_worded() -> None:
    wordy = claim(
        "a:1",
        "Hours after his men helped recapture the northern town of Sinjar last week, the "
        "general watched another battle unfold on his television far away",
        entities=("sinjar",),
        subject="kurdish-forces",
        predicate="recaptured",
        scope="sinjar",
        time=month("last week", "2015-11"),
    )
    terse = claim(
        "b:1",
        "followed by losses of the city of Sinjar just last month",
        entities=("sinjar",),
        subject="isis",
        predicate="lost control",
        scope="sinjar",
        time=month("last month", "2015-11"),
    )
    elsewhere = replace(terse, id="c:1", source="c", time=month("in March", "2015-03"))
    claims = [wordy, terse, elsewhere]
    pairs = {(pair.a, pair.b): pair for pair in match_claims(claims, sources_of(claims))}
    assert pairs[("a:1", "b:1")].score == EVENT_SCORE
    assert pairs[("a:1", "b:1")].relation is Relation.AGREE
    assert ("a:1", "c:1") not in pairs


def test_a_match_key_held_by_many_claims_names_a_topic_not_an_event() -> None:
    many = [
        claim(
            f"s{n}:1",
            f"report number {n} with its own words {n * 7919}",
            entities=("sinjar",),
            subject="isis",
            predicate="fell",
            scope="sinjar",
            time=month("in November", "2015-11"),
        )
        for n in range(EVENT_BLOCK + 1)
    ]
    packed = signatures(many, LEXICON)
    assert packed.event == [""] * len(many)


WORDS = ["oil", "refinery", "bridge", "dam", "airport", "base", "town", "village", "market"]
VERBS = ["recaptured", "lost control", "attacked", "killed", "besieged"]


def synthetic(count: int, seed: int) -> tuple[list[Claim], list[Entity]]:
    """Claims in the style of news reports: a few hot entities, many rare places, repeats of
    the same event by several sources."""
    rng = random.Random(seed)
    places = [f"place{n}" for n in range(count // 3)]
    entities = [Entity(id=place, aliases=(place.title(),), kind="place") for place in places]
    entities.append(Entity(id="isis", aliases=("ISIS",), kind="group"))
    claims: list[Claim] = []
    while len(claims) < count:
        place = places[min(int(rng.paretovariate(1.0)) - 1, len(places) - 1)]
        verb, noun = rng.choice(VERBS), rng.choice(WORDS)
        detail = " ".join(rng.sample(WORDS, 3))
        for _ in range(rng.randint(1, 3)):
            source = f"s{rng.randrange(count // 5):04d}"
            words = " ".join(rng.sample(detail.split(), 2))
            text = f"ISIS {verb} the {noun} near {place.title()} with {words} reported"
            claims.append(
                claim(
                    f"{source}:{len(claims):05d}",
                    text,
                    entities=("isis", place),
                    subject="isis",
                    predicate=verb,
                    scope=place,
                )
            )
    return claims[:count], entities


def test_blocking_finds_what_scoring_all_pairs_finds() -> None:
    claims, entities = synthetic(600, seed=3)
    ordered = sorted(claims, key=lambda c: c.id)
    packed = signatures(ordered, Lexicon.build(entities))
    groups = group_numbers([c.source for c in ordered])
    blocked = blocked_pairs(packed, groups, 40.0)
    everything = exhaustive_pairs(packed, groups, 40.0)
    found = set(zip(blocked[0].tolist(), blocked[1].tolist(), strict=True))
    expected = set(zip(everything[0].tolist(), everything[1].tolist(), strict=True))
    assert expected
    assert found <= expected
    assert len(found) >= 0.95 * len(expected)


def test_big_blocks_scored_in_workers_a_batch_at_a_time_find_the_same(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    claims, entities = synthetic(600, seed=3)
    ordered = sorted(claims, key=lambda c: c.id)
    packed = signatures(ordered, Lexicon.build(entities))
    groups = group_numbers([c.source for c in ordered])
    here = blocked_pairs(packed, groups, 40.0)
    monkeypatch.setattr(match, "BATCH", 2 * match.WINDOW)
    monkeypatch.setattr(match, "PARALLEL_BATCHES", 2)
    forked = blocked_pairs(packed, groups, 40.0)
    assert len(here[0])
    for mine, theirs in zip(forked, here, strict=True):
        assert mine.tolist() == theirs.tolist()


def seed_claims() -> tuple[list[Claim], dict[str, Source]]:
    root = SEEDS.parent
    corpus = read_corpus([SEEDS], root)
    articles = [
        replace(a, source=replace(a.source, published=PUBLISHED[a.source.id[:3]]))
        for a in corpus.articles
    ]
    claims = extract_all(articles, DEFAULT_ENTITIES)
    return claims, {article.source.id: article.source for article in articles}


@pytest.fixture(scope="module")
def seed_pairs() -> tuple[list[Pair], dict[str, Claim]]:
    claims, sources = seed_claims()
    return match_claims(claims, sources), {c.id: c for c in claims}


def find(
    pairs: tuple[list[Pair], dict[str, Claim]], first: tuple[str, str], second: tuple[str, str]
) -> Pair:
    """The best pair between a claim of source ``first[0]`` quoting ``first[1]`` and one of
    ``second[0]`` quoting ``second[1]``."""
    found, by_id = pairs
    hits = []
    for pair in found:
        a, b = by_id[pair.a], by_id[pair.b]
        for x, y in ((a, b), (b, a)):
            sources = (x.source[:3], y.source[:3]) == (first[0], second[0])
            if sources and first[1] in x.text and second[1] in y.text:
                hits.append(pair)
    assert hits, f"no pair between {first} and {second}"
    return max(hits, key=lambda pair: pair.score)


@pytest.mark.parametrize(
    ("first", "second", "relations", "in_reason"),
    [
        (("001", "Baiji"), ("004", "refinery of Baiji"), {Relation.AGREE}, "2015-10"),
        (("001", "Sinjar"), ("004", "Sinjar from"), {Relation.AGREE}, "same time"),
        (
            ("003", "40%"),
            ("004", "a third of that"),
            {Relation.CHANGED, Relation.CONTRADICT},
            "−6.7 pts, outside ±10% hedge",
        ),
        (("003", "since 2011"), ("002", "in 2014"), {Relation.CONTRADICT}, "3 years apart"),
    ],
)
def test_seed_pairs_are_found_with_the_right_relation(
    seed_pairs: tuple[list[Pair], dict[str, Claim]],
    first: tuple[str, str],
    second: tuple[str, str],
    relations: set[Relation],
    in_reason: str,
) -> None:
    pair = find(seed_pairs, first, second)
    assert pair.relation in relations
    assert in_reason in pair.reason


def test_every_seed_contradiction_is_one_measure_or_one_event(
    seed_pairs: tuple[list[Pair], dict[str, Claim]],
) -> None:
    pairs, by_id = seed_pairs
    contradictions = [pair for pair in pairs if pair.relation is Relation.CONTRADICT]
    assert contradictions
    for pair in contradictions:
        a, b = by_id[pair.a], by_id[pair.b]
        assert a.predicate and b.predicate
        same_event = predicate_class(a.predicate) == predicate_class(b.predicate)
        assert shared_measures(a, b) or same_event


@pytest.mark.parametrize(
    "claims",
    [
        [],
        [claim("a:1", "Sinjar fell")],
        [claim("a:1", "Sinjar fell in November"), claim("a:2", "Sinjar fell in November")],
        [claim("a:1", "the"), claim("b:1", "of the")],
    ],
)
def test_nothing_to_pair_gives_no_pairs(claims: list[Claim]) -> None:
    assert match_claims(claims, sources_of(claims)) == []


@pytest.mark.parametrize("workers", [2, 3])
def test_signatures_read_in_workers_are_those_read_here(workers: int) -> None:
    claims, entities = synthetic(400, seed=6)
    lexicon = Lexicon.build(entities)
    here = signatures(claims, lexicon, workers=1)
    forked = signatures(claims, lexicon, workers=workers, least=0)
    assert forked.text == here.text
    assert forked.event == here.event
    assert forked.padding.tolist() == here.padding.tolist()
    for name in ("owner", "key", "rank", "event"):
        assert getattr(forked.keys, name).tolist() == getattr(here.keys, name).tolist(), name


def test_signatures_built_a_run_of_claims_at_a_time_in_workers_are_the_same(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    claims, entities = synthetic(400, seed=6)
    features = collect(claims, Lexicon.build(entities))
    whole = signature.pack(features)
    monkeypatch.setattr(signature, "CLAIMS_AT_ONCE", 48)
    monkeypatch.setattr(signature, "PARALLEL_FROM", 0)
    runs = signature.pack(features)
    assert runs.text == whole.text
    assert runs.event == whole.event
    assert runs.padding.tolist() == whole.padding.tolist()
    for name in ("owner", "key", "rank", "event"):
        assert getattr(runs.keys, name).tolist() == getattr(whole.keys, name).tolist(), name


@pytest.mark.parametrize("workers", [2, 3])
def test_pairs_compared_in_workers_are_those_compared_here(workers: int) -> None:
    claims, _ = seed_claims()
    claims.sort(key=lambda c: c.id)
    sources = {c.source: Source(id=c.source, path="", sha256="") for c in claims}
    first = [i for i in range(len(claims)) for _ in range(i + 1, len(claims))]
    second = [j for i in range(len(claims)) for j in range(i + 1, len(claims))]
    here = compare_pairs(claims, sources, first, second, workers=1)
    forked = compare_pairs(claims, sources, first, second, workers=workers, least=0)
    assert len(here) == len(first)
    assert forked == here


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_distinct_features_are_those_numpy_finds(seed: int) -> None:
    rng = np.random.default_rng(seed)
    parts = [rng.integers(1, 60, size, dtype=np.int32) * 7 for size in (300, 0, 77)]
    unique, first, inverse, counts = signature._unique(parts)
    want = np.unique(
        np.concatenate(parts), return_index=True, return_inverse=True, return_counts=True
    )
    for got, expected in zip((unique, first, inverse, counts), want, strict=True):
        assert got.tolist() == expected.tolist()


@pytest.mark.parametrize("twice", [False, True])
def test_key_entries_are_ordered_as_lexsort_orders_them(twice: bool) -> None:
    rng = np.random.default_rng(3)
    count = 50
    owner = np.repeat(np.arange(count), 4)
    key = np.concatenate([rng.choice(30, 4, replace=not twice) for _ in range(count)])
    event = rng.random(len(key)) < 0.3
    keys = signature.Keys(owner=owner, key=key, rank=rng.permutation(count), event=event)
    order = np.lexsort((owner, keys.rank[owner], key))
    got = match._block_order(keys, count)
    for part, expected in zip(got, (owner[order], key[order], event[order]), strict=True):
        assert part.tolist() == expected.tolist()


@pytest.mark.parametrize("largest", [40, 1 << 40])
def test_triples_are_sorted_as_lexsort_sorts_them(largest: int) -> None:
    rng = np.random.default_rng(5)
    first, second, third = (rng.integers(0, largest, 500) for _ in range(3))
    order = np.lexsort((third, second, first))
    got = signature._sorted_triples(first, second, third)
    for part, expected in zip(got, (first[order], second[order], third[order]), strict=True):
        assert part.tolist() == expected.tolist()
