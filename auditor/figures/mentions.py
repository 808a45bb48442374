"""Metric mentions (which metric, segment and basis a phrase names) and the periods a text names.

Why here: a figure can only be compared with figures of the same metric, segment ("public cloud"),
basis (adjusted or not) and period. This module finds the metric phrases of a sentence and the
period phrases of a span of a paragraph; `auditor.figures.extraction` links them to numbers.

Periods are parsed once per paragraph (`Paragraph.periods`); a span reads the mentions that start
inside it instead of parsing its text again.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from auditor.dates import PeriodMention, find_periods
from auditor.figures.lexicon import Lexicon, load_lexicon

if TYPE_CHECKING:
    from auditor.model import Paragraph, Transcript

_WORD_RE = re.compile(r"[A-Za-z][A-Za-z&'-]*")


@dataclass(frozen=True)
class MetricMention:
    """A phrase naming a metric, with its segment ("public cloud") and adjusted (non-GAAP) flag."""

    metric: str
    segment: str | None
    adjusted: bool
    start: int
    end: int
    text: str

    @property
    def key(self) -> tuple[str, str | None, bool]:
        return (self.metric, self.segment, self.adjusted)


def segment_name(words: list[str], lex: Lexicon) -> str | None:
    """The segment a list of words names, filler dropped ('public cloud services' -> 'public cloud')."""
    kept = [w.lower() for w in words if w.lower() not in lex.filler]
    return " ".join(kept) if kept else None


def _segment_after(text: str, end: int, lex: Lexicon) -> tuple[str | None, int]:
    """'revenue from public cloud services' -> ('public cloud', end of the phrase)."""
    m = lex.segment_link_re.match(text[end:])
    if not m:
        return None, end
    rest_start = end + m.end()
    if lex.periodish_re.match(text[rest_start:].lower()):
        return None, end
    words: list[str] = []
    pos = rest_start
    for w in _WORD_RE.finditer(text, rest_start):
        if text[pos : w.start()].strip() or w.group(0).lower() in lex.segment_stop or len(words) >= 5:
            break
        words.append(w.group(0))
        pos = w.end()
    segment = segment_name(words, lex)
    return (segment, pos) if segment else (None, end)


def _segment_before(text: str, start: int, lex: Lexicon) -> str | None:
    """'public cloud revenue' -> 'public cloud'; 'our Q2 revenue' and 'total revenue' -> None."""
    words: list[str] = []
    pos = start
    for w in reversed(list(_WORD_RE.finditer(text, 0, start))):
        if text[w.end() : pos].strip() or len(words) >= 3:
            break
        low = w.group(0).lower()
        if low in lex.segment_stop or low in lex.neutral_modifiers or low in lex.adjust_prefixes or low == "adjust":
            break
        words.insert(0, w.group(0))
        pos = w.start()
    return segment_name(words, lex)


def find_mentions(text: str, lex: Lexicon | None = None) -> list[MetricMention]:
    """Every metric phrase of `text`, longest alias first, non-overlapping, in order."""
    lex = lex or load_lexicon()
    out: list[MetricMention] = []
    for m in lex.alias_re.finditer(text):
        if lex.modifier_re.match(text, m.end()):
            continue  # "revenue growth", "revenue scale": the metric names another noun, not a figure
        metric = lex.alias_of[m.group(0).lower()]
        adjusted = bool(lex.adjust_re.search(text[max(0, m.start() - 14) : m.start()]))
        segment, end = None, m.end()
        if lex.metrics[metric].segmentable:
            segment, end = _segment_after(text, m.end(), lex)
            if segment is None:
                segment = _segment_before(text, m.start(), lex)
        out.append(MetricMention(metric, segment, adjusted, m.start(), end, text[m.start() : end]))
    return out


# --- periods --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CallPeriod:
    """The quarter the call reports on, found from the periods the transcript names most."""

    quarter: int | None
    year: int | None

    def resolve(self, p: PeriodMention) -> str:
        """'current', 'prior_year', 'prior_quarter' or 'other' for an explicit period mention."""
        if p.kind != "quarter" or p.number is None:
            return "other"
        if self.quarter is None:
            return "other"
        if p.year is None:
            return "current" if p.number == self.quarter else "other"
        if self.year is None:
            return "other"
        if (p.number, p.year) == (self.quarter, self.year):
            return "current"
        if (p.number, p.year) == (self.quarter, self.year - 1):
            return "prior_year"
        prev = (self.quarter - 1, self.year) if self.quarter > 1 else (4, self.year - 1)
        return "prior_quarter" if (p.number, p.year) == prev else "other"


def call_period(transcript: Transcript) -> CallPeriod:
    """The most-named quarter with a year (ties: the first named) is the quarter of the call.

    The preamble (title lines before the first speaker) is no paragraph, so its few lines are
    parsed here; the paragraphs' periods are the ones the model parsed already.
    """
    mentions: list[Iterable[PeriodMention]] = [find_periods(t, "en") for _, t in transcript.preamble]
    mentions += [p.periods for p in transcript.paragraphs[:12]]
    counts: Counter[tuple[int, int]] = Counter()
    order: dict[tuple[int, int], int] = {}
    for found in mentions:
        for p in found:
            if p.kind == "quarter" and p.number and p.year and p.relative is None:
                counts[(p.number, p.year)] += 1
                order.setdefault((p.number, p.year), len(order))
    if not counts:
        return CallPeriod(None, None)
    best = max(counts, key=lambda k: (counts[k], -order[k]))
    return CallPeriod(best[0], best[1])


def explicit_periods(paragraph: Paragraph, start: int, end: int) -> list[PeriodMention]:
    """The explicit periods of the paragraph ("third quarter of 2024") that start in [start, end)."""
    return [p for p in paragraph.periods if p.relative is None and start <= p.start < end]


def periods_in(
    paragraph: Paragraph, start: int, end: int, call: CallPeriod, lex: Lexicon | None = None
) -> list[tuple[int, int, str]]:
    """(start, end, period) of every period phrase in paragraph.text[start:end], explicit or
    relative ("last quarter"), in order; offsets are relative to `start`.

    Explicit periods are read from the paragraph (parsed once), relative ones matched in the span.
    """
    lex = lex or load_lexicon()
    found = [(p.start - start, p.end - start, call.resolve(p)) for p in explicit_periods(paragraph, start, end)]
    for m in lex.period_re.finditer(paragraph.text[start:end]):
        if not any(a <= m.start() < b for a, b, _ in found):
            found.append((m.start(), m.end(), lex.period_of[m.group(0).lower()]))
    return sorted(found, key=lambda f: (f[0], f[2]))
