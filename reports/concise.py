"""Concise report: one line per finding, `file:line: severity [check] message`, for a terminal.

Why: a pre-commit hook or an editor's terminal wants what ruff and Vale print, one grep-able line
per finding that editors and IDEs turn into a jump to the line, not a document to scroll. Colour
is added only when the caller says the output is a terminal (and NO_COLOR is not set).
"""

from __future__ import annotations

from collections import Counter

from auditor.report import Report

#: ANSI colours of the severity labels
_COLOURS = {"error": "\x1b[31m", "warning": "\x1b[33m", "info": "\x1b[36m"}
_BOLD, _RESET = "\x1b[1m", "\x1b[0m"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def render(report: Report, color: bool = False) -> str:
    lines = []
    for _rank, _group, f in report.ranked():
        where = f"{f.file}:{f.line}:"
        level = f.severity.label
        if color:
            where = f"{_BOLD}{where}{_RESET}"
            level = f"{_COLOURS.get(level, '')}{level}{_RESET}"
        message = _one_line(f.message)
        if f.suggestion:
            message += f" (suggestion: {_one_line(f.suggestion)})"
        lines.append(f"{where} {level} [{f.check}] {message}")
    for file, error in report.errors:
        reason = error[len(file) + 2 :] if error.startswith(f"{file}: ") else error
        lines.append(f"{file}: could not be audited: {_one_line(reason)}")
    counts = Counter(f.severity.label for f in report.findings)
    files = len(report.results) - len(report.errors)
    summary = ", ".join(f"{counts[level]} {level}" for level in ("error", "warning", "info") if counts[level])
    lines.append(f"Found {len(report.findings)} finding(s) in {files} file(s)" + (f": {summary}." if summary else "."))
    return "\n".join(lines) + "\n"
