"""reference.uncertain_figure: a figure the transcriber marked as unsure, settled by the release."""

from __future__ import annotations

from collections.abc import Iterator

from auditor.check import TranscriptCheck
from auditor.findings import Finding, Severity
from auditor.model import Transcript
from auditor.reference import compare, restate

from ._common import GROUPS, evidence_of, metric_phrase, release_quote


class UncertainFigure(TranscriptCheck):
    """A bracketed or marked-uncertain figure ("[US$12.5 million]", "12.5 million [ph]") that the
    earnings release confirms or contradicts.

    Anti-pattern: "Free cash flow for the quarter was [US$15.2 million]" published with its brackets,
    or with the guess left in, when the release states US$12.5 million.

    Best practice: the editor settles every bracketed figure against the release. When the release
    states the same metric, scope and period, the finding says which: confirmed (info: remove the
    brackets) or contradicted (error: the release's value is the suggestion).
    """

    id = "reference.uncertain_figure"
    title = "Uncertain figure settled by the earnings release"
    severity = Severity.INFO
    weight = 1.0
    groups = GROUPS

    def check_transcript(self, transcript: Transcript) -> Iterator[Finding]:
        result = compare(transcript)
        if result.unrelated:
            return
        for match in result.matches:
            if not match.uncertain:
                continue
            f, fact = match.figure, match.fact
            what = metric_phrase(f, transcript.words)
            if match.agrees:
                self.stats["confirmed"] += 1
                yield self.finding(
                    transcript, f.line,
                    f"The release confirms the bracketed {what}: {release_quote(fact)}.",
                    evidence_of(f), confidence=0.9,
                    suggestion=f"{f.quantity.text.strip()} (remove the brackets)",
                )
            else:
                self.stats["contradicted"] += 1
                yield self.finding(
                    transcript, f.line,
                    f"The bracketed {what} {f.quantity.text.strip()} disagrees with the release, which states "
                    f"{release_quote(fact)}.",
                    evidence_of(f), severity=Severity.ERROR, confidence=0.9,
                    suggestion=f"{restate(f, fact)} (as in the release, without brackets)",
                )
