"""Where the call names its own period ("our third quarter 2025 results"), to check against the release.

Why only those phrases: a call names many periods (the prior year it compares with, the guidance
quarter); only a period followed by "results", "earnings call" and the like, in the title lines or
the opening remarks, is the period the call says it reports on. The release settles which one that is.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from auditor.dates import PeriodMention, find_periods
from auditor.reference.vocabulary import vocabulary

if TYPE_CHECKING:
    from auditor.model import Transcript

#: how many paragraphs of the opening are searched (title lines always are)
OPENING_PARAGRAPHS = 3


@dataclass(frozen=True)
class PeriodStatement:
    line: int
    text: str
    mention: PeriodMention


def own_period_statements(transcript: Transcript) -> list[PeriodStatement]:
    """Explicit quarters and years the title lines and opening paragraphs give as the call's own."""
    vocab = vocabulary(transcript.words)
    found: list[PeriodStatement] = []
    candidates = [(line, text, find_periods(text, "en", transcript.words)) for line, text in transcript.preamble]
    for p in transcript.paragraphs[:OPENING_PARAGRAPHS]:
        if "analyst" in (p.role or "").lower():
            break
        candidates.append((p.line, p.text, p.periods))
    for line, text, periods in candidates:
        for mention in periods:
            if mention.relative is not None or mention.year is None:
                continue
            if mention.kind == "quarter" and mention.number is None:
                continue
            if vocab.not_own_re.search(text[max(0, mention.start - 30) : mention.start]):
                continue  # "compared with our first quarter results", "we will report our ..."
            if vocab.results_re.match(text[mention.end :]):
                found.append(PeriodStatement(line, text, mention))
    return found
