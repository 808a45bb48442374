"""reference.unusable: a reference file that could not be read or belongs to another call."""

from __future__ import annotations

from collections.abc import Iterator

from auditor.check import TranscriptCheck
from auditor.findings import Finding, Severity
from auditor.model import Transcript
from auditor.reference import compare

from ._common import GROUPS


class UnusableReference(TranscriptCheck):
    """A reference given for the call (--reference, the configuration, or call.release.html beside
    call.txt) that could not be used.

    Anti-pattern: a release saved as a scanned PDF, a file that is not a release at all, or the
    release of another quarter or company: checking the call against it would either say nothing
    or contradict every figure.

    Best practice: the reference is the release this call presents. The reason is given in one
    line (also on stderr by the command line); the rest of the audit runs without the reference.
    """

    id = "reference.unusable"
    title = "Reference document not usable"
    severity = Severity.WARNING
    weight = 0.8
    groups = GROUPS

    def check_transcript(self, transcript: Transcript) -> Iterator[Finding]:
        refs = transcript.references
        if refs is None:
            return
        for problem in refs.problems:
            yield self.finding(transcript, 1, problem.message, problem.path, confidence=1.0,
                               suggestion="give this call's own earnings release (HTML, text or PDF)")
        unrelated = compare(transcript).unrelated
        if unrelated:
            names = ", ".join(d.name for d in refs.releases)
            yield self.finding(transcript, 1, f"{names}: {unrelated}", names, confidence=0.8,
                               suggestion="give this call's own earnings release")
