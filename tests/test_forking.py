"""Work mapped over forked workers comes back in order and the same as here; free memory of the
C heap goes back to the system."""

from __future__ import annotations

import ctypes.util
import os
import sys
from pathlib import Path

import pytest

from factcheck.forking import fork_map, release_free_memory


def _scaled(factor: int, item: int) -> tuple[int, int]:
    return item * factor, os.getpid()


@pytest.mark.parametrize("workers", [1, 2, 3])
def test_results_come_back_in_item_order(workers: int) -> None:
    results = fork_map(_scaled, 3, range(25), workers=workers)
    assert [value for value, _ in results] == [item * 3 for item in range(25)]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_items_are_worked_in_other_processes() -> None:
    results = fork_map(_scaled, 1, range(8), workers=2)
    assert os.getpid() not in {pid for _, pid in results}


def _resident() -> int:
    """Resident bytes of this process."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE")


glibc = sys.platform.startswith("linux") and ctypes.util.find_library("c") is not None


@pytest.mark.skipif(not glibc, reason="needs Linux and its C library")
def test_free_heap_pages_go_back_to_the_system() -> None:
    # Blocks below the mmap threshold come from the heap; the last one, kept, pins its top.
    blocks = [b"x" * 60_000 for _ in range(1_000)]
    kept = b"y" * 60_000
    del blocks
    before = _resident()
    assert release_free_memory()
    assert before - _resident() > 30_000_000
    assert kept[0] == ord("y")
