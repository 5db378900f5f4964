"""Provides the review app tests' helpers: the fixture module, a fixed clock, an app whose
records go to a list (for snapshots), and a way to run an async test body without a plugin."""

from __future__ import annotations

import asyncio
import functools
import importlib.util
from collections.abc import Callable, Coroutine
from pathlib import Path
from types import ModuleType
from typing import Any, ParamSpec

from factcheck import store
from factcheck.model import Ledger
from factcheck.review import Record, ReviewSession
from factcheck.tui.app import ArticleTexts, ReviewApp
from factcheck.tui.screens import Desk

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "review" / "ledger.py"


def _fixture_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("review_fixture", FIXTURE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


fixture = _fixture_module()
P = ParamSpec("P")


def synchronously(test: Callable[P, Coroutine[Any, Any, None]]) -> Callable[P, None]:
    """Run an async test body in its own event loop (the project uses no asyncio plugin)."""

    @functools.wraps(test)
    def run(*args: P.args, **kwargs: P.kwargs) -> None:
        asyncio.run(test(*args, **kwargs))

    return run


class FixedClock:
    """Timestamps one second apart from a fixed start, as a reviewer's keypresses would be."""

    def __init__(self) -> None:
        self.ticks = 0

    def __call__(self) -> str:
        self.ticks += 1
        minutes, seconds = divmod(self.ticks, 60)
        return f"2025-03-01T09:{minutes:02d}:{seconds:02d}.000000Z"


def snapshot_app(path: Path, reviewer: str = "alice", ledger: Ledger | None = None) -> ReviewApp:
    """An app on the ledger at ``path`` whose records go to a list: nothing in it depends on
    time, threads or the environment."""
    records: list[Record] = []
    session = ReviewSession(ledger or store.load(path).ledger, reviewer)
    desk = Desk(
        session=session,
        texts=ArticleTexts(path.parent),
        record=records.append,
        clock=FixedClock(),
        caption=f"factcheck review · {path.name} · {reviewer}",
        saving=lambda: "saved",
        incoming=lambda: None,
    )
    return ReviewApp(desk)
