"""Provides ``python -m factcheck``."""

from __future__ import annotations

from factcheck.cli import run

run()
