"""Plain-text releases (and the layout text of PDF releases): prose paragraphs and aligned tables.

Why by columns of characters: a text release lays its tables out with spaces, numbers right-aligned
under their column headers ("Three months ended" centred over two year columns). The value cells
of the data rows fix where the columns are; header words are given to the columns they stand over,
so a two-level header reads as in HTML. The result is the same `RawTable` grid the HTML reader
gives, interpreted by the same code.
"""

from __future__ import annotations

import re

from auditor.reference.raw import RawRelease, RawTable

# a value cell: "1,234.5", "(1,234)", "$ 12.3", "41.2%", "—", "-", "nm"
_VALUE = r"(?:[(]?\s?(?:[A-Z]{0,3}\$|RMB|¥|US\$)?\s?-?\d[\d,]*(?:\.\d+)?\s?%?\s?[)]?|[—–-]{1,2}|n/?m)"
_VALUE_RE = re.compile(rf"^{_VALUE}$", re.IGNORECASE)
_SEGMENT_RE = re.compile(r"\S+(?: \S+)*")
_TOLERANCE = 3
_RULE_RE = re.compile(r"^\s*[-_=—–\s]{3,}\s*$")


def _segments(line: str) -> list[tuple[int, int, str]]:
    """Cells of a laid-out line: runs of text separated by two or more spaces (tabs expanded)."""
    return [(m.start(), m.end(), m.group(0)) for m in _SEGMENT_RE.finditer(line.expandtabs(8))]


def _is_header(line: str) -> bool:
    """A line that may head a table: short cells (a prose line is one long run of words)."""
    segs = _segments(line)
    return bool(segs) and all(len(t) <= 60 for _, _, t in segs) and not _RULE_RE.match(line)


def _is_data_row(segments: list[tuple[int, int, str]]) -> bool:
    values = [s for s in segments if _VALUE_RE.match(s[2])]
    return len(values) >= 1 and len(segments) >= 2 and not _VALUE_RE.match(segments[0][2])


def read_text(text: str, path: str) -> RawRelease:
    """Paragraphs (blocks separated by blank lines) and the aligned tables of a text release."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    release = RawRelease(path)
    data = [_is_data_row(_segments(line)) for line in lines]
    used = [False] * len(lines)
    i = 0
    while i < len(lines):
        if not data[i]:
            i += 1
            continue
        start = i
        end = i
        j = i
        while j < len(lines):
            if data[j]:
                end = j
            elif lines[j].strip() and j - end > 2 or not lines[j].strip() and j + 1 < len(lines) and not data[j + 1] and not lines[j + 1].strip():
                break
            j += 1
        rows = [k for k in range(start, end + 1) if data[k]]
        if len(rows) >= 2:
            top = start
            while top > 0 and (not lines[top - 1].strip() or _RULE_RE.match(lines[top - 1])) and start - top < 2:
                top -= 1
            head = top
            while head > 0 and top - head < 4 and _is_header(lines[head - 1]) and not data[head - 1]:
                head -= 1
            if head == top:
                head = start
            table = _table(lines, head, start, end, len(release.tables) + 1)
            release.tables.append(table)
            for k in range(head, end + 1):
                used[k] = True
        i = end + 1
    block: list[str] = []
    for k, line in enumerate(lines + [""]):
        if k < len(lines) and not used[k] and line.strip():
            block.append(line.strip())
            continue
        if block:
            if all(len(b) < 70 for b in block):
                release.paragraphs.extend(block)  # an address or a contact: one line each
            else:
                release.paragraphs.append(" ".join(block))
            block = []
    return release


def _table(lines: list[str], head: int, start: int, end: int, index: int) -> RawTable:
    """The grid of the laid-out table in lines[head:end+1]; header lines are lines[head:start]."""
    rows = [_segments(lines[k]) for k in range(start, end + 1)]
    columns: list[list[int]] = []  # [min start, max end] of each value column, by right edge
    for segs in rows:
        for a, b, text in segs[1:]:
            if not _VALUE_RE.match(text):
                continue
            col = next((c for c in columns if abs(c[1] - b) <= _TOLERANCE), None)
            if col is None:
                columns.append([a, b])
            else:
                col[0], col[1] = min(col[0], a), max(col[1], b)
    columns.sort(key=lambda c: c[1])
    grid: list[list[str]] = []
    label_end = min((c[0] for c in columns), default=0)
    for k in range(head, start):
        if _RULE_RE.match(lines[k]) or not lines[k].strip():
            continue
        segs = _segments(lines[k])
        row = [""] * (len(columns) + 1)
        for a, b, text in segs:
            hits = [n for n, (ca, cb) in enumerate(columns) if a < cb + 1 and b > ca - 1]
            if a < label_end - 8 or (not hits and b <= label_end):  # a caption in the label column
                row[0] = (row[0] + " " + text).strip()
                continue
            if not hits:
                centre = (a + b) / 2
                hits = [min(range(len(columns)), key=lambda n: abs((columns[n][0] + columns[n][1]) / 2 - centre))]
            for n in hits:
                row[n + 1] = (row[n + 1] + " " + text).strip()
        grid.append(row)
    for k in range(start, end + 1):
        segs = _segments(lines[k])
        if not segs:
            continue
        row = [""] * (len(columns) + 1)
        first = 0
        if not _VALUE_RE.match(segs[0][2]):
            row[0] = segs[0][2]
            first = 1
        for _a, b, text in segs[first:]:
            n = min(range(len(columns)), key=lambda n: abs(columns[n][1] - b)) if columns else -1
            if n >= 0 and abs(columns[n][1] - b) <= _TOLERANCE + 2 and _VALUE_RE.match(text):
                row[n + 1] = text
            elif n >= 0 and not _VALUE_RE.match(text):
                row[0] = (row[0] + " " + text).strip()
        grid.append(row)
    name_line = next((lines[k].strip() for k in range(max(0, head - 3), head) if lines[k].strip()), "")
    context = " ".join(lines[k].strip() for k in range(max(0, head - 4), head) if lines[k].strip())
    name = f"table {index} ('{(name_line or grid[0][0] or 'untitled')[:60]}')"
    if not columns:
        return RawTable(name, [], context, "no columns of figures could be aligned")
    return RawTable(name, grid, context)
