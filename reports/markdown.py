"""Markdown report for the editor: summary, the ranked table, then every finding in detail.

The detail view quotes the evidence with the source line and its translation side by side, so an
editor can judge a translation finding without opening the transcript.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import PurePath

from tabulate import tabulate

from auditor.report import Finding, Report, Severity

#: Markdown punctuation that starts a construct (code, emphasis, link, math, table cell, strike)
_SPECIAL = re.compile(r"[\\`*\[\]|~$]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])")
_AUTOLINK_SCHEME = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*):(?=//)")
_AUTOLINK_WWW = re.compile(r"(?i)\bwww\.")
_BLOCK_START = re.compile(r"^(?:[#+=>-]|\d+[.)])")


def md(text: object) -> str:
    """Transcript text as Markdown that renders literally: no raw HTML, link, image or emphasis.

    Why: a report is read in a Markdown viewer (a pull request, a wiki), and transcript text is
    untrusted input: "<img src=x>", "[call us](https://...)" or a bare URL must show as written.
    """
    value = "" if text is None else str(text)
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    value = _SPECIAL.sub(lambda m: "\\" + m.group(0), value)
    value = _AUTOLINK_SCHEME.sub(r"\1&#58;", value)  # GitHub links bare URLs and e-mail addresses
    value = _AUTOLINK_WWW.sub("www&#46;", value)
    return value.replace("@", "&#64;")


def cell(text: object, limit: int = 160) -> str:
    """A table cell: one line, long text shortened, Markdown escaped (pipes included)."""
    value = "" if text is None else " ".join(str(text).split())
    if len(value) > limit:
        value = value[: limit - 1].rstrip() + "…"
    return md(value)


def _title(report: Report) -> str:
    names = [PurePath(f).name for f in report.files]
    if len(names) == 1:
        return f"# Transcript audit: {md(names[0])}"
    return f"# Transcript audit: {len(names)} files"


def _summary(report: Report) -> list[str]:
    s = report.summary()
    sev = s["by_severity"]
    levels = [level.label for level in sorted(Severity, key=lambda level: level.order)]
    refused = len(report.errors)
    audited = f"{s['files'] - refused} file(s)" + (f" ({refused} more could not be read)" if refused else "")
    out = [
        f"{s['findings']} finding(s) in {audited}: "
        f"{sev['error']} error(s), {sev['warning']} warning(s), {sev['info']} info.",
        "",
    ]
    if report.findings:
        counts: dict[str, Counter[str]] = {}
        for f in report.findings:
            counts.setdefault(f.check, Counter())[f.severity.label] += 1
        rows = [[c, *(n[level] for level in levels), sum(n.values())] for c, n in sorted(counts.items())]
        rows.append(["**total**", *(sev[level] for level in levels), s["findings"]])
        out += [tabulate(rows, headers=["check", *levels, "total"], tablefmt="github"), ""]
    coverage = s["coverage"]
    if coverage:
        out += _claims_line(coverage)
        rows = [[check, ", ".join(f"{k} {v}" for k, v in counts.items())] for check, counts in coverage.items()]
        out += ["Coverage (what the checks could and could not verify):", "",
                tabulate(rows, headers=["check", "counts"], tablefmt="github"), ""]
    if len(report.files) > 1:
        rows = [[cell(r.file), r.layout or "-", r.paragraphs, s["by_file"].get(r.file, 0), cell(r.error or "")]
                for r in report.results]
        out += ["Files:", "", tabulate(rows, headers=["file", "layout", "paragraphs", "findings", "error"],
                                       tablefmt="github"), ""]
    elif report.errors:
        out += [f"Could not audit {cell(f)}: {cell(m, 300)}" for f, m in report.errors] + [""]
    if report.baseline is not None:
        out += [f"Baseline: {report.baseline.suppressed} accepted finding(s) hidden; "
                f"{len(report.baseline.stale)} entr(ies) no longer match any finding.", ""]
        out += [f"- stale: `{e.check}` in {cell(e.file)}: “{cell(e.evidence, 120)}”" for e in report.baseline.stale]
        if report.baseline.stale:
            out.append("")
    return out


def _claims_line(coverage: dict[str, dict[str, int]]) -> list[str]:
    """'Figure claims: 21 verified, 3 contradicted, 18 could not be checked.' for each family that counts them."""
    families: dict[str, Counter[str]] = {}
    for check, counts in coverage.items():
        if {"verified", "contradicted", "unchecked"} & set(counts):
            families.setdefault(check.split(".")[0], Counter()).update(counts)
    lines = []
    for family, c in sorted(families.items()):
        lines.append(f"{family.rstrip('s').capitalize()} claims: {c['verified']} verified, {c['contradicted']} contradicted, "
                     f"{c['unchecked']} could not be checked.")
    return lines + [""] if lines else []


def _table(report: Report) -> list[str]:
    multi = len(report.files) > 1
    rows = []
    for rank, _group, f in report.ranked():
        where = f"{f.line}" if f.last_line == f.line else f"{f.line}-{f.last_line}"
        if multi:
            where = f"{md(PurePath(f.file).name)}:{where}"
        rows.append([rank, f.severity.label, where, cell(f.speaker or "", 40), f"`{f.check}`",
                     cell(f.message, 200), cell(f.suggestion or "", 120)])
    headers = ["rank", "severity", "line", "speaker", "check", "message", "suggestion"]
    return [tabulate(rows, headers=headers, tablefmt="github"), ""]


def _quote(text: str) -> str:
    """A block quote of transcript text; a line that would start a heading or a list is escaped."""
    lines = [md(line) for line in text.splitlines()] or [""]
    return "\n".join("> " + _BLOCK_START.sub(_escape_block_start, line) for line in lines)


def _escape_block_start(match: re.Match[str]) -> str:
    """"# x" -> "\\# x", "1. x" -> "1\\. x": the character that makes the construct is escaped."""
    text = match.group(0)
    return text[:-1] + "\\" + text[-1]


def _detail(report: Report, rank: int, group: int, groups: Counter[int], f: Finding) -> list[str]:
    where = f"line {f.line}" if f.last_line == f.line else f"lines {f.line}-{f.last_line}"
    speaker = f" ({md(f.speaker)})" if f.speaker else ""
    out = [
        f"### {rank}. {f.severity.label} · `{f.check}` · {where}{speaker}",
        "",
        f"{md(f.message)} (confidence {f.confidence:.0%})",
        "",
        _quote(f.evidence),
        "",
    ]
    excerpt = report.excerpt(f.file, f.line)
    if excerpt is not None and excerpt.translation is not None:
        rows: list[list[object]] = [["source", excerpt.source_line, cell(excerpt.source, 600)],
                ["translation", excerpt.translation_line, cell(excerpt.translation, 600)]]
        out += [tabulate(rows, headers=["side", "line", "text"], tablefmt="github"), ""]
    if f.suggestion:
        out += [f"**Suggestion:** {md(f.suggestion)}", ""]
    if f.related:
        out += ["Related lines:", ""]
        out += [f"- line {r.line}: “{cell(r.text, 200)}”" for r in f.related]
        out.append("")
    if groups[group] > 1:
        out += [f"_Part of group {group} ({groups[group]} related findings)._", ""]
    return out


def render(report: Report) -> str:
    lines = [_title(report), ""]
    lines += ["## Summary", ""] + _summary(report)
    ranked = report.ranked()
    if not ranked:
        lines += ["No findings.", ""]
        return "\n".join(lines).rstrip() + "\n"
    lines += ["## Findings", ""] + _table(report)
    groups = Counter(group for _rank, group, _f in ranked)
    lines += ["## Details", ""]
    for rank, group, f in ranked:
        lines += _detail(report, rank, group, groups, f)
    return "\n".join(lines).rstrip() + "\n"
