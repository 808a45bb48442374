"""dates.conflicting_reference: one reference date stated with two different days."""

from __future__ import annotations

from collections.abc import Iterator

from auditor.check import TranscriptCheck
from auditor.findings import Finding, Severity
from auditor.model import Transcript
from auditor.textutil import snippet

from ._dated import all_dates, cue_kind, reference_cues, years_compatible


class ConflictingReferenceDate(TranscriptCheck):
    """One reference date (a balance-sheet or period-end date) stated with two different days.

    Anti-pattern: "as of June 30, 2025" on one line and "as of June 28" on another for the same
    cash balance: one of them was mis-heard, and the figures cannot both be as of both dates.

    Best practice: a transcript states each period-end date one way. Only reference dates
    ("as of", "ended", 截至) in the same month and year are compared, and only when one of them is
    the last day of the month (the usual period end), to stay silent on genuinely different dates.
    """

    id = "dates.conflicting_reference"
    title = "Same reference date stated two ways"
    severity = Severity.WARNING
    weight = 1.0
    groups = ("dates",)

    def check_transcript(self, transcript: Transcript) -> Iterator[Finding]:
        words = transcript.words
        cues = reference_cues(words)
        refs = [
            x for x in all_dates(transcript)
            if x.date.cue in cues and x.date.day is not None and x.date.is_valid and x.line == x.paragraph.line
        ]
        seen: set[tuple[int, int]] = set()
        for i, a in enumerate(refs):
            for b in refs[i + 1 :]:
                da, db = a.date, b.date
                if da.month != db.month or da.day == db.day or not years_compatible(da, db):
                    continue
                if cue_kind(da.cue or "", words) != cue_kind(db.cue or "", words):
                    continue
                if da.day != da.last_day and db.day != db.last_day:
                    continue
                key = (a.line, b.line)
                if key in seen:
                    continue
                seen.add(key)
                # the one that is not the month end is the suspect
                suspect, anchor = (b, a) if da.day == da.last_day else (a, b)
                yield self.finding(
                    transcript,
                    suspect.line,
                    f"'{suspect.date.text.strip()}' contradicts '{anchor.date.text.strip()}' on line {anchor.line}: "
                    "the same reference date is stated with two different days.",
                    snippet(suspect.text, suspect.date.start, suspect.date.end),
                    confidence=0.6,
                    suggestion=f"{anchor.date.render()}, as on line {anchor.line}",
                    related=[(anchor.line, snippet(anchor.text, anchor.date.start, anchor.date.end, 60))],
                )
