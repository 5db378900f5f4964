"""Tests for number reading: separators per article and per number, number words, fractions."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.numbers import ENGLISH, GERMAN, NumberStyle, detect_style, digits_value, parse_number
from factcheck.numberstyle import _STYLE_TOKEN, _separated_digits


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("60,000", 60000.0),
        ("1,234.5", 1234.5),
        ("1,234,567", 1234567.0),
        ("1,674,200.5", 1674200.5),
        ("2.5 million", 2.5e6),
        ("1.2bn", 1.2e9),
        ("2.33 k", 2330.0),
        ("2.345 million", 2.345e6),
        ("12,34,567.89", 1234567.89),
        ("1\u202f234\u202f567.89", 1234567.89),
        (".08", 0.08),
        ("-9.2321312", -9.2321312),
        ("1.1^23", 1.1**23),
        ("-2.5^-1", -0.4),
        ("12.32e+14", 1.232e15),
        ("6.23x10^-4", 6.23e-4),
        ("2½", 2.5),
        ("2  1/4", 2.25),
        ("-4/5", -0.8),
    ],
)
def test_digits(text: str, expected: float) -> None:
    assert parse_number(text, ENGLISH) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("three", 3.0),
        ("twenty-five", 25.0),
        ("fifty - two", 52.0),
        ("a dozen", 12.0),
        ("three dozens", 36.0),
        ("half a dozen", 6.0),
        ("two hundred thousand", 200000.0),
        ("one million", 1e6),
        ("hundred thousand", 100000.0),
        ("one hundred and six", 106.0),
        ("Three hundred  and  thirty one", 331.0),
        ("two  thousand  and  two hundred", 2200.0),
        ("twenty-one trillion and three hundred", 21000000000300.0),
        ("3 hundred and 21", 321.0),
        ("322 hundred", 32200.0),
        ("ninety-five hundred", 9500.0),
        ("two hundred point zero three", 200.03),
        ("two hundred point seventy-one", 200.71),
        ("1.5 lakh", 150000.0),
        ("2 crore", 2e7),
        ("minus one", -1.0),
        ("negative ten", -10.0),
    ],
)
def test_words(text: str, expected: float) -> None:
    assert parse_number(text) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("half", 0.5),
        ("a half", 0.5),
        ("a third", 1 / 3),
        ("two-thirds", 2 / 3),
        ("three quarters", 0.75),
        ("a hundredth", 0.01),
        ("a trillionth", 1e-12),
        ("a hundred trillionths", 1e-10),
        ("one and a half", 1.5),
        ("forty two and a third", 42 + 1 / 3),
        ("one hundred and three and two thirds", 103 + 2 / 3),
        ("twenty-three fifths", 4.6),
        ("twenty fifths", 4.0),
        ("twenty twenty fifths", 0.8),
        ("one twenty-fifth", 0.04),
        ("a twenty-first", 1 / 21),
        ("one hundred thirty-fifths", 100 / 35),
        ("one hundred thirty-two fifths", 26.4),
        ("one hundred and thirty fifths", 26.0),
        ("one hundred one thousand fifths", 100 / 1005),
        ("ninety - five hundred fifths", 1900.0),
        ("one one hundred and fifth", 1 / 105),
        ("one over twenty", 0.05),
        ("1 over one hundred and twenty one", 1 / 121),
        ("quarter million", 250000.0),
        ("half a million", 500000.0),
        ("two and a half million", 2.5e6),
        ("two million and one half", 2.5e6),
        ("one billion and a half million", 1000500000.0),
        ("five billion and three quarters", 5.75e9),
        ("nine million and five ninths", 9e6 + 5e6 / 9),
    ],
)
def test_fractions(text: str, expected: float) -> None:
    assert parse_number(text) == pytest.approx(expected)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "a",
        "an",
        "the",
        "third",
        "twenty-fifth",
        "twenty-first",
        "a third-party",
        "192.168.1.2",
        "1.2.3",
        "1e999",
        "1" * 400,
        "5/0",
        "thousand",
        "two three",
    ],
)
def test_not_one_number(text: str) -> None:
    assert parse_number(text) is None


@pytest.mark.parametrize(
    ("token", "style", "expected"),
    [
        ("2,357", ENGLISH, 2357.0),
        ("2,357", GERMAN, 2.357),
        ("4,800", GERMAN, 4.8),
        ("2,35", ENGLISH, 2.35),
        ("2.000,352", ENGLISH, 2000.352),
        ("2.000,352", GERMAN, 2000.352),
        ("1.111,11", ENGLISH, 1111.11),
        ("2.300", GERMAN, 2300.0),
        ("4.800", ENGLISH, 4.8),
        ("45.000", ENGLISH, 45000.0),
        ("45.123", NumberStyle(dot_groups=True), 45123.0),
        ("0.125", NumberStyle(dot_groups=True), 0.125),
        ("1234.567", NumberStyle(dot_groups=True), 1234.567),
    ],
)
def test_separator_decided_per_number_and_style(
    token: str, style: NumberStyle, expected: float
) -> None:
    assert digits_value(token, style) == pytest.approx(expected)


def test_a_scale_word_makes_a_dot_decimal() -> None:
    assert digits_value("2.345", NumberStyle(dot_groups=True), before_scale=True) == 2.345


def test_seed_style_reads_dots_as_thousands() -> None:
    """Seed 000 writes "2,000" and uses '.' only in d.ddd groups ("45.000", "150.000")."""
    seeds = Path(__file__).resolve().parents[1] / "seeds"
    style = detect_style((seeds / "000_563ba91b96e602f7.txt").read_text(encoding="utf-8"))
    assert style.dot_groups
    assert not style.decimal_comma


@pytest.mark.parametrize(
    ("text", "dot_groups", "decimal_comma"),
    [
        ("Revenue rose 2.5 per cent to 1.250 units.", False, False),
        ("It cost 4.800 euros.", False, False),
        ("Er verdiente 2,5 Millionen und 1.200,50 Euro.", True, True),
        ("Zwischen 15.000 und 20.000 Soldaten, 2,3 Prozent.", True, True),
        ("Some 1.234.567 people and 45.000 fighters.", True, False),
        ("There were 1,234,567 people and 2.5 million cars.", False, False),
    ],
)
def test_detect_style(text: str, dot_groups: bool, decimal_comma: bool) -> None:
    style = detect_style(text)
    assert (style.dot_groups, style.decimal_comma) == (dot_groups, decimal_comma)


def test_hard_spaces_allow_space_groups() -> None:
    assert detect_style("1\u202f234\u202f567 people").space_groups
    assert not detect_style("1 234 people").space_groups


def test_parse_number_reads_the_style_of_its_argument() -> None:
    assert parse_number("45.000") == 45000.0
    assert parse_number("4.800") == 4.8
    assert parse_number("20 000", GERMAN) == 20000.0


def test_results_are_finite() -> None:
    for text in ("9" * 300, "99e307", "1.5^999"):
        value = parse_number(text)
        assert value is None or math.isfinite(value)


@settings(max_examples=300, deadline=None)
@given(
    st.text()
    | st.lists(
        st.sampled_from(["1", "23", "٣", ".", ",", "\u202f", "\u00a0", " ", "x", "%"]), max_size=20
    ).map("".join)
)
def test_style_tokens_only_where_digits_stand_around_a_separator(text: str) -> None:
    if _STYLE_TOKEN.search(text) is not None:
        assert _separated_digits(text)
