"""Helpers shared by the figure checks: how a figure is quoted, named and shown in a finding."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from auditor.figures import Figure, Interval, fmt
from auditor.textutil import snippet

GROUPS = ("figures",)


def evidence_of(f: Figure) -> str:
    return snippet(f.text, f.quantity.start, f.quantity.end, 90)


def quoted(f: Figure) -> str:
    return f.quantity.text.strip()


def printed(f: Figure) -> str:
    """A figure as printed, normalised ('RMB406 million', '14.9%')."""
    return quoted(f)


def metric_name(f: Figure, default: str) -> str:
    """The metric phrase of a figure, with 'adjusted' when it is the adjusted variant."""
    if f.mention is None:
        return default
    text = " ".join(f.mention.text.split())
    text = text[0].lower() + text[1:] if text[:2] != text[:2].upper() else text
    return f"adjusted {text}" if f.mention.adjusted and "adjust" not in text.lower() else text


def related_lines(figs: Sequence[Figure], exclude_line: int | None = None) -> list[tuple[int, str]]:
    return [(f.line, evidence_of(f)) for f in figs if f.line != exclude_line]


def value_range(iv: Interval, step: Decimal, unit: str = "%") -> str:
    return f"{fmt(iv.lo, step / 10)}{unit} to {fmt(iv.hi, step / 10)}{unit}"


def pct_step(f: Figure) -> Decimal:
    return f.quantity.step if f.quantity.step > 0 else Decimal("0.1")
