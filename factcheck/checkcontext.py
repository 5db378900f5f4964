"""Provides what a rule of ``factcheck check`` sees: the :class:`Context` of one ledger, and the
:data:`Rule` type.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from factcheck import corpus, store
from factcheck.errors import CorpusError, LedgerError
from factcheck.model import Article, Source
from factcheck.report import Finding


class Context:
    """What a rule sees: the ledger as loaded, where it lives, and its sources' texts, each file
    read (and hashed) at most once.
    """

    def __init__(self, survey: store.Survey, path: Path) -> None:
        self.survey = survey
        self.loaded = survey.loaded
        self.ledger = survey.loaded.ledger
        self.path = path
        self.display = str(path)
        self.root = path.parent
        self._files: dict[str, dict[str | None, Article]] = {}
        self._places: dict[str, Path] = {}

    def line(self, section: str, index: int, field: str | None = None) -> int | None:
        """1-based line of the ``index``-th entry of ``section`` (or of its dotted ``field``)."""
        return store.line_at(self.loaded, section, index, field)

    def finding(
        self,
        rule: str,
        message: str,
        hint: str,
        *,
        section: str,
        index: int,
        field: str | None = None,
    ) -> Finding:
        """A finding that points at an entry (or one of its fields) of this ledger."""
        return Finding(self.display, self.line(section, index, field), rule, message, hint)

    def locate(self, index: int) -> Path:
        """The file of source ``index``; raises :class:`CorpusError` when its recorded path is
        absolute, climbs out with ``..`` or leads outside the repository through a link.
        """
        source = self.ledger.sources[index]
        if source.path not in self._places:
            try:
                place = corpus.resolve_inside(source.path, self.root, where=self.display)
            except CorpusError as err:
                err.line = self.line("sources", index, "path")
                raise
            self._places[source.path] = place
        return self._places[source.path]

    def article(self, index: int) -> Article | None:
        """The article of source ``index`` as it is on disk now; ``None`` when its JSONL entry is
        gone. Raises :class:`LedgerError` when the file cannot be read.
        """
        source = self.ledger.sources[index]
        if source.path not in self._files:
            self._files[source.path] = self._read(source, index)
        return self._files[source.path].get(source.entry)

    def _read(self, source: Source, index: int) -> dict[str | None, Article]:
        try:
            full = self.locate(index)
            if source.entry is None:
                return {None: corpus.read_article(full, self.root)}
            articles, _ = corpus.read_jsonl(full, self.root)
        except CorpusError as err:
            raise LedgerError(
                f"source {source.id!r}: {source.path}: {err.message}",
                path=self.display,
                line=self.line("sources", index, "path"),
                hint=f"restore {source.path}, or remove the source and its claims "
                "and run 'factcheck update'",
            ) from None
        return {article.source.entry: article for article in articles}


Rule = Callable[[Context], Iterable[Finding]]
