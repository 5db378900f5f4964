"""Provides :func:`share_work`: numbered pieces of work done by this process and forked helpers
together, each piece taken by whichever process is free next, the results kept in piece order.

This process works too, so on ``n`` cores ``n - 1`` helpers are forked and only their results
cross a process boundary; the helpers inherit everything the work reads instead of receiving it
pickled. A piece a helper took but never returned, because it failed or was killed, is done
again here, where its error is raised as it would be in one process.
"""

from __future__ import annotations

import multiprocessing
import queue
import signal
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from multiprocessing.sharedctypes import Synchronized
from typing import Any, TypeVar

Result = TypeVar("Result")


def share_work(
    work: Callable[[int], Result],
    count: int,
    processes: int,
    finished: Callable[[int], None] | None = None,
) -> list[Result]:
    """``[work(0), …, work(count - 1)]`` computed by this process and ``processes - 1`` forked
    helpers; ``finished(piece)`` is called here as each piece's result arrives. Without ``fork``
    or with one process everything is done here, in order."""
    if processes <= 1 or count <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return [_done(work, piece, finished) for piece in range(count)]
    context = multiprocessing.get_context("fork")
    counter: Synchronized[int] = context.Value("l", 0)
    results: dict[int, Result] = {}
    arrived: queue.SimpleQueue[int] = queue.SimpleQueue()
    helpers = []
    readers = []
    try:
        for _ in range(min(processes, count) - 1):
            reader, writer = context.Pipe(duplex=False)
            helper = context.Process(target=_help, args=(work, count, counter, writer))
            helper.start()
            writer.close()
            helpers.append(helper)
            readers.append(reader)
        # Each helper's results are read (and unpickled) by a thread while this process works.
        threads = [
            threading.Thread(target=_gather, args=(reader, results, arrived), daemon=True)
            for reader in readers
        ]
        for thread in threads:
            thread.start()
        while (piece := _take(counter, count)) is not None:
            results[piece] = work(piece)
            _report(piece, finished)
            _drain(arrived, finished)
        for thread in threads:
            thread.join()
        _drain(arrived, finished)
    finally:
        for helper in helpers:
            if helper.is_alive():
                helper.terminate()
            helper.join()
        for reader in readers:
            reader.close()
    for piece in range(count):
        if piece not in results:
            results[piece] = _done(work, piece, finished)
    return [results[piece] for piece in range(count)]


def _done(
    work: Callable[[int], Result], piece: int, finished: Callable[[int], None] | None
) -> Result:
    result = work(piece)
    _report(piece, finished)
    return result


def _report(piece: int, finished: Callable[[int], None] | None) -> None:
    if finished is not None:
        finished(piece)


def _drain(arrived: queue.SimpleQueue[int], finished: Callable[[int], None] | None) -> None:
    while not arrived.empty():
        _report(arrived.get(), finished)


def _take(counter: Synchronized[int], count: int) -> int | None:
    with counter.get_lock():
        piece = counter.value
        if piece >= count:
            return None
        counter.value = piece + 1
    return piece


def _help(
    work: Callable[[int], Any], count: int, counter: Synchronized[int], writer: Connection
) -> None:
    # A helper inherits the command's handlers; Ctrl-C and SIGTERM are the parent's to handle,
    # and the parent ends its helpers when it stops.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        while (piece := _take(counter, count)) is not None:
            writer.send((piece, work(piece)))
    except Exception:
        # The piece that failed is done again by the parent, which raises the error itself.
        return
    finally:
        writer.close()


def _gather(reader: Connection, results: dict[int, Any], arrived: queue.SimpleQueue[int]) -> None:
    while True:
        try:
            piece, result = reader.recv()
        except (EOFError, OSError):
            return
        results[piece] = result
        arrived.put(piece)
