"""Layout checks: problems found while pairing source lines with their translation lines."""

from __future__ import annotations

from .hidden_character import InvisibleCharacter
from .line_pairing import LinePairing

CHECKS = (
    InvisibleCharacter,
    LinePairing,
)
