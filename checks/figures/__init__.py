"""Figure checks: change claims, parts and totals, ratios, restatements and mis-heard values.

Every printed number is an interval (its rounding), intervals are propagated through the arithmetic
and a claim is contradicted only when the intervals cannot overlap, so correct arithmetic with
rounding stays silent. Numbers whose metric or period is unclear are left unchecked and counted as
such in the report's coverage (verified / contradicted / unchecked).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal

from auditor.findings import Finding, Severity
from auditor.metrics import (
    HUNDRED,
    ChangeClaim,
    Figure,
    FigureModel,
    Interval,
    breakdowns,
    build_model,
    change_claims,
    fmt,
    fmt_money,
    misreadings,
    multiplier,
    percent_change,
    series,
    share_claims,
    word_change_claims,
)
from auditor.model import Transcript
from auditor.registry import Check
from auditor.textutil import snippet

_GROUPS = ("figures",)


def _evidence(f: Figure) -> str:
    return snippet(f.text, f.quantity.start, f.quantity.end, 90)


def _quote(f: Figure) -> str:
    return f.quantity.text.strip()


def _value(f: Figure) -> str:
    """A figure as printed, normalised ('RMB406 million', '14.9%')."""
    return _quote(f)


def _name(f: Figure, default: str) -> str:
    """The metric phrase of a figure, with 'adjusted' when it is the adjusted variant."""
    if f.mention is None:
        return default
    text = " ".join(f.mention.text.split())
    text = text[0].lower() + text[1:] if text[:2] != text[:2].upper() else text
    return f"adjusted {text}" if f.mention.adjusted and "adjust" not in text.lower() else text


def _related(figs: Sequence[Figure], exclude_line: int | None = None) -> list[tuple[int, str]]:
    return [(f.line, _evidence(f)) for f in figs if f.line != exclude_line]


def _range(iv: Interval, step: Decimal, unit: str = "%") -> str:
    return f"{fmt(iv.lo, step / 10)}{unit} to {fmt(iv.hi, step / 10)}{unit}"


def _pct_step(f: Figure) -> Decimal:
    return f.quantity.step if f.quantity.step > 0 else Decimal("0.1")


# --- change claims ------------------------------------------------------------------------------


class ChangeClaimMismatch(Check):
    """A change claim whose rate does not follow from its own figures ("up 57.3% from 20.1 to 26.4").

    Anti-pattern: "Operating income increased by 57.3% from US$20.1 million to US$26.4 million":
    26.4 / 20.1 - 1 is 31.3%, so either the rate or one of the amounts was mis-heard or mistyped.

    Best practice: a change rate matches its base and result within rounding. Each printed number
    stands for an interval (half a unit of its last digit either way; "over"/"about" widen it), the
    interval is carried through the division, and only a rate outside the result is flagged.
    Percentage points are computed as differences, percentages as ratios; "doubled" allows 10%.
    """

    id = "figures.change"
    title = "Change rate does not match its figures"
    severity = Severity.WARNING
    weight = 1.3
    groups = _GROUPS

    def run(self, transcript: Transcript) -> Iterator[Finding]:
        model = build_model(transcript)
        claims, unchecked = change_claims(model.figures)
        self.stats["unchecked"] += len(unchecked)
        for claim in sorted(claims + word_change_claims(model.figures), key=lambda c: (c.line, c.result.quantity.start)):
            finding = self._verify(transcript, claim)
            if finding is None:
                continue
            yield finding

    def _verify(self, transcript: Transcript, claim: ChangeClaim) -> Finding | None:
        base, result = Interval.of(claim.base.quantity), Interval.of(claim.result.quantity)
        if not (base.bounded and result.bounded) or base.lo <= 0 or result.lo < 0:
            self.stats["unchecked"] += 1
            return None
        if claim.word is not None:
            return self._verify_word(transcript, claim, base, result)
        change = claim.change
        assert change is not None
        q = change.quantity
        claimed = Interval.of(q)
        points = claim.base.quantity.kind == "percent"
        if q.kind in ("points", "bps"):
            computed = (result - base).scale(100 if q.kind == "bps" else 1)
            how = f"{_value(claim.result)} - {_value(claim.base)}"
        elif q.kind == "multiple":
            ratio = result / base
            if claimed.overlaps(ratio) or claimed.overlaps(ratio.shift(-1)):
                self.stats["verified"] += 1
                return None
            computed, how = ratio, f"{_value(claim.result)} / {_value(claim.base)}"
        else:
            computed = percent_change(base, result)
            how = f"{_value(claim.result)} / {_value(claim.base)} - 1"
        signed = claimed if claim.direction >= 0 else claimed.scale(-1)
        if claim.direction == 0:
            computed = Interval(min(abs(computed.lo), abs(computed.hi)), max(abs(computed.lo), abs(computed.hi)))
        if signed.overlaps(computed):
            self.stats["verified"] += 1
            return None
        if points and q.kind == "percent" and signed.overlaps(result - base):
            self.stats["verified"] += 1
            return self.finding(
                transcript,
                change.line,
                f"'{_quote(change)}' is the change in percentage points ({_value(claim.result)} - "
                f"{_value(claim.base)}), not a percent change ({how} = {fmt(computed.mid, Decimal('0.1'))}%).",
                _evidence(change),
                severity=Severity.INFO,
                confidence=0.6,
                suggestion=f"{fmt(abs(signed.mid), _pct_step(change))} percentage points",
            )
        self.stats["contradicted"] += 1
        return self._report(transcript, claim, computed, how)

    def _report(self, transcript: Transcript, claim: ChangeClaim, computed: Interval, how: str) -> Finding:
        change = claim.change
        assert change is not None
        q = change.quantity
        step = _pct_step(change)
        unit = {"points": " percentage points", "bps": " basis points", "multiple": "x"}.get(q.kind, "%")
        mid = computed.mid
        sign_word = "an increase" if mid > 0 else "a decrease"
        shown = fmt(abs(mid), step) + unit
        target = computed.scale(1 if claim.direction >= 0 else -1)
        candidates = [(value, why) for value, why in misreadings(q) if target.contains(value)]
        suggestion = f"{shown} ({sign_word})"
        if candidates:
            value, why = candidates[0]
            suggestion = f"{fmt(value, step)}{unit} (the printed {_quote(change)} looks like {why}; computed {shown})"
        direction_wrong = claim.direction != 0 and (mid > 0) != (claim.direction > 0) and abs(mid) > step
        distance = abs(abs(mid) - abs(Interval.of(q).mid))
        far = direction_wrong or distance > max(Decimal(1), abs(mid) / 10)
        message = (
            f"'{_quote(change)}' does not follow from the figures it links: {how} = "
            f"{'+' if mid > 0 else '-'}{shown} ({_range(computed, step, unit)} within rounding)."
        )
        return self.finding(
            transcript,
            change.line,
            message,
            _evidence(change),
            severity=Severity.ERROR if far else Severity.WARNING,
            confidence=0.9 if far else 0.7,
            suggestion=suggestion,
        )

    def _verify_word(self, transcript: Transcript, claim: ChangeClaim, base: Interval, result: Interval) -> Finding | None:
        assert claim.word is not None
        m = multiplier(claim.word)
        ratio = result / base
        if ratio.overlaps(Interval(m * Decimal("0.9"), m * Decimal("1.1"))):
            self.stats["verified"] += 1
            return None
        self.stats["contradicted"] += 1
        return self.finding(
            transcript,
            claim.result.line,
            f"'{claim.word}' does not fit its figures: {_value(claim.result)} / {_value(claim.base)} = "
            f"{fmt(ratio.mid, Decimal('0.01'))}x, not about {fmt(m, Decimal('0.1'))}x.",
            _evidence(claim.result),
            confidence=0.7,
            suggestion=f"{fmt(ratio.mid, Decimal('0.1'))}x",
        )


# --- parts and totals ---------------------------------------------------------------------------


class PartExceedsTotal(Check):
    """A part larger than its total, or a complete breakdown that does not sum to its total.

    Anti-pattern: "Research and development expenses were US$310.2 million" after "Total operating
    expenses were US$98.7 million"; or "Of this revenue, A contributed 150.1 and B the remaining
    79.3" when revenue was 249.2.

    Best practice: a part never exceeds its total (R&D, sales and marketing and G&A within operating
    expenses; a segment's revenue within total revenue, same period, same adjusted basis), and a
    list presented as complete ("the remaining", "consists of") sums to the total within rounding.
    A list not presented as complete is only held to part <= total.
    """

    id = "figures.parts_total"
    title = "Part exceeds its total or parts do not sum to it"
    severity = Severity.ERROR
    weight = 1.3
    groups = _GROUPS

    def run(self, transcript: Transcript) -> Iterator[Finding]:
        model = build_model(transcript)
        reported: set[tuple[int, int]] = set()
        for finding, key in self._hierarchy(transcript, model):
            reported.add(key)
            yield finding
        yield from self._breakdowns(transcript, model, reported)

    def _totals_of(self, model: FigureModel, f: Figure) -> list[Figure]:
        if f.key is None:
            return []
        metric, segment, adjusted = f.key
        definition = model.metric(metric)
        if segment is not None and definition.segmentable:
            return model.levels((metric, None, adjusted), f.period)
        if definition.parent:
            return model.levels((definition.parent, None, adjusted), f.period)
        return []

    def _hierarchy(self, transcript: Transcript, model: FigureModel) -> Iterator[tuple[Finding, tuple[int, int]]]:
        for f in model.figures:
            if not f.linked or f.period not in ("current", "prior_year", "prior_quarter"):
                continue
            totals = [t for t in self._totals_of(model, f) if t.quantity.unit == f.quantity.unit]
            if not totals:
                continue
            part = Interval.of(f.quantity)
            if any(part.lo <= Interval.of(t.quantity).hi for t in totals):
                self.stats["verified"] += 1
                continue
            self.stats["contradicted"] += 1
            total = totals[0]
            part_name = _name(f, "the part")
            total_name = _name(total, "the total")
            yield (
                self.finding(
                    transcript,
                    f.line,
                    f"{part_name[0].upper() + part_name[1:]} of {_value(f)} is larger than {total_name} of "
                    f"{_value(total)} (line {total.line}), of which it is a part.",
                    _evidence(f),
                    confidence=0.9,
                    suggestion=f"check both figures: a part cannot exceed its total ({_value(f)} > {_value(total)})",
                    related=_related([total], f.line) or [(total.line, _evidence(total))],
                ),
                (f.line, f.quantity.start),
            )

    def _breakdowns(self, transcript: Transcript, model: FigureModel, reported: set[tuple[int, int]]) -> Iterator[Finding]:
        for b in breakdowns(model.figures, model.lexicon):
            total = Interval.of(b.total.quantity)
            over = [p for p in b.parts if Interval.of(p.quantity).lo > total.hi]
            for p in over:
                if (p.line, p.quantity.start) in reported:
                    continue
                self.stats["contradicted"] += 1
                yield self.finding(
                    transcript,
                    p.line,
                    f"{_value(p)} is presented as part of {_value(b.total)} (line {b.total.line}) but is larger.",
                    _evidence(p),
                    confidence=0.85,
                    related=[(b.total.line, _evidence(b.total))],
                )
            if over:
                continue
            if not b.complete or len(b.parts) < 2:
                self.stats["verified"] += 1
                continue
            parts_sum = Interval.exact(0)
            for p in b.parts:
                parts_sum = parts_sum + Interval.of(p.quantity)
            if parts_sum.overlaps(total):
                self.stats["verified"] += 1
                continue
            self.stats["contradicted"] += 1
            yield self._sum_finding(transcript, b.total, b.parts, parts_sum)

    def _sum_finding(self, transcript: Transcript, total: Figure, parts: Sequence[Figure], parts_sum: Interval) -> Finding:
        shown = " + ".join(_value(p) for p in parts)
        last = parts[-1]
        others = Interval.exact(0)
        for p in parts[:-1]:
            others = others + Interval.of(p.quantity)
        remainder = Interval.of(total.quantity) - others
        return self.finding(
            transcript,
            last.line,
            f"The parts presented as the whole of {_value(total)} (line {total.line}) sum to "
            f"{fmt_money(last.quantity, parts_sum.mid)}: {shown}.",
            _evidence(last),
            confidence=0.85,
            suggestion=f"the last part would be {fmt_money(last.quantity, remainder.mid)} "
            f"({_value(total)} minus the other parts), or the total is misstated",
            related=[(total.line, _evidence(total))],
        )


# --- ratios ---------------------------------------------------------------------------------------


class RatioMismatch(Check):
    """A margin or share that does not match its own numerator and denominator.

    Anti-pattern: "Adjusted EBITDA was US$45.3 million, and adjusted EBITDA margin was 21.5%" when
    revenue was US$249.2 million (45.3 / 249.2 = 18.2%).

    Best practice: gross margin = gross profit / revenue, EBITDA margin = EBITDA / revenue, and
    "accounting for 45% of public cloud revenue" = part / that revenue, for the same period and the
    same adjusted basis, within rounding. Ratios whose parts are not stated are left unchecked.
    """

    id = "figures.ratio"
    title = "Margin or share does not match its figures"
    severity = Severity.WARNING
    weight = 1.2
    groups = _GROUPS

    def run(self, transcript: Transcript) -> Iterator[Finding]:
        model = build_model(transcript)
        for f in model.figures:
            if f.role != "level" or not f.linked or f.key is None or f.quantity.kind != "percent":
                continue
            finding = self._margin(transcript, model, f)
            if finding is not None:
                yield finding
        for claim in share_claims(model.figures):
            wholes = model.levels(claim.whole.key, claim.part.period)
            finding = self._compare(transcript, claim.share, [claim.part], wholes, "share")
            if finding is not None:
                yield finding

    def _margin(self, transcript: Transcript, model: FigureModel, f: Figure) -> Finding | None:
        assert f.key is not None
        metric, segment, adjusted = f.key
        definition = model.metric(metric)
        if not definition.numerator or not definition.denominator:
            return None
        numerators = model.levels((definition.numerator, segment, adjusted), f.period)
        denominators = model.levels((definition.denominator, segment, False), f.period)
        return self._compare(transcript, f, numerators, denominators, definition.name)

    def _compare(
        self, transcript: Transcript, f: Figure, numerators: list[Figure], denominators: list[Figure], what: str
    ) -> Finding | None:
        pairs = [
            (n, d) for n in numerators for d in denominators
            if n.quantity.unit == d.quantity.unit and Interval.of(d.quantity).lo > 0
        ]
        if not pairs:
            self.stats["unchecked"] += 1
            return None
        claimed = Interval.of(f.quantity)
        results = [((Interval.of(n.quantity) / Interval.of(d.quantity)).scale(HUNDRED), n, d) for n, d in pairs]
        if any(claimed.overlaps(r) for r, _, _ in results):
            self.stats["verified"] += 1
            return None
        self.stats["contradicted"] += 1
        computed, n, d = results[0]
        step = _pct_step(f)
        far = computed.distance(claimed) > max(Decimal(1), computed.mid / 10)
        return self.finding(
            transcript,
            f.line,
            f"The {what} of {_quote(f)} does not match its figures: {_value(n)} / {_value(d)} = "
            f"{fmt(computed.mid, step / 10)}% ({_range(computed, step)} within rounding).",
            _evidence(f),
            severity=Severity.WARNING,
            confidence=0.85 if far else 0.65,
            suggestion=f"{fmt(computed.mid, step)}%",
            related=_related([n, d], f.line),
        )


# --- restatements -----------------------------------------------------------------------------------


def _truncation(a: Figure, b: Figure) -> bool:
    """Whether the less precise of two figures is the more precise one cut short (728.7 -> 728)."""
    coarse, fine = (a, b) if a.quantity.step >= b.quantity.step else (b, a)
    step = coarse.quantity.step
    if step <= 0:
        return False
    cut = (fine.quantity.value / step).to_integral_value(rounding="ROUND_DOWN") * step
    return cut == coarse.quantity.value


class Restatement(Check):
    """The same metric for the same period stated twice with values that cannot both be right.

    Anti-pattern: "Revenue reached US$249.2 million" in the CEO's remarks and "total revenue was
    US$294.2 million for the quarter" in the CFO's: one of them has transposed digits.

    Best practice: a metric stated twice for one period agrees within rounding ("RMB2.35 billion"
    and "RMB2,349.2 million"; "24%" and "24.2%"; a figure cut short, 728 for 728.7, is accepted).
    Only figures whose metric phrase directly governs them are compared, never across metrics,
    segments, adjusted/unadjusted bases or periods.
    """

    id = "figures.restatement"
    title = "Same figure stated two ways"
    severity = Severity.WARNING
    weight = 1.1
    groups = _GROUPS

    def run(self, transcript: Transcript) -> Iterator[Finding]:
        model = build_model(transcript)
        groups: dict[tuple, list[Figure]] = {}
        for f in model.figures:
            if f.key is None or f.period not in ("current", "prior_year", "prior_quarter"):
                continue
            if f.role == "level" and f.linked:
                groups.setdefault(("level", f.key, f.period, f.quantity.kind, f.quantity.unit), []).append(f)
            elif f.role == "change" and f.direction and f.comparison and f.period == "current" and f.quantity.kind == "percent":
                groups.setdefault(("change", f.key, f.comparison, f.direction), []).append(f)
        for key in sorted(groups, key=lambda k: (groups[k][0].line, groups[k][0].quantity.start)):
            yield from self._compare(transcript, groups[key])

    def _compare(self, transcript: Transcript, figs: list[Figure]) -> Iterator[Finding]:
        accepted: list[Figure] = []
        for f in figs:
            others = [a for a in accepted if (a.paragraph.index, a.sentence.start) != (f.paragraph.index, f.sentence.start)]
            if not accepted:
                accepted.append(f)
                continue
            if not others or any(f.quantity.same_value(a.quantity) or _truncation(f, a) for a in others):
                self.stats["verified"] += bool(others)
                accepted.append(f)
                continue
            self.stats["contradicted"] += 1
            anchor = others[0]
            yield self._report(transcript, f, anchor)

    def _report(self, transcript: Transcript, f: Figure, anchor: Figure) -> Finding:
        swapped = [why for value, why in misreadings(f.quantity) if value == anchor.quantity.value]
        swapped += [why for value, why in misreadings(anchor.quantity) if value == f.quantity.value]
        name = _name(f, "the figure")
        note = f" ({swapped[0]})" if swapped else ""
        what = "growth rate" if f.role == "change" else "value"
        return self.finding(
            transcript,
            f.line,
            f"The {what} of {name} is {_quote(f)} here but {_quote(anchor)} on line {anchor.line}, "
            f"for the same period{note}.",
            _evidence(f),
            confidence=0.85 if swapped else 0.7,
            suggestion=f"use one value for both lines; line {anchor.line} says {_quote(anchor)}",
            related=[(anchor.line, _evidence(anchor))],
        )


# --- mis-heard values -------------------------------------------------------------------------------

_PERIOD_NAMES = {"current": "this quarter", "prior_year": "a year earlier", "prior_quarter": "last quarter"}


class MisheardFigure(Check):
    """A value far out of line with the same metric in other periods, explained by a mis-hearing.

    Anti-pattern: "gross margin was 14.9% this quarter, compared with 70% in the second quarter of
    2024 and 16.6% last quarter": "seventeen" heard as "seventy". Other confusions: fourteen/forty,
    a dropped decimal point, transposed digits.

    Best practice: when one value of a series (three or more periods of one ratio in one sentence)
    is far from the others and a known speech-recognition confusion brings it back in line, the
    corrected value is suggested; when the transcript's own figures imply that period's value
    (profit and revenue growth imply last year's margin), the arithmetic is shown. A value that no
    known confusion explains is left alone: it may be genuinely different.
    """

    id = "figures.misheard"
    title = "Figure out of line with its series (likely mis-heard)"
    severity = Severity.WARNING
    weight = 1.2
    groups = _GROUPS

    def run(self, transcript: Transcript) -> Iterator[Finding]:
        model = build_model(transcript)
        for s in series(model.figures):
            finding = self._series(transcript, model, list(s.figures))
            if finding is not None:
                yield finding

    def _series(self, transcript: Transcript, model: FigureModel, figs: list[Figure]) -> Finding | None:
        for o in figs:
            others = [f for f in figs if f is not o]
            values = sorted(f.quantity.value for f in others)
            low, high = values[0], values[-1]
            median = values[len(values) // 2] if len(values) % 2 else (values[len(values) // 2 - 1] + values[len(values) // 2]) / 2
            if median <= 0 or high - low > max(Decimal(5), median * Decimal("0.3")):
                continue
            v = o.quantity.value
            if not (abs(v - median) > 10 and (v > median * Decimal("2.5") or v < median * Decimal("0.4"))):
                continue
            tolerance = max(Decimal(3), median * Decimal("0.2"))
            fits = [(value, why) for value, why in misreadings(o.quantity) if low - tolerance <= value <= high + tolerance]
            if not fits:
                self.stats["unchecked"] += 1
                return None
            self.stats["contradicted"] += 1
            return self._report(transcript, model, o, others, fits[0])
        self.stats["verified"] += 1
        return None

    def _report(
        self, transcript: Transcript, model: FigureModel, o: Figure, others: list[Figure], fit: tuple[Decimal, str]
    ) -> Finding:
        value, why = fit
        name = _name(o, "the ratio")
        context = " and ".join(f"{_quote(f)} {_PERIOD_NAMES.get(f.period, f.period)}" for f in others)
        implied = self._implied(model, o)
        message = (
            f"{name[0].upper() + name[1:]} of {_quote(o)} {_PERIOD_NAMES.get(o.period, o.period)} is out of line with "
            f"{context}; {why} would give {fmt(value, o.quantity.step)}%."
        )
        confidence, severity, related = 0.75, Severity.WARNING, _related(others, o.line)
        if implied is not None:
            iv, how, sources = implied
            message += f" The transcript's own figures imply {fmt(iv.mid, Decimal('0.1'))}% ({how})."
            related += _related(sources, o.line)
            if iv.distance(Interval.exact(value)) <= 1:
                confidence, severity = 0.95, Severity.ERROR
        step = o.quantity.step
        suggestion = f"about {fmt(value, step)}%" if implied is None else f"about {fmt(value, step)}% (implied {fmt(implied[0].mid, Decimal('0.1'))}%)"
        return self.finding(
            transcript, o.line, message, _evidence(o), severity=severity, confidence=confidence,
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
        how = f"{_value(n)} / (1 {'+' if gn.direction > 0 else '-'} {_quote(gn)}) ÷ {_value(d)} / (1 {'+' if gd.direction > 0 else '-'} {_quote(gd)})"
        return ratio, how, [n, gn, d, gd]


CHECKS = (
    ChangeClaimMismatch,
    PartExceedsTotal,
    RatioMismatch,
    Restatement,
    MisheardFigure,
)
