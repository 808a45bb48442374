"""speakers.header_name: a speaker header that misspells a participant named elsewhere."""

from __future__ import annotations

from collections.abc import Iterator

from auditor.check import TranscriptCheck
from auditor.findings import Finding, Severity
from auditor.model import Transcript

from ._common import reference_line


class HeaderNameNearMiss(TranscriptCheck):
    """A speaker header whose name appears nowhere else and resembles another roster name.

    Anti-pattern: one turn labelled "Tomas Whitlok - Chief Financial Officer" in a call where the
    CFO is "Tomas Whitlock" in every other header and in the introduction. Readers and search
    tools then see two different people.

    Best practice: every header spells the speaker the same way. Only a header name used once,
    never mentioned in the text, and resembling exactly one better-attested roster name is reported.
    """

    id = "speakers.header_name"
    title = "Speaker header misspells a participant"
    severity = Severity.WARNING
    weight = 1.0
    groups = ("speakers", "names")

    def check_transcript(self, transcript: Transcript) -> Iterator[Finding]:
        roster = transcript.roster
        for person in roster.persons:
            if not person.is_header or len(person.header_lines) != 1 or person.lines != person.header_lines:
                continue
            target = roster.near_miss(person.name, exclude=person)
            if target is None or len(target.lines) < 2:
                continue
            line = person.header_lines[0]
            ref = reference_line(target)
            yield self.finding(
                transcript,
                line,
                f"Header name '{person.name}' appears nowhere else and resembles {target.name}, "
                f"named on {len(target.lines)} other lines.",
                transcript.line_text(line),
                severity=Severity.ERROR if target.kind == "executive" and target.is_header else Severity.WARNING,
                confidence=0.8,
                suggestion=f"{target.name} (as on line {ref})",
                related=[(ref, transcript.line_text(ref))],
            )
