"""The result of an audit: ranked findings of all input files, with summary counts and coverage.

This is what report formats render and what data teams use from a notebook (`report.dataframe`).
It holds no reference to the checks, so `reports/` never needs to import `checks/`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from auditor.baseline import BASELINE_VERSION, Entry, apply_baseline, fingerprint, in_scope, path_key
from auditor.findings import Finding, Related, Severity
from auditor.model import Transcript
from auditor.ranking import Ranked, rank
from auditor.runner import Excerpt, FileResult
from auditor.version import __version__

if TYPE_CHECKING:
    import pandas as pd

#: What report formats import: this module is the report model, so `reports/` never reaches
#: further into `auditor` (and never into `checks/`).
__all__ = [
    "COLUMNS", "Excerpt", "Finding", "Related", "Report", "RuleInfo", "Severity", "TOOL_VERSION", "TranscriptView",
    "TurnView", "BASELINE_VERSION", "fingerprint", "path_key",
]

TOOL_VERSION = __version__

#: the columns of `Report.dataframe`, in order
COLUMNS = [
    "rank", "score", "group", "check", "severity", "confidence", "file", "line", "end_line",
    "speaker", "message", "evidence", "suggestion", "related",
]


@dataclass(frozen=True)
class RuleInfo:
    """What a report format needs to know about a check, without importing the checks."""

    id: str
    title: str
    severity: Severity
    weight: float
    doc: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class TurnView:
    """A speaker's turn as a reader sees it: the header line(s) and each paragraph with its translation."""

    speaker: str
    role: str | None
    header_lines: tuple[int, ...]
    paragraphs: tuple[Excerpt, ...]


@dataclass(frozen=True)
class TranscriptView:
    """The whole transcript for a page that shows it (the HTML review page), without the NLP model.

    Why a view and not the `Transcript`: batch runs do not keep the parsed models (they live in
    worker processes), and a format must not reach into `auditor.model`; this is small, plain data.
    """

    file: str
    layout: str
    target_lang: str | None  # "zh-Hant" or "zh-Hans" for a bilingual transcript, else None
    lines: tuple[str, ...]
    preamble: tuple[tuple[int, str], ...]
    turns: tuple[TurnView, ...]

    @classmethod
    def of(cls, transcript: Transcript) -> TranscriptView:
        turns = tuple(
            TurnView(t.speaker, t.role, t.header_lines,
                     tuple(Excerpt(p.line, p.text, p.translation_line, p.translation) for p in t.paragraphs))
            for t in transcript.turns
        )
        return cls(transcript.path, transcript.layout, transcript.target_lang, tuple(transcript.lines),
                   tuple(transcript.preamble), turns)


@dataclass
class BaselineOutcome:
    suppressed: int = 0
    stale: list[Entry] = field(default_factory=list)


@dataclass
class Report:
    results: list[FileResult]
    entries: list[Ranked] = field(default_factory=list)
    transcripts: dict[str, Transcript] = field(default_factory=dict)
    rules: dict[str, RuleInfo] = field(default_factory=dict)
    baseline: BaselineOutcome | None = None
    #: coverage counters summed over the run, when a streaming run has already reduced them (the
    #: compact records it keeps have none); else summed from `results`
    coverage_totals: dict[str, dict[str, int]] | None = None
    #: the run's additive totals (`auditor.engines.records.Totals`) when an engine computed them
    totals: Any = None

    @classmethod
    def build(
        cls,
        results: list[FileResult],
        transcripts: dict[str, Transcript] | None = None,
        rules: dict[str, RuleInfo] | None = None,
        baseline: list[Entry] | None = None,
        *,
        weights: Mapping[str, float] | None = None,
        coverage: dict[str, dict[str, int]] | None = None,
    ) -> Report:
        """Rank the findings of `results`; `weights` and `coverage`, when given, replace those the
        results carry (a streaming run keeps compact results without them)."""
        if weights is None:
            merged: dict[str, float] = {}
            for r in results:
                merged.update(r.weights)
            weights = merged
        findings = [f for r in results for f in r.findings]
        outcome = None
        if baseline is not None:
            names = {PurePath(r.file).name for r in results}
            aliases = {rule.id: rule.aliases for rule in (rules or {}).values() if rule.aliases}
            findings, suppressed, stale = apply_baseline(
                findings, [e for e in baseline if e.file in names or not e.file], aliases)
            outcome = BaselineOutcome(suppressed, stale)
        return cls(results=results, entries=rank(findings, weights), transcripts=transcripts or {},
                   rules=rules or {}, baseline=outcome, coverage_totals=coverage)

    # -- views ---------------------------------------------------------------------------------

    @property
    def files(self) -> list[str]:
        return [r.file for r in self.results]

    @property
    def errors(self) -> list[tuple[str, str]]:
        return [(r.file, r.error) for r in self.results if r.error]

    @property
    def transcript(self) -> Transcript | None:
        """The parsed model of the first file (convenient for one-file notebook use)."""
        return next(iter(self.transcripts.values()), None)

    @property
    def findings(self) -> list[Finding]:
        """The findings in rank order."""
        return [e.finding for e in self.entries]

    def ranked(self) -> list[tuple[int, int, Finding]]:
        """(rank, group, finding) in rank order."""
        return [(e.rank, e.group, e.finding) for e in self.entries]

    @cached_property
    def dataframe(self) -> pd.DataFrame:
        """The ranked findings as a pandas DataFrame (built on first use: pandas is not on the run path)."""
        import pandas as pd

        rows = []
        for e in self.entries:
            row = e.finding.to_dict()
            row["related"] = [(r.line, r.text) for r in e.finding.related]
            rows.append({**row, "rank": e.rank, "score": e.score, "group": e.group})
        return pd.DataFrame(rows, columns=COLUMNS)

    def excerpt(self, file: str, line: int) -> Excerpt | None:
        r = self._first_results().get(file)
        return r.excerpts.get(line) if r is not None else None

    def _first_results(self) -> dict[str, FileResult]:
        """Each file's (first) result, indexed once: a view that looks up every finding's excerpt
        would otherwise scan all results per finding, quadratic in the size of a batch."""
        cached = self.__dict__.get("_by_file")
        if cached is None or cached[0] != len(self.results):
            index: dict[str, FileResult] = {}
            for r in self.results:
                index.setdefault(r.file, r)
            cached = self.__dict__["_by_file"] = (len(self.results), index)
        return cached[1]

    def transcript_view(self, file: str) -> TranscriptView | None:
        """The transcript of `file` for display: the kept model, else the file read again.

        Reading again (layout parsing only, no NLP) is what lets a batch run, whose models stayed in
        the workers, still show whole transcripts; None when the file can no longer be read.
        """
        transcript = self.transcripts.get(file)
        if transcript is None:
            result = self._first_results().get(file)  # indexed: a batch page asks for every file
            if result is None or result.error:
                return None
            from auditor.errors import AuditorError
            from auditor.reader import read_transcript

            try:
                transcript = read_transcript(file, result.layout)
            except AuditorError:
                return None
        return TranscriptView.of(transcript)

    def coverage(self) -> dict[str, dict[str, int]]:
        """Coverage counters of the checks (e.g. figure claims verified/contradicted/unchecked)."""
        if self.coverage_totals is not None:
            return self.coverage_totals
        total: dict[str, Counter[str]] = {}
        for r in self.results:
            for check, counts in r.stats.items():
                total.setdefault(check, Counter()).update(counts)
        return {check: dict(sorted(c.items())) for check, c in sorted(total.items())}

    def summary(self) -> dict[str, Any]:
        by_severity = Counter(f.severity.value for f in self.findings)
        by_check = Counter(f.check for f in self.findings)
        by_file = Counter(f.file for f in self.findings)
        extra: dict[str, Any] = {}
        if self.baseline is not None:
            extra["baseline"] = {
                "suppressed": self.baseline.suppressed,
                "stale": [{"fingerprint": e.fingerprint, "check": e.check, "file": e.file, "evidence": e.evidence}
                          for e in self.baseline.stale],
            }
        return {
            "files": len(self.results),
            "findings": len(self.findings),
            "by_severity": {s.value: by_severity.get(s.value, 0) for s in Severity},
            "by_check": dict(sorted(by_check.items())),
            "by_file": {r.file: by_file.get(r.file, 0) for r in self.results},
            "coverage": self.coverage(),
            "errors": [{"file": f, "message": m} for f, m in self.errors],
            **extra,
        }

    def exit_code(self, fail_on: str = "error") -> int:
        """0: nothing at or above `fail_on`; 1: something is; 2: an input could not be read."""
        if self.errors:
            return 2
        if fail_on == "never":
            return 0
        threshold = Severity.parse(fail_on)
        return 1 if any(f.severity.at_least(threshold) for f in self.findings) else 0


def build_report(results: list[FileResult], transcripts: dict[str, Transcript] | None = None,
                 rules: dict[str, RuleInfo] | None = None, baseline: list[Entry] | None = None) -> Report:
    """The ranked report, with the accepted findings of `baseline` hidden.

    Only the baseline entries about the files of `results` apply (and only they can be stale).
    `Report.results` keep every finding, so that a baseline can be re-written from the report.
    """
    if baseline is None:
        return Report.build(results, transcripts, rules)
    aliases = {rule.id: rule.aliases for rule in (rules or {}).values() if rule.aliases}
    everything = [f for r in results for f in r.findings]
    remaining, suppressed, stale = apply_baseline(everything, in_scope(baseline, [r.file for r in results]), aliases)
    kept = {id(f) for f in remaining}
    shown = [replace(r, findings=[f for f in r.findings if id(f) in kept]) for r in results]
    report = Report.build(shown, transcripts, rules)
    report.results = results
    report.baseline = BaselineOutcome(suppressed, stale)
    return report
