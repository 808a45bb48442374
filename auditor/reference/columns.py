"""Period columns of a release table: which period, currency and scale each column of values has.

Why its own module: a column's meaning is spread over several header rows ("Three months ended
September 30," over "2025" over "US$"), the caption ("in thousands of RMB, except per share data")
and the text above the table. This module joins them for each column and reads the joined header
with the shared date and period parsers, so "Three months ended September 30, 2025", "Q3 2025" and
"3Q25" name the same quarter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from auditor.dates import find_dates, find_periods
from auditor.reference.vocabulary import Vocabulary

_YEAR_RE = re.compile(r"^(?:19|20)\d\d$")
_YEARS_RE = re.compile(r"\b(?:19|20)\d\d\b")


@dataclass(frozen=True)
class ColumnPeriod:
    """What one column of values stands for, before it is related to the release's quarter.

    kind: quarter | half | nine | year | point (a balance-sheet date) | change (a change rate).
    """

    kind: str
    end: tuple[int, int] | None  # (year, month) of the last day of the period or the balance date
    quarter: tuple[int, int] | None = None  # (number, year) when the header says "Q3 2025"
    comparison: str | None = None  # for change columns: yoy | qoq
    currency: str | None = None
    scale: Decimal | None = None
    header: str = ""


def is_year(text: str) -> bool:
    return bool(_YEAR_RE.match(text.strip()))


def join_header(cells: list[str]) -> str:
    """The header rows of one column joined top to bottom, repeated span texts said once."""
    out: list[str] = []
    for cell in cells:
        cell = cell.strip()
        if cell and (not out or out[-1] != cell):
            out.append(cell)
    return " ".join(out)


def column_period(header: str, context: str, vocab: Vocabulary) -> ColumnPeriod | None:
    """The period of a column from its joined header, falling back on the table's caption and the
    text above it for what the header leaves out ("Three months ended September 30" above a table
    whose columns are headed "2025" and "2024"). None when the column names no period."""
    currency = vocab.currency_of(header)
    scale = vocab.scale_of(header)
    if vocab.change_re.search(header):
        comparison = "qoq" if vocab.qoq_re.search(header) else "yoy"
        return ColumnPeriod("change", None, None, comparison, currency, scale, header)
    kind = next((k for k, pattern in vocab.duration if pattern.search(header)), None)
    dates = [d for d in find_dates(header) if d.day is not None or d.year is not None]
    periods = [p for p in find_periods(header) if p.kind == "quarter" and p.number and p.year and not p.relative]
    if periods and not dates:
        p = periods[0]
        return ColumnPeriod("quarter", None, (p.number or 0, p.year or 0), None, currency, scale, header)
    years = _YEARS_RE.findall(header)
    if not dates or dates[0].year is None:
        # the header gives a year at most: the duration and the date come from the caption or note
        context_kind = kind or next((k for k, pattern in vocab.duration if pattern.search(context)), None)
        context_dates = [d for d in find_dates(context) if d.day is not None]
        if not years or context_kind is None:
            if dates and kind and years:
                return ColumnPeriod(kind, (int(years[-1]), dates[0].month), None, None, currency, scale, header)
            return None
        month = dates[0].month if dates else (context_dates[0].month if context_dates else None)
        if month is None:
            return None
        return ColumnPeriod(context_kind, (int(years[-1]), month), None, None, currency, scale, header)
    date = dates[-1]
    year = date.year or (int(years[-1]) if years else None)
    if year is None:
        return None
    return ColumnPeriod(kind or "point", (year, date.month), None, None, currency, scale, header)


def relative_period(col: ColumnPeriod, current_end: tuple[int, int] | None,
                    release_quarter: tuple[int, int] | None) -> str:
    """current | prior_year | prior_quarter | other, for a column, relative to the release's quarter.

    A quarter column is related by its end month; a "Q3 2025" column by its number and year; a
    balance-sheet column is "current" only at the quarter's end date. Half years, nine months and
    full years are "other": the call's quarterly figures are never compared with them.
    """
    if col.kind == "change":
        return "current"
    if col.kind == "quarter" and col.quarter is not None and release_quarter is not None:
        q, y = col.quarter
        rq, ry = release_quarter
        if (q, y) == (rq, ry):
            return "current"
        if (q, y) == (rq, ry - 1):
            return "prior_year"
        prev = (rq - 1, ry) if rq > 1 else (4, ry - 1)
        return "prior_quarter" if (q, y) == prev else "other"
    if col.end is None or current_end is None:
        return "other"
    if col.kind == "point":
        return "current" if col.end == current_end else "other"
    if col.kind != "quarter":
        return "other"
    year, month = current_end
    if col.end == current_end:
        return "current"
    if col.end == (year - 1, month):
        return "prior_year"
    prev = (year, month - 3) if month > 3 else (year - 1, month + 9)
    return "prior_quarter" if col.end == prev else "other"
