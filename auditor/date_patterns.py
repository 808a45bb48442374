"""The calendar vocabulary of a run and the date and period patterns built from it.

Why a module of its own: `auditor.dates` parses with these patterns, and the date checks read the
month and ordinal names; the patterns (and the gates that let a text skip them) are compiled once
per vocabulary (`Words`) here. The words are data: `auditor/data/calendar.toml`, and the relative
periods `[mentions]` of `auditor/data/periods.toml`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from auditor.words import Words

# --- the vocabulary, compiled once per `Words` -------------------------------------------------

_YEAR = r"(?:19|20)\d\d"


def _alternation(phrases: Iterable[str], hyphen_is_space: bool = False) -> str:
    """The phrases as a regex alternation, in their given order (the first that matches wins)."""
    out = []
    for phrase in phrases:
        escaped = re.escape(str(phrase))
        out.append(escaped.replace(r"\-", r"[\s-]") if hyphen_is_space else escaped)
    return "|".join(out)


def _relative_anchor(table: dict[str, list[str]]) -> tuple[re.Pattern[str], int]:
    """The anchor of the English relative-period pattern for `auditor.anchored`: the longest word of
    each phrase ("quarter", "period", "sequentially"), one of which every match contains, and how
    far before its first anchor word a phrase starts at most (a match has the phrase's length: only
    a hyphen may be read as a whitespace character, and no anchor word holds either)."""
    words = _relative_words(table)
    lowered = [str(phrase).lower() for phrases in table.values() for phrase in phrases]
    if any(len(p) != len(str(phrase)) for p, phrase in zip(lowered, (q for v in table.values() for q in v), strict=True)):
        return re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE), max(map(len, lowered))
    reach = max((min(p.find(w.lower()) for w in words if w.lower() in p) for p in lowered), default=0)
    return re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE), reach


def _relative_words(table: dict[str, list[str]]) -> list[str]:
    """The longest word of each relative phrase, longest first (`_relative_anchor`)."""
    longest = {max(re.split(r"[\s-]+", str(phrase)), key=len) for phrases in table.values() for phrase in phrases}
    return sorted(longest, key=len, reverse=True)


def _literal_gate(pattern: str, literals: Iterable[str], reverse: bool = False) -> re.Pattern[str] | None:
    """A case-sensitive search for `pattern` in `auditor.anchored.fold`ed text, `{}` replaced by the
    alternation of `literals` lower-cased: a gate that every text with a match of the pattern it
    summarises passes. None (no gate) when a literal is not ASCII, whose case-insensitive forms
    lower-casing does not give. `reverse`: the literals are spelled backwards, for a pattern
    searched in the reversed text (one that starts with a digit is searched the faster)."""
    words = [str(w) for w in literals]
    if not all(w.isascii() for w in words):
        return None
    spelled = (w.lower()[::-1] if reverse else w.lower() for w in words)
    return re.compile(pattern.replace("{}", "(?:" + "|".join(re.escape(w) for w in spelled) + ")"))


def _passes(gate: re.Pattern[str] | None, folded: str) -> bool:
    return gate is None or gate.search(folded) is not None


def _relative_pattern(table: dict[str, list[str]], english: bool) -> re.Pattern[str]:
    """One named group per kind of relative period, in the table's order (current, previous, ...)."""
    edge = r"\b" if english else ""
    groups = [f"{edge}(?P<{kind}>{_alternation(phrases, english)}){edge}" for kind, phrases in table.items()]
    return re.compile("|".join(groups), re.IGNORECASE if english else 0)


@dataclass(frozen=True)
class Calendar:
    """The calendar vocabulary of a run and the date and period patterns built from it."""

    months: dict[str, int]  # lower-case names and abbreviations -> month
    month_names: tuple[str, ...]  # full names, January first
    ordinals: dict[str, int]  # lower-case spelled and digit ordinals -> 1..4
    ordinal_words: dict[str, int]  # lower-case spelled ordinals -> number
    zh_numerals: dict[str, int]
    zh_ten: str | None  # the numeral worth ten (joins tens and units)
    zh_ordinals: dict[str, int]
    zh_halves: dict[str, int]
    duration_followers: tuple[str, ...]
    counter_prefixes: tuple[str, ...]
    en_date_mdy: re.Pattern[str]
    en_date_dmy: re.Pattern[str]
    zh_date: re.Pattern[str]
    en_quarter: re.Pattern[str]
    en_half: re.Pattern[str]
    en_relative: re.Pattern[str]
    en_relative_anchor: tuple[re.Pattern[str], int]
    zh_quarter: re.Pattern[str]
    zh_half: re.Pattern[str]
    zh_relative: re.Pattern[str]
    period_end: re.Pattern[str]
    #: the longest prefixes before a date's first digit, as `auditor.anchored.window_start` parts:
    #: month-day-year (the month and its dot, then a cue), day-month-year (a cue)
    mdy_prefix: tuple[int, int, int]
    dmy_prefix: tuple[int, int]
    #: gates (`_literal_gate`) on the folded text: a text that fails one has no match of the pattern
    #: (the month before the day, the day before the month) and is not searched; the same for the
    #: verbs of a period's end (None: a verb is not ASCII, no gate)
    mdy_gate: re.Pattern[str] | None  # searched in the reversed folded text
    dmy_gate: re.Pattern[str] | None
    period_end_verbs: tuple[str, ...] | None  # lower-case, one of which the folded text holds
    #: the relative periods' anchor, lower-case and case-sensitive, searched in the folded text
    en_relative_folded: re.Pattern[str] | None
    #: the anchors of the quarter and half patterns (`auditor.anchored`), case-insensitive for the
    #: text and lower-case for its folded form (None: an ordinal is not ASCII): an ordinal and
    #: its period word, "Q3", "3Q", "H1", "1H", after at most "fiscal" and whitespace
    en_quarter_anchor: tuple[re.Pattern[str], re.Pattern[str] | None]
    en_half_anchor: tuple[re.Pattern[str], re.Pattern[str] | None]

    def ordinal_name(self, number: int) -> str:
        """The spelled ordinal of `number` ("second"), as messages write it."""
        return next(word for word, n in self.ordinal_words.items() if n == number)


@cache
def calendar_words(words: Words) -> Calendar:
    """The calendar vocabulary of `words` with its patterns (compiled once per vocabulary)."""
    data = words.table("calendar")
    names = tuple(str(n) for n in data["months"]["names"])
    months = {n.lower(): i for i, n in enumerate(names, 1)}
    for name, abbreviations in data["months"]["abbreviations"].items():
        for abbreviation in abbreviations:
            months.setdefault(abbreviation.lower(), months[name.lower()])
    ordinal_words = {k.lower(): int(v) for k, v in data["ordinals"]["words"].items()}
    ordinals = ordinal_words | {k.lower(): int(v) for k, v in data["ordinals"]["numerals"].items()}
    zh = data["zh"]
    numerals = {k: int(v) for k, v in zh["numerals"].items()}
    zh_ordinals = {k: v for k, v in numerals.items() if v <= 4} | {str(n): n for n in range(1, 5)}
    halves = {k: int(v) for k, v in zh["halves"].items()}

    month_names = "|".join(re.escape(m) for m in sorted(months, key=len, reverse=True))
    cue = rf"(?P<cue>{_alternation(data['en']['date_cues'])})\s+"
    en_mdy = re.compile(
        rf"(?:{cue})?\b(?P<month>{month_names})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b"
        rf"(?:,?\s+(?P<year>{_YEAR})\b)?",
        re.IGNORECASE,
    )
    en_dmy = re.compile(
        rf"(?:{cue})?\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{month_names})\b\.?"
        rf"(?:,?\s+(?P<year>{_YEAR})\b)?",
        re.IGNORECASE,
    )
    cn = f"(?:{_alternation(numerals)}){{1,3}}"
    zh_date = re.compile(
        rf"(?P<cue>{_alternation(zh['date_cues'])})?(?:(?P<year>{_YEAR})\s?年\s?)?(?P<month>1[0-2]|0?[1-9]|{cn})\s?月"
        rf"(?:\s?(?P<day>[0-3]?\d|{cn})\s?(?:{_alternation(zh['day_markers'])}))?"
    )

    ords = _alternation(ordinals)
    en_quarter = re.compile(
        rf"\b(?P<fiscal>fiscal\s+)?(?:(?P<ord>{ords})[\s-]+quarter(?:\s+(?:of\s+)?(?:(?P<fiscal2>fiscal\s+(?:year\s+)?)?)(?P<year>{_YEAR}))?"
        rf"|Q(?P<q>[1-4])(?:\s*(?:FY)?'?(?P<year2>{_YEAR}|\d\d)\b)?"
        rf"|(?P<q3>[1-4])Q(?P<year3>\d\d)\b)",
        re.IGNORECASE,
    )
    halves_en = _alternation(k for k, v in ordinal_words.items() if v <= 2)
    en_half = re.compile(
        rf"\b(?:(?P<which>{halves_en})\s+half(?:\s+of)?(?:\s+(?P<fiscal>fiscal\s+)?(?P<year>{_YEAR}))?"
        rf"|(?P<h>[12])H(?P<year2>\d\d)\b|H(?P<h2>[12])\s?(?P<year3>{_YEAR})?)",
        re.IGNORECASE,
    )
    zh_ord = "|".join(re.escape(k) for k, v in numerals.items() if v <= 4) + "|[1-4]"
    zh_quarter = re.compile(
        rf"(?:(?P<year>{_YEAR})\s?年\s?(?:度)?)?(?:(?P<fiscal>{_alternation(zh['fiscal_year_words'])})\s?)?"
        rf"第\s?(?P<ord>{zh_ord})\s?(?:{_alternation(zh['quarter_words'])})"
        rf"|(?:(?P<year2>{_YEAR})\s?年\s?)?Q(?P<q>[1-4])"
    )
    zh_half = re.compile(rf"(?:(?P<year>{_YEAR})\s?年\s?)?(?P<which>{_alternation(halves)})")
    mentions = words.table("periods")["mentions"]

    end = data["period_end"]
    spelled = _alternation(ordinal_words)
    full_names = "|".join(re.escape(n) for n in names)
    period_end = re.compile(
        rf"\b(?:(?P<ord>{spelled})|Q(?P<q>[1-4]))\b(?:[\s-]+(?P<kind>quarter|half))?"
        rf"(?:\s+(?:of\s+)?(?:fiscal\s+(?:year\s+)?)?{_YEAR})?,?\s+(?:(?:{_alternation(end['connectives'])})\s+)?"
        rf"(?:{_alternation(end['verbs'])})\s+(?:on\s+)?"
        rf"(?P<date>(?P<month>{full_names})\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+{_YEAR})?)",
        re.IGNORECASE,
    )
    return Calendar(
        months=months,
        month_names=names,
        ordinals=ordinals,
        ordinal_words=ordinal_words,
        zh_numerals=numerals,
        zh_ten=next((k for k, v in numerals.items() if v == 10), None),
        zh_ordinals=zh_ordinals,
        zh_halves=halves,
        duration_followers=tuple(zh["duration_followers"]),
        counter_prefixes=tuple(zh["counter_prefixes"]),
        en_date_mdy=en_mdy,
        en_date_dmy=en_dmy,
        zh_date=zh_date,
        en_quarter=en_quarter,
        en_half=en_half,
        en_relative=_relative_pattern(mentions["en"], english=True),
        en_relative_anchor=_relative_anchor(mentions["en"]),
        zh_quarter=zh_quarter,
        zh_half=zh_half,
        zh_relative=_relative_pattern(mentions["zh"], english=False),
        period_end=period_end,
        mdy_prefix=(0, max(map(len, months)) + 1, max(map(len, data["en"]["date_cues"]), default=0)),
        dmy_prefix=(0, max(map(len, data["en"]["date_cues"]), default=0)),
        mdy_gate=_literal_gate(r"\d\s+\.?{}", months, reverse=True),  # "June 30" read backwards
        dmy_gate=_literal_gate(r"\d(?:st|nd|rd|th)?\s+(?:of\s+)?{}", months),
        period_end_verbs=tuple(str(v).lower() for v in end["verbs"]) if all(str(v).isascii() for v in end["verbs"]) else None,
        en_relative_folded=_literal_gate("{}", _relative_words(mentions["en"])),
        en_quarter_anchor=_anchor(r"{}[\s-]+quarter|q[1-4]|[1-4]q", ordinals),
        en_half_anchor=_anchor(r"{}\s+half|[12]h|h[12]", [k for k, v in ordinal_words.items() if v <= 2]),
    )


def _anchor(pattern: str, literals: Iterable[str]) -> tuple[re.Pattern[str], re.Pattern[str] | None]:
    """`pattern` with `{}` the alternation of `literals`, case-insensitive, and its `_literal_gate`."""
    words = [str(w) for w in literals]
    text = pattern.replace("{}", "(?:" + "|".join(re.escape(w) for w in words) + ")")
    return re.compile(text, re.IGNORECASE), _literal_gate(pattern, words)
