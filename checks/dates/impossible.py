"""dates.impossible: a calendar date that does not exist."""

from __future__ import annotations

from collections.abc import Iterator

from auditor.check import TranscriptCheck
from auditor.dates import DateMention, days_in_month
from auditor.findings import Finding, Severity
from auditor.model import Transcript
from auditor.textutil import snippet
from auditor.words import Words

from ._dated import Dated, all_dates, cue_kind, render, years_compatible


class _ValidDates:
    """The valid dates of a transcript a date that does not exist is compared with, by month.

    Why: every impossible date ("June 31") looks for the valid dates of its month; a transcript
    with thousands of them must not read every date for each. The answer depends only on the
    month, the year and the kind of cue, so it is found once for each of those."""

    def __init__(self, dated: list[Dated], words: Words) -> None:
        self._words = words
        self._by_month: dict[int, list[Dated]] = {}
        for o in dated:
            if o.date.is_valid and o.date.day is not None:
                self._by_month.setdefault(o.date.month, []).append(o)
        self._answers: dict[tuple[int, int | None, str | None], tuple[list[Dated], Dated | None]] = {}

    def of(self, d: DateMention) -> tuple[list[Dated], Dated | None]:
        """The first three valid dates of d's month and a compatible year (in file order), and the
        one to suggest: the first with d's kind of cue ("as of"), else the first."""
        kind = cue_kind(d.cue, self._words) if d.cue else None
        key = (d.month, d.year, kind)
        if key not in self._answers:
            same_month = [o for o in self._by_month.get(d.month, []) if years_compatible(o.date, d)]
            same_cue = next(
                (o for o in same_month if kind is not None and o.date.cue and cue_kind(o.date.cue, self._words) == kind), None
            )
            self._answers[key] = same_month[:3], same_cue or (same_month[0] if same_month else None)
        return self._answers[key]


class ImpossibleDate(TranscriptCheck):
    """A calendar date that does not exist ("June 31", "February 30, 2025", "6月31日").

    Anti-pattern: "as of June 31" - usually a mis-hearing or a typo of the quarter-end date, and an
    investor cannot tell which date the figure belongs to.

    Best practice: every date exists in the calendar. The suggestion is the valid date the same
    transcript uses for that month (e.g. "June 30, 2025" elsewhere), else the last day of the month.
    """

    id = "dates.impossible"
    title = "Impossible calendar date"
    severity = Severity.ERROR
    weight = 1.2
    groups = ("dates",)

    def check_transcript(self, transcript: Transcript) -> Iterator[Finding]:
        words = transcript.words
        dated = all_dates(transcript)
        reported_translation: set[tuple[int, int, int | None]] = set()
        valid_dates = _ValidDates(dated, words)
        for item in dated:
            d = item.date
            if d.is_valid or d.day is None:
                continue
            if item.line != item.paragraph.line and (item.line, d.month, d.day) in reported_translation:
                continue
            valid_same_month, anchor = valid_dates.of(d)
            end_line = None
            mirrored = ""
            if item.line == item.paragraph.line and item.paragraph.translation_line:
                twin = [t for t in item.paragraph.translation_dates if t.month == d.month and t.day == d.day]
                if twin:
                    end_line = item.paragraph.translation_line
                    reported_translation.add((end_line, d.month, d.day))
                    mirrored = " (the translation repeats it)"
            if anchor is not None:
                suggestion = f"{anchor.date.render()}, as on line {anchor.line}"
                confidence = 0.97
            else:
                fixed_day = days_in_month(d.month, d.year)
                suggestion = f"{render(d, fixed_day)} (the last day of the month)"
                confidence = 0.9
            related = [(o.line, snippet(o.text, o.date.start, o.date.end, 60)) for o in valid_same_month]
            month_days = days_in_month(d.month, d.year)
            yield self.finding(
                transcript,
                item.line,
                f"'{d.text.strip()}' is not a calendar date: that month has {month_days} days{mirrored}.",
                snippet(item.text, d.start, d.end),
                end_line=end_line,
                confidence=confidence,
                suggestion=suggestion,
                related=related,
            )
