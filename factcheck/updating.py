"""Provides :func:`update_ledger`, what ``factcheck update`` does: read the articles, extract and
match, merge into the ledger file, and save.

When the file changed on disk meanwhile (a reviewer's verdicts were saved), it is read again and
the run merged into it again, so nothing anyone saved is lost: when only verdicts changed, on
pairs the merge keeps, the new verdicts are taken as they are; otherwise the whole refresh runs
again on what is now on disk.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from factcheck import pipeline, store
from factcheck.corpus import read_corpus, recorded_sources, resolve_inside
from factcheck.errors import ConflictError, FactcheckError
from factcheck.model import Ledger
from factcheck.pipeline import Changes, Progress

ATTEMPTS = 10


@dataclass(frozen=True, slots=True)
class Hooks:
    """How the caller hears of the run: problems with single articles (``warn``), extraction
    progress, and a save that met changes on disk and merges again (``retrying``)."""

    warn: Callable[[str], None] = lambda problem: None
    progress: Progress | None = None
    retrying: Callable[[], None] = lambda: None


@dataclass(frozen=True, slots=True)
class Updated:
    """What an update changed, and whether it wrote the file (not when already up to date)."""

    changes: Changes
    saved: bool


@dataclass(frozen=True, slots=True)
class _Run:
    base: Ledger
    digest: str | None
    updated: Ledger
    changes: Changes


def update_ledger(claims_path: Path, paths: Sequence[Path], hooks: Hooks | None = None) -> Updated:
    """Refresh the ledger at ``claims_path`` from ``paths`` (default: its own sources)."""
    hooks = hooks or Hooks()
    run = _refresh(claims_path, paths, hooks, warn=True)
    conflicts = 0
    while True:
        if run.changes.empty and claims_path.exists():
            return Updated(run.changes, saved=False)
        try:
            store.save(claims_path, run.updated, expected_digest=run.digest)
            return Updated(run.changes, saved=True)
        except ConflictError:
            conflicts += 1
            if conflicts >= ATTEMPTS:
                raise
        hooks.retrying()
        loaded = store.load(claims_path) if claims_path.exists() else None
        kept = {pair.id for pair in run.updated.pairs}
        if (
            loaded is not None
            and replace(loaded.ledger, reviews=()) == replace(run.base, reviews=())
            and all(review.pair in kept for review in loaded.ledger.reviews)
        ):
            # The merge keeps the base's reviews and nothing else of it, so merging again is
            # taking the new reviews.
            updated = replace(run.updated, reviews=loaded.ledger.reviews)
            run = replace(run, updated=updated, digest=loaded.digest)
        else:
            run = _refresh(claims_path, paths, hooks, warn=False)


def _refresh(claims_path: Path, paths: Sequence[Path], hooks: Hooks, *, warn: bool) -> _Run:
    if claims_path.exists():
        loaded = store.load(claims_path)
        ledger, digest = loaded.ledger, loaded.digest
    elif paths:
        ledger, digest = Ledger(), None
    else:
        raise FactcheckError(
            "no such file",
            path=str(claims_path),
            hint="name the articles to start a ledger: factcheck update seeds/",
        )
    root = claims_path.resolve().parent
    known = recorded_sources(ledger.sources)
    wanted = list(paths) or sorted(
        {resolve_inside(source.path, root, where=str(claims_path)) for source in ledger.sources}
    )
    corpus = read_corpus(wanted, root, known)
    for problem in corpus.problems if warn else ():
        hooks.warn(str(problem))
    updated, changes = pipeline.refresh(ledger, corpus.articles, hooks.progress)
    return _Run(ledger, digest, updated, changes)
