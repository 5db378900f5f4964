"""Provides the review app and its wiring: the ledger, the session, the journal keeper, article
texts and the clock go in; the screens do the rest.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime
import signal
import sys
import threading
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import TextIO

from textual.app import App, SystemCommand
from textual.screen import Screen

from factcheck import store
from factcheck.corpus import decode, read_jsonl, resolve_inside
from factcheck.errors import FactcheckError, LedgerError
from factcheck.journal import Journal, adopt_orphans
from factcheck.keeper import Folded, Keeper, Saver, save_ledger
from factcheck.model import Review, Source
from factcheck.records import apply, encode
from factcheck.review import ReviewSession
from factcheck.tui.keys import GLOBAL_KEYS, REVIEW_KEYS, bindings, parse_action
from factcheck.tui.screens import Desk, ReviewScreen

PALETTE_ACTIONS = ("undecided", "first", "last")


class ArticleTexts:
    """Article texts read on first use and kept; ``None`` for one that cannot be read."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._texts: dict[str, str | None] = {}

    def __call__(self, source: Source) -> str | None:
        key = source.location
        if key not in self._texts:
            self._texts[key] = self._read(source)
        return self._texts[key]

    def _read(self, source: Source) -> str | None:
        try:
            path = resolve_inside(source.path, self.root, where=source.id)
            if source.entry is None:
                return decode(path.read_bytes(), source.path)
            articles, _ = read_jsonl(path, self.root)
        except (FactcheckError, OSError):
            return None
        return next((a.text for a in articles if a.source.entry == source.entry), None)


class UtcClock:
    """ISO 8601 UTC timestamps to the microsecond, strictly increasing within a session so that
    every review keeps its own key."""

    def __init__(self) -> None:
        self._last = datetime.datetime.min.replace(tzinfo=datetime.UTC)

    def __call__(self) -> str:
        now = datetime.datetime.now(datetime.UTC)
        if now <= self._last:
            now = self._last + datetime.timedelta(microseconds=1)
        self._last = now
        return now.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class KeeperState:
    """What the keeper's threads report, kept for the screen to read on its own time."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._incoming: tuple[Review, ...] | None = None
        self.error = ""

    def folded(self, folded: Folded) -> None:
        """Keeper callback: a fold finished."""
        with self._lock:
            self.error = ""
            if folded.reviews is not None:
                self._incoming = folded.reviews

    def failed(self, err: FactcheckError | OSError) -> None:
        """Keeper callback: a write or a save failed (it will be retried)."""
        with self._lock:
            self.error = str(err)

    def incoming(self) -> tuple[Review, ...] | None:
        """Reviews read from disk since the last call."""
        with self._lock:
            found, self._incoming = self._incoming, None
            return found


class ReviewApp(App[None]):
    """The review app; everything it works with comes in through ``desk``."""

    CSS_PATH = "review.tcss"
    TITLE = "factcheck review"
    BINDINGS = bindings(GLOBAL_KEYS)

    def __init__(self, desk: Desk, screenshots: Path | None = None) -> None:
        super().__init__()
        self.desk = desk
        self.screenshots = screenshots

    def on_mount(self) -> None:
        self.push_screen(ReviewScreen(self.desk))
        # A signal raised as an exception in the middle of the event loop leaves it half torn
        # down; asked through the loop, the app quits as if the reviewer pressed q and every
        # verdict is saved on the way out.
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGTERM, signal.SIGINT):
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(signum, partial(self.exit, None, 128 + signum))

    def deliver_screenshot(
        self, filename: str | None = None, path: str | None = None, time_format: str | None = None
    ) -> str | None:
        """Save the palette's screenshot beside the ledger rather than in a Downloads folder,
        which a server or a fresh account does not have."""
        if path is None and self.screenshots is not None:
            path = str(self.screenshots)
        return super().deliver_screenshot(filename, path, time_format)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if not isinstance(screen, ReviewScreen):
            return
        for row in REVIEW_KEYS:
            name, parameters = parse_action(row.action)
            wanted = (row.show or name in PALETTE_ACTIONS) and "." not in name
            if wanted and screen.check_action(name, parameters) is True:
                callback = partial(screen.run_action, row.action)
                yield SystemCommand(row.label.capitalize(), row.help, callback)


def open_review(
    path: Path,
    reviewer: str,
    *,
    clock: Callable[[], str] | None = None,
    save: Saver | None = None,
    poll: float = 2.0,
) -> tuple[ReviewApp, Keeper]:
    """Load the ledger, take over journals left by killed sessions, start this session's keeper
    and build the app (not yet running). Close the keeper with :func:`close_review`.

    Saves run in a child process unless ``save`` is given, which then runs in a thread."""
    loaded = store.load(path)
    journal = Journal.create(path)
    state = KeeperState()
    try:
        keeper = Keeper(
            path,
            journal,
            orphans=adopt_orphans(path),
            base=(loaded.ledger, loaded.digest),
            save=save or save_ledger,
            poll=poll,
            isolate=save is None,
            on_folded=state.folded,
            on_error=state.failed,
        )
    except BaseException:
        journal.close(remove=True)
        raise
    session = ReviewSession(apply(loaded.ledger, keeper.recovered), reviewer)
    keeper.start()

    def saving() -> str:
        if state.error:
            # A verdict the journal has not taken yet is held in memory; either way it is
            # retried until the disk takes it.
            where = "held in memory" if keeper.unsaved else "kept in the journal"
            return f"not saved yet ({state.error}); {where}, retrying"
        return "saving…" if keeper.unfolded else "saved"

    desk = Desk(
        session=session,
        texts=ArticleTexts(path.parent),
        record=keeper.record,
        clock=clock or UtcClock(),
        caption=f"factcheck review · {path.name} · {reviewer}",
        saving=saving,
        incoming=state.incoming,
    )
    return ReviewApp(desk, screenshots=path.parent), keeper


def close_review(keeper: Keeper, out: TextIO | None = None) -> None:
    """Fold the last records into the ledger and remove the session's journal.

    When saving fails, records that are not in the journal either (the disk refused both) are
    written to ``out`` (stderr by default) as journal lines, so that none is lost.
    """
    try:
        keeper.close()
    except (FactcheckError, OSError) as err:
        unwritten = keeper.unwritten
        hint = (
            f"they are kept in {keeper.journal.path.name} and are saved the next time "
            "'factcheck review' opens this ledger"
        )
        if unwritten:
            (out or sys.stderr).write(b"".join(encode(r) for r in unwritten).decode("utf-8"))
            hint = (
                f"{len(unwritten)} of them could not be written anywhere and are printed above "
                f"as journal lines: save them as .{keeper.path.name}.journal beside the ledger; "
                f"the rest are in {keeper.journal.path.name}; the next 'factcheck review' "
                "saves them all"
            )
        raise LedgerError(
            f"could not save the last verdicts: {err}", path=str(keeper.path), hint=hint
        ) from None


def run_review(path: Path, reviewer: str) -> int:
    """Open the review app on the ledger at ``path`` and save every verdict; returns 0, or
    128 + the signal when SIGTERM or SIGINT ended it."""
    app, keeper = open_review(path, reviewer)
    try:
        app.run()
    finally:
        if keeper.unfolded:
            print(f"saving the last verdicts to {path}…", file=sys.stderr)
        close_review(keeper)
    progress = app.desk.session.progress()
    contradictions = progress.open_contradictions
    disagreements = progress.disagreements
    print(
        f"{path}: {progress.reviewed} of {progress.total} pairs reviewed by {reviewer}; "
        f"{contradictions} contradiction{'' if contradictions == 1 else 's'} open; "
        f"{disagreements} disagreement{'' if disagreements == 1 else 's'}; all saved"
    )
    return app.return_code or 0
