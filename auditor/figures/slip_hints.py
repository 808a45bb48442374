"""What the transcript's own figures say against one figure: the shared shape of a mis-hearing hint.

Why: a figure stated once is checked against the figures stated with it (the ends of a range, the
parts of a partition, the arithmetic of a change, a rate referred back to). Each rule of
`slip_text` and `slip_arithmetic` finds a relation the printed figure breaks and one reading of it
(a teen heard as a ten, or for exact arithmetic any known slip) that restores the relation; the
check (`figures.misheard`) only words it. A relation that no slip restores is left alone: the
figures may be genuinely different.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from auditor.figures.extraction import Figure
from auditor.figures.intervals import Interval


@dataclass(frozen=True)
class SlipHint:
    """One figure that is likely mis-heard, the reading that fits, and the figures that show it.

    `evidence` completes "... ; <why> would give <value>": it says what relation the printed
    figure breaks, in the words of the transcript. `strong`: the relation is exact arithmetic of
    the transcript's own figures (an error when the reading restores it), not a pattern of speech.
    """

    figure: Figure
    value: Decimal
    why: str
    evidence: str
    related: tuple[Figure, ...]
    confidence: float
    strong: bool = False


def reading_interval(f: Figure, value: Decimal) -> Interval:
    """The interval the figure would stand for, printed as `value` with the same digits and qualifier."""
    q = f.quantity
    return Interval.of(replace(q, number=value / q.scale))


def group_by_sentence(figures: list[Figure]) -> list[list[Figure]]:
    """Figures of each sentence, in transcript order (one list per sentence that has figures)."""
    groups: dict[tuple[int, int], list[Figure]] = {}
    for f in figures:
        groups.setdefault((f.paragraph.index, f.sentence.start), []).append(f)
    return [sorted(groups[k], key=lambda f: f.quantity.start) for k in sorted(groups)]


def plain_percent(f: Figure) -> bool:
    """A percentage held to its digits: not 'over 20%', not a percentage-point change."""
    return f.quantity.kind == "percent" and f.quantity.qualifier not in ("over", "at_least", "under", "at_most")


def short(f: Figure) -> str:
    return f.quantity.text.strip()
