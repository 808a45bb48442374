"""layout.line_pairing: a bilingual line without its partner (translation or source)."""

from __future__ import annotations

from collections.abc import Iterator

from auditor.check import TranscriptCheck
from auditor.findings import Finding, Severity
from auditor.model import Transcript


class LinePairing(TranscriptCheck):
    """A bilingual transcript line without its partner.

    Anti-pattern: an English paragraph with no Chinese line after it, or a Chinese line with no
    English line before it. Every later line is then paired with the wrong partner by anyone who
    reads the file as alternating lines, and the missing translation is never published.

    Best practice: every English line is followed by exactly one translation line; speaker
    headers come in pairs (identical, or the header and its translation).
    """

    id = "layout.line_pairing"
    title = "English line without translation, or translation without English"
    severity = Severity.WARNING
    weight = 1.0
    groups = ("layout", "translation")
    needs_translation = True

    def check_transcript(self, transcript: Transcript) -> Iterator[Finding]:
        for issue in transcript.layout_issues:
            if issue.kind == "missing_translation":
                message = f"Line {issue.line} has no translation line after it."
                suggestion = "Add the translation of this line on the next line."
            elif issue.kind == "unpaired_header":
                message = f"The speaker header on line {issue.line} is not followed by its pair line."
                suggestion = "Repeat the header line (or add its translation) on the next line."
            else:
                message = f"Line {issue.line} is a translation with no English line before it."
                suggestion = "Add the English source line before it, or remove the stray translation."
            yield self.finding(transcript, issue.line, message, issue.text, confidence=0.9, suggestion=suggestion)
