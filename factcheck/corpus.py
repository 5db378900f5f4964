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
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from factcheck.errors import CorpusError
from factcheck.model import Article, Source

ARTICLE_SUFFIXES = (".txt", ".md")
CORPUS_SUFFIXES = (".jsonl",)
METADATA_FIELDS = ("title", "outlet", "url", "published", "language")

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_PUBLISHED = re.compile(r"\A\d{4}(?:-\d{2}(?:-\d{2})?)?\Z")
# Front matter is read with the base loader: every value stays a string, so "2015-02-30" reaches
# the date check as written instead of failing inside the YAML timestamp constructor.
_BASE_LOADER: type[yaml.BaseLoader] = getattr(yaml, "CBaseLoader", yaml.BaseLoader)


@dataclass(frozen=True, slots=True)
class Corpus:
    """Articles read, in order, and the problems met on the way (each a one-line error)."""

    articles: tuple[Article, ...]
    problems: tuple[CorpusError, ...] = ()


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
            articles.append(read_article(path, root, known))
    seen: dict[str, str] = {}
    for article in articles:
        source = article.source
        where = source.path + (f"#{source.entry}" if source.entry else "")
        if source.id in seen:
            raise CorpusError(
                f"two sources share the id {source.id!r} ({seen[source.id]} and {where})",
                path=where,
                hint="rename one file or give the JSONL entry another id",
            )
        seen[source.id] = where
    return Corpus(tuple(articles), tuple(problems))


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
    """Read a JSONL corpus: one article a line with ``id``, ``text`` and optional metadata."""
    rel = relative_path(path, root)
    text = decode(_read_bytes(path, rel), rel)
    articles: list[Article] = []
    problems: list[CorpusError] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            articles.append(_jsonl_article(line, rel, number, known or {}))
        except CorpusError as problem:
            problems.append(problem)
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
    """Return the metadata of a leading ``---`` block, or an empty mapping when there is none."""
    match = _FRONT_MATTER.match(text)
    if match is None:
        return {}
    try:
        data = yaml.load(match.group(1) or "", Loader=_BASE_LOADER)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        raise CorpusError(
            "front matter is not valid YAML",
            path=rel,
            line=line,
            hint="fix the block between the --- lines",
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
    return {key: _scalar(value) for key, value in data.items() if key in METADATA_FIELDS}


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
            for child in sorted(path.rglob("*")):
                hidden = any(part.startswith(".") for part in child.relative_to(path).parts)
                suffix = child.suffix.lower()
                if not hidden and child.is_file() and suffix in ARTICLE_SUFFIXES + CORPUS_SUFFIXES:
                    found.append(child)
        elif path.exists():
            if path.suffix.lower() not in ARTICLE_SUFFIXES + CORPUS_SUFFIXES:
                raise CorpusError(
                    "is not an article",
                    path=str(path),
                    hint="give .txt or .md articles, .jsonl corpora or directories of them",
                )
            found.append(path)
        else:
            raise CorpusError("no such file or directory", path=str(path))
    return found


def _read_bytes(path: Path, rel: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as err:
        raise CorpusError(
            f"cannot be read: {err.strerror}", path=rel, hint="check its permissions"
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
