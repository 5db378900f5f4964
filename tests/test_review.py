"""Tests for factcheck.review: queue order, cursor, verdicts, undo, skip, filters, progress and
disagreements."""

from __future__ import annotations

import subprocess
import sys

import pytest

from factcheck.errors import UsageError
from factcheck.excerpt import excerpt_bounds
from factcheck.model import Claim, Ledger, Pair, Relation, Review, Source, Verdict
from factcheck.review import Retraction, ReviewSession
from factcheck.reviewfilter import Filter, parse_filter

A, C, U = Verdict.AGREE, Verdict.CONTRADICT, Verdict.UNRELATED

SOURCES = (
    Source("s1", "one.txt", "0" * 64, outlet="Daily Ledger", title="One"),
    Source("s2", "two.txt", "1" * 64, outlet="Morning Wire", title="Two"),
)
CLAIMS = (
    Claim("c1", "s1", 0, 10, "lost 40% of its territory", subject="territory"),
    Claim("c2", "s2", 0, 10, "lost about a third", subject="territory"),
    Claim("c3", "s1", 20, 30, "45,000 fighters killed", subject="fighters"),
    Claim("c4", "s2", 20, 30, "50,000 fighters killed", subject="fighters"),
)
PAIRS = (
    Pair("p-agree", "c3", "c4", Relation.AGREE, 0.9, "45,000 and 50,000 overlap"),
    Pair("p-changed", "c1", "c2", Relation.CHANGED, 0.8, "40% vs 33.3% at different times"),
    Pair("p-contra-low", "c1", "c4", Relation.CONTRADICT, 0.4, "40% vs 50,000"),
    Pair("p-contra-high", "c3", "c2", Relation.CONTRADICT, 0.7, "45,000 vs a third"),
    Pair("p-related", "c1", "c3", Relation.RELATED, 0.3, "different measures"),
    Pair("p-stale", "c2", "c4", Relation.CONTRADICT, 0.9, "stale comparison", stale=True),
)
ORDER = ("p-contra-high", "p-contra-low", "p-stale", "p-changed", "p-agree", "p-related")


def stamp(n: int) -> str:
    return f"2025-03-01T10:00:{n:02d}.000000Z"


def ledger(*reviews: Review) -> Ledger:
    return Ledger(sources=SOURCES, claims=CLAIMS, pairs=PAIRS, reviews=reviews)


def session(*reviews: Review, reviewer: str = "ann") -> ReviewSession:
    return ReviewSession(ledger(*reviews), reviewer)


def test_queue_puts_contradictions_first_then_changes_agreements_related() -> None:
    assert session().order == ORDER


def test_session_opens_on_first_undecided_pair() -> None:
    s = session(
        Review("p-contra-high", "ann", A, stamp(1)), Review("p-contra-low", "bob", A, stamp(1))
    )
    assert s.current is not None and s.current.id == "p-contra-low"


@pytest.mark.parametrize(
    ("keys", "expected"),
    [
        ([("move", 1)], 1),
        ([("move", 1), ("move", 1), ("move", -1)], 1),
        ([("move", -5)], 0),
        ([("move", 50)], 5),
        ([("go", -1)], 5),
        ([("go", 3), ("go", 0)], 0),
        ([("go", 99)], 5),
    ],
)
def test_cursor_moves_and_stops_at_the_ends(keys: list[tuple[str, int]], expected: int) -> None:
    s = session()
    for name, value in keys:
        getattr(s, name)(value)
    assert s.cursor == expected


def test_decide_records_review_and_moves_to_next_undecided() -> None:
    s = session(Review("p-contra-low", "ann", A, stamp(1)))
    review = s.decide(C, stamp(2))
    assert review == Review("p-contra-high", "ann", C, stamp(2))
    assert s.verdict("p-contra-high") is C
    assert s.current is not None and s.current.id == "p-stale"
    assert s.row(0).mine is C


def test_decide_at_the_last_undecided_row_stays_in_range() -> None:
    s = session()
    s.go(-1)
    s.decide(U, stamp(1))
    assert s.cursor == 5
    assert s.progress().reviewed == 1


def test_skip_leaves_pair_undecided_and_moves_on() -> None:
    s = session(Review("p-contra-low", "ann", A, stamp(1)))
    s.skip()
    assert s.current is not None and s.current.id == "p-stale"
    assert s.verdict("p-contra-high") is None
    assert not s.can_undo


def test_undo_retracts_the_latest_change_and_reselects_its_pair() -> None:
    s = session(Review("p-contra-high", "ann", A, stamp(1)))
    s.go(0)
    s.decide(C, stamp(2))
    s.decide(U, stamp(3))
    assert s.verdict("p-contra-high") is C
    retraction = s.undo(stamp(4))
    assert retraction == Retraction("p-contra-low", "ann", stamp(3), stamp(4))
    assert s.current is not None and s.current.id == "p-contra-low"
    assert s.verdict("p-contra-low") is None
    before = Review("p-contra-high", "ann", A, stamp(1))
    assert s.undo(stamp(5)) == Retraction("p-contra-high", "ann", stamp(2), stamp(5), before)
    # The verdict from before the session shows again.
    assert s.verdict("p-contra-high") is A
    assert s.undo(stamp(6)) is None


def test_note_is_a_new_review_with_the_same_verdict_and_is_carried_over() -> None:
    s = session()
    assert s.annotate("no verdict yet", stamp(1)) is None
    s.decide(C, stamp(2))
    s.go(0)
    noted = s.annotate("  check the ministry figure ", stamp(3))
    assert noted == Review("p-contra-high", "ann", C, stamp(3), "check the ministry figure")
    assert s.annotate("check the ministry figure", stamp(4)) is None
    changed = s.decide(A, stamp(5))
    assert changed.note == "check the ministry figure"
    s.undo(stamp(6))
    s.undo(stamp(7))
    assert s.note("p-contra-high") == ""


def test_note_right_after_a_verdict_goes_to_that_verdict() -> None:
    s = session()
    assert s.note_target is None
    s.decide(U, stamp(1))
    assert s.current is not None and s.current.id == "p-contra-low"
    assert s.note_target == "p-contra-high"
    noted = s.annotate("different towns", stamp(2))
    assert noted == Review("p-contra-high", "ann", U, stamp(2), "different towns")
    s.undo(stamp(3))
    s.undo(stamp(4))
    assert s.note_target is None


def test_next_and_previous_undecided() -> None:
    s = session(Review("p-contra-low", "ann", A, stamp(1)), Review("p-stale", "ann", A, stamp(1)))
    assert s.cursor == 0
    assert s.has_undecided(1) and not s.has_undecided(-1)
    assert s.next_undecided(1)
    assert s.current is not None and s.current.id == "p-changed"
    assert s.next_undecided(-1)
    assert s.cursor == 0
    assert not s.next_undecided(-1)
    s.go(-1)
    assert not s.next_undecided(1)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ORDER),
        ("relation:contradict", ("p-contra-high", "p-contra-low", "p-stale")),
        ("rel:ch", ("p-changed",)),
        ("relation:agree relation:related", ("p-agree", "p-related")),
        ("verdict:none", ("p-contra-low", "p-stale", "p-changed", "p-agree", "p-related")),
        ("verdict:contradict", ("p-contra-high",)),
        ("verdict:any", ("p-contra-high",)),
        ("is:disagreement", ("p-agree",)),
        ("is:contested", ("p-agree",)),
        ("is:stale", ("p-stale",)),
        ("by:bob", ("p-agree",)),
        ("outlet:morning", ORDER[:-1]),
        ("fighters", ("p-contra-high", "p-contra-low", "p-stale", "p-agree", "p-related")),
        ("FIGHTERS relation:contradict", ("p-contra-high", "p-contra-low", "p-stale")),
        ('"about a third"', ("p-contra-high", "p-stale", "p-changed")),
        ("nothing-matches-this", ()),
    ],
)
def test_filter_narrows_the_view(query: str, expected: tuple[str, ...]) -> None:
    s = session(
        Review("p-contra-high", "ann", C, stamp(1)),
        Review("p-agree", "bob", A, stamp(1)),
        Review("p-agree", "cy", U, stamp(2)),
    )
    assert s.set_filter(query) == len(expected)
    assert s.view == expected
    assert s.filter_text == query.strip()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("relaton:contradict", "unknown filter key 'relaton'"),
        ("relation:x", "relation:x matches no relation values"),
        ("verdict:", "verdict: matches no verdict values"),
        ("is:x", "is:x matches no is values"),
    ],
)
def test_bad_filter_is_refused_and_leaves_view_alone(query: str, message: str) -> None:
    s = session()
    s.set_filter("relation:agree")
    with pytest.raises(UsageError, match=message):
        s.set_filter(query)
    assert s.view == ("p-agree",)


def test_parse_filter_keeps_free_text_with_colons() -> None:
    assert parse_filter("at 10:30 verdict:n") == Filter(
        verdicts=frozenset({"none"}), words=("at", "10:30")
    )


def test_filter_keeps_the_selected_pair_or_goes_to_the_first_row() -> None:
    s = session()
    s.go(1)
    s.set_filter("relation:contradict")
    assert s.current is not None and s.current.id == "p-contra-low"
    s.set_filter("relation:agree")
    assert s.cursor == 0
    assert s.set_filter("nothing-matches") == 0
    assert s.current is None
    with pytest.raises(UsageError):
        s.decide(A, stamp(1))


def test_view_stays_put_after_a_verdict_until_refiltered() -> None:
    s = session()
    s.set_filter("verdict:none")
    s.decide(A, stamp(1))
    assert len(s.view) == 6
    assert s.refilter() == 5


def test_progress_counts_reviewed_open_contradictions_and_disagreements() -> None:
    s = session(Review("p-agree", "bob", C, stamp(1)))
    assert s.progress() == s.progress().__class__(0, 6, 3, 0)
    s.decide(C, stamp(2))
    s.go(4)
    s.decide(A, stamp(3))
    progress = s.progress()
    assert (progress.reviewed, progress.open_contradictions, progress.disagreements) == (2, 2, 1)
    assert s.row(4).disagreement
    assert [r.reviewer for r in s.row(4).others] == ["bob"]
    s.undo(stamp(4))
    assert s.progress().disagreements == 0


def test_absorb_takes_other_reviewers_from_disk_and_keeps_own_changes() -> None:
    s = session(Review("p-agree", "bob", A, stamp(1)))
    mine = s.decide(C, stamp(2))
    undone = s.decide(U, stamp(3))
    s.undo(stamp(4))
    on_disk = [
        Review("p-agree", "bob", C, stamp(5)),
        undone,
        Review("p-related", "ann", A, stamp(6)),
    ]
    assert s.absorb(on_disk)
    assert s.latest("p-agree")["bob"].verdict is C
    assert s.verdict(mine.pair) is C
    assert s.verdict(undone.pair) is None
    assert s.verdict("p-related") is A
    assert not s.absorb([*on_disk, mine])


def test_missing_claim_gets_a_placeholder_row() -> None:
    broken = Ledger(pairs=(Pair("p", "c-x", "c-y", Relation.AGREE, 1.0, "r"),))
    row = ReviewSession(broken, "ann").row(0)
    assert "c-x" in row.a.text
    assert row.outlet_a == "?"


def test_claims_of_a_source_come_in_reading_order() -> None:
    assert [c.id for c in session().claims_of("s1")] == ["c1", "c3"]
    assert session().claims_of("nope") == ()


TEXT = "Head line.\n\nFirst para has the quote here and more.\r\n\r\nLast para."


@pytest.mark.parametrize(
    ("needle", "limit", "expected", "clipped"),
    [
        ("quote", 900, "First para has the quote here and more.", (False, False)),
        ("Head", 900, "Head line.", (False, False)),
        ("Last", 900, "Last para.", (False, False)),
        ("quote", 12, "the quote here", (True, True)),
    ],
)
def test_excerpt_is_the_paragraph_clipped_at_word_boundaries(
    needle: str, limit: int, expected: str, clipped: tuple[bool, bool]
) -> None:
    start = TEXT.index(needle)
    found = excerpt_bounds(TEXT, start, start + len(needle), limit=limit)
    assert TEXT[found.start : found.end] == expected
    assert (found.clipped_start, found.clipped_end) == clipped


@pytest.mark.parametrize(
    "module", ["factcheck.review", "factcheck.agreement", "factcheck.journal", "factcheck.keeper"]
)
def test_core_modules_do_not_load_the_ui(module: str) -> None:
    code = (
        f"import sys, {module}\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'rich'}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
