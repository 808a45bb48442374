"""HTML review page: one self-contained file an editor works through in a browser.

Why HTML besides markdown: an editor reviewing a bilingual call needs the transcript as they know it
(turns, line numbers, English and Chinese side by side) with each finding highlighted where it
stands, a ranked panel to filter and walk through, and a way to accept findings that feeds the
`--baseline` gate in CI. The page makes no network request: its CSS and script are inline and
allowed by a Content-Security-Policy that lists their SHA-256 hashes (computed here, at render
time), and every piece of transcript text goes through Jinja2's autoescaping: the text is untrusted.
The output is byte-identical across runs (no clock, no random nonce: hashes instead).
"""

from __future__ import annotations

import base64
import hashlib
from collections import Counter
from functools import cache
from pathlib import PurePath
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from auditor.report import BASELINE_VERSION, TOOL_VERSION, Finding, Report, Severity, fingerprint, path_key

from .html_view import Row, build_rows, link_lines, place_findings

SEVERITIES = [s.value for s in sorted(Severity, key=lambda s: s.order)]
#: the coverage counters that say what happened to a claim, in words
OUTCOMES = {"verified": "verified", "contradicted": "contradicted", "unchecked": "could not be checked"}


@cache
def _environment() -> Environment:
    """Autoescaping for every template (not only *.html): no path lets transcript text in raw."""
    return Environment(
        loader=PackageLoader("auditor.reports", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _asset(name: str) -> str:
    """A static CSS or script file of the page; it must not be able to close its own element."""
    env = _environment()
    assert env.loader is not None
    text = env.loader.get_source(env, name)[0]
    if "</" in text:
        raise ValueError(f"{name} contains '</', which would end its inline element early")
    return text


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def content_security_policy(script: str, style: str) -> str:
    """Nothing may load from anywhere; only this page's own script and style run (by hash)."""
    return (f"default-src 'none'; script-src {_hash(script)}; style-src {_hash(style)}; img-src 'none'; "
            "connect-src 'none'; base-uri 'none'; form-action 'none'")


def _counters_in_words(counts: dict[str, int]) -> str:
    """{'verified': 3, 'unchecked': 1, 'names_checked': 9} -> '3 verified, 1 could not be checked, 9 names checked'."""
    parts = [f"{counts[k]} {OUTCOMES[k]}" for k in OUTCOMES if k in counts]
    parts += [f"{v} {k.replace('_', ' ')}" for k, v in counts.items() if k not in OUTCOMES]
    return ", ".join(parts)


def _coverage(report: Report) -> dict[str, Any]:
    """The coverage counters of the checks, said in sentences, family by family."""
    coverage = report.coverage()
    families: dict[str, Counter[str]] = {}
    for check, counts in coverage.items():
        if set(OUTCOMES) & set(counts):
            families.setdefault(check.split(".")[0], Counter()).update(counts)
    claims = [
        {"family": family, "label": f"{family.rstrip('s').capitalize()} claims", "verified": c["verified"],
         "contradicted": c["contradicted"], "unchecked": c["unchecked"]}
        for family, c in sorted(families.items())
    ]
    checks = [{"id": check, "title": report.rules[check].title if check in report.rules else check,
               "words": _counters_in_words(counts)} for check, counts in coverage.items()]
    return {"claims": claims, "checks": checks}


def _finding(report: Report, rank: int, group: int, mates: list[int], f: Finding, file_index: int) -> dict[str, Any]:
    rule = report.rules.get(f.check)
    return {
        "rank": rank, "severity": f.severity.value, "check": f.check, "family": f.check.split(".")[0],
        "title": rule.title if rule else f.check, "file": file_index, "file_name": PurePath(f.file).name,
        "line": f.line, "last_line": f.last_line, "speaker": f.speaker or "", "confidence": round(f.confidence * 100),
        "message": link_lines(f.message), "suggestion": link_lines(f.suggestion) if f.suggestion else None,
        # a line the finding leans on is shown; its own lines (often "related" to itself) are the evidence
        "related": [{"line": r.line, "text": r.text} for r in f.related if not f.line <= r.line <= f.last_line],
        "group": group,
        "mates": [m for m in mates if m != rank],
    }


def _baseline_data(report: Report) -> dict[str, Any]:
    """What the page needs to export a baseline `load_baseline` reads: fingerprints computed here, with
    `fingerprint()`, never in the browser; `order` is `build_baseline`'s order so exports diff cleanly."""
    rows = [(path_key(f.file), f.check, f.evidence, fingerprint(f), rank, f) for rank, _g, f in report.ranked()]
    order = {rank: i for i, (*_key, rank, _f) in enumerate(sorted(rows, key=lambda r: r[:4]))}
    findings = {
        str(rank): {"fingerprint": fp, "check": f.check, "file": name, "evidence": f.evidence, "message": f.message,
                    "order": order[rank]}
        for name, _check, _evidence, fp, rank, f in rows
    }
    stale = [e.fingerprint for e in report.baseline.stale] if report.baseline else []
    return {"version": BASELINE_VERSION, "findings": findings, "stale": stale}


def _files(report: Report, ranked: list[tuple[int, int, Finding]]) -> list[dict[str, Any]]:
    counts = Counter(f.file for _r, _g, f in ranked)
    by_file: dict[str, list[tuple[int, Finding]]] = {}
    for rank, _g, f in ranked:  # grouped once: scanning every finding for each file is quadratic
        by_file.setdefault(f.file, []).append((rank, f))
    out = []
    for index, result in enumerate(report.results):
        rows: list[Row] = []
        if not result.error:
            mine = by_file.get(result.file, [])
            wanted = {n for _r, f in mine for n in (*range(f.line, f.last_line + 1), *(r.line for r in f.related))}
            view = report.transcript_view(result.file)
            rows = build_rows(view, result.excerpts.values(), wanted)
            place_findings(rows, mine)
        bilingual = any(len(row.cells) > 1 for row in rows if row.kind == "para")
        out.append({"index": index, "path": result.file, "name": PurePath(result.file).name, "layout": result.layout,
                    "paragraphs": result.paragraphs, "findings": counts.get(result.file, 0), "error": result.error,
                    "rows": rows, "bilingual": bilingual})
    return out


def _facets(findings: list[dict[str, Any]]) -> dict[str, Any]:
    severities = Counter(f["severity"] for f in findings)
    families = Counter(f["family"] for f in findings)
    speakers = Counter(f["speaker"] for f in findings)
    return {
        "severities": [(s, severities.get(s, 0)) for s in SEVERITIES],
        "families": sorted(families.items()),
        "speakers": sorted(speakers.items(), key=lambda kv: (kv[0] == "", kv[0].lower())),
    }


def render(report: Report) -> str:
    ranked = report.ranked()
    file_index = {r.file: i for i, r in enumerate(report.results)}
    groups = Counter(group for _rank, group, _f in ranked)
    members: dict[int, list[int]] = {}
    for rank, group, _f in ranked:
        members.setdefault(group, []).append(rank)
    findings = [_finding(report, rank, group, members[group] if groups[group] > 1 else [], f, file_index[f.file])
                for rank, group, f in ranked]
    summary = report.summary()
    names = [PurePath(f).name for f in report.files]
    script, style = _asset("review.js"), _asset("review.css")
    context = {
        "title": f"Transcript review: {names[0]}" if len(names) == 1 else f"Transcript review: {len(names)} files",
        "summary": summary, "severities": SEVERITIES, "findings": findings, "facets": _facets(findings),
        "files": _files(report, ranked), "coverage": _coverage(report), "baseline": report.baseline,
        "data": _baseline_data(report), "script": script, "style": style,
        "csp": content_security_policy(script, style), "version": TOOL_VERSION,
    }
    return _environment().get_template("page.html.j2").render(context)
