"""Pilot tests of the review app: every key, the article view, notes, filters, undo, two
reviewers and an interrupted save, each checked on the session and on claims.yaml."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import pytest
from reviewkit import FixedClock, fixture, snapshot_app, synchronously
from textual.widgets import Input

from factcheck import store
from factcheck.cli import main
from factcheck.errors import LedgerError
from factcheck.journal import journal_paths
from factcheck.keeper import save_ledger
from factcheck.model import Ledger, Verdict
from factcheck.tui.app import ReviewApp, close_review, open_review
from factcheck.tui.screens import ArticleScreen, HelpScreen, NoteScreen, ReviewScreen
from factcheck.tui.widgets import ClaimPanel, QueueList

A, C, U = Verdict.AGREE, Verdict.CONTRADICT, Verdict.UNRELATED
SIZE = (120, 36)
ORDER = ("p-01", "p-02", "p-03", "p-05", "p-04", "p-06")


def reviews_on_disk(path: Path) -> list[tuple[str, str, Verdict, str]]:
    ledger = store.load(path).ledger
    return [(r.pair, r.reviewer, r.verdict, r.note) for r in ledger.reviews]


def screen_of(app: ReviewApp) -> ReviewScreen:
    screen = app.screen
    assert isinstance(screen, ReviewScreen)
    return screen


async def review(path: Path, reviewer: str, keys: list[str]) -> ReviewApp:
    """Run a whole session: open, press ``keys``, quit, and fold everything into the ledger."""
    app, keeper = open_review(path, reviewer, clock=FixedClock())
    try:
        async with app.run_test(size=SIZE) as pilot:
            for key in keys:
                await pilot.press(key)
            await pilot.pause()
    finally:
        close_review(keeper)
    return app


@pytest.mark.parametrize(
    ("keys", "expected"),
    [
        (["a"], [("p-01", A)]),
        (["x"], [("p-01", C)]),
        (["i"], [("p-01", U)]),
        (["1", "2", "3"], [("p-01", A), ("p-02", C), ("p-03", U)]),
        (["space", "a"], [("p-02", A)]),
        (["j", "j", "x", "k", "k", "a"], [("p-02", A), ("p-03", C)]),
        (["down", "up", "a"], [("p-01", A)]),
        (["G", "a", "g", "x"], [("p-01", C), ("p-06", A)]),
        (["end", "i", "home", "i"], [("p-01", U), ("p-06", U)]),
        (["j", "j", "a", "K", "x"], [("p-02", C), ("p-03", A)]),
        (["j", "j", "a", "g", "J", "J", "i"], [("p-03", A), ("p-05", U)]),
        (["a", "u"], []),
        (["a", "x", "backspace", "u"], []),
        (["a", "x", "u", "i"], [("p-01", A), ("p-02", U)]),
        (["a", "k", "x"], [("p-01", C)]),
        (["a", "k", "x", "u"], [("p-01", A)]),
    ],
)
@synchronously
async def test_keys_decide_move_skip_and_undo_and_reach_claims_yaml(
    ledger_path: Path, keys: list[str], expected: list[tuple[str, Verdict]]
) -> None:
    app = await review(ledger_path, "alice", keys)
    assert app.desk.session.progress().reviewed == len(expected)
    on_disk = reviews_on_disk(ledger_path)
    assert sorted((pair, verdict) for pair, _, verdict, _ in on_disk) == expected
    assert all(who == "alice" for _, who, _, _ in on_disk)
    assert journal_paths(ledger_path) == []
    assert main(["check", "--no-rerun", str(ledger_path)]) == 0
    assert main(["check", "--no-rerun", str(ledger_path)]) == 0


@synchronously
async def test_every_pair_of_the_ledger_can_be_reviewed_and_checks(ledger_path: Path) -> None:
    app, keeper = open_review(ledger_path, "alice", clock=FixedClock())
    try:
        async with app.run_test(size=SIZE) as pilot:
            for key in "axiaxi":
                await pilot.press(key)
            screen = screen_of(app)
            assert screen.session.progress().reviewed == 6
            assert screen.check_action("undecided", (1,)) is None
            await pilot.press("q")
    finally:
        close_review(keeper)
    assert [r[0] for r in reviews_on_disk(ledger_path)] == sorted(ORDER)
    assert main(["check", "--no-rerun", "--strict", str(ledger_path)]) == 0


@synchronously
async def test_keys_that_cannot_act_are_dimmed(ledger_path: Path) -> None:
    app = snapshot_app(ledger_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = screen_of(app)
        assert screen.check_action("undo", ()) is None
        assert screen.check_action("note", ()) is None
        assert screen.check_action("move", (-1,)) is None
        assert screen.check_action("move", (1,)) is True
        await pilot.press("a")
        assert screen.check_action("undo", ()) is True
        await pilot.press("k")
        assert screen.check_action("note", ()) is True
        disabled = {key.action for key in app.screen.query("FooterKey.-disabled")}
        assert "note" not in disabled
        await pilot.press("u")
        await pilot.pause()
        disabled = {key.action for key in app.screen.query("FooterKey.-disabled")}
        assert {"undo", "note"} <= disabled


@synchronously
async def test_note_is_saved_with_the_verdict_and_escape_cancels(ledger_path: Path) -> None:
    app, keeper = open_review(ledger_path, "alice", clock=FixedClock())
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("x", "k", "n")
            assert isinstance(app.screen, NoteScreen)
            await pilot.press(*"the ministry counts differently")
            await pilot.press("enter")
            assert isinstance(app.screen, ReviewScreen)
            await pilot.press("n")
            await pilot.press(*" [bold]ignored[/]")
            await pilot.press("escape")
            assert screen_of(app).session.note("p-01") == "the ministry counts differently"
            await pilot.press("j", "a", "n", *"same count", "enter")
    finally:
        close_review(keeper)
    # A note is the reviewer's verdict again, with the note: it replaces the earlier review.
    assert reviews_on_disk(ledger_path)[-2:] == [
        ("p-01", "alice", C, "the ministry counts differently"),
        ("p-02", "alice", A, "same count"),
    ]
    assert main(["check", "--no-rerun", str(ledger_path)]) == 0


@synchronously
async def test_filter_narrows_the_queue_and_reports_bad_queries(ledger_path: Path) -> None:
    app = snapshot_app(ledger_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = screen_of(app)
        await pilot.press("slash")
        assert app.focused is screen.query_one("#filter", Input)
        await pilot.press(*"relation:contradict", "enter")
        assert screen.session.view == ("p-01", "p-02")
        assert app.focused is screen.query_one(QueueList)
        await pilot.press("slash", *"relaton:x", "enter")
        assert "unknown filter key 'relaton'" in str(screen.query_one("#message").render())
        assert screen.session.view == ("p-01", "p-02")
        await pilot.press("escape")
        assert not screen.query_one("#filter").has_class("open")
        await pilot.press("a", "slash")
        screen.query_one("#filter", Input).value = ""
        await pilot.press(*"verdict:none fighters", "enter")
        assert screen.session.view == ("p-02", "p-05", "p-04", "p-06")
        await pilot.press("slash")
        screen.query_one("#filter", Input).value = "nothing matches this"
        await pilot.press("enter")
        assert screen.session.view == ()
        assert screen.check_action("verdict", ("agree",)) is None
        await pilot.press("a")
        assert screen.session.progress().reviewed == 1


@synchronously
async def test_disagreements_of_two_reviewers_get_their_own_queue(ledger_path: Path) -> None:
    await review(ledger_path, "alice", ["x", "a", "a"])
    app, keeper = open_review(ledger_path, "bob", clock=FixedClock())
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("x", "x", "x")
            screen = screen_of(app)
            assert screen.session.progress().disagreements == 2
            await pilot.press("d")
            assert screen.session.view == ("p-02", "p-03")
            await pilot.press("d")
            assert screen.session.view == ORDER
    finally:
        close_review(keeper)
    assert sorted(reviews_on_disk(ledger_path)) == [
        ("p-01", "alice", C, ""),
        ("p-01", "bob", C, ""),
        ("p-02", "alice", A, ""),
        ("p-02", "bob", C, ""),
        ("p-03", "alice", A, ""),
        ("p-03", "bob", C, ""),
    ]


@synchronously
async def test_two_reviewers_at_once_never_overwrite_each_other(ledger_path: Path) -> None:
    alice, alice_keeper = open_review(ledger_path, "alice", clock=FixedClock(), poll=0.05)
    bob, bob_keeper = open_review(ledger_path, "bob", clock=FixedClock(), poll=0.05)
    try:
        async with alice.run_test(size=SIZE) as a_pilot, bob.run_test(size=SIZE) as b_pilot:
            for _ in range(3):
                await a_pilot.press("a")
                await b_pilot.press("x")
                assert alice_keeper.flush(5) and bob_keeper.flush(5)
                bob_keeper.fold()
                alice_keeper.fold()
            for _ in range(100):
                await a_pilot.pause(0.05)
                if screen_of(alice).session.progress().disagreements == 3:
                    break
            assert screen_of(alice).session.progress().disagreements == 3
    finally:
        close_review(alice_keeper)
        close_review(bob_keeper)
    on_disk = reviews_on_disk(ledger_path)
    assert sorted((p, who, v) for p, who, v, _ in on_disk) == [
        (pair, who, verdict)
        for pair in ("p-01", "p-02", "p-03")
        for who, verdict in (("alice", A), ("bob", C))
    ]


@synchronously
async def test_article_view_opens_swaps_and_goes_back(ledger_path: Path) -> None:
    app = snapshot_app(ledger_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        article = app.screen
        assert isinstance(article, ArticleScreen)
        assert article.focus_claim.id == "c-dl-territory"
        await pilot.press("tab")
        assert article.focus_claim.id == "c-ep-territory"
        await pilot.press("right_square_bracket")
        assert article.focus_claim.id == "c-ep-killed"
        await pilot.press("left_square_bracket", "left_square_bracket")
        assert article.focus_claim.id == "c-ep-territory"
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape", "escape")
        assert isinstance(app.screen, ReviewScreen)


@synchronously
async def test_help_lists_every_key_and_closes(ledger_path: Path) -> None:
    app = snapshot_app(ledger_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        shown = app.export_screenshot().replace("&#160;", " ")
        for text in ("take back your last verdict", "next pair you have not decided", "/ "):
            assert text in shown
        await pilot.press("question_mark")
        assert isinstance(app.screen, ReviewScreen)


@synchronously
async def test_command_palette_runs_review_actions(ledger_path: Path) -> None:
    app = snapshot_app(ledger_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"contradict")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert screen_of(app).session.verdict("p-01") is C


@synchronously
async def test_palette_screenshot_is_saved_beside_the_ledger(ledger_path: Path) -> None:
    app, keeper = open_review(ledger_path, "alice", clock=FixedClock())
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("ctrl+p")
            await pilot.press(*"screenshot")
            await pilot.pause(0.3)
            await pilot.press("enter")
            for _ in range(50):
                await pilot.pause(0.1)
                if list(ledger_path.parent.glob("*.svg")):
                    break
    finally:
        close_review(keeper)
    (svg,) = ledger_path.parent.glob("*.svg")
    assert svg.read_text("utf-8").lstrip().startswith("<svg")


@synchronously
async def test_clicking_a_row_selects_it(ledger_path: Path) -> None:
    app = snapshot_app(ledger_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click(QueueList, offset=(5, 2))
        assert screen_of(app).session.cursor == 2


@synchronously
async def test_article_markup_and_escapes_are_shown_as_text(ledger_path: Path) -> None:
    app = snapshot_app(ledger_path)
    async with app.run_test(size=SIZE) as pilot:
        panel = app.screen.query_one("#claim-b", ClaimPanel)
        assert "A statement read: [bold red]x[/] and then" in panel.content.plain
        assert not [span for span in panel.content.spans if "red" in str(span.style)]
        await pilot.press("enter", "tab")
        await pilot.pause()
        shown = app.export_screenshot().replace("&#160;", " ")
        assert "[bold red]x[/]" in shown
        assert "␛[31mred text␛[0m" in shown
        assert "[link=https://example.com]a link[/link]" in shown
        assert "\x1b[31m" not in shown


@synchronously
async def test_an_interrupted_save_loses_nothing(ledger_path: Path) -> None:
    before = ledger_path.read_bytes()
    crashed = ledger_path.parent / f".{ledger_path.name}.crashed.tmp"
    disk_full = threading.Event()
    disk_full.set()
    attempts: list[int] = []

    def crash_half_way(path: Path, ledger: Ledger, expected: str | None) -> str:
        attempts.append(1)
        if disk_full.is_set():
            text = store.dumps(ledger).encode()
            crashed.write_bytes(text[: len(text) // 2])
            raise LedgerError("cannot be written: No space left on device", path=str(path))
        return save_ledger(path, ledger, expected)

    app, keeper = open_review(
        ledger_path, "alice", clock=FixedClock(), save=crash_half_way, poll=0.05
    )
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("x")
            for _ in range(200):
                if attempts:
                    break
                await asyncio.sleep(0.02)
            await pilot.pause(0.6)
            assert ledger_path.read_bytes() == before
            assert store.load(ledger_path).ledger.reviews == ()
            assert "not saved yet" in app.export_screenshot().replace("&#160;", " ")
            disk_full.clear()
            await pilot.press("a")
    finally:
        close_review(keeper)
    assert len(attempts) >= 2
    assert not crashed.exists()
    assert [(p, v) for p, _, v, _ in reviews_on_disk(ledger_path)] == [("p-01", C), ("p-02", A)]
    assert main(["check", "--no-rerun", str(ledger_path)]) == 0


def test_review_command_refuses_a_reviewer_name_with_control_characters(
    ledger_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["review", str(ledger_path), "--reviewer", "bad\x1bname"]) == 2
    assert "no usable reviewer name" in capsys.readouterr().err
    assert journal_paths(ledger_path) == []


def test_fixture_ledger_is_current_and_checks(ledger_path: Path) -> None:
    rebuilt = store.dumps(fixture.fixture_ledger(fixture.HERE))
    assert (fixture.HERE / "claims.yaml").read_text(encoding="utf-8") == rebuilt, (
        "run python tests/fixtures/review/ledger.py"
    )
    assert main(["check", "--no-rerun", str(ledger_path)]) == 0


def test_a_quantity_shows_its_bounds_only_when_they_say_more_than_its_value() -> None:
    from factcheck.model import Quantity
    from factcheck.tui.widgets import quantity_facts

    third = Quantity(
        "about a third of that", 0, 21, 100 / 3, 100 / 3, 100 / 3, "%",
        approx=True, hedge="about", base="about a third",
    )  # fmt: skip
    assert quantity_facts(third) == (
        "“about a third of that” = 33.3333 % · hedge: about · of: about a third"
    )
    over = Quantity("over 2,000 fighters", 0, 19, None, 2000.0, None, None, noun="fighters")
    assert quantity_facts(over) == "“over 2,000 fighters” [2,000 – …] fighters"
