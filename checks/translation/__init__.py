"""Translation checks: facts of the English source that the Chinese translation changes or loses.

Translation-QA tools compare numbers as digit strings, so they cannot see that "RMB1,625.3
million" and "人民幣16.253億元" are one figure. These checks compare facts by value: figures
(value, currency, direction, role in a change), dates and periods, negation, people, and whether
the line was translated at all. Each finding quotes both sides and names the fact that differs.

Each check compares one English line with its translation line (`auditor.pairs.Pair`, figures
matched once per pair); the person and marker checks compare renderings across the whole file.
"""

from __future__ import annotations

from .date import DateDivergence
from .direction import DirectionDivergence
from .figure_roles import FigureRoles
from .markers import MarkerRendering
from .negation import NegationDivergence
from .number import NumberDivergence
from .omission import Omission
from .opposite import OppositeWord
from .period import PeriodDivergence
from .person import PersonDivergence
from .unmatched_clause import UnmatchedClause
from .unmatched_figure import UnmatchedFigure
from .untranslated import Untranslated

CHECKS = (
    NumberDivergence,
    DirectionDivergence,
    FigureRoles,
    DateDivergence,
    PeriodDivergence,
    NegationDivergence,
    OppositeWord,
    PersonDivergence,
    UnmatchedFigure,
    UnmatchedClause,
    Omission,
    Untranslated,
    MarkerRendering,
)
