"""Dates and reporting periods in English and Chinese text, parsed once and shared by the checks.

Why shared: the date check looks for impossible and contradictory dates, the translation check
compares the dates and periods of both sides, and the figure checks need the period a number
belongs to. They must read "June 30, 2025", "6月30日", "second quarter of 2025" and "第二季" alike.

The words (month names, ordinals, Chinese numerals, cues) are data: `auditor/data/calendar.toml`,
and the relative periods `[mentions]` of `auditor/data/periods.toml`. The patterns built from them
are compiled once per vocabulary (`Words`); every parser takes an optional `words` argument.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass

from auditor.anchored import anchored_finditer, fold
from auditor.date_patterns import _YEAR, Calendar, _passes, calendar_words
from auditor.textutil import Spans, to_halfwidth
from auditor.words import Words, default_words

__all__ = ["Calendar", "DateMention", "PeriodEndMention", "PeriodMention", "calendar_words", "days_in_month",
           "find_dates", "find_period_ends", "find_periods"]


@dataclass(frozen=True)
class DateMention:
    """A calendar date as written: month always, day and year when printed."""

    text: str
    start: int
    end: int
    month: int
    day: int | None
    year: int | None
    lang: str
    cue: str | None = None  # "as of", "ended", "截至" ...: what the date is the reference of

    @property
    def is_valid(self) -> bool:
        if not 1 <= self.month <= 12:
            return False
        if self.day is None:
            return True
        return 1 <= self.day <= days_in_month(self.month, self.year)

    @property
    def last_day(self) -> int:
        return days_in_month(self.month, self.year)

    def render(self, day: int | None = None) -> str:
        """English rendering, e.g. 'June 30, 2025'; `day` replaces the printed day."""
        d = self.day if day is None else day
        text = calendar.month_name[self.month]
        if d is not None:
            text += f" {d}"
        if self.year is not None:
            text += f", {self.year}" if d is not None else f" {self.year}"
        return text

    def render_zh(self, day: int | None = None) -> str:
        d = self.day if day is None else day
        text = f"{self.year}年" if self.year else ""
        text += f"{self.month}月"
        if d is not None:
            text += f"{d}日"
        return text


@dataclass(frozen=True)
class PeriodMention:
    """A reporting period: a quarter, a half, a full year, or a relative one ("last quarter")."""

    text: str
    start: int
    end: int
    kind: str  # "quarter" | "half" | "year"
    number: int | None  # 1-4 for quarters, 1-2 for halves, None for a year or a relative period
    year: int | None
    lang: str
    fiscal: bool = False
    relative: str | None = None  # "current" | "previous" | "year_ago" | "next"

    def key(self) -> tuple[str, int | None, int | None, str | None]:
        return (self.kind, self.number, self.year, self.relative)


@dataclass(frozen=True)
class PeriodEndMention:
    """A quarter or half said to end on a date: "the second quarter, which ended June 30".

    Why a mention of its own: the date check compares the month with the period (and with the
    fiscal calendar the other statements imply); it reads these once per paragraph from the model.
    """

    text: str
    start: int
    end: int
    kind: str  # "quarter" | "half"
    number: int
    month: int  # the month of the stated end date

    @property
    def offset(self) -> int:
        """Months by which the fiscal calendar is shifted from the calendar year (0 = calendar)."""
        span = 3 if self.kind == "quarter" else 6
        return (self.month - span * self.number) % 12


def days_in_month(month: int, year: int | None) -> int:
    """Days of a month; February has 29 when the year is unknown (the charitable reading)."""
    if month == 2 and year is None:
        return 29
    return calendar.monthrange(year or 2001, month)[1]


# --- the vocabulary: auditor.date_patterns ------------------------------------------------------

# --- dates ------------------------------------------------------------------------------------

EN_DATE_ISO = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)\b")
#: the anchors of the English date patterns: the day after the month and its space ("June 30"),
#: the day before the month ("30 June"), each at the start of its digits
_DAY_AFTER_SPACE = re.compile(r"(?<=\s)\d")
_DAY_FIRST = re.compile(r"\b\d")
_ISO_GATE = re.compile(r"\d-\d")  # what every ISO date holds
_DIGIT = re.compile(r"\d")
_ASCII_DIGIT = re.compile("[0-9]")  # the same in an ASCII text, found faster
#: what every match of the period patterns holds, in the folded text: a quarter ("quarter", "Q3",
#: "3Q25"), a half ("half", "H1", "1H25"), a fiscal or full year ("fiscal", "full-year", "FY")
_QUARTER_GATE = re.compile("q[1-4]|[1-4]q")
_YEAR_GATE = re.compile("fiscal|full|fy")  # also where a fiscal or full year starts, in the folded text
_YEAR_ANCHOR = re.compile("fiscal|full|fy", re.IGNORECASE)


def _may_hold_quarter(folded: str) -> bool:
    return "quarter" in folded or ("q" in folded and _QUARTER_GATE.search(folded) is not None)


def _may_hold_half(folded: str) -> bool:
    return "half" in folded or "h1" in folded or "h2" in folded or "1h" in folded or "2h" in folded


def _small_cn(text: str, cal: Calendar) -> int | None:
    """Chinese numerals up to 39 (months and days): '六' -> 6, '三十一' -> 31."""
    if text.isdigit():
        return int(text)
    numerals = cal.zh_numerals
    if cal.zh_ten is not None and cal.zh_ten in text:
        tens, _, units = text.partition(cal.zh_ten)
        value = (numerals.get(tens, 0) if tens else 1) * 10
        return value + (numerals.get(units, 0) if units else 0)
    if len(text) == 1:
        return numerals.get(text)
    return None


def find_dates(text: str, lang: str = "en", words: Words | None = None) -> list[DateMention]:
    """Calendar dates in `text`, impossible ones included (that is what the date check wants)."""
    cal = calendar_words(words or default_words())
    if lang.startswith("zh"):
        return _find_dates_zh(text, cal)
    found: list[DateMention] = []
    if (_ASCII_DIGIT if text.isascii() else _DIGIT).search(text) is None:
        return found  # every English date has a digit, and most paragraphs none
    taken = Spans()
    # the day anchors a date: each pattern is tried only in the window before one (not at every
    # character), and only in a text that passes its gate (a month name next to a digit, a "-")
    folded = fold(text)
    matches = (
        anchored_finditer(cal.en_date_mdy, _DAY_AFTER_SPACE, text, cal.mdy_prefix) if _passes(cal.mdy_gate, folded[::-1]) else (),
        anchored_finditer(cal.en_date_dmy, _DAY_FIRST, text, cal.dmy_prefix) if _passes(cal.dmy_gate, folded) else (),
        # no optional prefix: finditer's own scan is the fast one
        EN_DATE_ISO.finditer(text) if "-" in text and _ISO_GATE.search(text) else (),
    )
    for found_by in matches:
        for m in found_by:
            start = m.start()
            if taken.overlaps(start, m.end()):
                continue
            month_txt = m.group("month")
            month = int(month_txt) if month_txt.isdigit() else cal.months[month_txt.lower().rstrip(".")]
            if not 1 <= month <= 12:
                continue  # "2025-13-45" is not a date at all
            # "May 5" is a date; "may 5 customers" is not: require a capitalised month name
            if not month_txt.isdigit() and not month_txt[0].isupper():
                continue
            if not _reads_as_day(text, m, cal):
                continue
            day = int(m.group("day"))
            year = int(m.group("year")) if m.group("year") else None
            cue = m.groupdict().get("cue")
            found.append(
                DateMention(
                    text=text[start : m.end()],
                    start=start,
                    end=m.end(),
                    month=month,
                    day=day,
                    year=year,
                    lang="en",
                    cue=cue.lower() if cue else None,
                )
            )
            taken.add(start, m.end())
    found.sort(key=lambda d: d.start)
    return found


_FIGURE_AFTER_DAY = re.compile(r"\s*%|[.,]\d|\s*(?:per\s*cent|percent)\b", re.IGNORECASE)


def _reads_as_day(text: str, m: re.Match[str], cal: Calendar) -> bool:
    """Whether the number next to a month name is its day, and not a figure of the next sentence.

    "in May. 85% of customers" is no May 85: a full month name followed by a full stop ends its
    sentence (only an abbreviation takes a dot: "Sept. 30"), a number followed by a percent sign or
    a decimal part is a figure, and no day is above 31.
    """
    day_end = m.end("day")
    if _FIGURE_AFTER_DAY.match(text, day_end) or int(m.group("day")) > 31:
        return False
    if m.start("day") > 0 and text[m.start("day") - 1] in ".," and text[: m.start("day") - 1][-1:].isdigit():
        return False  # "1.25 May": the decimals of a figure
    month_txt = m.group("month")
    between = text[m.end("month") : m.start("day")] if m.start("day") > m.end("month") else text[day_end : m.start("month")]
    # "in May. 85 ...", "we grew 12. May ...": a full month name takes no dot
    return not ("." in between and month_txt.lower() in (n.lower() for n in cal.month_names))


def _find_dates_zh(text: str, cal: Calendar) -> list[DateMention]:
    norm = to_halfwidth(text)
    found: list[DateMention] = []
    for m in cal.zh_date.finditer(norm):
        month = _small_cn(m.group("month"), cal)
        if month is None or not 1 <= month <= 12:
            continue
        day = _small_cn(m.group("day"), cal) if m.group("day") else None
        year = int(m.group("year")) if m.group("year") else None
        # "三個月" (three months) is a duration, not a date
        if day is None and any(norm.startswith(w, m.end()) for w in cal.duration_followers):
            continue
        if day is None and year is None and not m.group("month").isdigit():
            continue
        if any(norm.endswith(w, 0, m.start("month")) for w in cal.counter_prefixes):
            continue
        found.append(
            DateMention(
                text=text[m.start() : m.end()],
                start=m.start(),
                end=m.end(),
                month=month,
                day=day,
                year=year,
                lang="zh",
                cue=m.group("cue"),
            )
        )
    return found


# --- periods ----------------------------------------------------------------------------------

EN_YEAR = re.compile(rf"\b(?:(?P<fiscal>fiscal(?:\s+year)?|full[\s-]year|FY)\s*(?P<year>{_YEAR}|\d\d)\b)", re.IGNORECASE)


def _year(text: str | None) -> int | None:
    if not text:
        return None
    value = int(text)
    return value + 2000 if value < 100 else value


def find_periods(text: str, lang: str = "en", words: Words | None = None) -> list[PeriodMention]:
    """Reporting periods mentioned in `text`: quarters, halves, (fiscal) years and relative ones."""
    cal = calendar_words(words or default_words())
    if lang.startswith("zh"):
        return _find_periods_zh(text, cal)
    out: list[PeriodMention] = []
    folded = fold(text)
    ascii = text.isascii()

    def anchored(pattern: re.Pattern[str], anchors: tuple[re.Pattern[str], re.Pattern[str] | None],
                 parts: tuple[int, ...]) -> Iterator[re.Match[str]]:
        """The pattern's matches, tried only at its anchors (found in the folded text when ASCII)."""
        anchor, lowered = anchors
        located = (lowered, folded) if ascii and lowered is not None else None
        return anchored_finditer(pattern, anchor, text, parts, located)

    # a quarter starts at its ordinal or "Q", after at most "fiscal" and whitespace
    for m in anchored(cal.en_quarter, cal.en_quarter_anchor, (0, len("fiscal"))) if _may_hold_quarter(folded) else ():
        if m.group("ord"):
            number = cal.ordinals[m.group("ord").lower()]
            year = _year(m.group("year"))
        elif m.group("q"):
            number, year = int(m.group("q")), _year(m.group("year2"))
        else:
            number, year = int(m.group("q3")), _year(m.group("year3"))
        fiscal = bool(m.group("fiscal") or m.group("fiscal2"))
        out.append(PeriodMention(m.group(0), m.start(), m.end(), "quarter", number, year, "en", fiscal))
    for m in anchored(cal.en_half, cal.en_half_anchor, (0,)) if _may_hold_half(folded) else ():
        if m.group("which"):
            number = cal.ordinal_words[m.group("which").lower()]
            year = _year(m.group("year"))
        elif m.group("h"):
            number, year = int(m.group("h")), _year(m.group("year2"))
        else:
            number, year = int(m.group("h2")), _year(m.group("year3"))
        out.append(PeriodMention(m.group(0), m.start(), m.end(), "half", number, year, "en", bool(m.groupdict().get("fiscal"))))
    # (an ASCII text's first anchor search is its gate)
    for m in anchored(EN_YEAR, (_YEAR_ANCHOR, _YEAR_GATE), (0,)) if ascii or _YEAR_GATE.search(folded) else ():
        fiscal = m.group("fiscal").lower().startswith(("fiscal", "fy"))
        out.append(PeriodMention(m.group(0), m.start(), m.end(), "year", None, _year(m.group("year")), "en", fiscal))
    anchor, reach = cal.en_relative_anchor
    # tried only near "quarter", "year" ..., which an ASCII text's folded form locates fastest
    gated = ascii or _passes(cal.en_relative_folded, folded)
    for m in anchored(cal.en_relative, (anchor, cal.en_relative_folded), (reach,)) if gated else ():
        out.append(PeriodMention(m.group(0), m.start(), m.end(), "quarter", None, None, "en", False, m.lastgroup))
    out.sort(key=lambda p: p.start)
    return out


def _find_periods_zh(text: str, cal: Calendar) -> list[PeriodMention]:
    norm = to_halfwidth(text)
    out: list[PeriodMention] = []
    for m in cal.zh_quarter.finditer(norm):
        if m.group("ord"):
            number = cal.zh_ordinals[m.group("ord")]
            year = _year(m.group("year"))
        else:
            number, year = int(m.group("q")), _year(m.group("year2"))
        out.append(PeriodMention(text[m.start() : m.end()], m.start(), m.end(), "quarter", number, year, "zh", bool(m.groupdict().get("fiscal"))))
    for m in cal.zh_half.finditer(norm):
        number = cal.zh_halves[m.group("which")]
        out.append(PeriodMention(text[m.start() : m.end()], m.start(), m.end(), "half", number, _year(m.group("year")), "zh"))
    for m in cal.zh_relative.finditer(norm):
        out.append(PeriodMention(text[m.start() : m.end()], m.start(), m.end(), "quarter", None, None, "zh", False, m.lastgroup))
    out.sort(key=lambda p: p.start)
    return out


def find_period_ends(text: str, words: Words | None = None) -> list[PeriodEndMention]:
    """Quarters and halves said to end on a date in English `text` ("Q3 ended September 30").

    An ordinal needs its period word ("second quarter", not "second"); a half has no third or
    fourth. The month is that of the stated end date.
    """
    cal = calendar_words(words or default_words())
    out: list[PeriodEndMention] = []
    verbs = cal.period_end_verbs
    if verbs is not None and not any(map(fold(text).__contains__, verbs)):  # no "ended", "closed" ...
        return out
    for m in cal.period_end.finditer(text):
        if m.group("q"):
            kind, number = "quarter", int(m.group("q"))
        elif m.group("kind") is None:
            continue
        else:
            kind, number = m.group("kind").lower(), cal.ordinal_words[m.group("ord").lower()]
        if kind == "half" and number > 2:
            continue
        month = next(i for i, n in enumerate(cal.month_names, 1) if n.lower() == m.group("month").lower())
        out.append(PeriodEndMention(m.group(0), m.start(), m.end(), kind, number, month))
    return out
