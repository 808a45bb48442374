"""Report formats. Each module renders an `auditor.report.Report` to text; none imports `checks`."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from auditor.report import Report

#: format name -> module with a `render(report) -> str` function
FORMATS: dict[str, str] = {
    "markdown": "auditor.reports.markdown",
    "json": "auditor.reports.json_format",
    "csv": "auditor.reports.csv_format",
    "sarif": "auditor.reports.sarif",
    "github": "auditor.reports.github",
    "html": "auditor.reports.html",
}
FORMATS["concise"] = "auditor.reports.concise"  # one line per finding, for terminals and hooks


def renderer(name: str) -> Callable[[Report], str]:
    try:
        module = FORMATS[name]
    except KeyError:
        raise ValueError(f"unknown format {name!r} (expected one of {', '.join(FORMATS)})") from None
    render_function: Callable[[Report], str] = import_module(module).render
    return render_function


def render(report: Report, name: str) -> str:
    return renderer(name)(report)
