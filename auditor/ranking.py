"""Ranking: one score per finding from severity, confidence and check weight, with duplicates merged.

Editors read the top of the report; the score decides what is there. Duplicates (two checks of one
family flagging the same span, or one check saying the same thing twice) are merged so that one
mistake costs the editor one read; checks of different families quoting the same line are kept,
because they report different problems. Findings that point at each other's lines are put in one
group so that the report can show them together.

Plain Python on purpose: ranking runs on every audit, and pandas is only needed when a user asks
for `Report.dataframe` (built from the ranked findings, never converted back into objects).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from auditor.findings import Finding
from auditor.textutil import normalise_space


@dataclass(frozen=True, slots=True)
class Ranked:
    """A finding with its place in the report: rank (1 = read first), score and group."""

    rank: int
    score: float
    group: int
    finding: Finding


def score(finding: Finding, weight: float = 1.0) -> float:
    return round(finding.severity.weight * finding.confidence * weight, 6)


def rank(findings: Sequence[Finding], weights: Mapping[str, float] | None = None) -> list[Ranked]:
    """Merge duplicates, order by score (ties broken by severity, file, line, check, message), number from 1."""
    weights = weights or {}
    scores = [score(f, weights.get(f.check, 1.0)) for f in findings]
    order = sorted(
        range(len(findings)),
        key=lambda i: (-scores[i], findings[i].severity.order, findings[i].file, findings[i].line,
                       findings[i].check, findings[i].message),
    )
    # another check of the same family on the same span says the same thing: keep the best-scored
    # check's findings there (one check's several findings on one line are different problems)
    best_check: dict[tuple[str, int, str, str], str] = {}
    for i in order:
        f = findings[i]
        best_check.setdefault(_span_key(f), f.check)
    kept: list[int] = []
    seen: set[tuple[str, int, str, str]] = set()
    for i in order:
        f = findings[i]
        key = (f.file, f.line, f.check, f.message)
        if best_check[_span_key(f)] != f.check or key in seen:
            continue
        seen.add(key)
        kept.append(i)
    ordered = [findings[i] for i in kept]
    groups = _groups(ordered)
    return [Ranked(n + 1, scores[i], groups[n], findings[i]) for n, i in enumerate(kept)]


def _span_key(f: Finding) -> tuple[str, int, str, str]:
    return (f.file, f.line, f.check.split(".")[0], normalise_space(f.evidence).lower())


def _groups(findings: Sequence[Finding]) -> list[int]:
    """Connected findings (same file, one's lines among the other's related lines) share a group."""
    parent = list(range(len(findings)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_line: dict[tuple[str, int], list[int]] = {}
    for i, f in enumerate(findings):
        for ln in range(f.line, f.last_line + 1):
            by_line.setdefault((f.file, ln), []).append(i)
    for i, f in enumerate(findings):
        for r in f.related:
            for j in by_line.get((f.file, r.line), []):
                parent[root(j)] = root(i)
    roots: dict[int, int] = {}
    groups = []
    for i in range(len(findings)):
        roots.setdefault(root(i), len(roots) + 1)
        groups.append(roots[root(i)])
    return groups
