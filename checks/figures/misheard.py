"""figures.misheard: a value far out of line with its series that a known mis-hearing explains."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from auditor.check import TranscriptCheck
from auditor.figures import HUNDRED, Figure, FigureModel, Interval, build_model, fmt, misreadings, series
from auditor.findings import Finding, Severity
from auditor.model import Transcript

from ._common import GROUPS, evidence_of, metric_name, printed, quoted, related_lines


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
    """

    id = "figures.misheard"
    title = "Figure out of line with its series (likely mis-heard)"
    severity = Severity.WARNING
    weight = 1.2
    groups = GROUPS

    def check_transcript(self, transcript: Transcript) -> Iterator[Finding]:
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
            fits = [(value, why) for value, why in misreadings(o.quantity, model.lexicon) if low - tolerance <= value <= high + tolerance]
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
        name = metric_name(o, "the ratio")
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
