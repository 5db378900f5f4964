"""Provides the verdict journal: every verdict, note and undo is appended to a journal file next to
the ledger and fsync'd at once; the :class:`~factcheck.keeper.Keeper` folds it into
``claims.yaml``, so killing the terminal loses nothing already decided.

Each review session writes its own journal, ``.claims.yaml.<pid>-<token>.journal`` (JSON lines),
and holds an exclusive ``flock`` on it for its whole life; a journal that nobody holds was left by
a killed session and is folded by the next session that starts. A journal is truncated once
folded and removed when its session ends.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import secrets
import threading
from collections.abc import Sequence
from pathlib import Path

from factcheck.errors import LedgerError
from factcheck.records import decode, encode
from factcheck.review import Record


def journal_paths(ledger_path: Path) -> list[Path]:
    """Every journal of a ledger, in name order."""
    name = ledger_path.name
    found = {
        *ledger_path.parent.glob(f".{name}.*.journal"),
        ledger_path.parent / f".{name}.journal",
    }
    return sorted(path for path in found if path.is_file())


class Journal:
    """An append-only journal file held under an exclusive ``flock`` while it is open."""

    def __init__(self, path: Path, fd: int, *, owned: bool) -> None:
        self.path = path
        self._fd = fd
        self._owned = owned
        self._lock = threading.Lock()

    @classmethod
    def create(cls, ledger_path: Path) -> Journal:
        """Open a new journal for this session beside the ledger."""
        token = f"{os.getpid()}-{secrets.token_hex(4)}"
        path = ledger_path.parent / f".{ledger_path.name}.{token}.journal"
        flags = os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC
        try:
            fd = os.open(path, flags, 0o644)
        except OSError as err:
            raise LedgerError(
                f"cannot create the verdict journal: {err.strerror}",
                path=str(path),
                hint="the directory of claims.yaml must be writable",
            ) from None
        fcntl.flock(fd, fcntl.LOCK_EX)
        return cls(path, fd, owned=True)

    @classmethod
    def adopt(cls, path: Path) -> Journal | None:
        """Take over a journal left by a session that ended without folding it; ``None`` when its
        session is still alive (it holds the lock) or another session took it first."""
        try:
            fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CLOEXEC)
        except FileNotFoundError:
            return None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return None
        if os.fstat(fd).st_nlink == 0:
            os.close(fd)
            return None
        return cls(path, fd, owned=False)

    def append(self, records: Sequence[Record]) -> None:
        """Write records and wait until they are on disk."""
        data = b"".join(encode(record) for record in records)
        with self._lock:
            view = memoryview(data)
            while view:
                view = view[os.write(self._fd, view) :]
            os.fsync(self._fd)

    def read_from(self, offset: int) -> tuple[list[Record], int]:
        """Records from ``offset`` up to the last complete line, and where they end."""
        with self._lock:
            size = os.fstat(self._fd).st_size
            data = os.pread(self._fd, max(0, size - offset), offset)
        end = offset + data.rfind(b"\n") + 1
        return decode(data[: end - offset], str(self.path)), end

    def truncate_if(self, end: int) -> bool:
        """Empty the journal when it holds nothing past ``end`` (all of it folded)."""
        with self._lock:
            if os.fstat(self._fd).st_size != end:
                return False
            os.ftruncate(self._fd, 0)
            os.fsync(self._fd)
            return True

    def close(self, *, remove: bool) -> None:
        """Release the journal, removing the file first when asked (still under the lock)."""
        with self._lock:
            if remove:
                with contextlib.suppress(FileNotFoundError):
                    self.path.unlink()
            os.close(self._fd)


def adopt_orphans(ledger_path: Path) -> list[Journal]:
    """Every journal of the ledger whose session has ended."""
    found = (Journal.adopt(path) for path in journal_paths(ledger_path))
    return [journal for journal in found if journal is not None]
