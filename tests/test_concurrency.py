"""Concurrency test: a real ``factcheck update`` process and a reviewer process (a session of the
review app's journal keeper, recording verdicts and folding them into the ledger) run at the same
time against one ledger, fifty times; afterwards every verdict and every claim is there."""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from factcheck import store
from factcheck.journal import journal_paths

ROOT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
ROUNDS = 50
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
UPDATE = [sys.executable, "-m", "factcheck", "update", "seeds", "--claims", "claims.yaml"]

# A reviewer: loads the ledger, then records a verdict on every pair at random intervals,
# folding after every other one, in a thread (as the keeper does) or in a child process (as the
# app does), and prints what it recorded and how many saves met a conflict.
REVIEWER = r"""
import json, random, sys, time
from pathlib import Path
from factcheck.journal import Journal, adopt_orphans
from factcheck.keeper import Keeper, load_ledger
from factcheck.records import encode
from factcheck.model import Review, Verdict

path, name, seed, isolate = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4] == "1"
rng = random.Random(seed)
ledger, digest = load_ledger(path)
keeper = Keeper(path, Journal.create(path), orphans=adopt_orphans(path), base=(ledger, digest),
                delay=0.0, poll=0.02, isolate=isolate)
keeper.start()
time.sleep(rng.uniform(0.0, 0.3))
recorded, conflicts = [], 0
for number, pair in enumerate(ledger.pairs):
    review = Review(pair.id, name, rng.choice(list(Verdict)), f"2025-03-01T10:00:{number:02d}Z",
                    f"note {seed}")
    keeper.record(review)
    recorded.append(encode(review).decode())
    if number % 2:
        conflicts += keeper.fold().conflicts
    time.sleep(rng.uniform(0.0, 0.03))
conflicts += keeper.close().conflicts
print(json.dumps({"recorded": recorded, "conflicts": conflicts}))
"""


class Repo:
    """Three of the seeds in a ledger (``base``), all five in the articles directory; the claims
    and pairs a full update finds (``claims``, ``pairs``)."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        shutil.copytree(ROOT / "seeds", directory / "seeds")
        for seed in (directory / "seeds").iterdir():
            seed.chmod(0o644)
        first = [f"seeds/{seed.name}" for seed in SEEDS[1:4]]
        subprocess.run(
            [*UPDATE[:4], *first, *UPDATE[5:]],
            cwd=directory,
            env=ENV,
            check=True,
            capture_output=True,
        )
        self.path = directory / "claims.yaml"
        self.base = self.path.read_bytes()
        base = store.load(self.path).ledger
        subprocess.run(UPDATE, cwd=directory, env=ENV, check=True, capture_output=True)
        full = store.load(self.path).ledger
        self.base_pairs = {pair.id for pair in base.pairs}
        self.claims = {claim.id for claim in full.claims}
        self.pairs = {pair.id for pair in full.pairs}
        assert self.base_pairs and self.claims > {claim.id for claim in base.claims}


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Repo:
    return Repo(tmp_path_factory.mktemp("race") / "repo")


def test_update_and_a_reviewer_at_once_lose_nothing(repo: Repo) -> None:
    rng = random.Random(50)
    raced = 0
    for round_number in range(ROUNDS):
        repo.path.write_bytes(repo.base)
        isolate = "1" if round_number % 10 == 0 else "0"
        reviewer = subprocess.Popen(
            [
                sys.executable,
                "-c",
                REVIEWER,
                str(repo.path),
                f"rev{round_number}",
                str(rng.randrange(10**6)),
                isolate,
            ],
            cwd=repo.directory,
            env=ENV,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        update = subprocess.Popen(
            UPDATE,
            cwd=repo.directory,
            env=ENV,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        _, update_err = update.communicate(timeout=120)
        reviewer_out, reviewer_err = reviewer.communicate(timeout=120)
        assert update.returncode == 0, f"round {round_number}: {update_err}"
        assert reviewer.returncode == 0, f"round {round_number}: {reviewer_err}"
        report = json.loads(reviewer_out)
        recorded = {
            (item["pair"], item["reviewer"], item["verdict"], item["timestamp"], item["note"])
            for item in map(json.loads, report["recorded"])
        }
        ledger = store.load(repo.path).ledger
        on_disk = {
            (r.pair, r.reviewer, r.verdict.value, r.timestamp, r.note) for r in ledger.reviews
        }
        assert len(recorded) == len(repo.base_pairs)
        assert recorded <= on_disk, f"round {round_number}: verdicts lost"
        assert {claim.id for claim in ledger.claims} == repo.claims, f"round {round_number}"
        assert {pair.id for pair in ledger.pairs} >= repo.pairs, f"round {round_number}"
        assert journal_paths(repo.path) == []
        assert not list(repo.directory.glob(".claims.yaml.*.tmp"))
        if "merging again" in update_err or report["conflicts"]:
            raced += 1
    # The two really met: in some rounds one of them found the file changed under it.
    assert raced > 0
