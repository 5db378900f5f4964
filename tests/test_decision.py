"""Comparing many pairs at once: each claim read once into columns (facts), the pairs decided
array against array (decision) and their reasons worded from per-claim pieces (wording) give
what comparing each pair on its own gives, in one process or in workers."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.claimfields import read_fields
from factcheck.compare import compare
from factcheck.decision import FULL, NUMBERS, RELATIONS, TIMES, UNRELATED, decide
from factcheck.facts import CODED, WORDED, read_facts
from factcheck.model import Claim, Precision, Quantity, Relation, Source, TimeSpan
from factcheck.pairing import compare_pairs, pair_claims, pair_id
from factcheck.reasons import gap

PREDICATES = (None, "", "lost", "fell", "captured", "seized", "recaptured", "killed", "has", "42")
NOUNS = (None, "", "fighters", "troops", "people", "sorties", "s")
UNITS = (None, "", "%", "km")
HEDGES = (None, "about", "at least", "more than", "nearly")
SUBJECTS = (None, "", "isis", "army")
SOURCES = ("a", "b", "c", "gone")
PUBLISHED = {"a": "2016-09", "b": "2015", "c": None}
# How many quantities a claim has: mostly one, as in news.
QUANTITIES = (0, 1, 1, 1, 2, 3)
# Among them counts a step apart (2 and 3, 44 and 45), whose rounding intervals touch.
NUMBERS_WRITTEN = (0.0, -0.0, 1.0, 2.0, 3.0, 33.3, 44.0, 45.0, 129.0, 1500.0, 45000.0, 1.5e6, -20.0)


@st.composite
def times(draw: st.DrawFn) -> TimeSpan | None:
    if draw(st.booleans()):
        return None
    year = draw(st.integers(2011, 2016))
    month = draw(st.integers(1, 12))
    precision = draw(st.sampled_from(Precision))
    first = draw(st.sampled_from((f"{year}", f"{year}-{month:02d}", f"{year}-{month:02d}-03")))
    last = draw(st.sampled_from((None, first, f"{year + 1}-{month:02d}-20")))
    qualifier = draw(st.sampled_from((None, "since", "until", "after", "in")))
    resolved = draw(st.sampled_from((True, True, False)))
    text = f"{qualifier or 'in'} {first}"
    return TimeSpan(text, 0, len(text), first, last, precision, False, resolved, qualifier)


@st.composite
def quantities(draw: st.DrawFn) -> Quantity:
    value = draw(st.sampled_from(NUMBERS_WRITTEN))
    shape = draw(st.sampled_from(("exact", "range", "low", "high", "none")))
    low = high = value
    if shape == "range":
        high = value + draw(st.sampled_from((0.0, 5.0, 5000.0)))
    hedge = draw(st.sampled_from(HEDGES))
    text = f"{hedge or ''} {value:,g}".strip()
    return Quantity(
        text=text,
        start=draw(st.integers(0, 3)),
        end=10,
        value=None if shape != "exact" else value,
        low=None if shape in ("high", "none") else low,
        high=None if shape in ("low", "none") else high,
        unit=draw(st.sampled_from(UNITS)),
        noun=draw(st.sampled_from(NOUNS)),
        approx=draw(st.booleans()),
        hedge=hedge,
        base=draw(st.sampled_from((None, None, "", "a third of that", "territory"))),
    )


@st.composite
def claims(draw: st.DrawFn, serial: int) -> Claim:
    source = draw(st.sampled_from(SOURCES))
    return Claim(
        id=f"{source}:{serial:03d}",
        source=source,
        start=0,
        end=10,
        text="a claim",
        subject=draw(st.sampled_from(SUBJECTS)),
        predicate=draw(st.sampled_from(PREDICATES)),
        scope=draw(st.sampled_from((None, "", "mosul", "raqqa"))),
        time=draw(times()),
        quantities=tuple(draw(quantities()) for _ in range(draw(st.sampled_from(QUANTITIES)))),
    )


@st.composite
def corpora(draw: st.DrawFn) -> list[Claim]:
    count = draw(st.integers(2, 14))
    found = [draw(claims(serial)) for serial in range(count)]
    return sorted(found, key=lambda claim: claim.id)


def known_sources() -> dict[str, Source]:
    return {
        name: Source(id=name, path="", sha256="", published=published)
        for name, published in PUBLISHED.items()
    }


def compared_alone(claims: list[Claim], first: list[int], second: list[int]) -> list[object]:
    sources = known_sources()

    def source(claim: Claim) -> Source:
        return sources.get(claim.source) or Source(id=claim.source, path="", sha256="")

    return [
        compare(claims[i], claims[j], source(claims[i]), source(claims[j]))
        for i, j in zip(first, second, strict=True)
    ]


def every_pair(count: int) -> tuple[list[int], list[int]]:
    first = [i for i in range(count) for _ in range(i + 1, count)]
    second = [j for i in range(count) for j in range(i + 1, count)]
    return first, second


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corpora())
def test_pairs_compared_at_once_are_those_compared_one_by_one(claims: list[Claim]) -> None:
    first, second = every_pair(len(claims))
    found = compare_pairs(claims, known_sources(), first, second, workers=1)
    assert found == compared_alone(claims, first, second)


def test_the_generated_pairs_take_every_form_of_reason() -> None:
    forms: set[int] = set()
    relations: set[int] = set()

    @settings(max_examples=300, deadline=None, database=None, derandomize=True)
    @given(corpora())
    def collect(claims: list[Claim]) -> None:
        first, second = every_pair(len(claims))
        positions = np.arange(len(claims))
        facts = read_facts(read_fields(claims), known_sources(), positions)
        decided = decide(facts, np.array(first), np.array(second))
        forms.update(decided.form.tolist())
        relations.update(decided.relation[decided.form != FULL].tolist())

    collect()
    assert forms == {NUMBERS, TIMES, UNRELATED, FULL}
    assert relations == set(range(len(RELATIONS)))


def test_a_zero_and_a_negative_zero_are_read_apart() -> None:
    def stating(serial: int, value: float) -> Claim:
        quantity = Quantity("0", 0, 1, value, value, value, noun="people")
        return Claim(f"a:{serial}", "a", 0, 1, "0", predicate="killed", quantities=(quantity,))

    claims = [stating(1, 0.0), stating(2, -0.0), stating(3, 0.0)]
    facts = read_facts(read_fields(claims), known_sources(), np.arange(3))
    stated = [facts.text(code) for code in facts.columns["stated"].tolist()]
    assert stated[0] == stated[2] != stated[1]
    first, second = every_pair(3)
    assert compare_pairs(claims, known_sources(), first, second, workers=1) == compared_alone(
        claims, first, second
    )


def test_counts_a_step_apart_contradict_at_once_as_one_by_one() -> None:
    def stating(serial: int, text: str, value: float) -> Claim:
        quantity = Quantity(text, 0, len(text), value, value, value, noun="people")
        return Claim(f"a:{serial}", "a", 0, 1, text, predicate="killed", quantities=(quantity,))

    claims = [stating(1, "2", 2.0), stating(2, "3", 3.0), stating(3, "two", 2.0)]
    first, second = every_pair(3)
    found = compare_pairs(claims, known_sources(), first, second, workers=1)
    assert found == compared_alone(claims, first, second)
    assert [relation for relation, _ in found] == [
        Relation.CONTRADICT,
        Relation.AGREE,
        Relation.CONTRADICT,
    ]


def claims_any() -> st.SearchStrategy[Claim]:
    return st.integers(0, 999).flatmap(claims)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(claims_any(), min_size=2, max_size=40))
def test_the_facts_of_some_claims_are_theirs_among_all(claims: list[Claim]) -> None:
    claims.sort(key=lambda claim: claim.id)
    positions = np.arange(0, len(claims), 2)
    some = read_facts(read_fields(claims), known_sources(), positions)
    every = read_facts(read_fields(claims), known_sources(), np.arange(len(claims)))
    assert some.claims.tolist() == positions.tolist()
    assert some.names == b"".join(claims[k].id.encode() for k in positions.tolist())
    for name, column in some.columns.items():
        mine, all_of_them = column.tolist(), every.columns[name][positions].tolist()
        if name in CODED:
            assert [some.values[c] for c in mine] == [every.values[c] for c in all_of_them], name
        elif name in WORDED:
            assert [some.text(c) for c in mine] == [every.text(c) for c in all_of_them], name
        else:
            assert np.array_equal(column, every.columns[name][positions], equal_nan=True), name


def test_one_time_stated_in_sources_of_other_dates_is_read_for_each() -> None:
    since = TimeSpan("since 2015", 0, 10, "2015", None, Precision.YEAR, False, True, "since")
    quantity = Quantity("40%", 0, 3, 40.0, 40.0, 40.0, unit="%")
    claims = [
        Claim(
            f"{source}:1",
            source,
            0,
            3,
            "lost 40%",
            subject="isis",
            predicate="territory lost",
            time=since,
            quantities=(quantity,),
        )
        for source in ("a", "b", "gone")
    ]
    first, second = every_pair(len(claims))
    found = compare_pairs(claims, known_sources(), first, second, workers=1)
    assert found == compared_alone(claims, first, second)
    assert len({reason for _, reason in found}) == len(found)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corpora(), st.integers(1, 3))
def test_pairs_are_sorted_by_id_and_carry_what_comparing_found(
    claims: list[Claim], workers: int
) -> None:
    first, second = every_pair(len(claims))
    scores = [40.0 + (k % 7) * 3.14159 for k in range(len(first))]
    pairs = pair_claims(claims, known_sources(), first, second, scores, workers=workers, least=0)
    alone = compared_alone(claims, first, second)
    expected = sorted(
        (
            (pair_id(claims[i].id, claims[j].id), claims[i].id, claims[j].id, *found, round(s, 1))
            for i, j, found, s in zip(first, second, alone, scores, strict=True)
        ),
        key=lambda row: row[0],
    )
    got = [(p.id, p.a, p.b, p.relation, p.reason, p.score) for p in pairs]
    assert got == expected


@pytest.mark.parametrize(
    ("point_a", "point_b", "unit", "said"),
    [
        (45.0, 45.0, None, "+0 (+0%)"),
        (45.0, 45.0, "", "+0  (+0%)"),
        (1500.0, 1500.0, "km", "+0 km (+0%)"),
        (-20.0, -20.0, None, "+0 (+0%)"),
        (33.3, 33.3, "%", "+0 pts"),
        (0.0, 0.0, None, "+0"),
        (0.0, -0.0, None, "+0"),
        (45.0, 40.0, None, "−5 (−11%)"),
    ],
)
def test_a_gap_names_the_difference_even_when_there_is_none(
    point_a: float, point_b: float, unit: str | None, said: str
) -> None:
    assert gap(point_a, point_b, unit) == said


@pytest.mark.parametrize("least", [0, 1000])
def test_no_pairs_make_no_pairs(least: int) -> None:
    claims = [Claim("a:1", "a", 0, 1, "x"), Claim("b:1", "b", 0, 1, "y")]
    assert pair_claims(claims, known_sources(), [], [], [], workers=2, least=least) == []
    assert compare_pairs([], {}, [], [], workers=2, least=least) == []


def test_times_are_told_apart_however_many_values_were_read() -> None:
    count = 50_000

    def reporting(serial: int, time: TimeSpan | None) -> Claim:
        quantity = Quantity("12", 0, 2, 12.0, 12.0, 12.0, noun="people")
        return Claim(
            f"{SOURCES[serial % 2]}:{serial:06d}",
            SOURCES[serial % 2],
            0,
            2,
            "12 killed",
            subject=f"group {serial}",
            predicate="killed",
            time=time,
            quantities=(quantity,),
        )

    late = [
        TimeSpan(f"in {year}", 0, 7, f"{year}", f"{year}", Precision.YEAR) for year in (2011, 2014)
    ]
    claims = [reporting(serial, None) for serial in range(count)]
    claims += [reporting(count + k, time) for k, time in enumerate(late)]
    first = list(range(count + 1))
    second = [count + 1] * len(first)
    found = compare_pairs(claims, known_sources(), first, second, workers=1)
    assert found == compared_alone(claims, first, second)
    assert found[-1][1].endswith("; 3 years apart")
