"""The seed articles through the real pipeline, read with the metadata of the bundled ledger: the
pairs a fact-checker expects, with the right relation for the right reason, and no contradiction
between numbers that measure different things."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from factcheck import store
from factcheck.aliases import DEFAULT_ENTITIES
from factcheck.compare import compare
from factcheck.corpus import read_corpus
from factcheck.match import match_claims
from factcheck.model import Article, Claim, Pair, Relation, Source
from factcheck.pipeline import entity_table, extract_all

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True, slots=True)
class Run:
    """The seeds' claims and suggested pairs, and their sources by id."""

    claims: tuple[Claim, ...]
    pairs: tuple[Pair, ...]
    sources: dict[str, Source]


@pytest.fixture(scope="module")
def run() -> Run:
    ledger = store.load(ROOT / "claims.yaml").ledger
    known = {source.path: source for source in ledger.sources if source.entry is None}
    corpus = read_corpus([ROOT / "seeds"], ROOT, known)
    entities = entity_table(ledger)
    claims = sorted(extract_all(corpus.articles, entities), key=lambda claim: claim.id)
    sources = {article.source.id: article.source for article in corpus.articles}
    pairs = match_claims(claims, sources, entities=entities)
    return Run(tuple(claims), tuple(pairs), sources)


def find(run: Run, prefix: str, fragment: str) -> Claim:
    """The one claim of seed ``prefix`` whose quote holds ``fragment``."""
    found = [
        claim
        for claim in run.claims
        if claim.source.startswith(f"{prefix}_") and fragment in claim.text
    ]
    assert len(found) == 1, f"{len(found)} claims of {prefix} hold {fragment!r}"
    return found[0]


def pair_of(run: Run, a: Claim, b: Claim) -> Pair | None:
    """The suggested pair of ``a`` and ``b``, in either order."""
    for pair in run.pairs:
        if {pair.a, pair.b} == {a.id, b.id}:
            return pair
    return None


def test_the_seeds_are_read_with_the_ledgers_publication_dates(run: Run) -> None:
    published = {source.id[:3]: source.published for source in run.sources.values()}
    assert published == {
        "000": "2017-09",
        "001": "2015-12",
        "002": "2016-07",
        "003": "2016-09",
        "004": "2015-11",
    }


# Each acceptance pair: the two claims (seed, words of the quote), the relations allowed, and
# words the reason must hold.
ACCEPTED = [
    pytest.param(
        ("001", "losing control over the city of Baiji"),
        ("004", "wrested control of the oil refinery of Baiji"),
        {Relation.AGREE},
        ["October (2015-10) vs October (2015-10)", "same time"],
        id="baiji-refinery-in-october",
    ),
    pytest.param(
        ("001", "losses of the city of Sinjar"),
        ("004", "recapture the northern Iraqi town of Sinjar"),
        {Relation.AGREE},
        ["last month (2015-11)", "last week", "same time"],
        id="sinjar-fell-in-november-2015",
    ),
    pytest.param(
        ("003", "Since 2015 ISIS has lost 40% of their territory in Iraq"),
        ("004", "it has lost about a third of that"),
        {Relation.CHANGED, Relation.CONTRADICT},
        ["40%", "33.3% (about", "−6.7 pts", "outside ±10% hedge", "10 months apart"],
        id="forty-percent-vs-a-third-of-that",
    ),
    pytest.param(
        ("003", "taking control over large territories"),
        ("002", "lightning offensives in 2014"),
        {Relation.CONTRADICT},
        ["since 2011 (2011)", "2014 (2014)", "3 years apart"],
        id="since-2011-vs-in-2014",
    ),
    pytest.param(
        ("002", "has lost key positions in both countries in recent months"),
        ("003", "Since 2015 ISIS has lost 40% of their territory in Iraq"),
        {Relation.AGREE},
        [
            "recent months (2016-01-01..2016-07-30)",
            "Since 2015 (2015-01-01..2016-09-30)",
            "overlap",
        ],
        id="recent-months-within-since-2015",
    ),
]


@pytest.mark.parametrize(("first", "second", "relations", "words"), ACCEPTED)
def test_the_acceptance_pairs_come_out_right(
    run: Run,
    first: tuple[str, str],
    second: tuple[str, str],
    relations: set[Relation],
    words: list[str],
) -> None:
    a, b = find(run, *first), find(run, *second)
    pair = pair_of(run, a, b)
    assert pair is not None, f"{a.text!r} and {b.text!r} are not paired"
    assert pair.relation in relations, pair.reason
    for word in words:
        assert word in pair.reason


def test_sinjar_in_001_is_a_claim_of_its_own_with_its_own_time(run: Run) -> None:
    baiji = find(run, "001", "losing control over the city of Baiji")
    sinjar = find(run, "001", "losses of the city of Sinjar")
    assert "sinjar" not in baiji.entities
    assert (sinjar.subject, sinjar.predicate, sinjar.scope) == ("isis", "lost control", "sinjar")
    assert sinjar.time is not None
    assert (sinjar.time.text, sinjar.time.first, sinjar.time.last) == (
        "last month",
        "2015-11-01",
        "2015-11-30",
    )
    # The October fall of Baiji says nothing about when Sinjar was recaptured.
    recaptured = find(run, "004", "recapture the northern Iraqi town of Sinjar")
    assert pair_of(run, baiji, recaptured) is None


def test_the_only_contradiction_is_when_control_was_taken(run: Run) -> None:
    contradictions = [
        {pair.a[:3], pair.b[:3]} for pair in run.pairs if pair.relation is Relation.CONTRADICT
    ]
    assert contradictions == [{"002", "003"}]


def test_a_count_of_countries_is_no_casualty_count(run: Run) -> None:
    claim = find(run, "001", "beyond the two countries")
    assert claim.predicate == "killed"
    assert [quantity.text for quantity in claim.quantities] == ["tens of victims"]
    assert not any(
        quantity.noun == "countries" for claim in run.claims for quantity in claim.quantities
    )


# Numbers that measure different things: a share of Iraq held against a share of holdings lost,
# fighters lost against troops that remain.
SEED_TRAPS = [
    pytest.param(
        ("004", "seized about a third of Iraqi territory"),
        ("003", "Since 2015 ISIS has lost 40% of their territory in Iraq"),
        id="share-of-iraq-held-vs-share-of-holdings-lost",
    ),
    pytest.param(
        ("000", "around 45.000 caliphs"),
        ("000", "15.000 to 20.000 troops"),
        id="fighters-lost-vs-troops-remaining",
    ),
]


@pytest.mark.parametrize(("first", "second"), SEED_TRAPS)
def test_different_measures_in_the_seeds_are_never_a_contradiction(
    run: Run, first: tuple[str, str], second: tuple[str, str]
) -> None:
    a, b = find(run, *first), find(run, *second)
    pair = pair_of(run, a, b)
    assert pair is None or pair.relation is not Relation.CONTRADICT
    relation, reason = compare(a, b, run.sources[a.source], run.sources[b.source])
    assert relation is Relation.RELATED
    assert reason.startswith("no shared measure:")


def test_sorties_flown_are_not_people_killed() -> None:
    # The third trap, which the seeds do not hold, through the same extractor and matcher.
    texts = {
        "sorties": "The coalition has flown 50,000 sorties against ISIS in Iraq since 2014.",
        "killed": "ISIS has killed 50,000 people in Iraq since 2014.",
    }
    articles = [
        Article(Source(id=name, path=f"{name}.txt", sha256="", published="2016-09"), text)
        for name, text in texts.items()
    ]
    sources = {article.source.id: article.source for article in articles}
    sorties, killed = extract_all(articles, DEFAULT_ENTITIES)
    assert [quantity.value for quantity in sorties.quantities] == [50000.0]
    assert [quantity.value for quantity in killed.quantities] == [50000.0]
    relation, reason = compare(sorties, killed, sources["sorties"], sources["killed"])
    assert relation is Relation.RELATED
    assert "sorties" in reason and "people" in reason
    for pair in match_claims([sorties, killed], sources, suggest=0.0):
        assert pair.relation is not Relation.CONTRADICT
