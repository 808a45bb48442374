"""Pieces every translation check shares: the family group, the translated pairs, and evidence
that quotes both sides centred on the spans that differ."""

from __future__ import annotations

from collections.abc import Iterator

from auditor.model import Transcript
from auditor.pairs import Pair
from auditor.textutil import quote, snippet

GROUPS = ("translation",)

#: Clause boundaries: sentence punctuation and commas, except a comma between digits (1,625.3).
def translated_pairs(transcript: Transcript) -> Iterator[Pair]:
    """Pairs with a translation line written in Chinese, for the checks that compare across the file
    (the per-pair checks get the same pairs from `PairCheck`)."""
    return (pair for pair in transcript.pairs if pair.is_translated)


def evidence(pair: Pair, en_span: tuple[int, int] | None = None, zh_span: tuple[int, int] | None = None) -> str:
    """Both sides quoted: 'EN: … | ZH: …', centred on the spans that differ when given."""
    en = snippet(pair.en, *en_span, width=60) if en_span else quote(pair.en, 180)
    zh = snippet(pair.zh, *zh_span, width=30) if zh_span else quote(pair.zh, 120)
    return f"EN: {en} | ZH: {zh}"
