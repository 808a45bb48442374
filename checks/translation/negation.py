"""translation.negation: a negation present on one side and absent on the other."""

from __future__ import annotations

from collections.abc import Iterator

from auditor.bilingual import negations
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
    Clauses are compared one by one where both sides have as many clauses, else sentences, else
    the whole line. A clause negation on one side ("not", 不會, 沒有) is reported only when the
    other side has no negation at all: lexical negations count on both sides ("avoid", "instead
    of", "unclear", "careless", 避免, 缺乏, 難以, 不確定), and look-alikes never do ("not only",
    不僅, 不斷, 非常, 是否, 能否, A-not-A questions such as 會不會 and 有沒有).
    """

    id = "translation.negation"
    title = "Negation lost or added in translation"
    severity = Severity.WARNING
    weight = 1.2
    groups = GROUPS

    def check_pair(self, pair: Pair, transcript: Transcript) -> Iterator[Finding]:
        words = transcript.words
        for en, zh in pair.units:
            n_en, n_zh = negations(en, "en", words), negations(zh, "zh", words)
            if n_en.strong and not n_zh.any:
                message = (f"The English is negated ({', '.join(repr(c) for c in n_en.strong)}) "
                           "but its translation has no negation.")
                suggestion = "render the negation (不/沒有/未)"
            elif n_zh.strong and not n_en.any:
                message = (f"The translation is negated ({', '.join(repr(c) for c in n_zh.strong)}) "
                           "but the English has no negation.")
                suggestion = "remove the negation from the translation, or check the English"
            else:
                self.stats["verified" if n_en.any else "unchecked"] += 1
                continue
            self.stats["contradicted"] += 1
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
            return
