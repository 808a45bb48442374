"""figures.change: a change rate that does not follow from its own base and result."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from auditor.check import TranscriptCheck
from auditor.figures import (
    ChangeClaim,
    Interval,
    Lexicon,
    build_model,
    change_claims,
    fmt,
    fmt_money,
    misreadings,
    percent_change,
    word_change_claims,
)
from auditor.figures.evidence import DeltaClaim, delta_claims
from auditor.findings import Finding, Severity
from auditor.model import Transcript

from ._common import GROUPS, evidence_of, pct_step, printed, quoted, value_range


class ChangeClaimMismatch(TranscriptCheck):
    """A change claim whose rate does not follow from its own figures ("up 57.3% from 20.1 to 26.4").

    Anti-pattern: "Operating income increased by 57.3% from US$20.1 million to US$26.4 million":
    26.4 / 20.1 - 1 is 31.3%, so either the rate or one of the amounts was mis-heard or mistyped.

    Best practice: a change rate matches its base and result within rounding. Each printed number
    stands for an interval (half a unit of its last digit either way; "over"/"about" widen it), the
    interval is carried through the division, and only a rate outside the result is flagged.
    Percentage points are computed as differences, percentages as ratios; "doubled" allows 10%.
    The claim's grammar: "by P from A to B", "B compared to A, an increase of P", "P to B, compared
    to A", "to B from A, or P", "B, a P increase from last year's sales of A", "P to B, and A in
    the prior quarter", "revenue growth of P", "from A to B, an increase of P" with two bare numbers
    (a unit the parser does not know, a count; never years); and an amount with its change and rate ("B, up D or
    P": P = D / (B - D)). No claim across metrics, on a range, or for a rate on another basis
    (organic, constant currency). An error when a slip explains the printed rate, its direction is
    wrong or it is far off; a near miss (unrounded figures may explain it) only at info.
    """

    id = "figures.change"
    title = "Change rate does not match its figures"
    severity = Severity.WARNING
    weight = 1.3
    groups = GROUPS

    def check_transcript(self, transcript: Transcript) -> Iterator[Finding]:
        model = build_model(transcript)
        claims, unchecked = change_claims(model.figures, model.lexicon)
        self.stats["unchecked"] += len(unchecked)
        words = word_change_claims(model.figures, model.lexicon)
        reported: set[int] = set()
        for claim in sorted(claims + words, key=lambda c: (c.line, c.result.quantity.start)):
            finding = self._verify(transcript, claim, model.lexicon)
            if finding is None:
                continue
            reported.add(id(claim.change))
            yield finding
        for delta in delta_claims(model.figures):
            if delta.rate is not None and id(delta.rate) in reported:
                continue
            finding = self._verify_delta(transcript, delta, model.lexicon)
            if finding is not None:
                yield finding

    def _verify_delta(self, transcript: Transcript, c: DeltaClaim, lex: Lexicon) -> Finding | None:
        """'US$946 million, up US$85 million or 9.9%': the rate is the change over the level before it
        (the level less the change); 'US$946 million, up US$85 million from US$861 million': the two
        levels differ by the change."""
        level, delta = Interval.of(c.level.quantity), Interval.of(c.delta.quantity).scale(c.direction)
        start = level - delta
        if c.base is not None:
            base = Interval.of(c.base.quantity)
            if base.overlaps(start):
                self.stats["verified"] += 1
                return None
            self.stats["contradicted"] += 1
            point = c.level.quantity.value - c.delta.quantity.value * c.direction
            return self.finding(
                transcript, c.delta.line,
                f"{printed(c.level)} {'up' if c.direction > 0 else 'down'} {printed(c.delta)} starts from "
                f"{fmt(point / c.base.quantity.scale, Decimal('0.1'))}, not {printed(c.base)}.",
                evidence_of(c.delta), severity=Severity.WARNING, confidence=0.7,
                suggestion=f"check {printed(c.level)}, {printed(c.delta)} and {printed(c.base)}: they cannot all be right",
            )
        assert c.rate is not None
        if start.lo <= 0:
            self.stats["unchecked"] += 1
            return None
        computed = (delta / start).scale(100)
        claimed = Interval.of(c.rate.quantity).scale(c.direction)
        if claimed.overlaps(computed):
            self.stats["verified"] += 1
            return None
        self.stats["contradicted"] += 1
        q = c.rate.quantity
        d = c.delta.quantity.value * c.direction
        point = d / (c.level.quantity.value - d) * 100
        step = pct_step(c.rate)
        rate = q.value / 100 * c.direction
        implied_level = d / rate + d if rate else None
        candidates = [(v, why) for v, why in misreadings(q, lex) if computed.contains(v * c.direction)]
        gap = claimed.distance(computed)
        near = not candidates and gap <= max(Decimal(1), abs(point) / 10)
        far = bool(candidates) or gap > max(Decimal(2), abs(point) / 4)
        also = ""
        if implied_level is not None:
            also = f"; with that rate the level would be {fmt_money(c.level.quantity, implied_level, transcript.words)}"
        suggestion = f"{fmt(abs(point), step)}%" + (f" ({candidates[0][1]})" if candidates else "")
        return self.finding(
            transcript, c.rate.line,
            f"'{quoted(c.rate)}' does not follow from {printed(c.level)} and its change of {printed(c.delta)}: "
            f"{printed(c.delta)} / ({printed(c.level)} {'-' if c.direction > 0 else '+'} {printed(c.delta)}) = "
            f"{fmt(point, step)}%{also}.",
            evidence_of(c.rate),
            severity=Severity.INFO if near else Severity.ERROR if far else Severity.WARNING,
            confidence=0.9 if far else 0.6 if near else 0.7,
            suggestion=suggestion,
        )

    def _verify(self, transcript: Transcript, claim: ChangeClaim, lex: Lexicon) -> Finding | None:
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
        b, r = claim.base.quantity.value, claim.result.quantity.value
        if q.kind in ("points", "bps"):
            computed = (result - base).scale(100 if q.kind == "bps" else 1)
            point = (r - b) * (100 if q.kind == "bps" else 1)
            how = f"{printed(claim.result)} - {printed(claim.base)}"
        elif q.kind == "multiple":
            ratio = result / base
            if claimed.overlaps(ratio) or claimed.overlaps(ratio.shift(-1)):
                self.stats["verified"] += 1
                return None
            computed, point, how = ratio, r / b, f"{printed(claim.result)} / {printed(claim.base)}"
        else:
            computed = percent_change(base, result)
            point = (r / b - 1) * 100
            how = f"{printed(claim.result)} / {printed(claim.base)} - 1"
        signed = claimed if claim.direction >= 0 else claimed.scale(-1)
        if claim.direction == 0:
            computed = Interval(min(abs(computed.lo), abs(computed.hi)), max(abs(computed.lo), abs(computed.hi)))
            point = abs(point)
        if signed.overlaps(computed):
            self.stats["verified"] += 1
            return None
        if points and q.kind == "percent" and signed.overlaps(result - base):
            self.stats["verified"] += 1
            return self.finding(
                transcript,
                change.line,
                f"'{quoted(change)}' is the change in percentage points ({printed(claim.result)} - "
                f"{printed(claim.base)}), not a percent change ({how} = {fmt(point, Decimal('0.1'))}%).",
                evidence_of(change),
                severity=Severity.INFO,
                confidence=0.6,
                suggestion=f"{fmt(abs(signed.mid), pct_step(change))} percentage points",
            )
        self.stats["contradicted"] += 1
        return self._report(transcript, claim, computed, point, how, lex)

    def _report(
        self, transcript: Transcript, claim: ChangeClaim, computed: Interval, point: Decimal, how: str, lex: Lexicon
    ) -> Finding:
        """The computed change (from the printed figures, not an interval's midpoint), and how sure:
        an error when a slip explains the printed rate, the direction is wrong or the rate is far off;
        a near miss (the company may have computed it from unrounded figures) only at info."""
        change = claim.change
        assert change is not None
        q = change.quantity
        step = pct_step(change)
        unit = lex.unit_word(q.kind)
        sign_word = "an increase" if point > 0 else "a decrease"
        shown = fmt(abs(point), step) + unit
        target = computed.scale(1 if claim.direction >= 0 else -1)
        candidates = [(value, why) for value, why in misreadings(q, lex) if target.contains(value)]
        suggestion = f"{shown} ({sign_word})"
        if candidates:
            value, why = candidates[0]
            suggestion = f"{fmt(value, step)}{unit} (the printed {quoted(change)} looks like {why}; computed {shown})"
        signed = Interval.of(q).scale(1 if claim.direction >= 0 else -1)
        direction_wrong = claim.direction != 0 and (point > 0) != (claim.direction > 0) and abs(point) > step
        gap = signed.distance(computed)
        near = not direction_wrong and not candidates and gap <= max(Decimal(1), abs(point) / 10)
        far = direction_wrong or bool(candidates) or gap > max(Decimal(2), abs(point) / 4)
        severity = Severity.INFO if near else Severity.ERROR if far else Severity.WARNING
        message = (
            f"'{quoted(change)}' does not follow from the figures it links: {how} = "
            f"{'+' if point > 0 else '-'}{shown} ({value_range(computed, step, unit)} within rounding)."
        )
        return self.finding(
            transcript,
            change.line,
            message,
            evidence_of(change),
            severity=severity,
            confidence=0.9 if far else 0.6 if near else 0.7,
            suggestion=suggestion,
        )

    def _verify_word(self, transcript: Transcript, claim: ChangeClaim, base: Interval, result: Interval) -> Finding | None:
        assert claim.word is not None and claim.factor is not None
        m = claim.factor
        ratio = result / base
        if ratio.overlaps(Interval(m * Decimal("0.9"), m * Decimal("1.1"))):
            self.stats["verified"] += 1
            return None
        self.stats["contradicted"] += 1
        return self.finding(
            transcript,
            claim.result.line,
            f"'{claim.word}' does not fit its figures: {printed(claim.result)} / {printed(claim.base)} = "
            f"{fmt(ratio.mid, Decimal('0.01'))}x, not about {fmt(m, Decimal('0.1'))}x.",
            evidence_of(claim.result),
            confidence=0.7,
            suggestion=f"{fmt(ratio.mid, Decimal('0.1'))}x",
        )
