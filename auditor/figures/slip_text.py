"""Mis-heard percentages the words around them give away: ranges, partitions, back-references, directions.

Why: a teen heard as a ten ("seventeen" as "seventy") leaves a percentage that reads fine alone but
breaks what the sentence says about it: a range that runs backwards ("between 20 and 13 percent")
or whose ends are far apart where a narrow range is meant ("around 14% to 50%"), a figure said to
be inside a range it is outside ("a margin of 50.7%, in the middle of its target range of 15% to
17%"), a partition whose parts do not make up their whole ("16% ... while the partner holds the
remaining 40%"), a rate referred back to that was never stated ("organic growth of 80% ... grew
faster than the 18%"), a change whose words and ends disagree ("rising from 70% to 20%"). Each
rule here reports a figure only when one teen/ten reading of it restores what the sentence says;
the phrases are data (`slips.toml`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from auditor.figures.extraction import Figure
from auditor.figures.intervals import HUNDRED, Interval
from auditor.figures.lexicon import alternation
from auditor.figures.model import FigureModel
from auditor.figures.slip_hints import SlipHint, group_by_sentence, plain_percent, reading_interval, short
from auditor.figures.slips import teen_readings
from auditor.prefilter import LazyPattern, pattern_sources
from auditor.words import Words


@dataclass(frozen=True)
class _Patterns:
    """The rules' patterns, each compiled when a rule first reads it (`auditor.prefilter.LazyPattern`)."""

    sources: tuple[tuple[str, str, int], ...]
    range_lead = LazyPattern()
    range_join = LazyPattern()
    range_tail = LazyPattern()
    inside = LazyPattern()
    remaining = LazyPattern()
    of_that = LazyPattern()
    back_reference = LazyPattern()
    back_reference_end = LazyPattern()
    direction = LazyPattern()
    change_word = LazyPattern()
    basis = LazyPattern()
    basis_item = LazyPattern()
    guidance = LazyPattern()
    target = LazyPattern()


@cache
def _patterns(words: Words) -> _Patterns:
    data = words.table("slips")["en"]
    directions = words.table("directions")["en"]
    ci = re.IGNORECASE
    gap = alternation(data["direction_gap"])
    ambiguous = set(data["direction_ambiguous"])
    return _Patterns(pattern_sources(
        range_lead=(rf"(?<![\w-])(?:{alternation(data['range_leads'])})\s+[\[(]?\s*$", ci),
        range_join=(r"^\s*(?:and|to|-|–)\s*$", ci),
        range_tail=(rf"^\s*(?:{alternation(data['range_tails'])})\b", ci),
        inside=(rf"(?<![\w-])(?:{alternation(data['inside'])})(?![\w-])", ci),
        remaining=(rf"(?<![\w-])(?:{alternation(data['remaining'])})\s+(?:of\s+)?$", ci),
        of_that=(rf"(?<![\w-])(?:{alternation(data['of_that'])})\s+$", ci),
        back_reference=(rf"(?<![\w-])(?:{alternation(data['back_reference'])})\s+$", ci),
        back_reference_end=(rf"^\s*(?:(?:{alternation(data['back_reference_nouns'])})\s*)?(?:[.,;:!?)]|$)", ci),
        direction=(
            rf"(?<![\w-])(?P<word>{alternation(w for w in directions['up'] + directions['down'] if w not in ambiguous)})"
            rf"(?:\s+(?:{gap}))*\s+from\s+$", ci,
        ),
        guidance=(rf"(?<![\w-])(?:{alternation(data['range_guidance'])})(?![\w-])", ci),
        target=(rf"(?<![\w-])(?:{alternation(data['range_targets'])})(?![\w-])", ci),
        basis=(rf"(?<![\w-])(?:{alternation(data['basis'])})(?![\w-])", ci),
        basis_item=(rf"(?<![\w-])(?:{alternation(data['basis_items'])})(?![\w-])", ci),
        change_word=(rf"(?<![\w-])(?:{alternation(directions['up'] + directions['down'])})(?![\w-])", ci),
    ))


@cache
def _list_break(words: Words) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-])(?:{alternation(words.table('slips')['en']['list_breaks'])})(?![\w-])", re.IGNORECASE)


def breaks_list(words: Words, gap: str) -> bool:
    """Whether the words between two rates make them a comparison, a range or two statements, not
    items of one list ('14%, compared with 13% last year and 40% for the software segment')."""
    return bool(_list_break(words).search(gap))


@dataclass(frozen=True)
class TextRange:
    """Two figures of one sentence that are the ends of one range, in the order stated."""

    low: Figure
    high: Figure


def _teen_fits(f: Figure, model: FigureModel, fits: Callable[[Decimal], bool]) -> list[tuple[Decimal, str]]:
    return [(v, why) for v, why in teen_readings(f.quantity, model.lexicon) if fits(v)]


_WHOLE = re.compile(r"^\s*of\s+(?:(?:the|our|its|their|this|that|these|those|total|all)\s+)*([a-z][\w-]*(?:\s+[a-z][\w-]*)?)", re.IGNORECASE)


def _named_whole(f: Figure) -> str | None:
    """The whole a percentage names after it ('16% of the joint venture': 'joint venture'), lower case."""
    m = _WHOLE.match(f.text[f.quantity.end : f.sentence.end])
    return m.group(1).lower() if m else None


def text_ranges(model: FigureModel) -> list[TextRange]:
    """'between 12% and 15%', 'around 14% to 15%', 'between 20 and 13 percent', 'from 17% to 60%
    range': two figures joined by and/to, a percentage at least at the end, with a range word
    before them or 'range' after them (unless the words before make them two figures compared).
    Read once per transcript: the range rules and the series rule all ask for them."""
    return model.transcript.derived("figures.text_ranges", lambda: _find_text_ranges(model))


def _find_text_ranges(model: FigureModel) -> list[TextRange]:
    p = _patterns(model.transcript.words)
    out: list[TextRange] = []
    for figs in group_by_sentence(model.figures):
        text = figs[0].text
        for a, b in zip(figs, figs[1:], strict=False):
            qa, qb = a.quantity, b.quantity
            if not (plain_percent(b) and (plain_percent(a) or (qa.kind == "number" and qa.scale == 1 and qa.value < 100))):
                continue
            if qa.qualifier in ("over", "under", "at_least", "at_most") or not p.range_join.match(text[qa.end : qb.start]):
                continue
            lead = text[max(a.sentence.start, qa.start - 60) : qa.start]
            m = p.range_lead.search(lead)
            tail = p.range_tail.match(text[qb.end : qb.end + 20])
            # "around 14% to 15%": the range word is the qualifier of the first figure, unless the
            # words before make it a change ("grew about 14% to 50%")
            loose = qa.qualifier == "about" and not p.change_word.search(lead[-30:])
            if m is None and tail is None and not loose:
                continue
            before = set(re.findall(r"[a-z]+", lead[: m.start() if m else len(lead)].lower())[-5:])
            if before & model.lexicon.not_ranges:
                continue
            out.append(TextRange(a, b))
    return out


def _of_metric(model: FigureModel, r: TextRange) -> bool:
    """Whether a range is of a metric the call reports (its ends linked to one, or a share 'of our
    revenue'): a guided metric is narrow, but 'approximately 15% to 60% of customers' may be meant."""
    if r.low.key is not None or r.high.key is not None:
        return True
    whole = _named_whole(r.high)
    aliases = {a for m in model.lexicon.metrics.values() for a in m.aliases}
    if whole is not None and any(whole == a or whole.startswith(a + " ") for a in aliases):
        return True
    # "the percentage of our, uh, revenue is gonna be around 14% to 50%"
    lead = r.low.text[max(r.low.sentence.start, r.low.quantity.start - 80) : r.low.quantity.start].lower()
    return any(re.search(rf"\bof\b[\s\w,]{{0,20}}?\b{re.escape(a)}\b", lead) for a in aliases)


def range_hints(model: FigureModel) -> list[SlipHint]:
    """A range that runs backwards, or whose ends are far apart where one teen/ten reading makes a
    narrow range of them ("around 14% to 50%" for 14% to 15%)."""
    out: list[SlipHint] = []
    for r in text_ranges(model):
        lo, hi = r.low.quantity.value, r.high.quantity.value
        if lo > hi:
            fixes = [(r.low, v, why) for v, why in teen_readings(r.low.quantity, model.lexicon) if v < hi]
            fixes += [(r.high, v, why) for v, why in teen_readings(r.high.quantity, model.lexicon) if v > lo]
            if fixes:
                g, value, why = fixes[0]
                out.append(SlipHint(g, value, why, f"the range from '{short(r.low)}' to '{short(r.high)}' runs backwards",
                                    (r.high if g is r.low else r.low,), 0.75))
            continue
        if lo <= 0 or hi < lo * Decimal("2.5"):
            continue
        sentence = r.low.text[r.low.sentence.start : r.low.sentence.end]
        p = _patterns(model.transcript.words)
        if not p.target.search(sentence) and not (p.guidance.search(sentence) and _of_metric(model, r)):
            continue

        def narrow(a: Decimal, b: Decimal) -> bool:
            return a < b and b - a <= max(Decimal(1), b * Decimal("0.15"))

        fixes = [(r.low, v, why) for v, why in teen_readings(r.low.quantity, model.lexicon) if narrow(v, hi)]
        fixes += [(r.high, v, why) for v, why in teen_readings(r.high.quantity, model.lexicon) if narrow(lo, v)]
        if len(fixes) == 1:
            g, value, why = fixes[0]
            other = r.high if g is r.low else r.low
            out.append(SlipHint(g, value, why, f"the range from '{short(r.low)}' to '{short(r.high)}' is unusually wide "
                                f"({hi / lo:.1f} times its low end)", (other,), 0.6))
    return out


_CLAUSE = re.compile(r"[,;:]|\b(?:which|that|when|where|while|whereas|as|considering|given|with|and|but|if|because|since|after|before)\b",
                     re.IGNORECASE)


def _governs(gap: str) -> bool:
    """Whether the words between 'within' (or 'in the middle of' ...) and a range make the range its
    object ('in the middle of its target range of'), not a clause of its own."""
    return len(gap) <= 45 and not _CLAUSE.search(gap)


def inside_range_hints(model: FigureModel) -> list[SlipHint]:
    """'a margin of 50.7%, ... in the middle of its target range of 15% to 17%': a percentage said
    to lie inside a range stated after it in the same sentence, outside it, inside once undone."""
    p = _patterns(model.transcript.words)
    out: list[SlipHint] = []
    for r in text_ranges(model):
        text = r.low.text
        for f in model.figures:
            if f.paragraph is not r.low.paragraph or f.sentence.start != r.low.sentence.start:
                continue
            if f.quantity.end > r.low.quantity.start or not plain_percent(f) or f.role == "change":
                continue
            between = text[f.quantity.end : r.low.quantity.start]
            if re.search(r"\d", between) or len(between) > 160:
                continue
            said = list(p.inside.finditer(between))
            if not said or not _governs(between[said[-1].end() :]):
                continue  # "well within the range, considering volume growth between 15% and 17%": another range
            if any(g.role == "change" for g in (r.low, r.high)):
                continue  # a range of change rates is not where a level lies
            span = Interval(r.low.quantity.value, r.high.quantity.value)
            if span.lo > span.hi or Interval.of(f.quantity).distance(span) <= 1:
                continue
            fits = _teen_fits(f, model, span.contains)
            if fits:
                value, why = fits[0]
                out.append(SlipHint(f, value, why, f"'{short(f)}' is said to be in the range of '{short(r.low)}' to "
                                    f"'{short(r.high)}' stated with it, which it is not", (r.low, r.high), 0.75))
    return out


def _part(f: Figure) -> bool:
    """A percentage that may be a part of a whole: not a change, not the level of a ratio metric
    ('gross margin was 16%, and we expect to ship the remaining 40% of orders')."""
    if f.quantity.kind != "percent" or f.role == "change":
        return False
    return f.role == "share" or f.key is None


def remaining_hints(model: FigureModel) -> list[SlipHint]:
    """Parts of one whole closed by 'the remaining N%' that do not add up to the whole (100%, or the
    total after 'out of that'), and do once one of them is read as its teen/ten."""
    p = _patterns(model.transcript.words)
    out: list[SlipHint] = []
    groups = group_by_sentence(model.figures)
    for gi, figs in enumerate(groups):
        text = figs[0].text
        for i, last in enumerate(figs):
            if not plain_percent(last) or not p.remaining.search(text[max(0, last.quantity.start - 30) : last.quantity.start]):
                continue
            before = [f for f in figs[:i] if _part(f)]
            total = next((f for f in reversed(before) if p.of_that.search(text[max(0, f.quantity.start - 20) : f.quantity.start])), None)
            if total is not None:
                parts = [f for f in before if f.quantity.start > total.quantity.start] + [last]
                hint = _partition(model, parts, total)
            else:
                hint = _partition(model, [*before, last], None)
                prev = groups[gi - 1] if gi else []
                earlier = [f for f in prev if f.paragraph is last.paragraph and _part(f)]
                if hint is None and earlier and not _adds_up([*before, last], None):
                    hint = _partition(model, [*earlier, *before, last], None)
            if hint is not None:
                out.append(hint)
    return out


def _sum(parts: list[Figure]) -> Interval:
    total = Interval.exact(0)
    for f in parts:
        total = total + Interval.of(f.quantity)
    return total


def _adds_up(parts: list[Figure], total: Figure | None, swap: tuple[Figure, Interval] | None = None) -> bool:
    ivs = [swap[1] if swap is not None and f is swap[0] else Interval.of(f.quantity) for f in parts]
    whole = Interval.exact(HUNDRED) if total is None else (swap[1] if swap is not None and swap[0] is total else Interval.of(total.quantity))
    acc = Interval.exact(0)
    for iv in ivs:
        acc = acc + iv
    return acc.distance(whole) <= Decimal("0.5")


def _partition(model: FigureModel, parts: list[Figure], total: Figure | None) -> SlipHint | None:
    if len(parts) < 2 or any(not plain_percent(f) for f in parts) or _adds_up(parts, total):
        return None
    if len({w for f in parts if (w := _named_whole(f)) is not None}) > 1:
        return None  # "16% of the joint venture, and the remaining 40% of our capex": parts of two wholes
    fixes = []
    for f in [*parts, *([total] if total is not None else [])]:
        for value, why in teen_readings(f.quantity, model.lexicon):
            if _adds_up(parts, total, (f, reading_interval(f, value))):
                fixes.append((f, value, why))
    if len(fixes) != 1:
        return None
    f, value, why = fixes[0]
    whole = "100%" if total is None else f"'{short(total)}' (the total they are parts of)"
    listed = " + ".join(f"'{short(g)}'" for g in parts)
    return SlipHint(f, value, why, f"the parts {listed}, closed by 'remaining', add up to "
                    f"{_sum(parts).mid.normalize():f}%, not {whole}",
                    tuple(g for g in [*parts, *([total] if total else [])] if g is not f), 0.75)


def back_reference_hints(model: FigureModel) -> list[SlipHint]:
    """'an organic growth of 80% ... grew significantly faster than the 18%': a rate referred back
    to ('the 18%') that nothing before states, where the rate shortly before reads as it once undone."""
    p = _patterns(model.transcript.words)
    out: list[SlipHint] = []
    figures = [f for f in model.figures if f.quantity.kind == "percent"]
    for j, ref in enumerate(figures):
        text = ref.text
        if ref.quantity.qualifier or not p.back_reference.search(text[max(0, ref.quantity.start - 15) : ref.quantity.start]):
            continue
        if not p.back_reference_end.match(text[ref.quantity.end : ref.sentence.end]):
            continue  # "above the 17% we had expected": the words after it say what it is, a new figure
        if any(f.quantity.value == ref.quantity.value for f in figures[:j]):
            continue  # stated before, anywhere in the call: the reference has its antecedent
        window = [f for f in figures[:j] if f.paragraph.turn == ref.paragraph.turn and ref.paragraph.index - f.paragraph.index <= 1]
        near = [f for f in window[-4:] if plain_percent(f) and not f.quantity.qualifier]
        for f in reversed(near):
            fits = [(v, why) for v, why in teen_readings(f.quantity, model.lexicon) if v == ref.quantity.value]
            if fits:
                value, why = fits[0]
                out.append(SlipHint(f, value, why, f"'the {short(ref)}' said later refers back to a rate that nothing before "
                                    f"states, and '{short(f)}' is the rate a slip connects it to (one of the two is mis-heard)", (ref,), 0.7))
                break
    return out


def direction_hints(model: FigureModel) -> list[SlipHint]:
    """'rising from 70% to 20%': a change whose ends run against its word, in line once undone."""
    p = _patterns(model.transcript.words)
    up = {w.lower() for w in model.transcript.words.table("directions")["en"]["up"]}
    out: list[SlipHint] = []
    for figs in group_by_sentence(model.figures):
        text = figs[0].text
        for a, b in zip(figs, figs[1:], strict=False):
            if not (plain_percent(a) and plain_percent(b)) or a.quantity.qualifier or b.quantity.qualifier:
                continue
            if not re.fullmatch(r"\s*to\s+", text[a.quantity.end : b.quantity.start]):
                continue
            m = p.direction.search(text[max(a.sentence.start, a.quantity.start - 80) : a.quantity.start])
            if m is None:
                continue
            sign = 1 if m.group("word").lower() in up else -1
            va, vb = a.quantity.value, b.quantity.value
            if (vb - va) * sign >= 0:
                continue
            fixes = [(a, v, why) for v, why in teen_readings(a.quantity, model.lexicon) if (vb - v) * sign > 0]
            fixes += [(b, v, why) for v, why in teen_readings(b.quantity, model.lexicon) if (v - va) * sign > 0]
            if len(fixes) == 1:
                g, value, why = fixes[0]
                out.append(SlipHint(g, value, why, f"'{m.group('word')} from {short(a)} to {short(b)}' runs the other way",
                                    (b if g is a else a,), 0.7))
    return out


def basis_hints(model: FigureModel) -> list[SlipHint]:
    """'reaching 12.7% as reported, and 30.7% excluding extraordinary cancellations': one ratio
    stated on two bases side by side, one a multiple of the other, close once one is undone."""
    p = _patterns(model.transcript.words)
    out: list[SlipHint] = []
    for figs in group_by_sentence(model.figures):
        text = figs[0].text
        for a, b in zip(figs, figs[1:], strict=False):
            if not all(plain_percent(f) and f.role == "level" and not f.quantity.qualifier for f in (a, b)):
                continue
            between = text[a.quantity.end : b.quantity.start]
            if len(between) > 60 or re.search(r"\d", between) or not re.search(r"\b(?:and|or|but|while|versus|vs)\b|,", between):
                continue
            if not p.basis.search(text[a.quantity.end : min(a.sentence.end, b.quantity.end + 40)]):
                continue
            if a.key is not None and b.key is not None and a.key[0] != b.key[0]:
                continue  # "adjusted EBITDA margin was 30%, and reported operating margin 13%": two ratios
            if p.basis_item.search(text[a.sentence.start : a.sentence.end]):
                continue  # the sentence names what sets the two bases far apart
            va, vb = a.quantity.value, b.quantity.value
            if min(va, vb) <= 0 or max(va, vb) < 2 * min(va, vb):
                continue
            fixes = [(g, v, why) for g, other in ((a, vb), (b, va)) for v, why in teen_readings(g.quantity, model.lexicon)
                     if abs(v - other) <= max(Decimal("1.5"), other * Decimal("0.15"))]
            if len(fixes) == 1:
                g, value, why = fixes[0]
                out.append(SlipHint(g, value, why, f"'{short(a)}' and '{short(b)}' state one rate on two bases, "
                                    "one more than twice the other", (b if g is a else a,), 0.55))
    return out
