"""Tests for factcheck.journal and factcheck.keeper: records on disk, folding, orphaned journals,
concurrent sessions and a session killed with SIGKILL in the middle of saving."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from dataclasses import replace
from pathlib import Path

import pytest

from factcheck import store
from factcheck.errors import LedgerError
from factcheck.journal import Journal, adopt_orphans, journal_paths
from factcheck.keeper import Keeper
from factcheck.model import Claim, Ledger, Pair, Relation, Review, Source, Verdict
from factcheck.records import apply, decode, encode
from factcheck.review import Record, Retraction

A, C, U = Verdict.AGREE, Verdict.CONTRADICT, Verdict.UNRELATED
ROOT = Path(__file__).resolve().parents[1]


def stamp(n: int) -> str:
    return f"2025-03-01T10:{n // 60:02d}:{n % 60:02d}.000000Z"


def make_ledger(pairs: int = 4) -> Ledger:
    sources = (Source("s1", "one.txt", "0" * 64), Source("s2", "two.txt", "1" * 64))
    claims = (Claim("c1", "s1", 0, 4, "text"), Claim("c2", "s2", 0, 4, "text"))
    return Ledger(
        sources=sources,
        claims=claims,
        pairs=tuple(
            Pair(f"p{i:05d}", "c1", "c2", Relation.CONTRADICT, 0.5, "r") for i in range(pairs)
        ),
    )


@pytest.fixture
def ledger_path(tmp_path: Path) -> Path:
    path = tmp_path / "claims.yaml"
    path.write_text(store.dumps(make_ledger()), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "record",
    [
        Review("p1", "ann", A, stamp(1)),
        Review("p1", 'Zoë "z" O\'Neil', C, stamp(2), "note with “quotes”\tand [bold]markup[/]"),
        Retraction("p1", "ann", stamp(1), stamp(3)),
        Retraction("p1", "ann", stamp(4), stamp(5), Review("p1", "ann", C, stamp(2), "kept")),
    ],
)
def test_records_survive_a_round_trip(record: Record) -> None:
    line = encode(record)
    assert line.endswith(b"\n") and line.count(b"\n") == 1
    assert decode(line, "j") == [record]


def test_decode_ignores_a_torn_last_line_and_refuses_garbage() -> None:
    good = encode(Review("p1", "ann", A, stamp(1)))
    assert decode(good + good[:20], "j") == decode(good, "j")
    with pytest.raises(LedgerError, match="line is not a verdict record") as caught:
        decode(good + b'{"kind": "review"}\n', "j")
    assert caught.value.line == 2


def test_apply_adds_retracts_and_is_idempotent() -> None:
    ledger = make_ledger()
    first, second = Review("p00001", "ann", A, stamp(1)), Review("p00000", "bob", C, stamp(2))
    records: list[Record] = [first, second, Retraction("p00001", "ann", stamp(1), stamp(3))]
    folded = apply(ledger, records)
    assert folded.reviews == (second,)
    assert apply(folded, records) == folded
    assert apply(folded, [second]) is folded
    assert apply(ledger, [first, second]).reviews == (second, first)


def test_apply_keeps_one_review_per_reviewer_and_undo_restores_the_earlier_one() -> None:
    ledger = make_ledger()
    agree, contradict = Review("p00001", "ann", A, stamp(1)), Review("p00001", "ann", C, stamp(2))
    bob = Review("p00001", "bob", A, stamp(3))
    changed = apply(ledger, [agree, bob, contradict])
    assert changed.reviews == (contradict, bob)
    # Records folded late or twice never bring back a replaced review.
    assert apply(changed, [agree]) is changed
    undone = apply(changed, [Retraction("p00001", "ann", stamp(2), stamp(4), agree)])
    assert undone.reviews == (agree, bob)
    # A retraction of a review that was already replaced changes nothing.
    assert apply(changed, [Retraction("p00001", "ann", stamp(1), stamp(5))]) is changed
    # A ledger written by hand with two verdicts of one reviewer keeps the latest on the next fold.
    doubled = replace(ledger, reviews=(agree, contradict))
    assert apply(doubled, []).reviews == (contradict,)


def test_journal_appends_reads_from_an_offset_and_truncates(ledger_path: Path) -> None:
    journal = Journal.create(ledger_path)
    records: list[Record] = [Review("p1", "ann", A, stamp(1)), Review("p2", "ann", C, stamp(2))]
    journal.append(records[:1])
    found, end = journal.read_from(0)
    journal.append(records[1:])
    assert found == records[:1]
    assert journal.read_from(end)[0] == records[1:]
    assert not journal.truncate_if(end)
    _, end = journal.read_from(0)
    assert journal.truncate_if(end)
    assert journal.read_from(0) == ([], 0)
    assert journal_paths(ledger_path) == [journal.path]
    journal.close(remove=True)
    assert journal_paths(ledger_path) == []


def test_a_live_journal_is_not_adopted_but_a_left_one_is(ledger_path: Path) -> None:
    live = Journal.create(ledger_path)
    left = Journal.create(ledger_path)
    left.append([Review("p00000", "ann", A, stamp(1))])
    left.close(remove=False)
    adopted = adopt_orphans(ledger_path)
    assert [journal.path for journal in adopted] == [left.path]
    assert adopt_orphans(ledger_path) == []
    for journal in adopted:
        journal.close(remove=False)
    live.close(remove=True)


def test_keeper_saves_verdicts_and_removes_its_journal(ledger_path: Path) -> None:
    folds: list[int] = []
    keeper = Keeper(
        ledger_path,
        Journal.create(ledger_path),
        delay=0.01,
        on_folded=lambda folded: folds.append(folded.records),
    )
    keeper.start()
    review = Review("p00000", "ann", C, stamp(1), "checked")
    keeper.record(review)
    keeper.record(Review("p00001", "ann", A, stamp(2)))
    keeper.record(Retraction("p00001", "ann", stamp(2), stamp(3)))
    assert keeper.flush(5)
    assert keeper.unsaved == 0
    keeper.close()
    assert store.load(ledger_path).ledger.reviews == (review,)
    assert journal_paths(ledger_path) == []
    assert keeper.unfolded == 0


def test_left_journals_are_folded_first_and_removed(ledger_path: Path) -> None:
    left = Journal.create(ledger_path)
    earlier = Review("p00002", "ann", U, stamp(1))
    left.append([earlier])
    left.close(remove=False)
    keeper = Keeper(ledger_path, Journal.create(ledger_path), orphans=adopt_orphans(ledger_path))
    assert keeper.recovered == [earlier]
    keeper.start()
    keeper.close()
    assert store.load(ledger_path).ledger.reviews == (earlier,)
    assert journal_paths(ledger_path) == []


def test_concurrent_reviewers_keep_every_verdict(ledger_path: Path) -> None:
    ledger_path.write_text(store.dumps(make_ledger(40)), encoding="utf-8")
    keepers = {
        name: Keeper(ledger_path, Journal.create(ledger_path), delay=0.0, poll=0.01)
        for name in ("ann", "bob", "cy")
    }
    for keeper in keepers.values():
        keeper.start()

    def work(name: str, keeper: Keeper) -> None:
        for i in range(40):
            keeper.record(Review(f"p{i:05d}", name, A, stamp(i)))
            if i % 7 == 0:
                keeper.fold()

    threads = [threading.Thread(target=work, args=item) for item in keepers.items()]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for keeper in keepers.values():
        keeper.close()
    reviews = store.load(ledger_path).ledger.reviews
    assert len(reviews) == 120
    assert {r.reviewer for r in reviews} == set(keepers)


KILLED_SESSION = r"""
import os, sys, time
from pathlib import Path
from factcheck import keeper as keeping
from factcheck.journal import Journal
from factcheck.keeper import Keeper
from factcheck.model import Review, Verdict

path = Path(sys.argv[1])

def announced_save(path, ledger, expected):
    os.write(1, b"saving\n")
    return keeping.save_ledger(path, ledger, expected)

keeper = Keeper(path, Journal.create(path), save=announced_save, delay=0.0, poll=0.01)
keeper.start()
for i in range(10_000):
    keeper.record(Review(f"p{i:05d}", "ann", Verdict.AGREE, f"2025-03-01T10:00:00.{i:06d}Z"))
    keeper.flush()
    os.write(1, f"durable {i}\n".encode())
    time.sleep(0.002)
"""


@pytest.mark.parametrize("saves_before_kill", [1, 3])
def test_sigkill_during_a_save_loses_nothing_durable(
    ledger_path: Path, saves_before_kill: int
) -> None:
    ledger_path.write_text(store.dumps(make_ledger(3000)), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [sys.executable, "-c", KILLED_SESSION, str(ledger_path)],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert child.stdout is not None
    durable = -1
    saves = 0
    for line in child.stdout:
        if line.startswith("durable"):
            durable = int(line.split()[1])
        elif line.startswith("saving"):
            saves += 1
            if saves == saves_before_kill:
                break
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    for line in child.stdout:
        if line.startswith("durable"):
            durable = int(line.split()[1])
    assert durable >= 0
    whole = store.load(ledger_path).ledger
    assert len(whole.pairs) == 3000
    keeper = Keeper(ledger_path, Journal.create(ledger_path), orphans=adopt_orphans(ledger_path))
    keeper.start()
    keeper.close()
    reviewed = {review.pair for review in store.load(ledger_path).ledger.reviews}
    assert {f"p{i:05d}" for i in range(durable + 1)} <= reviewed
    assert journal_paths(ledger_path) == []
    assert not list(ledger_path.parent.glob(".claims.yaml.*.tmp"))
