"""The transcript of the HTML review page: rows of cells, each cell's text cut into highlighted segments.

Findings carry no character offsets, only the evidence they quote (shortened with "…" when long,
"EN: … | ZH: …" for a translation pair) and, in their messages, the exact words in quotes. So the
span of a finding is found again in its line here: the evidence is the highlight, a quoted phrase of
the message inside it is the focus. Everything is plain data; the template escapes every string.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from auditor.report import Excerpt, Finding, Severity, TranscriptView

ELLIPSIS = "…"
#: a phrase quoted in a message: 'as of September 31', ‘…’ or “…” (an apostrophe inside a word is not a quote)
QUOTED = re.compile(r"(?<!\w)'(.+?)'(?!\w)|‘(.+?)’|“(.+?)”")
#: "line 24", "lines 16, 27, 32", "lines 14-16" in a message or suggestion
LINE_REFERENCE = re.compile(r"\b(lines?) (\d+(?:(?:, | and |-|–)\d+)*)")
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


@dataclass(frozen=True)
class Segment:
    """A run of a cell's text with one set of highlights: `evidence`/`focus` ranks, `related` ranks."""

    text: str
    severity: str | None = None
    evidence: tuple[int, ...] = ()
    focus: bool = False
    related: tuple[int, ...] = ()

    @property
    def css(self) -> str:
        classes = [f"ev sev-{self.severity}"] if self.evidence else []
        if self.focus:
            classes.append("focus")
        if self.related:
            classes.append("rel")
        return " ".join(classes)


@dataclass
class Cell:
    """One physical line of the file (or a JSON string value) as shown: line number, language, segments."""

    line: int
    text: str
    lang: str
    anchors: list[int] = field(default_factory=list)  # lines whose anchor sits on this cell
    spans: list[tuple[int, int, str, int, str]] = field(default_factory=list)  # start, end, kind, rank, severity
    hit: str | None = None  # the most severe finding on this line

    @property
    def label(self) -> str:
        """How screen readers name the line(s): "line 12" or, for a header pair shown once, "lines 12-13"."""
        return f"lines {self.anchors[0]}–{self.anchors[-1]}" if len(self.anchors) > 1 else f"line {self.line}"

    def segments(self) -> list[Segment]:
        """The text cut at every highlight boundary, adjacent runs with the same highlights merged."""
        if not self.spans:
            return [Segment(self.text)]
        cuts = sorted({0, len(self.text), *(s for s, *_ in self.spans), *(e for _, e, *_ in self.spans)})
        out: list[Segment] = []
        for a, b in zip(cuts, cuts[1:], strict=False):
            over = [sp for sp in self.spans if sp[0] <= a and sp[1] >= b]
            evidence = sorted({sp[3] for sp in over if sp[2] in ("evidence", "focus")})
            severities = [sp[4] for sp in over if sp[2] in ("evidence", "focus")]
            segment = Segment(
                self.text[a:b],
                severity=min(severities, key=lambda s: Severity(s).order) if severities else None,
                evidence=tuple(evidence),
                focus=any(sp[2] == "focus" for sp in over),
                related=tuple(sorted({sp[3] for sp in over if sp[2] == "related"})),
            )
            if out and (out[-1].severity, out[-1].evidence, out[-1].focus, out[-1].related) == (
                    segment.severity, segment.evidence, segment.focus, segment.related):
                out[-1] = Segment(out[-1].text + segment.text, segment.severity, segment.evidence, segment.focus,
                                  segment.related)
            else:
                out.append(segment)
        return out


@dataclass
class Note:
    """What the transcript shows under a line for a finding on it (or a finding that cites it)."""

    rank: int
    severity: str
    check: str
    cites: bool  # True: a finding elsewhere that leans on this line ("cited by #5 on line 47")
    line: int


@dataclass
class Row:
    """A turn header, a paragraph (with its translation beside it) or a line outside both."""

    kind: str  # "head" | "para" | "pre" | "other"
    cells: list[Cell]
    speaker: str | None = None
    role: str | None = None
    notes: list[Note] = field(default_factory=list)

    @property
    def lines(self) -> list[int]:
        return [n for c in self.cells for n in c.anchors]


# -- finding a quote in a line --------------------------------------------------------------------


def _find(text: str, piece: str, start: int = 0, words: bool = False) -> tuple[int, int] | None:
    """`piece` in `text` from `start`: exactly, else ignoring case and spacing; `words` keeps word edges."""
    if not words:
        at = text.find(piece, start)
        if at >= 0:
            return at, at + len(piece)
    pattern = r"\s+".join(re.escape(w) for w in piece.split())
    if not pattern:
        return None
    if words:  # 'not' must not light up inside 'another'; CJK has no word edges to keep
        pattern = ("(?<!\\w)" if piece[0].isascii() and piece[0].isalnum() else "") + pattern
        pattern += "(?!\\w)" if piece[-1].isascii() and piece[-1].isalnum() else ""
    m = re.compile(pattern, re.IGNORECASE).search(text, start)
    return (m.start(), m.end()) if m else None


def find_span(text: str, quote: str) -> tuple[int, int] | None:
    """Where a quote, possibly shortened with "…" at either end or inside, stands in `text`."""
    pieces = [p.strip() for p in quote.split(ELLIPSIS) if p.strip()]
    if not pieces:
        return None
    first = _find(text, pieces[0])
    if first is None:
        return None
    last = first
    for piece in pieces[1:]:
        found = _find(text, piece, last[1])
        if found is None:
            break
        last = found
    return first[0], last[1]


def find_first(text: str, quotes: Iterable[str]) -> tuple[int, int] | None:
    """The span of the first of `quotes` that stands in `text`."""
    return next((span for span in (find_span(text, q) for q in quotes) if span), None)


def evidence_parts(evidence: str) -> list[str]:
    """The quotes of an evidence: "EN: x | ZH: y" is two (one per side of the pair), anything else one."""
    if evidence.startswith("EN: ") and " | ZH: " in evidence:
        english, _, chinese = evidence[4:].rpartition(" | ZH: ")
        return [english, chinese]
    return [evidence]


def quoted_phrases(message: str) -> list[str]:
    """The phrases a message quotes: the exact words a finding is about."""
    return [next(g for g in m.groups() if g) for m in QUOTED.finditer(message) if len(next(g for g in m.groups() if g)) > 1]


def link_lines(text: str) -> list[tuple[str, int | None]]:
    """`text` cut into plain runs and line numbers to link ("on line 24" links 24)."""
    out: list[tuple[str, int | None]] = []
    at = 0
    for m in LINE_REFERENCE.finditer(text):
        out.append((text[at:m.start(2)], None))
        for piece in re.split(r"(\d+)", m.group(2)):
            if piece:
                out.append((piece, int(piece) if piece.isdigit() else None))
        at = m.end()
    out.append((text[at:], None))
    return [(t, n) for t, n in out if t]


# -- building the rows ----------------------------------------------------------------------------


def _lang(text: str, target: str | None) -> str:
    return (target or "zh") if CJK.search(text) else "en"


def _header_text(view: TranscriptView, speaker: str, role: str | None, line: int) -> str:
    if view.layout != "json" and 1 <= line <= len(view.lines):
        return view.lines[line - 1].strip()
    return f"{speaker} - {role}" if role else speaker


def build_rows(view: TranscriptView | None, excerpts: Iterable[Excerpt], lines_wanted: Iterable[int]) -> list[Row]:
    """The transcript as rows; without a view (the file could not be read again), the excerpts only."""
    if view is None:
        rows = [_pair_row(e, None) for e in sorted(set(excerpts), key=lambda e: e.source_line)]
        return rows
    target = view.target_lang
    rows = [Row("pre", [Cell(n, text, _lang(text, target), [n])]) for n, text in view.preamble]
    paragraph_lines = {n for t in view.turns for p in t.paragraphs for n in (p.source_line, p.translation_line) if n}
    for turn in view.turns:
        cells: list[Cell] = []
        for n in turn.header_lines:
            if n in paragraph_lines:
                continue  # "Operator: Good morning..." - the line is shown as the paragraph
            text = _header_text(view, turn.speaker, turn.role, n)
            if cells and cells[-1].text == text:
                cells[-1].anchors.append(n)  # an identical header pair is shown once
            else:
                cells.append(Cell(n, text, _lang(text, target), [n]))
        rows.append(Row("head", cells, turn.speaker, turn.role))
        rows += [_pair_row(p, target) for p in turn.paragraphs]
    shown = {n for row in rows for n in row.lines}
    for n in sorted(set(lines_wanted) - shown):  # a finding on a line no turn holds (a stray line)
        if 1 <= n <= len(view.lines) and view.lines[n - 1].strip():
            text = view.lines[n - 1]
            row = Row("other", [Cell(n, text, _lang(text, target), [n])])
            at = next((i for i, r in enumerate(rows) if r.lines and min(r.lines) > n), len(rows))
            rows.insert(len(rows) if view.layout == "json" else at, row)
    return rows


def _pair_row(p: Excerpt, target: str | None) -> Row:
    cells = [Cell(p.source_line, p.source, "en", [p.source_line])]
    if p.translation is not None and p.translation_line is not None:
        cells.append(Cell(p.translation_line, p.translation, _lang(p.translation, target) if target else "zh",
                          [p.translation_line]))
    return Row("para", cells)


def place_findings(rows: Sequence[Row], ranked: Sequence[tuple[int, Finding]]) -> None:
    """Highlight each finding's evidence (and the phrase its message quotes) on its lines, mark the
    lines it leans on, and attach notes, so the transcript shows every finding where it stands."""
    by_line: dict[int, list[Cell]] = {}
    row_of: dict[int, Row] = {}
    for row in rows:
        for cell in row.cells:
            for n in cell.anchors:
                by_line.setdefault(n, []).append(cell)
                row_of.setdefault(n, row)
    for rank, f in ranked:
        sev = f.severity.value
        marked: list[Cell] = []
        for n in range(f.line, f.last_line + 1):
            cells = by_line.get(n, [])
            spans = {id(c): find_first(c.text, evidence_parts(f.evidence)) for c in cells}
            # several paragraphs on one physical line (a JSON file): only those holding the evidence
            chosen = [c for c in cells if spans[id(c)]] or cells
            for cell in chosen:
                cell.hit = sev if cell.hit is None or Severity(sev).order < Severity(cell.hit).order else cell.hit
                span = spans[id(cell)]
                if span is not None:
                    cell.spans.append((*span, "evidence", rank, sev))
                for phrase in quoted_phrases(f.message):
                    found = _find(cell.text, phrase, span[0] if span else 0, words=True) or _find(
                        cell.text, phrase, 0, words=True)
                    if found is not None:
                        cell.spans.append((*found, "focus", rank, sev))
                if any(sp[3] == rank for sp in cell.spans):
                    marked.append(cell)
        first_cells = by_line.get(f.line, [])
        if not marked and first_cells:  # the quote is not in the line as it stands: mark the whole line
            first_cells[0].spans.append((0, len(first_cells[0].text), "evidence", rank, sev))
            marked.append(first_cells[0])
        home = next((row for row in rows if marked and marked[0] in row.cells), None) or row_of.get(f.line)
        if home is not None:
            home.notes.append(Note(rank, sev, f.check, False, f.line))
        for r in f.related:
            if f.line <= r.line <= f.last_line:
                continue  # a finding "related" to its own line: that line is already its evidence
            for cell in by_line.get(r.line, []):
                span = find_span(cell.text, r.text)
                if span is not None:
                    cell.spans.append((*span, "related", rank, sev))
            target = row_of.get(r.line)
            if target is not None and target is not home and not any(
                    n.rank == rank for n in target.notes):
                target.notes.append(Note(rank, sev, f.check, True, f.line))
