"""Provides :func:`paused`: Python's cycle collector off while a step allocates many objects
without cycles, such as matching a million claims or reading a ledger.

While the collector is off, every object made stays in its youngest generation; the first
collections after would scan each one that was kept (about a second for 1.5 million pairs).
What such a step keeps lives long, so it is moved at once to the oldest generation, where it
would arrive after surviving two collections anyway.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """The collector off in the ``with`` block, then what the block kept in the oldest
    generation; nothing changes when the collector was off already."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            # Freezing and unfreezing moves every object to the oldest generation; it is
            # skipped where something is frozen already, which unfreezing would release.
            if gc.get_freeze_count() == 0:
                gc.freeze()
                gc.unfreeze()
            gc.enable()
