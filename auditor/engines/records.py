"""What is left of a file once it is audited: a compact record, its per-file report, and its totals.

Why: a batch must not hold every file's full result until the end (several GB per 100k files).
`finish_file` runs where the file was audited (a pool worker, a Dask worker, or this process for
one job): it writes the file's own report, hides the findings the baseline accepts, and returns a
`FileOutcome` whose record keeps only what the combined report shows (findings and the excerpts
they quote) and whose `Totals` are additive, so summary counts, the exit code and stale-baseline
detection are reductions that any engine can compute in any grouping.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from auditor.baseline import Entry, fingerprint, path_key
from auditor.findings import Finding, Severity
from auditor.model import Transcript
from auditor.ranking import rank
from auditor.report import Report, RuleInfo, build_report
from auditor.runner import FileResult

if TYPE_CHECKING:
    from auditor.engines.outputs import ReportFolder


@dataclass
class Totals:
    """Additive counts of a run: `merge` is associative and commutative, so they reduce in any tree."""

    files: int = 0
    refused: int = 0
    #: check id -> ranking weight, for the checks that produced a finding
    weights: dict[str, float] = field(default_factory=dict)
    #: check id -> coverage counters, summed
    coverage: dict[str, Counter[str]] = field(default_factory=dict)
    #: the shown findings (baseline applied, duplicates merged) by severity value
    severities: Counter[str] = field(default_factory=Counter)
    #: fingerprints of baseline entries that matched a finding
    matched: set[str] = field(default_factory=set)
    suppressed: int = 0

    def merge(self, other: Totals) -> Totals:
        """Add `other` into this one (in place) and return it."""
        self.files += other.files
        self.refused += other.refused
        self.weights.update(other.weights)
        for check, counts in other.coverage.items():
            self.coverage.setdefault(check, Counter()).update(counts)
        self.severities.update(other.severities)
        self.matched |= other.matched
        self.suppressed += other.suppressed
        return self

    def coverage_table(self) -> dict[str, dict[str, int]]:
        """The coverage counters as the report shows them: checks and counters sorted."""
        return {check: dict(sorted(c.items())) for check, c in sorted(self.coverage.items())}

    def stale(self, entries: Sequence[Entry]) -> list[Entry]:
        """The in-scope baseline entries that matched no finding, in the baseline's order."""
        return [e for e in entries if e.fingerprint not in self.matched]

    def exit_code(self, fail_on: str = "error") -> int:
        """What `Report.exit_code` says, from the counts alone: 2 refused input, 1 a finding at `fail_on`."""
        if self.refused:
            return 2
        if fail_on == "never":
            return 0
        threshold = Severity.parse(fail_on)
        return 1 if any(n and Severity(level).at_least(threshold) for level, n in self.severities.items()) else 0


@dataclass
class RunContext:
    """Everything `finish_file` needs, the same for every file of a run; sent once per worker.

    `baseline` holds the entries in scope of the run (about its files, or about no file), in the
    baseline's order; `render` turns a Report into a per-file report's text (passed in, because the
    core never imports a report format); `output` is where per-file reports go.
    """

    rules: dict[str, RuleInfo]
    baseline: tuple[Entry, ...] | None = None
    render: Callable[[Report], str] | None = None
    output: ReportFolder | None = None
    skip_non_transcripts: bool = False
    _index: dict[str, list[int]] | None = field(default=None, repr=False)

    @property
    def aliases(self) -> dict[str, tuple[str, ...]]:
        return {rule.id: rule.aliases for rule in self.rules.values() if rule.aliases}

    def wanted(self) -> frozenset[str]:
        return frozenset(e.fingerprint for e in self.baseline or ())

    def entries_for(self, file: str) -> list[Entry]:
        """The entries about `file` or about no file, in baseline order (indexed once, not scanned per file)."""
        if self._index is None:
            index: dict[str, list[int]] = {}
            for i, e in enumerate(self.baseline or ()):
                index.setdefault(e.file, []).append(i)
            self._index = index
        baseline = self.baseline or ()
        positions = sorted(self._index.get(path_key(file), []) + self._index.get("", []))
        return [baseline[i] for i in positions]


@dataclass
class FileOutcome:
    """A file's compact record (every finding, for `--write-baseline`), what the report shows of it,
    its totals (None once an engine has folded them) and whether it was passed over."""

    record: FileResult
    shown: FileResult
    totals: Totals | None
    skipped: bool = False


def compact(result: FileResult) -> FileResult:
    """The result without what the combined report does not read: coverage counters and weights
    (both in `Totals`). Findings and the excerpts they quote stay."""
    return FileResult(file=result.file, findings=result.findings, excerpts=result.excerpts, layout=result.layout,
                      paragraphs=result.paragraphs, error=result.error, error_kind=result.error_kind)


def split_by_baseline(findings: Iterable[Finding], wanted: frozenset[str],
                      aliases: Mapping[str, Sequence[str]]) -> tuple[list[Finding], set[str]]:
    """(findings the baseline does not accept, fingerprints that matched): `apply_baseline`, per file."""
    shown: list[Finding] = []
    matched: set[str] = set()
    for f in findings:
        hits = [fp for fp in (fingerprint(f), *(fingerprint(f, old) for old in aliases.get(f.check, ()))) if fp in wanted]
        if hits:
            matched.update(hits)
        else:
            shown.append(f)
    return shown, matched


def finish_file(result: FileResult, transcript: Transcript | None, context: RunContext,
                report_name: str | None) -> FileOutcome:
    """Write the file's own report (if asked), then cut its result down to a compact record."""
    if context.skip_non_transcripts and result.error_kind == "not_transcript":
        return FileOutcome(compact(result), compact(result), Totals(), skipped=True)
    totals = Totals(files=1, refused=1 if result.error else 0)
    shown_findings = result.findings
    if context.baseline is not None:
        shown_findings, totals.matched = split_by_baseline(result.findings, context.wanted(), context.aliases)
        totals.suppressed = len(result.findings) - len(shown_findings)
    totals.weights = {f.check: result.weights[f.check] for f in result.findings if f.check in result.weights}
    for check, counts in result.stats.items():
        totals.coverage[check] = Counter(counts)
    totals.severities = Counter(e.finding.severity.value for e in rank(shown_findings, result.weights))
    if context.output is not None and context.render is not None and report_name and not result.error:
        # a page shows the transcript read again by name; a URL cannot be, so it shows the parsed model
        views = {result.file: transcript} if transcript is not None and "://" in result.file else None
        entries = context.entries_for(result.file) if context.baseline is not None else None
        single = build_report([result], views, rules=context.rules, baseline=entries)
        context.output.write(report_name, context.render(single))
    record = compact(result)
    shown = record if len(shown_findings) == len(result.findings) else compact(
        FileResult(file=result.file, findings=shown_findings, excerpts=result.excerpts, layout=result.layout,
                   paragraphs=result.paragraphs, error=result.error, error_kind=result.error_kind))
    return FileOutcome(record, shown, totals)


@dataclass
class Collector:
    """Builds the combined report from compact records in input order; holds nothing else per file."""

    totals: Totals = field(default_factory=Totals)
    records: list[FileResult] = field(default_factory=list)
    shown: list[FileResult] = field(default_factory=list)

    def add(self, outcome: FileOutcome) -> None:
        self.records.append(outcome.record)
        self.shown.append(outcome.shown)
        if outcome.totals is not None:
            self.totals.merge(outcome.totals)

    def add_refused(self, file: str, message: str) -> None:
        """An input the scan could not read (a folder that cannot be listed)."""
        record = FileResult(file=file, error=message, error_kind="input")
        self.add(FileOutcome(record, record, Totals(files=1, refused=1)))

    def report(self, rules: dict[str, RuleInfo], transcripts: dict[str, Transcript] | None,
               baseline: Sequence[Entry] | None) -> Report:
        """The ranked report, byte-identical to building it from the full results."""
        from auditor.report import BaselineOutcome

        report = Report.build(self.shown, transcripts, rules, weights=self.totals.weights,
                              coverage=self.totals.coverage_table())
        report.results = self.records
        if baseline is not None:
            report.baseline = BaselineOutcome(self.totals.suppressed, self.totals.stale(baseline))
        report.totals = self.totals
        return report

