"""Scores factcheck's number, unit and relative-date normalisation on the Recognizers-Text spec
sample (``../shared/benchmarks/recognizers-text-specs`` next to the repository), side by side with
quantulum3 when it is installed.

A case is an exact match when the multiset of what is extracted equals the multiset of the gold
resolutions (see README.md, "normalise.py", for the comparison used per file).

Usage::

    python benchmarks/normalise.py              # the table
    python benchmarks/normalise.py --verbose    # ... and the cases held out of scope, with reasons
    python benchmarks/normalise.py --failures   # ... and every case factcheck misses
    python benchmarks/normalise.py --speed      # ... and find_quantities throughput on the seeds
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import sys
import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SPECS = ROOT.parent / "shared" / "benchmarks" / "recognizers-text-specs" / "Specs"
sys.path.insert(0, str(ROOT))

from factcheck.model import Quantity  # noqa: E402
from factcheck.numbers import ENGLISH, GERMAN, NumberStyle  # noqa: E402
from factcheck.quantities import find_quantities  # noqa: E402
from factcheck.units import DIMENSIONS, lookup_unit  # noqa: E402

Item = Any
"""A float (number, percent), a (low, high) pair (range), a (value, unit) pair (dimension) or a
frozenset of acceptable (first, last) date pairs (datetime gold)."""

EXACT_HEDGES = frozenset(
    {"exactly", "precisely", "equal to", "equals", "equaling", "equalling", "equaling to"}
)

OUT_OF_SCOPE: dict[tuple[str, str], str] = {
    ("number-en", "192.168.1.2"): "an IP address is an identifier; factcheck reads no quantity",
    ("percent", "Only a small percent attain the top ranks"): "no number: gold is a bare "
    "'percent' with a null value",
    ("percent", "The table shows the % of increase in the last month"): "no number: gold is a "
    "bare '%' with a null value",
    ("percent", "How do I calculate a percentage?"): "no number: gold is a bare 'percentage' "
    "with a null value",
    ("range", "The number is from 200 to 300 in 2008"): "gold expects nothing; the sentence "
    "states the range 200-300 and factcheck reads it",
    ("range", "How about more than 2 in 5"): "factcheck reads '2 in 5' as the share 40 % "
    "(news: 'more than two in five'); gold reads the bound 2",
    (
        "dimension",
        "then , to make these gardenettes quite literally rooms , ms . bartlett had "
        "thrown up windowless walls (brick, lattice, hedge ) eight to 10 feet tall, casting her "
        "interiors into day - long stygian shade.",
    ): "gold keeps only the upper end of the range 'eight to 10 feet'; factcheck reads the range",
    ("dimension", "He said: 2 pm is 2 picometer"): "'2 pm' is a time of day in news; gold reads "
    "2 picometres",
    (
        "dimension",
        "Ten samples from the Camarones river valley had an average of 37.8 "
        "microgrammes per gramme",
    ): "gold adds a bare unit 'gramme' with a null value",
    ("number-de", "1\u202f234\u202f567,89 ist ein gültiges Zahlenformat."): "gold reads the "
    "German article 'ein' as the number 1; factcheck reads English number words only",
}


@dataclass(frozen=True)
class SpecFile:
    key: str
    label: str
    path: str
    kind: str
    style: NumberStyle


FILES = (
    SpecFile(
        "number-en",
        "English NumberModel",
        "Number/English/NumberModel.sample.json",
        "number",
        ENGLISH,
    ),
    SpecFile(
        "percent",
        "English PercentModel",
        "Number/English/PercentModel.sample.json",
        "percent",
        ENGLISH,
    ),
    SpecFile(
        "range",
        "English NumberRangeModel",
        "Number/English/NumberRangeModel.sample.json",
        "range",
        ENGLISH,
    ),
    SpecFile(
        "dimension",
        "English DimensionModel",
        "NumberWithUnit/English/DimensionModel.sample.json",
        "dimension",
        ENGLISH,
    ),
    SpecFile(
        "number-de", "German NumberModel", "Number/German/NumberModel.sample.json", "number", GERMAN
    ),
    SpecFile(
        "datetime",
        "English DateTimeModel",
        "DateTime/English/DateTimeModel.sample.json",
        "datetime",
        ENGLISH,
    ),
)


def close(a: Item, b: Item) -> bool:
    """Numbers agree to 1e-6 relative (the gold keeps 15 significant digits); others exactly."""
    if isinstance(a, tuple) and isinstance(b, tuple):
        return len(a) == len(b) and all(close(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and isinstance(b, float):
        return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-12)
    if isinstance(a, frozenset):
        return any(close(x, b) for x in a)
    return bool(a == b)


def same(expected: Sequence[Item], got: Sequence[Item]) -> bool:
    """Multiset equality under :func:`close`."""
    if len(expected) != len(got):
        return False
    left = list(got)
    for item in expected:
        for i, candidate in enumerate(left):
            if close(item, candidate):
                del left[i]
                break
        else:
            return False
    return True


# Gold resolutions -> items.


def gold(spec: SpecFile, case: dict[str, Any]) -> list[Item] | None:
    """The gold items of ``case``; ``None`` when the gold cannot be compared (unresolved)."""
    items: list[Item] = []
    for result in case["Results"]:
        resolution = result["Resolution"]
        if spec.kind == "number":
            text = str(resolution["value"])
            items.append(float(text.replace(",", ".") if spec.style.decimal_comma else text))
        elif spec.kind == "percent":
            value = resolution["value"]
            items.append(None if value in (None, "null") else float(value.rstrip("%")))
        elif spec.kind == "range":
            low, high = resolution["value"][1:-1].split(",")
            items.append((float(low) if low else None, float(high) if high else None))
        elif spec.kind == "dimension":
            items.append(gold_dimension(resolution))
        else:
            alternatives = gold_dates(resolution["values"])
            if alternatives is None:
                return None
            if alternatives:
                items.append(alternatives)
    return items


def gold_dimension(resolution: dict[str, Any]) -> Item:
    value = None if resolution["value"] is None else float(resolution["value"])
    unit = lookup_unit(resolution["unit"].lower())
    if unit is None or value is None:
        return (value, resolution["unit"])
    return (unit.convert(value), unit.canonical)


def gold_dates(values: list[dict[str, Any]]) -> frozenset[tuple[str | None, str | None]] | None:
    """Acceptable (first, last) inclusive date pairs; empty for a time of day without a date,
    ``None`` when the gold is left unresolved."""
    pairs: set[tuple[str | None, str | None]] = set()
    for value in values:
        if value.get("value") == "not resolved":
            return None
        kind = value["type"]
        if kind in ("date", "datetime"):
            day = value["value"][:10]
            pairs.add((day, day))
        elif kind in ("daterange", "datetimerange"):
            start = value.get("start")
            end = value.get("end")
            first = start[:10] if start else None
            last = None
            if end:
                last = end[:10]
                if end[10:].strip() in ("", "00:00:00"):
                    last = (dt.date.fromisoformat(end[:10]) - dt.timedelta(days=1)).isoformat()
            pairs.add((first, last))
    return frozenset(pairs)


# factcheck predictions -> items.


def written(q: Quantity) -> tuple[float | None, float | None, float | None]:
    """Value, low and high in the unit as written (fractions of a whole on the 0-1 scale)."""
    numbers = (q.value, q.low, q.high)
    if q.unit == "%" and q.original_unit == "fraction":
        return tuple(None if v is None else v / 100 for v in numbers)  # type: ignore[return-value]
    unit = lookup_unit(q.original_unit) if q.original_unit else None
    if unit is None or unit.canonical != q.unit:
        return numbers
    return tuple(  # type: ignore[return-value]
        None if v is None else (v - unit.offset) / unit.factor for v in numbers
    )


def factcheck_items(spec: SpecFile, text: str) -> list[Item]:
    items: list[Item] = []
    for q in find_quantities(text, style=spec.style):
        value, low, high = written(q)
        vague = q.hedge == "vague"
        if (spec.kind == "number" and not vague) or (
            spec.kind == "percent" and q.unit == "%" and q.original_unit != "fraction"
        ):
            items.extend(
                [value] if value is not None else [v for v in (low, high) if v is not None]
            )
        elif spec.kind == "range" and not vague:
            if low != high or q.hedge in EXACT_HEDGES:
                items.append((low, high))
        elif spec.kind == "dimension" and q.unit in DIMENSIONS:
            bounds = [q.value] if q.value is not None else [q.low, q.high]
            items.extend((v, q.unit) for v in bounds if v is not None)
    return items


def date_items(text: str, published: str) -> list[Item]:
    from factcheck.dates import find_dates

    items: list[Item] = []
    for span in find_dates(text, published):
        first, last = span.first, span.last
        if span.qualifier == "after":
            if first is not None and last is not None and first != last:
                first = (dt.date.fromisoformat(last) + dt.timedelta(days=1)).isoformat()
            last = None
        elif span.qualifier == "since":
            last = None
        elif span.qualifier in ("before", "until"):
            if span.qualifier == "before" and first is not None:
                last = (dt.date.fromisoformat(first) - dt.timedelta(days=1)).isoformat()
            first = None
        items.append((first, last))
    return items


# quantulum3 predictions -> items.

QUANTULUM_DIMENSIONS = {
    "length",
    "area",
    "volume",
    "mass",
    "speed",
    "data storage",
    "angle",
    "temperature",
}
QUANTULUM_NAMES = {
    "pound-mass": "pound",
    "degree angle": "degree",
    "degree Celsius": "degrees celsius",
    "degree fahrenheit": "degrees fahrenheit",
    "metric ton": "tonne",
    "short ton": "ton",
    "long ton": "ton",
    "litre": "litre",
    "US liquid gallon": "gallon",
    "gallon (US)": "gallon",
    "cup (US)": "cup",
    "tablespoon (US)": "tablespoon",
}


def quantulum_parser() -> Callable[[str], list[Any]] | None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from quantulum3 import parser  # type: ignore[import-untyped, import-not-found, unused-ignore]
    except ImportError:
        return None

    def parse(text: str) -> list[Any]:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                return list(parser.parse(text))
            except Exception:  # quantulum3 raises on some inputs; that case then finds nothing
                return []

    return parse


def quantulum_items(spec: SpecFile, text: str, parse: Callable[[str], list[Any]]) -> list[Item]:
    """quantulum3's reading in the file's terms, as favourably as is fair: "a dozen" (value 1,
    unit dozen) counts 12, and a unit that factcheck's table converts to a physical canonical unit
    is a dimension whatever quantulum3's entity says ("3 turns" is "dimensionless" there)."""
    items: list[Item] = []
    for q in parse(text):
        name = q.unit.name
        value = float(q.value) * (12 if name == "dozen" else 1)
        spread = float(q.uncertainty) if q.uncertainty else 0.0
        numbers = [value - spread, value + spread] if spread else [value]
        if spec.kind == "number" or (spec.kind == "percent" and name == "percentage"):
            items.extend(numbers)
        elif spec.kind == "range" and spread:
            items.append((value - spread, value + spread))
        elif spec.kind == "dimension":
            unit = lookup_unit(QUANTULUM_NAMES.get(name, name))
            if unit is not None and unit.canonical in DIMENSIONS:
                items.extend((unit.convert(number), unit.canonical) for number in numbers)
            elif q.unit.entity.name in QUANTULUM_DIMENSIONS:
                items.extend((number, name) for number in numbers)
    return items


# The run.


@dataclass
class Score:
    cases: int = 0
    in_scope: int = 0
    hits: int = 0
    hits_in_scope: int = 0
    available: bool = True

    def add(self, hit: bool, scoped: bool) -> None:
        self.cases += 1
        self.in_scope += scoped
        self.hits += hit
        self.hits_in_scope += hit and scoped

    def rates(self) -> tuple[str, str]:
        if not self.available:
            return "n/a", "n/a"
        overall = 100 * self.hits / self.cases if self.cases else 0.0
        scoped = 100 * self.hits_in_scope / self.in_scope if self.in_scope else 0.0
        return f"{overall:.1f}", f"{scoped:.1f}"


@dataclass
class Report:
    spec: SpecFile
    ours: Score
    theirs: Score
    held_out: list[tuple[str, str]]
    misses: list[tuple[str, list[Item], list[Item] | str]]


def run_file(spec: SpecFile, parse: Callable[[str], list[Any]] | None) -> Report:
    cases = json.loads((SPECS / spec.path).read_text(encoding="utf-8"))
    ours, theirs = Score(), Score(available=parse is not None and spec.kind != "datetime")
    held_out: list[tuple[str, str]] = []
    misses: list[tuple[str, list[Item], list[Item] | str]] = []
    for case in cases:
        text = case["Input"]
        expected = gold(spec, case)
        reason = OUT_OF_SCOPE.get((spec.key, text))
        if expected is None:
            reason = "gold leaves the time unresolved"
        if reason:
            held_out.append((text, reason))
        got: list[Item] | str
        if spec.kind == "datetime":
            try:
                got = date_items(text, case["Context"]["ReferenceDateTime"][:10])
            except ImportError:
                ours.available = False
                got = "factcheck.dates not importable"
            except Exception as error:  # a crash is scored as a miss and shown with --failures
                got = f"{type(error).__name__}: {error}"
        else:
            got = factcheck_items(spec, text)
        hit = expected is not None and not isinstance(got, str) and same(expected, got)
        ours.add(hit, reason is None)
        if not hit and ours.available:
            misses.append((text, expected or [], got))
        if theirs.available and parse is not None:
            their = quantulum_items(spec, text, parse)
            theirs.add(expected is not None and same(expected, their), reason is None)
    if not theirs.available:
        theirs.cases, theirs.in_scope = ours.cases, ours.in_scope
    return Report(spec, ours, theirs, held_out, misses)


def table(reports: list[Report], quantulum_installed: bool) -> str:
    q3 = "quantulum3" if quantulum_installed else "quantulum3 (not installed)"
    header = (
        "file",
        "cases",
        "in scope",
        "factcheck % all",
        "factcheck % in scope",
        f"{q3} % all",
        f"{q3} % in scope",
    )
    rows = [header]
    for r in reports:
        ours, theirs = r.ours.rates(), r.theirs.rates()
        if not quantulum_installed:
            theirs = ("not installed", "not installed")
        elif r.spec.kind == "datetime":
            theirs = ("n/a (no dates)", "n/a (no dates)")
        rows.append((r.spec.label, str(r.ours.cases), str(r.ours.in_scope), *ours, *theirs))
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = []
    for n, row in enumerate(rows):
        cells = [
            c.ljust(w) if i == 0 else c.rjust(w)
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("| " + " | ".join(cells) + " |")
        if n == 0:
            lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def speed(repeat_to: int = 4_000_000, runs: int = 5) -> str:
    """Throughput of find_quantities on the seed articles repeated to ``repeat_to`` characters:
    best and median wall-clock rate of ``runs`` runs, and the rate per CPU-second, which other
    processes on a shared machine do not distort."""
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in seeds)
    text = text * (repeat_to // max(1, len(text)) + 1)
    size = len(text.encode("utf-8")) / 1e6
    wall: list[float] = []
    cpu: list[float] = []
    found = 0
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        found = len(find_quantities(text))
        wall.append(size / (time.perf_counter() - started))
        cpu.append(size / max(1e-9, time.process_time() - started_cpu))
    wall.sort()
    cpu.sort()
    return (
        f"find_quantities: {size:.1f} MB of seed text (5 articles repeated), {found} quantities: "
        f"wall clock best {wall[-1]:.1f} MB/s, median {wall[runs // 2]:.1f} MB/s; "
        f"per CPU-second median {cpu[runs // 2]:.1f} MB/s ({runs} runs)"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--verbose", action="store_true", help="list the cases held out of scope")
    parser.add_argument("--failures", action="store_true", help="list every case factcheck misses")
    parser.add_argument("--speed", action="store_true", help="measure find_quantities throughput")
    args = parser.parse_args(argv)
    if not SPECS.is_dir():
        print(f"spec files not found: {SPECS}", file=sys.stderr)
        return 2
    parse = quantulum_parser()
    reports = [run_file(spec, parse) for spec in FILES]
    print(table(reports, parse is not None))
    if args.verbose:
        print("\nOut of scope (counted as misses in '% all', left out of '% in scope'):")
        for r in reports:
            for text, reason in r.held_out:
                print(f"- {r.spec.label}: {text!r}: {reason}")
    if args.failures:
        print("\nMisses (input: expected -> got):")
        for r in reports:
            for text, expected, got in r.misses:
                print(f"- {r.spec.label}: {text!r}\n    expected {expected}\n    got      {got}")
    if args.speed:
        print()
        print(speed())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
