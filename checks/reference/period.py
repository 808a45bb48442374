"""reference.period: the call names its own period differently from its earnings release."""

from __future__ import annotations

from collections.abc import Iterator

from auditor.check import TranscriptCheck
from auditor.findings import Finding, Severity
from auditor.model import Transcript
from auditor.reference.periods import own_period_statements
from auditor.textutil import snippet

from ._common import GROUPS


class PeriodMismatch(TranscriptCheck):
    """The quarter or fiscal year the call says it reports on is not the release's.

    Anti-pattern: "welcome to the second quarter 2025 earnings conference call" in the call that
    presents the release headed "Third Quarter 2025 Results"; "first quarter of fiscal 2025
    results" for a release of the first quarter of fiscal 2026.

    Best practice: the title and the opening remarks name the release's quarter and fiscal year.
    Only periods followed by "results", "earnings call" and the like, in the title lines and the
    opening remarks, are compared (a comparison with last year's quarter is not the call's period).
    A release for another quarter than most of the call is not compared at all: reference.unusable
    says so.
    """

    id = "reference.period"
    title = "Call period differs from the earnings release"
    severity = Severity.ERROR
    weight = 1.2
    groups = GROUPS

    def check_transcript(self, transcript: Transcript) -> Iterator[Finding]:
        refs = transcript.references
        if refs is None:
            return
        periods = [d for d in refs.releases if d.period.quarter and d.period.year]
        if not periods:
            return
        release = periods[0]
        wanted = (release.period.quarter, release.period.year)
        for statement in own_period_statements(transcript):
            m = statement.mention
            if m.kind != "quarter":
                continue
            self.stats["periods checked"] += 1
            if (m.number, m.year) == wanted:
                continue
            named = release.period.title or release.period.describe()
            yield self.finding(
                transcript,
                statement.line,
                f"The call calls its period '{m.text}', but {release.name} reports on '{named}'.",
                snippet(statement.text, m.start, m.end, 70),
                confidence=0.85,
                suggestion=f"{named} (as in the release)",
            )
