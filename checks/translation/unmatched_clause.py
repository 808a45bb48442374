"""translation.unmatched_clause: a clause of one side that nothing on the other side renders."""

from __future__ import annotations

from collections.abc import Iterator

from auditor.check import PairCheck
from auditor.findings import Finding, Severity
from auditor.model import Transcript
from auditor.pairs import Pair
from auditor.textutil import quote

from ._common import GROUPS


class UnmatchedClause(PairCheck):
    """A clause of the English with no counterpart in the translation, or a clause the translation
    adds.

    Anti-pattern: "Margins held at 31%, and we expect freight costs to ease in the fourth quarter"
    rendered 毛利率維持在31%。 (the outlook is gone), or a translation that adds 預計明年將恢復增長
    to a sentence that says nothing about next year. Every figure survives, and a long line hides
    the missing clause from a length test.

    Best practice: every clause is rendered. A clause is reported when none of its content words
    has a dictionary counterpart on the other side (CC-CEDICT), the rest of the sentence does align,
    and the sentence pair is too long or too short on one side by about that clause (Chinese
    characters per English word outside the range of complete renderings, and back within it
    without the clause). A whole English sentence is reported when the translation has one sentence
    fewer, the others pair off in order, and next to none of its words meets the Chinese sentences
    beside where it stood (a sentence merged into its neighbour shares words with it). The
    dictionary is read only for sentence pairs that fail the length test.
    """

    id = "translation.unmatched_clause"
    title = "Clause omitted or added in translation"
    severity = Severity.WARNING
    weight = 1.1
    groups = GROUPS

    def check_pair(self, pair: Pair, transcript: Transcript) -> Iterator[Finding]:
        gaps = pair.clause_gaps(transcript.words)
        if not gaps:
            self.stats["verified"] += 1
            return
        self.stats["contradicted"] += 1
        gap = gaps[0]
        if gap.side == "zh":
            message = (f"The translation adds '{gap.text}', which no word of the English renders "
                       f"({gap.ratio} characters per English word, {gap.rest_ratio} without it).")
            suggestion = f"remove '{gap.text}' from the translation, or check the English"
            line = pair.translation_line
        else:
            message = (f"The English {gap.kind} '{gap.text}' has no counterpart in the translation "
                       f"({gap.ratio} characters per English word, {gap.rest_ratio} without it).")
            suggestion = f"translate '{gap.text}'"
            line = pair.line
        yield self.finding(
            transcript,
            line,
            message,
            f"EN: {quote(gap.unit_en, 180)} | ZH: {quote(gap.unit_zh, 120)}",
            end_line=pair.translation_line if line == pair.line else None,
            confidence=0.55,
            suggestion=suggestion,
            related=[(pair.line, pair.en)] if line != pair.line else [(pair.translation_line, pair.zh)],
        )
