"""translation.date: a calendar date that the translation changes ("September 30" rendered 9月3日)."""

from __future__ import annotations

from collections.abc import Iterator

from auditor.check import PairCheck
from auditor.dates import DateMention
from auditor.findings import Finding, Severity
from auditor.model import Transcript
from auditor.pairs import Pair

from ._common import GROUPS, evidence


def _same_date(a: DateMention, b: DateMention) -> bool:
    return a.month == b.month and a.day == b.day and (a.year is None or b.year is None or a.year == b.year)


class DateDivergence(PairCheck):
    """A calendar date that the translation changes ("September 30" rendered 9月3日).

    Anti-pattern: a dropped digit or a swapped month turns the balance-sheet date into another
    day; the figure it dates is then misdated for every Chinese reader.

    Best practice: every date of the English line appears on the Chinese line with the same month,
    day and year. Only a paragraph with exactly one unmatched date on each side is reported, so a
    translation that merely adds or omits a date stays silent.
    """

    id = "translation.date"
    title = "Date changed in translation"
    severity = Severity.ERROR
    weight = 1.3
    groups = GROUPS

    def check_pair(self, pair: Pair, transcript: Transcript) -> Iterator[Finding]:
        en = [d for d in pair.en_dates if d.day is not None]
        zh = [d for d in pair.zh_dates if d.day is not None]
        en_rest = [d for d in en if not any(_same_date(d, z) for z in zh)]
        zh_rest = [z for z in zh if not any(_same_date(d, z) for d in en)]
        self.stats["verified"] += len(en) - len(en_rest)
        if len(en_rest) != 1 or len(zh_rest) != 1:
            return
        d, z = en_rest[0], zh_rest[0]
        self.stats["contradicted"] += 1
        yield self.finding(
            transcript,
            pair.line,
            f"'{d.text.strip()}' becomes '{z.text.strip()}' in the translation.",
            evidence(pair, (d.start, d.end), (z.start, z.end)),
            end_line=pair.translation_line,
            confidence=0.9,
            suggestion=d.render_zh(),
            related=[(pair.line, pair.en)],
        )
