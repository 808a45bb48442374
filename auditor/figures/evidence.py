"""The transcript's own evidence against a figure: relations among figures that a mis-heard or
mis-typed number breaks, besides the change claims, shares and breakdowns of `claims`.

Why: a figure stated once can only be checked against the figures around it. This module finds
them, once, for the checks: an amount stated with its absolute and relative change ("US$1.2
billion, up US$150 million or 14%"), the ends of a range ("between 12% and 15%"), the shares of
one whole ("accounting for 55% of revenue" ... "30% of revenue"), rates listed side by side ("15%,
16% and 70%"), a rate next to a vague word for it ("mid-teens"), and a level against the plausible
range of its metric (a prior, `[priors]` of metrics.toml).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from auditor.figures.extraction import Figure
from auditor.figures.folding import fold, folded
from auditor.figures.lexicon import Lexicon, load_lexicon


@dataclass(frozen=True)
class DeltaClaim:
    """'revenue of US$1.2 billion, up US$150 million or 14%': a level, its absolute change, and the
    same change as a rate (or the level it started from)."""

    level: Figure
    delta: Figure
    rate: Figure | None
    base: Figure | None
    direction: int


@dataclass(frozen=True)
class Range:
    """'between 70% and 18%': two ends of one range, in the order stated."""

    low: Figure
    high: Figure


def by_sentence(figures: list[Figure]) -> list[list[Figure]]:
    groups: dict[tuple[int, int], list[Figure]] = {}
    for f in figures:
        groups.setdefault((f.paragraph.index, f.sentence.start), []).append(f)
    return [groups[k] for k in sorted(groups)]


def _same_metric(a: Figure, b: Figure) -> bool:
    return a.mention is None or b.mention is None or a.mention.key == b.mention.key


def delta_claims(figures: list[Figure], by_sentence_figs: list[list[Figure]] | None = None) -> list[DeltaClaim]:
    """Levels stated with their absolute change and its rate or base, within one sentence (or a
    sentence continuing the previous one: "The total was 499.7 billion. That is 104 billion, or 26.3% more")."""
    out: list[DeltaClaim] = []
    groups = by_sentence_figs or by_sentence(figures)
    previous: list[Figure] = []
    for figs in groups:
        text = figs[0].text
        for i, d in enumerate(figs):
            if d.role != "delta" or d.quantity.kind != "money" or d.approximate:
                continue
            rate = next(
                (g for g in figs[i + 1 : i + 3] if g.role == "change" and g.quantity.kind == "percent"
                 and not g.qualified and len(text[d.quantity.end : g.quantity.start]) <= 25 and _same_metric(d, g)),
                None,
            )
            base = next(
                (g for g in figs[i + 1 :] if g.role == "base" and g.quantity.unit == d.quantity.unit
                 and len(text[d.quantity.end : g.quantity.start]) <= 60 and _same_metric(d, g)),
                None,
            )
            if rate is None and base is None:
                continue
            level = _level_after(d, rate, figs[i + 1 :], text) or _level_of(d, figs[:i], text) or _continued(d, figs, previous)
            if level is None or level.quantity.unit != d.quantity.unit:
                continue
            direction = d.direction or (rate.direction if rate is not None else 0)
            if direction == 0:
                continue
            out.append(DeltaClaim(level, d, rate, base, direction))
        previous = figs
    return out


def _level_after(d: Figure, rate: Figure | None, after: list[Figure], text: str) -> Figure | None:
    """'declined by US$2.6 million or 7% ... to US$4.6 million': the level the change led to."""
    start = (rate or d).quantity.end
    for g in after:
        if g.quantity.start < start or g is rate:
            continue
        between = text[start : g.quantity.start]
        if g.role == "level" and g.quantity.kind == "money" and len(between) <= 60 and re.search(r"\bto\s+[\[(]?\s*$", between):
            return g if _same_metric(d, g) else None
        return None
    return None


def _level_of(d: Figure, before: list[Figure], text: str) -> Figure | None:
    """The level just before an absolute change ("US$946 million, up US$85 million")."""
    for g in reversed(before):
        if g.role in ("change",) or (g.quantity.kind == "number" and g.quantity.value < 1000):
            continue
        if g.role == "level" and g.quantity.kind == "money" and not g.approximate and _same_metric(d, g):
            return g if len(text[g.quantity.end : d.quantity.start]) <= 60 else None
        return None
    return None


def _continued(d: Figure, figs: list[Figure], previous: list[Figure]) -> Figure | None:
    """'That is 104 billion yen, or 26.3%': the level of the sentence before, when this one has none."""
    if any(g.role == "level" and g.quantity.kind == "money" for g in figs if g.quantity.start < d.quantity.start):
        return None
    if not previous or previous[0].paragraph.index != d.paragraph.index:
        return None
    levels = [g for g in previous if g.role == "level" and g.quantity.kind == "money" and g.linked]
    return levels[-1] if levels else None


def ranges(figures: list[Figure], lex: Lexicon | None = None) -> list[Range]:
    """'between A and B', 'in the range of A to B' with two figures of one kind and unit."""
    lex = lex or load_lexicon()
    out: list[Range] = []
    for figs in by_sentence(figures):
        text = figs[0].text
        for a, b in zip(figs, figs[1:], strict=False):
            qa, qb = a.quantity, b.quantity
            if qa.kind != qb.kind or qa.unit != qb.unit or qa.qualifier or qb.qualifier:
                continue
            if not re.fullmatch(r"\s*(?:and|to|-|–)\s*", text[qa.end : qb.start]):
                continue
            lead = text[max(0, qa.start - 60) : qa.start]
            m = lex.range_re.search(lead)
            if m and not set(re.findall(r"[a-z]+", lead[: m.start()].lower())[-5:]) & lex.not_ranges:
                out.append(Range(a, b))
    return out


def share_sets(figures: list[Figure]) -> list[list[Figure]]:
    """Shares of one named whole stated in one paragraph for one period, two or more."""
    groups: dict[tuple, list[Figure]] = {}
    for f in figures:
        if f.role == "share" and f.whole is not None and f.quantity.kind == "percent" and not f.approximate:
            key = (f.paragraph.index, f.whole.key, f.period)
            groups.setdefault(key, []).append(f)
    out = []
    for g in groups.values():
        distinct = {(f.quantity.start) for f in g}
        if len(distinct) >= 2:
            out.append(g)
    return out


def rate_lists(figures: list[Figure]) -> list[list[Figure]]:
    """Three or more rates side by side in one sentence ("up 15%, 16% and 70%"): a list whose items
    are alike, with or without a metric."""
    out: list[list[Figure]] = []
    for figs in by_sentence(figures):
        text = figs[0].text
        run: list[Figure] = []
        for f in figs:
            alike = f.quantity.kind == "percent" and not f.approximate and f.role in ("change", "level")
            joined = run and alike and len(text[run[-1].quantity.end : f.quantity.start]) <= 40
            if joined:
                run.append(f)
                continue
            if len(run) >= 3:
                out.append(run)
            run = [f] if alike else []
        if len(run) >= 3:
            out.append(run)
    return out


def vague_rates(figures: list[Figure], lex: Lexicon | None = None) -> list[tuple[Figure, str, Decimal, Decimal]]:
    """A rate with digits in a sentence that also states a rate vaguely ("mid-teens"): (the rate,
    the vague words, the values they cover)."""
    lex = lex or load_lexicon()
    out: list[tuple[Figure, str, Decimal, Decimal]] = []
    for figs in by_sentence(figures):
        rates = [f for f in figs if f.quantity.kind == "percent" and f.role in ("change", "level") and not f.approximate]
        if not rates:
            continue  # no rate with digits: the sentence's vague words are not read
        body = figs[0].text[figs[0].sentence.start : figs[0].sentence.end]
        folded_body = fold(body)
        for pattern, low, high in lex.vague:
            twin = folded(pattern) if folded_body is not None else None
            m = pattern.search(body) if twin is None else twin.search(folded_body or "")
            if m is None:
                continue
            out.extend((f, body[m.start() : m.end()], low, high) for f in rates)
            break
    return out


def outside_prior(f: Figure, lex: Lexicon) -> tuple[Decimal, Decimal] | None:
    """The plausible range of f's ratio metric when f's level lies outside it, else None."""
    if f.role != "level" or f.key is None or f.quantity.kind != "percent" or f.approximate:
        return None
    prior = lex.priors.get(f.key[0])
    if prior is None:
        return None
    low, high = prior
    return prior if not low <= f.quantity.value <= high else None
