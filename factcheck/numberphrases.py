"""Provides the reading of numbers written in words. Word numbers follow English grammar ("two
hundred and six", "twenty-one trillion and three hundred"); a phrase ending in an ordinal is a
fraction ("two-thirds", "one hundred thirty-fifths" = 100/35); "point" gives decimals ("two point
five"), "over" a share ("one over twenty"), and plurals a vague amount ("dozens", "several
hundred").
"""

from __future__ import annotations

import math
import re

from factcheck.numberstyle import DIGIT_TOKEN
from factcheck.numberwords import (
    AND,
    ARTICLE,
    CARDINALS,
    COMPOUND_ONLY,
    DIGITS,
    DOZEN,
    HUNDRED,
    INDIAN_SCALES,
    MIXED_SCALES,
    ORDINAL,
    ORDINALS,
    SCALE,
    SCALE_WORDS,
    TEEN,
    TENS,
    UNIT,
    VAGUE_PLURALS,
    Reading,
    Token,
)

_WORD = re.compile(r"([ \t\u00a0]*)(?:([-\u2010\u2011])[ \t\u00a0]*)?([A-Za-z]+)")
_HALF_OF_SCALE = re.compile(r"[ \t]+an?[ \t]+(dozen|hundred|thousand|million|billion|trillion)\b")
_OVER = re.compile(r"[ \t]+over[ \t]+")
_GLUED_WORD = re.compile(r"-[A-Za-z]")
_PLAIN_INTEGER = re.compile(r"\d{1,6}(?![\d.,])")
_POINT = re.compile(r"[ \t]+point(?=[ \t]+[A-Za-z])", re.IGNORECASE)
_VAGUE = re.compile(
    r"(tens|dozens|scores|hundreds|thousands|millions|billions|trillions)"
    r"(?:[ \t]+(?:of[ \t]+)?(thousands|millions|billions))?(?![A-Za-z])",
    re.IGNORECASE,
)
_FEW = re.compile(
    r"(several|a[ \t]+few|many)[ \t]+(hundred|thousand|million|billion)(?![A-Za-z])",
    re.IGNORECASE,
)


def scale_word_at(text: str, pos: int, end: int) -> bool:
    """Whether a scale word ("hundred", "million", "dozen") follows at ``pos``, blanks aside."""
    m = _WORD.match(text, pos, end)
    if m is None or m.group(2):
        return False
    kind = CARDINALS.get(m.group(3).lower(), (-1, 0.0))[0]
    return kind in (SCALE, HUNDRED, DOZEN)


def _tokens(text: str, pos: int, end: int, first: Token | None) -> list[Token]:
    """The run of number words from ``pos``: cardinals, ordinals, "and", articles, and digits
    after "and" ("3 hundred and 21"). The run stops after an ordinal unless a scale follows."""
    toks: list[Token] = []
    if first is not None:
        toks.append(first)
        pos = first.end
    while pos < end:
        m = _WORD.match(text, pos, end)
        if m is None:
            if toks and toks[-1].kind in (AND, SCALE):
                n = DIGIT_TOKEN.match(text, pos + 1, end) if text[pos] in " \t" else None
                # After a scale, digits go on only before a smaller scale ("2 crore 50 lakh");
                # after "and", only when they end the number ("3 hundred and 21").
                if n and (toks[-1].kind == SCALE) != scale_word_at(text, n.end(), end):
                    n = None
                if n and n.group().isdigit():
                    toks.append(Token(DIGITS, float(n.group()), n.start(), n.end()))
                    pos = n.end()
                    continue
            break
        if m.group(1) == "" and m.group(2) is None and toks:
            break
        word = m.group(3).lower()
        hyphen = m.group(2) is not None
        kind, value = CARDINALS.get(word, (-2, 0.0))
        ordinal_of = -1
        if kind == -2:
            ordinal = ORDINALS.get(word)
            # "a third-party vendor", "half-brother": an ordinal glued to a word is an adjective.
            if ordinal is None or _GLUED_WORD.match(text, m.end(), end):
                break
            if word in COMPOUND_ONLY and not (toks and toks[-1].kind == TENS):
                break
            kind, value, ordinal_of = ORDINAL, ordinal[1], ordinal[0]
        if kind == ARTICLE and toks and toks[-1].kind != AND:
            break
        if kind == AND and (not toks or hyphen):
            break
        if toks and toks[-1].kind == ORDINAL and kind != SCALE:
            break
        if hyphen and not toks:
            break
        plural = word.endswith("s") or word == "halves"
        toks.append(Token(kind, value, m.start(3), m.end(3), hyphen, ordinal_of, plural))
        pos = m.end()
    while toks and toks[-1].kind in (AND, ARTICLE):
        toks.pop()
    return toks


def _cardinal(toks: list[Token], i: int, j: int, ordinal: Token | None = None) -> tuple[float, int]:
    """Longest well-formed cardinal in ``toks[i:j]`` (then ``ordinal`` read as its cardinal):
    its value and the index after it (``i`` when none)."""
    seq = toks[i:j] if ordinal is None else [*toks[i:j], ordinal]
    total = group = 0.0
    state = "start"
    last_scale = math.inf
    hundred = False
    best = (0.0, i)
    for k, tok in enumerate(seq):
        kind, value = tok.kind, tok.value
        following = seq[k + 1].kind if k + 1 < len(seq) else -1
        if kind == AND:
            if state not in ("hundred", "scale"):
                break
            state = "and"
            continue
        if kind == UNIT:
            if state in ("start", "hundred", "scale", "and") or (state == "tens" and value > 0):
                group += value
                state = "unit"
            else:
                break
        elif kind in (TEEN, TENS):
            if state not in ("start", "hundred", "scale", "and"):
                break
            group += value
            state = "tens" if kind == TENS else "unit"
        elif kind == DIGITS:
            if state == "start":
                group, state = value, "unit"
            elif state in ("hundred", "scale", "and") and value.is_integer() and value < 100:
                # Digits after "and" end the number: "3 hundred and 21", not "... and 5 million";
                # after a scale a smaller scale may follow: "2 crore 50 lakh".
                group += value
                state = "last" if state == "and" else "unit"
            else:
                break
        elif kind == ARTICLE:
            # "a" counts as one only before "hundred", "million" or "dozen".
            if state != "start" or following not in (HUNDRED, SCALE, DOZEN):
                break
            group, state = 1.0, "article"
            continue
        elif kind == HUNDRED:
            if state == "start" and following == SCALE:
                group, hundred, state = 100.0, True, "hundred"
            elif state in ("unit", "tens", "article") and not hundred and 0 < group < 1000:
                group *= 100
                hundred, state = True, "hundred"
            else:
                break
        elif kind == SCALE:
            mixed = {value, last_scale} <= MIXED_SCALES and (value in INDIAN_SCALES) != (
                last_scale in INDIAN_SCALES
            )
            if state in ("unit", "tens", "hundred", "article") and group > 0 and value < last_scale:
                if mixed:
                    break
                total += group * value
                group, hundred, last_scale, state = 0.0, False, value, "scale"
            else:
                break
        elif kind == DOZEN:
            if state in ("unit", "tens", "article") and not hundred and total == 0:
                group *= 12
                state = "dozen"
            else:
                break
        else:
            break
        best = (total + group, i + k + 1)
    return best


def _fraction(toks: list[Token], i: int, k: int) -> float | None:
    """Value of numerator ``toks[i:k]`` over the denominator that ends in ordinal ``toks[k]``.

    The denominator is the longest well-formed ordinal phrase that leaves a well-formed numerator:
    "one hundred thirty-fifths" is 100/35 and "one hundred thirty-two fifths" 132/5. A compound
    like "ninety-five" is never split.
    """
    last = toks[k]
    if i == k:
        return 0.5 if last.ordinal_of == -1 and last.value == 2.0 and not last.plural else None
    compound_only = last.ordinal_of == UNIT and last.value in (1.0, 2.0)
    for d in range(i + 1, k + 1):
        if (last.ordinal_of == -1 and d != k) or (compound_only and d == k):
            continue
        if toks[d].hyphen and toks[d - 1].kind == TENS:
            continue
        if d < k and toks[d].kind in (HUNDRED, SCALE):
            continue
        if d == k and (last.ordinal_of in (-1, HUNDRED, SCALE)):
            denominator = last.value
        else:
            as_cardinal = Token(last.ordinal_of, last.value, last.start, last.end)
            denominator, n = _cardinal(toks, d, k, as_cardinal)
            if n != k + 1 or denominator == 0:
                continue
        if d == i + 1 and toks[i].kind == ARTICLE:
            numerator = 1.0
        else:
            numerator, n = _cardinal(toks, i, d)
            if n != d or numerator <= 0:
                continue
        # "twenty-fifth anniversary" is an ordinal: more than one needs a plural denominator.
        if numerator > 1 and not last.plural:
            continue
        return numerator / denominator
    return None


def read_words(
    text: str, pos: int, end: int, first: Token | None = None, *, whole: bool = False
) -> Reading | None:
    """The word phrase at ``pos`` (after the digits ``first`` when given); ``whole``: an
    integer only, as the denominator of "one over twenty" is (and never itself a fraction)."""
    few = _FEW.match(text, pos, end) if first is None else None
    if few:
        base = SCALE_WORDS.get(few.group(2).lower(), 100.0)
        lead = few.group(1).lower()
        if lead.startswith("a"):
            low, high = 2 * base, 5 * base
        else:
            low, high = (3 if lead == "several" else 2) * base, 10 * base - 1
        return Reading(pos, few.end(), None, words=True, low=low, high=high)
    vague = _VAGUE.match(text, pos, end) if first is None else None
    if vague:
        base = VAGUE_PLURALS[vague.group(1).lower()]
        times = VAGUE_PLURALS[vague.group(2).lower()] if vague.group(2) else 1.0
        low, high = 2 * base, 10 * base - 1
        if base == 12.0:
            low, high = 24.0, 99.0
        elif base == 20.0:
            low, high = 40.0, 99.0
        if vague.group(2):
            low, high = low * times, (high + 1) * times - 1
        return Reading(pos, vague.end(), None, words=True, low=low, high=high)
    toks = _tokens(text, pos, end, first)
    if not toks:
        return None
    words = first is None
    ordinal_at = next((k for k, t in enumerate(toks) if t.kind == ORDINAL), None)
    if ordinal_at is not None:
        # A number run that ends in an ordinal but is no fraction is an ordinal ("twenty-fifth").
        return _read_fraction(text, toks, ordinal_at, end, words)
    value, n = _cardinal(toks, 0, len(toks))
    if n == 0:
        return None
    stop = toks[n - 1].end
    if words and n == 1 and toks[0].kind == SCALE:
        return None
    point = _POINT.match(text, stop, end)
    if point and value.is_integer():
        decimals = _decimal_digits(_tokens(text, point.end(), end, None))
        if decimals:
            digits, last = decimals
            return Reading(pos, last, value + float("0." + digits), words=words)
    if whole:
        return Reading(pos, stop, value, words=words)
    over = _OVER.match(text, stop, end)
    below = _integer_at(text, over.end(), end) if over and value.is_integer() else None
    if _divides(value, below) and below is not None and _ends_phrase(text, below.end, end):
        return Reading(pos, below.end, value / (below.value or 1.0), share=True, words=words)
    return Reading(pos, stop, value, words=words)


def _divides(value: float, below: Reading | None) -> bool:
    """ "one over twenty": a whole number over a larger one."""
    if below is None or below.value is None or below.share:
        return False
    return below.value.is_integer() and below.value > value > 0


def _integer_at(text: str, pos: int, end: int) -> Reading | None:
    """A whole number written in plain digits or in words at ``pos``."""
    m = _PLAIN_INTEGER.match(text, pos, end)
    if m:
        return Reading(pos, m.end(), float(m.group()), digits=m.group())
    return read_words(text, pos, end, whole=True)


def _ends_phrase(text: str, pos: int, end: int) -> bool:
    """No word follows: "1 over 3" is a fraction, "won 1 over 3 rivals" is not."""
    m = _WORD.match(text, pos, end)
    return m is None or (m.group(1) == "" and m.group(2) is None)


def _decimal_digits(toks: list[Token]) -> tuple[str, int] | None:
    """ "zero three" -> "03", "seventy-one" -> "71": the digits spoken after "point"."""
    digits = ""
    last = 0
    k = 0
    while k < len(toks):
        tok = toks[k]
        if tok.kind == UNIT:
            digits += str(int(tok.value))
        elif tok.kind in (TEEN, TENS):
            value = int(tok.value)
            if (
                tok.kind == TENS
                and k + 1 < len(toks)
                and toks[k + 1].kind == UNIT
                and toks[k + 1].hyphen
            ):
                value += int(toks[k + 1].value)
                k += 1
            digits += str(value)
        else:
            break
        last = toks[k].end
        k += 1
    return (digits, last) if digits else None


def _read_fraction(text: str, toks: list[Token], k: int, end: int, words: bool) -> Reading | None:
    scale = toks[k + 1].value if k + 1 < len(toks) and toks[k + 1].kind == SCALE else None
    stop = toks[k + 1].end if scale else toks[k].end
    for a in range(k - 1, 0, -1):
        if toks[a].kind != AND:
            continue
        whole, n = _cardinal(toks, 0, a)
        if n != a:
            continue
        part = _fraction(toks, a + 1, k)
        # A mixed number ends in a proper fraction; "one hundred and thirty fifths" is 130/5.
        if part is None or part >= 1:
            continue
        last = toks[a - 1]
        if scale is not None:
            inner = max((t.value for t in toks[:a] if t.kind == SCALE), default=0.0)
            value = whole + part * scale if inner > scale else (whole + part) * scale
        elif last.kind == SCALE and last.value >= 1e3:
            value = whole + part * last.value
        else:
            value = whole + part
        return Reading(toks[0].start, stop, value, words=words)
    part = _fraction(toks, 0, k)
    if part is None and k == 0 and scale is not None and toks[0].ordinal_of == -1:
        part = 1 / toks[0].value
    if part is None:
        return None
    if scale is not None:
        return Reading(toks[0].start, stop, part * scale, words=words)
    half = _HALF_OF_SCALE.match(text, stop, end)
    if half and part < 1:
        multiplier = CARDINALS[half.group(1).lower()][1]
        return Reading(toks[0].start, half.end(), part * multiplier, words=words)
    return Reading(toks[0].start, stop, part, share=part <= 1, words=words)
