"""Run checks on one transcript, each in isolation: a check that raises cannot take the others down."""

from __future__ import annotations

import re
import traceback
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from auditor.check import Check
from auditor.config import Config
from auditor.findings import Finding, Severity
from auditor.model import Transcript
from auditor.registry import canonical_id

INTERNAL_CHECK_FAILED = "internal.check_failed"


@dataclass(frozen=True, slots=True)
class Excerpt:
    """The text a finding stands on, with its translation, for the side-by-side report view."""

    source_line: int
    source: str
    translation_line: int | None = None
    translation: str | None = None


@dataclass(slots=True)
class FileResult:
    """Everything one input file produced; small and picklable so batch workers can return it.

    Slotted: a batch keeps one compact FileResult per file until its combined report is written.
    """

    file: str
    findings: list[Finding] = field(default_factory=list)
    excerpts: dict[int, Excerpt] = field(default_factory=dict)
    stats: dict[str, dict[str, int]] = field(default_factory=dict)
    layout: str | None = None
    paragraphs: int = 0
    error: str | None = None
    weights: dict[str, float] = field(default_factory=dict)
    #: why `error` is set: "input" (unreadable or damaged), "not_transcript" (readable text that is
    #: no transcript: a hook handed every .txt file may pass over it), "internal" (a bug)
    error_kind: str | None = None


def run_checks(transcript: Transcript, check_classes: Sequence[type[Check]], config: Config | None = None) -> FileResult:
    config = config or Config()
    result = FileResult(file=transcript.path, layout=transcript.layout, paragraphs=len(transcript.paragraphs))
    # overrides may name a check by a former id (an alias): key them by the current id
    overrides = {canonical_id(check_id): level for check_id, level in config.severity.items()}
    for cls in check_classes:
        result.weights[cls.id] = cls.weight
        if cls.needs_translation and not transcript.is_bilingual:
            continue
        check = cls(config)
        try:
            produced = list(check.run(transcript))
        except Exception as exc:  # noqa: BLE001 - isolation is the point
            frame = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
            where = f" at {frame.filename.rsplit('/', 1)[-1]}:{frame.lineno}" if frame else ""
            result.findings.append(
                Finding(
                    check=INTERNAL_CHECK_FAILED,
                    severity=Severity.WARNING,
                    confidence=1.0,
                    file=transcript.path,
                    line=1,
                    message=f"Check {cls.id} crashed and was skipped; its findings are missing from this report.",
                    evidence=f"{type(exc).__name__}: {exc}{where}",
                    suggestion="Report this as a bug in the check, with the input file.",
                )
            )
            continue
        if check.stats:
            result.stats[cls.id] = coverage_counts(check.stats)
        for finding in produced:
            override = overrides.get(finding.check) or overrides.get(cls.id)
            if override is not None:
                finding = finding.with_changes(severity=override)
            result.findings.append(finding)
    result.weights[INTERNAL_CHECK_FAILED] = 1.0
    result.excerpts = collect_excerpts(transcript, result.findings)
    return result


def coverage_key(name: str) -> str:
    """One naming style for coverage counters: "names checked" and "names-checked" are names_checked."""
    return re.sub(r"[^0-9a-z]+", "_", name.strip().lower()).strip("_")


def coverage_counts(stats: Mapping[str, int]) -> dict[str, int]:
    """A check's counters keyed in one style (snake_case), sorted, counts of merged keys added."""
    out: dict[str, int] = {}
    for key, value in stats.items():
        out[coverage_key(key)] = out.get(coverage_key(key), 0) + value
    return dict(sorted(out.items()))


def collect_excerpts(transcript: Transcript, findings: Sequence[Finding]) -> dict[int, Excerpt]:
    """Source and translation text of every line a finding or its related lines point at."""
    wanted = {f.line for f in findings} | {r.line for f in findings for r in f.related}
    excerpts: dict[int, Excerpt] = {}
    for line in sorted(wanted):
        p = transcript.paragraph_at(line)
        if p is not None:
            excerpts[line] = Excerpt(p.line, p.text, p.translation_line, p.translation)
        elif transcript.line_text(line):
            excerpts[line] = Excerpt(line, transcript.line_text(line))
    return excerpts
