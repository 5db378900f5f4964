"""Provides the :class:`Keeper`: it makes a review session's records durable in the session's
journal (:mod:`factcheck.journal`) and folds them into ``claims.yaml`` in the background, through
atomic saves in a child process (``python -m factcheck.keeper``) so that the UI never waits.

Folding (:func:`factcheck.records.apply`) keeps each reviewer's latest review of a pair, so
folding a record twice changes nothing and two reviewers saving the same file never lose each
other's verdicts: a save that finds the file changed reloads it and merges again.
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from factcheck import store
from factcheck.errors import ConflictError, FactcheckError, LedgerError
from factcheck.journal import Journal
from factcheck.model import Ledger, Review
from factcheck.records import apply, decode, encode
from factcheck.review import Record

MAX_CONFLICTS = 20

Saver = Callable[[Path, Ledger, str | None], str]
Loader = Callable[[Path], tuple[Ledger, str]]


@dataclass(frozen=True, slots=True)
class Folded:
    """What one fold did: the reviews now on disk when the file held changes made by someone
    else (``None`` when it held only this session's), how many records it took in, whether it
    wrote the file, and how many saves met a conflict."""

    reviews: tuple[Review, ...] | None
    records: int
    saved: bool
    conflicts: int


def load_ledger(path: Path) -> tuple[Ledger, str]:
    """The ledger and its digest, through :mod:`factcheck.store`."""
    loaded = store.load(path)
    return loaded.ledger, loaded.digest


def save_ledger(path: Path, ledger: Ledger, expected_digest: str | None) -> str:
    """Save atomically through :mod:`factcheck.store`; returns the new digest."""
    return store.save(path, ledger, expected_digest=expected_digest)


class Keeper:
    """Makes a session's records durable and folds them into the ledger, each in its own thread.

    :meth:`record` returns at once; a writer thread appends and fsyncs (well under a second), and
    a folder thread saves the ledger shortly after (first folding the ``orphans`` adopted at
    start). Between saves it watches the file and reports changes made by other sessions.
    Callbacks run on those threads.
    """

    def __init__(
        self,
        path: Path,
        journal: Journal,
        *,
        orphans: Sequence[Journal] = (),
        base: tuple[Ledger, str] | None = None,
        load: Loader = load_ledger,
        save: Saver = save_ledger,
        delay: float = 0.2,
        poll: float = 2.0,
        on_durable: Callable[[int], None] | None = None,
        on_folded: Callable[[Folded], None] | None = None,
        on_error: Callable[[FactcheckError | OSError], None] | None = None,
        isolate: bool = False,
    ) -> None:
        self.path = path
        self.journal = journal
        self._orphans = list(orphans)
        self._orphan_records = [r for j in self._orphans for r in j.read_from(0)[0]]
        self._base = base
        self._stamp = self._stat() if base is not None else None
        self._load, self._save = load, save
        self._isolate = isolate
        self._delay, self._poll = delay, poll
        self._on_durable, self._on_folded, self._on_error = on_durable, on_folded, on_error
        self._queue: queue.SimpleQueue[Record | None] = queue.SimpleQueue()
        self._written = threading.Condition()
        self._enqueued = self._durable = self._folded = 0
        self._unwritten: list[Record] = []
        self._offset = 0
        self._fold_lock = threading.Lock()
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._threads = [
            threading.Thread(target=self._write_loop, name="journal-writer", daemon=True),
            threading.Thread(target=self._fold_loop, name="journal-folder", daemon=True),
        ]

    @property
    def recovered(self) -> list[Record]:
        """Records of the adopted journals, for the session to show before they are folded."""
        return list(self._orphan_records)

    @property
    def unsaved(self) -> int:
        """Records recorded but not yet durable."""
        with self._written:
            return self._enqueued - self._durable

    @property
    def unfolded(self) -> int:
        """Records recorded but not yet in the ledger file."""
        with self._written:
            return self._enqueued - self._folded

    @property
    def unwritten(self) -> list[Record]:
        """Records the journal could not take before the session closed (kept in memory and
        folded straight into the ledger by :meth:`close`)."""
        with self._written:
            return list(self._unwritten)

    @property
    def folding(self) -> bool:
        """Whether a fold (and so perhaps a save) is running now."""
        return self._fold_lock.locked()

    def start(self) -> None:
        """Start the writer and the folder."""
        for thread in self._threads:
            thread.start()
        if self._orphans:
            self._wake.set()

    def record(self, record: Record) -> None:
        """Queue a record to be written and fsync'd now and folded soon."""
        with self._written:
            self._enqueued += 1
        self._queue.put(record)

    def flush(self, timeout: float | None = None) -> bool:
        """Wait until every recorded record is durable."""
        with self._written:
            return self._written.wait_for(lambda: self._durable >= self._enqueued, timeout)

    def fold(self) -> Folded:
        """Fold what the journals hold into the ledger now (also called by the folder thread)."""
        with self._fold_lock:
            records, end = self.journal.read_from(self._offset)
            extra = self.unwritten
            pending = self._orphan_records + records + extra
            folded = self._merge(pending)
            self._offset = end
            with self._written:
                self._folded += len(records) + len(extra)
                del self._unwritten[: len(extra)]
            if self.journal.truncate_if(end):
                self._offset = 0
            for orphan in self._orphans:
                orphan.close(remove=True)
            self._orphans, self._orphan_records = [], []
        if self._on_folded is not None:
            self._on_folded(folded)
        return folded

    def close(self) -> Folded:
        """Stop the threads, fold everything and remove this session's journal.

        When the last fold fails the journal stays (the next session folds it) and the error is
        raised; records the journal could not take are then only in :attr:`unwritten`.
        """
        self._queue.put(None)
        self._stopping.set()
        self._wake.set()
        for thread in self._threads:
            if thread.is_alive():
                thread.join()
        try:
            folded = self.fold()
        except BaseException:
            self.journal.close(remove=False)
            raise
        self.journal.close(remove=self._offset == 0)
        return folded

    def _merge(self, pending: list[Record]) -> Folded:
        if self._isolate:
            return self._merge_elsewhere(pending)
        conflicts = 0
        reloaded = False
        while True:
            if self._base is None:
                self._stamp = self._stat()
                self._base = self._load(self.path)
                reloaded = True
            ledger, digest = self._base
            merged = apply(ledger, pending)
            if merged is ledger:
                break
            try:
                digest = self._save(self.path, merged, digest)
            except ConflictError:
                conflicts += 1
                if conflicts > MAX_CONFLICTS:
                    raise
                self._base = None
                continue
            self._base, self._stamp = (merged, digest), self._stat()
            break
        return Folded(
            merged.reviews if reloaded else None, len(pending), merged is not ledger, conflicts
        )

    def _merge_elsewhere(self, pending: list[Record]) -> Folded:
        # A save of a large ledger is seconds of Python; in a thread it would hold the GIL
        # against the UI, so it runs in a child process while this thread only waits.
        expected = self._base[1] if self._base else ""
        package_root = str(Path(__file__).resolve().parents[1])
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(
            part for part in (package_root, os.environ.get("PYTHONPATH", "")) if part
        )}  # fmt: skip
        run = subprocess.run(
            [sys.executable, "-m", "factcheck.keeper", str(self.path), expected],
            input=b"".join(encode(record) for record in pending),
            capture_output=True,
            env=env,
            check=False,
        )
        if run.returncode != 0:
            lines = run.stderr.decode("utf-8", "replace").strip().splitlines()
            raise LedgerError(lines[-1] if lines else f"saving failed ({run.returncode})")
        out = json.loads(run.stdout)
        self._stamp = self._stat()
        placeholder = self._base[0] if self._base else Ledger()
        self._base = (placeholder, out["digest"])
        reviews = out.get("reviews")
        found = None
        if reviews is not None:
            found = tuple(r for r in decode(reviews.encode(), "fold") if isinstance(r, Review))
        return Folded(found, len(pending), out["saved"], out["conflicts"])

    def _stat(self) -> tuple[int, int, int] | None:
        try:
            found = os.stat(self.path)
        except OSError:
            return None
        return found.st_mtime_ns, found.st_size, found.st_ino

    def _write_loop(self) -> None:
        while True:
            batch = [self._queue.get()]
            with contextlib.suppress(queue.Empty):
                while len(batch) < 256:
                    batch.append(self._queue.get_nowait())
            records = [record for record in batch if record is not None]
            kept = True
            while records:
                try:
                    self.journal.append(records)
                    break
                except OSError as err:
                    self._report(err)
                    if None in batch or self._stopping.is_set():
                        # The session is ending: rather than wait for the disk, hand the records
                        # to the last fold, which saves them into the ledger if it can.
                        kept = False
                        break
                    time.sleep(0.5)
            with self._written:
                if kept:
                    self._durable += len(records)
                else:
                    self._unwritten.extend(records)
                self._written.notify_all()
            if records and kept:
                if self._on_durable is not None:
                    self._on_durable(len(records))
                self._wake.set()
            if None in batch:
                return

    def _fold_loop(self) -> None:
        failed = False
        while not self._stopping.is_set():
            woken = self._wake.wait(self._poll)
            if self._stopping.is_set():
                return
            if woken:
                time.sleep(self._delay)
                self._wake.clear()
            elif self._stat() != self._stamp:
                self._base = None
            elif not failed:
                continue
            try:
                self.fold()
            except (FactcheckError, OSError) as err:
                self._report(err)
                self._base, failed = None, True
                continue
            failed = False

    def _report(self, err: FactcheckError | OSError) -> None:
        if self._on_error is not None:
            self._on_error(err)


def fold_file(path: Path, records: Sequence[Record], expected: str | None) -> dict[str, object]:
    """Fold records into the ledger file (reloading and merging again on a conflict); the
    result says the new digest, whether it saved, the conflicts met, and, when the file held
    changes other than ``expected``, every review as journal lines."""
    conflicts = 0
    while True:
        ledger, digest = load_ledger(path)
        merged = apply(ledger, records)
        if merged is ledger:
            break
        try:
            new_digest = save_ledger(path, merged, digest)
        except ConflictError:
            conflicts += 1
            if conflicts > MAX_CONFLICTS:
                raise
            continue
        break
    out: dict[str, object] = {
        "digest": new_digest if merged is not ledger else digest,
        "saved": merged is not ledger,
        "conflicts": conflicts,
    }
    if digest != expected or conflicts:
        out["reviews"] = b"".join(encode(review) for review in merged.reviews).decode("utf-8")
    return out


def _fold_main(argv: Sequence[str]) -> int:
    # Saving is background work: leave the processor to the reviewer's app first.
    with contextlib.suppress(OSError):
        os.nice(10)
    records = decode(sys.stdin.buffer.read(), "<stdin>")
    try:
        out = fold_file(Path(argv[0]), records, argv[1] or None)
    except FactcheckError as err:
        print(err, file=sys.stderr)
        return 2
    sys.stdout.write(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(_fold_main(sys.argv[1:]))
