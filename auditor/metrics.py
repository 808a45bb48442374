"""Metric identity and period linking: which metric and which period each printed figure belongs to.

Why: the figure checks may only compare numbers of the same metric (revenue, adjusted gross margin,
public cloud revenue ...) and the same period (this quarter, the same quarter last year, last
quarter). This module links every English quantity of a transcript to the metric phrase that
governs it (from a small lexicon kept as data in `auditor/data/metrics.toml`) and to its period,
and extracts the claims the checks verify: change claims ("up 18.4% from US$210.5 million"),
shares ("accounting for 45% of public cloud revenue"), breakdowns ("Of this revenue, ...") and
series ("41.2% this quarter, compared with 40% a year ago and 40.6% last quarter"). When the metric
or the period of a number is unclear it is left unlinked: the checks then stay silent on it.

It also holds the interval arithmetic (the rule XBRL Calculations 1.1 uses): every printed figure
is an interval, intervals are propagated through + - x /, and two figures disagree only when their
intervals do not overlap.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING

from auditor.dates import PeriodMention, find_periods
from auditor.quantities import Quantity

if TYPE_CHECKING:
    from auditor.model import Paragraph, Sentence, Transcript

HUNDRED = Decimal(100)

# --- interval arithmetic ----------------------------------------------------------------------


@dataclass(frozen=True)
class Interval:
    """A closed interval of possible true values of a printed (rounded) figure."""

    lo: Decimal
    hi: Decimal

    @classmethod
    def of(cls, q: Quantity) -> Interval:
        lo, hi = q.interval()
        return cls(lo, hi)

    @classmethod
    def exact(cls, value: Decimal | int) -> Interval:
        return cls(Decimal(value), Decimal(value))

    @property
    def mid(self) -> Decimal:
        return (self.lo + self.hi) / 2

    @property
    def bounded(self) -> bool:
        return self.lo.is_finite() and self.hi.is_finite()

    def __add__(self, other: Interval) -> Interval:
        return Interval(self.lo + other.lo, self.hi + other.hi)

    def __sub__(self, other: Interval) -> Interval:
        return Interval(self.lo - other.hi, self.hi - other.lo)

    def __mul__(self, other: Interval) -> Interval:
        products = [a * b for a in (self.lo, self.hi) for b in (other.lo, other.hi)]
        return Interval(min(products), max(products))

    def __truediv__(self, other: Interval) -> Interval:
        if other.lo <= 0 <= other.hi:
            raise ZeroDivisionError("divisor interval contains zero")
        return self * Interval(1 / other.hi, 1 / other.lo)

    def scale(self, k: Decimal | int) -> Interval:
        a, b = self.lo * k, self.hi * k
        return Interval(min(a, b), max(a, b))

    def shift(self, k: Decimal | int) -> Interval:
        return Interval(self.lo + k, self.hi + k)

    def overlaps(self, other: Interval) -> bool:
        return self.lo <= other.hi and other.lo <= self.hi

    def contains(self, value: Decimal) -> bool:
        return self.lo <= value <= self.hi

    def distance(self, other: Interval) -> Decimal:
        """How far apart two intervals are (0 when they overlap)."""
        if self.overlaps(other):
            return Decimal(0)
        return other.lo - self.hi if other.lo > self.hi else self.lo - other.hi


def percent_change(base: Interval, result: Interval) -> Interval:
    """The relative change from base to result, in percent, as an interval (base must be > 0)."""
    return (result / base).shift(-1).scale(HUNDRED)


def round_to_step(value: Decimal, step: Decimal) -> Decimal:
    """`value` rounded to the precision `step` of a printed figure (0.1, 1, 10 ...)."""
    return (value / step).quantize(Decimal(1)) * step


def fmt(value: Decimal, step: Decimal = Decimal("0.1")) -> str:
    """A number printed with the precision of `step` and thousands separators ('2,349.2', '17.1')."""
    step = step if step > 0 else Decimal("0.1")
    places = max(0, -step.normalize().as_tuple().exponent)  # type: ignore[operator]
    rounded = round_to_step(value, step)
    return f"{rounded:,.{places}f}"


def fmt_money(q: Quantity, value: Decimal | None = None) -> str:
    """A money amount in the unit and scale word of `q` ('US$249.2 million' style)."""
    value = q.value if value is None else value
    scale_word = {Decimal(10) ** 3: " thousand", Decimal(10) ** 6: " million", Decimal(10) ** 9: " billion"}.get(
        q.scale, ""
    )
    number = value / q.scale
    unit = {"USD": "US$", "CNY": "RMB", "HKD": "HK$", "EUR": "EUR ", "GBP": "GBP "}.get(q.unit or "", "")
    return f"{unit}{fmt(number, Decimal('0.1'))}{scale_word}"


# --- the lexicon --------------------------------------------------------------------------------


@dataclass(frozen=True)
class MetricDef:
    """One metric of the lexicon."""

    id: str
    name: str
    kind: str  # money | ratio
    aliases: tuple[str, ...]
    parent: str | None = None
    numerator: str | None = None
    denominator: str | None = None
    segmentable: bool = False


def _alternation(phrases: Iterable[str]) -> str:
    return "|".join(re.escape(p) for p in sorted(set(phrases), key=lambda p: (-len(p), p)))


@dataclass(frozen=True)
class Lexicon:
    """The financial-terms lexicon loaded from `auditor/data/metrics.toml`."""

    metrics: dict[str, MetricDef]
    alias_of: dict[str, str]
    adjust_prefixes: tuple[str, ...]
    neutral_modifiers: frozenset[str]
    filler: frozenset[str]
    period_of: dict[str, str]
    yoy: tuple[str, ...]
    qoq: tuple[str, ...]
    up: frozenset[str]
    down: frozenset[str]
    forward: frozenset[str]
    breakdown_openers: tuple[str, ...]
    breakdown_complete: tuple[str, ...]
    share_cues: tuple[str, ...]
    alias_re: re.Pattern[str] = field(repr=False)
    period_re: re.Pattern[str] = field(repr=False)
    adjust_re: re.Pattern[str] = field(repr=False)

    def metric(self, metric_id: str) -> MetricDef:
        return self.metrics[metric_id]


@cache
def load_lexicon() -> Lexicon:
    """The lexicon, parsed once per process."""
    from auditor.words import default_words

    words = default_words()
    raw = words.table("metrics")
    periods = words.table("periods")
    directions = words.table("directions")["en"]
    metrics: dict[str, MetricDef] = {}
    alias_of: dict[str, str] = {}
    for mid, spec in sorted(raw["metric"].items()):
        aliases = tuple(a.lower() for a in spec["aliases"])
        metrics[mid] = MetricDef(
            id=mid,
            name=spec["name"],
            kind=spec["kind"],
            aliases=aliases,
            parent=spec.get("parent"),
            numerator=spec.get("numerator"),
            denominator=spec.get("denominator"),
            segmentable=bool(spec.get("segmentable", False)),
        )
        for alias in aliases:
            alias_of.setdefault(alias, mid)
    period_of = {p.lower(): kind for kind, phrases in sorted(periods["relative"].items()) for p in phrases}
    prefixes = tuple(p.lower() for p in raw["adjustment"]["prefixes"])
    return Lexicon(
        metrics=metrics,
        alias_of=alias_of,
        adjust_prefixes=prefixes,
        neutral_modifiers=frozenset(raw["segment"]["neutral_modifiers"]),
        filler=frozenset(raw["segment"]["filler"]),
        period_of=period_of,
        yoy=tuple(periods["comparisons"]["yoy"]),
        qoq=tuple(periods["comparisons"]["qoq"]),
        up=frozenset(directions["up"]),
        down=frozenset(directions["down"]),
        forward=frozenset(raw["forward"]["words"]),
        breakdown_openers=tuple(raw["breakdown"]["openers"]),
        breakdown_complete=tuple(raw["breakdown"]["complete"]),
        share_cues=tuple(raw["shares"]["cues"]),
        alias_re=re.compile(rf"(?<![\w&-])(?:{_alternation(alias_of)})(?![\w&])", re.IGNORECASE),
        period_re=re.compile(rf"(?<![\w-])(?:{_alternation(period_of)})(?![\w-])", re.IGNORECASE),
        adjust_re=re.compile(rf"(?<![\w-])(?:{_alternation(prefixes)})\s+$", re.IGNORECASE),
    )


# --- metric mentions ----------------------------------------------------------------------------

_WORD_RE = re.compile(r"[A-Za-z][A-Za-z&'-]*")
#: words that end a segment phrase after "revenue from ..." or before "... revenue"
_SEGMENT_STOP = frozenset(
    [
        "was", "were", "is", "are", "be", "been", "being", "reached", "reaching", "increased", "decreased",
        "grew", "rose", "fell", "declined", "came", "totaled", "totalled", "amounted", "stood", "up",
        "down", "by", "to", "from", "for", "with", "in", "on", "at", "as", "and", "or", "but", "while",
        "which", "that", "this", "these", "those", "it", "its", "q1", "q2", "q3", "q4", "quarter",
        "quarters", "half", "year", "years", "first", "second", "third", "fourth", "fiscal", "full",
        "record", "represented", "representing", "accounted", "accounting", "contributed", "contributing",
        "hit", "hitting", "achieved", "compared", "was'", "increase", "decrease", "growth",
        "year-over-year", "year-on-year", "we", "i", "you", "they", "our", "expect", "expects", "see",
        "saw", "have", "has", "had", "delivered", "generated", "drove", "driving", "total", "between"
    ]
)
_PERIODISH = re.compile(r"^(?:this|that|the|our)?\s*(?:quarter|period|year|half|first|second|third|fourth|q[1-4]|\d)")


_MODIFIER_RE = re.compile(
    r"\s+(?:growth|increase|decrease|decline|scale|mix|recognition|contribution|guidance|target|visibility|"
    r"streams?|base|share|momentum|trend|level|run-rate|pressure|headwinds?|tailwinds?|drivers?)\b",
    re.IGNORECASE,
)


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


def _segment_name(words: list[str], lex: Lexicon) -> str | None:
    kept = [w.lower() for w in words if w.lower() not in lex.filler]
    return " ".join(kept) if kept else None


def _segment_after(text: str, end: int, lex: Lexicon) -> tuple[str | None, int]:
    """'revenue from public cloud services' -> ('public cloud', end of the phrase)."""
    m = re.match(r"\s+(?:from|for|of|generated by)\s+", text[end:], re.IGNORECASE)
    if not m:
        return None, end
    rest_start = end + m.end()
    if _PERIODISH.match(text[rest_start:].lower()):
        return None, end
    words: list[str] = []
    pos = rest_start
    for w in _WORD_RE.finditer(text, rest_start):
        if text[pos : w.start()].strip() or w.group(0).lower() in _SEGMENT_STOP or len(words) >= 5:
            break
        words.append(w.group(0))
        pos = w.end()
    segment = _segment_name(words, lex)
    return (segment, pos) if segment else (None, end)


def _segment_before(text: str, start: int, lex: Lexicon) -> str | None:
    """'public cloud revenue' -> 'public cloud'; 'our Q2 revenue' and 'total revenue' -> None."""
    words: list[str] = []
    pos = start
    for w in reversed(list(_WORD_RE.finditer(text, 0, start))):
        if text[w.end() : pos].strip() or len(words) >= 3:
            break
        low = w.group(0).lower()
        if low in _SEGMENT_STOP or low in lex.neutral_modifiers or low in lex.adjust_prefixes or low == "adjust":
            break
        words.insert(0, w.group(0))
        pos = w.start()
    return _segment_name(words, lex)


def find_mentions(text: str, lex: Lexicon | None = None) -> list[MetricMention]:
    """Every metric phrase of `text`, longest alias first, non-overlapping, in order."""
    lex = lex or load_lexicon()
    out: list[MetricMention] = []
    for m in lex.alias_re.finditer(text):
        if _MODIFIER_RE.match(text, m.end()):
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
    """The most-named quarter with a year (ties: the first named) is the quarter of the call."""
    texts = [t for _, t in transcript.preamble] + [p.text for p in transcript.paragraphs[:12]]
    counts: Counter[tuple[int, int]] = Counter()
    order: dict[tuple[int, int], int] = {}
    for text in texts:
        for p in find_periods(text, "en"):
            if p.kind == "quarter" and p.number and p.year and p.relative is None:
                counts[(p.number, p.year)] += 1
                order.setdefault((p.number, p.year), len(order))
    if not counts:
        return CallPeriod(None, None)
    best = max(counts, key=lambda k: (counts[k], -order[k]))
    return CallPeriod(best[0], best[1])


def periods_in(text: str, call: CallPeriod, lex: Lexicon | None = None) -> list[tuple[int, str]]:
    """(offset, period) of every period phrase in `text`, explicit or relative, in order."""
    lex = lex or load_lexicon()
    found: list[tuple[int, int, str]] = []
    for p in find_periods(text, "en"):
        if p.relative is None:
            found.append((p.start, p.end, call.resolve(p)))
    for m in lex.period_re.finditer(text):
        if not any(a <= m.start() < b for a, b, _ in found):
            found.append((m.start(), m.end(), lex.period_of[m.group(0).lower()]))
    return sorted((a, kind) for a, _, kind in found)


# --- figures --------------------------------------------------------------------------------------

_BREAK_RE = re.compile(r"\bof which\b|\bamong which\b|\bout of which\b|;|\bwhile\b|\bwhereas\b|\bbut\b", re.IGNORECASE)
_BASE_BEFORE_RE = re.compile(r"\b(?:from|compared (?:with|to)|versus|vs\.?)\s+(?:the\s+)?[\[(]?\s*$", re.IGNORECASE)
_FOR_BEFORE_RE = re.compile(r"\bfor\s+(?:the\s+)?[\[(]?\s*$", re.IGNORECASE)
_DELTA_BEFORE_RE = re.compile(
    r"\b(?:by|increase of|decrease of|growth of|decline of|rise of|drop of|gain of)\s+[\[(]?\s*$", re.IGNORECASE
)
_LINK_WORDS = frozenset(
    [
        "was", "were", "is", "are", "of", "at", "reached", "reaching", "totaled", "totalled", "totaling",
        "total", "amounted", "to", "came", "in", "stood", "for", "the", "a", "an", "will", "be", "been",
        "has", "had", "hit", "hitting", "achieved", "recorded", "posted", "reported", "it", "came", "grew",
        "rose", "increased", "decreased", "fell", "declined", "up", "down", "landed", "ended", "was"
    ]
)
_CHANGE_AFTER_RE = re.compile(
    r"^[\s\])]*(?:(?P<cmp>year[\s-](?:over|on)[\s-]year|yoy|y-o-y|quarter[\s-](?:over|on)[\s-]quarter|qoq|sequential(?:ly)?)\b)?"
    r"\s*(?P<word>increase|growth|rise|gain|jump|improvement|decrease|decline|drop|reduction|fall|higher|lower)?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Figure:
    """A quantity of an English paragraph with the metric and period it belongs to.

    role: level (the value of a metric), base (the value a change starts from), change (a change
    rate), share (a percentage of a named total), delta (an absolute change) or none (a number we
    cannot place).
    """

    quantity: Quantity
    paragraph: Paragraph
    sentence: Sentence
    mention: MetricMention | None
    role: str
    period: str  # current | prior_year | prior_quarter | other | unknown
    linked: bool  # the metric phrase directly governs the number ("revenue was US$1.2 million")
    direction: int = 0  # for changes: +1 up, -1 down, 0 unknown
    comparison: str | None = None  # for changes: yoy | qoq
    whole: MetricMention | None = None  # for shares: the total named after "of"

    @property
    def line(self) -> int:
        return self.paragraph.line

    @property
    def key(self) -> tuple[str, str | None, bool] | None:
        return self.mention.key if self.mention else None

    @property
    def text(self) -> str:
        return self.paragraph.text

    @property
    def interval(self) -> Interval:
        return Interval.of(self.quantity)

    @property
    def is_amount(self) -> bool:
        return self.quantity.kind in ("money", "number")


def _words(text: str) -> list[str]:
    return [w.lower() for w in re.findall(r"[A-Za-z][A-Za-z'-]*", text)]


def _comparison(text: str, lex: Lexicon) -> str | None:
    low = text.lower()
    if any(re.search(rf"(?<![\w-]){re.escape(c)}(?![\w-])", low) for c in lex.yoy):
        return "yoy"
    if any(re.search(rf"(?<![\w-]){re.escape(c)}(?![\w-])", low) for c in lex.qoq):
        return "qoq"
    return None


def _direction(words: list[str], lex: Lexicon) -> int:
    """+1 / -1 from the last change word of `words`, 0 when there is none."""
    for w in reversed(words):
        if w in lex.up:
            return 1
        if w in lex.down:
            return -1
    return 0


@dataclass
class _SentenceContext:
    paragraph: Paragraph
    sentence: Sentence
    quantities: list[Quantity]
    mentions: list[MetricMention]
    scope: str | None
    forward: bool


_SCOPE_RE = re.compile(
    r"^\s*(?:in|for|within|on|turning to)\s+(?:the\s+|our\s+)?(?P<seg>[A-Za-z][A-Za-z &-]{1,40}?)\s+"
    r"(?:space|segment|business|sector|division|unit|market)\s*,",
    re.IGNORECASE,
)


class FigureExtractor:
    """Links the quantities of a transcript's English paragraphs to metrics and periods."""

    def __init__(self, transcript: Transcript, lex: Lexicon | None = None) -> None:
        self.transcript = transcript
        self.lex = lex or load_lexicon()
        self.call = call_period(transcript)

    def sentences(self) -> list[_SentenceContext]:
        out: list[_SentenceContext] = []
        for p in self.transcript.paragraphs:
            analyst = "analyst" in (p.role or "").lower()
            for s in p.sentences:
                qs = [q for q in p.quantities if s.start <= q.start < s.end]
                mentions = [
                    MetricMention(m.metric, m.segment, m.adjusted, m.start + s.start, m.end + s.start, m.text)
                    for m in find_mentions(p.text[s.start : s.end], self.lex)
                ]
                scope_m = _SCOPE_RE.match(p.text[s.start : s.end])
                scope = None
                if scope_m and not re.search(r"quarter|half|year|q[1-4]", scope_m.group("seg"), re.IGNORECASE):
                    scope = _segment_name(scope_m.group("seg").split(), self.lex)
                if scope:
                    mentions = [
                        MetricMention(m.metric, scope, m.adjusted, m.start, m.end, m.text)
                        if self.lex.metrics[m.metric].segmentable and m.segment is None
                        else m
                        for m in mentions
                    ]
                forward = analyst or bool(set(_words(p.text[s.start : s.end])) & self.lex.forward)
                out.append(_SentenceContext(p, s, qs, mentions, scope, forward))
        return out

    def figures(self) -> list[Figure]:
        found: list[Figure] = []
        for ctx in self.sentences():
            found.extend(self._figures_of(ctx))
        return found

    # -- one sentence ------------------------------------------------------------------------------

    def _figures_of(self, ctx: _SentenceContext) -> list[Figure]:
        text = ctx.paragraph.text
        out: list[Figure] = []
        for i, q in enumerate(ctx.quantities):
            prev_end = ctx.quantities[i - 1].end if i else ctx.sentence.start
            next_start = ctx.quantities[i + 1].start if i + 1 < len(ctx.quantities) else ctx.sentence.end
            before = text[prev_end : q.start]
            after = text[q.end : next_start]
            clause_before = text[ctx.sentence.start : q.start]
            mention = self._governing(ctx, q)
            role, direction, comparison, whole = self._role(ctx, q, mention, before, after, clause_before)
            if mention is not None:
                kind = self.lex.metrics[mention.metric].kind
                if role == "level" and q.is_ratio and kind != "ratio" or role in ("level", "base") and q.kind in ("money", "number") and kind != "money":
                    mention = None
            if q.kind == "number" and role != "change":
                mention = None if mention is None or q.value < 1000 else mention
            period = self._period(ctx, q, role, before, after, comparison)
            linked = mention is not None and role == "level" and self._direct(text, mention, q)
            out.append(Figure(q, ctx.paragraph, ctx.sentence, mention, role, period, linked, direction, comparison, whole))
        return out

    def _governing(self, ctx: _SentenceContext, q: Quantity) -> MetricMention | None:
        text = ctx.paragraph.text
        for m in reversed(ctx.mentions):
            if m.end <= q.start:
                return None if _BREAK_RE.search(text[m.end : q.start]) else m
        return None

    def _direct(self, text: str, mention: MetricMention, q: Quantity) -> bool:
        """Whether only linking words and period phrases stand between the metric and the number."""
        gap = text[mention.end : q.start]
        if len(gap) > 60:
            return False
        for a, _ in sorted(periods_in(gap, self.call, self.lex), reverse=True):
            m = self.lex.period_re.match(gap, a)
            end = m.end() if m else next((p.end for p in find_periods(gap[a:], "en")), 0) + a
            gap = gap[:a] + " " + gap[end:]
        return all(w in _LINK_WORDS for w in _words(gap)) and not re.search(r"\d", gap)

    def _role(
        self, ctx: _SentenceContext, q: Quantity, mention: MetricMention | None, before: str, after: str,
        clause_before: str,
    ) -> tuple[str, int, str | None, MetricMention | None]:
        lex = self.lex
        before_low = before.lower()
        if q.kind == "percent" and re.search(r"\bfrom\s+[\[(]?\s*$", before_low):
            return "base", 0, None, None
        if q.kind in ("percent", "points", "bps", "multiple"):
            whole = self._share_whole(ctx, q, after, clause_before)
            if whole is not None:
                return "share", 0, None, whole
            if mention is not None and mention.end > q.start - len(before):
                before = ctx.paragraph.text[mention.end : q.start]
            tail = _words(before)[-4:]
            if tail and tail[-1] == "to":
                return "level", 0, None, None
            m = _CHANGE_AFTER_RE.match(after)
            after_change = bool(m and (m.group("cmp") or m.group("word")))
            before_change = bool(set(tail) & (lex.up | lex.down))
            if q.kind in ("points", "bps", "multiple") and (after_change or before_change or _BASE_BEFORE_RE.search(after)):
                before_change = True
            if before_change or after_change:
                word = (m.group("word") or "").lower() if m else ""
                direction = 1 if word in lex.up else -1 if word in lex.down else 0
                if not direction:
                    direction = _direction(_words(clause_before)[-8:], lex)
                first_after = re.split(r"[,;]|\band\b", after, maxsplit=1)[0]
                comparison = _comparison(m.group("cmp") or "", lex) if m else None
                comparison = comparison or _comparison(before[-40:], lex) or _comparison(first_after, lex)
                return "change", direction, comparison, None
            return "level", 0, None, None
        if _DELTA_BEFORE_RE.search(before_low):
            return "delta", 0, None, None
        if _BASE_BEFORE_RE.search(before_low):
            return "base", 0, None, None
        if _FOR_BEFORE_RE.search(before_low) and re.match(r"^[\s\])]*(?:in [^,.;]{0,40}?)?\s*to\s+[\[(]?\s*$", after):
            return "base", 0, None, None
        return "level", 0, None, None

    def _share_whole(self, ctx: _SentenceContext, q: Quantity, after: str, clause_before: str) -> MetricMention | None:
        """The total of a share: 'accounting for 45% of public cloud revenue', 'contribution to total revenue ... 27%'."""
        if q.kind != "percent":
            return None
        m = re.match(r"^[\s\])]*of\s+", after, re.IGNORECASE)
        if m:
            start = q.end + m.end()
            for mention in ctx.mentions:
                if start <= mention.start <= start + 25 and self.lex.metrics[mention.metric].kind == "money":
                    cue_zone = clause_before[-60:].lower()
                    if any(re.search(rf"\b{re.escape(c)}\b", cue_zone) for c in self.lex.share_cues):
                        return mention
        for mention in reversed(ctx.mentions):
            if mention.end > q.start:
                continue
            gap = ctx.paragraph.text[mention.end : q.start]
            lead = ctx.paragraph.text[max(ctx.sentence.start, mention.start - 20) : mention.start].lower()
            if "contribution to" in lead and len(gap) < 60 and not re.search(r"\d", gap):
                return mention
            break
        return None

    def _period(self, ctx: _SentenceContext, q: Quantity, role: str, before: str, after: str, cmp: str | None) -> str:
        after_clause = re.split(r"[,;]|\band\b|\bwhile\b", after, maxsplit=1)[0]
        found = periods_in(after_clause[:70], self.call, self.lex)
        if found:
            return found[0][1]
        found = periods_in(before, self.call, self.lex)
        if found:
            return found[-1][1]
        if role == "base":
            if cmp is None:
                cmp = _comparison(ctx.paragraph.text[ctx.sentence.start : ctx.sentence.end], self.lex)
            return {"yoy": "prior_year", "qoq": "prior_quarter"}.get(cmp or "", "unknown")
        sentence_text = ctx.paragraph.text[ctx.sentence.start : ctx.sentence.end]
        if ctx.forward or self._other_year(sentence_text):
            return "unknown"
        whole = periods_in(sentence_text, self.call, self.lex)
        if role in ("level", "share") and any(kind == "other" for _, kind in whole):
            return "unknown"
        return "current"

    def _other_year(self, text: str) -> bool:
        """A bare year other than the call's outside any period phrase ('revenue in 2023 was ...')."""
        for p in find_periods(text, "en"):
            text = text[: p.start] + " " * (p.end - p.start) + text[p.end :]
        years = {int(y) for y in re.findall(r"\b((?:19|20)\d\d)\b", text)}
        return bool(years and (self.call.year is None or years - {self.call.year}))


# --- claims ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChangeClaim:
    """'up 18.4% from US$210.5 million to US$249.2 million': a change rate with its base and result."""

    change: Figure | None
    word: str | None  # "doubled", "tripled", "halved" when the change is a word
    base: Figure
    result: Figure
    direction: int

    @property
    def line(self) -> int:
        return self.result.line


@dataclass(frozen=True)
class ShareClaim:
    """'accounting for 45% of public cloud revenue': a part, its share and the named whole."""

    share: Figure
    part: Figure
    whole: MetricMention


@dataclass(frozen=True)
class Breakdown:
    """'Of this revenue, A contributed X and B the remaining Y': parts of a total."""

    total: Figure
    parts: tuple[Figure, ...]
    complete: bool
    opener: str


@dataclass(frozen=True)
class Series:
    """One ratio metric stated for several periods in one sentence."""

    figures: tuple[Figure, ...]


_MULTIPLIER_WORDS = {"doubled": Decimal(2), "tripled": Decimal(3), "quadrupled": Decimal(4), "halved": Decimal("0.5")}


def _gap(a: Figure | Quantity, b: Figure | Quantity, text: str) -> str:
    qa = a.quantity if isinstance(a, Figure) else a
    qb = b.quantity if isinstance(b, Figure) else b
    return text[qa.end : qb.start]


def _comparable_values(a: Figure, b: Figure) -> bool:
    qa, qb = a.quantity, b.quantity
    if qa.kind == "money" and qb.kind == "money":
        return qa.unit == qb.unit or None in (qa.unit, qb.unit)
    return qa.kind == qb.kind and qa.kind in ("percent", "number")


def change_claims(figures: list[Figure]) -> tuple[list[ChangeClaim], list[Figure]]:
    """Change claims with both a base and a result, and the change figures left unchecked."""
    claims: list[ChangeClaim] = []
    unchecked: list[Figure] = []
    for sentence_figs in _by_sentence(figures):
        text = sentence_figs[0].text
        for i, f in enumerate(sentence_figs):
            if f.role != "change":
                continue
            claim = _claim_after(f, sentence_figs, i, text) or _claim_before(f, sentence_figs, i, text)
            if claim is None:
                unchecked.append(f)
            else:
                claims.append(claim)
    return claims, unchecked


def _claim_after(f: Figure, figs: list[Figure], i: int, text: str) -> ChangeClaim | None:
    """'up P from A to B', 'up P from A' (result before P), 'up P to B from A'."""
    rest = figs[i + 1 :]
    if not rest:
        return None
    nxt = rest[0]
    gap = _gap(f, nxt, text)
    if nxt.role == "base" and len(gap) <= 45:
        base = nxt
        if len(rest) > 1 and re.search(r"\bto\b", _gap(base, rest[1], text)) and len(_gap(base, rest[1], text)) <= 60:
            result = rest[1]
            if result.role == "level" and _comparable_values(base, result):
                return ChangeClaim(f, None, base, result, f.direction)
        result = _result_before(f, figs, i, text)
        if result is not None and _comparable_values(base, result):
            return ChangeClaim(f, None, base, result, f.direction)
        return None
    if re.match(r"^[\s\])]*(?:year[\s-]over[\s-]year\s+)?to\s+[\[(]?$", gap) and len(rest) > 1:
        result, base = rest[0], rest[1]
        between = _gap(result, base, text)
        if base.role == "base" and re.search(r"\bfrom\b", between) and len(between) <= 60 and _comparable_values(base, result):
            return ChangeClaim(f, None, base, result, f.direction)
    return None


def _result_before(f: Figure, figs: list[Figure], i: int, text: str) -> Figure | None:
    """The value a change rate follows: 'EBITDA was RMB96.7 million, increased by 312.4% ...'."""
    for j in range(i - 1, -1, -1):
        g = figs[j]
        if g.role == "change":
            continue
        if g.role != "level" or len(_gap(g, figs[j + 1], text)) > 45:
            return None
        if f.mention is not None and g.mention is not None and g.mention != f.mention:
            return None
        return g
    return None


def _claim_before(f: Figure, figs: list[Figure], i: int, text: str) -> ChangeClaim | None:
    """'increased from A to B, up P'."""
    if i < 2:
        return None
    base, result = figs[i - 2], figs[i - 1]
    if base.role != "base" or result.role != "level":
        return None
    if not re.search(r"\bto\b", _gap(base, result, text)) or len(_gap(base, result, text)) > 60:
        return None
    if len(_gap(result, f, text)) > 40 or not _comparable_values(base, result):
        return None
    return ChangeClaim(f, None, base, result, f.direction)


def word_change_claims(figures: list[Figure]) -> list[ChangeClaim]:
    """'doubled from A to B', 'B, which tripled from A'."""
    claims: list[ChangeClaim] = []
    for figs in _by_sentence(figures):
        text = figs[0].text
        sentence = figs[0].sentence
        for m in re.finditer(r"\b(doubled|tripled|quadrupled|halved)\b", text[sentence.start : sentence.end], re.I):
            pos = sentence.start + m.end()
            after = [f for f in figs if f.quantity.start >= pos]
            before = [f for f in figs if f.quantity.end <= sentence.start + m.start()]
            word = m.group(1).lower()
            if (
                len(after) >= 2 and after[0].role == "base" and len(text[pos : after[0].quantity.start]) < 25
                and re.search(r"\bto\b", _gap(after[0], after[1], text)) and _comparable_values(after[0], after[1])
            ):
                claims.append(ChangeClaim(None, word, after[0], after[1], 1))
                continue
            if (
                after and before and after[0].role == "base" and before[-1].role == "level"
                and len(text[before[-1].quantity.end : sentence.start + m.start()]) < 40
                and _comparable_values(after[0], before[-1])
            ):
                claims.append(ChangeClaim(None, word, after[0], before[-1], 1))
    return claims


_TEENS = ["", "", "", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = ["", "", "", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def misreadings(q: Quantity) -> list[tuple[Decimal, str]]:
    """Values a speech recogniser (or a typist) may have turned into the printed number, with why.

    In order of likelihood: a teen heard as a ten ("seventeen"/"seventy"), a dropped or shifted
    decimal point, two adjacent digits transposed. Values are in the units of `q.value`.
    """
    out: list[tuple[Decimal, str]] = []
    n = q.number
    whole = int(n)
    frac = n - whole
    if 13 <= whole <= 19:
        out.append((Decimal((whole - 10) * 10) + frac, f"'{_TEENS[whole - 10]}' misheard as '{_TENS[whole - 10]}'"))
    if whole in (30, 40, 50, 60, 70, 80, 90):
        out.append((Decimal(10 + whole // 10) + frac, f"'{_TEENS[whole // 10]}' misheard as '{_TENS[whole // 10]}'"))
    out.append((n / 10, "a misplaced decimal point"))
    out.append((n * 10, "a misplaced decimal point"))
    printed = re.sub(r"[^\d.]", "", q.text.split("%")[0]) or str(n)
    for a in range(len(printed) - 1):
        b = a + 1
        if printed[a] == printed[b] or not (printed[a].isdigit() and printed[b].isdigit()):
            continue
        chars = list(printed)
        chars[a], chars[b] = chars[b], chars[a]
        try:
            value = Decimal("".join(chars))
        except ArithmeticError:
            continue
        out.append((value, "transposed digits"))
    return [(value * q.scale, why) for value, why in out]


def multiplier(word: str) -> Decimal:
    return _MULTIPLIER_WORDS[word]


def share_claims(figures: list[Figure]) -> list[ShareClaim]:
    claims: list[ShareClaim] = []
    for figs in _by_sentence(figures):
        for i, f in enumerate(figs):
            if f.role != "share" or f.whole is None:
                continue
            part = next((g for g in reversed(figs[:i]) if g.role == "level" and g.quantity.kind == "money"), None)
            if part is not None and part.mention is not None:
                claims.append(ShareClaim(f, part, f.whole))
    return claims


def breakdowns(figures: list[Figure], lex: Lexicon | None = None) -> list[Breakdown]:
    """Parts presented as the breakdown of a total, with the total they break down."""
    lex = lex or load_lexicon()
    out: list[Breakdown] = []
    opener_re = re.compile(rf"(?<![\w-])(?:{_alternation(lex.breakdown_openers)})(?![\w-])", re.IGNORECASE)
    for figs in _by_sentence(figures):
        text = figs[0].text
        sentence = figs[0].sentence
        body = text[sentence.start : sentence.end]
        m = opener_re.search(body)
        if not m:
            continue
        pos = sentence.start + m.start()
        parts = tuple(
            f for f in figs
            if f.quantity.start > pos and f.role == "level" and f.quantity.kind == "money" and f.period == "current"
        )
        if not parts:
            continue
        total = _breakdown_total(figures, figs, pos, m.group(0).lower(), text, lex)
        if total is None or total.quantity.unit != parts[0].quantity.unit:
            continue
        complete = any(re.search(rf"(?<![\w-]){re.escape(c)}(?![\w-])", body, re.I) for c in lex.breakdown_complete)
        out.append(Breakdown(total, parts, complete, m.group(0)))
    return out


def _breakdown_total(
    figures: list[Figure], figs: list[Figure], pos: int, opener: str, text: str, lex: Lexicon
) -> Figure | None:
    if opener in ("of which", "among which", "out of which", "including"):
        before = [f for f in figs if f.quantity.end <= pos and f.role == "level" and f.quantity.kind == "money"]
        return before[-1] if before and before[-1].mention is not None else None
    # "Of this revenue," -> the latest current level of that metric stated before the sentence
    tail = text[pos : pos + 60]
    mention = next(iter(find_mentions(tail, lex)), None)
    if mention is None or mention.start > len(opener) + 12:
        return None
    sentence = figs[0].sentence
    paragraph = figs[0].paragraph
    earlier = [
        f for f in figures
        if f.key == (mention.metric, None, mention.adjusted) and f.role == "level" and f.period == "current"
        and f.linked and (f.paragraph.index, f.sentence.start) < (paragraph.index, sentence.start)
    ]
    return earlier[-1] if earlier else None


def series(figures: list[Figure]) -> list[Series]:
    """A ratio metric given for three or more distinct periods within one sentence."""
    out: list[Series] = []
    for figs in _by_sentence(figures):
        groups: dict[MetricMention, list[Figure]] = {}
        for f in figs:
            if f.role == "level" and f.quantity.kind == "percent" and f.mention is not None:
                groups.setdefault(f.mention, []).append(f)
        for group in groups.values():
            periods = [g.period for g in group]
            known = [p for p in periods if p in ("current", "prior_year", "prior_quarter")]
            if len(group) >= 3 and len(set(known)) == len(group):
                out.append(Series(tuple(group)))
    return out


def _by_sentence(figures: list[Figure]) -> list[list[Figure]]:
    groups: dict[tuple[int, int], list[Figure]] = {}
    for f in figures:
        groups.setdefault((f.paragraph.index, f.sentence.start), []).append(f)
    return [groups[k] for k in sorted(groups)]


@dataclass
class FigureModel:
    """Every figure of a transcript with its metric and period, and the claims among them."""

    transcript: Transcript
    lexicon: Lexicon
    call: CallPeriod
    figures: list[Figure]

    def levels(self, key: tuple[str, str | None, bool], period: str, linked_only: bool = True) -> list[Figure]:
        """Figures stating the value of metric `key` for `period`, in transcript order."""
        return [
            f for f in self.figures
            if f.key == key and f.role == "level" and f.period == period and (f.linked or not linked_only)
        ]

    def metric(self, metric_id: str) -> MetricDef:
        return self.lexicon.metrics[metric_id]


def build_model(transcript: Transcript) -> FigureModel:
    """Link every English figure of `transcript` to its metric and period (built once per transcript)."""

    def build() -> FigureModel:
        lex = load_lexicon()
        extractor = FigureExtractor(transcript, lex)
        return FigureModel(transcript, lex, extractor.call, extractor.figures())

    return transcript.derived("metrics.figure_model", build)
