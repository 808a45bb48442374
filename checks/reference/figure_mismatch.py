"""reference.figure_mismatch: a figure on the call that the earnings release states differently."""

from __future__ import annotations

from collections.abc import Iterator

from auditor.check import TranscriptCheck
from auditor.figures import misreadings
from auditor.findings import Finding, Severity
from auditor.model import Transcript
from auditor.reference import Match, compare, restate

from ._common import GROUPS, evidence_of, metric_phrase, release_quote


class FigureMismatch(TranscriptCheck):
    """A metric the call states for a period with a value the earnings release contradicts.

    Anti-pattern: "total revenue was US$294.2 million for the quarter" when the release, published
    the same day, prints total revenues of 249,246 (US$ thousands): a transcription slip that
    readers will trade on.

    Best practice: every figure said on the call agrees with the release within the rounding of
    both prints (US$249.2 million for 249,246 thousand; a figure cut short, 249 for 249.2, agrees).
    A figure is compared only when its metric, segment, adjusted/GAAP basis, per-share scope,
    period and currency are those of a release value; a figure the release states two ways is left
    alone. Error when a known slip (transposed digits, a misplaced decimal point, a teen heard as
    a ten) turns the release's value into the call's, else warning. The coverage counts how many
    call figures the release could confirm, contradicted, or did not state, and names the release
    tables that could not be read. Figures the transcriber bracketed are reported by
    reference.uncertain_figure instead.
    """

    id = "reference.figure_mismatch"
    title = "Figure disagrees with the earnings release"
    severity = Severity.WARNING
    weight = 1.3
    groups = GROUPS

    def check_transcript(self, transcript: Transcript) -> Iterator[Finding]:
        refs = transcript.references
        if refs is None or not refs.releases:
            return
        for doc in refs.releases:
            self.stats["release tables read"] += len(doc.tables) - len(doc.unread_tables)
            for table in doc.unread_tables:
                self.stats[f"release table not read: {doc.name} {table.name}: {table.reason}"] += 1
        result = compare(transcript)
        if result.unrelated:
            return  # reported by reference.unusable: comparing would flag every figure
        self.stats["unchecked"] += result.unmatched + result.ambiguous
        for match in result.matches:
            if match.uncertain:
                continue
            if match.agrees:
                self.stats["verified"] += 1
                continue
            self.stats["contradicted"] += 1
            yield self._report(transcript, match)

    def _report(self, transcript: Transcript, match: Match) -> Finding:
        f, fact = match.figure, match.fact
        half = f.quantity.step / 2
        slips = [why for value, why in misreadings(f.quantity) if abs(value - abs(fact.quantity.value)) <= half]
        note = f" ({slips[0]}?)" if slips else ""
        return self.finding(
            transcript,
            f.line,
            f"The call gives {metric_phrase(f, transcript.words)} as {f.quantity.text.strip()}, but the "
            f"release states {release_quote(fact)}{note}.",
            evidence_of(f),
            severity=Severity.ERROR if slips else None,
            confidence=0.9 if slips else 0.75,
            suggestion=f"{restate(f, fact)} (as in the release)",
        )
