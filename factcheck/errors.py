"""Provides the one error family of factcheck: a message that names the file and line, and a hint.

``cli.main`` prints these on stderr as one line and exits 2; nothing else catches them.
"""

from __future__ import annotations


class FactcheckError(Exception):
    """A problem with the user's input that the user can fix."""

    def __init__(
        self, message: str, *, path: str | None = None, line: int | None = None, hint: str = ""
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.hint = hint

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{self.path}:{self.line}: " if self.line is not None else f"{self.path}: "
        hint = f" ({self.hint})" if self.hint else ""
        return printable(f"{where}{self.message}{hint}")


def printable(text: str) -> str:
    """``text`` on one line with no terminal control: every unprintable character (line breaks,
    escape sequences, bidirectional overrides) is shown as a Python escape such as ``\\x1b``.
    """
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else repr(char)[1:-1] for char in text)


class CorpusError(FactcheckError):
    """An article or corpus file cannot be read."""


class LedgerError(FactcheckError):
    """``claims.yaml`` cannot be read or written."""


class ConflictError(LedgerError):
    """``claims.yaml`` changed on disk since it was loaded."""


class UsageError(FactcheckError):
    """The command line asks for something that cannot be done."""
