"""Figure checks: change claims, parts and totals, ratios, restatements and mis-heard values.

Every printed number is an interval (its rounding), intervals are propagated through the arithmetic
and a claim is contradicted only when the intervals cannot overlap, so correct arithmetic with
rounding stays silent. Numbers whose metric or period is unclear are left unchecked and counted as
such in the report's coverage (verified / contradicted / unchecked). All five checks read the one
figure model of the transcript (`auditor.figures.build_model`).
"""

from __future__ import annotations

from .change import ChangeClaimMismatch
from .misheard import MisheardFigure
from .parts_total import PartExceedsTotal
from .ratio import RatioMismatch
from .restatement import Restatement

CHECKS = (
    ChangeClaimMismatch,
    PartExceedsTotal,
    RatioMismatch,
    Restatement,
    MisheardFigure,
)
