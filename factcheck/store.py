"""Provides reading and writing ``claims.yaml``: safe parsing into a :class:`Ledger`, a canonical
lean dump, and an atomic, locked save that refuses to overwrite changes made on disk meanwhile.

Saving goes through :mod:`factcheck.atomicfile`: under an advisory lock on a sibling
``.claims.yaml.lock`` (add it to ``.gitignore``), a temporary file renamed over the ledger, so
any failure, including an interrupt, leaves the previous file intact.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from factcheck import atomicfile, corpus, lines, schema, yamlio, yamlwrite
from factcheck.collector import paused
from factcheck.errors import ConflictError, CorpusError, LedgerError
from factcheck.model import SCHEMA_VERSION, Ledger, Review

SCHEMA_REF = "factcheck/claims.schema.json"
HEADER = (
    "# yaml-language-server: $schema={ref}\n"
    "# factcheck ledger: sources, claims, suggested pairs and reviewers' verdicts; "
    "verify with 'factcheck check'.\n"
)
# Reading takes about 18 bytes of memory per byte of ledger (a 50 MB ledger peaks near 900 MB),
# so this bound keeps a run under 4 GB; a real story's ledger is a few megabytes.
MAX_LEDGER_BYTES = 200_000_000
_SCHEMA_LINE = re.compile(r"\A# yaml-language-server: \$schema=(\S+)")


@dataclass(frozen=True, slots=True)
class Loaded:
    """A ledger as read from disk, with the hash of its bytes and its text for line lookups."""

    ledger: Ledger
    digest: str
    text: str


@dataclass(frozen=True, slots=True)
class Survey:
    """A ledger read leniently for checking: entries that do not fit the schema are left out of
    ``loaded.ledger`` and listed in ``problems``; ``counts`` holds each section's entries as
    written.
    """

    loaded: Loaded
    problems: tuple[schema.Problem, ...]
    counts: Mapping[str, int]


def load(path: Path) -> Loaded:
    """Read ``path``; raise :class:`LedgerError` (file, line, hint) if it is not a valid ledger
    or one of its sources lies outside the ledger's directory (``..``, absolute, a link out).
    """
    survey = survey_file(path)
    if survey.problems:
        raise _problem_error(survey, str(path))
    _check_source_paths(survey.loaded, path)
    return survey.loaded


def loads(text: str, *, path: str = "claims.yaml") -> Ledger:
    """Parse ledger text; raise :class:`LedgerError` if it is not a valid ledger."""
    survey = survey_text(text, path=path, digest="")
    if survey.problems:
        raise _problem_error(survey, path)
    return survey.loaded.ledger


def survey_file(path: Path) -> Survey:
    """Read ``path`` leniently (see :class:`Survey`); unreadable YAML still raises."""
    try:
        size = path.stat().st_size
        if size > MAX_LEDGER_BYTES:
            raise LedgerError(
                f"is {size / 1e6:.0f} MB, more than the {MAX_LEDGER_BYTES / 1e6:.0f} MB "
                "factcheck reads",
                path=str(path),
                hint="split the articles into several ledgers, one per story",
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise LedgerError(
            "no such file",
            path=str(path),
            hint="create the ledger with 'factcheck update ARTICLES...' or give its path",
        ) from None
    except OSError as err:
        raise LedgerError(f"cannot be read: {err.strerror}", path=str(path)) from None
    data_text = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    try:
        text = data_text.decode("utf-8")
    except UnicodeDecodeError as err:
        raise LedgerError(
            f"is not valid UTF-8 (byte {err.start})",
            path=str(path),
            line=data_text.count(b"\n", 0, err.start) + 1,
            hint="re-save the file as UTF-8",
        ) from None
    return survey_text(text, path=str(path), digest=hashlib.sha256(data).hexdigest())


def survey_text(text: str, *, path: str, digest: str, fast: bool = True) -> Survey:
    """Parse ledger text leniently; ``fast=False`` uses only the PyYAML reference reader."""
    # Reading or writing a ledger allocates hundreds of thousands of objects without cycles; the
    # cycle collector would scan them repeatedly for nothing, costing about a fifth of the time.
    with paused():
        return _survey(text, path, digest, fast=fast)


def _survey(text: str, path: str, digest: str, *, fast: bool) -> Survey:
    data = yamlio.parse(text, path, fast=fast)
    if not isinstance(data, dict):
        if fast:
            return _survey(text, path, digest, fast=False)
        raise LedgerError(
            "must be a mapping with `version: 1` and the lists of sources, claims, pairs "
            f"and reviews, not {_kind(data)}",
            path=path,
            line=1,
            hint="start the file with `version: 1`; 'factcheck update' writes a fresh ledger",
        )
    _check_version(data, text, path)
    try:
        ledger, problems = schema.build(data)
    except yamlio.NotPlainData:
        if not fast:
            raise
        return _survey(text, path, digest, fast=False)
    counts = {
        name: len(data[name]) if isinstance(data.get(name), list) else 0 for name in schema.SECTIONS
    }
    return Survey(Loaded(ledger, digest, text), problems, counts)


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of ``claims.yaml``, shipped in the package."""
    text = resources.files("factcheck").joinpath("claims.schema.json").read_text("utf-8")
    document: dict[str, Any] = json.loads(text)
    return document


def dumps(ledger: Ledger, *, schema_ref: str = SCHEMA_REF) -> str:
    """The canonical text of ``ledger``: same ledger, same bytes."""
    with paused():
        return HEADER.format(ref=schema_ref) + yamlwrite.dump(schema.to_data(ledger))


def save(path: Path, ledger: Ledger, *, expected_digest: str | None) -> str:
    """Write ``ledger`` to ``path`` atomically and return the digest of the bytes written.

    ``expected_digest`` is the digest of the file as loaded, or ``None`` when it did not exist;
    if the file on disk differs, nothing is written and :class:`ConflictError` is raised. A file
    that already holds these bytes is left untouched.
    """
    with atomicfile.locked(path):
        current = atomicfile.read_current(path)
        found = None if current is None else hashlib.sha256(current).hexdigest()
        if found != expected_digest:
            raise _conflict(path, expected_digest, current)
        ref = _schema_ref(current)
        data = dumps(ledger, schema_ref=ref).encode("utf-8")
        digest = hashlib.sha256(data).hexdigest()
        if data != current:
            atomicfile.write_atomically(path, data)
        return digest


def _conflict(path: Path, expected: str | None, current: bytes | None) -> ConflictError:
    if current is None:
        message = "was removed since it was loaded"
    elif expected is None:
        message = "was created by someone else meanwhile"
    else:
        message = "changed on disk since it was loaded"
    return ConflictError(
        message + "; nothing was written",
        path=str(path),
        hint="load it again and redo the change; your version was not saved over theirs",
    )


def line_of(loaded: Loaded, section: str, entry_id: str, field: str | None = None) -> int | None:
    """1-based line of the entry ``entry_id`` in ``section`` (of its dotted ``field`` if given).

    Reviews have no id: name one as ``pair/reviewer/timestamp`` (see :func:`review_key`).
    """
    entries = getattr(loaded.ledger, section, None)
    if entries is None:
        return None
    positions = _positions(loaded.digest, section, entries)
    index = positions.get(entry_id)
    if index is None:
        return None
    return line_at(loaded, section, index, field)


def line_at(loaded: Loaded, section: str, index: int, field: str | None = None) -> int | None:
    """1-based line of the ``index``-th entry of ``section`` in a strictly loaded ledger."""
    count = len(getattr(loaded.ledger, section, ()))
    return lines.locate(loaded.text, section, index, field, count=count)


def review_key(review: Review) -> str:
    """The name :func:`line_of` takes for a review."""
    return f"{review.pair}/{review.reviewer}/{review.timestamp}"


_POSITION_CACHE: dict[tuple[str, str], dict[str, int]] = {}


def _positions(digest: str, section: str, entries: tuple[object, ...]) -> dict[str, int]:
    key = (digest, section)
    cached = _POSITION_CACHE.get(key)
    if cached is not None and digest:
        return cached
    found: dict[str, int] = {}
    for index, entry in enumerate(entries):
        name = review_key(entry) if isinstance(entry, Review) else getattr(entry, "id", None)
        if isinstance(name, str):
            found.setdefault(name, index)
    if len(_POSITION_CACHE) > 16:
        _POSITION_CACHE.clear()
    _POSITION_CACHE[key] = found
    return found


def _check_version(data: dict[object, object], text: str, path: str) -> None:
    version = data.get("version")
    if type(version) is int and version == SCHEMA_VERSION:
        return
    if version is None:
        raise LedgerError(
            "has no `version`",
            path=path,
            line=1,
            hint=f"add `version: {SCHEMA_VERSION}` as the first line after the comments",
        )
    raise LedgerError(
        f"has schema version {version!r}, which this factcheck does not know",
        path=path,
        line=lines.top_level_line(text, "version"),
        hint=f"this factcheck reads version {SCHEMA_VERSION}; upgrade factcheck or fix the line",
    )


def _check_source_paths(loaded: Loaded, path: Path) -> None:
    # A ledger that names a file outside its repository is refused before any command reads it;
    # 'factcheck check' surveys instead and reports the same as a provenance finding.
    for index, source in enumerate(loaded.ledger.sources):
        try:
            corpus.resolve_inside(source.path, path.parent, where=str(path))
        except CorpusError as err:
            raise LedgerError(
                err.message,
                path=str(path),
                line=line_at(loaded, "sources", index, "path"),
                hint=err.hint,
            ) from None


def _problem_error(survey: Survey, path: str) -> LedgerError:
    problem = survey.problems[0]
    more = len(survey.problems) - 1
    suffix = f" (and {more} more problem{'s' if more > 1 else ''}; run 'factcheck check')"
    line = problem_line(survey, problem)
    return LedgerError(
        problem.message + (suffix if more else ""), path=path, line=line, hint=problem.hint
    )


def problem_line(survey: Survey, problem: schema.Problem) -> int | None:
    """1-based line a schema problem points at."""
    text = survey.loaded.text
    if problem.index is None:
        key = problem.section or problem.field
        return lines.top_level_line(text, key) if key else None
    return lines.locate(
        text,
        problem.section,
        problem.index,
        problem.field,
        count=survey.counts.get(problem.section),
    )


def _kind(data: object) -> str:
    if data is None:
        return "an empty document"
    if isinstance(data, list):
        return "a list"
    return f"a single value ({type(data).__name__})"


def _schema_ref(current: bytes | None) -> str:
    if current is None:
        return SCHEMA_REF
    found = _SCHEMA_LINE.match(current[:512].decode("utf-8", "replace"))
    return found.group(1) if found else SCHEMA_REF
