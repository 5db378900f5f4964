"""Offline source-comparison fact checker.

Claims with exact evidence spans, normalised quantities and dates, cross-source pairs.

The core never imports textual; only ``factcheck.tui`` does.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
