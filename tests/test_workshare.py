"""Work shared between this process and forked helpers comes back whole, in order, and the same
as work done in one process."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from factcheck.aliases import DEFAULT_ENTITIES
from factcheck.corpus import read_corpus
from factcheck.pipeline import extract_all
from factcheck.workshare import share_work


@pytest.mark.parametrize("processes", [1, 2, 3])
def test_results_come_back_in_piece_order(processes: int) -> None:
    finished: list[int] = []
    results = share_work(lambda piece: [piece] * 3, 40, processes, finished.append)
    assert results == [[piece] * 3 for piece in range(40)]
    assert sorted(finished) == list(range(40))


def test_pieces_a_helper_fails_are_done_here() -> None:
    parent = os.getpid()

    def work(piece: int) -> int:
        if os.getpid() != parent:
            raise RuntimeError("helper failed")
        return piece * piece

    assert share_work(work, 20, 2) == [piece * piece for piece in range(20)]


def test_an_error_of_the_work_is_raised_here() -> None:
    def work(piece: int) -> int:
        if piece == 7:
            raise ValueError("piece 7")
        return piece

    with pytest.raises(ValueError, match="piece 7"):
        share_work(work, 20, 2)


def test_claims_extracted_with_helpers_are_those_extracted_here() -> None:
    root = Path(__file__).resolve().parents[1]
    articles = read_corpus([root / "seeds"], root, {}).articles
    progress: list[tuple[int, int]] = []
    shared = extract_all(articles, DEFAULT_ENTITIES, lambda *done: progress.append(done), jobs=2)
    assert shared == extract_all(articles, DEFAULT_ENTITIES, jobs=1)
    assert progress[-1] == (len(articles), len(articles))
