"""Figures: every English quantity of a transcript linked to its metric, role, period and business line.

Why: the figure checks compare numbers, but only numbers of the same metric, period and business line,
and only in the roles the sentence gives them ("up 18.4% from US$210.5 million" makes 18.4% a change
and 210.5 its base; "increased US$47 million" makes 47 a change, not a level). When the metric, the
period or the business line of a number is unclear it is left unlinked, and the checks stay silent
on it: a figure without a period of its own or inherited from the speaker (`auditor.figures.context`)
has the period "unknown", never the call's quarter by default.

The quantities, sentences and periods are those the model parsed once per paragraph; this module
only reads the words around them (the phrase lists of `auditor.figures.lexicon`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from auditor.figures.context import ContextReader, SentenceContext, words_of
from auditor.figures.intervals import Interval
from auditor.figures.lexicon import Lexicon, load_lexicon
from auditor.figures.mentions import CallPeriod, MetricMention, call_period, periods_in, segment_name
from auditor.figures.per_sentence import FROM_BEFORE_RE, clause_tail, from_before, period_spans
from auditor.figures.per_sentence import sentence_cache as _sentence_cache
from auditor.quantities import Quantity

if TYPE_CHECKING:
    from auditor.model import Paragraph, Sentence, Transcript

# structural patterns: "for [the] (" before a number, "... to (" after it, a bare year
_FOR_BEFORE_RE = re.compile(r"\bfor\s+(?:the\s+)?[\[(]?\s*$", re.IGNORECASE)
_TO_AFTER_RE = re.compile(r"^[\s\])]*(?:in [^,.;]{0,40}?)?\s*to\s+[\[(]?\s*$")
_OF_AFTER_RE = re.compile(r"^[\s\])]*of\s+", re.IGNORECASE)
_YEAR_RE = re.compile(r"\b((?:19|20)\d\d)\b")
_YEAR_DIGITS_RE = re.compile(r"(?:19|20)\d\d")  # in every match of _YEAR_RE, found without trying \b everywhere
# "RMB34 .6 million": a number broken by a space before its decimal point
_BROKEN_AFTER_RE = re.compile(r"^ \.\d")


@dataclass(frozen=True)
class Figure:
    """A quantity of an English paragraph with the metric and period it belongs to.

    role: level (the value of a metric), base (the value a change starts from), change (a change
    rate), share (a percentage of a named total), delta (an absolute change) or none (a number we
    cannot place). qualified: a change rate on another basis (organic, constant currency ...), or
    attached loosely in a paragraph that speaks of such rates.
    """

    quantity: Quantity
    paragraph: Paragraph
    sentence: Sentence
    mention: MetricMention | None
    role: str
    # current | prior_year | prior_quarter | year:<n> | half:<1|2>:<n> | 9m:<n> | other | unknown | implicit (its speaker has
    # named no period yet: the same period as the other implicit figures of its turn only)
    period: str
    linked: bool  # the metric phrase directly governs the number ("revenue was US$1.2 million")
    direction: int = 0  # for changes: +1 up, -1 down, 0 unknown
    comparison: str | None = None  # for changes: yoy | qoq
    whole: MetricMention | None = None  # for shares: the total named after "of"
    qualified: bool = False

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

    @property
    def approximate(self) -> bool:
        """'about US$50 million', 'over 120%': not a figure to hold to its digits."""
        return self.quantity.qualifier is not None

    @property
    def comparable_period(self) -> bool:
        """A period two statements can share: the call's quarter, the comparable quarters, a full year."""
        return self.period in ("current", "prior_year", "prior_quarter") or self.period.startswith(("year:", "half:", "9m:"))

    def same_period(self, other: Figure) -> bool:
        """Whether two figures are of one period: the same comparable period, or both of one turn
        whose speaker named no period (what one stretch of remarks states without a period is of
        one period, whichever it is)."""
        if self.period != other.period:
            return False
        if self.period == "implicit":
            return self.paragraph.turn == other.paragraph.turn
        return self.comparable_period

    @property
    def company(self) -> bool:
        """The company's own figure (not a business line's)."""
        return self.mention is not None and self.mention.segment is None


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


def _restated_changes(figs: list[Figure], text: str, lex: Lexicon) -> list[Figure]:
    """'That is 104 billion yen, or 26.3% increase': an amount restated by the change rate after it
    is that change, not a level."""
    out = list(figs)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if (
            a.role == "level" and a.quantity.kind == "money" and b.role == "change" and b.quantity.kind == "percent"
            and b.direction and lex.restate_re.match(text[a.quantity.end : b.quantity.start])
        ):
            out[i] = replace(a, role="delta", direction=b.direction, linked=False)
    return out


def _own(period: str) -> str:
    """A figure's period from a phrase of its own clause ("per day", "since 2019" are another period)."""
    return "other" if period == "local" else period


def _broken(text: str, q: Quantity, lex: Lexicon) -> bool:
    """A number split by a stray space ("RMB34 .6 million"), or one whose scale the speaker corrects
    at once ("RMB5.3 million, billion"): the printed figure is not what was meant."""
    if _BROKEN_AFTER_RE.match(text[q.end : q.end + 3]):
        return True
    corrected = re.match(r"^\s*,?\s*(?:(?:uh|um|sorry|i mean|or)\s*,?\s*)*(\w+)", text[q.end : q.end + 30], re.IGNORECASE)
    if corrected and corrected.group(1).lower() in lex.wording["scales"]:
        return True
    return q.text.startswith(".") and q.start >= 2 and text[q.start - 1] == " " and text[q.start - 2].isdigit()


class FigureExtractor:
    """Links the quantities of a transcript's English paragraphs to metrics and periods."""

    def __init__(self, transcript: Transcript, lex: Lexicon | None = None) -> None:
        self.transcript = transcript
        self.lex = lex or load_lexicon(transcript.words)
        self.call: CallPeriod = call_period(transcript)
        self.context = ContextReader(transcript, self.lex, self.call)

    def sentences(self) -> list[SentenceContext]:
        return self.context.sentences()  # those holding a quantity, with their context

    def figures(self) -> list[Figure]:
        found: list[Figure] = []
        for ctx in self.sentences():
            found.extend(self._figures_of(ctx))
        return found

    # -- one sentence ------------------------------------------------------------------------------

    def _figures_of(self, ctx: SentenceContext) -> list[Figure]:
        text = ctx.paragraph.text
        out: list[Figure] = []
        self._previous: Figure | None = None
        for i, q in enumerate(ctx.quantities):
            prev_end = ctx.quantities[i - 1].end if i else ctx.sentence.start
            next_start = ctx.quantities[i + 1].start if i + 1 < len(ctx.quantities) else ctx.sentence.end
            before = text[prev_end : q.start]
            after = text[q.end : next_start]
            if _broken(text, q, self.lex):
                out.append(Figure(q, ctx.paragraph, ctx.sentence, None, "none", "unknown", False))
                continue
            clause_before = clause_tail(_sentence_cache(self), ctx, q)
            if self.lex.conversion_re.search(before):
                # "RMB1.4 billion, equivalent to US$260 million": the amount before, restated
                out.append(Figure(q, ctx.paragraph, ctx.sentence, None, "none", "unknown", False))
                self._previous = out[-1]
                continue
            mention = self._governing(ctx, q)
            role, direction, cmp, whole = self._role(ctx, q, mention, before, after, clause_before)
            if mention is not None:
                kind = self.lex.metrics[mention.metric].kind
                if (role == "level" and q.is_ratio and kind != "ratio") or (
                    role in ("level", "base", "delta") and q.kind in ("money", "number") and kind != "money"
                ):
                    mention = None
            if q.kind == "number" and role != "change":
                mention = None if mention is None or q.value < 1000 else mention
            if mention is not None and role == "level" and q.kind == "money":
                mention = self._from_segment(mention, after)
            if mention is not None and self.lex.per_share_re.match(after) and mention.metric not in self.lex.per_share_metrics:
                mention = replace(mention, segment=f"{mention.segment or ''} per share".strip())
            period = self._period(ctx, q, role, prev_end, after, cmp, mention)
            linked = mention is not None and role == "level" and self._direct(ctx, mention, q)
            qualified = role == "change" and self._qualified(ctx, before, after)
            out.append(
                Figure(q, ctx.paragraph, ctx.sentence, mention, role, period, linked, direction, cmp, whole, qualified)
            )
            self._previous = out[-1]
        return _restated_changes(out, text, self.lex)

    def _qualified(self, ctx: SentenceContext, before: str, after: str) -> bool:
        """A rate on another basis: a qualifier in its own clause ("up 10% organically", "organic
        growth of 12%"), in the sentence's opening clause ("Excluding currency, ..."), or a loosely
        attached rate in a paragraph that speaks of such rates."""
        lex = self.lex
        own = lex.clause_break_re.split(after, maxsplit=1)[0] + " " + before.split(",")[-1]
        if lex.qualifier_re.search(own) or self._qualified_opening(ctx):
            return True
        return ctx.organic_paragraph and bool(lex.loose_re.search(before))

    def _qualified_opening(self, ctx: SentenceContext) -> bool:
        """A qualifier in the sentence's opening clause ("Excluding currency, ..."): read once per
        sentence, not once per rate of it."""
        key = ("qualified_opening", ctx.paragraph.index, ctx.sentence.start, ctx.sentence.end)
        cache = _sentence_cache(self)
        if key not in cache:
            text, start, end = ctx.paragraph.text, ctx.sentence.start, ctx.sentence.end
            comma = text.find(",", start, end)
            cache[key] = bool(self.lex.qualifier_re.search(text[start : end if comma < 0 else comma]))
        return bool(cache[key])

    def _governing(self, ctx: SentenceContext, q: Quantity) -> MetricMention | None:
        text = ctx.paragraph.text
        if q.kind in ("percent", "points", "bps"):
            # "a 75% decrease in net income", "59% decline of revenues from X": the metric named after the rate
            of = self.lex.rate_of_re.match(text, q.end)
            if of:
                after = next((x for x in ctx.mentions if x.start == of.end()), None)
                if after is not None:
                    return after
        for m in reversed(ctx.mentions):
            if m.end <= q.start:
                return None if self.lex.break_re.search(text[m.end : q.start]) else m
        if ctx.previous and not ctx.mentions:
            return ctx.previous[-1]  # "That is 104 billion yen, or 26.3%": the previous sentence's metric
        return None

    def _from_segment(self, mention: MetricMention, after: str) -> MetricMention:
        """'revenue of 499 million from digital services' is that business line's revenue."""
        m = self.lex.from_segment_re.match(after)
        if m is None or mention.segment is not None or mention.company:
            return mention
        rest = m.group("rest").lower()
        if self.lex.periodish_re.match(rest) or re.match(r"\W*\d", rest):
            return mention
        words: list[str] = []
        for w in re.finditer(r"[A-Za-z][A-Za-z&'-]*", m.group("rest")):
            if w.group(0).lower() in self.lex.segment_stop or len(words) >= 4:
                break
            words.append(w.group(0))
        if self.lex.period_re.search(" ".join(words)) or self.lex.scope_period_re.search(" ".join(words)):
            return mention
        segment = segment_name(words, self.lex)
        return mention if segment is None else replace(mention, segment=segment)

    def _direct(self, ctx: SentenceContext, mention: MetricMention, q: Quantity) -> bool:
        """Whether only linking words, period phrases and a change stated first ("rose 12.4% to")
        stand between the metric and the number."""
        gap_start = mention.end
        gap = ctx.paragraph.text[gap_start : q.start]
        if len(gap) > 90:
            return False
        # blank every period phrase (a relative phrase wins where it starts: "first half" of "first
        # half of 2024" is blanked, " of 2024" is not); right to left, so a phrase is matched before
        # anything to its left is blanked
        for a, b, _ in reversed(periods_in(ctx.paragraph, gap_start, q.start, self.call, self.lex)):
            m = self.lex.period_re.match(gap, a)
            end = max(m.end() if m else b, b)
            gap = gap[:a] + " " * (end - a) + gap[end:]
        inside = [r for r in ctx.quantities if gap_start <= r.start and r.end <= q.start]
        for r in inside:
            a, b = r.start - gap_start, r.end - gap_start
            gap = gap[:a] + " " * (b - a) + gap[b:]
        gap = _YEAR_RE.sub("    ", gap)  # "over the 2020 third quarter to"
        words = [w for w in words_of(gap) if w not in self.lex.fillers]
        if re.search(r"\d", gap):
            return False
        if not inside:
            return len(gap) <= 60 and all(w in self.lex.link_words for w in words)
        allowed = self.lex.link_words | self.lex.up | self.lex.down | self.lex.change_gap
        # "rose 12.4% to US$96.3 million", "declined by 2.4 points reaching 8.3%"
        return bool(words) and words[-1] in self.lex.link_words and words[-1] != "by" and all(w in allowed for w in words)

    def _role(
        self, ctx: SentenceContext, q: Quantity, mention: MetricMention | None, before: str, after: str,
        clause_before: str,
    ) -> tuple[str, int, str | None, MetricMention | None]:
        lex = self.lex
        before_low = before.lower()
        if q.kind == "percent" and FROM_BEFORE_RE.search(before_low):
            return "base", 0, None, None
        if q.kind in ("percent", "points", "bps", "multiple"):
            return self._rate_role(ctx, q, mention, before, after, clause_before)
        if lex.delta_before_re.search(before_low):
            return "delta", 0, None, None
        if mention is not None and mention.of_change and mention.end > q.start - len(before) and len(before) <= 30:
            return "delta", mention.of_change, None, None
        if lex.base_before_re.search(before_low):
            return "base", 0, None, None
        if _FOR_BEFORE_RE.search(before_low) and _TO_AFTER_RE.match(after):
            return "base", 0, None, None
        lead = lex.base_lead_re.search(before_low)
        if lead and q.kind == "money" and not set(words_of(lead.group("between"))) & lex.base_lead_stop:
            return "base", 0, None, None  # "from last year's sales of US$85.7 million"
        tail = [w for w in words_of(before) if w not in self.lex.fillers]
        if q.kind == "money" and tail and (tail[-1] in lex.up or tail[-1] in lex.down) and tail[-1] not in ("gain",):
            return "delta", _direction(tail[-1:], lex), None, None
        if q.kind == "money" and lex.delta_after_re.match(after):
            return "delta", 0, None, None
        return "level", 0, None, None

    def _rate_role(
        self, ctx: SentenceContext, q: Quantity, mention: MetricMention | None, before: str, after: str,
        clause_before: str,
    ) -> tuple[str, int, str | None, MetricMention | None]:
        lex = self.lex
        whole = self._share_whole(ctx, q, after, clause_before)
        if whole is not None:
            return "share", 0, None, whole
        if lex.level_from_re.match(after):
            return "level", 0, None, None
        prev = self._previous
        after_from = prev is not None and prev.role == "base" and from_before(ctx.paragraph.text, ctx.sentence.start, prev.quantity.start)
        if prev is not None and (prev.role == "delta" or after_from) and q.kind == "percent" and lex.restate_re.match(before):
            # "up US$85 million or 9.9%", "to US$96.3 million from US$75.7 million, or 12.4%": the change as a rate
            return "change", prev.direction or _direction(words_of(clause_before)[-10:], lex), comparison(after, lex), None
        if mention is not None and mention.end > q.start - len(before):
            before = ctx.paragraph.text[mention.end : q.start]
            if mention.of_change and len(before) <= 30 and all(w in lex.link_words for w in words_of(before)):
                # "revenue growth of 12%", "EBITDA decline was 3%": the metric's change
                cmp = comparison(after.split(",")[0], lex)
                return "change", mention.of_change, cmp, None
        tail = [w for w in words_of(before) if w not in self.lex.fillers][-4:]
        if tail and tail[-1] == "to":
            return "level", 0, None, None
        if tail and tail[-1] == "at" and not set(tail) & (lex.up | lex.down):
            # "margin came in at 17.6% below the prior year quarter": the level, then a comparison
            return "level", 0, None, None
        if tail and tail[-1] == "by" and q.kind == "percent":
            # "increased our dividend by 12.5%", "an increase of EBITDA by 1.6%": a change
            first_after = re.split(r"[,;]|\band\b", after, maxsplit=1)[0]
            cmp = comparison(before[-40:], lex) or comparison(first_after, lex)
            return "change", _direction(words_of(clause_before)[-10:], lex), cmp, None
        m = lex.change_after_re.match(after)
        after_change = bool(m and (m.group("cmp") or m.group("word")))
        before_change = bool(set(tail) & (lex.up | lex.down))
        if q.kind in ("points", "bps", "multiple") and (after_change or before_change or lex.base_before_re.search(after)):
            before_change = True
        if before_change or after_change:
            word = (m.group("word") or "").lower() if m else ""
            direction = 1 if word in lex.up else -1 if word in lex.down else 0
            if not direction:
                direction = _direction(words_of(clause_before)[-8:], lex)
            first_after = re.split(r"[,;]|\band\b", after, maxsplit=1)[0]
            cmp = comparison(m.group("cmp") or "", lex) if m else None
            cmp = cmp or comparison(before[-40:], lex) or comparison(first_after, lex)
            return "change", direction, cmp, None
        return "level", 0, None, None

    def _share_whole(self, ctx: SentenceContext, q: Quantity, after: str, clause_before: str) -> MetricMention | None:
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

    def _period(
        self, ctx: SentenceContext, q: Quantity, role: str, prev_end: int, after: str, cmp: str | None,
        mention: MetricMention | None = None,
    ) -> str:
        paragraph, sentence = ctx.paragraph, ctx.sentence
        standing = role == "level" and mention is not None and self._standing(ctx, mention)
        if ctx.forward and role != "base" and not standing:
            return "unknown"
        after_clause = self.lex.clause_break_re.split(after, maxsplit=1)[0]
        found = [
            f for f in self.context.periods(paragraph, q.end, q.end + len(after_clause[:70]))
            if not self.context.compared(paragraph, q.end + f[0], q.end)
        ]
        if found:
            return _own(found[0][2])
        found = self.context.periods(paragraph, prev_end, q.start)
        if found:
            return _own(found[-1][2])
        if role == "base":
            if cmp is None:  # the whole sentence's comparison: read once per sentence, not per figure
                key, cache = ("comparison", paragraph.index, sentence.start, sentence.end), _sentence_cache(self)
                if key not in cache:
                    cache[key] = comparison(paragraph.text[sentence.start : sentence.end], self.lex)
                cmp = cache[key]  # type: ignore[assignment]
            return {"yoy": "prior_year", "qoq": "prior_quarter"}.get(cmp or "", "unknown")
        if self._other_year(ctx):
            return "unknown"
        key, cache = ("setters", paragraph.index, sentence.start, sentence.end), _sentence_cache(self)  # once per sentence
        if key not in cache:
            cache[key] = frozenset(self.context.setters(paragraph, sentence.start, sentence.end))
        own = set(cache[key])  # type: ignore[call-overload]
        if len(own) > 1:
            return "unknown"
        if own:
            return own.pop()
        if standing:
            return "current"
        if role in ("level", "change") and self._against_prior_quarter(ctx):
            return "current"
        return ctx.period or "implicit"

    def _standing(self, ctx: SentenceContext, mention: MetricMention) -> bool:
        """A balance stated as it stands ("we remain debt free, and cash is US$135 million", "we will
        remain well capitalized with a cash position of US$276 million"): the balance at the end of
        the call's quarter, whatever period the speaker spoke of before. Not a forecast ("we expect
        to end the year with cash of ..."), nor a past balance ("cash was ...")."""
        if not self.lex.metrics[mention.metric].balance:
            return False
        words = set(words_of(ctx.paragraph.text[ctx.sentence.start : ctx.sentence.end]))
        if words & self.lex.outlook:
            return False
        return bool(words & (self.lex.still if ctx.forward else self.lex.holding))

    def _against_prior_quarter(self, ctx: SentenceContext) -> bool:
        """'..., up 18% from US$210.5 million in the third quarter of 2024': a comparison with an
        earlier quarter makes the sentence's own figures the call's quarter (answered once per sentence)."""
        key, cache = ("against_prior_quarter", ctx.paragraph.index, ctx.sentence.start, ctx.sentence.end), _sentence_cache(self)
        if key not in cache:
            cache[key] = self._against_prior_quarter_of(ctx)
        return bool(cache[key])

    def _against_prior_quarter_of(self, ctx: SentenceContext) -> bool:
        start, end = ctx.sentence.start, ctx.sentence.end
        for a, b, kind in periods_in(ctx.paragraph, start, end, self.call, self.lex):
            if kind in ("prior_year", "prior_quarter") and "quarter" in ctx.paragraph.text[start + a : start + b].lower():
                return True
            if kind in ("prior_year", "prior_quarter") and re.fullmatch(r"Q[1-4].*", ctx.paragraph.text[start + a : start + b]):
                return True
        return False

    def _other_year(self, ctx: SentenceContext) -> bool:
        """A bare year other than the call's outside any period phrase ('revenue in 2023 was ...').

        A question about the sentence, asked for each of its figures: answered once per sentence
        (a sentence of thousands of figures is read once, not once per figure)."""
        key = ("other_year", ctx.paragraph.index, ctx.sentence.start, ctx.sentence.end)
        cache = _sentence_cache(self)
        if key not in cache:
            cache[key] = self._other_year_of(ctx)
        return bool(cache[key])

    def _other_year_of(self, ctx: SentenceContext) -> bool:
        start, end = ctx.sentence.start, ctx.sentence.end
        if _YEAR_DIGITS_RE.search(ctx.paragraph.text, start, end) is None:
            return False  # no year's digits, so no year (blanking only puts spaces in): most sentences
        chars = list(ctx.paragraph.text[start:end])
        for a, b in period_spans(_sentence_cache(self), ctx.paragraph, start, end):  # period phrases blanked out
            chars[a - start : b - start] = " " * (min(b, end) - a)
        text = "".join(chars)
        years = {
            int(m.group(1)) for m in _YEAR_RE.finditer(text)
            if not self.context.compared(ctx.paragraph, start + m.start(), start)  # "up 50% versus 2020"
        }
        return bool(years and (self.call.year is None or years - {self.call.year}))
