"""Figures: every English quantity of a transcript linked to its metric, role and period.

Why: the figure checks compare numbers, but only numbers of the same metric and period, and only
in the roles the sentence gives them ("up 18.4% from US$210.5 million" makes 18.4% a change and
210.5 its base). When the metric or the period of a number is unclear it is left unlinked, and the
checks stay silent on it.

The quantities, sentences and periods are those the model parsed once per paragraph; this module
only reads the words around them (the phrase lists of `auditor.figures.lexicon`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from auditor.figures.intervals import Interval
from auditor.figures.lexicon import Lexicon, load_lexicon
from auditor.figures.mentions import (
    CallPeriod,
    MetricMention,
    call_period,
    find_mentions,
    periods_in,
    segment_name,
)
from auditor.quantities import Quantity

if TYPE_CHECKING:
    from auditor.model import Paragraph, Sentence, Transcript

# structural patterns: "for [the] (" before a number, "... to (" after it, a bare year
_FOR_BEFORE_RE = re.compile(r"\bfor\s+(?:the\s+)?[\[(]?\s*$", re.IGNORECASE)
_TO_AFTER_RE = re.compile(r"^[\s\])]*(?:in [^,.;]{0,40}?)?\s*to\s+[\[(]?\s*$")
_OF_AFTER_RE = re.compile(r"^[\s\])]*of\s+", re.IGNORECASE)
_FROM_BEFORE_RE = re.compile(r"\bfrom\s+[\[(]?\s*$")
_YEAR_RE = re.compile(r"\b((?:19|20)\d\d)\b")


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


def comparison(text: str, lex: Lexicon) -> str | None:
    """'yoy' or 'qoq' when `text` names that comparison ("year-over-year", "sequentially")."""
    low = text.lower()
    if lex.yoy_re.search(low):
        return "yoy"
    if lex.qoq_re.search(low):
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


class FigureExtractor:
    """Links the quantities of a transcript's English paragraphs to metrics and periods."""

    def __init__(self, transcript: Transcript, lex: Lexicon | None = None) -> None:
        self.transcript = transcript
        self.lex = lex or load_lexicon(transcript.words)
        self.call: CallPeriod = call_period(transcript)

    def sentences(self) -> list[_SentenceContext]:
        out: list[_SentenceContext] = []
        lex = self.lex
        for p in self.transcript.paragraphs:
            analyst = "analyst" in (p.role or "").lower()
            for s in p.sentences:
                qs = [q for q in p.quantities if s.start <= q.start < s.end]
                mentions = [
                    MetricMention(m.metric, m.segment, m.adjusted, m.start + s.start, m.end + s.start, m.text)
                    for m in find_mentions(p.text[s.start : s.end], lex)
                ]
                scope_m = lex.scope_re.match(p.text[s.start : s.end])
                scope = None
                if scope_m and not lex.scope_period_re.search(scope_m.group("seg")):
                    scope = segment_name(scope_m.group("seg").split(), lex)
                if scope:
                    mentions = [
                        MetricMention(m.metric, scope, m.adjusted, m.start, m.end, m.text)
                        if lex.metrics[m.metric].segmentable and m.segment is None
                        else m
                        for m in mentions
                    ]
                forward = analyst or bool(set(_words(p.text[s.start : s.end])) & lex.forward)
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
            role, direction, cmp, whole = self._role(ctx, q, mention, before, after, clause_before)
            if mention is not None:
                kind = self.lex.metrics[mention.metric].kind
                if role == "level" and q.is_ratio and kind != "ratio" or role in ("level", "base") and q.kind in ("money", "number") and kind != "money":
                    mention = None
            if q.kind == "number" and role != "change":
                mention = None if mention is None or q.value < 1000 else mention
            period = self._period(ctx, q, role, prev_end, after, cmp)
            linked = mention is not None and role == "level" and self._direct(ctx, mention, q)
            out.append(Figure(q, ctx.paragraph, ctx.sentence, mention, role, period, linked, direction, cmp, whole))
        return out

    def _governing(self, ctx: _SentenceContext, q: Quantity) -> MetricMention | None:
        text = ctx.paragraph.text
        for m in reversed(ctx.mentions):
            if m.end <= q.start:
                return None if self.lex.break_re.search(text[m.end : q.start]) else m
        return None

    def _direct(self, ctx: _SentenceContext, mention: MetricMention, q: Quantity) -> bool:
        """Whether only linking words and period phrases stand between the metric and the number."""
        gap = ctx.paragraph.text[mention.end : q.start]
        if len(gap) > 60:
            return False
        # blank every period phrase (a relative phrase wins where it starts: "first half" of "first
        # half of 2024" is blanked, " of 2024" is not); right to left, so a phrase is matched before
        # anything to its left is blanked
        for a, b, _ in reversed(periods_in(ctx.paragraph, mention.end, q.start, self.call, self.lex)):
            m = self.lex.period_re.match(gap, a)
            end = m.end() if m else b
            gap = gap[:a] + " " * (end - a) + gap[end:]
        return all(w in self.lex.link_words for w in _words(gap)) and not re.search(r"\d", gap)

    def _role(
        self, ctx: _SentenceContext, q: Quantity, mention: MetricMention | None, before: str, after: str,
        clause_before: str,
    ) -> tuple[str, int, str | None, MetricMention | None]:
        lex = self.lex
        before_low = before.lower()
        if q.kind == "percent" and _FROM_BEFORE_RE.search(before_low):
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
            m = lex.change_after_re.match(after)
            after_change = bool(m and (m.group("cmp") or m.group("word")))
            before_change = bool(set(tail) & (lex.up | lex.down))
            if q.kind in ("points", "bps", "multiple") and (after_change or before_change or lex.base_before_re.search(after)):
                before_change = True
            if before_change or after_change:
                word = (m.group("word") or "").lower() if m else ""
                direction = 1 if word in lex.up else -1 if word in lex.down else 0
                if not direction:
                    direction = _direction(_words(clause_before)[-8:], lex)
                first_after = re.split(r"[,;]|\band\b", after, maxsplit=1)[0]
                cmp = comparison(m.group("cmp") or "", lex) if m else None
                cmp = cmp or comparison(before[-40:], lex) or comparison(first_after, lex)
                return "change", direction, cmp, None
            return "level", 0, None, None
        if lex.delta_before_re.search(before_low):
            return "delta", 0, None, None
        if lex.base_before_re.search(before_low):
            return "base", 0, None, None
        if _FOR_BEFORE_RE.search(before_low) and _TO_AFTER_RE.match(after):
            return "base", 0, None, None
        return "level", 0, None, None

    def _share_whole(self, ctx: _SentenceContext, q: Quantity, after: str, clause_before: str) -> MetricMention | None:
        """The total of a share: 'accounting for 45% of public cloud revenue', 'contribution to total revenue ... 27%'."""
        if q.kind != "percent":
            return None
        m = _OF_AFTER_RE.match(after)
        if m:
            start = q.end + m.end()
            for mention in ctx.mentions:
                if start <= mention.start <= start + 25 and self.lex.metrics[mention.metric].kind == "money":
                    cue_zone = clause_before[-60:].lower()
                    if self.lex.share_cue_re.search(cue_zone):
                        return mention
        for mention in reversed(ctx.mentions):
            if mention.end > q.start:
                continue
            gap = ctx.paragraph.text[mention.end : q.start]
            lead = ctx.paragraph.text[max(ctx.sentence.start, mention.start - 20) : mention.start].lower()
            if any(cue in lead for cue in self.lex.share_lead) and len(gap) < 60 and not re.search(r"\d", gap):
                return mention
            break
        return None

    def _period(self, ctx: _SentenceContext, q: Quantity, role: str, prev_end: int, after: str, cmp: str | None) -> str:
        paragraph, sentence = ctx.paragraph, ctx.sentence
        after_clause = self.lex.clause_break_re.split(after, maxsplit=1)[0]
        found = periods_in(paragraph, q.end, q.end + len(after_clause[:70]), self.call, self.lex)
        if found:
            return found[0][2]
        found = periods_in(paragraph, prev_end, q.start, self.call, self.lex)
        if found:
            return found[-1][2]
        if role == "base":
            if cmp is None:
                cmp = comparison(paragraph.text[sentence.start : sentence.end], self.lex)
            return {"yoy": "prior_year", "qoq": "prior_quarter"}.get(cmp or "", "unknown")
        if ctx.forward or self._other_year(ctx):
            return "unknown"
        whole = periods_in(paragraph, sentence.start, sentence.end, self.call, self.lex)
        if role in ("level", "share") and any(kind == "other" for _, _, kind in whole):
            return "unknown"
        return "current"

    def _other_year(self, ctx: _SentenceContext) -> bool:
        """A bare year other than the call's outside any period phrase ('revenue in 2023 was ...')."""
        start, end = ctx.sentence.start, ctx.sentence.end
        text = ctx.paragraph.text[start:end]
        for p in ctx.paragraph.periods:
            if not start <= p.start < end:
                continue
            a, b = p.start - start, p.end - start
            text = text[:a] + " " * (b - a) + text[b:]
        years = {int(y) for y in _YEAR_RE.findall(text)}
        return bool(years and (self.call.year is None or years - {self.call.year}))
