"""Provides the reading of one number of a quantity: its sign, currency and unit, and the context
that makes digits no quantity at all: years ("in 2014"), dates, times of day, identifiers ("Media
ID: 55345953"), addresses, names ("CBS 3") and "one" used as a pronoun.
"""

from __future__ import annotations

import bisect
import functools
import re

from factcheck.model import Quantity
from factcheck.numbers import (
    ORDINAL_WORDS,
    NumberStyle,
    Reading,
    read_number,
)
from factcheck.quantitywords import (
    BLANKS,
    FEET,
    INCH,
    LEFT_BEFORE,
    OF,
    POWERS_OF_TEN,
    PREFIX_BEFORE,
    PREFIXES,
    SCALE_END,
    STOPWORDS,
    Part,
    Prefix,
    backwards,
    behind,
    norm,
    noun_span,
    plural_follows,
    word_list,
)
from factcheck.trie import trie_regex
from factcheck.units import Unit, currency_before, match_unit

_MONTHS = word_list(
    """January February March April May June July August September October November December Jan
    Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec"""
)
_MONTH_BEFORE = re.compile(rf"{BLANKS}\.?(?:{backwards(_MONTHS)})(?![A-Za-z])")
_MONTH_AFTER = re.compile(rf"{BLANKS}(?:of{BLANKS})?(?:{trie_regex(_MONTHS)})\b")
_ID_WORDS = word_list(
    """id no nr nos p pp art vol tel ref page pages article section chapter volume issue flight
    route loop code phone fax isbn room box highway interstate platform gate episode number
    resolution bus line model version reference case image photo slide picture"""
)
_ID_BEFORE = re.compile(
    rf"[ \t]*(?::?\.?(?:{backwards(_ID_WORDS)})(?![A-Za-z])|#"
    # "Image 6 of 11": the second number of a gallery caption.
    rf"|(?:/[ \t]*)?fo[ \t]+\d+[ \t]+(?:{backwards(word_list('image photo slide picture page'))})"
    r"(?![A-Za-z]))",
    re.IGNORECASE,
)
# Words after which four digits are a year whatever follows ("the 2014 elections"); after any
# other word ("and", "of", "between") they are a year unless they count something.
_YEAR_WORDS = word_list(
    """in since by from until till through before after during early late mid the this that year
    fiscal spring summer autumn fall winter copyright ©"""
)
_YEAR_BEFORE = re.compile(
    rf"[ \t,\-–]*(?:\.?(?:{backwards(_YEAR_WORDS + _MONTHS)})(?![A-Za-z])|s['’](?=[A-Za-z]))",
    re.IGNORECASE,
)

# Digits that are no number at all: times of day ("10 am", "8.30pm", "3:00"), dates
# ("2014-01-05", "12/05/2014", "12-2015"), year spans ("2005 -2017", "2014/15") and phone
# numbers ("+1-222-2222-2222").
_NO_NUMBER = re.compile(
    r"\d{1,2}(?:[:.]\d{2})?[ \t]*[aApP]\.?[mM]\.?(?![A-Za-z])|\d{1,2}:\d{2}(?::\d{2})?(?!\d)"
    r"|\d{4}-\d{1,2}(?:-\d{1,2})?(?![.,]?\d)"
    r"|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}(?![.,]?\d)"
    r"|\d{1,2}-\d{4}(?![.,]?\d)"
    r"|(?:1[89]|20)\d\d[ \t]*[-–—/][ \t]*(?:(?:1[89]|20)\d\d|\d\d)(?![.,]?\d|%)"
    r"|\d{1,4}(?:-\d{2,4}){2,}(?!\d)"
    r"|\d{3}\)[ \t]?\d{3}[-.][\dA-Z]{4}(?![\dA-Za-z])"
    # "385-2431" is a local phone number; "500-1000" is a range.
    r"|\d{3}-\d{2}(?!00)\d{2}(?![.,]?\d)"
    # Phone numbers spelt with letters: "612-692-TIPS", "215-STOP", "1-866-7LOCKUP", "769-9USA".
    r"|\d{3}-\d{3}[- ][A-Z]{4}\b|1-\d{3}-[\dA-Z]{4,}|\d{3}-(?=[\dA-Z]*[A-Z])[\dA-Z]{4}\b"
    # "7-Eleven", "10-K", "215-STOP": a name; "15-Year-Old" stays an age (units are tried first).
    r"|\d{1,4}-(?!(?:Year|Month|Week|Day|Hour|Mile|Foot|Inch|Meter|Metre)s?\b)[A-Z][\dA-Za-z]*"
)
# What every match of ``_NO_NUMBER`` starts with: at most four digits and then a colon, dot,
# slash, dash, bracket or the "a"/"p" of a time, the last two perhaps after blanks. Most numbers
# have none of these and skip the long pattern.
_NO_NUMBER_CUE = re.compile(r"\d{1,4}(?:[-–—/:.)aApP]|[ \t]+[-–—/aApP])")
# "the 3500 block of", "the 14-hundred block", "1200 Germania Avenue": an address; ".380 caliber"
# names a gun.
_ADDRESS_AFTER = re.compile(
    r"[ \t-]+(?:blocks?|caliber|calibre)\b"
    r"|(?:[ \t]+(?:[NSEW]\.?|North|South|East|West))?(?:[ \t]+[A-Z][a-z]+){1,3}[ \t]+"
    r"(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Drive|Dr|Lane|Ln|Way|Court|Ct|Place|Pl|"
    r"Parkway|Pkwy|Highway|Hwy|Terrace|Circle)\b"
)
# "CBS 3", "COVID 19", "1210 WPHT", "1210 AM": a bare number named by capitals is a name.
_ACRONYM_BEFORE = re.compile(r"[ \t]+[A-Z]{2,6}(?![A-Za-z])")
_ACRONYM_AFTER = re.compile(r"[ \t]+(?:[A-Z]{2,6}\b|The\b)")
# A capitalised word right before a bare number, unless it starts the sentence.
_NAME_BEFORE = re.compile(r"[ \t]+([a-z]*[A-Z])(?![A-Za-z])(?![ \t]*(?:[.!?:;\n\"“]|\Z))")
_EMERGENCY = frozenset({911, 999, 112})
# "one of them", "no one knows", "the one that": "one" as a pronoun, told apart before reading.
_ONE_BEFORE = re.compile(
    rf"{BLANKS}(?:{backwards(word_list('no every any some the this that which each'))})"
    r"(?![A-Za-z])",
    re.IGNORECASE,
)
_PRONOUN_AFTER = re.compile(
    r"[ \t]+(?:of|that|who|which|another|is|was|has|had|will|would|could|can|must|should|may|"
    r"might|does|did)\b|[ \t]*[,.;:!?)]"
)
_TOKEN = re.compile(r"[\w.\-/]*")
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL_MARKER = re.compile(r"://|www\.|@")
_SIGN_CONTEXT = frozenset(" \t\n([<>=:\u00a0")
_DOT_CONTEXT = _SIGN_CONTEXT | frozenset("-−+$£€")


@functools.lru_cache(maxsize=16)
def _url_markers(text: str) -> tuple[list[int], list[int]]:
    """Where the markers of a URL or an e-mail address start and end in ``text``; cached because
    the extractor reads an article one sentence at a time. Markers never overlap, so the first
    one starting in a window is also the first to end."""
    found: list[tuple[int, int]] = []
    # As ``_URL_MARKER.finditer(text)``: no marker can start inside another.
    for marker in ("://", "www.", "@"):
        at = text.find(marker)
        while at >= 0:
            found.append((at, at + len(marker)))
            at = text.find(marker, at + len(marker))
    found.sort()
    return [start for start, _ in found], [end for _, end in found]


def url_zones(text: str, low: int, high: int, markers: list[int]) -> list[tuple[int, int]]:
    """The spans of ``_URL.finditer(text, low, high)``, searched for only in the runs of
    characters other than white space that hold one of ``markers`` (``_url_markers(text)[0]``):
    no match holds white space, and each holds a marker."""
    zones: list[tuple[int, int]] = []
    reach = low
    for index in range(bisect.bisect_left(markers, low), bisect.bisect_left(markers, high)):
        at = markers[index]
        if at < reach:
            continue
        begin, stop = at, at
        while begin > reach and not text[begin - 1].isspace():
            begin -= 1
        while stop < high and not text[stop].isspace():
            stop += 1
        zones.extend((m.start(), m.end()) for m in _URL.finditer(text, begin, stop))
        reach = stop
    return zones


class NumberReader:
    """One call's reading of single numbers and the quantities built from them: the text, the
    window, the style and the spans to leave alone. What surrounds a number (hedges, ranges,
    bounds, shares, nouns) is read by the subclass in :mod:`factcheck.quantities`."""

    def __init__(self, text: str, lo: int, hi: int, style: NumberStyle) -> None:
        self.text, self.lo, self.hi, self.style = text, lo, hi, style
        self.zones: list[tuple[int, int]] = []
        # Only the window is searched (a URL may start a little before it): callers scan an
        # article one sentence at a time, and a search of the whole text each time is quadratic.
        near = max(0, lo - 256)
        starts, ends = _url_markers(text)
        first = bisect.bisect_left(starts, near)
        if first < len(starts) and ends[first] <= hi:
            self.zones = url_zones(text, near, hi, starts)
        self.starts = [z[0] for z in self.zones]
        self._unnumbered: tuple[int, int | None] = (-1, None)

    def blocked(self, at: int) -> bool:
        """Inside a URL or an e-mail address."""
        i = bisect.bisect_right(self.starts, at) - 1
        return i >= 0 and at < self.zones[i][1]

    def _cannot_start(self, m: re.Match[str], floor: int) -> bool:
        """A word that starts no quantity here: "one" as a pronoun, or an ordinal ("third
        biggest") without the article that would make it a fraction ("a third")."""
        text, lo, at = self.text, max(self.lo, floor), m.start()
        word = m.group().lower()
        left = behind(LEFT_BEFORE, text, lo, at)
        if word == "one":
            after = _PRONOUN_AFTER.match(text, m.end(), self.hi) is not None
            return left is None and (after or behind(_ONE_BEFORE, text, lo, at) is not None)
        return word in ORDINAL_WORDS and (left is None or left.group(2) is None)

    def _skip_to(self, at: int) -> int:
        if not self.text[at].isdigit():
            return at + 1
        skip = self._not_a_number(at)
        if skip is None:
            skip = _TOKEN.match(self.text, at, self.hi).end()  # type: ignore[union-attr]
        return max(skip, at + 1)

    def _prefix(self, lo: int, pos: int) -> Prefix | None:
        m = behind(PREFIX_BEFORE, self.text, lo, pos)
        if m is None:
            return None
        phrase = norm((m.group(1) or m.group(2))[::-1])
        return Prefix(phrase, PREFIXES[phrase], pos - m.end())

    # Reading one number.

    def _part(self, at: int, floor: int, *, context: bool) -> Part | None:
        """The number at anchor ``at`` with its sign, currency and unit; ``None`` when it is no
        quantity. ``context``: also rule out years, dates and identifiers."""
        text, lo, hi = self.text, max(self.lo, floor), self.hi
        begin = at
        if text[at].isdigit():
            if self._not_a_number(at) is not None:
                return None
            if (
                at - 1 >= lo
                and text[at - 1] == "."
                and (at - 2 < lo or text[at - 2] in _DOT_CONTEXT)
            ):
                begin = at - 1
            if begin - 1 >= lo and text[begin - 1] in "-−+" and self._sign_at(begin - 1):
                begin -= 1
        else:
            left = behind(LEFT_BEFORE, text, lo, at)
            if left:
                begin = at - left.end()
        currency = currency_before(text, lo, begin)
        money = currency is not None
        reading = read_number(text, begin, hi, self.style, money=money)
        if reading is None and begin != at:
            reading = read_number(text, at, hi, self.style, money=money)
        if reading is None or (reading.value is not None and _bare_article(text, reading)):
            return None
        stop = reading.end
        unit_found = match_unit(text, stop, hi)
        glued = stop < hi and (text[stop].isalpha() or text[stop] == "_")
        if glued and not reading.words and unit_found is None:
            return _round_plural(text, reading, hi)
        bare = context and currency is None and reading.digits is not None
        if bare and self._not_a_quantity(reading, self.lo, unit_found):
            return None
        as_digits = not reading.words and unit_found is None and currency is None
        if context and as_digits and _ADDRESS_AFTER.match(text, stop, hi):
            return None
        if currency is not None:
            unit = Unit(currency[0], 1.0, "currency")
            return Part(reading, currency[2], stop, reading.value, unit, currency[1])
        if unit_found is None:
            return Part(reading, reading.start, stop, reading.value)
        unit, written, unit_end = unit_found
        value = reading.value
        if written == "m" and glued and plural_follows(text, unit_end, hi):
            # "5m people": a million, not five metres.
            return Part(reading, reading.start, unit_end, None if value is None else value * 1e6)
        if written.lower() in ("pound", "pounds") and _sterling(text, reading, unit_end, hi):
            unit = Unit("GBP", 1.0, "currency")
        if written in FEET and value is not None:
            inch = INCH.match(text, unit_end, hi)
            if inch:
                value += float(inch.group(1)) / 12
                unit_end = inch.end()
        return Part(reading, reading.start, unit_end, value, unit, written)

    def _build(
        self,
        start: int,
        end: int,
        numbers: tuple[float | None, float | None, float | None],
        *,
        unit: Unit | None = None,
        written: str | None = None,
        noun: str | None = None,
        approx: bool = False,
        hedge: str | None = None,
        base: str | None = None,
    ) -> Quantity:
        """The quantity ``text[start:end]``; ``numbers`` (value, low, high) are in the written
        unit and are converted to the canonical one here."""
        value, low, high = numbers
        if unit is not None:
            value, low, high = (None if v is None else unit.convert(v) for v in (value, low, high))
        return Quantity(
            text=self.text[start:end],
            start=start,
            end=end,
            value=value,
            low=low,
            high=high,
            unit=None if unit is None else unit.canonical,
            original_unit=written,
            noun=noun,
            approx=approx,
            hedge=hedge,
            base=base,
        )

    def _sign_at(self, i: int) -> bool:
        """Whether the dash at ``i`` is a minus sign rather than a range dash ("2005 -2017")."""
        text, lo = self.text, self.lo
        if i - 1 < lo:
            return True
        if text[i - 1] not in _SIGN_CONTEXT:
            return False
        j = i - 1
        while j >= lo and text[j] in " \t\u00a0":
            j -= 1
        return j < lo or not text[j].isdigit()

    def _not_a_number(self, at: int) -> int | None:
        """Where to resume when the digits at ``at`` are no number: glued to letters (G7, F-16,
        scp-173m), a decade ('90s), a time, a date or a phone number."""
        # Asked twice for an anchor that is no quantity: once reading it, once skipping it.
        if self._unnumbered[0] == at:
            return self._unnumbered[1]
        skip = self._resume_after(at)
        self._unnumbered = (at, skip)
        return skip

    def _resume_after(self, at: int) -> int | None:
        text, lo, hi = self.text, self.lo, self.hi
        if at > lo:
            before = text[at - 1]
            glued = before.isalpha() or before in "_'’" or before.isdigit()
            glued = glued or (before in "-‐" and at - 2 >= lo and text[at - 2].isalpha())
            glued = glued or (before in ".," and at - 2 >= lo and text[at - 2].isdigit())
            if glued:
                return _TOKEN.match(text, at, hi).end()  # type: ignore[union-attr]
        if _NO_NUMBER_CUE.match(text, at, hi) is None:
            return None
        m = _NO_NUMBER.match(text, at, hi)
        return None if m is None else m.end()

    def _not_a_quantity(
        self, reading: Reading, lo: int, unit: tuple[Unit, str, int] | None
    ) -> bool:
        """Years, day numbers of dates, identifiers and names ("CBS 3") among bare integers."""
        if unit is not None and unit[0].kind != "duration":
            return False
        text, hi = self.text, self.hi
        digits = reading.digits or ""
        at = reading.start
        if behind(_ID_BEFORE, text, lo, at):
            return True
        # Counts that large are written with separators; "21209" alone is a ZIP or case number.
        if len(digits) >= 5 and unit is None and noun_span(text, reading.end, hi, 2.0) is None:
            return True
        if len(digits) <= 4 and unit is None and behind(_ACRONYM_BEFORE, text, lo, at):
            return True
        value = int(digits)
        month = behind(_MONTH_BEFORE, text, lo, at) or _MONTH_AFTER.match(text, reading.end, hi)
        if value <= 31 and len(digits) <= 2 and month:
            return True
        if len(digits) == 4 and 1800 <= value <= 2099 and unit is None:
            prefix = self._prefix(lo, at)
            if prefix is not None and prefix.kind not in ("between", "from"):
                return False
            if behind(_YEAR_BEFORE, text, lo, at):
                return True
            # "2000 people" counts; "2017 WMC Action News" and "2014 World Cup" name a year.
            counted = noun_span(text, reading.end, hi, value)
            return counted is None or not counted[0][0].islower()
        # "call 911", "(8477)", "Newsradio 780 &", "Fox 8 that", "Channel 4 News": a name or code;
        # "3 Americans" and "Police found 3 bodies" count.
        named_by = behind(_NAME_BEFORE, text, lo, at)
        named = named_by is not None and named_by.group(1)[::-1].lower() not in STOPWORDS
        counted = noun_span(text, reading.end, hi, value)
        if counted is not None:
            return named and not counted[0][0].islower()
        if named:
            return True
        bracketed = at > lo and text[at - 1] == "(" and len(digits) >= 4
        return bool(value in _EMERGENCY or bracketed or _ACRONYM_AFTER.match(text, reading.end, hi))

    # Reading what is around the number.


def _round_plural(text: str, reading: Reading, hi: int) -> Part | None:
    """ "1,000s of traders", "100s of homes": a round number made plural is a vague amount."""
    stop = reading.end
    value = reading.value or 0.0
    followed = stop + 1 < hi and text[stop + 1].isalnum()
    if text[stop] != "s" or value not in POWERS_OF_TEN or followed:
        return None
    vague = Reading(reading.start, stop + 1, None, low=2 * value, high=10 * value - 1)
    return Part(vague, reading.start, stop + 1, None)


def _sterling(text: str, reading: Reading, end: int, hi: int) -> bool:
    """ "5 million pounds" is money; "25 pounds" and "2 million pounds of waste" are weights."""
    scaled = SCALE_END.search(text, reading.start, reading.end) is not None
    return scaled and OF.match(text, end, hi) is None


def _bare_article(text: str, reading: Reading) -> bool:
    return reading.words and text[reading.start : reading.end].lower() in ("a", "an")


def is_pronoun(text: str, reading: Reading) -> bool:
    """ "one of them", "the one that": a lone "one" that counts nothing."""
    return reading.words and text[reading.start : reading.end].lower() == "one"
