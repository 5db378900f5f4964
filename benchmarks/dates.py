"""Scores relative and absolute date reading on the Recognizers-Text DateTimeModel sample, side by
side: ``factcheck.dates.find_dates`` and dateparser's ``search_dates`` with its default settings
(installed only for this benchmark: ``pip install dateparser``), both anchored on each case's
reference date.

The gold and the comparison are those of ``normalise.py`` (an inclusive (first, last) interval per
date found; the case is a hit when the multisets match). dateparser returns a point in time, not
an interval, so it is scored as favourably as is fair: a case is its hit when either its points
(each as a one-day interval) or its points widened to the period dateparser reports for the phrase
(``DateDataParser.get_date_data(...).period``: the day, the Monday-Sunday week, the month or the
year) match the gold.

Run: ``python benchmarks/dates.py [--failures]``
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from normalise import FILES, OUT_OF_SCOPE, SPECS, Item, date_items, gold, same


def widen(point: dt.date, period: str) -> tuple[str, str]:
    """The interval of ``period`` around ``point``."""
    if period == "year":
        first, last = point.replace(month=1, day=1), point.replace(month=12, day=31)
    elif period == "month":
        days = calendar.monthrange(point.year, point.month)[1]
        first, last = point.replace(day=1), point.replace(day=days)
    elif period == "week":
        first = point - dt.timedelta(days=point.weekday())
        last = first + dt.timedelta(days=6)
    else:
        first = last = point
    return first.isoformat(), last.isoformat()


def dateparser_readings(text: str, published: str) -> tuple[list[Item], list[Item]] | None:
    """dateparser's dates in ``text`` as points and as periods; ``None`` when not installed."""
    try:
        from dateparser.date import DateDataParser  # type: ignore[import-untyped, unused-ignore]
        from dateparser.search import search_dates  # type: ignore[import-untyped, unused-ignore]
    except ImportError:
        return None
    base = dt.datetime.fromisoformat(published)
    settings: dict[str, Any] = {"RELATIVE_BASE": base}
    found = search_dates(text, languages=["en"], settings=settings) or []
    parser = DateDataParser(languages=["en"], settings=settings)
    points: list[Item] = []
    periods: list[Item] = []
    for phrase, moment in found:
        day = moment.date()
        points.append((day.isoformat(), day.isoformat()))
        period = parser.get_date_data(phrase).period or "day"
        periods.append(widen(day, period))
    return points, periods


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--failures", action="store_true", help="list the cases each one misses")
    args = parser.parse_args(argv)
    spec = next(spec for spec in FILES if spec.kind == "datetime")
    cases = json.loads((SPECS / spec.path).read_text(encoding="utf-8"))
    hits = {"factcheck": [0, 0], "dateparser": [0, 0]}
    seconds = {"factcheck": 0.0, "dateparser": 0.0}
    installed = True
    in_scope = 0
    misses: list[str] = []
    for case in cases:
        text = case["Input"]
        published = case["Context"]["ReferenceDateTime"][:10]
        expected = gold(spec, case)
        scoped = expected is not None and (spec.key, text) not in OUT_OF_SCOPE
        in_scope += scoped
        started = time.perf_counter()
        ours = date_items(text, published)
        seconds["factcheck"] += time.perf_counter() - started
        started = time.perf_counter()
        theirs = dateparser_readings(text, published)
        seconds["dateparser"] += time.perf_counter() - started
        installed = installed and theirs is not None
        ours_hit = expected is not None and same(expected, ours)
        theirs_hit = (
            expected is not None
            and theirs is not None
            and (same(expected, theirs[0]) or same(expected, theirs[1]))
        )
        for name, hit in (("factcheck", ours_hit), ("dateparser", theirs_hit)):
            hits[name][0] += hit
            hits[name][1] += hit and scoped
        if args.failures and scoped and not (ours_hit and theirs_hit):
            misses.append(
                f"- {text!r} ({published})\n    gold       {expected}\n"
                f"    factcheck  {ours}{'' if ours_hit else '  MISS'}\n"
                f"    dateparser {theirs}{'' if theirs_hit else '  MISS'}"
            )
    print(f"## {spec.label}: {len(cases)} cases, {in_scope} in scope\n")
    print("| reader | % all | % in scope | seconds for all cases |")
    print("| --- | ---: | ---: | ---: |")
    for name, (overall, scoped_hits) in hits.items():
        if name == "dateparser" and not installed:
            print("| dateparser | not installed | | |")
            continue
        print(
            f"| {name} | {100 * overall / len(cases):.1f} | {100 * scoped_hits / in_scope:.1f} "
            f"| {seconds[name]:.2f} |"
        )
    if misses:
        print("\nCases either reader misses:")
        print("\n".join(misses))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
