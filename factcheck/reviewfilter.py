"""Provides the review queue's filter language: ``relation:contradict verdict:none
is:disagreement by:alice outlet:bbc`` and free text, each value abbreviable to a prefix.
"""

from __future__ import annotations

import shlex
from collections.abc import Sequence
from dataclasses import dataclass

from factcheck.errors import UsageError
from factcheck.model import Relation, Verdict

FILTER_KEYS = ("relation", "verdict", "is", "by", "outlet")
VERDICT_WORDS = (*(verdict.value for verdict in Verdict), "none", "any")
IS_WORDS = ("disagreement", "stale", "contested")


@dataclass(frozen=True, slots=True)
class Filter:
    """A parsed filter: each field narrows the view; values within one field are alternatives."""

    relations: frozenset[Relation] = frozenset()
    verdicts: frozenset[str] = frozenset()
    flags: frozenset[str] = frozenset()
    reviewers: tuple[str, ...] = ()
    outlets: tuple[str, ...] = ()
    words: tuple[str, ...] = ()


def parse_filter(query: str) -> Filter:
    """Parse ``relation:contradict verdict:none is:disagreement by:alice outlet:bbc free text``.

    Values may be abbreviated to a prefix; raises :class:`UsageError` on an unknown key or value.
    """
    try:
        tokens = shlex.split(query)
    except ValueError:
        tokens = query.split()
    relations: set[Relation] = set()
    verdicts: set[str] = set()
    flags: set[str] = set()
    reviewers: list[str] = []
    outlets: list[str] = []
    words: list[str] = []
    for token in tokens:
        key, colon, value = token.partition(":")
        if not colon or not key.isalpha():
            words.append(token.casefold())
            continue
        key = key.casefold()
        if key in ("relation", "rel", "r"):
            relations.add(Relation(_expand(value, [r.value for r in Relation], "relation")))
        elif key in ("verdict", "v"):
            verdicts.add(_expand(value, VERDICT_WORDS, "verdict"))
        elif key == "is":
            flags.add(_expand(value, IS_WORDS, "is"))
        elif key == "by":
            reviewers.append(value)
        elif key == "outlet":
            outlets.append(value.casefold())
        else:
            raise UsageError(
                f"unknown filter key {key!r}",
                hint="use " + ", ".join(f"{name}:" for name in FILTER_KEYS) + " or free text",
            )
    return Filter(
        frozenset(relations),
        frozenset(verdicts),
        frozenset(flags),
        tuple(reviewers),
        tuple(outlets),
        tuple(words),
    )


def _expand(value: str, choices: Sequence[str], key: str) -> str:
    folded = value.casefold()
    hits = [choice for choice in choices if choice.startswith(folded)] if folded else []
    if folded in choices:
        return folded
    if len(hits) == 1:
        return hits[0]
    raise UsageError(
        f"{key}:{value} matches {'several' if hits else 'no'} {key} values",
        hint=f"use one of {', '.join(choices)}",
    )
