"""The reference model: what a release or a participant list says, as plain data the checks read.

Why a model of its own: an editor's strongest check of a call is the company's own earnings release.
The release is read once per transcript (`auditor.reference.load`), its tables and prose turned into
`Fact`s (a metric, its scope, a period, a printed value with its precision), and the checks of
`checks/reference/` only compare the call's figure model with these facts. A reference that cannot
be read, or that belongs to another call, is kept as a `ReferenceProblem`: the audit of the
transcript itself goes on without it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from auditor.quantities import Quantity

#: the periods a fact may have, relative to the quarter the release reports on
PERIODS = ("current", "prior_year", "prior_quarter")


@dataclass(frozen=True)
class Fact:
    """One value of a release: a metric in a scope (segment, adjusted, per share) for one period.

    `quantity` carries the printed precision (its `step`), so a call figure is compared within the
    rounding of both prints. `comparison` is set for a change rate ("yoy" or "qoq"), whose
    quantity is a percentage.
    """

    metric: str
    segment: str | None
    adjusted: bool
    per_share: bool
    period: str  # current | prior_year | prior_quarter | other
    quantity: Quantity
    origin: str  # table | prose
    where: str  # where in the release: "table 'Statements of operations', row 'Total revenues', column '...'"
    printed: str  # the value as the release prints it, with its unit and scale ("US$249,246 thousand")
    document: str
    comparison: str | None = None

    @property
    def key(self) -> tuple[str, str | None, bool, bool]:
        return (self.metric, self.segment, self.adjusted, self.per_share)


@dataclass(frozen=True)
class TableNote:
    """A table of a release: its name and, when it could not be used, why."""

    name: str
    reason: str | None = None


@dataclass(frozen=True)
class Participant:
    """A person a participant list or a release's contact section names."""

    name: str
    role: str | None
    source: str  # "participants.txt, line 3"


@dataclass(frozen=True)
class ReleasePeriod:
    """The quarter a release reports on: from its title ("Third Quarter 2025 Results") and from the
    latest quarter end its tables name ("Three months ended September 30, 2025")."""

    quarter: int | None = None
    year: int | None = None
    fiscal: bool = False
    end: tuple[int, int] | None = None  # (year, month) of the quarter's last day
    title: str | None = None  # the phrase that named it

    def describe(self) -> str:
        if self.quarter and self.year:
            return f"Q{self.quarter} {'fiscal ' if self.fiscal else ''}{self.year}"
        if self.end:
            return f"the quarter ended {self.end[1]:02d}/{self.end[0]}"
        return "an unknown period"


@dataclass
class Reference:
    """One reference document as read: a release (facts, period, contacts) or a participant list."""

    path: str
    kind: str  # release | participants
    facts: list[Fact] = field(default_factory=list)
    period: ReleasePeriod = field(default_factory=ReleasePeriod)
    participants: list[Participant] = field(default_factory=list)
    tables: list[TableNote] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.path.replace("\\", "/").rsplit("/", 1)[-1]

    @property
    def unread_tables(self) -> list[TableNote]:
        return [t for t in self.tables if t.reason is not None]


@dataclass(frozen=True)
class ReferenceProblem:
    """A reference that could not be used, with a one-line reason for the editor."""

    path: str
    message: str


@dataclass
class ReferenceSet:
    """The references of one transcript: the documents read and the problems met."""

    documents: list[Reference] = field(default_factory=list)
    problems: list[ReferenceProblem] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.documents or self.problems)

    @property
    def releases(self) -> list[Reference]:
        return [d for d in self.documents if d.kind == "release"]

    @property
    def facts(self) -> list[Fact]:
        return [f for d in self.releases for f in d.facts]

    @property
    def participants(self) -> list[Participant]:
        return [p for d in self.documents for p in d.participants]
