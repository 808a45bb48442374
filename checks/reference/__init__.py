"""Reference checks: the call against its earnings release and participant list.

The release is read once per transcript into `transcript.references` (`auditor.reference`); these
checks read the comparison built from it once (`auditor.reference.compare`): figures, uncertain
figures, change rates, the call's period, and names. Without a reference they are silent.
"""

from __future__ import annotations

from .change import ChangeRate
from .figure_mismatch import FigureMismatch
from .participant import ParticipantName
from .period import PeriodMismatch
from .uncertain_figure import UncertainFigure
from .unusable import UnusableReference

CHECKS = (
    FigureMismatch,
    UncertainFigure,
    ChangeRate,
    PeriodMismatch,
    ParticipantName,
    UnusableReference,
)
