"""Provides the memory of ``factcheck check``'s up-to-date rule: which exact inputs were last
found up to date, so that a second check of an unchanged repository skips the re-run.

Re-running extraction and matching is the one rule whose cost grows with the corpus, and on an
unchanged ledger, unchanged sources and unchanged code its answer cannot change. The key hashes
all three (the package's own source files stand for the code, with rapidfuzz's version for the
scores), so an edit to any of them re-runs the rule. Only a clean result is remembered: findings
are always computed afresh. The cache lives in ``.factcheck/`` beside the ledger, is safe to
delete, and is skipped silently when that directory cannot be written.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from factcheck.check import Context
from factcheck.errors import FactcheckError
from factcheck.report import Finding

Rule = Callable[[Context], Iterable[Finding]]
PACKAGE = Path(__file__).resolve().parent


@cache
def code_fingerprint() -> str:
    """A hash of the package's source files and the scorer's version."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*")):
        if path.suffix in {".py", ".json"} and "__pycache__" not in path.parts:
            digest.update(path.relative_to(PACKAGE).as_posix().encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    try:
        digest.update(version("rapidfuzz").encode())
    except PackageNotFoundError:
        digest.update(b"rapidfuzz")
    return digest.hexdigest()


def inputs_key(context: Context) -> str | None:
    """The key of this check's inputs; ``None`` when a source cannot be read (the provenance
    rule reports that, and nothing is remembered)."""
    digest = hashlib.sha256(code_fingerprint().encode())
    digest.update(hashlib.sha256(context.loaded.text.encode("utf-8")).digest())
    for index in range(len(context.ledger.sources)):
        try:
            article = context.article(index)
        except FactcheckError:
            return None
        digest.update(b"-" if article is None else article.source.sha256.encode())
    return digest.hexdigest()


def remembered(rule: Rule, directory: Path) -> Rule:
    """``rule`` that is skipped when the same inputs were found clean before."""

    def run(context: Context) -> Iterator[Finding]:
        key = inputs_key(context)
        marker = directory / f"up-to-date-{key}" if key else None
        if marker is not None and marker.exists():
            return
        findings = list(rule(context))
        yield from findings
        if marker is not None and not findings:
            _remember(marker)

    return run


def _remember(marker: Path) -> None:
    try:
        marker.parent.mkdir(parents=True, exist_ok=True)
        for old in marker.parent.glob("up-to-date-*"):
            old.unlink(missing_ok=True)
        with open(marker, "x", encoding="ascii"):
            pass
    except OSError:
        return
