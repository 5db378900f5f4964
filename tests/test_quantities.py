"""Tests for the quantity normaliser: the seed articles, news phrasing, what is not a quantity,
the window contract, properties on arbitrary text and the spec-file thresholds."""

from __future__ import annotations

import importlib.util
import math
import sys
import time
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.compare import same_measure
from factcheck.model import Claim, Quantity
from factcheck.quantities import NumberStyle, detect_style, find_quantities, parse_number
from factcheck.quantityparts import _URL, _URL_MARKER, _url_markers, url_zones
from factcheck.quantitywords import ANCHOR, anchor_places, anchors, anchors_at
from factcheck.trie import lowered
from factcheck.units import is_duration
from factcheck.wordscan import WordScan

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SPECS = ROOT.parent / "shared" / "benchmarks" / "recognizers-text-specs" / "Specs"

# (text, value, low, high, unit, noun, approx, hedge); None where the field is not pinned.
Expected = tuple[
    str, float | None, float | None, float | None, str | None, str | None, bool, str | None
]


def _seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def _at(text: str, phrase: str, found: list[Quantity]) -> Quantity:
    """The quantity whose span is the first occurrence of ``phrase`` in ``text``."""
    start = text.index(phrase)
    matches = [q for q in found if q.start == start and q.end == start + len(phrase)]
    assert matches, f"no quantity {phrase!r}; found {[q.text for q in found]}"
    return matches[0]


def _check(text: str, found: list[Quantity], expected: list[Expected]) -> None:
    """``found`` is exactly ``expected``, in order, each at the next occurrence of its text."""
    assert [q.text for q in found] == [e[0] for e in expected]
    at = 0
    for q, (phrase, value, low, high, unit, noun, approx, hedge) in zip(
        found, expected, strict=True
    ):
        at = text.index(phrase, at)
        assert (q.start, q.end) == (at, at + len(phrase))
        at = q.end
        assert q.value == pytest.approx(value)
        assert q.low == pytest.approx(low)
        assert q.high == pytest.approx(high)
        assert (q.unit, q.noun, q.approx, q.hedge) == (unit, noun, approx, hedge)


SEED_EXPECTED: dict[str, list[Expected]] = {
    "000": [
        ("over 126 key places", None, 126, None, None, "key places", False, "over"),
        ("over 60,000 sq km", None, 60000, None, "km2", None, False, "over"),
        ("around 45.000 caliphs", 45000, 45000, 45000, None, "caliphs", True, "around"),
        ("near 2,000 terrorists", 2000, 2000, 2000, None, "terrorists", True, "near"),
        ("69 km", 69, 69, 69, "km", None, False, None),
        ("150.000 citizens", 150000, 150000, 150000, None, "citizens", False, None),
        ("between 15.000 to 20.000 troops", None, 15000, 20000, None, "troops", False, "between"),
    ],
    "001": [
        ("two countries", 2, 2, 2, None, "countries", False, None),
        ("tens of victims", None, 20, 99, None, "victims", True, "vague"),
    ],
    "002": [
        ("two main cities", 2, 2, 2, None, "main cities", False, None),
        ("two years", 2, 2, 2, "year", None, False, None),
        ("hundreds of lives", None, 200, 999, None, "lives", True, "vague"),
        ("two years", 2, 2, 2, "year", None, False, None),
        ("thousands of foreigners", None, 2000, 9999, None, "foreigners", True, "vague"),
    ],
    "003": [
        ("two weeks", 14, 14, 14, "day", None, False, None),
        ("seven leaders", 7, 7, 7, None, "leaders", False, None),
        ("40%", 40, 40, 40, "%", None, False, None),
        ("10%", 10, 10, 10, "%", None, False, None),
    ],
    "004": [
        ("some 2,500 miles", 4023.36, 4023.36, 4023.36, "km", None, True, "some"),
        ("129 people", 129, 129, 129, None, "people", False, None),
        ("about a third", 100 / 3, 100 / 3, 100 / 3, "%", None, True, "about"),
        ("about a third of that", 100 / 3, 100 / 3, 100 / 3, "%", None, True, "about"),
        ("more than a year", None, 1, None, "year", None, False, "more than"),
        ("360 degrees", 360, 360, 360, "deg", None, False, None),
    ],
}


@pytest.mark.parametrize("seed", sorted(SEED_EXPECTED))
def test_seed(seed: str) -> None:
    text = _seed(seed)
    _check(text, find_quantities(text), SEED_EXPECTED[seed])


def test_seed_004_fraction_of_that_refers_back() -> None:
    text = _seed("004")
    found = find_quantities(text)
    first = _at(text, "about a third", found)
    second = _at(text, "about a third of that", found)
    assert first.base is None
    assert second.base == "about a third"
    assert second.original_unit == first.original_unit == "fraction"


def test_seed_004_distance_keeps_the_written_unit() -> None:
    text = _seed("004")
    q = _at(text, "some 2,500 miles", find_quantities(text))
    assert q.original_unit == "miles"


def test_seed_004_duration_is_no_count() -> None:
    """ "After more than a year of bloody battles" is read as a duration: its unit says how long,
    so the counts of people and shares of territory it stands beside are never compared with it."""
    text = _seed("004")
    found = find_quantities(text)
    duration = _at(text, "more than a year", found)
    assert (duration.unit, duration.low, duration.value, duration.high) == ("year", 1.0, None, None)
    assert is_duration(duration.unit)
    counts = [q for q in found if q.unit is None or q.unit == "%"]
    assert counts
    assert not any(is_duration(q.unit) for q in counts)
    for predicate in ("killed", "territory lost", "captured"):
        a = Claim(id="a:1", source="a", start=0, end=1, text="a", predicate=predicate)
        b = Claim(id="b:1", source="b", start=0, end=1, text="b", predicate=predicate)
        for count in counts:
            assert not same_measure(a, count, b, duration)
            assert not same_measure(b, duration, a, count)


@pytest.mark.parametrize(
    ("seed", "phrase"),
    [
        ("000", "2014"),
        ("000", "third biggest city"),
        ("001", "2005 -2017"),
        ("001", "55345953"),
        ("003", "2011"),
        ("003", "2014"),
        ("003", "2015"),
        ("003", "one of them"),
        ("004", "co-author"),
        ("004", "last week"),
    ],
)
def test_seed_not_a_quantity(seed: str, phrase: str) -> None:
    text = _seed(seed)
    start = text.index(phrase)
    end = start + len(phrase)
    assert not [q for q in find_quantities(text) if q.start < end and start < q.end]


NEWS: list[tuple[str, list[Expected]]] = [
    (
        "The company reported revenue of $1.2bn in 2019, up 12% from a year earlier.",
        [
            ("$1.2bn", 1.2e9, 1.2e9, 1.2e9, "USD", None, False, None),
            ("12%", 12, 12, 12, "%", None, False, None),
        ],
    ),
    (
        "Prices rose from 5% to 7% last month.",
        [("5%", 5, 5, 5, "%", None, False, None), ("7%", 7, 7, 7, "%", None, False, None)],
    ),
    (
        "Between 5 and 10 million people were affected.",
        [("Between 5 and 10 million people", None, 5e6, 1e7, None, "people", False, "between")],
    ),
    (
        "The UK pledged £5m; the city's 5m people cheered.",
        [
            ("£5m", 5e6, 5e6, 5e6, "GBP", None, False, None),
            ("5m people", 5e6, 5e6, 5e6, None, "people", False, None),
        ],
    ),
    (
        "The athlete is 1.8m tall and 3/4 of voters agreed.",
        [
            ("1.8m", 0.0018, 0.0018, 0.0018, "km", None, False, None),
            ("3/4", 75, 75, 75, "%", None, False, None),
        ],
    ),
    (
        "One in five adults smoke, and 3 out of 4 doctors agree.",
        [
            ("One in five", 20, 20, 20, "%", None, False, None),
            ("3 out of 4", 75, 75, 75, "%", None, False, None),
        ],
    ),
    (
        "A 25-year-old man was arrested; 2,014 people and 2000 people died in 2000.",
        [
            ("25-year-old", 25, 25, 25, "year", None, False, None),
            ("2,014 people", 2014, 2014, 2014, None, "people", False, None),
            ("2000 people", 2000, 2000, 2000, None, "people", False, None),
        ],
    ),
    (
        "Temperatures of 40C and 100 degrees Fahrenheit were recorded.",
        [
            ("40C", 40, 40, 40, "C", None, False, None),
            ("100 degrees Fahrenheit", 37.7778, 37.7778, 37.7778, "C", None, False, None),
        ],
    ),
    (
        "Half a million people and two-thirds of the country voted.",
        [
            ("Half a million people", 5e5, 5e5, 5e5, None, "people", False, None),
            ("two-thirds", 66.6667, 66.6667, 66.6667, "%", None, False, None),
        ],
    ),
    (
        "They removed nearly 2,000 tonnes, more than 300 people and up to 20,000 troops.",
        [
            ("nearly 2,000 tonnes", 2e6, None, 2e6, "kg", None, True, "nearly"),
            ("more than 300 people", None, 300, None, None, "people", False, "more than"),
            ("up to 20,000 troops", None, None, 20000, None, "troops", False, "up to"),
        ],
    ),
    (
        "At least 12 dead, 10,000+ signatures and hundreds of thousands of refugees.",
        [
            ("At least 12", None, 12, None, None, None, False, "at least"),
            ("10,000+ signatures", None, 10000, None, None, "signatures", False, "+"),
            (
                "hundreds of thousands of refugees",
                None,
                2e5,
                999999,
                None,
                "refugees",
                True,
                "vague",
            ),
        ],
    ),
    (
        "Tens of millions of dollars, several hundred protesters and 1,000s of traders.",
        [
            ("Tens of millions of dollars", None, 2e7, 99999999, "USD", None, True, "vague"),
            ("several hundred protesters", None, 300, 999, None, "protesters", True, "vague"),
            ("1,000s of traders", None, 2000, 9999, None, "traders", True, "vague"),
        ],
    ),
    (
        "It cost €3.5 billion, Rs 2 crore and 5 million pounds.",
        [
            ("€3.5 billion", 3.5e9, 3.5e9, 3.5e9, "EUR", None, False, None),
            ("Rs 2 crore", 2e7, 2e7, 2e7, "INR", None, False, None),
            ("5 million pounds", 5e6, 5e6, 5e6, "GBP", None, False, None),
        ],
    ),
    (
        "He lost 25 pounds driving at 60 mph; support fell 3 percentage points.",
        [
            ("25 pounds", 11.3398, 11.3398, 11.3398, "kg", None, False, None),
            ("60 mph", 96.5606, 96.5606, 96.5606, "km/h", None, False, None),
            ("3 percentage points", 3, 3, 3, "pp", None, False, None),
        ],
    ),
    (
        "Some 40 per cent of the 1,500 delegates left, unemployment was 4.3pc.",
        [
            ("Some 40 per cent", 40, 40, 40, "%", None, True, "some"),
            ("1,500 delegates", 1500, 1500, 1500, None, "delegates", False, None),
            ("4.3pc", 4.3, 4.3, 4.3, "%", None, False, None),
        ],
    ),
    (
        "The death toll topped 1,000 on Monday, almost a decade after the war.",
        [
            ("topped 1,000", None, 1000, None, None, None, False, "topped"),
            ("almost a decade", 10, None, 10, "year", None, True, "almost"),
        ],
    ),
    (
        "Only one of them survived, but one man died. No one knows.",
        [("one man", 1, 1, 1, None, "man", False, None)],
    ),
    (
        "The figure was revised down from 1.2 million to 900,000 over 48 hours.",
        [
            ("1.2 million", 1.2e6, 1.2e6, 1.2e6, None, None, False, None),
            ("900,000", 9e5, 9e5, 9e5, None, None, False, None),
            ("over 48 hours", None, 2, None, "day", None, False, "over"),
        ],
    ),
    (
        "It was between 15.000 and 20.000 in a German-style article, 2,5 per cent.",
        [
            ("between 15.000 and 20.000", None, 15000, 20000, None, None, False, "between"),
            ("2,5 per cent", 2.5, 2.5, 2.5, "%", None, False, None),
        ],
    ),
    (
        "greater than 100 and smaller than 300, x>10 and y<20",
        [
            (
                "greater than 100 and smaller than 300",
                *(None, 100, 300, None, None, False),
                "greater than and smaller than",
            ),
            (">10", None, 10, None, None, None, False, ">"),
            ("<20", None, None, 20, None, None, False, "<"),
        ],
    ),
    (
        "Two US soldiers, 3 EU countries and 2000 fighters; he changed his story a third time.",
        [
            ("Two US soldiers", 2, 2, 2, None, "US soldiers", False, None),
            ("3 EU countries", 3, 3, 3, None, "EU countries", False, None),
            ("2000 fighters", 2000, 2000, 2000, None, "fighters", False, None),
        ],
    ),
    (
        "Rs 2 crore and 5 million pounds; 2 crore 50 lakh; three or four shots; 500-1000 people.",
        [
            ("Rs 2 crore", 2e7, 2e7, 2e7, "INR", None, False, None),
            ("5 million pounds", 5e6, 5e6, 5e6, "GBP", None, False, None),
            ("2 crore 50 lakh", 2.5e7, 2.5e7, 2.5e7, None, None, False, None),
            ("three or four shots", None, 3, 4, None, "shots", False, None),
            ("500-1000 people", None, 500, 1000, None, "people", False, None),
        ],
    ),
    (
        "The plant makes 1,000 MW; the file is 100 MB; he is 5 ft 2 in.",
        [
            ("1,000 MW", 1e9, 1e9, 1e9, "W", None, False, None),
            ("100 MB", 1e8, 1e8, 1e8, "B", None, False, None),
            ("5 ft 2 in", 0.0015748, 0.0015748, 0.0015748, "km", None, False, None),
        ],
    ),
]


@pytest.mark.parametrize(("text", "expected"), NEWS, ids=[t[:40] for t, _ in NEWS])
def test_news(text: str, expected: list[Expected]) -> None:
    _check(text, find_quantities(text), expected)


@pytest.mark.parametrize(
    "text",
    [
        "We met at 10:30 am, at 3 pm, at 8.30pm and at 11pm.",
        "It happened on October 7, on Oct. 7 and on 7 October.",
        "Back in 2014, since 2015, by 2016, the 2014 elections, in fiscal 2019.",
        "ASHARQ AL-AWSAT English Archive 2005 -2017",
        "Media ID: 55345953",
        "No. 10 said on page 12 that Article 5 applied.",
        "The 1990s and the '90s were different.",
        "The F-16, COVID-19, the G7 and scp-173m.",
        "After 9/11 the shop stayed open 24/7.",
        "It passed 52-48 in a 5-4 ruling.",
        "The third biggest city, for the first time, the twenty-fifth anniversary.",
        "A third-party vendor and the 1st Battalion took 3rd place.",
        "Call +1-222-2222-2222 or see 2014-01-05, 12/05/2014, 1995-01 and 12-2015.",
        "See https://example.com/a?q=30%25%2020% or write to a.b@example.com.",
        "one of them, no one, the one that won, each one of us",
        "It happened two years ago.",
        "J.M. Berger, co-author of the book.",
        "The address is 192.168.1.2.",
        "Call (209) 555-2431, 410-555-2100, 215-STOP, 1-866-7LOCKUP or 612-555-TIPS.",
        "It happened in the 3500 block of Main, the 14-hundred block and at 1200 Elm Avenue.",
        "A .380 caliber handgun was found at a 7-Eleven; the firm filed its 10-K.",
        "Copyright 2017 Example News. Image 6 of 11. Zip codes 21201 21202 21205.",
        "Tune in to Newsradio 780, Channel 4 News, CBS 3 or 1210 WPHT; call 911.",
        "It was outside a truck stop on Farm to Market 14 and N. Loop 323, off Route 46.",
    ],
)
def test_not_quantities(text: str) -> None:
    assert find_quantities(text) == []


def test_window_offsets_are_into_the_whole_text() -> None:
    text = "Intro. Some 2,500 miles away, 129 people died. Coda: 7 cats."
    start = text.index("129")
    end = text.index(" Coda")
    found = find_quantities(text, start, end)
    assert [(q.text, q.start) for q in found] == [("129 people", start)]
    assert text[found[0].start : found[0].end] == found[0].text


def test_window_does_not_reach_back_for_a_hedge() -> None:
    text = "about 5 people"
    (q,) = find_quantities(text, text.index("5"))
    assert (q.text, q.approx, q.hedge) == ("5 people", False, None)


def test_style_given_overrides_the_article() -> None:
    text = "It weighs 2,357 kg."
    (english,) = find_quantities(text)
    (german,) = find_quantities(text, style=NumberStyle(decimal_comma=True))
    assert english.value == 2357.0
    assert german.value == pytest.approx(2.357)


def test_style_defaults_to_the_whole_text() -> None:
    text = "Some 45.000 fighters. Later: 2.500 more."
    sentence = text.index("Later")
    (q,) = find_quantities(text, sentence)
    assert q.value == 2500.0
    assert detect_style(text).dot_groups


def test_parse_number_is_exported() -> None:
    assert parse_number("two hundred thousand") == 200000.0
    assert parse_number("2,000 terrorists") is None


# Properties on arbitrary text.

NUMBERISH = [
    "0", "1", "2", "7", "12", "45", "126", "2014", "1,000", "45.000", "2,5", "1.234,5", "3/4",
    "½", ".5", "-", "–", "+", "%", "$", "£", "€", "^", "e", "x10^", "km", "m", "sq", "miles",
    "per cent", "percent", "a", "an", "one", "two", "twenty", "hundred", "thousand", "million",
    "bn", "k", "half", "third", "thirds", "quarter", "dozen", "dozens", "tens", "hundreds",
    "of", "and", "to", "or", "in", "over", "about", "between", "from", "more than", "up to",
    "nearly", "some", "minus", "point", "people", "troops", "years", "ago", "that", "s", "'",
    " ", " ", " ", "\t", "\n", ".", ",", "(", ")", "[", "]", ">", "<", "=", ":", "/", "\u202f",
]  # fmt: skip


def _assert_well_formed(
    text: str, found: list[Quantity], lo: int = 0, hi: int | None = None
) -> None:
    hi = len(text) if hi is None else hi
    previous_end = lo
    for q in found:
        assert previous_end <= q.start < q.end <= hi
        assert text[q.start : q.end] == q.text
        for number in (q.value, q.low, q.high):
            assert number is None or math.isfinite(number)
        if q.low is not None and q.high is not None:
            assert q.low <= q.high
        previous_end = q.end


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text(text: str) -> None:
    _assert_well_formed(text, find_quantities(text))


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(NUMBERISH), max_size=40).map("".join))
def test_numberish_text(text: str) -> None:
    _assert_well_formed(text, find_quantities(text))


def windows(pieces: list[str]) -> st.SearchStrategy[tuple[str, int, int]]:
    """Any text or one made of ``pieces``, with a window of it: the text, start and end."""

    def window(drawn: tuple[str, int, int]) -> tuple[str, int, int]:
        text, start, end = drawn
        lo, hi = sorted((min(start, len(text)), min(end, len(text))))
        return text, lo, hi

    texts = st.text() | st.lists(st.sampled_from(pieces), max_size=30).map("".join)
    return st.tuples(texts, st.integers(0, 200), st.integers(0, 200)).map(window)


@settings(max_examples=600, deadline=None)
@given(windows(NUMBERISH))
def test_anchors_are_those_of_one_search(window: tuple[str, int, int]) -> None:
    text, lo, hi = window
    spans = [m.span() for m in anchors(text, lo, hi)]
    assert spans == [m.span() for m in ANCHOR.finditer(text, lo, hi)]
    assert [m.group() for m in anchors(text, lo, hi)] == [text[a:b] for a, b in spans]


_CASED_NUMBERISH = [
    *NUMBERISH, "One", "TWO", "Thousand", "A", "An", "Per cent", "oNe", "İ", "ſ", "_", "٣", "x5",
]  # fmt: skip


@settings(max_examples=600, deadline=None)
@given(windows(_CASED_NUMBERISH))
def test_anchors_from_the_places_of_the_whole_text(window: tuple[str, int, int]) -> None:
    text, lo, hi = window
    places = anchor_places(text, lowered(text))
    if places is None:
        return
    spans = [m.span() for m in anchors_at(text, lo, hi, places)]
    assert spans == [m.span() for m in ANCHOR.finditer(text, lo, hi)]
    with_places = find_quantities(text, lo, hi, style=detect_style(text), places=places)
    assert with_places == find_quantities(text, lo, hi, style=detect_style(text))
    lower = lowered(text)
    assert lower is not None
    assert anchor_places(text, lower, WordScan(lower)) == places


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(NUMBERISH), max_size=30).map("".join),
    st.integers(-5, 200),
    st.integers(-5, 200) | st.none(),
)
def test_windows(text: str, start: int, end: int | None) -> None:
    found = find_quantities(text, start, end)
    lo = max(0, min(start, len(text)))
    hi = len(text) if end is None else max(0, min(end, len(text)))
    if lo >= hi:
        assert found == []
    else:
        _assert_well_formed(text, found, lo, hi)


@settings(max_examples=300, deadline=None)
@given(st.text() | st.lists(st.sampled_from(NUMBERISH), max_size=12).map("".join))
def test_parse_number_never_raises(text: str) -> None:
    value = parse_number(text)
    assert value is None or math.isfinite(value)


def test_pathological_input_stays_fast_and_bounded() -> None:
    text = "one over " * 2000 + "1" * 5000 + " 1,1,1,1" * 500
    _assert_well_formed(text, find_quantities(text))


def test_throughput_floor() -> None:
    """A cheap guard against accidental quadratic work: at least 1 MB per CPU-second."""
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    text *= 1_000_000 // len(text) + 1
    started = time.process_time()
    find_quantities(text)
    assert time.process_time() - started < len(text) / 1e6


# The Recognizers-Text spec sample, scored by benchmarks/normalise.py.


def _benchmark() -> ModuleType:
    if not SPECS.is_dir():
        pytest.skip(f"spec files not found at {SPECS} (../shared next to the repository)")
    spec = importlib.util.spec_from_file_location("normalise", ROOT / "benchmarks" / "normalise.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("normalise", module)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("key", "all_cases", "in_scope"),
    [
        ("number-en", 95.0, 95.0),
        ("percent", 85.0, 95.0),
        ("range", 90.0, 95.0),
        ("dimension", 90.0, 95.0),
    ],
)
def test_spec_thresholds(key: str, all_cases: float, in_scope: float) -> None:
    bench = _benchmark()
    (spec,) = [f for f in bench.FILES if f.key == key]
    score = bench.run_file(spec, None).ours
    assert 100 * score.hits / score.cases >= all_cases
    assert 100 * score.hits_in_scope / score.in_scope >= in_scope


def test_ahead_of_quantulum3() -> None:
    pytest.importorskip("quantulum3", reason="quantulum3 is a benchmark-only comparison")
    bench = _benchmark()
    parse = bench.quantulum_parser()
    for spec in bench.FILES:
        if spec.kind == "datetime":
            continue
        report = bench.run_file(spec, parse)
        assert report.ours.hits > report.theirs.hits, spec.label


_URLISH = st.lists(
    st.sampled_from(
        ["http", "s", "://", "www", "w", ".", "@", "a", "x.co", "-", "+", " ", "\n", "<", '"', "5"]
    ),
    max_size=30,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(_URLISH, st.integers(0, 80), st.integers(0, 80))
def test_urls_searched_only_around_their_markers(text: str, start: int, end: int) -> None:
    lo, hi = sorted((min(start, len(text)), min(end, len(text))))
    starts, ends = _url_markers(text)
    assert list(zip(starts, ends, strict=True)) == [m.span() for m in _URL_MARKER.finditer(text)]
    expected = [m.span() for m in _URL.finditer(text, lo, hi)]
    assert url_zones(text, lo, hi, starts) == expected
