"""Fixtures of the review app tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from reviewkit import fixture


@pytest.fixture
def ledger_path(tmp_path: Path) -> Path:
    """The review fixture (articles and claims.yaml) in a fresh directory."""
    path: Path = fixture.install(tmp_path)
    return path
