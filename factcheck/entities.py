"""Provides the entity alias table and its index: exact and fuzzy name resolution, and spotting of
known entities and of proper names in text.

Matching ignores case, diacritics, apostrophe style and the separators inside a name ("Al-Kaim",
"Al Kaim", "J.M. Berger", "JM Berger"). An alias written all in capitals ("IS", "US", "AFP") only
matches the same capitals, so the verb "is" is never the Islamic State; an alias with a capital
letter never matches a word written all in lower case ("turkey", "paris").
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from factcheck.model import Entity
from factcheck.trie import lowered

# A typo must be this close to an alias (rapidfuzz ratio, 0-100) to resolve to it.
FUZZY_THRESHOLD = 80.0
# Shorter names are too easily one letter away from an unrelated word.
FUZZY_MIN_LENGTH = 4

_SEPARATORS = "\\s\\-.'’"
# The first separator stands apart, so that the engine skips ahead to separators.
_SEPARATOR_RUN = re.compile(f"[{_SEPARATORS}][{_SEPARATORS}]*")
_NAME = re.compile(
    r"(?<![\w’'])(?:[A-Z][\w’'-]*\.?|(?:al|el|bin|ibn|abu|de|la|van|von)-?(?=\s*[A-Z]))"
    r"(?:[ \t]+(?:[A-Z][\w’'-]*\.?|(?:al|el|bin|ibn|abu|de|la|of|van|von)\b-?))*"
)
_WORD = re.compile(r"(?<![\w’'])[A-Z][a-z][\w’'-]*")
_ARTICLE = re.compile(r"\A(?:the|a|an)\s+", re.IGNORECASE)
_NEVER = re.compile("(?!)")
# ``_WORD`` long enough to be fuzzily resolved; the look-behind follows the capital, so that the
# engine skips ahead to capitals instead of testing the look-behind at every position.
_LONG_WORD = re.compile(rf"[A-Z](?<![\w’'].)[a-z][\w’'-]{{{FUZZY_MIN_LENGTH - 1},}}")

_Trie = dict[str, "_Trie"]


def _fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0x80, 0x2000):
        char = chr(code)
        base = unicodedata.normalize("NFKD", char)[:1]
        if base and base != char and base.isascii() and len(char.lower()) == 1:
            table[code] = base
    table.update({ord(mark): "'" for mark in "’‘`´ʼ"})
    table.update({ord(dash): "-" for dash in "‐‑‒–—"})
    return table


# Maps each character to exactly one, so folded text keeps the offsets of the original.
FOLD = _fold_table()


_FOLDED = frozenset(chr(code) for code in FOLD)
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def fold(text: str) -> str:
    """Drop diacritics and unify apostrophes and dashes, one character for one."""
    if text.isascii():
        return text
    # A few replacements over the whole text beat translating it character by character; no
    # replacement yields a character that another one replaces.
    for char in sorted(_FOLDED.intersection(_non_ascii(text))):
        text = text.replace(char, FOLD[ord(char)])
    return text


def _non_ascii(text: str) -> set[str]:
    """The characters of ``text`` past ASCII, looked for only in the stretches that hold some."""
    found: set[str] = set()
    for begin in range(0, len(text), 64):
        chunk = text[begin : begin + 64]
        if not chunk.isascii():
            found.update(_NON_ASCII.findall(chunk))
    return found


def name_key(name: str) -> str:
    """The form a name is looked up by: folded, case-free, without separators or a leading
    article ("the Pentagon" -> "pentagon")."""
    bare = _ARTICLE.sub("", fold(name).strip())
    return _SEPARATOR_RUN.sub("", bare).casefold()


@dataclass(slots=True)
class EntityIndex:
    """Canonical entities with their aliases compiled once for fast lookup."""

    kinds: dict[str, str | None]
    keys: dict[str, str]
    acronyms: frozenset[str]
    pattern: re.Pattern[str]
    fuzzy_keys: tuple[str, ...]
    # The two halves of ``pattern`` as fast scans for the places it may match (see ``Mentions``):
    # lower-case aliases for lower-cased text, and acronyms without their word-boundary checks.
    plain_scan: re.Pattern[str] | None = None
    acronym_scan: re.Pattern[str] | None = None
    _cache: dict[str, str | None] = field(default_factory=dict)

    @classmethod
    def build(cls, entities: Iterable[Entity]) -> EntityIndex:
        """Compile the alias table; later entities win a shared alias."""
        kinds: dict[str, str | None] = {}
        keys: dict[str, str] = {}
        acronyms: set[str] = set()
        aliases: set[str] = set()
        for entity in entities:
            kinds[entity.id] = entity.kind
            for written in (*entity.aliases, entity.id.replace("-", " ")):
                alias = written.strip()
                key = name_key(alias)
                if not key:
                    continue
                keys[key] = entity.id
                aliases.add(alias)
                if _is_acronym(alias):
                    acronyms.add(key)
        fuzzy = tuple(sorted(key for key in keys if key not in acronyms))
        pattern, plain, acronym = _compile(aliases)
        return cls(kinds, keys, frozenset(acronyms), pattern, fuzzy, plain, acronym)

    def kind(self, entity_id: str) -> str | None:
        """The kind of a known entity ("group", "place", "person", "org")."""
        return self.kinds.get(entity_id)

    def resolve(self, name: str) -> str | None:
        """The canonical id of ``name``: an exact alias, else a close spelling, else ``None``."""
        written = fold(name).strip()
        if written in self._cache:
            return self._cache[written]
        key = name_key(written)
        if not key:
            return None
        found = self.keys.get(key)
        if found is not None and key in self.acronyms and not _is_acronym(written):
            found = None
        if found is None and key not in self.acronyms:
            found = self._fuzzy(key)
        self._cache[written] = found
        return found

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
        """Known entities mentioned in ``text[start:end]`` as ``(start, end, id)``: exact aliases
        first, then capitalised words that are close misspellings of an alias ("Bagdad")."""
        stop = len(text) if end is None else end
        folded = fold(text[start:stop])
        found: list[tuple[int, int, str]] = []
        spans: list[tuple[int, int]] = []
        for match in self.pattern.finditer(folded):
            written = match.group()
            entity = None if written.islower() else self.keys.get(name_key(written))
            if entity is not None:
                found.append((start + match.start(), start + match.end(), entity))
                spans.append(match.span())
        for word in _WORD.finditer(folded):
            if len(word.group()) <= FUZZY_MIN_LENGTH or _inside(word.start(), spans):
                continue
            entity = self.resolve(word.group())
            if entity is not None:
                found.append((start + word.start(), start + word.end(), entity))
        found.sort()
        return found

    def mentions(
        self, text: str, start: int = 0, end: int | None = None, *, lower: str | None = None
    ) -> Mentions:
        """The mentions of ``text[start:end]``, found in one pass, to be asked for window by
        window with :meth:`Mentions.within`; ``lower`` is ``trie.lowered(text)`` when the
        caller has it."""
        return Mentions(self, text, start, len(text) if end is None else end, lower)

    def _word(self, word: str) -> str | None:
        """``resolve`` for a word read from folded text, which is already its cache key."""
        cache = self._cache
        return cache[word] if word in cache else self.resolve(word)

    def _fuzzy(self, key: str) -> str | None:
        if len(key) < FUZZY_MIN_LENGTH or not self.fuzzy_keys:
            return None
        best = process.extractOne(
            key, self.fuzzy_keys, scorer=fuzz.ratio, score_cutoff=FUZZY_THRESHOLD
        )
        if best is None:
            return None
        alias = best[0]
        # A name that extends a known one is usually another word: "Parish" is not "Paris",
        # "Syrians" is not "Syria".
        if key.startswith(alias) or alias.startswith(key):
            return None
        return self.keys[alias]


class Mentions:
    """One article's known entities, found in one pass over the text: alias matches, then
    capitalised words outside them that resolve to an entity.

    ``within(start, end)`` equals ``index.find(text, start, end)`` for any window; a window
    that does not begin and end beside white space, or that an alias match crosses, is looked
    up on its own.
    """

    __slots__ = ("_found", "_found_starts", "_index", "_matches", "_starts", "_text")

    def __init__(
        self, index: EntityIndex, text: str, start: int, end: int, lower: str | None = None
    ) -> None:
        self._index = index
        self._text = text
        folded = fold(text)
        if folded is not text or lower is None:
            lower = lowered(folded)
        matches = _alias_matches(index, folded, lower, start, end)
        # Every alias match, named or not, since a window that one crosses reads differently.
        self._matches = [(match_start, match_end) for match_start, match_end, _ in matches]
        self._starts = [match_start for match_start, _ in self._matches]
        found = [(a, b, entity) for a, b, entity in matches if entity is not None]
        # Few capitalised words name an entity: each distinct one is resolved once, and only
        # the places of those that do are looked for.
        entities = {
            word: entity
            for word in set(_LONG_WORD.findall(folded, start, end))
            if (entity := index._word(word)) is not None
        }
        if entities:
            named_starts = [mention[0] for mention in found]
            named = list(found)
            for at, stop, entity in _word_places(folded, start, end, entities):
                inside = bisect.bisect_right(named_starts, at) - 1
                if not (inside >= 0 and at < named[inside][1]):
                    found.append((at, stop, entity))
            found.sort()
        self._found = found
        self._found_starts = [mention[0] for mention in found]

    def within(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """Known entities mentioned in ``text[start:end]``, as :meth:`EntityIndex.find`."""
        text = self._text
        if (start > 0 and not text[start - 1].isspace()) or (
            end < len(text) and not text[end].isspace()
        ):
            return self._index.find(text, start, end)
        matches, starts = self._matches, self._starts
        first = bisect.bisect_left(starts, start)
        last = bisect.bisect_left(starts, end, first)
        if (first > 0 and matches[first - 1][1] > start) or (
            last > first and matches[last - 1][1] > end
        ):
            return self._index.find(text, start, end)
        found_starts = self._found_starts
        low = bisect.bisect_left(found_starts, start)
        return self._found[low : bisect.bisect_left(found_starts, end, low)]


def _word_places(
    folded: str, start: int, end: int, entities: dict[str, str]
) -> list[tuple[int, int, str]]:
    """Where ``_LONG_WORD.finditer(folded, start, end)`` finds each of the words ``entities``
    names, with its entity.

    Each word's occurrences are looked up directly and kept where the pattern matches exactly that
    word. An occurrence can lie inside an earlier match only after a hyphen ("Abu-Baghdadi"), since
    the pattern's look-behind refuses any other word character; then the matches are walked."""
    places: list[tuple[int, int, str]] = []
    for word, entity in entities.items():
        at = folded.find(word, start, end)
        while at >= 0:
            if at > 0 and folded[at - 1] == "-":
                return [
                    (match.start(), match.end(), entities[match.group()])
                    for match in _LONG_WORD.finditer(folded, start, end)
                    if match.group() in entities
                ]
            match = _LONG_WORD.match(folded, at, end)
            if match is not None and match.end() - at == len(word):
                places.append((at, match.end(), entity))
            at = folded.find(word, at + 1, end)
    return places


def _alias_matches(
    index: EntityIndex, folded: str, lower: str | None, start: int, end: int
) -> list[tuple[int, int, str | None]]:
    """Every match of ``index.pattern`` in ``folded[start:end]`` with its entity (``None`` for a
    match that names none), as ``finditer`` finds them.

    The pattern is tried only where one of its halves' fast scans stops: the next place each
    half may match is kept and searched for again once the text before it has been passed."""
    pattern, keys = index.pattern, index.keys
    plain, acronym = index.plain_scan, index.acronym_scan
    if lower is None or plain is None or acronym is None:
        matches = list(pattern.finditer(folded, start, end))
    else:
        matches = []
        next_plain = plain.search(lower, start, end)
        next_acronym = acronym.search(folded, start, end)
        while next_plain is not None or next_acronym is not None:
            at = min(found.start() for found in (next_plain, next_acronym) if found is not None)
            match = pattern.match(folded, at, end)
            position = at + 1
            if match is not None:
                matches.append(match)
                position = match.end()
            if next_plain is not None and next_plain.start() < position:
                next_plain = plain.search(lower, position, end)
            if next_acronym is not None and next_acronym.start() < position:
                next_acronym = acronym.search(folded, position, end)
    return [
        (
            match.start(),
            match.end(),
            None if match.group().islower() else keys.get(name_key(match.group())),
        )
        for match in matches
    ]


def find_names(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """Runs of capitalised words in ``text[start:end]`` as ``(start, end, name)``, known or not."""
    stop = len(text) if end is None else end
    return [
        (match.start(), match.end(), match.group().rstrip(" \t"))
        for match in _NAME.finditer(text, start, stop)
    ]


def _is_acronym(alias: str) -> bool:
    letters = [char for char in alias if char.isalpha()]
    return bool(letters) and all(char.isupper() for char in letters) and len(letters) <= 5


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= position < b for a, b in spans)


def _compile(
    aliases: Iterable[str],
) -> tuple[re.Pattern[str], re.Pattern[str] | None, re.Pattern[str] | None]:
    """One alternation of every alias as a character trie, so the regex engine walks shared
    prefixes once instead of trying each alias in turn; and its two halves as scans."""
    plain: _Trie = {}
    exact: _Trie = {}
    ascii_letters = True
    for alias in aliases:
        acronym = _is_acronym(alias)
        node = exact if acronym else plain
        for atom in _atoms(fold(alias), keep_case=acronym):
            node = node.setdefault(atom, {})
            ascii_letters = ascii_letters and (acronym or atom.isascii())
        node[""] = {}
    branches = []
    plain_scan: re.Pattern[str] | None = _NEVER
    acronym_scan = _NEVER
    if plain:
        source = _trie_regex(plain)
        branches.append(source)
        # Lower-cased text matches lower-case ASCII exactly where the flag would (trie.lowered).
        plain_scan = re.compile(rf"(?<![\w'])(?:{source})(?!\w)") if ascii_letters else None
    if exact:
        source = _trie_regex(exact)
        branches.append("(?-i:" + source + ")")
        acronym_scan = re.compile(source)
    body = "|".join(branches) or "(?!)"
    pattern = re.compile(rf"(?<![\w'])(?:{body})(?!\w)", re.IGNORECASE)
    return pattern, plain_scan, acronym_scan


def _atoms(alias: str, *, keep_case: bool) -> list[str]:
    atoms: list[str] = []
    for part in re.split(f"([{_SEPARATORS}]+)", alias):
        if not part:
            continue
        if _SEPARATOR_RUN.fullmatch(part):
            atoms.append(" ")
        else:
            atoms.extend(part if keep_case else part.lower())
    if atoms and atoms[-1] == " ":
        atoms.pop()
    return atoms


def _trie_regex(trie: _Trie) -> str:
    options = []
    for atom in sorted(atom for atom in trie if atom):
        head = f"[{_SEPARATORS}]*" if atom == " " else re.escape(atom)
        options.append(head + _trie_regex(trie[atom]))
    if not options:
        return ""
    body = options[0] if len(options) == 1 else "(?:" + "|".join(options) + ")"
    return f"(?:{body})?" if "" in trie else body
