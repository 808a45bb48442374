"""Ranking: one score per finding from severity, confidence and check weight, with duplicates merged.

Editors read the top of the report; the score decides what is there. Duplicates (two checks of one
family flagging the same span, or one check saying the same thing twice) are merged so that one
mistake costs the editor one read; checks of different families quoting the same line are kept,
because they report different problems. Findings that
point at each other's lines are put in one group so that the report can show them together.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from auditor.findings import Finding
from auditor.textutil import normalise_space

COLUMNS = [
    "rank", "score", "group", "check", "severity", "confidence", "file", "line", "end_line",
    "speaker", "message", "evidence", "suggestion", "related",
]


def score(finding: Finding, weight: float = 1.0) -> float:
    return round(finding.severity.weight * finding.confidence * weight, 6)


def findings_frame(findings: Sequence[Finding], weights: Mapping[str, float] | None = None) -> pd.DataFrame:
    """A DataFrame of findings with their score; no ranking yet."""
    weights = weights or {}
    rows = []
    for position, f in enumerate(findings):
        row = f.to_dict()
        row["related"] = [(r.line, r.text) for r in f.related]
        row["score"] = score(f, weights.get(f.check, 1.0))
        row["severity_order"] = f.severity.order
        row["span"] = normalise_space(f.evidence).lower()
        row["position"] = position
        rows.append(row)
    frame = pd.DataFrame(rows)
    if frame.empty:
        return pd.DataFrame(columns=[*COLUMNS, "severity_order", "span", "position"])
    return frame


def rank(findings: Sequence[Finding], weights: Mapping[str, float] | None = None) -> tuple[list[Finding], pd.DataFrame]:
    """Merge duplicates, order by score (ties broken by file, line and check), number from 1."""
    frame = findings_frame(findings, weights)
    if frame.empty:
        return [], frame.reindex(columns=COLUMNS)
    frame = frame.sort_values(
        ["score", "severity_order", "file", "line", "check", "message"],
        ascending=[False, True, True, True, True, True],
        kind="mergesort",
    )
    frame["family"] = frame["check"].str.split(".").str[0]
    # another check of the same family on the same span says the same thing: keep the best-scored
    # check's findings there (one check's several findings on one line are different problems)
    best = frame.groupby(["file", "line", "family", "span"], sort=False)["check"].transform("first")
    frame = frame[frame["check"] == best]
    frame = frame.drop_duplicates(subset=["file", "line", "check", "message"], keep="first")
    frame = frame.reset_index(drop=True)
    frame["rank"] = range(1, len(frame) + 1)
    frame["group"] = _groups(frame)
    ordered = [findings[i] for i in frame["position"]]
    return ordered, frame[COLUMNS]


def _groups(frame: pd.DataFrame) -> list[int]:
    """Connected findings (same file, one's lines among the other's related lines) share a group."""
    parent = list(range(len(frame)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_line: dict[tuple[str, int], list[int]] = {}
    for i, (file, line, end_line) in enumerate(zip(frame["file"], frame["line"], frame["end_line"], strict=True)):
        for ln in range(int(line), int(end_line) + 1):
            by_line.setdefault((file, ln), []).append(i)
    for i, (file, related) in enumerate(zip(frame["file"], frame["related"], strict=True)):
        for line, _text in related:
            for j in by_line.get((file, int(line)), []):
                parent[root(j)] = root(i)
    roots: dict[int, int] = {}
    groups = []
    for i in range(len(frame)):
        r = root(i)
        roots.setdefault(r, len(roots) + 1)
        groups.append(roots[r])
    return groups
