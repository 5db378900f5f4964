"""Measures the review app on a generated ledger of 10,000 pairs and prints a table.

Run ``python benchmarks/review.py`` from the repository root (``--pairs N`` for another size).
It times, with Textual's Pilot on a headless terminal: start to interactive (ledger read, session
built, first screen painted); a verdict keypress until the screen shows it; a keypress until its
record is fsync'd in the journal; the same keypresses while a save of the ledger is running (the
UI must not wait for it); and, in a child process killed with SIGKILL while it reviews, that every
verdict acknowledged on screen is in the journal and that claims.yaml is whole.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rich.console import RenderableType  # noqa: E402
from textual import events  # noqa: E402
from textual.screen import Screen  # noqa: E402

from factcheck import store  # noqa: E402
from factcheck.corpus import sha256  # noqa: E402
from factcheck.journal import journal_paths  # noqa: E402
from factcheck.model import Claim, Ledger, Pair, Quantity, Relation, Source  # noqa: E402
from factcheck.review import Record  # noqa: E402
from factcheck.tui.app import close_review, open_review  # noqa: E402
from factcheck.tui.widgets import QueueList  # noqa: E402

RELATIONS = (Relation.CONTRADICT, Relation.CHANGED, Relation.AGREE, Relation.RELATED)
OUTLETS = ("Daily Ledger", "Morning Wire", "Evening Post", "Harbour Times", "Plains Courier")


def generate(root: Path, pairs: int, per_source: int = 100) -> Path:
    """Articles of ``per_source`` sentences and a ledger with one claim per sentence and
    ``pairs`` pairs between neighbouring sources; returns the ledger's path."""
    (root / "articles").mkdir(parents=True, exist_ok=True)
    sources, claims = [], []
    count = pairs + per_source
    for s in range(count // per_source + 1):
        parts, offsets = [], []
        at = 0
        for j in range(per_source):
            number = f"{(s * 37 + j * 101) % 90_000 + 1_000:,}"
            sentence = f"Officials said {number} fighters were killed near town {j} in week {s}."
            offsets.append((at, at + len(sentence), number))
            parts.append(sentence)
            at += len(sentence) + 2
        text = "\n\n".join(parts) + "\n"
        rel = f"articles/a{s:04d}.txt"
        (root / rel).write_text(text, encoding="utf-8")
        outlet = OUTLETS[s % len(OUTLETS)]
        published = f"2017-{s % 12 + 1:02d}-01"
        digest = sha256(text.encode())
        sources.append(
            Source(
                f"a{s:04d}", rel, digest, outlet=outlet, title=f"Report {s}", published=published
            )
        )
        for j, (start, end, number) in enumerate(offsets):
            q_at = text.index(number, start)
            value = float(number.replace(",", ""))
            quantity = Quantity(number, q_at, q_at + len(number), value, value * 0.99,
                                value * 1.01, noun="fighters")  # fmt: skip
            claims.append(Claim(f"c{s:04d}-{j:03d}", f"a{s:04d}", start, end, text[start:end],
                                subject=f"fighters killed near town {j}", predicate="killed",
                                quantities=(quantity,)))  # fmt: skip
    pair_list = []
    for i in range(pairs):
        s, j = divmod(i, per_source)
        relation = RELATIONS[i % len(RELATIONS)]
        pair_list.append(Pair(f"p{i:05d}", f"c{s:04d}-{j:03d}", f"c{s + 1:04d}-{j:03d}", relation,
                              round(0.4 + (i % 60) / 100, 2), "generated comparison"))  # fmt: skip
    ledger = Ledger(sources=tuple(sources), claims=tuple(claims), pairs=tuple(pair_list))
    path = root / "claims.yaml"
    path.write_text(store.dumps(ledger), encoding="utf-8")
    return path


async def interactive(path: Path, presses: int) -> dict[str, object]:
    started = time.perf_counter()
    app, keeper = open_review(path, "bench")
    results: dict[str, object] = {"open": time.perf_counter() - started}
    painted: list[float] = []
    display = app._display

    def timed_display(screen: Screen[object], renderable: RenderableType | None) -> None:
        # The compositor has rendered the update by the time it is handed to the terminal.
        if renderable is not None:
            painted.append(time.perf_counter())
        display(screen, renderable)

    app._display = timed_display  # type: ignore[method-assign]
    handled: list[float] = []
    record = app.desk.record

    def timed_record(item: Record) -> None:
        handled.append(time.perf_counter())
        record(item)

    app.desk.record = timed_record
    try:
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            results["interactive"] = time.perf_counter() - started
            quiet, busy, durable = [], [], []
            driver = app._driver
            assert driver is not None
            for i in range(presses):
                key = "axi"[i % 3]
                during_save = keeper.folding
                count = len(handled)
                t0 = time.perf_counter()
                driver.send_message(events.Key(key, key))
                while len(handled) == count or not painted or painted[-1] < handled[-1]:
                    await asyncio.sleep(0.0005)
                shown = painted[-1] - t0
                (busy if during_save or keeper.folding else quiet).append(shown)
                keeper.flush()
                durable.append(time.perf_counter() - t0)
                await asyncio.sleep(0.15 if i % 10 else 0.6)
            queue = app.screen.query_one(QueueList)
            line = queue.render_line(queue.session.cursor - 1 - round(queue.scroll_offset.y)).text
            results["check"] = "✗ contradict" in line or "✓ agree" in line or "∅ unrelated" in line
            results.update(quiet=quiet, busy=busy, durable=durable)
    finally:
        close_review(keeper)
    results["reviews"] = len(store.load(path).ledger.reviews)
    return results


CHILD = """
import asyncio, sys, time
sys.path.insert(0, sys.argv[2])
from pathlib import Path
from factcheck.tui.app import open_review

async def main():
    app, keeper = open_review(Path(sys.argv[1]), "killed")
    async with app.run_test(size=(120, 36)) as pilot:
        for i in range(10_000):
            await pilot.press("a")
            await pilot.pause()
            print("shown", app.desk.session.progress().reviewed, time.monotonic(), flush=True)
            await asyncio.sleep(0.02)

asyncio.run(main())
"""


def killed(path: Path, after: float) -> dict[str, object]:
    """Review in a child process, SIGKILL it ``after`` seconds in, and count what survived."""
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path), str(ROOT)], stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None
    shown: list[tuple[int, float]] = []
    deadline = None
    for line in child.stdout:
        _, count, at = line.split()
        shown.append((int(count), float(at)))
        deadline = deadline or time.monotonic() + after
        if time.monotonic() >= deadline:
            break
    killed_at = time.monotonic()
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    whole = store.load(path).ledger
    journaled = 0
    for journal in journal_paths(path):
        journaled += sum(1 for line in journal.read_bytes().splitlines() if line.strip())
    in_ledger = sum(1 for review in whole.reviews if review.reviewer == "killed")
    old = max((count for count, at in shown if killed_at - at >= 1.0), default=0)
    return {
        "acknowledged": shown[-1][0] if shown else 0,
        "older_than_1s": old,
        "durable": in_ledger + journaled,
        "whole": len(whole.pairs),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pairs", type=int, default=10_000)
    parser.add_argument("--presses", type=int, default=60)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        path = generate(Path(tmp), args.pairs)
        generated = time.perf_counter() - t0
        size = path.stat().st_size
        t0 = time.perf_counter()
        store.load(path)
        loaded = time.perf_counter() - t0
        result = asyncio.run(interactive(path, args.presses))
        survived = killed(path, after=2.5)

    def ms(values: object) -> str:
        assert isinstance(values, list)
        if not values:
            return "n/a (none)"
        ordered = sorted(values)
        p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
        median = statistics.median(values) * 1000
        return f"{median:.1f} ms median, {p95 * 1000:.1f} ms p95 (n={len(values)})"

    rows = [
        ("ledger", f"{args.pairs:,} pairs, {size / 1e6:.1f} MB (generated in {generated:.1f} s)"),
        ("store.load alone", f"{loaded:.2f} s"),
        ("start → interactive (load, session, first paint)", f"{result['interactive']:.2f} s"),
        ("keypress → verdict painted, no save running", ms(result["quiet"])),
        ("keypress → verdict painted while a save runs", ms(result["busy"])),
        ("keypress → record fsync'd in the journal", ms(result["durable"])),
        ("verdicts in claims.yaml after quitting", f"{result['reviews']} (pressed {args.presses})"),
        ("verdict shown in the queue line", str(result["check"])),
        ("SIGKILL: verdicts acknowledged on screen", str(survived["acknowledged"])),
        ("SIGKILL: acknowledged ≥ 1 s before the kill", str(survived["older_than_1s"])),
        ("SIGKILL: durable (claims.yaml + journal)", str(survived["durable"])),
        ("SIGKILL: claims.yaml whole (pairs read back)", f"{survived['whole']:,}"),
    ]
    width = max(len(name) for name, _ in rows)
    print(f"| {'measure':<{width}} | value |")
    print(f"| {'-' * width} | --- |")
    for name, value in rows:
        print(f"| {name:<{width}} | {value} |")


if __name__ == "__main__":
    main()
