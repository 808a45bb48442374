"""translation.opposite: a word rendered by its opposite (profit as 虧損, left as 右)."""

from __future__ import annotations

from collections.abc import Iterator

from auditor.bilingual import negations
from auditor.check import PairCheck
from auditor.findings import Finding, Severity
from auditor.model import Transcript
from auditor.opposites import swapped_poles
from auditor.pairs import Pair
from auditor.textutil import quote

from ._common import GROUPS


class OppositeWord(PairCheck):
    """A word of the English rendered by its opposite in the translation.

    Anti-pattern: "operating profit rose" rendered 經營虧損增加 (operating loss rose), "the plant
    on the left" rendered 右邊的工廠, "prices were higher" rendered 價格更低. Every figure and name
    survives, so no figure check sees it, and the reader is told the reverse.

    Best practice: each word of a curated bilingual table of opposites (increase/減少, high/低,
    profit/虧損, before/之後, include/排除, left/右 ... `auditor/data/opposites.toml`) keeps its pole.
    Clauses are compared where they align, else sentences, else the line; a unit is reported only
    when the English uses one pole alone, the translation the other alone, and neither side holds a
    negation ("not higher" may well be 更低). One-character Chinese poles (高, 低, 左, 右) are read
    on segmented words, so 高興 is not "high".
    """

    id = "translation.opposite"
    title = "Word rendered by its opposite in translation"
    severity = Severity.WARNING
    weight = 1.2
    groups = GROUPS

    def check_pair(self, pair: Pair, transcript: Transcript) -> Iterator[Finding]:
        words = transcript.words
        for en, zh in pair.units:
            swaps = swapped_poles(en, zh, words)
            if not swaps:
                continue
            if negations(en, "en", words).any or negations(zh, "zh", words).any:
                self.stats["unchecked"] += 1
                continue
            self.stats["contradicted"] += 1
            swap = swaps[0]
            en_words = ", ".join(f"'{m.word}'" for m in swap.english)
            zh_words = ", ".join(f"'{m.word}'" for m in swap.chinese)
            yield self.finding(
                transcript,
                pair.line,
                f"The English says {en_words} but the translation says {zh_words}, its opposite ({swap.pair}).",
                f"EN: {quote(en, 180)} | ZH: {quote(zh, 120)}",
                end_line=pair.translation_line,
                confidence=0.65,
                suggestion=f"render {en_words} with the same pole ({swap.pair})",
                related=[(pair.line, pair.en)],
            )
            return
