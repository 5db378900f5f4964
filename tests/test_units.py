"""Tests for the unit table: aliases, canonical units, conversions and currency symbols."""

from __future__ import annotations

import pytest

from factcheck.units import (
    DIMENSIONS,
    DURATIONS,
    currency_before,
    is_duration,
    lookup_unit,
    match_unit,
)


@pytest.mark.parametrize(
    ("name", "canonical", "one_is"),
    [
        ("miles", "km", 1.609344),
        ("sq km", "km2", 1.0),
        ("sq. km", "km2", 1.0),
        ("km²", "km2", 1.0),
        ("square miles", "km2", 2.589988110336),
        ("Square meter", "km2", 1e-6),
        ("hectares", "km2", 0.01),
        ("acre", "km2", 0.0040468564224),
        ("kg", "kg", 1.0),
        ("lbs", "kg", 0.45359237),
        ("metric tons", "kg", 1000.0),
        ("tonnes", "kg", 1000.0),
        ("microgrammes", "kg", 1e-9),
        ("gallons", "l", 3.785411784),
        ("barrels", "l", 158.987294928),
        ("cubic metres", "l", 1000.0),
        ("tablespoon", "l", 0.01478676478125),
        ("mph", "km/h", 1.609344),
        ("miles an hour", "km/h", 1.609344),
        ("Kilometers per hour", "km/h", 1.0),
        ("km/hr", "km/h", 1.0),
        ("meters per millisecond", "km/h", 3600.0),
        ("centimeters/millisecond", "km/h", 36.0),
        ("knots", "km/h", 1.852),
        ("MB", "B", 1e6),
        ("GiB", "B", 1024.0**3),
        ("degrees", "deg", 1.0),
        ("rad", "deg", 57.29577951308232),
        ("turns", "deg", 360.0),
        ("years", "year", 1.0),
        ("months", "year", 1 / 12),
        ("decades", "year", 10.0),
        ("weeks", "day", 7.0),
        ("hours", "day", 1 / 24),
        ("MW", "W", 1e6),
        ("TWh", "Wh", 1e12),
        ("per cent", "%", 1.0),
        ("pc", "%", 1.0),
        ("percentage points", "pp", 1.0),
        ("dollars", "USD", 1.0),
        ("pounds sterling", "GBP", 1.0),
        ("yuan", "CNY", 1.0),
    ],
)
def test_lookup(name: str, canonical: str, one_is: float) -> None:
    unit = lookup_unit(name)
    assert unit is not None
    assert unit.canonical == canonical
    assert unit.convert(1.0) == pytest.approx(one_is)


@pytest.mark.parametrize(
    ("name", "value", "celsius"),
    [("degrees Fahrenheit", 212.0, 100.0), ("°F", 32.0, 0.0), ("kelvin", 273.15, 0.0)],
)
def test_temperatures_convert_with_their_offset(name: str, value: float, celsius: float) -> None:
    unit = lookup_unit(name)
    assert unit is not None
    assert unit.convert(value) == pytest.approx(celsius)


@pytest.mark.parametrize("name", ["people", "year-end", "m212", "L202", "pm", "in", "B", ""])
def test_not_units(name: str) -> None:
    assert lookup_unit(name) is None


@pytest.mark.parametrize(
    ("text", "written", "end"),
    [
        (" km west", "km", 3),
        ("lbs.", "lbs", 3),
        ("-inch thick", "inch", 5),
        ("-year-old man", "year-old", 9),
        (" [kg]", "kg", 5),
        ("mm barrel", "mm", 2),
        (" miles an hour ,", "miles an hour", 14),
    ],
)
def test_match_after_a_number(text: str, written: str, end: int) -> None:
    found = match_unit(text, 0, len(text))
    assert found is not None
    assert found[1:] == (written, end)


@pytest.mark.parametrize("text", ["L202", " m212", " man", " [kg", "x"])
def test_no_match_after_a_number(text: str) -> None:
    assert match_unit(text, 0, len(text)) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("cost $", ("USD", "$", 5)),
        ("US$", ("USD", "US$", 0)),
        ("£", ("GBP", "£", 0)),
        ("EUR ", ("EUR", "EUR", 0)),
        ("Rs. ", ("INR", "Rs.", 0)),
        ("RMB ", ("CNY", "RMB", 0)),
        ("XEUR ", None),
        ("cost ", None),
        ("EUR  ", ("EUR", "EUR", 0)),
        ("EUR\u00a0", ("EUR", "EUR", 0)),
        ("EUR   ", None),
        ("paid $ ", ("USD", "$", 5)),
        ("paid $  ", None),
        ("paid\u00a0", None),
        (" ", None),
        ("", None),
    ],
)
def test_currency_before(text: str, expected: tuple[str, str, int] | None) -> None:
    assert currency_before(text, 0, len(text)) == expected


@pytest.mark.parametrize(("text", "floor"), [("$5", 1), ("US$5", 2), ("EUR 5", 1), ("EUR 5", 4)])
def test_currency_never_before_the_floor(text: str, floor: int) -> None:
    found = currency_before(text, floor, len(text) - 1)
    assert found is None or found[2] >= floor


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("km", "km"),
        ("km2", "km2"),
        ("litres", "l"),
        ("kg", "kg"),
        ("km/h", "km/h"),
        ("bytes", "B"),
        ("deg", "deg"),
        ("°C", "C"),
    ],
)
def test_each_dimension_has_its_canonical_unit(written: str, canonical: str) -> None:
    """A bare "B" is not read as bytes: after a number it is usually billions."""
    unit = lookup_unit(written)
    assert unit is not None
    assert (unit.canonical, unit.convert(1.0)) == (canonical, 1.0)
    assert canonical in DIMENSIONS


@pytest.mark.parametrize(
    ("name", "canonical"),
    [
        ("years", "year"),
        ("decade", "year"),
        ("months", "year"),
        ("fortnight", "day"),
        ("weeks", "day"),
        ("hours", "day"),
        ("mins", "day"),
        ("km", None),
        ("percent", None),
        ("dollars", None),
        ("degrees", None),
    ],
)
def test_durations_have_their_own_kind(name: str, canonical: str | None) -> None:
    unit = lookup_unit(name)
    assert unit is not None
    assert (unit.kind == "duration") == (canonical is not None)
    assert is_duration(unit.canonical) == (canonical is not None)
    if canonical is not None:
        assert unit.canonical == canonical


def test_a_count_is_no_duration() -> None:
    assert not is_duration(None)
    assert DURATIONS.isdisjoint(DIMENSIONS)
