"""reference.change: a change rate on the call that the release's own figures contradict."""

from __future__ import annotations

from collections.abc import Iterator

from auditor.check import TranscriptCheck
from auditor.findings import Finding, Severity
from auditor.model import Transcript
from auditor.reference import ChangeMatch, compare, rate_text

from ._common import GROUPS, evidence_of, metric_phrase, release_quote


class ChangeRate(TranscriptCheck):
    """A year-over-year or sequential change rate that the release's figures do not give.

    Anti-pattern: "Total operating expenses ... up 6.1% year over year" when the release's
    operating expenses of this quarter and of the same quarter last year give 5.1%.

    Best practice: a rate said on the call agrees, within its rounding, with the rate the release
    states or with the rate its two figures give (computed with interval arithmetic on both printed
    values, so correct rounding never fires). Only money metrics with a stated comparison (year
    over year, sequential) and direction are checked, with the release values of the same metric,
    scope and currency.
    """

    id = "reference.change"
    title = "Change rate contradicted by the earnings release"
    severity = Severity.WARNING
    weight = 1.1
    groups = GROUPS

    def check_transcript(self, transcript: Transcript) -> Iterator[Finding]:
        result = compare(transcript)
        if result.unrelated:
            return
        for change in result.changes:
            if change.agrees:
                self.stats["verified"] += 1
                continue
            self.stats["contradicted"] += 1
            yield self._report(transcript, change)

    def _report(self, transcript: Transcript, change: ChangeMatch) -> Finding:
        f = change.figure
        basis = "year over year" if f.comparison == "yoy" else "quarter over quarter"
        if len(change.facts) == 1:
            source = f"the release states {release_quote(change.facts[0])}"
        else:
            now, then = change.facts
            source = f"the release's {now.printed} against {then.printed} ({now.document}) give {rate_text(change)}"
        direction = "up" if f.direction > 0 else "down"
        return self.finding(
            transcript,
            f.line,
            f"The call gives {metric_phrase(f, transcript.words).rsplit(' for ', 1)[0]} {direction} "
            f"{f.quantity.text.strip()} {basis}, but {source}.",
            evidence_of(f),
            confidence=0.8,
            suggestion=f"{rate_text(change)} {basis} (as the release's figures give)",
        )
