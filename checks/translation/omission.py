"""translation.omission: a Chinese line much shorter than its English source."""

from __future__ import annotations

from collections.abc import Iterator

from auditor.check import PairCheck
from auditor.findings import Finding, Severity
from auditor.model import Transcript
from auditor.pairs import Pair

from ._common import GROUPS, evidence

#: Chinese characters (plus Latin tokens kept as-is) per English word in a complete en->zh rendering
#: is about 1.4-1.7; below this ratio a long line has lost most of its content.
OMISSION_RATIO = 0.5
OMISSION_MIN_WORDS = 20


class Omission(PairCheck):
    """A Chinese line much shorter than its English source: most of what was said is not translated.

    Anti-pattern: a 60-word analyst question with three parts rendered 謝謝。請問電池價格趨勢如何?
    (only the first part). Chinese readers never see the other questions the answer responds to.

    Best practice: a complete en->zh rendering has about 1.4-1.7 Chinese characters per English word
    (measured on machine-translated calls). A line of at least 20 English words whose translation
    has under half an English word's worth of characters per word is reported, with the sentences
    the Chinese side lacks when the question marks or sentence counts show which.
    """

    id = "translation.omission"
    title = "Translation much shorter than the source"
    severity = Severity.WARNING
    weight = 1.1
    groups = GROUPS

    def check_pair(self, pair: Pair, transcript: Transcript) -> Iterator[Finding]:
        words = pair.en_word_count
        if words < OMISSION_MIN_WORDS:
            return
        units = pair.zh_unit_count
        ratio = units / words
        if ratio >= OMISSION_RATIO:
            self.stats["verified"] += 1
            return
        self.stats["contradicted"] += 1
        en_q, zh_q = pair.en.count("?"), pair.zh.count("?") + pair.zh.count("？")
        detail = f" ({en_q} questions in English, {zh_q} in the translation)" if en_q > zh_q else ""
        yield self.finding(
            transcript,
            pair.line,
            f"The translation has {units} characters for {words} English words, about a third of a "
            f"complete rendering: most of the line is not translated{detail}.",
            evidence(pair),
            end_line=pair.translation_line,
            confidence=0.75,
            suggestion="translate the whole line",
            related=[(pair.line, pair.en)],
        )
