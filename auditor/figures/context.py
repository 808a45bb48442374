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
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import TYPE_CHECKING

from auditor.figures import folding
from auditor.figures.folding import paragraph_folded, paragraph_matches
from auditor.figures.lexicon import Lexicon
from auditor.figures.mentions import (
    UNNAMED,
    CallPeriod,
    MetricMention,
    find_mentions,
    segment_name,
)
from auditor.figures.period_gate import period_gate
from auditor.figures.periods import explicit_periods, periods_in
from auditor.quantities import Quantity

if TYPE_CHECKING:
    from auditor.model import Paragraph, Sentence, Transcript

_WORD_RE = re.compile(r"[A-Za-z][A-Za-z&'-]*")
_WORD_CHAR_RE = re.compile(r"\w")


_WORDS_OF_RE = re.compile(r"[A-Za-z][A-Za-z'-]*")


def words_of(text: str) -> list[str]:
    return [w.lower() for w in _WORDS_OF_RE.findall(text)]


#: the union of a lexicon's company-scope and slide patterns, by id of the lexicon (kept with it)
_COMPANY_OR_SLIDE: dict[int, tuple[Lexicon, re.Pattern[str]]] = {}


def _company_or_slide(lex: Lexicon) -> re.Pattern[str]:
    """One pattern for "the company's figures or a slide": a sentence is asked whether it has
    either, and a match of the union is a match of one of them where it starts."""
    known = _COMPANY_OR_SLIDE.get(id(lex))
    if known is None or known[0] is not lex:
        a, b = lex.company_scope_re, lex.slide_re
        known = _COMPANY_OR_SLIDE[id(lex)] = (lex, re.compile(f"(?:{a.pattern})|(?:{b.pattern})", a.flags | b.flags))
    return known[1]


def _present(paragraphs: list[Paragraph], *gates: tuple[str, ...] | None) -> list[tuple[str, ...] | None]:
    """Each literal gate (`folding.literal_gate`) cut to the literals the paragraphs hold somewhere:
    one of them holds a literal only if they all do, so `may_hold` answers the same for each of them
    with the cut gate, and tests a paragraph for the few literals they have (mostly none)."""
    joined = "\n".join(f for f in (paragraph_folded(p) for p in paragraphs) if f is not None)
    return [None if gate is None else tuple(k for k in gate if k in joined) for gate in gates]


def _by_sentence(p: Paragraph) -> Callable[[int, int], list[Quantity]]:
    """The paragraph's quantities that start in a sentence, in the paragraph's order: a slice found by
    bisection when they are sorted by start (as the parser gives them), else a scan (a scan per
    sentence made a long paragraph of many sentences and figures quadratic)."""
    qs = p.quantities
    starts = [q.start for q in qs]
    if starts == sorted(starts):  # (in order: compared in C)
        return lambda start, end: qs[bisect_left(starts, start) : bisect_left(starts, end)]
    return lambda start, end: [q for q in qs if start <= q.start < end]


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
    previous: list[MetricMention] | None = None  # the previous sentence's, when this one continues it


def _mend(qs: list[Quantity], text: str) -> list[Quantity]:
    """'RMB33 .1 million' is one amount whose decimal point a stray space split (RMB33.1 million)."""
    out: list[Quantity] = []
    for q in qs:
        prev = out[-1] if out else None
        if (
            prev is not None and prev.kind == "money" and prev.scale == 1 and q.scale > 1 and q.kind == "number"
            and text[prev.end : q.start] == ". " and "." not in prev.text and q.number == q.number.to_integral_value()
        ):
            # "$2. 7 million": a decimal point followed by a stray space
            number = Decimal(f"{prev.number}.{int(q.number)}")
            step = Decimal(1).scaleb(-len(str(int(q.number)))) * q.scale
            out[-1] = replace(prev, text=text[prev.start : q.end], end=q.end, number=number, scale=q.scale, step=step)
            continue
        if (
            prev is not None and q.text.startswith(".") and q.start == prev.end + 1 and text[prev.end] == " "
            and prev.scale == 1 and prev.number == prev.number.to_integral_value() and "." not in prev.text
        ):
            digits = q.text[1:].split()[0].rstrip("%")
            frac = re.match(r"\d+", digits)
            if frac:
                number = Decimal(f"{prev.number}.{frac.group(0)}")
                step = Decimal(1).scaleb(-len(frac.group(0))) * q.scale
                kind = prev.kind if prev.kind == "money" else q.kind
                out[-1] = replace(
                    prev, text=text[prev.start : q.end], end=q.end, number=number, scale=q.scale, kind=kind,
                    unit=prev.unit or q.unit, step=step,
                )
                continue
        out.append(q)
    return out


def _move_scope(text: str, lex: Lexicon) -> tuple[str | None, bool]:
    """The business line a sentence moves to ("Moving to the E&P, ...", "At Worten, ..."), or None,
    and whether the move holds beyond the paragraph (a weak opener's name holds only within it)."""
    m = lex.scope_re.match(text)
    if m and not lex.scope_period_re.search(m.group("seg")):
        return segment_name(m.group("seg").split(), lex), True
    m = lex.move_re.match(text)
    strong = m is not None
    m = m or lex.name_move_re.match(text)
    if not m:
        return None, False
    if "[" in m.group("seg"):
        return f"{UNNAMED}{m.group('seg')}", strong  # "Moving on to [inaudible]": a business line, not named
    kept: list[str] = []
    for w in _WORD_RE.finditer(m.group("seg")):
        low = w.group(0).lower()
        if low in lex.segment_stop and low not in lex.neutral_modifiers:
            break
        kept.append(w.group(0))
    phrase = " ".join(kept).lower()
    if (
        not kept or len(kept) > 5 or re.search(r"\d", m.group("seg")) or lex.scope_period_re.search(phrase)
        or any(w in lex.not_segments for w in phrase.split()) or phrase in lex.not_segments
        or lex.alias_re.search(phrase) or lex.slide_re.search(m.group("seg"))
    ):
        return None, False
    return segment_name(kept, lex), strong


#: how far into a sentence its subject may start ("Overall, in Q3, Paycell revenues increased ...")
_SUBJECT_REACH = 40


def _named_line(previous: list[MetricMention], start: int) -> str | None:
    """The business line the previous sentence of the paragraph is about, when its subject (a
    metric near its start) names one and none of its metrics is the company's ("Paycell revenues
    increased by 53%. EBITDA margin was 46%"): the figures right after it are that line's, unless
    they say otherwise. A business line named later in it ("... driven by equipment sales") is no
    subject."""
    if not previous or any(m.segment is None for m in previous) or previous[0].start - start > _SUBJECT_REACH:
        return None
    segment = previous[0].segment
    return None if segment is None or segment.startswith(UNNAMED) or segment.endswith("per share") else segment


class ContextReader:
    """Reads the transcript in order and keeps, per speaker, the last period and business line set."""

    read_all = False  # read every sentence in full, none for what it passes on only (the tests compare)

    def __init__(self, transcript: Transcript, lex: Lexicon, call: CallPeriod) -> None:
        self.transcript = transcript
        self.lex = lex
        self.call = call
        self._period: dict[str, str | None] = {}
        self._scope: dict[str, str | None] = {}
        self._local: dict[str, tuple[int, str] | None] = {}
        self._text: str | None = None
        self._named: dict[str, bool] = {}  # the answers of `_named_as_line`
        self._folded: str | None = None  # `_text` folded (None: it holds a case twin)
        self._noun_at: list[int] | None = None  # where spaces and a business-line noun start in `_text`
        self._run_starts: set[int] | None = None  # where spaces before a business-line noun start in `_folded`
        self._subject_of: str | None = None  # the business line the last sentence was about, by its subject

    def sentences(self) -> list[SentenceContext]:
        """The English sentences that hold a quantity, in order, with what they inherit. Every
        sentence is read for what it passes on (its business line, metric phrases and period);
        only those with a figure are kept (the figure model reads nothing else of the others)."""
        out: list[SentenceContext] = []
        lex = self.lex
        company_or_slide = _company_or_slide(lex)
        (company_gate,) = _present(self.transcript.paragraphs, lex.company_or_slide_gate)
        # the qualifiers are asked of the paragraphs with a figure only (`_figured`)
        (qualifier_gate,) = _present([p for p in self.transcript.paragraphs if p.quantities], lex.qualifier_gate)
        for p in self.transcript.paragraphs:
            speaker = p.speaker or ""
            analyst = "analyst" in (p.role or "").lower()
            folded_all = paragraph_folded(p)  # the paragraph for the patterns' faster twins
            company_here = folding.may_hold(company_gate, folded_all)  # rare: the company's figures or a slide
            gate = period_gate(p, lex)
            quantities_in = _by_sentence(p)
            # what a sentence passes on within its paragraph (its metric phrases, its subject, the
            # business line of either) is read by a later sentence with a figure only: the sentences
            # after the paragraph's last figure pass on only what outlives it (a move to a business
            # line, the company's figures or a slide, a period)
            sentences = p.sentences
            figured = len(sentences) if p.quantities or self.read_all else 0
            while figured > 0 and not self.read_all and not quantities_in(sentences[figured - 1].start, sentences[figured - 1].end):
                figured -= 1
            if figured:
                self._figured(p, sentences[:figured], out, qualifier_gate, company_here, quantities_in)
            for s in sentences[figured:]:
                body = p.text[s.start : s.end]
                folded = folded_all[s.start : s.end] if folded_all is not None else None
                company = company_here and folding.search(company_or_slide, body, folded)
                self._sentence_scope(speaker, body, p.index, company, subject=False)
                if not gate.quiet(s.start, s.end):  # else no period phrase: none set (what `setters` finds)
                    self._set_period(speaker, p, s, analyst or self._forward(body, folded))
        return out

    def _forward(self, body: str, folded: str | None) -> bool:
        """Whether a sentence has a forward-looking word (the folded sentence has the words in lower
        case already: they are ASCII letters)."""
        return not self.lex.forward.isdisjoint(words_of(body) if folded is None else _WORDS_OF_RE.findall(folded))

    def _figured(
        self, p: Paragraph, sentences: list[Sentence], out: list[SentenceContext], qualifier_gate: tuple[str, ...] | None,
        company_here: bool, quantities_in: Callable[[int, int], list[Quantity]],
    ) -> None:
        """The sentences of a paragraph up to its last figure, each read in full (`sentences`)."""
        lex = self.lex
        company_or_slide = _company_or_slide(lex)
        speaker = p.speaker or ""
        analyst = "analyst" in (p.role or "").lower()
        folded_all = paragraph_folded(p)
        # rare: most paragraphs have no qualifier
        qualifiers = paragraph_matches(p, lex.qualifier_re) if folding.may_hold(qualifier_gate, folded_all) else None
        aliases = paragraph_matches(p, lex.alias_re)  # one scan of the paragraph answers its sentences
        gate = period_gate(p, lex)

        def organic_in(start: int, end: int) -> bool:
            """Whether a sentence has a qualifier ("organic"), from the paragraph's scan when it tells."""
            if qualifiers is None:
                return False
            spans = qualifiers.within(start, end)
            if spans is None:
                body, folded = p.text[start:end], folded_all[start:end] if folded_all is not None else None
                return folding.search(lex.qualifier_re, body, folded)
            return bool(spans)

        organic = qualifiers is not None and bool(qualifiers.spans)
        last: list[MetricMention] = []
        last_start = 0
        about: str | None = None  # a business line the last sentence was about, stating no metric
        for s in sentences:
            body = p.text[s.start : s.end]
            folded = folded_all[s.start : s.end] if folded_all is not None else None
            # the company's figures or a slide turned: read once, for the scope and the line
            company = company_here and folding.search(company_or_slide, body, folded)
            scope = self._sentence_scope(speaker, body, p.index, company)
            if scope is None and not company:
                # "Our downstream performed well. We saw utilization of 97%": the line's
                scope = _named_line(last, last_start) or about
            subject = self._subject_of
            qs = _mend(quantities_in(s.start, s.end), p.text)
            spans = aliases.within(s.start, s.end)
            if spans is None:  # an edge the paragraph's scan cannot answer for: the sentence's own
                spans = folding.finditer(lex.alias_re, body, folded)
            mentions = [self._scoped(m, s.start, scope, p) for m in find_mentions(body, lex, spans)] if spans else []
            quiet = gate.quiet(s.start, s.end)  # no period phrase: none set (what `setters` would find)
            # read only where a figure or a period set needs it
            forward = (analyst or self._forward(body, folded)) if qs or not quiet else False
            if qs:  # a sentence without a figure passes on its scope, metrics and period only
                ctx = SentenceContext(
                    p, s, qs, mentions, scope, forward, self._period.get(speaker), organic_in(s.start, s.end), organic,
                )
                if lex.continuation_re.match(body):
                    ctx.previous = last
                out.append(ctx)
            last, last_start = mentions, s.start
            about = subject if not mentions and not qs else None
            if not quiet:
                self._set_period(speaker, p, s, forward)

    # -- business line -------------------------------------------------------------------------

    def _subject(self, body: str) -> str | None:
        """'Brazil led the recovery with ...': the name a sentence is about, or None."""
        m = self.lex.subject_re.match(body)
        if m is None:
            return self._line_subject(body)
        words = m.group("name").split()
        low = [w.lower() for w in words]
        if low[0] in self.lex.subject_skip or low[0].endswith("ly") or self.lex.alias_re.search(m.group("name")):
            return None
        if any(w in self.lex.adjust_prefixes or w in self.lex.company_words or self.lex.scope_period_re.fullmatch(w) for w in low):
            return None
        return segment_name(words, self.lex)

    def _line_subject(self, body: str) -> str | None:
        """'And our downstream performed well also', 'Our chemical business closed out the year': a
        lower-case business line as the subject, when the words say it is one (a business-line noun
        after it, here or anywhere in the call: "our downstream business"). Lower-case subjects are
        mostly no business line ("our teams delivered", "our customers continued"), hence the proof."""
        lex = self.lex
        m = lex.line_subject_re.match(body)
        if m is None:
            return None
        words = m.group("name").lower().split()
        noun = words[-1] in lex.line_nouns
        name = words[:-1] if noun else words
        if not name or lex.alias_re.search(" ".join(name)) or " ".join(name) in lex.not_segments:
            return None
        if any(
            w in lex.subject_skip or w in lex.company_words or w in lex.not_segments or w in lex.unnamed_words
            or w in lex.adjust_prefixes or lex.scope_period_re.fullmatch(w)
            for w in name
        ):
            return None
        if not noun and not self._named_as_line(" ".join(name)):
            return None
        return segment_name(name, lex)

    def _named_as_line(self, name: str) -> bool:
        """Whether the call names `name` with a business-line noun somewhere ("downstream business")."""
        if name not in self._named:
            if self._text is None:
                self._text = "\n".join(p.text for p in self.transcript.paragraphs)
                # the paragraphs' folded texts joined are the call's (lower-casing reads no
                # character across the newline), and each holds a case twin if the call does
                folded = [paragraph_folded(p) for p in self.transcript.paragraphs]
                self._folded = None if None in folded else "\n".join(f for f in folded if f is not None)
            self._named[name] = (
                self._named_by_find(name) if self._folded is not None and self._plain(name) else self._named_by_scan(name)
            )
        return self._named[name]

    def _plain(self, name: str) -> bool:
        """Whether `_named_by_find` answers for `name`: it and the nouns are ASCII, and neither ends
        (the name) nor starts (a noun) with a space (so the name ends where the spaces start)."""
        return (
            name.isascii() and name != "" and not name[-1].isspace()
            and all(n.isascii() and n != "" and not n[0].isspace() for n in self.lex.line_nouns)
        )

    def _named_by_find(self, name: str) -> bool:
        """`_named_by_scan` on the folded call (`fold`: an ASCII name matches there as it is, lower
        case, where the pattern ignoring case matches): where a noun follows spaces is found once per
        call, by `str.find` of the nouns themselves (a pattern starting with the spaces was tried at
        every space); then the name is found the same way and kept where such spaces start right
        after it."""
        folded = self._folded
        assert folded is not None
        if self._run_starts is None:
            runs: set[int] = set()
            for noun in self.lex.line_nouns:  # every start of a noun with a word bound after it
                last_is_word = _WORD_CHAR_RE.match(noun, len(noun) - 1) is not None
                at = folded.find(noun)
                while at >= 0:
                    after = at + len(noun)
                    if (after < len(folded) and _WORD_CHAR_RE.match(folded, after) is not None) != last_is_word:
                        k = at
                        while k > 0 and folded[k - 1].isspace():
                            k -= 1
                        if k < at:
                            runs.add(k)  # the first of the spaces before the noun
                    at = folded.find(noun, at + 1)
            self._run_starts = runs
        low, size = name.lower(), len(name)
        first_is_word = _WORD_CHAR_RE.match(low) is not None
        at = folded.find(low)
        while at >= 0:
            # "\b" before the name: a word character on one side only
            if at + size in self._run_starts and (at > 0 and _WORD_CHAR_RE.match(folded, at - 1) is not None) != first_is_word:
                return True
            at = folded.find(low, at + 1)
        return False

    def _named_by_scan(self, name: str) -> bool:
        """Whether `\\b<name>\\s+<noun>\\b` is found in the call, ignoring case: where a business-line noun
        follows spaces is found once per call; a name is then tried only where it would end."""
        assert self._text is not None
        if self._noun_at is None:
            nouns = "|".join(re.escape(n) for n in self.lex.line_nouns)
            # every space that starts spaces and a noun (the engine skips to spaces, where a
            # leading look-ahead made it try every position)
            spaces = re.compile(rf"\s(?=\s*(?:{nouns})\b)", re.IGNORECASE)
            self._noun_at = [a for a, _ in folding.finditer(spaces, self._text, self._folded)]
        head, size = re.compile(rf"\b{re.escape(name)}", re.IGNORECASE), len(name)
        return any(k >= size and head.match(self._text, k - size) for k in self._noun_at)

    def _sentence_scope(self, speaker: str, body: str, paragraph: int, company: bool, subject: bool = True) -> str | None:
        """The business line of a sentence; `company`: it names the company's figures or turns a slide;
        `subject`: read the name it is about (for this sentence only; not needed when nothing reads it)."""
        lex = self.lex
        scope = self._scope.get(speaker)
        local = self._local.get(speaker)
        if local is not None and local[0] != paragraph:
            local = None  # a weak opener's business line ends with its paragraph
        if company:
            scope, local = None, None
        moved, strong = _move_scope(body, lex)
        if moved is not None and strong:
            scope, local = moved, None
        elif moved is not None:
            local = (paragraph, moved)
        self._scope[speaker] = scope
        self._local[speaker] = local
        about = self._subject(body) if moved is None and subject else None
        self._subject_of = about
        if about is not None:
            return about  # for this sentence only
        return local[1] if local is not None else scope

    def _scoped(self, m: MetricMention, offset: int, scope: str | None, p: Paragraph) -> MetricMention:
        segment = m.segment
        if segment == UNNAMED:
            segment = f"{UNNAMED}{p.index}.{offset + m.start}"  # an unnamed business line: only itself
        elif (
            segment is None and scope is not None and m.company not in self.lex.company_words
            and self.lex.metrics[m.metric].segmentable
        ):
            segment = scope  # "total turnover" of the business line the speaker is talking about
        return MetricMention(
            m.metric, segment, m.adjusted, m.start + offset, m.end + offset, m.text, m.company, m.of_change
        )

    # -- period ---------------------------------------------------------------------------------

    def periods(self, p: Paragraph, start: int, end: int) -> list[tuple[int, int, str]]:
        """The period phrases of a span (`periods_in`), a full year named by its opening alone read
        as such: "a solid start to the fiscal year" is the call's quarter in a first-quarter call,
        and no period of its own in any other (the opening of the year is then the half or the
        year to date, which the text does not say)."""
        out: list[tuple[int, int, str]] = []
        for a, b, kind in periods_in(p, start, end, self.call, self.lex):
            if kind.startswith("year:") and self.lex.year_start_re.search(p.text[max(0, start + a - 40) : start + a]):
                if self.call.quarter != 1:
                    continue
                kind = "current"
            out.append((a, b, kind))
        return out

    def setters(self, p: Paragraph, start: int, end: int) -> list[str]:
        """The periods a span sets for what follows: its own periods, comparisons left out, and a
        period that only qualifies a change ("The first nine months growth exceeded 21%. Our
        EBITDA reached ...": the nine months are the growth's, not the EBITDA's). In a half-year
        call, a sentence that names both quarters of the half ("the swing between Q1 and Q2")
        speaks of the half: what follows is the half's, not the later quarter's."""
        found = self.periods(p, start, end)
        half = self.call.half
        if half and self.call.quarter == 2 * half:
            quarters = {
                pm.number for pm in explicit_periods(p, start, end)
                if pm.kind == "quarter" and pm.year in (None, self.call.year)
            }
            if {2 * half - 1, 2 * half} <= quarters:
                return [self.call.part_of_year(f"half:{half}", None)]
        out: list[str] = []
        for a, b, kind in found:
            if kind in ("prior_year", "prior_quarter", "local"):
                continue
            if self.compared(p, start + a, start) or self.lex.change_noun_re.match(p.text, start + b):
                continue
            out.append(kind)
        return out

    def compared(self, p: Paragraph, at: int, start: int) -> bool:
        """Whether the period phrase at `at` is the period compared with ("up 4% from the first
        half", "compared to the same period in 2019"), from its clause since `start`."""
        a = max(start, at - 60)
        lead, folded_all = p.text[a:at], paragraph_folded(p)
        folded_lead = folded_all[a:at] if folded_all is not None else None
        return folding.search(self.lex.compared_re, lead, folded_lead) or folding.search(
            self.lex.compared_amount_re, lead, folded_lead
        )

    def _set_period(self, speaker: str, p: Paragraph, s: Sentence, forward: bool) -> None:
        found = self.setters(p, s.start, s.end)
        if found:
            # a forecast for a full year is no actual of that year ("For the full year we expect ...")
            self._period[speaker] = "other" if forward and found[-1].startswith(("year:", "half:", "9m:")) else found[-1]
