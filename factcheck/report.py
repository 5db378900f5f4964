"""Provides findings, what ``factcheck check`` reports, and their three output formats: text for
people, JSON for tools, and GitHub Actions workflow commands for annotations on the diff.

Every string that may carry article text or ledger content is made printable first, so control
characters and escape sequences reach no terminal and no CI log raw.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem: where (file and 1-based line), which rule, what is wrong and what to do."""

    path: str
    line: int | None
    rule: str
    message: str
    hint: str


def sort_key(finding: Finding) -> tuple[str, bool, int, str, str]:
    """Findings read best in file order."""
    return (finding.path, finding.line is None, finding.line or 0, finding.rule, finding.message)


def printable(text: str) -> str:
    """``text`` with every non-printable character written as a Python escape."""
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else repr(char)[1:-1] for char in text)


def quote(text: str, limit: int = 80) -> str:
    """Article text as a short, escaped literal for a message."""
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return repr(text)


def format_text(findings: Sequence[Finding], path: str) -> str:
    """``claims.yaml:12: [provenance] message (hint)`` lines and a summary line."""
    out = []
    for finding in findings:
        where = finding.path + (f":{finding.line}" if finding.line is not None else "")
        hint = f" ({finding.hint})" if finding.hint else ""
        out.append(printable(f"{where}: [{finding.rule}] {finding.message}{hint}"))
    out.append(_summary(findings, path))
    return "\n".join(out) + "\n"


def format_json(findings: Sequence[Finding], path: str) -> str:
    """One JSON object: ``{"path", "ok", "findings": [{path, line, rule, message, hint}]}``."""
    document = {
        "path": path,
        "ok": not findings,
        "findings": [asdict(finding) for finding in findings],
    }
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=True) + "\n"


def format_github(findings: Sequence[Finding], path: str) -> str:
    """``::error file=...,line=...,title=...::message`` lines, escaped as GitHub requires."""
    out = []
    for finding in findings:
        properties = [f"file={_property(finding.path)}"]
        if finding.line is not None:
            properties.append(f"line={finding.line}")
        properties.append(f"title={_property('factcheck ' + finding.rule)}")
        hint = f" ({finding.hint})" if finding.hint else ""
        out.append(f"::error {','.join(properties)}::{_data(finding.message + hint)}")
    out.append(_summary(findings, path))
    return "\n".join(out) + "\n"


FORMATS: dict[str, Callable[[Sequence[Finding], str], str]] = {
    "text": format_text,
    "json": format_json,
    "github": format_github,
}


def render(findings: Sequence[Finding], fmt: str, path: str) -> str:
    """Findings in the named format."""
    return FORMATS[fmt](findings, path)


def _summary(findings: Sequence[Finding], path: str) -> str:
    if not findings:
        return printable(f"{path}: no problems found")
    rules: dict[str, int] = {}
    for finding in findings:
        rules[finding.rule] = rules.get(finding.rule, 0) + 1
    counts = ", ".join(f"{rule} {count}" for rule, count in sorted(rules.items()))
    plural = "s" if len(findings) != 1 else ""
    return printable(f"{path}: {len(findings)} problem{plural} found ({counts})")


def _data(text: str) -> str:
    return printable(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")
