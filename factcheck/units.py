"""Provides the unit table: what a unit written after a number means and how to convert it to the
canonical unit of its kind.

Canonical units, one per kind:

=============  =========  ==========================================================
kind           canonical  written forms (examples)
=============  =========  ==========================================================
length         ``km``     km, m, cm, mm, dm, µm, nm, pm, mile, nautical mile, yard, foot, inch
area           ``km2``    km², sq km, sq. km, square miles, m2, hectare, acre
volume         ``l``      litre, ml, gallon (US), imperial gallon, barrel (oil), cup, m³
weight         ``kg``     kg, g, mg, µg, tonne, ton, metric ton, pound, lb, ounce, stone
speed          ``km/h``   km/h, kph, mph, knots, m/s, any length "per"/"an"/"/" a time
information    ``B``      byte, kB, MB, GB, TB, PB, KiB, MiB, GiB
angle          ``deg``    degree, °, radian, turn, revolution
temperature    ``C``      °C, °F, degrees Fahrenheit, kelvin (converted, offset included)
duration       ``year``   year, decade, century, month (1/12 year): calendar lengths
duration       ``day``    day, week, fortnight, hour, minute, second: fixed lengths
power          ``W``      W, kW, MW, GW, megawatts
energy         ``Wh``     kWh, MWh, GWh, TWh
percent        ``%``      %, percent, per cent, pct, percentage
points         ``pp``     percentage points (a difference of shares, not a share)
currency       ISO code   dollars, euros, pounds sterling, yen, yuan, rupees (no conversion)
=============  =========  ==========================================================

A bare "ton" is read as the metric tonne: news uses it loosely and the short (907 kg) and long
(1016 kg) tons are both within 10 % of it. Months are not converted to days, nor years to days,
because their length varies; the two duration canonicals keep exact conversions apart.

A duration ("more than a year of battles", "for the first time in two years") says how long, never
how many: its canonical unit is one of :data:`DURATIONS`, never ``None``, so nothing that compares
counts of people or shares of territory (which need equal units) can take it for one.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from factcheck.currencies import CURRENCY_CODES, currency_before
from factcheck.trie import trie_regex

__all__ = [
    "DIMENSIONS",
    "DURATIONS",
    "Unit",
    "currency_before",
    "is_duration",
    "lookup_unit",
    "match_unit",
]


@dataclass(frozen=True, slots=True)
class Unit:
    """A written unit: its kind, canonical unit and the affine map ``value * factor + offset``."""

    canonical: str
    factor: float
    kind: str
    offset: float = 0.0

    def convert(self, value: float) -> float:
        """The value in the canonical unit."""
        return value * self.factor + self.offset


DIMENSIONS = {
    "km": "length",
    "km2": "area",
    "l": "volume",
    "kg": "weight",
    "km/h": "speed",
    "B": "information",
    "deg": "angle",
    "C": "temperature",
}
"""Canonical units of the physical dimensions, with their kind (durations, money and shares are
not dimensions)."""

DURATIONS: frozenset[str] = frozenset({"year", "day"})
"""Canonical units of durations (kind ``duration``)."""


def is_duration(unit: str | None) -> bool:
    """True when a quantity's canonical ``unit`` says how long rather than how many or how much."""
    return unit in DURATIONS


_LENGTH_WORDS = {
    "kilometre, kilometer, kilometres, kilometers": 1.0,
    "metre, meter, metres, meters": 1e-3,
    "decimetre, decimeter, decimetres, decimeters": 1e-4,
    "centimetre, centimeter, centimetres, centimeters": 1e-5,
    "millimetre, millimeter, millimetres, millimeters": 1e-6,
    "micrometre, micrometer, micrometres, micrometers, micron, microns": 1e-9,
    "nanometre, nanometer, nanometres, nanometers": 1e-12,
    "picometre, picometer, picometres, picometers": 1e-15,
    "mile, miles": 1.609344,
    "nautical mile, nautical miles": 1.852,
    "yard, yards": 0.0009144,
    "foot, feet": 0.0003048,
    "inch, inches": 0.0000254,
    "light-year, light-years, light year, light years": 9.4607304725808e12,
}
_LENGTH_SYMBOLS = {
    "km, Km, KM": 1.0,
    "m": 1e-3,
    "dm": 1e-4,
    "cm": 1e-5,
    "mm": 1e-6,
    "µm, μm": 1e-9,
    "nm": 1e-12,
    "mi": 1.609344,
    "yd, yds": 0.0009144,
    "ft": 0.0003048,
}
_SQUARE_WORDS = {"hectare, hectares": 0.01, "acre, acres": 0.0040468564224}
_SQUARE_SYMBOLS = {"ha": 0.01}
_VOLUME_WORDS = {
    "litre, liter, litres, liters": 1.0,
    "millilitre, milliliter, millilitres, milliliters": 1e-3,
    "centilitre, centiliter, centilitres, centiliters": 1e-2,
    "decilitre, deciliter, decilitres, deciliters": 1e-1,
    "gallon, gallons": 3.785411784,
    "imperial gallon, imperial gallons": 4.54609,
    "barrel, barrels": 158.987294928,
    "pint, pints": 0.473176473,
    "quart, quarts": 0.946352946,
    "cup, cups": 0.2365882365,
    "tablespoon, tablespoons": 0.01478676478125,
    "teaspoon, teaspoons": 0.00492892159375,
    "fluid ounce, fluid ounces": 0.0295735295625,
}
_VOLUME_SYMBOLS = {
    "l, L": 1.0,
    "ml, mL": 1e-3,
    "cl": 1e-2,
    "dl": 1e-1,
    "cc": 1e-3,
    "gal": 3.785411784,
}
_WEIGHT_WORDS = {
    "kilogram, kilograms, kilogramme, kilogrammes, kilo, kilos": 1.0,
    "gram, grams, gramme, grammes": 1e-3,
    "milligram, milligrams, milligramme, milligrammes": 1e-6,
    "microgram, micrograms, microgramme, microgrammes": 1e-9,
    "tonne, tonnes, ton, tons, metric ton, metric tons, metric tonne, metric tonnes": 1e3,
    "pound, pounds": 0.45359237,
    "ounce, ounces": 0.028349523125,
    "stone": 6.35029318,
}
_WEIGHT_SYMBOLS = {
    "kg, kgs, Kg, KG": 1.0,
    "g": 1e-3,
    "mg": 1e-6,
    "µg, μg, mcg": 1e-9,
    "t": 1e3,
    "lb, lbs": 0.45359237,
    "oz": 0.028349523125,
}
_SPEED_WORDS = {"knot, knots": 1.852}
_SPEED_SYMBOLS = {"kph, kmph, kmh": 1.0, "mph": 1.609344, "kn": 1.852}
_INFORMATION_WORDS = {
    "byte, bytes": 1.0,
    "kilobyte, kilobytes": 1e3,
    "megabyte, megabytes": 1e6,
    "gigabyte, gigabytes": 1e9,
    "terabyte, terabytes": 1e12,
    "petabyte, petabytes": 1e15,
}
_INFORMATION_SYMBOLS = {
    "kB, KB": 1e3,
    "MB": 1e6,
    "GB": 1e9,
    "TB": 1e12,
    "PB": 1e15,
    "KiB": 1024.0,
    "MiB": 1024.0**2,
    "GiB": 1024.0**3,
    "TiB": 1024.0**4,
}
_ANGLE_WORDS = {
    "degree, degrees": 1.0,
    "radian, radians": 180 / math.pi,
    "turn, turns, revolution, revolutions": 360.0,
}
_ANGLE_SYMBOLS = {"°, º, deg": 1.0, "rad": 180 / math.pi}
_YEAR_WORDS = {
    "year, years, year-old, years-old, year old, years old": 1.0,
    "month, months, month-old, months-old": 1 / 12,
    "decade, decades": 10.0,
    "century, centuries": 100.0,
    "millennium, millennia": 1000.0,
}
_DAY_WORDS = {
    "day, days, day-old, days-old": 1.0,
    "week, weeks, week-old, weeks-old": 7.0,
    "fortnight, fortnights": 14.0,
    "hour, hours": 1 / 24,
    "minute, minutes": 1 / 1440,
    "second, seconds": 1 / 86400,
    "millisecond, milliseconds": 1 / 86_400_000,
}
_DAY_SYMBOLS = {
    "hr, hrs": 1 / 24,
    "min, mins": 1 / 1440,
    "sec, secs": 1 / 86400,
    "ms": 1 / 86_400_000,
}
_POWER_WORDS = {"watt, watts": 1.0, "kilowatt, kilowatts": 1e3, "megawatt, megawatts": 1e6}
_POWER_WORDS["gigawatt gigawatts"] = 1e9
_POWER_SYMBOLS = {"kW": 1e3, "MW": 1e6, "GW": 1e9}
_ENERGY_WORDS = {
    "kilowatt-hour, kilowatt-hours, kilowatt hour, kilowatt hours": 1e3,
    "megawatt-hour, megawatt-hours, megawatt hour, megawatt hours": 1e6,
}
_ENERGY_SYMBOLS = {"Wh": 1.0, "kWh": 1e3, "MWh": 1e6, "GWh": 1e9, "TWh": 1e12}
_PERCENT_WORDS = {"percent, per cent, percents, per cents, percentage, pct": 1.0}
_CURRENCY_WORDS = {
    "dollar, dollars, us dollars, u.s. dollars, american dollars": "USD",
    "australian dollars": "AUD",
    "canadian dollars": "CAD",
    "hong kong dollars": "HKD",
    "euro, euros": "EUR",
    "pounds sterling, sterling": "GBP",
    "yen": "JPY",
    "yuan, renminbi": "CNY",
    "rupee, rupees": "INR",
    "rouble, roubles, ruble, rubles": "RUB",
    "swiss francs": "CHF",
    "riyal, riyals": "SAR",
    "dirham, dirhams": "AED",
    "shekel, shekels": "ILS",
}

_WORDS: dict[str, Unit] = {}
_SYMBOLS: dict[str, Unit] = {}


def _add(table: dict[str, Unit], aliases: dict[str, float], canonical: str, kind: str) -> None:
    """Enter each comma-separated alias of ``aliases`` with its factor."""
    for names, factor in aliases.items():
        for name in _split(names):
            table[name] = Unit(canonical, factor, kind)


def _split(names: str) -> list[str]:
    return [n.strip() for n in names.split(",")]


for _words, _symbols, _canonical, _kind in (
    (_LENGTH_WORDS, _LENGTH_SYMBOLS, "km", "length"),
    (_SQUARE_WORDS, _SQUARE_SYMBOLS, "km2", "area"),
    (_VOLUME_WORDS, _VOLUME_SYMBOLS, "l", "volume"),
    (_WEIGHT_WORDS, _WEIGHT_SYMBOLS, "kg", "weight"),
    (_SPEED_WORDS, _SPEED_SYMBOLS, "km/h", "speed"),
    (_INFORMATION_WORDS, _INFORMATION_SYMBOLS, "B", "information"),
    (_ANGLE_WORDS, _ANGLE_SYMBOLS, "deg", "angle"),
    (_YEAR_WORDS, {}, "year", "duration"),
    (_DAY_WORDS, _DAY_SYMBOLS, "day", "duration"),
    (_POWER_WORDS, _POWER_SYMBOLS, "W", "power"),
    (_ENERGY_WORDS, _ENERGY_SYMBOLS, "Wh", "energy"),
    (_PERCENT_WORDS, {"%, pc": 1.0}, "%", "percent"),
):
    _add(_WORDS, _words, _canonical, _kind)
    _add(_SYMBOLS, _symbols, _canonical, _kind)

_WORDS["percentage points"] = _WORDS["percentage point"] = Unit("pp", 1.0, "points")
for _names, _code in _CURRENCY_WORDS.items():
    for _name in _split(_names):
        _WORDS[_name] = Unit(_code, 1.0, "currency")
for _code in CURRENCY_CODES:
    _SYMBOLS[_code] = Unit(_code, 1.0, "currency")

# Area and volume from every length: "square miles", "sq km", "km²", "cubic metres", "m3".
for _name, _unit in [(n, u) for n, u in _WORDS.items() if u.kind == "length"]:
    if " " in _name or "-" in _name:
        continue
    _WORDS[f"square {_name}"] = Unit("km2", _unit.factor**2, "area")
    _WORDS[f"sq {_name}"] = _WORDS[f"sq. {_name}"] = _WORDS[f"square {_name}"]
    _WORDS[f"cubic {_name}"] = Unit("l", _unit.factor**3 * 1e12, "volume")
for _name, _unit in [(n, u) for n, u in _SYMBOLS.items() if u.kind == "length"]:
    _area = Unit("km2", _unit.factor**2, "area")
    _volume = Unit("l", _unit.factor**3 * 1e12, "volume")
    for _form in (f"{_name}2", f"{_name}²", f"{_name}^2"):
        _SYMBOLS[_form] = _area
    for _form in (f"{_name}3", f"{_name}³", f"{_name}^3"):
        _SYMBOLS[_form] = _volume
    _WORDS[f"sq {_name.lower()}"] = _WORDS[f"sq. {_name.lower()}"] = _area
    _WORDS[f"square {_name.lower()}"] = _area
    _WORDS[f"cu {_name.lower()}"] = _WORDS[f"cubic {_name.lower()}"] = _volume

_TEMPERATURES = {
    "degrees celsius": Unit("C", 1.0, "temperature"),
    "degrees centigrade": Unit("C", 1.0, "temperature"),
    "celsius": Unit("C", 1.0, "temperature"),
    "degrees fahrenheit": Unit("C", 5 / 9, "temperature", -32 * 5 / 9),
    "fahrenheit": Unit("C", 5 / 9, "temperature", -32 * 5 / 9),
    "kelvin": Unit("C", 1.0, "temperature", -273.15),
}
_WORDS.update(_TEMPERATURES)
for _sign in ("°", "º"):
    _SYMBOLS[f"{_sign}C"] = _TEMPERATURES["celsius"]
    _SYMBOLS[f"{_sign}F"] = _TEMPERATURES["fahrenheit"]
_SYMBOLS["C"] = _TEMPERATURES["celsius"]
_SYMBOLS["F"] = _TEMPERATURES["fahrenheit"]


def _alternation(names: list[str]) -> str:
    return trie_regex(names).replace(r"\ ", r"[ \t\u00a0]+")


_END = r"(?![A-Za-z\d²³])"
_WORD_UNIT = re.compile(rf"(?:{_alternation(list(_WORDS))}){_END}", re.IGNORECASE)
_SYMBOL_UNIT = re.compile(rf"(?:{_alternation(list(_SYMBOLS))}){_END}")
_LEAD = re.compile(r"[ \t\u00a0]*(\[)[ \t]*|-(?=[A-Za-z])|[ \t\u00a0]*")
_CLOSE = re.compile(r"[ \t]*\]")
_PER_TIME = re.compile(
    r"(?:[ \t]*/[ \t]*|[ \t]+per[ \t]+|[ \t]+an?[ \t]+)"
    r"(hours?|hrs?|h|minutes?|mins?|seconds?|secs?|s|milliseconds?|ms|days?)(?![A-Za-z])",
    re.IGNORECASE,
)
_HOURS = {
    "h": 1.0,
    "hr": 1.0,
    "hour": 1.0,
    "min": 1 / 60,
    "minute": 1 / 60,
    "s": 1 / 3600,
    "sec": 1 / 3600,
    "second": 1 / 3600,
    "ms": 1 / 3_600_000,
    "millisecond": 1 / 3_600_000,
    "day": 24.0,
}
_SPACE = re.compile(r"[ \t\u00a0]+")


def match_unit(text: str, pos: int, end: int) -> tuple[Unit, str, int] | None:
    """The unit written at ``text[pos:end]`` right after a number: the unit, the text of the unit
    as written (without separators) and where it ends. Accepts "69 km", "200lbs", "3-inch",
    "20 [kg]" and speeds written as a length per time ("188 miles an hour", "10km/hr")."""
    lead = _LEAD.match(text, pos, end)
    if lead is None:
        return None
    at = lead.end()
    m = _WORD_UNIT.match(text, at, end) or _SYMBOL_UNIT.match(text, at, end)
    if m is None:
        return None
    written = m.group()
    key = _SPACE.sub(" ", written)
    unit = _SYMBOLS.get(key) or _WORDS.get(key.lower())
    if unit is None:
        return None
    stop = m.end()
    if unit.kind == "length":
        per = _PER_TIME.match(text, stop, end)
        if per:
            root = per.group(1).lower()
            hours = _HOURS.get(root) or _HOURS.get(root.rstrip("s"), 0.0)
            if hours:
                unit = Unit("km/h", unit.factor / hours, "speed")
                written = text[at : per.end()]
                stop = per.end()
    if lead.group(1):
        close = _CLOSE.match(text, stop, end)
        if close is None:
            return None
        stop = close.end()
    return unit, written, stop


def lookup_unit(name: str) -> Unit | None:
    """The unit a whole name stands for ("Square meter", "mile per hour", "km²"), else ``None``."""
    name = name.strip()
    found = match_unit(name, 0, len(name))
    if found is None or found[2] != len(name):
        return None
    return found[0]
