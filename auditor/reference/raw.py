"""What a reader takes out of a release before it is interpreted: prose paragraphs and table grids.

Why a step of its own: HTML, plain text and PDF releases differ in how a table is written, not in
what it means. Each reader (`html`, `text`, `pdf`) yields the same `RawRelease`; `tables` and
`prose` interpret it once, whatever the format.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class RawTable:
    """A table as a grid of cell texts (spans repeated into every cell they cover), with the text
    around it that may state its scale and currency (caption, the heading or note above it)."""

    name: str
    rows: list[list[str]]
    context: str = ""
    error: str | None = None  # why the reader could not read it


@dataclass
class RawRelease:
    """The readable content of a release: its paragraphs of prose, in order, and its tables."""

    path: str
    paragraphs: list[str] = field(default_factory=list)
    tables: list[RawTable] = field(default_factory=list)
