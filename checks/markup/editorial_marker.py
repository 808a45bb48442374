"""markup.editorial_marker: the transcriber's notes to the editor."""

from __future__ import annotations

from collections.abc import Iterator

from auditor.check import TranscriptCheck
from auditor.findings import Finding, Severity
from auditor.model import Transcript
from auditor.textutil import snippet

from ._brackets import bracket_lines, is_figure, marker_for


class EditorialMarker(TranscriptCheck):
    """The transcriber's notes to the editor: missing words, unsure spellings, foreign-language passages.

    Anti-pattern: publishing "(inaudible)", "(technical difficulty)", "[phonetic]" or a bracketed
    name the transcriber spelt by ear without anyone having checked the recording.

    Best practice: every such note is resolved or consciously kept before publication. Each
    missing-words marker and each square-bracketed name or phrase is listed with its line; passages
    marked as spoken in a foreign language are listed once, with all their lines. Routine markers
    ("[Operator Instructions]", "(interpreted)") are not listed. Informational only.
    """

    id = "markup.editorial_marker"
    title = "Editorial marker for the editor to resolve"
    severity = Severity.INFO
    weight = 0.3
    groups = ("markup",)

    def check_transcript(self, transcript: Transcript) -> Iterator[Finding]:
        language: list[tuple[int, str]] = []
        words = transcript.words
        for scanned in bracket_lines(transcript, with_translation=False):
            line, text = scanned.line, scanned.text
            listed: set[str] = set()
            for group in scanned.scan.groups:
                inner = group.inner(text).strip()
                marker = marker_for(inner, words)
                if marker is not None and marker.kind == "language":
                    language.append((line, snippet(text, group.open, group.open + len(inner) + 2, 40)))
                    continue
                if marker is not None and marker.kind == "loss" and marker.label not in listed:
                    listed.add(marker.label)
                    self.stats["missing_words"] += 1
                    yield self.finding(
                        transcript, line,
                        f"The transcriber marked '{inner}' here: check the recording for the missing or unsure words.",
                        snippet(text, group.open, group.open + len(inner) + 2, 60),
                        confidence=0.95,
                    )
                elif marker is None and group.char in "[【" and group.close is not None and inner and not is_figure(inner):
                    self.stats["bracketed_text"] += 1
                    yield self.finding(
                        transcript, line,
                        f"'[{inner}]' is bracketed: the transcriber was unsure of it; verify the spelling.",
                        snippet(text, group.open, group.close + 1, 60),
                        confidence=0.7,
                    )
        if language:
            first = language[0][0]
            lines = sorted({line for line, _ in language})
            yield self.finding(
                transcript, first,
                f"{len(lines)} passage(s) are marked as spoken in a foreign language (lines "
                f"{', '.join(str(n) for n in lines)}): the English is an interpretation.",
                language[0][1], confidence=0.95,
                related=[r for r in language if r[0] != first],
            )
