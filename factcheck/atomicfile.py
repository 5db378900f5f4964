"""Provides the atomic, locked file writes of ``claims.yaml``: an advisory lock on a sibling
``.claims.yaml.lock`` (kept, since removing a lock file races with the next writer), a temporary
file beside the target, synced and renamed over it, then the directory synced. Any failure,
including an interrupt, leaves the previous file intact and removes the temporary one.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import time
from collections.abc import Iterator
from pathlib import Path

from factcheck.errors import LedgerError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows has no flock; saving then skips the lock
    fcntl = None  # type: ignore[assignment]

LOCK_TIMEOUT = 10.0


def read_current(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as err:
        raise write_error(path, err) from None


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    if fcntl is None:
        yield
        return
    lock_path = path.with_name(f".{path.name}.lock")
    try:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError as err:
        raise write_error(path, err) from None
    try:
        deadline = time.monotonic() + LOCK_TIMEOUT
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise LedgerError(
                        "is being written by another factcheck process",
                        path=str(path),
                        hint=f"wait for it to finish; the lock is {lock_path.name}",
                    ) from None
                time.sleep(0.05)
        _remove_stale_temporaries(path)
        yield
    finally:
        os.close(fd)


def _temporary_name(path: Path) -> Path:
    return path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")


def _remove_stale_temporaries(path: Path) -> None:
    # Under the lock no other writer is active, so a leftover temporary file is from a writer
    # that was killed before it could clean up.
    for stale in path.parent.glob(f".{_glob_escape(path.name)}.*.tmp"):
        with contextlib.suppress(OSError):
            stale.unlink()


def _glob_escape(name: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", name)


def write_atomically(path: Path, data: bytes) -> None:
    temporary = _temporary_name(path)
    try:
        mode = path.stat().st_mode & 0o7777
    except OSError:
        mode = None
    # Renaming over a file needs only the directory's permission (and root needs none), so a
    # ledger marked read-only is refused here rather than silently replaced.
    if mode is not None and (mode & 0o222 == 0 or not os.access(path, os.W_OK)):
        raise LedgerError(
            "is read-only; nothing was written",
            path=str(path),
            hint="make it writable (chmod u+w) and save again; the previous file is unchanged",
        )
    fd: int | None = None
    try:
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        try:
            if mode is not None:
                os.fchmod(fd, mode)
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temporary, path)
    except BaseException as err:
        # Only an OSError from the open itself means the file was never created; an interrupt
        # landing as the open returns leaves a file that is ours (O_EXCL, a fresh name).
        if fd is not None or not isinstance(err, OSError):
            with contextlib.suppress(OSError):
                temporary.unlink()
        if isinstance(err, OSError):
            raise write_error(path, err) from None
        raise
    _sync_directory(path.parent)


def _sync_directory(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot sync a directory; the rename itself is already done
    finally:
        os.close(fd)


def write_error(path: Path, err: OSError) -> LedgerError:
    reason = err.strerror or str(err)
    hint = "the previous file is unchanged"
    if err.errno == errno.ENOSPC:
        hint = "free some disk space and save again; " + hint
    elif err.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        hint = "make the directory writable and save again; " + hint
    return LedgerError(f"cannot be written: {reason}", path=str(path), hint=hint)
