"""figures.misheard: a value far out of line with its series that a known mis-hearing explains."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from decimal import Decimal

from auditor.check import TranscriptCheck
from auditor.figures import (
    HUNDRED,
    Figure,
    FigureModel,
    Interval,
    Lexicon,
    build_model,
    fmt,
    misreadings,
    series,
    teen_readings,
)
from auditor.figures.evidence import rate_lists, share_sets, vague_rates
from auditor.figures.slip_arithmetic import change_hints, points_hints, ratio_hints
from auditor.figures.slip_hints import SlipHint
from auditor.figures.slip_text import (
    back_reference_hints,
    basis_hints,
    breaks_list,
    direction_hints,
    inside_range_hints,
    range_hints,
    remaining_hints,
    text_ranges,
)
from auditor.findings import Finding, Severity
from auditor.model import Transcript

from ._common import GROUPS, evidence_of, metric_name, printed, quoted, related_lines


def _teens(f: Figure, lex: Lexicon) -> list[tuple[Decimal, str]]:
    return teen_readings(f.quantity, lex)


def _outside_prior(f: Figure, lex: Lexicon) -> tuple[Decimal, Decimal] | None:
    """The plausible range of f's ratio metric when every value f may stand for lies outside it
    ('a little over 70%' for a tax rate is outside 0-50% whatever its last digit)."""
    if f.role != "level" or f.key is None or f.quantity.kind != "percent":
        return None
    prior = lex.priors.get(f.key[0])
    if prior is None or Interval.of(f.quantity).overlaps(Interval(*prior)):
        return None
    return prior


def _call_series(figures: list[Figure]) -> list[list[Figure]]:
    """The rates of one metric stated across the call (its growth rates, or the levels of a ratio
    metric), whatever their periods: three or more, each in its own sentence."""
    groups: dict[tuple, list[Figure]] = {}
    for f in figures:
        if f.quantity.kind != "percent" or f.approximate or f.mention is None or f.qualified:
            continue
        if (f.mention.segment or "").startswith("?") or f.role not in ("level", "change"):
            continue
        if f.role == "level" and not f.linked:
            continue
        near = f.sentence.start <= f.mention.start and 0 <= f.quantity.start - f.mention.end <= 40
        if f.role == "change" and not near:
            continue  # a rate far from its metric may be another metric's
        groups.setdefault((f.role, f.key, f.direction), []).append(f)
    out = []
    for group in groups.values():
        one_each = list({(f.paragraph.index, f.sentence.start): f for f in group}.values())
        if len(one_each) >= 3:
            out.append(one_each)
    return out


class MisheardFigure(TranscriptCheck):
    """A value far out of line with the same metric in other periods, explained by a mis-hearing.

    Anti-pattern: "gross margin was 14.9% this quarter, compared with 70% in the second quarter of
    2024 and 16.6% last quarter": "seventeen" heard as "seventy". Other confusions: fourteen/forty,
    a dropped decimal point, transposed digits.

    Best practice: when one value of a series (three or more periods of one ratio in one sentence)
    is far from the others and a known speech-recognition confusion brings it back in line, the
    corrected value is suggested; when the transcript's own figures imply that period's value
    (profit and revenue growth imply last year's margin), the arithmetic is shown. A value that no
    known confusion explains is left alone: it may be genuinely different.

    The arithmetic of a figure's own sentence is strong evidence (an error when a slip restores it):
    a change rate its two stated ends contradict ("15.3 billion ... compared with 18.3 billion ...
    a reduction of about 60%": 16%), a ratio, the ratio it moved from and the change in points
    ("70%, up 90 basis points from 16.1%": 17.0%), a ratio two amounts stated with it give ("$8.8
    million ... a return on revenue of 80%" with revenue of $49.3 million). Each holds only when
    the figures are of one metric and basis: ends with a rate of their own, a compound annual rate,
    a ratio of another segment are left alone. Change claims the figure model pairs are
    figures.change's.

    Thinner evidence points only at a teen heard as a ten (or the reverse), at warning: a range
    whose ends it inverts ("between 20 and 13 percent") or, in a target (or a plan for a reported
    metric), makes far wider than meant ("around 14% to 50%"), a figure said to be inside a range
    it is outside (the range the object of 'within', not of a clause of its own), the parts of one
    whole closed by 'the remaining' that do not make it up ("16% ... the remaining 40%"; not parts
    'of' two named wholes, not a margin), shares of one whole that sum past 100%, a bare rate
    referred back to ("faster than the 18%.") that nothing before states, a change whose ends run
    against its word ("rising from 70% to 20%"), one ratio on two bases one a multiple of the other
    ("12.7% as reported, and 30.7% excluding ...", unless a one-off item is named), one rate out of
    line with the rates listed with it (joined as a list, not compared) or with the other statements of its
    metric in the call, a rate next to a vague word it contradicts ("mid-teens" and 50%), and a
    level outside the plausible range of its metric (`[priors]` of metrics.toml; reported at
    warning as a prior, not a fact of the call). The phrases are data (`slips.toml`). A figure
    stated twice for one period is figures.restatement's.
    """

    id = "figures.misheard"
    title = "Figure out of line with its series (likely mis-heard)"
    severity = Severity.WARNING
    weight = 1.2
    groups = GROUPS

    def check_transcript(self, transcript: Transcript) -> Iterator[Finding]:
        model = build_model(transcript)
        seen: set[tuple[int, int]] = set()
        found: list[Finding | None] = [self._series(transcript, model, list(s.figures)) for s in series(model.figures)]
        found += [self._list(transcript, model, run) for run in rate_lists(model.figures)]
        hints = change_hints(model) + points_hints(model) + ratio_hints(model) + range_hints(model) + inside_range_hints(model)
        hints += remaining_hints(model) + back_reference_hints(model) + direction_hints(model) + basis_hints(model)
        found += [self._hint(transcript, h) for h in hints]
        found += [self._shares(transcript, model.lexicon, group) for group in share_sets(model.figures)]
        ends = {id(f) for r in text_ranges(model) for f in (r.low, r.high)}
        # a stated range has its own digits: "high-teens EPS growth, and between 70% and 80% in cloud"
        found += [self._vague(transcript, model.lexicon, *v) for v in vague_rates(model.figures, model.lexicon) if id(v[0]) not in ends]
        found += [self._prior(transcript, model.lexicon, f) for f in model.figures]
        found += [self._series(transcript, model, group, listed=True, across=True) for group in _call_series(model.figures)]
        for finding in found:
            if finding is not None and (finding.line, hash(finding.evidence)) not in seen:
                seen.add((finding.line, hash(finding.evidence)))
                yield finding

    # -- evidence besides a series of periods ---------------------------------------------------

    def _list(self, transcript: Transcript, model: FigureModel, run: list[Figure]) -> Finding | None:
        """'up 15%, 16% and 70%': one item far out of line with the others of its list."""
        if len({f.mention.key if f.mention else None for f in run}) > 1:
            return None
        text = run[0].text
        gaps = [text[a.quantity.end : b.quantity.start] for a, b in zip(run, run[1:], strict=False)]
        if any(breaks_list(transcript.words, gap) for gap in gaps):
            return None  # "14%, compared with 13% last year and 40% for the software segment": no list
        return self._series(transcript, model, run, listed=True)

    def _hint(self, transcript: Transcript, h: SlipHint) -> Finding:
        """A figure that breaks what its own sentence says about it, restored by one slip: an error
        when the relation is exact arithmetic of the transcript's figures, else a warning."""
        self.stats["contradicted"] += 1
        f, step = h.figure, h.figure.quantity.step
        value = fmt(h.value, step)
        return self.finding(
            transcript, f.line, f"{h.evidence[0].upper() + h.evidence[1:]}; {h.why} would give {value}% for '{quoted(f)}'.",
            evidence_of(f), severity=Severity.ERROR if h.strong else Severity.WARNING, confidence=h.confidence,
            suggestion=f"{value}%", related=related_lines(list(h.related), f.line),
        )

    def _shares(self, transcript: Transcript, lex: Lexicon, group: list[Figure]) -> Finding | None:
        """Shares of one whole that sum past 100%, back under it once one mis-hearing is undone."""
        total = sum((f.quantity.value for f in group), Decimal(0))
        slack = sum((f.quantity.step / 2 for f in group), Decimal(0))
        if total - slack <= HUNDRED:
            self.stats["verified"] += 1
            return None
        self.stats["contradicted"] += 1
        whole = metric_name(group[0], "the whole") if group[0].whole is None else group[0].whole.text
        for f in sorted(group, key=lambda g: -g.quantity.value):
            rest = total - f.quantity.value
            for value, why in misreadings(f.quantity, lex):
                if value < f.quantity.value and rest + value - slack <= HUNDRED:
                    return self.finding(
                        transcript, f.line,
                        f"The shares of {whole} stated here sum to {fmt(total, Decimal(1))}%: "
                        f"{' + '.join(quoted(g) for g in group)}; {why} would give {fmt(value, f.quantity.step)}% for "
                        f"'{quoted(f)}', and a sum under 100%.",
                        evidence_of(f), confidence=0.7, suggestion=f"{fmt(value, f.quantity.step)}%",
                        related=related_lines([g for g in group if g is not f], f.line),
                    )
        return None

    def _vague(self, transcript: Transcript, lex: Lexicon, f: Figure, words: str, low: Decimal, high: Decimal) -> Finding | None:
        """'mid-teens growth ... revenue grew 50%': the rate outside the vague words, inside once undone."""
        if low <= f.quantity.value <= high:
            return None
        fits = [(v, why) for v, why in _teens(f, lex) if low <= v <= high]
        if not fits:
            return None
        self.stats["contradicted"] += 1
        value, why = fits[0]
        return self.finding(
            transcript, f.line,
            f"'{quoted(f)}' sits next to '{words}', which it is not; {why} would give {fmt(value, f.quantity.step)}%.",
            evidence_of(f), confidence=0.7, suggestion=f"{fmt(value, f.quantity.step)}%",
        )

    def _prior(self, transcript: Transcript, lex: Lexicon, f: Figure) -> Finding | None:
        """A level outside the plausible range of its metric that a mis-hearing brings inside: a prior."""
        prior = _outside_prior(f, lex)
        if prior is None:
            return None
        low, high = prior
        fits = [(v, why) for v, why in _teens(f, lex) if low <= v <= high]
        if not fits:
            return None
        self.stats["contradicted"] += 1
        value, why = fits[0]
        name = metric_name(f, "the ratio")
        return self.finding(
            transcript, f.line,
            f"{name[0].upper() + name[1:]} of {quoted(f)} is outside what is usual for it "
            f"({fmt(prior[0], Decimal(1))}% to {fmt(prior[1], Decimal(1))}%; a prior, not a fact of this call); "
            f"{why} would give {fmt(value, f.quantity.step)}%.",
            evidence_of(f), severity=Severity.WARNING, confidence=0.55, suggestion=f"{fmt(value, f.quantity.step)}%?",
        )

    def _series(
        self, transcript: Transcript, model: FigureModel, figs: list[Figure], listed: bool = False, across: bool = False
    ) -> Finding | None:
        """One value of a series out of line with the others, brought back in line by a mis-hearing
        (a list of rates side by side: by a teen heard as a ten only)."""
        # the values sorted once: those of the others are these less one equal to o's (a figure
        # re-sorting all the others made a long list quadratic)
        every = sorted(f.quantity.value for f in figs)
        m = len(every) - 1
        for o in figs:
            cut = bisect_left(every, o.quantity.value)

            def nth(k: int, cut: int = cut) -> Decimal:
                """The k-th smallest value of the others."""
                return every[k] if k < cut else every[k + 1]

            low, high = nth(0), nth(m - 1)
            median = nth(m // 2) if m % 2 else (nth(m // 2 - 1) + nth(m // 2)) / 2
            if median <= 0 or high - low > max(Decimal(5), median * Decimal("0.3")):
                continue
            v = o.quantity.value
            if not (abs(v - median) > 10 and (v > median * Decimal("2.5") or v < median * Decimal("0.4"))):
                continue
            tolerance = max(Decimal(3), median * Decimal("0.2"))
            alternatives = _teens(o, model.lexicon) if listed else misreadings(o.quantity, model.lexicon)
            fits = [(value, why) for value, why in alternatives if low - tolerance <= value <= high + tolerance]
            if not fits:
                self.stats["unchecked"] += 1
                return None
            self.stats["contradicted"] += 1
            others = [f for f in figs if f is not o]
            return self._report(transcript, model, o, others, fits[0], listed, across)
        self.stats["verified"] += 1
        return None

    def _report(
        self, transcript: Transcript, model: FigureModel, o: Figure, others: list[Figure], fit: tuple[Decimal, str],
        listed: bool = False, across: bool = False,
    ) -> Finding:
        value, why = fit
        name = metric_name(o, "the rate")
        if listed:
            context = " and ".join(quoted(f) for f in others)
            where = (
                f"the other statements of {'the change of ' if o.role == 'change' else ''}{name} in this call"
                if across else "the rates listed with it"
            )
            message = f"'{quoted(o)}' is out of line with {where} ({context}); {why} would give {fmt(value, o.quantity.step)}%."
            return self.finding(
                transcript, o.line, message, evidence_of(o), severity=Severity.WARNING, confidence=0.65,
                suggestion=f"about {fmt(value, o.quantity.step)}%", related=related_lines(others, o.line),
            )
        context = " and ".join(f"{quoted(f)} {model.lexicon.period_name(f.period)}" for f in others)
        implied = self._implied(model, o)
        message = (
            f"{name[0].upper() + name[1:]} of {quoted(o)} {model.lexicon.period_name(o.period)} is out of line with "
            f"{context}; {why} would give {fmt(value, o.quantity.step)}%."
        )
        confidence, severity, related = 0.75, Severity.WARNING, related_lines(others, o.line)
        if implied is not None:
            iv, how, sources = implied
            message += f" The transcript's own figures imply {fmt(iv.mid, Decimal('0.1'))}% ({how})."
            related += related_lines(sources, o.line)
            if iv.distance(Interval.exact(value)) <= 1:
                confidence, severity = 0.95, Severity.ERROR
        step = o.quantity.step
        suggestion = f"about {fmt(value, step)}%" if implied is None else f"about {fmt(value, step)}% (implied {fmt(implied[0].mid, Decimal('0.1'))}%)"
        return self.finding(
            transcript, o.line, message, evidence_of(o), severity=severity, confidence=confidence,
            suggestion=suggestion, related=related,
        )

    def _implied(self, model: FigureModel, o: Figure) -> tuple[Interval, str, list[Figure]] | None:
        """The ratio for o's period implied by this quarter's numerator, denominator and their growth."""
        if o.key is None:
            return None
        metric, segment, adjusted = o.key
        definition = model.metric(metric)
        if not definition.numerator or not definition.denominator:
            return None
        comparison = {"prior_year": "yoy", "prior_quarter": "qoq"}.get(o.period)
        if comparison is None:
            return None
        parts = []
        for mid, adj in ((definition.numerator, adjusted), (definition.denominator, False)):
            levels = model.levels((mid, segment, adj), "current")
            growth = [
                f for f in model.figures
                if f.role == "change" and f.key == (mid, segment, adj) and f.comparison == comparison
                and f.period == "current" and f.direction and f.quantity.kind == "percent"
            ]
            if not levels or not growth:
                return None
            level = min(levels, key=lambda f: f.quantity.step)
            parts.append((level, min(growth, key=lambda f: f.quantity.step)))
        ivs = []
        for level, g in parts:
            rate = Interval.of(g.quantity).scale(g.direction).scale(Decimal("0.01")).shift(1)
            ivs.append(Interval.of(level.quantity) / rate)
        ratio = (ivs[0] / ivs[1]).scale(HUNDRED)
        (n, gn), (d, gd) = parts
        how = f"{printed(n)} / (1 {'+' if gn.direction > 0 else '-'} {quoted(gn)}) ÷ {printed(d)} / (1 {'+' if gd.direction > 0 else '-'} {quoted(gd)})"
        return ratio, how, [n, gn, d, gd]
