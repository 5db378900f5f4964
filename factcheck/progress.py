"""Provides a progress bar for long commands, drawn on a terminal's stderr only, and only once the
work has taken more than a moment."""

from __future__ import annotations

import time
from types import TracebackType
from typing import TextIO

DELAY = 0.5
WIDTH = 30


class ProgressBar:
    """``with ProgressBar("extracting", sys.stderr) as bar: bar.update(done, total)``."""

    def __init__(self, label: str, stream: TextIO, *, delay: float = DELAY) -> None:
        self._label = label
        self._stream = stream
        self._delay = delay
        self._started = time.monotonic()
        self._drawn = False
        self._live = stream.isatty()

    def __enter__(self) -> ProgressBar:
        self._started = time.monotonic()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.clear()

    def clear(self) -> None:
        """Take the bar off the line, so that a message can be written there."""
        if self._drawn:
            self._stream.write("\r\x1b[K")
            self._stream.flush()
            self._drawn = False

    def update(self, done: int, total: int) -> None:
        """Redraw the bar for ``done`` of ``total`` items."""
        if not self._live or time.monotonic() - self._started < self._delay or total <= 0:
            return
        filled = WIDTH * done // total
        bar = "#" * filled + "-" * (WIDTH - filled)
        self._stream.write(f"\r{self._label} [{bar}] {done}/{total}")
        self._stream.flush()
        self._drawn = True
