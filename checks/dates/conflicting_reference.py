"""dates.conflicting_reference: one reference date stated with two different days."""

from __future__ import annotations

from collections.abc import Iterator
from heapq import merge

from auditor.check import TranscriptCheck
from auditor.findings import Finding, Severity
from auditor.model import Transcript
from auditor.textutil import snippet
from auditor.words import Words

from ._dated import Dated, all_dates, cue_kind, reference_cues, years_compatible

#: the month-end dates a finding lists (the first is the suggestion)
_RELATED = 3


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
        for suspect, anchors in _conflicts(refs, words):
            anchor = anchors[0]
            key = (suspect.line, anchor.line)
            if key in seen:
                continue
            seen.add(key)
            yield self.finding(
                transcript,
                suspect.line,
                f"'{suspect.date.text.strip()}' contradicts '{anchor.date.text.strip()}' on line {anchor.line}: "
                "the same reference date is stated with two different days.",
                snippet(suspect.text, suspect.date.start, suspect.date.end),
                confidence=0.6,
                suggestion=f"{anchor.date.render()}, as on line {anchor.line}",
                related=[(a.line, snippet(a.text, a.date.start, a.date.end, 60)) for a in anchors],
            )


def _conflicts(refs: list[Dated], words: Words) -> Iterator[tuple[Dated, list[Dated]]]:
    """Each reference date another one of its month, year and kind of cue contradicts, with (up to
    _RELATED of) the month-end dates that contradict it, first first.

    Of two such dates the one that is not the month end is the suspect (the later one when both
    are). One finding per suspect, however many month ends it contradicts: a transcript that
    repeats "as of June 30" on every page and "as of June 28" once gets one finding, not one per
    repetition, and the pairs are found through the month ends of each month, year and cue, not
    by pairing every date with every other."""
    ends: dict[tuple[int, str, int | None], list[tuple[int, Dated]]] = {}
    for at, x in enumerate(refs):
        if x.date.day == x.date.last_day:
            ends.setdefault((x.date.month, cue_kind(x.date.cue or "", words), x.date.year), []).append((at, x))
    for at, x in enumerate(refs):
        d = x.date
        month_end = d.day == d.last_day
        kind = cue_kind(d.cue or "", words)
        years = [y for (m, k, y) in ends if m == d.month and k == kind and (d.year is None or y is None or y == d.year)]
        found: list[Dated] = []
        for other_at, y in merge(*(ends[(d.month, kind, year)] for year in years), key=lambda e: e[0]):
            if month_end and other_at >= at:
                break
            if y.date.day != d.day and years_compatible(d, y.date):
                found.append(y)
                if len(found) == _RELATED:
                    break
        if found:
            yield x, found
