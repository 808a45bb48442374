"""Date checks: impossible calendar dates, one reference date stated two ways, quarter/period mismatches."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from auditor.dates import DateMention, days_in_month
from auditor.findings import Finding, Severity
from auditor.model import Paragraph, Transcript
from auditor.registry import Check
from auditor.textutil import snippet

REFERENCE_CUES = frozenset({"as of", "as at", "ended", "ending", "ends", "end on", "ended on", "截至", "截止"})


@dataclass(frozen=True)
class _Dated:
    """A date mention with where it stands in the transcript."""

    date: DateMention
    paragraph: Paragraph
    line: int
    text: str  # the line's text (source or translation)


def _all_dates(transcript: Transcript) -> list[_Dated]:
    out: list[_Dated] = []
    for p in transcript.paragraphs:
        out += [_Dated(d, p, p.line, p.text) for d in p.dates]
        if p.translation_line is not None and p.translation:
            out += [_Dated(d, p, p.translation_line, p.translation) for d in p.translation_dates]
    return out


def _years_compatible(a: DateMention, b: DateMention) -> bool:
    return a.year is None or b.year is None or a.year == b.year


class ImpossibleDate(Check):
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

    def run(self, transcript: Transcript) -> Iterator[Finding]:
        dated = _all_dates(transcript)
        reported_translation: set[tuple[int, int, int | None]] = set()
        for item in dated:
            d = item.date
            if d.is_valid or d.day is None:
                continue
            if item.line != item.paragraph.line and (item.line, d.month, d.day) in reported_translation:
                continue
            valid_same_month = [
                o for o in dated
                if o.date.is_valid and o.date.day is not None and o.date.month == d.month and _years_compatible(o.date, d)
            ]
            # prefer a valid date with the same cue ("as of"), then any; in file order
            same_cue = [o for o in valid_same_month if o.date.cue and d.cue and _cue_kind(o.date.cue) == _cue_kind(d.cue)]
            anchor = (same_cue or valid_same_month or [None])[0]
            end_line = None
            mirrored = ""
            if item.line == item.paragraph.line and item.paragraph.translation_line:
                twin = [t for t in item.paragraph.translation_dates if t.month == d.month and t.day == d.day]
                if twin:
                    end_line = item.paragraph.translation_line
                    reported_translation.add((end_line, d.month, d.day))
                    mirrored = " (the translation repeats it)"
            if anchor is not None:
                fixed_day = anchor.date.day
                suggestion = f"{anchor.date.render()}, as on line {anchor.line}"
                confidence = 0.97
            else:
                fixed_day = days_in_month(d.month, d.year)
                suggestion = f"{_render(d, fixed_day)} (the last day of the month)"
                confidence = 0.9
            related = [(o.line, snippet(o.text, o.date.start, o.date.end, 60)) for o in valid_same_month[:3]]
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


def _render(d: DateMention, day: int) -> str:
    return d.render(day) if d.lang == "en" else d.render_zh(day)


def _cue_kind(cue: str) -> str:
    return "as of" if cue in ("as of", "as at", "截至", "截止") else "ended"


class ConflictingReferenceDate(Check):
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

    def run(self, transcript: Transcript) -> Iterator[Finding]:
        refs = [
            x for x in _all_dates(transcript)
            if x.date.cue in REFERENCE_CUES and x.date.day is not None and x.date.is_valid and x.line == x.paragraph.line
        ]
        seen: set[tuple[int, int]] = set()
        for i, a in enumerate(refs):
            for b in refs[i + 1 :]:
                da, db = a.date, b.date
                if da.month != db.month or da.day == db.day or not _years_compatible(da, db):
                    continue
                if _cue_kind(da.cue or "") != _cue_kind(db.cue or ""):
                    continue
                if da.day != da.last_day and db.day != db.last_day:
                    continue
                key = (a.line, b.line)
                if key in seen:
                    continue
                seen.add(key)
                # the one that is not the month end is the suspect
                suspect, anchor = (b, a) if da.day == da.last_day else (a, b)
                yield self.finding(
                    transcript,
                    suspect.line,
                    f"'{suspect.date.text.strip()}' contradicts '{anchor.date.text.strip()}' on line {anchor.line}: "
                    "the same reference date is stated with two different days.",
                    snippet(suspect.text, suspect.date.start, suspect.date.end),
                    confidence=0.6,
                    suggestion=f"{anchor.date.render()}, as on line {anchor.line}",
                    related=[(anchor.line, snippet(anchor.text, anchor.date.start, anchor.date.end, 60))],
                )


_QUARTER_END_RE = re.compile(
    r"\b(?P<ord>first|second|third|fourth|Q[1-4])\b(?:[\s-]+(?P<kind>quarter|half))?"
    r"(?:\s+(?:of\s+)?(?:fiscal\s+(?:year\s+)?)?(?:19|20)\d\d)?,?\s+(?:which\s+|that\s+)?"
    r"(?:ended|ending|ends|closed)\s+(?:on\s+)?(?P<date>(?:January|February|March|April|May|June|July|August|"
    r"September|October|November|December)\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+(?:19|20)\d\d)?)",
    re.IGNORECASE,
)
_ORD = {"first": 1, "second": 2, "third": 3, "fourth": 4, "q1": 1, "q2": 2, "q3": 3, "q4": 4}
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"]


@dataclass(frozen=True)
class _PeriodEnd:
    paragraph: Paragraph
    start: int
    end: int
    kind: str  # quarter | half
    number: int
    month: int
    text: str

    @property
    def offset(self) -> int:
        """Months by which the fiscal calendar is shifted from the calendar year (0 = calendar)."""
        span = 3 if self.kind == "quarter" else 6
        return (self.month - span * self.number) % 12


class PeriodMismatch(Check):
    """A reporting period said to end in the wrong month ("second quarter ended September 30").

    Anti-pattern: a quarter or half whose stated end date does not fit the company's calendar,
    usually a mis-heard quarter name or month.

    Best practice: the period ends where the calendar says. A transcript that speaks of a fiscal
    year may have a shifted calendar: then the shift most of its period-end statements agree on is
    the reference, and only a statement that disagrees with it is flagged.
    """

    id = "dates.period_mismatch"
    title = "Period end date does not fit the period"
    severity = Severity.WARNING
    weight = 1.0
    groups = ("dates",)

    def run(self, transcript: Transcript) -> Iterator[Finding]:
        ends: list[_PeriodEnd] = []
        for p in transcript.paragraphs:
            for m in _QUARTER_END_RE.finditer(p.text):
                ordinal = m.group("ord").lower()
                kind = (m.group("kind") or "quarter").lower()
                if ordinal.startswith("q"):
                    kind = "quarter"
                elif m.group("kind") is None:
                    continue
                number = _ORD[ordinal]
                if kind == "half" and number > 2:
                    continue
                month = _MONTHS.index(next(w for w in _MONTHS if m.group("date").lower().startswith(w.lower()))) + 1
                ends.append(_PeriodEnd(p, m.start(), m.end(), kind, number, month, m.group(0)))
        if not ends:
            return
        fiscal = any("fiscal" in p.text.lower() for p in transcript.paragraphs) or any(
            "fiscal" in text.lower() for _, text in transcript.preamble
        )
        offsets = Counter(e.offset for e in ends)
        if fiscal:
            reference, votes = offsets.most_common(1)[0]
            if votes * 2 <= len(ends) and len(offsets) > 1:
                return  # no majority: cannot tell which calendar is meant
        else:
            reference = 0
        for e in ends:
            if e.offset == reference:
                self.stats["consistent"] += 1
                continue
            span = 3 if e.kind == "quarter" else 6
            expected_month = (span * e.number + reference - 1) % 12 + 1
            ordinal = ["first", "second", "third", "fourth"][e.number - 1]
            calendar_note = "in a calendar year" if reference == 0 else "in the fiscal calendar the other statements use"
            confidence = 0.75 if not fiscal else 0.6
            related = [(o.paragraph.line, o.text) for o in ends if o is not e and o.offset == reference][:3]
            yield self.finding(
                transcript,
                e.paragraph.line,
                f"The {ordinal} {e.kind} ends in {_MONTHS[expected_month - 1]} {calendar_note}, "
                f"not in {_MONTHS[e.month - 1]}.",
                snippet(e.paragraph.text, e.start, e.end),
                confidence=confidence,
                suggestion=f"the {ordinal} {e.kind} ended {_MONTHS[expected_month - 1]} "
                f"{days_in_month(expected_month, None if expected_month == 2 else 2001)}",
                related=related,
            )


CHECKS = (
    ImpossibleDate,
    ConflictingReferenceDate,
    PeriodMismatch,
)
