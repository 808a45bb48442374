"""Layout checks: problems found while pairing source lines with their translation lines."""

from __future__ import annotations

from .line_pairing import LinePairing

CHECKS = (
    LinePairing,
)
