"""Provides the reading of who and what a clause is about: its predicate, its subject (who acts,
or the group an unnamed doer stands for), its scope (the place) and what a clause that continues
the previous one takes from it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from factcheck.entities import EntityIndex
from factcheck.model import Claim, Quantity
from factcheck.predicates import Predicate, noun_predicate

# Whether it is found, not where: its first letter is matched (every character that matches "i"
# or "t" when case is ignored) before the look back for a word start, so that the engine skips
# ahead to those letters.
_ANAPHOR = re.compile(
    r"(?-i:[iIİıtT])(?<!\w.)(?:(?<=i)ts?|(?<=t)(?:hey|heir|he\s+(?:terrorist\s+|militant\s+"
    r"|extremist\s+|jihadist\s+)?(?:group|organi[sz]ation|extremists|terrorists|militants)))\b",
    re.IGNORECASE,
)
_ADJECTIVE = re.compile(
    r"[ \t]+(?!(?:from|in|on|at|to|and|or|of|by|for|with|was|is|are|were|has|have|had|as|"
    r"which|that|who|where|since|after|before|last|this|until|near|into|but)\b)[a-z]"
)
# Predicates whose unnamed doer is the group the article is about ("… lost control of Fallujah").
# A capture is not among them: "pro-government forces wrested control of Baiji" is no capture by
# the group, which is more often the one losing the place.
_TERRITORIAL = frozenset(
    {"territory lost", "territory seized", "territory held", "lost control", "withdrew"}
)
# "Iranian- and Russian-backed government forces": the backers are not the ones who act.
_BACKER = re.compile(r"(?:-\s+(?:and|or)\s+[\w’'-]+?)?-(?:backed|led|allied|supported|sponsored)\b")
# "a major blow to the Islamic State": who something goes to is not who did it.
_RECIPIENT = re.compile(r"\bto\s+(?:the\s+)?\Z", re.IGNORECASE)
# "a key position in the fight against ISIS": who is fought is not who acts.
_OPPONENT = re.compile(r"\bagainst\s+(?:the\s+)?\Z", re.IGNORECASE)


def choose_predicate(
    predicates: Sequence[Predicate], quantities: Sequence[Quantity], start: int, end: int
) -> Predicate | None:
    """The predicate of ``[start, end)``: its earliest strong one, else one implied by the noun a
    quantity counts, else its earliest weak one."""
    inside = [predicate for predicate in predicates if start <= predicate.start < end]
    strong = [predicate for predicate in inside if predicate.strong]
    if strong:
        return min(strong, key=lambda predicate: predicate.start)
    for quantity in quantities:
        implied = noun_predicate(quantity.noun)
        if implied is not None:
            return Predicate(implied, quantity.start, quantity.end, strong=True)
    if inside:
        return min(inside, key=lambda predicate: predicate.start)
    return None


def subject_of(
    index: EntityIndex,
    mentions: Sequence[tuple[int, int, str]],
    predicate: Predicate | None,
    *,
    text: str,
    start: int,
    group: str | None,
) -> str | None:
    """Who a clause is about: the first actor named before its predicate, else ``group`` (the
    group named last before it) when the clause points back at it or reports a territorial event
    naming no actor, else the first entity named."""
    mentions = [mention for mention in mentions if not _BACKER.match(text, mention[1])]
    if predicate is None:
        # With no event to anchor it, a clause is about who acts, not about who is fought.
        mentions = [
            mention
            for mention in mentions
            if not _OPPONENT.search(text, max(start, mention[0] - 12), mention[0])
        ]
        return _first_actor(index, mentions) or (mentions[0][2] if mentions else None)
    if predicate.name == "population":
        # "Al-Kaim, a border city with 150.000 citizens": the people are the place's.
        places = [mention for mention in mentions if index.kind(mention[2]) == "place"]
        before = [mention for mention in places if mention[1] <= predicate.start]
        if before:
            return before[-1][2]
    if predicate.name in _TERRITORIAL:
        # "the loss of Fallujah to Iraqi government forces": the forces are the winners.
        mentions = [
            mention
            for mention in mentions
            if mention[0] < predicate.start or not _RECIPIENT.search(text, start, mention[0])
        ]
    before = [mention for mention in mentions if mention[1] <= predicate.start]
    actor = _first_actor(index, before)
    if actor is not None:
        return actor
    if group is not None and (
        _ANAPHOR.search(text, start, predicate.start)
        or (predicate.name in _TERRITORIAL and _first_actor(index, mentions) is None)
    ):
        return group
    if before:
        return before[0][2]
    after = [mention for mention in mentions if mention[0] >= predicate.start]
    return _first_actor(index, after) or (after[0][2] if after else None)


def _first_actor(index: EntityIndex, mentions: Sequence[tuple[int, int, str]]) -> str | None:
    for _, _, entity in mentions:
        if index.kind(entity) != "place":
            return entity
    return None


def scope_of(
    index: EntityIndex,
    mentions: Sequence[tuple[int, int, str]],
    predicate: Predicate | None,
    subject: str | None,
    text: str,
) -> str | None:
    """The place a clause is about: other than the subject, the first place named after its
    predicate (else the last before it), a place's noun rather than an adjective naming its
    country."""
    places = [mention for mention in mentions if index.kind(mention[2]) == "place"]
    others = [mention for mention in places if mention[2] != subject] or places
    if predicate is not None:
        after = [mention for mention in others if mention[0] >= predicate.start]
        candidates = after or others[::-1]
    else:
        candidates = others
    if not candidates:
        return None
    # "the northern Iraqi town of Sinjar": the adjective names the country, the noun the place.
    nouns = [mention for mention in candidates if not _ADJECTIVE.match(text, mention[1])]
    return (nouns or candidates)[0][2]


def inherit(claim: Claim, previous: Claim | None) -> Claim:
    """A clause that continues the previous one ("…, but it has lost about a third of that")
    takes its subject, scope and the kind of what was lost."""
    if previous is None or claim.entities:
        return claim
    subject = claim.subject or previous.subject
    scope = claim.scope or previous.scope
    predicate = claim.predicate
    if predicate == "lost" and previous.predicate and previous.predicate.startswith("territory"):
        predicate = "territory lost"
    return replace(claim, subject=subject, scope=scope, predicate=predicate)
