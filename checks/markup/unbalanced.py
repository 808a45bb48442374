"""markup.unbalanced: a bracket opened and never closed, or closed and never opened."""

from __future__ import annotations

from collections.abc import Iterator

from auditor.check import TranscriptCheck
from auditor.findings import Finding, Severity
from auditor.model import Transcript
from auditor.textutil import snippet

from ._brackets import CLOSERS, OPENERS, bracket_lines, marker_for


class UnbalancedBracket(TranscriptCheck):
    """A parenthesis or square bracket that is opened and never closed, or closed and never opened.

    Anti-pattern: "ahead of the holiday season (inaudible." - the transcriber's marker lost its
    closing parenthesis, and a publishing system may swallow the rest of the paragraph or show a
    stray bracket to readers.

    Best practice: every bracket on a line has its partner on the same line. List enumerators such
    as "a)" and "2)" are not brackets and are not reported. English and translation lines are each
    checked. A full-width bracket and a half-width one pair with each other ("（聽不清楚)"): the
    mixed widths are listed as info, for the editor's style.
    """

    id = "markup.unbalanced"
    title = "Unbalanced bracket or parenthesis"
    severity = Severity.WARNING
    weight = 0.5
    groups = ("markup",)

    def check_transcript(self, transcript: Transcript) -> Iterator[Finding]:
        words = transcript.words
        for scanned in bracket_lines(transcript, with_translation=True):
            line, text, scan = scanned.line, scanned.text, scanned.scan
            for group in scan.unclosed:
                inner = group.inner(text)
                marker = marker_for(inner, words)
                closer = OPENERS[group.char]
                fix = (
                    f"{group.char}{inner.strip().strip('.,;:')}{closer}" if marker
                    else f"close the '{group.char}' with '{closer}', or remove it"
                )
                yield self.finding(
                    transcript, line,
                    f"'{group.char}' opened before '{inner.strip()[:40]}' is never closed.",
                    snippet(text, group.open, group.open + 1, 60),
                    confidence=0.85, suggestion=fix,
                )
            for group in scan.groups:
                if group.mixed_width and group.close is not None:
                    # a long group (a passage, or nested brackets) is quoted by its start only
                    fix = (
                        f"replace the '{text[group.close]}' with '{OPENERS[group.char]}'" if group.long
                        else f"{group.char}{group.inner(text)}{OPENERS[group.char]}"
                    )
                    yield self.finding(
                        transcript, line,
                        f"'{group.char}' is closed by '{text[group.close]}': the brackets are of mixed widths.",
                        snippet(text, group.open, group.span_end(), 40),
                        severity=Severity.INFO, confidence=0.5, suggestion=fix,
                    )
            for pos in scan.stray_closers:
                yield self.finding(
                    transcript, line,
                    f"'{text[pos]}' closes a bracket that was never opened.",
                    snippet(text, pos, pos + 1, 60),
                    confidence=0.8, suggestion=f"add the opening '{CLOSERS[text[pos]]}', or remove the '{text[pos]}'",
                )
