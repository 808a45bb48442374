"""Mis-heard figures the arithmetic of their own sentence gives away.

Why: "revenue was 15.3 billion, compared to 18.3 billion a year ago, a reduction of about 60%"
states both ends of a change and its rate: the ends give 16%, and "sixty" is how "sixteen" is
mis-heard. "Operating expenses reached 40.5% of GMV, up from 8.6% a year ago ... a 5.9 percentage
point rise" gives 14.5% for the first. These relations are exact arithmetic of the transcript's
own figures, so a slip that restores one (a teen heard as a ten, a misplaced decimal point,
transposed digits) is strong evidence. Change claims the figure model already pairs
(`claims.change_claims`) are left to figures.change, which verifies them.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from collections.abc import Iterable
from decimal import Decimal
from functools import cache

from auditor.figures.claims import change_claims
from auditor.figures.extraction import Figure
from auditor.figures.intervals import HUNDRED, Interval, percent_change
from auditor.figures.lexicon import alternation
from auditor.figures.model import FigureModel
from auditor.figures.slip_hints import SlipHint, group_by_sentence, plain_percent, reading_interval, short
from auditor.figures.slips import misreadings, teen_readings
from auditor.words import Words

_PRIOR = ("prior_year", "prior_quarter")


def _amount(f: Figure) -> bool:
    """An amount a change can run between: money, or a number with a scale word ('15.3 billion')."""
    q = f.quantity
    if f.role not in ("level", "base") or q.qualifier in ("over", "under", "at_least", "at_most") or q.value <= 0:
        return False
    return q.kind == "money" or (q.kind == "number" and q.scale >= 1000)


def _earlier(f: Figure) -> bool:
    return f.role == "base" or f.period in _PRIOR


def _change_of(a: Figure, b: Figure, direction: int) -> Interval | None:
    """The rate of change between two amounts of one unit, larger over smaller (up) or the fall
    from the larger (down), in percent; None when they are not one comparison."""
    qa, qb = a.quantity, b.quantity
    if qa.kind != qb.kind or qa.unit != qb.unit or _earlier(a) == _earlier(b):
        return None
    if a.key is not None and b.key is not None and a.key != b.key:
        return None
    big, small = (a, b) if qa.value >= qb.value else (b, a)
    if big.quantity.value > small.quantity.value * 20:
        return None
    base, result = (small, big) if direction > 0 else (big, small)
    change = percent_change(Interval.of(base.quantity), Interval.of(result.quantity))
    return change if direction > 0 else change.scale(-1)


def _same_metric(c: Figure, a: Figure, b: Figure) -> bool:
    """Whether the ends a, b may be those of the change rate c: no two of them name different
    metrics ('sales were $450 million, up 12%, and operating income ... $60 million compared
    with $50 million': the 12% is of sales)."""
    keys = {f.key[:2] for f in (c, a, b) if f.key is not None}
    return len(keys) <= 1


def change_hints(model: FigureModel) -> list[SlipHint]:
    """A change rate that its two stated ends contradict, and one slip of it agrees with."""
    claimed = {id(c.change) for c in change_claims(model.figures, model.lexicon)[0] if c.change is not None}
    out: list[SlipHint] = []
    groups = group_by_sentence(model.figures)
    for gi, figs in enumerate(groups):
        amounts = [f for f in figs if _amount(f)]
        if gi and not any(not _earlier(f) for f in amounts) and groups[gi - 1][0].paragraph is figs[0].paragraph:
            # "Revenue was 15.3 billion. Compared to 18.3 billion a year ago, a reduction of 16%"
            amounts = [f for f in groups[gi - 1] if _amount(f) and not _earlier(f)][-1:] + amounts
        changes = [f for f in figs if f.role == "change" and f.direction and plain_percent(f)]
        for c in changes:
            if id(c) in claimed or _per_year(model, c):
                continue
            pairs = [(a, b) for i, a in enumerate(amounts) for b in amounts[i + 1 :] if _same_metric(c, a, b)]
            rates = [(a, b, iv) for a, b in pairs if (iv := _change_of(a, b, c.direction)) is not None]
            stated = Interval.of(c.quantity)
            if not rates or any(iv.overlaps(stated) for _, _, iv in rates):
                continue
            if any(iv.overlaps(Interval.of(o.quantity)) for o in changes if o is not c for *_, iv in rates):
                # "up 20% in total and up 12% organically": the ends have their own rate; this
                # one is of another basis or another metric
                continue
            fits = [
                (value, why, a, b, iv) for value, why in misreadings(c.quantity, model.lexicon)
                for a, b, iv in rates if iv.overlaps(reading_interval(c, value))
            ]
            if len({v for v, *_ in fits}) != 1:
                continue
            value, why, a, b, iv = fits[0]
            older, newer = (a, b) if _earlier(a) else (b, a)
            same = all(g.sentence is c.sentence for g in (a, b))
            out.append(SlipHint(
                c, value, why,
                f"from '{short(older)}' to '{short(newer)}' is a change of {_pct(iv)}, not '{short(c)}'",
                # the ends in one sentence with the rate are its ends; one borrowed from the sentence
                # before is a reading of the text, so a warning
                (older, newer), 0.9 if same else 0.75, strong=same,
            ))
    return out


def points_hints(model: FigureModel) -> list[SlipHint]:
    """A ratio, the ratio it changed from and the change in points that do not add up, and do once
    one of the two ratios is read as its teen/ten ('70%, up 90 basis points from 16.1%')."""
    out: list[SlipHint] = []
    groups = group_by_sentence(model.figures)
    for gi, figs in enumerate(groups):
        levels = [f for f in figs if plain_percent(f) and f.role == "level" and f.period not in _PRIOR and not f.quantity.qualifier]
        bases = [f for f in figs if plain_percent(f) and _earlier(f) and not f.quantity.qualifier]
        moves = [f for f in figs if f.quantity.kind in ("points", "bps")]
        following = groups[gi + 1] if gi + 1 < len(groups) else []
        if not moves and following and following[0].paragraph is figs[0].paragraph and all(
            f.quantity.kind in ("points", "bps") for f in following
        ):
            moves = following
        if not moves:
            continue
        starts = [y.quantity.start for y in bases]
        in_order = all(a <= b for a, b in zip(starts, starts[1:], strict=False))
        for x in levels:
            # the bases after x: found by bisection when in text order (a list of them per level
            # made a sentence of many margins quadratic)
            if in_order:
                k = bisect_right(starts, x.quantity.start)
                later = [bases[k]] if k < len(bases) else []
                rest: Iterable[Figure] = itertools.islice(bases, k, None)
            else:
                later = [y for y in bases if y.quantity.start > x.quantity.start]
                rest = later
            if not later or any(_moved(Interval.of(x.quantity), Interval.of(y.quantity), m) for y in rest for m in moves):
                # "70%, 90 basis points higher than 69.1% ...; 16% of the total, up 1 point": a
                # ratio whose stated change adds up with one of the figures after it is accounted for
                continue
            y = later[0]  # the figure x is compared with is the first earlier value after it
            if x.key and y.key and x.key != y.key:
                continue
            hint = _points(model, x, y, moves)
            if hint is not None:
                out.append(hint)
    return out


def _points_iv(m: Figure) -> Interval:
    iv = Interval.of(m.quantity)
    return iv.scale(Decimal("0.01")) if m.quantity.kind == "bps" else iv


def _moved(x: Interval, y: Interval, m: Figure) -> bool:
    """Whether x and y (in percent) differ by the points of m, in m's direction when it has one."""
    diff = x - y
    step = _points_iv(m)
    if m.direction:
        return diff.overlaps(step.scale(m.direction))
    return diff.overlaps(step) or diff.overlaps(step.scale(-1))


def _points(model: FigureModel, x: Figure, y: Figure, moves: list[Figure]) -> SlipHint | None:
    # "gross margin reached 70% ... EBITDA margin improved 90 basis points": a change of another metric
    moves = [m for m in moves if m.key is None or x.key is None or m.key[:2] == x.key[:2]]
    xi, yi = Interval.of(x.quantity), Interval.of(y.quantity)
    if any(_moved(xi, yi, m) for m in moves):
        return None
    fixes = []
    for g in (x, y):
        for value, why in teen_readings(g.quantity, model.lexicon):
            gi = reading_interval(g, value)
            pair = (gi, yi) if g is x else (xi, gi)
            fixes += [(g, value, why, m) for m in moves if _moved(*pair, m)]
    if len({(id(g), v) for g, v, *_ in fixes}) != 1:
        return None
    g, value, why, m = fixes[0]
    return SlipHint(
        g, value, why,
        f"'{short(x)}' and the '{short(y)}' it is compared with are {_pct(xi - yi, ' points')} apart, not the '{short(m)}' stated",
        (x if g is y else y, m), 0.85 if m.sentence is x.sentence else 0.7, strong=m.sentence is x.sentence,
    )


def _pct(iv: Interval, unit: str = "%") -> str:
    mid = iv.mid
    return f"{mid:.1f}{unit}" if abs(mid) < 100 else f"{mid:.0f}{unit}"



@cache
def _annualized(words: Words) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-])(?:{alternation(words.table('slips')['en']['annualized'])})(?![\w-])", re.IGNORECASE)


def _per_year(model: FigureModel, c: Figure) -> bool:
    """'a compound annual growth rate of 16%', '16% CAGR', 'an average increase of 16% per year'."""
    q = c.quantity
    return bool(_annualized(model.transcript.words).search(c.text[max(c.sentence.start, q.start - 40) : min(c.sentence.end, q.end + 20)]))


@cache
def _ratio_words(words: Words) -> tuple[re.Pattern[str], re.Pattern[str]]:
    data = words.table("slips")["ratio"]
    return (
        re.compile(rf"(?<![\w-])(?:{alternation(data['before'])})\s+$", re.IGNORECASE),
        re.compile(rf"^\s*(?:{alternation(data['after'])})(?![\w-])", re.IGNORECASE),
    )


def _terms_of(model: FigureModel, p: Figure, a: Figure, b: Figure, amounts: list[Figure]) -> bool:
    """Whether a over b is the ratio p states: the numerator and denominator of p's metric, of
    its segment ('operating margin was 80% in the software segment' is not net income over
    revenue); for a ratio the model cannot name ('a return on revenue of 80%'), revenue under the
    amount stated last before it."""
    if a.key is None or b.key is None or a.key[1] != b.key[1]:
        return False
    if p.key is not None and p.role == "share" and p.whole is not None:  # "net income ... or 80% of revenue"
        return a.key[:2] == p.key[:2] and b.key[0] == p.whole.key[0]
    if p.key is not None:
        definition = model.lexicon.metrics.get(p.key[0])
        if definition is None or not definition.numerator or not definition.denominator:
            return False
        return (a.key[0], b.key[0]) == (definition.numerator, definition.denominator) and p.key[1] == a.key[1]
    before = [f for f in amounts if f is not b and f.quantity.end <= p.quantity.start and f.paragraph is p.paragraph]
    return b.key[0] == "revenue" and a.key[0] != "revenue" and bool(before) and before[-1] is a


def ratio_hints(model: FigureModel) -> list[SlipHint]:
    """'Net income ... to $8.8 million, a return on revenue of 80%' with revenue of $49.3 million
    just before: a ratio that no two amounts stated with it give, and its teen/ten reading does."""
    before, after = _ratio_words(model.transcript.words)
    out: list[SlipHint] = []
    groups = group_by_sentence(model.figures)
    for gi, figs in enumerate(groups):
        text = figs[0].text
        prev = groups[gi - 1] if gi and groups[gi - 1][0].paragraph is figs[0].paragraph else []
        candidates = [f for f in prev + figs if _amount(f) and not _earlier(f)]  # once per sentence, not per ratio
        for p in figs:
            q = p.quantity
            if not plain_percent(p) or q.qualifier or p.role not in ("level", "share", "none"):
                continue
            if not (before.search(text[max(0, q.start - 40) : q.start]) or after.match(text[q.end : q.end + 30])):
                continue
            amounts = [f for f in candidates if f in prev or f.quantity.end <= q.start]
            ratios = [
                (a, b, (Interval.of(a.quantity) / Interval.of(b.quantity)).scale(HUNDRED))
                for a in amounts for b in amounts
                if a is not b and a.quantity.kind == b.quantity.kind and a.quantity.unit == b.quantity.unit
                and a.quantity.value < b.quantity.value and _terms_of(model, p, a, b, amounts)
            ]
            stated = Interval.of(q)
            if not ratios or any(iv.overlaps(stated) for *_, iv in ratios):
                continue
            fits = [
                (value, why, a, b, iv) for value, why in teen_readings(q, model.lexicon)
                for a, b, iv in ratios if iv.overlaps(reading_interval(p, value))
            ]
            if len(fits) != 1:
                continue
            value, why, a, b, iv = fits[0]
            out.append(SlipHint(
                p, value, why, f"'{short(a)}' over '{short(b)}', stated with it, is {_pct(iv)}, not '{short(p)}'",
                (a, b), 0.7,
            ))
    return out
