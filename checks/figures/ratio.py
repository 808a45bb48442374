"""figures.ratio: a margin or share that does not match its own numerator and denominator."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from auditor.check import TranscriptCheck
from auditor.figures import (
    HUNDRED,
    Figure,
    FigureModel,
    Interval,
    build_model,
    fmt,
    load_lexicon,
    misreadings,
    share_claims,
)
from auditor.findings import Finding, Severity
from auditor.model import Transcript

from ._common import GROUPS, evidence_of, pct_step, printed, quoted, related_lines, value_range


def _same_clause(part: Figure, share: Figure) -> bool:
    """'RMB728 million, accounting for 31% of ...': the part is the amount just before the share,
    of the same period, in one sentence with no other figure between them."""
    if (part.paragraph.index, part.sentence.start) != (share.paragraph.index, share.sentence.start):
        return False
    return part.period == share.period or share.period in ("implicit", "unknown")


class RatioMismatch(TranscriptCheck):
    """A margin or share that does not match its own numerator and denominator.

    Anti-pattern: "Adjusted EBITDA was US$45.3 million, and adjusted EBITDA margin was 21.5%" when
    revenue was US$249.2 million (45.3 / 249.2 = 18.2%).

    Best practice: gross margin = gross profit / revenue, EBITDA margin = EBITDA / revenue, and
    "accounting for 45% of public cloud revenue" = part / that revenue, for the same period, business
    line and adjusted basis, within rounding. The profit or the part must be stated in the same
    sentence as the ratio (a level, never a change or a prior period's figure); "% of segment
    revenue" is a share of that segment's revenue, not of the company's. Ratios whose parts are not
    stated are left unchecked.
    """

    id = "figures.ratio"
    title = "Margin or share does not match its figures"
    severity = Severity.WARNING
    weight = 1.2
    groups = GROUPS

    def check_transcript(self, transcript: Transcript) -> Iterator[Finding]:
        model = build_model(transcript)
        for f in model.figures:
            if f.role != "level" or not f.linked or f.key is None or f.quantity.kind != "percent":
                continue
            finding = self._margin(transcript, model, f)
            if finding is not None:
                yield finding
        for claim in share_claims(model.figures):
            if not _same_clause(claim.part, claim.share) or (claim.whole.segment or "").startswith("?"):
                self.stats["unchecked"] += 1
                continue
            wholes = [w for w in model.levels_like(claim.part, claim.whole.key) if w is not claim.part]
            finding = self._compare(transcript, claim.share, [claim.part], wholes, "share")
            if finding is not None:
                yield finding

    def _margin(self, transcript: Transcript, model: FigureModel, f: Figure) -> Finding | None:
        """A margin is held to its own profit, stated in the same sentence, over the revenue of the
        same business line and period (stated anywhere)."""
        assert f.key is not None
        metric, segment, adjusted = f.key
        definition = model.metric(metric)
        if not definition.numerator or not definition.denominator or (segment or "").startswith("?"):
            return None
        numerators = [
            n for n in model.levels_like(f, (definition.numerator, segment, adjusted))
            if (n.paragraph.index, n.sentence.start) == (f.paragraph.index, f.sentence.start)
        ]
        denominators = model.levels_like(f, (definition.denominator, segment, False))
        return self._compare(transcript, f, numerators, denominators, definition.name)

    def _compare(
        self, transcript: Transcript, f: Figure, numerators: list[Figure], denominators: list[Figure], what: str
    ) -> Finding | None:
        """Compare the stated ratio with part / whole. A whole stated far away (another paragraph)
        without saying it is the company's ("total revenue") may be a business line's: against such
        a whole only a difference a slip of the ratio explains is reported."""
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
        sure = [
            r for r in results
            if r[2].paragraph.index == f.paragraph.index
            or (r[2].mention is not None and (r[2].mention.company or r[2].mention.segment is not None))
        ]
        lex = load_lexicon(transcript.words)
        slipped = [
            (r, why, value) for r in results for value, why in misreadings(f.quantity, lex) if r[0].contains(value)
        ]
        scaled = [
            (r, n, d) for r, n, d in results for k in (Decimal(1000), Decimal("0.001")) if claimed.overlaps(r.scale(k))
        ]
        if scaled:
            # "261 million euros / 1,390,000 euros" against 18.8%: a scale word slipped (million heard as thousand)
            self.stats["contradicted"] += 1
            _, n, d = scaled[0]
            return self.finding(
                transcript,
                f.line,
                f"The {what} of {quoted(f)} matches {printed(n)} / {printed(d)} only if one of them has another "
                f"scale word (thousand/million/billion): as printed the ratio is off by a factor of 1,000.",
                evidence_of(f),
                severity=Severity.WARNING,
                confidence=0.7,
                suggestion=f"check the scale word of {printed(d)} and {printed(n)}",
                related=related_lines([n, d], f.line),
            )
        if not sure and not slipped:
            self.stats["unchecked"] += 1
            return None
        self.stats["contradicted"] += 1
        computed, n, d = slipped[0][0] if slipped else sure[0]
        step = pct_step(f)
        far = computed.distance(claimed) > max(Decimal(1), computed.mid / 10)
        point = n.quantity.value / d.quantity.value * HUNDRED
        note = f"; the printed {quoted(f)} looks like {slipped[0][1]}" if slipped else ""
        others = [
            (x, y) for _, x, y in results
            if x is n and not y.quantity.same_value(d.quantity) and y.paragraph.index != d.paragraph.index
        ][:1]
        for x, y in others:
            other = x.quantity.value / y.quantity.value * HUNDRED
            note += f"; with {printed(y)} (line {y.line}) it is {fmt(other, step / 10)}%"
        return self.finding(
            transcript,
            f.line,
            f"The {what} of {quoted(f)} does not match its figures: {printed(n)} / {printed(d)} = "
            f"{fmt(point, step / 10)}% ({value_range(computed, step)} within rounding){note}.",
            evidence_of(f),
            severity=Severity.WARNING,
            confidence=0.85 if far or slipped else 0.65,
            suggestion=f"{fmt(point, step)}%",
            related=related_lines([n, d] + [y for _, y in others], f.line),
        )
