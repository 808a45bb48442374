"""translation.period: a reporting period that changes in the translation (quarter, half, year, YoY/QoQ)."""

from __future__ import annotations

from collections.abc import Iterator

from auditor.check import PairCheck
from auditor.findings import Finding, Severity
from auditor.model import Transcript
from auditor.pairs import Pair

from ._common import GROUPS, evidence

#: How each comparison basis is named in a message, with the Chinese renderings to suggest.
_REL_NAMES = {"previous": "quarter over quarter (季增/環比)", "year_ago": "year over year (年增/同比)"}


class PeriodDivergence(PairCheck):
    """A reporting period that changes in the translation: quarter, half, year, or YoY against QoQ.

    Anti-pattern: "third quarter" rendered 第二季, "quarter over quarter" rendered 年增 (year over
    year), "second half" rendered 上半年, or another year. The figure is then attributed to the
    wrong period.

    Best practice: the quarters, halves and years of the English line are the ones of the Chinese
    line, and a year-over-year change stays 年增/同比 while a sequential one stays 季增/環比. Only
    periods stated on both sides are compared; a period the translation leaves out is not reported.
    """

    id = "translation.period"
    title = "Reporting period changed in translation"
    severity = Severity.WARNING
    weight = 1.2
    groups = GROUPS

    def check_pair(self, pair: Pair, transcript: Transcript) -> Iterator[Finding]:
        yield from self._numbered(transcript, pair, "quarter", ["first", "second", "third", "fourth"], "第{}季")
        yield from self._numbered(transcript, pair, "half", ["first", "second"], "{}半年")
        yield from self._years(transcript, pair)
        yield from self._relative(transcript, pair)

    def _numbered(
        self, transcript: Transcript, pair: Pair, kind: str, ordinals: list[str], zh_form: str
    ) -> Iterator[Finding]:
        en = {m.number for m in pair.en_periods if m.kind == kind and m.number}
        zh = {m.number for m in pair.zh_periods if m.kind == kind and m.number}
        if not en or not zh or not (en - zh) or not (zh - en):
            if en and zh:
                self.stats["verified"] += 1
            return
        self.stats["contradicted"] += 1
        e = next(m for m in pair.en_periods if m.kind == kind and m.number in en - zh)
        z = next(m for m in pair.zh_periods if m.kind == kind and m.number in zh - en)
        zh_names = "一二三四" if kind == "quarter" else "上下"
        assert e.number is not None
        yield self.finding(
            transcript,
            pair.line,
            f"The English '{e.text}' is the {ordinals[e.number - 1]} {kind}, but the translation says "
            f"'{z.text}' ({ordinals[(z.number or 1) - 1]} {kind}).",
            evidence(pair, (e.start, e.end), (z.start, z.end)),
            end_line=pair.translation_line,
            confidence=0.85,
            suggestion=zh_form.format(zh_names[e.number - 1]),
            related=[(pair.line, pair.en)],
        )

    def _years(self, transcript: Transcript, pair: Pair) -> Iterator[Finding]:
        en, zh = pair.en_years, pair.zh_years
        if not en or not zh or not (en - zh) or not (zh - en) or len(en - zh) != 1 or len(zh - en) != 1:
            return
        (e_year,), (z_year,) = en - zh, zh - en
        self.stats["contradicted"] += 1
        e_at = pair.en.find(str(e_year))
        z_at = pair.zh.find(str(z_year))
        yield self.finding(
            transcript,
            pair.line,
            f"The English year {e_year} becomes {z_year} in the translation.",
            evidence(pair, (e_at, e_at + 4), (z_at, z_at + 4)),
            end_line=pair.translation_line,
            confidence=0.75,
            suggestion=f"{e_year}年",
            related=[(pair.line, pair.en)],
        )

    def _relative(self, transcript: Transcript, pair: Pair) -> Iterator[Finding]:
        en = {m.relative for m in pair.en_periods if m.relative in _REL_NAMES}
        zh = {m.relative for m in pair.zh_periods if m.relative in _REL_NAMES}
        if not en or not zh or en & zh:
            return
        e = next(m for m in pair.en_periods if m.relative in _REL_NAMES)
        z = next(m for m in pair.zh_periods if m.relative in _REL_NAMES)
        self.stats["contradicted"] += 1
        assert e.relative is not None and z.relative is not None
        yield self.finding(
            transcript,
            pair.line,
            f"'{e.text}' is {_REL_NAMES[e.relative].split(' (')[0]} but the translation says '{z.text}' "
            f"({_REL_NAMES[z.relative].split(' (')[0]}).",
            evidence(pair, (e.start, e.end), (z.start, z.end)),
            end_line=pair.translation_line,
            confidence=0.8,
            suggestion=_REL_NAMES[e.relative],
            related=[(pair.line, pair.en)],
        )
