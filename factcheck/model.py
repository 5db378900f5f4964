"""Provides the values every part of factcheck passes around: sources, quantities, times, claims,
pairs, reviews and the ledger that holds them.

All values are frozen; offsets are Python string indices into the full decoded text of a source
(front matter included), so ``text[start:end]`` is always the quoted span.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

SCHEMA_VERSION = 1


class Relation(enum.StrEnum):
    """What the comparison of two claims suggests."""

    AGREE = "agree"
    CONTRADICT = "contradict"
    CHANGED = "changed"
    RELATED = "related"


class Verdict(enum.StrEnum):
    """What a reviewer decided about a pair."""

    AGREE = "agree"
    CONTRADICT = "contradict"
    UNRELATED = "unrelated"


class Precision(enum.StrEnum):
    """How finely a time is known."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"
    DECADE = "decade"


@dataclass(frozen=True, slots=True)
class Source:
    """One article: where it lives, the hash of its bytes and its metadata.

    ``path`` is relative to the ledger's directory, POSIX-style. For a JSONL corpus ``path`` names
    the file and ``entry`` the line's ``id``; ``sha256`` then hashes the UTF-8 of its ``text``.
    ``published`` is ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.
    """

    id: str
    path: str
    sha256: str
    entry: str | None = None
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    language: str | None = None

    @property
    def location(self) -> str:
        """``path``, or ``path#entry`` for an entry of a JSONL corpus."""
        return f"{self.path}#{self.entry}" if self.entry else self.path


@dataclass(frozen=True, slots=True)
class Article:
    """A source with its full decoded text."""

    source: Source
    text: str


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number as the article states it, normalised.

    ``value`` is the point value (``None`` for a pure bound or a vague amount), ``low``/``high``
    the bounds (a range or a bound fills them; an exact value has ``low == high == value``).
    ``unit`` is canonical: ``None`` for a plain count, ``"%"`` for a share on the 0-100 scale,
    ``"km"``, ``"km2"``, ``"kg"``, an ISO currency code, ...; ``original_unit`` keeps what was
    written. ``noun`` is what is counted ("troops", "citizens") when the text says it.
    ``approx`` marks a hedge ("about", "near"), named in ``hedge``; bounds ("over", "at least")
    are named in ``hedge`` too. ``base`` is the text of the earlier quantity a fraction refers to
    ("a third of that" -> "about a third").
    """

    text: str
    start: int
    end: int
    value: float | None
    low: float | None
    high: float | None
    unit: str | None = None
    original_unit: str | None = None
    noun: str | None = None
    approx: bool = False
    hedge: str | None = None
    base: str | None = None


@dataclass(frozen=True, slots=True)
class TimeSpan:
    """A time the article states, as an inclusive interval of ISO dates.

    ``first``/``last`` are ``None`` when the time is relative and the source has no publication
    date to anchor it (``resolved`` is then ``False``); nothing is guessed. ``qualifier`` keeps
    "since", "until", "before" or "after" when the text bounds the time on one side.
    """

    text: str
    start: int
    end: int
    first: str | None
    last: str | None
    precision: Precision
    relative: bool = False
    resolved: bool = True
    qualifier: str | None = None


@dataclass(frozen=True, slots=True)
class Claim:
    """A checkable statement: an exact span of one source and what it says, normalised."""

    id: str
    source: str
    start: int
    end: int
    text: str
    subject: str | None = None
    predicate: str | None = None
    scope: str | None = None
    attributed_to: str | None = None
    time: TimeSpan | None = None
    quantities: tuple[Quantity, ...] = ()
    entities: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Pair:
    """Two claims from different sources suggested as speaking of the same thing."""

    id: str
    a: str
    b: str
    relation: Relation
    score: float
    reason: str
    stale: bool = False


@dataclass(frozen=True, slots=True)
class Review:
    """One reviewer's verdict on one pair; ``timestamp`` is ISO 8601 UTC."""

    pair: str
    reviewer: str
    verdict: Verdict
    timestamp: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class Entity:
    """A canonical entity and the names it goes by."""

    id: str
    aliases: tuple[str, ...] = ()
    kind: str | None = None


@dataclass(frozen=True, slots=True)
class Ledger:
    """The reviewed record kept in ``claims.yaml``."""

    version: int = SCHEMA_VERSION
    sources: tuple[Source, ...] = ()
    entities: tuple[Entity, ...] = ()
    claims: tuple[Claim, ...] = ()
    pairs: tuple[Pair, ...] = ()
    reviews: tuple[Review, ...] = field(default_factory=tuple)
