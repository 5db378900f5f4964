"""Provides reading one entry of ``claims.yaml`` field by field: each value's type and format is
checked, and each problem is noted with the entry and field it is in and what to write instead.
"""

from __future__ import annotations

import difflib
import enum
import math
import re
import reprlib
from dataclasses import dataclass
from typing import Any, TypeVar

from factcheck.yamlio import NotPlainData

# The same formats as the patterns in claims.schema.json.
ID = re.compile(r"[^\x00-\x1f\x7f]+")
SHA256 = re.compile(r"[0-9a-f]{64}")
PUBLISHED = re.compile(r"[0-9]{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12][0-9]|3[01]))?)?")
DATE = re.compile(r"[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])")
TIMESTAMP = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?"
    r"(?:Z|[+-][0-9]{2}:[0-9]{2})"
)
_SINGULAR = {
    "sources": "source",
    "entities": "entity",
    "claims": "claim",
    "pairs": "pair",
    "reviews": "review",
}

SCALARS = (str, int, float, bool, type(None))
# Values shown in messages may be arbitrarily large or deep; show a bounded sketch of them.
SHOW = reprlib.Repr()
SHOW.maxlevel, SHOW.maxstring, SHOW.maxother = 3, 60, 60
E = TypeVar("E", bound=enum.StrEnum)


@dataclass(frozen=True, slots=True)
class Problem:
    """A place in the ledger's data that does not fit the schema.

    ``section`` is ``""`` for the top level; ``index`` the entry's position in its section;
    ``field`` a dotted path inside the entry (``"time.start"``, ``"quantities.1.value"``).
    """

    section: str
    index: int | None
    field: str | None
    message: str
    hint: str


class FieldReader:
    """Reads one entry's fields, noting each problem and whether the entry can be built."""

    __slots__ = ("_label", "bad", "index", "prefix", "problems", "raw", "section")

    def __init__(
        self,
        raw: dict[Any, Any],
        section: str,
        index: int,
        problems: list[Problem],
        *,
        prefix: str = "",
        label: str | None = None,
    ) -> None:
        self.raw = raw
        self.section = section
        self.index = index
        self.problems = problems
        self.prefix = prefix
        self.bad = False
        self._label = label

    @property
    def label(self) -> str:
        """How messages name the entry: by id when it has one, else by position."""
        if self._label is None:
            raw, entry_id = self.raw, self.raw.get("id")
            if self.section == "reviews":
                self._label = (
                    f"review of pair {SHOW.repr(raw.get('pair'))} "
                    f"by {SHOW.repr(raw.get('reviewer'))}"
                )
            elif isinstance(entry_id, str):
                self._label = f"{_SINGULAR[self.section]} {entry_id!r}"
            else:
                self._label = f"{self.section} entry {self.index + 1}"
        return self._label

    def fail(self, name: str | None, message: str, hint: str) -> None:
        self.bad = True
        where = None if name is None else self.prefix + name
        self.problems.append(Problem(self.section, self.index, where, message, hint))

    def known(self, allowed: frozenset[str]) -> None:
        if self.raw.keys() <= allowed:
            return
        for key in self.raw:
            if isinstance(key, str) and key in allowed:
                continue
            if not isinstance(key, SCALARS):
                raise NotPlainData(key)
            guess = _guess(str(key), allowed)
            self.problems.append(
                Problem(
                    self.section,
                    self.index,
                    self.prefix + str(key),
                    f"{self.label}: unknown field {SHOW.repr(key)}",
                    f"did you mean {guess!r}?" if guess else f"known: {', '.join(sorted(allowed))}",
                )
            )

    def missing(self, name: str) -> None:
        self.fail(
            None if not self.prefix else self.prefix.rstrip("."),
            f"{self.label}: required field `{self.prefix}{name}` is missing",
            f"add `{name}:` to the entry",
        )

    def text(
        self, name: str, *, required: bool = False, pattern: re.Pattern[str] | None = None
    ) -> Any:
        value = self.raw.get(name)
        if value is None:
            if required:
                self.missing(name)
            return None
        if not isinstance(value, str) or (pattern is not None and not pattern.fullmatch(value)):
            wanted, hint = _expect(pattern, name, value)
            self.fail(name, f"{self.label}: `{self.prefix}{name}` {wanted}", hint)
            return None
        return value

    def ident(self, name: str, *, required: bool = True) -> Any:
        return self.text(name, required=required, pattern=ID)

    def offset(self, name: str) -> int:
        value = self.raw.get(name)
        if type(value) is int and value >= 0:
            return value
        if value is None:
            self.missing(name)
        else:
            self.fail(
                name,
                f"{self.label}: `{self.prefix}{name}` must be a character offset "
                f"(a whole number ≥ 0), not {SHOW.repr(value)}",
                f"write e.g. `{name}: 120`",
            )
        return 0

    def number(self, name: str, *, required: bool = False) -> Any:
        value = self.raw.get(name)
        if value is None:
            if required:
                self.missing(name)
            return None
        if type(value) is float and math.isfinite(value):
            return value
        if type(value) is int:
            return float(value)
        self.fail(
            name,
            f"{self.label}: `{self.prefix}{name}` must be a finite number, not {SHOW.repr(value)}",
            f"write e.g. `{name}: 0.75`",
        )
        return None

    def flag(self, name: str, default: bool) -> bool:
        value = self.raw.get(name)
        if value is None:
            return default
        if type(value) is bool:
            return value
        self.fail(
            name,
            f"{self.label}: `{self.prefix}{name}` must be true or false, not {SHOW.repr(value)}",
            f"write `{name}: true` or `{name}: false`",
        )
        return default

    def choice(self, name: str, kind: type[E]) -> E:
        value = self.raw.get(name)
        member = kind._value2member_map_.get(value) if isinstance(value, str) else None
        if member is not None:
            return member  # type: ignore[return-value]
        members = list(kind)
        if value is None:
            self.missing(name)
        else:
            names = ", ".join(m.value for m in members)
            self.fail(
                name,
                f"{self.label}: `{self.prefix}{name}` is {SHOW.repr(value)}, not one of {names}",
                f"write one of: {names}",
            )
        return members[0]

    def idents(self, name: str) -> tuple[str, ...]:
        value = self.raw.get(name)
        if value is None:
            return ()
        if isinstance(value, list) and all(
            isinstance(item, str) and ID.fullmatch(item) for item in value
        ):
            return tuple(value)
        self.fail(
            name,
            f"{self.label}: `{self.prefix}{name}` must be a list of names",
            f"write `{name}:` with one '- name' line each",
        )
        return ()

    def nested(self, name: str, value: object) -> FieldReader | None:
        if isinstance(value, dict):
            return FieldReader(
                value, self.section, self.index, self.problems, prefix=name + ".", label=self.label
            )
        self.fail(
            name,
            f"{self.label}: `{self.prefix}{name}` must be a mapping of fields, "
            f"not {kind_of(value)}",
            "indent its fields under it",
        )
        return None

    def span(self, start: int, end: int) -> None:
        if end < start:
            self.fail(
                "end",
                f"{self.label}: `{self.prefix}end` ({end}) is before "
                f"`{self.prefix}start` ({start})",
                "an offset pair marks text[start:end]; swap or fix them",
            )


def _expect(pattern: re.Pattern[str] | None, name: str, value: object) -> tuple[str, str]:
    if not isinstance(value, str):
        hint = (
            f"quote it: `{name}: '{value}'`"
            if isinstance(value, int | float)
            else f"write `{name}:` followed by text"
        )
        return f"must be text, not {kind_of(value)} {SHOW.repr(value)}", hint
    wanted, example = _FORMATS.get(pattern, ("is malformed", "fix it"))
    return f"{wanted}, not {SHOW.repr(value)}", example


_FORMATS: dict[re.Pattern[str] | None, tuple[str, str]] = {
    ID: ("must be a non-empty name without control characters", "write a short name"),
    SHA256: (
        "must be 64 lowercase hex digits (a SHA-256)",
        "run 'factcheck update' to record the file's hash",
    ),
    PUBLISHED: ("must be a date written YYYY, YYYY-MM or YYYY-MM-DD", "write e.g. 2015-11-20"),
    DATE: ("must be a date written YYYY-MM-DD", "write e.g. 2015-11-20"),
    TIMESTAMP: (
        "must be an ISO 8601 time",
        "write e.g. 2024-05-01T09:30:00Z",
    ),
}


def kind_of(value: object) -> str:
    names = {dict: "a mapping", list: "a list", str: "text", bool: "true/false", type(None): "null"}
    return names.get(type(value), "a number")


def _guess(key: str, allowed: frozenset[str]) -> str | None:
    found = difflib.get_close_matches(key, sorted(allowed), n=1)
    return found[0] if found else None
