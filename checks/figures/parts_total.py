"""figures.parts_total: a part larger than its total, or a complete breakdown that does not sum to it."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from auditor.check import TranscriptCheck
from auditor.figures import Figure, FigureModel, Interval, breakdowns, build_model, fmt_money
from auditor.figures.parts import PartLink, is_adjustment, part_links
from auditor.findings import Finding, Severity
from auditor.model import Transcript
from auditor.textutil import snippet

from ._common import GROUPS, evidence_of, metric_name, printed, related_lines


class PartExceedsTotal(TranscriptCheck):
    """A part larger than its total, or a complete breakdown that does not sum to its total.

    Anti-pattern: "Research and development expenses were US$310.2 million" after "Total operating
    expenses were US$98.7 million"; or "Of this revenue, A contributed 150.1 and B the remaining
    79.3" when revenue was 249.2.

    Best practice: a part never exceeds its total (R&D, sales and marketing and G&A within operating
    expenses; a named business line's revenue within the company's stated total revenue, same
    period, same adjusted basis), and a list presented as complete ("the remaining", "consists of")
    sums to the total within rounding. A list not presented as complete is only held to part <=
    total. Not parts: a forecast against a quarter, an amount spent or returned against the cash that
    paid for it, a business line's figure against another metric's total, an amount of another
    metric listed after the total. An error only when the lexicon makes it a part and one speaker
    states both; otherwise a warning.
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
        for finding, key in self._breakdowns(transcript, model, reported):
            reported.add(key)
            yield finding
        yield from self._linked(transcript, reported)

    def _totals_of(self, model: FigureModel, f: Figure) -> tuple[list[Figure], bool]:
        """The totals `f` is a part of, and whether the relation is the lexicon's own (an expense
        line within operating expenses) rather than a business line within the company."""
        if f.key is None or f.mention is None:
            return [], False
        metric, segment, adjusted = f.key
        definition = model.metric(metric)
        if segment is not None and definition.segmentable:
            if segment.startswith("?"):
                return [], False  # a business line the text does not name
            # a business line within the company's own total, stated as the company's ("total revenue")
            totals = [t for t in model.levels_like(f, (metric, None, adjusted)) if t.mention is not None and t.mention.company]
            return totals, False
        if definition.parent:
            return model.levels_like(f, (definition.parent, segment, adjusted)), True
        return [], False

    def _hierarchy(self, transcript: Transcript, model: FigureModel) -> Iterator[tuple[Finding, tuple[int, int]]]:
        for f in model.figures:
            if f.role != "level" or not f.linked or f.approximate:
                continue
            totals, own = self._totals_of(model, f)
            totals = [t for t in totals if t.quantity.unit == f.quantity.unit and not t.approximate]
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
            # proven when the lexicon makes it a part and one speaker states both in one stretch of remarks
            proven = own and total.paragraph.turn == f.paragraph.turn
            yield (
                self.finding(
                    transcript,
                    f.line,
                    f"{part_name[0].upper() + part_name[1:]} of {printed(f)} is larger than {total_name} of "
                    f"{printed(total)} (line {total.line}), of which it is a part.",
                    evidence_of(f),
                    severity=Severity.ERROR if proven else Severity.WARNING,
                    confidence=0.9 if proven else 0.7,
                    suggestion=f"check both figures: a part cannot exceed its total ({printed(f)} > {printed(total)})",
                    related=related_lines([total], f.line) or [(total.line, evidence_of(total))],
                ),
                (f.line, f.quantity.start),
            )

    def _linked(self, transcript: Transcript, reported: set[tuple[int, int]]) -> Iterator[Finding]:
        """Parts the grammar ties to a whole ("$35 million, including $226 million of cash")."""
        for link in part_links(transcript):
            key = (link.paragraph.line, link.part.start)
            if key in reported:
                continue
            if not link.exceeds:
                self.stats["verified"] += 1
                continue
            reported.add(key)
            self.stats["contradicted"] += 1
            yield self._link_finding(transcript, link)

    def _link_finding(self, transcript: Transcript, link: PartLink) -> Finding:
        part, whole = link.part.text.strip(), link.whole.text.strip()
        evidence = snippet(link.paragraph.text, link.part.start, link.part.end, 90)
        related: list[tuple[int, str]] = []
        if link.whole_paragraph.line != link.paragraph.line:
            related = [(link.whole_paragraph.line, snippet(link.whole_paragraph.text, link.whole.start, link.whole.end, 90))]
        how = "out of" if link.form == "count of" else f'"{link.form}"'
        return self.finding(
            transcript,
            link.paragraph.line,
            f"{part} is stated as part of {whole} ({how}) but is larger than it.",
            evidence,
            severity=Severity.ERROR if link.proven else Severity.WARNING,
            confidence=0.85 if link.proven else 0.65,
            suggestion=f"check both figures: a part cannot exceed its whole ({part} > {whole}); "
            "a digit, decimal point or scale word may be mis-transcribed",
            related=related,
        )

    def _breakdowns(
        self, transcript: Transcript, model: FigureModel, reported: set[tuple[int, int]]
    ) -> Iterator[tuple[Finding, tuple[int, int]]]:
        for b in breakdowns(model.figures, model.lexicon):
            total = Interval.of(b.total.quantity)
            over = [p for p in b.parts if Interval.of(p.quantity).lo > total.hi]
            if any(p.paragraph is b.total.paragraph and is_adjustment(p.paragraph, b.total.quantity, p.quantity, transcript.words) for p in over):
                self.stats["verified"] += 1
                continue  # "operating profit of $90 million, including a $140 million charge"
            for p in over:
                if (p.line, p.quantity.start) in reported:
                    continue
                self.stats["contradicted"] += 1
                yield (
                    self.finding(
                        transcript,
                        p.line,
                        f"{printed(p)} is presented as part of {printed(b.total)} (line {b.total.line}) but is larger.",
                        evidence_of(p),
                        confidence=0.85,
                        related=[(b.total.line, evidence_of(b.total))],
                    ),
                    (p.line, p.quantity.start),
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
            last = b.parts[-1]
            yield self._sum_finding(transcript, b.total, b.parts, parts_sum), (last.line, last.quantity.start)

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
