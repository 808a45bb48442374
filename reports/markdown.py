"""Markdown report for the editor: summary, the ranked table, then every finding in detail.

The detail view quotes the evidence with the source line and its translation side by side, so an
editor can judge a translation finding without opening the transcript.
"""

from __future__ import annotations

from collections import Counter
from pathlib import PurePath

from tabulate import tabulate

from auditor.report import Finding, Report, Severity


def cell(text: object, limit: int = 160) -> str:
    """A table cell: one line, pipes escaped, long text shortened."""
    value = "" if text is None else " ".join(str(text).split())
    if len(value) > limit:
        value = value[: limit - 1].rstrip() + "…"
    return value.replace("|", "\\|")


def _title(report: Report) -> str:
    names = [PurePath(f).name for f in report.files]
    if len(names) == 1:
        return f"# Transcript audit: {names[0]}"
    return f"# Transcript audit: {len(names)} files"


def _summary(report: Report) -> list[str]:
    s = report.summary()
    sev = s["by_severity"]
    levels = [level.label for level in sorted(Severity, key=lambda level: level.order)]
    out = [
        f"{s['findings']} finding(s) in {s['files']} file(s): "
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
            where = f"{PurePath(f.file).name}:{where}"
        rows.append([rank, f.severity.label, where, cell(f.speaker or "", 40), f"`{f.check}`",
                     cell(f.message, 200), cell(f.suggestion or "", 120)])
    headers = ["rank", "severity", "line", "speaker", "check", "message", "suggestion"]
    return [tabulate(rows, headers=headers, tablefmt="github"), ""]


def _quote(text: str) -> str:
    return "\n".join("> " + line for line in text.splitlines() or [""])


def _detail(report: Report, rank: int, group: int, groups: Counter[int], f: Finding) -> list[str]:
    where = f"line {f.line}" if f.last_line == f.line else f"lines {f.line}-{f.last_line}"
    speaker = f" ({f.speaker})" if f.speaker else ""
    out = [
        f"### {rank}. {f.severity.label} · `{f.check}` · {where}{speaker}",
        "",
        f"{f.message} (confidence {f.confidence:.0%})",
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
        out += [f"**Suggestion:** {f.suggestion}", ""]
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
