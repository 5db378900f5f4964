"""The cycle collector paused around a step: on again after, with what the step kept moved to
the oldest generation, and nothing a caller froze released."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from factcheck.collector import paused


class Node:
    def __init__(self) -> None:
        self.other: Node | None = None


@pytest.fixture
def collecting() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_the_collector_is_off_in_the_block_and_on_after(collecting: None) -> None:
    with paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_what_the_block_kept_is_in_the_oldest_generation(collecting: None) -> None:
    with paused():
        kept = [[number] for number in range(1000)]
    young = {id(found) for found in gc.get_objects(generation=0)}
    young |= {id(found) for found in gc.get_objects(generation=1)}
    assert not any(id(item) in young for item in [kept, *kept])
    assert any(found is kept for found in gc.get_objects(generation=2))


def test_a_cycle_made_in_the_block_is_still_collected(collecting: None) -> None:
    with paused():
        first, second = Node(), Node()
        first.other, second.other = second, first
        gone = weakref.ref(first)
        del first, second
    assert gone() is not None
    gc.collect()
    assert gone() is None


def test_a_collector_that_was_off_stays_off_and_nothing_moves() -> None:
    was = gc.isenabled()
    gc.disable()
    try:
        with paused():
            kept = [[number] for number in range(100)]
        assert not gc.isenabled()
        assert any(found is kept for found in gc.get_objects(generation=0))
    finally:
        if was:
            gc.enable()


def test_what_a_caller_froze_stays_frozen(collecting: None) -> None:
    frozen = [[0]]
    gc.freeze()
    try:
        count = gc.get_freeze_count()
        with paused():
            kept = [[number] for number in range(100)]
        assert gc.get_freeze_count() == count
        assert kept
        assert not any(found is frozen for found in gc.get_objects())
    finally:
        gc.unfreeze()
