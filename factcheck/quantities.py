"""Provides the quantity normaliser: every number a news article states, as a :class:`Quantity`
with its value, bounds, canonical unit, counted noun and hedge.

Numbers are found from anchors (a digit, a number word, a fraction word) and read outwards: the
currency and hedge before them ("about", "more than", "between"), the scale, unit, range and noun
after them. Context decides what is not a quantity: years ("in 2014"), dates, times of day,
identifiers ("Media ID: 55345953"), ordinals ("third biggest city") and "one" used as a pronoun.

Shares are on the 0-100 scale with unit ``%``: "40 per cent", "two-thirds", "3/4 of", "one in
five". A share written as a fraction has ``original_unit == "fraction"``. A share "of that"
refers back: its ``base`` is the text of the quantity before it. Durations are returned with unit
``year`` or ``day`` (see :mod:`factcheck.units`), except "two years ago", which is a date.

Vague amounts have ``value None``, ``approx True``, ``hedge "vague"`` and these bounds: "tens"
20-99, "dozens" 24-99, "scores" 40-99, "hundreds" 200-999, "thousands" 2,000-9,999 (and so on
for millions, billions), "tens of thousands" 20,000-99,999, "hundreds of thousands"
200,000-999,999, "several hundred" 300-999, "a few hundred" 200-500, "many thousands"
2,000-9,999.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from factcheck.model import Quantity
from factcheck.numbers import (
    NumberStyle,
    detect_style,
    parse_number,
)
from factcheck.quantityparts import NumberReader, is_pronoun
from factcheck.quantitywords import (
    AGO,
    ANCHOR,
    AND_BOUND,
    BACK_REFERENCE,
    BOUND_AFTER,
    CHANGE_BEFORE,
    CURRENCY_SKIP,
    FRACTION_SHARE,
    MORE,
    OF,
    PERCENT,
    RANGE_AFTER,
    SCALE_END,
    SCORE,
    SHARE_DENOMINATORS,
    SHARE_OF,
    Part,
    anchor_kind,
    anchors,
    anchors_at,
    behind,
    norm,
    noun_span,
    ordinal_use,
)
from factcheck.units import Unit, currency_before, match_unit

__all__ = ["NumberStyle", "detect_style", "find_quantities", "parse_number"]


def find_quantities(
    text: str,
    start: int = 0,
    end: int | None = None,
    *,
    style: NumberStyle | None = None,
    places: Sequence[int] | None = None,
) -> list[Quantity]:
    """Every quantity stated in ``text[start:end]``, sorted by start and non-overlapping, with
    offsets into the whole ``text``. ``style`` is the article's separator convention; it is read
    from the whole ``text`` when not given (pass it when scanning one sentence at a time), and
    ``places`` is ``anchor_places`` of the whole ``text`` when the caller has them."""
    hi = len(text) if end is None else max(0, min(end, len(text)))
    lo = max(0, min(start, hi))
    if lo >= hi:
        return []
    # Most sentences hold no number at all: nothing is set up for them.
    found_anchors = anchors(text, lo, hi) if places is None else anchors_at(text, lo, hi, places)
    first = next(found_anchors, None)
    if first is None:
        return []
    scan = _Scan(text, lo, hi, style or detect_style(text))
    found: list[Quantity] = []
    resume = lo
    zones = bool(scan.zones)
    for m in itertools.chain((first,), found_anchors):
        at = m.start()
        if at < resume or (zones and scan.blocked(at)):
            continue
        quantity, skip_to = scan.read(m, resume, found)
        if quantity is not None:
            found.append(quantity)
            resume = quantity.end
        else:
            resume = max(resume, skip_to)
    return found


class _Scan(NumberReader):
    """One call's reading: each anchor read as a number, then what surrounds it."""

    def read(
        self, m: re.Match[str], floor: int, found: list[Quantity]
    ) -> tuple[Quantity | None, int]:
        """The quantity whose number anchor ``m`` starts, or where to resume scanning."""
        kind = anchor_kind(m)
        if kind == "percent":
            return self._reversed_percent(m), m.end()
        if kind == "article":
            return self._article(m, floor), m.end()
        at = m.start()
        if not m.group()[0].isdigit() and self._cannot_start(m, floor):
            return None, m.end()
        part = self._part(at, floor, context=True)
        if part is None:
            return None, self._skip_to(at)
        score = SCORE.match(self.text, part.end, self.hi) if part.reading.digits else None
        if score and part.unit is None and int(score.group(1)) <= (part.value or 0):
            # "a 5-4 ruling", "won 3-1": a score, not a range or two quantities.
            return None, score.end()
        return self._quantity(part, floor, found), part.end

    # Reading what is around the number.

    def _quantity(self, first: Part, floor: int, found: list[Quantity]) -> Quantity | None:
        text, hi = self.text, self.hi
        lo = max(self.lo, floor)
        reading = first.reading
        if reading.value is None:
            return self._vague(first)
        prefix = self._prefix(lo, first.start)
        kind = prefix.kind if prefix else None
        if reading.slash and not self._share_slash(first, kind):
            return None
        change = kind == "from" and prefix and behind(CHANGE_BEFORE, text, lo, prefix.start)
        if change:
            # "rose from 5% to 7%" states two values, not a range.
            prefix = kind = None
        second = None if change else self._range_end(first, kind)
        if (second is None and kind in ("between", "from")) or (
            second is not None and kind not in ("between", "from", "approx")
        ):
            prefix = kind = None
        hedge = prefix.phrase if prefix else None
        start = prefix.start if prefix else first.start
        value = low = high = first.value
        unit, written, end = first.unit, first.written_unit, first.end
        if second is not None:
            low, high, unit, written, end = second
            value = None
        share = reading.share and unit is None
        if share and ordinal_use(text, reading, first.end, hi):
            return None
        if first.unit is None and second is None and not share:
            ratio = self._share_of(first)
            if ratio is not None:
                value, end = ratio
                low = high = value
                share, unit, written = True, PERCENT, "fraction"
        if unit is None and share:
            unit, written = FRACTION_SHARE, "fraction"
        approx = kind in ("approx", "nearly")
        if kind == "low":
            low, high, value = value, None, None
        elif kind == "high":
            low, high, value = None, value, None
        elif kind == "nearly":
            low = None
        suffix = BOUND_AFTER.match(text, end, hi)
        if suffix and second is None and kind in (None, "exact", "approx"):
            word = (suffix.group(1) or suffix.group(2) or suffix.group(3) or "").lower()
            if suffix.group(4):
                approx, hedge = True, hedge or norm(suffix.group(4))
            elif word in MORE:
                low, high, value, hedge = value, None, None, norm(suffix.group())
            elif word:
                low, high, value, hedge = None, value, None, norm(suffix.group())
            end = suffix.end()
        elif suffix and kind in ("low", "high") and "equal" in suffix.group().lower():
            end = suffix.end()
        base = None
        if share:
            back = BACK_REFERENCE.match(text, end, hi)
            if back and found:
                base, end = found[-1].text, back.end()
        noun = None
        if unit is None and not share:
            counted = noun_span(text, end, hi, value if value is not None else 2.0)
            if counted is not None:
                noun, end = counted
            elif second is None and kind is None and is_pronoun(text, reading):
                return None
        if unit is not None and unit.kind == "duration" and AGO.match(text, end, hi):
            return None
        if kind in ("low", "high") and second is None and noun is None:
            merged = self._merge_bounds(kind, low, high, unit, end)
            if merged is not None:
                low, high, end, other = merged
                hedge = f"{hedge} and {other}"
        return self._build(
            start,
            end,
            (value, low, high),
            unit=unit,
            written=written,
            noun=noun,
            approx=approx,
            hedge=hedge,
            base=base,
        )

    def _vague(self, part: Part) -> Quantity:
        """ "tens of victims", "hundreds of thousands", "millions of dollars"."""
        text, hi = self.text, self.hi
        unit, written, end = part.unit, part.written_unit, part.end
        noun = None
        if unit is None:
            of = OF.match(text, end, hi)
            measure = match_unit(text, of.end() - 1, hi) if of else None
            if measure is not None:
                unit, written, end = measure
            elif of is not None:
                counted = noun_span(text, of.end() - 1, hi, 2.0)
                if counted is not None:
                    noun, end = counted
            else:
                counted = noun_span(text, end, hi, 2.0)
                if counted is not None:
                    noun, end = counted
        reading = part.reading
        return self._build(
            part.start,
            end,
            (None, reading.low, reading.high),
            unit=unit,
            written=written,
            noun=noun,
            approx=True,
            hedge="vague",
        )

    def _share_slash(self, part: Part, kind: str | None) -> bool:
        """Whether ``a/b`` is a share rather than a date or a score: a proper fraction with a usual
        denominator, or one that is signed, hedged, followed by "of" or by a unit."""
        written = self.text[part.reading.start : part.reading.end]
        if part.unit is not None or written[0] in "-−+." or kind is not None:
            return True
        if OF.match(self.text, part.end, self.hi):
            return True
        numerator, _, denominator = written.partition("/")
        return int(denominator) in SHARE_DENOMINATORS and int(numerator) < int(denominator)

    def _share_of(self, part: Part) -> tuple[float, int] | None:
        """ "one in five", "3 out of 4": a share on the 0-100 scale, and where it ends."""
        value = part.value
        if value is None or not value.is_integer() or value <= 0:
            return None
        m = SHARE_OF.match(self.text, part.end, self.hi)
        if m is None:
            return None
        anchor = ANCHOR.match(self.text, m.end(), self.hi)
        if anchor is None or anchor_kind(anchor) != "number":
            return None
        whole = self._part(m.end(), m.end(), context=True)
        if whole is None or whole.value is None or whole.unit is not None:
            return None
        if not whole.value.is_integer() or whole.value <= value or whole.reading.share:
            return None
        return 100 * value / whole.value, whole.end

    def _range_end(
        self, first: Part, kind: str | None
    ) -> tuple[float, float, Unit | None, str | None, int] | None:
        """The second number of a range after ``first``: low, high, unit, written unit, end."""
        text, hi = self.text, self.hi
        m = RANGE_AFTER.match(text, first.end, hi)
        if m is None or first.value is None or first.reading.slash:
            return None
        word = (m.group(2) or "").lower()
        if (word == "and" and kind != "between") or (kind == "from" and word != "to"):
            return None
        at = m.end()
        skip = CURRENCY_SKIP.match(text, at, hi)
        if skip and currency_before(text, at, skip.end()) is not None:
            at = skip.end()
        anchor = ANCHOR.match(text, at, hi)
        if anchor is None or anchor_kind(anchor) != "number":
            return None
        second = self._part(anchor.start(), first.end, context=False)
        if second is None or second.value is None or second.reading.slash:
            return None
        if (m.group(1) or word == "or") and first.reading.words != second.reading.words:
            return None
        low, high = first.value, second.value
        scale = SCALE_END.search(text, second.reading.start, second.reading.end)
        if scale and not SCALE_END.search(text, first.reading.start, first.reading.end):
            # "5 to 10 million": the scale of the second number applies to the first too.
            said = parse_number(text[second.reading.start : scale.start()], self.style) or 1.0
            factor = high / said
            if factor > 1 and low * factor <= high:
                low *= factor
        unit, written = second.unit, second.written_unit
        if first.unit is not None:
            if unit is not None and unit.canonical != first.unit.canonical:
                return None
            if unit is not None and unit != first.unit:
                low = first.unit.convert(low) / unit.factor
            unit, written = unit or first.unit, written or first.written_unit
        if not low < high:
            return None
        return low, high, unit, written, second.end

    def _merge_bounds(
        self, kind: str, low: float | None, high: float | None, unit: Unit | None, end: int
    ) -> tuple[float | None, float | None, int, str] | None:
        """ "greater than 100 and smaller than 300": one range from two opposite bounds."""
        text, hi = self.text, self.hi
        joint = AND_BOUND.match(text, end, hi)
        if joint is None:
            return None
        anchor = ANCHOR.search(text, joint.end(), min(hi, joint.end() + 48))
        if anchor is None or anchor_kind(anchor) != "number":
            return None
        part = self._part(anchor.start(), joint.end(), context=False)
        if part is None or part.value is None:
            return None
        prefix = self._prefix(joint.end(), part.start)
        if prefix is None or prefix.start != joint.end() or {kind, prefix.kind} != {"low", "high"}:
            return None
        other_unit = part.unit or (FRACTION_SHARE if part.reading.share else None)
        if (other_unit is None) != (unit is None):
            return None
        other = part.value
        if unit is not None and other_unit is not None:
            if other_unit.canonical != unit.canonical:
                return None
            other = other_unit.convert(other) / unit.factor
        if kind == "low" and low is not None and other > low:
            return low, other, part.end, prefix.phrase
        if kind == "high" and high is not None and other < high:
            return other, high, part.end, prefix.phrase
        return None

    def _article(self, m: re.Match[str], floor: int) -> Quantity | None:
        """ "more than a year", "about a mile": after a hedge or bound, the article is one."""
        text, hi = self.text, self.hi
        at = m.start()
        prefix = self._prefix(max(self.lo, floor), at)
        if prefix is None or prefix.kind not in ("low", "high", "nearly", "approx"):
            return None
        measure = match_unit(text, at + len(m.group().split()[0]), hi)
        if measure is None:
            return None
        unit, written, end = measure
        if unit.kind == "duration" and AGO.match(text, end, hi):
            return None
        value: float | None = 1.0
        low: float | None = 1.0
        high: float | None = 1.0
        if prefix.kind == "low":
            value = high = None
        elif prefix.kind == "high":
            value = low = None
        elif prefix.kind == "nearly":
            low = None
        return self._build(
            prefix.start,
            end,
            (value, low, high),
            unit=unit,
            written=written,
            approx=prefix.kind in ("approx", "nearly"),
            hedge=prefix.phrase,
        )

    def _reversed_percent(self, m: re.Match[str]) -> Quantity | None:
        """ "per cent of 210": the share written after its unit."""
        at = m.end()
        while at < self.hi and self.text[at] in " \t":
            at += 1
        number = ANCHOR.match(self.text, at, self.hi)
        if number is None or anchor_kind(number) != "number":
            return None
        part = self._part(at, at, context=True)
        if part is None or part.value is None or part.unit is not None or part.reading.share:
            return None
        value = part.value
        written = norm(m.group()[:-2])
        return self._build(
            m.start(), part.end, (value, value, value), unit=PERCENT, written=written
        )
