"""Provides line numbers for places in ``claims.yaml``, found only when a message needs one.

The fast reader keeps no positions, so the clean path pays nothing. When a line is wanted, the
text is indexed once by layout (an entry starts at a ``- `` line under its section, a field is a
``key:`` line inside it), which is exact for the canonical file and for most hand edits. When the
layout does not add up (flow style, odd indentation), PyYAML composes the document and its node
marks answer instead.
"""

from __future__ import annotations

import functools
import re
from typing import Any

import yaml

_TOP_KEY = re.compile(r"([A-Za-z_][\w-]*)[ \t]*:(?:[ \t]|$)")
_KEY = re.compile(r"((?:- +)*)([A-Za-z_][\w-]*)[ \t]*:(?:[ \t]|$)")
_ITEM = re.compile(r"- |-$")
_Composer: type[Any] = getattr(yaml, "CBaseLoader", yaml.BaseLoader)


def top_level_line(text: str, key: str) -> int | None:
    """1-based line of a top-level ``key:``."""
    found = re.search(rf"^{re.escape(key)}[ \t]*:", text, re.MULTILINE)
    return None if found is None else text.count("\n", 0, found.start()) + 1


def locate(
    text: str, section: str, index: int, field: str | None = None, *, count: int | None = None
) -> int | None:
    """1-based line of entry ``index`` of ``section`` (or of its dotted ``field``).

    ``count`` is how many entries the section holds; when the layout scan finds another number it
    is not trusted and the composed document answers.
    """
    layout = _layout(text)
    starts = layout.entries.get(section, [])
    if index < len(starts) and (count is None or count == len(starts)):
        start = starts[index]
        end = starts[index + 1] if index + 1 < len(starts) else layout.section_end[section]
        if field is None:
            return start + 1
        found = _field_line(layout.lines, start, end, field.split("."))
        if found is not None:
            return found + 1
        if count is not None:
            return start + 1
    return _composed(text, section, index, field)


class _Layout:
    """Where each top-level section and each of its entries starts (0-based line numbers)."""

    __slots__ = ("entries", "lines", "section_end")

    def __init__(self, text: str) -> None:
        self.lines = text.split("\n")
        self.entries: dict[str, list[int]] = {}
        self.section_end: dict[str, int] = {}
        section: str | None = None
        indent: int | None = None
        for number, line in enumerate(self.lines):
            if not line or line[0] == "#":
                continue
            if line[0] not in " -":
                if section is not None:
                    self.section_end[section] = number
                top = _TOP_KEY.match(line)
                section = top.group(1) if top else None
                indent = None
                if section is not None:
                    self.entries[section] = []
                continue
            if section is None:
                continue
            stripped = line.lstrip(" ")
            if not _ITEM.match(stripped):
                continue
            column = len(line) - len(stripped)
            if indent is None:
                indent = column
            if column == indent:
                self.entries[section].append(number)
        if section is not None:
            self.section_end[section] = len(self.lines)


@functools.lru_cache(maxsize=4)
def _layout(text: str) -> _Layout:
    return _Layout(text)


def _key_at(line: str) -> tuple[int, str] | None:
    stripped = line.lstrip(" ")
    found = _KEY.match(stripped)
    if found is None:
        return None
    return len(line) - len(stripped) + len(found.group(1)), found.group(2)


def _field_line(lines: list[str], start: int, end: int, path: list[str]) -> int | None:
    """Follow ``path`` from the entry occupying ``lines[start:end]``; keys of one mapping share
    the column of its first key, items of one list the column of its first dash.
    """
    low, high, line = start, end, None
    for part in path:
        if part.isdigit():
            item = _nth_item(lines, low, high, int(part))
            if item is None:
                return None
            low, high = item
            line = low
            continue
        column = next((key[0] for n in range(low, high) if (key := _key_at(lines[n]))), None)
        line = next((n for n in range(low, high) if _key_at(lines[n]) == (column, part)), None)
        if line is None:
            return None
        low, high = line + 1, _block_end(lines, line, high, column or 0)
    return line


def _block_end(lines: list[str], number: int, end: int, column: int) -> int:
    for later in range(number + 1, end):
        line = lines[later]
        stripped = line.lstrip(" ")
        if not stripped or stripped[0] == "#":
            continue
        indent = len(line) - len(stripped)
        if indent < column or (indent == column and not _ITEM.match(stripped)):
            return later
    return end


def _nth_item(lines: list[str], start: int, end: int, nth: int) -> tuple[int, int] | None:
    items: list[int] = []
    indent: int | None = None
    for number in range(start, end):
        line = lines[number]
        stripped = line.lstrip(" ")
        if not _ITEM.match(stripped):
            continue
        column = len(line) - len(stripped)
        if indent is None:
            indent = column
        if column == indent:
            items.append(number)
    if nth >= len(items):
        return None
    return items[nth], items[nth + 1] if nth + 1 < len(items) else end


def _composed(text: str, section: str, index: int, field: str | None) -> int | None:
    node = _compose(text)
    if node is None:
        return None
    line: int | None = None
    for part in [section, str(index), *(field.split(".") if field else [])]:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and key.value == part:
                    line, node = key.start_mark.line + 1, value
                    break
            else:
                return line
        elif isinstance(node, yaml.SequenceNode) and part.isdigit() and int(part) < len(node.value):
            node = node.value[int(part)]
            line = node.start_mark.line + 1
        else:
            return line
    return line


@functools.lru_cache(maxsize=1)
def _compose(text: str) -> yaml.Node | None:
    loader = _Composer(text)
    try:
        node: yaml.Node | None = loader.get_single_node()
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()
    return node
