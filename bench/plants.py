"""Planting rules for the quality harness: put ONE known error into a copy of a real call.

Why planting: a real call has no answer key, so recall cannot be measured on it directly. Planting
a known error into real text (with its real phrasing, disfluencies and layout) tells whether the
auditor finds that kind of error where it actually occurs, which synthetic fixtures cannot.

Each planter is a general rule over the text (regular expressions and small word tables, never a
file name, line or figure of a particular call). It takes the call's physical lines and a seeded
`random.Random`, and returns a `Plant` (the one line it changes, before and after) or None when the
call offers no place for that class. Planters only touch speech lines (after the first speaker
header, not a header, not a Chinese translation line) unless the class is about headers.

Each class offers several surface forms; a planter first picks one of the forms the call offers,
then one place, so that a frequent form does not crowd out the others.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

__all__ = [
    "CLASSES",
    "Plant",
    "PlantClass",
    "body_indices",
    "header_parts",
    "is_header",
    "name_speakers",
]


@dataclass(frozen=True)
class Plant:
    """One planted error: `line` (1-based) reads `after` instead of `before`.

    `also_lines` receive the same replacement (the second line of a bilingual header pair, which
    must stay identical to the first). `form` names the surface form, for recall per form.
    """

    class_name: str
    line: int
    before: str
    after: str
    description: str
    form: str = ""
    also_lines: tuple[int, ...] = ()

    def apply(self, lines: Sequence[str]) -> list[str]:
        """The call's lines with the plant in place (line numbers unchanged)."""
        out = list(lines)
        for number in (self.line, *self.also_lines):
            if out[number - 1] != self.before:
                raise ValueError(f"line {number} does not read as the plant expects")
            out[number - 1] = self.after
        return out

    @property
    def lines(self) -> tuple[int, ...]:
        return (self.line, *self.also_lines)


Planter = Callable[[Sequence[str], random.Random], Plant | None]


@dataclass(frozen=True)
class PlantClass:
    """A class of planted error: its planter, the checks meant to find it, and an optional
    preparation applied to the clean AND the planted copy (so the comparison stays fair)."""

    name: str
    planter: Planter
    checks: tuple[str, ...]
    prepare: Callable[[Sequence[str]], list[str]] | None = None

    @property
    def doc(self) -> str:
        return (self.planter.__doc__ or "").strip()


# --- layout -----------------------------------------------------------------------------------

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_NAME_WORD = r"[A-Z][\w.'’\-]*"
_HEADER = re.compile(
    rf"^(?P<name>{_NAME_WORD}(?:\s+(?:{_NAME_WORD}|\d{{1,3}}|de|da|van|von|der|del|la|le|bin|al|dos|du)){{0,5}})"
    r"\s+[-–—]\s+(?P<role>[A-Z0-9][^.?!]{0,150}\.?)$"
)
_BARE_LABELS = frozenset({
    "operator", "moderator", "host", "coordinator", "presenter", "editor", "interpreter",
    "unidentified participant", "unidentified analyst", "unidentified speaker",
    "unidentified company representative", "unknown speaker", "unknown analyst",
    "company representative", "corporate participant",
})
#: header names that carry no person's name (the dev corpus labels every speaker `Speaker N`)
_GENERIC_SPEAKER = re.compile(r"^(?:Speaker|Participant|Unknown|Caller)\b", re.I)


def header_parts(line: str) -> tuple[str, str | None] | None:
    """(name, role) when `line` is a speaker header (`Name - Role` or a bare label), else None.

    A lenient reading of the auditor's layouts, kept here so that the planting rules do not depend
    on the auditor's internals (which are being refactored): it only has to tell speech from
    headers, and speech lines are long sentences.
    """
    text = line.strip()
    if not text or len(text) > 200 or _HAN.search(text):
        return None
    if text.lower() in _BARE_LABELS:
        return text, None
    m = _HEADER.match(text)
    if m and len(m.group("role").split()) <= 20:
        return m.group("name"), m.group("role").strip()
    return None


def is_header(line: str) -> bool:
    return header_parts(line) is not None


def body_indices(lines: Sequence[str]) -> list[int]:
    """0-based indices of English speech lines: after the first header, not headers, not Chinese."""
    out: list[int] = []
    seen_header = False
    for i, line in enumerate(lines):
        if is_header(line):
            seen_header = True
            continue
        if seen_header and line.strip() and not _HAN.search(line):
            out.append(i)
    return out


# --- shared pieces ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Spot:
    """A candidate change: replace lines[index][start:end] by `new`."""

    index: int
    start: int
    end: int
    new: str
    form: str
    description: str


def _choose(class_name: str, lines: Sequence[str], spots: list[_Spot], rng: random.Random) -> Plant | None:
    """Pick a form uniformly among those offered, then a place; build the Plant."""
    if not spots:
        return None
    forms = sorted({s.form for s in spots})
    form = rng.choice(forms)
    spot = rng.choice([s for s in spots if s.form == form])
    before = lines[spot.index]
    after = before[: spot.start] + spot.new + before[spot.end:]
    return Plant(class_name, spot.index + 1, before, after, spot.description, form)


def _sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    """Start and end of the sentence around `pos` (a plain splitter: '. ' followed by a capital)."""
    start = 0
    for m in re.finditer(r"[.!?]\s+(?=[A-Z\"'(\[])", text[:pos]):
        start = m.end()
    m2 = re.search(r"[.!?](?=\s+[A-Z\"'(\[]|\s*$)", text[pos:])
    end = pos + m2.end() if m2 else len(text)
    return start, end


def _preserve_case(model: str, word: str) -> str:
    if model.isupper() and len(model) > 1:
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


MONTHS: dict[str, int] = {
    "january": 31, "february": 29, "march": 31, "april": 30, "may": 31, "june": 30, "july": 31,
    "august": 31, "september": 30, "october": 31, "november": 30, "december": 31,
}
_MONTH_ABBR = {"jan": "january", "feb": "february", "mar": "march", "apr": "april", "jun": "june",
               "jul": "july", "aug": "august", "sep": "september", "sept": "september", "oct": "october",
               "nov": "november", "dec": "december"}
_MONTH_RE = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
             r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)")


def _month(word: str) -> str:
    w = word.lower().rstrip(".")
    return _MONTH_ABBR.get(w, w)


def _ordinal(day: int) -> str:
    if 10 <= day % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


# "June 30", "June 30th", "June 30, 2021" / "30 June", "30th of June"
_DATE_MD = re.compile(rf"\b(?P<month>{_MONTH_RE})\s+(?P<day>\d{{1,2}})(?P<suffix>st|nd|rd|th)?(?![\d.,]?\d)"
                      r"(?P<year>,?\s+(?:19|20)\d\d\b)?")
_DATE_DM = re.compile(rf"(?<![\d.,])\b(?P<day>\d{{1,2}})(?P<suffix>st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{_MONTH_RE})"
                      r"(?![a-z])(?P<year>,?\s+(?:19|20)\d\d\b)?")


@dataclass(frozen=True)
class _Date:
    index: int
    start: int          # of the day digits
    end: int            # end of the day digits and ordinal suffix
    month: str
    day: int
    suffix: str
    year: str
    order: str          # "month-day" or "day-month"
    lead: str           # the reference word before the date ("as of", "ended", ...) or ""


_REF_LEAD = re.compile(r"(?:as\s+of|as\s+at|as\s+on|ended|ending|end\s+of|through|to)\s+(?:the\s+)?$", re.I)


def _dates(lines: Sequence[str]) -> list[_Date]:
    out: list[_Date] = []
    for i in body_indices(lines):
        text = lines[i]
        for rx, order in ((_DATE_MD, "month-day"), (_DATE_DM, "day-month")):
            for m in rx.finditer(text):
                day = int(m.group("day"))
                month = _month(m.group("month"))
                if not 1 <= day <= 31 or month not in MONTHS:
                    continue
                lead_m = _REF_LEAD.search(text[max(0, m.start() - 20): m.start()])
                suffix = m.group("suffix") or ""
                out.append(_Date(i, m.start("day"), m.end("day") + len(suffix), month, day, suffix,
                                 (m.group("year") or "").strip(" ,"), order,
                                 re.sub(r"\s+", " ", lead_m.group(0).strip().lower()) if lead_m else ""))
    return out


def _month_end(month: str, day: int) -> bool:
    """The last day of the month (February: 28 or 29), the usual reference date of a period."""
    return day in (28, 29) if month == "february" else day == MONTHS[month]


def _day_text(day: int, suffix: str) -> str:
    return f"{day}{_ordinal(day) if suffix else ''}"


# --- date_impossible --------------------------------------------------------------------------


def plant_date_impossible(lines: Sequence[str], rng: random.Random) -> Plant | None:
    """A real month-end date becomes one the calendar does not have.

    "June 30" / "30th of June" / "September 30, 2021" (the last day of a 30-day month) become 31;
    "February 28" becomes 30. This is the typical mis-hearing or typo of a quarter-end date.
    Forms: month-day, month-day with year, day-month, February.
    """
    spots: list[_Spot] = []
    for d in _dates(lines):
        if d.month == "february" and d.day in (28, 29):
            new_day, form = 30, "february"
        elif MONTHS[d.month] == 30 and d.day == 30:
            new_day = 31
            form = "day-month" if d.order == "day-month" else ("month-day-year" if d.year else "month-day")
        else:
            continue
        new = _day_text(new_day, d.suffix)
        spots.append(_Spot(d.index, d.start, d.end, new, form,
                           f"{d.month.title()} {d.day} -> {d.month.title()} {new_day} ({form})"))
    return _choose("date_impossible", lines, spots, rng)


# --- date_conflict ----------------------------------------------------------------------------

#: plausible slips of a month-end day: thirty/thirteen, thirty/twenty, off by one
_DAY_SLIPS: dict[int, tuple[int, ...]] = {31: (30, 21, 13), 30: (20, 13, 29), 29: (28, 19), 28: (27, 18)}


def plant_date_conflict(lines: Sequence[str], rng: random.Random) -> Plant | None:
    """A reference date stated twice in one call ("as of June 30" ... "as of June 30, 2021") gets
    another day of the same month at one of its mentions, while another mention keeps the month-end.

    Only reference phrasings count ("as of", "as at", "ended", "ending", "end of", "through", "to"),
    and the two mentions must agree on month (and year, when both give one). The new day is a
    plausible slip (thirty/thirteen, thirty/twenty, off by one). Forms: the phrasing of the mention
    that is changed ("as of", "ended", ...).
    """
    refs = [d for d in _dates(lines) if d.lead]
    spots: list[_Spot] = []
    for d in refs:
        if not _month_end(d.month, d.day):
            continue
        partners = [o for o in refs if (o.index, o.start) != (d.index, d.start) and o.month == d.month
                    and o.day == d.day and (not o.year or not d.year or o.year == d.year)]
        if not partners:
            continue
        for new_day in _DAY_SLIPS.get(d.day, ()):
            new = _day_text(new_day, d.suffix)
            lead = "as of" if d.lead.startswith("as") else d.lead.split()[0]
            spots.append(_Spot(d.index, d.start, d.end, new, lead,
                               f"'{d.lead} {d.month.title()} {d.day}' restated as day {new_day}; "
                               f"also stated on line {partners[0].index + 1}"))
    return _choose("date_conflict", lines, spots, rng)


# --- figures: numbers, units, metric phrases ----------------------------------------------------

_CUR = (r"(?:US\$|USD\s?|RMB\s?|HK\$|NT\$|A\$|C\$|S\$|R\$|\$|€|£|¥|EUR\s?|GBP\s?|INR\s?|Rs\.?\s?|CHF\s?"
        r"|SEK\s?|DKK\s?|NOK\s?|PLN\s?|TRY\s?|IDR\s?|BRL\s?)")
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = r"(?:thousand|million|billion|trillion|bn|mn|mln|crores?|lakhs?)"
_CURWORD = r"(?:dollars|euros|pesos|reais|rupees|yuan|won|yen|rubles|roubles|lira|liras|zloty|rand|pounds|francs|krona|kroner)"
_AMOUNT = re.compile(
    rf"(?<![\w.,$€£¥])(?P<cur>{_CUR})?(?P<num>{_NUM})(?![\d])"
    rf"(?:\s?(?P<scale>{_SCALE})\b)?(?:\s(?P<curword>{_CURWORD})\b)?"
    r"(?P<pct>\s?%|\s(?:percent|per\s?cent)\b)?"
)
_SCALES = {"thousand": 1e3, "million": 1e6, "mn": 1e6, "mln": 1e6, "billion": 1e9, "bn": 1e9,
           "trillion": 1e12, "crore": 1e7, "crores": 1e7, "lakh": 1e5, "lakhs": 1e5}


@dataclass(frozen=True)
class _Amount:
    start: int
    end: int
    num_start: int
    num_end: int
    num: str
    value: float          # scaled
    kind: str             # "pct", "money" or "plain"
    scale: str
    text: str


def _amounts(text: str) -> list[_Amount]:
    out: list[_Amount] = []
    for m in _AMOUNT.finditer(text):
        num = m.group("num")
        if re.match(r"\s\.\d", text[m.end("num"):m.end("num") + 3]):
            continue  # "61 .1 million": a number split by the transcriber
        raw = float(num.replace(",", ""))
        scale = (m.group("scale") or "").lower()
        if m.group("pct"):
            kind = "pct"
        elif m.group("cur") or m.group("curword"):
            kind = "money"
        else:
            kind = "plain"
        if kind == "plain" and not scale and re.fullmatch(r"(?:19|20)\d\d", num):
            continue  # a year
        out.append(_Amount(m.start(), m.end(), m.start("num"), m.end("num"), num,
                           raw * _SCALES.get(scale, 1.0), kind, scale, m.group(0).strip()))
    return out


def _decimals(num: str) -> int:
    return len(num.split(".")[1]) if "." in num else 0


def _half_unit(num: str) -> float:
    return 0.5 * 10 ** -_decimals(num)


_TEEN_TY = {str(t): str((t - 10) * 10) for t in range(13, 20)}
_TY_TEEN = {v: k for k, v in _TEEN_TY.items()}
_TEEN_WORDS = ["thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TY_WORDS = ["thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def _teen_ty(num: str) -> str | None:
    """13 <-> 30 ... 19 <-> 90 on the integer part ("14.5" -> "40.5", "70" -> "17"), else None."""
    whole, _, frac = num.partition(".")
    swapped = _TEEN_TY.get(whole) or _TY_TEEN.get(whole)
    if swapped is None:
        return None
    return swapped + ("." + frac if frac else "")


def _number_slips(num: str) -> dict[str, list[str]]:
    """Slips of a written number by kind: one digit changed, two adjacent digits transposed,
    teen/ty. Separators and the number of digits are kept; no leading zero is created; trailing
    zeros of a whole number are left alone."""
    digits = [i for i, ch in enumerate(num) if ch.isdigit()]
    if "." not in num:  # "1,075,000,000": trailing zeros are the scale, not digits one mis-hears
        while len(digits) > 1 and num[digits[-1]] == "0":
            digits.pop()
    out: dict[str, list[str]] = {"digit": [], "transposition": [], "teen_ty": []}
    for i in digits:
        d = int(num[i])
        for nd in ((d + 1) % 10, (d - 1) % 10):
            if i == digits[0] and nd == 0:
                continue
            out["digit"].append(num[:i] + str(nd) + num[i + 1:])
    for a, b in zip(digits, digits[1:], strict=False):
        if b == a + 1 and num[a] != num[b] and not (a == digits[0] and num[b] == "0"):
            out["transposition"].append(num[:a] + num[b] + num[a] + num[b + 1:])
    tt = _teen_ty(num)
    if tt:
        out["teen_ty"].append(tt)
    return {k: v for k, v in out.items() if v}


#: metric phrases that govern a figure (lower case; longest first when matching)
METRICS: tuple[str, ...] = (
    "net interest margin", "net interest income", "earnings per share", "operating expenses",
    "capital expenditures", "capital expenditure", "free cash flow", "operating cash flow", "operating income",
    "operating profit", "operating margin", "gross margin", "gross profit", "net income", "net profit",
    "net margin", "net debt", "net loss", "cash flow", "market share", "ebitda margin", "ebitda", "ebit",
    "revenues", "revenue", "sales", "turnover", "eps", "capex", "opex", "dividend", "payout ratio",
    "cost of risk", "cost-to-income", "cost to income", "roe", "roa", "return on equity", "tax rate",
    "leverage", "loans", "loan book", "deposits", "backlog", "order intake", "orders", "bookings",
    "production", "volumes", "volume", "shipments", "subscribers", "customers", "occupancy", "utilization",
    "utilisation", "churn", "penetration", "margin", "profit", "income", "earnings", "costs", "cost",
    "expenses", "growth", "yield", "ratio", "rate", "share", "cash",
)
_METRIC_RE = re.compile(r"\b(?:" + "|".join(re.escape(m) for m in sorted(METRICS, key=len, reverse=True))
                        + r")\b", re.I)


#: metric words too general to say that two figures are the same quantity
_GENERIC_METRICS = frozenset({"growth", "rate", "ratio", "share", "yield", "cost", "costs", "income", "profit",
                              "earnings", "expenses", "volume", "volumes"})


#: metrics that are themselves percentages (a percentage stated for them is their value)
_RATIO_METRIC = re.compile(r"margin|ratio|share|rate|roe|roa|return|payout|occupancy|utili[sz]ation|penetration"
                           r"|churn|cost of risk|cost.to.income|yield")


#: words between a metric and its figure that make the figure a change, a target or an estimate
_NOT_STATED = re.compile(r"\b(?:increase[ds]?|decrease[ds]?|grew|grow|growth|rose|rise|fell|fall|declined?|up|down|by"
                         r"|from|improved?|expanded|reduc\w*|guid\w*|target\w*|expect\w*|over|under|above|below"
                         r"|around|about|approximately|close\s+to|nearly|almost|between|would|could|will)\b", re.I)


def _governing_metric(text: str, pos: int, sent_start: int, stated: bool = False) -> str | None:
    """The metric phrase nearest before `pos` in its sentence and within 80 characters, with no
    other figure in between (so that it governs this figure). With `stated`, only a figure the
    metric is said to BE ("revenue was", "EBITDA of"), not a change, target or estimate of it."""
    window_start = max(sent_start, pos - 80)
    window = text[window_start:pos]
    hits = list(_METRIC_RE.finditer(window))
    if not hits:
        return None
    last = hits[-1]
    between = window[last.end():]
    if re.search(r"\d", between):
        return None
    if stated and (_NOT_STATED.search(between) or len(between.split()) > 6):
        return None
    return last.group(0).lower()


# --- teen_ty ----------------------------------------------------------------------------------

_PCT_WORDS = re.compile(r"\b(?P<word>" + "|".join(_TEEN_WORDS + _TY_WORDS) + r")(?P<rest>(?:\s+point\s+\w+)?\s+per\s?cent)\b",
                        re.I)


#: a sentence comparing periods ("this quarter, compared with ... last year")
_PERIOD_CUE = re.compile(r"\b(?:compared|versus|vs\.?|last\s+(?:year|quarter)|a\s+year\s+(?:ago|earlier)|prior\s+year"
                         r"|previous\s+(?:year|quarter)|same\s+(?:period|quarter))\b", re.I)


def plant_teen_ty(lines: Sequence[str], rng: random.Random) -> Plant | None:
    """A percentage heard the other way round: 13-19% becomes 30-90% (seventeen -> seventy), and
    30, 40 ... 90% becomes the teen. Only percentages in a sentence with a metric phrase.

    Forms: teen->ty and ty->teen, each in a series (the sentence compares periods and states two
    or more other percentages: "41% this quarter, compared with 40% and 39%") or alone; decimals keep their
    fraction ("14.5%" -> "40.5%"); spelt-out percentages ("seventeen percent") as their own form.
    """
    spots: list[_Spot] = []
    for i in body_indices(lines):
        text = lines[i]
        amounts = _amounts(text)
        for a in amounts:
            if a.kind != "pct":
                continue
            new = _teen_ty(a.num)
            if new is None:
                continue
            s, e = _sentence_bounds(text, a.start)
            metric = _METRIC_RE.search(text[s:e])
            if not metric:
                continue
            others = sum(1 for b in amounts if b.kind == "pct" and s <= b.start < e and b is not a)
            direction = "teen->ty" if a.num.split(".")[0] in _TEEN_TY else "ty->teen"
            shape = "series" if others >= 2 and _PERIOD_CUE.search(text[s:e]) else "alone"
            spots.append(_Spot(i, a.num_start, a.num_end, new, f"{direction} {shape}",
                               f"{a.num}% -> {new}% ({metric.group(0).lower()} context, {shape})"))
        for m in _PCT_WORDS.finditer(text):
            s, e = _sentence_bounds(text, m.start())
            metric = _METRIC_RE.search(text[s:e])
            if not metric:
                continue
            word = m.group("word").lower()
            new_word = (_TY_WORDS[_TEEN_WORDS.index(word)] if word in _TEEN_WORDS
                        else _TEEN_WORDS[_TY_WORDS.index(word)])
            spots.append(_Spot(i, m.start("word"), m.end("word"), _preserve_case(m.group("word"), new_word),
                               "spelt out", f"'{m.group('word')} percent' -> '{new_word} percent'"))
    return _choose("teen_ty", lines, spots, rng)


# --- change_rate ------------------------------------------------------------------------------

_UP = r"(?:up|increased|increase|grew|growth|rose|rise|improved|improvement|higher|expanded|jumped)"
_DOWN = r"(?:down|decreased|decrease|declined|decline|fell|fall|dropped|drop|lower|reduced|reduction|contracted)"
_RATE = r"(?P<rate>\d+(?:\.\d+)?)\s?(?:%|percent\b|per\s?cent\b)"
_FIG = rf"(?:{_CUR})?(?:{_NUM})(?:\s?{_SCALE}\b)?(?:\s{_CURWORD}\b)?"
_PERIOD = r"(?:\s+(?:in|at|for|during|of)\s+[^.;%]{1,30}?)?"
_FROM_TO = (rf"from\s+(?:a\s+|an\s+)?(?:level\s+of\s+)?(?P<a>{_FIG}){_PERIOD},?\s+to\s+(?:a\s+|an\s+)?"
            rf"(?:around\s+|about\s+)?(?P<b>{_FIG})")
_LEAD_IN = r"(?:by\s+|of\s+|some\s+|about\s+|around\s+|nearly\s+|almost\s+)?"
#: "up 31.3% from A to B" (the rate before its figures)
_RATE_FIRST = re.compile(rf"\b(?P<dir>{_UP}|{_DOWN})\s+{_LEAD_IN}{_RATE}[^.;%]{{0,60}}?\b{_FROM_TO}", re.I)
#: "from A to B, an increase of 31.3%" / "from A to B, up 31.3%"
_RATE_LAST = re.compile(rf"\b{_FROM_TO}[,;]?\s+(?:which\s+is\s+|that\s+is\s+|representing\s+|or\s+)?(?:an?\s+)?"
                        rf"(?:(?:year[- ]on[- ]year|year[- ]over[- ]year|yoy|annual)\s+)?"
                        rf"(?P<dir>{_UP}|{_DOWN})\s+{_LEAD_IN}{_RATE}", re.I)
#: "B, up 31.3% from A" / "B, representing an increase of 31.3% from A in the same quarter last year"
_RESULT_FIRST = re.compile(rf"(?P<b>{_FIG})(?![\d%])[^.;%]{{0,40}}?\b(?P<dir>{_UP}|{_DOWN})\s+{_LEAD_IN}{_RATE}\s+"
                           rf"(?:(?:year[- ]on[- ]year|year[- ]over[- ]year|yoy)\s+)?(?:from|compared\s+(?:to|with)|versus|vs\.?)"
                           rf"\s+(?P<a>{_FIG})", re.I)


#: "B compared to A last year, an increase of 31.3%" / "B versus A, up 31.3%"
_VERSUS = re.compile(rf"(?P<b>{_FIG})(?![\d%])[^.;%]{{0,30}}?\b(?:compared\s+(?:to|with)|versus|vs\.?|against|from)\s+"
                     rf"(?P<a>{_FIG})(?![\d%])[^.;%\d]{{0,50}}?\b(?P<dir>{_UP}|{_DOWN})\s+{_LEAD_IN}{_RATE}", re.I)


def _fig_value(text: str) -> tuple[float, str, str, str] | None:
    """(value before scale, scale, number text, kind) of one figure text."""
    found = _amounts(text)
    if not found:
        return None
    a = found[0]
    return float(a.num.replace(",", "")), a.scale, a.num, a.kind


def _rate_range(fa: tuple[float, str, str, str], fb: tuple[float, str, str, str]) -> tuple[float, float] | None:
    """The change from A to B in percent (magnitude), as an interval: each printed figure stands
    for half a unit of its last digit either way. A figure without a scale word takes the other's."""
    scale_a = _SCALES.get(fa[1] or fb[1], 1.0)
    scale_b = _SCALES.get(fb[1] or fa[1], 1.0)
    a_lo, a_hi = (fa[0] - _half_unit(fa[2])) * scale_a, (fa[0] + _half_unit(fa[2])) * scale_a
    b_lo, b_hi = (fb[0] - _half_unit(fb[2])) * scale_b, (fb[0] + _half_unit(fb[2])) * scale_b
    if a_lo <= 0 or b_lo < 0:
        return None
    ends = [abs(b_lo / a_hi - 1) * 100, abs(b_hi / a_lo - 1) * 100]
    return min(ends), max(ends)


def plant_change_rate(lines: Sequence[str], rng: random.Random) -> Plant | None:
    """A change rate that stops following from its own figures.

    Where a sentence says "up/increased X% ... from A to B", "from A to B, an increase of X%",
    "B, up X% from A" or "B compared to A, an increase of X%", and X agrees with A and B (within rounding) in size and direction, X is
    replaced by a slip of itself (a digit, transposed digits, teen/ty) that lies clearly outside
    what A and B allow. Percentages as A and B are skipped (points or percent would be
    ambiguous). Forms: rate first, rate last, result first, versus.
    """
    spots: list[_Spot] = []
    for i in body_indices(lines):
        text = lines[i]
        for rx, form in ((_RATE_FIRST, "rate first"), (_RATE_LAST, "rate last"), (_RESULT_FIRST, "result first"),
                         (_VERSUS, "versus")):
            for m in rx.finditer(text):
                fa, fb = _fig_value(m.group("a")), _fig_value(m.group("b"))
                if not fa or not fb or "pct" in (fa[3], fb[3]):
                    continue
                rng_ab = _rate_range(fa, fb)
                if rng_ab is None:
                    continue
                lo, hi = rng_ab
                a_val = fa[0] * _SCALES.get(fa[1] or fb[1], 1.0)
                b_val = fb[0] * _SCALES.get(fb[1] or fa[1], 1.0)
                down = re.fullmatch(_DOWN, m.group("dir"), re.I) is not None
                if b_val == a_val or (b_val < a_val) != down:
                    continue  # no change, or the direction word and the figures disagree
                rate_text = m.group("rate")
                rate = float(rate_text)
                tol = _half_unit(rate_text) + 0.05
                if not lo - tol <= rate <= hi + tol:
                    continue  # already inconsistent in the clean call
                for kind, options in _number_slips(rate_text).items():
                    for new in options:
                        v = float(new)
                        if lo - max(1.0, 0.1 * lo) <= v <= hi + max(1.0, 0.1 * hi):
                            continue  # would still (nearly) follow from A and B
                        spots.append(_Spot(i, m.start("rate"), m.end("rate"), new, form,
                                           f"rate {rate_text}% -> {new}% ({kind}); "
                                           f"{m.group('a')} to {m.group('b')} gives {lo:.1f}-{hi:.1f}%"))
    return _choose("change_rate", lines, spots, rng)


# --- restatement ------------------------------------------------------------------------------


def plant_restatement(lines: Sequence[str], rng: random.Random) -> Plant | None:
    """A figure the call states twice for the same metric ("revenue of $4.6 billion" twice) is
    changed at one of the two places by a slip: one digit, two digits transposed, or teen/ty.

    A figure needs a unit (currency, scale word or percent) and a metric phrase governing it
    (nearest before it in its sentence, no figure in between, stated as its value: no change,
    target or estimate word between, not in a question); both mentions, on different lines, must
    have the same metric phrase and the same number and unit. Forms: the slip kind.
    """
    groups: dict[tuple[str, str, str], list[tuple[int, _Amount]]] = {}
    for i in body_indices(lines):
        text = lines[i]
        for a in _amounts(text):
            if a.kind == "plain" and not a.scale:
                continue
            s, e = _sentence_bounds(text, a.start)
            if text[s:e].rstrip().endswith("?"):
                continue  # a question's figure is the analyst's guess
            metric = _governing_metric(text, a.start, s, stated=True)
            if metric is None or metric in _GENERIC_METRICS:
                continue
            if a.kind == "pct" and not _RATIO_METRIC.search(metric):
                continue  # "revenue ... 5%" is a growth rate, which differs by period and basis
            unit = a.kind + ":" + (re.sub(r"[\d.,\s]", "", a.text).lower())
            groups.setdefault((metric, a.num, unit), []).append((i, a))
    spots: list[_Spot] = []
    all_nums = {a.num for i in body_indices(lines) for a in _amounts(lines[i])}
    for (metric, num, _unit), where in groups.items():
        if len({i for i, _a in where}) < 2:
            continue
        for k, (i, a) in enumerate(where):
            other = where[1] if k == 0 else where[0]
            for kind, options in _number_slips(num).items():
                for new in options:
                    if new in all_nums:
                        continue
                    spots.append(_Spot(i, a.num_start, a.num_end, new, kind,
                                       f"{metric} {a.text} -> {new} ({kind}); also stated on line {other[0] + 1}"))
    return _choose("restatement", lines, spots, rng)


# --- part_total -------------------------------------------------------------------------------

_PART_LINK = re.compile(r"(?P<link>,?\s+(?:of\s+which|out\s+of\s+which|including|includ(?:es|ed)|comprising)\b)", re.I)
_COUNT_OF = re.compile(rf"(?<![\d.,])\b(?P<part>\d{{1,3}}(?:,\d{{3}})*)\s+(?:out\s+)?of\s+(?:the|our|its|their|all|these|those)\s+"
                       rf"(?P<total>\d{{1,3}}(?:,\d{{3}})*)(?![\d.%])\s+(?!percent|per\s?cent|{_SCALE}\b)[a-z]", re.I)


def _bigger(num: str, multiplier: float, total: float) -> list[tuple[str, str]]:
    """Slips of a part's number that make it exceed `total` (the part's value is number x
    `multiplier`): the decimal point dropped ("12.5" -> "125"), the first digit doubled ("45" ->
    "445"). Returns (kind, new number text)."""
    out: list[tuple[str, str]] = []
    if "." in num and "," not in num:
        new = num.replace(".", "")
        if float(new) * multiplier > total:
            out.append(("decimal point dropped", new))
    if "," not in num:
        new = num[0] + num
        if float(new) * multiplier > total:
            whole, dot, frac = new.partition(".")
            out.append(("digit doubled", f"{int(whole):,}" + dot + frac))
    return out


def plant_part_total(lines: Sequence[str], rng: random.Random) -> Plant | None:
    """In a breakdown ("A, of which B", "A, including B", "12 of our 40 stores"), the part is made
    larger than its total by a slip: the decimal point dropped, a digit doubled, or a larger scale
    word (million -> billion). The part must be below its total in the clean call, in the same
    kind of unit (a part without a scale word takes its total's). Forms: of which, including, out
    of which, comprising, count of.
    """
    spots: list[_Spot] = []
    for i in body_indices(lines):
        text = lines[i]
        amounts = _amounts(text)
        for link in _PART_LINK.finditer(text):
            totals = [a for a in amounts if a.end <= link.start() and link.start() - a.end <= 25]
            parts = [a for a in amounts if a.start >= link.end() and a.start - link.end() <= 60]
            if not totals or not parts:
                continue
            total, part = totals[-1], parts[0]
            if re.search(r"\b(?:or|versus|vs|compared|from|than)\b", text[link.end():part.start], re.I):
                continue  # "including leases, or £938 million": an alternative, not a part
            if total.kind != part.kind or total.kind == "pct" or not (total.kind == "money" or total.scale):
                continue  # percentages and bare numbers: no reliable whole
            multiplier = _SCALES.get(part.scale or total.scale, 1.0)
            part_value = float(part.num.replace(",", "")) * multiplier
            if not 0 < part_value < total.value:
                continue
            form = re.sub(r"\s+", " ", link.group("link").strip(" ,").lower())
            form = "including" if form.startswith("includ") else form
            for kind, new in _bigger(part.num, multiplier, total.value):
                spots.append(_Spot(i, part.num_start, part.num_end, new, form,
                                   f"part {part.text} -> {new} ({kind}) exceeds total {total.text}"))
            raised = {"thousand": "million", "million": "billion"}.get(part.scale)
            if raised and part.scale == total.scale and float(part.num.replace(",", "")) * _SCALES[raised] > total.value:
                m = re.search(re.escape(part.scale), text[part.num_end:part.end])
                if m:
                    s0 = part.num_end + m.start()
                    spots.append(_Spot(i, s0, s0 + len(part.scale), raised, form,
                                       f"part {part.text} -> {part.num} {raised} (scale word) exceeds total {total.text}"))
        for m in _COUNT_OF.finditer(text):
            part_n, total_n = int(m.group("part").replace(",", "")), int(m.group("total").replace(",", ""))
            if not 0 < part_n < total_n:
                continue
            for kind, new in _bigger(m.group("part"), 1.0, float(total_n)):
                spots.append(_Spot(i, m.start("part"), m.end("part"), new, "count of",
                                   f"{m.group('part')} of {m.group('total')} -> {new} ({kind})"))
    return _choose("part_total", lines, spots, rng)


# --- term -------------------------------------------------------------------------------------

#: (the financial term, a known mis-hearing of it); plurals follow the term
MISHEARINGS: tuple[tuple[str, str], ...] = (
    ("gross margin", "growth margin"),
    ("gross profit", "growth profit"),
    ("cost of revenues", "cost of renews"),
    ("gearing ratio", "hearing ratio"),
)


def plant_term(lines: Sequence[str], rng: random.Random) -> Plant | None:
    """A financial term replaced by a known mis-hearing ("gross margin" -> "growth margin").

    Case is kept ("Gross margin" -> "Growth margin"), as is a plural. Forms: the term, and whether
    the call uses the correct term elsewhere (repeated) or only at the planted place (single): the
    auditor's rule needs in-document evidence or a cue for a warning.
    """
    spots: list[_Spot] = []
    body = body_indices(lines)
    for term, wrong in MISHEARINGS:
        rx = re.compile(r"\b" + re.escape(term) + r"(?=s?\b)", re.I)
        hits = [(i, m) for i in body for m in rx.finditer(lines[i])]
        for i, m in hits:
            shape = "repeated" if len(hits) > 1 else "single"
            spots.append(_Spot(i, m.start(), m.end(), _preserve_case(m.group(0), wrong),
                               f"{term} ({shape})", f"'{m.group(0)}' -> '{wrong}' ({shape})"))
    return _choose("term", lines, spots, rng)


# --- boilerplate ------------------------------------------------------------------------------

#: (pattern in the safe-harbor text, replacement, form)
BOILERPLATE_SLIPS: tuple[tuple[str, str, str], ...] = (
    (r"Private Securities Litigation Reform Act", "Private Securities Litigation Act", "word dropped"),
    (r"Private Securities Litigation Reform Act", "Private Securities Reform Act", "word dropped"),
    (r"(?<=Private Securities Litigation Reform Act of )1995", "1996", "wrong year"),
    (r"(?<=Private Securities Litigation Reform Act of )1995", "1985", "wrong year"),
    (r"(?<=Section )27A", "27B", "wrong section"),
    (r"(?<=Section )21E", "21F", "wrong section"),
    (r"(?<=Section )21E", "12E", "wrong section"),
    (r"(?<=Securities Exchange Act of )1934", "1943", "wrong year"),
)


def plant_boilerplate(lines: Sequence[str], rng: random.Random) -> Plant | None:
    """The safe-harbor statement misnames its law or section: a word of "Private Securities
    Litigation Reform Act of 1995" dropped, its year changed (1996, 1985), "Section 27A/21E"
    changed (27B, 21F, 12E), or the Exchange Act's year transposed. Forms: word dropped, wrong
    year, wrong section.
    """
    spots: list[_Spot] = []
    for i in body_indices(lines):
        for pattern, new, form in BOILERPLATE_SLIPS:
            for m in re.finditer(pattern, lines[i]):
                spots.append(_Spot(i, m.start(), m.end(), new, form, f"'{m.group(0)}' -> '{new}' ({form})"))
    return _choose("boilerplate", lines, spots, rng)


# --- name_misspelt ----------------------------------------------------------------------------

_NW = r"[A-Z][a-z]+(?:[A-Z][a-z]+)?(?:[-'’][A-Z]?[a-z]+)?\b"
_NOT_NAMES = frozenset(re.findall(r"\w+", """
the thank thanks and our we i so good hello yes okay operator bank capital securities group company
chief officer executive financial president chairman director head investor relations vice senior
global research management partners markets asset mr ms dr thank you please next question first second
third fourth let us all this that with from for on in at of to as it is be by an or if but new
south north east west latin america americas europe asia africa middle pacific holdings international
industries technologies technology solutions systems energy resources mining metals motors airlines
telecom pharma foods services logistics partnership fund funds zinc gold steel oil gas power
""")) | frozenset(MONTHS) | frozenset({"monday", "tuesday", "wednesday", "thursday", "friday"})
_HON = r"(?:Mr|Ms|Mrs|Dr|Prof)\.?"
_ROLE_WORD = (r"(?:CEO|CFO|COO|CTO|CIO|Chief|Chairman|Chairwoman|Chairperson|President|Head|Director|Vice|Treasurer"
              r"|Deputy|Managing|General|Executive|Senior|Group|Finance|Investor)")
_NAME_CONTEXTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("honorific", re.compile(rf"\b{_HON}\s+(?P<first>{_NW})\s+(?P<last>{_NW})\b")),
    ("role after", re.compile(rf"\b(?P<first>{_NW})\s+(?P<last>{_NW}),\s+(?:who\s+is\s+)?(?:our|the)\s+{_ROLE_WORD}")),
    ("role before", re.compile(rf"\b(?:CEO|CFO|COO|Chairman|President|Officer|Director|Treasurer),?\s+(?:{_HON}\s+)?"
                               rf"(?P<first>{_NW})\s+(?P<last>{_NW})(?=\s*(?:[,.;:!?]|$|\s+(?:who|will|to|and)\b))")),
    ("introduced", re.compile(rf"(?:question\s+(?:comes|is|will\s+come)\s+from|line\s+of|over\s+to|introduce)\s+"
                              rf"(?:the\s+line\s+of\s+)?(?:{_HON}\s+)?(?P<first>{_NW})\s+(?P<last>{_NW})"
                              r"(?=\s*(?:[,.;:!?]|$|\s+(?:who|our|the|from|with|at|of|for|and|please)\b))")),
)
_VOWEL_SWAP = {"a": "e", "e": "a", "i": "e", "o": "u", "u": "o", "y": "i"}
_CONSONANT_SWAP = {"c": "k", "k": "c", "s": "z", "z": "s", "t": "d", "d": "t", "m": "n", "n": "m", "b": "p", "p": "b"}


def _misspellings(name: str) -> dict[str, list[str]]:
    """One- or two-letter misspellings of a surname: a letter substituted (a sound-alike), two
    adjacent letters transposed, a letter one does not hear dropped. The first letter is kept."""
    out: dict[str, list[str]] = {"substitution": [], "transposition": [], "dropped letter": []}
    for i in range(1, len(name)):
        ch = name[i]
        swap = _VOWEL_SWAP.get(ch) or _CONSONANT_SWAP.get(ch)
        if swap:
            out["substitution"].append(name[:i] + swap + name[i + 1:])
    for i in range(1, len(name) - 1):
        if name[i] != name[i + 1] and name[i].isalpha() and name[i + 1].isalpha():
            out["transposition"].append(name[:i] + name[i + 1] + name[i] + name[i + 2:])
    vowels = "aeiouy"
    if len(name) >= 5:
        for i in range(1, len(name) - 1):
            ch, prev, nxt = name[i], name[i - 1].lower(), name[i + 1]
            # a letter one does not hear: one of a double, one of two vowels, an h, an e before s
            if ch.lower() == prev or (ch in vowels and (prev in vowels or nxt in vowels)) or ch == "h" or (
                    ch == "e" and nxt == "s"):
                out["dropped letter"].append(name[:i] + name[i + 1:])
    return {k: sorted(set(v) - {name}) for k, v in out.items() if v}


def _in_other_proper_noun(text: str, start: int, end: int) -> bool:
    """The word at start:end is part of a longer capitalised name ("South Korea", "Morgan Stanley")."""
    before = re.search(r"([A-Z][\w'’\-]*)\s+$", text[:start])
    after = re.match(r"\s+[A-Z][a-z]", text[end:])
    return bool(before and not re.search(r"[.!?]\s+$", text[:start]) and before.start() > 0 or after)


def plant_name_misspelt(lines: Sequence[str], rng: random.Random) -> Plant | None:
    """A person named in full in the body ("Mr. First Last", "First Last, our CFO", "the line of
    First Last") whose surname appears at least twice gets one LATER occurrence of the surname
    misspelt by one or two letters (substitution of a sound-alike letter, transposition, dropped
    letter). The misspelling must not be a word of the call. Forms: the kind of misspelling.
    """
    body = body_indices(lines)
    names: dict[str, tuple[str, str]] = {}  # surname -> (first name, context)
    for i in body:
        for context, rx in _NAME_CONTEXTS:
            for m in rx.finditer(lines[i]):
                first, last = m.group("first"), m.group("last")
                if (first.lower() in _NOT_NAMES or last.lower() in _NOT_NAMES or len(last) < 4
                        or re.search(r"['’]s$", first + " " + last)):
                    continue  # a company word, a possessive ("Telkom's Board"), a short surname
                names.setdefault(last, (first, context))
    if not names:
        return None
    words = {w.lower() for line in lines for w in re.findall(r"[A-Za-z][\w'’\-]*", line)}
    lower_words = {w for line in lines for w in re.findall(r"\b[a-z][\w'’\-]*", line)}
    spots: list[_Spot] = []
    for last, (first, context) in sorted(names.items()):
        # the surname after its first name or an honorific, or alone when it is not also a common word
        bare_ok = last.lower() not in lower_words
        rx = re.compile(rf"(?P<pre>\b(?:{re.escape(first)}|{_HON})\s+)?(?<![\w\-]){re.escape(last)}(?![\w\-])")
        occurrences = [(i, m) for i in body for m in rx.finditer(lines[i])
                       if m.group("pre") or (bare_ok and not _in_other_proper_noun(lines[i], m.start(), m.end()))]
        if len(occurrences) < 2:
            continue
        for i, m in occurrences[1:]:
            start = m.end() - len(last)
            for kind, options in _misspellings(last).items():
                for wrong in options:
                    if wrong.lower() in words or any(wrong == other for other in names):
                        continue
                    spots.append(_Spot(i, start, m.end(), wrong, kind,
                                       f"{first} {last} (named by {context}) -> '{wrong}' ({kind}); "
                                       f"first on line {occurrences[0][0] + 1}"))
    return _choose("name_misspelt", lines, spots, rng)


# --- announced_mismatch -----------------------------------------------------------------------

_ANNOUNCE = re.compile(
    rf"(?:question\w*\s+(?:comes|come|is|will\s+come|will\s+be|is\s+coming)\s+from|(?:the|a)\s+line\s+of)\s+"
    rf"(?:(?:the|a)\s+line\s+of\s+)?(?:{_HON}\s+)?(?P<name>{_NW}(?:\s+{_NW}){{1,2}})"
)


#: a speaker handing the floor to a named person ("I'll hand over to Jane Roe", "over to you, Mr. Roe"
#: is not named in full and is skipped)
_HANDOVER = re.compile(
    rf"(?:over\s+to|(?:the\s+)?(?:floor|word|room|line)\s+to|pass(?:\s+it)?(?:\s+on)?\s+to|introduce)\s+"
    rf"(?:our\s+[A-Za-z ]{{0,40}}?,?\s+)?(?:{_HON}\s+)?(?P<name>{_NW}(?:\s+{_NW}){{1,2}})"
)


def _announcements(lines: Sequence[str], rx: re.Pattern[str] = _ANNOUNCE) -> list[tuple[int, int, str]]:
    """(announcement line index, next header index, announced name) where the announcement is in
    the last speech line before a speaker change."""
    out: list[tuple[int, int, str]] = []
    body = set(body_indices(lines))
    for i in sorted(body):
        found = [m for m in rx.finditer(lines[i])
                 if not any(w.lower() in _NOT_NAMES for w in m.group("name").split())]
        if not found:
            continue
        j = i + 1
        while j < len(lines) and (not lines[j].strip() or (_HAN.search(lines[j]) and not is_header(lines[j]))):
            j += 1  # blank lines, the line's own translation
        if j < len(lines) and is_header(lines[j]):
            out.append((i, j, found[-1].group("name")))
    return out


def _header_pair(lines: Sequence[str], j: int) -> tuple[int, ...]:
    """The second line of a bilingual header pair (an identical next line), if any."""
    return (j + 1,) if j + 1 < len(lines) and lines[j + 1] == lines[j] else ()


def name_speakers(lines: Sequence[str]) -> list[str]:
    """Give anonymous headers (`Speaker 7 - Participant`) the names a published call would carry.

    Preparation for the speaker classes on calls whose headers carry no names (the dev corpus): the
    anonymous speaker who announces questioners becomes `Operator`, and an anonymous label that
    first speaks right after an announcement ("our next question comes from X") or a hand-over
    ("I will hand over to X") gets that name, only when label and name map one to one. Every header
    of a renamed label is renamed, keeping its role. Headers that already carry names are left
    alone. Applied to the clean copy too, so the comparison stays fair.
    """
    first_seen: dict[str, int] = {}
    turn_label: dict[int, str] = {}
    label = ""
    for j, line in enumerate(lines):
        parts = header_parts(line)
        if parts:
            label = parts[0]
            first_seen.setdefault(label, j)
        turn_label[j] = label
    announced = _announcements(lines)
    announcers = {turn_label.get(i, "") for i, _j, _n in announced} - {""}
    announcers = {a for a in announcers if _GENERIC_SPEAKER.match(a)}
    label_names: dict[str, set[str]] = {}
    for _i, j, name in announced + _announcements(lines, _HANDOVER):
        label = header_parts(lines[j])[0]  # type: ignore[index]
        if _GENERIC_SPEAKER.match(label) and first_seen.get(label) == j and label not in announcers:
            label_names.setdefault(label, set()).add(name)
    name_labels: dict[str, set[str]] = {}
    for label, names in label_names.items():
        for name in names:
            name_labels.setdefault(name, set()).add(label)
    mapping = {label: next(iter(names)) for label, names in label_names.items()
               if len(names) == 1 and len(name_labels[next(iter(names))]) == 1}
    out = list(lines)
    for j, line in enumerate(lines):
        parts = header_parts(line)
        if not parts:
            continue
        if parts[0] in announcers:
            out[j] = "Operator"
        elif parts[0] in mapping:
            out[j] = f"{mapping[parts[0]]} - {parts[1]}" if parts[1] else mapping[parts[0]]
    return out


def _edit_distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _alike(a: str, b: str) -> bool:
    """Two names share a word or a near-spelling of one ("Alvaro" / "Alvero"): the replacement would
    read as a misspelling of the announced name, another class."""
    return any(_edit_distance(x.lower(), y.lower()) <= 2 for x in a.split() for y in b.split())


def plant_announced_mismatch(lines: Sequence[str], rng: random.Random) -> Plant | None:
    """The turn after an operator's announcement ("Our next question comes from X with Y") gets
    another header: "Unidentified Participant", "Unidentified Analyst", or another announced
    questioner of the same call whose name shares no word or near-spelling with the announced one
    (keeping the role). Only where the header names the announced person. Forms: unidentified
    participant, unidentified analyst, other name.
    """
    found = [(i, j, name) for i, j, name in _announcements(lines)
             if (header_parts(lines[j]) or ("",))[0].lower() == name.lower()]
    others = sorted({name for _i, _j, name in found})
    spots: list[tuple[int, str, str, str]] = []
    for _i, j, name in found:
        role = header_parts(lines[j])[1]  # type: ignore[index]
        spots.append((j, "Unidentified Participant", "unidentified participant", f"{name} -> Unidentified Participant"))
        spots.append((j, "Unidentified Analyst", "unidentified analyst", f"{name} -> Unidentified Analyst"))
        for other in others:
            if not _alike(other, name):
                header = f"{other} - {role}" if role else other
                spots.append((j, header, "other name", f"{name} -> {other} (another questioner)"))
    if not spots:
        return None
    form = rng.choice(sorted({s[2] for s in spots}))
    j, after, _form, description = rng.choice([s for s in spots if s[2] == form])
    return Plant("announced_mismatch", j + 1, lines[j], after, description, form,
                 tuple(n + 1 for n in _header_pair(lines, j)))


# --- the classes ------------------------------------------------------------------------------

CLASSES: dict[str, PlantClass] = {
    c.name: c
    for c in (
        PlantClass("date_impossible", plant_date_impossible, ("dates.impossible",)),
        PlantClass("date_conflict", plant_date_conflict, ("dates.conflicting_reference",)),
        PlantClass("teen_ty", plant_teen_ty, ("figures.misheard", "figures.change", "figures.ratio", "figures.restatement")),
        PlantClass("change_rate", plant_change_rate, ("figures.change",)),
        PlantClass("restatement", plant_restatement, ("figures.restatement",)),
        PlantClass("part_total", plant_part_total, ("figures.parts_total",)),
        PlantClass("term", plant_term, ("terms.misrecognised", "terms.in_document_variant")),
        PlantClass("boilerplate", plant_boilerplate, ("boilerplate.deviation",)),
        PlantClass("name_misspelt", plant_name_misspelt, ("speakers.near_miss",), prepare=name_speakers),
        PlantClass("announced_mismatch", plant_announced_mismatch, ("speakers.announced_mismatch",),
                   prepare=name_speakers),
    )
}
