"""translation.untranslated: a translation line left in English (or identical to its source)."""

from __future__ import annotations

from collections.abc import Iterator

from auditor.check import PairCheck
from auditor.findings import Finding, Severity
from auditor.model import Transcript
from auditor.pairs import Pair
from auditor.textutil import latin_count, quote

from ._common import GROUPS


class Untranslated(PairCheck):
    """A translation line left in English (or identical to its source).

    Anti-pattern: "Thank you. We will now take questions." on the line where the Chinese should
    be: the Chinese edition silently switches language.

    Best practice: every translation line is in Chinese; names, tickers and product names may stay
    in Latin script, so only a line with no Chinese character and at least three English words, or
    a copy of the source line, is reported.
    """

    id = "translation.untranslated"
    title = "Line left untranslated"
    severity = Severity.WARNING
    weight = 1.0
    groups = GROUPS
    include_untranslated = True

    def check_pair(self, pair: Pair, transcript: Transcript) -> Iterator[Finding]:
        zh = pair.zh
        copy = zh.strip() == pair.en.strip()
        if not copy and (pair.is_translated or latin_count(zh) == 0 or pair.zh_english_word_count < 3):
            self.stats["verified"] += 1
            return
        self.stats["contradicted"] += 1
        yield self.finding(
            transcript,
            pair.translation_line,
            "The translation line is " + ("a copy of the English line." if copy else "in English, not Chinese."),
            f"EN: {quote(pair.en, 160)} | ZH: {quote(zh, 160)}",
            confidence=0.9,
            suggestion="translate the line into Chinese",
            related=[(pair.line, pair.en)],
        )
