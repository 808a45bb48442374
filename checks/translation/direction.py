"""translation.direction: an increase rendered as a decrease, or the reverse."""

from __future__ import annotations

from collections.abc import Iterator

from auditor.bilingual import direction_en, direction_zh
from auditor.check import PairCheck
from auditor.findings import Finding, Severity
from auditor.model import Transcript
from auditor.pairs import Pair
from auditor.textutil import clause_bounds

from ._common import GROUPS, evidence

_WORD = {"up": "an increase", "down": "a decrease"}


class DirectionDivergence(PairCheck):
    """A change whose direction flips in the translation (an increase rendered as a decrease).

    Anti-pattern: "revenue decreased by 6.2% year over year" rendered 收入年增6.2% (grew 6.2%):
    the figure survives, so digit-based QA passes, but the fact is reversed.

    Best practice: a percentage change keeps its direction: up/increased/grew with 增/成長/上升,
    down/decreased/narrowed with 減/下降/收窄. Only figures with a direction cue next to them on
    both sides are compared, so a translation that leaves the cue out stays silent.
    """

    id = "translation.direction"
    title = "Increase and decrease swapped in translation"
    severity = Severity.WARNING
    weight = 1.3
    groups = GROUPS

    def check_pair(self, pair: Pair, transcript: Transcript) -> Iterator[Finding]:
        words = transcript.words
        for e, z in pair.figures.matched:
            if e.kind not in ("percent", "points", "bps"):
                continue
            en_dir = direction_en(*clause_bounds(pair.en, e.start, e.end, 60), words=words)
            zh_before, zh_after = clause_bounds(pair.zh, z.start, z.end, 8)
            zh_dir = direction_zh(zh_before, zh_after[:6], words=words)
            if en_dir is None or zh_dir is None:
                self.stats["unchecked"] += 1
                continue
            if en_dir == zh_dir:
                self.stats["verified"] += 1
                continue
            self.stats["contradicted"] += 1
            yield self.finding(
                transcript,
                pair.line,
                f"'{e.text}' is {_WORD[en_dir]} in English but {_WORD[zh_dir]} in the translation "
                f"('{zh_before[-4:]}{z.text}').",
                evidence(pair, (e.start, e.end), (z.start, z.end)),
                end_line=pair.translation_line,
                confidence=0.85,
                suggestion=f"render it as {'增加/成長' if en_dir == 'up' else '減少/下降'} {z.text}",
                related=[(pair.line, pair.en)],
            )
