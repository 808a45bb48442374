"""boilerplate.deviation: a set phrase of the call that deviates from its standard form."""

from __future__ import annotations

from collections.abc import Iterator

from auditor.boilerplate import Deviation, english_texts, load_boilerplate, text_deviations
from auditor.check import TranscriptCheck
from auditor.findings import Finding, Severity
from auditor.model import Transcript
from auditor.textutil import snippet


class BoilerplateDeviation(TranscriptCheck):
    """A fixed phrase of the call (safe harbor, operator script) that deviates from its standard form.

    Anti-pattern: "You may not disconnect", "Actual results may not differ materially", or a safe
    harbor citing the "Private Securities Litigation Reform Act of 1985". These phrases are read
    from a template, so a deviation is a transcription error; one that reverses the meaning or
    misnames a law misleads the reader and exposes the publisher.

    Best practice: set phrases are transcribed in their standard form (auditor/data/boilerplate.toml):
    laws with their exact title and year, Section 21E with the Securities Exchange Act of 1934, and
    operator lines without inserted words. A reversed meaning or a misnamed law is a warning; any
    other deviation in a set phrase is informational.
    """

    id = "boilerplate.deviation"
    title = "Boilerplate phrase deviates from its standard form"
    severity = Severity.WARNING
    weight = 0.8
    groups = ("boilerplate",)

    def check_transcript(self, transcript: Transcript) -> Iterator[Finding]:
        bp = load_boilerplate(transcript.words)
        for line, text in english_texts(transcript):
            found: list[Deviation] = []
            deviations, matched = text_deviations(text, bp)  # every pattern searched once
            for deviation in deviations:
                # one finding per stretch of text: a section finding already covers its act's year
                if any(d.start < deviation.end and deviation.start < d.end for d in found):
                    continue
                found.append(deviation)
            self.stats["phrases_checked"] += matched
            for d in sorted(found, key=lambda d: d.start):
                yield self.finding(
                    transcript, line, d.message, snippet(text, d.start, d.end),
                    severity=d.severity, confidence=d.confidence, suggestion=d.suggestion,
                )
