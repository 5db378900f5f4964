"""Provides attribution spotting: who a sentence says a claim comes from ("according to analysts",
"the Pentagon has affirmed that", "…,” said J.M. Berger", "police said"), and the quoted regions
of a paragraph so that every sentence of a quote gets its speaker.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from factcheck.trie import trie_regex
from factcheck.wordscan import Vocabulary, WordScan

_VERB = (
    r"(?:said|says|say|told(?:\s+(?:[A-Z][\w.]*|reporters|the\s+\w+))?|tells?|added|adds"
    r"|affirmed|affirms|confirmed|confirms|stated|states|estimated|estimates|reported|reports"
    r"|announced|announces|claimed|claims|noted|notes|explained|explains|warned|warns"
    r"|pointed\s+out|believes?|declared|declares|wrote|writes|asserted|insisted|acknowledged)"
)
_AUX = r"(?:(?:also|further|later|earlier|previously)\s+)?(?:(?:has|have|had)\s+)?"
_PHRASE = r"[^,;:“”\"()\[\]]{1,80}?"
_LEAD_IN = r"(?:[^,;“”\"]{1,40},\s+)?"

# The word boundary is checked after the word, so that the engine skips ahead to it.
_ACCORDING = re.compile(
    r"according(?<!\waccording)\s+to\s+(?P<name>[^,;:!?“”\"()]{1,80}?)"
    r"(?=\s*[,;:!?()]|\s*\.?\s*[”\"]?\s*$|\s+(?:who|which|that)\b)",
)
_AFTER_QUOTE = re.compile(
    rf"[,?!…—-]\s*[”\"]\s*(?:{_VERB}\s+(?P<late>{_PHRASE})|(?P<early>{_PHRASE})\s+{_VERB})"
    r"(?=\s*[,;!?]|\s*\.?\s*$)"
)
_TRAILING = re.compile(
    rf",\s+(?P<name>(?:the\s+)?[\w.’'-]+(?:\s+[\w.’'-]+){{0,5}}?)\s+{_AUX}{_VERB}\s*\.?\s*$"
)
_LEADING = re.compile(
    rf"{_LEAD_IN}(?P<name>{_PHRASE})\s+{_AUX}{_VERB}(?:\s+that\b|\s*[:,]|(?=\s*[“\"]))"
)
_WHO = re.compile(
    rf"(?P<name>{_PHRASE}),\s+(?:who|which)\b[^“”\"]*?,\s+{_AUX}{_VERB}(?:\s+that\b|\s*[:,]|(?=\s*[“\"]))"
)
_RELATIVE = re.compile(r",\s+(?:who|which)\b")
# How ``_TRAILING`` ends, and how ``_WHO`` and ``_LEADING`` go on, from their verb: each verb
# follows white space, so it stands where a cue does.
_VERB_LAST = re.compile(rf"{_VERB}\s*\.?\s*$")
_VERB_LEADS = re.compile(rf"{_VERB}(?:\s+that\b|\s*[:,]|(?=\s*[“\"]))")
_BEFORE_QUOTE = re.compile(rf"(?P<name>{_PHRASE})\s+{_AUX}{_VERB}\s*[:,]?\s*[“\"]\Z")
_DETERMINER = re.compile(r"(?:the|a|an|some|one|many|several|other)\s+", re.IGNORECASE)
_CUT = re.compile(r"\s+(?:of|at|for|from|with|in)\s+(?:the\s+)?[A-Z]")
# Every attribution holds "according" or a verb of ``_VERB``, which starts with one of these
# words and stands after white space or a quotation mark; the scan starts at that mark, so that
# the engine skips ahead to it.
_CUE_WORDS = re.findall(
    r"\S+",
    "said says say told tell tells added adds affirmed affirms confirmed confirms stated states "
    "estimated estimates reported reports announced announces claimed claims noted notes "
    "explained explains warned warns pointed believe believes declared declares wrote writes "
    "asserted insisted acknowledged",
)
_CUE = re.compile(f'[\\s”"]{trie_regex(_CUE_WORDS)}')
_CUE_VOCABULARY = Vocabulary(_CUE_WORDS)
# A verb right before a quotation: what "X said: “" ends with.
_CUE_BEFORE_QUOTE = re.compile(rf"{_VERB}\s*[:,]?\s*[“\"]\Z")
PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i"})
_MAX_NAME_WORDS = 8


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who a sentence cites: the name as written (``start``/``end``) and the whole attributing
    phrase (``cue_start``/``cue_end``), which is not part of what is claimed."""

    name: str
    start: int
    end: int
    cue_start: int
    cue_end: int

    @property
    def pronoun(self) -> bool:
        """True for "he said" and the like, which name the speaker of an earlier quote."""
        return self.name.lower() in PRONOUNS


def find_attribution(text: str, start: int, end: int) -> Attribution | None:
    """The attribution of the sentence or clause ``text[start:end]``, if it has one."""
    return _attribution(text, start, end)


def _attribution(
    text: str, start: int, end: int, *, last: bool = True, leads: bool = True
) -> Attribution | None:
    """``find_attribution``; ``last`` false: no verb ends the window as ``_TRAILING`` needs,
    ``leads`` false: no verb goes on as ``_WHO`` and ``_LEADING`` need."""
    # Each pattern is tried only where the marks it needs are present.
    quoted = text.find("”", start, end) >= 0 or text.find('"', start, end) >= 0
    for pattern, group in ((_AFTER_QUOTE, "late"), (_AFTER_QUOTE, "early"), (_TRAILING, "name")):
        if (pattern is _AFTER_QUOTE and not quoted) or (pattern is _TRAILING and not last):
            continue
        for match in pattern.finditer(text, start, end):
            found = _make(text, match, group, cue_to_end=True, end=end)
            if found is not None:
                return found
    for according in _ACCORDING.finditer(text, start, end):
        relative = _RELATIVE.match(text, according.end(), end)
        found = _make(text, according, "name", cue_to_end=relative is not None, end=end)
        if found is not None:
            return found
    if not leads:
        return None
    for pattern in (_WHO, _LEADING):
        if pattern is _WHO and _RELATIVE.search(text, start, end) is None:
            continue
        leading = pattern.match(text, start, end)
        if leading is not None:
            found = _make(text, leading, "name", cue_to_end=False, end=end)
            if found is not None:
                return _leading(found, start)
    return None


def quote_speaker(text: str, region: tuple[int, int], start: int, end: int) -> Attribution | None:
    """The speaker of the quotation ``region`` named right after it ("…,” said X") or right
    before it ("X said: “…"), looking no further than ``text[start:end]``."""
    opening, closing = region
    if closing - 2 >= start:
        found = _speaker_after(text, closing, end)
        if found is not None:
            return found
    return _speaker_before(text, opening, start, end)


def _speaker_after(text: str, closing: int, end: int) -> Attribution | None:
    for group in ("late", "early"):
        match = _AFTER_QUOTE.match(text, closing - 2, end)
        if match is not None:
            found = _make(text, match, group, cue_to_end=True, end=end)
            if found is not None:
                return found
    return None


def _speaker_before(text: str, opening: int, start: int, end: int) -> Attribution | None:
    match = _BEFORE_QUOTE.search(text, start, opening + 1)
    if match is not None:
        return _make(text, match, "name", cue_to_end=False, end=end)
    return None


class AttributionScan:
    """Where one article's attribution cues (its verbs of saying and "according") stand, found
    in one pass, so that a window without any is known to attribute nothing.

    ``find`` and ``speaker`` equal :func:`find_attribution` and :func:`quote_speaker`.
    """

    __slots__ = ("_cues", "_text")

    def __init__(
        self, text: str, start: int = 0, end: int | None = None, words: WordScan | None = None
    ) -> None:
        """``words`` is the :class:`WordScan` of ``trie.lowered(text)`` when the caller has it."""
        self._text = text
        stop = len(text) if end is None else end
        if words is None:
            cues = [cue.start() + 1 for cue in _CUE.finditer(text, max(0, start - 1), stop)]
        else:
            # A match of ``_CUE`` is a mark and a word as written; none starts inside another.
            low = max(1, start)
            cues = sorted(
                {
                    at
                    for at, word in words.places(_CUE_VOCABULARY)
                    if low <= at
                    and at + len(word) <= stop
                    and (text[at - 1].isspace() or text[at - 1] in '”"')
                    and text.startswith(word, at)
                }
            )
        according = text.find("according", start, stop)
        while according >= 0:
            cues.append(according)
            according = text.find("according", according + 1, stop)
        cues.sort()
        self._cues = cues

    def any_within(self, start: int, end: int) -> bool:
        """True when a cue starts in ``text[start:end]``."""
        cues = self._cues
        first = bisect.bisect_left(cues, start)
        return first < len(cues) and cues[first] < end

    def find(self, start: int, end: int) -> Attribution | None:
        """The attribution of ``text[start:end]``, as :func:`find_attribution`."""
        cues, text = self._cues, self._text
        first = bisect.bisect_left(cues, start)
        last = bisect.bisect_left(cues, end, first)
        if first == last:
            return None
        inside = cues[first:last]
        return _attribution(
            text,
            start,
            end,
            last=any(_VERB_LAST.match(text, cue, end) for cue in inside),
            leads=any(_VERB_LEADS.match(text, cue, end) for cue in inside),
        )

    def speaker(self, region: tuple[int, int], start: int, end: int) -> Attribution | None:
        """The speaker of a quotation, as :func:`quote_speaker`."""
        text = self._text
        opening, closing = region
        if closing - 2 >= start and self.any_within(closing - 2, end):
            found = _speaker_after(text, closing, end)
            if found is not None:
                return found
        cues = self._cues
        first = bisect.bisect_left(cues, start)
        last = bisect.bisect_left(cues, opening, first)
        verbs = [cue for cue in cues[first:last] if _CUE_BEFORE_QUOTE.match(text, cue, opening + 1)]
        if not verbs:
            return None
        # The name before a verb holds none of these marks, nor does what follows it up to the
        # verb: the search starts after the last of them before the first verb.
        mark = max(text.rfind(char, start, verbs[0]) for char in ',;:“”"()[]')
        return _speaker_before(text, opening, max(start, mark + 1), end)


def quote_regions(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the quotations in ``text[start:end]``, marks included; an unclosed quote runs to
    ``end``."""
    regions: list[tuple[int, int]] = []
    position = start
    while position < end:
        opening = _next_opening(text, position, end)
        if opening < 0:
            break
        mark = text[opening]
        closer = "”" if mark == "“" else '"'
        closing = text.find(closer, opening + 1, end)
        if closing < 0:
            regions.append((opening, end))
            break
        regions.append((opening, closing + 1))
        position = closing + 1
    return regions


def _next_opening(text: str, start: int, end: int) -> int:
    curly = text.find("“", start, end)
    straight = text.find('"', start, end)
    candidates = [index for index in (curly, straight) if index >= 0]
    return min(candidates) if candidates else -1


def _make(
    text: str, match: re.Match[str], group: str, *, cue_to_end: bool, end: int
) -> Attribution | None:
    name_start, name_end = match.span(group)
    if name_start < 0:
        return None
    name_start, name_end = _clean(text, name_start, name_end)
    if name_start >= name_end:
        return None
    name = text[name_start:name_end]
    if len(name.split()) > _MAX_NAME_WORDS or not any(char.isalpha() for char in name):
        return None
    cue_start = match.start()
    cue_end = end if cue_to_end else match.end()
    return Attribution(name, name_start, name_end, cue_start, cue_end)


def _leading(found: Attribution, start: int) -> Attribution:
    return Attribution(found.name, found.start, found.end, start, found.cue_end)


def _clean(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t\n,":
        start += 1
    while end > start and text[end - 1] in " \t\n,.":
        end -= 1
    determiner = _DETERMINER.match(text, start, end)
    if determiner is not None:
        start = determiner.end()
    if start < end and text[start].isupper():
        cut = _CUT.search(text, start, end)
        if cut is not None and _capitalised(text[start : cut.start()]):
            end = cut.start()
    return start, end


def _capitalised(words: str) -> bool:
    tokens = words.split()
    return bool(tokens) and all(token[0].isupper() for token in tokens if len(token) > 2)
