"""Provides the Textual review app: ``factcheck review`` runs :func:`factcheck.tui.app.run_review`.

Only this package imports textual; the review logic lives in :mod:`factcheck.review`.
"""

from __future__ import annotations
