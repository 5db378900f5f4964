"""Snapshot tests of the review app's screens at a fixed size, on the fixture ledger, with a fixed
clock and reviewer and no journal thread, so every run draws the same picture."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from reviewkit import snapshot_app

from factcheck import store
from factcheck.model import Ledger, Review, Verdict

SIZE = (120, 36)
SnapCompare = Callable[..., bool]


def test_main_screen(snap_compare: SnapCompare, ledger_path: Path) -> None:
    """The queue, the first contradiction side by side and its arithmetic."""
    assert snap_compare(snapshot_app(ledger_path), terminal_size=SIZE)


def test_main_screen_after_verdicts_and_a_disagreement(
    snap_compare: SnapCompare, ledger_path: Path
) -> None:
    """Verdicts in the queue, another reviewer's note and a disagreement in the header."""
    ledger = store.load(ledger_path).ledger
    other = Review("p-02", "bob", Verdict.AGREE, "2025-03-01T08:00:00Z", "same count, older date")
    app = snapshot_app(ledger_path, ledger=Ledger(
        ledger.version, ledger.sources, ledger.entities, ledger.claims, ledger.pairs, (other,)
    ))  # fmt: skip
    assert snap_compare(app, press=["x", "x"], terminal_size=SIZE)


def test_article_view(snap_compare: SnapCompare, ledger_path: Path) -> None:
    """The Evening Post article, its markup and escapes shown literally, claims highlighted."""
    assert snap_compare(snapshot_app(ledger_path), press=["enter", "tab"], terminal_size=SIZE)


def test_help(snap_compare: SnapCompare, ledger_path: Path) -> None:
    """The help lists every key of the review screen and the filter syntax."""
    assert snap_compare(snapshot_app(ledger_path), press=["question_mark"], terminal_size=SIZE)


def test_note_modal(snap_compare: SnapCompare, ledger_path: Path) -> None:
    """The note editor over the pair, opened on a fresh verdict."""
    assert snap_compare(
        snapshot_app(ledger_path), press=["x", "k", "n", *"checked"], terminal_size=SIZE
    )


def test_empty_ledger(snap_compare: SnapCompare, tmp_path: Path) -> None:
    """A ledger without pairs says so, and every review key is dimmed."""
    path = tmp_path / "claims.yaml"
    path.write_text(store.dumps(Ledger()), encoding="utf-8")
    assert snap_compare(snapshot_app(path), terminal_size=SIZE)


def test_filter_without_results(snap_compare: SnapCompare, ledger_path: Path) -> None:
    """A filter that matches nothing says which filter, and how to change it."""
    keys = ["slash", *"relation:agree nothing", "enter"]
    assert snap_compare(snapshot_app(ledger_path), press=keys, terminal_size=SIZE)
