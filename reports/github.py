"""GitHub Actions workflow commands: each finding becomes an annotation on the pull request."""

from __future__ import annotations

from auditor.report import Report


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(report: Report) -> str:
    lines = []
    for _rank, _group, f in report.ranked():
        props = [f"file={_escape_property(f.file)}", f"line={f.line}"]
        if f.last_line != f.line:
            props.append(f"endLine={f.last_line}")
        props.append(f"title={_escape_property(f.check)}")
        message = f.message
        if f.suggestion:
            message += f" Suggestion: {f.suggestion}"
        lines.append(f"::{f.severity.github_command} {','.join(props)}::{_escape_data(message)}")
    for file, error in report.errors:
        lines.append(f"::error file={_escape_property(file)}::{_escape_data(error)}")
    return "\n".join(lines) + ("\n" if lines else "")
