"""Provides the YAML dialect of ``claims.yaml``: plain data only, read fast with ``yaml_rs`` or
exactly with the PyYAML reference reader (:mod:`factcheck.yamlwrite` writes it).

The dialect is YAML 1.2's core schema as ``yaml_rs`` reads it: ``true``/``false``, ``null``/``~``
and numbers (``_`` separators allowed) are typed, every other plain scalar is a string; there are
no timestamps, no merge keys, no ``yes``/``no`` booleans and no tags beyond the core ones. The
reference reader builds the same values from libyaml's event stream without recursion, so a deep
or self-referencing document cannot overflow a stack, and it refuses duplicate keys, foreign tags,
more than one document and aliases that expand past a small budget ("billion laughs").
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

import yaml

from factcheck.errors import LedgerError

MAX_DEPTH = 64
MAX_ALIAS_NODES = 10_000
_TOO_DEEP_HINT = "a ledger entry is at most four levels deep; remove the extra brackets"

CORE = "tag:yaml.org,2002:"
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_TRUE = frozenset(("true", "True", "TRUE"))
_FALSE = frozenset(("false", "False", "FALSE"))
NUMBER_START = frozenset("-+._0123456789")
_INF = re.compile(r"[-+]?\.(?:inf|Inf|INF)")
_NAN = re.compile(r"[-+]?\.(?:nan|NaN|NAN)")
_RADIX = re.compile(r"0([xXoObB])(.+)")
_HEX_DIGITS = re.compile(r"[0-9a-fA-F]+")
_DECIMAL = re.compile(r"[0-9]+")
_FLOAT = re.compile(r"(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_BASES = {"x": 16, "o": 8, "b": 2}

# Text the fast reader must not see: tags, anchors and aliases (yaml_rs drops unknown tags
# silently), directives, characters whose meaning differs between YAML 1.1 and 1.2 or that libyaml
# refuses, and deep nesting (deep indentation, many compact "- " on a line, a flow collection
# inside another), which can exhaust yaml_rs's native stack. Within these bounds a document nests
# less than MAX_DEPTH. The tests are generous on purpose: a false alarm only means the slower
# reference reader is used. Plain substring tests run first because they cost almost nothing.
_CONTROL = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]"
)
_BEFORE_PROPERTY = frozenset(" \t\r\n[]{},:?-")
_COMPACT_HINT = re.compile(r"[-?:][ \t]+[-?:][ \t]")
_COMPACT = re.compile(r"^[ \t]*(?:[-?:][ \t]+){8,}", re.MULTILINE)
_DEEP_INDENT = " " * 24
_NESTED_FLOW = re.compile(r"[\[{][^\[\]{}]*[\[{]")


def _has_nested_flow(text: str) -> bool:
    openings = text.count("[") + text.count("{")
    if openings == 0:
        return False
    if openings > 64:
        return _NESTED_FLOW.search(text) is not None
    for bracket in "[{":
        at = text.find(bracket)
        while at >= 0:
            if _NESTED_FLOW.match(text, at):
                return True
            at = text.find(bracket, at + 1)
    return False


def needs_reference(text: str) -> bool:
    """Whether ``text`` holds anything the fast reader may not be trusted with."""
    for indicator in "!&*":
        at = text.find(indicator)
        while at >= 0:
            if at == 0 or text[at - 1] in _BEFORE_PROPERTY:
                after = text[at + 1 : at + 2]
                if indicator == "!" or (after and not after.isspace()):
                    return True
            at = text.find(indicator, at + 1)
    if text.startswith(("%", _DEEP_INDENT)) or "\n%" in text or "\n" + _DEEP_INDENT in text:
        return True
    if _COMPACT_HINT.search(text) and _COMPACT.search(text):
        return True
    if _has_nested_flow(text):
        return True
    return _CONTROL.search(text) is not None


_EventLoader: type[Any] = getattr(yaml, "CBaseLoader", yaml.BaseLoader)

yaml_rs: Any
try:
    import yaml_rs
except ImportError:  # pragma: no cover - yaml_rs is a declared dependency; PyYAML suffices
    yaml_rs = None


class NotPlainData(Exception):
    """The fast reader produced a value the dialect has no place for; the reference decides."""


def plain_scalar(value: str) -> object:
    """Type an untagged plain scalar the way ``yaml_rs`` does."""
    if value in _NULLS:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    if value[0] not in NUMBER_START:
        return value
    if _INF.fullmatch(value):
        return -math.inf if value[0] == "-" else math.inf
    if _NAN.fullmatch(value):
        return math.nan
    sign = value[0] if value[0] in "+-" else ""
    body = value[len(sign) :]
    radix = _RADIX.fullmatch(body)
    if radix is not None:
        digits = radix.group(2).replace("_", "")
        if not _HEX_DIGITS.fullmatch(digits):
            return value
        try:
            number = int(digits, _BASES[radix.group(1).lower()])
        except ValueError:
            return value
        return -number if sign == "-" else number
    bare = body.replace("_", "")
    if _DECIMAL.fullmatch(bare):
        return int(sign + bare)
    if _FLOAT.fullmatch(bare):
        return float(sign + bare)
    return value


def parse(text: str, path: str, *, fast: bool = True) -> object:
    """Parse one YAML document of plain data; raise :class:`LedgerError` naming the line."""
    if fast and yaml_rs is not None and not needs_reference(text):
        try:
            return yaml_rs.loads(
                text,
                parse_datetime=False,
                alias_limits=yaml_rs.AliasLimits(
                    max_total_replayed_events=MAX_ALIAS_NODES,
                    max_replay_stack_depth=16,
                    max_alias_expansions_per_anchor=MAX_ALIAS_NODES,
                ),
                duplicate_key_policy=yaml_rs.DuplicateKeyPolicy.Error,
            )
        except (ValueError, TypeError, RecursionError):
            pass  # the reference reader gives the error its file, line and hint
    return parse_reference(text, path)


def parse_reference(text: str, path: str, *, typed: bool = True) -> object:
    """Parse with PyYAML's event stream (libyaml when present); this defines the dialect.

    ``typed=False`` keeps every untagged scalar as the string written, for article front matter,
    where ``2015-02-30`` or ``1.10`` must reach the caller as typed by the author.
    """
    loader = _EventLoader(text)
    try:
        return _Builder(path, typed=typed).run(loader.get_event)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        problem = err.problem or err.context or "unreadable YAML"
        if "nesting depth" in problem:
            # libyaml stops at its own depth limit before the builder reaches MAX_DEPTH.
            raise LedgerError(
                f"is nested more than {MAX_DEPTH} levels deep",
                path=path,
                line=mark.line + 1 if mark is not None else None,
                hint=_TOO_DEEP_HINT,
            ) from None
        raise LedgerError(
            f"is not valid YAML: {problem}",
            path=path,
            line=mark.line + 1 if mark is not None else None,
            hint="fix the YAML syntax at that line (indentation, quotes, a missing ':')",
        ) from None
    except yaml.reader.ReaderError as err:
        code = err.character if isinstance(err.character, int) else ord(err.character)
        raise LedgerError(
            f"contains a character YAML does not allow (U+{code:04X})",
            path=path,
            line=_line_at_byte(text, err.position),
            hint="remove it or write it as an escape inside double quotes",
        ) from None
    except yaml.YAMLError as err:
        raise LedgerError(
            f"is not valid YAML: {str(err).splitlines()[0]}", path=path, hint="fix the YAML syntax"
        ) from None
    finally:
        loader.dispose()


class _Frame:
    __slots__ = ("anchor", "container", "key", "size")

    def __init__(self, container: list[object] | dict[object, object], anchor: str | None) -> None:
        self.container = container
        self.anchor = anchor
        self.size = 1
        self.key: object = _NO_KEY


_NO_KEY = object()
_NOTHING = object()


class _Builder:
    """Turns YAML events into plain Python values, enforcing the dialect's limits."""

    def __init__(self, path: str, *, typed: bool = True) -> None:
        self.path = path
        self.typed = typed
        self.stack: list[_Frame] = []
        self.anchors: dict[str, tuple[object, int]] = {}
        self.open_anchors: set[str] = set()
        self.expanded = 0
        self.documents = 0
        self.root: object = _NOTHING

    def run(self, next_event: Callable[[], Any]) -> object:
        while True:
            event = next_event()
            if event is None or isinstance(event, yaml.StreamEndEvent):
                return None if self.root is _NOTHING else self.root
            line = event.start_mark.line + 1
            if isinstance(event, yaml.ScalarEvent):
                value = self._scalar(event, line)
                if event.anchor is not None:
                    self.anchors[event.anchor] = (value, 1)
                self._attach(value, 1, line, collection=False)
            elif isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
                self._open(event, line)
            elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
                frame = self.stack.pop()
                if frame.anchor is not None:
                    self.open_anchors.discard(frame.anchor)
                    self.anchors[frame.anchor] = (frame.container, frame.size)
                self._attach(frame.container, frame.size, line, collection=True)
            elif isinstance(event, yaml.AliasEvent):
                self._alias(str(event.anchor), line)
            elif isinstance(event, yaml.DocumentStartEvent):
                self.documents += 1
                if self.documents > 1:
                    raise self._error(
                        "holds more than one YAML document",
                        line,
                        "keep one document: remove the second '---' and what follows",
                    )

    def _open(self, event: Any, line: int) -> None:
        mapping = isinstance(event, yaml.MappingStartEvent)
        tag = event.tag
        if tag is not None and tag != CORE + ("map" if mapping else "seq"):
            raise self._tag_error(tag, line)
        if len(self.stack) >= MAX_DEPTH:
            raise self._error(
                f"is nested more than {MAX_DEPTH} levels deep",
                line,
                _TOO_DEEP_HINT,
            )
        if event.anchor is not None:
            self.open_anchors.add(event.anchor)
        container: list[object] | dict[object, object] = {} if mapping else []
        self.stack.append(_Frame(container, event.anchor))

    def _alias(self, anchor: str, line: int) -> None:
        if anchor in self.open_anchors:
            raise self._error(
                f"alias *{anchor} refers to the list or mapping that contains it",
                line,
                "write the values out instead of a self-referencing alias",
            )
        if anchor not in self.anchors:
            raise self._error(
                f"alias *{anchor} has no anchor &{anchor} before it",
                line,
                "define the anchor first or write the value out",
            )
        value, size = self.anchors[anchor]
        self.expanded += size
        if self.expanded > MAX_ALIAS_NODES:
            raise self._error(
                f"aliases expand to more than {MAX_ALIAS_NODES} values (an alias bomb?)",
                line,
                "a ledger needs no aliases; write the values out",
            )
        self._attach(value, size, line, collection=isinstance(value, list | dict))

    def _attach(self, value: object, size: int, line: int, *, collection: bool) -> None:
        if not self.stack:
            self.root = value
            return
        frame = self.stack[-1]
        frame.size += size
        container = frame.container
        if isinstance(container, list):
            container.append(value)
        elif frame.key is _NO_KEY:
            if collection:
                raise self._error(
                    "uses a list or mapping as a key",
                    line,
                    "keys are plain field names such as `id:`",
                )
            if value in container:
                raise self._error(
                    f"repeats the key {value!r} in one mapping",
                    line,
                    "keep one of the two lines; YAML would silently drop the other",
                )
            frame.key = value
        else:
            container[frame.key] = value
            frame.key = _NO_KEY

    def _scalar(self, event: Any, line: int) -> object:
        tag, value = event.tag, event.value
        if tag is None:
            return plain_scalar(value) if event.implicit[0] and self.typed else value
        if tag == CORE + "str":
            return value
        typed = plain_scalar(value)
        expected: dict[str, tuple[type, ...]] = {
            "int": (int,),
            "float": (int, float),
            "bool": (bool,),
            "null": (type(None),),
        }
        kinds = expected.get(tag[len(CORE) :]) if tag.startswith(CORE) else None
        if kinds is None:
            raise self._tag_error(tag, line)
        if not isinstance(typed, kinds) or (isinstance(typed, bool) and bool not in kinds):
            raise self._error(
                f"{value!r} is not a valid {tag[len(CORE) :]}",
                line,
                "remove the tag or fix the value",
            )
        if tag == CORE + "float" and isinstance(typed, int):
            return float(typed)
        return typed

    def _tag_error(self, tag: str, line: int) -> LedgerError:
        shown = "!!" + tag[len(CORE) :] if tag.startswith(CORE) else tag
        return self._error(
            f"uses the YAML tag {shown!r}, which a ledger may not hold",
            line,
            "claims.yaml holds plain data only: remove the tag",
        )

    def _error(self, message: str, line: int, hint: str) -> LedgerError:
        return LedgerError(message, path=self.path, line=line, hint=hint)


def _line_at_byte(text: str, position: int) -> int:
    if _EventLoader is yaml.BaseLoader:  # the pure-Python reader counts characters, not bytes
        return text.count("\n", 0, position) + 1
    return text.encode("utf-8", "surrogatepass")[:position].count(b"\n") + 1
