"""figures.parts_total: a part larger than its total, or a complete breakdown that does not sum to it."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from auditor.check import TranscriptCheck
from auditor.figures import Figure, FigureModel, Interval, breakdowns, build_model, fmt_money
from auditor.findings import Finding, Severity
from auditor.model import Transcript

from ._common import GROUPS, evidence_of, metric_name, printed, related_lines


class PartExceedsTotal(TranscriptCheck):
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
    groups = GROUPS

    def check_transcript(self, transcript: Transcript) -> Iterator[Finding]:
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
            part_name = metric_name(f, "the part")
            total_name = metric_name(total, "the total")
            yield (
                self.finding(
                    transcript,
                    f.line,
                    f"{part_name[0].upper() + part_name[1:]} of {printed(f)} is larger than {total_name} of "
                    f"{printed(total)} (line {total.line}), of which it is a part.",
                    evidence_of(f),
                    confidence=0.9,
                    suggestion=f"check both figures: a part cannot exceed its total ({printed(f)} > {printed(total)})",
                    related=related_lines([total], f.line) or [(total.line, evidence_of(total))],
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
                    f"{printed(p)} is presented as part of {printed(b.total)} (line {b.total.line}) but is larger.",
                    evidence_of(p),
                    confidence=0.85,
                    related=[(b.total.line, evidence_of(b.total))],
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
        shown = " + ".join(printed(p) for p in parts)
        last = parts[-1]
        others = Interval.exact(0)
        for p in parts[:-1]:
            others = others + Interval.of(p.quantity)
        remainder = Interval.of(total.quantity) - others
        return self.finding(
            transcript,
            last.line,
            f"The parts presented as the whole of {printed(total)} (line {total.line}) sum to "
            f"{fmt_money(last.quantity, parts_sum.mid, transcript.words)}: {shown}.",
            evidence_of(last),
            confidence=0.85,
            suggestion=f"the last part would be {fmt_money(last.quantity, remainder.mid, transcript.words)} "
            f"({printed(total)} minus the other parts), or the total is misstated",
            related=[(total.line, evidence_of(total))],
        )
