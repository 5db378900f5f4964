"""Comparing two matched claims: tolerances, measures, relations and the arithmetic in reasons."""

from __future__ import annotations

import datetime
import math

import pytest

from factcheck.compare import (
    compare,
    noun_class,
    predicate_class,
    predicate_family,
    same_measure,
)
from factcheck.model import Claim, Precision, Quantity, Relation, Source, TimeSpan
from factcheck.tolerance import (
    allowed,
    as_of,
    distance,
    event_time,
    label,
    period,
    written_step,
)


def number(
    text: str,
    value: float | None,
    low: float | None = None,
    high: float | None = None,
    **fields: object,
) -> Quantity:
    """A quantity as the extractor gives it: an exact value fills both bounds."""
    if value is not None and low is None and high is None:
        low = high = value
    return Quantity(text, 0, len(text), value, low, high, **fields)  # type: ignore[arg-type]


def span(text: str, first: str, last: str, precision: Precision, **fields: object) -> TimeSpan:
    return TimeSpan(text, 0, len(text), first, last, precision, **fields)  # type: ignore[arg-type]


def claim(
    id_: str,
    source: str,
    text: str,
    predicate: str | None,
    *quantities: Quantity,
    subject: str | None = "isis",
    time: TimeSpan | None = None,
) -> Claim:
    return Claim(
        id=id_,
        source=source,
        start=0,
        end=len(text),
        text=text,
        subject=subject,
        predicate=predicate,
        time=time,
        quantities=quantities,
    )


def source(id_: str, published: str | None) -> Source:
    return Source(id=id_, path=f"{id_}.txt", sha256="", published=published)


THIRD_OF_THAT = claim(
    "004:a",
    "004",
    "it has lost about a third of that",
    "territory lost",
    number("about a third", 100 / 3, unit="%", approx=True, hedge="about", base="about a third"),
)
FORTY_PERCENT = claim(
    "003:a",
    "003",
    "Since 2015 ISIS has lost 40% of their territory in Iraq",
    "territory lost",
    number("40%", 40.0, unit="%"),
    time=span("Since 2015", "2015-01-01", "2015-12-31", Precision.YEAR, qualifier="since"),
)


@pytest.mark.parametrize(
    ("quantity", "low", "high", "rule"),
    [
        (number("about a third", 100 / 3, approx=True, hedge="about"), 30.0, 36.667, "±10% hedge"),
        (number("33%", 33.0, unit="%"), 32.5, 33.5, "±0.5 as written"),
        (number("45.000", 45000.0), 44550.0, 45450.0, "±1% rounding"),
        (number("45,000", 45000.0), 44550.0, 45450.0, "±1% rounding"),
        (number("1.5 million", 1.5e6), 1.45e6, 1.55e6, "±50,000 as written"),
        (number("15.000 to 20.000", None, 15000.0, 20000.0), 14850.0, 20200.0, "range"),
        (number("over 126", None, 126.0, None, hedge="over"), 124.74, math.inf, "over"),
        (number("fewer than 10", None, None, 10.0, hedge="fewer than"), -math.inf, 10.5, "fewer"),
        (number("dozens", None, 24.0, 99.0), 23.76, 99.99, "range"),
    ],
)
def test_allowed_interval_applies_hedges_rounding_ranges_and_bounds(
    quantity: Quantity, low: float, high: float, rule: str
) -> None:
    interval = allowed(quantity)
    assert interval is not None
    assert interval.low == pytest.approx(low, abs=1e-3)
    assert interval.high == pytest.approx(high, abs=1e-3)
    assert interval.rule.startswith(rule)


def test_a_quantity_without_a_number_allows_nothing() -> None:
    assert allowed(number("a great deal", None)) is None


@pytest.mark.parametrize(
    ("text", "value", "step"),
    [
        ("129", 129.0, 1.0),
        ("33.3%", 33.3, 0.1),
        ("45.000", 45000.0, 1.0),
        ("45.000", 45.0, 0.001),
        ("1.5 million", 1.5e6, 1e5),
        ("2 billion", 2e9, 1e9),
        ("a third", 100 / 3, 0.0),
        ("15.000 to 20.000", 20000.0, 1.0),
    ],
)
def test_written_step_is_the_place_of_the_last_digit(text: str, value: float, step: float) -> None:
    assert written_step(number(text, value), value) == pytest.approx(step)


@pytest.mark.parametrize(
    ("time", "first", "last"),
    [
        (
            span("in October", "2015-10-01", "2015-10-31", Precision.MONTH),
            "2015-10-01",
            "2015-10-31",
        ),
        (
            span("since 2011", "2011-01-01", "2016-09-30", Precision.YEAR, qualifier="since"),
            "2011-01-01",
            "2011-12-31",
        ),
        (
            span("until March", "2016-01-01", "2016-03-31", Precision.MONTH, qualifier="until"),
            "2016-03-01",
            "2016-03-31",
        ),
        (span("in 2014", "2014", "2014", Precision.YEAR), "2014-01-01", "2014-12-31"),
    ],
)
def test_event_time_is_when_it_happened(time: TimeSpan, first: str, last: str) -> None:
    found = event_time(claim("c", "s", "x", None, time=time))
    assert found is not None
    assert (found.first.isoformat(), found.last.isoformat()) == (first, last)


@pytest.mark.parametrize(
    ("time", "published", "expected", "from_publication"),
    [
        (None, "2015-11", ("2015-11-01", "2015-11-30"), True),
        (None, "2015-11-20", ("2015-11-20", "2015-11-20"), True),
        (None, None, None, False),
        (
            span("in October", "2015-10-01", "2015-10-31", Precision.MONTH),
            "2015-12",
            ("2015-10-01", "2015-10-31"),
            False,
        ),
        (
            span("since 2015", "2015-01-01", "2015-12-31", Precision.YEAR, qualifier="since"),
            "2016-09",
            ("2016-09-01", "2016-09-30"),
            True,
        ),
    ],
)
def test_as_of_falls_back_on_publication(
    time: TimeSpan | None,
    published: str | None,
    expected: tuple[str, str] | None,
    from_publication: bool,
) -> None:
    found = as_of(claim("c", "s", "x", None, time=time), source("s", published))
    if expected is None:
        assert found is None
        return
    assert found is not None
    assert (found.first.isoformat(), found.last.isoformat()) == expected
    assert found.published is from_publication


@pytest.mark.parametrize(
    ("first", "last", "text"),
    [
        (("2015-11-01", "2015-11-30"), ("2016-09-01", "2016-09-30"), "10 months"),
        (("2011-01-01", "2011-12-31"), ("2014-01-01", "2014-12-31"), "3 years"),
        (("2015-11-02", "2015-11-02"), ("2015-11-14", "2015-11-14"), "12 days"),
        (("2015-01-01", "2015-12-31"), ("2016-01-01", "2016-12-31"), "1 year"),
    ],
)
def test_distance_uses_the_coarsest_unit(
    first: tuple[str, str], last: tuple[str, str], text: str
) -> None:
    from factcheck.tolerance import When

    def when(pair: tuple[str, str]) -> When:
        return When(datetime.date.fromisoformat(pair[0]), datetime.date.fromisoformat(pair[1]), "")

    assert distance(when(first), when(last)) == text
    assert distance(when(last), when(first)) == text


def test_label_names_the_natural_precision() -> None:
    from factcheck.tolerance import When

    cases = {
        ("2015-11-01", "2015-11-30"): "2015-11",
        ("2014-01-01", "2014-12-31"): "2014",
        ("2015-11-20", "2015-11-20"): "2015-11-20",
        ("2015-11-16", "2015-11-22"): "2015-11-16..2015-11-22",
    }
    for (first, last), expected in cases.items():
        when = When(datetime.date.fromisoformat(first), datetime.date.fromisoformat(last), "")
        assert label(when) == expected


@pytest.mark.parametrize(
    ("predicate", "expected"),
    [
        ("territory lost", "territory lost"),
        ("lost control", "lost control"),
        ("fell", "lost control"),
        ("withdrew", "lost control"),
        ("recapture", "recaptured"),
        ("wrested", "captured"),
        ("territory seized", "territory seized"),
        ("has", "troops"),
        ("died", "killed"),
        ("flown", "flown"),
    ],
)
def test_predicate_class_merges_synonymous_predicates(predicate: str, expected: str) -> None:
    assert predicate_class(predicate) == expected


@pytest.mark.parametrize(
    ("first", "second", "same_class", "same_family"),
    [
        ("territory lost", "territory seized", False, False),
        ("territory lost", "fighters lost", False, False),
        ("killed", "injured", False, False),
        ("troops", "fighters lost", False, False),
        ("recaptured", "fell", False, True),
        ("captured", "lost control", False, True),
        ("fell", "lost control", True, True),
    ],
)
def test_predicate_classes_keep_measures_apart_and_families_join_events(
    first: str, second: str, same_class: bool, same_family: bool
) -> None:
    assert (predicate_class(first) == predicate_class(second)) is same_class
    assert (predicate_family(first) == predicate_family(second)) is same_family


@pytest.mark.parametrize(
    ("noun", "expected"),
    [("troops", "fighters"), ("caliphs", "fighters"), ("sorties", "sortie"), (None, None)],
)
def test_noun_class(noun: str | None, expected: str | None) -> None:
    assert noun_class(noun) == expected


@pytest.mark.parametrize(
    ("a", "b", "relation", "reason"),
    [
        (
            THIRD_OF_THAT,
            FORTY_PERCENT,
            Relation.CHANGED,
            "33.3% (about; as of publication 2015-11) vs 40% (as of publication 2016-09): "
            "+6.7 pts, outside ±10% hedge; 10 months apart",
        ),
        (
            THIRD_OF_THAT,
            claim("x:a", "x", "lost 33% of it", "territory lost", number("33%", 33.0, unit="%")),
            Relation.AGREE,
            "33.3% (about; as of publication 2015-11) vs 33% (as of publication 2015-11): "
            "−0.3 pts, within ±10% hedge; same time",
        ),
        (
            THIRD_OF_THAT,
            claim("x:b", "x", "lost 40% of it", "territory lost", number("40%", 40.0, unit="%")),
            Relation.CONTRADICT,
            "33.3% (about; as of publication 2015-11) vs 40% (as of publication 2015-11): "
            "+6.7 pts, outside ±10% hedge; same time",
        ),
    ],
)
def test_values_agree_contradict_or_change(
    a: Claim, b: Claim, relation: Relation, reason: str
) -> None:
    sources = {"004": source("004", "2015-11"), "003": source("003", "2016-09")}
    sources["x"] = source("x", "2015-11")
    assert compare(a, b, sources[a.source], sources[b.source]) == (relation, reason)


def killed(id_: str, said: Quantity) -> Claim:
    return claim(id_, id_[0], f"{said.text} people were killed", "killed", said, subject=None)


@pytest.mark.parametrize(
    ("a", "b", "relation"),
    [
        # Rounding allows 1.5 to 2.5 and 2.5 to 3.5: the intervals touch at 2.5, which rounds
        # to one of them only.
        (number("2", 2.0), number("3", 3.0), Relation.CONTRADICT),
        (number("19", 19.0), number("20", 20.0), Relation.CONTRADICT),
        (
            number("at least 20", None, 20.0, None, hedge="at least"),
            number("19", 19.0),
            Relation.CONTRADICT,
        ),
        (number("15 to 20", None, 15.0, 20.0), number("21", 21.0), Relation.CONTRADICT),
        (number("2", 2.0), number("2", 2.0), Relation.AGREE),
        (number("2", 2.0), number("two", 2.0), Relation.AGREE),
        # A single value at the end of an interval is in it.
        (number("0", 0.0), number("0", 0.0), Relation.AGREE),
        (number("at least 0", None, 0.0, None, hedge="at least"), number("0", 0.0), Relation.AGREE),
    ],
)
def test_counts_a_step_apart_contradict_and_touching_intervals_do_not_agree(
    a: Quantity, b: Quantity, relation: Relation
) -> None:
    found, reason = compare(
        killed("a:1", a), killed("b:1", b), source("a", "2016-05"), source("b", "2016-05")
    )
    assert found is relation, reason
    assert reason.endswith("same time")


FIGHTERS_LOST = claim(
    "000:a",
    "000",
    "the Pentagon has affirmed that ISIS has lost around 45.000 caliphs",
    "fighters lost",
    number("around 45.000 caliphs", 45000.0, noun="caliphs", approx=True, hedge="around"),
)
TROOPS_LEFT = claim(
    "000:b",
    "000",
    "the US intelligence estimated that IS has between 15.000 to 20.000 troops",
    "troops",
    number("between 15.000 to 20.000 troops", None, 15000.0, 20000.0, noun="troops"),
)
SORTIES = claim(
    "a:1",
    "a",
    "the coalition has flown 50,000 sorties",
    "flown",
    number("50,000 sorties", 50000.0, noun="sorties"),
    subject="coalition",
)
KILLED = claim(
    "b:1",
    "b",
    "the coalition has killed 50,000 militants",
    "killed",
    number("50,000 militants", 50000.0, noun="militants"),
    subject="coalition",
)
SORTIES_NO_VERB = claim(
    "a:2", "a", "50,000 sorties", None, number("50,000 sorties", 50000.0, noun="sorties")
)
KILLED_NO_VERB = claim(
    "b:2", "b", "50,000 killed", None, number("50,000 killed", 40000.0, noun="killed")
)
SEIZED_SHARE = claim(
    "004:b",
    "004",
    "At its peak last year, the Islamic State had seized about a third of Iraqi territory",
    "territory seized",
    number("about a third", 100 / 3, unit="%", approx=True, hedge="about"),
)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (FIGHTERS_LOST, TROOPS_LEFT),
        (SORTIES, KILLED),
        (SORTIES_NO_VERB, KILLED_NO_VERB),
        (SEIZED_SHARE, FORTY_PERCENT),
        (THIRD_OF_THAT, SEIZED_SHARE),
    ],
)
def test_different_measures_are_never_a_contradiction(a: Claim, b: Claim) -> None:
    relation, reason = compare(a, b, source(a.source, "2016-09"), source(b.source, "2016-09"))
    assert relation is Relation.RELATED
    assert reason.startswith("no shared measure: ")
    assert not same_measure(a, a.quantities[0], b, b.quantities[0])


def test_units_must_match() -> None:
    km = claim("a:3", "a", "60,000 sq km", "territory lost", number("60,000", 6e4, unit="km2"))
    share = claim("b:3", "b", "40%", "territory lost", number("40%", 40.0, unit="%"))
    assert compare(km, share, source("a", None), source("b", None))[0] is Relation.RELATED


SINCE_2011 = claim(
    "003:b",
    "003",
    "taking control over large territories both in Syria and Iraq since 2011",
    "territory seized",
    time=span("since 2011", "2011-01-01", "2016-09-30", Precision.YEAR, qualifier="since"),
)
IN_2014 = claim(
    "002:a",
    "002",
    "the Islamic State's lightning offensives in 2014 gave the militant group control",
    "territory seized",
    time=span("in 2014", "2014-01-01", "2014-12-31", Precision.YEAR),
)
FELL_OCTOBER_001 = claim(
    "001:a",
    "001",
    "its nearby oil refinery in the Saladin Governorate which fell in October",
    "fell",
    subject="baiji",
    time=span("in October", "2015-10-01", "2015-10-31", Precision.MONTH),
)
WRESTED_OCTOBER_004 = claim(
    "004:c",
    "004",
    "pro-government forces wrested control of the oil refinery of Baiji in October",
    "captured",
    subject="baiji",
    time=span("in October", "2015-10-01", "2015-10-31", Precision.MONTH),
)


@pytest.mark.parametrize(
    ("a", "b", "relation", "reason"),
    [
        (
            SINCE_2011,
            IN_2014,
            Relation.CONTRADICT,
            "since 2011 (2011) vs in 2014 (2014): 3 years apart",
        ),
        (
            FELL_OCTOBER_001,
            WRESTED_OCTOBER_004,
            Relation.AGREE,
            "in October (2015-10) vs in October (2015-10): same time",
        ),
    ],
)
def test_dates_compare_like_numbers(a: Claim, b: Claim, relation: Relation, reason: str) -> None:
    assert compare(a, b, source(a.source, "2016-09"), source(b.source, "2016-07")) == (
        relation,
        reason,
    )


LOST_RECENT_MONTHS = claim(
    "002:b",
    "002",
    "has lost key positions in both countries in recent months",
    "territory lost",
    time=span("recent months", "2016-01-01", "2016-07-30", Precision.MONTH),
)
LOST_SINCE_2015 = claim(
    "003:c",
    "003",
    "Since 2015 ISIS has lost 40% of their territory in Iraq",
    "territory lost",
    time=span("Since 2015", "2015-01-01", "2016-09-30", Precision.YEAR, qualifier="since"),
)
LOST_IN_2013 = claim(
    "005:a",
    "005",
    "ISIS lost ground in 2013",
    "territory lost",
    time=span("in 2013", "2013-01-01", "2013-12-31", Precision.YEAR),
)
SEIZED_SINCE_2015 = claim(
    "005:b",
    "005",
    "ISIS has seized territory since 2015",
    "territory seized",
    time=span("since 2015", "2015-01-01", "2016-09-30", Precision.YEAR, qualifier="since"),
)


@pytest.mark.parametrize(
    ("a", "b", "relation", "reason"),
    [
        (
            LOST_RECENT_MONTHS,
            LOST_SINCE_2015,
            Relation.AGREE,
            "recent months (2016-01-01..2016-07-30) vs Since 2015 (2015-01-01..2016-09-30): "
            "periods overlap",
        ),
        (
            LOST_IN_2013,
            LOST_SINCE_2015,
            Relation.CONTRADICT,
            "in 2013 (2013) vs Since 2015 (2015-01-01..2016-09-30): 2 years apart",
        ),
        (
            SINCE_2011,
            SEIZED_SINCE_2015,
            Relation.CONTRADICT,
            "since 2011 (2011) vs since 2015 (2015): 4 years apart",
        ),
        (
            claim(
                "005:c",
                "005",
                "ISIS captured Mosul in 2014",
                "captured",
                time=span("in 2014", "2014-01-01", "2014-12-31", Precision.YEAR),
            ),
            claim(
                "003:d",
                "003",
                "Since 2015 ISIS has been losing control of Mosul",
                "lost control",
                time=span(
                    "Since 2015", "2015-01-01", "2016-09-30", Precision.YEAR, qualifier="since"
                ),
            ),
            Relation.RELATED,
            "in 2014 (2014) vs Since 2015 (2015-01-01..2016-09-30): 1 year apart, but not the "
            "same predicate and subject",
        ),
    ],
)
def test_a_since_period_runs_to_publication_and_only_starts_conflict(
    a: Claim, b: Claim, relation: Relation, reason: str
) -> None:
    forward = compare(a, b, source(a.source, "2016-07"), source(b.source, "2016-09"))
    backward = compare(b, a, source(b.source, "2016-09"), source(a.source, "2016-07"))
    assert forward == (relation, reason)
    assert backward[0] is relation


@pytest.mark.parametrize(
    ("time", "first", "last"),
    [
        (
            span("Since 2015", "2015-01-01", "2016-09-30", Precision.YEAR, qualifier="since"),
            "2015-01-01",
            "2016-09-30",
        ),
        (
            span("recent months", "2016-01-01", "2016-07-30", Precision.MONTH),
            "2016-01-01",
            "2016-07-30",
        ),
        (span("in 2014", "2014", "2014", Precision.YEAR), "2014-01-01", "2014-12-31"),
    ],
)
def test_period_is_the_whole_stretch_a_time_speaks_of(
    time: TimeSpan, first: str, last: str
) -> None:
    found = period(claim("c", "s", "x", None, time=time))
    assert found is not None
    assert (found.first.isoformat(), found.last.isoformat()) == (first, last)


def test_same_event_at_different_times_needs_the_same_predicate_class() -> None:
    seized = claim(
        "a:4",
        "a",
        "ISIS seized Mosul in 2014",
        "captured",
        time=span("in 2014", "2014", "2014", Precision.YEAR),
    )
    attacked = claim(
        "b:4",
        "b",
        "ISIS attacked Mosul in 2017",
        "attacked",
        time=span("in 2017", "2017", "2017", Precision.YEAR),
    )
    relation, reason = compare(seized, attacked, source("a", None), source("b", None))
    assert relation is Relation.RELATED
    assert reason == "same topic, nothing comparable"


def test_compare_is_symmetric_in_relation() -> None:
    forward = compare(
        THIRD_OF_THAT, FORTY_PERCENT, source("004", "2015-11"), source("003", "2016-09")
    )
    backward = compare(
        FORTY_PERCENT, THIRD_OF_THAT, source("003", "2016-09"), source("004", "2015-11")
    )
    assert forward[0] is backward[0] is Relation.CHANGED
    assert "−6.7 pts" in backward[1]


def ages(id_: str, *values: float) -> Claim:
    said = [number(f"{value:g}", value, unit="year") for value in values]
    return claim(id_, id_[0], "two men died", "killed", *said, subject=None)


@pytest.mark.parametrize(
    ("a", "b", "relation"),
    [
        (ages("a:1", 25.0, 26.0), ages("b:1", 25.0, 26.0), Relation.AGREE),
        (ages("a:1", 25.0, 26.0), ages("b:1", 26.0, 25.0), Relation.AGREE),
        (ages("a:1", 25.0, 26.0), ages("b:1", 25.0, 27.0), Relation.CONTRADICT),
        (ages("a:1", 25.0), ages("b:1", 26.0, 25.0), Relation.AGREE),
    ],
)
def test_several_values_of_one_measure_are_paired_with_those_they_meet(
    a: Claim, b: Claim, relation: Relation
) -> None:
    sources = source("a", "2016-05"), source("b", "2016-05")
    assert compare(a, b, *sources)[0] is relation
    assert compare(b, a, *reversed(sources))[0] is relation
