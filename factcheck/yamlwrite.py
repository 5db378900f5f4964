"""Provides :func:`dump`: plain data written canonically as the YAML dialect of
:mod:`factcheck.yamlio`, with PyYAML's emitter.
"""

from __future__ import annotations

import math
from typing import Any

import yaml

from factcheck.yamlio import CORE, NUMBER_START, plain_scalar

_BaseDumper: type[Any] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

# Strings YAML 1.1 readers would turn into something else are quoted too, so the file means the
# same to any YAML tool a reader points at it, not only to this dialect.
_YAML11 = yaml.resolver.Resolver()
_STR = CORE + "str"
_PLAIN_IS_TEXT = frozenset(map(chr, range(0x80))) - (
    frozenset(key for key in _YAML11.yaml_implicit_resolvers if key)
    | NUMBER_START
    | frozenset("tTfFnN~")
)
# YAML 1.1 reads U+0085/U+2028/U+2029 as line breaks and YAML 1.2 does not; escaping them in
# double quotes keeps both readings the same.
_YAML_BREAKS = frozenset("\x85\u2028\u2029")
_TYPE_TAGS = {type(None): "null", bool: "bool", int: "int", float: "float"}


class _Dumper(_BaseDumper):  # type: ignore[misc]
    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        if kind is not yaml.ScalarNode:
            tag: str = super().resolve(kind, value, implicit)
            return tag
        if not implicit[0] or (value and value[0] in _PLAIN_IS_TEXT):
            return _STR
        typed = plain_scalar(value) if value else None
        if not isinstance(typed, str):
            return CORE + _TYPE_TAGS[type(typed)]
        resolved: str = _YAML11.resolve(kind, value, implicit)  # type: ignore[no-untyped-call]
        return resolved


def dump(data: object) -> str:
    """Write plain data as block-style YAML, keys in the order given, one value a line."""
    text: str = yaml.serialize(
        _node(data), Dumper=_Dumper, allow_unicode=True, width=1 << 30, indent=2
    )
    return text


def _node(value: object) -> yaml.Node:
    # Nodes are built directly rather than through PyYAML's representer: it is several times
    # faster, and the ledger holds only these types.
    if isinstance(value, str):
        style = '"' if not _YAML_BREAKS.isdisjoint(value) else None
        return yaml.ScalarNode(_STR, value, style=style)
    if isinstance(value, dict):
        pairs = [(_node(key), _node(item)) for key, item in value.items()]
        return yaml.MappingNode(CORE + "map", pairs, flow_style=False)
    if isinstance(value, list | tuple):
        return yaml.SequenceNode(CORE + "seq", [_node(item) for item in value], flow_style=False)
    if isinstance(value, bool):
        return yaml.ScalarNode(CORE + "bool", "true" if value else "false")
    if isinstance(value, int):
        return yaml.ScalarNode(CORE + "int", str(value))
    if isinstance(value, float):
        return yaml.ScalarNode(CORE + "float", _float_text(value))
    if value is None:
        return yaml.ScalarNode(CORE + "null", "null")
    raise TypeError(f"cannot write {type(value).__name__} to the ledger")


def _float_text(value: float) -> str:
    if math.isnan(value):
        return ".nan"
    if math.isinf(value):
        return ".inf" if value > 0 else "-.inf"
    text = repr(value).lower()
    if "." not in text and "e" in text:
        text = text.replace("e", ".0e", 1)
    return text
