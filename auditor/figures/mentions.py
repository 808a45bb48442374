"""Metric mentions (which metric, segment and basis a phrase names) and the periods a text names.

Why here: a figure can only be compared with figures of the same metric, segment ("public cloud"),
basis (adjusted or not) and period. This module finds the metric phrases of a sentence and the
period phrases of a span of a paragraph; `auditor.figures.extraction` links them to numbers.

Periods are parsed once per paragraph (`Paragraph.periods`); a span reads the mentions that start
inside it instead of parsing its text again (`auditor.figures.periods`, importable from here).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from auditor.dates import PeriodMention, find_periods
from auditor.figures.folding import paragraph_cache, paragraph_matches
from auditor.figures.lexicon import Lexicon, load_lexicon
from auditor.figures.periods import (  # a span's periods, importable here
    _OF_YEAR_RE,
    explicit_periods,
    periods_in,
)

if TYPE_CHECKING:
    from auditor.model import Paragraph, Transcript

_WORD_RE = re.compile(r"[A-Za-z][A-Za-z&'-]*")


UNNAMED = "?"


@dataclass(frozen=True)
class MetricMention:
    """A phrase naming a metric, with its segment ("public cloud") and adjusted (non-GAAP) flag.

    segment is None for the company's own figure, a name for a named business line, and a name
    starting with "?" for a business line the text does not name ("its revenue", "segment EBITDA");
    company names the word that says it is the company's figure ("consolidated", or "total", which
    a business line the speaker is talking about has too), None when there is none.
    """

    metric: str
    segment: str | None
    adjusted: bool
    start: int
    end: int
    text: str
    company: str | None = None
    of_change: int = 0  # "revenue growth", "EBITDA decline": names the metric's change (+1 / -1)

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
    first = list(_WORD_RE.finditer(text, end + m.end(), end + m.end() + 30))[:2]
    hit = [w for w in first if w.group(0).lower() in lex.company_words]
    if hit:
        return None, hit[0].end()  # "EBIT margin for the group": the company's, the phrase included
    rest_start = end + m.end()
    if lex.periodish_re.match(text[rest_start:].lower()):
        return None, end
    words: list[str] = []
    pos = rest_start
    for w in _WORD_RE.finditer(text, rest_start):
        low = w.group(0).lower()
        if text[pos : w.start()].strip() or low in lex.segment_stop or low in lex.alias_of or len(words) >= 5:
            break
        words.append(w.group(0))
        pos = w.end()
    if re.match(r"\s*[$€£¥\d]", text[pos:]) or (words and re.match(r"\s?\d", text[pos:])):
        return None, end  # "revenue of approximately $50 million", "revenue of RMB50 million": no segment
    segment = segment_name(words, lex)
    return (segment, pos) if segment else (None, end)


def _words_before(text: str, start: int, limit: int) -> list[str]:
    """Up to `limit` words directly before `start` (lower case, nearest last), stopping at punctuation."""
    out: list[str] = []
    pos = start
    for w in reversed(list(_WORD_RE.finditer(text, max(0, start - 80), start))):
        if text[w.end() : pos].strip() or len(out) >= limit:
            break
        out.insert(0, w.group(0).lower())
        pos = w.start()
    return out


def _segment_before(text: str, start: int, lex: Lexicon) -> str | None:
    """'public cloud revenue' -> 'public cloud'; 'our Q2 revenue' and 'total revenue' -> None;
    'its revenue', 'segment EBITDA' -> an unnamed business line ("?")."""
    words: list[str] = []
    pos = start
    for w in reversed(list(_WORD_RE.finditer(text, max(0, start - 80), start))):
        if text[w.end() : pos].strip() or len(words) >= 3:
            break
        low = w.group(0).lower()
        if (
            low in lex.segment_stop or low in lex.neutral_modifiers or low in lex.adjust_prefixes
            or low == "adjust" or low in lex.unnamed_words or low in lex.alias_of
        ):
            break
        words.insert(0, w.group(0))
        pos = w.start()
    named = segment_name(words, lex)
    if named is not None:
        return named
    for low in reversed(_words_before(text, start, 3)):
        if low in lex.unnamed_words:
            return UNNAMED
        if low in lex.segment_stop and low not in lex.neutral_modifiers:
            break
    return None


def _company_before(text: str, start: int, alias: str, lex: Lexicon) -> str | None:
    """'consolidated adjusted EBITDA', 'the group's net income', 'total revenue': the word that makes
    it the company's figure, or None."""
    words = _words_before(text, start, 3) + alias.lower().split()[:1]
    strong = [w for w in words if w in lex.company_words]
    if strong:
        return strong[0]
    return next((w for w in words if w in lex.total_words), None)


def find_mentions(
    text: str, lex: Lexicon | None = None, aliases: list[tuple[int, int]] | None = None
) -> list[MetricMention]:
    """Every metric phrase of `text`, longest alias first, non-overlapping, in order (`aliases`: the
    spans of `lex.alias_re` in `text`, when the caller has them from its paragraph's scan)."""
    lex = lex or load_lexicon()
    out: list[MetricMention] = []
    if aliases is None:
        aliases = [m.span() for m in lex.alias_re.finditer(text)]
    for m_start, m_end in aliases:
        if out and m_start < out[-1].end:
            continue  # inside the phrase before ("free cash flow before dividends")
        alias = text[m_start:m_end]
        of_change = 0
        if lex.modifier_re.match(text, m_end):
            noun = lex.change_noun_re.match(text, m_end)
            if noun is None:
                continue  # "revenue scale", "sales team": the metric names another noun, not a figure
            of_change = -1 if noun.group("noun").lower() in lex.down else 1
            out.append(MetricMention(
                lex.alias_of[alias.lower()], None, bool(lex.adjust_re.search(text[max(0, m_start - 14) : m_start])),
                m_start, noun.end(), text[m_start : noun.end()], None, of_change,
            ))
            continue
        metric = lex.alias_of[alias.lower()]
        adjusted = bool(lex.adjust_re.search(text[max(0, m_start - 14) : m_start]))
        segment, end = None, m_end
        basis = lex.basis_after_re.match(text, m_end)
        if basis is not None:
            # "EBIT before special items was ...": the basis is part of the phrase; no segment follows
            company = _company_before(text, m_start, alias, lex)
            segment = None if company else _segment_before(text, m_start, lex) if lex.metrics[metric].segmentable else None
            out.append(MetricMention(metric, segment, adjusted, m_start, basis.end(), text[m_start : basis.end()], company))
            continue
        company = _company_before(text, m_start, alias, lex)
        if lex.metrics[metric].segmentable:
            segment, end = _segment_after(text, m_end, lex)
            if segment is None and end > m_end:
                company = text[m_end:end].split()[-1].lower()  # "EBIT margin for the group"
            if segment is None and not company:
                segment = _segment_before(text, m_start, lex)
        out.append(MetricMention(metric, segment, adjusted, m_start, end, text[m_start:end], company, of_change))
    return out


# --- periods --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CallPeriod:
    """The quarter the call reports on, found from the periods the transcript names most."""

    quarter: int | None
    year: int | None
    half: int | None = None  # 1 or 2 when the call reports on a half year (its opening names it first)

    def resolve(self, p: PeriodMention) -> str:
        """'current', 'prior_year', 'prior_quarter', 'year:<year>' or 'other' for an explicit period."""
        if p.kind == "year":
            return self.full_year(p.year)
        if p.kind == "half" and p.number in (1, 2):
            return self.part_of_year(f"half:{p.number}", p.year)
        if p.kind != "quarter" or p.number is None:
            return "other"
        return self.quarter_id(p.number, p.year)

    def full_year(self, year: int | None) -> str:
        """The period id of a full (fiscal) year: 'year:2024'; the call's year when none is named."""
        year = year if year is not None else self.year
        return f"year:{year}" if year is not None else "year:?"

    def part_of_year(self, kind: str, year: int | None) -> str:
        """The period id of a half or the first nine months ('half:1:2024', '9m:2024')."""
        year = year if year is not None else self.year
        return f"{kind}:{year if year is not None else '?'}"

    def relative(self, kind: str) -> str:
        """The period id of a relative phrase's kind (from the lexicon: 'year', 'half:1', '9m' ...)."""
        if kind == "year":
            return self.full_year(None)
        if kind.startswith(("half:", "9m")):
            return self.part_of_year(kind, None)
        return kind

    def quarter_id(self, number: int, year: int | None) -> str:
        """The period id of quarter `number` of `year` relative to the call's quarter."""
        if self.quarter is None:
            return "other"
        if year is None:
            return "current" if number == self.quarter else "other"
        if self.year is None:
            return "other"
        if (number, year) == (self.quarter, self.year):
            return "current"
        if (number, year) == (self.quarter, self.year - 1):
            return "prior_year"
        prev = (self.quarter - 1, self.year) if self.quarter > 1 else (4, self.year - 1)
        return "prior_quarter" if (number, year) == prev else "other"


def _reported_periods(paragraph: Paragraph, lex: Lexicon) -> list[PeriodMention]:
    """The periods a paragraph names outside forward-looking sentences: "our guidance for the fourth
    quarter", "we expect Q4 to ..." name the quarter after the call's, not the call's."""
    forward = _outlook_spans(paragraph, lex)
    return [p for p in paragraph.periods if not any(a <= p.start < b for a, b in forward)]


def _outlook_spans(paragraph: Paragraph, lex: Lexicon) -> list[tuple[int, int]]:
    """The spans of a paragraph's forward-looking sentences (an outlook word in them); found once
    (the call's quarter and its half both ask)."""
    cache = paragraph_cache(paragraph)
    known = cache.get(("outlook", id(lex)))
    if known is None or known[0] is not lex:
        known = cache[("outlook", id(lex))] = (lex, _outlook_spans_of(paragraph, lex))
    spans: list[tuple[int, int]] = known[1]
    return spans


def _outlook_spans_of(paragraph: Paragraph, lex: Lexicon) -> list[tuple[int, int]]:
    return [
        (s.start, s.end) for s in paragraph.sentences
        if set(re.findall(r"[a-z]+", paragraph.text[s.start : s.end].lower())) & lex.outlook
    ]


def call_period(transcript: Transcript) -> CallPeriod:
    """The most-named quarter (with or without a year; ties: the first named) is the quarter of the
    call, outside forward-looking sentences; its year is the later of the two years most named with
    it, else the most-named year of any period (a half, a fiscal year).

    The preamble (title lines before the first speaker) is no paragraph, so its few lines are
    parsed here; the paragraphs' periods are the ones the model parsed already.
    """
    lex = load_lexicon(transcript.words)
    preamble: list[Iterable[PeriodMention]] = [find_periods(t, "en") for _, t in transcript.preamble]
    mentions = preamble + [_reported_periods(p, lex) for p in transcript.paragraphs[:12]]
    if not any(p.kind == "quarter" and p.number and p.relative is None for found in mentions for p in found):
        # a call that names quarters only in its outlook: those are all it has
        mentions = preamble + [list(p.periods) for p in transcript.paragraphs[:12]]
    counts: Counter[tuple[int, int]] = Counter()
    bare: Counter[int] = Counter()
    years: Counter[int] = Counter()
    order: dict[tuple[int, int] | int, int] = {}
    for found in mentions:
        for p in found:
            if p.relative is not None:
                continue
            if p.year:
                years[p.year] += 1
                order.setdefault(-p.year, len(order))
            if p.kind == "quarter" and p.number:
                if p.year:
                    counts[(p.number, p.year)] += 1
                    order.setdefault((p.number, p.year), len(order))
                else:
                    bare[p.number] += 1
                    order.setdefault(p.number, len(order))
    # the call's quarter is the one named most, with or without a year: a call names its own
    # quarter bare ("the third quarter") far more often than the next quarter it guides for or the
    # quarter of a later event, which it names with their year ("fourth quarter 2021")
    by_number: Counter[int] = Counter(bare)
    for (number, _), n in counts.items():
        by_number[number] += n

    def first(k: int) -> int:
        return min([order[q] for q in counts if q[0] == k] + ([order[k]] if k in bare else []))

    if by_number:
        quarter = max(by_number, key=lambda k: (by_number[k], -first(k)))
        top = sorted((k for k in counts if k[0] == quarter), key=lambda k: (-counts[k], order[k]))[:2]
        if top:
            # the call's year: of the two years most named with that quarter, the later (a call
            # names the same quarter a year earlier as often as its own)
            return CallPeriod(quarter, max(k[1] for k in top), _half(transcript, quarter, lex))
    bare_quarter = max(by_number, key=lambda k: (by_number[k], -first(k))) if by_number else None
    if not years:
        # "results for 2021", "in fiscal 2021": a year named alone
        texts = [t for _, t in transcript.preamble] + [p.text for p in transcript.paragraphs[:12]]
        for text in texts:
            for m in lex.bare_year_re.finditer(text):
                years[int(m.group("year"))] += 1
                order.setdefault(-int(m.group("year")), len(order))
    year = max(years, key=lambda k: (years[k], -order[-k])) if years else None
    return CallPeriod(bare_quarter, year, _half(transcript, bare_quarter, lex))


#: half-year phrases a half-year call names in its opening paragraphs, at least
_HALF_CALL_MENTIONS = 3


def _half(transcript: Transcript, quarter: int | None, lex: Lexicon) -> int | None:
    """The half a half-year call reports on: the first period its opening paragraphs name is a half
    ("Our first half performance ...", "H1 2021 was ...") and they name halves again and again. A
    quarterly call opens with its quarter; a half-year call also names its two quarters, but it
    opens with the half. The half must end with the call's quarter when that is known."""
    found: list[tuple[int, int, str]] = []  # (paragraph, offset, kind)
    for n, p in enumerate(transcript.paragraphs[:12]):
        explicit = [pm for pm in _reported_periods(p, lex) if pm.relative is None]
        for pm in explicit:
            found.append((n, pm.start, f"half:{pm.number}" if pm.kind == "half" and pm.number in (1, 2) else pm.kind))
        forward = _outlook_spans(p, lex)
        for m_start, m_end in paragraph_matches(p, lex.period_re).spans:  # the paragraph's scan, shared
            kind = lex.period_of[p.text[m_start:m_end].lower()]
            if any(a <= m_start < b for a, b in forward):
                continue
            if kind not in ("local", "other") and not any(pm.start <= m_start < pm.end for pm in explicit):
                found.append((n, m_start, kind))
    found.sort()
    halves = [kind for _, _, kind in found if kind.startswith("half:")]
    if not found or not found[0][2].startswith("half:") or len(halves) < _HALF_CALL_MENTIONS:
        return None
    half = int(found[0][2].split(":")[1])
    return half if quarter in (None, 2 * half) else None


__all__ = ["UNNAMED", "CallPeriod", "MetricMention", "_OF_YEAR_RE", "call_period", "explicit_periods", "find_mentions",
           "periods_in", "segment_name"]
