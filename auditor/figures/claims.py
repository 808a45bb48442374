"""Claims among figures: change claims, shares, breakdowns and series, and how a number is mis-heard.

Why separate from the extraction: a claim relates several figures of one sentence ("up 18.4% from
US$210.5 million to US$249.2 million"); the checks verify claims, never raw numbers. Each
function reads the figures of the model (`FigureModel.figures`) and the lexicon's phrase lists.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from decimal import Decimal

from auditor.figures.extraction import Figure
from auditor.figures.lexicon import Lexicon, load_lexicon
from auditor.figures.mentions import MetricMention, find_mentions
from auditor.quantities import Quantity


@dataclass(frozen=True)
class ChangeClaim:
    """'up 18.4% from US$210.5 million to US$249.2 million': a change rate with its base and result."""

    change: Figure | None
    word: str | None  # "doubled", "tripled", "halved" when the change is a word
    base: Figure
    result: Figure
    direction: int
    factor: Decimal | None = None  # the factor of the word ("doubled" -> 2)

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


def _gap(a: Figure | Quantity, b: Figure | Quantity, text: str) -> str:
    qa = a.quantity if isinstance(a, Figure) else a
    qb = b.quantity if isinstance(b, Figure) else b
    return text[qa.end : qb.start]


def _comparable_values(a: Figure, b: Figure) -> bool:
    qa, qb = a.quantity, b.quantity
    if qa.kind == "money" and qb.kind == "money":
        return qa.unit == qb.unit or None in (qa.unit, qb.unit)
    return qa.kind == qb.kind and qa.kind in ("percent", "number")


def change_claims(figures: list[Figure], lex: Lexicon | None = None) -> tuple[list[ChangeClaim], list[Figure]]:
    """Change claims with both a base and a result, and the change figures left unchecked.

    A rate on another basis (organic, constant currency ...) and one end of a range ("12% to 15%")
    are no claim on the figures around them; nor is a rate linked to a pair of another metric
    ("gross profit up 6.5%, and gross margin from 39.5% to 37.9%").
    """
    lex = lex or load_lexicon()
    claims: list[ChangeClaim] = []
    unchecked: list[Figure] = []
    for sentence_figs in _by_sentence(figures):
        text = sentence_figs[0].text
        for i, f in enumerate(sentence_figs):
            if f.role != "change":
                continue
            claim = None
            if not f.qualified and not _in_range(f, sentence_figs, i, text):
                claim = (
                    _claim_after(f, sentence_figs, i, text, lex) or _claim_before(f, sentence_figs, i, text, lex)
                    or _counts_from_to(f, sentence_figs, i, text, lex)
                )
            if claim is not None and not (
                _same_metric(f, claim.base) and _same_metric(f, claim.result) and not _other_metric_between(f, claim, lex)
            ):
                claim = None
            if claim is None:
                unchecked.append(f)
            else:
                claims.append(claim)
    return claims, unchecked


def _same_metric(f: Figure, g: Figure) -> bool:
    """A rate and an amount of one metric and business line (when both name one); the rate of a
    metric is also that of its amount per share ("a 75% decrease in net income", "US$0.07 per share")."""
    if f.mention is None or g.mention is None:
        return True

    def line(segment: str | None) -> str:
        return (segment or "").removesuffix("per share").strip()

    return f.mention.metric == g.mention.metric and line(f.mention.segment) == line(g.mention.segment)


def _other_metric_between(f: Figure, claim: ChangeClaim, lex: Lexicon) -> bool:
    """A phrase naming another metric between the rate and the amounts it is linked to ("EBITDA
    grew by 11.2% with an EBITDA margin increase from 47.8% to 52.8%")."""
    if f.mention is None:
        return False
    spans = [claim.base.quantity, claim.result.quantity, f.quantity]
    start, end = min(q.start for q in spans), max(q.end for q in spans)
    for m in lex.alias_re.finditer(f.text, start, end):
        if lex.alias_of[m.group(0).lower()] != f.mention.metric:
            return True
    return False


def _in_range(f: Figure, figs: list[Figure], i: int, text: str) -> bool:
    """'growth of 12% to 15%', 'between 12% and 15%': one end of a range, not a change."""
    for j in (i - 1, i + 1):
        if not 0 <= j < len(figs):
            continue
        g = figs[j]
        if g.quantity.kind != f.quantity.kind:
            continue
        gap = _gap(figs[min(i, j)], figs[max(i, j)], text)
        if re.fullmatch(r"\s*(?:to|and|-|–)\s*", gap):
            lead = text[max(0, figs[min(i, j)].quantity.start - 12) : figs[min(i, j)].quantity.start].lower()
            if "from" not in lead:
                return True
    return False


def _aside(g: Figure) -> bool:
    """A figure a claim reads past: a count or cents ('79 cents per share'), a change, an unplaced number."""
    return (g.quantity.kind == "number" and g.quantity.value < 1000) or g.role in ("change", "delta", "none", "share")


def _base_like(g: Figure) -> bool:
    """The figure a change starts from: a base by grammar, or a level of the period compared with."""
    return g.role == "base" or (g.role == "level" and g.period in ("prior_year", "prior_quarter"))


def _pair(base: Figure, result: Figure, explicit: bool = False) -> bool:
    """Two amounts one change can link: of one kind and unit, of one metric and business line (per
    share with per share), the result not of the period compared with, of one order of magnitude
    when their scale words differ ("RMB 100 and 4.6 million" is no RMB100). Two percentages only
    in an explicit 'from A to B' or as levels of one ratio metric: "32% of water, up 2% from last
    year, 93% of waste" compares nothing."""
    if not _comparable_values(base, result) or _base_like(result):
        return False
    qb, qr = base.quantity, result.quantity
    if qb.scale != qr.scale and qb.value > 0 and not Decimal("0.02") <= qr.value / qb.value <= 50:
        return False
    if qb.kind == "percent" and not explicit and (base.mention is None or result.mention is None):
        return False
    if base.mention is not None and result.mention is not None:
        return base.mention.key == result.mention.key
    return True


def _near(figs: list[Figure], i: int, step: int) -> list[int]:
    """Indices of the figures before (step -1) or after (step 1) figs[i] a claim may use, nearest first.

    The figures no claim uses are found once per sentence, not once per figure of it: a sentence
    of thousands of figures costs one pass and a list slice per figure."""
    kept = _kept(figs)
    if step > 0:
        return kept[bisect_right(kept, i) :]
    return kept[: bisect_left(kept, i)][::-1]


#: the sentence `_kept` answered last (change_claims reads one sentence's figures at a time)
_KEPT: list[tuple[list[Figure], int, list[int]]] = []


def _kept(figs: list[Figure]) -> list[int]:
    """The indices of the figures of `figs` that are no aside, in order (remembered for the last list)."""
    if not _KEPT or _KEPT[0][0] is not figs or _KEPT[0][1] != len(figs):
        _KEPT[:] = [(figs, len(figs), [j for j, g in enumerate(figs) if not _aside(g)])]
    return _KEPT[0][2]


def _from_to(between: str, lex: Lexicon) -> bool:
    """'from A to B': a short 'to' between them that is no 'in response to', 'up to' ..."""
    words = re.findall(r"[a-z]+", between.lower())
    return len(between) <= 60 and bool(words) and words[-1] == "to" and not set(words) & lex.not_to


def _claim_after(f: Figure, figs: list[Figure], i: int, text: str, lex: Lexicon) -> ChangeClaim | None:
    """'up P from A to B', 'up P from A' (result before P), 'up P to B from A', 'up P to B, compared
    to A', 'up P, coming in at B this quarter versus A', 'up P to B, and A in the prior quarter'."""
    after = _near(figs, i, 1)
    if not after:
        return None
    nxt = figs[after[0]]
    gap = _gap(f, nxt, text)
    if _base_like(nxt) and len(gap) <= 45:
        base = nxt
        if len(after) > 1:
            result = figs[after[1]]
            between = _gap(base, result, text)
            if _from_to(between, lex) and result.role == "level" and _pair(base, result, base.role == "base"):
                return ChangeClaim(f, None, base, result, f.direction)
        before = _result_before(f, figs, i, text)
        if before is not None and _pair(base, before):
            return ChangeClaim(f, None, base, before, f.direction)
        return None
    words = re.findall(r"[a-z]+", gap.lower())
    if nxt.role == "level" and len(gap) <= 40 and words and set(words) <= lex.leads_to and len(after) > 1:
        result = nxt
        # past an amount in another currency ("RMB1.4 billion, equivalent to US$260 million, from ...")
        base = next((figs[j] for j in after[1:] if _comparable_values(result, figs[j])), figs[after[1]])
        between = _gap(result, base, text)
        if _base_like(base) and len(between) <= 70 and lex.compare_re.search(between) and _pair(base, result):
            return ChangeClaim(f, None, base, result, f.direction)
    return None


def _result_before(f: Figure, figs: list[Figure], i: int, text: str) -> Figure | None:
    """The value a change rate follows: 'EBITDA was RMB96.7 million, increased by 312.4% ...'."""
    before = _near(figs, i, -1)
    if not before:
        return None
    g = figs[before[0]]
    if g.role != "level" or _base_like(g) or len(_gap(g, f, text)) > 90:
        return None
    if f.mention is not None and g.mention is not None and g.mention.key != f.mention.key:
        return None
    return g


def _claim_before(f: Figure, figs: list[Figure], i: int, text: str, lex: Lexicon) -> ChangeClaim | None:
    """'increased from A to B, up P'; 'B compared to A, an increase of P'; 'to B from A, or P';
    'B per share compared to A per share ..., a P decrease'."""
    before = _near(figs, i, -1)
    if len(before) < 2:
        return None
    p1, p2 = figs[before[0]], figs[before[1]]
    if len(_gap(p1, f, text)) > 40:
        return _claim_nearest(f, figs, before, text, lex)
    between = _gap(p2, p1, text)
    if _base_like(p2) and p1.role == "level" and _from_to(between, lex) and _pair(p2, p1, p2.role == "base"):
        return ChangeClaim(f, None, p2, p1, f.direction)
    if _base_like(p1) and len(between) <= 70 and lex.compare_re.search(between) and _pair(p1, p2):
        return ChangeClaim(f, None, p1, p2, f.direction)
    return _claim_nearest(f, figs, before, text, lex)


def _bare(g: Figure) -> bool:
    """A number printed without a unit or scale that is no year ('from 3.50 to 4 Krona')."""
    q = g.quantity
    return q.kind == "number" and q.scale == 1 and not (q.value == q.value.to_integral_value() and 1900 <= q.value <= 2100)


def _counts_from_to(f: Figure, figs: list[Figure], i: int, text: str, lex: Lexicon) -> ChangeClaim | None:
    """'from 3.50 to 4 Krona, which is an increase of 14%', 'up 14% from 3.50 to 4': two bare numbers
    in an explicit 'from A to B' right next to the rate (a unit the parser does not know, a count):
    the rate is their ratio whatever they count."""
    if f.quantity.kind != "percent":
        return None
    for a, b in ((i - 2, i - 1), (i + 1, i + 2)):
        if a < 0 or b >= len(figs):
            continue
        base, result = figs[a], figs[b]
        if not (_bare(base) and _bare(result) and base.role == "base" and result.role == "level"):
            continue
        if not _FROM_RE.search(text[max(0, base.quantity.start - 8) : base.quantity.start]):
            continue
        if not re.fullmatch(r"\s*to\s*", _gap(base, result, text)):
            continue
        near = _gap(result, f, text) if b < i else _gap(f, base, text)
        if len(near) > 40 or re.search(r"\d", near) or (b < i and not set(re.findall(r"[a-z]+", near.lower())) & (lex.up | lex.down)):
            continue
        return ChangeClaim(f, None, base, result, f.direction)
    return None


_FROM_RE = re.compile(r"\bfrom\s+$", re.IGNORECASE)


def _claim_nearest(f: Figure, figs: list[Figure], before: list[int], text: str, lex: Lexicon) -> ChangeClaim | None:
    """'A or B per share compared to C or D per share in the same quarter last year, a P decrease':
    the nearest amount of the period compared with, and the amount it is compared to."""
    base_at = next((k for k, j in enumerate(before) if _base_like(figs[j])), None)
    if base_at is None:
        return None
    base = figs[before[base_at]]
    if len(_gap(base, f, text)) > 100:
        return None
    for j in before[base_at + 1 :]:
        result = figs[j]
        between = _gap(result, base, text)
        if len(between) > 120:
            return None
        if result.role == "level" and lex.compare_re.search(between) and _pair(base, result):
            return ChangeClaim(f, None, base, result, f.direction)
    return None


def word_change_claims(figures: list[Figure], lex: Lexicon | None = None) -> list[ChangeClaim]:
    """'doubled from A to B', 'B, which tripled from A'."""
    lex = lex or load_lexicon()
    claims: list[ChangeClaim] = []
    for figs in _by_sentence(figures):
        text = figs[0].text
        sentence = figs[0].sentence
        for m in lex.multiplier_re.finditer(text[sentence.start : sentence.end]):
            pos = sentence.start + m.end()
            after = [f for f in figs if f.quantity.start >= pos]
            before = [f for f in figs if f.quantity.end <= sentence.start + m.start()]
            word = m.group(1).lower()
            if (
                len(after) >= 2 and after[0].role == "base" and len(text[pos : after[0].quantity.start]) < 25
                and re.search(r"\bto\b", _gap(after[0], after[1], text)) and _comparable_values(after[0], after[1])
            ):
                claims.append(ChangeClaim(None, word, after[0], after[1], 1, lex.multipliers[word]))
                continue
            if (
                after and before and after[0].role == "base" and before[-1].role == "level"
                and len(text[before[-1].quantity.end : sentence.start + m.start()]) < 40
                and _comparable_values(after[0], before[-1])
            ):
                claims.append(ChangeClaim(None, word, after[0], before[-1], 1, lex.multipliers[word]))
    return claims


def share_claims(figures: list[Figure]) -> list[ShareClaim]:
    claims: list[ShareClaim] = []
    for figs in _by_sentence(figures):
        for i, f in enumerate(figs):
            if f.role != "share" or f.whole is None:
                continue
            # the part is the nearest amount before the share: a level of this period, never a
            # change ("up US$5 million") or a prior period's figure
            part = next((g for g in reversed(figs[:i]) if g.quantity.kind == "money"), None)
            if (
                part is not None and part.mention is not None and part.role == "level"
                and part.period not in ("prior_year", "prior_quarter")
            ):
                claims.append(ShareClaim(f, part, f.whole))
    return claims


def breakdowns(figures: list[Figure], lex: Lexicon | None = None) -> list[Breakdown]:
    """Parts presented as the breakdown of a total, with the total they break down.

    A part is an amount of the total's metric (or of a metric the lexicon puts within it) of the
    same period; an amount of another metric listed after the total ("free cash flow of A, of
    which we returned B in buybacks") is no part of it.
    """
    lex = lex or load_lexicon()
    out: list[Breakdown] = []
    for figs in _by_sentence(figures):
        text = figs[0].text
        sentence = figs[0].sentence
        body = text[sentence.start : sentence.end]
        m = lex.breakdown_opener_re.search(body)
        if not m:
            continue
        pos = sentence.start + m.start()
        total = _breakdown_total(figures, figs, pos, m.group(0).lower(), text, lex)
        if total is None or total.mention is None:
            continue
        metric = total.mention.metric
        parts = tuple(
            f for f in figs
            if f.quantity.start > pos and f.role == "level" and f.quantity.kind == "money" and not f.approximate
            and f.quantity.unit == total.quantity.unit
            and (f.mention is None or f.mention.metric == metric or lex.metrics[f.mention.metric].parent == metric)
            and (f.same_period(total) or _same_sentence(f, total) or f.period == "implicit")
            and not set(re.findall(r"[a-z]+", text[pos : f.quantity.start].lower())) & lex.not_parts
        )
        if not parts:
            continue
        complete = bool(lex.breakdown_complete_re.search(body))
        out.append(Breakdown(total, parts, complete, m.group(0)))
    return out


def _breakdown_total(
    figures: list[Figure], figs: list[Figure], pos: int, opener: str, text: str, lex: Lexicon
) -> Figure | None:
    if opener in lex.breakdown_inline:
        # "RMB2.3 billion, of which ...": the amount right before the opener
        before = [f for f in figs if f.quantity.end <= pos]
        if not before or before[-1].role != "level" or before[-1].quantity.kind != "money":
            return None
        if len(text[before[-1].quantity.end : pos].strip(" ,([])")) > 0 or before[-1].approximate:
            return None
        return before[-1] if before[-1].mention is not None else None
    # "Of this revenue," -> the latest level of that metric the same speaker stated before the sentence
    tail = text[pos : pos + 60]
    mention = next(iter(find_mentions(tail, lex)), None)
    if mention is None or mention.start > len(opener) + 12:
        return None
    sentence = figs[0].sentence
    paragraph = figs[0].paragraph
    earlier = [
        f for f in figures
        if f.key == (mention.metric, None, mention.adjusted) and f.role == "level"
        and (f.comparable_period or f.period == "implicit")
        and f.linked and f.paragraph.turn == paragraph.turn
        and (f.paragraph.index, f.sentence.start) < (paragraph.index, sentence.start)
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


def _same_sentence(a: Figure, b: Figure) -> bool:
    return (a.paragraph.index, a.sentence.start) == (b.paragraph.index, b.sentence.start)


def _by_sentence(figures: list[Figure]) -> list[list[Figure]]:
    groups: dict[tuple[int, int], list[Figure]] = {}
    for f in figures:
        groups.setdefault((f.paragraph.index, f.sentence.start), []).append(f)
    return [groups[k] for k in sorted(groups)]
