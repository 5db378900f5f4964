"""Provides ``python -m factcheck``."""

from __future__ import annotations

import sys

from factcheck.cli import main

sys.exit(main())
