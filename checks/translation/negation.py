"""translation.negation: a negation present on one side and absent on the other."""

from __future__ import annotations

from collections.abc import Iterator

from auditor.bilingual import negation_count, negation_cues
from auditor.check import PairCheck
from auditor.findings import Finding, Severity
from auditor.model import Transcript
from auditor.pairs import Pair
from auditor.textutil import quote

from ._common import GROUPS


class NegationDivergence(PairCheck):
    """A negation present on one side and absent on the other ("do not expect" rendered 預計).

    Anti-pattern: "We do not expect further impairment" rendered 我們預計將出現進一步減值 (we
    expect further impairment): the translation states the opposite of what management said.

    Best practice: a negated statement stays negated (not/no/never/n't against 不/沒/未/無/非/勿).
    Sentences are compared one by one when both sides have the same number of sentences, else the
    whole line; look-alikes that do not negate ("not only", 不僅, 不斷, 非常, 未來) are ignored, and
    only a side with no negation at all against one with a negation is reported.
    """

    id = "translation.negation"
    title = "Negation lost or added in translation"
    severity = Severity.WARNING
    weight = 1.2
    groups = GROUPS

    def check_pair(self, pair: Pair, transcript: Transcript) -> Iterator[Finding]:
        words = transcript.words
        p = pair.paragraph
        en_sents = [s.text for s in p.sentences]  # the model's spaCy sentences, both sides
        zh_sents = [s.text for s in p.translation_sentences if s.text.strip()]
        same_count = len(en_sents) == len(zh_sents)
        units = list(zip(en_sents, zh_sents, strict=True)) if same_count else [(pair.en, pair.zh)]
        for en, zh in units:
            n_en, n_zh = negation_count(en, "en", words=words), negation_count(zh, "zh", words=words)
            if n_en == 0 and n_zh:
                n_zh = negation_count(zh, "zh", strong=True, words=words)
            if (n_en == 0) == (n_zh == 0):
                self.stats["verified" if n_en else "unchecked"] += 1
                continue
            self.stats["contradicted"] += 1
            if n_en:
                cues = ", ".join(f"'{c}'" for c in negation_cues(en, "en", words=words))
                message = f"The English is negated ({cues}) but its translation has no negation."
                suggestion = "render the negation (不/沒有/未)"
            else:
                cues = ", ".join(f"'{c}'" for c in negation_cues(zh, "zh", strong=True, words=words))
                message = f"The translation is negated ({cues}) but the English has no negation."
                suggestion = "remove the negation from the translation, or check the English"
            yield self.finding(
                transcript,
                pair.line,
                message,
                f"EN: {quote(en, 180)} | ZH: {quote(zh, 120)}",
                end_line=pair.translation_line,
                confidence=0.7,
                suggestion=suggestion,
                related=[(pair.line, pair.en)],
            )
