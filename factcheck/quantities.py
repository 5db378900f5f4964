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

import bisect
import re
from collections.abc import Iterable
from typing import NamedTuple

from factcheck.model import Quantity
from factcheck.numbers import (
    NUMBER_WORDS,
    ORDINAL_WORDS,
    VULGAR_FRACTIONS,
    NumberStyle,
    Reading,
    detect_style,
    parse_number,
    read_number,
)
from factcheck.trie import trie_regex
from factcheck.units import Unit, currency_before, match_unit

__all__ = ["NumberStyle", "detect_style", "find_quantities", "parse_number"]

_BLANKS = r"[ \t\u00a0]+"


def _words(text: str) -> list[str]:
    """The words of a whitespace-separated list."""
    return text.split()


def _cased(words: Iterable[str]) -> list[str]:
    return [form for w in words for form in (w, w.capitalize(), w.upper())]


def _backwards(phrases: Iterable[str]) -> str:
    """A trie regex of ``phrases`` spelled backwards, for matching the reversed text that ends
    where a number starts: one anchored match instead of a search over a window."""
    return trie_regex(p[::-1] for p in phrases).replace(r"\ ", _BLANKS)


def _behind(pattern: re.Pattern[str], text: str, lo: int, pos: int) -> re.Match[str] | None:
    """``pattern`` (written backwards) matched against the 48 characters before ``pos``; the
    match covers ``text[pos - m.end():pos]``."""
    return pattern.match(text[max(lo, pos - 48) : pos][::-1])


_ARTICLE_UNITS = _words(
    """year month week day decade century hour minute mile kilometre kilometer metre meter foot ton
    tonne pound dollar euro"""
)
_ARTICLE_PHRASES = [f"{a} {u}" for a in ("a", "an", "A", "An") for u in _ARTICLE_UNITS]
_PERCENT_PHRASES = [f"{p} of" for p in _cased(["percent", "percents", "per cent", "per cents"])]
# One alternation: every extra branch would cost a pass at every position of the text. What the
# match is (digits, a number word, "a year" after a hedge, "per cent of 210") is told apart after.
_ANCHOR = re.compile(
    rf"[\d{VULGAR_FRACTIONS}][\d.,]*|\b(?:"
    + trie_regex(_cased(sorted(NUMBER_WORDS)) + _ARTICLE_PHRASES + _PERCENT_PHRASES).replace(
        r"\ ", r"[ \t]+"
    )
    + r")\b"
)

# What may stand right before a number and what it does: a hedge ("approx"), a lower or upper
# bound, a near-miss ("nearly": an upper bound that is also approximate), an exact marker, or the
# start of a range.
_PREFIX_PHRASES = {
    "approx": "about|around|some|roughly|approximately|approx.|approx|near|an estimated|"
    "estimated|circa|ca.|close to|in the region of|on the order of|of the order of|"
    "an approximate|approximate|give or take",
    "low": "over|more than|greater than|larger than|bigger than|higher than|above|at least|"
    "no less than|no fewer than|not less than|not fewer than|upwards of|upward of|in excess of|"
    "exceeding|exceeds|exceeded|surpassing|surpass|surpasses|surpassed|topping|topped|"
    "a minimum of|minimum of|just over|well over|well above|as few as|as little as|"
    "more than or equal to|greater than or equal to|equal to or more than|"
    "equal to or greater than",
    "high": "under|less than|fewer than|lower than|smaller than|below|up to|at most|no more than|"
    "not more than|no greater than|as many as|as much as|a maximum of|maximum of|just under|"
    "just below|well under|well below|less than or equal to|fewer than or equal to|"
    "equal to or less than|equal to or fewer than",
    "nearly": "nearly|almost|just short of|just shy of",
    "exact": "exactly|precisely|equal to|equals|equaling|equalling|equaling to|equalling to",
    "between": "between",
    "from": "from",
}
_PREFIXES = {p: kind for kind, ps in _PREFIX_PHRASES.items() for p in ps.split("|")}
_SYMBOLS = {">": "low", ">=": "low", "≥": "low", "<": "high", "<=": "high", "≤": "high"}
_PREFIXES.update(_SYMBOLS)
_PREFIX_BEFORE = re.compile(
    rf"[ \t\u00a0]*(?:({_backwards(p for p in _PREFIXES if p[0].isalpha())})(?![A-Za-z])"
    rf"|({_backwards(_SYMBOLS)})(?![<>=]))",
    re.IGNORECASE,
)
_LEFT_BEFORE = re.compile(
    rf"{_BLANKS}(?:({_backwards(['a few', 'several', 'many', 'minus', 'negative'])})|(n?a))"
    r"(?![A-Za-z])",
    re.IGNORECASE,
)
_CHANGE_VERBS = _words(
    """rise rises risen rising rose fall falls fell fallen falling increase increases increased
    increasing decrease decreases decreased decreasing drop drops dropped dropping grow grows
    grew grown growing jump jumps jumped jumping climb climbs climbed climbing decline declines
    declined declining cut cuts cutting raise raises raised raising reduce reduces reduced
    reducing slash slashes slashed slashing boost boosts boosted boosting lower lowers lowered
    lowering shrink shrinks shrank shrunk shrinking soar soars soared soaring plunge plunges
    plunged plunging surge surges surged surging go goes went gone going up down change changes
    changed changing revise revises revised revising move moves moved moving swing swings swung
    swinging"""
)
_CHANGE_BEFORE = re.compile(
    rf"{_BLANKS}(?:[A-Za-z]+{_BLANKS}){{0,2}}?(?:{_backwards(_CHANGE_VERBS)})(?![A-Za-z])",
    re.IGNORECASE,
)
_MONTHS = _words(
    """January February March April May June July August September October November December Jan
    Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec"""
)
_MONTH_BEFORE = re.compile(rf"{_BLANKS}\.?(?:{_backwards(_MONTHS)})(?![A-Za-z])")
_MONTH_AFTER = re.compile(rf"{_BLANKS}(?:of{_BLANKS})?(?:{trie_regex(_MONTHS)})\b")
_ID_WORDS = _words(
    """id no nr nos p pp art vol tel ref page pages article section chapter volume issue flight
    route code phone fax isbn room box highway interstate platform gate episode number
    resolution bus line model version reference case image photo slide picture"""
)
_ID_BEFORE = re.compile(
    rf"[ \t]*(?::?\.?(?:{_backwards(_ID_WORDS)})(?![A-Za-z])|#"
    # "Image 6 of 11": the second number of a gallery caption.
    rf"|(?:/[ \t]*)?fo[ \t]+\d+[ \t]+(?:{_backwards(_words('image photo slide picture page'))})"
    r"(?![A-Za-z]))",
    re.IGNORECASE,
)
# Words after which four digits are a year whatever follows ("the 2014 elections"); after any
# other word ("and", "of", "between") they are a year unless they count something.
_YEAR_WORDS = _words(
    """in since by from until till through before after during early late mid the this that year
    fiscal spring summer autumn fall winter copyright ©"""
)
_YEAR_BEFORE = re.compile(
    rf"[ \t,\-–]*(?:\.?(?:{_backwards(_YEAR_WORDS + _MONTHS)})(?![A-Za-z])|s['’](?=[A-Za-z]))",
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
    rf"{_BLANKS}(?:{_backwards(_words('no every any some the this that which each'))})"
    r"(?![A-Za-z])",
    re.IGNORECASE,
)
_PRONOUN_AFTER = re.compile(
    r"[ \t]+(?:of|that|who|which|another|is|was|has|had|will|would|could|can|must|should|may|"
    r"might|does|did)\b|[ \t]*[,.;:!?)]"
)
_TOKEN = re.compile(r"[\w.\-/]*")
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_SIGN_CONTEXT = frozenset(" \t\n([<>=:\u00a0")
_DOT_CONTEXT = _SIGN_CONTEXT | frozenset("-−+$£€")

# What may follow a number.
_SCORE = re.compile(r"[ \t]?[-–][ \t]?(\d{1,3})(?![\d.,%])")
_RANGE_AFTER = re.compile(r"[ \t]*([-–—])[ \t]*|[ \t]+(to|through|thru|and|or)[ \t]+")
_MORE = frozenset({"more", "greater", "higher", "above", "over", "upwards", "+", "plus"})
_BOUND_AFTER = re.compile(
    r"[ \t]+(?:or|and)[ \t]+(more|greater|higher|above|over|upwards|less|fewer|lower|below|under)"
    r"(?![ \t]+than)(?:[ \t]+or[ \t]+equal(?:[ \t]+to)?)?(?![A-Za-z])"
    r"|[ \t]+or[ \t]+equal[ \t]+to(?:[ \t]+(?:it|that))?(?![A-Za-z])"
    r"|(\+)(?![\d\w])|-?[ \t]?(plus)(?![ \t]*\d)(?![A-Za-z])"
    r"|[ \t]+(or[ \t]+so|more[ \t]+or[ \t]+less|give[ \t]+or[ \t]+take)(?![A-Za-z])",
    re.IGNORECASE,
)
_AND_BOUND = re.compile(r"[ \t]+(?:and|but)[ \t]+", re.IGNORECASE)
_BACK_REFERENCE = re.compile(r"[ \t]+of[ \t]+(?:that|this|it|those|these|them)\b", re.IGNORECASE)
_SHARE_OF = re.compile(r"[ \t]+(?:in|out[ \t]+of)[ \t]+(?=[\dA-Za-z])")
_OF = re.compile(r"[ \t]+of[ \t]+")
_AGO = re.compile(r"[ \t]+(?:ago|earlier)\b", re.IGNORECASE)
_INCH = re.compile(r"[ \t]+(\d{1,2})[ \t]*(?:in\b|inches\b|\")")
_CURRENCY_SKIP = re.compile(r"(?:US|A|C|HK|NZ)?[$£€¥₹]|[A-Z]{3}[ ]?")
_NOUN_WORD = r"[ \t]+([A-Za-z][A-Za-z'’\-]*)"
_NOUN = re.compile(_NOUN_WORD)
_NOUN_WORDS = re.compile(rf"{_NOUN_WORD}(?:{_NOUN_WORD}(?:{_NOUN_WORD})?)?")
_SCALE_END = re.compile(
    r"(?:thousand|million|billion|trillion|lakh|crore|bn|mn|tn|m|k)\Z", re.IGNORECASE
)
_SHARE_DENOMINATORS = frozenset({2, 3, 4, 5, 6, 8, 10, 16, 100})
_POWERS_OF_TEN = frozenset({10.0, 100.0, 1e3, 1e4, 1e5, 1e6})
_PERCENT = Unit("%", 1.0, "percent")
_FRACTION_SHARE = Unit("%", 100.0, "percent")
_FEET = frozenset({"ft", "foot", "feet"})

_STOPWORDS = frozenset(
    _words(
        """the a an of in on at to from by with for and or but nor as is are was were be been being
        am has have had having will would can could may might must shall should do does did that
        which who whom whose what when where while why how this these those it its their his her
        our your my they them we he she i you us him than then per each every more less most
        least ago later earlier before after since during until into onto over under about
        around between through across against among amid not no so such very also only just
        still already all some any other another there here if whether because although though
        out up down off away back said says say told tell remains remain became become including
        include includes like near within without toward towards via according whereas yet else
        ever never again too quite own same both either neither"""
    )
)
_IRREGULAR_PLURALS = frozenset(
    _words(
        """people men women children police personnel staff cattle livestock militia fish sheep
        deer aircraft teeth mice geese data media clergy youth"""
    )
)


class _Part(NamedTuple):
    """One number as written, with its currency or unit: ``value`` is in the written unit.

    Named tuples here and in :mod:`factcheck.numbers`: several are built per number found, and
    a frozen dataclass costs twice as much to build.
    """

    reading: Reading
    start: int
    end: int
    value: float | None
    unit: Unit | None = None
    written_unit: str | None = None


class _Prefix(NamedTuple):
    """The hedge, bound or range word right before a number."""

    phrase: str
    kind: str
    start: int


def find_quantities(
    text: str, start: int = 0, end: int | None = None, *, style: NumberStyle | None = None
) -> list[Quantity]:
    """Every quantity stated in ``text[start:end]``, sorted by start and non-overlapping, with
    offsets into the whole ``text``. ``style`` is the article's separator convention; it is read
    from the whole ``text`` when not given (pass it when scanning one sentence at a time)."""
    hi = len(text) if end is None else max(0, min(end, len(text)))
    lo = max(0, min(start, hi))
    if lo >= hi:
        return []
    scan = _Scan(text, lo, hi, style or detect_style(text))
    found: list[Quantity] = []
    resume = lo
    zones = bool(scan.zones)
    for m in _ANCHOR.finditer(text, lo, hi):
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


class _Scan:
    """One call's reading: the text, the window, the style and the spans to leave alone."""

    def __init__(self, text: str, lo: int, hi: int, style: NumberStyle) -> None:
        self.text, self.lo, self.hi, self.style = text, lo, hi, style
        self.zones: list[tuple[int, int]] = []
        # Only the window is searched (a URL may start a little before it): callers scan an
        # article one sentence at a time, and a search of the whole text each time is quadratic.
        near = max(0, lo - 256)
        if any(text.find(marker, near, hi) >= 0 for marker in ("://", "www.", "@")):
            self.zones = [(m.start(), m.end()) for m in _URL.finditer(text, near, hi)]
        self.starts = [z[0] for z in self.zones]

    def blocked(self, at: int) -> bool:
        """Inside a URL or an e-mail address."""
        i = bisect.bisect_right(self.starts, at) - 1
        return i >= 0 and at < self.zones[i][1]

    def read(
        self, m: re.Match[str], floor: int, found: list[Quantity]
    ) -> tuple[Quantity | None, int]:
        """The quantity whose number anchor ``m`` starts, or where to resume scanning."""
        kind = _anchor_kind(m)
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
        score = _SCORE.match(self.text, part.end, self.hi) if part.reading.digits else None
        if score and part.unit is None and int(score.group(1)) <= (part.value or 0):
            # "a 5-4 ruling", "won 3-1": a score, not a range or two quantities.
            return None, score.end()
        return self._quantity(part, floor, found), part.end

    def _cannot_start(self, m: re.Match[str], floor: int) -> bool:
        """A word that starts no quantity here: "one" as a pronoun, or an ordinal ("third
        biggest") without the article that would make it a fraction ("a third")."""
        text, lo, at = self.text, max(self.lo, floor), m.start()
        word = m.group().lower()
        left = _behind(_LEFT_BEFORE, text, lo, at)
        if word == "one":
            after = _PRONOUN_AFTER.match(text, m.end(), self.hi) is not None
            return left is None and (after or _behind(_ONE_BEFORE, text, lo, at) is not None)
        return word in ORDINAL_WORDS and (left is None or left.group(2) is None)

    def _skip_to(self, at: int) -> int:
        if not self.text[at].isdigit():
            return at + 1
        skip = self._not_a_number(at)
        if skip is None:
            skip = _TOKEN.match(self.text, at, self.hi).end()  # type: ignore[union-attr]
        return max(skip, at + 1)

    def _prefix(self, lo: int, pos: int) -> _Prefix | None:
        m = _behind(_PREFIX_BEFORE, self.text, lo, pos)
        if m is None:
            return None
        phrase = _norm((m.group(1) or m.group(2))[::-1])
        return _Prefix(phrase, _PREFIXES[phrase], pos - m.end())

    # Reading one number.

    def _part(self, at: int, floor: int, *, context: bool) -> _Part | None:
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
            left = _behind(_LEFT_BEFORE, text, lo, at)
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
            return _Part(reading, currency[2], stop, reading.value, unit, currency[1])
        if unit_found is None:
            return _Part(reading, reading.start, stop, reading.value)
        unit, written, unit_end = unit_found
        value = reading.value
        if written == "m" and glued and _plural_follows(text, unit_end, hi):
            # "5m people": a million, not five metres.
            return _Part(reading, reading.start, unit_end, None if value is None else value * 1e6)
        if written.lower() in ("pound", "pounds") and _sterling(text, reading, unit_end, hi):
            unit = Unit("GBP", 1.0, "currency")
        if written in _FEET and value is not None:
            inch = _INCH.match(text, unit_end, hi)
            if inch:
                value += float(inch.group(1)) / 12
                unit_end = inch.end()
        return _Part(reading, reading.start, unit_end, value, unit, written)

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
        text, lo, hi = self.text, self.lo, self.hi
        if at > lo:
            before = text[at - 1]
            glued = before.isalpha() or before in "_'’" or before.isdigit()
            glued = glued or (before in "-‐" and at - 2 >= lo and text[at - 2].isalpha())
            glued = glued or (before in ".," and at - 2 >= lo and text[at - 2].isdigit())
            if glued:
                return _TOKEN.match(text, at, hi).end()  # type: ignore[union-attr]
        m = _NO_NUMBER.match(text, at, hi)
        return None if m is None else m.end()

    def _not_a_quantity(
        self, reading: Reading, lo: int, unit: tuple[Unit, str, int] | None
    ) -> bool:
        """Years, day numbers of dates, identifiers and names ("CBS 3") among bare integers."""
        if unit is not None and unit[0].kind != "time":
            return False
        text, hi = self.text, self.hi
        digits = reading.digits or ""
        at = reading.start
        if _behind(_ID_BEFORE, text, lo, at):
            return True
        # Counts that large are written with separators; "21209" alone is a ZIP or case number.
        if len(digits) >= 5 and unit is None and _noun_span(text, reading.end, hi, 2.0) is None:
            return True
        if len(digits) <= 4 and unit is None and _behind(_ACRONYM_BEFORE, text, lo, at):
            return True
        value = int(digits)
        month = _behind(_MONTH_BEFORE, text, lo, at) or _MONTH_AFTER.match(text, reading.end, hi)
        if value <= 31 and len(digits) <= 2 and month:
            return True
        if len(digits) == 4 and 1800 <= value <= 2099 and unit is None:
            prefix = self._prefix(lo, at)
            if prefix is not None and prefix.kind not in ("between", "from"):
                return False
            if _behind(_YEAR_BEFORE, text, lo, at):
                return True
            # "2000 people" counts; "2017 WMC Action News" and "2014 World Cup" name a year.
            counted = _noun_span(text, reading.end, hi, value)
            return counted is None or not counted[0][0].islower()
        # "call 911", "(8477)", "Newsradio 780 &", "Fox 8 that", "Channel 4 News": a name or code;
        # "3 Americans" and "Police found 3 bodies" count.
        named_by = _behind(_NAME_BEFORE, text, lo, at)
        named = named_by is not None and named_by.group(1)[::-1].lower() not in _STOPWORDS
        counted = _noun_span(text, reading.end, hi, value)
        if counted is not None:
            return named and not counted[0][0].islower()
        if named:
            return True
        bracketed = at > lo and text[at - 1] == "(" and len(digits) >= 4
        return bool(value in _EMERGENCY or bracketed or _ACRONYM_AFTER.match(text, reading.end, hi))

    # Reading what is around the number.

    def _quantity(self, first: _Part, floor: int, found: list[Quantity]) -> Quantity | None:
        text, hi = self.text, self.hi
        lo = max(self.lo, floor)
        reading = first.reading
        if reading.value is None:
            return self._vague(first)
        prefix = self._prefix(lo, first.start)
        kind = prefix.kind if prefix else None
        if reading.slash and not self._share_slash(first, kind):
            return None
        change = kind == "from" and prefix and _behind(_CHANGE_BEFORE, text, lo, prefix.start)
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
        if share and _ordinal_use(text, reading, first.end, hi):
            return None
        if first.unit is None and second is None and not share:
            ratio = self._share_of(first)
            if ratio is not None:
                value, end = ratio
                low = high = value
                share, unit, written = True, _PERCENT, "fraction"
        if unit is None and share:
            unit, written = _FRACTION_SHARE, "fraction"
        approx = kind in ("approx", "nearly")
        if kind == "low":
            low, high, value = value, None, None
        elif kind == "high":
            low, high, value = None, value, None
        elif kind == "nearly":
            low = None
        suffix = _BOUND_AFTER.match(text, end, hi)
        if suffix and second is None and kind in (None, "exact", "approx"):
            word = (suffix.group(1) or suffix.group(2) or suffix.group(3) or "").lower()
            if suffix.group(4):
                approx, hedge = True, hedge or _norm(suffix.group(4))
            elif word in _MORE:
                low, high, value, hedge = value, None, None, _norm(suffix.group())
            elif word:
                low, high, value, hedge = None, value, None, _norm(suffix.group())
            end = suffix.end()
        elif suffix and kind in ("low", "high") and "equal" in suffix.group().lower():
            end = suffix.end()
        base = None
        if share:
            back = _BACK_REFERENCE.match(text, end, hi)
            if back and found:
                base, end = found[-1].text, back.end()
        noun = None
        if unit is None and not share:
            counted = _noun_span(text, end, hi, value if value is not None else 2.0)
            if counted is not None:
                noun, end = counted
            elif second is None and kind is None and _is_pronoun(text, reading):
                return None
        if unit is not None and unit.kind == "time" and _AGO.match(text, end, hi):
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

    def _vague(self, part: _Part) -> Quantity:
        """ "tens of victims", "hundreds of thousands", "millions of dollars"."""
        text, hi = self.text, self.hi
        unit, written, end = part.unit, part.written_unit, part.end
        noun = None
        if unit is None:
            of = _OF.match(text, end, hi)
            measure = match_unit(text, of.end() - 1, hi) if of else None
            if measure is not None:
                unit, written, end = measure
            elif of is not None:
                counted = _noun_span(text, of.end() - 1, hi, 2.0)
                if counted is not None:
                    noun, end = counted
            else:
                counted = _noun_span(text, end, hi, 2.0)
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

    def _share_slash(self, part: _Part, kind: str | None) -> bool:
        """Whether ``a/b`` is a share rather than a date or a score: a proper fraction with a usual
        denominator, or one that is signed, hedged, followed by "of" or by a unit."""
        written = self.text[part.reading.start : part.reading.end]
        if part.unit is not None or written[0] in "-−+." or kind is not None:
            return True
        if _OF.match(self.text, part.end, self.hi):
            return True
        numerator, _, denominator = written.partition("/")
        return int(denominator) in _SHARE_DENOMINATORS and int(numerator) < int(denominator)

    def _share_of(self, part: _Part) -> tuple[float, int] | None:
        """ "one in five", "3 out of 4": a share on the 0-100 scale, and where it ends."""
        value = part.value
        if value is None or not value.is_integer() or value <= 0:
            return None
        m = _SHARE_OF.match(self.text, part.end, self.hi)
        if m is None:
            return None
        anchor = _ANCHOR.match(self.text, m.end(), self.hi)
        if anchor is None or _anchor_kind(anchor) != "number":
            return None
        whole = self._part(m.end(), m.end(), context=True)
        if whole is None or whole.value is None or whole.unit is not None:
            return None
        if not whole.value.is_integer() or whole.value <= value or whole.reading.share:
            return None
        return 100 * value / whole.value, whole.end

    def _range_end(
        self, first: _Part, kind: str | None
    ) -> tuple[float, float, Unit | None, str | None, int] | None:
        """The second number of a range after ``first``: low, high, unit, written unit, end."""
        text, hi = self.text, self.hi
        m = _RANGE_AFTER.match(text, first.end, hi)
        if m is None or first.value is None or first.reading.slash:
            return None
        word = (m.group(2) or "").lower()
        if (word == "and" and kind != "between") or (kind == "from" and word != "to"):
            return None
        at = m.end()
        skip = _CURRENCY_SKIP.match(text, at, hi)
        if skip and currency_before(text, at, skip.end()) is not None:
            at = skip.end()
        anchor = _ANCHOR.match(text, at, hi)
        if anchor is None or _anchor_kind(anchor) != "number":
            return None
        second = self._part(anchor.start(), first.end, context=False)
        if second is None or second.value is None or second.reading.slash:
            return None
        if (m.group(1) or word == "or") and first.reading.words != second.reading.words:
            return None
        low, high = first.value, second.value
        scale = _SCALE_END.search(text, second.reading.start, second.reading.end)
        if scale and not _SCALE_END.search(text, first.reading.start, first.reading.end):
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
        joint = _AND_BOUND.match(text, end, hi)
        if joint is None:
            return None
        anchor = _ANCHOR.search(text, joint.end(), min(hi, joint.end() + 48))
        if anchor is None or _anchor_kind(anchor) != "number":
            return None
        part = self._part(anchor.start(), joint.end(), context=False)
        if part is None or part.value is None:
            return None
        prefix = self._prefix(joint.end(), part.start)
        if prefix is None or prefix.start != joint.end() or {kind, prefix.kind} != {"low", "high"}:
            return None
        other_unit = part.unit or (_FRACTION_SHARE if part.reading.share else None)
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
        if unit.kind == "time" and _AGO.match(text, end, hi):
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
        number = _ANCHOR.match(self.text, at, self.hi)
        if number is None or _anchor_kind(number) != "number":
            return None
        part = self._part(at, at, context=True)
        if part is None or part.value is None or part.unit is not None or part.reading.share:
            return None
        value = part.value
        written = _norm(m.group()[:-2])
        return self._build(
            m.start(), part.end, (value, value, value), unit=_PERCENT, written=written
        )


def _anchor_kind(m: re.Match[str]) -> str:
    """What an anchor starts: a "number", an "article" before a unit, or a reversed "percent"."""
    found = m.group()
    if found[-1] == "f" and found[-2:] == "of":
        return "percent"
    if (found[0] in "aA" and not found[1:2].isalpha()) or found[:3] in ("an ", "An ", "an\t"):
        return "article"
    return "number"


def _ordinal_use(text: str, reading: Reading, end: int, hi: int) -> bool:
    """ "a third time", "a fifth straight day": an article and an ordinal before a noun rank;
    "a third of", "a third said" share."""
    if not reading.words or text[reading.start : reading.start + 2].lower() not in ("a ", "an"):
        return False
    following = _NOUN.match(text, end, hi)
    return following is not None and following.group(1).lower() not in _STOPWORDS


def _norm(phrase: str) -> str:
    return " ".join(phrase.split()).lower()


def _round_plural(text: str, reading: Reading, hi: int) -> _Part | None:
    """ "1,000s of traders", "100s of homes": a round number made plural is a vague amount."""
    stop = reading.end
    value = reading.value or 0.0
    followed = stop + 1 < hi and text[stop + 1].isalnum()
    if text[stop] != "s" or value not in _POWERS_OF_TEN or followed:
        return None
    vague = Reading(reading.start, stop + 1, None, low=2 * value, high=10 * value - 1)
    return _Part(vague, reading.start, stop + 1, None)


def _sterling(text: str, reading: Reading, end: int, hi: int) -> bool:
    """ "5 million pounds" is money; "25 pounds" and "2 million pounds of waste" are weights."""
    scaled = _SCALE_END.search(text, reading.start, reading.end) is not None
    return scaled and _OF.match(text, end, hi) is None


def _bare_article(text: str, reading: Reading) -> bool:
    return reading.words and text[reading.start : reading.end].lower() in ("a", "an")


def _is_pronoun(text: str, reading: Reading) -> bool:
    """ "one of them", "the one that": a lone "one" that counts nothing."""
    return reading.words and text[reading.start : reading.end].lower() == "one"


def _is_plural(word: str) -> bool:
    lower = word.lower()
    if lower in _IRREGULAR_PLURALS:
        return True
    return len(lower) > 2 and lower.endswith("s") and not lower.endswith(("ss", "us", "is", "'s"))


def _plural_follows(text: str, pos: int, hi: int) -> bool:
    m = _NOUN.match(text, pos, hi)
    return m is not None and m.group(1).lower() not in _STOPWORDS and _is_plural(m.group(1))


def _noun_span(text: str, pos: int, hi: int, value: float) -> tuple[str, int] | None:
    """What is counted after a number, and where it ends: up to three words, the last one a
    plural noun ("126 key places", "2,000 terrorists"), or a singular one after one."""
    m = _NOUN_WORDS.match(text, pos, hi)
    if m is None:
        return None
    words: list[tuple[str, int]] = []
    for group in (1, 2, 3):
        word = m.group(group)
        if word is None:
            break
        lower = word.lower()
        # "US soldiers": capitals make an abbreviation of what would be a stopword.
        stop = lower in _STOPWORDS and not (len(word) > 1 and word.isupper())
        if stop or lower in NUMBER_WORDS or word.endswith("-"):
            break
        words.append((word, m.end(group)))
    last = max((i for i, (w, _) in enumerate(words) if _is_plural(w)), default=-1)
    if last < 0 and value == 1 and words:
        first = words[0][0]
        if first[0].islower() and not first.endswith(("ed", "ing", "ly")):
            last = 0
    if last < 0:
        return None
    return " ".join(w for w, _ in words[: last + 1]), words[last][1]
