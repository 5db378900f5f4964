"""Provides the article reader: ``.txt``/``.md`` files with optional YAML front matter, JSONL
corpora and directories of both, each turned into an :class:`~factcheck.model.Article`.

Text is decoded as UTF-8 without newline translation, so offsets stay exact on CRLF files; a
leading byte-order mark is dropped before offsets are counted. Paths are kept relative to the
ledger's directory and may not leave it.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from factcheck import lines, yamlio
from factcheck.errors import CorpusError, LedgerError
from factcheck.model import Article, Source

ARTICLE_SUFFIXES = (".txt", ".md")
CORPUS_SUFFIXES = (".jsonl",)
_SUFFIXES = ARTICLE_SUFFIXES + CORPUS_SUFFIXES
METADATA_FIELDS = ("title", "outlet", "url", "published", "language")

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_PUBLISHED = re.compile(r"\A\d{4}(?:-\d{2}(?:-\d{2})?)?\Z")


@dataclass(frozen=True, slots=True)
class Corpus:
    """Articles read, in order, and the problems met on the way (each a one-line error)."""

    articles: tuple[Article, ...]
    problems: tuple[CorpusError, ...] = ()


def recorded_sources(sources: Iterable[Source]) -> dict[str, Source]:
    """The ``known`` of :func:`read_corpus`: a ledger's sources by path (``path#entry`` for a
    JSONL entry)."""
    return {source.location: source for source in sources}


def read_corpus(
    paths: Iterable[Path], root: Path, known: Mapping[str, Source] | None = None
) -> Corpus:
    """Read every article under ``paths``; ``known`` maps a relative path (or ``path#entry``) to
    the ledger's record, whose metadata fills in for files without front matter.

    A broken JSONL line is reported in ``problems`` and the rest of the file is read; any other
    unreadable input raises :class:`CorpusError`.
    """
    known = known or {}
    articles: list[Article] = []
    problems: list[CorpusError] = []
    for path in _expand(paths, root):
        if path.suffix.lower() in CORPUS_SUFFIXES:
            found, broken = read_jsonl(path, root, known)
            articles.extend(found)
            problems.extend(broken)
        else:
            article = read_article(path, root, known)
            articles.append(article)
            if not _body(article.text).strip():
                problems.append(
                    CorpusError(
                        "is empty, so it gives no claims",
                        path=article.source.path,
                        hint="check the file was saved completely",
                    )
                )
    seen: dict[str, str] = {}
    for article in articles:
        source = article.source
        where = source.location
        if source.id in seen:
            raise CorpusError(
                f"two sources share the id {source.id!r} ({seen[source.id]} and {where})",
                path=where,
                hint="rename one file or give the JSONL entry another id",
            )
        seen[source.id] = where
    return Corpus(tuple(articles), tuple(problems))


def body_start(text: str) -> int:
    """Where an article's text begins after its YAML front matter (0 without one)."""
    match = _FRONT_MATTER.match(text)
    return match.end() if match else 0


def _body(text: str) -> str:
    return text[body_start(text) :]


def read_article(path: Path, root: Path, known: Mapping[str, Source] | None = None) -> Article:
    """Read one ``.txt`` or ``.md`` article."""
    rel = relative_path(path, root)
    data = _read_bytes(path, rel)
    text = decode(data, rel)
    meta = front_matter(text, rel)
    recorded = (known or {}).get(rel)
    base = recorded or Source(id=Path(rel).stem, path=rel, sha256="")
    source = replace(base, id=base.id or Path(rel).stem, path=rel, sha256=sha256(data), entry=None)
    return Article(_with_metadata(source, meta, rel, 1), text)


def read_jsonl(
    path: Path, root: Path, known: Mapping[str, Source] | None = None
) -> tuple[list[Article], list[CorpusError]]:
    """Read a JSONL corpus: one article a line with ``id``, ``text`` and optional metadata.

    Each line is decoded on its own, so a line with bad bytes is reported like a line with bad
    JSON and the others are still read. Lines end at ``\n`` only: JSON may hold a raw U+2028.
    """
    rel = relative_path(path, root)
    data = _read_bytes(path, rel)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    articles: list[Article] = []
    problems: list[CorpusError] = []
    for number, raw in enumerate(data.split(b"\n"), start=1):
        if not raw.strip():
            continue
        try:
            line = _decode_line(raw, rel, number)
            article = _jsonl_article(line, rel, number, known or {})
        except CorpusError as problem:
            problems.append(problem)
            continue
        articles.append(article)
        if not article.text.strip():
            problems.append(
                CorpusError(
                    f"entry {article.source.entry!r} has an empty `text`, so it gives no claims",
                    path=rel,
                    line=number,
                    hint="fill in the text or remove the line",
                )
            )
    return articles, problems


def decode(data: bytes, rel: str) -> str:
    """Decode UTF-8 bytes, refusing binary data with the line where it starts."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    nul = data.find(b"\x00")
    if nul >= 0:
        raise CorpusError(
            "contains NUL bytes, so it is not a text article",
            path=rel,
            line=data.count(b"\n", 0, nul) + 1,
            hint="convert it to UTF-8 text or remove it from the corpus",
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise CorpusError(
            f"is not valid UTF-8 (byte {err.start})",
            path=rel,
            line=data.count(b"\n", 0, err.start) + 1,
            hint="re-save the file as UTF-8",
        ) from None


def front_matter(text: str, rel: str) -> dict[str, str]:
    """Return the metadata of a leading ``---`` block, or an empty mapping when there is none.

    The block is read by the ledger's own YAML reader, so a tag, an alias bomb or deep nesting in
    an article is refused with its line like in ``claims.yaml``; values stay the strings written.
    """
    match = _FRONT_MATTER.match(text)
    if match is None:
        return {}
    try:
        data = yamlio.parse_reference(match.group(1) or "", rel, typed=False)
    except LedgerError as err:
        # The block starts on the file's second line, after the opening ---.
        raise CorpusError(
            f"front matter {err.message}",
            path=rel,
            line=err.line + 1 if err.line is not None else 1,
            hint="write plain `title: ...`, `published: YYYY-MM-DD` lines between the --- lines",
        ) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise CorpusError(
            "front matter must be a mapping of fields",
            path=rel,
            line=2,
            hint="write `title: ...`, `outlet: ...`, `published: YYYY-MM-DD`",
        )
    fields: dict[str, str] = {}
    for key in METADATA_FIELDS:
        value = data.get(key)
        if value is None:
            continue
        if isinstance(value, list | dict):
            raise CorpusError(
                f"front matter field `{key}` must be a single value, not a list or mapping",
                path=rel,
                line=(lines.top_level_line(match.group(1) or "", key) or 1) + 1,
                hint=f"write `{key}: ...` on one line",
            )
        fields[key] = _scalar(value)
    return fields


def relative_path(path: Path, root: Path) -> str:
    """Return ``path`` relative to ``root`` as a POSIX string, refusing anything outside it."""
    root_real = root.resolve()
    try:
        real = path.resolve()
    except OSError as err:
        raise CorpusError(f"cannot resolve path: {err.strerror}", path=str(path)) from None
    try:
        return real.relative_to(root_real).as_posix()
    except ValueError:
        raise CorpusError(
            "lies outside the repository",
            path=str(path),
            hint="sources must live under the directory of claims.yaml; copy the file there",
        ) from None


def resolve_inside(rel: str, root: Path, *, where: str, line: int | None = None) -> Path:
    """Turn a recorded relative path into a real path under ``root``, refusing escapes."""
    candidate = Path(rel)
    if candidate.is_absolute() or ".." in candidate.parts or "\\" in rel:
        raise CorpusError(
            f"source path {rel!r} is not a relative path inside the repository",
            path=where,
            line=line,
            hint="record paths relative to the directory of claims.yaml, without '..'",
        )
    full = root / candidate
    try:
        full.resolve().relative_to(root.resolve())
    except ValueError:
        raise CorpusError(
            f"source path {rel!r} leads outside the repository through a symbolic link",
            path=where,
            line=line,
            hint="replace the link with the file itself",
        ) from None
    return full


def sha256(data: bytes) -> str:
    """Hex SHA-256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


def _expand(paths: Iterable[Path], root: Path) -> list[Path]:
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(_listing(path))
        elif path.is_file():
            if path.suffix.lower() not in _SUFFIXES:
                raise CorpusError(
                    "is not an article",
                    path=str(path),
                    hint="give .txt or .md articles, .jsonl corpora or directories of them",
                )
            found.append(path)
        else:
            _refuse_unreadable(path)
    return found


def _listing(directory: Path) -> list[Path]:
    """Articles under ``directory`` in path order, hidden entries left out. A subdirectory that
    cannot be listed, or an entry named like an article that is not a readable file (a broken
    link, a pipe), is an error rather than silently left out. Links to directories are not
    followed, so a link cannot lead the walk out of the repository.
    """

    def refuse(err: OSError) -> None:
        raise CorpusError(
            f"cannot be listed: {err.strerror}",
            path=str(err.filename or directory),
            hint="check the directory's permissions",
        )

    found: list[Path] = []
    for top, dirs, files in os.walk(directory, onerror=refuse):
        dirs[:] = [name for name in dirs if not name.startswith(".")]
        for name in files:
            child = Path(top, name)
            if name.startswith(".") or child.suffix.lower() not in _SUFFIXES:
                continue
            if child.is_file():
                found.append(child)
            else:
                _refuse_unreadable(child)
    return sorted(found)


def _refuse_unreadable(path: Path) -> None:
    if path.is_symlink():
        raise CorpusError(
            "is a symbolic link to nothing",
            path=str(path),
            hint="restore its target or remove the link",
        )
    if path.exists():
        # Reading a pipe or a device could block forever or never end.
        raise CorpusError(
            "is not a regular file",
            path=str(path),
            hint="give the article as a plain .txt, .md or .jsonl file",
        )
    raise CorpusError("no such file or directory", path=str(path))


def _read_bytes(path: Path, rel: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as err:
        raise CorpusError(
            f"cannot be read: {err.strerror}", path=rel, hint="check its permissions"
        ) from None


def _decode_line(raw: bytes, rel: str, number: int) -> str:
    if b"\x00" in raw:
        raise CorpusError(
            "line contains NUL bytes", path=rel, line=number, hint="fix or remove that line"
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise CorpusError(
            f"line is not valid UTF-8 (byte {err.start} of the line)",
            path=rel,
            line=number,
            hint="re-save the file as UTF-8 or remove that line",
        ) from None


def _jsonl_article(line: str, rel: str, number: int, known: Mapping[str, Source]) -> Article:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as err:
        raise CorpusError(
            f"line is not valid JSON ({err.msg})",
            path=rel,
            line=number,
            hint="fix or remove that line",
        ) from None
    if not isinstance(record, dict):
        raise CorpusError("line must be a JSON object", path=rel, line=number)
    entry, text = record.get("id"), record.get("text")
    if not isinstance(entry, str | int) or isinstance(entry, bool) or not str(entry):
        raise CorpusError("line has no string `id`", path=rel, line=number, hint="add an id")
    if not isinstance(text, str):
        raise CorpusError("line has no string `text`", path=rel, line=number, hint="add the text")
    if "\x00" in text:
        raise CorpusError("`text` contains NUL characters", path=rel, line=number)
    entry = str(entry)
    recorded = known.get(f"{rel}#{entry}")
    base = recorded or Source(id=entry, path=rel, sha256="")
    source = replace(base, path=rel, entry=entry, sha256=sha256(text.encode("utf-8")))
    meta = {key: _scalar(record[key]) for key in METADATA_FIELDS if record.get(key) is not None}
    return Article(_with_metadata(source, meta, rel, number), text)


def _with_metadata(source: Source, meta: Mapping[str, str], rel: str, line: int) -> Source:
    published = meta.get("published", source.published)
    if published is not None and not _valid_published(published):
        raise CorpusError(
            f"published date {published!r} is not YYYY, YYYY-MM or YYYY-MM-DD",
            path=rel,
            line=line,
            hint="write the date as 2015-11-20, 2015-11 or 2015",
        )
    fields: dict[str, Any] = {key: meta[key] for key in METADATA_FIELDS if key in meta}
    return replace(source, **fields)


def _valid_published(value: str) -> bool:
    if not _PUBLISHED.match(value):
        return False
    parts = [int(part) for part in value.split("-")] + [1, 1]
    try:
        datetime.date(parts[0], parts[1], parts[2])
    except ValueError:
        return False
    return True


def _scalar(value: object) -> str:
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)
