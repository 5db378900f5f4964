"""Provides :func:`fork_map`: a function applied to many items in forked worker processes, for
the matcher's slow stages (splitting the claims' words, building signatures and blocking keys,
scoring big blocks, comparing pairs).

The workers are forked, so they inherit what they work on instead of receiving it pickled. A
worker that reads a Python object writes its reference count and so copies the object's memory
page: what workers read is best kept in a few large objects (byte strings, arrays).
Before forking, and in a worker after each item, the C heap's free pages go back to the system
(:func:`release_free_memory`): pages inherited but free would otherwise be copied by whichever
side filled them first, and counted twice.
Results come back in the order of the items, so the outcome is the same as one process's. Where
forking is unavailable, or with fewer than two workers, the items are worked through here.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

# What the workers share, set only while a pool is forked.
_shared: list[Any] = []


def fork_map(
    function: Callable[[Any, Item], Result],
    shared: object,
    items: Sequence[Item],
    *,
    workers: int | None = None,
) -> list[Result]:
    """``function(shared, item)`` for each of ``items``, in order, in ``workers`` forked processes
    (default: one per usable core). ``function`` must be defined at a module's top level."""
    count = usable_cores() if workers is None else workers
    if count < 2 or len(items) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [function(shared, item) for item in items]
    _shared.append((function, shared))
    release_free_memory()
    try:
        with multiprocessing.get_context("fork").Pool(min(count, len(items))) as pool:
            return pool.map(_run, items, chunksize=1)
    finally:
        _shared.clear()


def usable_cores() -> int:
    """The number of cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def release_free_memory() -> bool:
    """Hand the C heap's free pages back to the system, so that a forked worker does not inherit
    them and the pages this process fills later are not copies of shared ones; whether the C
    library could (glibc can)."""
    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (AttributeError, OSError):
        return False
    trim.argtypes = [ctypes.c_size_t]
    trim(0)
    return True


def _run(item: Any) -> Any:
    function, shared = _shared[-1]
    result = function(shared, item)
    release_free_memory()
    return result
