"""translation.figure_roles: the start and end of a change swapped ("from A to B" becomes "from B to A")."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from auditor.alternation import literal_alternation
from auditor.bilingual import figure_family
from auditor.check import PairCheck
from auditor.findings import Finding, Severity
from auditor.model import Transcript
from auditor.pairs import Pair
from auditor.quantities import Quantity
from auditor.textutil import clause_bounds
from auditor.words import Words

from ._common import GROUPS, evidence


@dataclass(frozen=True)
class _RoleCues:
    """Patterns of the role words of `auditor/data/figure_roles.toml`, compiled once per vocabulary."""

    en_link: re.Pattern[str]  # the whole gap between two figures: "A to B"
    en_start: re.Pattern[str]  # at the end of the text before a figure: "from A"
    en_start_window: int
    zh: re.Pattern[str]  # 從/由 (start) or 至/到 (end), not 至今
    zh_start: frozenset[str]


@cache
def _cues(words: Words) -> _RoleCues:
    table = words.table("figure_roles")
    en, zh = table["en"], table["zh"]
    return _RoleCues(
        en_link=re.compile(rf"^\s*(?:{literal_alternation(en['link'])})\s+$", re.IGNORECASE),
        en_start=re.compile(rf"\b(?:{literal_alternation(en['start'])})\s+$", re.IGNORECASE),
        en_start_window=max(len(w) for w in en["start"]) + 4,
        zh=re.compile(
            rf"(?:{literal_alternation(zh['start'])})"
            rf"|(?:{literal_alternation(zh['end'])})(?!{literal_alternation(zh['not_after_end'])})"
        ),
        zh_start=frozenset(zh["start"]),
    )


def _en_roles(text: str, figures: Sequence[Quantity], cues: _RoleCues) -> dict[int, str]:
    """'start' / 'end' for English figures in "from A to B" (or "A to B") changes, by start offset."""
    roles: dict[int, str] = {}
    for a, b in zip(figures, figures[1:], strict=False):
        if cues.en_link.match(text[a.end : b.start]) and figure_family(a) == figure_family(b):
            roles[a.start] = "start"
            roles[b.start] = "end"
    for q in figures:
        if q.start not in roles and cues.en_start.search(text[max(0, q.start - cues.en_start_window) : q.start]):
            roles[q.start] = "start"
    return roles


def _zh_role(text: str, q: Quantity, cues: _RoleCues) -> str | None:
    """'start' for 從/由/自 X, 'end' for 至/到 X: the nearest marker in the clause before the figure."""
    before, _ = clause_bounds(text, q.start, q.end, 14)
    marks = [m.group(0) for m in cues.zh.finditer(before)]
    if not marks:
        return None
    return "start" if marks[-1] in cues.zh_start else "end"


class FigureRoles(PairCheck):
    """The start and end of a change swapped in the translation ("from A to B" becomes "from B to A").

    Anti-pattern: "increased from RMB412.5 million to RMB503.8 million" rendered 從人民幣5.038億元增至
    人民幣4.125億元: both figures survive, so value checks pass, but the change is reversed.

    Best practice: the figure after "from" is the starting point (從/由 in Chinese) and the figure
    after "to" the end point (至/到). A figure is only judged when both sides mark its role.
    """

    id = "translation.figure_roles"
    title = "Start and end of a change swapped in translation"
    severity = Severity.WARNING
    weight = 1.3
    groups = GROUPS

    def check_pair(self, pair: Pair, transcript: Transcript) -> Iterator[Finding]:
        cues = _cues(transcript.words)
        roles = _en_roles(pair.en, pair.figures.english, cues)
        if not roles:
            return
        swapped = []
        for e, z in pair.figures.matched:
            en_role = roles.get(e.start)
            zh_role = _zh_role(pair.zh, z, cues)
            if en_role is None or zh_role is None:
                continue
            if en_role == zh_role:
                self.stats["verified"] += 1
            else:
                swapped.append((e, z, en_role, zh_role))
        if not swapped:
            return
        self.stats["contradicted"] += 1
        e, z, en_role, zh_role = swapped[0]
        detail = "; ".join(
            f"'{a.text}' is the {r} point in English but the {s} point in the translation" for a, _, r, s in swapped
        )
        yield self.finding(
            transcript,
            pair.line,
            f"The translation swaps the roles of the figures of a change: {detail}.",
            evidence(pair, (e.start, e.end), (z.start, z.end)),
            end_line=pair.translation_line,
            confidence=0.8,
            suggestion="keep the English order: 從 <start figure> 至 <end figure>",
            related=[(pair.line, pair.en)],
        )
