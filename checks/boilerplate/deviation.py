"""boilerplate.deviation: a set phrase of the call that deviates from its standard form."""

from __future__ import annotations

from collections.abc import Iterator

from auditor.boilerplate import (
    Deviation,
    english_texts,
    law_deviations,
    load_boilerplate,
    phrase_deviations,
    section_deviations,
)
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
            for deviation in section_deviations(text, bp) + law_deviations(text, bp) + phrase_deviations(text, bp):
                # one finding per stretch of text: a section finding already covers its act's year
                if any(d.start < deviation.end and deviation.start < d.end for d in found):
                    continue
                found.append(deviation)
            self.stats["phrases_checked"] += sum(
                1 for regex in [law.pattern for law in bp.laws] + [p.pattern for p in bp.phrases]
                for _ in regex.finditer(text)
            )
            for d in sorted(found, key=lambda d: d.start):
                yield self.finding(
                    transcript, line, d.message, snippet(text, d.start, d.end),
                    severity=d.severity, confidence=d.confidence, suggestion=d.suggestion,
                )
