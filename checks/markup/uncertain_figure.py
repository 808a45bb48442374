"""markup.uncertain_figure: a figure the transcriber bracketed as uncertain."""

from __future__ import annotations

from collections.abc import Iterator

from auditor.check import TranscriptCheck
from auditor.findings import Finding, Severity
from auditor.model import Transcript
from auditor.textutil import snippet

from ._brackets import bracket_lines, is_figure, marker_for


class UncertainFigure(TranscriptCheck):
    """A figure the transcriber put in square brackets because it was not heard clearly.

    Anti-pattern: "Total revenues were [RMB2,349.2 million]" published as is: the brackets say the
    figure was a guess, and a wrong figure in an earnings transcript moves readers.

    Best practice: an editor verifies every bracketed figure against the earnings release, then
    removes the brackets. Each one is listed with its line. Informational only.
    """

    id = "markup.uncertain_figure"
    title = "Figure marked as uncertain by the transcriber"
    severity = Severity.INFO
    weight = 0.4
    groups = ("markup", "numbers")

    def check_transcript(self, transcript: Transcript) -> Iterator[Finding]:
        words = transcript.words
        for scanned in bracket_lines(transcript, with_translation=False):
            line, text = scanned.line, scanned.text
            for group in scanned.scan.groups:
                if group.char not in "[【" or group.close is None or group.long:
                    continue
                inner = group.inner(text).strip()
                if not is_figure(inner) or marker_for(inner, words) is not None:
                    continue
                self.stats["bracketed_figures"] += 1
                yield self.finding(
                    transcript, line,
                    f"'[{inner}]' is bracketed: the transcriber marked this figure as uncertain; "
                    "verify it against the release.",
                    snippet(text, group.open, group.close + 1, 60),
                    confidence=0.9,
                    suggestion=f"{inner} (after checking it against the release)",
                )
