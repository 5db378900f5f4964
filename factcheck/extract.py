"""Provides claim extraction: an article is cut into sentences and clauses, page furniture is
dropped, and every clause that carries a quantity, a date or an event about a named entity
becomes a :class:`~factcheck.model.Claim` with its subject, predicate, scope, time, quantities,
entities and attribution.

Mentions, predicates, dates and attribution cues are scanned for once over the whole article and
handed out sentence by sentence; each scanner gives a sentence exactly what a search of that
sentence alone would find. A sentence that can neither make a claim nor change what later ones
read (a speaker, a group) is left before its furniture test and its dates are read.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from factcheck.attribution import Attribution, AttributionScan, quote_regions
from factcheck.corpus import body_start
from factcheck.dates import DateScan
from factcheck.entities import EntityIndex, Mentions
from factcheck.furniture import Furniture
from factcheck.measures import (
    UnrealScan,
    as_age,
    counts_people,
    is_age,
    not_a_measure,
    single_victim,
)
from factcheck.model import Article, Claim, Quantity, TimeSpan
from factcheck.predicates import Predicate, PredicateScan
from factcheck.quantities import NumberStyle, detect_style, find_quantities
from factcheck.quantitywords import anchor_places
from factcheck.roles import choose_predicate, inherit, scope_of, subject_of
from factcheck.sentences import Block, sentences_of_block, split_blocks
from factcheck.trie import lowered
from factcheck.wordscan import WordScan

__all__ = ["claim_id", "extract_claims", "is_age"]

# "HOUSTON - ", "GOODLETTSVILLE, Tenn. (WKRN) – ": where the story was filed, not what it says.
_DATELINE = re.compile(
    r"[A-Z][A-Z.'’ -]{2,40}(?:,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)?(?:\s*\([^)]{1,30}\))?"
    r"\s*(?:[-–—]{1,2}|:)\s+(?=\S)"
)
# "…, followed by losses of …" starts a second event with its own time ("just last month").
# Every cut starts at a semicolon, a comma or a blank, tested before the rest: the engine passes
# over all other characters quickly.
_COUNT_NEXT = (
    r"(?=\d|(?:one|two|three|four|five|six|seven|eight|nine|ten|another|an?|several|dozens"
    r"|hundreds|thousands)\b)"
)
_SPLIT = re.compile(
    r"[;,\s](?:(?<=;)\s+|(?<=,)\s+(?:but|while|whereas|yet|followed\s+by|(?:and\s+)?then)\s+"
    rf"|(?<=,)\s+and\s+{_COUNT_NEXT}|(?<=\s)\s*and\s+{_COUNT_NEXT})",
    re.IGNORECASE,
)
_DATELINE_SECOND = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ.'’ -")
_MIN_WORDS = 3
# "for the first time in two years": a duration frames a statement, it is not what is claimed.
_DURATIONS = frozenset(
    {"year", "month", "week", "day", "hour", "minute", "second", "h", "min", "s"}
)
_COUNTED = frozenset({"killed", "injured", "shot"})


@dataclass(slots=True)
class _Context:
    """What one article's earlier sentences tell the later ones."""

    speaker: str | None = None
    group: str | None = None
    seen: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class _Page:
    """One article with what is found in one pass over its whole text and then handed out
    sentence by sentence: where numbers may start, furniture, mentions, predicates, dates,
    attribution cues and the stems of conditional cues."""

    article: Article
    index: EntityIndex
    style: NumberStyle
    places: list[int] | None
    furniture: Furniture
    mentions: Mentions
    predicates: PredicateScan
    dates: DateScan
    cues: AttributionScan
    unreal: UnrealScan

    @classmethod
    def read(cls, article: Article, index: EntityIndex, start: int) -> _Page:
        text = article.text
        lower = lowered(text)
        words = WordScan(lower) if lower is not None else None
        return cls(
            article,
            index,
            detect_style(text),
            anchor_places(text, lower, words),
            Furniture(text, lower, words),
            index.mentions(text, start, lower=lower),
            PredicateScan(text, start, lower=lower, words=words),
            DateScan(text, article.source.published, start, words=words),
            AttributionScan(text, start, words=words),
            UnrealScan(text, lower, words),
        )


@dataclass(frozen=True, slots=True)
class _Facts:
    """What one sentence holds, found once and shared by its clauses."""

    quantities: list[Quantity]
    times: list[TimeSpan]
    mentions: list[tuple[int, int, str]]
    predicates: list[Predicate]


def claim_id(source_id: str, quote: str, occurrence: int) -> str:
    """A stable id: the source, then a digest of the quote (whitespace-insensitive) and of which
    occurrence of that quote in the source it is, so moving a quote keeps its id."""
    normal = " ".join(quote.split())
    digest = hashlib.sha1(f"{normal}\x00{occurrence}".encode(), usedforsecurity=False)
    return f"{source_id}:{digest.hexdigest()[:10]}"


def extract_claims(article: Article, index: EntityIndex) -> list[Claim]:
    """The claims of ``article``, in text order."""
    text = article.text
    start = body_start(text)
    page = _Page.read(article, index, start)
    context = _Context()
    claims: list[Claim] = []
    for block in split_blocks(text, start):
        if block.heading or (_short(block) and page.furniture.covers(block.start, block.end)):
            continue
        regions = quote_regions(text, block.start, block.end)
        spans = sentences_of_block(text, block.start, block.end)
        speakers = _region_speakers(page, regions, spans, context) if regions else []
        for sentence_start, sentence_end in spans:
            speaker = _quoted_by(sentence_start, regions, speakers) if regions else None
            claims.extend(_sentence_claims(page, context, sentence_start, sentence_end, speaker))
    return claims


def _short(block: Block) -> bool:
    # A long paragraph that mentions a share button still has story in it.
    return block.end - block.start < 400


def _after_dateline(text: str, start: int, end: int) -> int:
    # Most sentences start with a capital and a small letter, which no dateline does.
    if end - start < 3 or not ("A" <= text[start] <= "Z" and text[start + 1] in _DATELINE_SECOND):
        return start
    match = _DATELINE.match(text, start, end)
    if match is None or match.end() - start > 60:
        return start
    return match.end()


def _region_speakers(
    page: _Page,
    regions: Sequence[tuple[int, int]],
    spans: Sequence[tuple[int, int]],
    context: _Context,
) -> list[str | None]:
    speakers: list[str | None] = []
    previous: str | None = None
    for region in regions:
        around = [span for span in spans if span[0] <= region[1] - 1 and span[1] >= region[0]]
        low = around[0][0] if around else region[0]
        high = around[-1][1] if around else region[1]
        found = page.cues.speaker(region, low, high)
        name = _speaker_name(found, page.index, context) if found is not None else previous
        speakers.append(name)
        previous = name
    return speakers


def _quoted_by(
    position: int, regions: Sequence[tuple[int, int]], speakers: Sequence[str | None]
) -> str | None:
    for (opening, closing), speaker in zip(regions, speakers, strict=True):
        if opening <= position < closing:
            return speaker
    return None


def _speaker_name(found: Attribution, index: EntityIndex, context: _Context) -> str | None:
    if found.pronoun:
        return context.speaker
    name = found.name
    entity = index.resolve(name)
    if entity is None:
        for _, mention_end, mention in reversed(index.find(name)):
            if mention_end == len(name) and index.kind(mention) in {"person", "org"}:
                entity = mention
                break
    speaker = entity or name
    if entity is not None or name[:1].isupper():
        context.speaker = speaker
    return speaker


def _sentence_claims(
    page: _Page, context: _Context, sentence_start: int, end: int, quoted: str | None
) -> list[Claim]:
    text = page.article.text
    index = page.index
    start = _after_dateline(text, sentence_start, end)
    predicates = page.predicates.within(start, end)
    quantities = find_quantities(text, start, end, style=page.style, places=page.places)
    mentions = page.mentions.within(start, end)
    counted = any(predicate.strong or predicate.name in _COUNTED for predicate in predicates)
    cued = page.cues.any_within(start, end)
    # A sentence that can neither make a claim nor name a speaker or a group changes nothing,
    # whether it is furniture or not.
    if not (
        quantities
        or counted
        or cued
        or page.dates.any_within(start, end)
        or any(index.kind(mention[2]) == "group" for mention in mentions)
    ) or page.furniture.covers(sentence_start, end):
        return []
    # A time alone makes a claim only of a clause that names an entity.
    times = page.dates.within(start, end) if quantities or counted or mentions else []
    # A clause is checkable only with a number, a time, an event, or a victim counted as one.
    possible = bool(quantities or times or counted)
    if not possible and not cued:
        _remember_group(index, context, mentions, end)
        return []
    facts = _Facts(quantities, times, mentions, predicates)
    whole = page.cues.find(start, end)
    sentence = _trim(text, start, end)
    claims: list[Claim] = []
    previous: Claim | None = None
    for clause_start, clause_end in _clauses(text, start, end, predicates):
        if (clause_start, clause_end) == sentence:
            own = whole
        else:
            own = page.cues.find(clause_start, clause_end) or whole
        speaker = _speaker_name(own, index, context) if own is not None else quoted
        if not possible:
            continue
        claim = _claim(
            page,
            context,
            start=clause_start,
            end=clause_end,
            facts=facts,
            attribution=own,
            speaker=speaker,
        )
        if claim is None:
            continue
        claim = inherit(claim, previous)
        claims.append(claim)
        previous = claim
        _remember_group(index, context, mentions, clause_end)
    _remember_group(index, context, mentions, end)
    return claims


def _remember_group(
    index: EntityIndex, context: _Context, mentions: Sequence[tuple[int, int, str]], end: int
) -> None:
    for _, mention_end, entity in mentions:
        if mention_end <= end and index.kind(entity) == "group":
            context.group = entity


def _clauses(
    text: str, start: int, end: int, predicates: Sequence[Predicate]
) -> list[tuple[int, int]]:
    """Cut a sentence where two independent clauses each carry their own predicate."""
    pieces: list[tuple[int, int]] = []
    begin = start
    # A cut needs a strong predicate on its left and another one, or a bare "lost", on its right.
    if (
        sum(predicate.strong or predicate.name == "lost" for predicate in predicates) >= 2
        and any(predicate.strong for predicate in predicates)
        and _may_split(text, start, end)
    ):
        for match in _SPLIT.finditer(text, start, end):
            left = _has_predicate(predicates, begin, match.start(), strong_only=True)
            right = _has_predicate(predicates, match.end(), end, strong_only=False)
            if left and right:
                pieces.append(_trim(text, begin, match.start()))
                begin = match.end()
    pieces.append(_trim(text, begin, end))
    return [piece for piece in pieces if piece[0] < piece[1]]


def _may_split(text: str, start: int, end: int) -> bool:
    """Whether ``_SPLIT`` may cut ``text[start:end]``: each cut holds ";", "," or "and"."""
    return (
        text.find(",", start, end) >= 0
        or text.find(";", start, end) >= 0
        or "and" in text[start:end].lower()
    )


def _has_predicate(
    predicates: Sequence[Predicate], start: int, end: int, *, strong_only: bool
) -> bool:
    # A clause whose only verb is a bare "lost" continues the previous one ("…, but it has lost
    # about a third of that"), so it may stand on the right of a cut but not on the left.
    return any(
        start <= predicate.start < end
        and (predicate.strong or (not strong_only and predicate.name == "lost"))
        for predicate in predicates
    )


def _claim(
    page: _Page,
    context: _Context,
    *,
    start: int,
    end: int,
    facts: _Facts,
    attribution: Attribution | None,
    speaker: str | None,
) -> Claim | None:
    article, index = page.article, page.index
    text = article.text
    if len(text[start:end].split()) < _MIN_WORDS:
        return None
    unreal = page.unreal.is_unreal
    times = [
        time
        for time in facts.times
        if start <= time.start and time.end <= end and not unreal(start, time.start)
    ]
    quantities = [
        as_age(text, quantity)
        for quantity in facts.quantities
        if start <= quantity.start
        and quantity.end <= end
        and not any(time.start < quantity.end and quantity.start < time.end for time in times)
        and not _inside_cue(quantity, attribution)
        and not not_a_measure(text, start, quantity)
        and not unreal(start, quantity.start)
    ]
    mentions = [mention for mention in facts.mentions if start <= mention[0] and mention[1] <= end]
    stated = [predicate for predicate in facts.predicates if not unreal(start, predicate.start)]
    predicate = choose_predicate(stated, quantities, start, end)
    if predicate is not None and predicate.name in _COUNTED and not counts_people(text, quantities):
        single = single_victim(text, start, predicate.start)
        if single is not None:
            quantities.append(single)
            quantities.sort(key=lambda quantity: quantity.start)
    name = predicate.name if predicate is not None else None
    event = predicate is not None and predicate.strong
    measures = [quantity for quantity in quantities if quantity.unit not in _DURATIONS]
    checkable = bool(measures) or (
        (times or event) and (mentions or bool(quantities) or (event and name in _COUNTED))
    )
    if not checkable:
        return None
    cue = (attribution.cue_start, attribution.cue_end) if attribution is not None else None
    content = [mention for mention in mentions if cue is None or not _within(mention, cue)]
    subject = subject_of(index, content, predicate, text=text, start=start, group=context.group)
    scope = scope_of(index, content, predicate, subject, text)
    quote = text[start:end]
    occurrence = context.seen.get(quote, 0)
    context.seen[quote] = occurrence + 1
    return Claim(
        id=claim_id(article.source.id, quote, occurrence),
        source=article.source.id,
        start=start,
        end=end,
        text=quote,
        subject=subject,
        predicate=name,
        scope=scope,
        attributed_to=speaker,
        time=times[0] if times else None,
        quantities=tuple(quantities),
        entities=tuple(sorted({mention[2] for mention in mentions})),
    )


def _inside_cue(quantity: Quantity, attribution: Attribution | None) -> bool:
    if attribution is None:
        return False
    return attribution.cue_start <= quantity.start and quantity.end <= attribution.cue_end


def _within(mention: tuple[int, int, str], cue: tuple[int, int]) -> bool:
    return cue[0] <= mention[0] and mention[1] <= cue[1]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in ",;"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;"):
        end -= 1
    return start, end
