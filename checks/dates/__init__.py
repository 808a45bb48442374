"""Date checks: impossible calendar dates, one reference date stated two ways, quarter/period mismatches."""

from __future__ import annotations

from .conflicting_reference import ConflictingReferenceDate
from .impossible import ImpossibleDate
from .period_mismatch import PeriodMismatch

CHECKS = (
    ImpossibleDate,
    ConflictingReferenceDate,
    PeriodMismatch,
)
