"""What a sentence inherits from the speaker's earlier words: its period and its business line.

Why: a figure is rarely stated with its own period and scope. "The third quarter was a record. Revenue
reached US$249.2 million" gives the revenue the third quarter; "Moving to the Industrial business.
Sales were US$412 million" makes the sales the business line's, not the company's. A figure without a
period of its own takes the last period the same speaker set (a quarter, a full year, nine months ...);
without one it has no known period and is compared with nothing. A figure of a segmentable metric takes
the business line the speaker moved to, until the speaker moves on, turns the slide or names the
consolidated figures. Comparisons ("up 4% from the third quarter of 2024") set no period.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from auditor.figures.lexicon import Lexicon
from auditor.figures.mentions import (
    UNNAMED,
    CallPeriod,
    MetricMention,
    find_mentions,
    periods_in,
    segment_name,
)

if TYPE_CHECKING:
    from auditor.model import Paragraph, Sentence, Transcript
    from auditor.quantities import Quantity

_WORD_RE = re.compile(r"[A-Za-z][A-Za-z&'-]*")
# "... from US$210.5 million in [the third quarter of 2024]": a period after a compared amount
_COMPARED_RE = re.compile(r"\b(?:than|from|versus|vs\.?|against|compared\s+(?:with|to))\b[^,;]*\d[^,;]*$")


def words_of(text: str) -> list[str]:
    return [w.lower() for w in re.findall(r"[A-Za-z][A-Za-z'-]*", text)]


@dataclass
class SentenceContext:
    """One English sentence with its quantities, metric phrases and what it inherits.

    period: the period the speaker set before (None when none is known); scope: the business line the
    speaker is talking about (None: the company); forward: a forecast, a plan or an analyst's words.
    """

    paragraph: Paragraph
    sentence: Sentence
    quantities: list[Quantity]
    mentions: list[MetricMention]
    scope: str | None
    forward: bool
    period: str | None = None
    qualified: bool = False
    organic_paragraph: bool = False


def _move_scope(text: str, lex: Lexicon) -> str | None:
    """The business line a sentence moves to ("Moving to the E&P, ..."), or None."""
    m = lex.scope_re.match(text)
    if m and not lex.scope_period_re.search(m.group("seg")):
        return segment_name(m.group("seg").split(), lex)
    m = lex.move_re.match(text)
    if not m:
        return None
    if "[" in m.group("seg"):
        return f"{UNNAMED}{m.group('seg')}"  # "Moving on to [inaudible]": a business line, not named
    kept: list[str] = []
    for w in _WORD_RE.finditer(m.group("seg")):
        low = w.group(0).lower()
        if low in lex.segment_stop and low not in lex.neutral_modifiers:
            break
        kept.append(w.group(0))
    phrase = " ".join(kept).lower()
    if (
        not kept or len(kept) > 5 or re.search(r"\d", phrase) or lex.scope_period_re.search(phrase)
        or any(w in lex.not_segments for w in phrase.split()) or phrase in lex.not_segments
        or lex.alias_re.search(phrase) or lex.slide_re.search(m.group("seg"))
    ):
        return None
    return segment_name(kept, lex)


class ContextReader:
    """Reads the transcript in order and keeps, per speaker, the last period and business line set."""

    def __init__(self, transcript: Transcript, lex: Lexicon, call: CallPeriod) -> None:
        self.transcript = transcript
        self.lex = lex
        self.call = call
        self._period: dict[str, str | None] = {}
        self._scope: dict[str, str | None] = {}

    def sentences(self) -> list[SentenceContext]:
        out: list[SentenceContext] = []
        lex = self.lex
        for p in self.transcript.paragraphs:
            speaker = p.speaker or ""
            analyst = "analyst" in (p.role or "").lower()
            organic = bool(lex.qualifier_re.search(p.text))
            for s in p.sentences:
                body = p.text[s.start : s.end]
                scope = self._sentence_scope(speaker, body)
                qs = [q for q in p.quantities if s.start <= q.start < s.end]
                mentions = [self._scoped(m, s.start, scope, p) for m in find_mentions(body, lex)]
                forward = analyst or bool(set(words_of(body)) & lex.forward)
                ctx = SentenceContext(
                    p, s, qs, mentions, scope, forward, self._period.get(speaker),
                    bool(lex.qualifier_re.search(body)), organic,
                )
                out.append(ctx)
                self._set_period(speaker, p, s, forward)
        return out

    # -- business line -------------------------------------------------------------------------

    def _sentence_scope(self, speaker: str, body: str) -> str | None:
        lex = self.lex
        scope = self._scope.get(speaker)
        if lex.company_scope_re.search(body) or lex.slide_re.search(body):
            scope = None
        moved = _move_scope(body, lex)
        if moved is not None:
            scope = moved
        self._scope[speaker] = scope
        return scope

    def _scoped(self, m: MetricMention, offset: int, scope: str | None, p: Paragraph) -> MetricMention:
        segment = m.segment
        if segment == UNNAMED:
            segment = f"{UNNAMED}{p.index}.{offset + m.start}"  # an unnamed business line: only itself
        elif (
            segment is None and scope is not None and m.company not in self.lex.company_words
            and self.lex.metrics[m.metric].segmentable
        ):
            segment = scope  # "total turnover" of the business line the speaker is talking about
        return MetricMention(m.metric, segment, m.adjusted, m.start + offset, m.end + offset, m.text, m.company)

    # -- period ---------------------------------------------------------------------------------

    def setters(self, p: Paragraph, start: int, end: int) -> list[str]:
        """The periods a span sets for what follows: its own periods, comparisons left out."""
        out: list[str] = []
        for a, _, kind in periods_in(p, start, end, self.call, self.lex):
            if kind in ("prior_year", "prior_quarter"):
                continue
            lead = p.text[max(start, start + a - 40) : start + a].lower()
            if self.lex.base_before_re.search(lead + " ") or _COMPARED_RE.search(lead):
                continue
            out.append(kind)
        return out

    def _set_period(self, speaker: str, p: Paragraph, s: Sentence, forward: bool) -> None:
        found = self.setters(p, s.start, s.end)
        if found:
            # a forecast for a full year is no actual of that year ("For the full year we expect ...")
            self._period[speaker] = "other" if forward and found[-1].startswith("year:") else found[-1]
