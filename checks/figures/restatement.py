"""figures.restatement: the same metric for the same period stated twice with values that cannot both be right."""

from __future__ import annotations

from collections.abc import Iterator

from auditor.check import TranscriptCheck
from auditor.figures import Figure, Lexicon, build_model, misreadings
from auditor.findings import Finding, Severity
from auditor.model import Transcript

from ._common import GROUPS, evidence_of, metric_name, quoted


def _truncation(a: Figure, b: Figure) -> bool:
    """Whether the less precise of two figures is the more precise one cut short (728.7 -> 728)."""
    coarse, fine = (a, b) if a.quantity.step >= b.quantity.step else (b, a)
    step = coarse.quantity.step
    if step <= 0:
        return False
    cut = (fine.quantity.value / step).to_integral_value(rounding="ROUND_DOWN") * step
    return cut == coarse.quantity.value


class Restatement(TranscriptCheck):
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
    groups = GROUPS

    def check_transcript(self, transcript: Transcript) -> Iterator[Finding]:
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
            yield from self._compare(transcript, groups[key], model.lexicon)

    def _compare(self, transcript: Transcript, figs: list[Figure], lex: Lexicon) -> Iterator[Finding]:
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
            yield self._report(transcript, f, anchor, lex)

    def _report(self, transcript: Transcript, f: Figure, anchor: Figure, lex: Lexicon) -> Finding:
        swapped = [why for value, why in misreadings(f.quantity, lex) if value == anchor.quantity.value]
        swapped += [why for value, why in misreadings(anchor.quantity, lex) if value == f.quantity.value]
        name = metric_name(f, "the figure")
        note = f" ({swapped[0]})" if swapped else ""
        what = "growth rate" if f.role == "change" else "value"
        return self.finding(
            transcript,
            f.line,
            f"The {what} of {name} is {quoted(f)} here but {quoted(anchor)} on line {anchor.line}, "
            f"for the same period{note}.",
            evidence_of(f),
            confidence=0.85 if swapped else 0.7,
            suggestion=f"use one value for both lines; line {anchor.line} says {quoted(anchor)}",
            related=[(anchor.line, evidence_of(anchor))],
        )
