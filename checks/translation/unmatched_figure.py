"""translation.unmatched_figure: a figure on one side with no same-value figure on the other."""

from __future__ import annotations

from collections.abc import Iterator

from auditor.check import PairCheck
from auditor.findings import Finding, Severity
from auditor.model import Transcript
from auditor.pairs import Pair

from ._common import GROUPS, evidence


class UnmatchedFigure(PairCheck):
    """A figure on one side of a pair with no counterpart of the same value on the other.

    Anti-pattern: "two of our three plants run at full capacity" rendered 我們的工廠滿負荷運轉 (the
    two and the three are gone), or 第五家門店 for "the new store" (a figure the speaker never said).
    The translation checks that compare amounts by value see only printed amounts; a count in
    words, an ordinal, a fraction or a decade that is dropped or added passes them.

    Best practice: every figure of the English (digits, number words, ordinals, fractions, "one in
    five", decades, months, years) appears in the translation with the same value, and the
    translation adds none: 2 = 兩 = two, 三分之一 = a third = 33%, 2.5 million = 250萬, "more than
    100" = 100多. Codes and model numbers (N95, D28, Q4 as a label) are not figures, nor are vague
    amounts (hundreds of, 數百), and "one"/一 is left out: it is an article as often as a count.
    """

    id = "translation.unmatched_figure"
    title = "Figure omitted or added in translation"
    severity = Severity.WARNING
    weight = 1.2
    groups = GROUPS

    def check_pair(self, pair: Pair, transcript: Transcript) -> Iterator[Finding]:
        en_only, zh_only = pair.unaccounted_figures(transcript.words)
        figures = pair.figures
        # one printed amount left over on each side is a changed value: translation.number reports it
        if len(figures.english_only) == 1 and len(figures.chinese_only) == 1:
            return
        if not en_only and not zh_only:
            en, zh = pair.all_figures(transcript.words)
            self.stats["verified" if en or zh else "unchecked"] += 1
            return
        self.stats["contradicted"] += 1
        parts = []
        if en_only:
            listed = ", ".join(f"'{f.text}' ({f.describe()})" for f in en_only)
            parts.append(f"The English figure(s) {listed} have no counterpart in the translation")
        if zh_only:
            listed = ", ".join(f"'{f.text}' ({f.describe()})" for f in zh_only)
            parts.append(f"{'the' if parts else 'The'} translation adds {listed}, which the English does not say")
        first_en, first_zh = (en_only[0] if en_only else None), (zh_only[0] if zh_only else None)
        yield self.finding(
            transcript,
            pair.line,
            "; ".join(parts) + ".",
            evidence(pair, (first_en.start, first_en.end) if first_en else None,
                     (first_zh.start, first_zh.end) if first_zh else None),
            end_line=pair.translation_line,
            confidence=0.6,
            suggestion="render " + ", ".join(f.describe() for f in en_only) if en_only
            else "remove " + ", ".join(f.text for f in zh_only) + " or check the English",
            related=[(pair.line, pair.en)],
        )
