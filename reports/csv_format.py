"""CSV report: one row per ranked finding, for spreadsheets and archive-wide analysis."""

from __future__ import annotations

import csv
import io

from auditor.report import Report

HEADER = ["rank", "severity", "confidence", "check", "file", "line", "end_line", "speaker",
          "message", "evidence", "suggestion", "related"]


def render(report: Report) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for rank, _group, f in report.ranked():
        related = "; ".join(f"{r.line}: {r.text}" for r in f.related)
        writer.writerow([rank, f.severity.value, f"{f.confidence:.2f}", f.check, f.file, f.line, f.last_line,
                         f.speaker or "", f.message, f.evidence, f.suggestion or "", related])
    return out.getvalue()
