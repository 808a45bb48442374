"""SARIF 2.1.0: code-scanning tools (GitHub, GitLab, IDEs) show findings inline on the transcript."""

from __future__ import annotations

import json
from pathlib import PurePath, PurePosixPath
from typing import Any
from urllib.parse import quote

from auditor.report import TOOL_VERSION, Report, fingerprint

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


#: the key of SARIF `partialFingerprints`; v2: the baseline's fingerprint (path relative to the project)
FINGERPRINT_KEY = "auditorFinding/v2"


def _uri(path: str) -> str:
    """A URI reference for a file (SARIF 3.10.2): percent-encoded; an absolute path is a file: URI."""
    posix = PurePath(path).as_posix()
    encoded = quote(posix, safe="/")
    return f"file://{encoded}" if PurePosixPath(posix).is_absolute() else encoded


def _rules(report: Report) -> list[dict[str, Any]]:
    ids = sorted({f.check for f in report.findings} | set(report.rules))
    rules = []
    for rid in ids:
        info = report.rules.get(rid)
        title = info.title if info else rid
        rule: dict[str, Any] = {
            "id": rid,
            "name": rid.replace(".", "_"),
            "shortDescription": {"text": title},
            "defaultConfiguration": {"level": info.severity.sarif_level if info else "warning"},
        }
        if info and info.doc:
            rule["fullDescription"] = {"text": info.doc.split("\n\n", 1)[0]}
            rule["help"] = {"text": info.doc}
        rules.append(rule)
    return rules


def as_dict(report: Report) -> dict[str, Any]:

    rules = _rules(report)
    index = {r["id"]: i for i, r in enumerate(rules)}
    results = []
    for rank, _group, f in report.ranked():
        region: dict[str, Any] = {"startLine": f.line, "endLine": f.last_line, "snippet": {"text": f.evidence}}
        result: dict[str, Any] = {
            "ruleId": f.check,
            "ruleIndex": index[f.check],
            "level": f.severity.sarif_level,
            "message": {"text": f.message + (f" Suggestion: {f.suggestion}" if f.suggestion else "")},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(f.file)}, "region": region}}],
            "partialFingerprints": {FINGERPRINT_KEY: fingerprint(f)},
            "rank": round(100.0 * (len(report.findings) - rank + 1) / max(1, len(report.findings)), 1),
            "properties": {"confidence": round(f.confidence, 3), "speaker": f.speaker, "suggestion": f.suggestion,
                           "auditorRank": rank},
        }
        if f.related:
            result["relatedLocations"] = [
                {"id": i + 1, "message": {"text": r.text},
                 "physicalLocation": {"artifactLocation": {"uri": _uri(f.file)}, "region": {"startLine": r.line}}}
                for i, r in enumerate(f.related)
            ]
        results.append(result)
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "auditor", "version": TOOL_VERSION, "semanticVersion": TOOL_VERSION,
                                "informationUri": "https://pypi.org/project/transcript-auditor/", "rules": rules}},
            "artifacts": [{"location": {"uri": _uri(r.file)}} for r in report.results],
            "results": results,
        }],
    }


def render(report: Report) -> str:
    return json.dumps(as_dict(report), ensure_ascii=False, indent=2) + "\n"
