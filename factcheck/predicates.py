"""Provides the predicate table: verb and noun patterns, each family of inflections mapped to one
short normalised predicate ("has lost 40% of their territory" -> "territory lost").

Strong predicates name a checkable event or measure; weak ones ("attacked", "controls", "lost")
only stand when no strong one is present. Among predicates of one strength the earliest wins,
and at one position the table order decides, so specific patterns come before general ones.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from factcheck.trie import trie_regex
from factcheck.wordscan import Vocabulary, WordScan

_LOSE = r"(?:los(?:e|es|ing|t)|loss(?:es)?\s+of)"
# "held a key position in the fight against ISIS", "a position as adviser": a role, not ground.
_ROLE = (
    r"(?:\s+as\b|\s+(?:in|within)\s+(?:the\s+|its\s+|their\s+)?(?:fight|war|battle|struggle"
    r"|campaign|coalition|alliance|government|cabinet|administration|party|group|movement"
    r"|leadership|hierarchy|council|ranks)\b)"
)
_TERRITORY = (
    rf"(?:territor(?:y|ies)|ground|lands?|areas?|positions?\b(?!{_ROLE})|strongholds?|swaths?"
    r"|(?:square\s+)?(?:kilomet(?:er|re)s|miles)|sq\.?\s*km|km2|km²)"
)
# "lost the initiative", "lost momentum": nothing that can be held on a map.
_ABSTRACT = (
    r"(?!\s+(?:(?:the|its|their|his|her|much|all|some|any|of)\s+)*(?:initiative|momentum|hope"
    r"|faith|confidence|support|interest|patience|credibility|appeal|ability|appetite|touch"
    r"|sight|track|count|face|heart|steam|edge|advantage|lives?|life|contact)\b)"
)
# "held talks", "held a press conference", "held hostage", "held a key position in the fight":
# a holding that is no control.
_NOT_CONTROL = (
    r"(?!\s+(?:(?:a|an|the|its|their|his|her)\s+)?(?:[\w-]+\s+)?(?:(?:talks|meetings?|elections?"
    r"|votes?|rall(?:y|ies)|(?:press\s+)?conferences?|ceremon(?:y|ies)|views?|beliefs?|records?"
    r"|posts?|offices?|seats?|roles?|hostages?|captives?|prisoners?|responsible|accountable)\b"
    rf"|positions?\b{_ROLE}))"
)
FIGHTER_NOUNS = tuple(
    re.findall(
        r"\w+",
        "fighters militants caliphs troops soldiers combatants members jihadists attackers "
        "recruits insurgents terrorists extremists",
    )
)
_FIGHTERS = "(?:" + "|".join(FIGHTER_NOUNS) + ")"
_PLACE_NOUN = r"(?:city|cities|town|towns|villages?|refinery|bases?|airport|dam|province|region)"
# A window inside one clause; a dot between digits ("45.000") does not end it.
_NEAR = r"(?:[^.;:!?]|\.(?=\d)){0,50}?"
_NEAR_SHORT = r"(?:[^.;:!?]|\.(?=\d)){0,40}?"

STRONG: tuple[tuple[str, str], ...] = (
    ("territory lost", rf"\b{_LOSE}\b{_NEAR}\b{_TERRITORY}\b|\blos(?:e|es|ing|t)\s+ground\b"),
    ("fighters lost", rf"\b{_LOSE}\b{_NEAR_SHORT}\b{_FIGHTERS}\b"),
    (
        "lost control",
        rf"\b{_LOSE}\s+(?:control\b|(?:the\s+)?(?:[\w-]+\s+){{0,3}}?{_PLACE_NOUN}\b"
        r"|(?=(?-i:[A-Z])))",
    ),
    (
        "territory seized",
        r"\b(?:seiz\w*|conquer\w*|captur\w*|overr[au]n|took|tak(?:e|es|ing)|gave|giv(?:e|es|ing)"
        rf"|gain(?:ed|ing|s)?|expand\w*)\b{_NEAR}\b(?:{_TERRITORY}|portion|places)\b",
    ),
    (
        "territory held",
        r"\b(?:control(?:s|led|ling)?|hold(?:s|ing)?|held|rul(?:e|es|ed|ing)|occup(?:y|ies|ied))"
        rf"\b[^.;:!?]{{0,30}}?\b{_TERRITORY}\b"
        rf"|\b{_TERRITORY}\s+(?:under\s+(?:its|their|the)\s+control|(?:they|it)\s+(?:hold|held))",
    ),
    (
        "recaptured",
        r"\b(?:recaptur\w*|retak(?:e|es|en|ing)|retook|regain\w*|reconquer\w*|liberat\w*"
        r"|expel\w*|banish\w*|(?:push|pushed|pushing|drove|driv(?:e|es|ing))\s+(?:[\w’'-]+\s+){0,3}?"
        r"(?:back|out))\b",
    ),
    (
        "captured",
        r"\b(?:captur\w*|seiz\w*|conquer\w*|overr[au]n|(?:took|tak(?:e|es|ing|en))\s+(?:control|over)"
        r"|wrest\w*(?:\s+control)?|fell\s+to|gain\w*\s+control|gave\s+(?:[\w’'-]+\s+){0,4}?control)\b",
    ),
    ("fell", r"\b(?:fell|fall\s+of)\b"),
    # "thousands of foreigners are fighting and training among the Islamic State": its ranks.
    # "fighting for his life" is no enlistment.
    (
        "troops",
        r"\bfight(?:ing|s)?\s+(?:and\s+\w+\s+)?(?:among|alongside|for(?!\s+(?:his|her|their|its"
        r"|my|our|your|a|the\s+lives?|life|lives|survival|freedom|justice)\b))\b",
    ),
    (
        "killed",
        r"\b(?:kill\w*|dead|died|dies|dying|deaths?|deadly|fatal(?:ly)?|murder(?:ed|s)?|slain"
        r"|homicides?|claim\w*\s+[^.;]{0,30}?\blives|los(?:e|es|ing|t)\s+(?:their|his|her)\s+lives?)\b",
    ),
    (
        "injured",
        r"\b(?:injur\w*|wound(?:ed|s|ing)?|hurt|hospitali[sz]\w*|critical(?:ly)?\s+(?:condition|"
        r"injured|wounded)|(?:serious|stable|fair|good)\s+condition|treated\s+for)\b",
    ),
    (
        "attacked",
        r"\b(?:attacked|bombed|launched\s+(?:an?\s+|the\s+|its\s+)?(?:[\w-]+\s+)?"
        r"(?:attacks?|offensive|operation|assault|strikes?))\b",
    ),
    ("withdrew", r"\b(?:withdr[ae]w\w*|retreat\w*|pull(?:ed|ing|s)?\s+(?:out|back)|abandon\w*)\b"),
    ("besieged", r"\b(?:besieg\w*|encircl\w*|surround\w*|sieges?)\b"),
    ("charged", r"\b(?:charg(?:ed|es|ing)\s+(?:\w+\s+)?with|indicted|accused\s+of)\b"),
    ("arrested", r"\b(?:arrest(?:ed|ing|s)?|detain(?:ed|ing|s)?|in\s+custody|booked)\b"),
)

WEAK: tuple[tuple[str, str], ...] = (
    ("shot", r"\bshot\b(?!\s+(?:dead|and\s+killed|to\s+death))"),
    # "the initiative it depended on to attack its enemies": a purpose, not an attack.
    (
        "attacked",
        r"(?<!\bto\s)\b(?:attack(?:ed|ing|s)?|strik(?:e|es|ing)|struck|bomb(?:ed|ing|ings|s)?"
        r"|airstrikes?|offensives?|assault\w*|ambush\w*|opened\s+fire|launch\w*)\b",
    ),
    ("controls", rf"\b(?:control(?:s|led|ling)?|hold(?:s|ing)?|held)\b{_NOT_CONTROL}"),
    ("defeated", r"\bdefeat(?:ed|ing|s)?\b"),
    ("lost", rf"\b{_LOSE}\b{_ABSTRACT}"),
)

# Predicates read from the noun a number counts, when no strong verb is present.
NOUN_PREDICATES: dict[str, str] = {
    **dict.fromkeys(FIGHTER_NOUNS, "troops"),
    **dict.fromkeys(
        ("citizens", "inhabitants", "residents", "people living", "population"), "population"
    ),
}

EVENTS = frozenset(name for name, _ in STRONG)


@dataclass(frozen=True, slots=True)
class Predicate:
    """A predicate found in text, with the span of the words that triggered it."""

    name: str
    start: int
    end: int
    strong: bool


def _compile(table: tuple[tuple[str, str], ...], flags: int = re.IGNORECASE) -> re.Pattern[str]:
    groups = "|".join(f"(?P<p{number}>{pattern})" for number, (_, pattern) in enumerate(table))
    return re.compile(groups, flags)


_STRONG = _compile(STRONG)
_WEAK = _compile(WEAK)
# The same tables for lower-cased text (see trie.lowered), where a literal is compared without
# folding case. Only "lost control" looks at case, for a capital after "lost"; at a place that
# starts with "los" the strong table is matched against the text as written.
_LOWER_STRONG = _compile(STRONG, 0)
_LOWER_WEAK = _compile(WEAK, 0)
# The letters a weak pattern may start with (``ſ`` matches "s" when case is ignored); at a
# trigger that starts with another, only the strong table is tried.
_WEAK_INITIALS = frozenset("aAbBcCdDhHlLoOsSſ")
# Every pattern above starts with one of these stems; the table is only tried where one begins.
# "in" starts a pattern only as "in custody", "injured" or "indicted", so the common word alone
# is no stem.
_STEMS = re.findall(
    r"\S+",
    "los seiz conquer captur overr took tak gave giv gain expand control hold held rul occup "
    "recaptur retak retook regain reconquer liberat expel banish push drove driv wrest fell fall "
    "attack bomb launch kill dead die dying death fatal murder slain homicide claim injur wound "
    "hurt hospital critical serious stable fair good treated withdr retreat pull abandon besieg "
    "encircl surround siege charg indicted accused arrest detain booked shot strik struck fight "
    "airstrike offensive assault ambush opened defeat territor ground land area position "
    "stronghold swath kilomet mile sq km",
)
_TRIGGER_WORDS = r"(?:" + trie_regex(_STEMS) + r"|in\s+custody)"
_TRIGGER = re.compile(r"\b" + _TRIGGER_WORDS, re.IGNORECASE)
# The same for lower-cased text (see trie.lowered): without the flag the scan is much faster.
_LOWER_TRIGGER = re.compile(r"\b" + _TRIGGER_WORDS)
# Past the start, a stem starts a word when the character before it is none of a word's: a
# search that stops only at characters that are no ASCII letter or digit (a set it tests
# quickly), far fewer places than all, finds the same stems.
_LOWER_TRIGGER_AFTER = re.compile(r"[^A-Za-z0-9_](?<=\W)" + _TRIGGER_WORDS)
# The same places from the places of the stems and of "custody" in a WordScan.
_STEM_WORDS = Vocabulary([*_STEMS, "custody"])


def find_predicates(text: str, start: int = 0, end: int | None = None) -> list[Predicate]:
    """Every predicate in ``text[start:end]``, strong ones first, each group in text order."""
    stop = len(text) if end is None else end
    return _read(text, _triggers(text, start, stop, lower=False), start, stop)


class PredicateScan:
    """The places where predicates may start in one article, found in one pass; ``within``
    equals :func:`find_predicates` for any window."""

    __slots__ = ("_lower", "_text", "_triggers")

    def __init__(
        self,
        text: str,
        start: int = 0,
        end: int | None = None,
        *,
        lower: str | None = None,
        words: WordScan | None = None,
    ) -> None:
        """``lower`` is ``trie.lowered(text)`` when the caller has it, ``words`` its
        :class:`WordScan`."""
        self._text = text
        self._lower = lower
        stop = len(text) if end is None else end
        if lower is None:
            self._triggers = _triggers(text, start, stop, lower=False)
        elif words is None:
            self._triggers = _triggers(lower, start, stop, lower=True)
        else:
            self._triggers = _word_triggers(lower, start, stop, words)

    def within(self, start: int, end: int) -> list[Predicate]:
        """The predicates of ``text[start:end]``, as :func:`find_predicates`."""
        triggers = self._triggers
        first = bisect.bisect_left(triggers, start)
        last = bisect.bisect_left(triggers, end, first)
        if first == last:
            return []
        return _read(self._text, triggers[first:last], start, end, lower=self._lower)


def _triggers(text: str, start: int, stop: int, *, lower: bool) -> list[int]:
    """Where stems start in ``text[start:stop]``; ``lower``: ``text`` is lower-cased."""
    if not lower:
        return [trigger.start() for trigger in _TRIGGER.finditer(text, start, stop)]
    found = [start] if _LOWER_TRIGGER.match(text, start, stop) is not None else []
    found.extend(match.start() + 1 for match in _LOWER_TRIGGER_AFTER.finditer(text, start, stop))
    return found


def _word_triggers(lower: str, start: int, stop: int, words: WordScan) -> list[int]:
    """``_triggers(lower, start, stop, lower=True)`` from the places of the stems in ``words``:
    past ``start``, a stem that a character other than a word's follows, and "in" before white
    space and "custody"."""
    found = {start} if _LOWER_TRIGGER.match(lower, start, stop) is not None else set()
    for at, stem in words.places(_STEM_WORDS):
        if at <= start or at + len(stem) > stop:
            continue
        place = at
        if stem == "custody":
            blank = at
            while blank > start and lower[blank - 1].isspace():
                blank -= 1
            place = blank - 2
            if blank == at or place <= start or not lower.startswith("in", place):
                continue
        before = lower[place - 1]
        if not (before.isalnum() or before == "_"):
            found.add(place)
    return sorted(found)


def _read(
    text: str, triggers: list[int], start: int, stop: int, *, lower: str | None = None
) -> list[Predicate]:
    """The predicates at ``triggers``; ``lower`` is ``trie.lowered(text)`` when known."""
    strong: list[Predicate] = []
    weak: list[Predicate] = []
    strong_until = weak_until = start
    for position in triggers:
        if position >= strong_until:
            if lower is None or lower.startswith("los", position):
                match = _STRONG.match(text, position, stop)
            else:
                match = _LOWER_STRONG.match(lower, position, stop)
            if match is not None:
                strong.append(Predicate(STRONG[_group(match)][0], *match.span(), strong=True))
                strong_until = match.end()
        if position >= weak_until and text[position] in _WEAK_INITIALS:
            if lower is None:
                match = _WEAK.match(text, position, stop)
            else:
                match = _LOWER_WEAK.match(lower, position, stop)
            if match is not None:
                weak.append(Predicate(WEAK[_group(match)][0], *match.span(), strong=False))
                weak_until = match.end()
    return strong + weak


def main_predicate(text: str, start: int = 0, end: int | None = None) -> Predicate | None:
    """The earliest strong predicate of ``text[start:end]``, else the earliest weak one."""
    found = find_predicates(text, start, end)
    strong = [predicate for predicate in found if predicate.strong]
    chosen = strong or found
    return chosen[0] if chosen else None


def noun_predicate(noun: str | None) -> str | None:
    """The predicate a counted noun implies ("troops" -> "troops", "citizens" -> "population")."""
    if not noun:
        return None
    return NOUN_PREDICATES.get(noun.lower())


def _group(match: re.Match[str]) -> int:
    name = match.lastgroup
    assert name is not None
    return int(name[1:])
