"""JSON report: a contract other tools read, so its keys and their meaning stay stable.

    {"version": 1, "findings": [{check, severity, confidence, file, line, end_line, speaker,
      message, evidence, suggestion, related, rank}, ...], "summary": {...}}
"""

from __future__ import annotations

import json
from typing import Any

from auditor.report import Report

VERSION = 1
FINDING_KEYS = (
    "check", "severity", "confidence", "file", "line", "end_line", "speaker",
    "message", "evidence", "suggestion", "related", "rank",
)


def as_dict(report: Report) -> dict[str, Any]:
    findings = []
    for rank, _group, finding in report.ranked():
        data = finding.to_dict()
        data["rank"] = rank
        findings.append({key: data[key] for key in FINDING_KEYS})
    summary = report.summary()
    # added keys (version 1 allows new summary keys): `files` counts every input, these split it
    summary["refused"] = len(report.errors)
    summary["audited"] = summary["files"] - summary["refused"]
    return {"version": VERSION, "findings": findings, "summary": summary}


def render(report: Report) -> str:
    return json.dumps(as_dict(report), ensure_ascii=False, indent=2) + "\n"
