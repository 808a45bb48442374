"""Dates and reporting periods in English and Chinese text, parsed once and shared by the checks.

Why shared: the date check looks for impossible and contradictory dates, the translation check
compares the dates and periods of both sides, and the figure checks need the period a number
belongs to. They must read "June 30, 2025", "6月30日", "second quarter of 2025" and "第二季" alike.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from auditor.textutil import to_halfwidth

MONTHS: dict[str, int] = {}
for _i, _name in enumerate(calendar.month_name):
    if _name:
        MONTHS[_name.lower()] = _i
        MONTHS[calendar.month_abbr[_i].lower()] = _i
MONTHS["sept"] = 9

ORDINALS: dict[str, int] = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
}
ZH_ORDINALS: dict[str, int] = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}


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


def days_in_month(month: int, year: int | None) -> int:
    """Days of a month; February has 29 when the year is unknown (the charitable reading)."""
    if month == 2 and year is None:
        return 29
    return calendar.monthrange(year or 2001, month)[1]


# --- English dates ----------------------------------------------------------------------------

_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_EN_CUE = r"(?P<cue>as of|as at|ended|ending|ends|end(?:ed)? on|through|until|by|on)\s+"
EN_DATE_MDY = re.compile(
    rf"(?:{_EN_CUE})?\b(?P<month>{_MONTH_NAMES})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b"
    rf"(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?",
    re.IGNORECASE,
)
EN_DATE_DMY = re.compile(
    rf"(?:{_EN_CUE})?\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{_MONTH_NAMES})\b\.?"
    rf"(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?",
    re.IGNORECASE,
)
EN_DATE_ISO = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)\b")

ZH_DATE = re.compile(
    r"(?P<cue>截至|截止|於|于|至)?(?:(?P<year>(?:19|20)\d\d)\s?年\s?)?(?P<month>1[0-2]|0?[1-9]|[一二三四五六七八九十]{1,3})\s?月"
    r"(?:\s?(?P<day>[0-3]?\d|[一二三四五六七八九十]{1,3})\s?[日號号])?"
)

_CN_SMALL = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def _small_cn(text: str) -> int | None:
    """Chinese numerals up to 39 (months and days): '六' -> 6, '三十一' -> 31."""
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, units = text.partition("十")
        value = (_CN_SMALL.get(tens, 0) if tens else 1) * 10
        return value + (_CN_SMALL.get(units, 0) if units else 0)
    if len(text) == 1:
        return _CN_SMALL.get(text)
    return None


def find_dates(text: str, lang: str = "en") -> list[DateMention]:
    """Calendar dates in `text`, impossible ones included (that is what the date check wants)."""
    if lang.startswith("zh"):
        return _find_dates_zh(text)
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for rx in (EN_DATE_MDY, EN_DATE_DMY, EN_DATE_ISO):
        for m in rx.finditer(text):
            start = m.start()
            if any(a < m.end() and start < b for a, b in taken):
                continue
            month_txt = m.group("month")
            month = int(month_txt) if month_txt.isdigit() else MONTHS[month_txt.lower().rstrip(".")]
            if not 1 <= month <= 12:
                continue  # "2025-13-45" is not a date at all
            # "May 5" is a date; "may 5 customers" is not: require a capitalised month name
            if not month_txt.isdigit() and not month_txt[0].isupper():
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
            taken.append((start, m.end()))
    found.sort(key=lambda d: d.start)
    return found


def _find_dates_zh(text: str) -> list[DateMention]:
    norm = to_halfwidth(text)
    found: list[DateMention] = []
    for m in ZH_DATE.finditer(norm):
        month = _small_cn(m.group("month"))
        if month is None or not 1 <= month <= 12:
            continue
        day = _small_cn(m.group("day")) if m.group("day") else None
        year = int(m.group("year")) if m.group("year") else None
        # "三個月" (three months) is a duration, not a date
        after = norm[m.end() : m.end() + 1]
        if day is None and after and after in "內内份個个":
            continue
        if day is None and year is None and not m.group("month").isdigit():
            continue
        if norm[max(0, m.start("month") - 1) : m.start("month")] in ("個", "个", "幾", "几", "第"):
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

_ORD = r"first|second|third|fourth|1st|2nd|3rd|4th"
_YEAR = r"(?:19|20)\d\d"
EN_QUARTER = re.compile(
    rf"\b(?P<fiscal>fiscal\s+)?(?:(?P<ord>{_ORD})[\s-]+quarter(?:\s+(?:of\s+)?(?:(?P<fiscal2>fiscal\s+(?:year\s+)?)?)(?P<year>{_YEAR}))?"
    rf"|Q(?P<q>[1-4])(?:\s*(?:FY)?'?(?P<year2>{_YEAR}|\d\d)\b)?"
    rf"|(?P<q3>[1-4])Q(?P<year3>\d\d)\b)",
    re.IGNORECASE,
)
EN_HALF = re.compile(
    rf"\b(?:(?P<which>first|second)\s+half(?:\s+of)?(?:\s+(?P<fiscal>fiscal\s+)?(?P<year>{_YEAR}))?"
    rf"|(?P<h>[12])H(?P<year2>\d\d)\b|H(?P<h2>[12])\s?(?P<year3>{_YEAR})?)",
    re.IGNORECASE,
)
EN_YEAR = re.compile(rf"\b(?:(?P<fiscal>fiscal(?:\s+year)?|full[\s-]year|FY)\s*(?P<year>{_YEAR}|\d\d)\b)", re.IGNORECASE)
EN_RELATIVE = re.compile(
    r"\b(?P<cur>this quarter|the quarter|current quarter)\b"
    r"|\b(?P<prev>last quarter|previous quarter|prior quarter|preceding quarter|sequentially|quarter[\s-]over[\s-]quarter)\b"
    r"|\b(?P<ago>same (?:quarter|period) (?:of |in )?last year|same (?:quarter|period) (?:of |in )?(?:the )?(?:prior|previous) year|year[\s-](?:over|on)[\s-]year|a year ago)\b",
    re.IGNORECASE,
)

ZH_QUARTER = re.compile(
    r"(?:(?P<year>(?:19|20)\d\d)\s?年\s?(?:度)?)?(?:(?P<fiscal>財年|财年|財政年度)\s?)?第\s?(?P<ord>[一二三四1-4])\s?(?:季度|季|財季|财季)"
    r"|(?:(?P<year2>(?:19|20)\d\d)\s?年\s?)?Q(?P<q>[1-4])"
)
ZH_HALF = re.compile(r"(?:(?P<year>(?:19|20)\d\d)\s?年\s?)?(?P<which>上|下)半年")
ZH_RELATIVE = re.compile(
    r"(?P<cur>本季度?|當季|当季|本季)"
    r"|(?P<prev>上季度?|上一季度?|季增|季減|季减|環比|环比|較上季|较上季)"
    r"|(?P<ago>去年同期|上年同期|同比|年增|年減|年减|年成長|年增長|年增长)"
)


def _year(text: str | None) -> int | None:
    if not text:
        return None
    value = int(text)
    return value + 2000 if value < 100 else value


def find_periods(text: str, lang: str = "en") -> list[PeriodMention]:
    """Reporting periods mentioned in `text`: quarters, halves, (fiscal) years and relative ones."""
    if lang.startswith("zh"):
        return _find_periods_zh(text)
    out: list[PeriodMention] = []
    for m in EN_QUARTER.finditer(text):
        if m.group("ord"):
            number = ORDINALS[m.group("ord").lower()]
            year = _year(m.group("year"))
        elif m.group("q"):
            number, year = int(m.group("q")), _year(m.group("year2"))
        else:
            number, year = int(m.group("q3")), _year(m.group("year3"))
        fiscal = bool(m.group("fiscal") or m.group("fiscal2"))
        out.append(PeriodMention(m.group(0), m.start(), m.end(), "quarter", number, year, "en", fiscal))
    for m in EN_HALF.finditer(text):
        if m.group("which"):
            number = 1 if m.group("which").lower() == "first" else 2
            year = _year(m.group("year"))
        elif m.group("h"):
            number, year = int(m.group("h")), _year(m.group("year2"))
        else:
            number, year = int(m.group("h2")), _year(m.group("year3"))
        out.append(PeriodMention(m.group(0), m.start(), m.end(), "half", number, year, "en", bool(m.groupdict().get("fiscal"))))
    for m in EN_YEAR.finditer(text):
        fiscal = m.group("fiscal").lower().startswith(("fiscal", "fy"))
        out.append(PeriodMention(m.group(0), m.start(), m.end(), "year", None, _year(m.group("year")), "en", fiscal))
    for m in EN_RELATIVE.finditer(text):
        rel = "current" if m.group("cur") else "previous" if m.group("prev") else "year_ago"
        out.append(PeriodMention(m.group(0), m.start(), m.end(), "quarter", None, None, "en", False, rel))
    out.sort(key=lambda p: p.start)
    return out


def _find_periods_zh(text: str) -> list[PeriodMention]:
    norm = to_halfwidth(text)
    out: list[PeriodMention] = []
    for m in ZH_QUARTER.finditer(norm):
        if m.group("ord"):
            number = ZH_ORDINALS[m.group("ord")]
            year = _year(m.group("year"))
        else:
            number, year = int(m.group("q")), _year(m.group("year2"))
        out.append(PeriodMention(text[m.start() : m.end()], m.start(), m.end(), "quarter", number, year, "zh", bool(m.groupdict().get("fiscal"))))
    for m in ZH_HALF.finditer(norm):
        number = 1 if m.group("which") == "上" else 2
        out.append(PeriodMention(text[m.start() : m.end()], m.start(), m.end(), "half", number, _year(m.group("year")), "zh"))
    for m in ZH_RELATIVE.finditer(norm):
        rel = "current" if m.group("cur") else "previous" if m.group("prev") else "year_ago"
        out.append(PeriodMention(text[m.start() : m.end()], m.start(), m.end(), "quarter", None, None, "zh", False, rel))
    out.sort(key=lambda p: p.start)
    return out
