"""dates.period_mismatch: a quarter or half said to end in the wrong month."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from auditor.check import TranscriptCheck
from auditor.dates import PeriodEndMention, calendar_words, days_in_month
from auditor.findings import Finding, Severity
from auditor.model import Paragraph, Transcript
from auditor.textutil import snippet


class PeriodMismatch(TranscriptCheck):
    """A reporting period said to end in the wrong month ("second quarter ended September 30").

    Anti-pattern: a quarter or half whose stated end date does not fit the company's calendar,
    usually a mis-heard quarter name or month.

    Best practice: the period ends where the calendar says. A transcript that speaks of a fiscal
    year may have a shifted calendar: then the shift most of its period-end statements agree on is
    the reference, and only a statement that disagrees with it is flagged.
    """

    id = "dates.period_mismatch"
    title = "Period end date does not fit the period"
    severity = Severity.WARNING
    weight = 1.0
    groups = ("dates",)

    def check_transcript(self, transcript: Transcript) -> Iterator[Finding]:
        # the period-end statements are parsed once per paragraph by the model
        ends: list[tuple[Paragraph, PeriodEndMention]] = [(p, e) for p in transcript.paragraphs for e in p.period_ends]
        if not ends:
            return
        fiscal = any("fiscal" in p.text.lower() for p in transcript.paragraphs) or any(
            "fiscal" in text.lower() for _, text in transcript.preamble
        )
        offsets = Counter(e.offset for _, e in ends)
        if fiscal:
            reference, votes = offsets.most_common(1)[0]
            if votes * 2 <= len(ends) and len(offsets) > 1:
                return  # no majority: cannot tell which calendar is meant
        else:
            reference = 0
        cal = calendar_words(transcript.words)
        months = cal.month_names
        for p, e in ends:
            if e.offset == reference:
                self.stats["consistent"] += 1
                continue
            span = 3 if e.kind == "quarter" else 6
            expected_month = (span * e.number + reference - 1) % 12 + 1
            ordinal = cal.ordinal_name(e.number)
            calendar_note = "in a calendar year" if reference == 0 else "in the fiscal calendar the other statements use"
            confidence = 0.75 if not fiscal else 0.6
            related = [(op.line, o.text) for op, o in ends if o is not e and o.offset == reference][:3]
            yield self.finding(
                transcript,
                p.line,
                f"The {ordinal} {e.kind} ends in {months[expected_month - 1]} {calendar_note}, "
                f"not in {months[e.month - 1]}.",
                snippet(p.text, e.start, e.end),
                confidence=confidence,
                suggestion=f"the {ordinal} {e.kind} ended {months[expected_month - 1]} "
                f"{days_in_month(expected_month, None if expected_month == 2 else 2001)}",
                related=related,
            )
